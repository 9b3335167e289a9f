/* actors.c — fuzzes the actors loader (cc_actors_load_buffer) with the
 * input as the CSV file, read three ways: UTF-8 with the delimiter
 * detected, failing on a bad row; cp1252 with ';', skipping bad rows; and
 * latin1 with TAB, skipping bad rows. A failed load must leave no actor
 * and name file and line; a loaded set must keep the model's promises. */
#include "fuzz.h"

#include "cocreate/actors.h"

static const char source[] = "actors.csv";

/* Warnings (skipped rows) name file and line too. */
static void on_warning(void *ctx, const char *message)
{
    (void)ctx;
    FUZZ_CHECK(fuzz_names_line(message, source));
}

/* A sorted list of distinct ids below `limit`. */
static void check_idlist(const cc_idlist *list, int limit)
{
    FUZZ_CHECK((list->count == 0) == (list->ids == NULL));
    for (int i = 0; i < list->count; i++) {
        FUZZ_CHECK(list->ids[i] >= 0 && list->ids[i] < limit);
        FUZZ_CHECK(i == 0 || list->ids[i - 1] < list->ids[i]);
    }
}

static void check_actors(const cc_actors *a)
{
    size_t per_sector = 0;
    for (int s = 0; s < CC_SECTORS; s++)
        per_sector += a->per_sector[s];
    FUZZ_CHECK(per_sector == a->count);
    int tags = cc_intern_count(a->tags), places = cc_intern_count(a->places);
    for (size_t i = 0; i < a->count; i++) {
        const cc_actor *x = &a->items[i];
        FUZZ_CHECK(x->id[0] && x->name[0]);
        FUZZ_CHECK(cc_actors_find(a, x->id) == (long)i);
        FUZZ_CHECK(x->sector >= 0 && x->sector < CC_SECTORS);
        check_idlist(&x->expertise, tags);
        check_idlist(&x->seeks, tags);
        FUZZ_CHECK(!x->seeks.count || a->any_seeks);
        FUZZ_CHECK(!x->reach || a->any_reach);
        FUZZ_CHECK(x->territory_depth >= 0);
        FUZZ_CHECK(!x->territory_depth || a->any_territory);
        for (int d = 0; d < x->territory_depth; d++)
            FUZZ_CHECK(x->territory[d] >= 0 && x->territory[d] < places);
        FUZZ_CHECK(x->line >= 2 && (i == 0 || a->items[i - 1].line < x->line));
    }
}

static void load(const uint8_t *data, size_t size, const cc_load_options *opt)
{
    cc_intern *tags = cc_intern_new();
    FUZZ_CHECK(tags);
    cc_actors a;
    cc_error err = {0};
    cc_status st = cc_actors_load_buffer(&a, source, (const char *)data, size, opt, tags, &err);
    fuzz_check_errors(st, &err, 0, source);
    if (st == CC_OK)
        check_actors(&a);
    else
        FUZZ_CHECK(a.count == 0 && a.items == NULL);
    cc_actors_free(&a);
    cc_error_clear(&err);
    cc_intern_free(tags);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const cc_load_options strict = {0};
    const cc_load_options cp1252 = {.delimiter = ';', .encoding = "cp1252", .skip_bad_rows = true,
                                    .warn = on_warning};
    const cc_load_options latin1 = {.delimiter = '\t', .encoding = "latin1", .skip_bad_rows = true,
                                    .warn = on_warning};
    load(data, size, &strict);
    load(data, size, &cp1252);
    load(data, size, &latin1);
    return 0;
}
