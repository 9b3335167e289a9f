/* test_score.c — the score components on hand-computed triads (SPEC §3). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cocreate/components.h"
#include "cocreate/score.h"
#include "harness.h"

/* Needs a:3, b:2, c:1, so W = 6. The fourth actor only sets R. */
static const char *actors_csv =
    "id,name,sector,expertise,seeks,territory,reach\n"
    "s,S,social,a;b,x;c,FR/HdF/Lille,100\n"
    "co,Co,company,b;x,a,FR/HdF,9999\n"
    "p,P,public,y,z,FR/Bretagne/Rennes,0\n"
    "big,Big,public,q,,FR,999999\n";

typedef struct {
    cc_intern *tags;
    cc_actors actors;
    cc_challenge ch;
} fixture;

static void setup(fixture *f, const char *csv)
{
    cc_error err = {0};
    f->tags = cc_intern_new();
    CU_ASSERT_EQUAL_FATAL(cc_actors_load_buffer(&f->actors, "t.csv", csv, strlen(csv), NULL, f->tags, &err), CC_OK);
    CU_ASSERT_EQUAL_FATAL(cc_challenge_from_needs(&f->ch, "a:3;b:2;c:1", f->tags, &err), CC_OK);
}

static void teardown(fixture *f)
{
    cc_challenge_clear(&f->ch);
    cc_actors_free(&f->actors);
    cc_intern_free(f->tags);
}

/* A scorer with weights `w` (finished: dropped and renormalised). */
static void init_scorer(fixture *f, cc_weights w, const bool *eligible, cc_scorer *s)
{
    cc_error err = {0};
    unsigned dropped;
    CU_ASSERT_EQUAL_FATAL(cc_weights_finish(&w, &f->actors, &dropped, &err), CC_OK);
    CU_ASSERT_EQUAL_FATAL(cc_scorer_init(s, &f->actors, &f->ch, &w, eligible, &err), CC_OK);
}

/* Score of the triad of the first three actors. */
static double score_with(fixture *f, cc_weights w, double comp[CC_COMPONENTS])
{
    cc_scorer s;
    init_scorer(f, w, NULL, &s);
    const size_t m[3] = {0, 1, 2};
    double score = cc_scorer_score(&s, m, comp);
    cc_scorer_free(&s);
    return score;
}

static void test_components(void)
{
    fixture f;
    setup(&f, actors_csv);
    double comp[CC_COMPONENTS];
    score_with(&f, cc_weights_profile(CC_BALANCED), comp);
    /* coverage: a and b are covered, c is not: (3 + 2) / 6 */
    CU_ASSERT_DOUBLE_EQUAL(comp[CC_COVERAGE], 5.0 / 6.0, 1e-12);
    /* complementarity: Wc = 5; only s brings a (u_s = 3), b is shared (u = 0):
     * (min(1, 3*3/5) + 0 + 0) / 3 = 1/3 */
    CU_ASSERT_DOUBLE_EQUAL(comp[CC_COMPLEMENTARITY], 1.0 / 3.0, 1e-12);
    /* winwin: s seeks {x, c}, others offer x: 1/2; co seeks {a}: met, 1;
     * p seeks {z}: 0.  (1/2 + 1 + 0) / 3 = 1/2 */
    CU_ASSERT_DOUBLE_EQUAL(comp[CC_WINWIN], 0.5, 1e-12);
    /* proximity: s-co nested: 1; s-p share FR of 3 segments: 1/3;
     * co-p share FR, longer has 3: 1/3.  mean = 5/9 */
    CU_ASSERT_DOUBLE_EQUAL(comp[CC_PROXIMITY], 5.0 / 9.0, 1e-12);
    /* reach: max member 9999, R = 999999: log10(10^4) / log10(10^6) = 2/3 */
    CU_ASSERT_DOUBLE_EQUAL(comp[CC_REACH], 2.0 / 3.0, 1e-12);
    teardown(&f);
}

static void test_profiles(void)
{
    fixture f;
    setup(&f, actors_csv);
    double comp[CC_COMPONENTS];
    /* balanced: .40*5/6 + .25/3 + .15*.5 + .10*5/9 + .10*2/3 */
    CU_ASSERT_DOUBLE_EQUAL(score_with(&f, cc_weights_profile(CC_BALANCED), comp),
                           0.4 * 5 / 6 + 0.25 / 3 + 0.15 * 0.5 + 0.1 * 5 / 9 + 0.1 * 2 / 3, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(score_with(&f, cc_weights_profile(CC_BALANCED), comp), 0.6138889, 1e-6);
    /* invent: .40*5/6 + .35/3 + .15*.5 + .05*5/9 + .05*2/3 = 0.5861111 */
    CU_ASSERT_DOUBLE_EQUAL(score_with(&f, cc_weights_profile(CC_INVENT), comp), 0.5861111, 1e-6);
    /* synergy: .35*5/6 + .20/3 + .15*.5 + .30*5/9 + 0 = 0.6 */
    CU_ASSERT_DOUBLE_EQUAL(score_with(&f, cc_weights_profile(CC_SYNERGY), comp), 0.6, 1e-6);
    /* scale: .35*5/6 + .15/3 + .10*.5 + .05*5/9 + .35*2/3 = 0.6527778 */
    CU_ASSERT_DOUBLE_EQUAL(score_with(&f, cc_weights_profile(CC_SCALE), comp), 0.6527778, 1e-6);
    teardown(&f);
}

static void test_weight_overrides(void)
{
    fixture f;
    setup(&f, actors_csv);
    cc_error err = {0};
    cc_weights w = cc_weights_profile(CC_BALANCED);
    CU_ASSERT_EQUAL(cc_weights_override(&w, "coverage=1,complementarity=0,winwin=0,proximity=0,reach=0", &err), CC_OK);
    double comp[CC_COMPONENTS];
    CU_ASSERT_DOUBLE_EQUAL(score_with(&f, w, comp), 5.0 / 6.0, 1e-12);
    /* coverage=2, reach=2, the rest 0: renormalised to halves */
    w = (cc_weights){{0}};
    CU_ASSERT_EQUAL(cc_weights_override(&w, "coverage=2,reach=2", &err), CC_OK);
    CU_ASSERT_DOUBLE_EQUAL(score_with(&f, w, comp), 0.5 * 5 / 6 + 0.5 * 2 / 3, 1e-12);
    CU_ASSERT_EQUAL(cc_weights_override(&w, "coverag=1", &err), CC_EUSAGE);
    CU_ASSERT_EQUAL(cc_weights_override(&w, "reach=-1", &err), CC_EUSAGE);
    CU_ASSERT_EQUAL(cc_weights_override(&w, "reach", &err), CC_EUSAGE);
    CU_ASSERT_EQUAL(cc_weights_override(&w, "reach=1x", &err), CC_EUSAGE);
    unsigned dropped;
    w = (cc_weights){{0}};
    CU_ASSERT_EQUAL(cc_weights_finish(&w, &f.actors, &dropped, &err), CC_EUSAGE); /* all zero */
    cc_error_clear(&err);
    teardown(&f);
}

static void test_dropped_components(void)
{
    /* nobody has seeks, territory or reach: those three are dropped */
    fixture f;
    setup(&f, "id,name,sector,expertise\ns,S,social,a;b\nco,Co,company,b\np,P,public,c\n");
    cc_weights w = cc_weights_profile(CC_BALANCED);
    unsigned dropped;
    cc_error err = {0};
    CU_ASSERT_EQUAL(cc_weights_finish(&w, &f.actors, &dropped, &err), CC_OK);
    CU_ASSERT_EQUAL(dropped, (1u << CC_WINWIN) | (1u << CC_PROXIMITY) | (1u << CC_REACH));
    /* .40 and .25 renormalised: 0.4/0.65 and 0.25/0.65 */
    CU_ASSERT_DOUBLE_EQUAL(w.w[CC_COVERAGE], 0.4 / 0.65, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(w.w[CC_COMPLEMENTARITY], 0.25 / 0.65, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(w.w[CC_WINWIN] + w.w[CC_PROXIMITY] + w.w[CC_REACH], 0, 0);
    double comp[CC_COMPONENTS];
    /* all needs covered: coverage 1; a only by s (3), c only by p (1), b by s and co:
     * Wc = 6: (min(1, 9/6) + 0 + min(1, 3/6)) / 3 = 0.5 */
    double score = score_with(&f, cc_weights_profile(CC_BALANCED), comp);
    CU_ASSERT_DOUBLE_EQUAL(comp[CC_COMPLEMENTARITY], 0.5, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(score, (0.4 * 1 + 0.25 * 0.5) / 0.65, 1e-12);
    teardown(&f);
}

static void test_nothing_covered(void)
{
    fixture f;
    setup(&f, "id,name,sector,expertise\ns,S,social,z\nco,Co,company,\np,P,public,y\n");
    double comp[CC_COMPONENTS];
    double score = score_with(&f, cc_weights_profile(CC_BALANCED), comp);
    CU_ASSERT_DOUBLE_EQUAL(comp[CC_COVERAGE], 0, 0);
    CU_ASSERT_DOUBLE_EQUAL(comp[CC_COMPLEMENTARITY], 0, 0); /* Wc = 0 */
    CU_ASSERT_DOUBLE_EQUAL(score, 0, 0);
    teardown(&f);
}

static void test_explanation(void)
{
    fixture f;
    setup(&f, actors_csv);
    cc_scorer s;
    init_scorer(&f, cc_weights_profile(CC_BALANCED), NULL, &s);
    const size_t m[3] = {0, 1, 2};
    cc_explanation e;
    CU_ASSERT_EQUAL_FATAL(cc_scorer_explain(&s, m, &e), CC_OK);
    CU_ASSERT_EQUAL(e.covered, 0x3);  /* a, b */
    CU_ASSERT_EQUAL(e.brings[0], 0x3);
    CU_ASSERT_EQUAL(e.only[0], 0x1);  /* a */
    CU_ASSERT_EQUAL(e.brings[1], 0x2);
    CU_ASSERT_EQUAL(e.only[1], 0x0);
    CU_ASSERT_EQUAL(e.gains[0].count, 1); /* x */
    CU_ASSERT_EQUAL(e.gains[0].ids[0], cc_intern_find(f.tags, "x"));
    CU_ASSERT_EQUAL(e.gains[2].count, 0);
    cc_explanation_free(&e);
    cc_scorer_free(&s);
    teardown(&f);
}

static void test_eligible_reach(void)
{
    /* R is the largest reach among the actors of the run: without "big" it is 9999 */
    fixture f;
    setup(&f, actors_csv);
    bool eligible[4] = {true, true, true, false};
    cc_scorer s;
    init_scorer(&f, cc_weights_profile(CC_BALANCED), eligible, &s);
    const size_t m[3] = {0, 1, 2};
    double comp[CC_COMPONENTS];
    cc_scorer_score(&s, m, comp);
    CU_ASSERT_DOUBLE_EQUAL(comp[CC_REACH], 1.0, 1e-12);
    cc_scorer_free(&s);
    teardown(&f);
}

static void test_reach_outside(void)
{
    /* A triad with an actor outside the run ("big", 999999, above R = 9999)
     * is still scored by explain and score: its reach counts as R. */
    fixture f;
    setup(&f, actors_csv);
    bool eligible[4] = {true, true, true, false};
    cc_scorer s;
    init_scorer(&f, cc_weights_profile(CC_SCALE), eligible, &s);
    const size_t m[3] = {0, 1, 3};
    double comp[CC_COMPONENTS];
    double score = cc_scorer_score(&s, m, comp);
    CU_ASSERT_DOUBLE_EQUAL(comp[CC_REACH], 1.0, 0);
    for (int c = 0; c < CC_COMPONENTS; c++)
        CU_ASSERT_TRUE(comp[c] >= 0 && comp[c] <= 1);
    CU_ASSERT_TRUE(score >= 0 && score <= 1);
    cc_scorer_free(&s);
    /* nobody of the run has a reach (R = 0): an outside actor's reach is its own R */
    bool only_p[4] = {false, false, true, false};
    init_scorer(&f, cc_weights_profile(CC_SCALE), only_p, &s);
    cc_scorer_score(&s, m, comp);
    CU_ASSERT_DOUBLE_EQUAL(comp[CC_REACH], 1.0, 0);
    const size_t p_only[3] = {2, 2, 2};
    cc_scorer_score(&s, p_only, comp);
    CU_ASSERT_DOUBLE_EQUAL(comp[CC_REACH], 0.0, 0);
    cc_scorer_free(&s);
    teardown(&f);
}

/* Replaces the fixture's challenge with the --needs `spec`. */
static void set_needs(fixture *f, const char *spec)
{
    cc_error err = {0};
    cc_challenge_clear(&f->ch);
    CU_ASSERT_EQUAL_FATAL(cc_challenge_from_needs(&f->ch, spec, f->tags, &err), CC_OK);
}

static void test_huge_need_weights(void)
{
    /* W = 1e308 + 1e308 overflowed: coverage inf/inf = NaN, ranked first */
    fixture f;
    setup(&f, actors_csv);
    set_needs(&f, "a:1e308;b:1e308;c:1.7e308");
    double comp[CC_COMPONENTS];
    double score = score_with(&f, cc_weights_profile(CC_BALANCED), comp);
    CU_ASSERT_DOUBLE_EQUAL(comp[CC_COVERAGE], 2 / 3.7, 1e-12); /* a and b of a, b, c */
    CU_ASSERT_TRUE(score >= 0 && score <= 1);
    /* the smallest weights keep their share: a alone is 1/3 of W */
    set_needs(&f, "a:4.9e-324;b:4.9e-324;c:4.9e-324");
    score_with(&f, cc_weights_profile(CC_BALANCED), comp);
    CU_ASSERT_DOUBLE_EQUAL(comp[CC_COVERAGE], 2.0 / 3.0, 1e-12);
    teardown(&f);
}

static void test_huge_weights(void)
{
    /* --weights whose sum overflowed divided every weight by inf: all 0 */
    fixture f;
    setup(&f, actors_csv);
    cc_error err = {0};
    cc_weights w = {{0}};
    CU_ASSERT_EQUAL(cc_weights_override(&w, "coverage=1e308,complementarity=1.7e308", &err), CC_OK);
    unsigned dropped;
    CU_ASSERT_EQUAL_FATAL(cc_weights_finish(&w, &f.actors, &dropped, &err), CC_OK);
    CU_ASSERT_DOUBLE_EQUAL(w.w[CC_COVERAGE], 1 / 2.7, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(w.w[CC_COMPLEMENTARITY], 1.7 / 2.7, 1e-12);
    /* and out-of-range, hexadecimal or non-numbers are refused */
    static const char *const bad[] = {"reach=1e400", "reach=1e-400", "reach=inf", "reach=nan",
                                      "reach=0x10", "reach=-1e400"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        CU_ASSERT_EQUAL(cc_weights_override(&w, bad[i], &err), CC_EUSAGE);
    cc_error_clear(&err);
    teardown(&f);
}

static void test_score_at_most_one(void)
{
    /* A triad perfect in every component, under weights whose normalised
     * values add up to one ulp over 1 in floating point (0.2, 0, 0.3, 0.1,
     * 0.1 is one such set): the score stays at most 1. */
    fixture f;
    setup(&f, "id,name,sector,expertise,seeks,territory,reach\n"
              "s,S,social,a,b,FR/X,10\nco,Co,company,b,c,FR/X,10\np,P,public,c,a,FR/X,10\n");
    set_needs(&f, "a;b;c");
    static const double values[] = {0, 0.05, 0.1, 0.2, 0.3, 1.0 / 3, 0.35, 0.7};
    enum { V = sizeof values / sizeof *values };
    for (int i = 0; i < V * V * V * V * V; i++) {
        cc_weights w;
        for (int c = 0, k = i; c < CC_COMPONENTS; c++, k /= V)
            w.w[c] = values[k % V];
        if (i == 0)
            continue; /* all zero */
        double comp[CC_COMPONENTS];
        double score = score_with(&f, w, comp);
        for (int c = 0; c < CC_COMPONENTS; c++)
            CU_ASSERT_EQUAL(comp[c], 1.0);
        CU_ASSERT_TRUE(score <= 1.0);
        CU_ASSERT_DOUBLE_EQUAL(score, 1.0, 1e-12);
    }
    teardown(&f);
}

/* ------------------------------------------------------- the table */

static void test_table_complete(void)
{
    for (int c = 0; c < CC_COMPONENTS; c++) {
        const cc_component *x = &cc_components[c];
        CU_ASSERT_PTR_NOT_NULL(x->name);
        CU_ASSERT_PTR_NOT_NULL(x->has_data);
        CU_ASSERT_PTR_NOT_NULL(x->compute);
        CU_ASSERT_PTR_NOT_NULL(x->bound);
        CU_ASSERT_EQUAL(cc_component_parse(x->name, strlen(x->name)), c);
    }
    for (int a = 0; a < CC_AMBITIONS; a++) {
        CU_ASSERT_PTR_NOT_NULL(cc_ambitions[a].name);
        CU_ASSERT_EQUAL(cc_ambition_parse(cc_ambitions[a].name), a);
        double sum = 0;
        for (int c = 0; c < CC_COMPONENTS; c++)
            sum += cc_components[c].weight[a];
        CU_ASSERT_DOUBLE_EQUAL(sum, 1.0, 1e-12);
    }
    char list[256];
    cc_component_choices(list, sizeof list);
    CU_ASSERT_STRING_EQUAL(list, "coverage, complementarity, winwin, proximity, reach");
    cc_ambition_choices(list, sizeof list);
    CU_ASSERT_STRING_EQUAL(list, "balanced, invent, synergy, scale");
    /* a component without data says why */
    fixture f;
    setup(&f, "id,name,sector,expertise\ns,S,social,a\nco,Co,company,b\np,P,public,c\n");
    for (int c = 0; c < CC_COMPONENTS; c++)
        if (!cc_components[c].has_data(&f.actors))
            CU_ASSERT_PTR_NOT_NULL(cc_components[c].no_data);
    teardown(&f);
}

static unsigned rng = 1;

static unsigned rnd(unsigned n)
{
    rng = rng * 1103515245u + 12345u;
    return (rng >> 16) % n;
}

/* Twelve random actors, four per sector, over tags t0..t5. */
static char *random_csv(void)
{
    static const char *places[] = {"", "FR", "FR/A", "FR/A/x", "FR/B", "DE"};
    char *csv = malloc(4096);
    strcpy(csv, "id,name,sector,expertise,seeks,territory,reach\n");
    for (int i = 0; i < 12; i++) {
        char tags[2][64] = {"", ""};
        for (int k = 0; k < 2; k++)
            for (int t = 0; t < 6; t++)
                if (rnd(3) == 0)
                    sprintf(tags[k] + strlen(tags[k]), "%st%d", tags[k][0] ? ";" : "", t);
        sprintf(csv + strlen(csv), "a%d,A,%s,%s,%s,%s,%u\n", i, cc_sector_names[i % 3], tags[0],
                tags[1], places[rnd(6)], rnd(3) ? rnd(100000) : 0);
    }
    return csv;
}

/* A view of one member: the actor itself, or a random group holding it,
 * with the place prefix its located members share. */
static cc_member_view random_view(const cc_scorer *s, cc_sector sector, size_t actor)
{
    const cc_actors *A = s->actors;
    const cc_actor *a = &A->items[actor];
    cc_member_view v = {s->mask[actor], s->mask[actor], s->reach_part[actor], a->seeks.count > 0,
                        a->territory_depth > 0, a->territory, a->territory_depth, a};
    if (rnd(2) == 0)
        return v;
    v.actor = NULL;
    for (size_t i = 0; i < A->count; i++) {
        const cc_actor *b = &A->items[i];
        if (b->sector != sector || rnd(2) == 0)
            continue;
        v.must &= s->mask[i];
        v.mask |= s->mask[i];
        v.reach = s->reach_part[i] > v.reach ? s->reach_part[i] : v.reach;
        v.gain = b->seeks.count > 0 ? 1.0 : v.gain;
        if (b->territory_depth > 0 && !v.located) {
            v.place = b->territory;
            v.place_depth = b->territory_depth;
        } else if (b->territory_depth > 0) {
            int common = 0;
            while (common < v.place_depth && common < b->territory_depth &&
                   v.place[common] == b->territory[common])
                common++;
            v.place_depth = common;
        }
        v.located |= b->territory_depth > 0;
    }
    if (rnd(2) == 0) /* knowing less is still a view */
        v.place_depth = (int)rnd((unsigned)v.place_depth + 1);
    if (rnd(2) == 0)
        v.must &= (uint64_t)rnd(1u << 16) * 0x1000100010001u;
    return v;
}

/* score = sum of weight x compute, and every bound holds, on random triads. */
static void test_table_sums_and_bounds(void)
{
    for (unsigned seed = 1; seed <= 200; seed++) {
        rng = seed;
        fixture f;
        char *csv = random_csv();
        setup(&f, csv);
        /* needs among the actors' tags, so that masks, and the bounds
         * made from them, are not all empty */
        cc_error err = {0};
        cc_challenge_clear(&f.ch);
        CU_ASSERT_EQUAL_FATAL(
            cc_challenge_from_needs(&f.ch, "t0:3;t1:2;t2:1;t3:1;t4:2;t5:0.5", f.tags, &err), CC_OK);
        cc_weights w = cc_weights_profile((cc_ambition)rnd(CC_AMBITIONS));
        cc_scorer s;
        init_scorer(&f, w, NULL, &s);
        for (int n = 0; n < 20; n++) {
            size_t m[3] = {3 * rnd(4), 3 * rnd(4) + 1, 3 * rnd(4) + 2};
            double comp[CC_COMPONENTS];
            double score = cc_scorer_score(&s, m, comp);
            const cc_actor *a = f.actors.items;
            const int met[3] = {cc_seeks_met(&a[m[0]], &a[m[1]], &a[m[2]]),
                                cc_seeks_met(&a[m[1]], &a[m[0]], &a[m[2]]),
                                cc_seeks_met(&a[m[2]], &a[m[0]], &a[m[1]])};
            cc_triad_context t = {&s, m, {&a[m[0]], &a[m[1]], &a[m[2]]}, met, 0, 0};
            cc_scorer_need_components(&s, s.mask[m[0]], s.mask[m[1]], s.mask[m[2]], &t.coverage,
                                      &t.complementarity);
            cc_member_view v[3];
            for (int k = 0; k < 3; k++)
                v[k] = random_view(&s, (cc_sector)k, m[k]);
            const cc_bound_context b = {&s, v, NULL};
            double sum = 0;
            for (int c = 0; c < CC_COMPONENTS; c++) {
                double value = cc_components[c].compute(&t);
                CU_ASSERT_DOUBLE_EQUAL(value, comp[c], 1e-12);
                CU_ASSERT_TRUE(value >= 0 && value <= 1);
                CU_ASSERT_TRUE(cc_components[c].bound(&b) >= value - 1e-12);
                sum += s.weights.w[c] * value;
            }
            CU_ASSERT_DOUBLE_EQUAL(score, sum, 1e-12);
            CU_ASSERT_TRUE(cc_component_bound(&b, s.weights.w, CC_COMPONENT_ALL) >= score - 1e-12);
            /* the joint need bound, with the pair known and the public
             * member one of a random group */
            double need = s.weights.w[CC_COVERAGE] * comp[CC_COVERAGE] +
                          s.weights.w[CC_COMPLEMENTARITY] * comp[CC_COMPLEMENTARITY];
            CU_ASSERT_TRUE(cc_need_part_bound(&b, s.weights.w) >= need - 1e-12);
            for (int k = 0; k < 2; k++)
                v[k] = (cc_member_view){.mask = s.mask[m[k]], .must = s.mask[m[k]]};
            CU_ASSERT_TRUE(cc_need_part_bound(&b, s.weights.w) >= need - 1e-12);
        }
        cc_scorer_free(&s);
        teardown(&f);
        free(csv);
    }
}

int main(void)
{
    static const test_case tests[] = {
        {"each component by hand", test_components},
        {"the four ambition profiles", test_profiles},
        {"--weights overrides", test_weight_overrides},
        {"components without data are dropped", test_dropped_components},
        {"nothing covered", test_nothing_covered},
        {"who brings what", test_explanation},
        {"R from the eligible actors", test_eligible_reach},
        {"reach of an actor outside the run", test_reach_outside},
        {"need weights whose sum overflows", test_huge_need_weights},
        {"--weights whose sum overflows", test_huge_weights},
        {"a perfect triad scores at most 1", test_score_at_most_one},
        {"the component table is complete", test_table_complete},
        {"score is the table's sum; bounds hold", test_table_sums_and_bounds},
    };
    return RUN_SUITE("score", tests);
}
