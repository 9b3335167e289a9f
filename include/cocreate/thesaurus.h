/* thesaurus.h — one vocabulary for the tags (`--thesaurus`): which
 * preferred tag a variant stands for (`means`) and which broader tags a
 * tag also counts as (`broader`). The model, in src/model/thesaurus.c,
 * and its loader from a table of rows, in src/load/thesaurus_csv.c.
 *
 * Tags are normalised (SPEC §2) before the thesaurus is consulted. Rules:
 * - a `means` chain resolves to its end: "a means b" and "b means c" make
 *   a and b stand for c; a tag whose `means` is empty or itself is a
 *   preferred tag;
 * - the broader tags of a tag are those of its preferred form: rows about
 *   `insertion pro` and about `insertion professionnelle` add up, and a
 *   broader tag that is a variant stands for its preferred form;
 * - broader tags count transitively, at most CC_THESAURUS_MAX_BROADER of
 *   them per tag;
 * - data errors, each naming the line: a tag with two different `means`,
 *   `means` or `broader` going round in a circle (a tag broader than
 *   itself included), a tag counting as more than
 *   CC_THESAURUS_MAX_BROADER broader tags, a row whose `tag` is empty or
 *   holds several tags, a `means` of several tags.
 *
 * A thesaurus is applied to one tag table (the one actors and challenges
 * share): cc_thesaurus_expand maps each id of that table to the ids of
 * its preferred form and broader tags, adding them to the table, and
 * remembers the answer, so that each distinct tag is looked up once.
 *
 * Ownership: a cc_thesaurus owns its terms and remembered expansions; it
 * keeps no pointer to the tag table but its identity (applying one
 * thesaurus to two tables is a programming error). */
#ifndef COCREATE_THESAURUS_H
#define COCREATE_THESAURUS_H

#include <stdbool.h>
#include <stddef.h>
#include "cocreate/error.h"
#include "cocreate/intern.h"

/* Broader tags one tag may count as, transitively: a real thesaurus has a
 * handful; thousands mean a mistake (or an attack) that would multiply
 * every actor's tags. */
#define CC_THESAURUS_MAX_BROADER 100

typedef struct cc_thesaurus cc_thesaurus;

/* One row of a thesaurus file, as text (cc_thesaurus_add copies what it
 * keeps). `means` and `broader` may be empty; `broader` holds tags
 * separated by ';' or '|'. */
typedef struct {
    const char *tag;
    size_t tag_len;
    const char *means;
    size_t means_len;
    const char *broader;
    size_t broader_len;
    long line;
} cc_thesaurus_row;

/* A new empty thesaurus read from `source` (named in messages), or NULL
 * when out of memory. */
cc_thesaurus *cc_thesaurus_new(const char *source);

/* Frees everything `th` owns. NULL is a no-op. */
void cc_thesaurus_free(cc_thesaurus *th);

/* Adds a row. Return values:
 *   CC_OK         added;
 *   CC_EDATA      the row is bad (empty tag, several tags in `tag` or
 *                 `means`, not valid UTF-8, a second `means` for a tag):
 *                 a message naming source:line is in `err`;
 *   CC_ESOFTWARE  out of memory (recorded in `err`).
 * On failure the thesaurus may hold some of the row's tags, and must not
 * be finished or applied: a load that fails frees it. */
cc_status cc_thesaurus_add(cc_thesaurus *th, const cc_thesaurus_row *row, cc_error *err);

/* Resolves `means` chains, checks for circles and counts the broader tags
 * of every tag; call once after the last row. CC_OK, CC_EDATA (messages
 * in `err`, up to CC_ERROR_MAX, each naming a line) or CC_ESOFTWARE. On
 * failure `th` must only be freed. */
cc_status cc_thesaurus_finish(cc_thesaurus *th, cc_error *err);

/* Number of rows added, and of distinct tags the file names. */
size_t cc_thesaurus_rows(const cc_thesaurus *th);
int cc_thesaurus_terms(const cc_thesaurus *th);

/* The preferred form of the normalised tag `key`: the key of the tag it
 * stands for, and in *display (may be NULL) its spelling in the file; or,
 * for a tag the thesaurus does not map, `key` itself and *display NULL.
 * Never allocates; the strings live as long as `th`. */
const char *cc_thesaurus_preferred(const cc_thesaurus *th, const char *key, const char **display);

/* What the tag `tag` of `tags` stands for: *ids points at *count ids of
 * `tags`, its preferred form first, then, when `broader`, every broader
 * tag (transitively, without repeats, none equal to the first). A tag the
 * thesaurus does not map gives itself alone. Preferred and broader tags
 * not yet in `tags` are added, shown as the thesaurus spells them.
 * *ids is valid until the next call. CC_OK, or CC_ESOFTWARE when out of
 * memory (then *ids is NULL and *count 0; `tags` may have gained tags). */
cc_status cc_thesaurus_expand(cc_thesaurus *th, cc_intern *tags, int tag, bool broader,
                              const int **ids, int *count);

/* ============================================ loading (src/load/thesaurus_csv.c) */

/* Loads a thesaurus CSV from `path` ("-" = stdin): columns `tag`
 * (required), `means` and `broader` (at least one of them; French aliases
 * accepted), other columns ignored; delimiter detected, UTF-8 (a
 * byte-order mark skipped, UTF-16 with its mark read as such). Returns
 * CC_OK with a finished thesaurus in *out, or the status of this load's
 * first error with *out NULL and up to CC_ERROR_MAX messages naming file
 * and line in `err` (errors recorded there earlier do not count). */
cc_status cc_thesaurus_load_file(cc_thesaurus **out, const char *path, cc_error *err);

/* Same, from a buffer of `len` bytes (not modified, not kept); `source`
 * names it in messages. */
cc_status cc_thesaurus_load_buffer(cc_thesaurus **out, const char *source, const char *data,
                                   size_t len, cc_error *err);

#endif
