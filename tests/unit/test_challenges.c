/* test_challenges.c — the challenges loader, --needs and lookup (SPEC §1.2). */
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
        {"ambition names ignore case", test_ambition_case},
        {"more than 64 needs", test_too_many_needs},
        {"lookup by id, name, prefix", test_lookup},
        {"--needs", test_adhoc_needs},
    };
    return RUN_SUITE("challenges", tests);
}
