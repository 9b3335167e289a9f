/* test_thesaurus.c — the thesaurus (--thesaurus): its reader and checks,
 * the mapping of tags, and matching with a thesaurus against matching on
 * files whose tags were rewritten by hand. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cocreate/actors.h"
#include "cocreate/challenges.h"
#include "cocreate/score.h"
#include "cocreate/thesaurus.h"
#include "harness.h"

/* ---------------------------------------------------------------- reader */

typedef struct {
    cc_thesaurus *th;
    cc_error err;
    cc_status status;
} loaded;

static loaded load_len(const char *csv, size_t len)
{
    loaded l = {0};
    l.status = cc_thesaurus_load_buffer(&l.th, "th.csv", csv, len, &l.err);
    return l;
}

static loaded load(const char *csv)
{
    return load_len(csv, strlen(csv));
}

static void unload(loaded *l)
{
    cc_thesaurus_free(l->th);
    cc_error_clear(&l->err);
}

/* True when some message of `err` holds `text`. */
static bool said(const cc_error *err, const char *text)
{
    for (int i = 0; i < err->count && i < CC_ERROR_MAX; i++)
        if (err->messages[i] && strstr(err->messages[i], text))
            return true;
    return false;
}

/* Loads `csv` expecting a data error whose message holds `text`. */
static void expect_error(const char *csv, size_t len, const char *text)
{
    loaded l = load_len(csv, len);
    CU_ASSERT_EQUAL(l.status, CC_EDATA);
    CU_ASSERT_PTR_NULL(l.th);
    CU_ASSERT(said(&l.err, text));
    if (!said(&l.err, text))
        fprintf(stderr, "\nexpected '%s', got '%s'\n", text,
                l.err.count && l.err.messages[0] ? l.err.messages[0] : "(nothing)");
    unload(&l);
}

static void test_errors_name_file_and_line(void)
{
    static const struct {
        const char *csv, *message;
    } cases[] = {
        {"tag,means,broader\na,b,\nb,c,\nc,a,\n", "th.csv:2: 'means' cells go round in a circle: 'a' → 'b' → 'c' → 'a'"},
        {"tag,means\nx,x2\nx2,x\n", "th.csv:2: 'means' cells go round in a circle"},
        {"tag,broader\na,b\nb,c\nc,a\n", "th.csv:4: 'broader' cells go round in a circle: 'a' → 'b' → 'c' → 'a'"},
        {"tag,broader\nSanté,santé\n", "th.csv:2: 'Santé' is broader than itself"},
        {"tag,means,broader\nagri,agriculture,agriculture\n",
         "th.csv:2: 'agri' has the broader tag 'agriculture', but both stand for 'agriculture'"},
        {"tag,means\ninsertion pro,insertion professionnelle\nInsertion-Pro,insertion\n",
         "th.csv:3: 'insertion pro' means 'insertion' here but 'insertion professionnelle' on line 2"},
        {"tag,means\na;b,c\n", "th.csv:2: 'tag' holds 2 tags"},
        {"tag,means\na,b|c\n", "th.csv:2: 'means' holds 2 tags"},
        {"tag,means\n,b\n", "th.csv:2: empty tag"},
        {"tag,means\n--,b\n", "th.csv:2: empty tag (nothing is left of '--' once normalised)"},
        {"tag,means\ninsertion pro,-\n",
         "th.csv:2: empty 'means' (nothing is left of '-' once normalised): leave the cell "
         "empty when 'insertion pro' is a preferred tag"},
        {"tag,means\na,b,c\n", "th.csv:2: wrong number of fields: expected 2 (as in the header), found 3"},
        {"means,broader\na,b\n", "th.csv:1: missing required column 'tag'"},
        {"tag,reason\na,b\n", "th.csv:1: no column 'means' or 'broader'"},
        {"Tag,Means,Tag\na,b,c\n", "th.csv:1: column 'tag' appears twice (fields 1 and 3)"},
        {"", "th.csv:1: empty file"},
        {"\xEF\xBB\xBF", "th.csv:1: empty file"},
        {"tag,means\na,caf\xE9\n", "th.csv:2:6: invalid UTF-8; the thesaurus must be UTF-8"},
        {"tag,means\n\"a,b\n", "th.csv"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        expect_error(cases[i].csv, strlen(cases[i].csv), cases[i].message);
    static const char nul[] = "tag,means\na\0,b\n";
    expect_error(nul, sizeof nul - 1, "th.csv:2:2: NUL byte (not a text file?)");
}

static void test_good_files(void)
{
    /* BOM, CRLF, ';' delimiter, French column names, a column ignored,
     * a tag meaning itself, a blank row */
    loaded l = load("\xEF\xBB\xBFterme;préféré;générique;reason\r\n"
                    "Insertion-Pro;insertion professionnelle;;variant\r\n"
                    "emploi;emploi;;\r\n"
                    ";;;\r\n"
                    "\"emploi des jeunes\";;\"insertion professionnelle|emploi\";x\r\n");
    CU_ASSERT_EQUAL_FATAL(l.status, CC_OK);
    CU_ASSERT_EQUAL(cc_thesaurus_rows(l.th), 3);
    const char *display;
    CU_ASSERT_STRING_EQUAL(cc_thesaurus_preferred(l.th, "insertion pro", &display),
                           "insertion professionnelle");
    CU_ASSERT_STRING_EQUAL(display, "insertion professionnelle");
    CU_ASSERT_STRING_EQUAL(cc_thesaurus_preferred(l.th, "emploi", &display), "emploi");
    CU_ASSERT_PTR_NULL(display);
    CU_ASSERT_STRING_EQUAL(cc_thesaurus_preferred(l.th, "unknown", NULL), "unknown");
    unload(&l);
    /* a header and nothing else: a thesaurus that maps nothing */
    l = load("tag,means,broader\n");
    CU_ASSERT_EQUAL(l.status, CC_OK);
    CU_ASSERT_EQUAL(cc_thesaurus_terms(l.th), 0);
    unload(&l);
}

/* ---------------------------------------------------------------- mapping */

/* The keys of what `key` expands to, sorted and joined by ", ". */
static char *expansion(cc_thesaurus *th, cc_intern *tags, const char *key, bool broader)
{
    int tag = cc_intern_add(tags, key, NULL, NULL);
    const int *ids;
    int n;
    if (cc_thesaurus_expand(th, tags, tag, broader, &ids, &n) != CC_OK)
        return NULL;
    const char *keys[CC_THESAURUS_MAX_BROADER + 1];
    for (int i = 0; i < n; i++)
        keys[i] = cc_intern_key(tags, ids[i]);
    CU_ASSERT_STRING_EQUAL(keys[0], cc_thesaurus_preferred(th, key, NULL)); /* preferred first */
    for (int i = 1; i < n; i++) /* sort the broader ones */
        for (int j = i; j > 1 && strcmp(keys[j - 1], keys[j]) > 0; j--) {
            const char *t = keys[j];
            keys[j] = keys[j - 1];
            keys[j - 1] = t;
        }
    static char out[1024];
    out[0] = '\0';
    for (int i = 0; i < n; i++)
        snprintf(out + strlen(out), sizeof out - strlen(out), "%s%s", i ? ", " : "", keys[i]);
    return out;
}

static void test_transitive_broader(void)
{
    loaded l = load("tag,means,broader\n"
                    "agri bio,agriculture biologique,\n"
                    "agriculture biologique,,agri\n"        /* a broader tag that is a variant */
                    "agri,agriculture,\n"
                    "Agriculture,,économie;alimentation\n"
                    "alimentation,,besoins essentiels\n"
                    "économie,,besoins essentiels\n"        /* reached twice: listed once */
                    "a,b,\nb,c,\nc,,d\n");                  /* a means chain resolves */
    CU_ASSERT_EQUAL_FATAL(l.status, CC_OK);
    cc_intern *tags = cc_intern_new();
    CU_ASSERT_STRING_EQUAL(expansion(l.th, tags, "agri bio", true),
                           "agriculture biologique, agriculture, alimentation, besoins essentiels, "
                           "economie");
    CU_ASSERT_STRING_EQUAL(expansion(l.th, tags, "agri bio", false), "agriculture biologique");
    CU_ASSERT_STRING_EQUAL(expansion(l.th, tags, "agri", true),
                           "agriculture, alimentation, besoins essentiels, economie");
    CU_ASSERT_STRING_EQUAL(expansion(l.th, tags, "a", true), "c, d");
    CU_ASSERT_STRING_EQUAL(expansion(l.th, tags, "b", false), "c");
    CU_ASSERT_STRING_EQUAL(expansion(l.th, tags, "other", true), "other");
    CU_ASSERT_STRING_EQUAL(expansion(l.th, tags, "besoins essentiels", true), "besoins essentiels");
    /* added tags are shown as the thesaurus spells them */
    CU_ASSERT_STRING_EQUAL(cc_intern_display(tags, cc_intern_find(tags, "economie")), "économie");
    cc_intern_free(tags);
    unload(&l);
}

/* A chain of `n` rows: t0 broader t1, t1 broader t2... */
static char *chain(int n)
{
    size_t size = 32 + (size_t)n * 24, used = 0;
    char *csv = malloc(size);
    used += (size_t)snprintf(csv, size, "tag,broader\n");
    for (int i = 0; i < n; i++)
        used += (size_t)snprintf(csv + used, size - used, "t%d,t%d\n", i, i + 1);
    return csv;
}

static void test_long_chains(void)
{
    char *csv = chain(CC_THESAURUS_MAX_BROADER);
    loaded l = load(csv);
    CU_ASSERT_EQUAL_FATAL(l.status, CC_OK);
    cc_intern *tags = cc_intern_new();
    int t0 = cc_intern_add(tags, "t0", NULL, NULL), n;
    const int *ids;
    CU_ASSERT_EQUAL(cc_thesaurus_expand(l.th, tags, t0, true, &ids, &n), CC_OK);
    CU_ASSERT_EQUAL(n, 1 + CC_THESAURUS_MAX_BROADER);
    cc_intern_free(tags);
    unload(&l);
    free(csv);
    /* one more is refused, naming the row of the tag with too many */
    csv = chain(CC_THESAURUS_MAX_BROADER + 1);
    expect_error(csv, strlen(csv), "th.csv:2: 't0' counts as more than 100 broader tags");
    free(csv);
    /* ten thousand rows: an error, not a stack overflow */
    csv = chain(10000);
    expect_error(csv, strlen(csv), "counts as more than 100 broader tags");
    free(csv);
    /* a circle of ten thousand 'means' */
    size_t size = 32 + 10000 * 24, used = 0;
    csv = malloc(size);
    used += (size_t)snprintf(csv, size, "tag,means\n");
    for (int i = 0; i < 10000; i++)
        used += (size_t)snprintf(csv + used, size - used, "m%d,m%d\n", i, (i + 1) % 10000);
    expect_error(csv, used, "'m0' → 'm1' → 'm2' → 'm3' → 'm4' → 'm5' → 'm6' → 'm7' → … (10000 tags) → 'm0'");
    free(csv);
}

/* ------------------------------------------- matching against rewritten files */

/* A small random generator, the same on every machine. */
static unsigned long long seed_state;

static unsigned rnd(unsigned n)
{
    seed_state = seed_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (unsigned)(seed_state >> 33) % n;
}

enum { WORDS = 24, VARIANTS = 8, ACTORS = 12 };

/* The test's own reading of a thesaurus it made: tag i (i < VARIANTS)
 * means tag means_of[i] > i; broader[i][j] when tag i lists tag j. */
typedef struct {
    int means_of[WORDS];
    bool broader[WORDS][WORDS];
} vocabulary;

static int pref(const vocabulary *v, int t)
{
    while (v->means_of[t] >= 0)
        t = v->means_of[t];
    return t;
}

/* Every broader tag of t's preferred form, transitively: a fixpoint over
 * the rows, as the file says it. */
static void closure(const vocabulary *v, int t, bool out[WORDS])
{
    memset(out, 0, WORDS * sizeof *out);
    out[pref(v, t)] = true;
    for (bool grew = true; grew;) {
        grew = false;
        for (int x = 0; x < WORDS; x++)
            for (int b = 0; b < WORDS; b++)
                if (v->broader[x][b] && out[pref(v, x)] && !out[pref(v, b)])
                    out[pref(v, b)] = grew = true;
    }
}

static const char *word(int i)
{
    static char names[WORDS][16];
    snprintf(names[i], sizeof names[i], "Mot-%c", 'a' + i);
    return names[i];
}

/* A random thesaurus without circles: means point to a later tag, and
 * broader tags to one whose preferred form is later than the tag's. */
static void make_vocabulary(vocabulary *v, char *csv, size_t size)
{
    memset(v, 0, sizeof *v);
    size_t used = (size_t)snprintf(csv, size, "tag,means,broader\n");
    for (int i = 0; i < WORDS; i++)
        v->means_of[i] = i < VARIANTS && rnd(3) ? i + 1 + (int)rnd(6) : -1;
    for (int i = 0; i < WORDS; i++) {
        char broader[256] = "";
        for (int b = 0; b < WORDS; b++)
            if (pref(v, b) > pref(v, i) && rnd(8) == 0) {
                v->broader[i][b] = true;
                snprintf(broader + strlen(broader), sizeof broader - strlen(broader), "%s%s",
                         *broader ? ";" : "", word(b));
            }
        if (v->means_of[i] >= 0 || *broader)
            used += (size_t)snprintf(csv + used, size - used, "%s,%s,\"%s\"\n", word(i),
                                     v->means_of[i] >= 0 ? word(v->means_of[i]) : "", broader);
    }
}

/* Appends the tags of `set` (WORDS flags) to `text`, ';'-separated. */
static void put_set(char *text, size_t size, const bool set[WORDS])
{
    for (int t = 0; t < WORDS; t++)
        if (set[t]) {
            size_t len = strlen(text);
            int n = snprintf(text + len, size - len, "%s%s", len ? ";" : "", word(t));
            CU_ASSERT_TRUE_FATAL(n >= 0 && (size_t)n < size - len); /* nothing cut */
        }
}

/* Random actors as written, and as rewritten by hand: expertise with the
 * preferred and broader tags, seeks with the preferred ones. */
static void make_actors(const vocabulary *v, char *raw, char *rewritten, size_t size)
{
    static const char *const sectors[] = {"social", "company", "public"};
    const char *header = "id,name,sector,expertise,seeks,territory,reach\n";
    snprintf(raw, size, "%s", header);
    snprintf(rewritten, size, "%s", header);
    for (int a = 0; a < ACTORS; a++) {
        char expertise[512] = "", seeks[256] = "", mapped[512] = "", mapped_seeks[256] = "";
        bool all[WORDS] = {false}, sought[WORDS] = {false};
        for (unsigned k = rnd(4); k > 0; k--) {
            int t = (int)rnd(WORDS);
            snprintf(expertise + strlen(expertise), sizeof expertise - strlen(expertise), "%s%s",
                     *expertise ? ";" : "", word(t));
            bool c[WORDS];
            closure(v, t, c);
            for (int x = 0; x < WORDS; x++)
                all[x] |= c[x];
        }
        for (unsigned k = rnd(3); k > 0; k--) {
            int t = (int)rnd(WORDS);
            snprintf(seeks + strlen(seeks), sizeof seeks - strlen(seeks), "%s%s",
                     *seeks ? ";" : "", word(t));
            sought[pref(v, t)] = true;
        }
        put_set(mapped, sizeof mapped, all);
        put_set(mapped_seeks, sizeof mapped_seeks, sought);
        const char *territory = rnd(2) ? "FR/A" : "FR/B/C";
        unsigned reach = rnd(1000);
        snprintf(raw + strlen(raw), size - strlen(raw), "a%d,n,%s,\"%s\",\"%s\",%s,%u\n", a,
                 sectors[a % 3], expertise, seeks, territory, reach);
        snprintf(rewritten + strlen(rewritten), size - strlen(rewritten),
                 "a%d,n,%s,\"%s\",\"%s\",%s,%u\n", a, sectors[a % 3], mapped, mapped_seeks,
                 territory, reach);
    }
}

/* Needs with distinct preferred forms, as written (maybe a variant) and
 * as rewritten (the preferred form). */
static void make_needs(const vocabulary *v, char *raw, char *rewritten, size_t size)
{
    bool used[WORDS] = {false};
    raw[0] = rewritten[0] = '\0';
    for (int k = 0; k < 5; k++) {
        int t = (int)rnd(WORDS);
        if (used[pref(v, t)])
            continue;
        used[pref(v, t)] = true;
        unsigned w = 1 + rnd(3);
        snprintf(raw + strlen(raw), size - strlen(raw), "%s:%u;", word(t), w);
        snprintf(rewritten + strlen(rewritten), size - strlen(rewritten), "%s:%u;",
                 word(pref(v, t)), w);
    }
}

typedef struct {
    cc_intern *tags;
    cc_actors actors;
    cc_challenge ch;
    cc_scorer scorer;
} scored_data;

static bool prepare(scored_data *d, const char *actors, const char *needs, cc_thesaurus *th)
{
    cc_error err = {0};
    d->tags = cc_intern_new();
    cc_load_options opt = {.thesaurus = th};
    bool ok = cc_actors_load_buffer(&d->actors, "a.csv", actors, strlen(actors), &opt, d->tags,
                                    &err) == CC_OK &&
              cc_challenge_from_mapped_needs(&d->ch, needs, d->tags, th, &err) == CC_OK;
    cc_weights w = cc_weights_profile(CC_BALANCED);
    unsigned dropped;
    ok = ok && cc_weights_finish(&w, &d->actors, &dropped, &err) == CC_OK &&
         cc_scorer_init(&d->scorer, &d->actors, &d->ch, &w, NULL, &err) == CC_OK;
    if (!ok && err.count && err.messages[0])
        fprintf(stderr, "\n%s\n", err.messages[0]);
    cc_error_clear(&err);
    return ok;
}

static void release(scored_data *d)
{
    cc_scorer_free(&d->scorer);
    cc_challenge_clear(&d->ch);
    cc_actors_free(&d->actors);
    cc_intern_free(d->tags);
}

static void test_same_scores_as_rewritten_files(void)
{
    static char th_csv[8192], raw[8192], rewritten[8192], needs[256], needs_rw[256];
    int triads = 0, mismatches = 0;
    for (unsigned long long seed = 1; seed <= 300; seed++) {
        seed_state = seed;
        vocabulary v;
        make_vocabulary(&v, th_csv, sizeof th_csv);
        make_actors(&v, raw, rewritten, sizeof raw);
        make_needs(&v, needs, needs_rw, sizeof needs);
        loaded l = load(th_csv);
        CU_ASSERT_EQUAL_FATAL(l.status, CC_OK);
        scored_data with = {0}, by_hand = {0};
        bool ok = prepare(&with, raw, needs, l.th) && prepare(&by_hand, rewritten, needs_rw, NULL);
        CU_ASSERT_FATAL(ok);
        for (size_t s = 0; s < ACTORS; s += 3)
            for (size_t c = 1; c < ACTORS; c += 3)
                for (size_t p = 2; p < ACTORS; p += 3) {
                    const size_t m[3] = {s, c, p};
                    double a[CC_COMPONENTS], b[CC_COMPONENTS];
                    double x = cc_scorer_score(&with.scorer, m, a);
                    double y = cc_scorer_score(&by_hand.scorer, m, b);
                    mismatches += x != y || memcmp(a, b, sizeof a) != 0;
                    triads++;
                }
        release(&with);
        release(&by_hand);
        unload(&l);
    }
    CU_ASSERT_EQUAL(mismatches, 0);
    CU_ASSERT_EQUAL(triads, 300 * 64);
}

/* What an actor wrote is kept: the tag that gave each tag it did not. */
static void test_origins(void)
{
    loaded l = load("tag,means,broader\n"
                    "agri bio,agriculture biologique,\n"
                    "agriculture biologique,,agriculture\n"
                    "agri,agriculture,\n");
    CU_ASSERT_EQUAL_FATAL(l.status, CC_OK);
    const char *csv = "id,name,sector,expertise\n"
                      "s1,n,social,Agri-Bio\n"
                      "s2,n,social,agriculture biologique;agri bio;agriculture\n"
                      "s3,n,social,agriculture biologique;agri\n";
    cc_intern *tags = cc_intern_new();
    cc_actors actors;
    cc_error err = {0};
    cc_load_options opt = {.thesaurus = l.th};
    CU_ASSERT_EQUAL_FATAL(
        cc_actors_load_buffer(&actors, "a.csv", csv, strlen(csv), &opt, tags, &err), CC_OK);
    int bio = cc_intern_find(tags, "agriculture biologique"), agri = cc_intern_find(tags, "agriculture");
    int written = cc_intern_find(tags, "agri bio");
    CU_ASSERT_EQUAL(actors.items[0].expertise.count, 2);
    CU_ASSERT_EQUAL(cc_actors_origin(&actors, 0, bio), written); /* the variant written */
    CU_ASSERT_EQUAL(cc_actors_origin(&actors, 0, agri), written);
    CU_ASSERT_EQUAL(cc_actors_origin(&actors, 1, bio), bio);     /* written as such */
    CU_ASSERT_EQUAL(cc_actors_origin(&actors, 1, agri), agri);
    CU_ASSERT_EQUAL(cc_actors_origin(&actors, 1, -5), -5);
    /* a variant of the tag wins over a narrower tag, even one written first */
    CU_ASSERT_EQUAL(cc_actors_origin(&actors, 2, agri), cc_intern_find(tags, "agri"));
    CU_ASSERT_EQUAL(cc_actors_origin(&actors, 2, bio), bio);
    cc_actors_free(&actors);
    cc_intern_free(tags);
    unload(&l);
}

int main(void)
{
    static const test_case tests[] = {
        {"errors name file and line", test_errors_name_file_and_line},
        {"BOM, CRLF, ';', aliases, a tag meaning itself", test_good_files},
        {"broader tags count transitively", test_transitive_broader},
        {"long chains and circles", test_long_chains},
        {"scores equal those of files rewritten by hand", test_same_scores_as_rewritten_files},
        {"the tag an actor wrote is kept", test_origins},
    };
    return RUN_SUITE("thesaurus", tests);
}
