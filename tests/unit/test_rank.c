/* test_rank.c — the exact top-K search against an in-test brute force over
 * every triad, on many random data sets (random, tie-heavy, dense, copies
 * of a few profiles), with each filter and option of SPEC §4, single
 * non-zero weights, and K from 1 to more than the number of triads. The brute force recomputes every score from the
 * definitions of SPEC §3, independently of score.c, and orders the triads
 * by SPEC §4 with its own comparison, independently of rank.c. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cocreate/gaps.h"
#include "cocreate/rank.h"
#include "harness.h"
#include "match/rank_index.h"

static unsigned rng_state;
static unsigned rnd(unsigned n)
{
    rng_state = rng_state * 1103515245u + 12345u;
    return (rng_state >> 8) % n;
}

/* ------------------------------------------------------------ data sets */

static const char *const places[] = {"", "FR", "FR/HdF", "FR/HdF/Lille", "FR/HdF/Amiens",
                                     "FR/IdF", "FR/IdF/Paris", "BE"};

static void random_tags(char *out, unsigned pool, unsigned max)
{
    out[0] = '\0';
    unsigned n = rnd(max + 1);
    for (unsigned i = 0; i < n; i++)
        sprintf(out + strlen(out), "%st%u", i ? ";" : "", rnd(pool));
}

/* Kinds of data sets: random tags; few values so that many scores are
 * equal; dense, where every actor offers several needs; and profiles,
 * where actors are copies of a few base actors with small variations, as
 * in real registries (identical actors among them). */
typedef enum { RANDOM, TIES, DENSE, PROFILES } data_kind;
static const char *const kind_names[] = {"random", "ties", "dense", "profiles"};

static const unsigned reaches[] = {0, 10, 100, 5000, 123456};

/* One random actor row's fields after id and name. */
static void random_fields(char *out, data_kind kind, int sector)
{
    char tags[128], seeks[128];
    if (kind == DENSE) {
        random_tags(tags, 5, 4); /* t0..t4 are the needs */
        if (tags[0] == '\0')
            strcpy(tags, "t0");
    } else {
        random_tags(tags, kind == TIES ? 3 : 8, kind == TIES ? 2 : 4);
    }
    random_tags(seeks, kind == TIES ? 3 : 8, 2);
    sprintf(out, "%s,%s,%s,%s,%u", (const char *[]){"social", "company", "public"}[sector], tags,
            kind == TIES ? "" : seeks, places[rnd(kind == TIES ? 2 : 8)],
            reaches[rnd(kind == TIES ? 2 : 5)]);
}

/* Random actors, 3 to 3 + spread of them, of the given kind. */
static char *random_csv(data_kind kind, unsigned spread, int *count)
{
    char *csv = malloc(128 * (spread + 4)), fields[128], base[4][3][128];
    strcpy(csv, "id,name,sector,expertise,seeks,territory,reach\n");
    int n = 3 + (int)rnd(spread);
    for (int b = 0; b < 4; b++)
        for (int k = 0; k < 3; k++)
            random_fields(base[b][k], kind, k);
    for (int i = 0; i < n; i++) {
        int sector = i < 3 ? i : (int)rnd(3);
        if (kind != PROFILES) {
            random_fields(fields, kind, sector);
        } else if (rnd(4) == 0) { /* a variation: another reach */
            strcpy(fields, base[rnd(4)][sector]);
            sprintf(strrchr(fields, ',') + 1, "%u", reaches[rnd(5)]);
        } else if (rnd(8) == 0) {
            random_fields(fields, kind, sector);
        } else {
            strcpy(fields, base[rnd(4)][sector]);
        }
        sprintf(csv + strlen(csv), "a%02d,Actor %d,%s\n", (int)rnd(100) * 1000 + i, i, fields);
    }
    *count = n;
    return csv;
}

/* ----------------------------------------------------- independent score */

static bool has(const cc_idlist *l, int tag)
{
    for (int i = 0; i < l->count; i++)
        if (l->ids[i] == tag)
            return true;
    return false;
}

static double prox(const cc_actor *a, const cc_actor *b)
{
    if (!a->territory_depth || !b->territory_depth)
        return 0;
    int common = 0, shorter = a->territory_depth < b->territory_depth ? a->territory_depth : b->territory_depth;
    int longer = a->territory_depth + b->territory_depth - shorter;
    while (common < shorter && a->territory[common] == b->territory[common])
        common++;
    return common == shorter ? 1 : (double)common / longer;
}

/* Score per SPEC §3, straight from the definitions. */
static double spec_score(const cc_actors *A, const cc_challenge *ch, const cc_weights *w,
                         double R, const size_t m[3], double comp[5])
{
    const cc_actor *t[3] = {&A->items[m[0]], &A->items[m[1]], &A->items[m[2]]};
    double W = 0, Wc = 0, u[3] = {0};
    for (int n = 0; n < ch->need_count; n++) {
        int k = 0, who = -1;
        for (int i = 0; i < 3; i++)
            if (has(&t[i]->expertise, ch->needs[n].tag))
                k++, who = i;
        W += ch->needs[n].weight;
        if (k >= 1)
            Wc += ch->needs[n].weight;
        if (k == 1)
            u[who] += ch->needs[n].weight;
    }
    comp[0] = Wc / W;
    comp[1] = 0;
    for (int i = 0; Wc > 0 && i < 3; i++)
        comp[1] += fmin(1, 3 * u[i] / Wc) / 3;
    comp[2] = 0;
    for (int i = 0; i < 3; i++) {
        const cc_actor *a = t[i], *b = t[(i + 1) % 3], *c = t[(i + 2) % 3];
        int met = 0;
        for (int s = 0; s < a->seeks.count; s++)
            met += has(&b->expertise, a->seeks.ids[s]) || has(&c->expertise, a->seeks.ids[s]);
        comp[2] += a->seeks.count ? (double)met / a->seeks.count / 3 : 0;
    }
    comp[3] = (prox(t[0], t[1]) + prox(t[0], t[2]) + prox(t[1], t[2])) / 3;
    double maxr = fmax(t[0]->reach, fmax(t[1]->reach, t[2]->reach));
    comp[4] = R > 0 ? log10(1 + maxr) / log10(1 + R) : 0;
    double score = 0;
    for (int c = 0; c < 5; c++)
        score += w->w[c] * comp[c];
    return score;
}

/* ------------------------------------------------------------ brute force */

/* The order of SPEC §4, written here from its text rather than taken from
 * the library (cc_triad_compare), so that a bug in the library's order
 * shows: score descending, scores within 1e-9 being ties; then coverage
 * descending; then the social, company and public ids, bytewise. */
static const cc_actors *sort_actors;
static int by_rank(const void *a, const void *b)
{
    const cc_triad *x = a, *y = b;
    if (fabs(x->score - y->score) > 1e-9)
        return x->score > y->score ? -1 : 1;
    if (x->comp[CC_COVERAGE] != y->comp[CC_COVERAGE])
        return x->comp[CC_COVERAGE] > y->comp[CC_COVERAGE] ? -1 : 1;
    for (int k = 0; k < 3; k++) {
        int c = strcmp(sort_actors->items[x->member[k]].id, sort_actors->items[y->member[k]].id);
        if (c != 0)
            return c; /* strcmp compares as unsigned char: bytewise */
    }
    return 0;
}

/* A history as the test keeps it, apart from history.c: a list of triads
 * and of pairs (a pair's missing member is CC_HISTORY_NONE), searched
 * one by one. */
typedef struct {
    size_t member[64][3];
    size_t count;
} listed;

/* Whether the history `l` leaves out the triad m: it lists it, or a pair
 * of its members. */
static bool left_out(const listed *l, const size_t m[3])
{
    for (size_t i = 0; l && i < l->count; i++) {
        int same = 0, none = 0;
        for (int k = 0; k < 3; k++) {
            none += l->member[i][k] == CC_HISTORY_NONE;
            same += l->member[i][k] == m[k];
        }
        if (same + none == 3)
            return true;
    }
    return false;
}

static size_t brute_force(const cc_scorer *s, const cc_rank_options *o, const listed *history,
                          double R, cc_triad *out)
{
    const cc_actors *A = s->actors;
    size_t n = 0;
    for (size_t i = 0; i < A->count; i++)
        for (size_t j = 0; j < A->count; j++)
            for (size_t k = 0; k < A->count; k++) {
                const size_t m[3] = {i, j, k};
                if (A->items[i].sector != CC_SOCIAL || A->items[j].sector != CC_COMPANY ||
                    A->items[k].sector != CC_PUBLIC)
                    continue;
                if (o->eligible && (!o->eligible[i] || !o->eligible[j] || !o->eligible[k]))
                    continue;
                bool ok = true;
                for (size_t r = 0; r < o->required_count; r++)
                    ok &= o->required[r] == i || o->required[r] == j || o->required[r] == k;
                if (!ok)
                    continue;
                /* ranked by the score of the definitions, not by score.c's */
                cc_triad t = {{i, j, k}, 0, {0}};
                t.score = spec_score(A, s->challenge, &s->weights, R, m, t.comp);
                double comp[5];
                CU_ASSERT_DOUBLE_EQUAL(cc_scorer_score(s, m, comp), t.score, 1e-12);
                for (int c = 0; c < 5; c++)
                    CU_ASSERT_DOUBLE_EQUAL(comp[c], t.comp[c], 1e-12);
                if (o->has_min_score && t.score < o->min_score - CC_SCORE_EPSILON)
                    continue;
                if (left_out(history, m))
                    continue;
                out[n++] = t;
            }
    sort_actors = A;
    qsort(out, n, sizeof *out, by_rank);
    /* walk the exact ranking for --max-per-actor, then keep K */
    size_t kept = 0, *uses = calloc(A->count, sizeof *uses);
    for (size_t i = 0; i < n && kept < o->k; i++) {
        const size_t *m = out[i].member;
        if (o->max_per_actor &&
            (uses[m[0]] >= o->max_per_actor || uses[m[1]] >= o->max_per_actor ||
             uses[m[2]] >= o->max_per_actor))
            continue;
        uses[m[0]]++, uses[m[1]]++, uses[m[2]]++;
        out[kept++] = out[i];
    }
    free(uses);
    return kept;
}

/* A random history for the search of `s` with options `o`: in half the
 * cases none; else triads and pairs of the best triads (those the history
 * changes most), and random ones, into `l` and *h. Drawn from a stream of
 * its own, so that the other draws of each seed stay what they were. */
static void random_history(unsigned seed, const cc_scorer *s, const cc_rank_options *o, double R,
                           listed *l, cc_history **h)
{
    unsigned saved = rng_state;
    rng_state = seed * 2654435761u + (unsigned)o->k;
    l->count = 0;
    *h = NULL;
    const cc_actors *A = s->actors;
    if (rnd(2) == 0) {
        rng_state = saved;
        return;
    }
    cc_rank_options all = *o;
    all.k = (size_t)-1;
    all.max_per_actor = 0;
    cc_triad *best = malloc((A->count * A->count * A->count + 1) * sizeof *best);
    size_t n = brute_force(s, &all, NULL, R, best), wanted = 1 + rnd(12);
    for (size_t i = 0; i < wanted && l->count < 64; i++) {
        size_t m[3];
        if (n > 0 && rnd(4) != 0) { /* one of the best */
            memcpy(m, best[rnd(n < 2 * o->k + 4 ? (unsigned)n : (unsigned)(2 * o->k + 4))].member,
                   sizeof m);
        } else { /* any actors, one per sector */
            for (int k = 0; k < 3; k++) {
                do
                    m[k] = rnd((unsigned)A->count);
                while (A->items[m[k]].sector != (cc_sector)k);
            }
        }
        if (rnd(3) == 0)
            m[rnd(3)] = CC_HISTORY_NONE; /* a pair */
        memcpy(l->member[l->count++], m, sizeof m);
    }
    free(best);
    CU_ASSERT_EQUAL_FATAL(cc_history_new(h), CC_OK);
    for (size_t i = 0; i < l->count; i++)
        CU_ASSERT_EQUAL_FATAL(cc_history_add(*h, l->member[i]), CC_OK);
    rng_state = saved;
}

/* A random challenge and random options over A (n actors): search with
 * `index` (NULL: the search builds its own) == brute force. */
static void check_challenge(unsigned seed, data_kind kind, const cc_actors *A, int n,
                            cc_intern *tags, const cc_rank_index *index)
{
    bool ties = kind == TIES;
    cc_error err = {0};
    cc_challenge ch;
    char needs[128] = "";
    for (int i = 0, k = 1 + (int)rnd(5); i < k; i++)
        sprintf(needs + strlen(needs), "%st%d:%d", i ? ";" : "", i, ties ? 1 : 1 + (int)rnd(3));
    CU_ASSERT_EQUAL_FATAL(cc_challenge_from_needs(&ch, needs, tags, &err), CC_OK);

    cc_weights w = cc_weights_profile((cc_ambition)rnd(CC_AMBITIONS));
    if (rnd(4) == 0) { /* a single non-zero weight: the search leans on ties */
        w = (cc_weights){.w = {0}};
        w.w[rnd(CC_COMPONENTS)] = 1;
    }
    unsigned dropped;
    if (cc_weights_finish(&w, A, &dropped, &err) != CC_OK) {
        cc_error_clear(&err);
        w = (cc_weights){.w = {[CC_COVERAGE] = 1}};
    }
    size_t excluded[1] = {rnd((unsigned)n)};
    const char *territory = rnd(3) == 0 ? places[1 + rnd(7)] : NULL;
    bool *eligible = cc_rank_eligible(A, territory, excluded, rnd(2));
    size_t required[2] = {rnd((unsigned)n), rnd((unsigned)n)};
    /* K from 1 to more than the number of triads */
    size_t most = (size_t)n * n * n / 27 + 20;
    cc_rank_options o = {.k = rnd(4) ? 1 + rnd(12) : 1 + rnd((unsigned)most),
                         .eligible = eligible,
                         .index = index};
    o.required = required;
    o.required_count = rnd(4) == 0 ? 1 + rnd(2) : 0;
    o.has_min_score = rnd(3) == 0;
    o.min_score = rnd(100) / 100.0;
    o.max_per_actor = rnd(3) == 0 ? 1 + rnd(2) : 0;
    o.grouping = (cc_grouping)rnd(3); /* the result must not depend on it */
    o.pair_batch = rnd(2) ? 0 : 1 + rnd(3); /* nor on batches of run pairs */
    o.threads = seed % 3; /* nor on building the pools in threads (0, 1: none) */

    double R = 0;
    for (size_t i = 0; i < A->count; i++)
        if (eligible[i] && A->items[i].reach > R)
            R = (double)A->items[i].reach;
    cc_scorer s;
    CU_ASSERT_EQUAL_FATAL(cc_scorer_init(&s, A, &ch, &w, eligible, &err), CC_OK);
    listed history;
    cc_history *h;
    random_history(seed, &s, &o, R, &history, &h);
    o.history = h;
    cc_ranking got;
    CU_ASSERT_EQUAL_FATAL(cc_rank_top(&s, &o, &got, &err), CC_OK);
    cc_triad *expected = malloc((A->count * A->count * A->count + 1) * sizeof *expected);
    size_t count = brute_force(&s, &o, &history, R, expected);

    CU_ASSERT_EQUAL(got.count, count);
    bool same = got.count == count;
    for (size_t i = 0; same && i < count; i++)
        same = memcmp(got.items[i].member, expected[i].member, sizeof expected[i].member) == 0 &&
               fabs(got.items[i].score - expected[i].score) < 1e-12;
    CU_ASSERT_TRUE(same);
    if (!same)
        fprintf(stderr, "\n  seed %u (%s%s%s): search and brute force differ\n", seed,
                kind_names[kind], index ? ", shared index" : "", h ? ", history" : "");
    free(expected);
    cc_history_free(h);
    cc_ranking_free(&got);
    cc_scorer_free(&s);
    free(eligible);
    cc_challenge_clear(&ch);
}

/* One random data set and `challenges` random challenges over it, each
 * with random options: search == brute force. When `shared`, one index
 * serves all the searches, as in `match --all`. */
static void check_set(unsigned seed, data_kind kind, unsigned spread, int challenges, bool shared)
{
    rng_state = seed;
    int n;
    char *csv = random_csv(kind, spread, &n);
    cc_intern *tags = cc_intern_new();
    cc_actors A;
    cc_error err = {0};
    CU_ASSERT_EQUAL_FATAL(cc_actors_load_buffer(&A, "r.csv", csv, strlen(csv), NULL, tags, &err), CC_OK);
    cc_rank_index *index = NULL;
    if (shared)
        CU_ASSERT_EQUAL_FATAL(cc_rank_index_build(&A, &index, &err), CC_OK);
    for (int c = 0; c < challenges; c++)
        check_challenge(seed, kind, &A, n, tags, index);
    cc_rank_index_free(index);
    cc_actors_free(&A);
    cc_intern_free(tags);
    free(csv);
}

static void check_one(unsigned seed, data_kind kind, unsigned spread)
{
    check_set(seed, kind, spread, 1, false);
}

static void test_random_seeds(void)
{
    for (unsigned seed = 1; seed <= 400; seed++)
        check_one(seed, RANDOM, 22);
}

static void test_larger_sets(void)
{
    /* up to 120 actors: big need classes, where most pruning happens */
    for (unsigned seed = 5000; seed <= 5040; seed++)
        check_one(seed, (data_kind)(seed % 4), 120);
}

static void test_tie_heavy(void)
{
    for (unsigned seed = 1000; seed <= 1400; seed++)
        check_one(seed, TIES, 10);
}

static void test_dense(void)
{
    for (unsigned seed = 2000; seed <= 2300; seed++)
        check_one(seed, DENSE, 30);
}

static void test_profiles(void)
{
    for (unsigned seed = 3000; seed <= 3300; seed++)
        check_one(seed, PROFILES, 40);
}

/* `match --all`: one index serves every challenge, each with its own
 * needs, weights, territory and options. */
static void test_shared_index(void)
{
    static const unsigned spread[] = {22, 10, 30, 40};
    for (unsigned seed = 4000; seed < 4200; seed++)
        check_set(seed, (data_kind)(seed % 4), spread[seed % 4], 8, true);
}

/* gaps: the best coverage is the largest over all eligible triads. */
static void test_gaps_best_coverage(void)
{
    for (unsigned seed = 7000; seed < 7100; seed++) {
        rng_state = seed;
        int n;
        char *csv = random_csv(RANDOM, 30, &n);
        cc_intern *tags = cc_intern_new();
        cc_actors A;
        cc_error err = {0};
        CU_ASSERT_EQUAL_FATAL(cc_actors_load_buffer(&A, "r.csv", csv, strlen(csv), NULL, tags, &err), CC_OK);
        cc_challenge ch;
        CU_ASSERT_EQUAL_FATAL(cc_challenge_from_needs(&ch, "t0:3;t1;t2:2;t3;t4;zz", tags, &err), CC_OK);
        cc_weights w = cc_weights_profile(CC_BALANCED);
        unsigned dropped;
        if (cc_weights_finish(&w, &A, &dropped, &err) != CC_OK)
            w = (cc_weights){.w = {[CC_COVERAGE] = 1}};
        cc_error_clear(&err);
        bool *eligible = cc_rank_eligible(&A, rnd(2) ? "FR/HdF" : NULL, NULL, 0);
        cc_scorer s;
        CU_ASSERT_EQUAL_FATAL(cc_scorer_init(&s, &A, &ch, &w, eligible, &err), CC_OK);
        cc_gaps g;
        CU_ASSERT_EQUAL_FATAL(cc_gaps_compute(&s, eligible, &g, &err), CC_OK);
        double best = -1;
        size_t offered[6][3] = {{0}};
        for (size_t i = 0; i < A.count; i++) {
            for (int k = 0; eligible[i] && k < ch.need_count; k++)
                offered[k][A.items[i].sector] += has(&A.items[i].expertise, ch.needs[k].tag);
            for (size_t j = 0; j < A.count; j++)
                for (size_t k = 0; k < A.count; k++) {
                    if (!eligible[i] || !eligible[j] || !eligible[k] || A.items[i].sector != CC_SOCIAL ||
                        A.items[j].sector != CC_COMPANY || A.items[k].sector != CC_PUBLIC)
                        continue;
                    const size_t m[3] = {i, j, k};
                    double comp[5];
                    cc_scorer_score(&s, m, comp);
                    best = fmax(best, comp[CC_COVERAGE]);
                }
        }
        CU_ASSERT_EQUAL(g.has_triad, best >= 0);
        if (g.has_triad)
            CU_ASSERT_DOUBLE_EQUAL(g.best_coverage, best, 1e-12);
        for (int k = 0; k < ch.need_count; k++)
            for (int sec = 0; sec < 3; sec++)
                CU_ASSERT_EQUAL(g.needs[k].offered[sec], offered[k][sec]);
        CU_ASSERT_TRUE(g.blocking >> 5 & 1); /* nobody offers zz */
        cc_scorer_free(&s);
        free(eligible);
        cc_challenge_clear(&ch);
        cc_actors_free(&A);
        cc_intern_free(tags);
        free(csv);
    }
}

/* One small data set, scored for the needs "a", balanced profile. */
typedef struct {
    cc_intern *tags;
    cc_actors actors;
    cc_challenge ch;
    cc_scorer scorer;
} fixture;

static void setup(fixture *f, const char *csv)
{
    cc_error err = {0};
    f->tags = cc_intern_new();
    CU_ASSERT_EQUAL_FATAL(cc_actors_load_buffer(&f->actors, "t.csv", csv, strlen(csv), NULL, f->tags, &err), CC_OK);
    CU_ASSERT_EQUAL_FATAL(cc_challenge_from_needs(&f->ch, "a", f->tags, &err), CC_OK);
    cc_weights w = cc_weights_profile(CC_BALANCED);
    unsigned dropped;
    CU_ASSERT_EQUAL_FATAL(cc_weights_finish(&w, &f->actors, &dropped, &err), CC_OK);
    CU_ASSERT_EQUAL_FATAL(cc_scorer_init(&f->scorer, &f->actors, &f->ch, &w, NULL, &err), CC_OK);
}

static void teardown(fixture *f)
{
    cc_scorer_free(&f->scorer);
    cc_challenge_clear(&f->ch);
    cc_actors_free(&f->actors);
    cc_intern_free(f->tags);
}

static void test_tie_break_by_ids(void)
{
    /* every triad scores the same: the order is social, company, public id */
    fixture f;
    setup(&f, "id,name,sector,expertise\n"
              "s2,S2,social,a\ns1,S1,social,a\nc1,C,company,a\np2,P2,public,a\np1,P1,public,a\n");
    cc_rank_options o = {.k = 10};
    cc_ranking r;
    cc_error err = {0};
    CU_ASSERT_EQUAL_FATAL(cc_rank_top(&f.scorer, &o, &r, &err), CC_OK);
    CU_ASSERT_EQUAL_FATAL(r.count, 4);
    const char *order[4][2] = {{"s1", "p1"}, {"s1", "p2"}, {"s2", "p1"}, {"s2", "p2"}};
    for (int i = 0; i < 4; i++) {
        CU_ASSERT_STRING_EQUAL(f.actors.items[r.items[i].member[0]].id, order[i][0]);
        CU_ASSERT_STRING_EQUAL(f.actors.items[r.items[i].member[2]].id, order[i][1]);
    }
    cc_ranking_free(&r);
    teardown(&f);
}

/* Twin groups: after the publics of one social member were walked, the
 * next social member was judged against the K-th with the last public id
 * walked instead of the smallest of the group, and dropped. All triads
 * tie; the 4th is (s, 1, Aa), not (s, 1, a0). */
static void test_twins_tie_on_ids(void)
{
    fixture f;
    setup(&f, "id,name,sector,expertise\n"
              "9,S9,social,a\ns,S,social,a\n1,C,company,a\n"
              "Aa,P1,public,\nae,P2,public,\na0,P3,public,a\n");
    cc_rank_options o = {.k = 4};
    cc_ranking r;
    cc_error err = {0};
    CU_ASSERT_EQUAL_FATAL(cc_rank_top(&f.scorer, &o, &r, &err), CC_OK);
    CU_ASSERT_EQUAL_FATAL(r.count, 4);
    const char *order[4][2] = {{"9", "Aa"}, {"9", "a0"}, {"9", "ae"}, {"s", "Aa"}};
    for (int i = 0; i < 4; i++) {
        CU_ASSERT_STRING_EQUAL(f.actors.items[r.items[i].member[0]].id, order[i][0]);
        CU_ASSERT_STRING_EQUAL(f.actors.items[r.items[i].member[2]].id, order[i][1]);
    }
    cc_ranking_free(&r);
    teardown(&f);
}

static void test_empty_sector(void)
{
    fixture f;
    setup(&f, "id,name,sector,expertise\ns,S,social,a\nc,C,company,a\n");
    cc_rank_options o = {.k = 10, .max_per_actor = 1};
    cc_ranking r;
    cc_error err = {0};
    CU_ASSERT_EQUAL(cc_rank_top(&f.scorer, &o, &r, &err), CC_OK);
    CU_ASSERT_EQUAL(r.count, 0);
    cc_ranking_free(&r);
    teardown(&f);
}

/* The index ranks the ids bytewise (as strcmp) also where it sorts them
 * by 8 bytes at a time, as it does for many actors: ids sharing 8, 16
 * or more bytes, of every length, with bytes over 0x7f. And it orders a
 * large set of twins by reach, then id. */
static void test_index_ranks_ids(void)
{
    enum { N = 90000 };
    /* most ids share 20 bytes: radix sorted by bytes 0-7, 8-15, 16-23 */
    static const char *const prefixes[] = {"organisation-longue-", "", "a", "org-0000",
                                           "\xc3\xa9tablissement-", "org-0000000"};
    size_t size = 64 + (size_t)N * 64;
    char *csv = malloc(size), *at = csv;
    CU_ASSERT_PTR_NOT_NULL_FATAL(csv);
    at += sprintf(at, "id,name,sector,expertise,reach\n");
    rng_state = 7;
    for (int i = 0; i < N; i++) { /* distinct: the row number is in each id */
        unsigned p = rnd(10);
        at += sprintf(at, "%s%u%c%d,n,social,t,%u\n", prefixes[p < 5 ? 0 : p - 4], rnd(1000),
                      "-_~z"[rnd(4)], i, 100 * rnd(5));
    }
    cc_intern *tags = cc_intern_new();
    cc_actors A;
    cc_error err = {0};
    CU_ASSERT_EQUAL_FATAL(cc_actors_load_buffer(&A, "ids.csv", csv, (size_t)(at - csv), NULL,
                                                tags, &err), CC_OK);
    cc_rank_index *index = NULL;
    CU_ASSERT_EQUAL_FATAL(cc_rank_index_build(&A, &index, &err), CC_OK);
    const char **by_rank = calloc(A.count, sizeof *by_rank);
    CU_ASSERT_PTR_NOT_NULL_FATAL(by_rank);
    for (size_t a = 0; a < A.count; a++) {
        CU_ASSERT_TRUE_FATAL(index->id_rank[a] < A.count);
        CU_ASSERT_PTR_NULL(by_rank[index->id_rank[a]]); /* one actor per rank */
        by_rank[index->id_rank[a]] = A.items[a].id;
    }
    size_t wrong = 0;
    for (size_t r = 1; r < A.count; r++)
        wrong += strcmp(by_rank[r - 1], by_rank[r]) >= 0;
    CU_ASSERT_EQUAL(wrong, 0);
    /* one set of twins (one profile): by_reach holds it by reach
     * descending, then id, as a radix sort does for so large a set */
    size_t unordered = 0;
    for (size_t i = 1; i < A.count; i++) {
        const cc_actor *p = &A.items[index->by_reach[i - 1]], *q = &A.items[index->by_reach[i]];
        unordered += p->reach < q->reach ||
                     (p->reach == q->reach && strcmp(p->id, q->id) >= 0);
    }
    CU_ASSERT_EQUAL(unordered, 0);
    free(by_rank);
    cc_rank_index_free(index);
    cc_actors_free(&A);
    cc_intern_free(tags);
    free(csv);
}

int main(void)
{
    static const test_case tests[] = {
        {"search = brute force, 400 random data sets", test_random_seeds},
        {"search = brute force, 400 tie-heavy data sets", test_tie_heavy},
        {"search = brute force, 301 dense data sets", test_dense},
        {"search = brute force, 301 sets of copied profiles", test_profiles},
        {"search = brute force, 41 sets of up to 120 actors", test_larger_sets},
        {"search = brute force, one index for 8 challenges, 200 sets", test_shared_index},
        {"gaps: exact best coverage, offers per sector", test_gaps_best_coverage},
        {"ties broken by ids", test_tie_break_by_ids},
        {"twins: ties on ids across social members", test_twins_tie_on_ids},
        {"a sector without actors", test_empty_sector},
        {"the index ranks 90,000 ids bytewise, twins by reach", test_index_ranks_ids},
    };
    return RUN_SUITE("rank", tests);
}
