/* test_challenges.c — the challenges loader, --needs and lookup (SPEC §1.2). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cocreate/challenges.h"
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
    };
    return RUN_SUITE("challenges", tests);
}
