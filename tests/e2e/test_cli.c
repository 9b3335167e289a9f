/* test_cli.c — end-to-end tests of the built program, one group per run:
 * a group of the data-driven cases of cases.txt (exit status, stderr,
 * stdout), or one of the checks that need code: every file of bad/ has a
 * case, every output format parses, match agrees with the library's exact
 * ranking on random data, -o is atomic (a signal that stops the run too), a
 * closed pipe ends quietly, the program installed into a temporary prefix
 * finds its data from any directory, an --excel file opens in LibreOffice.
 * tests/CMakeLists.txt registers each group as a ctest test.
 * A group that needs what the machine lacks (a pseudo-terminal, LibreOffice)
 * exits with SKIPPED (77), or fails when the environment requires it.
 * With COCREATE_E2E_VALGRIND naming valgrind, every run of the program goes
 * through memcheck, and any error or leak it reports fails the case.
 * Usage: test_cli PROGRAM E2E_DIR BUILD_DIR GROUP */
#define _XOPEN_SOURCE 700 /* realpath */
#include <cjson/cJSON.h>
#include <csv.h>
#include <dirent.h>
#include <limits.h>
#include <signal.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cocreate/rank.h"
#include "harness.h"

/* ctest's SKIP_RETURN_CODE for this program's tests */
#define SKIPPED 77

static const char *program, *e2e_dir, *build_dir;
static const char *binary; /* the program itself, even when $C wraps it in memcheck */
static const char *group;         /* the group this run tests */
static char work_dir[PATH_MAX];   /* scratch directory, under $TMPDIR; $W in cases */
static char *memcheck_dir;        /* under COCREATE_E2E_VALGRIND: the wrapper and its logs */
static char *memcheck_script;     /* the wrapper, then $C */

typedef struct {
    int status;
    char *out, *err;
} result;

static char *slurp(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return strdup("");
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    rewind(fp);
    char *s = malloc((size_t)n + 1);
    size_t got = fread(s, 1, (size_t)n, fp);
    s[got] = '\0';
    fclose(fp);
    return s;
}

/* A new string formatted as by printf; the caller frees it. */
static char *format(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = malloc((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return s;
}

/* ------------------------------------------------------------- memcheck */

/* Makes $C a script that runs the program under valgrind's memcheck, each
 * process logging to its own file in memcheck_dir. A log is empty when the
 * run was clean: the exit status alone would be lost in a pipeline. */
static void wrap_in_valgrind(const char *valgrind)
{
    memcheck_dir = format("%s/.memcheck", work_dir); /* hidden: cases list $W */
    char *script = memcheck_script = format("%s/cocreate", memcheck_dir);
    FILE *fp = mkdir(memcheck_dir, 0700) == 0 ? fopen(script, "w") : NULL;
    if (!fp || fprintf(fp,
                       "#!/bin/sh\n"
                       "exec '%s' -q --error-exitcode=99 --leak-check=full "
                       "--errors-for-leak-kinds=definite,indirect --log-file='%s/log.%%p' "
                       "'%s' \"$@\"\n",
                       valgrind, memcheck_dir, program) < 0 ||
        fclose(fp) != 0 || chmod(script, 0700) != 0) {
        fprintf(stderr, "test_cli: cannot write %s\n", script);
        exit(2);
    }
    program = script;
}

/* Fails the case when a log of the last command holds anything (printed),
 * and removes the logs. (A group's probe runs outside the suite, but never
 * runs the program.) */
static void check_memcheck_logs(const char *command)
{
    DIR *dir = opendir(memcheck_dir);
    if (!dir) {
        fprintf(stderr, "test_cli: cannot read %s\n", memcheck_dir);
        exit(2);
    }
    for (struct dirent *e; (e = readdir(dir));) {
        if (strncmp(e->d_name, "log.", 4) != 0)
            continue;
        char *path = format("%s/%s", memcheck_dir, e->d_name);
        char *log = slurp(path);
        if (log[0]) {
            CU_FAIL("memcheck reported an error or a leak");
            fprintf(stderr, "\n  memcheck, running: %s\n%s", command, log);
        }
        free(log);
        remove(path);
        free(path);
    }
    closedir(dir);
}

/* Runs `command` with bash in the e2e directory, $C naming the program,
 * $B the binary itself (never wrapped: for cases that copy it and run it
 * as another user) and $W the scratch directory. */
static result run(const char *command)
{
    /* the command travels in $CMD, so its own quoting stays intact */
    char *full = format("cd '%s' && C='%s' B='%s' W='%s' bash -c 'eval \"$0\"' \"$CMD\" "
                        ">'%s/out' 2>'%s/err'",
                        e2e_dir, program, binary, work_dir, work_dir, work_dir);
    setenv("CMD", command, 1);
    int status = system(full);
    free(full);
    result r = {WIFEXITED(status) ? WEXITSTATUS(status) : -1, NULL, NULL};
    char *path = format("%s/out", work_dir);
    r.out = slurp(path);
    free(path);
    path = format("%s/err", work_dir);
    r.err = slurp(path);
    free(path);
    if (memcheck_dir)
        check_memcheck_logs(command);
    return r;
}

static void release(result *r)
{
    free(r->out);
    free(r->err);
}

/* ---------------------------------------------------------------- cases */

static char *trim(char *s)
{
    while (*s == ' ')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\n'))
        s[--n] = '\0';
    return s;
}

/* The character the escape \c stands for in an expectation, or 0. */
static char escaped(char c)
{
    switch (c) {
    case 'n': return '\n';
    case 'r': return '\r';
    case 't': return '\t';
    case '\\': return '\\';
    default: return 0;
    }
}

/* Turns the escapes \n \r \t \\ of an expectation into their characters,
 * in place; any other backslash stays as it is. */
static char *unescape(char *s)
{
    char *out = s;
    for (const char *p = s; *p; p++) {
        char e = p[0] == '\\' ? escaped(p[1]) : 0;
        if (e) {
            *out++ = e;
            p++;
        } else {
            *out++ = *p;
        }
    }
    *out = '\0';
    return s;
}

/* An expectation of cases.txt: "-" none, "=TEXT" exactly TEXT, else a
 * text the stream contains. */
static bool meets(const char *expectation, const char *stream)
{
    if (strcmp(expectation, "-") == 0)
        return true;
    if (expectation[0] == '=')
        return strcmp(expectation + 1, stream) == 0;
    return strstr(stream, expectation) != NULL;
}

/* Runs the cases of the group named `group` in cases.txt. */
static void test_cases(void)
{
    char *path = format("%s/cases.txt", e2e_dir);
    FILE *fp = fopen(path, "r");
    free(path);
    CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
    char line[8192], section[64] = "";
    int cases = 0, number = 0;
    while (fgets(line, sizeof line, fp)) {
        number++;
        CU_ASSERT_PTR_NOT_NULL_FATAL(strchr(line, '\n')); /* no line is cut */
        if (line[0] == '#' || line[0] == '\n')
            continue;
        if (line[0] == '[') {
            CU_ASSERT_EQUAL_FATAL(sscanf(line, "[%63[^]]]", section), 1);
            continue;
        }
        if (!section[0]) {
            CU_FAIL("a case before the first [group] line");
            fprintf(stderr, "\n  cases.txt:%d: a case outside any group\n", number);
            continue;
        }
        if (strcmp(section, group) != 0)
            continue;
        char *field[5];
        char *p = line;
        int n = 0;
        for (; n < 5 && p; n++) {
            field[n] = p;
            char *sep = strstr(p, " :: ");
            if (sep) {
                *sep = '\0';
                p = sep + 4;
            } else {
                p = NULL;
            }
        }
        CU_ASSERT_EQUAL_FATAL(n, 5);
        for (int i = 0; i < 5; i++)
            field[i] = trim(field[i]);
        unescape(field[3]);
        unescape(field[4]);
        result r = run(field[1]);
        int expected = atoi(field[2]);
        bool ok = r.status == expected;
        ok &= meets(field[3], r.err);
        ok &= meets(field[4], r.out);
        ok &= expected == 0 || r.out[0] == '\0'; /* no output on failure */
        CU_ASSERT_TRUE(ok);
        if (!ok)
            fprintf(stderr,
                    "\n  case '%s' (cases.txt:%d): exit %d (expected %d)\n"
                    "  stderr: %s\n  expected: %s\n  stdout: %.2000s\n  expected: %s\n",
                    field[0], number, r.status, expected, r.err, field[3], r.out, field[4]);
        release(&r);
        cases++;
    }
    fclose(fp);
    CU_ASSERT_TRUE(cases > 0); /* the group exists */
    if (cases == 0)
        fprintf(stderr, "\n  cases.txt has no group [%s]\n", group);
}

/* The catalogue of bad inputs: every file of bad/ is named by a case of
 * cases.txt, which says what it gets; a file cannot be added without it. */
static void test_catalogue(void)
{
    char *path = format("%s/cases.txt", e2e_dir);
    char *cases = slurp(path);
    free(path);
    path = format("%s/bad", e2e_dir);
    DIR *dir = opendir(path);
    free(path);
    CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
    int files = 0;
    for (struct dirent *e = readdir(dir); e; e = readdir(dir)) {
        if (e->d_name[0] == '.')
            continue;
        char *named = format("bad/%s ", e->d_name);
        bool found = strstr(cases, named) != NULL;
        CU_ASSERT_TRUE(found);
        if (!found)
            fprintf(stderr, "\n  %s has no case in cases.txt\n", named);
        free(named);
        files++;
    }
    closedir(dir);
    free(cases);
    CU_ASSERT_TRUE(files > 20);
}

/* --------------------------------------------------- formats that parse */

static int csv_columns, csv_rows;
static void count_field(void *s, size_t n, void *ctx)
{
    (void)s, (void)n, (void)ctx;
    csv_columns++;
}
static void count_row(int c, void *ctx)
{
    (void)c, (void)ctx;
    CU_ASSERT_EQUAL(csv_columns, 16);
    csv_columns = 0;
    csv_rows++;
}

static void test_formats_parse(void)
{
    const char delimiters[] = {',', '\t'};
    const char *formats[] = {"csv", "tsv"};
    for (int f = 0; f < 2; f++) {
        char cmd[256];
        snprintf(cmd, sizeof cmd, "$C match --all -k 5 -f %s", formats[f]);
        result r = run(cmd);
        CU_ASSERT_EQUAL(r.status, 0);
        struct csv_parser p;
        csv_init(&p, CSV_STRICT | CSV_STRICT_FINI);
        csv_set_delim(&p, (unsigned char)delimiters[f]);
        csv_rows = csv_columns = 0;
        CU_ASSERT_EQUAL(csv_parse(&p, r.out, strlen(r.out), count_field, count_row, NULL), strlen(r.out));
        CU_ASSERT_EQUAL(csv_fini(&p, count_field, count_row, NULL), 0);
        csv_free(&p);
        CU_ASSERT_TRUE(csv_rows > 10);
        release(&r);
    }
    result r = run("$C match --all -k 5 -f json");
    cJSON *doc = cJSON_Parse(r.out);
    CU_ASSERT_TRUE(cJSON_IsArray(doc)); /* several challenges: an array of documents */
    CU_ASSERT_TRUE(cJSON_GetArraySize(doc) >= 8);
    cJSON_Delete(doc);
    release(&r);
    r = run("$C match --all -k 5 -f jsonl");
    int lines = 0;
    for (char *line = strtok(r.out, "\n"); line; line = strtok(NULL, "\n"), lines++) {
        cJSON *p = cJSON_Parse(line);
        CU_ASSERT_PTR_NOT_NULL(cJSON_GetObjectItem(p, "challenge_id"));
        cJSON_Delete(p);
    }
    CU_ASSERT_TRUE(lines > 10);
    release(&r);
}

/* ------------------------------------- the binary agrees with the library */

static unsigned rng_state;
static unsigned rnd(unsigned n)
{
    rng_state = rng_state * 1103515245u + 12345u;
    return (rng_state >> 8) % n;
}

/* Writes random actors to work_dir/random.csv and returns their text. */
static char *random_actors(void)
{
    static const char *const sectors[] = {"social", "company", "public"};
    static const char *const places[] = {"", "FR", "FR/A", "FR/A/x", "FR/B"};
    char *csv = malloc(1 << 16);
    strcpy(csv, "id,name,sector,expertise,seeks,territory,reach\n");
    for (int i = 0; i < 40; i++) {
        char *p = csv + strlen(csv);
        p += sprintf(p, "r%02d,\"Actor \"\"%d\"\"\",%s,", i, i, sectors[i % 3]);
        for (unsigned t = 0, n = rnd(4); t < n; t++)
            p += sprintf(p, "%st%u", t ? ";" : "", rnd(8));
        p += sprintf(p, ",t%u,%s,%u\n", rnd(10), places[rnd(5)], rnd(3) * 1000);
    }
    char *path = format("%s/random.csv", work_dir);
    FILE *fp = fopen(path, "w");
    free(path);
    fputs(csv, fp);
    fclose(fp);
    return csv;
}

static void test_agrees_with_library(void)
{
    /* (the loop once used the random state as its counter, and so ran once) */
    for (unsigned seed = 1; seed <= 12; seed++) {
        rng_state = seed;
        char *csv = random_actors();
        const char *needs = "t0:3;t1:2;t2;t3:0.5;t9";
        cc_intern *tags = cc_intern_new();
        cc_actors A;
        cc_challenge ch;
        cc_error err = {0};
        CU_ASSERT_EQUAL_FATAL(cc_actors_load_buffer(&A, "r", csv, strlen(csv), NULL, tags, &err), CC_OK);
        cc_challenge_from_needs(&ch, needs, tags, &err);
        cc_weights w = cc_weights_profile(CC_BALANCED);
        unsigned dropped;
        cc_weights_finish(&w, &A, &dropped, &err);
        cc_scorer s;
        cc_scorer_init(&s, &A, &ch, &w, NULL, &err);
        cc_rank_options o = {.k = 7, .max_per_actor = seed % 2 ? 2 : 0};
        cc_ranking expected;
        CU_ASSERT_EQUAL_FATAL(cc_rank_top(&s, &o, &expected, &err), CC_OK);

        char cmd[512];
        snprintf(cmd, sizeof cmd, "$C match --needs '%s' -a \"$W/random.csv\" -k 7 %s -f jsonl", needs,
                 seed % 2 ? "--max-per-actor 2" : "");
        result r = run(cmd);
        CU_ASSERT_EQUAL(r.status, 0);
        size_t i = 0;
        for (char *line = strtok(r.out, "\n"); line; line = strtok(NULL, "\n"), i++) {
            cJSON *p = cJSON_Parse(line);
            CU_ASSERT_PTR_NOT_NULL_FATAL(p);
            CU_ASSERT_FATAL(i < expected.count);
            const cc_triad *t = &expected.items[i];
            CU_ASSERT_DOUBLE_EQUAL(cJSON_GetObjectItem(p, "score")->valuedouble, t->score, 1e-12);
            cJSON *partners = cJSON_GetObjectItem(p, "partners");
            for (int k = 0; k < 3; k++)
                CU_ASSERT_STRING_EQUAL(
                    cJSON_GetObjectItem(cJSON_GetArrayItem(partners, k), "id")->valuestring,
                    A.items[t->member[k]].id);
            cJSON_Delete(p);
        }
        CU_ASSERT_EQUAL(i, expected.count);
        release(&r);
        /* the CSV gives the same triads, scores to 4 decimals */
        snprintf(cmd, sizeof cmd, "$C match --needs '%s' -a \"$W/random.csv\" -k 7 %s -f csv --no-header",
                 needs, seed % 2 ? "--max-per-actor 2" : "");
        r = run(cmd);
        i = 0;
        for (char *line = strtok(r.out, "\n"); line && i < expected.count; line = strtok(NULL, "\n"), i++) {
            char want[128];
            snprintf(want, sizeof want, "needs,%zu,%.4f,", i + 1, expected.items[i].score);
            CU_ASSERT_EQUAL(strncmp(line, want, strlen(want)), 0);
            CU_ASSERT_PTR_NOT_NULL(strstr(line, A.items[expected.items[i].member[1]].id));
        }
        CU_ASSERT_EQUAL(i, expected.count);
        release(&r);
        cc_ranking_free(&expected);
        cc_scorer_free(&s);
        cc_challenge_clear(&ch);
        cc_actors_free(&A);
        cc_intern_free(tags);
        free(csv);
    }
}

/* Splits a simple CSV line (no quotes) into at most `max` fields in place. */
static int split(char *line, char **fields, int max)
{
    int n = 0;
    for (char *p = line; n < max; p++) {
        fields[n++] = p;
        p = strchr(p, ',');
        if (!p)
            break;
        *p = '\0';
    }
    return n;
}

static void test_score_agrees_with_match(void)
{
    /* the bundled names hold no comma or quote, so lines split on ',' */
    /* each line: match's 16 columns, then score's of the same row */
    result r = run("$C match --all -k 5 -f csv > \"$W/top.csv\" && "
                   "$C score --triads \"$W/top.csv\" -f csv --no-header > \"$W/scored.csv\" && "
                   "tail -n +2 \"$W/top.csv\" | paste -d, - \"$W/scored.csv\"");
    CU_ASSERT_EQUAL_FATAL(r.status, 0);
    int rows = 0;
    for (char *line = strtok(r.out, "\n"); line; line = strtok(NULL, "\n"), rows++) {
        char *f[40];
        int n = split(line, f, 40);
        /* score keeps match's columns but its own (score, coverage...reach),
         * whose new values it appends: 10 + 6 */
        CU_ASSERT_EQUAL_FATAL(n, 16 + 16);
        const char *const *s = (const char *const *)f + 16;
        CU_ASSERT_STRING_EQUAL(f[2], s[15]);
        for (int c = 0; c < 5; c++)
            CU_ASSERT_STRING_EQUAL(f[3 + c], s[10 + c]);
        CU_ASSERT_STRING_EQUAL(f[0], s[0]); /* challenge_id, rank */
        CU_ASSERT_STRING_EQUAL(f[1], s[1]);
        for (int c = 8; c < 16; c++)        /* ids, names, needs */
            CU_ASSERT_STRING_EQUAL(f[c], s[c - 6]);
        if (rows % 9 == 0) { /* and explain says the same */
            char explain[512];
            snprintf(explain, sizeof explain, "$C explain %s %s %s %s -f csv --no-header", f[0],
                     f[12], f[8], f[10]);
            result e = run(explain);
            char *g[32];
            CU_ASSERT_EQUAL_FATAL(split(e.out, g, 32), 16);
            for (int c = 2; c < 8; c++)
                CU_ASSERT_STRING_EQUAL(g[c], f[c]);
            release(&e);
        }
    }
    CU_ASSERT_EQUAL(rows, 45); /* 9 challenges, 5 each */
    release(&r);
}

/* ---------------------------------------------------------- output file */

static void test_atomic_output(void)
{
    char *target = format("%s/keep.csv", work_dir);
    FILE *fp = fopen(target, "w");
    fputs("precious\n", fp);
    fclose(fp);
    /* a failing run keeps the existing file intact and leaves no temporary */
    result r = run("$C check -a bad/duplicate_id.csv -o \"$W/keep.csv\"");
    CU_ASSERT_EQUAL(r.status, 65);
    release(&r);
    char *kept = slurp(target);
    CU_ASSERT_STRING_EQUAL(kept, "precious\n");
    free(kept);
    /* a failing run with a new name leaves no file */
    r = run("$C match nosuchchallenge -o \"$W/new.csv\"");
    CU_ASSERT_EQUAL(r.status, 64);
    release(&r);
    char *path = format("%s/new.csv", work_dir);
    CU_ASSERT_NOT_EQUAL(access(path, F_OK), 0);
    free(path);
    /* a good run replaces it; the format follows the extension */
    r = run("$C challenges -o \"$W/list.json\" && $C check -o \"$W/keep.csv\"");
    CU_ASSERT_EQUAL(r.status, 0);
    CU_ASSERT_STRING_EQUAL(r.out, "");
    release(&r);
    kept = slurp(target);
    CU_ASSERT_PTR_NOT_NULL(strstr(kept, "statistic,value"));
    free(kept);
    free(target);
    path = format("%s/list.json", work_dir);
    char *json = slurp(path);
    free(path);
    cJSON *doc = cJSON_Parse(json);
    CU_ASSERT_PTR_NOT_NULL(cJSON_GetObjectItem(doc, "challenges"));
    cJSON_Delete(doc);
    free(json);
    /* nothing else was left in the directory (the run's out and err aside) */
    r = run("ls -A \"$W\" | grep -vx .memcheck");
    CU_ASSERT_STRING_EQUAL(r.out, "err\nkeep.csv\nlist.json\nout\n");
    release(&r);
}

/* Number of entries of `dir` besides "keep.csv": a temporary file of -o. */
static int others_in(const char *dir)
{
    DIR *d = opendir(dir);
    int n = 0;
    for (struct dirent *e; d && (e = readdir(d));)
        n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..") && strcmp(e->d_name, "keep.csv");
    if (d)
        closedir(d);
    return n;
}

/* Runs `match` writing `top` proposals per challenge into dir/keep.csv and
 * freezes it, again and again, until a freeze finds its temporary file
 * beside keep.csv; then sends it `sig`, lets it go and returns its wait
 * status. -1 when it ended before any freeze caught it writing. Frozen
 * means stopped for sure (waitpid saw it), so the signal comes while the
 * temporary file exists: no timing decides the outcome. */
static int stop_while_writing(const char *dir, int sig, const char *top)
{
    char *target = format("%s/keep.csv", dir);
    pid_t pid = fork();
    if (pid < 0) {
        free(target);
        return -1; /* and never kill(-1, ...) */
    }
    if (pid == 0) {
        /* as in a terminal, whatever this test was started ignoring */
        signal(sig, SIG_DFL);
        execl(program, program, "match", "--all", "-q", "-k", top, "-f", "csv", "-o", target,
              (char *)NULL);
        _exit(127);
    }
    free(target);
    int status = -1;
    for (;;) {
        kill(pid, SIGSTOP);
        if (waitpid(pid, &status, WUNTRACED) != pid || !WIFSTOPPED(status))
            return -1; /* it ended first */
        bool writing = others_in(dir) > 0;
        if (writing)
            kill(pid, sig); /* delivered once it runs again */
        kill(pid, SIGCONT);
        if (writing) {
            waitpid(pid, &status, 0);
            return status;
        }
        nanosleep(&(struct timespec){0, 2000000}, NULL);
    }
}

/* Ctrl-C (or kill, or a closed terminal) while -o is written removes the
 * temporary file, leaves the existing file as it was, and the program dies
 * of the signal. An attempt whose write went by too quickly to be caught
 * proves nothing and is made again with a bigger output. */
static void test_stop_signals(void)
{
    const int signals[] = {SIGINT, SIGTERM, SIGHUP};
    const char *const tops[] = {"1000", "4000", "16000", "64000"};
    char *dir = format("%s/stop", work_dir);
    char *target = format("%s/keep.csv", dir);
    CU_ASSERT_EQUAL_FATAL(mkdir(dir, 0700), 0);
    for (size_t i = 0; i < sizeof signals / sizeof *signals; i++) {
        int status = -1;
        for (size_t t = 0; t < sizeof tops / sizeof *tops && status == -1; t++) {
            FILE *fp = fopen(target, "w"); /* again: a run that was not caught replaced it */
            fputs("precious\n", fp);
            fclose(fp);
            status = stop_while_writing(dir, signals[i], tops[t]);
        }
        CU_ASSERT_NOT_EQUAL_FATAL(status, -1);
        CU_ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == signals[i]);
        CU_ASSERT_EQUAL(others_in(dir), 0);
        char *kept = slurp(target);
        CU_ASSERT_STRING_EQUAL(kept, "precious\n");
        free(kept);
    }
    free(target);
    free(dir);
}

static void test_closed_pipe(void)
{
    result r = run("$C match --all -k 500 -f csv | head -n 1; echo \"status ${PIPESTATUS[0]}\"");
    CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "status 0"));
    CU_ASSERT_STRING_EQUAL(r.err, "");
    release(&r);
}

static void test_installed(void)
{
    char *cmd = format("cmake --install '%s' --prefix \"$W/prefix\" >/dev/null && cd / && "
                       "\"$W/prefix/bin/cocreate\" match alimentation-durable -k 1 -f csv --no-header",
                       build_dir);
    result r = run(cmd);
    free(cmd);
    CU_ASSERT_EQUAL(r.status, 0);
    CU_ASSERT_EQUAL(strncmp(r.out, "alimentation-durable,1,", 23), 0);
    release(&r);
    /* COCREATE_DATA names another data directory */
    r = run("mkdir -p \"$W/mine\" && cp data/small.csv \"$W/mine/actors.csv\" && "
            "cp data/small.json \"$W/mine/challenges.json\" && "
            "COCREATE_DATA=\"$W/mine\" \"$W/prefix/bin/cocreate\" check -f csv");
    CU_ASSERT_EQUAL(r.status, 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "\nactors.total,6\n"));
    release(&r);
}

/* The installed man page carries the program's version and its sections
 * (test_commands checks it documents every command and option). */
static void test_man_page(void)
{
    char *path = format("%s/prefix/share/man/man1/cocreate.1", work_dir);
    char *man = slurp(path);
    free(path);
    for (const char *section = ".SH EXIT STATUS"; section; section = strcmp(section, ".SH EXAMPLES") ? ".SH EXAMPLES" : NULL)
        CU_ASSERT_PTR_NOT_NULL(strstr(man, section));
    result r = run("$C --version");
    char version[64] = "";
    sscanf(r.out, "cocreate %63s", version);
    char th[128];
    snprintf(th, sizeof th, "\"cocreate %s\"", version);
    CU_ASSERT_PTR_NOT_NULL(strstr(man, th));
    release(&r);
    free(man);
}

/* An --excel file opened by LibreOffice in a French locale: scores are
 * numbers, accents intact; names, tags and needs that start like a formula
 * stay text. Needs soffice (main skips the group without it). */
static void test_excel_in_libreoffice(void)
{
    result r = run("$C match piege -a data/hostile.csv -c data/hostile.json -k 1 --excel "
                   "-o \"$W/hostile.csv\" && cd \"$W\" && "
                   "$C match alimentation-durable -k 3 --excel -o props.csv && "
                   "HOME=\"$W\" timeout 300 soffice --headless --infilter='CSV:59,34,76,1,,1036' "
                   "--convert-to fods props.csv hostile.csv >/dev/null 2>&1 && "
                   "cat props.fods && echo '=== hostile' && cat hostile.fods");
    CU_ASSERT_EQUAL(r.status, 0);
    char *hostile = strstr(r.out, "=== hostile");
    CU_ASSERT_PTR_NOT_NULL_FATAL(hostile);
    *hostile++ = '\0';
    /* the score 0,8130 became the number 0.813, the name kept its accent */
    CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "office:value-type=\"float\" office:value=\"0.813\""));
    CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "<text:p>Biomarché Toulouse</text:p>"));
    /* a name that is a formula in the data shows as text, not as a link;
     * so do a list of needs starting with "=1+1" and a need "-absent" */
    CU_ASSERT_PTR_NULL(strstr(hostile, "table:formula"));
    CU_ASSERT_PTR_NOT_NULL(strstr(hostile, "<text:p>&apos;=HYPERLINK(&quot;http://example.com&quot;;"
                                           "&quot;clic&quot;)</text:p>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(hostile, "<text:p>&apos;=1+1; circuits courts; logistique; "
                                           "financement</text:p>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(hostile, "<text:p>&apos;-absent</text:p>"));
    /* a name that is a plain number stays a number, and so do the scores */
    CU_ASSERT_PTR_NOT_NULL(strstr(hostile, "office:value-type=\"float\" office:value=\"-12\""));
    CU_ASSERT_PTR_NOT_NULL(strstr(hostile, "office:value-type=\"float\" office:value=\"0.7667\""));
    release(&r);
}

/* The html report rendered by headless Chromium, with every request sent
 * to a proxy that is not there (a page that needed the network would lose
 * what it fetched): the top proposal's names are in the rendered page, the
 * name holding <script> is text (no script element in the DOM), and the
 * page prints to a PDF. Needs chromium (main skips the group without it). */
static void test_html_in_chromium(void)
{
    static const char chromium[] =
        "HOME=\"$W\" timeout 120 chromium --headless --no-sandbox --disable-gpu "
        "--proxy-server=127.0.0.1:9 --no-first-run --user-data-dir=\"$W/profile\" ";
    char *cmd = format("$C match alimentation -a data/html.csv -c data/small.json -k 3 "
                       "-o \"$W/report.html\" && %s --dump-dom \"$W/report.html\" 2>/dev/null",
                       chromium);
    result r = run(cmd);
    free(cmd);
    CU_ASSERT_EQUAL(r.status, 0);
    /* the names of the top proposal, as the CSV gives them */
    result top = run("$C match alimentation -a data/html.csv -c data/small.json -k 1 -f csv "
                     "--no-header | cut -d, -f12,14");
    CU_ASSERT_STRING_EQUAL(top.out, "Fraîcheur Logistique,Région Bretagne\n");
    release(&top);
    CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "<h3>Proposal 1: "));
    CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "<bdi>Fraîcheur Logistique</bdi>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "<bdi>Région Bretagne</bdi>"));
    /* the <script> of the name is text in the DOM, serialised escaped */
    CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "<bdi>&lt;script&gt;alert(1)&lt;/script&gt; Épicerie "
                                         "\"Solidaire\" &amp;amp; l'Ami</bdi>"));
    CU_ASSERT_PTR_NULL(strstr(r.out, "<script"));
    CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "</html>"));
    release(&r);
    cmd = format("%s --print-to-pdf=\"$W/report.pdf\" \"$W/report.html\" >/dev/null 2>&1 && "
                 "head -c 5 \"$W/report.pdf\"",
                 chromium);
    r = run(cmd);
    free(cmd);
    CU_ASSERT_EQUAL(r.status, 0);
    CU_ASSERT_STRING_EQUAL(r.out, "%PDF-");
    release(&r);
}

/* ----------------------------------------------------------- the groups */

/* What a group needs from the machine beyond the program and bash. */
typedef struct {
    const char *probe;    /* shell command that succeeds when it is there */
    const char *what;     /* named in the skip message */
    const char *required; /* environment variable: when set (not 0), absence fails */
} requirement;

static const requirement pty = {"script -qec true /dev/null", "a pseudo-terminal (script -c)",
                                "COCREATE_REQUIRE_PTY"};
static const requirement libreoffice = {"command -v soffice", "LibreOffice (soffice)",
                                        "COCREATE_REQUIRE_LIBREOFFICE"};
static const requirement chromium = {"command -v chromium", "Chromium (chromium)",
                                     "COCREATE_REQUIRE_CHROMIUM"};

/* A group of checks written in code; any other group is a section of
 * cases.txt. tests/CMakeLists.txt lists these names. */
typedef struct {
    const char *name;         /* the GROUP argument; ctest test e2e.NAME */
    test_case tests[2];       /* run in order; the second may be empty */
    const requirement *needs; /* or NULL */
} check;

static const check checks[] = {
    {"formats", {{"every format parses", test_formats_parse}}, NULL},
    {"catalogue", {{"every bad input has a case", test_catalogue}}, NULL},
    {"library", {{"match = library ranking on random data", test_agrees_with_library}}, NULL},
    {"roundtrip", {{"score and explain agree with match", test_score_agrees_with_match}}, NULL},
    {"atomic",
     {{"-o is atomic", test_atomic_output},
      {"a stop signal removes the temporary -o file", test_stop_signals}},
     NULL},
    {"pipe", {{"closed pipe", test_closed_pipe}}, NULL},
    {"install",
     {{"installed program finds its data", test_installed},
      {"installed man page: version and sections", test_man_page}},
     NULL},
    {"libreoffice", {{"--excel in LibreOffice, French locale", test_excel_in_libreoffice}}, &libreoffice},
    {"chromium", {{"html report in headless Chromium, offline", test_html_in_chromium}}, &chromium},
};

/* Runs `group`: SKIPPED when it needs what is missing and not required,
 * else the suite's status. */
static int run_group(void)
{
    const check *c = NULL;
    for (size_t i = 0; i < sizeof checks / sizeof *checks; i++)
        if (strcmp(checks[i].name, group) == 0)
            c = &checks[i];
    const requirement *needs = c ? c->needs : strcmp(group, "pty") == 0 ? &pty : NULL;
    if (needs) {
        result r = run(needs->probe);
        bool present = r.status == 0;
        release(&r);
        const char *required = getenv(needs->required);
        bool must = required && *required && strcmp(required, "0") != 0;
        if (!present && must) {
            fprintf(stderr, "test_cli: %s: %s is missing, and %s requires it\n", group, needs->what,
                    needs->required);
            return 1;
        }
        if (!present) {
            printf("SKIPPED: %s: %s is missing (set %s=1 to make that a failure)\n", group,
                   needs->what, needs->required);
            return SKIPPED;
        }
    }
    if (c)
        return run_suite(group, c->tests, c->tests[1].run ? 2 : 1);
    const test_case cases[] = {{"cases.txt", test_cases}};
    return RUN_SUITE(group, cases);
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: test_cli PROGRAM E2E_DIR BUILD_DIR GROUP\n");
        return 2;
    }
    static char program_path[PATH_MAX], dir_path[PATH_MAX];
    if (!realpath(argv[1], program_path) || !realpath(argv[2], dir_path))
        return 2;
    program = program_path;
    e2e_dir = dir_path;
    build_dir = argv[3];
    group = argv[4];
    unsetenv("COCREATE_DATA");
    const char *tmp = getenv("TMPDIR");
    int n = snprintf(work_dir, sizeof work_dir, "%s/cocreate-e2e-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (n < 0 || (size_t)n >= sizeof work_dir || !mkdtemp(work_dir)) {
        fprintf(stderr, "test_cli: cannot make a directory %s\n", work_dir);
        return 2;
    }
    binary = program;
    const char *valgrind = getenv("COCREATE_E2E_VALGRIND");
    if (valgrind && *valgrind)
        wrap_in_valgrind(valgrind);
    int status = run_group();
    char *cmd = format("rm -rf '%s'", work_dir);
    if (system(cmd) != 0 && status != SKIPPED)
        status = status ? status : 2;
    free(cmd);
    free(memcheck_dir);
    free(memcheck_script);
    return status;
}
