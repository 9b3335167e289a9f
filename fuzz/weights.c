/* weights.c — fuzzes the --weights parser (cc_weights_override) with the
 * input as the option's value, over each ambition's profile, then
 * normalises the weights for the actors of tests/e2e/data (small.csv, with
 * data for every component) as a run does: weights it accepts must be
 * finite and non-negative (not even -0), and once normalised sum to 1. */
#include "fuzz.h"

#include <math.h>

#include "cocreate/score.h"

static cc_intern *tags;
static cc_actors actors;

static void check(const char *spec, cc_ambition ambition)
{
    const cc_weights profile = cc_weights_profile(ambition);
    cc_weights w = profile;
    cc_error err = {0};
    cc_status st = cc_weights_override(&w, spec, &err);
    FUZZ_CHECK(st == CC_OK || st == CC_EUSAGE);
    FUZZ_CHECK((st == CC_OK) == (err.count == 0));
    if (st != CC_OK) {
        FUZZ_CHECK(memcmp(&w, &profile, sizeof w) == 0);
        FUZZ_CHECK(strncmp(err.messages[0], "--weights", 9) == 0);
        cc_error_clear(&err);
        return;
    }
    bool any = false;
    for (int c = 0; c < CC_COMPONENTS; c++) {
        FUZZ_CHECK(isfinite(w.w[c]) && w.w[c] >= 0 && !signbit(w.w[c])); /* no "-0.00" */
        any |= w.w[c] > 0;
    }
    unsigned dropped;
    st = cc_weights_finish(&w, &actors, &dropped, &err);
    FUZZ_CHECK(st == CC_OK ? any : st == CC_EUSAGE);
    FUZZ_CHECK(dropped == 0);
    if (st == CC_OK) {
        double sum = 0;
        for (int c = 0; c < CC_COMPONENTS; c++) {
            FUZZ_CHECK(w.w[c] >= 0 && w.w[c] <= 1);
            sum += w.w[c];
        }
        FUZZ_CHECK(fabs(sum - 1) < 1e-9);
    }
    cc_error_clear(&err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!tags) { /* loaded once, kept for the life of the process */
        size_t len;
        char *small = fuzz_test_data("small.csv", &len);
        cc_error err = {0};
        tags = cc_intern_new();
        FUZZ_CHECK(tags);
        FUZZ_CHECK(cc_actors_load_buffer(&actors, "small.csv", small, len, NULL, tags, &err) ==
                   CC_OK);
        free(small);
    }
    char *spec = fuzz_string(data, size);
    for (int a = 0; a < CC_AMBITIONS; a++)
        check(spec, (cc_ambition)a);
    free(spec);
    return 0;
}
