/* rank.h — exact top-K search over all eligible triads (SPEC §4).
 * Results are always the exact ranking: pruning only skips triads whose
 * score provably cannot reach the current K-th best (see rank.c). */
#ifndef COCREATE_RANK_H
#define COCREATE_RANK_H

#include <stdbool.h>
#include <stddef.h>
#include "cocreate/history.h"
#include "cocreate/score.h"

typedef struct {
    size_t member[CC_SECTORS];     /* actor indices: social, company, public */
    double score;
    double comp[CC_COMPONENTS];
} cc_triad;

/* How the search groups each sector's actors into classes (see rank.c).
 * Only the time depends on it, never the result: tests try each. */
typedef enum {
    CC_GROUP_AUTO = 0,   /* as the search prefers: by need mask */
    CC_GROUP_BY_MASK,    /* by need mask (and region when proximity counts) */
    CC_GROUP_BY_REGION,  /* by region only (when proximity counts) */
} cc_grouping;

/* What no challenge changes about the actors (their twins and regions,
 * id ranks, gains, the order a search takes them in), which spares each
 * search most of its sorting: `match --all` builds it once for all the
 * challenges. */
typedef struct cc_rank_index cc_rank_index;

/* Builds the index of `actors` into *out (free with cc_rank_index_free).
 * CC_ESOFTWARE when out of memory. It keeps no pointer to `actors`, and
 * only serves searches over the same actors. */
cc_status cc_rank_index_build(const cc_actors *actors, cc_rank_index **out, cc_error *err);
void cc_rank_index_free(cc_rank_index *index);

typedef struct {
    size_t k;                 /* how many proposals, >= 1 */
    bool has_min_score;
    double min_score;         /* drop triads scoring below this */
    size_t max_per_actor;     /* 0: no limit */
    const size_t *required;   /* actor indices every triad must contain */
    size_t required_count;
    const bool *eligible;     /* per actor, NULL = all */
    void (*progress)(void *ctx, double done); /* told the share done, 0..1; may be NULL */
    void *progress_ctx;
    cc_grouping grouping;     /* how the search groups actors; 0: as the data suits */
    size_t pair_batch;        /* run pairs taken per batch; 0: the default (only the
                                 time depends on it: tests make it small) */
    const cc_rank_index *index; /* of the same actors; NULL: built for this search */
    size_t threads;           /* threads the search may run at once, this one
                                 included; 0 or 1: this one only */
    const cc_history *history; /* triads and pairs left out (--history); NULL: none.
                                  The ranking is the exact top K of the others */
} cc_rank_options;

typedef struct {
    cc_triad *items;   /* best first, owned */
    size_t count;
} cc_ranking;

/* Scores closer than this are ties (SPEC §4). */
#define CC_SCORE_EPSILON 1e-9

/* Ranking order: < 0 when a ranks before b. Score descending, ties broken
 * by coverage descending, then social, company, public id bytewise. */
int cc_triad_compare(const cc_actors *actors, const cc_triad *a, const cc_triad *b);

/* Computes the ranking into `out` (owned; free with cc_ranking_free).
 * CC_ESOFTWARE when out of memory: `out` is then empty. The scorer and
 * the options are only read. */
cc_status cc_rank_top(const cc_scorer *s, const cc_rank_options *opt, cc_ranking *out,
                      cc_error *err);

/* Marks eligible actors: inside or containing `territory` (NULL or one
 * that normalises to nothing: all, and actors without territory stay), and
 * not in `excluded`. A segment no actor has still filters: "FR/Nowhere"
 * keeps the actors of "FR" and "", none of "FR/Bretagne". Returns a
 * malloc'd array of actors->count flags (caller frees), or NULL only when
 * out of memory. `actors` is not modified. */
bool *cc_rank_eligible(const cc_actors *actors, const char *territory, const size_t *excluded,
                       size_t excluded_count);

/* Frees the items and zeroes `r`. NULL is a no-op. */
void cc_ranking_free(cc_ranking *r);

#endif
