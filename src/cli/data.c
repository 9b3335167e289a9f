/* data.c — finding the data files and loading them once for a command.
 * Without --actors/--challenges the bundled files are used, looked for in
 * this order: $COCREATE_DATA; the build tree's data directory, only for
 * the program inside the build tree; ../share/cocreate beside the program
 * (installed under any prefix); the configured install directory. The
 * thesaurus is the one --thesaurus names (a bare name that is no file here
 * is looked for in the same places); without it, when the actors are the
 * bundled ones (no -a), the thesaurus.csv of the directory they come from,
 * if it has one: it is written for those actors, not for another file.
 * --no-thesaurus turns that default off. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli_internal.h"
#include "cocreate/io.h"

/* "dir/file" in a malloc'd string; NULL when out of memory. */
static char *path_join(const char *dir, const char *file)
{
    size_t n = strlen(dir), m = strlen(file);
    char *path = malloc(n + m + 2);
    if (path) {
        memcpy(path, dir, n);
        path[n] = '/';
        memcpy(path + n + 1, file, m + 1);
    }
    return path;
}

/* The directory holding the running program, malloc'd; NULL when it cannot
 * be known (errno 0) or when out of memory (errno ENOMEM). */
static char *program_dir(void)
{
    for (size_t size = 256;; size *= 2) {
        char *exe = malloc(size);
        if (!exe) {
            errno = ENOMEM;
            return NULL;
        }
        ssize_t n = readlink("/proc/self/exe", exe, size);
        if (n <= 0) {
            free(exe);
            errno = 0;
            return NULL;
        }
        if ((size_t)n < size) {
            exe[n] = '\0';
            char *slash = strrchr(exe, '/');
            if (slash)
                *slash = '\0';
            return exe;
        }
        free(exe); /* maybe cut: try a larger buffer */
    }
}

/* True when `dir` is the build directory this program was built in (the
 * same file, however named): only that program may use the build tree's
 * data. */
static bool is_build_dir(const char *dir)
{
#ifdef COCREATE_BUILD_DIR
    struct stat a, b;
    return stat(dir, &a) == 0 && stat(COCREATE_BUILD_DIR, &b) == 0 && a.st_dev == b.st_dev &&
           a.st_ino == b.st_ino;
#else
    (void)dir;
    return false;
#endif
}

/* Sets *path to `candidate` when readable (else frees it); false when
 * `candidate` is NULL (out of memory). */
static bool try_path(char *candidate, char **path)
{
    if (!candidate)
        return false;
    if (access(candidate, R_OK) == 0)
        *path = candidate;
    else
        free(candidate);
    return true;
}

/* Finds bundled `file` (see the top of this file); *path is malloc'd, or
 * NULL when no directory holds it. CC_ESOFTWARE when out of memory. */
static cc_status bundled(const char *file, char **path, cc_error *err)
{
    *path = NULL;
    const char *env = getenv("COCREATE_DATA");
    if (env && *env) {
        /* explicit: used even if missing, to report it */
        *path = path_join(env, file);
        return *path ? CC_OK : cc_error_add(err, CC_ESOFTWARE, "out of memory");
    }
    char *dir = program_dir();
    if (!dir && errno == ENOMEM)
        return cc_error_add(err, CC_ESOFTWARE, "out of memory");
    bool ok = true;
    if (dir) {
        char *share = path_join(dir, "../share/cocreate");
#ifdef COCREATE_BUILD_DATADIR
        if (is_build_dir(dir))
            ok = try_path(path_join(COCREATE_BUILD_DATADIR, file), path);
#endif
        if (ok && !*path)
            ok = share && try_path(path_join(share, file), path);
        free(share);
        free(dir);
    }
    if (ok && !*path)
        ok = try_path(path_join(COCREATE_DATADIR, file), path);
    return ok ? CC_OK : cc_error_add(err, CC_ESOFTWARE, "out of memory");
}

/* A bundled file found at `*path` must not be replaced by the -o file
 * `output` (or NULL): then a usage error, and *path is freed and NULL
 * (cc_cli_parse checked the files given on the command line). */
static cc_status not_output(const char *output, char **path, cc_error *err)
{
    if (!output || !cc_io_same_file(output, *path))
        return CC_OK;
    cc_status st = cc_error_add(
        err, CC_EUSAGE, "-o %s is the bundled %s: writing the output would destroy it", output,
        *path);
    free(*path);
    *path = NULL;
    return st;
}

/* The file to read: the one given, else the bundled one, which the -o
 * file `output` (or NULL) must not replace. `*path` is malloc'd on CC_OK,
 * NULL otherwise. */
static cc_status data_path(const char *given, const char *file, const char *output, char **path,
                           cc_error *err)
{
    if (given) {
        *path = strdup(given);
        return *path ? CC_OK : cc_error_add(err, CC_ESOFTWARE, "out of memory");
    }
    cc_status st = bundled(file, path, err);
    if (st == CC_OK && !*path)
        return cc_error_add(err, CC_ENOINPUT,
                            "cannot find the bundled %s: give the file with an option, or set "
                            "COCREATE_DATA to the directory holding it",
                            file);
    return st == CC_OK ? not_output(output, path, err) : st;
}

/* The thesaurus file: the path given when it names a file (or standard
 * input); else, for a bare name, the bundled file of that name when it
 * exists ("thesaurus.csv"); else the name given, which the loader then
 * reports missing. `*path` is malloc'd on CC_OK, NULL otherwise. */
static cc_status thesaurus_path(const cc_cli *cli, char **path, cc_error *err)
{
    const char *given = cli->thesaurus_path;
    struct stat info;
    *path = NULL;
    if (*given && strcmp(given, "-") != 0 && !strchr(given, '/') && access(given, F_OK) != 0) {
        char *found;
        cc_status st = bundled(given, &found, err);
        if (st != CC_OK)
            return st;
        if (found && stat(found, &info) == 0 && S_ISREG(info.st_mode) &&
            access(found, R_OK) == 0) {
            *path = found;
            return not_output(cli->output, path, err);
        }
        free(found);
    }
    *path = strdup(given);
    return *path ? CC_OK : cc_error_add(err, CC_ESOFTWARE, "out of memory");
}

/* The default thesaurus: "thesaurus.csv" in the directory the bundled
 * actors are found in, when there is such a file (else *path is NULL and
 * no thesaurus applies). Found beside the actors rather than looked up on
 * its own, so that it never comes from another data directory than the
 * actors it was written for. A file that is there but unreadable is
 * reported by the loader rather than silently left out. */
static cc_status default_thesaurus_path(const cc_cli *cli, char **path, cc_error *err)
{
    static const char name[] = "thesaurus.csv";
    char *actors;
    *path = NULL;
    cc_status st = bundled("actors.csv", &actors, err);
    if (st != CC_OK || !actors)
        return st; /* no bundled actors: loading them reports it */
    char *slash = strrchr(actors, '/'); /* bundled() joined a directory and the name */
    if (slash) {
        *slash = '\0';
        *path = path_join(actors, name);
    }
    free(actors);
    if (!slash)
        return CC_OK;
    if (!*path)
        return cc_error_add(err, CC_ESOFTWARE, "out of memory");
    struct stat info;
    if (stat(*path, &info) != 0 && (errno == ENOENT || errno == ENOTDIR)) {
        free(*path);
        *path = NULL;
        return CC_OK;
    }
    return not_output(cli->output, path, err);
}

/* Loads the thesaurus that applies (see the top of this file), if any. */
static cc_status load_thesaurus(const cc_cli *cli, cc_dataset *data, cc_error *err)
{
    char *path = NULL;
    cc_status st = CC_OK;
    if (cli->thesaurus_path)
        st = thesaurus_path(cli, &path, err);
    else if (!cli->no_thesaurus && !cli->actors_path)
        st = default_thesaurus_path(cli, &path, err);
    if (st == CC_OK && path)
        st = cc_thesaurus_load_file(&data->thesaurus, path, err);
    free(path);
    return st;
}

static cc_status load_actors(const cc_cli *cli, cc_dataset *data, cc_error *err)
{
    char *path;
    cc_status st = data_path(cli->actors_path, "actors.csv", cli->output, &path, err);
    if (st != CC_OK)
        return st;
    cc_load_options opt = {.delimiter = cli->delimiter,
                           .encoding = cli->encoding,
                           .skip_bad_rows = cli->skip_bad_rows,
                           .warn = cc_cli_warn,
                           .warn_ctx = (void *)cli,
                           .thesaurus = data->thesaurus};
    cc_progress p;
    if (cc_progress_start(cli, "reading", cc_io_source_name(path), &p)) {
        opt.progress = cc_progress_show;
        opt.progress_ctx = &p;
    }
    st = cc_actors_load_file(&data->actors, path, &opt, data->tags, err);
    cc_progress_end(&p);
    free(path);
    return st;
}

static cc_status load_challenges(const cc_cli *cli, cc_dataset *data, cc_error *err)
{
    char *path;
    cc_status st = data_path(cli->challenges_path, "challenges.json", cli->output, &path, err);
    if (st != CC_OK)
        return st;
    /* a challenges spreadsheet is exported like the actors' one: the same
     * --encoding; its delimiter is detected */
    cc_challenges_options copt = {cli->skip_bad_rows, cc_cli_warn, (void *)cli, data->thesaurus,
                                  0, cli->encoding};
    st = cc_challenges_load_file(&data->challenges, path, &copt, data->tags, err);
    free(path);
    return st;
}

cc_status cc_cli_load(const cc_cli *cli, bool actors, bool challenges, cc_dataset *data,
                      cc_error *err)
{
    *data = (cc_dataset){0};
    data->tags = cc_intern_new();
    if (!data->tags)
        return cc_error_add(err, CC_ESOFTWARE, "out of memory");
    cc_status st = load_thesaurus(cli, data, err);
    if (st == CC_OK && actors)
        st = load_actors(cli, data, err);
    if (st == CC_OK && challenges)
        st = load_challenges(cli, data, err);
    return st;
}

void cc_dataset_free(cc_dataset *data)
{
    cc_actors_free(&data->actors);
    cc_challenges_free(&data->challenges);
    cc_thesaurus_free(data->thesaurus);
    cc_intern_free(data->tags);
    *data = (cc_dataset){0};
}
