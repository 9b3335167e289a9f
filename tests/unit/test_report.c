/* test_report.c — the printers: CSV read back through libcsv, JSON through
 * cJSON, table columns aligned by display width. */
#include <cjson/cJSON.h>
#include <csv.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cocreate/report.h"
#include "cocreate/text.h"
#include "harness.h"
#include "report/report_internal.h"

/* Names with accents, a comma, quotes and a line break, to stress quoting
 * and alignment. */
static const char *actors_csv =
    "id,name,sector,expertise,seeks,territory,reach\n"
    "s1,\"Épicerie \"\"Solidaire\"\", Lille\",social,a;b,x,FR/HdF/Lille,100\n"
    "s2,Société Générale du Nord,social,a,,FR/HdF,10\n"
    "c1,\"Deux\nlignes\",company,b;x,a,FR/HdF,9999\n"
    "p1,Métropole Européenne,public,c,,FR/HdF/Lille,50\n"
    "p2,Île,public,y,,FR,5\n";

typedef struct {
    cc_intern *tags;
    cc_actors actors;
    cc_challenge ch;
    cc_scorer scorer;
    cc_ranking ranking;
} fixture;

/* Loads `csv`, makes the challenge of `needs` and ranks its triads. */
static void setup_with(fixture *f, const char *csv, const char *needs)
{
    cc_error err = {0};
    f->tags = cc_intern_new();
    CU_ASSERT_EQUAL_FATAL(cc_actors_load_buffer(&f->actors, "t.csv", csv, strlen(csv), NULL,
                                                f->tags, &err), CC_OK);
    CU_ASSERT_EQUAL_FATAL(cc_challenge_from_needs(&f->ch, needs, f->tags, &err), CC_OK);
    cc_weights w = cc_weights_profile(CC_BALANCED);
    unsigned dropped;
    cc_weights_finish(&w, &f->actors, &dropped, &err);
    CU_ASSERT_EQUAL_FATAL(cc_scorer_init(&f->scorer, &f->actors, &f->ch, &w, NULL, &err), CC_OK);
    cc_rank_options o = {.k = 10};
    CU_ASSERT_EQUAL_FATAL(cc_rank_top(&f->scorer, &o, &f->ranking, &err), CC_OK);
}

static void setup(fixture *f)
{
    setup_with(f, actors_csv, "a:3;b:2;c:1;zzz:1");
    CU_ASSERT_EQUAL_FATAL(f->ranking.count, 4);
}

static void teardown(fixture *f)
{
    cc_ranking_free(&f->ranking);
    cc_scorer_free(&f->scorer);
    cc_challenge_clear(&f->ch);
    cc_actors_free(&f->actors);
    cc_intern_free(f->tags);
}

/* Prints with `format` into a malloc'd string. */
static char *render_with(fixture *f, cc_report_options o)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    cc_match_result r = {&f->scorer, &f->ranking};
    CU_ASSERT_EQUAL(cc_report_match(fp, &r, 1, &o), CC_OK);
    fclose(fp);
    return buf;
}

static char *render(fixture *f, cc_format format, bool explain)
{
    return render_with(f, (cc_report_options){.format = format, .header = true, .explain = explain});
}

/* ------------------------------------------------------ CSV read back */

typedef struct {
    char cells[8][16][128];
    int rows, col;
} parsed_csv;

static void on_field(void *s, size_t len, void *ctx)
{
    parsed_csv *p = ctx;
    if (p->rows < 8 && p->col < 16)
        snprintf(p->cells[p->rows][p->col], 128, "%.*s", (int)len, (const char *)s);
    p->col++;
}

static void on_row(int c, void *ctx)
{
    (void)c;
    parsed_csv *p = ctx;
    CU_ASSERT_EQUAL(p->col, 16); /* every row has every column */
    p->rows++;
    p->col = 0;
}

static void read_back(const char *text, char delimiter, parsed_csv *p)
{
    struct csv_parser parser;
    csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
    csv_set_delim(&parser, (unsigned char)delimiter);
    memset(p, 0, sizeof *p);
    CU_ASSERT_EQUAL(csv_parse(&parser, text, strlen(text), on_field, on_row, p), strlen(text));
    CU_ASSERT_EQUAL(csv_fini(&parser, on_field, on_row, p), 0);
    csv_free(&parser);
}

static void test_csv_round_trip(void)
{
    fixture f;
    setup(&f);
    const char delimiters[] = {',', '\t'};
    for (int d = 0; d < 2; d++) {
        char *text = render(&f, d ? CC_TSV : CC_CSV, false);
        parsed_csv p;
        read_back(text, delimiters[d], &p);
        CU_ASSERT_EQUAL(p.rows, 5);
        CU_ASSERT_STRING_EQUAL(p.cells[0][0], "challenge_id");
        CU_ASSERT_STRING_EQUAL(p.cells[0][15], "missing_needs");
        for (int r = 1; r < p.rows; r++) {
            const cc_triad *t = &f.ranking.items[r - 1];
            CU_ASSERT_EQUAL(atoi(p.cells[r][1]), r);
            CU_ASSERT_DOUBLE_EQUAL(atof(p.cells[r][2]), t->score, 5e-5);
            CU_ASSERT_STRING_EQUAL(p.cells[r][9], f.actors.items[t->member[0]].name);
            CU_ASSERT_STRING_EQUAL(p.cells[r][11], f.actors.items[t->member[1]].name);
        }
        /* the quotes, comma and line break survive */
        CU_ASSERT_PTR_NOT_NULL(strstr(text, "\"Deux\nlignes\""));
        free(text);
    }
    teardown(&f);
}

static void test_csv_numbers(void)
{
    fixture f;
    setup(&f);
    char *text = render(&f, CC_CSV, false);
    parsed_csv p;
    read_back(text, ',', &p);
    for (int c = 2; c <= 7; c++) { /* 4 decimals with a '.' */
        const char *dot = strchr(p.cells[1][c], '.');
        CU_ASSERT_PTR_NOT_NULL_FATAL(dot);
        CU_ASSERT_EQUAL(strlen(dot + 1), 4);
    }
    CU_ASSERT_PTR_NOT_NULL(strstr(p.cells[1][15], "zzz")); /* nobody offers it */
    free(text);
    teardown(&f);
}

static void test_excel(void)
{
    fixture f;
    setup(&f);
    char *text = render_with(&f, (cc_report_options){.format = CC_CSV, .header = true, .excel = true});
    CU_ASSERT_EQUAL(memcmp(text, "\xEF\xBB\xBF", 3), 0); /* UTF-8 byte-order mark */
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "challenge_id;rank;score;"));
    /* the five rows end in CRLF (the line break inside "Deux\nlignes" stays) */
    int crlf = 0;
    for (const char *p = text; (p = strstr(p, "\r\n")); p++)
        crlf++;
    CU_ASSERT_EQUAL(crlf, 5);
    parsed_csv p;
    read_back(text + 3, ';', &p);
    CU_ASSERT_EQUAL(p.rows, 5);
    for (int r = 1; r < p.rows; r++) {
        /* decimal comma, read back as the same number */
        char *comma = strchr(p.cells[r][2], ',');
        CU_ASSERT_PTR_NOT_NULL_FATAL(comma);
        *comma = '.';
        CU_ASSERT_DOUBLE_EQUAL(atof(p.cells[r][2]), f.ranking.items[r - 1].score, 5e-5);
        CU_ASSERT_STRING_EQUAL(p.cells[r][9], f.actors.items[f.ranking.items[r - 1].member[0]].name);
    }
    free(text);
    teardown(&f);
}

/* --excel writes a cell that starts like a formula as quoted text with a '
 * in front, but never a plain number, and never cocreate's own numbers;
 * plain CSV keeps every cell as it is. */
static void test_excel_formulas(void)
{
    char *header[10] = {"=h", "b", "c", "d", "e", "f", "g", "h", "i", "j"};
    char *fields[10] = {"-0,5", "-", "@x", "\t=1", "\r=1", "-1.", "+3.5", "=1+1", "a=b", ""};
    const char *excel[10] = {"-0,5", "'-", "'@x", "'\t=1", "'\r=1", "'-1.", "+3.5", "'=1+1", "a=b", ""};
    cc_scored_row row = {fields, {-0.5, 0.25, 0, 1, 0.5}, 0.5};
    for (int e = 0; e < 2; e++) {
        char *text = NULL;
        size_t len = 0;
        FILE *fp = open_memstream(&text, &len);
        cc_report_options o = {.format = CC_CSV, .header = true, .excel = e};
        CU_ASSERT_EQUAL(cc_report_scored(fp, header, 10, &row, 1, &o), CC_OK);
        fclose(fp);
        if (!e) { /* byte for byte, quoted only where RFC 4180 needs it */
            CU_ASSERT_STRING_EQUAL(text, "=h,b,c,d,e,f,g,h,i,j,coverage,complementarity,winwin,"
                                         "proximity,reach,score\n\"-0,5\",-,@x,\t=1,\"\r=1\",-1.,"
                                         "+3.5,=1+1,a=b,,-0.5000,0.2500,0.0000,1.0000,0.5000,0.5000\n");
            free(text);
            continue;
        }
        parsed_csv p;
        read_back(text + 3, ';', &p);
        CU_ASSERT_EQUAL_FATAL(p.rows, 2);
        CU_ASSERT_STRING_EQUAL(p.cells[0][0], "'=h");
        for (int c = 0; c < 10; c++)
            CU_ASSERT_STRING_EQUAL(p.cells[1][c], excel[c]);
        /* the components, the first one negative, and the score */
        CU_ASSERT_STRING_EQUAL(p.cells[1][10], "-0,5000");
        CU_ASSERT_STRING_EQUAL(p.cells[1][15], "0,5000");
        free(text);
    }
}

/* ----------------------------------------------------- JSON read back */

static void test_json_round_trip(void)
{
    fixture f;
    setup(&f);
    char *text = render(&f, CC_JSON, false);
    cJSON *doc = cJSON_Parse(text);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    cJSON *ch = cJSON_GetObjectItem(doc, "challenge");
    CU_ASSERT_STRING_EQUAL(cJSON_GetObjectItem(ch, "id")->valuestring, "needs");
    CU_ASSERT_DOUBLE_EQUAL(cJSON_GetObjectItem(cJSON_GetObjectItem(ch, "needs"), "a")->valuedouble, 3, 0);
    cJSON *weights = cJSON_GetObjectItem(doc, "weights");
    double wsum = 0;
    for (cJSON *w = weights->child; w; w = w->next)
        wsum += w->valuedouble;
    CU_ASSERT_DOUBLE_EQUAL(wsum, 1.0, 1e-12);
    cJSON *proposals = cJSON_GetObjectItem(doc, "proposals");
    CU_ASSERT_EQUAL_FATAL(cJSON_GetArraySize(proposals), 4);
    int rank = 0;
    for (cJSON *p = proposals->child; p; p = p->next) {
        const cc_triad *t = &f.ranking.items[rank];
        CU_ASSERT_EQUAL(cJSON_GetObjectItem(p, "rank")->valueint, ++rank);
        double score = cJSON_GetObjectItem(p, "score")->valuedouble;
        CU_ASSERT_DOUBLE_EQUAL(score, t->score, 1e-15); /* full precision */
        double sum = 0;
        for (cJSON *c = cJSON_GetObjectItem(p, "contributions")->child; c; c = c->next)
            sum += c->valuedouble;
        CU_ASSERT_DOUBLE_EQUAL(sum, score, 1e-12); /* contributions add up to the score */
        cJSON *partners = cJSON_GetObjectItem(p, "partners");
        CU_ASSERT_EQUAL(cJSON_GetArraySize(partners), 3);
        CU_ASSERT_STRING_EQUAL(cJSON_GetObjectItem(cJSON_GetArrayItem(partners, 0), "sector")->valuestring, "social");
        CU_ASSERT_STRING_EQUAL(cJSON_GetObjectItem(cJSON_GetArrayItem(partners, 2), "sector")->valuestring, "public");
        CU_ASSERT_TRUE(cJSON_IsArray(cJSON_GetObjectItem(p, "covered")));
        cJSON *missing = cJSON_GetObjectItem(p, "missing");
        CU_ASSERT_STRING_EQUAL(cJSON_GetArrayItem(missing, cJSON_GetArraySize(missing) - 1)->valuestring, "zzz");
    }
    cJSON_Delete(doc);
    free(text);
    teardown(&f);
}

static void test_jsonl(void)
{
    fixture f;
    setup(&f);
    char *text = render(&f, CC_JSONL, false);
    int lines = 0;
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        cJSON *p = cJSON_Parse(line);
        CU_ASSERT_PTR_NOT_NULL_FATAL(p);
        CU_ASSERT_STRING_EQUAL(cJSON_GetObjectItem(p, "challenge_id")->valuestring, "needs");
        CU_ASSERT_EQUAL(cJSON_GetObjectItem(p, "rank")->valueint, ++lines);
        cJSON_Delete(p);
    }
    CU_ASSERT_EQUAL(lines, 4);
    free(text);
    teardown(&f);
}

/* ------------------------------------------------------------- table */

static void test_table_alignment(void)
{
    fixture f;
    setup(&f);
    char *text = render(&f, CC_TABLE, false);
    /* The "company" column starts at the same display column on every
     * row, though the names before it have accents (more bytes). */
    char *line = strtok(text, "\n");
    line = strtok(NULL, "\n"); /* skip the title and weights lines */
    line = strtok(NULL, "\n");
    long column = -1;
    int rows = 0;
    for (; line; line = strtok(NULL, "\n"), rows++) {
        char name[128] = "company";
        if (rows > 0) {
            snprintf(name, sizeof name, "%s", f.actors.items[f.ranking.items[rows - 1].member[1]].name);
            if (strcmp(name, "Deux\nlignes") == 0)
                strcpy(name, "Deux\\nlignes"); /* shown on one line, the break escaped */
        }
        const char *company = strstr(line, name);
        CU_ASSERT_PTR_NOT_NULL_FATAL(company);
        char prefix[512];
        snprintf(prefix, sizeof prefix, "%.*s", (int)(company - line), line);
        long width = (long)cc_text_width(prefix);
        if (column < 0)
            column = width;
        CU_ASSERT_EQUAL(width, column);
    }
    CU_ASSERT_EQUAL(rows, 5);
    free(text);
    teardown(&f);
}

static void test_table_explain(void)
{
    fixture f;
    setup(&f);
    char *text = render(&f, CC_TABLE, true);
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "brings: "));
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "only it: "));
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "missing  zzz"));
    free(text);
    teardown(&f);
}

/* The format table: every row complete, names and extensions found back,
 * no extension claimed twice. */
static void test_format_table(void)
{
    for (int i = 0; i < CC_FORMATS; i++) {
        const cc_format_desc *f = &cc_formats[i];
        CU_ASSERT_PTR_NOT_NULL_FATAL(f->name);
        CU_ASSERT_PTR_NOT_NULL(f->summary);
        CU_ASSERT_EQUAL(cc_format_parse(f->name), i);
        CU_ASSERT_PTR_NOT_NULL_FATAL(f->extensions);
        CU_ASSERT_PTR_NOT_NULL_FATAL(f->printers);
        const cc_printers *p = f->printers;
        /* each printer is there unless the row says the format refuses its kind */
        const bool has[CC_REPORT_KINDS] = {
            [CC_REPORT_MATCH] = p->match != NULL,   [CC_REPORT_PLAN] = p->plan != NULL,
            [CC_REPORT_EXPLAIN] = p->explain != NULL, [CC_REPORT_SCORED] = p->scored != NULL,
            [CC_REPORT_GAPS] = p->gaps != NULL,     [CC_REPORT_CHALLENGES] = p->challenges != NULL,
            [CC_REPORT_CHECK] = p->check != NULL,   [CC_REPORT_TAGS] = p->tags != NULL};
        for (int k = 0; k < CC_REPORT_KINDS; k++) {
            bool refused = f->refuses >> k & 1;
            if (has[k] == refused)
                fprintf(stderr, "\n  %s: the %s printer is %s\n", f->name,
                        cc_report_kind_names[k], refused ? "there but refused" : "missing");
            CU_ASSERT_NOT_EQUAL(has[k], refused);
            CU_ASSERT_EQUAL(cc_format_prints((cc_format)i, (cc_report_kind)k), has[k]);
        }
        CU_ASSERT_EQUAL(f->refuses >> CC_REPORT_KINDS, 0);
        CU_ASSERT_TRUE(has[CC_REPORT_MATCH]); /* every format prints proposals */
        for (const char *const *ext = f->extensions; *ext; ext++) {
            char path[64];
            snprintf(path, sizeof path, "dir.d/out.%s", *ext);
            CU_ASSERT_EQUAL(cc_format_for_path(path), i);
        }
    }
    CU_ASSERT_EQUAL(cc_format_parse("xml"), -1);
    CU_ASSERT_EQUAL(cc_format_for_path(NULL), -1);
    CU_ASSERT_EQUAL(cc_format_for_path("out.xml"), -1);
    CU_ASSERT_EQUAL(cc_format_for_path("out"), -1);
    CU_ASSERT_EQUAL(cc_format_for_path("results.csv/out"), -1);
    CU_ASSERT_EQUAL(cc_format_for_path("out.table"), -1); /* a terminal table is no file type */
}

typedef cc_status (*print_fn)(FILE *fp, fixture *f, const cc_report_options *o);

static cc_status print_match(FILE *fp, fixture *f, const cc_report_options *o)
{
    cc_match_result r = {&f->scorer, &f->ranking};
    return cc_report_match(fp, &r, 1, o);
}

static cc_status print_explain(FILE *fp, fixture *f, const cc_report_options *o)
{
    return cc_report_explain(fp, &f->scorer, &f->ranking.items[0], NULL, o);
}

static cc_status print_gaps(FILE *fp, fixture *f, const cc_report_options *o)
{
    cc_gaps g;
    cc_error err = {0};
    cc_status st = cc_gaps_compute(&f->scorer, NULL, &g, &err);
    return st != CC_OK ? st : cc_report_gaps(fp, &g, 1, o);
}

static cc_status print_scored(FILE *fp, fixture *f, const cc_report_options *o)
{
    char *header[] = {"social_id", "company_id", "public_id"};
    char *fields[] = {"s1", "c1", "p1"};
    cc_scored_row row = {fields, {0}, 0};
    row.score = cc_scorer_score(&f->scorer, f->ranking.items[0].member, row.comp);
    return cc_report_scored(fp, header, 3, &row, 1, o);
}

static cc_status print_challenges(FILE *fp, fixture *f, const cc_report_options *o)
{
    cc_challenges all = {"c.json", &f->ch, 1};
    return cc_report_challenges(fp, &all, o);
}

static cc_status print_check(FILE *fp, fixture *f, const cc_report_options *o)
{
    cc_challenges all = {"c.json", &f->ch, 1};
    cc_vocabulary voc;
    CU_ASSERT_EQUAL_FATAL(cc_vocabulary_build(&voc, &f->actors, &all), CC_OK);
    cc_status st = cc_report_check(fp, &f->actors, &all, &voc, o);
    cc_vocabulary_free(&voc);
    return st;
}

static cc_status print_tags(FILE *fp, fixture *f, const cc_report_options *o)
{
    cc_challenges all = {"c.json", &f->ch, 1};
    cc_vocabulary voc;
    CU_ASSERT_EQUAL_FATAL(cc_vocabulary_build(&voc, &f->actors, &all), CC_OK);
    cc_status st = cc_report_tags(fp, &voc, o);
    cc_vocabulary_free(&voc);
    return st;
}

/* Every format prints every kind of report, each naming what it must. */
static void test_every_format_prints_everything(void)
{
    static const struct {
        const char *what, *wanted;
        print_fn print;
        cc_report_kind kind;
    } kinds[] = {
        {"match", "Société Générale du Nord", print_match, CC_REPORT_MATCH},
        {"explain", "Société Générale du Nord", print_explain, CC_REPORT_EXPLAIN},
        {"gaps", "zzz", print_gaps, CC_REPORT_GAPS},
        {"score", "s1", print_scored, CC_REPORT_SCORED},
        {"challenges", "ad-hoc challenge", print_challenges, CC_REPORT_CHALLENGES},
        {"check", "actors", print_check, CC_REPORT_CHECK},
        {"tags", "uses", print_tags, CC_REPORT_TAGS},
    };
    fixture f;
    setup(&f);
    for (int i = 0; i < CC_FORMATS; i++)
        for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++) {
            char *buf = NULL;
            size_t len = 0;
            FILE *fp = open_memstream(&buf, &len);
            CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
            cc_report_options o = {.format = (cc_format)i, .header = true};
            cc_status st = kinds[k].print(fp, &f, &o);
            fclose(fp);
            if (!cc_format_prints((cc_format)i, kinds[k].kind)) {
                /* a refused report: a usage error, nothing written */
                CU_ASSERT_EQUAL(st, CC_EUSAGE);
                CU_ASSERT_EQUAL(len, 0);
                free(buf);
                continue;
            }
            if (st != CC_OK || !strstr(buf, kinds[k].wanted))
                fprintf(stderr, "\n  %s as %s: status %d, output:\n%s\n", kinds[k].what,
                        cc_formats[i].name, (int)st, buf);
            CU_ASSERT_EQUAL(st, CC_OK);
            CU_ASSERT_PTR_NOT_NULL(strstr(buf, kinds[k].wanted));
            free(buf);
        }
    teardown(&f);
}

/* ------------------------------------------------- data unsafe to show */

/* Names and a tag holding what a terminal acts on: ESC sequences, a bell,
 * DEL, a C1 CSI, a bidirectional override, a line separator, a line break. */
static const char *hostile_csv =
    "id,name,sector,expertise,seeks\n"
    "s\x1b[1m,\"T\x1b]0;title\x07 \x7f\xc2\x9b" "2J\",social,a,\"b\xe2\x80\xae" "c\"\n"
    "c1,\"Deux\nlignes\xe2\x80\xa8\",company,\"b\xe2\x80\xae" "c\",a\n"
    "p1,Plain,public,c,\n";

/* Whether `text` (UTF-8) holds a character a terminal acts on, but
 * newlines and, when `tabs`, tabs. */
static bool has_unsafe(const char *text, bool tabs)
{
    const unsigned char *u = (const unsigned char *)text;
    for (size_t i = 0; u[i];) {
        int32_t c = u[i];
        size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        if (n == 2)
            c = (c & 0x1F) << 6 | (u[i + 1] & 0x3F);
        else if (n == 3)
            c = (c & 0x0F) << 12 | (u[i + 1] & 0x3F) << 6 | (u[i + 2] & 0x3F);
        else if (n == 4)
            c = 0x10000; /* none of those is unsafe */
        if (c != '\n' && !(tabs && c == '\t') && cc_text_unsafe(c))
            return true;
        i += n;
    }
    return false;
}

static char *render_kind(fixture *f, print_fn print, cc_format format, bool explain)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    cc_report_options o = {.format = format, .header = true, .explain = explain};
    CU_ASSERT_EQUAL(print(fp, f, &o), CC_OK);
    fclose(fp);
    return buf;
}

/* Tables show every such character escaped, in every report. */
static void test_table_escapes(void)
{
    static const print_fn kinds[] = {print_match, print_explain, print_gaps, print_scored,
                                     print_challenges, print_check, print_tags};
    fixture f;
    setup_with(&f, hostile_csv, "a;b\xe2\x80\xae" "c;c");
    for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++) {
        char *text = render_kind(&f, kinds[k], CC_TABLE, true);
        CU_ASSERT_FALSE(has_unsafe(text, false));
        free(text);
    }
    char *text = render_kind(&f, print_explain, CC_TABLE, false);
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "T\\x1b]0;title\\x07 \\x7f\\u009b2J (s\\x1b[1m)\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "Deux\\nlignes\\u2028 (c1)\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "brings: b\\u202ec\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "gains: b\\u202ec (1 of 1 seeks met)\n"));
    free(text);
    teardown(&f);
}

/* JSON shows them as \u escapes too, and reads back as the same text. */
static void test_json_escapes(void)
{
    fixture f;
    setup_with(&f, hostile_csv, "a;b\xe2\x80\xae" "c;c");
    for (int format = CC_JSON; format <= CC_JSONL; format++) {
        char *text = render_kind(&f, print_explain, (cc_format)format, false);
        CU_ASSERT_FALSE(has_unsafe(text, true));
        CU_ASSERT_PTR_NOT_NULL(strstr(text, "\\u007f\\u009b2J"));
        CU_ASSERT_PTR_NOT_NULL(strstr(text, "b\\u202ec"));
        cJSON *doc = cJSON_Parse(text);
        CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
        cJSON *p = format == CC_JSONL ? doc : cJSON_GetArrayItem(cJSON_GetObjectItem(doc, "proposals"), 0);
        cJSON *partners = cJSON_GetObjectItem(p, "partners");
        for (int k = 0; k < CC_SECTORS; k++) {
            const cc_actor *a = &f.actors.items[f.ranking.items[0].member[k]];
            cJSON *partner = cJSON_GetArrayItem(partners, k);
            CU_ASSERT_STRING_EQUAL(cJSON_GetObjectItem(partner, "name")->valuestring, a->name);
            CU_ASSERT_STRING_EQUAL(cJSON_GetObjectItem(partner, "id")->valuestring, a->id);
        }
        cJSON_Delete(doc);
        free(text);
    }
    teardown(&f);
}

/* ------------------------------------------------------ draft thesaurus */

typedef struct {
    char cells[8][4][64];
    int rows, col, widest;
} parsed_thesaurus;

static void on_thesaurus_field(void *s, size_t len, void *ctx)
{
    parsed_thesaurus *p = ctx;
    if (p->rows < 8 && p->col < 4)
        snprintf(p->cells[p->rows][p->col], 64, "%.*s", (int)len, (const char *)s);
    p->col++;
}

static void on_thesaurus_row(int c, void *ctx)
{
    (void)c;
    parsed_thesaurus *p = ctx;
    p->widest = p->col > p->widest ? p->col : p->widest;
    CU_ASSERT_EQUAL(p->col, 4);
    p->rows++;
    p->col = 0;
}

/* `tags --suggest` is a CSV with the columns tag, means, broader, reason
 * that reads back through libcsv; a cell a spreadsheet would run is text
 * ('=...), which normalises to the same tag. */
static void test_thesaurus_read_back(void)
{
    static const char csv[] =
        "id,name,sector,expertise\n"
        "s1,A,social,insertion professionnelle;=Somme\n"
        "s2,B,social,\"insertion professionnelle;=Somme\"\n"
        "c1,C,company,\"insertion professionnelle;insertion pro;bio, circuit court\"\n"
        "c2,E,company,\"bio, circuit court\"\n"
        "p1,D,public,\"Insertions Professionnelles;=Sommes;bio, circuits courts\"\n";
    cc_intern *tags = cc_intern_new();
    cc_actors actors;
    cc_error err = {0};
    CU_ASSERT_EQUAL_FATAL(cc_actors_load_buffer(&actors, "t.csv", csv, strlen(csv), NULL, tags,
                                                &err), CC_OK);
    cc_vocabulary voc;
    CU_ASSERT_EQUAL_FATAL(cc_vocabulary_build(&voc, &actors, NULL), CC_OK);
    CU_ASSERT_EQUAL(voc.variants, 4);
    char *text = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&text, &len);
    cc_report_options o = {.format = CC_CSV, .header = true};
    CU_ASSERT_EQUAL(cc_report_thesaurus(fp, &voc, &o), CC_OK);
    fclose(fp);
    parsed_thesaurus p = {0};
    struct csv_parser parser;
    csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
    CU_ASSERT_EQUAL(csv_parse(&parser, text, len, on_thesaurus_field, on_thesaurus_row, &p), len);
    CU_ASSERT_EQUAL(csv_fini(&parser, on_thesaurus_field, on_thesaurus_row, &p), 0);
    csv_free(&parser);
    CU_ASSERT_EQUAL_FATAL(p.rows, 5);
    CU_ASSERT_EQUAL(p.widest, 4);
    static const char *const header[] = {"tag", "means", "broader", "reason"};
    for (int c = 0; c < 4; c++)
        CU_ASSERT_STRING_EQUAL(p.cells[0][c], header[c]);
    /* grouped by meaning, the most used meaning first */
    CU_ASSERT_STRING_EQUAL(p.cells[1][0], "insertion pro");
    CU_ASSERT_STRING_EQUAL(p.cells[1][1], "insertion professionnelle");
    CU_ASSERT_STRING_EQUAL(p.cells[1][3], "abbreviation");
    CU_ASSERT_STRING_EQUAL(p.cells[2][0], "Insertions Professionnelles");
    CU_ASSERT_STRING_EQUAL(p.cells[2][3], "plural");
    CU_ASSERT_STRING_EQUAL(p.cells[3][0], "'=Sommes");
    CU_ASSERT_STRING_EQUAL(p.cells[3][1], "'=Somme");
    CU_ASSERT_STRING_EQUAL(p.cells[4][0], "bio, circuits courts"); /* quoted, read back */
    CU_ASSERT_STRING_EQUAL(p.cells[4][1], "bio, circuit court");
    for (int r = 1; r < p.rows; r++) {
        CU_ASSERT_STRING_EQUAL(p.cells[r][2], "");
        for (int c = 0; c < 2; c++) { /* each reads back as a tag in use */
            char *key;
            CU_ASSERT_EQUAL_FATAL(cc_text_norm(p.cells[r][c], strlen(p.cells[r][c]), &key), CC_OK);
            CU_ASSERT_TRUE(cc_intern_find(tags, key) >= 0);
            free(key);
        }
    }
    free(text);
    cc_vocabulary_free(&voc);
    cc_actors_free(&actors);
    cc_intern_free(tags);
}

/* ------------------------------------------------------------------ html */

static char *html_of(const char *text)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
    cc_html_put_escaped(fp, text);
    fclose(fp);
    return buf;
}

/* The five characters HTML gives a meaning to become references; what
 * HTML does not allow (C0 but tab and newline, DEL, C1) becomes U+FFFD;
 * the rest, accents and bidirectional marks included, is kept. */
static void test_html_escape(void)
{
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"", ""},
        {"Épicerie", "Épicerie"},
        {"<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
        {"a & b", "a &amp; b"},
        {"\"q\" 'a'", "&quot;q&quot; &#39;a&#39;"},
        {"&amp;", "&amp;amp;"},
        {"t\tn\n", "t\tn\n"},
        {"e\x1b[1m\x07\x7f", "e\xef\xbf\xbd[1m\xef\xbf\xbd\xef\xbf\xbd"},
        {"c1\xc2\x9b" "2J \xc2\xa0", "c1\xef\xbf\xbd" "2J \xc2\xa0"}, /* CSI goes, NBSP stays */
        {"\xe2\x80\xae" "x", "\xe2\x80\xae" "x"}, /* kept: <bdi> isolates it */
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *got = html_of(cases[i].in);
        if (strcmp(got, cases[i].out) != 0)
            fprintf(stderr, "\n  html of '%s': '%s'\n", cases[i].in, got);
        CU_ASSERT_STRING_EQUAL(got, cases[i].out);
        free(got);
    }
}

/* An html report shows the data escaped: no raw quote from a name, no
 * control character, every name in the page. */
static void test_html_reports(void)
{
    static const print_fn kinds[] = {print_match, print_explain, print_gaps};
    fixture f;
    setup(&f);
    for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++) {
        char *text = render_kind(&f, kinds[k], CC_HTML, false);
        CU_ASSERT_EQUAL(strncmp(text, "<!DOCTYPE html>\n<html lang=\"en\">", 31), 0);
        CU_ASSERT_PTR_NOT_NULL(strstr(text, "<title>"));
        CU_ASSERT_PTR_NOT_NULL(strstr(text, "<h1>"));
        CU_ASSERT_PTR_NOT_NULL(strstr(text, "</html>\n"));
        CU_ASSERT_PTR_NULL(strstr(text, "Solidaire\""));
        CU_ASSERT_PTR_NULL(strstr(text, "url("));
        free(text);
    }
    char *text = render_kind(&f, print_match, CC_HTML, false);
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "Épicerie &quot;Solidaire&quot;, Lille"));
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "<h3>Proposal 1: "));
    /* the bar's segments are the contributions, in percent of a score of 1 */
    const cc_triad *t = &f.ranking.items[0];
    char want[64];
    snprintf(want, sizeof want, "style=\"width:%.2f%%;", 100 * f.scorer.weights.w[0] * t->comp[0]);
    CU_ASSERT_PTR_NOT_NULL(strstr(text, want));
    free(text);
    teardown(&f);
    setup_with(&f, hostile_csv, "a;b\xe2\x80\xae" "c;c");
    for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++) {
        text = render_kind(&f, kinds[k], CC_HTML, false);
        CU_ASSERT_PTR_NULL(strpbrk(text, "\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0d\x0e"
                                         "\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a"
                                         "\x1b\x1c\x1d\x1e\x1f\x7f"));
        CU_ASSERT_PTR_NULL(strstr(text, "\xc2\x9b"));
        free(text);
    }
    teardown(&f);
}

int main(void)
{
    static const test_case tests[] = {
        {"CSV and TSV read back with libcsv", test_csv_round_trip},
        {"CSV numbers", test_csv_numbers},
        {"--excel: ';', BOM, CRLF, decimal comma", test_excel},
        {"--excel: cells that look like formulas are text", test_excel_formulas},
        {"JSON read back with cJSON", test_json_round_trip},
        {"JSON Lines", test_jsonl},
        {"table aligned by display width", test_table_alignment},
        {"table --explain", test_table_explain},
        {"the format table is complete", test_format_table},
        {"every format prints every report", test_every_format_prints_everything},
        {"tables escape what a terminal acts on", test_table_escapes},
        {"JSON escapes it too and reads back", test_json_escapes},
        {"a draft thesaurus reads back as CSV", test_thesaurus_read_back},
        {"html escaping", test_html_escape},
        {"html reports show the data escaped", test_html_reports},
    };
    return RUN_SUITE("report", tests);
}
