/* history.c — fuzzes the history loader (cc_history_load_buffer) with the
 * input as the history CSV, against the actors and challenges of
 * tests/e2e/data (small.csv, small.json), loaded once: failing on a bad
 * row, and skipping bad rows. Every row loaded must name two or three
 * actors, one per sector, and the set built from the rows must leave out
 * each row's triads. */
#include "fuzz.h"

#include "cocreate/history.h"

static const char source[] = "history.csv";

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

static void on_message(void *ctx, const char *message)
{
    (void)ctx;
    FUZZ_CHECK(fuzz_names_line(message, source) || strncmp(message, source, strlen(source)) == 0);
}

/* Each row: two or three actors, each of its own sector; in the history of
 * its challenge (or of any, for a row of every challenge), each triad it
 * names is left out. */
static void check_rows(const cc_history_rows *rows)
{
    cc_history *h;
    cc_error err = {0};
    FUZZ_CHECK(cc_history_build(rows, NULL, &h, &err) == CC_OK);
    for (size_t r = 0; r < rows->count; r++) {
        const cc_history_row *row = &rows->rows[r];
        size_t t[CC_SECTORS];
        int named = 0;
        for (int s = 0; s < CC_SECTORS; s++) {
            if (row->member[s] == CC_HISTORY_NONE) {
                t[s] = CC_HISTORY_NONE; /* any actor of the sector completes a pair */
                for (size_t a = 0; a < actors.count; a++)
                    if (actors.items[a].sector == (cc_sector)s)
                        t[s] = a;
                continue;
            }
            named++;
            FUZZ_CHECK(row->member[s] < actors.count &&
                       actors.items[row->member[s]].sector == (cc_sector)s);
            t[s] = row->member[s];
        }
        FUZZ_CHECK(named >= 2);
        FUZZ_CHECK(row->challenge < (int)rows->challenge_count);
        FUZZ_CHECK(row->line >= 2 && (r == 0 || rows->rows[r - 1].line < row->line));
        if (row->challenge < 0)
            FUZZ_CHECK(cc_history_excludes(h, t));
    }
    cc_history_free(h);
    cc_error_clear(&err);
}

static void load(const uint8_t *data, size_t size, const cc_history_options *opt)
{
    cc_history_rows rows;
    cc_error err = {0};
    cc_status st = cc_history_load_buffer(&rows, source, (const char *)data, size, opt, &actors,
                                          &challenges, &err);
    fuzz_check_errors(st, &err, 0, source);
    if (st == CC_OK)
        check_rows(&rows);
    else
        FUZZ_CHECK(rows.count == 0 && rows.rows == NULL);
    cc_history_rows_free(&rows);
    cc_error_clear(&err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!tags)
        load_test_data();
    const cc_history_options strict = {.note = on_message};
    const cc_history_options skip = {.skip_bad_rows = true, .warn = on_message,
                                     .note = on_message};
    load(data, size, &strict);
    load(data, size, &skip);
    return 0;
}
