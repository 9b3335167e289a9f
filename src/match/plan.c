/* plan.c — programme planning (plan.h): up to N disjoint triads with the
 * largest total score, and an upper bound on the best total.
 *
 * Candidates. Every triad a plan may hold passes the ranking's filters,
 * so candidates come from cc_rank_top with the caller's options. When
 * the eligible actors form few enough triads, the candidates are all of
 * them and the integer program (plan_ilp.c) gives the best plan. Else the
 * first search takes the exact top K: any other triad scores at most the
 * K-th's score, theta, which is what makes the bound below valid.
 *
 * Heuristic. Greedy by score over the candidates; while the plan has room,
 * another search over the actors still free brings candidates disjoint
 * from it. Other starts (each of the best candidates first, then greedy)
 * as far as they are cheap. Then local search until nothing improves or
 * the time is up:
 * a candidate replaces the plan triads it conflicts with when it scores
 * more than they do together; two triads exchange their members of one
 * sector; a member is replaced by a free actor of its sector.
 *
 * Bound. Relaxing "each actor in at most one triad" with multipliers
 * lambda_a >= 0 gives, for every lambda,
 *     L(lambda) = sum_a lambda_a + the `limit` largest positive reduced
 *                 scores score_t - lambda_s - lambda_c - lambda_p
 * over all qualifying triads t, which is at least the best total. A
 * triad outside the candidates scores at most theta, so its reduced score
 * is at most theta minus the smallest multiplier of each sector: `limit`
 * copies of that stand for all of them. Subgradient steps (Polyak's step
 * towards the plan's total) lower L; the least L met is the bound. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cocreate/plan.h"

/* A triad that scores 0 brings nothing to a programme: the floor of a plan
 * is above 0 even without --min-score. */
#define PLAN_FLOOR (2 * CC_SCORE_EPSILON)
/* Room for floating-point error in a bound summed over many triads. */
#define BOUND_MARGIN 1e-9
/* An improvement smaller than this is none (it would loop on rounding). */
#define GAIN 1e-12

#define NONE SIZE_MAX

const char *const cc_left_reasons[CC_LEFT_REASONS] = {
    [CC_LEFT_NO_PARTNER] = "no complementary partner above the floor",
    [CC_LEFT_TAKEN] = "all its partners are taken",
    [CC_LEFT_FULL] = "the plan has all its partnerships",
    [CC_LEFT_UNCHOSEN] = "not found by the search in the time given",
    [CC_LEFT_HISTORY] = "every partnership it could have was tried before (--history)",
};

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* ----------------------------------------------------------- the state */

typedef struct {
    const cc_scorer *s;
    const cc_plan_options *opt;
    cc_rank_options ro;    /* the candidate searches' options, the floor included */
    size_t actors;         /* actor count */
    bool *usable;          /* per actor: may be in a triad (eligible, --require) */
    size_t per_sector[CC_SECTORS]; /* usable actors of each sector */
    size_t limit;          /* N in force */
    double start, deadline;
    cc_triad *cand;        /* candidates, best first once sorted */
    size_t cand_count, cand_cap;
    size_t *slots;         /* hash set of the candidates: index + 1, or 0 */
    size_t slot_count;     /* power of two, at least twice cand_count */
    bool complete;         /* the candidates are every qualifying triad */
    double theta;          /* no triad outside the candidates scores more */
    cc_triad *plan;        /* `count` triads, room for `limit` */
    size_t count;
    size_t *owner;         /* per actor: its plan slot, or NONE */
} planner;

static size_t hash_triad(const size_t m[CC_SECTORS])
{
    uint64_t h = 1469598103934665603ULL;
    for (int k = 0; k < CC_SECTORS; k++) {
        h ^= (uint64_t)m[k];
        h *= 1099511628211ULL;
    }
    return (size_t)(h ^ (h >> 31));
}

static bool same_triad(const cc_triad *a, const size_t m[CC_SECTORS])
{
    return a->member[0] == m[0] && a->member[1] == m[1] && a->member[2] == m[2];
}

/* The slot of triad `m` in the hash set: where it is, or the empty one
 * where it would go. */
static size_t find_slot(const planner *p, const size_t m[CC_SECTORS])
{
    size_t i = hash_triad(m) & (p->slot_count - 1);
    while (p->slots[i] && !same_triad(&p->cand[p->slots[i] - 1], m))
        i = (i + 1) & (p->slot_count - 1);
    return i;
}

/* Grows the hash set to hold `need` candidates at most half full. */
static bool grow_slots(planner *p, size_t need)
{
    if (2 * need < p->slot_count)
        return true;
    size_t count = p->slot_count ? p->slot_count : 64;
    while (2 * need >= count)
        count *= 2;
    free(p->slots);
    p->slot_count = count;
    if (!(p->slots = calloc(count, sizeof *p->slots)))
        return false;
    for (size_t c = 0; c < p->cand_count; c++)
        p->slots[find_slot(p, p->cand[c].member)] = c + 1;
    return true;
}

/* Adds `t` to the candidates unless it is one; false when out of memory. */
static bool add_candidate(planner *p, const cc_triad *t)
{
    if (!grow_slots(p, p->cand_count + 1))
        return false;
    size_t slot = find_slot(p, t->member);
    if (p->slots[slot])
        return true;
    if (p->cand_count == p->cand_cap) {
        size_t cap = p->cand_cap ? 2 * p->cand_cap : 256;
        cc_triad *grown = realloc(p->cand, cap * sizeof *grown);
        if (!grown)
            return false;
        p->cand = grown;
        p->cand_cap = cap;
    }
    p->cand[p->cand_count++] = *t;
    p->slots[slot] = p->cand_count;
    return true;
}

/* Score descending, then members: a fixed order, whatever the input's. */
static int by_score(const void *x, const void *y)
{
    const cc_triad *a = x, *b = y;
    if (a->score != b->score)
        return a->score > b->score ? -1 : 1;
    for (int k = 0; k < CC_SECTORS; k++)
        if (a->member[k] != b->member[k])
            return a->member[k] < b->member[k] ? -1 : 1;
    return 0;
}

/* Sorts the candidates best first (greedy takes them so), and the hash
 * set after them. */
static void sort_candidates(planner *p)
{
    if (p->cand_count == 0)
        return;
    qsort(p->cand, p->cand_count, sizeof *p->cand, by_score);
    memset(p->slots, 0, p->slot_count * sizeof *p->slots);
    for (size_t c = 0; c < p->cand_count; c++)
        p->slots[find_slot(p, p->cand[c].member)] = c + 1;
}

/* -------------------------------------------------------- the plan itself */

static void plan_add(planner *p, const cc_triad *t)
{
    p->plan[p->count] = *t;
    for (int k = 0; k < CC_SECTORS; k++)
        p->owner[t->member[k]] = p->count;
    p->count++;
}

static void plan_remove(planner *p, size_t slot)
{
    for (int k = 0; k < CC_SECTORS; k++)
        p->owner[p->plan[slot].member[k]] = NONE;
    p->count--;
    if (slot == p->count)
        return;
    p->plan[slot] = p->plan[p->count];
    for (int k = 0; k < CC_SECTORS; k++)
        p->owner[p->plan[slot].member[k]] = slot;
}

static bool all_free(const planner *p, const size_t m[CC_SECTORS])
{
    return p->owner[m[0]] == NONE && p->owner[m[1]] == NONE && p->owner[m[2]] == NONE;
}

/* Whether the triad `t` (scored) may be in a plan: above the floor, not
 * left out by the history, and allowed; its members are usable (the
 * callers pick them so). */
static bool acceptable(const planner *p, const cc_triad *t)
{
    if (t->score < p->ro.min_score - CC_SCORE_EPSILON)
        return false;
    if (p->ro.history && cc_history_excludes(p->ro.history, t->member))
        return false;
    return !p->opt->allowed || p->opt->allowed(p->opt->allowed_ctx, t->member);
}

static void score_triad(const planner *p, cc_triad *t)
{
    t->score = cc_scorer_score(p->s, t->member, t->comp);
}

/* Adds the best free candidates while the plan has room; true if any. */
static bool greedy_fill(planner *p)
{
    bool added = false;
    for (size_t c = 0; c < p->cand_count && p->count < p->limit; c++)
        if (all_free(p, p->cand[c].member)) {
            plan_add(p, &p->cand[c]);
            added = true;
        }
    return added;
}

static double plan_total(const cc_triad *items, size_t count)
{
    double total = 0.0;
    for (size_t i = 0; i < count; i++)
        total += items[i].score;
    return total;
}

/* ------------------------------------------------------------ candidates */

/* The top `k` triads over the actors `eligible` allows into the
 * candidates; *found receives how many the search returned. */
static cc_status search_into(planner *p, const bool *eligible, size_t k, size_t *found,
                             double *last, cc_error *err)
{
    cc_rank_options ro = p->ro;
    ro.k = k;
    ro.max_per_actor = 0;
    ro.eligible = eligible;
    cc_ranking r = {0};
    cc_status st = cc_rank_top(p->s, &ro, &r, err);
    for (size_t i = 0; st == CC_OK && i < r.count; i++)
        if (!add_candidate(p, &r.items[i]))
            st = cc_error_add(err, CC_ESOFTWARE, "out of memory");
    *found = r.count;
    *last = r.count ? r.items[r.count - 1].score : 0.0;
    cc_ranking_free(&r);
    if (st == CC_OK)
        sort_candidates(p);
    return st;
}

/* While the plan has room and time is left, a search over the actors still
 * free brings triads disjoint from the plan, which greedy adds. */
static cc_status fill_rounds(planner *p, size_t k, cc_error *err)
{
    bool *free_actor = malloc(p->actors + 1);
    if (!free_actor)
        return cc_error_add(err, CC_ESOFTWARE, "out of memory");
    cc_status st = CC_OK;
    while (p->count < p->limit && now() < p->start + p->opt->time_limit / 2) {
        for (size_t a = 0; a < p->actors; a++)
            free_actor[a] = p->usable[a] && p->owner[a] == NONE;
        size_t found;
        double last;
        if ((st = search_into(p, free_actor, k, &found, &last, err)) != CC_OK ||
            !greedy_fill(p))
            break;
    }
    free(free_actor);
    return st;
}

/* ------------------------------------------------------------ local search */

/* Puts back a plan saved by a move that did not pay. */
static void plan_restore(planner *p, const cc_triad *saved, size_t count)
{
    while (p->count)
        plan_remove(p, p->count - 1);
    for (size_t i = 0; i < count; i++)
        plan_add(p, &saved[i]);
}

/* Candidate c goes in, the plan triads it shares actors with go out (when
 * the plan is full and it shares none, the weakest does), and greedy fills
 * what they left: kept when the total rises and `keep` says so; *gain
 * receives the change. */
static bool try_insert(planner *p, size_t c, cc_triad *saved, bool keep,
                       double *gain)
{
    const cc_triad *t = &p->cand[c];
    size_t conflict[CC_SECTORS], n = 0;
    *gain = 0.0;
    for (int k = 0; k < CC_SECTORS; k++) {
        size_t o = p->owner[t->member[k]];
        bool seen = o == NONE;
        for (size_t i = 0; i < n && !seen; i++)
            seen = conflict[i] == o;
        if (!seen)
            conflict[n++] = o;
    }
    if (n == 1 && same_triad(&p->plan[conflict[0]], t->member))
        return false; /* in the plan already */
    if (n == 0 && p->count == p->limit) {
        size_t weakest = 0;
        for (size_t i = 1; i < p->count; i++)
            if (p->plan[i].score < p->plan[weakest].score)
                weakest = i;
        conflict[n++] = weakest;
    }
    double before = plan_total(p->plan, p->count);
    size_t count = p->count;
    memcpy(saved, p->plan, count * sizeof *saved);
    /* the highest slots first: plan_remove moves the last one */
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            if (conflict[j] > conflict[i]) {
                size_t x = conflict[i];
                conflict[i] = conflict[j], conflict[j] = x;
            }
    for (size_t i = 0; i < n; i++)
        plan_remove(p, conflict[i]);
    plan_add(p, t);
    greedy_fill(p);
    *gain = plan_total(p->plan, p->count) - before;
    if (keep && *gain > GAIN)
        return true;
    plan_restore(p, saved, count);
    return false;
}

/* Plan triad i goes out and greedy fills what it left (two weaker triads
 * may beat one strong one): kept when the total rises. */
static bool try_remove(planner *p, size_t i, cc_triad *saved)
{
    double before = plan_total(p->plan, p->count);
    size_t count = p->count;
    memcpy(saved, p->plan, count * sizeof *saved);
    cc_triad out = p->plan[i];
    plan_remove(p, i);
    /* the triad itself must not come straight back */
    for (int k = 0; k < CC_SECTORS; k++)
        p->owner[out.member[k]] = count; /* a slot that is no triad: taken */
    greedy_fill(p);
    for (int k = 0; k < CC_SECTORS; k++)
        p->owner[out.member[k]] = NONE;
    greedy_fill(p);
    if (plan_total(p->plan, p->count) > before + GAIN)
        return true;
    plan_restore(p, saved, count);
    return false;
}

/* The candidate moves: the first that pays is made (the fastest way up
 * on large instances), or with `steepest` the one that pays most (which
 * climbs out of more traps: the other starts take it). */
static bool improve_by_candidates(planner *p, cc_triad *saved, bool steepest)
{
    bool improved = false;
    double gain, most = GAIN;
    size_t best = NONE;
    for (size_t c = 0; c < p->cand_count && now() < p->deadline; c++) {
        improved |= try_insert(p, c, saved, !steepest, &gain);
        if (steepest && gain > most)
            most = gain, best = c;
    }
    if (best != NONE)
        improved |= try_insert(p, best, saved, true, &gain);
    for (size_t i = 0; i < p->count && now() < p->deadline; i++)
        improved |= try_remove(p, i, saved);
    return improved;
}

/* Two plan triads exchange their members of one sector when that raises
 * their sum. */
static bool exchange_members(planner *p)
{
    bool improved = false;
    for (size_t i = 0; i < p->count && now() < p->deadline; i++)
        for (size_t j = i + 1; j < p->count; j++)
            for (int k = 0; k < CC_SECTORS; k++) {
                cc_triad a = p->plan[i], b = p->plan[j];
                size_t x = a.member[k];
                a.member[k] = b.member[k];
                b.member[k] = x;
                score_triad(p, &a);
                score_triad(p, &b);
                if (a.score + b.score <= p->plan[i].score + p->plan[j].score + GAIN ||
                    !acceptable(p, &a) || !acceptable(p, &b))
                    continue;
                p->plan[i] = a;
                p->plan[j] = b;
                p->owner[a.member[k]] = i;
                p->owner[b.member[k]] = j;
                improved = true;
            }
    return improved;
}

/* A member is replaced by the free usable actor of its sector that raises
 * its triad's score the most. */
static bool replace_members(planner *p, const size_t *by_sector[CC_SECTORS])
{
    bool improved = false;
    for (size_t i = 0; i < p->count && now() < p->deadline; i++)
        for (int k = 0; k < CC_SECTORS; k++) {
            cc_triad best = p->plan[i], t = best;
            for (size_t n = 0; n < p->per_sector[k]; n++) {
                size_t a = by_sector[k][n];
                if (p->owner[a] != NONE)
                    continue;
                t.member[k] = a;
                score_triad(p, &t);
                if (t.score > best.score + GAIN && acceptable(p, &t))
                    best = t;
            }
            if (best.member[k] == p->plan[i].member[k])
                continue;
            p->owner[p->plan[i].member[k]] = NONE;
            p->owner[best.member[k]] = i;
            p->plan[i] = best;
            improved = true;
        }
    return improved;
}

/* The usable actors of each sector, in one malloc'd block. */
static size_t *sector_lists(const planner *p, const size_t *by_sector[CC_SECTORS])
{
    size_t *all = malloc((p->actors + 1) * sizeof *all), n = 0;
    if (!all)
        return NULL;
    for (int k = 0; k < CC_SECTORS; k++) {
        by_sector[k] = all + n;
        for (size_t a = 0; a < p->actors; a++)
            if (p->usable[a] && p->s->actors->items[a].sector == (cc_sector)k)
                all[n++] = a;
    }
    return all;
}

/* Other starts: each of the best candidates in turn goes first, greedy
 * and the candidate moves follow, and the best plan met is kept. As many
 * starts as cost about what one pass over a few thousand candidates does,
 * so that small instances get many and large ones few. */
static void other_starts(planner *p, cc_triad *saved, cc_triad *best)
{
    enum { WORK = 20000000 };
    size_t starts = WORK / (p->cand_count * p->cand_count + 1), best_count = p->count;
    double best_total = plan_total(p->plan, p->count);
    memcpy(best, p->plan, p->count * sizeof *best);
    for (size_t c = 1; c < p->cand_count && c <= starts && now() < p->deadline; c++) {
        plan_restore(p, NULL, 0);
        plan_add(p, &p->cand[c]);
        greedy_fill(p);
        while (improve_by_candidates(p, saved, true) && now() < p->deadline)
            ;
        double total = plan_total(p->plan, p->count);
        if (total > best_total + GAIN) {
            best_total = total;
            best_count = p->count;
            memcpy(best, p->plan, p->count * sizeof *best);
        }
    }
    plan_restore(p, best, best_count);
}

static cc_status local_search(planner *p, cc_error *err)
{
    const size_t *by_sector[CC_SECTORS];
    size_t *lists = sector_lists(p, by_sector);
    cc_triad *saved = malloc((p->limit + 1) * sizeof *saved);
    cc_triad *best = malloc((p->limit + 1) * sizeof *best);
    if (!lists || !saved || !best) {
        free(lists);
        free(saved);
        free(best);
        return cc_error_add(err, CC_ESOFTWARE, "out of memory");
    }
    other_starts(p, saved, best);
    for (bool improved = true; improved && now() < p->deadline;) {
        improved = improve_by_candidates(p, saved, false);
        improved |= exchange_members(p);
        improved |= replace_members(p, by_sector);
    }
    free(lists);
    free(saved);
    free(best);
    return CC_OK;
}

/* ---------------------------------------------------------------- bound */

static int by_value_desc(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return a > b ? -1 : a < b ? 1 : 0;
}

/* L(lambda) of the header comment. `reduced` (room for cand_count +
 * limit) is scratch; `pick` receives, per candidate, whether the
 * relaxation takes it. */
static double lagrangian(const planner *p, const double *lambda, double *reduced,
                         double *sorted, bool *pick)
{
    double sum = 0.0;
    for (size_t a = 0; a < p->actors; a++)
        sum += lambda[a];
    size_t n = 0;
    for (size_t c = 0; c < p->cand_count; c++) {
        const size_t *m = p->cand[c].member;
        reduced[c] = p->cand[c].score - lambda[m[0]] - lambda[m[1]] - lambda[m[2]];
        if (reduced[c] > 0)
            sorted[n++] = reduced[c];
    }
    if (!p->complete) {
        double least[CC_SECTORS] = {INFINITY, INFINITY, INFINITY};
        for (size_t a = 0; a < p->actors; a++) {
            int k = (int)p->s->actors->items[a].sector;
            if (p->usable[a] && lambda[a] < least[k])
                least[k] = lambda[a];
        }
        double outside = p->theta + CC_SCORE_EPSILON - least[0] - least[1] - least[2];
        for (size_t i = 0; outside > 0 && i < p->limit; i++)
            sorted[n++] = outside;
    }
    qsort(sorted, n, sizeof *sorted, by_value_desc);
    size_t take = n < p->limit ? n : p->limit;
    double cut = take ? sorted[take - 1] : INFINITY;
    for (size_t i = 0; i < take; i++)
        sum += sorted[i];
    /* which candidates the relaxation takes: those above the cut, and
     * among those at it as many as it took */
    size_t at_cut = 0;
    for (size_t i = 0; i < take; i++)
        at_cut += sorted[i] == cut;
    for (size_t c = 0; c < p->cand_count; c++) {
        pick[c] = reduced[c] > 0 && (reduced[c] > cut || (reduced[c] == cut && at_cut > 0));
        if (pick[c] && reduced[c] == cut)
            at_cut--;
    }
    return sum;
}

/* The actors the candidates hold, each once, into a malloc'd array. */
static size_t *candidate_actors(const planner *p, size_t *count)
{
    bool *seen = calloc(p->actors + 1, sizeof *seen);
    size_t *list = malloc((CC_SECTORS * p->cand_count + 1) * sizeof *list);
    *count = 0;
    for (size_t c = 0; seen && list && c < p->cand_count; c++)
        for (int k = 0; k < CC_SECTORS; k++) {
            size_t a = p->cand[c].member[k];
            if (!seen[a]) {
                seen[a] = true;
                list[(*count)++] = a;
            }
        }
    if (!seen) {
        free(list);
        list = NULL;
    }
    free(seen);
    return list;
}

/* The least L(lambda) met by subgradient steps, plus the margin. */
static cc_status lagrangian_bound(const planner *p, double total, double *bound, cc_error *err)
{
    size_t room = p->cand_count + p->limit + 1, held;
    double *lambda = calloc(p->actors + 1, sizeof *lambda);
    double *reduced = malloc(room * sizeof *reduced), *sorted = malloc(room * sizeof *sorted);
    double *g = malloc((p->actors + 1) * sizeof *g);
    bool *pick = malloc(room * sizeof *pick);
    size_t *actors = candidate_actors(p, &held);
    if (!lambda || !reduced || !sorted || !g || !pick || !actors) {
        free(lambda), free(reduced), free(sorted), free(g), free(pick), free(actors);
        return cc_error_add(err, CC_ESOFTWARE, "out of memory");
    }
    double best = INFINITY, alpha = 2.0;
    int stale = 0;
    enum { MOST = 3000, FEWEST = 50, PATIENCE = 20 };
    for (int it = 0; it < MOST && alpha > 1e-4; it++) {
        if (it >= FEWEST && now() > p->start + p->opt->time_limit)
            break;
        double l = lagrangian(p, lambda, reduced, sorted, pick);
        if (l < best - GAIN)
            best = l, stale = 0;
        else if (++stale >= PATIENCE)
            alpha /= 2, stale = 0;
        if (best - total <= BOUND_MARGIN)
            break;
        /* g_a = 1 - the relaxation's triads holding a; only the actors of
         * the candidates can have a multiplier above 0 */
        for (size_t i = 0; i < held; i++)
            g[actors[i]] = 1.0;
        for (size_t c = 0; c < p->cand_count; c++)
            for (int k = 0; pick[c] && k < CC_SECTORS; k++)
                g[p->cand[c].member[k]] -= 1.0;
        double norm = 0.0;
        for (size_t i = 0; i < held; i++) {
            size_t a = actors[i];
            if (g[a] > 0 && lambda[a] <= 0)
                g[a] = 0.0; /* already as low as it may be */
            norm += g[a] * g[a];
        }
        if (norm == 0.0)
            break; /* no multiplier can move */
        double step = alpha * (l - total) / norm;
        for (size_t i = 0; i < held; i++)
            lambda[actors[i]] = fmax(0.0, lambda[actors[i]] - step * g[actors[i]]);
    }
    free(lambda), free(reduced), free(sorted), free(g), free(pick), free(actors);
    *bound = best + BOUND_MARGIN * (double)(p->limit + 1);
    return CC_OK;
}

/* ------------------------------------------------------------- planning */

/* Which actors may be in a triad: eligible, and the required one of its
 * sector when --require names one there; `per_sector` counts them. Two
 * different required actors of one sector leave none of that sector. */
static bool *usable_actors(const cc_scorer *s, const cc_rank_options *ro,
                           size_t per_sector[CC_SECTORS])
{
    size_t n = s->actors->count, required[CC_SECTORS] = {NONE, NONE, NONE};
    bool clash[CC_SECTORS] = {false, false, false};
    bool *usable = malloc(n + 1);
    if (!usable)
        return NULL;
    for (size_t r = 0; r < ro->required_count; r++) {
        size_t a = ro->required[r];
        int k = (int)s->actors->items[a].sector;
        clash[k] |= required[k] != NONE && required[k] != a;
        required[k] = a;
    }
    for (int k = 0; k < CC_SECTORS; k++)
        per_sector[k] = 0;
    for (size_t a = 0; a < n; a++) {
        int k = (int)s->actors->items[a].sector;
        usable[a] = (!ro->eligible || ro->eligible[a]) && !clash[k] &&
                    (required[k] == NONE || required[k] == a);
        per_sector[k] += usable[a];
    }
    return usable;
}

/* The ranking options of a plan: the caller's, with the plan's floor. */
static cc_rank_options floored(const cc_rank_options *ro)
{
    cc_rank_options o = *ro;
    if (!o.has_min_score || o.min_score < PLAN_FLOOR)
        o.min_score = PLAN_FLOOR;
    o.has_min_score = true;
    return o;
}

static cc_status setup(planner *p, const cc_scorer *s, const cc_plan_options *opt, cc_error *err)
{
    p->s = s;
    p->opt = opt;
    p->ro = floored(&opt->rank);
    p->actors = s->actors->count;
    p->start = now();
    p->deadline = p->start + 0.85 * opt->time_limit;
    p->usable = usable_actors(s, &opt->rank, p->per_sector);
    p->owner = malloc((p->actors + 1) * sizeof *p->owner);
    size_t most = p->per_sector[0];
    for (int k = 1; k < CC_SECTORS; k++)
        most = p->per_sector[k] < most ? p->per_sector[k] : most;
    p->limit = opt->partnerships && opt->partnerships < most ? opt->partnerships : most;
    p->plan = malloc((p->limit + 1) * sizeof *p->plan);
    if (!p->usable || !p->owner || !p->plan || !grow_slots(p, 1))
        return cc_error_add(err, CC_ESOFTWARE, "out of memory");
    for (size_t a = 0; a < p->actors; a++)
        p->owner[a] = NONE;
    return CC_OK;
}

/* How many triads the usable actors form, SIZE_MAX past what size_t counts. */
static size_t triad_count(const planner *p)
{
    size_t n = 1;
    for (int k = 0; k < CC_SECTORS; k++) {
        if (p->per_sector[k] && n > SIZE_MAX / p->per_sector[k])
            return SIZE_MAX;
        n *= p->per_sector[k];
    }
    return n;
}

static double remaining(const planner *p)
{
    double left = p->start + p->opt->time_limit - now();
    return left > 0.05 ? left : 0.05;
}

/* Every qualifying triad, then the integer program. *solved is false when
 * its time ran out before any plan: the heuristic then goes on from the
 * (complete) candidates. */
static cc_status plan_exact(planner *p, bool *solved, bool *optimal, double *bound,
                            cc_error *err)
{
    size_t found, *chosen = NULL, chosen_count;
    double last;
    *solved = false;
    cc_status st = search_into(p, p->usable, triad_count(p), &found, &last, err);
    p->complete = true;
    if (st == CC_OK && !(chosen = malloc((p->limit + 1) * sizeof *chosen)))
        st = cc_error_add(err, CC_ESOFTWARE, "out of memory");
    if (st == CC_OK)
        st = cc_plan_ilp(p->cand, p->cand_count, p->actors, p->limit, remaining(p), chosen,
                         &chosen_count, optimal, bound, err);
    if (st == CC_OK) {
        for (size_t i = 0; i < chosen_count; i++)
            plan_add(p, &p->cand[chosen[i]]);
        *solved = true;
    }
    free(chosen);
    return st == CC_EUSAGE ? CC_OK : st;
}

/* The first search's K: 20 times N, so that the plan's triads and their
 * rivals are among the candidates, and at least 2,000, whose K-th score
 * bounds the other triads closely enough; at most 10,000, within what a
 * search does in seconds on large data. */
static size_t first_k(const planner *p)
{
    if (p->opt->candidates)
        return p->opt->candidates;
    size_t k = 20 * p->limit;
    return k < 2000 ? 2000 : k > 10000 ? 10000 : k;
}

static cc_status plan_heuristic(planner *p, cc_error *err)
{
    cc_status st = CC_OK;
    if (p->cand_count == 0 && !p->complete) {
        size_t k = first_k(p), found;
        double last;
        st = search_into(p, p->usable, k, &found, &last, err);
        p->complete = found < k;
        p->theta = last;
    }
    if (st != CC_OK)
        return st;
    greedy_fill(p);
    if (!p->complete && (st = fill_rounds(p, first_k(p), err)) != CC_OK)
        return st;
    return local_search(p, err);
}

/* Ranking order for the output: by score first (qsort), then insertion
 * by cc_triad_compare, which only moves ties. */
static void rank_order(const cc_actors *actors, cc_triad *items, size_t count)
{
    qsort(items, count, sizeof *items, by_score);
    for (size_t i = 1; i < count; i++) {
        cc_triad t = items[i];
        size_t j = i;
        for (; j > 0 && cc_triad_compare(actors, &t, &items[j - 1]) < 0; j--)
            items[j] = items[j - 1];
        items[j] = t;
    }
}

static void planner_free(planner *p)
{
    free(p->usable);
    free(p->owner);
    free(p->cand);
    free(p->slots);
    free(p->plan);
}

cc_status cc_plan_make(const cc_scorer *s, const cc_plan_options *opt, cc_plan *out,
                       cc_error *err)
{
    planner p = {0};
    *out = (cc_plan){0};
    cc_status st = setup(&p, s, opt, err);
    bool solved = false, optimal = false;
    double bound = INFINITY;
    if (st == CC_OK && p.limit == 0) {
        solved = optimal = p.complete = true;
        bound = 0.0;
    } else if (st == CC_OK && opt->method != CC_PLAN_HEURISTIC &&
               (opt->method == CC_PLAN_EXACT ||
                triad_count(&p) <= (opt->exact_limit ? opt->exact_limit : CC_PLAN_EXACT_LIMIT))) {
        st = plan_exact(&p, &solved, &optimal, &bound, err);
    }
    if (st == CC_OK && !optimal) {
        if (!solved || p.count == 0)
            st = plan_heuristic(&p, err);
        else
            st = local_search(&p, err); /* from the integer program's plan */
    }
    double total = plan_total(p.plan, p.count), relaxed = INFINITY;
    for (size_t i = 0; st == CC_OK && !optimal && i < p.count; i++)
        if (!add_candidate(&p, &p.plan[i]))
            st = cc_error_add(err, CC_ESOFTWARE, "out of memory");
    if (st == CC_OK && !optimal)
        st = lagrangian_bound(&p, total, &relaxed, err);
    if (st == CC_OK) {
        rank_order(s->actors, p.plan, p.count);
        out->items = p.plan;
        out->count = p.count;
        out->total = total;
        out->exact = solved;
        out->bound = optimal ? total : fmin(bound + BOUND_MARGIN, relaxed);
        /* a bound within rounding of the total proves the plan best */
        out->optimal = optimal || out->bound - total <= BOUND_MARGIN * (double)(p.limit + 2);
        out->limit = p.limit;
        sort_candidates(&p);
        out->candidates = p.cand;
        out->candidate_count = p.cand_count;
        out->complete = p.complete;
        p.plan = NULL;
        p.cand = NULL;
    }
    planner_free(&p);
    return st;
}

double cc_plan_gap(const cc_plan *p)
{
    if (p->bound <= 0.0 || p->total >= p->bound)
        return 0.0;
    return (p->bound - p->total) / p->bound;
}

void cc_plan_free(cc_plan *p)
{
    if (!p)
        return;
    free(p->items);
    free(p->candidates);
    *p = (cc_plan){0};
}

/* ------------------------------------------------------------ left out */

/* Whether some qualifying triad holds actor `a` with its partners among
 * `eligible` (a search with `a` required). */
static cc_status has_triad(const cc_scorer *s, const cc_rank_options *ro, bool *eligible,
                           size_t a, bool *found, cc_error *err)
{
    size_t *required = malloc((ro->required_count + 1) * sizeof *required);
    if (!required)
        return cc_error_add(err, CC_ESOFTWARE, "out of memory");
    if (ro->required_count)
        memcpy(required, ro->required, ro->required_count * sizeof *required);
    required[ro->required_count] = a;
    cc_rank_options o = *ro;
    o.k = 1;
    o.max_per_actor = 0;
    o.required = required;
    o.required_count = ro->required_count + 1;
    o.eligible = eligible;
    o.progress = NULL;
    bool was = eligible[a];
    eligible[a] = true;
    cc_ranking r = {0};
    cc_status st = cc_rank_top(s, &o, &r, err);
    eligible[a] = was;
    *found = r.count > 0;
    cc_ranking_free(&r);
    free(required);
    return st;
}

/* What the candidates tell of each actor outside the plan: in some
 * qualifying triad (`any`), in one whose partners are free (`open`). */
static void candidates_tell(const cc_plan *p, const bool *in_plan, bool *any, bool *open)
{
    for (size_t c = 0; c < p->candidate_count; c++) {
        const size_t *m = p->candidates[c].member;
        for (int k = 0; k < CC_SECTORS; k++) {
            size_t a = m[k], x = m[(k + 1) % CC_SECTORS], y = m[(k + 2) % CC_SECTORS];
            if (in_plan[a])
                continue;
            any[a] = true;
            open[a] |= !in_plan[x] && !in_plan[y];
        }
    }
}

cc_status cc_plan_left_out(const cc_scorer *s, const cc_plan_options *opt, const cc_plan *p,
                           cc_plan_left **out, size_t *count, cc_error *err)
{
    size_t n = s->actors->count, per_sector[CC_SECTORS];
    cc_rank_options ro = floored(&opt->rank), unrecorded = ro;
    unrecorded.history = NULL;
    bool *usable = usable_actors(s, &opt->rank, per_sector);
    bool *in_plan = calloc(n + 1, 1), *any = calloc(n + 1, 1), *open = calloc(n + 1, 1);
    bool *free_usable = malloc(n + 1);
    *out = malloc((n + 1) * sizeof **out);
    *count = 0;
    cc_status st = CC_OK;
    if (!usable || !in_plan || !any || !open || !free_usable || !*out)
        st = cc_error_add(err, CC_ESOFTWARE, "out of memory");
    for (size_t i = 0; st == CC_OK && i < p->count; i++)
        for (int k = 0; k < CC_SECTORS; k++)
            in_plan[p->items[i].member[k]] = true;
    if (st == CC_OK) {
        candidates_tell(p, in_plan, any, open);
        for (size_t a = 0; a < n; a++)
            free_usable[a] = usable[a] && !in_plan[a];
    }
    for (size_t a = 0; st == CC_OK && a < n; a++) {
        if (in_plan[a] || (opt->rank.eligible && !opt->rank.eligible[a]))
            continue;
        if (usable[a] && !p->complete && !open[a])
            st = has_triad(s, &ro, free_usable, a, &open[a], err);
        if (st == CC_OK && usable[a] && !p->complete && !open[a] && !any[a])
            st = has_triad(s, &ro, usable, a, &any[a], err);
        cc_left_reason why = open[a]  ? (p->count == p->limit ? CC_LEFT_FULL : CC_LEFT_UNCHOSEN)
                             : any[a] ? CC_LEFT_TAKEN
                                      : CC_LEFT_NO_PARTNER;
        /* no partner with the history: would it have one without? */
        bool tried = false;
        if (st == CC_OK && why == CC_LEFT_NO_PARTNER && usable[a] && ro.history)
            st = has_triad(s, &unrecorded, usable, a, &tried, err);
        if (tried)
            why = CC_LEFT_HISTORY;
        (*out)[(*count)++] = (cc_plan_left){a, why};
    }
    free(usable);
    free(in_plan);
    free(any);
    free(open);
    free(free_usable);
    if (st != CC_OK) {
        free(*out);
        *out = NULL;
        *count = 0;
    }
    return st;
}
