/* test_cli.c — end-to-end tests of the built program: the data-driven cases
 * of cases.txt (exit status, stderr, stdout), then checks that need code:
 * every output format parses, match agrees with the library's exact ranking
 * on random data, -o is atomic, a closed pipe ends quietly, and the program
 * installed into a temporary prefix finds its data from any directory.
 * Usage: test_cli PROGRAM E2E_DIR BUILD_DIR */
#define _XOPEN_SOURCE 700 /* realpath */
#include <cjson/cJSON.h>
#include <csv.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cocreate/rank.h"
#include "harness.h"

static const char *program, *e2e_dir, *build_dir;
static char work_dir[] = "/tmp/cocreate-e2e-XXXXXX";

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

/* Runs `command` with bash in the e2e directory, $C naming the program. */
static result run(const char *command)
{
    /* the command travels in $CMD, so its own quoting stays intact */
    char *full = malloc(strlen(e2e_dir) + strlen(program) + 2 * sizeof work_dir + 128);
    sprintf(full, "cd '%s' && C='%s' bash -c 'eval \"$0\"' \"$CMD\" >'%s/out' 2>'%s/err'",
            e2e_dir, program, work_dir, work_dir);
    setenv("CMD", command, 1);
    int status = system(full);
    free(full);
    char path[256];
    result r = {WIFEXITED(status) ? WEXITSTATUS(status) : -1, NULL, NULL};
    snprintf(path, sizeof path, "%s/out", work_dir);
    r.out = slurp(path);
    snprintf(path, sizeof path, "%s/err", work_dir);
    r.err = slurp(path);
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

static void test_cases(void)
{
    char path[1024], line[4096];
    snprintf(path, sizeof path, "%s/cases.txt", e2e_dir);
    FILE *fp = fopen(path, "r");
    CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
    int cases = 0;
    while (fgets(line, sizeof line, fp)) {
        if (line[0] == '#' || line[0] == '\n')
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
        result r = run(field[1]);
        int expected = atoi(field[2]);
        bool ok = r.status == expected;
        ok &= strcmp(field[3], "-") == 0 || strstr(r.err, field[3]) != NULL;
        ok &= strcmp(field[4], "-") == 0 || strstr(r.out, field[4]) != NULL;
        ok &= expected == 0 || r.out[0] == '\0'; /* no output on failure */
        CU_ASSERT_TRUE(ok);
        if (!ok)
            fprintf(stderr, "\n  case '%s': exit %d (expected %d)\n  stderr: %s\n  stdout: %.400s\n",
                    field[0], r.status, expected, r.err, r.out);
        release(&r);
        cases++;
    }
    fclose(fp);
    CU_ASSERT_TRUE(cases > 50);
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

static unsigned seed;
static unsigned rnd(unsigned n)
{
    seed = seed * 1103515245u + 12345u;
    return (seed >> 8) % n;
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
    char path[256];
    snprintf(path, sizeof path, "%s/random.csv", work_dir);
    FILE *fp = fopen(path, "w");
    fputs(csv, fp);
    fclose(fp);
    return csv;
}

static void test_agrees_with_library(void)
{
    for (seed = 1; seed <= 12; seed++) {
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
        snprintf(cmd, sizeof cmd, "$C match --needs '%s' -a %s/random.csv -k 7 %s -f jsonl", needs,
                 work_dir, seed % 2 ? "--max-per-actor 2" : "");
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
        snprintf(cmd, sizeof cmd, "$C match --needs '%s' -a %s/random.csv -k 7 %s -f csv --no-header",
                 needs, work_dir, seed % 2 ? "--max-per-actor 2" : "");
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
    char cmd[512];
    snprintf(cmd, sizeof cmd,
             "$C match --all -k 5 -f csv > %s/top.csv && $C score --triads %s/top.csv -f csv "
             "--no-header",
             work_dir, work_dir);
    result r = run(cmd);
    CU_ASSERT_EQUAL_FATAL(r.status, 0);
    int rows = 0;
    for (char *line = strtok(r.out, "\n"); line; line = strtok(NULL, "\n"), rows++) {
        char *f[32];
        int n = split(line, f, 32);
        CU_ASSERT_EQUAL_FATAL(n, 16 + 6);
        /* match's score and components = score's, appended at the end */
        CU_ASSERT_STRING_EQUAL(f[2], f[21]);
        for (int c = 0; c < 5; c++)
            CU_ASSERT_STRING_EQUAL(f[3 + c], f[16 + c]);
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
    char target[256], cmd[512];
    snprintf(target, sizeof target, "%s/keep.csv", work_dir);
    FILE *fp = fopen(target, "w");
    fputs("precious\n", fp);
    fclose(fp);
    /* a failing run keeps the existing file intact and leaves no temporary */
    snprintf(cmd, sizeof cmd, "$C check -a bad/duplicate_id.csv -o %s", target);
    result r = run(cmd);
    CU_ASSERT_EQUAL(r.status, 65);
    release(&r);
    char *kept = slurp(target);
    CU_ASSERT_STRING_EQUAL(kept, "precious\n");
    free(kept);
    /* a failing run with a new name leaves no file */
    snprintf(cmd, sizeof cmd, "$C match nosuchchallenge -o %s/new.csv", work_dir);
    r = run(cmd);
    CU_ASSERT_EQUAL(r.status, 64);
    release(&r);
    char path[300];
    snprintf(path, sizeof path, "%s/new.csv", work_dir);
    CU_ASSERT_NOT_EQUAL(access(path, F_OK), 0);
    /* a good run replaces it; the format follows the extension */
    snprintf(cmd, sizeof cmd, "$C challenges -o %s/list.json && $C check -o %s", work_dir, target);
    r = run(cmd);
    CU_ASSERT_EQUAL(r.status, 0);
    CU_ASSERT_STRING_EQUAL(r.out, "");
    release(&r);
    kept = slurp(target);
    CU_ASSERT_PTR_NOT_NULL(strstr(kept, "statistic,value"));
    free(kept);
    snprintf(path, sizeof path, "%s/list.json", work_dir);
    char *json = slurp(path);
    cJSON *doc = cJSON_Parse(json);
    CU_ASSERT_PTR_NOT_NULL(cJSON_GetObjectItem(doc, "challenges"));
    cJSON_Delete(doc);
    free(json);
    /* nothing else was left in the directory */
    snprintf(cmd, sizeof cmd, "ls %s | grep -c XXXXXX; ls %s | grep -c '\\.csv\\.'", work_dir, work_dir);
    r = run(cmd);
    CU_ASSERT_STRING_EQUAL(r.out, "0\n0\n");
    release(&r);
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
    char cmd[1024];
    snprintf(cmd, sizeof cmd,
             "cmake --install '%s' --prefix '%s/prefix' >/dev/null && cd / && "
             "'%s/prefix/bin/cocreate' match alimentation-durable -k 1 -f csv --no-header",
             build_dir, work_dir, work_dir);
    result r = run(cmd);
    CU_ASSERT_EQUAL(r.status, 0);
    CU_ASSERT_EQUAL(strncmp(r.out, "alimentation-durable,1,", 23), 0);
    release(&r);
    /* COCREATE_DATA names another data directory */
    snprintf(cmd, sizeof cmd,
             "mkdir -p '%s/mine' && cp data/small.csv '%s/mine/actors.csv' && "
             "cp data/small.json '%s/mine/challenges.json' && "
             "COCREATE_DATA='%s/mine' '%s/prefix/bin/cocreate' check -f csv",
             work_dir, work_dir, work_dir, work_dir, work_dir);
    r = run(cmd);
    CU_ASSERT_EQUAL(r.status, 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "actors.total,6"));
    release(&r);
}

/* The installed man page carries the program's version and its sections
 * (test_commands checks it documents every command and option). */
static void test_man_page(void)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/prefix/share/man/man1/cocreate.1", work_dir);
    char *man = slurp(path);
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
 * numbers, accents intact. Needs soffice (CI installs it and sets
 * COCREATE_REQUIRE_LIBREOFFICE so that its absence fails there). */
static void test_excel_in_libreoffice(void)
{
    result which = run("command -v soffice");
    bool present = which.status == 0;
    release(&which);
    if (!present) {
        CU_ASSERT_PTR_NULL(getenv("COCREATE_REQUIRE_LIBREOFFICE"));
        fprintf(stderr, "\n  soffice not installed: LibreOffice check skipped\n");
        return;
    }
    char cmd[1024];
    snprintf(cmd, sizeof cmd,
             "cd '%s' && $C match alimentation-durable -k 3 --excel -o props.csv && "
             "HOME='%s' timeout 300 soffice --headless --infilter='CSV:59,34,76,1,,1036' "
             "--convert-to fods props.csv >/dev/null 2>&1 && cat props.fods",
             work_dir, work_dir);
    result r = run(cmd);
    CU_ASSERT_EQUAL(r.status, 0);
    /* the score 0,8130 became the number 0.813, the name kept its accent */
    CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "office:value-type=\"float\" office:value=\"0.813\""));
    CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "<text:p>Biomarché Toulouse</text:p>"));
    release(&r);
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: test_cli PROGRAM E2E_DIR BUILD_DIR\n");
        return 2;
    }
    build_dir = argv[3];
    static char program_path[4096], dir_path[4096];
    if (!realpath(argv[1], program_path) || !realpath(argv[2], dir_path))
        return 2;
    program = program_path;
    e2e_dir = dir_path;
    unsetenv("COCREATE_DATA");
    if (!mkdtemp(work_dir))
        return 2;
    static const test_case tests[] = {
        {"cases.txt", test_cases},
        {"every format parses", test_formats_parse},
        {"match = library ranking on random data", test_agrees_with_library},
        {"score and explain agree with match", test_score_agrees_with_match},
        {"-o is atomic", test_atomic_output},
        {"closed pipe", test_closed_pipe},
        {"installed program finds its data", test_installed},
        {"installed man page: version and sections", test_man_page},
        {"--excel in LibreOffice, French locale", test_excel_in_libreoffice},
    };
    int status = RUN_SUITE("cli", tests);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", work_dir);
    if (system(cmd) != 0)
        status = status ? status : 2;
    return status;
}
