/* score.h — the score of a triad (SPEC §3).
 * A cc_scorer prepares one challenge against the loaded actors: each
 * actor's expertise is reduced to a 64-bit mask of the challenge's needs,
 * and weight sums of masks come from byte lookup tables, so that scoring a
 * triad costs a few table lookups plus the win-win and proximity checks.
 * The values of the components come from the table in components.h.
 *
 * Ownership: the scorer borrows the actors and the challenge (both must
 * outlive it) and owns `mask` and `reach_part`. A struct copy of a
 * cc_scorer (as gaps makes to change the weights) shares those arrays:
 * free exactly one of the copies, after the others' last use. Scoring
 * never allocates and never changes the scorer. */
#ifndef COCREATE_SCORE_H
#define COCREATE_SCORE_H

#include <stdbool.h>
#include <stdint.h>
#include "cocreate/actors.h"
#include "cocreate/challenges.h"

/* The score components; their names, weights and rules are the records
 * of cc_components (components.h). */
enum { CC_COVERAGE = 0, CC_COMPLEMENTARITY, CC_WINWIN, CC_PROXIMITY, CC_REACH, CC_COMPONENTS };

typedef struct {
    double w[CC_COMPONENTS];
} cc_weights;

/* The weights of an ambition profile (SPEC §3 table), from cc_components. */
cc_weights cc_weights_profile(cc_ambition ambition);

/* Applies overrides "coverage=0.5,reach=0" to `w`. Unknown names, bad or
 * negative numbers (decimal only, as cc_text_number reads them: no inf,
 * nan or hexadecimal, none out of range) are CC_EUSAGE (the message lists
 * the accepted names); CC_ESOFTWARE when out of memory. On failure `w` is
 * unchanged. */
cc_status cc_weights_override(cc_weights *w, const char *spec, cc_error *err);

/* Gives weight 0 to components no loaded actor has data for (each
 * record's has_data; its no_data says why), then divides the weights by
 * their sum (any finite weights: the sum cannot overflow). `*dropped`
 * receives a bit per component whose non-zero weight was dropped.
 * All-zero weights are CC_EUSAGE; `w` then holds the dropped but not
 * divided weights. */
cc_status cc_weights_finish(cc_weights *w, const cc_actors *actors, unsigned *dropped,
                            cc_error *err);

typedef struct {
    const cc_actors *actors;
    const cc_challenge *challenge;
    cc_weights weights;       /* normalised, sum 1 */
    uint64_t *mask;           /* per actor: bit i set when it offers need i */
    double *reach_part;       /* per actor: the reach component of its own reach;
                                 a triad's is the largest of its members' */
    double total_weight;      /* W, sum of need weights (scaled as byte_weight) */
    double log_reach_max;     /* log10(1 + R), 0 when R = 0 */
    double byte_weight[8][256]; /* weight of the needs in each byte of a mask, each
                                   weight times the power of two that brings the
                                   largest below 1, so that no sum overflows */
} cc_scorer;

/* Prepares scoring of `challenge`. `eligible` (per actor, NULL = all) gives
 * the actors of this run, whose largest reach is R; it is not kept.
 * CC_ESOFTWARE when out of memory: `s` then owns nothing (safe to free). */
cc_status cc_scorer_init(cc_scorer *s, const cc_actors *actors, const cc_challenge *challenge,
                         const cc_weights *weights, const bool *eligible, cc_error *err);

/* Frees the arrays `s` owns and sets them to NULL. NULL is a no-op. */
void cc_scorer_free(cc_scorer *s);

/* Frees what only scoring and ranking read (the per-actor arrays) and
 * keeps what cc_scorer_explain needs: a run of many challenges keeps each
 * one's scorer until its output, at a few bytes per actor no longer. */
void cc_scorer_trim(cc_scorer *s);

/* Sum of the weights of the needs in `mask`, scaled as total_weight: only
 * its ratio to another such sum means something. */
double cc_scorer_mask_weight(const cc_scorer *s, uint64_t mask);

/* Coverage and complementarity, which depend on the members' need masks
 * only (the search bounds whole groups of actors with them). */
void cc_scorer_need_components(const cc_scorer *s, uint64_t ms, uint64_t mc, uint64_t mp,
                               double *coverage, double *complementarity);

/* Score of the triad of actor indices m[0..2] (social, company, public);
 * fills comp[CC_COMPONENTS] with the component values. */
double cc_scorer_score(const cc_scorer *s, const size_t m[3], double comp[CC_COMPONENTS]);

/* The same, for a caller that already has the members' coverage and
 * complementarity (from cc_scorer_need_components) and met[i], the seeks
 * of member i the other two meet (as cc_seeks_met counts them): the search
 * shares these between many triads. The result is identical. */
double cc_scorer_score_from(const cc_scorer *s, const size_t m[3], double coverage,
                            double complementarity, const int met[3], double comp[CC_COMPONENTS]);

/* Proximity of two actors (SPEC §3), in [0, 1]. Inline: the search calls
 * it for every triad it scores. */
static inline double cc_proximity(const cc_actor *a, const cc_actor *b)
{
    int na = a->territory_depth, nb = b->territory_depth;
    if (na == 0 || nb == 0)
        return 0.0;
    int shorter = na < nb ? na : nb, longer = na < nb ? nb : na;
    int common = 0;
    while (common < shorter && a->territory[common] == b->territory[common])
        common++;
    return common == shorter ? 1.0 : (double)common / longer;
}

/* How many of a's seeks b's or c's expertise holds. */
int cc_seeks_met(const cc_actor *a, const cc_actor *b, const cc_actor *c);

/* Reach component for a largest member reach of `reach`, in [0, 1]: a
 * reach above R (an actor outside the run, scored by explain or score)
 * gives 1. */
double cc_scorer_reach(const cc_scorer *s, uint64_t reach);

/* Who brings what in a triad, for explained output. */
typedef struct {
    uint64_t covered;               /* needs some member offers */
    uint64_t brings[CC_SECTORS];    /* needs each member offers */
    uint64_t only[CC_SECTORS];      /* needs no other member offers */
    cc_idlist gains[CC_SECTORS];    /* seeks of each member that the others offer */
} cc_explanation;

/* Fills `e` for the triad m[0..2]; the gains lists are malloc'd and freed
 * by cc_explanation_free. CC_ESOFTWARE when out of memory (no message is
 * recorded): `e` is then zeroed and owns nothing. */
cc_status cc_scorer_explain(const cc_scorer *s, const size_t m[3], cc_explanation *e);
void cc_explanation_free(cc_explanation *e);

#endif
