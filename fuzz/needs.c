/* needs.c — fuzzes the --needs parser (cc_challenge_from_needs) with the
 * input as the option's value. A challenge it accepts must keep the
 * model's promises, and every triad of the actors of tests/e2e/data
 * (small.csv, loaded anew for each input: the challenge adds to its tag
 * table) must score in [0, 1] for it. */
#include "fuzz.h"

#include <math.h>

#include "cocreate/score.h"

static void check_scores(const cc_actors *actors, const cc_challenge *c)
{
    cc_weights w = cc_weights_profile(CC_BALANCED);
    unsigned dropped;
    cc_error err = {0};
    FUZZ_CHECK(cc_weights_finish(&w, actors, &dropped, &err) == CC_OK);
    cc_scorer s;
    FUZZ_CHECK(cc_scorer_init(&s, actors, c, &w, NULL, &err) == CC_OK);
    const cc_actor *x = actors->items;
    for (size_t i = 0; i < actors->count; i++)
        for (size_t j = 0; j < actors->count; j++)
            for (size_t k = 0; k < actors->count; k++) {
                if (x[i].sector != CC_SOCIAL || x[j].sector != CC_COMPANY ||
                    x[k].sector != CC_PUBLIC)
                    continue;
                const size_t m[3] = {i, j, k};
                double comp[CC_COMPONENTS];
                double score = cc_scorer_score(&s, m, comp);
                FUZZ_CHECK(score >= 0 && score <= 1 + 1e-12);
                for (int n = 0; n < CC_COMPONENTS; n++)
                    FUZZ_CHECK(comp[n] >= 0 && comp[n] <= 1 + 1e-12);
            }
    cc_scorer_free(&s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char *small; /* read once, kept for the life of the process */
    static size_t len;
    if (!small)
        small = fuzz_test_data("small.csv", &len);
    char *spec = fuzz_string(data, size);
    cc_intern *tags = cc_intern_new();
    FUZZ_CHECK(tags);
    cc_actors actors;
    cc_error err = {0};
    FUZZ_CHECK(cc_actors_load_buffer(&actors, "small.csv", small, len, NULL, tags, &err) == CC_OK);

    cc_challenge c;
    cc_status st = cc_challenge_from_needs(&c, spec, tags, &err);
    FUZZ_CHECK(st == CC_OK || st == CC_EUSAGE);
    FUZZ_CHECK((st == CC_OK) == (err.count == 0));
    if (st == CC_OK) {
        FUZZ_CHECK(c.need_count >= 1 && c.need_count <= CC_MAX_NEEDS);
        for (int n = 0; n < c.need_count; n++) {
            FUZZ_CHECK(isfinite(c.needs[n].weight) && c.needs[n].weight > 0);
            for (int m = 0; m < n; m++)
                FUZZ_CHECK(c.needs[m].tag != c.needs[n].tag);
        }
        check_scores(&actors, &c);
    } else {
        FUZZ_CHECK(c.need_count == 0 && c.id == NULL);
        FUZZ_CHECK(strncmp(err.messages[0], "--needs", 7) == 0);
    }
    cc_challenge_clear(&c);
    cc_error_clear(&err);
    cc_actors_free(&actors);
    cc_intern_free(tags);
    free(spec);
    return 0;
}
