/* test_history.c — the history lookup against a plain list on random
 * histories, and the loading of history files: columns and aliases, pairs
 * and triads, the challenge column, unknown ids and bad rows. */
#include <stdlib.h>
#include <string.h>

#include "cocreate/history.h"
#include "harness.h"

static unsigned rng_state;
static unsigned rnd(unsigned n)
{
    rng_state = rng_state * 1103515245u + 12345u;
    return (rng_state >> 8) % n;
}

/* ------------------------------------------------------------- lookup */

/* Whether the plain list (triads and pairs, CC_HISTORY_NONE for a pair's
 * missing member) leaves the triad m out. */
static bool listed(size_t (*l)[3], size_t n, const size_t m[3])
{
    for (size_t i = 0; i < n; i++) {
        int match = 0;
        for (int k = 0; k < 3; k++)
            match += l[i][k] == CC_HISTORY_NONE || l[i][k] == m[k];
        if (match == 3)
            return true;
    }
    return false;
}

/* Actors 0..3n-1: social 3i, company 3i+1, public 3i+2 (any numbering
 * would do: the lookup knows nothing of sectors). */
static void test_lookup_random(void)
{
    for (unsigned seed = 1; seed <= 300; seed++) {
        rng_state = seed;
        unsigned per = 1 + rnd(seed % 3 == 0 ? 200 : 6), count = rnd(seed % 5 == 0 ? 400 : 30);
        size_t(*l)[3] = malloc((count + 1) * sizeof *l);
        cc_history *h;
        CU_ASSERT_EQUAL_FATAL(cc_history_new(&h), CC_OK);
        for (unsigned i = 0; i < count; i++) {
            for (int k = 0; k < 3; k++)
                l[i][k] = 3 * rnd(per) + (size_t)k;
            if (rnd(2))
                l[i][rnd(3)] = CC_HISTORY_NONE;
            CU_ASSERT_EQUAL(cc_history_add(h, l[i]), CC_OK);
        }
        bool named[3 * 200] = {false};
        for (unsigned i = 0; i < count; i++)
            for (int k = 0; k < 3; k++)
                if (l[i][k] != CC_HISTORY_NONE)
                    named[l[i][k]] = true;
        for (size_t a = 0; a < 3 * per; a++)
            CU_ASSERT_EQUAL(cc_history_names(h, a), named[a]);
        for (unsigned t = 0; t < 500; t++) {
            size_t m[3] = {3 * rnd(per), 3 * rnd(per) + 1, 3 * rnd(per) + 2};
            CU_ASSERT_EQUAL(cc_history_excludes(h, m), listed(l, count, m));
        }
        for (unsigned i = 0; i < count; i++) { /* each triad listed, or holding a pair listed */
            size_t m[3];
            for (int k = 0; k < 3; k++)
                m[k] = l[i][k] != CC_HISTORY_NONE ? l[i][k] : 3 * rnd(per) + (size_t)k;
            CU_ASSERT_TRUE(cc_history_excludes(h, m));
        }
        cc_history_free(h);
        free(l);
    }
}

static void test_lookup_edges(void)
{
    cc_history *h;
    CU_ASSERT_EQUAL_FATAL(cc_history_new(&h), CC_OK);
    const size_t t[3] = {0, 1, 2}, p[3] = {CC_HISTORY_NONE, 4, 5};
    const size_t in_pair[3] = {9, 4, 5}, other[3] = {0, 1, 5}, same_pair_back[3] = {3, 4, 5};
    CU_ASSERT_FALSE(cc_history_excludes(h, t)); /* empty */
    CU_ASSERT_EQUAL(cc_history_add(h, t), CC_OK);
    CU_ASSERT_EQUAL(cc_history_add(h, t), CC_OK); /* again: no change */
    CU_ASSERT_EQUAL(cc_history_add(h, p), CC_OK);
    CU_ASSERT_EQUAL(cc_history_count(h), 2);
    CU_ASSERT_TRUE(cc_history_excludes(h, t));
    CU_ASSERT_TRUE(cc_history_excludes(h, in_pair));
    CU_ASSERT_TRUE(cc_history_excludes(h, same_pair_back));
    CU_ASSERT_FALSE(cc_history_excludes(h, other)); /* two of the triad's members are no pair */
    CU_ASSERT_FALSE(cc_history_names(h, 3));
    CU_ASSERT_FALSE(cc_history_names(h, 1000000)); /* beyond the bitmap */
    CU_ASSERT_FALSE(cc_history_excludes(NULL, t));
    CU_ASSERT_FALSE(cc_history_names(NULL, 0));
    CU_ASSERT_EQUAL(cc_history_count(NULL), 0);
    cc_history_free(h);
    cc_history_free(NULL);
}

/* ------------------------------------------------------------ loading */

static const char *actors_csv = "id,name,sector,expertise\n"
                                "s1,S1,social,a\n"
                                "s2,S2,social,a\n"
                                "c1,C1,company,a\n"
                                "c2,C2,company,a\n"
                                "p1,P1,public,a\n"
                                "p2,P2,public,a\n";

typedef struct {
    cc_intern *tags;
    cc_actors actors;
    cc_challenges challenges;
    char notes[2048];        /* the notes and warnings, one a line */
} fixture;

static void collect(void *ctx, const char *message)
{
    fixture *f = ctx;
    size_t used = strlen(f->notes);
    snprintf(f->notes + used, sizeof f->notes - used, "%s\n", message);
}

static void setup(fixture *f)
{
    cc_error err = {0};
    memset(f, 0, sizeof *f);
    f->tags = cc_intern_new();
    CU_ASSERT_EQUAL_FATAL(cc_actors_load_buffer(&f->actors, "a.csv", actors_csv,
                                                strlen(actors_csv), NULL, f->tags, &err),
                          CC_OK);
    const char *json = "[{\"id\": \"food\", \"name\": \"Food\", \"needs\": [\"a\"]},"
                       " {\"id\": \"mobilité\", \"name\": \"Mobility\", \"needs\": [\"a\"]}]";
    CU_ASSERT_EQUAL_FATAL(cc_challenges_load_buffer(&f->challenges, "c.json", json, strlen(json),
                                                    NULL, f->tags, &err),
                          CC_OK);
}

static void teardown(fixture *f)
{
    cc_challenges_free(&f->challenges);
    cc_actors_free(&f->actors);
    cc_intern_free(f->tags);
}

/* Loads `csv` as h.csv; the status, the error text (first message) in
 * `message` when there is one. */
static cc_status load(fixture *f, const char *csv, bool skip, cc_history_rows *rows,
                      char *message, size_t size)
{
    cc_error err = {0};
    cc_history_options o = {.skip_bad_rows = skip, .warn = collect, .warn_ctx = f,
                            .note = collect, .note_ctx = f};
    f->notes[0] = '\0';
    cc_status st = cc_history_load_buffer(rows, "h.csv", csv, strlen(csv), &o, &f->actors,
                                          &f->challenges, &err);
    if (message)
        snprintf(message, size, "%s", err.count && err.messages[0] ? err.messages[0] : "");
    cc_error_clear(&err);
    return st;
}

static size_t index_of(const fixture *f, const char *id)
{
    return (size_t)cc_actors_find(&f->actors, id);
}

static void test_load_pairs_and_triads(void)
{
    fixture f;
    setup(&f);
    cc_history_rows rows;
    /* French aliases, ids in any column, a blank cell for a pair */
    const char *csv = "\xEF\xBB\xBFId social;Id entreprise;Id public\n"
                      "s1;c1;p1\n"
                      "p2;s2;\n"
                      " ;c2;p1\n";
    CU_ASSERT_EQUAL_FATAL(load(&f, csv, false, &rows, NULL, 0), CC_OK);
    CU_ASSERT_EQUAL(rows.count, 3);
    CU_ASSERT_EQUAL(rows.rows[1].line, 3);
    CU_ASSERT_EQUAL(rows.rows[1].member[0], index_of(&f, "s2"));
    CU_ASSERT_EQUAL(rows.rows[1].member[1], CC_HISTORY_NONE);
    CU_ASSERT_EQUAL(rows.rows[1].member[2], index_of(&f, "p2"));
    cc_history *h;
    cc_error err = {0};
    CU_ASSERT_EQUAL_FATAL(cc_history_build(&rows, "food", &h, &err), CC_OK);
    size_t t1[3] = {index_of(&f, "s1"), index_of(&f, "c1"), index_of(&f, "p1")};
    size_t t2[3] = {index_of(&f, "s2"), index_of(&f, "c1"), index_of(&f, "p2")};
    size_t t3[3] = {index_of(&f, "s1"), index_of(&f, "c2"), index_of(&f, "p1")};
    size_t t4[3] = {index_of(&f, "s1"), index_of(&f, "c1"), index_of(&f, "p2")};
    CU_ASSERT_TRUE(cc_history_excludes(h, t1));
    CU_ASSERT_TRUE(cc_history_excludes(h, t2));
    CU_ASSERT_TRUE(cc_history_excludes(h, t3));
    CU_ASSERT_FALSE(cc_history_excludes(h, t4));
    cc_history_free(h);
    cc_history_rows_free(&rows);
    /* two columns only, UTF-16 with its mark */
    const char utf16[] = "\xFF\xFE" "s\0o\0c\0i\0a\0l\0_\0i\0d\0,\0p\0u\0b\0l\0i\0c\0_\0i\0d\0\n\0"
                         "s\0" "1\0,\0p\0" "2\0\n\0";
    cc_error e2 = {0};
    cc_history_options o = {0};
    CU_ASSERT_EQUAL_FATAL(cc_history_load_buffer(&rows, "u.csv", utf16, sizeof utf16 - 1, &o,
                                                 &f.actors, &f.challenges, &e2),
                          CC_OK);
    CU_ASSERT_EQUAL(rows.count, 1);
    CU_ASSERT_EQUAL(rows.rows[0].member[0], index_of(&f, "s1"));
    CU_ASSERT_EQUAL(rows.rows[0].member[2], index_of(&f, "p2"));
    cc_history_rows_free(&rows);
    teardown(&f);
}

/* A row naming a challenge counts for that challenge only; an empty cell
 * for all; an unknown challenge or actor is a note, and the row ignored. */
static void test_load_challenges(void)
{
    fixture f;
    setup(&f);
    cc_history_rows rows;
    const char *csv = "social_id,company_id,public_id,challenge_id\n"
                      "s1,c1,p1,food\n"
                      "s2,c2,p2,MOBILITE\n"
                      "s1,,p2,\n"
                      "s1,c2,p1,gone\n"
                      "s1,zz,p1,food\n";
    CU_ASSERT_EQUAL_FATAL(load(&f, csv, false, &rows, NULL, 0), CC_OK);
    CU_ASSERT_EQUAL(rows.count, 3);
    CU_ASSERT_EQUAL(rows.ignored_rows, 2);
    CU_ASSERT_PTR_NOT_NULL(strstr(f.notes, "h.csv:5: no challenge has the id 'gone'; row ignored\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(f.notes, "h.csv:6: no actor has the id 'zz'; row ignored\n"));
    size_t t1[3] = {index_of(&f, "s1"), index_of(&f, "c1"), index_of(&f, "p1")};
    size_t t2[3] = {index_of(&f, "s2"), index_of(&f, "c2"), index_of(&f, "p2")};
    size_t t3[3] = {index_of(&f, "s1"), index_of(&f, "c1"), index_of(&f, "p2")};
    const struct {
        const char *challenge;
        bool t1, t2, t3;
    } cases[] = {{"food", true, false, true},
                 {"Mobilité", false, true, true},
                 {"other", false, false, true},
                 {NULL, false, false, true}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        cc_history *h;
        cc_error err = {0};
        CU_ASSERT_EQUAL_FATAL(cc_history_build(&rows, cases[i].challenge, &h, &err), CC_OK);
        CU_ASSERT_EQUAL(cc_history_excludes(h, t1), cases[i].t1);
        CU_ASSERT_EQUAL(cc_history_excludes(h, t2), cases[i].t2);
        CU_ASSERT_EQUAL(cc_history_excludes(h, t3), cases[i].t3);
        cc_history_free(h);
    }
    cc_history_rows_free(&rows);
    teardown(&f);
}

/* Many unknown ids: CC_ERROR_MAX notes, then one for the rest. */
static void test_many_unknown(void)
{
    fixture f;
    setup(&f);
    char csv[4096] = "social_id,company_id\n";
    for (int i = 0; i < CC_ERROR_MAX + 5; i++)
        sprintf(csv + strlen(csv), "x%d,c1\n", i);
    cc_history_rows rows;
    CU_ASSERT_EQUAL_FATAL(load(&f, csv, false, &rows, NULL, 0), CC_OK);
    CU_ASSERT_EQUAL(rows.count, 0);
    CU_ASSERT_EQUAL(rows.ignored_rows, CC_ERROR_MAX + 5);
    CU_ASSERT_PTR_NOT_NULL(strstr(f.notes, "h.csv:21: no actor has the id 'x19'; row ignored\n"));
    CU_ASSERT_PTR_NULL(strstr(f.notes, "'x20'"));
    CU_ASSERT_PTR_NOT_NULL(strstr(f.notes, "h.csv: 5 more rows name an unknown actor or challenge; ignored\n"));
    cc_history_rows_free(&rows);
    teardown(&f);
}

static void test_bad_rows(void)
{
    static const struct {
        const char *csv, *message;
    } cases[] = {
        {"social_id,company_id,public_id\ns1,,\n",
         "h.csv:2: one id: a history row names a pair (two actors) or a triad (three)"},
        {"social_id,company_id,public_id,note\n,,,x\n",
         "h.csv:2: no id: a history row names a pair (two actors) or a triad (three)"},
        {"social_id,company_id,public_id\ns1,s2,p1\n",
         "h.csv:2: two ids are social actors: a partnership has one actor per sector"},
        {"social_id,company_id,public_id\ns1,c1,p1,p2\n",
         "h.csv:2: wrong number of fields: expected 3 (as in the header), found 4"},
        {"social_id,name\ns1,x\n",
         "h.csv:1: a history needs at least two of the columns social_id, company_id, public_id"},
        {"social_id,social,company_id\n",
         "h.csv:1: column 'social_id' appears twice (fields 1 and 2)"},
        {"social_id,company_id\ns1,c\xff\n", "h.csv:2:5: invalid UTF-8"},
        {"", "h.csv:1: empty file"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        fixture f;
        setup(&f);
        cc_history_rows rows;
        char message[256];
        CU_ASSERT_EQUAL(load(&f, cases[i].csv, false, &rows, message, sizeof message), CC_EDATA);
        CU_ASSERT_PTR_NOT_NULL(strstr(message, cases[i].message));
        if (!strstr(message, cases[i].message))
            fprintf(stderr, "\n  case %zu: %s\n", i, message);
        CU_ASSERT_EQUAL(rows.count, 0); /* left empty */
        cc_history_rows_free(&rows);
        teardown(&f);
    }
}

static void test_skip_bad_rows(void)
{
    fixture f;
    setup(&f);
    cc_history_rows rows;
    const char *csv = "social_id,company_id,public_id\ns1,,\ns1,c1,p1\ns1,s2,\n";
    CU_ASSERT_EQUAL_FATAL(load(&f, csv, true, &rows, NULL, 0), CC_OK);
    CU_ASSERT_EQUAL(rows.count, 1);
    CU_ASSERT_EQUAL(rows.skipped_rows, 2);
    CU_ASSERT_PTR_NOT_NULL(strstr(f.notes, "h.csv:2: one id: a history row names a pair (two "
                                           "actors) or a triad (three); row skipped\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(f.notes, "h.csv:4: two ids are social actors"));
    cc_history_rows_free(&rows);
    teardown(&f);
}

int main(void)
{
    static const test_case tests[] = {
        {"lookup = plain list, 300 random histories", test_lookup_random},
        {"lookup: pairs either way, NULL, again", test_lookup_edges},
        {"load: pairs and triads, aliases, UTF-16", test_load_pairs_and_triads},
        {"load: the challenge column, unknown ids", test_load_challenges},
        {"load: many unknown ids, one note for the rest", test_many_unknown},
        {"load: bad rows name file and line", test_bad_rows},
        {"load: --skip-bad-rows", test_skip_bad_rows},
    };
    return RUN_SUITE("history", tests);
}
