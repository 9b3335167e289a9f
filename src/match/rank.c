/* rank.c — exact top-K search over all eligible triads (SPEC §4).
 *
 * The search walks social actors, then company actors, then public actors,
 * keeping the K best triads seen so far in a heap whose root is the worst
 * of them. Before descending into a social actor, and into each (social,
 * company) pair, it computes an upper bound of the score any completion
 * can reach:
 *   coverage        ≤ weight(needs of the fixed members ∪ every need the
 *                     free sectors offer) / W
 *   complementarity ≤ 1
 *   winwin          ≤ (number of members that have seeks at all) / 3
 *   proximity       ≤ mean of the pair values, a pair with a free member
 *                     counting 1 when both sides can have a territory
 *   reach           ≤ reach(max of fixed members' reach and the free
 *                     sectors' largest reach)
 * Each bound is at least the true component for every completion, so a
 * subtree whose bound is below the K-th best score (by more than the tie
 * tolerance) holds no triad that could enter the top K: skipping it never
 * changes the result. Actors are visited by decreasing need weight so that
 * strong triads are found early and the bound bites soon. */
#include "cocreate/rank.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int cc_triad_compare(const cc_actors *actors, const cc_triad *a, const cc_triad *b)
{
    if (a->score > b->score + CC_SCORE_EPSILON)
        return -1;
    if (b->score > a->score + CC_SCORE_EPSILON)
        return 1;
    double ca = a->comp[CC_COVERAGE], cb = b->comp[CC_COVERAGE];
    if (ca > cb + CC_SCORE_EPSILON)
        return -1;
    if (cb > ca + CC_SCORE_EPSILON)
        return 1;
    for (int i = 0; i < CC_SECTORS; i++) {
        int c = strcmp(actors->items[a->member[i]].id, actors->items[b->member[i]].id);
        if (c)
            return c;
    }
    return 0;
}

/* ------------------------------------------------------------------ heap */

/* The K best triads so far; items[0] is the worst of them. */
typedef struct {
    const cc_actors *actors;
    cc_triad *items;
    size_t count, capacity;
} heap;

static bool worse(const heap *h, size_t i, size_t j)
{
    return cc_triad_compare(h->actors, &h->items[i], &h->items[j]) > 0;
}

static void swap(heap *h, size_t i, size_t j)
{
    cc_triad t = h->items[i];
    h->items[i] = h->items[j];
    h->items[j] = t;
}

static void sift_up(heap *h, size_t i)
{
    while (i > 0 && worse(h, i, (i - 1) / 2)) {
        swap(h, i, (i - 1) / 2);
        i = (i - 1) / 2;
    }
}

static void sift_down(heap *h, size_t i)
{
    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, w = i;
        if (l < h->count && worse(h, l, w))
            w = l;
        if (r < h->count && worse(h, r, w))
            w = r;
        if (w == i)
            return;
        swap(h, i, w);
        i = w;
    }
}

static void heap_offer(heap *h, const cc_triad *t)
{
    if (h->count < h->capacity) {
        h->items[h->count] = *t;
        sift_up(h, h->count++);
    } else if (cc_triad_compare(h->actors, t, &h->items[0]) < 0) {
        h->items[0] = *t;
        sift_down(h, 0);
    }
}

/* Empties the heap into best-first order, in place. */
static void heap_sort(heap *h)
{
    size_t n = h->count;
    while (h->count > 1) {
        swap(h, 0, h->count - 1);
        h->count--;
        sift_down(h, 0);
    }
    h->count = n;
}

/* ---------------------------------------------------------------- search */

/* What the actors of one sector can contribute at best. */
typedef struct {
    size_t *members;    /* eligible actor indices, best need weight first */
    size_t count;
    uint64_t mask;      /* union of their need masks */
    uint64_t max_reach;
    bool any_seeks;
    bool any_territory;
} sector_pool;

typedef struct {
    const cc_scorer *s;
    double floor;        /* a bound below this cannot produce a kept triad */
    bool has_floor;
} search;

static const cc_scorer *sort_scorer; /* qsort has no context argument in C11 */

static int by_need_weight(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    double wx = cc_scorer_mask_weight(sort_scorer, sort_scorer->mask[x]);
    double wy = cc_scorer_mask_weight(sort_scorer, sort_scorer->mask[y]);
    if (wx != wy)
        return wx > wy ? -1 : 1;
    return (x > y) - (x < y);
}

static bool build_pools(const cc_scorer *s, const cc_rank_options *opt, sector_pool pools[3])
{
    const cc_actors *actors = s->actors;
    memset(pools, 0, 3 * sizeof *pools);
    for (int k = 0; k < CC_SECTORS; k++) {
        pools[k].members = malloc((actors->per_sector[k] + 1) * sizeof(size_t));
        if (!pools[k].members)
            return false;
    }
    for (size_t a = 0; a < actors->count; a++) {
        const cc_actor *actor = &actors->items[a];
        if (opt->eligible && !opt->eligible[a])
            continue;
        bool allowed = true;
        for (size_t r = 0; r < opt->required_count; r++) {
            const cc_actor *req = &actors->items[opt->required[r]];
            if (req->sector == actor->sector && opt->required[r] != a)
                allowed = false; /* the sector's place is taken by a required actor */
        }
        if (!allowed)
            continue;
        sector_pool *p = &pools[actor->sector];
        p->members[p->count++] = a;
        p->mask |= s->mask[a];
        if (actor->reach > p->max_reach)
            p->max_reach = actor->reach;
        p->any_seeks |= actor->seeks.count > 0;
        p->any_territory |= actor->territory_depth > 0;
    }
    sort_scorer = s;
    for (int k = 0; k < CC_SECTORS; k++)
        qsort(pools[k].members, pools[k].count, sizeof(size_t), by_need_weight);
    return true;
}

/* Upper bound of the score of any triad that completes the fixed members
 * (`fixed` of them: the social one, then the company one). */
static double bound(const cc_scorer *s, const sector_pool pools[3], const size_t *m, int fixed)
{
    const cc_actor *a = s->actors->items;
    uint64_t mask = 0, reach = 0;
    int seekers = 0;
    bool located[3];
    for (int k = 0; k < CC_SECTORS; k++) {
        if (k < fixed) {
            const cc_actor *x = &a[m[k]];
            mask |= s->mask[m[k]];
            reach = x->reach > reach ? x->reach : reach;
            seekers += x->seeks.count > 0;
            located[k] = x->territory_depth > 0;
        } else {
            mask |= pools[k].mask;
            reach = pools[k].max_reach > reach ? pools[k].max_reach : reach;
            seekers += pools[k].any_seeks;
            located[k] = pools[k].any_territory;
        }
    }
    double prox = 0;
    for (int i = 0; i < CC_SECTORS; i++)
        for (int j = i + 1; j < CC_SECTORS; j++)
            prox += j < fixed ? cc_proximity(&a[m[i]], &a[m[j]]) : (located[i] && located[j]);
    const double *w = s->weights.w;
    return w[CC_COVERAGE] * (s->total_weight > 0 ? cc_scorer_mask_weight(s, mask) / s->total_weight : 0) +
           w[CC_COMPLEMENTARITY] + w[CC_WINWIN] * seekers / 3.0 + w[CC_PROXIMITY] * prox / 3.0 +
           w[CC_REACH] * cc_scorer_reach(s, reach);
}

/* Slack that covers the tie tolerance and rounding between bound and score. */
#define BOUND_SLACK (2 * CC_SCORE_EPSILON)

static bool hopeless(const heap *h, const cc_rank_options *opt, double ub)
{
    if (opt->has_min_score && ub < opt->min_score - BOUND_SLACK)
        return true;
    return h->count == h->capacity && ub < h->items[0].score - BOUND_SLACK;
}

static void search_all(const cc_scorer *s, const sector_pool pools[3], const cc_rank_options *opt,
                       heap *h)
{
    size_t m[3];
    for (size_t i = 0; i < pools[0].count; i++) {
        m[0] = pools[0].members[i];
        if (hopeless(h, opt, bound(s, pools, m, 1)))
            continue;
        for (size_t j = 0; j < pools[1].count; j++) {
            m[1] = pools[1].members[j];
            if (hopeless(h, opt, bound(s, pools, m, 2)))
                continue;
            for (size_t k = 0; k < pools[2].count; k++) {
                m[2] = pools[2].members[k];
                cc_triad t = {{m[0], m[1], m[2]}, 0, {0}};
                t.score = cc_scorer_score(s, m, t.comp);
                if (opt->has_min_score && t.score < opt->min_score - CC_SCORE_EPSILON)
                    continue;
                heap_offer(h, &t);
            }
        }
    }
}

/* The exact best `capacity` triads, best first, into h (caller frees). */
static bool best_triads(const cc_scorer *s, const sector_pool pools[3], const cc_rank_options *opt,
                        size_t capacity, heap *h)
{
    *h = (heap){.actors = s->actors, .capacity = capacity};
    h->items = malloc((capacity + 1) * sizeof *h->items);
    if (!h->items)
        return false;
    search_all(s, pools, opt, h);
    heap_sort(h);
    return true;
}

/* Walks the ranking, skipping triads with an actor already used `limit`
 * times; returns how many were kept (moved to the front of items). */
static size_t diversify(const cc_actors *actors, cc_triad *items, size_t count, size_t limit,
                        size_t k)
{
    size_t *uses = calloc(actors->count + 1, sizeof *uses);
    if (!uses)
        return (size_t)-1;
    size_t kept = 0;
    for (size_t i = 0; i < count && kept < k; i++) {
        const size_t *m = items[i].member;
        if (uses[m[0]] >= limit || uses[m[1]] >= limit || uses[m[2]] >= limit)
            continue;
        uses[m[0]]++;
        uses[m[1]]++;
        uses[m[2]]++;
        items[kept++] = items[i];
    }
    free(uses);
    return kept;
}

/* Number of triads the pools form, saturating instead of overflowing. */
static size_t triad_count(const sector_pool pools[3])
{
    size_t total = 1;
    for (int k = 0; k < CC_SECTORS; k++) {
        if (pools[k].count && total > SIZE_MAX / pools[k].count)
            return SIZE_MAX;
        total *= pools[k].count;
    }
    return total;
}

cc_status cc_rank_top(const cc_scorer *s, const cc_rank_options *opt, cc_ranking *out,
                      cc_error *err)
{
    *out = (cc_ranking){0};
    sector_pool pools[3];
    if (!build_pools(s, opt, pools)) {
        for (int k = 0; k < CC_SECTORS; k++)
            free(pools[k].members);
        return cc_error_add(err, CC_ESOFTWARE, "out of memory");
    }
    size_t total = triad_count(pools);
    size_t want = opt->k < total ? opt->k : total;
    if (want == 0) {
        for (int k = 0; k < CC_SECTORS; k++)
            free(pools[k].members);
        return CC_OK;
    }
    /* With a per-actor limit the kept triads lie deeper in the ranking:
     * search ever deeper until enough are kept or every triad was seen. */
    size_t depth = opt->max_per_actor ? want * 4 : want;
    cc_status st = CC_OK;
    heap h = {0};
    for (;;) {
        if (depth > total)
            depth = total;
        if (!best_triads(s, pools, opt, depth, &h)) {
            st = cc_error_add(err, CC_ESOFTWARE, "out of memory");
            break;
        }
        size_t kept = h.count < want ? h.count : want;
        if (opt->max_per_actor)
            kept = diversify(s->actors, h.items, h.count, opt->max_per_actor, want);
        if (kept == (size_t)-1) {
            st = cc_error_add(err, CC_ESOFTWARE, "out of memory");
            break;
        }
        if (kept == want || h.count < depth || depth == total) {
            out->items = h.items;
            out->count = kept;
            h.items = NULL;
            break;
        }
        free(h.items);
        h.items = NULL;
        depth = depth > total / 2 ? total : depth * 2;
    }
    free(h.items);
    for (int k = 0; k < CC_SECTORS; k++)
        free(pools[k].members);
    return st;
}

bool *cc_rank_eligible(cc_actors *actors, const char *territory, const size_t *excluded,
                       size_t excluded_count)
{
    bool *ok = malloc(actors->count + 1);
    if (!ok)
        return NULL;
    int *place = NULL;
    int depth = 0;
    if (territory) {
        depth = cc_territory_parse(actors->places, territory, &place);
        if (depth < 0) {
            free(ok);
            return NULL;
        }
    }
    for (size_t a = 0; a < actors->count; a++) {
        const cc_actor *x = &actors->items[a];
        ok[a] = !territory || depth == 0 ||
                cc_territory_nested(x->territory, x->territory_depth, place, depth);
    }
    for (size_t e = 0; e < excluded_count; e++)
        ok[excluded[e]] = false;
    free(place);
    return ok;
}

void cc_ranking_free(cc_ranking *r)
{
    if (!r)
        return;
    free(r->items);
    *r = (cc_ranking){0};
}
