/* intern.h — string interning: each distinct key gets a small integer id.
 * Tags, territory segments and actor ids are interned once while loading so
 * that the scorer compares integers, never strings. Ids are dense, given in
 * order of first insertion, starting at 0.
 * The table copies keys and display spellings; the pointers it returns stay
 * valid until cc_intern_free. cc_intern_split also remembers each distinct
 * raw spelling it added, so that a spelling is normalised only once. */
#ifndef COCREATE_INTERN_H
#define COCREATE_INTERN_H

#include <stdbool.h>
#include <stddef.h>
#include "cocreate/error.h"

typedef struct cc_intern cc_intern;

/* New empty table, or NULL when out of memory. */
cc_intern *cc_intern_new(void);

/* Frees the table and its strings. NULL is a no-op. */
void cc_intern_free(cc_intern *t);

/* Id of `key`, inserting it if new with `display` as its shown spelling
 * (NULL: the key itself). `*added` (may be NULL) tells whether it was new.
 * Returns -1 when out of memory; the table is then unchanged. */
int cc_intern_add(cc_intern *t, const char *key, const char *display, bool *added);

/* Id of `key`, or -1 if it was never added. Never allocates. */
int cc_intern_find(const cc_intern *t, const char *key);

/* Key and display spelling of an id in [0, cc_intern_count); valid until
 * cc_intern_free. */
const char *cc_intern_key(const cc_intern *t, int id);
const char *cc_intern_display(const cc_intern *t, int id);

/* Number of ids given; 0 for a NULL table. */
int cc_intern_count(const cc_intern *t);

/* Splits the `len` bytes at `text` on any byte of `separators`, normalises
 * each piece (cc_text_norm), drops pieces that normalise to nothing, and
 * interns the rest, each shown as written without surrounding blanks.
 * Return values:
 *   CC_OK         *ids (malloc'd, caller frees; NULL when *count is 0)
 *                 holds the ids in text order, repeats included;
 *   CC_EDATA      a piece is not valid UTF-8;
 *   CC_ESOFTWARE  out of memory.
 * On failure *ids is NULL and *count 0, and the pieces before the failing
 * one may have been added to `t` (ids are never taken back). */
cc_status cc_intern_split(cc_intern *t, const char *text, size_t len, const char *separators,
                          int **ids, int *count);

/* A growable list of ids that the caller keeps across calls to
 * cc_intern_split_append and frees (free(ids)). Zero-initialise it. */
typedef struct {
    int *ids;
    size_t count, capacity;
} cc_intern_ids;

/* Like cc_intern_split, but appends the ids to `out` instead of returning
 * a new array. Same return values; on failure out->count is as before
 * (its capacity may have grown). */
cc_status cc_intern_split_append(cc_intern *t, const char *text, size_t len,
                                 const char *separators, cc_intern_ids *out);

/* Like cc_intern_split_append for a text whose pieces have all been split
 * (with cc_intern_split or _append) before, spelt the same: then *seen is
 * set and their ids are appended. Else *seen is cleared and out->count is
 * as before. Never changes `t` nor normalises anything: a look-up of each
 * spelling, for a caller that must not change `t` yet (cc_actors_add).
 * CC_OK, or CC_ESOFTWARE when out of memory. */
cc_status cc_intern_split_seen(const cc_intern *t, const char *text, size_t len,
                               const char *separators, cc_intern_ids *out, bool *seen);

/* The same as cc_intern_split without adding anything: a piece never added, or not valid
 * UTF-8, gets id -1. Fails only when out of memory (CC_ESOFTWARE, with *ids
 * NULL and *count 0). */
cc_status cc_intern_split_find(const cc_intern *t, const char *text, size_t len,
                               const char *separators, int **ids, int *count);

#endif
