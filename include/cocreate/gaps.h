/* gaps.h — which needs of a challenge the ecosystem covers (`gaps`): per
 * need, how many actors of each sector offer it and the best-known of
 * them; then the best coverage any triad reaches and the needs it misses.
 * A cc_gaps owns no memory (nothing to free) and borrows the scorer it was
 * computed from, which must outlive it. */
#ifndef COCREATE_GAPS_H
#define COCREATE_GAPS_H

#include <stdbool.h>
#include "cocreate/rank.h"

/* How many best-known actors are listed per need. */
#define CC_GAPS_BEST 3

typedef struct {
    size_t offered[CC_SECTORS];  /* actors taking part that offer the need */
    size_t best[CC_GAPS_BEST];   /* some of them, largest reach first */
    int best_count;
} cc_need_gap;

typedef struct {
    const cc_scorer *scorer;
    cc_need_gap needs[CC_MAX_NEEDS];  /* in challenge order */
    bool has_triad;                   /* false when a sector has no actor */
    cc_triad best_triad;              /* a triad of the largest coverage */
    double best_coverage;
    uint64_t blocking;                /* needs that best triad misses */
} cc_gaps;

/* Computes the gaps of the scorer's challenge over the `eligible` actors
 * (NULL: all). The best coverage is exact: it is the top of the ranking by
 * coverage alone, searched with a copy of the scorer whose weights are
 * coverage only (the scorer itself is not changed). CC_ESOFTWARE when out
 * of memory: `out` then holds the per-need counts but no best triad. */
cc_status cc_gaps_compute(const cc_scorer *s, const bool *eligible, cc_gaps *out, cc_error *err);

#endif
