/* rank.c — fuzzes the exact top-K search (cc_rank_top) against a brute
 * force over every triad. The input's bytes describe a small data set
 * and a run: the first bytes the options (K, --max-per-actor,
 * --min-score, --require, --exclude, --territory, the weights, the
 * grouping, which must not change the result) and the needs' weights,
 * then four bytes per actor (sector and territory, expertise, seeks,
 * reach). The search must give the brute force's triads in its order. */
#include "fuzz.h"

#include <math.h>

#include "cocreate/rank.h"

enum { OPTION_BYTES = 8, ACTOR_BYTES = 4, MAX_ACTORS = 40, TAGS = 8 };

static const char *const places[] = {"", "FR", "FR/HdF", "FR/HdF/Lille", "FR/HdF/Amiens",
                                     "FR/IdF", "FR/IdF/Paris", "BE"};
static const unsigned reaches[] = {0, 10, 100, 5000, 123456, 1, 999, 2000000};

/* Appends the tags t0..t7 of the bits of `mask`, separated by ';'. */
static void put_tags(FILE *fp, unsigned mask)
{
    for (int t = 0, first = 1; t < TAGS; t++)
        if (mask >> t & 1) {
            fprintf(fp, "%st%d", first ? "" : ";", t);
            first = 0;
        }
}

/* The actors CSV the bytes describe (a malloc'd string). */
static char *actors_csv(const uint8_t *data, size_t count)
{
    char *csv = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&csv, &len);
    FUZZ_CHECK(fp);
    fputs("id,name,sector,expertise,seeks,territory,reach\n", fp);
    for (size_t i = 0; i < count; i++) {
        const uint8_t *a = data + i * ACTOR_BYTES;
        fprintf(fp, "a%02zu,Actor %zu,%s,", i, i,
                (const char *[]){"social", "company", "public"}[a[0] % 3]);
        put_tags(fp, a[1]);
        fputc(',', fp);
        put_tags(fp, a[2]);
        fprintf(fp, ",%s,%u\n", places[a[0] / 3 % 8], reaches[a[3] % 8]);
    }
    FUZZ_CHECK(fclose(fp) == 0);
    return csv;
}

static const cc_actors *sort_actors;
static int by_rank(const void *a, const void *b)
{
    return cc_triad_compare(sort_actors, a, b);
}

/* Every triad the options let through, in ranking order, then the walk of
 * --max-per-actor and the first K: into out, returning how many. */
static size_t brute_force(const cc_scorer *s, const cc_rank_options *o, cc_triad *out)
{
    const cc_actors *A = s->actors;
    size_t n = 0;
    for (size_t i = 0; i < A->count; i++)
        for (size_t j = 0; j < A->count; j++)
            for (size_t k = 0; k < A->count; k++) {
                const size_t m[3] = {i, j, k};
                bool ok = A->items[i].sector == CC_SOCIAL && A->items[j].sector == CC_COMPANY &&
                          A->items[k].sector == CC_PUBLIC && o->eligible[i] && o->eligible[j] &&
                          o->eligible[k];
                for (size_t r = 0; ok && r < o->required_count; r++)
                    ok = o->required[r] == i || o->required[r] == j || o->required[r] == k;
                if (!ok)
                    continue;
                cc_triad t = {{i, j, k}, 0, {0}};
                t.score = cc_scorer_score(s, m, t.comp);
                FUZZ_CHECK(t.score >= 0 && t.score <= 1 + 1e-12);
                if (!o->has_min_score || t.score >= o->min_score - CC_SCORE_EPSILON)
                    out[n++] = t;
            }
    sort_actors = A;
    qsort(out, n, sizeof *out, by_rank);
    size_t kept = 0, *uses = calloc(A->count + 1, sizeof *uses);
    FUZZ_CHECK(uses);
    for (size_t i = 0; i < n && kept < o->k; i++) {
        const size_t *m = out[i].member;
        if (o->max_per_actor && (uses[m[0]] >= o->max_per_actor ||
                                 uses[m[1]] >= o->max_per_actor || uses[m[2]] >= o->max_per_actor))
            continue;
        uses[m[0]]++, uses[m[1]]++, uses[m[2]]++;
        out[kept++] = out[i];
    }
    free(uses);
    return kept;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < OPTION_BYTES)
        return 0;
    const uint8_t *opt = data;
    size_t count = (size - OPTION_BYTES) / ACTOR_BYTES;
    if (count > MAX_ACTORS)
        count = MAX_ACTORS;
    char *csv = actors_csv(data + OPTION_BYTES, count);
    cc_intern *tags = cc_intern_new();
    FUZZ_CHECK(tags);
    cc_actors A;
    cc_error err = {0};
    cc_status st = cc_actors_load_buffer(&A, "rank.csv", csv, strlen(csv), NULL, tags, &err);
    FUZZ_CHECK(st == CC_OK);

    /* needs t0..t(n-1), weights 1..4 from the bits of opt[7] */
    char needs[64] = "";
    for (int t = 0, n = 1 + opt[6] % 6; t < n; t++)
        snprintf(needs + strlen(needs), sizeof needs - strlen(needs), "%st%d:%d", t ? ";" : "", t,
                 1 + (opt[7] >> (t % 4 * 2) & 3));
    cc_challenge ch;
    FUZZ_CHECK(cc_challenge_from_needs(&ch, needs, tags, &err) == CC_OK);

    /* an ambition's weights, or a single non-zero one */
    cc_weights w = cc_weights_profile((cc_ambition)(opt[5] % CC_AMBITIONS));
    if (opt[5] & 0x80) {
        w = (cc_weights){.w = {0}};
        w.w[(opt[5] >> 2) % CC_COMPONENTS] = 1;
    }
    unsigned dropped;
    if (cc_weights_finish(&w, &A, &dropped, &err) != CC_OK) {
        cc_error_clear(&err);
        w = (cc_weights){.w = {[CC_COVERAGE] = 1}};
    }

    size_t some = count ? opt[2] % count : 0, other = count ? opt[3] % count : 0;
    const size_t excluded[1] = {other};
    bool *eligible = cc_rank_eligible(&A, opt[4] & 0x8 ? places[opt[4] % 8] : NULL, excluded,
                                      count && opt[4] & 0x10 ? 1 : 0);
    FUZZ_CHECK(eligible);
    const size_t required[1] = {some};
    cc_rank_options o = {.k = 1 + opt[0] % 32, .eligible = eligible, .required = required};
    o.required_count = count && opt[1] & 0x1 ? 1 : 0;
    o.max_per_actor = opt[1] & 0x2 ? 1 + (opt[1] >> 2 & 1) : 0;
    o.has_min_score = opt[1] & 0x8;
    o.min_score = (opt[1] >> 4) / 15.0;
    o.grouping = (cc_grouping)((opt[4] >> 5) % 3);

    cc_scorer s;
    FUZZ_CHECK(cc_scorer_init(&s, &A, &ch, &w, eligible, &err) == CC_OK);
    cc_ranking got;
    FUZZ_CHECK(cc_rank_top(&s, &o, &got, &err) == CC_OK);
    cc_triad *expected = malloc((count * count * count + 1) * sizeof *expected);
    FUZZ_CHECK(expected);
    size_t n = brute_force(&s, &o, expected);
    bool same = got.count == n;
    for (size_t i = 0; same && i < n; i++)
        same = memcmp(got.items[i].member, expected[i].member, sizeof expected[i].member) == 0 &&
               fabs(got.items[i].score - expected[i].score) < 1e-12;
    if (!same) {
        fprintf(stderr, "needs %s, k %zu\nsearch:\n", needs, o.k);
        for (size_t i = 0; i < got.count; i++)
            fprintf(stderr, "  %zu %zu %zu %.17g\n", got.items[i].member[0],
                    got.items[i].member[1], got.items[i].member[2], got.items[i].score);
        fprintf(stderr, "brute force:\n");
        for (size_t i = 0; i < n; i++)
            fprintf(stderr, "  %zu %zu %zu %.17g\n", expected[i].member[0], expected[i].member[1],
                    expected[i].member[2], expected[i].score);
        FUZZ_CHECK(!"the search and the brute force differ");
    }
    free(expected);
    cc_ranking_free(&got);
    cc_scorer_free(&s);
    free(eligible);
    cc_challenge_clear(&ch);
    cc_actors_free(&A);
    cc_intern_free(tags);
    free(csv);
    return 0;
}
