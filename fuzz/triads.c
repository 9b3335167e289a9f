/* triads.c — fuzzes the triads loader (cc_triads_load_buffer) with the
 * input as the triads CSV, against the actors and challenges of
 * tests/e2e/data (small.csv, small.json), loaded once: without a default
 * challenge, failing on a bad row; with one, skipping bad rows; and with
 * --columns a,b,c. Every triad loaded must be one actor per sector. */
#include "fuzz.h"

#include "cocreate/triads.h"

static const char source[] = "triads.csv";

static cc_intern *tags;
static cc_actors actors;
static cc_challenges challenges;

/* Loads the test data once; it lives as long as the process. */
static void load_test_data(void)
{
    size_t len;
    cc_error err = {0};
    tags = cc_intern_new();
    FUZZ_CHECK(tags);
    char *text = fuzz_test_data("small.csv", &len);
    FUZZ_CHECK(cc_actors_load_buffer(&actors, "small.csv", text, len, NULL, tags, &err) == CC_OK);
    free(text);
    text = fuzz_test_data("small.json", &len);
    FUZZ_CHECK(cc_challenges_load_buffer(&challenges, "small.json", text, len, NULL, tags, &err) ==
               CC_OK);
    free(text);
}

static void on_warning(void *ctx, const char *message)
{
    (void)ctx;
    FUZZ_CHECK(fuzz_names_line(message, source));
}

static void check_triads(const cc_triads *t, const cc_triads_options *opt)
{
    FUZZ_CHECK(t->header && t->columns > 0);
    for (size_t r = 0; r < t->count; r++) {
        const cc_triad_row *row = &t->rows[r];
        for (int s = 0; s < CC_SECTORS; s++)
            FUZZ_CHECK(row->member[s] < actors.count &&
                       actors.items[row->member[s]].sector == (cc_sector)s);
        FUZZ_CHECK(row->challenge < (long)challenges.count);
        FUZZ_CHECK(row->challenge >= 0 || opt->has_default);
        for (size_t f = 0; f < t->columns; f++)
            FUZZ_CHECK(row->fields[f]);
        FUZZ_CHECK(row->line >= 2 && (r == 0 || t->rows[r - 1].line < row->line));
    }
}

static void load(const uint8_t *data, size_t size, const cc_triads_options *opt)
{
    cc_triads t;
    cc_error err = {0};
    cc_status st = cc_triads_load_buffer(&t, source, (const char *)data, size, opt, &actors,
                                         &challenges, &err);
    fuzz_check_errors(st, &err, 0, source);
    if (st == CC_OK)
        check_triads(&t, opt);
    else
        FUZZ_CHECK(t.count == 0 && t.rows == NULL);
    cc_triads_free(&t);
    cc_error_clear(&err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!tags)
        load_test_data();
    const cc_triads_options strict = {0};
    const cc_triads_options skip = {.has_default = true, .skip_bad_rows = true, .warn = on_warning};
    const cc_triads_options columns = {.columns = "a, b ,c", .has_default = true};
    load(data, size, &strict);
    load(data, size, &skip);
    load(data, size, &columns);
    return 0;
}
