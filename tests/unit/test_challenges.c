/* test_challenges.c — the challenges loader, --needs and lookup (SPEC §1.2). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cocreate/challenges.h"
#include "load/challenges_load.h"
#include "harness.h"

typedef struct {
    cc_intern *tags;
    cc_challenges all;
    cc_error err;
    cc_status status;
} loaded;

static loaded load(const char *json)
{
    loaded l = {.tags = cc_intern_new()};
    l.status = cc_challenges_load_buffer(&l.all, "c.json", json, strlen(json), NULL, l.tags, &l.err);
    return l;
}

static void unload(loaded *l)
{
    cc_challenges_free(&l->all);
    cc_intern_free(l->tags);
    cc_error_clear(&l->err);
}

static const char *sample =
    "{ \"challenges\": [\n"
    "  { \"id\": \"alimentation-durable\", \"name\": \"Alimentation durable pour tous\",\n"
    "    \"ambition\": \"invent\", \"territory\": \"FR/Hauts-de-France\",\n"
    "    \"needs\": { \"circuits courts\": 3, \"Logistique\": 2, \"nutrition\": 0.5 } },\n"
    "  { \"id\": \"emploi\", \"name\": \"Emploi des jeunes\",\n"
    "    \"needs\": [\"formation\", \"mobilité\"] },\n"
    "  { \"id\": \"emploi-seniors\", \"name\": \"Emploi des seniors\", \"needs\": [\"x\"] }\n"
    "] }\n";

static void test_both_forms(void)
{
    loaded l = load(sample);
    CU_ASSERT_EQUAL_FATAL(l.status, CC_OK);
    CU_ASSERT_EQUAL_FATAL(l.all.count, 3);
    const cc_challenge *a = &l.all.items[0];
    CU_ASSERT_EQUAL(a->ambition, CC_INVENT);
    CU_ASSERT_STRING_EQUAL(a->territory, "FR/Hauts-de-France");
    CU_ASSERT_EQUAL(a->need_count, 3);
    CU_ASSERT_DOUBLE_EQUAL(a->needs[2].weight, 0.5, 1e-12);
    CU_ASSERT_STRING_EQUAL(a->needs[1].display, "Logistique");
    CU_ASSERT_EQUAL(a->needs[1].tag, cc_intern_find(l.tags, "logistique"));
    const cc_challenge *b = &l.all.items[1];
    CU_ASSERT_EQUAL(b->ambition, CC_BALANCED);
    CU_ASSERT_PTR_NULL(b->territory);
    CU_ASSERT_EQUAL(b->need_count, 2);
    CU_ASSERT_DOUBLE_EQUAL(b->needs[0].weight, 1.0, 1e-12);
    unload(&l);
}

static const struct {
    const char *json;
    const char *message;
} bad_inputs[] = {
    {"{ \"challenges\": [ { \"id\": \"a\", \"name\": \"A\",\n \"needs\": { \"x\": 1, \"X\": 2 } } ] }",
     "c.json:2: challenge 'a': needs 'x' and 'X' are the same tag"},
    {"{ \"challenges\": [ { \"id\": \"a\", \"name\": \"A\",\n \"needs\": { \"x\": -1 } } ] }",
     "c.json:2: challenge 'a': need 'x' has weight -1"},
    {"{ \"challenges\": [ { \"id\": \"a\", \"name\": \"A\",\n \"needs\": { \"x\": 0 } } ] }",
     "c.json:2: challenge 'a': need 'x' has weight 0"},
    {"{ \"challenges\": [ { \"id\": \"a\", \"name\": \"A\",\n \"needs\": { \"x\": \"lots\" } } ] }",
     "c.json:2: challenge 'a': need 'x' has a weight that is not a number"},
    {"{ \"challenges\": [ { \"id\": \"a\", \"name\": \"A\", \"needs\": {} } ] }",
     "c.json:1: challenge 'a': 'needs' must be a non-empty"},
    {"{ \"challenges\": [ { \"id\": \"a\", \"name\": \"A\", \"needs\": [1] } ] }",
     "c.json:1: challenge 'a': every entry of a 'needs' array must be a string"},
    {"{ \"challenges\": [ { \"name\": \"A\", \"needs\": [\"x\"] } ] }",
     "c.json:1: challenge '#1': 'id' must be a non-empty string"},
    {"{ \"challenges\": [ { \"id\": \"a\", \"name\": \"A\", \"ambition\": \"world\", \"needs\": [\"x\"] } ] }",
     "c.json:1: challenge 'a': unknown ambition"},
    {"{ \"challenges\": [ { \"id\": \"a\", \"name\": \"A\", \"territory\": [\"FR\"], \"needs\": [\"x\"] } ] }",
     "c.json:1: challenge 'a': 'territory' must be a string"},
    {"{ \"challenges\": [ { \"id\": \"a\", \"name\": \"A\", \"description\": 5, \"needs\": [\"x\"] } ] }",
     "c.json:1: challenge 'a': 'description' must be a string"},
    {"{ \"challenges\": [\n{ \"id\": \"a\", \"name\": \"A\", \"needs\": [\"x\"] },\n{ \"id\": \"a\", \"name\": \"B\", \"needs\": [\"x\"] } ] }",
     "c.json:3: challenge 'a': duplicate challenge id"},
    {"{ \"challenges\": [\n  { \"id\": \"a\",, } ] }", "c.json:2:16: unreadable JSON"},
    {"{ \"challenges\": [] } trailing", "c.json:1:22: unexpected text after the JSON document"},
    {"{ \"other\": [] }", "c.json:1: expected an object with a \"challenges\" array"},
    {"{ \"challenges\": [] }", "c.json:1: no challenges defined"},
    {"", "c.json:1:1: unreadable JSON"},
    {"{\"challenges\": [{\"id\": \"caf\xE9\"}]}", "c.json:1:28: invalid UTF-8"},
};

static void test_bad_inputs(void)
{
    for (size_t i = 0; i < sizeof bad_inputs / sizeof *bad_inputs; i++) {
        loaded l = load(bad_inputs[i].json);
        CU_ASSERT_EQUAL(l.status, CC_EDATA);
        const char *got = l.err.count ? l.err.messages[0] : "(none)";
        bool ok = strncmp(got, bad_inputs[i].message, strlen(bad_inputs[i].message)) == 0;
        CU_ASSERT_TRUE(ok);
        if (!ok)
            fprintf(stderr, "\n  case %zu: got \"%s\"\n  expected \"%s...\"\n", i, got,
                    bad_inputs[i].message);
        unload(&l);
    }
}

static void test_deep_json(void)
{
    /* nesting far beyond cJSON's limit is an error, not a crash */
    size_t depth = 100000;
    char *json = malloc(depth * 2 + 1);
    memset(json, '[', depth);
    memset(json + depth, ']', depth);
    json[2 * depth] = '\0';
    loaded l = load(json);
    CU_ASSERT_EQUAL(l.status, CC_EDATA);
    /* the first bracket past cJSON's limit */
    CU_ASSERT_PTR_NOT_NULL(l.err.count ? strstr(l.err.messages[0],
                                                "c.json:1:1001: JSON nested more than 1000 deep")
                                       : NULL);
    unload(&l);
    free(json);
}

/* Regression: a file written with \u escapes (as Python's json.dump
 * writes accents) took time quadratic in its size, as each challenge's and
 * need's line was searched for from the text of its id. 5 000 challenges
 * load, and a need far down is placed on its line. */
static void test_escaped_many(void)
{
    size_t n = 5000, cap = n * 160 + 64;
    char *json = malloc(cap);
    char *p = json + sprintf(json, "{\"challenges\": [\n");
    for (size_t i = 0; i < n; i++)
        p += sprintf(p, "{\"id\": \"d\\u00e9fi-%zu\", \"name\": \"D\\u00e9fi\",\n"
                        " \"needs\": {\"sant\\u00e9\": 2,\n  \"\\u00e9cole\": %d}}%s\n",
                     i, i == n - 1 ? -1 : 1, i == n - 1 ? "" : ",");
    strcpy(p, "]}\n");
    loaded l = load(json);
    CU_ASSERT_EQUAL(l.status, CC_EDATA);
    char expected[128];
    /* challenge i starts on line 2 + 3i; its second need is two lines on */
    snprintf(expected, sizeof expected, "c.json:%zu: challenge 'défi-%zu': need 'école' has weight -1",
             2 + 3 * (n - 1) + 2, n - 1);
    CU_ASSERT_PTR_NOT_NULL(l.err.count ? strstr(l.err.messages[0], expected) : NULL);
    unload(&l);
    *strstr(json, "-1}") = '1';
    l = load(json);
    CU_ASSERT_EQUAL_FATAL(l.status, CC_OK);
    CU_ASSERT_EQUAL(l.all.count, n);
    CU_ASSERT_STRING_EQUAL(l.all.items[n - 1].id, "défi-4999");
    CU_ASSERT_STRING_EQUAL(l.all.items[n - 1].needs[1].display, "école");
    unload(&l);
    free(json);
}

/* The lines of errors wherever the members stand: the id after the needs,
 * strings holding brackets and quotes, values nested around them. */
static void test_positions(void)
{
    loaded l = load("{ \"note\": \"a [ { \\\" } ] string\", \"list\": [[], {}, [1, {\"a\": []}]],\n"
                    "  \"challenges\": [\n"
                    "  { \"needs\": { \"x\": 1,\n"
                    "               \"y\": -1 },\n"
                    "    \"extra\": { \"deep\": [ [ \"}\" ], { \"k\": \"]\" } ], \"e\": {} },\n"
                    "    \"id\": \"a\", \"name\": \"A\" },\n"
                    "  \"not an object\", {},\n"
                    "  { \"id\": \"b\",\n"
                    "    \"name\": \"B\", \"ambition\": \"wild\", \"needs\": [ \"z\",\n"
                    "      7 ] } ] }");
    CU_ASSERT_EQUAL(l.status, CC_EDATA);
    static const char *const expected[] = {
        "c.json:4: challenge 'a': need 'y' has weight -1",
        "c.json:7: challenge '#2': is not an object",
        "c.json:7: challenge '#3': 'id' must be a non-empty string",
        "c.json:7: challenge '#3': 'name' must be a non-empty string",
        "c.json:7: challenge '#3': 'needs' must be a non-empty",
        "c.json:8: challenge 'b': unknown ambition",
        "c.json:10: challenge 'b': every entry of a 'needs' array must be a string",
    };
    size_t count = sizeof expected / sizeof *expected;
    CU_ASSERT_EQUAL_FATAL(l.err.count, (int)count);
    for (size_t i = 0; i < count; i++) {
        bool ok = strncmp(l.err.messages[i], expected[i], strlen(expected[i])) == 0;
        CU_ASSERT_TRUE(ok);
        if (!ok)
            fprintf(stderr, "\n  got \"%s\"\n  expected \"%s...\"\n", l.err.messages[i],
                    expected[i]);
    }
    unload(&l);
}

/* UTF-16 with a byte-order mark is read; a NUL byte is named as such. */
static void test_encodings(void)
{
    const char *ascii = "{\"challenges\": [{\"id\": \"a\", \"name\": \"A\", \"needs\": [\"x\"]}]}";
    for (int be = 0; be < 2; be++) {
        size_t n = strlen(ascii), len = 2 + 2 * n;
        char *data = malloc(len);
        data[0] = be ? '\xFE' : '\xFF';
        data[1] = be ? '\xFF' : '\xFE';
        for (size_t i = 0; i < n; i++) {
            data[2 + 2 * i + be] = ascii[i];
            data[2 + 2 * i + !be] = '\0';
        }
        size_t name = (size_t)(strstr(ascii, "\"A\"") - ascii) + 1;
        data[2 + 2 * name + be] = '\xE9'; /* the name: "A" becomes "é" */
        loaded l = {.tags = cc_intern_new()};
        l.status = cc_challenges_load_buffer(&l.all, "c.json", data, len, NULL, l.tags, &l.err);
        CU_ASSERT_EQUAL_FATAL(l.status, CC_OK);
        CU_ASSERT_STRING_EQUAL(l.all.items[0].name, "é");
        unload(&l);
        free(data);
    }
    const char nul[] = "{\"challenges\": [\n{\"id\": \"a\0\"}]}";
    loaded l = {.tags = cc_intern_new()};
    l.status = cc_challenges_load_buffer(&l.all, "c.json", nul, sizeof nul - 1, NULL, l.tags, &l.err);
    CU_ASSERT_EQUAL(l.status, CC_EDATA);
    CU_ASSERT_PTR_NOT_NULL(l.err.count ? strstr(l.err.messages[0], "c.json:2:10: NUL byte") : NULL);
    unload(&l);
}

/* Regression: each message about a challenge held its whole id, so a
 * huge id with twenty bad needs took twenty times its size. The id is cut,
 * after a whole character. */
static void test_long_id(void)
{
    size_t big = 1 << 20;
    char *json = malloc(big + 1024);
    char *p = json + sprintf(json, "{\"challenges\": [{\"id\": \"");
    for (size_t i = 0; i < big / 2; i++)
        p += sprintf(p, "é");
    p += sprintf(p, "\", \"name\": \"A\", \"needs\": {");
    for (int i = 0; i < 30; i++)
        p += sprintf(p, "%s\"n%d\": -1", i ? ", " : "", i);
    strcpy(p, "}}]}");
    loaded l = load(json);
    CU_ASSERT_EQUAL(l.status, CC_EDATA);
    CU_ASSERT_EQUAL(l.err.count, CC_ERROR_MAX);
    for (int i = 0; i < l.err.count && i < CC_ERROR_MAX; i++)
        CU_ASSERT_TRUE(strlen(l.err.messages[i]) < 200);
    CU_ASSERT_PTR_NOT_NULL(strstr(l.err.messages[0], "c.json:1: challenge 'ééé"));
    CU_ASSERT_PTR_NOT_NULL(strstr(l.err.messages[0], "é…': need 'n0' has weight -1"));
    unload(&l);
    free(json);
}

/* Ambition names ignore case. */
static void test_ambition_case(void)
{
    loaded l = load("{\"challenges\": [{\"id\": \"a\", \"name\": \"A\", \"ambition\": \"Invent\", "
                    "\"needs\": [\"x\"]}]}");
    CU_ASSERT_EQUAL_FATAL(l.status, CC_OK);
    CU_ASSERT_EQUAL(l.all.items[0].ambition, CC_INVENT);
    CU_ASSERT_EQUAL(cc_ambition_parse("SCALE"), CC_SCALE);
    CU_ASSERT_EQUAL(cc_ambition_parse("scaled"), -1);
    unload(&l);
}

static void test_too_many_needs(void)
{
    char json[4096];
    size_t n = (size_t)sprintf(json, "{\"challenges\": [{\"id\": \"a\", \"name\": \"A\", \"needs\": [");
    for (int i = 0; i < CC_MAX_NEEDS + 1; i++)
        n += (size_t)sprintf(json + n, "%s\"n%d\"", i ? "," : "", i);
    strcpy(json + n, "]}]}");
    loaded l = load(json);
    CU_ASSERT_EQUAL(l.status, CC_EDATA);
    CU_ASSERT_PTR_NOT_NULL(strstr(l.err.messages[0], "more than 64 needs"));
    unload(&l);
}

static void test_lookup(void)
{
    loaded l = load(sample);
    CU_ASSERT_EQUAL_FATAL(l.status, CC_OK);
    size_t index = 99;
    cc_error err = {0};
    CU_ASSERT_EQUAL(cc_challenges_lookup(&l.all, "alimentation-durable", &index, &err), CC_OK);
    CU_ASSERT_EQUAL(index, 0);
    CU_ASSERT_EQUAL(cc_challenges_lookup(&l.all, "ALIMENTATION DURABLE POUR TOUS", &index, &err), CC_OK);
    CU_ASSERT_EQUAL(index, 0);
    CU_ASSERT_EQUAL(cc_challenges_lookup(&l.all, "alim", &index, &err), CC_OK); /* unique prefix */
    CU_ASSERT_EQUAL(index, 0);
    CU_ASSERT_EQUAL(cc_challenges_lookup(&l.all, "emploi", &index, &err), CC_OK); /* exact beats prefix */
    CU_ASSERT_EQUAL(index, 1);
    CU_ASSERT_EQUAL(cc_challenges_lookup(&l.all, "Emploi des", &index, &err), CC_EUSAGE);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.messages[0], "ambiguous"));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.messages[0], "emploi-seniors"));
    cc_error_clear(&err);
    CU_ASSERT_EQUAL(cc_challenges_lookup(&l.all, "alimentatoin-durable", &index, &err), CC_EUSAGE);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.messages[0], "did you mean alimentation-durable"));
    cc_error_clear(&err);
    unload(&l);
}

static void test_lookup_id_first(void)
{
    /* "emploi" is the id of the second challenge and the name of the first:
     * the first used to win, leaving the second out of reach */
    loaded l = load("{ \"challenges\": [\n"
                    "  { \"id\": \"emploi-jeunes\", \"name\": \"Emploi\", \"needs\": [\"a\"] },\n"
                    "  { \"id\": \"emploi\", \"name\": \"Emploi pour tous\", \"needs\": [\"b\"] },\n"
                    "  { \"id\": \"x\", \"name\": \"Double\", \"needs\": [\"b\"] },\n"
                    "  { \"id\": \"y\", \"name\": \"double\", \"needs\": [\"b\"] }\n] }\n");
    CU_ASSERT_EQUAL_FATAL(l.status, CC_OK);
    size_t index = 99;
    cc_error err = {0};
    static const struct {
        const char *query;
        size_t index;
    } found[] = {{"emploi", 1}, {"EMPLOI", 1}, {"Émploi", 1}, {"emploi-jeunes", 0},
                 {"Emploi pour", 1}, {"x", 2}};
    for (size_t i = 0; i < sizeof found / sizeof *found; i++) {
        CU_ASSERT_EQUAL(cc_challenges_lookup(&l.all, found[i].query, &index, &err), CC_OK);
        CU_ASSERT_EQUAL(index, found[i].index);
    }
    /* two challenges of the same name: neither is picked silently */
    CU_ASSERT_EQUAL(cc_challenges_lookup(&l.all, "double", &index, &err), CC_EUSAGE);
    CU_ASSERT_PTR_NOT_NULL(err.count ? strstr(err.messages[0], "ambiguous") : NULL);
    cc_error_clear(&err);
    unload(&l);
}

static void test_colliding_ids(void)
{
    /* ids equal once normalised: the command line reaches only one */
    loaded l = load("{ \"challenges\": [\n"
                    "  { \"id\": \"Sant\xC3\xA9\", \"name\": \"A\", \"needs\": [\"a\"] },\n"
                    "  { \"id\": \"b\", \"name\": \"B\", \"needs\": [\"a\"] },\n"
                    "  { \"id\": \"sante\", \"name\": \"C\", \"needs\": [\"b\"] }\n] }\n");
    CU_ASSERT_EQUAL(l.status, CC_EDATA);
    CU_ASSERT_EQUAL_FATAL(l.err.count, 1);
    CU_ASSERT_STRING_EQUAL(l.err.messages[0],
                           "c.json:4: challenge 'sante': its id and the id 'Sant\xC3\xA9' on line 2 "
                           "are the same once normalised (case, accents, dashes): the command "
                           "line could not tell them apart");
    unload(&l);
    /* a skipped challenge takes no id: the next one of that id is fine */
    cc_challenges_options skip = {.skip_bad = true};
    cc_intern *tags = cc_intern_new();
    cc_challenges all;
    cc_error err = {0};
    const char *json = "{ \"challenges\": [\n"
                       "  { \"id\": \"a\", \"name\": \"A\", \"needs\": { \"x\": -1 } },\n"
                       "  { \"id\": \"A\", \"name\": \"B\", \"needs\": [\"x\"] }\n] }\n";
    CU_ASSERT_EQUAL(cc_challenges_load_buffer(&all, "c.json", json, strlen(json), &skip, tags, &err),
                    CC_OK);
    CU_ASSERT_EQUAL(all.count, 1);
    cc_challenges_free(&all);
    cc_intern_free(tags);
    cc_error_clear(&err);
}

static void test_adhoc_needs(void)
{
    cc_intern *tags = cc_intern_new();
    cc_challenge c;
    cc_error err = {0};
    CU_ASSERT_EQUAL_FATAL(cc_challenge_from_needs(&c, "santé:2; logistique ;données:0.5", tags, &err),
                          CC_OK);
    CU_ASSERT_EQUAL(c.need_count, 3);
    CU_ASSERT_DOUBLE_EQUAL(c.needs[0].weight, 2, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(c.needs[1].weight, 1, 1e-12);
    CU_ASSERT_STRING_EQUAL(c.needs[1].display, "logistique");
    cc_challenge_clear(&c);
    CU_ASSERT_EQUAL(cc_challenge_from_needs(&c, "a:x", tags, &err), CC_EUSAGE);
    CU_ASSERT_EQUAL(cc_challenge_from_needs(&c, "a;A", tags, &err), CC_EUSAGE);
    CU_ASSERT_EQUAL(cc_challenge_from_needs(&c, "a:-1", tags, &err), CC_EUSAGE);
    CU_ASSERT_EQUAL(cc_challenge_from_needs(&c, " ; ", tags, &err), CC_EUSAGE);
    cc_error_clear(&err);
    cc_intern_free(tags);
}

/* Regression: the loader returned the first error ever recorded in its
 * cc_error, so good challenges loaded after a bad file "failed". */
static void test_errors_of_this_load(void)
{
    cc_intern *tags = cc_intern_new();
    cc_error err = {0};
    cc_challenges all;
    const char *bad = "{\"challenges\": [{\"id\": \"x\"}]}";
    CU_ASSERT_EQUAL(cc_challenges_load_buffer(&all, "bad.json", bad, strlen(bad), NULL, tags, &err),
                    CC_EDATA);
    CU_ASSERT_EQUAL(cc_challenges_load_buffer(&all, "good.json", sample, strlen(sample), NULL, tags,
                                              &err),
                    CC_OK);
    CU_ASSERT_EQUAL(all.count, 3);
    cc_challenges_free(&all);
    cc_error_clear(&err);
    cc_intern_free(tags);
}

static void test_add_need(void)
{
    cc_intern *tags = cc_intern_new();
    cc_challenge c = {0};
    char reason[200] = "";
    CU_ASSERT_EQUAL(cc_challenge_add_need(&c, "Santé", 2, tags, reason, sizeof reason), CC_OK);
    CU_ASSERT_EQUAL(cc_challenge_add_need(&c, "sante", 1, tags, reason, sizeof reason), CC_EDATA);
    CU_ASSERT_PTR_NOT_NULL(strstr(reason, "same tag"));
    CU_ASSERT_EQUAL(cc_challenge_add_need(&c, "x", 0, tags, reason, sizeof reason), CC_EDATA);
    CU_ASSERT_EQUAL(cc_challenge_add_need(&c, "caf\xE9", 1, tags, reason, sizeof reason), CC_EDATA);
    CU_ASSERT_PTR_NOT_NULL(strstr(reason, "UTF-8"));
    CU_ASSERT_EQUAL(c.need_count, 1);
    CU_ASSERT_EQUAL(cc_intern_count(tags), 1); /* failures intern nothing */
    cc_challenge_clear(&c);
    cc_intern_free(tags);
}

/* ------------------------------------------------------------- CSV */

static loaded load_as(const char *source, const char *text, size_t len,
                      const cc_challenges_options *opt)
{
    loaded l = {.tags = cc_intern_new()};
    l.status = cc_challenges_load_buffer(&l.all, source, text, len, opt, l.tags, &l.err);
    return l;
}

static loaded load_csv(const char *csv)
{
    return load_as("c.csv", csv, strlen(csv), NULL);
}

/* The first error message, "" when there is none. */
static const char *first_error(const loaded *l)
{
    return l->err.count && l->err.messages[0] ? l->err.messages[0] : "";
}

static void test_csv_long_form(void)
{
    loaded l = load_csv("challenge_id,name,ambition,territory,description,need,weight\n"
                        "alim,Alimentation,invent,FR/Nord,Manger mieux,circuits courts,3\n"
                        "alim,,,,,Logistique,\n"
                        "alim,Alimentation,INVENT,FR/Nord,,nutrition,\"0,5\"\n"
                        "emploi,Emploi,,,,formation,\n");
    CU_ASSERT_EQUAL_FATAL(l.status, CC_OK);
    CU_ASSERT_EQUAL_FATAL(l.all.count, 2);
    const cc_challenge *a = &l.all.items[0];
    CU_ASSERT_STRING_EQUAL(a->id, "alim");
    CU_ASSERT_STRING_EQUAL(a->name, "Alimentation");
    CU_ASSERT_EQUAL(a->ambition, CC_INVENT);
    CU_ASSERT_STRING_EQUAL(a->territory, "FR/Nord");
    CU_ASSERT_STRING_EQUAL(a->description, "Manger mieux");
    CU_ASSERT_EQUAL_FATAL(a->need_count, 3);
    CU_ASSERT_DOUBLE_EQUAL(a->needs[0].weight, 3, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(a->needs[1].weight, 1, 1e-12); /* empty weight */
    CU_ASSERT_DOUBLE_EQUAL(a->needs[2].weight, 0.5, 1e-12); /* decimal comma */
    CU_ASSERT_EQUAL(a->needs[1].tag, cc_intern_find(l.tags, "logistique"));
    const cc_challenge *b = &l.all.items[1];
    CU_ASSERT_EQUAL(b->ambition, CC_BALANCED);
    CU_ASSERT_PTR_NULL(b->territory);
    CU_ASSERT_PTR_NULL(b->description);
    CU_ASSERT_EQUAL(b->need_count, 1);
    unload(&l);
}

static void test_csv_french_header(void)
{
    /* French names, another order, a semicolon, CRLF, a byte-order mark
     * and a column the loader does not know */
    loaded l = load_csv("\xEF\xBB\xBF" "Besoin;Poids;Défi;Nom;Territoire;Commentaire\r\n"
                        "mobilité;2;jeunes;Jeunes;FR;x\r\n"
                        "formation;;jeunes;;;y\r\n");
    CU_ASSERT_EQUAL_FATAL(l.status, CC_OK);
    CU_ASSERT_EQUAL_FATAL(l.all.count, 1);
    CU_ASSERT_STRING_EQUAL(l.all.items[0].id, "jeunes");
    CU_ASSERT_STRING_EQUAL(l.all.items[0].name, "Jeunes");
    CU_ASSERT_STRING_EQUAL(l.all.items[0].territory, "FR");
    CU_ASSERT_EQUAL(l.all.items[0].need_count, 2);
    CU_ASSERT_DOUBLE_EQUAL(l.all.items[0].needs[0].weight, 2, 1e-12);
    unload(&l);
    l = load_csv("id défi,nom,besoin\nd,D,x\n");
    CU_ASSERT_EQUAL(l.status, CC_OK);
    unload(&l);
}

static void test_csv_utf16(void)
{
    static const char text[] = "\xFF\xFE" "i\0d\0,\0n\0a\0m\0e\0,\0n\0e\0e\0d\0\n\0"
                               "a\0,\0A\0,\0x\0\n\0";
    loaded l = load_as("c.csv", text, sizeof text - 1, NULL);
    CU_ASSERT_EQUAL_FATAL(l.status, CC_OK);
    CU_ASSERT_EQUAL(l.all.count, 1);
    unload(&l);
}

static const struct {
    const char *csv;
    const char *message;    /* the first error, exactly */
} bad_csv[] = {
    {"challenge_id,name,ambition,need\na,A,invent,x\na,B,,y\n",
     "c.csv:3: challenge 'a': 'name' is 'B' on this row but 'A' on line 2, the challenge's first row"},
    {"challenge_id,name,ambition,need\na,A,,x\na,,scale,y\n",
     "c.csv:3: challenge 'a': 'ambition' is 'scale' on this row but empty on line 2, the "
     "challenge's first row"},
    {"challenge_id,name,need,weight\na,A,x,lots\n",
     "c.csv:2: challenge 'a': need 'x' has a weight that is not a number ('lots' is not a "
     "decimal number)"},
    {"challenge_id,name,need,weight\na,A,x,0\n",
     "c.csv:2: challenge 'a': need 'x' has weight 0 (or too small to tell from 0); weights must "
     "be positive numbers"},
    {"challenge_id,name,need,weight\na,A,x,-2\n",
     "c.csv:2: challenge 'a': need 'x' has weight -2; weights must be positive numbers"},
    {"challenge_id,name,ambition,need\na,A,wild,x\n",
     "c.csv:2: challenge 'a': unknown ambition (accepted: balanced, invent, synergy, scale)"},
    {"challenge_id,name,need\na,A,Santé\na,,sante\n",
     "c.csv:3: challenge 'a': needs 'Santé' and 'sante' are the same tag"},
    {"challenge_id,name,need\na,,x\n",
     "c.csv:2: challenge 'a': 'name' must not be empty on the challenge's first row"},
    {"challenge_id,name,need\na,A,x\nb,B,y\na,A,z\n",
     "c.csv:4: challenge 'a': duplicate challenge id (first on line 2)"},
    {"challenge_id,name,need\nSanté,A,x\nsante,B,y\n",
     "c.csv:3: challenge 'sante': its id and the id 'Santé' on line 2 are the same once "
     "normalised (case, accents, dashes): the command line could not tell them apart"},
    {"challenge_id,name,need\na,A,-\n", "c.csv:2: challenge 'a': need '-' is empty once normalised"},
    {"challenge_id,name,need\n,A,x\n",
     "c.csv:2: empty challenge_id (every row names its challenge)"},
    {"challenge_id,name,need\na,A,x,extra\n",
     "c.csv:2: wrong number of fields: expected 3 (as in the header), found 4"},
    {"challenge_id,name,need\na,A,caf\xE9\n",
     "c.csv:2:8: invalid UTF-8; if the file comes from a spreadsheet, try --encoding cp1252"},
    {"challenge_id,name,need\na,A,x\0y\n", "c.csv:2:6: NUL byte (not a text file?)"},
    {"id,name,weight\na,A,1\n", "c.csv:1: missing required column 'need' (also accepted: "
                                "besoin, needs, besoins)"},
    {"nom,need,défi,id\n", "c.csv:1: column 'challenge_id' appears twice (fields 3 and 4)"},
    {"challenge_id,name,need\n", "c.csv:1: no challenges defined"},
    {"", "c.csv:1: empty file: expected a header line"},
    {"\n\n", "c.csv:1: no header line"},
    {"challenge_id,name,need\na,A,\"x\n", "c.csv:2: quoted field never closed"},
};

static void test_csv_bad(void)
{
    for (size_t i = 0; i < sizeof bad_csv / sizeof *bad_csv; i++) {
        const char *csv = bad_csv[i].csv;
        size_t len = strlen(csv);
        if (strstr(bad_csv[i].message, "NUL"))
            len += strlen(csv + len + 1) + 1; /* the text goes on past its NUL */
        loaded l = load_as("c.csv", csv, len, NULL);
        CU_ASSERT_EQUAL(l.status, CC_EDATA);
        CU_ASSERT_EQUAL(l.all.count, 0);
        if (strcmp(first_error(&l), bad_csv[i].message) != 0)
            fprintf(stderr, "\ncase %zu:\n  got  %s\n  want %s\n", i, first_error(&l),
                    bad_csv[i].message);
        CU_ASSERT_STRING_EQUAL(first_error(&l), bad_csv[i].message);
        unload(&l);
    }
}

static void count_warning(void *ctx, const char *message)
{
    (void)message;
    ++*(int *)ctx;
}

static void test_csv_skip_bad(void)
{
    /* a bad row spoils its whole challenge, which is skipped with a
     * warning per error; the others load */
    static const char csv[] = "challenge_id,name,need,weight\n"
                              "a,A,x,1\n"
                              "b,B,y,nope\n"
                              "b,,z,1\n"
                              "b,C,w,1\n"
                              "c,C,v,\n";
    int warnings = 0;
    cc_challenges_options opt = {.skip_bad = true, .warn = count_warning, .warn_ctx = &warnings};
    loaded l = load_as("c.csv", csv, strlen(csv), &opt);
    CU_ASSERT_EQUAL_FATAL(l.status, CC_OK);
    CU_ASSERT_EQUAL_FATAL(l.all.count, 2);
    CU_ASSERT_STRING_EQUAL(l.all.items[0].id, "a");
    CU_ASSERT_STRING_EQUAL(l.all.items[1].id, "c");
    CU_ASSERT_EQUAL(warnings, 2);
    unload(&l);
    /* without it, both errors of b */
    l = load_csv(csv);
    CU_ASSERT_EQUAL(l.status, CC_EDATA);
    CU_ASSERT_EQUAL(l.err.count, 2);
    unload(&l);
}

static void test_csv_hostile(void)
{
    /* escapes, formula-like cells, a huge field, control bytes: loaded
     * as text or refused, never a crash */
    size_t big = 100000;
    char *csv = malloc(big + 200);
    CU_ASSERT_PTR_NOT_NULL_FATAL(csv);
    int n = sprintf(csv, "challenge_id,name,need\n=1+1,\"@x\",\"a\x1b[2Jb\"\n");
    memset(csv + n, 'z', big);
    memcpy(csv + n + big, ",N,need\n", 9);
    loaded l = load_csv(csv);
    CU_ASSERT_EQUAL(l.status, CC_OK);
    CU_ASSERT_EQUAL(l.all.count, 2);
    if (l.all.count == 2) {
        CU_ASSERT_STRING_EQUAL(l.all.items[0].id, "=1+1");
        CU_ASSERT_EQUAL(strlen(l.all.items[1].id), big);
    }
    unload(&l);
    free(csv);
}

static void test_format_choice(void)
{
    /* every format has a reader and is chosen by its extensions */
    for (int f = 0; f < CC_CHALLENGES_FORMATS; f++) {
        CU_ASSERT_PTR_NOT_NULL(cc_challenges_readers[f].name);
        CU_ASSERT_PTR_NOT_NULL(cc_challenges_readers[f].read);
        CU_ASSERT_PTR_NOT_NULL(cc_challenges_readers[f].extensions[0]);
        for (int e = 0; cc_challenges_readers[f].extensions[e]; e++) {
            char name[32];
            snprintf(name, sizeof name, "dir.x/c.%s", cc_challenges_readers[f].extensions[e]);
            CU_ASSERT_EQUAL((int)cc_challenges_format_of(name, "", 0), f);
        }
    }
    CU_ASSERT_EQUAL(cc_challenges_format_of("c.TSV", "", 0), CC_CHALLENGES_CSV);
    CU_ASSERT_EQUAL(cc_challenges_format_of("c.txt", "a,b", 3), CC_CHALLENGES_JSON);
    CU_ASSERT_EQUAL(cc_challenges_format_of("csv.d/c", "a,b", 3), CC_CHALLENGES_JSON);
    CU_ASSERT_EQUAL(cc_challenges_format_of("<stdin>", " \n{", 3), CC_CHALLENGES_JSON);
    CU_ASSERT_EQUAL(cc_challenges_format_of("<stdin>", "\xEF\xBB\xBF[", 4), CC_CHALLENGES_JSON);
    CU_ASSERT_EQUAL(cc_challenges_format_of("<stdin>", "\xFF\xFE{\0", 4), CC_CHALLENGES_JSON);
    CU_ASSERT_EQUAL(cc_challenges_format_of("<stdin>", "id,name", 7), CC_CHALLENGES_CSV);
    CU_ASSERT_EQUAL(cc_challenges_format_of("<stdin>", "", 0), CC_CHALLENGES_CSV);
}

/* The same challenges in both formats load the same. */
static void test_csv_as_json(void)
{
    loaded j = load(sample);
    loaded c = load_csv("challenge_id,name,ambition,territory,need,weight\n"
                        "alimentation-durable,Alimentation durable pour tous,invent,"
                        "FR/Hauts-de-France,circuits courts,3\n"
                        "alimentation-durable,,,,Logistique,2\n"
                        "alimentation-durable,,,,nutrition,0.5\n"
                        "emploi,Emploi des jeunes,,,formation,\n"
                        "emploi,,,,mobilité,\n"
                        "emploi-seniors,Emploi des seniors,,,x,\n");
    CU_ASSERT_EQUAL_FATAL(j.status, CC_OK);
    CU_ASSERT_EQUAL_FATAL(c.status, CC_OK);
    CU_ASSERT_EQUAL_FATAL(j.all.count, c.all.count);
    for (size_t i = 0; i < j.all.count; i++) {
        const cc_challenge *a = &j.all.items[i], *b = &c.all.items[i];
        CU_ASSERT_STRING_EQUAL(a->id, b->id);
        CU_ASSERT_STRING_EQUAL(a->name, b->name);
        CU_ASSERT_EQUAL(a->ambition, b->ambition);
        CU_ASSERT_EQUAL(!a->territory, !b->territory);
        CU_ASSERT_EQUAL_FATAL(a->need_count, b->need_count);
        for (int n = 0; n < a->need_count; n++) {
            CU_ASSERT_STRING_EQUAL(a->needs[n].display, b->needs[n].display);
            CU_ASSERT_DOUBLE_EQUAL(a->needs[n].weight, b->needs[n].weight, 0);
        }
    }
    unload(&j);
    unload(&c);
}

int main(void)
{
    static const test_case tests[] = {
        {"a load returns its own errors only", test_errors_of_this_load},
        {"adding a need", test_add_need},
        {"object and array needs", test_both_forms},
        {"each data error and its position", test_bad_inputs},
        {"deep JSON", test_deep_json},
        {"5 000 challenges with \\u escapes", test_escaped_many},
        {"error lines wherever members stand", test_positions},
        {"UTF-16 and NUL bytes", test_encodings},
        {"ambition names ignore case", test_ambition_case},
        {"a huge id is cut in messages", test_long_id},
        {"more than 64 needs", test_too_many_needs},
        {"lookup by id, name, prefix", test_lookup},
        {"an id before another's name", test_lookup_id_first},
        {"ids equal once normalised", test_colliding_ids},
        {"--needs", test_adhoc_needs},
        {"CSV: long form, empty weight, decimal comma", test_csv_long_form},
        {"CSV: French header, semicolon, CRLF, BOM", test_csv_french_header},
        {"CSV: UTF-16", test_csv_utf16},
        {"CSV: each data error and its line", test_csv_bad},
        {"CSV: --skip-bad-rows skips a challenge", test_csv_skip_bad},
        {"CSV: hostile bytes", test_csv_hostile},
        {"CSV: loads as the same JSON", test_csv_as_json},
        {"the reader of each format", test_format_choice},
    };
    return RUN_SUITE("challenges", tests);
}
