/* gaps.c — what an ecosystem offers for a challenge, need by need, and
 * the best coverage a triad of it can reach. */
#include "cocreate/gaps.h"

#include <string.h>

/* Keeps `actor` among the best-known of `g` (largest reach, then first). */
static void consider(cc_need_gap *g, const cc_actors *actors, size_t actor)
{
    uint64_t reach = actors->items[actor].reach;
    int at = g->best_count;
    while (at > 0 && actors->items[g->best[at - 1]].reach < reach)
        at--;
    if (at >= CC_GAPS_BEST)
        return;
    int last = g->best_count < CC_GAPS_BEST ? g->best_count : CC_GAPS_BEST - 1;
    memmove(&g->best[at + 1], &g->best[at], (size_t)(last - at) * sizeof *g->best);
    g->best[at] = actor;
    if (g->best_count < CC_GAPS_BEST)
        g->best_count++;
}

cc_status cc_gaps_compute(const cc_scorer *s, const bool *eligible, cc_gaps *out, cc_error *err)
{
    memset(out, 0, sizeof *out);
    out->scorer = s;
    const cc_actors *actors = s->actors;
    int needs = s->challenge->need_count;
    for (size_t a = 0; a < actors->count; a++) {
        if (eligible && !eligible[a])
            continue;
        for (int n = 0; n < needs; n++) {
            if (!(s->mask[a] >> n & 1))
                continue;
            out->needs[n].offered[actors->items[a].sector]++;
            consider(&out->needs[n], actors, a);
        }
    }
    /* The same search as match, weighing coverage only. */
    cc_scorer by_coverage = *s;
    by_coverage.weights = (cc_weights){.w = {[CC_COVERAGE] = 1}};
    cc_rank_options opt = {.k = 1, .eligible = eligible};
    cc_ranking top;
    cc_status st = cc_rank_top(&by_coverage, &opt, &top, err);
    if (st != CC_OK)
        return st;
    out->has_triad = top.count > 0;
    uint64_t all = needs == 64 ? ~UINT64_C(0) : (UINT64_C(1) << needs) - 1;
    out->blocking = all;
    if (out->has_triad) {
        out->best_triad = top.items[0];
        out->best_coverage = top.items[0].comp[CC_COVERAGE];
        uint64_t covered = 0;
        for (int k = 0; k < CC_SECTORS; k++)
            covered |= s->mask[top.items[0].member[k]];
        out->blocking = all & ~covered;
        /* report the triad's score with the run's own weights */
        out->best_triad.score = cc_scorer_score(s, out->best_triad.member, out->best_triad.comp);
    }
    cc_ranking_free(&top);
    return CC_OK;
}
