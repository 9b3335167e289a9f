/* rank_index.h — inside the search: the challenge-independent order of
 * the actors (see rank_index.c), built by cc_rank_index_build (rank.h). */
#ifndef COCREATE_RANK_INDEX_H
#define COCREATE_RANK_INDEX_H

#include <stdint.h>
#include "cocreate/rank.h"

/* Territory segments a region has: the region under the country. The
 * search's classes of actors share their region when proximity counts. */
enum { CC_REGION_DEPTH = 2 };

/* Per actor, in an order where each region of a sector, and within it
 * each set of twins (the same expertise, seeks and territory), are
 * contiguous, then by reach descending and id, or by id alone. */
struct cc_rank_index {
    uint32_t *region;   /* 0: no territory; else equal for one region of a sector */
    uint32_t *twin;     /* equal for twins, and only for them */
    uint32_t *by_reach; /* rank by region, twins, reach descending, id */
    uint32_t *by_id;    /* rank by region, twins, id */
};

#endif
