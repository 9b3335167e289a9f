/* rank_index.h — inside the search: the challenge-independent order of
 * the actors (see rank_index.c), built by cc_rank_index_build (rank.h). */
#ifndef COCREATE_RANK_INDEX_H
#define COCREATE_RANK_INDEX_H

#include <stdint.h>
#include "cocreate/rank.h"

/* Territory segments a region has: the region under the country. The
 * search's classes of actors share their region when proximity counts. */
enum { CC_REGION_DEPTH = 2 };

/* Per actor what no challenge changes, and the actors in two orders
 * where each set of twins (the same sector, expertise, seeks and
 * territory) is contiguous: by sector, then the sets by gain descending,
 * largest reach descending (by_reach only) and smallest id; within a
 * set, by reach descending then id (by_reach) or by id alone (by_id). */
struct cc_rank_index {
    uint32_t *region;   /* per actor: 0, no territory; else equal for one region of a sector */
    uint32_t *twin;     /* per actor: its set of twins, numbered in by_reach's order */
    uint32_t *id_rank;  /* per actor: its place among the ids, bytewise */
    double *gain;       /* per actor: share of its seeks some actor of another sector offers */
    uint32_t *by_reach; /* the actors, as above */
    uint32_t *by_id;
    size_t sector_begin[CC_SECTORS + 1]; /* sector k: [sector_begin[k], sector_begin[k + 1])
                                            of by_reach and of by_id */
    uint32_t sector_sets[CC_SECTORS + 1]; /* sector k's sets of twins: from sector_sets[k]
                                             to sector_sets[k + 1] */
    int *tags;          /* the expertise of set of twins t, in one block: */
    size_t *tags_at;    /* tags[tags_at[t]] up to tags[tags_at[t + 1]] */
};

#endif
