/* test_actors.c — the actors CSV loader (SPEC §1.1, §6). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cocreate/actors.h"
#include "cocreate/rank.h"
#include "harness.h"

typedef struct {
    cc_intern *tags;
    cc_actors actors;
    cc_error err;
    cc_status status;
} loaded;

static loaded load_with(const char *csv, size_t len, const cc_load_options *opt)
{
    loaded l = {.tags = cc_intern_new()};
    l.status = cc_actors_load_buffer(&l.actors, "t.csv", csv, len, opt, l.tags, &l.err);
    return l;
}

static loaded load(const char *csv)
{
    return load_with(csv, strlen(csv), NULL);
}

static void unload(loaded *l)
{
    cc_actors_free(&l->actors);
    cc_intern_free(l->tags);
    cc_error_clear(&l->err);
}

static bool has_tag(const loaded *l, const cc_idlist *list, const char *key)
{
    int id = cc_intern_find(l->tags, key);
    for (int i = 0; i < list->count; i++)
        if (list->ids[i] == id)
            return true;
    return false;
}

static void test_basic(void)
{
    loaded l = load("id,name,sector,expertise,seeks,territory,reach\n"
                    "s1,Les Jardins,social,Circuits-courts; Nutrition,financement,FR/Hauts-de-France/Lille,12 000\n"
                    "c1,Biomarché,company,logistique|distribution,,FR/Hauts-de-France,1500000\n"
                    "p1,Ville de Lille,public,foncier,,FR/Hauts-de-France/Lille,\n");
    CU_ASSERT_EQUAL_FATAL(l.status, CC_OK);
    CU_ASSERT_EQUAL_FATAL(l.actors.count, 3);
    const cc_actor *s = &l.actors.items[0];
    CU_ASSERT_STRING_EQUAL(s->id, "s1");
    CU_ASSERT_EQUAL(s->sector, CC_SOCIAL);
    CU_ASSERT_EQUAL(s->expertise.count, 2);
    CU_ASSERT_TRUE(has_tag(&l, &s->expertise, "circuits courts"));
    CU_ASSERT_TRUE(has_tag(&l, &s->expertise, "nutrition"));
    CU_ASSERT_TRUE(has_tag(&l, &s->seeks, "financement"));
    CU_ASSERT_EQUAL(s->territory_depth, 3);
    CU_ASSERT_EQUAL(s->reach, 12000);
    CU_ASSERT_EQUAL(s->line, 2);
    CU_ASSERT_EQUAL(l.actors.items[1].expertise.count, 2); /* '|' separates too */
    CU_ASSERT_EQUAL(l.actors.items[1].reach, 1500000);
    CU_ASSERT_EQUAL(l.actors.items[2].reach, 0);
    CU_ASSERT_TRUE(l.actors.any_seeks && l.actors.any_territory && l.actors.any_reach);
    CU_ASSERT_EQUAL(l.actors.per_sector[CC_PUBLIC], 1);
    CU_ASSERT_EQUAL(cc_actors_find(&l.actors, "c1"), 1);
    CU_ASSERT_EQUAL(cc_actors_find(&l.actors, "zz"), -1);
    /* the tag is shown as first spelled */
    CU_ASSERT_STRING_EQUAL(cc_intern_display(l.tags, cc_intern_find(l.tags, "circuits courts")),
                           "Circuits-courts");
    unload(&l);
}

static void test_aliases(void)
{
    loaded l = load("Identifiant;Nom;Type;Savoir-Faire;Besoins;Territoire;Portée\n"
                    "a;A;association;x;;;\n"
                    "b;B;Entreprise;y;;;\n"
                    "c;C;Collectivité;z;;;\n"
                    "d;D;Entrepreneur social;z;;;\n"
                    "e;E;Pouvoirs-Publics;z;;;\n"
                    "f;F;privé;z;;;\n");
    CU_ASSERT_EQUAL_FATAL(l.status, CC_OK);
    CU_ASSERT_EQUAL_FATAL(l.actors.count, 6);
    const cc_sector expected[] = {CC_SOCIAL, CC_COMPANY, CC_PUBLIC, CC_SOCIAL, CC_PUBLIC, CC_COMPANY};
    for (int i = 0; i < 6; i++)
        CU_ASSERT_EQUAL(l.actors.items[i].sector, expected[i]);
    CU_ASSERT_TRUE(l.actors.column_seeks && l.actors.column_reach);
    CU_ASSERT_FALSE(l.actors.any_seeks || l.actors.any_reach || l.actors.any_territory);
    unload(&l);
}

static void test_delimiters(void)
{
    const char *delims = ",;\t|";
    for (int d = 0; d < 4; d++) {
        char csv[256];
        char c = delims[d];
        snprintf(csv, sizeof csv, "id%cname%csector%cexpertise\ns1%cA%csocial%cx\n", c, c, c, c, c,
                 c);
        loaded l = load(csv);
        CU_ASSERT_EQUAL(l.status, CC_OK);
        CU_ASSERT_EQUAL(l.actors.count, 1);
        unload(&l);
    }
    /* a given delimiter wins over detection */
    cc_load_options opt = {.delimiter = ';'};
    /* the header has more commas than semicolons: detection alone would pick ',' */
    const char *csv = "id;name;sector;expertise;note,a,b,c,d,e\ns1;A,B;social;x;y\n";
    loaded l = load_with(csv, strlen(csv), &opt);
    CU_ASSERT_EQUAL_FATAL(l.status, CC_OK);
    CU_ASSERT_STRING_EQUAL(l.actors.items[0].name, "A,B");
    unload(&l);
}

static void test_bom_crlf_quotes(void)
{
    loaded l = load("\xEF\xBB\xBFid,name,sector,expertise\r\n"
                    "s1,\"Jardins, \"\"les\"\"\",social,\"a;b\"\r\n"
                    "c1,\"Deux\nlignes\",company,c\r\n"
                    "p1,P,public,d"); /* no final newline */
    CU_ASSERT_EQUAL_FATAL(l.status, CC_OK);
    CU_ASSERT_EQUAL_FATAL(l.actors.count, 3);
    CU_ASSERT_STRING_EQUAL(l.actors.items[0].id, "s1"); /* BOM not part of the column name */
    CU_ASSERT_STRING_EQUAL(l.actors.items[0].name, "Jardins, \"les\"");
    CU_ASSERT_EQUAL(l.actors.items[0].expertise.count, 2);
    CU_ASSERT_STRING_EQUAL(l.actors.items[1].name, "Deux\nlignes");
    CU_ASSERT_EQUAL(l.actors.items[1].line, 3);
    CU_ASSERT_EQUAL(l.actors.items[2].line, 5); /* after the quoted newline */
    unload(&l);
}

static void test_missing_optional_columns(void)
{
    loaded l = load("name,id,expertise,sector,notes\nA,a,x,social,ignored\n");
    CU_ASSERT_EQUAL_FATAL(l.status, CC_OK);
    CU_ASSERT_FALSE(l.actors.column_seeks || l.actors.column_territory || l.actors.column_reach);
    CU_ASSERT_STRING_EQUAL(l.actors.items[0].id, "a");
    unload(&l);
}

static void test_empty_tags_and_duplicates(void)
{
    loaded l = load("id,name,sector,expertise\ns1,A,social,\" ; Santé;;sante; --- \"\n");
    CU_ASSERT_EQUAL_FATAL(l.status, CC_OK);
    CU_ASSERT_EQUAL(l.actors.items[0].expertise.count, 1);
    unload(&l);
}

static void test_reach_grouping(void)
{
    loaded l = load("id,name,sector,expertise,reach\n"
                    "a,A,social,x,12 000\n"
                    "b,B,social,x,\"12\xC2\xA0" "000\"\n"
                    "c,C,social,x,12_000\n"
                    "d,D,social,x,\"12\xE2\x80\xAF" "000\"\n");
    CU_ASSERT_EQUAL_FATAL(l.status, CC_OK);
    for (int i = 0; i < 4; i++)
        CU_ASSERT_EQUAL(l.actors.items[i].reach, 12000);
    unload(&l);
}

/* Each bad input, the status it gets, and what its first message says. */
static const struct {
    const char *csv;
    cc_status status;
    const char *message;
} bad_inputs[] = {
    {"", CC_EDATA, "t.csv:1: empty file"},
    {"\xEF\xBB\xBF", CC_EDATA, "t.csv:1: empty file"},
    {"id,name,sector\ns,A,social\n", CC_EDATA, "t.csv:1: missing required column 'expertise'"},
    {"id,name,sector,expertise\ns,A,social\n", CC_EDATA, "t.csv:2: wrong number of fields: expected 4"},
    {"id,name,sector,expertise\ns,A,social,x\n,B,social,x\n", CC_EDATA, "t.csv:3: empty id"},
    {"id,name,sector,expertise\ns,  ,social,x\n", CC_EDATA, "t.csv:2: empty name"},
    {"id,name,sector,expertise\ns,A,social,x\nt,B,social,x\ns,C,public,x\n", CC_EDATA,
     "t.csv:4: duplicate id 's' (first on line 2)"},
    {"id,name,sector,expertise\ns,A,alien,x\n", CC_EDATA, "t.csv:2: unknown sector 'alien' (accepted: social, company, public"},
    {"id,name,sector,expertise,reach\ns,A,social,x,-3\n", CC_EDATA, "t.csv:2: bad reach '-3'"},
    {"id,name,sector,expertise,reach\ns,A,social,x,1.5\n", CC_EDATA, "t.csv:2: bad reach"},
    {"id,name,sector,expertise,reach\ns,A,social,x,99999999999999999999999\n", CC_EDATA, "t.csv:2: bad reach"},
    {"id,name,sector,expertise\ns,Caf\xE9,social,x\n", CC_EDATA,
     "t.csv:2:6: invalid UTF-8; if the file comes from a spreadsheet, try --encoding cp1252"},
    {"id,name,sector,expertise\ns,A\"b,social,x\n", CC_EDATA, "t.csv:2: malformed quoting"},
    {"id,name,sector,expertise\ns,\"A,social,x\n", CC_EDATA, "t.csv:2: quoted field never closed"},
    {"id,id,name,sector,expertise\n", CC_EDATA, "t.csv:1: column 'id' appears twice"},
};

static void test_bad_inputs(void)
{
    for (size_t i = 0; i < sizeof bad_inputs / sizeof *bad_inputs; i++) {
        loaded l = load(bad_inputs[i].csv);
        CU_ASSERT_EQUAL(l.status, bad_inputs[i].status);
        CU_ASSERT_EQUAL(l.actors.count, 0);
        const char *got = l.err.count ? l.err.messages[0] : "(none)";
        bool ok = strncmp(got, bad_inputs[i].message, strlen(bad_inputs[i].message)) == 0;
        CU_ASSERT_TRUE(ok);
        if (!ok)
            fprintf(stderr, "\n  case %zu: got \"%s\"\n  expected \"%s...\"\n", i, got,
                    bad_inputs[i].message);
        unload(&l);
    }
}

static void test_nul_byte(void)
{
    const char csv[] = "id,name,sector,expertise\ns,A\0B,social,x\n";
    loaded l = load_with(csv, sizeof csv - 1, NULL);
    CU_ASSERT_EQUAL(l.status, CC_EDATA);
    CU_ASSERT_PTR_NOT_NULL(strstr(l.err.messages[0], "t.csv:2:4: invalid UTF-8"));
    unload(&l);
}

/* What French spreadsheets write in a sector column. */
static void test_french_sectors(void)
{
    static const struct {
        const char *text;
        cc_sector sector;
    } cases[] = {
        {"Collectivité territoriale", CC_PUBLIC}, {"COLLECTIVITE", CC_PUBLIC},
        {"commune", CC_PUBLIC},                   {"Mairie", CC_PUBLIC},
        {"Département", CC_PUBLIC},               {"Région", CC_PUBLIC},
        {"Établissement public", CC_PUBLIC},      {"État", CC_PUBLIC},
        {"services de l'État", CC_PUBLIC},        {"Fondation", CC_SOCIAL},
        {"Coopérative", CC_SOCIAL},               {"SCOP", CC_SOCIAL},
        {"Scic", CC_SOCIAL},                      {"Association loi 1901", CC_SOCIAL},
        {"Mutuelle", CC_SOCIAL},                  {"fondation d’entreprise", CC_SOCIAL},
        {"Entreprise privée", CC_COMPANY},        {"PME", CC_COMPANY},
        {"start-up", CC_COMPANY},                 {"Société", CC_COMPANY},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        cc_sector sector = cases[i].sector == CC_SOCIAL ? CC_PUBLIC : CC_SOCIAL;
        CU_ASSERT_EQUAL(cc_sector_parse(cases[i].text, &sector), CC_OK);
        CU_ASSERT_EQUAL(sector, cases[i].sector);
        if (sector != cases[i].sector)
            fprintf(stderr, "\n  '%s' is not read as %s\n", cases[i].text,
                    cc_sector_names[cases[i].sector]);
    }
}

static void test_error_limit(void)
{
    /* 30 bad rows: only CC_ERROR_MAX are reported, then loading stops */
    size_t cap = 4096;
    char *csv = malloc(cap);
    strcpy(csv, "id,name,sector,expertise\n");
    for (int i = 0; i < 30; i++)
        strcat(csv, "x,A,nowhere,t\n");
    loaded l = load(csv);
    CU_ASSERT_EQUAL(l.status, CC_EDATA);
    CU_ASSERT_EQUAL(l.err.count, CC_ERROR_MAX);
    CU_ASSERT_PTR_NOT_NULL(strstr(l.err.messages[CC_ERROR_MAX - 1], "t.csv:21:"));
    unload(&l);
    free(csv);
}

static int warnings;
static void count_warning(void *ctx, const char *message)
{
    (void)ctx;
    (void)message;
    warnings++;
}

static void test_skip_bad_rows(void)
{
    const char *csv = "id,name,sector,expertise\ns,A,social,x\nt,B,alien,x\ns,dup,public,x\nc,C,company,y\n";
    cc_load_options opt = {.skip_bad_rows = true, .warn = count_warning};
    warnings = 0;
    loaded l = load_with(csv, strlen(csv), &opt);
    CU_ASSERT_EQUAL(l.status, CC_OK);
    CU_ASSERT_EQUAL(l.actors.count, 2);
    CU_ASSERT_EQUAL(l.actors.skipped_rows, 2);
    CU_ASSERT_EQUAL(warnings, 2);
    unload(&l);
}

static void test_header_only(void)
{
    loaded l = load("id,name,sector,expertise\n");
    CU_ASSERT_EQUAL(l.status, CC_OK);
    CU_ASSERT_EQUAL(l.actors.count, 0);
    unload(&l);
}

static void test_cp1252(void)
{
    /* "Santé" and an apostrophe ’ (0x92) in Windows-1252 */
    const char *csv = "id,name,sector,expertise\ns,Soci\xE9t\xE9,social,Sant\xE9;l\x92" "aide\n";
    cc_load_options opt = {.encoding = "cp1252"};
    loaded l = load_with(csv, strlen(csv), &opt);
    CU_ASSERT_EQUAL_FATAL(l.status, CC_OK);
    CU_ASSERT_STRING_EQUAL(l.actors.items[0].name, "Société");
    CU_ASSERT_TRUE(has_tag(&l, &l.actors.items[0].expertise, "sante"));
    CU_ASSERT_TRUE(has_tag(&l, &l.actors.items[0].expertise, "l aide"));
    unload(&l);
    opt.encoding = "latin1";
    l = load_with(csv, strlen(csv), &opt);
    CU_ASSERT_EQUAL(l.status, CC_OK);
    CU_ASSERT_STRING_EQUAL(l.actors.items[0].name, "Société");
    unload(&l);
    opt.encoding = "ebcdic";
    l = load_with(csv, strlen(csv), &opt);
    CU_ASSERT_EQUAL(l.status, CC_EUSAGE);
    unload(&l);
}

static void test_huge_field(void)
{
    /* 100 000 tags in one field */
    size_t n = 100000;
    char *csv = malloc(n * 8 + 128);
    char *p = csv + sprintf(csv, "id,name,sector,expertise\ns,A,social,");
    for (size_t i = 0; i < n; i++)
        p += sprintf(p, "t%zu;", i % 50000);
    strcpy(p, "\n");
    loaded l = load(csv);
    CU_ASSERT_EQUAL_FATAL(l.status, CC_OK);
    CU_ASSERT_EQUAL(l.actors.items[0].expertise.count, 50000);
    unload(&l);
    free(csv);
}

static void test_territory(void)
{
    cc_intern *places = cc_intern_new();
    int *a, *b, *c, na, nb, nc;
    CU_ASSERT_EQUAL_FATAL(cc_territory_parse(places, "FR/Hauts-de-France/Lille", &a, &na), CC_OK);
    CU_ASSERT_EQUAL_FATAL(cc_territory_parse(places, "fr / hauts de france", &b, &nb), CC_OK);
    CU_ASSERT_EQUAL_FATAL(cc_territory_parse(places, "FR/Bretagne", &c, &nc), CC_OK);
    CU_ASSERT_EQUAL(na, 3);
    CU_ASSERT_EQUAL(nb, 2);
    CU_ASSERT_TRUE(cc_territory_nested(a, na, b, nb));
    CU_ASSERT_TRUE(cc_territory_nested(b, nb, a, na));
    CU_ASSERT_FALSE(cc_territory_nested(a, na, c, nc));
    CU_ASSERT_FALSE(cc_territory_nested(a, na, c, 0));
    free(a);
    free(b);
    free(c);
    /* finding interns nothing: an unknown segment is -1 and still filters */
    int before = cc_intern_count(places);
    CU_ASSERT_EQUAL_FATAL(cc_territory_find(places, "FR/Nowhere", &b, &nb), CC_OK);
    CU_ASSERT_EQUAL(cc_intern_count(places), before);
    CU_ASSERT_EQUAL(nb, 2);
    CU_ASSERT_EQUAL_FATAL(cc_territory_parse(places, "FR", &a, &na), CC_OK);
    CU_ASSERT_TRUE(cc_territory_nested(a, na, b, nb));  /* FR contains FR/Nowhere */
    free(a);
    CU_ASSERT_EQUAL_FATAL(cc_territory_parse(places, "FR/Bretagne", &a, &na), CC_OK);
    CU_ASSERT_FALSE(cc_territory_nested(a, na, b, nb));
    free(a);
    free(b);
    CU_ASSERT_EQUAL(cc_territory_parse(places, "FR/\xE9", &a, &na), CC_EDATA);
    CU_ASSERT_PTR_NULL(a);
    CU_ASSERT_EQUAL(na, 0);
    cc_intern_free(places);
}

/* cc_rank_eligible only looks segments up: the actors are not changed. */
static void test_eligible_does_not_intern(void)
{
    loaded l = load("id,name,sector,expertise,territory\n"
                    "s,S,social,a,FR\nc,C,company,a,FR/Bretagne\np,P,public,a,\n");
    CU_ASSERT_EQUAL_FATAL(l.status, CC_OK);
    int before = cc_intern_count(l.actors.places);
    bool *ok = cc_rank_eligible(&l.actors, "FR/Nowhere", NULL, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ok);
    CU_ASSERT_EQUAL(cc_intern_count(l.actors.places), before);
    CU_ASSERT_TRUE(ok[0]);   /* FR contains FR/Nowhere */
    CU_ASSERT_FALSE(ok[1]);  /* FR/Bretagne neither contains nor lies within it */
    CU_ASSERT_FALSE(ok[2]);  /* no territory */
    free(ok);
    unload(&l);
}

/* Regression: a loader returned the first error ever recorded in its
 * cc_error, so a good file loaded after a bad one "failed" with 0 actors
 * (and a failed load could report success). Each load now counts its own. */
static void test_errors_of_this_load(void)
{
    cc_intern *tags = cc_intern_new();
    cc_error err = {0};
    cc_actors a;
    const char *bad = "id,name,sector,expertise\nx,X,nowhere,a\n";
    const char *good = "id,name,sector,expertise\ns,S,social,a\n";
    CU_ASSERT_EQUAL(cc_actors_load_buffer(&a, "bad.csv", bad, strlen(bad), NULL, tags, &err),
                    CC_EDATA);
    CU_ASSERT_EQUAL(a.count, 0);
    CU_ASSERT_EQUAL(cc_actors_load_buffer(&a, "good.csv", good, strlen(good), NULL, tags, &err),
                    CC_OK);
    CU_ASSERT_EQUAL(a.count, 1);
    CU_ASSERT_EQUAL(err.count, 1); /* only the bad file's error */
    cc_actors_free(&a);
    cc_error_clear(&err);
    cc_intern_free(tags);
}

/* A reader name not in the table is an error, never read as CSV. */
static void test_unknown_format(void)
{
    cc_load_options opt = {.format = "xls"};
    const char *csv = "id,name,sector,expertise\ns,S,social,a\n";
    loaded l = load_with(csv, strlen(csv), &opt);
    CU_ASSERT_EQUAL(l.status, CC_EUSAGE);
    CU_ASSERT_EQUAL(l.actors.count, 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(l.err.messages[0], "accepted: csv"));
    unload(&l);
    opt.format = "csv";
    l = load_with(csv, strlen(csv), &opt);
    CU_ASSERT_EQUAL(l.status, CC_OK);
    unload(&l);
}

/* The model on its own, without a file. */
static void test_model(void)
{
    cc_sector sector = CC_PUBLIC;
    CU_ASSERT_EQUAL(cc_sector_parse("Entrepreneur  Social", &sector), CC_OK);
    CU_ASSERT_EQUAL(sector, CC_SOCIAL);
    CU_ASSERT_EQUAL(cc_sector_parse("nowhere", &sector), CC_EDATA);
    CU_ASSERT_EQUAL(cc_sector_parse("\xE9", &sector), CC_EDATA);
    CU_ASSERT_EQUAL(sector, CC_SOCIAL); /* untouched on failure */
    cc_intern *tags = cc_intern_new();
    cc_actors a;
    CU_ASSERT_EQUAL_FATAL(cc_actors_init(&a, "model", tags), CC_OK);
    cc_actor_fields f = {"s1", "S", CC_SOCIAL, "b;a;B", 5, "", 0, "FR/Lille", 10, 7};
    CU_ASSERT_EQUAL_FATAL(cc_actors_add(&a, &f), CC_OK);
    CU_ASSERT_EQUAL(a.count, 1);
    CU_ASSERT_EQUAL(a.items[0].expertise.count, 2); /* sorted, without the repeat */
    CU_ASSERT_EQUAL(a.items[0].territory_depth, 2);
    CU_ASSERT_TRUE(a.any_territory && a.any_reach && !a.any_seeks);
    CU_ASSERT_EQUAL(cc_actors_find(&a, "s1"), 0);
    cc_actor_fields bad = {"s2", "S", CC_SOCIAL, "\xE9", 1, "", 0, "", 0, 8};
    CU_ASSERT_EQUAL(cc_actors_add(&a, &bad), CC_EDATA);
    CU_ASSERT_EQUAL(a.count, 1);
    CU_ASSERT_EQUAL(cc_actors_find(&a, "s2"), -1);
    cc_actors_free(&a);
    cc_intern_free(tags);
}

/* The arena: aligned blocks that never move, big ones in chunks of their
 * own, everything freed at once. */
static void test_arena(void)
{
    cc_arena a = {0};
    char *first = cc_arena_strndup(&a, "abc", 2);
    CU_ASSERT_STRING_EQUAL_FATAL(first, "ab");
    for (int i = 0; i < 100000; i++) {
        double *d = cc_arena_alloc(&a, sizeof *d, _Alignof(double));
        CU_ASSERT_PTR_NOT_NULL_FATAL(d);
        CU_ASSERT_EQUAL((uintptr_t)d % _Alignof(double), 0);
        *d = i;
        char *c = cc_arena_alloc(&a, (size_t)i % 7, 1);
        CU_ASSERT_PTR_NOT_NULL_FATAL(c);
        memset(c, 'x', (size_t)i % 7);
    }
    char *big = cc_arena_alloc(&a, 5 << 20, 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(big);
    memset(big, 'y', 5 << 20);
    char *after = cc_arena_strndup(&a, "still here", 10);
    CU_ASSERT_STRING_EQUAL(after, "still here");
    CU_ASSERT_STRING_EQUAL(first, "ab");
    cc_arena_free(&a);
    CU_ASSERT_PTR_NULL(a.chunks);
    cc_arena_free(&a); /* a zeroed arena frees nothing */
}

/* Many actors: every id is found at its index, and a repeated id is an
 * error naming the first line. */
static void test_many_ids(void)
{
    size_t n = 20000;
    char *csv = malloc(n * 40 + 64);
    char *p = csv + sprintf(csv, "id,name,sector,expertise\n");
    for (size_t i = 0; i < n; i++)
        p += sprintf(p, "id-%zu,N%zu,%s,t%zu\n", i * 7919 % n, i, i % 2 ? "social" : "public", i % 13);
    loaded l = load(csv);
    CU_ASSERT_EQUAL_FATAL(l.status, CC_OK);
    CU_ASSERT_EQUAL_FATAL(l.actors.count, n);
    for (size_t i = 0; i < n; i++)
        CU_ASSERT_EQUAL(cc_actors_find(&l.actors, l.actors.items[i].id), (long)i);
    CU_ASSERT_EQUAL(cc_actors_find(&l.actors, "id-"), -1);
    unload(&l);
    strcpy(p, "id-5,again,social,t1\n");
    l = load(csv);
    CU_ASSERT_EQUAL(l.status, CC_EDATA);
    CU_ASSERT_PTR_NOT_NULL(strstr(l.err.messages[0], "duplicate id 'id-5' (first on line"));
    unload(&l);
    free(csv);
}

int main(void)
{
    static const test_case tests[] = {
        {"basic file", test_basic},
        {"arena", test_arena},
        {"many ids", test_many_ids},
        {"column and sector aliases", test_aliases},
        {"every delimiter, detected or given", test_delimiters},
        {"BOM, CRLF, quotes, no final newline", test_bom_crlf_quotes},
        {"missing optional columns", test_missing_optional_columns},
        {"empty and repeated tags", test_empty_tags_and_duplicates},
        {"reach with grouped digits", test_reach_grouping},
        {"each data error and its line", test_bad_inputs},
        {"NUL byte", test_nul_byte},
        {"French sector names", test_french_sectors},
        {"at most 20 errors", test_error_limit},
        {"--skip-bad-rows", test_skip_bad_rows},
        {"header only", test_header_only},
        {"cp1252 and latin1", test_cp1252},
        {"100 000 tags in a field", test_huge_field},
        {"territories", test_territory},
        {"eligibility interns nothing", test_eligible_does_not_intern},
        {"a load returns its own errors only", test_errors_of_this_load},
        {"unknown row reader", test_unknown_format},
        {"the model without a file", test_model},
    };
    return RUN_SUITE("actors", tests);
}
