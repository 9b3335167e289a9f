/* components.h — the score components (SPEC §3) as one table.
 * Each component is one record: its name, its weight in every ambition
 * profile, whether the loaded actors have data for it, its value for a
 * triad and an upper bound of that value for the search. The weights,
 * --weights, the scorer, the search and the printers all read this table,
 * so a new component is one enum entry here and one record in
 * src/match/components.c. The table is constant and static: nothing here
 * allocates or has side effects. */
#ifndef COCREATE_COMPONENTS_H
#define COCREATE_COMPONENTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "cocreate/score.h"

/* What a component's value is computed from, for one triad. */
typedef struct {
    const cc_scorer *scorer;
    const size_t *member;     /* [3] actor indices: social, company, public */
    const cc_actor *actor[3]; /* the same actors */
    const int *met;           /* [3] seeks of member i that the other two meet */
    double coverage;          /* of the three need masks, shared by a class block */
    double complementarity;   /* idem */
} cc_triad_context;

/* What the search knows of one member of the triads it bounds: a whole
 * sector, one class of equal need mask, or one actor. Every field may only
 * overstate what the members can have. */
typedef struct {
    uint64_t mask;          /* union of the members' need masks */
    uint64_t must;          /* needs every member offers: `mask` itself when
                               all members have the same mask */
    double reach;           /* largest reach component of a member */
    double gain;            /* largest share of its seeks a member can see
                               met (g_i of SPEC §3), in [0, 1]; 0: no seeks */
    bool located;           /* some member has a territory */
    const int *place;       /* the first place_depth segments of every located */
    int place_depth;        /* member's territory (0: nothing known of them) */
    const cc_actor *actor;  /* the one actor, or NULL */
} cc_member_view;

/* What a component's bound is computed from. */
typedef struct {
    const cc_scorer *scorer;
    const cc_member_view *view; /* [3]: social, company, public */
    const double *need_part;    /* coverage and complementarity of the three
                                   exact masks when the caller has them, else NULL */
} cc_bound_context;

typedef struct {
    const char *name;                         /* as in --weights, CSV and JSON keys */
    double weight[CC_AMBITIONS];              /* profile weights (SPEC §3 table) */
    bool (*has_data)(const cc_actors *actors);/* false: weight 0, and a note */
    const char *no_data;                      /* why, e.g. "no actor has seeks" */
    double (*compute)(const cc_triad_context *t);  /* value in [0, 1] */
    double (*bound)(const cc_bound_context *b);    /* >= compute of every triad
                                                      matching the views; never
                                                      larger for narrower views */
} cc_component;

/* CC_COMPONENTS records, indexed by CC_COVERAGE ... CC_REACH. Declared
 * without a size so that components.c can check its own count. */
extern const cc_component cc_components[];

/* Score of a triad: the sum of weight × value over the table, with every
 * value stored in comp[CC_COMPONENTS]. cc_scorer_score_from calls it. */
double cc_component_score(const cc_triad_context *t, const double *weight,
                          double comp[CC_COMPONENTS]);

/* Upper bound of the score of every triad matching the views: the sum of
 * weight × bound over the components of non-zero weight whose bit is set
 * in `which` (CC_COMPONENT_ALL: every component). */
double cc_component_bound(const cc_bound_context *b, const double *weight, unsigned which);
#define CC_COMPONENT_ALL ((1u << CC_COMPONENTS) - 1)

/* The bound of each component, unweighted, into bound[CC_COMPONENTS]. */
void cc_component_bounds(const cc_bound_context *b, double bound[CC_COMPONENTS]);

/* Coverage and complementarity move against each other with the needs
 * the last member brings: more needs cover more, but raise Wc, which
 * shrinks the others' shares. When the first two views have exact masks
 * and the third is open, this bounds weight_cov × coverage +
 * weight_compl × complementarity jointly, over what the third member may
 * bring, often more tightly than the sum of their separate bounds;
 * otherwise it returns HUGE_VAL (no bound). */
double cc_need_part_bound(const cc_bound_context *b, const double *weight);

/* Index of the component named by the `len` bytes at `name`, or -1. */
int cc_component_parse(const char *name, size_t len);

/* Writes the component names joined by ", " into buf (always terminated,
 * cut when `size` is too small); for "accepted: ..." messages. */
void cc_component_choices(char *buf, size_t size);

#endif
