/* thesaurus.c — fuzzes the thesaurus loader (cc_thesaurus_load_buffer)
 * with the input as the CSV file, then applies a loaded thesaurus to every
 * tag it names. A failed load must leave nothing and name file and line;
 * a loaded one must keep its promises: a tag expands to its preferred form
 * first, then at most CC_THESAURUS_MAX_BROADER broader tags, none twice
 * and none equal to the first, and a preferred form stands for itself. */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "cocreate/thesaurus.h"

static const char source[] = "thesaurus.csv";

/* Checks the expansion of tag `t` of `tags`. */
static void check_tag(cc_thesaurus *th, cc_intern *tags, int t)
{
    const int *ids;
    int n;
    FUZZ_CHECK(cc_thesaurus_expand(th, tags, t, true, &ids, &n) == CC_OK);
    FUZZ_CHECK(n >= 1 && n <= 1 + CC_THESAURUS_MAX_BROADER);
    int *copy = malloc((size_t)n * sizeof *copy);
    FUZZ_CHECK(copy);
    memcpy(copy, ids, (size_t)n * sizeof *copy);
    for (int i = 0; i < n; i++)
        for (int j = 0; j < i; j++)
            FUZZ_CHECK(copy[i] != copy[j]);
    const char *key = cc_intern_key(tags, t);
    FUZZ_CHECK(strcmp(cc_intern_key(tags, copy[0]), cc_thesaurus_preferred(th, key, NULL)) == 0);
    /* the preferred form is its own, and has the same broader tags */
    FUZZ_CHECK(cc_thesaurus_expand(th, tags, copy[0], true, &ids, &n) == CC_OK);
    FUZZ_CHECK(ids[0] == copy[0]);
    free(copy);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    cc_thesaurus *th = NULL;
    cc_error err = {0};
    cc_status st = cc_thesaurus_load_buffer(&th, source, (const char *)data, size, &err);
    fuzz_check_errors(st, &err, 0, source);
    FUZZ_CHECK((st == CC_OK) == (th != NULL));
    if (th) {
        /* every tag of the input's fields, as the loader normalised them */
        cc_intern *tags = cc_intern_new();
        int *ids = NULL, n = 0;
        FUZZ_CHECK(tags);
        if (cc_intern_split(tags, (const char *)data, size, ",;|\r\n", &ids, &n) == CC_OK)
            for (int i = 0; i < n; i++)
                check_tag(th, tags, ids[i]);
        free(ids);
        cc_intern_free(tags);
    }
    cc_thesaurus_free(th);
    cc_error_clear(&err);
    return 0;
}
