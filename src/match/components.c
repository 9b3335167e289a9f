/* components.c — the table of score components (SPEC §3): per component
 * its profile weights, its data rule, its value and its search bound.
 * The score and bound sums live here, next to the table, so that the
 * compiler sees the constant table and can call each entry directly in
 * the search's inner loop. */
#include "cocreate/components.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* One weight per ambition, named in enum order: the preprocessor refuses a
 * profile with a weight too many or too few. */
#define PROFILE(balanced, invent, synergy, scale)                                             \
    {                                                                                      \
        [CC_BALANCED] = (balanced), [CC_INVENT] = (invent), [CC_SYNERGY] = (synergy),      \
        [CC_SCALE] = (scale)                                                               \
    }
_Static_assert(CC_AMBITIONS == 4, "PROFILE takes one weight per ambition");

/* ------------------------------------------------------------ data rules */

static bool always(const cc_actors *actors)
{
    (void)actors;
    return true;
}

static bool some_seeks(const cc_actors *actors)
{
    return actors->any_seeks;
}

static bool some_territory(const cc_actors *actors)
{
    return actors->any_territory;
}

static bool some_reach(const cc_actors *actors)
{
    return actors->any_reach;
}

/* ------------------------------------------------------- values, bounds */

static bool masks_exact(const cc_bound_context *b)
{
    const cc_member_view *v = b->view;
    return v[0].must == v[0].mask && v[1].must == v[1].mask && v[2].must == v[2].mask;
}

/* Coverage and complementarity of the views: exact once the masks are. */
static void need_part(const cc_bound_context *b, double *coverage, double *complementarity)
{
    const cc_member_view *v = b->view;
    cc_scorer_need_components(b->scorer, v[0].mask, v[1].mask, v[2].mask, coverage,
                              complementarity);
}

static double coverage(const cc_triad_context *t)
{
    return t->coverage;
}

/* Every need an open member may offer counts as covered. */
static double coverage_bound(const cc_bound_context *b)
{
    if (b->need_part)
        return b->need_part[0];
    double cov, comp;
    if (masks_exact(b)) {
        need_part(b, &cov, &comp);
        return cov;
    }
    const cc_scorer *s = b->scorer;
    uint64_t all = b->view[0].mask | b->view[1].mask | b->view[2].mask;
    return s->total_weight > 0 ? cc_scorer_mask_weight(s, all) / s->total_weight : 0.0;
}

static double complementarity(const cc_triad_context *t)
{
    return t->complementarity;
}

/* Exact once the three masks are. Before that, each term min(1, 3 u_i /
 * Wc) is bounded from the needs each member surely offers (`must`): what
 * member i alone can bring is at most the weight of its mask outside the
 * others' sure needs, and Wc is at least the weight of all sure needs. */
static double complementarity_bound(const cc_bound_context *b)
{
    if (b->need_part)
        return b->need_part[1];
    double cov, comp = 1.0;
    if (masks_exact(b)) {
        need_part(b, &cov, &comp);
        return comp;
    }
    const cc_member_view *v = b->view;
    uint64_t known = 0;
    for (int i = 0; i < CC_SECTORS; i++)
        known |= v[i].must;
    double least_covered = cc_scorer_mask_weight(b->scorer, known);
    if (least_covered <= 0)
        return 1.0;
    double sum = 0;
    for (int i = 0; i < CC_SECTORS; i++) {
        uint64_t others = 0;
        for (int j = 0; j < CC_SECTORS; j++)
            others |= j != i ? v[j].must : 0;
        double alone = cc_scorer_mask_weight(b->scorer, v[i].mask & ~others);
        double term = 3 * alone / least_covered;
        sum += term < 1 ? term : 1;
    }
    return sum / 3;
}

/* g_i of SPEC §3 from the number of i's seeks the others meet. */
static double gain(const cc_actor *a, int met)
{
    return a->seeks.count ? (double)met / a->seeks.count : 0.0;
}

static double winwin(const cc_triad_context *t)
{
    return (gain(t->actor[0], t->met[0]) + gain(t->actor[1], t->met[1]) +
            gain(t->actor[2], t->met[2])) /
           3.0;
}

/* Each g_i is at most the largest gain its view allows. */
static double winwin_bound(const cc_bound_context *b)
{
    return (b->view[0].gain + b->view[1].gain + b->view[2].gain) / 3.0;
}

static double proximity(const cc_triad_context *t)
{
    const cc_actor *const *a = t->actor;
    return (cc_proximity(a[0], a[1]) + cc_proximity(a[0], a[2]) + cc_proximity(a[1], a[2])) / 3.0;
}

/* Proximity of any two territories starting with the place prefixes of
 * a and b. When one prefix is a prefix of the other the territories may
 * nest: 1. Otherwise they part where the prefixes do, after `common`
 * segments, and are at least as long as the longer prefix. For two actors
 * (whole territories) this is exactly cc_proximity. */
static double prefix_proximity(const cc_member_view *a, const cc_member_view *b)
{
    if (!a->located || !b->located)
        return 0.0;
    int na = a->place_depth, nb = b->place_depth;
    int shorter = na < nb ? na : nb, longer = na < nb ? nb : na;
    int common = 0;
    while (common < shorter && a->place[common] == b->place[common])
        common++;
    return common == shorter ? 1.0 : (double)common / longer;
}

static double proximity_bound(const cc_bound_context *b)
{
    const cc_member_view *v = b->view;
    return (prefix_proximity(&v[0], &v[1]) + prefix_proximity(&v[0], &v[2]) +
            prefix_proximity(&v[1], &v[2])) /
           3.0;
}

/* Reach parts are never NaN: no need for fmax's care (and its call). */
static double max3(double a, double b, double c)
{
    double ab = a > b ? a : b;
    return ab > c ? ab : c;
}

/* log10 is monotone: the largest member reach gives the largest part. */
static double reach(const cc_triad_context *t)
{
    const double *part = t->scorer->reach_part;
    const size_t *m = t->member;
    return max3(part[m[0]], part[m[1]], part[m[2]]);
}

static double reach_bound(const cc_bound_context *b)
{
    const cc_member_view *v = b->view;
    return max3(v[0].reach, v[1].reach, v[2].reach);
}

/* ----------------------------------------------------------------- table */

const cc_component cc_components[] = {
    [CC_COVERAGE] = {"coverage", PROFILE(0.40, 0.40, 0.35, 0.35), always, NULL, coverage,
                     coverage_bound},
    [CC_COMPLEMENTARITY] = {"complementarity", PROFILE(0.25, 0.35, 0.20, 0.15), always, NULL,
                            complementarity, complementarity_bound},
    [CC_WINWIN] = {"winwin", PROFILE(0.15, 0.15, 0.15, 0.10), some_seeks, "no actor has seeks",
                   winwin, winwin_bound},
    [CC_PROXIMITY] = {"proximity", PROFILE(0.10, 0.05, 0.30, 0.05), some_territory,
                      "no actor has a territory", proximity, proximity_bound},
    [CC_REACH] = {"reach", PROFILE(0.10, 0.05, 0.00, 0.35), some_reach, "no actor has a reach",
                  reach, reach_bound},
};
_Static_assert(sizeof cc_components / sizeof *cc_components == CC_COMPONENTS,
               "one cc_components record per component");

/* ------------------------------------------------------------------ sums */

double cc_component_score(const cc_triad_context *t, const double *weight,
                          double comp[CC_COMPONENTS])
{
    double score = 0;
#pragma GCC unroll 16
    for (int c = 0; c < CC_COMPONENTS; c++) {
        comp[c] = cc_components[c].compute(t);
        score += weight[c] * comp[c];
    }
    /* Weights divided by their sum may add up to one ulp over 1. */
    return score < 1.0 ? score : 1.0;
}

double cc_component_bound(const cc_bound_context *b, const double *weight, unsigned which)
{
    double bound = 0;
#pragma GCC unroll 16
    for (int c = 0; c < CC_COMPONENTS; c++)
        if ((which >> c & 1) && weight[c] > 0)
            bound += weight[c] * cc_components[c].bound(b);
    return bound;
}

void cc_component_bounds(const cc_bound_context *b, double bound[CC_COMPONENTS])
{
#pragma GCC unroll 16
    for (int c = 0; c < CC_COMPONENTS; c++)
        bound[c] = cc_components[c].bound(b);
}

/* ------------------------------------------------- joint need bound */

/* min(1, 3 part / covered), 1 when nothing is covered yet (an upper
 * bound: the term is at most 1). */
static double share_bound(double part, double covered)
{
    if (!(covered > 0))
        return 1.0;
    double v = 3.0 * part / covered;
    return v < 1.0 ? v : 1.0;
}

double cc_need_part_bound(const cc_bound_context *b, const double *weight)
{
    const cc_member_view *v = b->view;
    double wcov = weight[CC_COVERAGE], wcomp = weight[CC_COMPLEMENTARITY];
    if (b->need_part || v[0].must != v[0].mask || v[1].must != v[1].mask ||
        v[2].must == v[2].mask)
        return HUGE_VAL;
    /* With U the pair's needs and x the covered weight, w(U) plus what
     * the third member adds (between what it surely adds and what it
     * may): coverage is x / W and Wc = x; member 0 alone brings at most
     * a0 (its needs outside the other's and outside what the third
     * surely offers), member 1 at most a1, and the third exactly
     * x - w(U). So the need part is at most
     *     f(x) = wcov x / W + wcomp / 3 (min(1, 3 a0 / x) +
     *            min(1, 3 a1 / x) + min(1, 3 - 3 w(U) / x)).
     * Between the points where a term reaches 1 (x = 3 a0, 3 a1,
     * 1.5 w(U)), f is c x + k + g / x: increasing when g <= 0, convex
     * when g > 0, so its largest value on [lo, hi] is at one of those
     * points or an end. */
    const cc_scorer *s = b->scorer;
    uint64_t m0 = v[0].mask, m1 = v[1].mask, u = m0 | m1;
    double wu = cc_scorer_mask_weight(s, u);
    double a0 = cc_scorer_mask_weight(s, m0 & ~(m1 | v[2].must));
    double a1 = cc_scorer_mask_weight(s, m1 & ~(m0 | v[2].must));
    double lo = wu + cc_scorer_mask_weight(s, v[2].must & ~u);
    double hi = wu + cc_scorer_mask_weight(s, v[2].mask & ~u);
    const double at[] = {lo, hi, 3 * a0, 3 * a1, 1.5 * wu};
    double best = 0;
    for (size_t i = 0; i < sizeof at / sizeof *at; i++) {
        double x = at[i];
        if (!(x >= lo && x <= hi))
            continue;
        double f = wcov * x / s->total_weight +
                   wcomp / 3 * (share_bound(a0, x) + share_bound(a1, x) + share_bound(x - wu, x));
        best = f > best ? f : best;
    }
    return best;
}

/* ----------------------------------------------------------------- names */

int cc_component_parse(const char *name, size_t len)
{
    for (int c = 0; c < CC_COMPONENTS; c++)
        if (strlen(cc_components[c].name) == len && memcmp(name, cc_components[c].name, len) == 0)
            return c;
    return -1;
}

void cc_component_choices(char *buf, size_t size)
{
    size_t used = 0;
    if (size == 0)
        return;
    buf[0] = '\0';
    for (int c = 0; c < CC_COMPONENTS && used < size; c++) {
        int n = snprintf(buf + used, size - used, "%s%s", c ? ", " : "", cc_components[c].name);
        used += n > 0 ? (size_t)n : 0;
    }
}
