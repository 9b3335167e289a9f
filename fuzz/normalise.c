/* normalise.c — fuzzes tag and territory normalisation (SPEC §2) with the
 * input as a field: norm (cc_text_norm) and its compact form, splitting a
 * field into interned tags (cc_intern_split, twice, and the lookup-only
 * cc_intern_split_find), territories (cc_territory_parse and _find),
 * sector names, and the display width used to cut text in tables. Fields
 * never hold a NUL (the readers refuse it), so the input ends at one. */
#include "fuzz.h"

#include "cocreate/actors.h"
#include "cocreate/text.h"

/* Checks the promises of norm(s) = out. */
static void check_norm(const char *out)
{
    size_t len = strlen(out);
    FUZZ_CHECK(cc_text_invalid_utf8(out, len) == len);
    FUZZ_CHECK(len == 0 || (out[0] != ' ' && out[len - 1] != ' '));
    FUZZ_CHECK(!strstr(out, "  "));
    for (const char *p = out; *p; p++)
        FUZZ_CHECK(!strchr("-_'\t\n\v\f\r", *p) && !(*p >= 'A' && *p <= 'Z'));
    char *again;
    FUZZ_CHECK(cc_text_norm(out, len, &again) == CC_OK);
    FUZZ_CHECK(strcmp(again, out) == 0); /* norm(norm(s)) = norm(s) */
    free(again);
    /* cutting for a table stops at a character and within the width */
    size_t width = cc_text_width(out);
    FUZZ_CHECK(cc_text_fit(out, width) == len);
    for (size_t columns = 0; columns < width; columns += 1 + width / 4) {
        size_t fit = cc_text_fit(out, columns);
        FUZZ_CHECK(fit <= len && cc_text_invalid_utf8(out, fit) == fit);
        char *prefix = fuzz_string((const uint8_t *)out, fit);
        FUZZ_CHECK(cc_text_width(prefix) <= columns);
        free(prefix);
    }
}

/* The ids split gave `text` agree with norm applied to each piece between
 * separators, trimmed; pieces that normalise to nothing have none. */
static void check_pieces(const cc_intern *t, const char *text, const char *separators,
                         const int *ids, int count)
{
    int n = 0;
    for (const char *p = text;; p++) {
        size_t len = strcspn(p, separators);
        char *key;
        FUZZ_CHECK(cc_text_norm(p, len, &key) == CC_OK);
        if (key[0]) {
            FUZZ_CHECK(n < count && strcmp(cc_intern_key(t, ids[n]), key) == 0);
            n++;
        }
        free(key);
        p += len;
        if (!*p)
            break;
    }
    FUZZ_CHECK(n == count);
}

/* Splits `text` on `separators` into a new table: twice (the second time
 * from the raw spellings remembered), looking up only, and recalling the
 * spellings only. */
static void check_split(const char *text, const char *separators, bool valid)
{
    cc_intern *t = cc_intern_new();
    FUZZ_CHECK(t);
    int *ids, count, *again, again_count, *found, found_count;
    cc_status st = cc_intern_split(t, text, strlen(text), separators, &ids, &count);
    FUZZ_CHECK(st == (valid ? CC_OK : CC_EDATA));
    if (st == CC_OK) {
        check_pieces(t, text, separators, ids, count);
        FUZZ_CHECK(cc_intern_split(t, text, strlen(text), separators, &again, &again_count) ==
                   CC_OK);
        FUZZ_CHECK(cc_intern_split_find(t, text, strlen(text), separators, &found,
                                        &found_count) == CC_OK);
        cc_intern_ids seen_ids = {0};
        bool seen = false;
        FUZZ_CHECK(cc_intern_split_seen(t, text, strlen(text), separators, &seen_ids, &seen) ==
                   CC_OK);
        FUZZ_CHECK(seen && seen_ids.count == (size_t)count);
        FUZZ_CHECK(again_count == count && found_count == count);
        FUZZ_CHECK(!count || (memcmp(again, ids, (size_t)count * sizeof *ids) == 0 &&
                              memcmp(found, ids, (size_t)count * sizeof *ids) == 0 &&
                              memcmp(seen_ids.ids, ids, (size_t)count * sizeof *ids) == 0));
        free(again);
        free(found);
        free(seen_ids.ids);
    }
    free(ids);
    cc_intern_free(t);
}

static void check_territory(const char *text, bool valid)
{
    cc_intern *places = cc_intern_new();
    FUZZ_CHECK(places);
    int *segments, depth, *found, found_depth;
    FUZZ_CHECK(cc_territory_parse(places, text, &segments, &depth) == (valid ? CC_OK : CC_EDATA));
    /* once parsed, a territory is found as it was parsed, and contains itself */
    FUZZ_CHECK(cc_territory_find(places, text, &found, &found_depth) == CC_OK);
    if (valid) {
        FUZZ_CHECK(found_depth == depth);
        FUZZ_CHECK(!depth || memcmp(found, segments, (size_t)depth * sizeof *found) == 0);
        FUZZ_CHECK(cc_territory_nested(segments, depth, found, found_depth) == (depth > 0));
    }
    free(segments);
    free(found);
    cc_intern_free(places);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_string(data, size);
    size_t len = strlen(text);
    bool valid = cc_text_invalid_utf8(text, len) == len;
    char *norm, *compact;
    FUZZ_CHECK(cc_text_norm(text, len, &norm) == (valid ? CC_OK : CC_EDATA));
    FUZZ_CHECK(cc_text_norm_compact(text, len, &compact) == (valid ? CC_OK : CC_EDATA));
    if (valid) {
        check_norm(norm);
        FUZZ_CHECK(!strchr(compact, ' ') && strlen(compact) <= strlen(norm));
    }
    free(norm);
    free(compact);
    check_split(text, ";|", valid);
    check_territory(text, valid);
    cc_sector sector;
    cc_status st = cc_sector_parse(text, &sector);
    FUZZ_CHECK(st == CC_OK ? sector >= 0 && sector < CC_SECTORS : st == CC_EDATA);
    free(text);
    return 0;
}
