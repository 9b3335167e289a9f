/* challenges.c — fuzzes the challenges loader (cc_challenges_load_buffer)
 * with the input as the JSON file and as the CSV file, failing on a bad
 * challenge and skipping bad ones; then looks each loaded challenge up by
 * id and by name. */
#include "fuzz.h"

#include <math.h>

#include "cocreate/challenges.h"

static const char *source = "challenges.json";

static void on_warning(void *ctx, const char *message)
{
    (void)ctx;
    FUZZ_CHECK(fuzz_names_line(message, source));
}

static void check_challenge(const cc_challenge *c, int tags)
{
    FUZZ_CHECK(c->id && c->id[0] && c->name && c->name[0]);
    FUZZ_CHECK(c->ambition >= 0 && c->ambition < CC_AMBITIONS);
    FUZZ_CHECK(c->need_count >= 1 && c->need_count <= CC_MAX_NEEDS);
    for (int n = 0; n < c->need_count; n++) {
        const cc_need *need = &c->needs[n];
        FUZZ_CHECK(isfinite(need->weight) && need->weight > 0);
        FUZZ_CHECK(need->tag >= 0 && need->tag < tags && need->display);
        for (int m = 0; m < n; m++)
            FUZZ_CHECK(c->needs[m].tag != need->tag);
    }
}

static void load(const uint8_t *data, size_t size, const cc_challenges_options *opt)
{
    cc_intern *tags = cc_intern_new();
    FUZZ_CHECK(tags);
    cc_challenges all;
    cc_error err = {0};
    cc_status st = cc_challenges_load_buffer(&all, source, (const char *)data, size, opt, tags, &err);
    fuzz_check_errors(st, &err, 0, source);
    FUZZ_CHECK(st == CC_OK ? all.count > 0 : all.count == 0 && all.items == NULL);
    for (size_t i = 0; i < all.count; i++) {
        check_challenge(&all.items[i], cc_intern_count(tags));
        for (size_t j = 0; j < i; j++)
            FUZZ_CHECK(strcmp(all.items[i].id, all.items[j].id) != 0);
        const char *queries[] = {all.items[i].id, all.items[i].name};
        for (int q = 0; q < 2; q++) {
            size_t index;
            cc_error lookup = {0};
            st = cc_challenges_lookup(&all, queries[q], &index, &lookup);
            FUZZ_CHECK(st == CC_OK || st == CC_EUSAGE);
            FUZZ_CHECK(st != CC_OK || index < all.count);
            cc_error_clear(&lookup);
        }
    }
    cc_challenges_free(&all);
    cc_error_clear(&err);
    cc_intern_free(tags);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const cc_challenges_options strict = {0};
    const cc_challenges_options skip = {.skip_bad = true, .warn = on_warning};
    static const char *const sources[] = {"challenges.json", "challenges.csv"};
    for (size_t i = 0; i < sizeof sources / sizeof *sources; i++) {
        source = sources[i];
        load(data, size, &strict);
        load(data, size, &skip);
    }
    return 0;
}
