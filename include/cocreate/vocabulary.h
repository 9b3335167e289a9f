/* vocabulary.h — the tags of a data set as `tags` and `check` show them:
 * every tag in use, how many actors of each sector offer and seek it, in
 * how many challenges it is a need, and which tags look like spelling
 * variants of others (variants.h).
 * Ownership: a cc_vocabulary owns its arrays (cc_vocabulary_free) and
 * borrows the tag table of the actors it was built from, which must
 * outlive it. */
#ifndef COCREATE_VOCABULARY_H
#define COCREATE_VOCABULARY_H

#include <stddef.h>
#include "cocreate/actors.h"
#include "cocreate/challenges.h"
#include "cocreate/variants.h"

/* One tag in use. */
typedef struct {
    int tag;                    /* interned id */
    size_t offered[CC_SECTORS]; /* actors of each sector with it in their expertise */
    size_t sought[CC_SECTORS];  /* actors of each sector seeking it */
    size_t needed;              /* challenges with it as a need */
    size_t uses;                /* the sum of all the above */
    long means;                 /* index in `items` of the tag it is likely a spelling
                                   of (cc_variants_choose), or -1 */
    cc_variant_rule rule;       /* why, when means >= 0 */
} cc_tag_use;

typedef struct {
    const cc_intern *tags;  /* borrowed: the actors' tag table */
    cc_tag_use *items;      /* the tags used at least once: by uses, the most
                               used first; among equals the most needed first,
                               then by key (byte order). cc_variants_find takes
                               this order as the order of preference */
    size_t count;
    size_t variants;        /* items with a meaning */
    long *item_of;          /* by tag id: its index in items, or -1 when unused */
    size_t *near_start;     /* the variants of item i (all pairs cc_variants_find
                               gives, either way) are near[near_start[i]] up to
                               near[near_start[i + 1]]; count + 1 entries */
    size_t *near;
} cc_vocabulary;

/* Counts the tags of `actors` and of the challenges `all` (NULL: none),
 * which share the actors' tag table, and finds the variants among them.
 * Return values:
 *   CC_OK         *v is filled;
 *   CC_ESOFTWARE  out of memory: *v is zeroed (safe to free). */
cc_status cc_vocabulary_build(cc_vocabulary *v, const cc_actors *actors,
                              const cc_challenges *all);

/* Frees what `v` owns and zeroes it. NULL and a zeroed one are no-ops. */
void cc_vocabulary_free(cc_vocabulary *v);

/* Actors of any sector that offer item `u`. */
size_t cc_tag_use_offered(const cc_tag_use *u);

/* The variant of tag id `tag` that the most actors offer (the first in
 * the items' order among equals), as an index in items; -1 when no actor
 * offers any variant of it (or it is not in use). */
long cc_vocabulary_offered_variant(const cc_vocabulary *v, int tag);

#endif
