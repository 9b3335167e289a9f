/* test_plan.c — programme planning against the best plan found by the
 * test itself: an exhaustive search over every set of disjoint triads on
 * tiny random instances, and the integer program (proven optimal) on
 * instances of up to 30 actors per sector. On each: the plan is disjoint,
 * holds at most N triads, each eligible and above the floor; its bound is
 * never below its total nor below the optimum; the exact method reaches
 * the optimum and the heuristic, forced, at least 97% of it (also with
 * few candidates, where the bound leans on the K-th candidate's score). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cocreate/plan.h"
#include "harness.h"

static unsigned rng_state;
static unsigned rnd(unsigned n)
{
    rng_state = rng_state * 1103515245u + 12345u;
    return (rng_state >> 8) % n;
}

static const char *const places[] = {"", "FR", "FR/HdF", "FR/HdF/Lille", "FR/IdF", "BE"};

static void random_tags(char *out, unsigned pool, unsigned max)
{
    out[0] = '\0';
    unsigned n = rnd(max + 1);
    for (unsigned i = 0; i < n; i++)
        sprintf(out + strlen(out), "%st%u", i ? ";" : "", rnd(pool));
}

/* `per` actors of each sector (give or take `spread`), random tags. */
static char *random_csv(unsigned per, unsigned spread)
{
    size_t n = 3 * (per + spread);
    char *csv = malloc(160 * (n + 1)), tags[64], seeks[64];
    strcpy(csv, "id,name,sector,expertise,seeks,territory,reach\n");
    for (int k = 0; k < 3; k++) {
        unsigned count = per + (spread ? rnd(spread + 1) : 0);
        for (unsigned i = 0; i < count; i++) {
            random_tags(tags, 10, 4);
            random_tags(seeks, 10, 2);
            sprintf(csv + strlen(csv), "%c%u,Actor %c%u,%s,%s,%s,%s,%u\n", "scp"[k], i, "scp"[k],
                    i, (const char *[]){"social", "company", "public"}[k], tags, seeks,
                    places[rnd(6)], rnd(3) ? rnd(100000) : 0);
        }
    }
    return csv;
}

typedef struct {
    cc_intern *tags;
    cc_actors actors;
    cc_challenge ch;
    cc_scorer scorer;
    bool *eligible;
} instance;

static void instance_open(instance *x, const char *csv, const char *needs, const bool *eligible)
{
    cc_error err = {0};
    x->tags = cc_intern_new();
    CU_ASSERT_EQUAL_FATAL(
        cc_actors_load_buffer(&x->actors, "t.csv", csv, strlen(csv), NULL, x->tags, &err), CC_OK);
    CU_ASSERT_EQUAL_FATAL(cc_challenge_from_needs(&x->ch, needs, x->tags, &err), CC_OK);
    cc_weights w = cc_weights_profile((cc_ambition)rnd(CC_AMBITIONS));
    unsigned dropped;
    CU_ASSERT_EQUAL_FATAL(cc_weights_finish(&w, &x->actors, &dropped, &err), CC_OK);
    x->eligible = NULL;
    if (eligible) {
        x->eligible = malloc(x->actors.count);
        memcpy(x->eligible, eligible, x->actors.count);
    }
    CU_ASSERT_EQUAL_FATAL(cc_scorer_init(&x->scorer, &x->actors, &x->ch, &w, x->eligible, &err),
                          CC_OK);
}

static void instance_close(instance *x)
{
    cc_scorer_free(&x->scorer);
    cc_challenge_clear(&x->ch);
    cc_actors_free(&x->actors);
    cc_intern_free(x->tags);
    free(x->eligible);
}

/* ------------------------------------------------------ exhaustive optimum */

typedef struct {
    const instance *x;
    const cc_rank_options *o;
    size_t limit;
    size_t *by_sector[3];
    size_t count[3];
    bool *used;
    double best;
} exhaustive;

static bool qualifies(const exhaustive *e, const size_t m[3], double *score)
{
    const cc_rank_options *o = e->o;
    for (int k = 0; k < 3; k++)
        if (o->eligible && !o->eligible[m[k]])
            return false;
    for (size_t r = 0; r < o->required_count; r++)
        if (o->required[r] != m[0] && o->required[r] != m[1] && o->required[r] != m[2])
            return false;
    double comp[5];
    *score = cc_scorer_score(&e->x->scorer, m, comp);
    double floor = o->has_min_score && o->min_score > 2e-9 ? o->min_score : 2e-9;
    return *score >= floor - CC_SCORE_EPSILON;
}

/* Social actor i onwards: each is left alone or put in a triad with a free
 * company and a free public actor. */
static void explore(exhaustive *e, size_t i, size_t taken, double total)
{
    if (total > e->best)
        e->best = total;
    if (i == e->count[0] || taken == e->limit)
        return;
    explore(e, i + 1, taken, total);
    size_t s = e->by_sector[0][i];
    for (size_t j = 0; j < e->count[1]; j++) {
        size_t c = e->by_sector[1][j];
        if (e->used[c])
            continue;
        for (size_t l = 0; l < e->count[2]; l++) {
            size_t p = e->by_sector[2][l];
            double score;
            const size_t m[3] = {s, c, p};
            if (e->used[p] || !qualifies(e, m, &score))
                continue;
            e->used[c] = e->used[p] = true;
            explore(e, i + 1, taken + 1, total + score);
            e->used[c] = e->used[p] = false;
        }
    }
}

static double exhaustive_optimum(const instance *x, const cc_rank_options *o, size_t limit)
{
    exhaustive e = {.x = x, .o = o, .limit = limit ? limit : SIZE_MAX};
    size_t n = x->actors.count;
    e.used = calloc(n, 1);
    for (int k = 0; k < 3; k++) {
        e.by_sector[k] = malloc(n * sizeof *e.by_sector[k]);
        for (size_t a = 0; a < n; a++)
            if (x->actors.items[a].sector == (cc_sector)k)
                e.by_sector[k][e.count[k]++] = a;
    }
    explore(&e, 0, 0, 0.0);
    for (int k = 0; k < 3; k++)
        free(e.by_sector[k]);
    free(e.used);
    return e.best;
}

/* ------------------------------------------------------------ the checks */

/* What every plan must be: disjoint, at most N triads of eligible actors,
 * each above the floor with its true score, the total their sum, and the
 * bound at least the total and the optimum. */
static void check_plan(const instance *x, const cc_plan_options *opt, const cc_plan *p,
                       double optimum)
{
    size_t n = x->actors.count;
    bool *used = calloc(n, 1), disjoint = true, fine = true;
    double total = 0;
    CU_ASSERT(p->count <= p->limit);
    CU_ASSERT(!opt->partnerships || p->count <= opt->partnerships);
    for (size_t i = 0; i < p->count; i++) {
        const cc_triad *t = &p->items[i];
        double score, comp[5];
        exhaustive e = {.x = x, .o = &opt->rank};
        fine &= qualifies(&e, t->member, &score) && fabs(score - t->score) < 1e-12;
        fine &= cc_scorer_score(&x->scorer, t->member, comp) == t->score;
        for (int k = 0; k < 3; k++) {
            fine &= x->actors.items[t->member[k]].sector == (cc_sector)k;
            disjoint &= !used[t->member[k]];
            used[t->member[k]] = true;
        }
        total += t->score;
        if (i)
            fine &= cc_triad_compare(&x->actors, &p->items[i - 1], t) <= 0;
    }
    CU_ASSERT(disjoint);
    CU_ASSERT(fine);
    CU_ASSERT_DOUBLE_EQUAL(total, p->total, 1e-9);
    CU_ASSERT(p->bound >= p->total);
    CU_ASSERT(p->bound >= optimum - 1e-9);
    CU_ASSERT(p->total <= optimum + 1e-9);
    free(used);
}

/* One random tiny instance with random options: exact == exhaustive
 * optimum; the heuristic at least 97% of it; every bound valid, also the
 * heuristic's with a handful of candidates (where theta bounds the rest). */
static void check_tiny(unsigned seed, double *worst)
{
    rng_state = seed;
    char *csv = random_csv(1 + rnd(4), 2);
    char needs[64] = "";
    for (int i = 0, k = 1 + (int)rnd(5); i < k; i++)
        sprintf(needs + strlen(needs), "%st%d:%d", i ? ";" : "", i, 1 + (int)rnd(3));
    instance x;
    instance_open(&x, csv, needs, NULL);
    size_t n = x.actors.count;
    size_t excluded[1] = {rnd((unsigned)n)};
    bool *eligible = cc_rank_eligible(&x.actors, rnd(3) ? NULL : places[1 + rnd(5)], excluded,
                                      rnd(2));
    size_t required[1] = {rnd((unsigned)n)};
    cc_plan_options opt = {.partnerships = rnd(2) ? 0 : 1 + rnd(4), .time_limit = HUGE_VAL};
    opt.rank = (cc_rank_options){.eligible = eligible, .required = required,
                                 .required_count = rnd(6) == 0, .has_min_score = rnd(3) == 0,
                                 .min_score = rnd(60) / 100.0};
    double optimum = exhaustive_optimum(&x, &opt.rank, opt.partnerships);
    static const cc_plan_method methods[] = {CC_PLAN_AUTO, CC_PLAN_EXACT, CC_PLAN_HEURISTIC,
                                             CC_PLAN_HEURISTIC};
    for (int m = 0; m < 4; m++) {
        opt.method = methods[m];
        opt.candidates = m == 3 ? 1 + rnd(6) : 0; /* few: theta bounds the others */
        cc_plan p;
        cc_error err = {0};
        CU_ASSERT_EQUAL_FATAL(cc_plan_make(&x.scorer, &opt, &p, &err), CC_OK);
        check_plan(&x, &opt, &p, optimum);
        if (m < 2) {
            CU_ASSERT(p.exact && p.optimal);
            CU_ASSERT_DOUBLE_EQUAL(p.total, optimum, 1e-9);
            if (fabs(p.total - optimum) > 1e-9)
                fprintf(stderr, "\n  seed %u: exact %.6f, optimum %.6f\n", seed, p.total, optimum);
        } else if (m == 2 && optimum > 0 && p.total / optimum < *worst) {
            *worst = p.total / optimum;
        }
        cc_plan_free(&p);
    }
    free(eligible);
    instance_close(&x);
    free(csv);
}

static void test_tiny_exhaustive(void)
{
    double worst = 1.0;
    for (unsigned seed = 1; seed <= 600; seed++)
        check_tiny(seed, &worst);
    printf("\n  heuristic, tiny instances: worst %.4f of the optimum\n", worst);
    CU_ASSERT(worst >= 0.97);
}

/* Instances of 10 to 30 actors per sector: the heuristic alone, forced,
 * against the integer program's proven optimum. No time limit: the
 * result must not depend on how fast the machine (or a sanitizer build)
 * runs. */
static void test_up_to_30_per_sector(void)
{
    double worst = 1.0, sum = 0;
    int runs = 0;
    for (unsigned seed = 100; seed < 140; seed++) {
        rng_state = seed;
        char *csv = random_csv(10 + rnd(21), 0);
        char needs[64] = "";
        for (int i = 0, k = 2 + (int)rnd(5); i < k; i++)
            sprintf(needs + strlen(needs), "%st%d:%d", i ? ";" : "", i, 1 + (int)rnd(3));
        instance x;
        instance_open(&x, csv, needs, NULL);
        cc_plan_options opt = {.partnerships = rnd(2) ? 0 : 1 + rnd(15), .time_limit = HUGE_VAL};
        cc_plan exact, heur;
        cc_error err = {0};
        opt.method = CC_PLAN_EXACT;
        CU_ASSERT_EQUAL_FATAL(cc_plan_make(&x.scorer, &opt, &exact, &err), CC_OK);
        CU_ASSERT(exact.optimal);
        check_plan(&x, &opt, &exact, exact.total);
        opt.method = CC_PLAN_HEURISTIC;
        CU_ASSERT_EQUAL_FATAL(cc_plan_make(&x.scorer, &opt, &heur, &err), CC_OK);
        check_plan(&x, &opt, &heur, exact.total);
        double ratio = exact.total > 0 ? heur.total / exact.total : 1.0;
        worst = fmin(worst, ratio);
        sum += ratio;
        runs++;
        cc_plan_free(&exact);
        cc_plan_free(&heur);
        instance_close(&x);
        free(csv);
    }
    printf("\n  heuristic, 10-30 actors per sector: worst %.4f, mean %.4f of the optimum\n",
           worst, sum / runs);
    CU_ASSERT(worst >= 0.97);
}

/* ------------------------------------------------------ hand-made cases */

/* Needs "a", coverage alone: a triad scores 1 when a member offers a, else
 * 0 (below the floor). */
static void open_fixed(instance *x, const char *csv)
{
    cc_error err = {0};
    x->tags = cc_intern_new();
    x->eligible = NULL;
    CU_ASSERT_EQUAL_FATAL(
        cc_actors_load_buffer(&x->actors, "t.csv", csv, strlen(csv), NULL, x->tags, &err), CC_OK);
    CU_ASSERT_EQUAL_FATAL(cc_challenge_from_needs(&x->ch, "a", x->tags, &err), CC_OK);
    cc_weights w = {.w = {[CC_COVERAGE] = 1}};
    CU_ASSERT_EQUAL_FATAL(cc_scorer_init(&x->scorer, &x->actors, &x->ch, &w, NULL, &err), CC_OK);
}

static const char fixed_csv[] = "id,name,sector,expertise\n"
                                "s1,S1,social,a\n"
                                "s2,S2,social,\n"
                                "s3,S3,social,a\n"
                                "c1,C1,company,\n"
                                "c2,C2,company,\n"
                                "p1,P1,public,\n"
                                "p2,P2,public,\n";

static cc_left_reason reason_of(const cc_plan_left *left, size_t count, size_t actor)
{
    for (size_t i = 0; i < count; i++)
        if (left[i].actor == actor)
            return left[i].reason;
    return CC_LEFT_REASONS;
}

/* s2 has no partner above the floor (it offers nothing, nor do c and p);
 * with N = 1, s3 could pair with the free c and p: the plan is full; with
 * s3 excluded and N = 1... */
static void check_reasons(cc_plan_method method, size_t candidates)
{
    instance x;
    open_fixed(&x, fixed_csv);
    cc_plan_options opt = {.partnerships = 1, .time_limit = 5, .method = method,
                           .candidates = candidates};
    cc_plan p;
    cc_error err = {0};
    CU_ASSERT_EQUAL_FATAL(cc_plan_make(&x.scorer, &opt, &p, &err), CC_OK);
    CU_ASSERT_EQUAL(p.count, 1);
    CU_ASSERT_DOUBLE_EQUAL(p.total, 1.0, 1e-12);
    CU_ASSERT(p.bound >= 1.0 && p.bound < 1.0 + 1e-6);
    cc_plan_left *left;
    size_t count;
    CU_ASSERT_EQUAL_FATAL(cc_plan_left_out(&x.scorer, &opt, &p, &left, &count, &err), CC_OK);
    CU_ASSERT_EQUAL(count, 4);
    CU_ASSERT_EQUAL(reason_of(left, count, 1), CC_LEFT_NO_PARTNER); /* s2 */
    /* the plan holds s1 or s3; the other could pair with the free c, p */
    size_t other = p.items[0].member[0] == 0 ? 2 : 0;
    CU_ASSERT_EQUAL(reason_of(left, count, other), CC_LEFT_FULL);
    free(left);
    cc_plan_free(&p);

    /* N as many as possible: two triads, s2 has no partner; with s3
     * excluded, one triad and the free c, p have their only partner taken */
    size_t excluded[1] = {2};
    bool *eligible = cc_rank_eligible(&x.actors, NULL, excluded, 1);
    opt.partnerships = 0;
    opt.rank.eligible = eligible;
    CU_ASSERT_EQUAL_FATAL(cc_plan_make(&x.scorer, &opt, &p, &err), CC_OK);
    CU_ASSERT_EQUAL(p.count, 1);
    CU_ASSERT_EQUAL(p.limit, 2);
    CU_ASSERT_EQUAL_FATAL(cc_plan_left_out(&x.scorer, &opt, &p, &left, &count, &err), CC_OK);
    CU_ASSERT_EQUAL(count, 3); /* s2, one company, one public; s3 is not eligible */
    CU_ASSERT_EQUAL(reason_of(left, count, 1), CC_LEFT_NO_PARTNER);
    CU_ASSERT_EQUAL(reason_of(left, count, 2), CC_LEFT_REASONS);
    size_t free_company = p.items[0].member[1] == 3 ? 4 : 3;
    CU_ASSERT_EQUAL(reason_of(left, count, free_company), CC_LEFT_TAKEN);
    free(left);
    cc_plan_free(&p);
    free(eligible);
    instance_close(&x);
}

static void test_reasons(void)
{
    check_reasons(CC_PLAN_AUTO, 0);
    check_reasons(CC_PLAN_HEURISTIC, 1); /* the reasons then need searches */
}

static void test_no_triad(void)
{
    instance x;
    open_fixed(&x, "id,name,sector,expertise\ns1,S1,social,a\nc1,C1,company,a\n");
    cc_plan_options opt = {.time_limit = 5};
    for (int m = 0; m < 3; m++) {
        opt.method = (cc_plan_method)m;
        cc_plan p;
        cc_error err = {0};
        CU_ASSERT_EQUAL_FATAL(cc_plan_make(&x.scorer, &opt, &p, &err), CC_OK);
        CU_ASSERT_EQUAL(p.count, 0);
        CU_ASSERT_EQUAL(p.limit, 0);
        CU_ASSERT_DOUBLE_EQUAL(p.bound, 0.0, 1e-12);
        CU_ASSERT_DOUBLE_EQUAL(cc_plan_gap(&p), 0.0, 1e-12);
        cc_plan_left *left;
        size_t count;
        CU_ASSERT_EQUAL_FATAL(cc_plan_left_out(&x.scorer, &opt, &p, &left, &count, &err), CC_OK);
        CU_ASSERT_EQUAL(count, 2);
        CU_ASSERT(count == 2 && left[0].reason == CC_LEFT_NO_PARTNER &&
                  left[1].reason == CC_LEFT_NO_PARTNER);
        free(left);
        cc_plan_free(&p);
    }
    instance_close(&x);
}

static void test_more_than_possible(void)
{
    instance x;
    open_fixed(&x, fixed_csv);
    cc_plan_options opt = {.partnerships = 99, .time_limit = 5};
    cc_plan p;
    cc_error err = {0};
    CU_ASSERT_EQUAL_FATAL(cc_plan_make(&x.scorer, &opt, &p, &err), CC_OK);
    CU_ASSERT_EQUAL(p.limit, 2); /* two companies, two public bodies */
    CU_ASSERT_EQUAL(p.count, 2);
    CU_ASSERT_DOUBLE_EQUAL(p.total, 2.0, 1e-12);
    CU_ASSERT(p.optimal);
    cc_plan_free(&p);
    instance_close(&x);
}

int main(void)
{
    static const test_case tests[] = {
        {"tiny instances: exhaustive optimum, 600 sets", test_tiny_exhaustive},
        {"10-30 actors per sector: heuristic >= 97% of the optimum", test_up_to_30_per_sector},
        {"why actors are left out", test_reasons},
        {"no triad at all", test_no_triad},
        {"N larger than possible", test_more_than_possible},
    };
    return RUN_SUITE("plan", tests);
}
