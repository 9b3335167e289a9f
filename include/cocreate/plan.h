/* plan.h — programme planning: up to N disjoint triads (each actor in at
 * most one) with the largest total score, and an upper bound on the best
 * total, so that the user knows how far the plan can be from the best.
 *
 * This is a three-dimensional assignment problem (NP-hard). Small
 * instances are solved exactly by integer programming (GLPK, plan_ilp.c);
 * larger ones by a heuristic (plan.c): candidate triads from the exact
 * top-K search, greedy, then local search; its bound comes from a
 * Lagrangian relaxation of the one-triad-per-actor constraints over every
 * triad, those outside the candidates being bounded by the K-th best score.
 *
 * Candidate triads are found through cc_rank_top with the caller's
 * cc_rank_options, so every filter of the ranking (territory, --exclude,
 * --require, --min-score, --history) applies to the plan too. A triad the
 * local search forms by itself (swapping members) is checked against the
 * same eligibility, floor and history, and against `allowed` when set.
 *
 * Ownership: a cc_plan owns its arrays; free it with cc_plan_free. The
 * scorer and the options are only read. */
#ifndef COCREATE_PLAN_H
#define COCREATE_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include "cocreate/rank.h"

/* How the plan is found. Tests force one or the other. */
typedef enum {
    CC_PLAN_AUTO = 0,     /* exact when the instance is small enough, else heuristic */
    CC_PLAN_EXACT,        /* integer programming over every qualifying triad */
    CC_PLAN_HEURISTIC,    /* candidates, greedy, local search, Lagrangian bound */
} cc_plan_method;

typedef struct {
    size_t partnerships;     /* N: at most this many triads; 0: as many as possible */
    double time_limit;       /* seconds the planning may take, > 0 (the searches for
                                candidates cannot be cut short: at least those run);
                                HUGE_VAL: no limit, so that the plan does not depend
                                on the machine's speed (the tests) */
    cc_rank_options rank;    /* the filters and resources of the candidate searches
                                (eligible, required, min score, index, threads);
                                the planner sets k and max_per_actor itself */
    /* A triad the local search forms is kept only if this says yes (NULL:
     * all that pass the ranking's filters): the seam for filters that
     * cc_rank_top applies and a swap of members would not see. */
    bool (*allowed)(void *ctx, const size_t member[CC_SECTORS]);
    void *allowed_ctx;
    cc_plan_method method;
    size_t exact_limit;      /* most triads for the exact method under AUTO; 0: default */
    size_t candidates;       /* K of the heuristic's first search; 0: chosen from N */
} cc_plan_options;

/* The default most triads solved exactly, and the default time limit. */
#define CC_PLAN_EXACT_LIMIT 30000
#define CC_PLAN_TIME_LIMIT 10.0

typedef struct {
    cc_triad *items;        /* the partnerships, in ranking order; owned */
    size_t count;
    double total;           /* the sum of their scores */
    double bound;           /* no plan of at most `limit` disjoint qualifying triads
                               totals more; >= total */
    bool exact;             /* found by integer programming */
    bool optimal;           /* proven best: bound == total */
    size_t limit;           /* N in force: the one asked, or fewer when the eligible
                               actors of a sector allow fewer */
    cc_triad *candidates;   /* the triads considered; owned */
    size_t candidate_count;
    bool complete;          /* the candidates are every qualifying triad */
} cc_plan;

/* Plans into `out` (free with cc_plan_free, on any status). CC_ESOFTWARE
 * when out of memory: `out` then holds no plan. No qualifying triad is
 * not an error: an empty plan, bound 0. */
cc_status cc_plan_make(const cc_scorer *s, const cc_plan_options *opt, cc_plan *out,
                       cc_error *err);

/* (bound - total) / bound, in [0, 1]; 0 when the bound is 0. */
double cc_plan_gap(const cc_plan *p);

void cc_plan_free(cc_plan *p);

/* Why an eligible actor has no partnership in the plan. */
typedef enum {
    CC_LEFT_NO_PARTNER = 0, /* no qualifying triad holds it */
    CC_LEFT_TAKEN,          /* every qualifying triad holding it has a member in the plan */
    CC_LEFT_FULL,           /* one with free partners exists, but the plan has its N */
    CC_LEFT_UNCHOSEN,       /* one with free partners exists and the plan has room:
                               the heuristic did not find it */
    CC_LEFT_REASONS
} cc_left_reason;

/* A phrase for each reason, indexed by cc_left_reason. */
extern const char *const cc_left_reasons[CC_LEFT_REASONS];

typedef struct {
    size_t actor;           /* actor index */
    cc_left_reason reason;
} cc_plan_left;

/* The eligible actors (opt->rank.eligible) outside the plan, in actor
 * order, each with its reason, into a malloc'd `*out` (caller frees; NULL
 * when none) and `*count`. An actor the candidates do not settle costs a
 * search or two. CC_ESOFTWARE when out of memory (`*out` NULL then). */
cc_status cc_plan_left_out(const cc_scorer *s, const cc_plan_options *opt, const cc_plan *p,
                           cc_plan_left **out, size_t *count, cc_error *err);

/* ------------------------------------------------------------- internal */

/* The exact method (plan_ilp.c): the best plan of at most `limit`
 * disjoint triads among `cand` (count of them), as indices into `cand`
 * written to `chosen` (room for `limit`), their number to *chosen_count.
 * Within `seconds`; *optimal tells whether it proved its plan best, and
 * *bound receives an upper bound on the best total. CC_ESOFTWARE when
 * out of memory; CC_EUSAGE (no message) when the time ran out before any
 * plan was found. */
cc_status cc_plan_ilp(const cc_triad *cand, size_t count, size_t actor_count, size_t limit,
                      double seconds, size_t *chosen, size_t *chosen_count, bool *optimal,
                      double *bound, cc_error *err);

#endif
