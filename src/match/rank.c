/* rank.c — exact top-K search over all eligible triads (SPEC §4).
 *
 * The search is a branch and bound over
 *     (social mask run, company mask run) pairs, best bound first →
 *     public mask run →
 *     social class → company class → public class →
 *     social twins → company twins → public twins → their members,
 * keeping the K best triads seen in a heap whose root (the K-th) is the
 * worst of them. Its cost depends on how many branches the bounds cannot
 * rule out, not on the number of triads.
 *
 * Pairs first. The bound of one social run with the other sectors open
 * barely tells the runs apart (any mask may find partners covering the
 * rest), so taking the sectors one by one would search the first social
 * runs whole before the K-th is worth anything: where many triads come
 * close to the best (dense data), it would rise slowly. The bound of a
 * social and a company run together is tight, so every pair is bounded
 * first and the pairs are visited best first (search_pairs): strong
 * triads come first, and the first pair BELOW the K-th ends the search.
 *
 * Identical actors. Actors of one sector with the same expertise, seeks,
 * territory and reach (any reach, when reach has no weight) score the
 * same in every triad, and ties between them are broken by their ids.
 * So of each such set only the K smallest ids can appear: if x is not
 * among them, every triad (x, b, c) has K triads (x', b, c) of equal
 * score and coverage ranking before it. Under --max-per-actor the same
 * holds: each kept triad holds at most one member of the set, and a
 * member passed over was either kept or already used up, which took a
 * kept triad of its own. The others are dropped before the search, so
 * 300,000 identical actors cost what K do.
 *
 * Classes. The rest of a sector is grouped into classes of equal need
 * mask (coverage and complementarity, half or more of every profile,
 * depend on masks only) and, when proximity counts, of equal territory
 * down to CC_REGION_DEPTH segments, so that classes of different regions are
 * known to be far apart. The classes of one mask (its regions) form a
 * mask run, searched first as a whole. There are at most 2^n masks of n
 * needs, however many the actors: where most actors have a mask of
 * their own (dense data) the runs are about as many as the actors, but
 * no more than that as the data grows. (Classes by region only, their
 * mask the union of their members', are kept for the tests: the result
 * must not depend on the grouping.)
 *
 * Twins. Within a class, actors alike in all but reach and id (the same
 * expertise, seeks and territory: copies of one profile) form a twin
 * group, searched as one actor: every component but reach is the same
 * for all its members, so the group's triads are scored once, and only
 * their reach and ids are walked (search_twins), where ties end a loop
 * after the first K.
 *
 * Bounds. The score of any triad below a branch is bounded by the
 * weighted sum of each component's bound (its `bound` in components.c)
 * from what the branch knows of each member (a cc_member_view): the union
 * of the masks, the largest reach, the largest gain (the share of an
 * actor's seeks that some actor of the other sectors offers; for a fixed
 * pair, what the pair and some actor of the public class offer), the
 * place prefix its members share, and the needs every member surely
 * offers (`must`). Within a class the twin groups come by what their own
 * reach and gain can add to a score, and within a group the members by
 * reach; then by id. Each position knows the best reach, gain and
 * smallest id of those from it to the end of the class or group, so one
 * view bounds all that is left: when it is hopeless the loop stops. At
 * each level of runs and classes, the candidates are bounded first and
 * visited by decreasing bound, so strong triads come first and the K-th
 * best rises early.
 *
 * Required needs. Once the social and company members are known (their
 * runs, or two actors), a need neither offers without which the branch
 * would bound under the K-th must come from the public member: public
 * runs lacking it are skipped unbounded, the public members left surely
 * offer it (which raises the least Wc the
 * complementarity bound divides by), and a superset table (the best
 * reach and gain among the public actors offering each set of the
 * heaviest needs) bounds their reach and gain in one lookup. Coverage
 * and complementarity are also bounded jointly over what the public
 * member may add (cc_need_part_bound): more needs cover more but shrink
 * the pair's shares. In the same way, when a partner's unmet seek would
 * cost more win-win than the margin, the public member must offer it:
 * only the public twin groups offering the rarest such tag are visited
 * (tag_groups). And a public actor is scored only once its exact
 * coverage, complementarity and win-win leave it a chance.
 *
 * Ties. A branch is dropped when every triad in it ranks after the K-th
 * by SPEC §4's order: its score bound is lower (beyond the 1e-9 tie
 * tolerance); or it cannot beat the K-th's score and its coverage bound
 * is lower; or it can beat neither and its smallest ids, sector by
 * sector, do not come before the K-th's. So a million tied triads cost
 * about what their first K do.
 *
 * Each bound is at least the score of every triad below it and a dropped
 * branch holds no triad the heap would take, so the result is exactly the
 * ranking's top K.
 *
 * History. Triads the history lists, or holding a pair it lists, are
 * never offered to the heap (offer), so the K-th is always the K-th of the
 * triads left: every bound still holds for them, and the search stays
 * exact, only deeper when the history takes the best triads. Nor do they
 * use up actors under --max-per-actor. Of a set of identical actors, the
 * history's are all kept besides the K smallest ids of the others: a
 * triad (x, b, c) of a left-out x then has K triads (x', b, c) before it,
 * none left out unless (b, c) is, and then so is (x, b, c).
 *
 * Pools. What no challenge changes is prepared once per actors file in a
 * cc_rank_index (rank_index.c), shared by every challenge of `match
 * --all`: region and twin numbers, id ranks (no id is compared as a
 * string while the pools are built), each actor's gain when every actor
 * takes part, the tags of each set of twins, and the actors of each
 * sector in an order of their sets of twins (by gain, largest reach,
 * smallest id). A search takes its actors in that order and buckets them
 * by class: each class's twin groups then come in a few runs already in
 * visiting order, one per gain, and are merged (sort_twins) rather than
 * sorted. The pools are the same as a sort would make them: only what
 * they cost depends on the index.
 *
 * --max-per-actor walks the ranking and skips triads with an actor used
 * up. The walk runs in rounds: each searches the next triads of the
 * ranking, after the last one examined, among actors not used up, and
 * walks them; the pools of each round leave out the actors used up.
 * Memory stays O(K), and a limit that cannot be met ends as soon as no
 * eligible triad is left. */
#include "cocreate/rank.h"

#include "cocreate/components.h"
#include "rank_index.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>

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

/* malloc of room for count + 1 items of `size` bytes (never 0 bytes),
 * NULL when that many bytes cannot be counted in a size_t. */
static void *alloc_items(size_t count, size_t size)
{
    return count < SIZE_MAX / size - 1 ? malloc((count + 1) * size) : NULL;
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

/* ---------------------------------------------------------------- pools */

/* Reach parts and gains are never NaN: no need for fmax's care (and its
 * call). */
static double max2(double a, double b)
{
    return a > b ? a : b;
}

static double min2(double a, double b)
{
    return a < b ? a : b;
}

static size_t max_size(size_t a, size_t b)
{
    return a > b ? a : b;
}

static double max3(double a, double b, double c)
{
    return max2(max2(a, b), c);
}

/* Needs a superset table covers at most (see required_needs). */
enum { SUPERSET_BITS = 12 };


/* Twins: actors of one class alike in all but reach and id (the same
 * expertise, seeks and territory), so every component but reach is the
 * same for them in any triad. Members by reach then id. */
typedef struct {
    size_t begin, end;      /* their range in the pool's members */
    double reach;           /* largest reach part */
    const cc_actor *first;  /* smallest id */
    double own;             /* most its members' own reach and gain add to a score */
    uint32_t set;           /* their set of twins in the index */
} twin_group;

/* Of the members of a class whose need mask holds a set of needs: the
 * largest reach part and gain (reach < 0: there is none). */
typedef struct {
    double reach, gain;
} best_own;

/* Actors of one sector with the same need mask (unless the sector is
 * grouped by region only) and territory group. */
typedef struct {
    uint64_t mask;          /* the members' need mask, or the union of them */
    uint64_t must;          /* the needs every member offers (= mask: all alike) */
    bool located;
    int place[CC_REGION_DEPTH];
    int place_depth;
    size_t begin, end;      /* their range in the pool's members */
    size_t twins, twins_end; /* their range in the pool's twin groups */
    size_t tags, tags_end;  /* the tags its members offer: a range of class_tags */
    size_t run;             /* its mask run */
    size_t superset;        /* its superset table, when not exact */
} actor_class;

/* Every member of the class has the same need mask. */
static bool class_exact(const actor_class *c)
{
    return c->must == c->mask;
}

/* Consecutive classes of one need mask (of different regions), bounded
 * together first. */
typedef struct {
    size_t begin, end;      /* their range in the pool's classes */
    uint64_t mask, must;    /* the needs some / all of their members offer */
    double reach, gain;     /* largest of their members' */
    bool located;           /* some member has a territory */
    const cc_actor *first;  /* smallest id */
} mask_run;

/* The eligible actors of one sector, in classes of twin groups. For each
 * position i of `members`, the suffix arrays describe the members from i
 * to the end of its class (rest_*) or of its twin group (twin_*), in the
 * order they are visited: so one view bounds all that is left. */
typedef struct {
    size_t *members;             /* class by class, twin group by twin group */
    double *rest_reach;          /* largest reach part from i on */
    double *rest_gain;           /* largest gain from i on */
    const cc_actor **rest_first; /* smallest id from i on */
    double *twin_reach;          /* the same within the twin group */
    const cc_actor **twin_first;
    size_t count;
    twin_group *twins;
    size_t twin_count;
    actor_class *classes;
    size_t class_count;
    mask_run *runs;
    size_t run_count;
    int *class_tags;             /* per class, the tags its members offer, sorted */
    size_t *tag_group_at;        /* per class_tags entry j (have_tag_groups): */
    size_t *tag_groups;          /* the class's twin groups offering that tag, in
                                    visiting order, are tag_groups[tag_group_at[j]]
                                    up to tag_groups[tag_group_at[j + 1]] */
    best_own *supersets;         /* per class of many masks, its superset table */
    best_own *whole_supersets;   /* that of every member (in supersets) */
    int superset_bits;           /* of the heaviest needs the tables cover */
    cc_member_view whole;        /* every member */
    bool by_mask;                /* classes of one need mask (else of one region) */
} sector_pool;

typedef cc_member_view member_view;

/* Every member of the view has the same need mask. */
static bool view_exact(const member_view *v)
{
    return v->must == v->mask;
}

/* What a branch can reach at best. `separate` bounds the score by the
 * sum of each component's bound; `score` is at most that, its need part
 * bounded jointly when that is tighter (cc_need_part_bound). */
typedef struct {
    double score, coverage;
    const cc_actor *first[CC_SECTORS]; /* smallest id per member, NULL: unknown */
    double separate;
} optimum;

/* Everything one search reads and writes. */
typedef struct {
    const cc_scorer *s;
    const cc_rank_options *opt;
    sector_pool pools[CC_SECTORS];
    const double *gain;        /* per actor: share of its seeks the other sectors offer:
                                  the index's when every actor takes part, else gains */
    double *gains;             /* room for the gains of the actors of this search,
                                  made when first needed */
    unsigned char *flags;      /* per tag: marks for the pair being searched */
    heap h;
    /* --max-per-actor rounds: actors used `limit` times are left out, and
     * only triads ranking after `after` are taken. */
    const size_t *uses;
    size_t limit;
    const cc_triad *after;
    /* The public mask runs by their heaviest run_bits needs: bucket b
     * holds runs_by_bucket[runs_at[b] .. runs_at[b + 1]). */
    size_t *runs_at, *runs_by_bucket;
    int run_bits;
    size_t tag_count;          /* of flags */
    int heavy[SUPERSET_BITS];  /* the heaviest needs, heaviest first */
    int heavy_count;
    bool out_of_memory;        /* an index listed during the search could not be */
    const cc_rank_index *index;
    /* --max-per-actor: the first round's sorted pools (NULL until then) */
    size_t *sorted[CC_SECTORS];
    size_t sorted_count[CC_SECTORS];
    bool sorted_by_mask[CC_SECTORS];
} search;

/* Used `limit` times already, in a round of --max-per-actor. */
static bool used_up(const search *x, size_t actor)
{
    return x->uses && x->uses[actor] >= x->limit;
}

/* Classes are split by region only when proximity counts: otherwise
 * the split would only multiply the blocks of three classes. */
static bool split_by_territory(const cc_scorer *s)
{
    return s->weights.w[CC_PROXIMITY] > 0;
}

static bool reach_counts(const cc_scorer *s)
{
    return s->weights.w[CC_REACH] > 0;
}

static int group_depth(const cc_actor *a, bool by_territory)
{
    if (!by_territory)
        return 0;
    return a->territory_depth < CC_REGION_DEPTH ? a->territory_depth : CC_REGION_DEPTH;
}

/* A member's class: its need mask (unless the sector is grouped by
 * region only) and its region (when proximity counts; else only whether
 * it has a territory). */
static uint64_t class_mask(const search *x, const sector_pool *p, size_t a)
{
    return p->by_mask ? x->s->mask[a] : 0;
}

static uint32_t class_region(const search *x, size_t a)
{
    uint32_t region = x->index->region[a];
    return split_by_territory(x->s) ? region : region != 0;
}

/* The members of one class while sorting: its key, how many, where. */
typedef struct {
    uint64_t mask;
    uint32_t region;
    size_t count, at;
} class_bucket;

/* qsort has no context argument in C11; one per thread, as searches may
 * run at once */
static _Thread_local const class_bucket *sorted_buckets;

static int by_class_key(const void *x, const void *y)
{
    const class_bucket *a = &sorted_buckets[*(const size_t *)x];
    const class_bucket *b = &sorted_buckets[*(const size_t *)y];
    if (a->mask != b->mask)
        return a->mask < b->mask ? -1 : 1;
    return (a->region > b->region) - (a->region < b->region);
}

/* Sorts the pool's members, which come in the index's order, by class
 * (need mask, region), keeping that order within each class: they are
 * put in buckets by class through a hash table, and only the buckets
 * are sorted. */
static bool sort_members(const search *x, sector_pool *p)
{
    size_t n = p->count, size = 16;
    while (size < 2 * n)
        size *= 2;
    size_t *table = malloc(size * sizeof *table);       /* hash slot: bucket or SIZE_MAX */
    class_bucket *buckets = malloc((n + 1) * sizeof *buckets);
    size_t *bucket_of = malloc((n + 1) * sizeof *bucket_of); /* per member */
    size_t *order = malloc((n + 1) * sizeof *order);
    bool ok = table && buckets && bucket_of && order;
    size_t count = 0;
    for (size_t i = 0; ok && i < size; i++)
        table[i] = SIZE_MAX;
    for (size_t i = 0; ok && i < n; i++) {
        size_t a = p->members[i];
        uint64_t mask = class_mask(x, p, a);
        uint32_t region = class_region(x, a);
        uint64_t h = (mask ^ ((uint64_t)region << 32 | region)) * 0x9e3779b97f4a7c15u;
        size_t at = (size_t)(h >> 32) & (size - 1);
        while (table[at] != SIZE_MAX &&
               (buckets[table[at]].mask != mask || buckets[table[at]].region != region))
            at = (at + 1) & (size - 1);
        if (table[at] == SIZE_MAX) {
            table[at] = count;
            buckets[count++] = (class_bucket){mask, region, 0, 0};
        }
        bucket_of[i] = table[at];
        buckets[table[at]].count++;
    }
    if (ok) {
        for (size_t b = 0; b < count; b++)
            order[b] = b;
        sorted_buckets = buckets;
        qsort(order, count, sizeof *order, by_class_key);
        for (size_t b = 0, at = 0; b < count; at += buckets[order[b]].count, b++)
            buckets[order[b]].at = at;
        for (size_t i = 0; i < n; i++) /* `order` now receives the members */
            order[buckets[bucket_of[i]].at++] = p->members[i];
        memcpy(p->members, order, n * sizeof *order);
    }
    free(table);
    free(buckets);
    free(bucket_of);
    free(order);
    return ok;
}

/* Whether a's id comes before b's, bytewise: by their ranks in the index. */
static bool id_before(const search *x, const cc_actor *a, const cc_actor *b)
{
    const cc_actor *items = x->s->actors->items;
    return x->index->id_rank[a - items] < x->index->id_rank[b - items];
}

/* Twin groups of a class in visiting order: those whose own reach and
 * gain can add the most first (strong triads come early, and a loop ends
 * once what is left adds too little), then by smallest id (so that among
 * ties a loop ends after the first K). */
static bool twin_before(const search *x, const twin_group *a, const twin_group *b)
{
    if (a->own != b->own)
        return a->own > b->own;
    return id_before(x, a->first, b->first);
}

/* Where the run of t[] in visiting order that starts at `begin` ends. */
static size_t run_end(const search *x, const twin_group *t, size_t begin, size_t n)
{
    size_t end = begin + 1;
    while (end < n && !twin_before(x, &t[end], &t[end - 1]))
        end++;
    return end;
}

/* Sorts t[0..n) into visiting order; tmp has room for n. They come in
 * the index's order, a few runs already in visiting order (one per gain,
 * see rank_index.c): neighbouring runs are merged until one is left, in
 * O(n log runs) instead of a sort's O(n log n). */
static void sort_twins(const search *x, twin_group *t, size_t n, twin_group *tmp)
{
    while (n > 0 && run_end(x, t, 0, n) < n) {
        for (size_t begin = 0; begin < n;) {
            size_t mid = run_end(x, t, begin, n), end = mid < n ? run_end(x, t, mid, n) : n;
            size_t i = begin, j = mid, at = begin;
            while (i < mid && j < end)
                tmp[at++] = twin_before(x, &t[j], &t[i]) ? t[j++] : t[i++];
            memcpy(&tmp[at], &t[i], (mid - i) * sizeof *t);
            memcpy(&tmp[at + mid - i], &t[j], (end - j) * sizeof *t);
            begin = end;
        }
        memcpy(t, tmp, n * sizeof *t);
    }
}

/* Fills the suffix arrays of class c, in one pass from its end: from
 * each position to the end of its twin group, the largest reach part and
 * the smallest id (twin_*), and to the end of the class, those and the
 * largest gain (rest_*). */
static void fill_suffixes(const search *x, sector_pool *p, const actor_class *c)
{
    const cc_actor *items = x->s->actors->items;
    const uint32_t *rank = x->index->id_rank;
    const double *part = x->s->reach_part, *gain = x->gain;
    uint32_t rest_rank = 0, twin_rank = 0; /* of rest_first, twin_first at i + 1 */
    for (size_t i = c->end, g = c->twins_end; i-- > c->begin;) {
        size_t a = p->members[i];
        bool last = i + 1 == c->end, twin_last = i + 1 == p->twins[g - 1].end;
        g -= i == p->twins[g - 1].begin; /* the group of i + 1 next time */
        double r = part[a];
        p->twin_reach[i] = twin_last || r > p->twin_reach[i + 1] ? r : p->twin_reach[i + 1];
        p->rest_reach[i] = last || r > p->rest_reach[i + 1] ? r : p->rest_reach[i + 1];
        p->rest_gain[i] = last || gain[a] > p->rest_gain[i + 1] ? gain[a] : p->rest_gain[i + 1];
        if (twin_last || rank[a] < twin_rank) {
            twin_rank = rank[a];
            p->twin_first[i] = &items[a];
        } else {
            p->twin_first[i] = p->twin_first[i + 1];
        }
        if (last || rank[a] < rest_rank) {
            rest_rank = rank[a];
            p->rest_first[i] = &items[a];
        } else {
            p->rest_first[i] = p->rest_first[i + 1];
        }
    }
}

static int by_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* Sorts v[0..n), distinct tags each marked in marked[tag] (of tag_count
 * tags): a pass over the marks when that costs less than sorting, as in
 * the large classes of actors offering none of the needs. */
static void sort_tags(int *v, size_t n, const unsigned char *marked, size_t tag_count)
{
    if (n * 16 < tag_count) {
        qsort(v, n, sizeof *v, by_int);
        return;
    }
    for (size_t tag = 0, at = 0; at < n; tag++)
        if (marked[tag])
            v[at++] = (int)tag;
}

/* The tags twin group g offers: its set of twins', which the index keeps
 * in one block, in about the order the groups come in. */
static const int *group_tags(const search *x, const sector_pool *p, size_t g, size_t *count)
{
    const size_t *at = &x->index->tags_at[p->twins[g].set];
    *count = at[1] - at[0];
    return &x->index->tags[at[0]];
}

/* At least how many tags the groups of pool p offer, counting each
 * group's: those of all the sets of twins of its sector. */
static size_t count_group_tags(const search *x, const sector_pool *p)
{
    const cc_rank_index *index = x->index;
    int k = (int)(p - x->pools);
    return index->tags_at[index->sector_sets[k + 1]] - index->tags_at[index->sector_sets[k]];
}

/* The tags each class offers, sorted, so that the win-win bounds can ask
 * whether a class could meet a seek. Uses x->flags, all 0 outside
 * search_pair, as marks. */
static bool list_class_tags(const search *x, sector_pool *p, unsigned char *flags)
{
    p->class_tags = malloc((count_group_tags(x, p) + 1) * sizeof *p->class_tags);
    if (!p->class_tags)
        return false;
    size_t at = 0, n;
    for (size_t k = 0; k < p->class_count; k++) {
        actor_class *c = &p->classes[k];
        c->tags = at;
        for (size_t g = c->twins; g < c->twins_end; g++) {
            const int *tags = group_tags(x, p, g, &n);
            for (size_t t = 0; t < n; t++)
                if (!flags[tags[t]]) {
                    flags[tags[t]] = 1;
                    p->class_tags[at++] = tags[t];
                }
        }
        c->tags_end = at;
        sort_tags(&p->class_tags[c->tags], at - c->tags, flags, x->tag_count);
        for (size_t j = c->tags; j < at; j++)
            flags[p->class_tags[j]] = 0;
    }
    return true;
}

/* For each tag of each class, the class's twin groups offering it (see
 * tag_groups), so that a pair needing a tag visits only those. */
static bool list_tag_groups(const search *x, sector_pool *p)
{
    size_t entries = p->class_count ? p->classes[p->class_count - 1].tags_end : 0, n;
    p->tag_group_at = malloc((entries + 2) * sizeof *p->tag_group_at);
    p->tag_groups = malloc((count_group_tags(x, p) + 1) * sizeof *p->tag_groups);
    size_t *next = malloc((x->tag_count + 1) * sizeof *next); /* per tag of the class */
    bool ok = p->tag_group_at && p->tag_groups && next;
    size_t placed = 0;
    for (size_t k = 0; ok && k < p->class_count; k++) {
        const actor_class *c = &p->classes[k];
        for (size_t j = c->tags; j < c->tags_end; j++)
            next[p->class_tags[j]] = 0;
        for (size_t g = c->twins; g < c->twins_end; g++) { /* count, */
            const int *tags = group_tags(x, p, g, &n);
            for (size_t t = 0; t < n; t++)
                next[tags[t]]++;
        }
        for (size_t j = c->tags; j < c->tags_end; j++) { /* place each tag's after the last's, */
            size_t *at = &next[p->class_tags[j]];
            p->tag_group_at[j] = placed;
            placed += *at;
            *at = p->tag_group_at[j];
        }
        for (size_t g = c->twins; g < c->twins_end; g++) { /* then fill */
            const int *tags = group_tags(x, p, g, &n);
            for (size_t t = 0; t < n; t++)
                p->tag_groups[next[tags[t]]++] = g;
        }
    }
    if (ok)
        p->tag_group_at[entries] = placed;
    free(next);
    return ok;
}

/* Where `tag` is in the sorted tags of class c, or SIZE_MAX: a binary
 * search (without bsearch's call per step: the search asks often). */
static size_t find_class_tag(const sector_pool *p, const actor_class *c, int tag)
{
    size_t low = c->tags, high = c->tags_end; /* if anywhere, it is in [low, high) */
    while (low < high) {
        size_t middle = low + (high - low) / 2;
        if (p->class_tags[middle] < tag)
            low = middle + 1;
        else
            high = middle;
    }
    return low < c->tags_end && p->class_tags[low] == tag ? low : SIZE_MAX;
}

/* Splits the sorted members into classes and twin groups, puts each
 * class's twin groups in visiting order, and fills the suffix arrays. */
static bool group_classes(search *x, sector_pool *p)
{
    const cc_scorer *s = x->s;
    const cc_actor *items = s->actors->items;
    size_t n = p->count + 1;
    p->classes = malloc(n * sizeof *p->classes);
    p->twins = malloc(n * sizeof *p->twins);
    size_t *ordered = malloc(n * sizeof *ordered);
    p->rest_reach = malloc(n * sizeof *p->rest_reach);
    p->rest_gain = malloc(n * sizeof *p->rest_gain);
    p->rest_first = malloc(n * sizeof *p->rest_first);
    p->twin_reach = malloc(n * sizeof *p->twin_reach);
    p->twin_first = malloc(n * sizeof *p->twin_first);
    if (!p->classes || !p->twins || !ordered || !p->rest_reach || !p->rest_gain ||
        !p->rest_first || !p->twin_reach || !p->twin_first) {
        free(ordered);
        return false;
    }
    bool by_territory = split_by_territory(s);
    uint64_t mask = 0; /* the class and set of twins of the member before */
    uint32_t region = 0, twin = 0, first_rank = 0;
    for (size_t i = 0; i < p->count; i++) {
        size_t a = p->members[i];
        if (i + 16 < p->count) {
            size_t f = p->members[i + 16];
            __builtin_prefetch(&s->mask[f]);
            __builtin_prefetch(&x->index->region[f]);
            __builtin_prefetch(&x->index->twin[f]);
            __builtin_prefetch(&x->index->id_rank[f]);
            __builtin_prefetch(&s->reach_part[f]);
        }
        uint64_t a_mask = class_mask(x, p, a);
        uint32_t a_region = class_region(x, a), a_twin = x->index->twin[a];
        uint32_t rank = x->index->id_rank[a];
        bool new_class = i == 0 || a_mask != mask || a_region != region;
        if (new_class) {
            actor_class *c = &p->classes[p->class_count++];
            *c = (actor_class){.must = s->mask[a],
                               .located = items[a].territory_depth > 0,
                               .place_depth = group_depth(&items[a], by_territory),
                               .begin = i, .twins = p->twin_count};
            if (c->place_depth > 0) /* an actor without territory has none to copy */
                memcpy(c->place, items[a].territory, (size_t)c->place_depth * sizeof *c->place);
        }
        if (new_class || a_twin != twin) {
            p->twins[p->twin_count++] = (twin_group){i, i, 0, &items[a], 0, a_twin};
            first_rank = rank;
        }
        twin_group *t = &p->twins[p->twin_count - 1];
        t->end = i + 1;
        t->reach = max2(t->reach, s->reach_part[a]);
        if (rank < first_rank) {
            first_rank = rank;
            t->first = &items[a];
        }
        mask = a_mask;
        region = a_region;
        twin = a_twin;
        p->classes[p->class_count - 1].end = i + 1;
        p->classes[p->class_count - 1].mask |= s->mask[a];
        p->classes[p->class_count - 1].must &= s->mask[a];
        p->classes[p->class_count - 1].twins_end = p->twin_count;
    }
    /* Twin groups in visiting order, their members moved along. */
    size_t most = 0; /* twin groups in a class */
    for (size_t k = 0; k < p->class_count; k++)
        most = max_size(most, p->classes[k].twins_end - p->classes[k].twins);
    twin_group *scratch = malloc((most + 1) * sizeof *scratch);
    if (!scratch) {
        free(ordered);
        return false;
    }
    for (size_t g = 0; g < p->twin_count; g++) {
        twin_group *t = &p->twins[g];
        t->own = s->weights.w[CC_REACH] * t->reach +
                 s->weights.w[CC_WINWIN] * x->gain[p->members[t->begin]] / 3;
    }
    for (size_t k = 0; k < p->class_count; k++) {
        actor_class *c = &p->classes[k];
        sort_twins(x, &p->twins[c->twins], c->twins_end - c->twins, scratch);
        size_t at = c->begin;
        for (size_t g = c->twins; g < c->twins_end; g++) {
            twin_group *t = &p->twins[g];
            memcpy(&ordered[at], &p->members[t->begin], (t->end - t->begin) * sizeof *ordered);
            t->end = at + (t->end - t->begin);
            t->begin = at;
            at = t->end;
        }
    }
    free(scratch);
    free(p->members);
    p->members = ordered;
    for (size_t k = 0; k < p->class_count; k++)
        fill_suffixes(x, p, &p->classes[k]);
    p->runs = malloc((p->class_count + 1) * sizeof *p->runs);
    if (!p->runs)
        return false;
    for (size_t k = 0; k < p->class_count; k++) {
        const actor_class *c = &p->classes[k];
        if (k == 0 || c->mask != p->classes[k - 1].mask)
            p->runs[p->run_count++] =
                (mask_run){k, k, c->mask, c->must, 0, 0, false, p->rest_first[c->begin]};
        mask_run *r = &p->runs[p->run_count - 1];
        p->classes[k].run = p->run_count - 1;
        r->end = k + 1;
        r->must &= c->must;
        r->reach = max2(r->reach, p->rest_reach[c->begin]);
        r->gain = max2(r->gain, p->rest_gain[c->begin]);
        r->located |= c->located;
        if (id_before(x, p->rest_first[c->begin], r->first))
            r->first = p->rest_first[c->begin];
    }
    return true;
}

/* The heaviest `bits` needs of `mask`, as the bits of a table index. */
static unsigned project(const search *x, uint64_t mask, int bits)
{
    unsigned index = 0;
    for (int j = 0; j < bits; j++)
        index |= (unsigned)(mask >> x->heavy[j] & 1) << j;
    return index;
}

/* Fills the superset table t (2^bits entries) of the members in
 * [begin, end): entry i holds the best reach and gain among those whose
 * mask holds the needs of index i. */
static void fill_supersets(const search *x, const sector_pool *p, size_t begin, size_t end,
                           best_own *t, int bits)
{
    size_t size = (size_t)1 << bits;
    for (size_t i = 0; i < size; i++)
        t[i] = (best_own){-1, 0};
    for (size_t i = begin; i < end; i++) {
        size_t a = p->members[i];
        best_own *e = &t[project(x, x->s->mask[a], bits)];
        e->reach = max2(e->reach, x->s->reach_part[a]);
        e->gain = max2(e->gain, x->gain[a]);
    }
    /* Each entry takes in those of its supersets, one need at a time
     * (the sum over subsets transform, with max for sum). */
    for (int b = 0; b < bits; b++)
        for (size_t i = 0; i < size; i++)
            if (!(i >> b & 1)) {
                const best_own *with = &t[i | (size_t)1 << b];
                t[i].reach = max2(t[i].reach, with->reach);
                t[i].gain = max2(t[i].gain, with->gain);
            }
}

/* Superset tables of the whole pool and of each class of many masks
 * (grouped by region only). Fewer needs are covered when the classes are
 * many, so that the tables stay within a few times the pool's size. */
static bool build_supersets(search *x, sector_pool *p)
{
    size_t tables = 0;
    for (size_t k = 0; k < p->class_count; k++)
        if (!class_exact(&p->classes[k]))
            p->classes[k].superset = tables++;
    int bits = x->heavy_count;
    while (bits > 0 && (tables + 1) << bits > 4 * p->count + 65536)
        bits--;
    size_t size = (size_t)1 << bits;
    p->superset_bits = bits;
    p->supersets = malloc((tables + 1) * size * sizeof *p->supersets);
    if (!p->supersets)
        return false;
    p->whole_supersets = &p->supersets[tables * size];
    fill_supersets(x, p, 0, p->count, p->whole_supersets, bits);
    for (size_t k = 0; k < p->class_count; k++) {
        const actor_class *c = &p->classes[k];
        if (!class_exact(c))
            fill_supersets(x, p, c->begin, c->end, &p->supersets[c->superset * size], bits);
    }
    return true;
}

/* The share of each actor's seeks that some eligible actor of another
 * sector offers: no partner can meet more of them. When every actor
 * takes part, the index has them. False when out of memory. */
static bool compute_gains(search *x, size_t taking_part)
{
    const cc_actor *items = x->s->actors->items;
    x->gain = x->index->gain;
    if (taking_part == x->s->actors->count)
        return true;
    unsigned char *offered = calloc(x->tag_count, 1); /* per tag: bit k, offered in sector k */
    if (!x->gains) /* kept for later rounds of --max-per-actor */
        x->gains = malloc((x->s->actors->count + 1) * sizeof *x->gains);
    if (!offered || !x->gains) {
        free(offered);
        return false;
    }
    x->gain = x->gains;
    for (int k = 0; k < CC_SECTORS; k++)
        for (size_t i = 0; i < x->pools[k].count; i++) {
            const cc_idlist *e = &items[x->pools[k].members[i]].expertise;
            for (int t = 0; t < e->count; t++)
                offered[e->ids[t]] |= (unsigned char)(1u << k);
        }
    for (int k = 0; k < CC_SECTORS; k++)
        for (size_t i = 0; i < x->pools[k].count; i++) {
            size_t a = x->pools[k].members[i];
            const cc_idlist *seeks = &items[a].seeks;
            int met = 0;
            for (int t = 0; t < seeks->count; t++)
                met += (offered[seeks->ids[t]] & ~(1u << k)) != 0;
            x->gains[a] = seeks->count ? (double)met / seeks->count : 0.0;
        }
    free(offered);
    return true;
}

/* The eligible actors of each sector, or in later rounds of
 * --max-per-actor those of the first round's sorted pools not used up.
 * Of each set of identical actors (twins of the same reach, or of any
 * reach when reach does not count) only the `keep` of the smallest ids
 * are taken (see the header comment): the index's order has them
 * together, by id. Returns how many actors take part, those left out so
 * counted. */
static size_t fill_pools(search *x, size_t keep)
{
    const cc_rank_options *opt = x->opt;
    const cc_actors *actors = x->s->actors;
    size_t taking_part = 0;
    if (x->sorted[0]) {
        for (int k = 0; k < CC_SECTORS; k++)
            for (size_t i = 0; i < x->sorted_count[k]; i++)
                if (!used_up(x, x->sorted[k][i]))
                    x->pools[k].members[x->pools[k].count++] = x->sorted[k][i];
        return x->pools[0].count + x->pools[1].count + x->pools[2].count;
    }
    /* in the index's order, which sort_members keeps within classes */
    bool by_reach = reach_counts(x->s);
    const uint32_t *order = by_reach ? x->index->by_reach : x->index->by_id;
    const uint32_t *twin = x->index->twin;
    for (int k = 0; k < CC_SECTORS; k++) {
        sector_pool *p = &x->pools[k];
        size_t last = SIZE_MAX, run = 0; /* the actor taking part before, its copies */
        for (size_t i = x->index->sector_begin[k]; i < x->index->sector_begin[k + 1]; i++) {
            size_t a = order[i];
            if ((opt->eligible && !opt->eligible[a]) || used_up(x, a))
                continue;
            bool allowed = true;
            for (size_t r = 0; r < opt->required_count; r++)
                if (actors->items[opt->required[r]].sector == (cc_sector)k &&
                    opt->required[r] != a)
                    allowed = false; /* the sector's place is taken by a required actor */
            if (!allowed)
                continue;
            taking_part++;
            if (cc_history_names(opt->history, a)) {
                p->members[p->count++] = a; /* kept, and not one of the K (header) */
                continue;
            }
            bool same = last != SIZE_MAX && twin[a] == twin[last] &&
                        (!by_reach || actors->items[a].reach == actors->items[last].reach);
            run = same ? run + 1 : 0;
            last = a;
            if (run < keep)
                p->members[p->count++] = a;
        }
    }
    return taking_part;
}

/* Sorts pool k by class, or in later rounds finds it sorted already
 * (leaving out actors keeps the order). The first sorted pool is kept for
 * later rounds when there may be some. */
static bool order_pool(search *x, int k)
{
    const cc_rank_options *opt = x->opt;
    sector_pool *p = &x->pools[k];
    if (x->sorted[k]) { /* a later round */
        p->by_mask = x->sorted_by_mask[k];
        return true;
    }
    p->by_mask = opt->grouping != CC_GROUP_BY_REGION;
    if (!sort_members(x, p))
        return false;
    if (!opt->max_per_actor)
        return true;
    if (!(x->sorted[k] = malloc((p->count + 1) * sizeof *x->sorted[k])))
        return false;
    memcpy(x->sorted[k], p->members, p->count * sizeof *p->members);
    x->sorted_count[k] = p->count;
    x->sorted_by_mask[k] = p->by_mask;
    return true;
}

/* The public pool's superset tables for required needs, where coverage
 * counts. */
static bool build_public_indexes(search *x, sector_pool *p)
{
    const double *w = x->s->weights.w;
    return !(w[CC_COVERAGE] > 0) || build_supersets(x, p);
}

/* The groups by tag of pool p (list_tag_groups), listed when first
 * needed: only some searches with win-win need them, and listing them
 * costs a pass over the pool. False when out of memory (noted in x). */
static bool have_tag_groups(search *x, sector_pool *p)
{
    if (p->tag_group_at)
        return true;
    if (x->out_of_memory)
        return false;
    if (list_tag_groups(x, p))
        return true;
    free(p->tag_group_at);
    free(p->tag_groups);
    p->tag_group_at = p->tag_groups = NULL;
    x->out_of_memory = true;
    return false;
}

/* Builds pool k (its members filled): sorted, in classes and twin
 * groups, with its class tags (listed with `flags`, marks per tag all 0,
 * left so) and, for the public pool, its superset tables. */
static bool build_pool(search *x, int k, unsigned char *flags)
{
    sector_pool *p = &x->pools[k];
    if (!order_pool(x, k) || !group_classes(x, p) || !list_class_tags(x, p, flags) ||
        (k == CC_PUBLIC && !build_public_indexes(x, p)))
        return false;
    member_view whole = {.must = p->run_count ? ~UINT64_C(0) : 0};
    for (size_t r = 0; r < p->run_count; r++) {
        const mask_run *run = &p->runs[r];
        whole.mask |= run->mask;
        whole.must &= run->must;
        whole.reach = max2(whole.reach, run->reach);
        whole.gain = max2(whole.gain, run->gain);
        whole.located |= run->located;
    }
    p->whole = whole;
    return true;
}

/* The public pool, built by a thread of its own (see build_pools). */
typedef struct {
    search *x;
    unsigned char *flags;
    bool ok;
} public_task;

static int build_public_pool(void *arg)
{
    public_task *t = arg;
    t->ok = build_pool(t->x, CC_PUBLIC, t->flags);
    return 0;
}

/* The pools of the three sectors. Each sector's is built on its own, so
 * when the options allow threads, the public pool (the largest work, for
 * its superset tables) is built in a thread while this one builds the
 * others; where a thread cannot be had, all are built here. */
static bool build_pools(search *x, size_t keep)
{
    const cc_actors *actors = x->s->actors;
    for (int k = 0; k < CC_SECTORS; k++) {
        x->pools[k].members = malloc((actors->per_sector[k] + 1) * sizeof(size_t));
        if (!x->pools[k].members)
            return false;
    }
    if (!compute_gains(x, fill_pools(x, keep)))
        return false;
    public_task task = {x, NULL, false};
    thrd_t thread;
    bool started = x->opt->threads > 1 && (task.flags = calloc(x->tag_count, 1)) &&
                   thrd_create(&thread, build_public_pool, &task) == thrd_success;
    bool ok = build_pool(x, CC_SOCIAL, x->flags) && build_pool(x, CC_COMPANY, x->flags);
    if (started)
        thrd_join(thread, NULL);
    else
        task.ok = ok && build_pool(x, CC_PUBLIC, x->flags);
    free(task.flags);
    return ok && task.ok;
}

static void free_pools(sector_pool pools[CC_SECTORS])
{
    for (int k = 0; k < CC_SECTORS; k++) {
        sector_pool *p = &pools[k];
        free(p->members);
        free(p->rest_reach);
        free(p->rest_gain);
        free(p->rest_first);
        free(p->twin_reach);
        free(p->twin_first);
        free(p->twins);
        free(p->classes);
        free(p->runs);
        free(p->class_tags);
        free(p->tag_group_at);
        free(p->tag_groups);
        free(p->supersets);
    }
}

/* The members of class c from position i to its end. */
static member_view view_rest(const sector_pool *p, const actor_class *c, size_t i)
{
    return (member_view){c->mask,    c->must,  p->rest_reach[i], p->rest_gain[i],
                         c->located, c->place, c->place_depth,     NULL};
}

/* View and smallest id of the members of class c from position i on. */
static void look_rest(member_view *v, const cc_actor **first, const sector_pool *p,
                      const actor_class *c, size_t i)
{
    *v = view_rest(p, c, i);
    *first = p->rest_first[i];
}

/* The members of a twin group from position i to its end: all known of
 * them but the reach, the largest of which is rest_reach. */
static member_view view_twins(const search *x, const sector_pool *p, size_t i)
{
    size_t index = p->members[i];
    const cc_actor *a = &x->s->actors->items[index];
    return (member_view){x->s->mask[index],  x->s->mask[index], p->twin_reach[i], x->gain[index],
                         a->territory_depth > 0, a->territory, a->territory_depth, NULL};
}

/* ---------------------------------------------------------------- bounds */

static optimum bound(const search *x, const member_view v[3], const double *need_part)
{
    const cc_bound_context b = {x->s, v, need_part};
    double hi[CC_COMPONENTS];
    cc_component_bounds(&b, hi);
    const double *w = x->s->weights.w;
    optimum o = {0, hi[CC_COVERAGE], {NULL, NULL, NULL}, 0};
    for (int c = 0; c < CC_COMPONENTS; c++)
        if (w[c] > 0 && c != CC_COVERAGE && c != CC_COMPLEMENTARITY)
            o.score += w[c] * hi[c];
    double need = w[CC_COVERAGE] * hi[CC_COVERAGE] + w[CC_COMPLEMENTARITY] * hi[CC_COMPLEMENTARITY];
    double joint = cc_need_part_bound(&b, w);
    o.separate = o.score + need;
    o.score += joint < need ? joint : need;
    return o;
}

/* Slack that covers rounding between a bound and the score it bounds. */
#define ROUNDING 1e-12

typedef enum {
    OPEN,   /* may hold a triad the heap takes */
    BEATEN, /* every triad ranks after the K-th */
    BELOW,  /* and so does every branch of a lower score bound */
} verdict;

/* Where the triads of a branch of optimum `o` stand against the K-th
 * best, by SPEC §4's order (cc_triad_compare). */
static verdict judge(const search *x, const optimum *o)
{
    const cc_rank_options *opt = x->opt;
    if (opt->has_min_score && o->score < opt->min_score - CC_SCORE_EPSILON - ROUNDING)
        return BELOW;
    const heap *h = &x->h;
    if (h->count < h->capacity)
        return OPEN;
    const cc_triad *kth = &h->items[0];
    if (o->score < kth->score - CC_SCORE_EPSILON - ROUNDING)
        return BELOW;
    /* None can beat the K-th's score: ties, decided by coverage, ids. */
    if (o->score > kth->score + CC_SCORE_EPSILON / 2)
        return OPEN;
    double cov = kth->comp[CC_COVERAGE];
    if (o->coverage < cov - CC_SCORE_EPSILON - ROUNDING)
        return BEATEN;
    if (o->coverage > cov + CC_SCORE_EPSILON / 2)
        return OPEN;
    for (int k = 0; k < CC_SECTORS; k++) {
        if (!o->first[k])
            return OPEN;
        int c = strcmp(o->first[k]->id, h->actors->items[kth->member[k]].id);
        if (c != 0)
            return c > 0 ? BEATEN : OPEN;
    }
    return BEATEN; /* the K-th itself at best */
}

/* The lowest score bound a branch may have and stay OPEN, or -1 while
 * any may: what judge calls BELOW lies under it. */
static double floor_score(const search *x)
{
    const cc_rank_options *opt = x->opt;
    double floor = -1;
    if (opt->has_min_score)
        floor = opt->min_score - CC_SCORE_EPSILON - ROUNDING;
    if (x->h.count == x->h.capacity)
        floor = max2(floor, x->h.items[0].score - CC_SCORE_EPSILON - ROUNDING);
    return floor;
}

/* Needs the last member of views v must bring, for a branch of bound
 * o: a triad lacking need n scores at most what the branch would bound
 * to with n taken out of the last member's needs, and when that is under
 * the floor, n is required. Taking n out costs at least n's share of
 * coverage in o->separate, the sum of the components' bounds (its
 * coverage bound counted n), which settles most needs at once; the
 * joint need bound in o->score may be reached by a triad lacking n, so
 * when it is the tighter one, the branch is bounded again without n. */
static uint64_t required_needs(const search *x, const member_view v[3], const double *need_part,
                               const optimum *o)
{
    const cc_scorer *s = x->s;
    double floor = floor_score(x), per_weight = s->weights.w[CC_COVERAGE] / s->total_weight;
    uint64_t required = 0;
    if (floor < 0 || !(per_weight > 0))
        return 0;
    uint64_t open = v[2].mask & ~(v[0].mask | v[1].mask | v[2].must);
    for (int n = 0; n < s->challenge->need_count; n++) {
        uint64_t bit = UINT64_C(1) << n;
        if (!(open & bit))
            continue;
        if (o->separate - per_weight * cc_scorer_mask_weight(s, bit) + ROUNDING < floor) {
            required |= bit;
        } else if (o->score < o->separate) {
            member_view lacking[3] = {v[0], v[1], v[2]};
            lacking[2].mask &= ~bit;
            if (bound(x, lacking, need_part).score + ROUNDING < floor)
                required |= bit;
        }
    }
    return required;
}

/* Narrows v[2], the public members left for the members v[0] and v[1],
 * to those bringing the needs they must (required_needs): those needs
 * join what they surely offer (`must`), and `table`, a superset table of
 * `bits` needs, gives the best reach and gain among them. Each narrowing
 * lowers the bound *o (its first ids kept), which may require more
 * needs: a few rounds. False when no public member is left that could
 * make a kept triad. */
static bool narrow_public(const search *x, member_view v[3], const double *need_part,
                          const best_own *table, int bits, optimum *o)
{
    for (int round = 0; round < 4; round++) {
        uint64_t need = required_needs(x, v, need_part, o);
        if (!(need & ~v[2].must))
            return true;
        v[2].must |= need;
        best_own able = table[project(x, v[2].must, bits)];
        if (able.reach < 0)
            return false;
        v[2].reach = min2(v[2].reach, able.reach);
        v[2].gain = min2(v[2].gain, able.gain);
        optimum narrowed = bound(x, v, need_part);
        memcpy(narrowed.first, o->first, sizeof narrowed.first);
        *o = narrowed;
        if (judge(x, o) != OPEN)
            return false;
    }
    return true;
}

static verdict judge_views(const search *x, const member_view v[3], const double *need_part,
                           const cc_actor *const first[3])
{
    optimum o = bound(x, v, need_part);
    memcpy(o.first, first, sizeof o.first);
    return judge(x, &o);
}

/* ---------------------------------------------------------------- search */

/* A run or a class with its optimum, to visit them best first. */
typedef struct {
    size_t index;
    optimum o;
    double weight; /* of its needs */
} ranked;

/* Room for the best-first lists of each level, runs and classes, and
 * for the public runs a pair may take. */
typedef struct {
    ranked *runs[CC_SECTORS], *classes[CC_SECTORS];
    size_t *candidates;
    double *company_gain; /* per company twin group of a block (search_block) */
} worklists;

/* Per-tag marks for the pair being searched (see search_pair). */
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

/* How many of `tags` carry `flag` and are offered by some public actor
 * of class c. */
static int count_open(const search *x, const actor_class *c, const cc_idlist *tags,
                      unsigned char flag)
{
    const int *offered = &x->pools[CC_PUBLIC].class_tags[c->tags];
    size_t count = c->tags_end - c->tags;
    int n = 0;
    for (int i = 0; i < tags->count; i++)
        n += (x->flags[tags->ids[i]] & flag) &&
             bsearch(&tags->ids[i], offered, count, sizeof *offered, by_int);
    return n;
}

static void offer(search *x, const cc_triad *t)
{
    const cc_rank_options *opt = x->opt;
    if (opt->has_min_score && t->score < opt->min_score - CC_SCORE_EPSILON)
        return;
    if (x->after && cc_triad_compare(x->s->actors, t, x->after) <= 0)
        return;
    if (cc_history_excludes(opt->history, t->member))
        return;
    heap_offer(&x->h, t);
}

/* The members of three twin groups. Every triad of them has the values
 * `comp` of the triad of their first members for every component but
 * reach, and the reach part of its largest member's reach. */
static void search_twins(search *x, const twin_group *const g[3], const double comp[CC_COMPONENTS],
                         const double need_part[2], const int met[3])
{
    const sector_pool *p = x->pools;
    const cc_actor *items = x->s->actors->items;
    const double *w = x->s->weights.w, *part = x->s->reach_part;
    double others = 0;
    for (int c = 0; c < CC_COMPONENTS; c++)
        others += c == CC_REACH ? 0 : w[c] * comp[c];
    optimum o = {0, comp[CC_COVERAGE], {g[0]->first, g[1]->first, g[2]->first}, 0};
    size_t m[3];
    for (size_t i = g[0]->begin; i < g[0]->end; i++) {
        o.first[0] = p[0].twin_first[i];
        o.first[1] = g[1]->first;
        o.first[2] = g[2]->first; /* the loops below moved it on */
        o.score = others + w[CC_REACH] * max3(p[0].twin_reach[i], g[1]->reach, g[2]->reach);
        if (judge(x, &o) != OPEN)
            break;
        m[0] = p[0].members[i];
        double r0 = part[m[0]];
        o.first[0] = &items[m[0]];
        o.score = others + w[CC_REACH] * max3(r0, g[1]->reach, g[2]->reach);
        if (used_up(x, m[0]) || judge(x, &o) != OPEN)
            continue;
        for (size_t j = g[1]->begin; j < g[1]->end; j++) {
            o.first[1] = p[1].twin_first[j];
            o.first[2] = g[2]->first;
            o.score = others + w[CC_REACH] * max3(r0, p[1].twin_reach[j], g[2]->reach);
            if (judge(x, &o) != OPEN)
                break;
            m[1] = p[1].members[j];
            double r1 = part[m[1]];
            o.first[1] = &items[m[1]];
            o.score = others + w[CC_REACH] * max3(r0, r1, g[2]->reach);
            if (used_up(x, m[1]) || judge(x, &o) != OPEN)
                continue;
            for (size_t k = g[2]->begin; k < g[2]->end; k++) {
                o.first[2] = p[2].twin_first[k];
                o.score = others + w[CC_REACH] * max3(r0, r1, p[2].twin_reach[k]);
                if (judge(x, &o) != OPEN)
                    break;
                m[2] = p[2].members[k];
                if (used_up(x, m[2]))
                    continue;
                cc_triad t = {{m[0], m[1], m[2]}, 0, {0}};
                t.score = cc_scorer_score_from(x->s, m, need_part[0], need_part[1], met, t.comp);
                offer(x, &t);
            }
        }
    }
}

/* The twin groups g0, g1 with the public twin groups of class c; v[0]
 * and v[1] view g0 and g1. Win-win counts come from per-tag marks set
 * once for the pair: the tags each partner offers, and the seeks of each
 * that the other does not meet — so every public group costs one look
 * per tag it offers or seeks. The counts are those cc_seeks_met makes, so
 * the score is identical. */
static void search_pair(search *x, const actor_class *c, const twin_group *g0,
                        const twin_group *g1, member_view v[3], const cc_actor *first[3],
                        const double *need_part)
{
    const cc_scorer *s = x->s;
    const sector_pool *pool = &x->pools[CC_PUBLIC];
    const cc_actor *actors = s->actors->items;
    size_t m[3] = {x->pools[0].members[g0->begin], x->pools[1].members[g1->begin], 0};
    const cc_actor *so = &actors[m[0]], *co = &actors[m[1]];
    unsigned char *flags = x->flags;
    mark(flags, &so->expertise, IN_SOCIAL);
    mark(flags, &co->expertise, IN_COMPANY);
    int met_s = count_marked(flags, &so->seeks, IN_COMPANY);
    int met_c = count_marked(flags, &co->seeks, IN_SOCIAL);
    for (int i = 0; i < so->seeks.count; i++)
        flags[so->seeks.ids[i]] |= flags[so->seeks.ids[i]] & IN_COMPANY ? 0 : REST_SOCIAL;
    for (int i = 0; i < co->seeks.count; i++)
        flags[co->seeks.ids[i]] |= flags[co->seeks.ids[i]] & IN_SOCIAL ? 0 : REST_COMPANY;
    /* The pair's gains: what each meets in the other, plus what some
     * public actor of class c could still bring. */
    if (so->seeks.count)
        v[0].gain = (double)(met_s + count_open(x, c, &so->seeks, REST_SOCIAL)) / so->seeks.count;
    if (co->seeks.count)
        v[1].gain = (double)(met_c + count_open(x, c, &co->seeks, REST_COMPANY)) / co->seeks.count;
    look_rest(&v[2], &first[2], pool, c, c->begin);
    optimum whole = bound(x, v, need_part);
    memcpy(whole.first, first, sizeof whole.first);
    if (judge(x, &whole) != OPEN)
        goto done;
    /* A class of many masks: only its members bringing the needs they
     * must can make a kept triad. */
    if (!class_exact(c) && pool->supersets &&
        !narrow_public(x, v, need_part,
                       &pool->supersets[c->superset << pool->superset_bits],
                       pool->superset_bits, &whole))
        goto done;
    const double reach_cap = v[2].reach, gain_cap = v[2].gain;
    const uint64_t required = v[2].must;
    /* From one public group to the next, only the public view's reach,
     * gain and first id change: the components whose bound moves with
     * them are bounded again for each group, the others once. */
    const cc_bound_context b = {s, v, need_part};
    const double *w = s->weights.w;
    double hi[CC_COMPONENTS], lo[CC_COMPONENTS], fixed = 0;
    cc_component_bounds(&b, hi);
    v[2].reach = 0;
    v[2].gain = 0;
    cc_component_bounds(&b, lo);
    unsigned moving = 0;
    for (int i = 0; i < CC_COMPONENTS; i++) {
        if (hi[i] != lo[i])
            moving |= 1u << i;
        else if (w[i] > 0)
            fixed += w[i] * hi[i];
    }
    /* When missing one of a partner's seeks would cost more win-win
     * than the margin allows, the public member must offer each seek of
     * it the other partner does not meet: only the public groups offering
     * the rarest of those are visited. */
    const size_t *only = NULL;
    size_t only_count = 0;
    double floor = floor_score(x);
    const cc_actor *pair[2] = {so, co};
    const unsigned char unmet[2] = {REST_SOCIAL, REST_COMPANY};
    for (int i = 0; i < 2 && floor >= 0 && w[CC_WINWIN] > 0; i++) {
        const cc_idlist *seeks = &pair[i]->seeks;
        if (!seeks->count ||
            whole.score - w[CC_WINWIN] / (3.0 * seeks->count) + ROUNDING >= floor ||
            !have_tag_groups(x, &x->pools[CC_PUBLIC]))
            continue;
        for (int k = 0; k < seeks->count; k++) {
            size_t j = flags[seeks->ids[k]] & unmet[i] ? find_class_tag(pool, c, seeks->ids[k])
                                                       : SIZE_MAX;
            size_t n = j == SIZE_MAX ? 0 : pool->tag_group_at[j + 1] - pool->tag_group_at[j];
            if (j != SIZE_MAX && (!only || n < only_count)) {
                only = &pool->tag_groups[pool->tag_group_at[j]];
                only_count = n;
            }
        }
    }
    size_t visits = only ? only_count : c->twins_end - c->twins;
    optimum o = {0, hi[CC_COVERAGE], {first[0], first[1], NULL}, 0};
    for (size_t k = 0; k < visits; k++) {
        const twin_group *g2 = &pool->twins[only ? only[k] : c->twins + k];
        v[2].reach = min2(pool->rest_reach[g2->begin], reach_cap);
        v[2].gain = min2(pool->rest_gain[g2->begin], gain_cap);
        o.score = moving ? fixed + cc_component_bound(&b, w, moving) : fixed;
        o.first[2] = pool->rest_first[g2->begin];
        if (judge(x, &o) != OPEN)
            break;
        m[2] = pool->members[g2->begin];
        if ((s->mask[m[2]] & required) != required)
            continue;
        const cc_actor *pu = &actors[m[2]];
        const int met[3] = {met_s + count_marked(flags, &pu->expertise, REST_SOCIAL),
                            met_c + count_marked(flags, &pu->expertise, REST_COMPANY),
                            count_marked(flags, &pu->seeks, IN_SOCIAL | IN_COMPANY)};
        double triad_need[2];
        const double *need = need_part;
        if (!need) { /* classes by region only: the masks of these three */
            cc_scorer_need_components(s, s->mask[m[0]], s->mask[m[1]], s->mask[m[2]],
                                      &triad_need[0], &triad_need[1]);
            need = triad_need;
        }
        /* Coverage, complementarity and win-win are known now: a triad
         * that cannot rank with them is not scored (nor are its twins). */
        const cc_triad_context known = {s, m, {so, co, pu}, met, need[0], need[1]};
        optimum exact = o;
        exact.coverage = need[0];
        for (int c = CC_COVERAGE; c <= CC_WINWIN; c++)
            if (w[c] > 0)
                exact.score += w[c] * (cc_components[c].compute(&known) - cc_components[c].bound(&b));
        if (judge(x, &exact) != OPEN)
            continue;
        cc_triad t = {{m[0], m[1], m[2]}, 0, {0}};
        t.score = cc_scorer_score_from(s, m, need[0], need[1], met, t.comp);
        if (g0->end - g0->begin > 1 || g1->end - g1->begin > 1 || g2->end - g2->begin > 1) {
            const twin_group *g[3] = {g0, g1, g2};
            search_twins(x, g, t.comp, need, met);
        } else if (!used_up(x, m[0]) && !used_up(x, m[1]) && !used_up(x, m[2])) {
            offer(x, &t); /* three actors without twins: the common case */
        }
    }
done:
    unmark(flags, &so->expertise);
    unmark(flags, &co->expertise);
    unmark(flags, &so->seeks);
    unmark(flags, &co->seeks);
}

/* How many seeks of company actor a some member of the social class
 * `social` or of the public class `public` offers. */
static int seeks_offered_by(const search *x, const cc_actor *a, const actor_class *social,
                            const actor_class *public)
{
    int met = 0;
    for (int i = 0; i < a->seeks.count; i++) {
        int tag = a->seeks.ids[i];
        met += find_class_tag(&x->pools[CC_SOCIAL], social, tag) != SIZE_MAX ||
               find_class_tag(&x->pools[CC_PUBLIC], public, tag) != SIZE_MAX;
    }
    return met;
}

/* How many seeks of actor a some partner may meet: the partner actor
 * `partner` (or NULL) or some member of the company class `company` (or
 * NULL) or of the public class `public`. */
static int seeks_offered(const search *x, const cc_actor *a, const cc_actor *partner,
                         const actor_class *company, const actor_class *public)
{
    int met = 0;
    for (int i = 0; i < a->seeks.count; i++) {
        int tag = a->seeks.ids[i];
        met += (partner && cc_idlist_contains(&partner->expertise, tag)) ||
               (company && find_class_tag(&x->pools[CC_COMPANY], company, tag) != SIZE_MAX) ||
               find_class_tag(&x->pools[CC_PUBLIC], public, tag) != SIZE_MAX;
    }
    return met;
}

/* The twin groups of three classes: social, then company, then public.
 * At each level the view of the members left bounds them all (its loop
 * stops), then the view of one twin group (it is skipped). */
static void search_block(search *x, const actor_class *c[3], worklists *work)
{
    const sector_pool *p = x->pools;
    const cc_actor *items = x->s->actors->items;
    bool winwin = x->s->weights.w[CC_WINWIN] > 0;
    /* coverage, complementarity: the same for the whole block when the
     * classes are of one mask each; else NULL, and computed per triad */
    double block_need[2], *need_part = NULL;
    if (class_exact(c[0]) && class_exact(c[1]) && class_exact(c[2])) {
        need_part = block_need;
        cc_scorer_need_components(x->s, c[0]->mask, c[1]->mask, c[2]->mask, &need_part[0],
                                  &need_part[1]);
    }
    for (size_t b = c[1]->twins; b < c[1]->twins_end; b++)
        work->company_gain[b - c[1]->twins] = -1; /* not worked out yet */
    member_view v[3];
    const cc_actor *first[3];
    for (size_t a = c[0]->twins; a < c[0]->twins_end; a++) {
        const twin_group *g0 = &p[0].twins[a];
        look_rest(&v[0], &first[0], &p[0], c[0], g0->begin);
        look_rest(&v[1], &first[1], &p[1], c[1], c[1]->begin);
        look_rest(&v[2], &first[2], &p[2], c[2], c[2]->begin);
        if (judge_views(x, v, need_part, first) != OPEN)
            break;
        v[0] = view_twins(x, &p[0], g0->begin);
        first[0] = g0->first;
        /* only the seeks that the company or the public class offers
         * can be met here */
        const cc_actor *so = &items[p[0].members[g0->begin]];
        if (winwin && so->seeks.count)
            v[0].gain = min2(v[0].gain, (double)seeks_offered(x, so, NULL, c[1], c[2]) /
                                            so->seeks.count);
        optimum social_bound = bound(x, v, need_part);
        memcpy(social_bound.first, first, sizeof social_bound.first);
        if (judge(x, &social_bound) != OPEN)
            continue;
        const member_view social = v[0];
        /* When missing one of the social twins' seeks would cost more
         * win-win than the margin allows, a seek no public member of the
         * class offers must come from the company member: only the
         * company groups offering the rarest such seek are visited. */
        const size_t *only = NULL;
        size_t only_count = 0;
        bool restricted = false;
        double floor = floor_score(x);
        if (winwin && so->seeks.count && floor >= 0) {
            if (social_bound.score - x->s->weights.w[CC_WINWIN] / (3.0 * so->seeks.count) +
                        ROUNDING < floor &&
                have_tag_groups(x, &x->pools[CC_COMPANY]))
                for (int k = 0; k < so->seeks.count; k++) {
                    int tag = so->seeks.ids[k];
                    if (find_class_tag(&p[2], c[2], tag) != SIZE_MAX)
                        continue;
                    size_t j = find_class_tag(&p[1], c[1], tag);
                    if (j == SIZE_MAX)
                        continue; /* met by no one: the social gain left it out */
                    size_t n = p[1].tag_group_at[j + 1] - p[1].tag_group_at[j];
                    if (!restricted || n < only_count) {
                        only = &p[1].tag_groups[p[1].tag_group_at[j]];
                        only_count = n;
                        restricted = true;
                    }
                }
        }
        size_t visits = restricted ? only_count : c[1]->twins_end - c[1]->twins;
        for (size_t at = 0; at < visits; at++) {
            size_t b = restricted ? only[at] : c[1]->twins + at;
            const twin_group *g1 = &p[1].twins[b];
            look_rest(&v[1], &first[1], &p[1], c[1], g1->begin);
            look_rest(&v[2], &first[2], &p[2], c[2], c[2]->begin);
            if (judge_views(x, v, need_part, first) != OPEN)
                break;
            v[1] = view_twins(x, &p[1], g1->begin);
            first[1] = g1->first;
            /* only those the social class or the public class offer
             * (worked out once per block), and of these only those the
             * social twins or the public class offer */
            const cc_actor *co = &items[p[1].members[g1->begin]];
            if (winwin && co->seeks.count) {
                double *block_gain = &work->company_gain[b - c[1]->twins];
                if (*block_gain < 0)
                    *block_gain = (double)seeks_offered_by(x, co, c[0], c[2]) / co->seeks.count;
                v[1].gain = min2(v[1].gain, *block_gain);
                if (judge_views(x, v, need_part, first) != OPEN)
                    continue;
                v[1].gain = min2(v[1].gain, (double)seeks_offered(x, co, so, NULL, c[2]) /
                                                co->seeks.count);
            }
            if (judge_views(x, v, need_part, first) != OPEN)
                continue;
            search_pair(x, c[2], g0, g1, v, first, need_part);
            v[0] = social; /* search_pair narrowed the gains */
        }
    }
}

/* All the classes of a mask run, their regions unknown. */
static member_view view_run(const mask_run *run)
{
    return (member_view){run->mask, run->must, run->reach, run->gain, run->located, NULL, 0, NULL};
}

/* Best bound first; among equal bounds (often so while other sectors are
 * open), the one offering the most need weight. */
static int by_optimum(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (x->o.score != y->o.score)
        return x->o.score < y->o.score ? 1 : -1;
    return (x->weight < y->weight) - (x->weight > y->weight);
}

/* The bound of views v, the need part computed when their masks are
 * exact; `first` the smallest ids known. */
static optimum bound_views(const search *x, const member_view v[3], const cc_actor *const first[3])
{
    double need_part[2];
    bool exact = view_exact(&v[0]) && view_exact(&v[1]) && view_exact(&v[2]);
    if (exact)
        cc_scorer_need_components(x->s, v[0].mask, v[1].mask, v[2].mask, &need_part[0],
                                  &need_part[1]);
    optimum o = bound(x, v, exact ? need_part : NULL);
    memcpy(o.first, first, sizeof o.first);
    return o;
}

/* Moves *at to the next item of `list` (sorted best first) that is
 * still OPEN, the K-th having perhaps risen since it was bounded; false
 * when none is left. */
static bool next_open(const search *x, const ranked *list, size_t n, size_t *at)
{
    for (; *at < n; ++*at) {
        verdict j = judge(x, &list[*at].o);
        if (j == BELOW)
            return false;
        if (j == OPEN)
            return true;
    }
    return false;
}

/* The classes of three fixed mask runs r[], sector by sector from
 * `level`: the classes of earlier sectors are fixed in c[], later
 * sectors are seen as their whole run. */
static void search_classes(search *x, int level, const size_t r[3], const actor_class *c[3],
                           worklists *work)
{
    const sector_pool *pools = x->pools;
    const sector_pool *p = &pools[level];
    const mask_run *run = &p->runs[r[level]];
    member_view v[3];
    const cc_actor *first[3];
    for (int i = 0; i < CC_SECTORS; i++) {
        if (i < level) {
            look_rest(&v[i], &first[i], &pools[i], c[i], c[i]->begin);
        } else {
            v[i] = view_run(&pools[i].runs[r[i]]);
            first[i] = pools[i].runs[r[i]].first;
        }
    }
    /* The classes of a run of one mask (all of them, unless grouped by
     * region only) share its need part: worked out once. */
    double need_part[2];
    bool exact = view_exact(&v[0]) && view_exact(&v[1]) && view_exact(&v[2]);
    if (exact)
        cc_scorer_need_components(x->s, v[0].mask, v[1].mask, v[2].mask, &need_part[0],
                                  &need_part[1]);
    ranked *list = work->classes[level];
    size_t n = 0;
    for (size_t i = run->begin; i < run->end; i++) {
        look_rest(&v[level], &first[level], p, &p->classes[i], p->classes[i].begin);
        optimum o = exact ? bound(x, v, need_part) : bound_views(x, v, first);
        memcpy(o.first, first, sizeof o.first);
        if (judge(x, &o) == OPEN)
            list[n++] = (ranked){i, o, 0};
    }
    qsort(list, n, sizeof *list, by_optimum);
    for (size_t k = 0; next_open(x, list, n, &k); k++) {
        c[level] = &p->classes[list[k].index];
        if (level == CC_PUBLIC)
            search_block(x, c, work);
        else
            search_classes(x, level + 1, r, c, work);
    }
}

/* The public mask runs that hold every need of `required`, into `out`;
 * returns how many. Through the public sector's index of runs by their
 * heaviest needs (runs_at), only the buckets holding those needs are
 * looked at, when that is fewer than the runs. */
static size_t public_runs(const search *x, uint64_t required, size_t *out)
{
    const sector_pool *p = &x->pools[CC_PUBLIC];
    const mask_run *runs = p->runs;
    size_t n = 0;
    int bits = x->run_bits;
    unsigned need = project(x, required, bits), free_bits = ((1u << bits) - 1) & ~need;
    int open = 0;
    for (unsigned f = free_bits; f; f &= f - 1)
        open++;
    if (!x->runs_at || (size_t)1 << open >= p->run_count) {
        for (size_t i = 0; i < p->run_count; i++)
            if ((runs[i].mask & required) == required)
                out[n++] = i;
        return n;
    }
    /* every bucket whose index holds `need`: need plus a subset of the rest */
    for (unsigned sub = free_bits;; sub = (sub - 1) & free_bits) {
        unsigned bucket = need | sub;
        for (size_t k = x->runs_at[bucket]; k < x->runs_at[bucket + 1]; k++)
            if ((runs[x->runs_by_bucket[k]].mask & required) == required)
                out[n++] = x->runs_by_bucket[k];
        if (!sub)
            break;
    }
    return n;
}

/* The public mask runs for a social run r[0] and a company run r[1],
 * by decreasing bound. The needs the public member must bring
 * (required_needs) rule out at once the public runs that lack them and,
 * through the public sector's superset table, bound the reach and gain
 * of the public members left. */
static void search_public_runs(search *x, size_t r[3], worklists *work)
{
    const sector_pool *pools = x->pools;
    const sector_pool *pub = &pools[CC_PUBLIC];
    member_view v[3];
    const cc_actor *first[3];
    for (int i = 0; i < 2; i++) {
        v[i] = view_run(&pools[i].runs[r[i]]);
        first[i] = pools[i].runs[r[i]].first;
    }
    v[2] = pub->whole;
    first[2] = NULL;
    optimum pair = bound_views(x, v, first);
    if (!narrow_public(x, v, NULL, pub->whole_supersets, pub->superset_bits, &pair))
        return;
    size_t *candidates = work->candidates;
    size_t count = public_runs(x, v[2].must, candidates);
    ranked *list = work->runs[CC_PUBLIC];
    size_t n = 0;
    for (size_t k = 0; k < count; k++) {
        const mask_run *run = &pub->runs[candidates[k]];
        v[2] = view_run(run);
        first[2] = run->first;
        optimum o = bound_views(x, v, first);
        if (judge(x, &o) == OPEN)
            list[n++] = (ranked){candidates[k], o, cc_scorer_mask_weight(x->s, run->mask)};
    }
    qsort(list, n, sizeof *list, by_optimum);
    for (size_t k = 0; next_open(x, list, n, &k); k++) {
        r[CC_PUBLIC] = list[k].index;
        const actor_class *c[3] = {NULL, NULL, NULL};
        search_classes(x, CC_SOCIAL, r, c, work);
    }
}

/* A social and a company mask run with the bound of their triads. */
typedef struct {
    size_t social, company;
    double score, coverage; /* their optimum's (its first ids: the runs') */
    double weight;          /* of the needs they offer */
} run_pair;

static optimum pair_optimum(const search *x, const run_pair *pair)
{
    return (optimum){pair->score,
                     pair->coverage,
                     {x->pools[CC_SOCIAL].runs[pair->social].first,
                      x->pools[CC_COMPANY].runs[pair->company].first, NULL},
                     0};
}

/* Best bound first, then best coverage bound (SPEC §4 breaks ties of
 * score by coverage), then the most need weight of their own, then by
 * run: an order without ties, so that the pairs can be taken in batches
 * along it. */
static int by_pair_optimum(const void *a, const void *b)
{
    const run_pair *x = a, *y = b;
    if (x->score != y->score)
        return x->score < y->score ? 1 : -1;
    if (x->coverage != y->coverage)
        return x->coverage < y->coverage ? 1 : -1;
    if (x->weight != y->weight)
        return x->weight < y->weight ? 1 : -1;
    if (x->social != y->social)
        return x->social < y->social ? -1 : 1;
    return (x->company > y->company) - (x->company < y->company);
}

/* Number of run pairs a batch takes by default (see search_pairs). */
enum { PAIR_BATCH = 1 << 17 };

/* The pairs of one batch: the first `size` of those given to it, in
 * by_pair_optimum's order. When `kept` (room for 2 * size) is full,
 * its second half is dropped and `cut` moves to the first pair dropped:
 * pairs from there on wait for a later batch. */
typedef struct {
    run_pair *kept;
    size_t size, count;
    bool has_cut;
    run_pair cut;
} pair_batch;

static void keep_pair(pair_batch *b, const run_pair *pair)
{
    if (b->has_cut && by_pair_optimum(pair, &b->cut) >= 0)
        return;
    if (b->count == 2 * b->size) {
        qsort(b->kept, b->count, sizeof *b->kept, by_pair_optimum);
        b->count = b->size;
        b->cut = b->kept[b->size];
        b->has_cut = true;
        if (by_pair_optimum(pair, &b->cut) >= 0)
            return;
    }
    b->kept[b->count++] = *pair;
}

/* Every pair of a social and a company mask run that can still hold a
 * kept triad, best bound first (then their public runs).
 *
 * Going sector by sector, the search would take the social runs by
 * their own bound, which barely tells them apart while the company and
 * public members are open (any social mask may find partners covering
 * the rest): the first social runs searched may hold only mediocre
 * triads, and the K-th rises slowly. The bound of a pair is tight: so
 * the pairs are bounded first, all of them, and visited best first,
 * which makes the K-th rise as early as it can. Where the pairs are
 * many, batches of the best PAIR_BATCH of those from the previous
 * batch's cut on are taken in turn (the cut a place in an order without
 * ties, so that thousands of pairs of one bound cannot stall it); a batch ends when its next
 * pair is BELOW the K-th, and then so are all the pairs left. */
static bool search_pairs(search *x, worklists *work)
{
    const sector_pool *pools = x->pools;
    pair_batch b = {0};
    b.size = PAIR_BATCH;
    if (x->opt->pair_batch && x->opt->pair_batch < PAIR_BATCH)
        b.size = x->opt->pair_batch;
    size_t runs0 = pools[0].run_count, runs1 = pools[1].run_count;
    size_t room = runs1 && runs0 > 2 * b.size / runs1 ? 2 * b.size : runs0 * runs1;
    b.kept = alloc_items(room, sizeof *b.kept);
    if (!b.kept)
        return false;
    member_view v[3] = {pools[0].whole, pools[1].whole, pools[2].whole};
    const cc_actor *first[3] = {NULL, NULL, NULL};
    bool has_from = false; /* pairs before `from` are done */
    run_pair from = {0};
    /* per social run, the best bound of its pairs: in later batches, a
     * run whose pairs are all under the floor is not bounded again */
    double *best = malloc((runs0 + 1) * sizeof *best);
    if (!best) {
        free(b.kept);
        return false;
    }
    for (;;) {
        b.count = 0;
        b.has_cut = false;
        for (size_t i = 0; i < pools[0].run_count; i++) {
            if (has_from && best[i] < floor_score(x))
                continue;
            best[i] = -1;
            v[0] = view_run(&pools[0].runs[i]);
            first[0] = pools[0].runs[i].first;
            v[1] = pools[1].whole;
            first[1] = NULL;
            if (judge_views(x, v, NULL, first) != OPEN)
                continue;
            for (size_t j = 0; j < pools[1].run_count; j++) {
                v[1] = view_run(&pools[1].runs[j]);
                first[1] = pools[1].runs[j].first;
                optimum o = bound_views(x, v, first);
                best[i] = max2(best[i], o.score);
                run_pair pair = {i, j, o.score, o.coverage,
                                 cc_scorer_mask_weight(x->s, v[0].mask | v[1].mask)};
                if ((!has_from || by_pair_optimum(&pair, &from) >= 0) && judge(x, &o) == OPEN)
                    keep_pair(&b, &pair);
            }
        }
        qsort(b.kept, b.count, sizeof *b.kept, by_pair_optimum);
        bool below = false;
        for (size_t k = 0; k < b.count && !below; k++) {
            optimum o = pair_optimum(x, &b.kept[k]);
            verdict j = judge(x, &o);
            below = j == BELOW;
            if (j == OPEN) {
                if (x->opt->progress)
                    x->opt->progress(x->opt->progress_ctx, (double)k / b.count);
                size_t r[3] = {b.kept[k].social, b.kept[k].company, 0};
                search_public_runs(x, r, work);
            }
        }
        if (below || !b.has_cut)
            break;
        from = b.cut;
        has_from = true;
    }
    free(b.kept);
    free(best);
    return true;
}

/* Indexes the public mask runs by their heaviest needs (see
 * public_runs): bucket b holds the runs whose mask projects to b. */
static bool index_public_runs(search *x)
{
    const sector_pool *p = &x->pools[CC_PUBLIC];
    int bits = x->heavy_count;
    while (bits > 0 && (size_t)1 << bits > 2 * p->run_count + 64)
        bits--;
    size_t buckets = (size_t)1 << bits;
    x->run_bits = bits;
    x->runs_at = calloc(buckets + 1, sizeof *x->runs_at);
    x->runs_by_bucket = malloc((p->run_count + 1) * sizeof *x->runs_by_bucket);
    if (!x->runs_at || !x->runs_by_bucket)
        return false;
    for (size_t i = 0; i < p->run_count; i++)
        x->runs_at[project(x, p->runs[i].mask, bits) + 1]++;
    for (size_t b = 0; b < buckets; b++)
        x->runs_at[b + 1] += x->runs_at[b];
    size_t *next = x->runs_by_bucket; /* filled from each bucket's start */
    for (size_t i = 0; i < p->run_count; i++)
        next[x->runs_at[project(x, p->runs[i].mask, bits)]++] = i;
    for (size_t b = buckets; b > 0; b--) /* the starts moved to the ends */
        x->runs_at[b] = x->runs_at[b - 1];
    x->runs_at[0] = 0;
    return true;
}

/* The exact best `capacity` triads (of those x admits), best first, into
 * x->h (the caller frees h.items). */
static bool best_triads(search *x, size_t capacity)
{
    x->h = (heap){.actors = x->s->actors, .capacity = capacity};
    x->h.items = alloc_items(capacity, sizeof *x->h.items);
    worklists work = {{NULL}, {NULL}, NULL, NULL};
    bool ok = x->h.items != NULL && index_public_runs(x);
    for (int k = 0; ok && k < CC_SECTORS; k++)
        ok = (work.runs[k] = malloc((x->pools[k].run_count + 1) * sizeof(ranked))) &&
             (work.classes[k] = malloc((x->pools[k].class_count + 1) * sizeof(ranked)));
    ok = ok &&
         (work.candidates = malloc((x->pools[CC_PUBLIC].run_count + 1) *
                                   sizeof *work.candidates)) &&
         (work.company_gain = malloc((x->pools[CC_COMPANY].twin_count + 1) *
                                     sizeof *work.company_gain));
    if (ok && (ok = search_pairs(x, &work) && !x->out_of_memory))
        heap_sort(&x->h);
    for (int k = 0; k < CC_SECTORS; k++) {
        free(work.runs[k]);
        free(work.classes[k]);
    }
    free(work.candidates);
    free(work.company_gain);
    free(x->runs_at);
    free(x->runs_by_bucket);
    x->runs_at = x->runs_by_bucket = NULL;
    return ok;
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

/* --max-per-actor: rounds of search over the actors not used up, each
 * walking the next triads of the ranking (see the header comment). */
static bool diversified(search *x, size_t want, cc_triad *kept, size_t *count)
{
    size_t *uses = calloc(x->s->actors->count + 1, sizeof *uses);
    if (!uses)
        return false;
    x->uses = uses;
    x->limit = x->opt->max_per_actor;
    cc_triad last;
    *count = 0;
    bool ok = true;
    while (*count < want) {
        /* The best triads often share a strong actor: a round takes 8
         * times the triads still wanted, so that one round most often
         * does (a round more rebuilds the pools; a larger batch lowers
         * the K-th). */
        size_t rest = want - *count, batch = rest < SIZE_MAX / 8 ? 8 * rest : SIZE_MAX;
        if (!(ok = best_triads(x, batch)))
            break;
        for (size_t i = 0; i < x->h.count && *count < want; i++) {
            const cc_triad *t = &x->h.items[i];
            last = *t;
            if (used_up(x, t->member[0]) || used_up(x, t->member[1]) ||
                used_up(x, t->member[2]))
                continue;
            for (int k = 0; k < CC_SECTORS; k++)
                uses[t->member[k]]++;
            kept[(*count)++] = *t;
        }
        bool exhausted = x->h.count < batch;
        free(x->h.items);
        x->h.items = NULL;
        if (exhausted)
            break;
        x->after = &last;
        /* The next round is searched among the actors not used up only:
         * every triad before `last` holds a used-up actor or was kept
         * (and `after` keeps those out), so rounds do not walk them
         * again and again. */
        free_pools(x->pools);
        memset(x->pools, 0, sizeof x->pools);
        if (!(ok = build_pools(x, x->opt->k)))
            break;
    }
    x->after = NULL;
    x->uses = NULL;
    free(uses);
    return ok;
}

/* The indices of the SUPERSET_BITS heaviest needs (or all), heaviest
 * first; returns how many. */
static int heaviest_needs(const cc_challenge *c, int heavy[SUPERSET_BITS])
{
    int order[CC_MAX_NEEDS];
    for (int n = 0; n < c->need_count; n++) { /* insertion sort, by weight */
        int at = n;
        for (; at > 0 && c->needs[order[at - 1]].weight < c->needs[n].weight; at--)
            order[at] = order[at - 1];
        order[at] = n;
    }
    int count = c->need_count < SUPERSET_BITS ? c->need_count : SUPERSET_BITS;
    memcpy(heavy, order, (size_t)count * sizeof *heavy);
    return count;
}

cc_status cc_rank_top(const cc_scorer *s, const cc_rank_options *opt, cc_ranking *out,
                      cc_error *err)
{
    *out = (cc_ranking){0};
    search x = {.s = s, .opt = opt};
    size_t tag_count = (size_t)cc_intern_count(s->actors->tags) + 1;
    x.tag_count = tag_count;
    x.flags = calloc(tag_count, 1);
    bool ok = x.flags != NULL;
    /* Whatever the rounds of --max-per-actor, no set of identical actors
     * gives more than K of its members (see the header comment). */
    x.heavy_count = heaviest_needs(s->challenge, x.heavy);
    cc_rank_index *own_index = NULL;
    x.index = opt->index;
    if (ok && !x.index) {
        cc_status st = cc_rank_index_build(s->actors, &own_index, err);
        if (st != CC_OK) {
            free(x.flags);
            return st;
        }
        x.index = own_index;
    }
    ok = ok && build_pools(&x, opt->k);
    size_t total = ok ? triad_count(x.pools) : 0;
    size_t want = opt->k < total ? opt->k : total;
    if (opt->max_per_actor) {
        /* each kept triad takes an actor of each sector, which may be in
         * N of them: no more than N times the smallest pool can be kept,
         * and a larger -k must not size the rounds' heaps */
        size_t least = SIZE_MAX;
        for (int k = 0; k < CC_SECTORS; k++)
            least = x.pools[k].count < least ? x.pools[k].count : least;
        if (least <= want / opt->max_per_actor)
            want = least * opt->max_per_actor;
    }
    if (ok && want > 0) {
        if (opt->max_per_actor) {
            out->items = alloc_items(want, sizeof *out->items);
            ok = out->items && diversified(&x, want, out->items, &out->count);
        } else if ((ok = best_triads(&x, want))) {
            out->items = x.h.items;
            out->count = x.h.count;
            x.h.items = NULL;
        }
    }
    free(x.h.items);
    free_pools(x.pools);
    free(x.gains);
    free(x.flags);
    cc_rank_index_free(own_index);
    for (int k = 0; k < CC_SECTORS; k++)
        free(x.sorted[k]);
    if (!ok) {
        cc_ranking_free(out);
        return cc_error_add(err, CC_ESOFTWARE, "out of memory");
    }
    return CC_OK;
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
