/* test_oom.c — out-of-memory test of the built program: for each command line
 * of cases.txt, a normal run counts the allocations, then one run per
 * allocation makes exactly that one fail (and, in a second pass, that one and
 * every later one) through the failmalloc LD_PRELOAD library. Every run must
 * end either as the normal run did (exit 0, the same output) or with exit 70
 * (internal error) and no output at all. A case may expect a data error
 * instead (a third field, 65): its runs must then end with exit 65 and the
 * very messages of the normal run, or with exit 70 and no output, so that
 * running out of memory while reporting bad data is never bad data.
 *
 * Failing points are printed one a line, then grouped by the program's
 * function that made the failed allocation and by what the program did, with
 * the backtrace (symbolised by addr2line) of one example per group.
 *
 * Usage: test_oom PROGRAM FAILMALLOC_SO CASES_FILE
 * Environment:
 *   COCREATE_OOM_CASE=TEXT   only the cases whose name contains TEXT
 *   COCREATE_OOM_MODE=once|from|both   which pass(es) to run (default both)
 *   COCREATE_OOM_JOBS=N      runs in parallel (default: online processors)
 *   COCREATE_OOM_VERBOSE=1   full stderr and backtrace for every failing point
 * Exit status: 0 all points pass, 1 some fail, 2 the test could not run,
 * 77 skipped (no usable allocation hook). */
#define _GNU_SOURCE /* mkdtemp, environ */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define EXIT_SKIP 77
#define EX_SOFTWARE 70
#define RUN_SECONDS 20 /* a run taking longer is stuck */

extern char **environ;

static const char *program, *shim, *cases_dir;
static char work_dir[] = "/tmp/cocreate-oom-XXXXXX";
static bool verbose;

/* ------------------------------------------------------------- utilities */

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fprintf(stderr, "test_oom: out of memory\n");
        exit(2);
    }
    return p;
}

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p) {
        fprintf(stderr, "test_oom: out of memory\n");
        exit(2);
    }
    return p;
}

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(xmalloc(n), s, n);
}

static char *xprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *xprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = xmalloc((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return s;
}

/* The whole file, NUL-terminated; `len` gets its size. A missing file reads
 * as NULL. */
static char *slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    size_t n = 0, cap = 4096;
    char *s = xmalloc(cap);
    for (size_t got; (got = fread(s + n, 1, cap - n - 1, fp)) > 0;) {
        n += got;
        if (cap - n - 1 == 0)
            s = xrealloc(s, cap *= 2);
    }
    fclose(fp);
    s[n] = '\0';
    if (len)
        *len = n;
    return s;
}

/* The first line of `s`, cut to at most `max` bytes at a character
 * boundary, with control characters shown as \xNN, in a new string. */
static char *first_line(const char *s, size_t max)
{
    if (!s)
        return xstrdup("");
    size_t n = strcspn(s, "\n");
    if (n > max) {
        n = max;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--; /* not inside a UTF-8 sequence */
    }
    char *line = xmalloc(4 * n + 1), *w = line;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == 0x7F)
            w += sprintf(w, "\\x%02X", c);
        else
            *w++ = (char)c;
    }
    *w = '\0';
    return line;
}

/* ------------------------------------------------------------- the cases */

typedef struct {
    char *name;
    char **argv;   /* program first, NULL-terminated */
    int out_arg;   /* index in argv of "$OUT", the -o file; 0: none */
    char *text;    /* the arguments as written, for messages */
    char *stdout_; /* the normal run's standard output */
    size_t stdout_len;
    char *file;    /* the normal run's -o file */
    size_t file_len;
    int status;    /* the exit status a normal run must give: 0, or 65 */
    char *stderr_; /* a failing normal run's messages */
    unsigned long allocations;
} oom_case;

/* Splits `line` into words at blanks; double quotes group a word. */
static char **split_words(char *line, size_t *count)
{
    char **words = NULL;
    *count = 0;
    for (char *p = line;;) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p)
            break;
        char *word = p, *w = p;
        bool quoted = false;
        for (; *p && (quoted || (*p != ' ' && *p != '\t')); p++)
            if (*p == '"')
                quoted = !quoted;
            else
                *w++ = *p;
        if (*p)
            p++;
        *w = '\0';
        words = xrealloc(words, (*count + 2) * sizeof *words);
        words[(*count)++] = word;
    }
    return words;
}

static char *trim(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1]))
        s[--n] = '\0';
    return s;
}

/* Reads "name :: arguments [:: status]" lines; '#' starts a comment line. */
static oom_case *read_cases(const char *path, const char *only, size_t *count)
{
    char *text = slurp(path, NULL);
    if (!text) {
        fprintf(stderr, "test_oom: cannot read %s: %s\n", path, strerror(errno));
        exit(2);
    }
    oom_case *cases = NULL;
    *count = 0;
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        char *sep = strstr(line, "::");
        if (line[0] == '#' || !sep)
            continue;
        *sep = '\0';
        char *status = strstr(sep + 2, "::");
        if (status)
            *status = '\0';
        oom_case c = {.name = xstrdup(trim(line)), .text = xstrdup(trim(sep + 2)),
                      .status = status ? atoi(status + 2) : 0};
        if (only && !strstr(c.name, only))
            continue;
        size_t words;
        char **argv = split_words(xstrdup(c.text), &words);
        c.argv = xmalloc((words + 2) * sizeof *c.argv);
        c.argv[0] = (char *)program;
        for (size_t i = 0; i < words; i++) {
            if (strcmp(argv[i], "$OUT") == 0)
                c.out_arg = (int)i + 1;
            c.argv[i + 1] = argv[i];
        }
        c.argv[words + 1] = NULL;
        cases = xrealloc(cases, (*count + 1) * sizeof *cases);
        cases[(*count)++] = c;
    }
    return cases;
}

/* --------------------------------------------------------------- a run */

typedef struct {
    int status;         /* exit status, or -signal */
    char *out, *err;    /* standard output and error */
    size_t out_len;
    char *file;         /* the -o file after the run, or NULL when absent */
    size_t file_len;
    char *log;          /* failmalloc's report, or NULL */
} run_result;

typedef struct {
    pid_t pid;          /* 0: the slot is free */
    size_t job;
    time_t started;
} slot;

static char *slot_path(size_t s, const char *what)
{
    return xprintf("%s/%zu.%s", work_dir, s, what);
}

/* The -o file of the runs of slot `s`, alone in its directory. */
static char *slot_output(size_t s)
{
    return xprintf("%s/%zu.dir/result", work_dir, s);
}

/* The environment of a run: ours, with the failmalloc variables set. */
static char **run_environment(const char *log, unsigned long fail, bool from)
{
    size_t n = 0;
    while (environ[n])
        n++;
    char **env = xmalloc((n + 5) * sizeof *env);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (strncmp(environ[i], "FAILMALLOC_", 11) != 0 &&
            strncmp(environ[i], "LD_PRELOAD=", 11) != 0)
            env[k++] = environ[i];
    env[k++] = xprintf("LD_PRELOAD=%s", shim);
    env[k++] = xprintf("FAILMALLOC_LOG=%s", log);
    env[k++] = xprintf("FAILMALLOC_FAIL=%lu", fail);
    env[k++] = xprintf("FAILMALLOC_FROM=%d", from);
    env[k] = NULL;
    return env;
}

static void remove_tree(const char *dir)
{
    char *cmd = xprintf("rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "test_oom: could not remove %s\n", dir);
    free(cmd);
}

/* Makes `dir` an empty directory; the program writes only plain files. */
static void empty_directory(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) {
        if (mkdir(dir, 0700) != 0) {
            fprintf(stderr, "test_oom: mkdir %s: %s\n", dir, strerror(errno));
            exit(2);
        }
        return;
    }
    for (struct dirent *e; (e = readdir(d));)
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
            char *path = xprintf("%s/%s", dir, e->d_name);
            unlink(path);
            free(path);
        }
    closedir(d);
}

/* Starts the program in slot `s`: no terminal anywhere, standard input
 * empty, output and error into the slot's files. */
static pid_t start(oom_case *c, size_t s, unsigned long fail, bool from)
{
    char *out = slot_path(s, "out"), *err = slot_path(s, "err"), *log = slot_path(s, "log");
    char **env = run_environment(log, fail, from);
    char *file = slot_output(s);
    if (c->out_arg) { /* an empty directory for the -o file */
        char *dir = xstrdup(file);
        *strrchr(dir, '/') = '\0';
        empty_directory(dir);
        free(dir);
        c->argv[c->out_arg] = file;
    }
    unlink(log);
    pid_t pid = fork();
    if (pid < 0) {
        perror("test_oom: fork");
        exit(2);
    }
    if (pid == 0) {
        int in = open("/dev/null", O_RDONLY);
        int o = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        int e = open(err, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (in < 0 || o < 0 || e < 0 || dup2(in, 0) < 0 || dup2(o, 1) < 0 || dup2(e, 2) < 0 ||
            chdir(cases_dir) != 0)
            _exit(127);
        close(in), close(o), close(e);
        setsid(); /* no controlling terminal */
        struct rlimit cpu = {RUN_SECONDS, RUN_SECONDS + 1};
        setrlimit(RLIMIT_CPU, &cpu);
        struct rlimit core = {0, 0};
        setrlimit(RLIMIT_CORE, &core);
        execve(program, c->argv, env);
        _exit(127);
    }
    for (size_t i = 0; env[i]; i++)
        if (strncmp(env[i], "LD_PRELOAD=", 11) == 0 || strncmp(env[i], "FAILMALLOC_", 11) == 0)
            free(env[i]);
    free(env);
    if (c->out_arg)
        c->argv[c->out_arg] = "$OUT"; /* the child has its own copy */
    free(out), free(err), free(log), free(file);
    return pid;
}

/* Whether `dir` holds anything but the output file. */
static bool stray_files(const char *dir)
{
    DIR *d = opendir(dir);
    bool stray = false;
    for (struct dirent *e; d && (e = readdir(d));)
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") && strcmp(e->d_name, "result"))
            stray = true;
    if (d)
        closedir(d);
    return stray;
}

static run_result collect(const oom_case *c, size_t s, int wait_status)
{
    run_result r = {0};
    r.status = WIFEXITED(wait_status) ? WEXITSTATUS(wait_status) : -WTERMSIG(wait_status);
    char *out = slot_path(s, "out"), *err = slot_path(s, "err"), *log = slot_path(s, "log");
    r.out = slurp(out, &r.out_len);
    r.err = slurp(err, NULL);
    r.log = slurp(log, NULL);
    if (!r.out)
        r.out = xstrdup("");
    if (!r.err)
        r.err = xstrdup("");
    if (c->out_arg) {
        char *file = slot_output(s);
        r.file = slurp(file, &r.file_len);
        /* an atomic write leaves nothing else behind */
        char *dir = xstrdup(file);
        free(file);
        *strrchr(dir, '/') = '\0';
        if (stray_files(dir)) {
            char *more = xprintf("%s[test_oom: a file other than the output was left in the "
                                 "output directory]\n",
                                 r.err);
            free(r.err);
            r.err = more;
            r.status = r.status == 0 ? -1000 : r.status;
        }
        free(dir);
    }
    free(out), free(err), free(log);
    return r;
}

static void release(run_result *r)
{
    free(r->out), free(r->err), free(r->file), free(r->log);
}

/* Allocations counted by a run, from the report's "count" line; -1 when the
 * run did not end normally. */
static long counted(const char *log)
{
    const char *line = log ? strstr(log, "count ") : NULL;
    return line ? strtol(line + 6, NULL, 10) : -1;
}

/* ------------------------------------------------------- failing points */

typedef struct {
    size_t c;           /* the case */
    bool from;          /* the pass: fail from this allocation on */
    unsigned long at;   /* the allocation made to fail */
    int status;
    const char *kind;   /* what went wrong, in general; NULL: see the status */
    char *verdict;      /* what went wrong, in detail, one line */
    char *err;          /* the run's stderr */
    char *stack;        /* failmalloc's "at" lines */
} failure;

static failure *failures;
static size_t failure_count;

static const char *describe_status(int status, char *buf, size_t size)
{
    if (status == -1000)
        snprintf(buf, size, "exit 0 but -o left a stray file");
    else if (status < 0)
        snprintf(buf, size, "killed by signal %d (%s)", -status, strsignal(-status));
    else
        snprintf(buf, size, "exit %d", status);
    return buf;
}

/* Whether the run ended as allowed; if not, records why. */
static void judge(const oom_case *cases, size_t ci, bool from, unsigned long at, run_result *r)
{
    const oom_case *c = &cases[ci];
    bool same = r->status == c->status && r->out_len == c->stdout_len &&
                memcmp(r->out, c->stdout_, c->stdout_len) == 0 &&
                (!c->stderr_ || strcmp(r->err, c->stderr_) == 0) &&
                (!c->out_arg || (r->file && r->file_len == c->file_len &&
                             memcmp(r->file, c->file, c->file_len) == 0));
    bool clean_oom = r->status == EX_SOFTWARE && r->out_len == 0 && (!c->out_arg || !r->file);
    bool reached = r->log && (strncmp(r->log, "fail ", 5) == 0 || strstr(r->log, "\nfail "));
    if ((same || clean_oom) && reached)
        return;
    char buf[128];
    char *verdict;
    const char *kind;
    if (!reached && (same || clean_oom)) {
        kind = "allocation never made: the runs are not deterministic";
        verdict = xstrdup(kind);
    } else if (c->status != 0 && r->status == c->status) {
        kind = "a data error with other messages";
        char *got = first_line(r->err, 100);
        verdict = xprintf("exit %d with other messages (first: \"%s\")", r->status, got);
        free(got);
    } else if (r->status == 0) {
        kind = "exit 0 with different output";
        /* the first line where the output differs */
        const char *a = c->stdout_, *b = r->out;
        size_t line = 1, i = 0, start = 0;
        for (; i < c->stdout_len && i < r->out_len && a[i] == b[i]; i++)
            if (a[i] == '\n')
                line++, start = i + 1;
        char *want = first_line(start < c->stdout_len ? a + start : "(end)", 80);
        char *got = first_line(start < r->out_len ? b + start : "(end)", 80);
        if (c->out_arg && !r->file)
            verdict = xprintf("exit 0 but no -o file");
        else if (c->out_arg && same == false && r->out_len == 0)
            verdict = xprintf("exit 0 with a different -o file");
        else
            verdict = xprintf("exit 0 with different output (line %zu: got \"%s\", "
                              "want \"%s\")",
                              line, got, want);
        free(want), free(got);
    } else if (r->status == EX_SOFTWARE) {
        kind = "exit 70 with output";
        verdict = xprintf("exit 70 but %s", r->out_len ? "output on stdout" : "-o file written");
    } else {
        verdict = xstrdup(describe_status(r->status, buf, sizeof buf));
        kind = NULL;
    }
    failures = xrealloc(failures, (failure_count + 1) * sizeof *failures);
    failure *f = &failures[failure_count++];
    *f = (failure){ci, from, at, r->status, kind, verdict, r->err, NULL};
    r->err = NULL;
    /* keep the "at" lines of the report */
    const char *at_lines = r->log ? strstr(r->log, "\nat ") : NULL;
    size_t n = 0;
    if (at_lines) {
        at_lines++;
        const char *end = strstr(at_lines, "count ");
        n = end ? (size_t)(end - at_lines) : strlen(at_lines);
    }
    f->stack = xmalloc(n + 1);
    memcpy(f->stack, at_lines ? at_lines : "", n);
    f->stack[n] = '\0';
}

/* --------------------------------------------------- the normal runs */

static run_result run_now(oom_case *c, unsigned long fail, bool from)
{
    pid_t pid = start(c, 0, fail, from);
    int status;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    return collect(c, 0, status);
}

/* Runs each case normally, twice: it must end with its status (success,
 * or the data error it expects, with nothing on stdout), and count the
 * same allocations both times, or the numbering means nothing. */
static bool prepare(oom_case *cases, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        oom_case *c = &cases[i];
        run_result a = run_now(c, 0, false), b = run_now(c, 0, false);
        long n = counted(a.log);
        if (a.status != c->status || n < 0 || (c->status != 0 && a.out_len > 0)) {
            fprintf(stderr, "test_oom: case '%s' ends with status %d without any allocation "
                            "failure (%d expected):\n%s",
                    c->name, a.status, c->status, a.err);
            return false;
        }
        if (counted(b.log) != n || b.out_len != a.out_len || memcmp(a.out, b.out, a.out_len)) {
            fprintf(stderr, "test_oom: case '%s' is not deterministic (%ld then %ld "
                            "allocations)\n",
                    c->name, n, counted(b.log));
            return false;
        }
        c->stdout_ = a.out, c->stdout_len = a.out_len;
        c->file = a.file, c->file_len = a.file_len;
        a.out = a.file = NULL;
        if (c->status != 0) {
            c->stderr_ = a.err;
            a.err = NULL;
        }
        c->allocations = (unsigned long)n;
        release(&a), release(&b);
    }
    return true;
}

/* ------------------------------------------------------ the fault runs */

typedef struct {
    size_t c;
    bool from;
    unsigned long at;
} job;

/* Runs every job, `jobs_at_once` at a time; a run stuck for RUN_SECONDS is
 * killed (and judged as killed). */
static void run_all(oom_case *cases, const job *jobs, size_t count, size_t jobs_at_once)
{
    slot *slots = xmalloc(jobs_at_once * sizeof *slots);
    memset(slots, 0, jobs_at_once * sizeof *slots);
    size_t next = 0, running = 0, done = 0;
    while (done < count) {
        for (size_t s = 0; s < jobs_at_once && next < count; s++)
            if (!slots[s].pid) {
                const job *j = &jobs[next];
                slots[s] = (slot){start(&cases[j->c], s, j->at, j->from), next++, time(NULL)};
                running++;
            }
        int status;
        pid_t pid = waitpid(-1, &status, WNOHANG);
        if (pid == 0) {
            struct timespec pause = {0, 200000};
            nanosleep(&pause, NULL);
            for (size_t s = 0; s < jobs_at_once; s++)
                if (slots[s].pid && time(NULL) - slots[s].started > RUN_SECONDS)
                    kill(slots[s].pid, SIGKILL);
            continue;
        }
        if (pid < 0) {
            if (errno == EINTR)
                continue;
            perror("test_oom: waitpid");
            exit(2);
        }
        for (size_t s = 0; s < jobs_at_once; s++)
            if (slots[s].pid == pid) {
                const job *j = &jobs[slots[s].job];
                run_result r = collect(&cases[j->c], s, status);
                judge(cases, j->c, j->from, j->at, &r);
                release(&r);
                slots[s].pid = 0;
                running--;
                done++;
            }
    }
    free(slots);
}

/* ---------------------------------------------------------- symbols */

typedef struct {
    char *module;
    unsigned long offset;
    char *where; /* "function (file:line)", inlined frames joined by " <- " */
} symbol;

static symbol *symbols;
static size_t symbol_count;

static symbol *find_symbol(const char *module, unsigned long offset)
{
    for (size_t i = 0; i < symbol_count; i++)
        if (symbols[i].offset == offset && strcmp(symbols[i].module, module) == 0)
            return &symbols[i];
    return NULL;
}

static void add_symbol(const char *module, unsigned long offset)
{
    if (find_symbol(module, offset))
        return;
    symbols = xrealloc(symbols, (symbol_count + 1) * sizeof *symbols);
    symbols[symbol_count++] = (symbol){xstrdup(module), offset, NULL};
}

/* Only the file name of a path. */
static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* Fills `where` for every symbol of `module` with one addr2line run. */
static void symbolise_module(const char *module)
{
    char *list = slot_path(0, "addr"), *answer = slot_path(0, "sym");
    FILE *fp = fopen(list, "w");
    if (!fp)
        return;
    for (size_t i = 0; i < symbol_count; i++)
        if (strcmp(symbols[i].module, module) == 0)
            fprintf(fp, "%#lx\n", symbols[i].offset);
    fclose(fp);
    char *cmd = xprintf("addr2line -a -f -i -e '%s' < '%s' > '%s' 2>/dev/null", module, list,
                        answer);
    int rc = system(cmd);
    char *text = rc == 0 ? slurp(answer, NULL) : NULL;
    symbol *current = NULL;
    char *function = NULL;
    for (char *line = text ? strtok(text, "\n") : NULL; line; line = strtok(NULL, "\n")) {
        if (strncmp(line, "0x", 2) == 0) {
            current = find_symbol(module, strtoul(line, NULL, 16));
            function = NULL;
        } else if (!function) {
            function = line;
        } else if (current) {
            /* `line` is "file:line (discriminator n)" */
            char *paren = strstr(line, " (");
            if (paren)
                *paren = '\0';
            char *part = strcmp(function, "??") == 0
                             ? xprintf("?? in %s", base_name(module))
                             : xprintf("%s (%s)", function,
                                       strncmp(line, "??", 2) == 0 ? base_name(module)
                                                                    : base_name(line));
            char *joined = current->where ? xprintf("%s <- %s", current->where, part) : part;
            if (current->where)
                free(current->where), free(part);
            current->where = joined;
            function = NULL;
        }
    }
    free(text), free(cmd), free(list), free(answer);
}

static void symbolise(void)
{
    for (size_t i = 0; i < failure_count; i++) {
        char *copy = xstrdup(failures[i].stack);
        for (char *line = strtok(copy, "\n"); line; line = strtok(NULL, "\n")) {
            char module[4096];
            unsigned long offset;
            if (sscanf(line, "at %4095s %lx", module, &offset) == 2)
                add_symbol(module, offset);
        }
        free(copy);
    }
    for (size_t i = 0; i < symbol_count; i++) {
        bool first = true;
        for (size_t j = 0; j < i; j++)
            if (strcmp(symbols[j].module, symbols[i].module) == 0)
                first = false;
        if (first)
            symbolise_module(symbols[i].module);
    }
}

/* The frames of a failure, one a line, symbolised. `chain` gets the three
 * innermost frames in the program (the code that asked for the memory and
 * its callers), `site` the source file of the innermost one. */
static char *frames(const failure *f, char **chain, char **site)
{
    char *text = xstrdup("");
    *chain = NULL, *site = NULL;
    int in_program = 0;
    char *copy = xstrdup(f->stack);
    for (char *line = strtok(copy, "\n"); line; line = strtok(NULL, "\n")) {
        char module[4096];
        unsigned long offset;
        if (sscanf(line, "at %4095s %lx", module, &offset) != 2 || strcmp(module, shim) == 0)
            continue;
        symbol *s = find_symbol(module, offset);
        const char *where = s && s->where ? s->where : "??";
        if (strcmp(module, program) == 0 && in_program++ < 3) {
            char *longer = *chain ? xprintf("%s <- %s", *chain, where) : xstrdup(where);
            free(*chain);
            *chain = longer;
            const char *file = strchr(where, '(');
            if (!*site && file)
                *site = xprintf("%.*s", (int)strcspn(file + 1, ":)"), file + 1);
        }
        char *more = xprintf("%s      %s [%s+%#lx]\n", text, where, base_name(module), offset);
        free(text);
        text = more;
    }
    free(copy);
    if (!*chain)
        *chain = xstrdup("(no frame in the program)");
    if (!*site)
        *site = xstrdup("(no frame in the program)");
    return text;
}

/* --------------------------------------------------------- the report */

/* The line of stderr that says why the program stopped: the first one that
 * is not a warning or a note. */
static char *reason(const char *err)
{
    const char *line = err;
    while (*line && (strstr(line, ": warning: ") == strchr(line, ':') ||
                     strstr(line, ": note: ") == strchr(line, ':'))) {
        const char *next = strchr(line, '\n');
        if (!next || !next[1])
            break;
        line = next + 1;
    }
    return first_line(line, 200);
}

/* Whether `word` names a file: the data files and the -o file vary with
 * the case, not with the mistake. */
static bool file_name(const char *word, size_t len)
{
    return memchr(word, '/', len) || (len > 4 && memcmp(word + len - 4, ".csv", 4) == 0) ||
           (len > 5 && memcmp(word + len - 5, ".json", 5) == 0);
}

/* What the program did, with file names, line and column numbers and
 * quoted words blurred, and the details after a quoted word cut, so that one
 * mistake made on several lines of the data, with several columns or tags,
 * is one group. */
static char *outcome(const failure *f)
{
    if (f->kind)
        return xstrdup(f->kind);
    char *line = reason(f->err);
    char *blurred = xmalloc(2 * strlen(line) + 8), *w = blurred;
    bool quoted = false, after_quote = false;
    for (const char *p = line; *p; p++) {
        size_t word = strcspn(p, " :'");
        if (after_quote && !quoted && (strncmp(p, " (", 2) == 0 || strncmp(p, "; ", 2) == 0)) {
            w += sprintf(w, " ...");
            break;
        }
        if (*p == '\'') {
            after_quote = true;
            quoted = !quoted;
            *w++ = *p;
            if (quoted)
                *w++ = '_';
        } else if (quoted) {
            continue;
        } else if (isdigit((unsigned char)*p) && p > line && p[-1] == ':') {
            *w++ = '#';
            while (isdigit((unsigned char)p[1]))
                p++;
        } else if ((p == line || p[-1] == ' ') && word && file_name(p, word)) {
            w += sprintf(w, "FILE");
            p += word - 1;
        } else {
            *w++ = *p;
        }
    }
    *w = '\0';
    char buf[64];
    char *text = xprintf("%s: %s", describe_status(f->status, buf, sizeof buf), blurred);
    free(line), free(blurred);
    return text;
}

static int by_point(const void *a, const void *b)
{
    const failure *x = a, *y = b;
    if (x->c != y->c)
        return x->c < y->c ? -1 : 1;
    if (x->from != y->from)
        return x->from ? 1 : -1;
    return x->at < y->at ? -1 : x->at > y->at;
}

static void print_point(const oom_case *cases, const failure *f)
{
    char *line = reason(f->err);
    printf("FAIL %-13s %s allocation %lu: %s; stderr: %s\n", cases[f->c].name,
           f->from ? "from" : "at", f->at, f->verdict, line);
    free(line);
}

/* Every failing point, one a line, then one paragraph per group: the
 * program's function that made the failed allocation and what came of it. */
static void report(const oom_case *cases, size_t runs)
{
    size_t n = failure_count;
    qsort(failures, n, sizeof *failures, by_point);
    symbolise();
    char **keys = xmalloc(n * sizeof *keys), **stacks = xmalloc(n * sizeof *stacks);
    char **chains = xmalloc(n * sizeof *chains), **sites = xmalloc(n * sizeof *sites);
    bool *shown = xmalloc(n * sizeof *shown);
    memset(shown, 0, n * sizeof *shown);
    for (size_t i = 0; i < n; i++) {
        stacks[i] = frames(&failures[i], &chains[i], &sites[i]);
        char *o = outcome(&failures[i]);
        keys[i] = xprintf("%s  [allocation in %s]", o, sites[i]);
        free(o);
        if (!verbose) {
            print_point(cases, &failures[i]);
            continue;
        }
        const failure *f = &failures[i];
        printf("\n--- %s, %s allocation %lu: %s\n    command: cocreate %s\n    stderr:\n%s"
               "    backtrace of the failed allocation:\n%s",
               cases[f->c].name, f->from ? "from" : "at", f->at, f->verdict, cases[f->c].text,
               f->err, stacks[i]);
    }
    size_t groups = 0;
    printf("\n==== %zu of %zu runs failed; grouped by outcome and by the source file that made "
           "the failed allocation:\n",
           n, runs);
    for (size_t i = 0; i < n; i++) {
        if (shown[i])
            continue;
        groups++;
        const failure *f = &failures[i];
        size_t members = 0;
        for (size_t j = i; j < n; j++)
            if (strcmp(keys[i], keys[j]) == 0)
                members++;
        printf("\n[%zu] %s\n    %zu point%s:", groups, keys[i], members, members == 1 ? "" : "s");
        size_t listed = 0;
        for (size_t j = i; j < n; j++)
            if (strcmp(keys[i], keys[j]) == 0 && listed++ < 10)
                printf(" %s/%s@%lu", cases[failures[j].c].name, failures[j].from ? "from" : "at",
                       failures[j].at);
        printf("%s\n    call paths:\n", listed > 10 ? " ..." : "");
        for (size_t j = i; j < n; j++) {
            if (strcmp(keys[i], keys[j]) != 0 || shown[j])
                continue;
            size_t same = 0;
            for (size_t k = j; k < n; k++)
                if (strcmp(keys[i], keys[k]) == 0 && strcmp(chains[j], chains[k]) == 0)
                    same++, shown[k] = true;
            printf("      %4zu x %s\n", same, chains[j]);
        }
        printf("    example: cocreate %s  (%s allocation %lu): %s\n    stderr:\n",
               cases[f->c].text, f->from ? "failing from" : "failing", f->at, f->verdict);
        char *err = xstrdup(f->err);
        int lines = 0;
        for (char *line = strtok(err, "\n"); line && lines < 4; line = strtok(NULL, "\n"), lines++)
            printf("      %s\n", line);
        free(err);
        printf("    backtrace:\n%s", stacks[i]);
    }
    printf("\n==== %zu of %zu runs failed, in %zu groups\n", n, runs, groups);
    for (size_t i = 0; i < n; i++)
        free(keys[i]), free(stacks[i]), free(chains[i]), free(sites[i]);
    free(keys), free(stacks), free(chains), free(sites), free(shown);
}

/* ------------------------------------------------------------------ main */

int main(int argc, char **argv)
{
#ifdef COCREATE_OOM_SKIP
    (void)argc, (void)argv;
    printf("test_oom: skipped: %s\n", COCREATE_OOM_SKIP);
    return EXIT_SKIP;
#else
    if (argc != 4) {
        fprintf(stderr, "usage: test_oom PROGRAM FAILMALLOC_SO CASES_FILE\n");
        return 2;
    }
    program = realpath(argv[1], NULL);
    shim = realpath(argv[2], NULL);
    char *cases_path = realpath(argv[3], NULL);
    if (!program || !shim || !cases_path) {
        fprintf(stderr, "test_oom: cannot find the program, the library or the cases\n");
        return 2;
    }
    char *dir = xstrdup(cases_path);
    *strrchr(dir, '/') = '\0';
    cases_dir = dir;
    const char *mode = getenv("COCREATE_OOM_MODE");
    bool pass_at = !mode || !*mode || strcmp(mode, "from") != 0;
    bool pass_from = !mode || !*mode || strcmp(mode, "once") != 0;
    verbose = getenv("COCREATE_OOM_VERBOSE") && *getenv("COCREATE_OOM_VERBOSE") &&
              strcmp(getenv("COCREATE_OOM_VERBOSE"), "0") != 0;
    long jobs_at_once = getenv("COCREATE_OOM_JOBS") ? atol(getenv("COCREATE_OOM_JOBS"))
                                                     : sysconf(_SC_NPROCESSORS_ONLN);
    if (jobs_at_once < 1)
        jobs_at_once = 1;
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (!mkdtemp(work_dir)) {
        perror("test_oom: mkdtemp");
        return 2;
    }

    size_t count;
    const char *only = getenv("COCREATE_OOM_CASE");
    oom_case *cases = read_cases(cases_path, only && *only ? only : NULL, &count);
    if (!count) {
        fprintf(stderr, "test_oom: no case to run\n");
        remove_tree(work_dir);
        return 2;
    }
    /* A hook that counts nothing (another C library) makes the test moot. */
    run_result probe = run_now(&cases[0], 0, false);
    bool hooked = counted(probe.log) > 0;
    release(&probe);
    if (!hooked) {
        printf("test_oom: skipped: the allocation hook does not work here\n");
        remove_tree(work_dir);
        return EXIT_SKIP;
    }
    if (!prepare(cases, count)) {
        remove_tree(work_dir);
        return 2;
    }

    job *jobs = NULL;
    size_t job_count = 0;
    for (int pass = 0; pass < 2; pass++) {
        if (!(pass ? pass_from : pass_at))
            continue;
        for (size_t c = 0; c < count; c++)
            for (unsigned long at = 1; at <= cases[c].allocations; at++) {
                jobs = xrealloc(jobs, (job_count + 1) * sizeof *jobs);
                jobs[job_count++] = (job){c, pass == 1, at};
            }
    }
    for (size_t c = 0; c < count; c++)
        printf("case %-14s %5lu allocations: cocreate %s\n", cases[c].name, cases[c].allocations,
               cases[c].text);
    printf("%zu runs, %ld at a time\n", job_count, jobs_at_once);
    run_all(cases, jobs, job_count, (size_t)jobs_at_once);
    if (failure_count)
        report(cases, job_count);
    else
        printf("all %zu runs ended with the normal output or exit 70 and no output\n", job_count);
    remove_tree(work_dir);
    return failure_count ? 1 : 0;
#endif
}
