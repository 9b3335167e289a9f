/* rank.c — exact top-K search over all eligible triads (SPEC §4).
 *
 * Coverage and complementarity, half or more of the score in every
 * ambition profile, depend only on which needs each member offers: its
 * need mask. So each sector's actors
 * are grouped into classes of equal mask, and the search descends
 *     social class → company class → public class → social actor →
 *     company actor → public actor,
 * keeping the K best triads seen in a heap whose root is the worst of them.
 * At every level it computes an upper bound of the score of any triad below:
 * the weighted sum of each component's bound (the `bound` of its record in
 * components.c), from what the level knows of each member (a
 * cc_member_view). Today's components bound themselves so:
 *   coverage, complementarity  exact once the three masks are known; before
 *                    that coverage ≤ weight(fixed masks ∪ every need the
 *                    open sectors offer) / W and complementarity ≤ 1
 *   winwin           ≤ (members that can have seeks) / 3, as each g_i ≤ 1
 *                    and g_i = 0 without seeks
 *   proximity        the exact pair value when both actors are fixed, else
 *                    1 for a pair whose sides can both have a territory
 *   reach            reach(largest reach the members can have), monotone
 * Each bound is at least the score of every triad below it, so a branch
 * whose bound is under the K-th best score (by more than the tie tolerance
 * and rounding) holds no triad that could enter the top K, and skipping it
 * never changes the result. Classes are visited by decreasing need weight
 * and actors by decreasing reach, so strong triads come early and the
 * bound soon cuts most of the search: whole classes of actors offering
 * none of the needs are usually skipped at once. For the innermost public
 * actors only the bounds that move with reach are recomputed per actor. */
#include "cocreate/rank.h"

#include "cocreate/components.h"

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

/* Actors of one sector with the same need mask. */
typedef struct {
    uint64_t mask;
    size_t begin, end;     /* their range in the pool's members */
    uint64_t max_reach;
    bool any_seeks;
    bool any_territory;
    double weight;         /* weight of the needs in mask */
} need_class;

/* The eligible actors of one sector, grouped by need mask. */
typedef struct {
    size_t *members;       /* by mask, then reach descending */
    size_t count;
    need_class *classes;   /* by need weight descending */
    size_t class_count;
    uint64_t mask;         /* union of every member's mask */
    uint64_t max_reach;
    bool any_seeks;
    bool any_territory;
} sector_pool;

/* What the bound knows of one sector's member: a whole pool, one class
 * (mask exact) or one actor (everything exact). */
typedef cc_member_view member_view;

static const cc_scorer *sort_scorer; /* qsort has no context argument in C11 */

static int by_mask_then_reach(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    uint64_t mx = sort_scorer->mask[x], my = sort_scorer->mask[y];
    if (mx != my)
        return mx < my ? -1 : 1;
    uint64_t rx = sort_scorer->actors->items[x].reach, ry = sort_scorer->actors->items[y].reach;
    if (rx != ry)
        return rx > ry ? -1 : 1;
    return (x > y) - (x < y);
}

static int by_weight(const void *a, const void *b)
{
    const need_class *x = a, *y = b;
    if (x->weight != y->weight)
        return x->weight > y->weight ? -1 : 1;
    return (x->mask > y->mask) - (x->mask < y->mask);
}

/* Splits the sorted members into classes of equal mask. */
static bool group_classes(const cc_scorer *s, sector_pool *p)
{
    p->classes = malloc((p->count + 1) * sizeof *p->classes);
    if (!p->classes)
        return false;
    const cc_actor *actors = s->actors->items;
    for (size_t i = 0; i < p->count; i++) {
        const cc_actor *a = &actors[p->members[i]];
        uint64_t mask = s->mask[p->members[i]];
        need_class *c = &p->classes[p->class_count];
        if (i == 0 || mask != p->classes[p->class_count - 1].mask) {
            *c = (need_class){mask, i, i, 0, false, false, cc_scorer_mask_weight(s, mask)};
            p->class_count++;
        } else {
            c = &p->classes[p->class_count - 1];
        }
        c->end = i + 1;
        c->max_reach = a->reach > c->max_reach ? a->reach : c->max_reach;
        c->any_seeks |= a->seeks.count > 0;
        c->any_territory |= a->territory_depth > 0;
    }
    qsort(p->classes, p->class_count, sizeof *p->classes, by_weight);
    return true;
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
    for (int k = 0; k < CC_SECTORS; k++) {
        qsort(pools[k].members, pools[k].count, sizeof(size_t), by_mask_then_reach);
        if (!group_classes(s, &pools[k]))
            return false;
    }
    return true;
}

static void free_pools(sector_pool pools[3])
{
    for (int k = 0; k < CC_SECTORS; k++) {
        free(pools[k].members);
        free(pools[k].classes);
    }
}

static member_view view_pool(const cc_scorer *s, const sector_pool *p)
{
    return (member_view){p->mask, false, cc_scorer_reach(s, p->max_reach), p->any_seeks,
                         p->any_territory, NULL};
}

static member_view view_class(const cc_scorer *s, const need_class *c)
{
    return (member_view){c->mask, true, cc_scorer_reach(s, c->max_reach), c->any_seeks,
                         c->any_territory, NULL};
}

static member_view view_actor(const cc_scorer *s, size_t index)
{
    const cc_actor *a = &s->actors->items[index];
    return (member_view){s->mask[index], true, s->reach_part[index], a->seeks.count > 0,
                         a->territory_depth > 0, a};
}

/* Upper bound of the score of every triad matching the three views, from
 * each component's bound; `need_part` holds the coverage and
 * complementarity of three exact masks when the caller has them. */
static double bound(const cc_scorer *s, const member_view v[3], const double *need_part)
{
    const cc_bound_context b = {s, v, need_part};
    return cc_component_bound(&b, s->weights.w, CC_COMPONENT_ALL);
}

/* Slack that covers the tie tolerance and rounding between bound and score. */
#define BOUND_SLACK (2 * CC_SCORE_EPSILON)

/* True when no triad under a bound of `ub` can be kept. */
static bool hopeless(const heap *h, const cc_rank_options *opt, double ub)
{
    if (opt->has_min_score && ub < opt->min_score - BOUND_SLACK)
        return true;
    return h->count == h->capacity && ub < h->items[0].score - BOUND_SLACK;
}

/* Per-tag marks for the pair being searched (see search_publics). */
enum { IN_SOCIAL = 1, IN_COMPANY = 2, REST_SOCIAL = 4, REST_COMPANY = 8 };

static void mark(unsigned char *flags, const cc_idlist *tags, unsigned char flag)
{
    for (int i = 0; i < tags->count; i++)
        flags[tags->ids[i]] |= flag;
}

static void unmark(unsigned char *flags, const cc_idlist *tags)
{
    for (int i = 0; i < tags->count; i++)
        flags[tags->ids[i]] = 0;
}

/* How many of `tags` carry `flag`. */
static int count_marked(const unsigned char *flags, const cc_idlist *tags, unsigned char flag)
{
    int n = 0;
    for (int i = 0; i < tags->count; i++)
        n += (flags[tags->ids[i]] & flag) != 0;
    return n;
}

/* Scores the pair m[0], m[1] with the public actors of class c; v[0] and
 * v[1] are those two actors, v[2] the class. Win-win counts come from
 * per-tag marks set once for the pair: the tags each partner offers, and
 * the seeks of each that the other does not meet — so every public actor
 * costs one look per tag it offers or seeks. The counts are those
 * cc_seeks_met makes, so the score is identical. */
static void search_publics(const cc_scorer *s, const sector_pool *pool, const need_class *c,
                           size_t m[3], member_view v[3], const double need_part[2],
                           unsigned char *flags, const cc_rank_options *opt, heap *h)
{
    const cc_actor *actors = s->actors->items, *so = &actors[m[0]], *co = &actors[m[1]];
    mark(flags, &so->expertise, IN_SOCIAL);
    mark(flags, &co->expertise, IN_COMPANY);
    int met_s = count_marked(flags, &so->seeks, IN_COMPANY);
    int met_c = count_marked(flags, &co->seeks, IN_SOCIAL);
    for (int i = 0; i < so->seeks.count; i++)
        flags[so->seeks.ids[i]] |= flags[so->seeks.ids[i]] & IN_COMPANY ? 0 : REST_SOCIAL;
    for (int i = 0; i < co->seeks.count; i++)
        flags[co->seeks.ids[i]] |= flags[co->seeks.ids[i]] & IN_SOCIAL ? 0 : REST_COMPANY;
    /* Public actors come by decreasing reach: the class's actors from one
     * on reach no further than it, so the class viewed with that actor's
     * reach bounds them all, and once that is hopeless so are the rest.
     * Only the components whose bound moves with that reach (between the
     * class's largest and 0) are bounded again for each actor. */
    const cc_bound_context b = {s, v, need_part};
    const double *w = s->weights.w;
    double hi[CC_COMPONENTS], lo[CC_COMPONENTS], fixed = 0;
    cc_component_bounds(&b, hi);
    double class_reach = v[2].reach;
    v[2].reach = 0;
    cc_component_bounds(&b, lo);
    unsigned moving = 0;
    for (int i = 0; i < CC_COMPONENTS; i++) {
        if (hi[i] != lo[i])
            moving |= 1u << i;
        else if (w[i] > 0)
            fixed += w[i] * hi[i];
    }
    v[2].reach = class_reach;
    for (size_t k = c->begin; k < c->end; k++) {
        m[2] = pool->members[k];
        v[2].reach = s->reach_part[m[2]];
        if (hopeless(h, opt, moving ? fixed + cc_component_bound(&b, w, moving) : fixed))
            break;
        const cc_actor *pu = &actors[m[2]];
        const int met[3] = {met_s + count_marked(flags, &pu->expertise, REST_SOCIAL),
                            met_c + count_marked(flags, &pu->expertise, REST_COMPANY),
                            count_marked(flags, &pu->seeks, IN_SOCIAL | IN_COMPANY)};
        cc_triad t = {{m[0], m[1], m[2]}, 0, {0}};
        t.score = cc_scorer_score_from(s, m, need_part[0], need_part[1], met, t.comp);
        if (opt->has_min_score && t.score < opt->min_score - CC_SCORE_EPSILON)
            continue;
        heap_offer(h, &t);
    }
    unmark(flags, &so->expertise);
    unmark(flags, &co->expertise);
    unmark(flags, &so->seeks);
    unmark(flags, &co->seeks);
}

/* The actors of three classes: social, then company, then public. */
static void search_members(const cc_scorer *s, const sector_pool pools[3], const need_class *c[3],
                           unsigned char *flags, const cc_rank_options *opt, heap *h)
{
    member_view v[3] = {view_class(s, c[0]), view_class(s, c[1]), view_class(s, c[2])};
    double need_part[2]; /* coverage, complementarity: the same for the whole block */
    cc_scorer_need_components(s, c[0]->mask, c[1]->mask, c[2]->mask, &need_part[0], &need_part[1]);
    size_t m[3];
    for (size_t i = c[0]->begin; i < c[0]->end; i++) {
        m[0] = pools[0].members[i];
        v[0] = view_actor(s, m[0]);
        v[1] = view_class(s, c[1]);
        v[2] = view_class(s, c[2]);
        if (hopeless(h, opt, bound(s, v, need_part)))
            continue;
        for (size_t j = c[1]->begin; j < c[1]->end; j++) {
            m[1] = pools[1].members[j];
            v[1] = view_actor(s, m[1]);
            v[2] = view_class(s, c[2]);
            if (!hopeless(h, opt, bound(s, v, need_part)))
                search_publics(s, &pools[2], c[2], m, v, need_part, flags, opt, h);
        }
    }
}

static void search_all(const cc_scorer *s, const sector_pool pools[3], unsigned char *flags,
                       const cc_rank_options *opt, heap *h)
{
    member_view v[3];
    const need_class *c[3];
    size_t visited = 0; /* social actors done, for the progress report */
    for (size_t a = 0; a < pools[0].class_count; visited += c[0]->end - c[0]->begin, a++) {
        if (opt->progress)
            opt->progress(opt->progress_ctx, (double)visited / pools[0].count);
        c[0] = &pools[0].classes[a];
        v[0] = view_class(s, c[0]);
        v[1] = view_pool(s, &pools[1]);
        v[2] = view_pool(s, &pools[2]);
        if (hopeless(h, opt, bound(s, v, NULL)))
            continue;
        for (size_t b = 0; b < pools[1].class_count; b++) {
            c[1] = &pools[1].classes[b];
            v[1] = view_class(s, c[1]);
            v[2] = view_pool(s, &pools[2]);
            if (hopeless(h, opt, bound(s, v, NULL)))
                continue;
            for (size_t p = 0; p < pools[2].class_count; p++) {
                c[2] = &pools[2].classes[p];
                v[2] = view_class(s, c[2]);
                if (!hopeless(h, opt, bound(s, v, NULL)))
                    search_members(s, pools, c, flags, opt, h);
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
    unsigned char *flags = calloc((size_t)cc_intern_count(s->actors->tags) + 1, 1);
    if (!h->items || !flags) {
        free(flags);
        return false;
    }
    search_all(s, pools, flags, opt, h);
    free(flags);
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
        free_pools(pools);
        return cc_error_add(err, CC_ESOFTWARE, "out of memory");
    }
    size_t total = triad_count(pools);
    size_t want = opt->k < total ? opt->k : total;
    if (want == 0) {
        free_pools(pools);
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
    free_pools(pools);
    return st;
}

bool *cc_rank_eligible(const cc_actors *actors, const char *territory, const size_t *excluded,
                       size_t excluded_count)
{
    bool *ok = malloc(actors->count + 1);
    int *place = NULL, depth = 0;
    if (!ok || (territory && cc_territory_find(actors->places, territory, &place, &depth) != CC_OK)) {
        free(ok);
        return NULL;
    }
    for (size_t a = 0; a < actors->count; a++) {
        const cc_actor *x = &actors->items[a];
        ok[a] = depth == 0 || cc_territory_nested(x->territory, x->territory_depth, place, depth);
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
