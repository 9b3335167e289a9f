/* test_variants.c — spelling variants among tags (variants.h): each rule
 * on pairs that are variants and pairs that are not, the choice of one
 * meaning per tag (no chains), determinism, and the share of variants found
 * on generated data where every variant's origin is known. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cocreate/text.h"
#include "cocreate/variants.h"
#include "harness.h"

/* norm(s), malloc'd. */
static char *norm(const char *s)
{
    char *out = NULL;
    CU_ASSERT_EQUAL(cc_text_norm(s, strlen(s), &out), CC_OK);
    return out;
}

/* The rule that makes `variant` a spelling of `meant` when `meant` is the
 * more used of the two (it comes first), or -1 when they are not variants.
 * A pair found the other way round counts as not. */
static int rule_of(const char *variant, const char *meant)
{
    char *keys[2] = {norm(meant), norm(variant)};
    cc_variant_pair *pairs;
    size_t count;
    int rule = -1;
    CU_ASSERT_EQUAL(cc_variants_find((const char *const *)keys, 2, &pairs, &count), CC_OK);
    for (size_t i = 0; i < count; i++)
        if (pairs[i].from == 1 && pairs[i].to == 0)
            rule = (int)pairs[i].rule;
    free(pairs);
    free(keys[0]);
    free(keys[1]);
    return rule;
}

static void expect(const char *variant, const char *meant, int rule)
{
    int got = rule_of(variant, meant);
    CU_ASSERT_EQUAL(got, rule);
    if (got != rule)
        fprintf(stderr, "\n  '%s' for '%s': %s, expected %s\n", variant, meant,
                got < 0 ? "none" : cc_variant_rule_names[got],
                rule < 0 ? "none" : cc_variant_rule_names[rule]);
}

/* ----------------------------------------------------------- the rules */

static void test_plural(void)
{
    expect("emplois", "emploi", CC_VARIANT_PLURAL);
    expect("emploi", "emplois", CC_VARIANT_PLURAL); /* whichever is more used */
    expect("circuits courts", "circuit court", CC_VARIANT_PLURAL);
    expect("insertions professionnelles", "insertion professionnelle", CC_VARIANT_PLURAL);
    expect("acteurs sociaux", "acteur social", CC_VARIANT_PLURAL);
    expect("réseaux", "réseau", CC_VARIANT_PLURAL);
    expect("Communities", "community", CC_VARIANT_PLURAL);
    expect("Jeux", "jeu", CC_VARIANT_PLURAL);
    expect("énergies", "énergie", CC_VARIANT_PLURAL);
    expect("économies", "économie", CC_VARIANT_PLURAL);
}

static void test_feminine(void)
{
    expect("insertion professionnelle", "insertion professionnel", CC_VARIANT_FEMININE);
    expect("vendeuse", "vendeur", CC_VARIANT_FEMININE);
    expect("animatrices", "animateur", CC_VARIANT_FEMININE);
    expect("Économie active", "économie actif", CC_VARIANT_FEMININE);
    expect("heureuses", "heureux", CC_VARIANT_FEMININE);
    expect("ancienne", "ancien", CC_VARIANT_FEMININE);
    expect("françaises", "français", CC_VARIANT_FEMININE);
}

static void test_small_words_and_order(void)
{
    expect("hébergement urgence", "hébergement d'urgence", CC_VARIANT_SMALL_WORDS);
    expect("aide à domicile", "aide domicile", CC_VARIANT_SMALL_WORDS);
    expect("emploi jeunes", "emploi des jeunes", CC_VARIANT_SMALL_WORDS);
    expect("collective restauration", "restauration collective", CC_VARIANT_WORD_ORDER);
    expect("jeunes (emploi des)", "emploi des jeunes", -1); /* "(emploi" is another word */
    expect("jeunes, emploi", "emploi des jeunes", -1);
    expect("jeunes emploi", "emploi des jeunes", CC_VARIANT_WORD_ORDER);
}

static void test_abbreviation(void)
{
    expect("insertion pro", "insertion professionnelle", CC_VARIANT_ABBREVIATION);
    expect("insertion pro.", "insertion professionnelle", CC_VARIANT_ABBREVIATION);
    expect("insertions pro", "insertion professionnelle", CC_VARIANT_ABBREVIATION);
    expect("agriculture bio", "agriculture biologique", CC_VARIANT_ABBREVIATION);
    expect("asso", "association", CC_VARIANT_ABBREVIATION);
    /* the short form means the long one, even when it is the more used */
    char *keys[2] = {norm("insertion pro"), norm("insertion professionnelle")};
    cc_variant_pair *pairs;
    size_t count;
    CU_ASSERT_EQUAL(cc_variants_find((const char *const *)keys, 2, &pairs, &count), CC_OK);
    CU_ASSERT_EQUAL_FATAL(count, 1);
    CU_ASSERT_EQUAL(pairs[0].from, 0);
    CU_ASSERT_EQUAL(pairs[0].to, 1);
    free(pairs);
    free(keys[0]);
    free(keys[1]);
    /* not an abbreviation: too little cut, too short, two words cut */
    expect("sport", "sportif", -1);
    expect("transport", "transporteur", -1);
    expect("in pro", "insertion professionnelle", -1);
    expect("ins pro", "insertion professionnelle", -1);
}

static void test_typo(void)
{
    expect("insertion profesionnelle", "insertion professionnelle", CC_VARIANT_TYPO);
    expect("insertion porfessionnelle", "insertion professionnelle", CC_VARIANT_TYPO);
    expect("logisitque", "logistique", CC_VARIANT_TYPO);
    expect("nutriton", "nutrition", CC_VARIANT_TYPO);
    expect("devlopement durable", "développement durable", CC_VARIANT_TYPO); /* two edits */
    expect("circuitscourts", "circuits courts", CC_VARIANT_TYPO);
    /* typos and plurals together */
    expect("insertions profesionnelles", "insertion professionnelle", CC_VARIANT_TYPO);
    /* too short for a typo, too far, or another word */
    expect("soin", "sain", -1);
    expect("care", "car", -1);
    expect("formation", "information", -1);
    expect("innovation sociale", "innovation locale", -1);
    expect("logistique", "logistique urbaine", -1);
}

/* The issue's examples. */
static void test_different_words(void)
{
    expect("santé mentale", "santé", -1);
    expect("santé", "santé mentale", -1);
    expect("sante mentale", "santé", -1);
    expect("agriculture biologique", "agriculture", -1);
    expect("agriculture", "agriculture biologique", -1);
    expect("emploi", "reemploi", -1);
    expect("logement", "logement social", -1);
    expect("de la", "du le", -1); /* small words only: nothing left to compare */
}

/* ------------------------------------------------------------- choosing */

/* keys[i] normalised, the search and the choice over them. */
static cc_variant_choice *choose(const char *const *words, size_t n)
{
    char **keys = calloc(n, sizeof *keys);
    for (size_t i = 0; i < n; i++)
        keys[i] = norm(words[i]);
    cc_variant_pair *pairs;
    size_t count;
    CU_ASSERT_EQUAL(cc_variants_find((const char *const *)keys, n, &pairs, &count), CC_OK);
    cc_variant_choice *choice = calloc(n, sizeof *choice);
    cc_variants_choose(pairs, count, n, choice);
    free(pairs);
    for (size_t i = 0; i < n; i++)
        free(keys[i]);
    free(keys);
    return choice;
}

/* No tag chosen as a meaning has a meaning; a meaning comes before its tag
 * unless it is an abbreviation's. */
static void assert_no_chain(const cc_variant_choice *choice, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (choice[i].means < 0)
            continue;
        CU_ASSERT_TRUE_FATAL((size_t)choice[i].means < n);
        CU_ASSERT_EQUAL(choice[choice[i].means].means, -1);
        CU_ASSERT_TRUE((size_t)choice[i].means < i ||
                       choice[i].rule == CC_VARIANT_ABBREVIATION);
    }
}

static void test_issue_example(void)
{
    static const char *const words[] = {"insertion professionnelle", "insertion pro",
                                        "insertions professionnelles",
                                        "insertion profesionnelle", "santé", "santé mentale",
                                        "emploi", "emplois"};
    size_t n = sizeof words / sizeof *words;
    cc_variant_choice *c = choose(words, n);
    CU_ASSERT_EQUAL(c[0].means, -1);
    CU_ASSERT_EQUAL(c[1].means, 0);
    CU_ASSERT_EQUAL(c[1].rule, CC_VARIANT_ABBREVIATION);
    CU_ASSERT_EQUAL(c[2].means, 0);
    CU_ASSERT_EQUAL(c[2].rule, CC_VARIANT_PLURAL);
    CU_ASSERT_EQUAL(c[3].means, 0);
    CU_ASSERT_EQUAL(c[3].rule, CC_VARIANT_TYPO);
    CU_ASSERT_EQUAL(c[4].means, -1);
    CU_ASSERT_EQUAL(c[5].means, -1);
    CU_ASSERT_EQUAL(c[6].means, -1);
    CU_ASSERT_EQUAL(c[7].means, 6);
    assert_no_chain(c, n);
    free(c);
}

/* Two groups side by side; then a short form that is the most used: it
 * means the long one unless it is a meaning itself. */
static void test_no_chain(void)
{
    static const char *const words[] = {"emploi", "emplois", "emp solidaire",
                                        "emploi solidaire", "emploi solidaires"};
    size_t n = sizeof words / sizeof *words;
    cc_variant_choice *c = choose(words, n);
    assert_no_chain(c, n);
    CU_ASSERT_EQUAL(c[1].means, 0);
    CU_ASSERT_EQUAL(c[2].means, 3);
    CU_ASSERT_EQUAL(c[4].means, 3);
    free(c);
    static const char *const more[] = {"insertion pro", "insertion professionnelle"};
    c = choose(more, 2);
    CU_ASSERT_EQUAL(c[0].means, 1);
    CU_ASSERT_EQUAL(c[1].means, -1);
    free(c);
    static const char *const taken[] = {"insertion pro", "insertions pro",
                                        "insertion professionnelle"};
    c = choose(taken, 3);
    assert_no_chain(c, 3);
    CU_ASSERT_EQUAL(c[1].means, 0);
    CU_ASSERT_EQUAL(c[0].means, -1);
    free(c);
}

/* ------------------------------------------------- generated variants */

/* A small deterministic generator (xorshift). */
static unsigned long long state = 88172645463325252ULL;

static unsigned pick(unsigned n)
{
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return (unsigned)(state % n);
}

/* Clean tags, as in an actors file (normalised forms). */
static const char *const clean[] = {
    "accessibilite", "accompagnement social", "acces aux droits", "achats responsables",
    "agriculture urbaine", "aidants", "aide alimentaire", "amenagement de poste",
    "anti gaspillage", "auto ecole sociale", "circuits courts", "commande publique",
    "communication", "covoiturage solidaire", "distribution", "donnees", "efficacite energetique",
    "emploi des jeunes", "emploi des personnes handicapees", "financement", "foncier",
    "formation", "habitat inclusif", "handicap", "hebergement d urgence", "inclusion numerique",
    "insertion professionnelle", "lien social", "logement social", "logistique",
    "maintien a domicile", "mobilite", "mecenat de competences", "mediation en sante",
    "numerique", "nutrition", "orientation", "precarite energetique", "prevention",
    "recrutement inclusif", "restauration collective", "reemploi", "renovation energetique",
    "reparation de velos", "reseau de magasins", "sante", "silver economie", "soutien scolaire",
    "transport adapte", "telemedecine", "economie circulaire", "education",
    "energies renouvelables", "evaluation d impact"};
#define CLEAN (sizeof clean / sizeof *clean)

/* A typo in one word of 5 letters or more: a letter dropped, doubled,
 * swapped with the next or replaced. False when the tag has no such word. */
static bool typo(const char *tag, char *out)
{
    size_t len = strlen(tag), starts[16], n = 0;
    for (size_t i = 0; i < len; i += strcspn(tag + i, " ") + 1)
        if (strcspn(tag + i, " ") >= 5 && n < 16)
            starts[n++] = i;
    if (n == 0)
        return false;
    size_t w = starts[pick((unsigned)n)], wl = strcspn(tag + w, " ");
    size_t at = w + 1 + pick((unsigned)(wl - 2)); /* not the first or last letter */
    strcpy(out, tag);
    switch (pick(4)) {
    case 0:
        memmove(out + at, out + at + 1, len - at);
        break;
    case 1:
        memmove(out + at + 1, out + at, len - at + 1);
        break;
    case 2: {
        char c = out[at];
        out[at] = out[at + 1];
        out[at + 1] = c;
        break;
    }
    default:
        out[at] = out[at] == 'z' ? 'y' : 'z';
    }
    return strcmp(out, tag) != 0;
}

/* Every word of 4 letters or more in the plural: -al as -aux, a word
 * ending in s, x or z as it is, the others with an s. */
static bool plural(const char *tag, char *out)
{
    size_t o = 0;
    for (const char *w = tag; *w;) {
        size_t n = strcspn(w, " ");
        memcpy(out + o, w, n);
        o += n;
        if (n >= 4 && memcmp(w + n - 2, "al", 2) == 0)
            o += (size_t)sprintf(out + o - 1, "ux") - 1;
        else if (n >= 4 && !strchr("sxz", w[n - 1]))
            out[o++] = 's';
        w += n;
        if (*w)
            out[o++] = *w++;
    }
    out[o] = '\0';
    return strcmp(out, tag) != 0;
}

/* The last word first. False for a tag of one word. */
static bool reorder(const char *tag, char *out)
{
    const char *last = strrchr(tag, ' ');
    if (!last)
        return false;
    sprintf(out, "%s %.*s", last + 1, (int)(last - tag), tag);
    return true;
}

/* The issue's measure: on tags where some spellings were replaced by
 * plurals, typos and reordered words, the suggestions find at least 90% of
 * the variants, and fewer than 10% of them merge two different tags. The
 * clean tags are the more used (they come first). */
static void test_generated_variants(void)
{
    enum { VARIANTS = 3 * CLEAN };
    char **keys = calloc(CLEAN + VARIANTS, sizeof *keys);
    size_t origin[CLEAN + VARIANTS], n = CLEAN;
    for (size_t i = 0; i < CLEAN; i++) {
        keys[i] = strdup(clean[i]);
        origin[i] = i;
    }
    for (size_t k = 0; k < VARIANTS; k++) {
        size_t from = k % CLEAN;
        char v[256];
        bool made = k / CLEAN == 0 ? plural(clean[from], v)
                    : k / CLEAN == 1 ? typo(clean[from], v)
                                     : reorder(clean[from], v);
        bool known = false; /* a variant already made, or a clean tag */
        for (size_t j = 0; made && j < n; j++)
            known |= strcmp(keys[j], v) == 0;
        if (!made || known)
            continue;
        keys[n] = strdup(v);
        origin[n++] = from;
    }
    cc_variant_pair *pairs;
    size_t count;
    CU_ASSERT_EQUAL_FATAL(cc_variants_find((const char *const *)keys, n, &pairs, &count), CC_OK);
    cc_variant_choice *choice = calloc(n, sizeof *choice);
    cc_variants_choose(pairs, count, n, choice);
    size_t found = 0, suggested = 0, wrong = 0;
    for (size_t i = 0; i < n; i++) {
        if (choice[i].means < 0)
            continue;
        suggested++;
        bool right = i >= CLEAN && origin[choice[i].means] == origin[i];
        wrong += !right;
        found += right;
        if (!right)
            fprintf(stderr, "\n  merged '%s' into '%s' (%s)", keys[i], keys[choice[i].means],
                    cc_variant_rule_names[choice[i].rule]);
    }
    for (size_t i = CLEAN; i < n; i++)
        if (choice[i].means < 0 || origin[choice[i].means] != origin[i])
            fprintf(stderr, "\n  missed '%s' (of '%s')", keys[i], clean[origin[i]]);
    size_t variants = n - CLEAN;
    fprintf(stderr, "\n  %zu variants, %zu found, %zu wrong of %zu suggestions\n", variants,
            found, wrong, suggested);
    CU_ASSERT_TRUE(variants > 2 * CLEAN);
    CU_ASSERT_TRUE(found * 10 >= variants * 9);
    CU_ASSERT_TRUE(wrong * 10 < suggested);
    assert_no_chain(choice, n);
    free(choice);
    free(pairs);
    for (size_t i = 0; i < n; i++)
        free(keys[i]);
    free(keys);
}

/* The same keys give the same pairs, sorted by (to, from), each once. */
static void test_deterministic(void)
{
    static const char *const words[] = {"emploi", "emplois", "emploie", "emplois des jeunes",
                                        "jeunes emplois", "emploi jeunes", "emploi de jeunes"};
    size_t n = sizeof words / sizeof *words;
    char *keys[sizeof words / sizeof *words];
    for (size_t i = 0; i < n; i++)
        keys[i] = norm(words[i]);
    cc_variant_pair *a, *b;
    size_t na, nb;
    CU_ASSERT_EQUAL(cc_variants_find((const char *const *)keys, n, &a, &na), CC_OK);
    CU_ASSERT_EQUAL(cc_variants_find((const char *const *)keys, n, &b, &nb), CC_OK);
    CU_ASSERT_EQUAL_FATAL(na, nb);
    CU_ASSERT_TRUE(na >= 5);
    for (size_t i = 0; i < na; i++)
        CU_ASSERT_TRUE(a[i].from == b[i].from && a[i].to == b[i].to && a[i].rule == b[i].rule);
    for (size_t i = 1; i < na; i++)
        CU_ASSERT_TRUE(a[i - 1].to < a[i].to ||
                       (a[i - 1].to == a[i].to && a[i - 1].from < a[i].from));
    free(a);
    free(b);
    for (size_t i = 0; i < n; i++)
        free(keys[i]);
}

/* Crowds of look-alikes: tags one letter apart (a word and one of
 * thousands of CJK characters), and thousands of orders of the same
 * words. Each tag pairs with a few of its crowd, so the search stays
 * linear; and no chain. */
static void test_crowds(void)
{
    enum { N = 10000 };
    static const char *const words[] = {"alpha", "beta", "gamma", "delta", "omega", "sigma",
                                        "kappa"};
    char **keys = calloc(2 * N, sizeof *keys);
    for (size_t i = 0; i < N; i++) {
        char k[64];
        unsigned c = 0x4E00 + (unsigned)i; /* three bytes of UTF-8 */
        snprintf(k, sizeof k, "crowd%c%c%c", 0xE0 | c >> 12, 0x80 | (c >> 6 & 0x3F),
                 0x80 | (c & 0x3F));
        keys[i] = strdup(k);
        /* the i-th order of the seven words (i < 7! = 5040), then others */
        size_t left[7] = {0, 1, 2, 3, 4, 5, 6}, code = i % 5040, o = 0;
        for (size_t slot = 7; slot > 0; slot--) {
            size_t f = 1;
            for (size_t j = 2; j < slot; j++)
                f *= j;
            size_t at = code / f;
            code %= f;
            o += (size_t)snprintf(k + o, sizeof k - o, "%s%s", o ? " " : "", words[left[at]]);
            memmove(left + at, left + at + 1, (slot - at - 1) * sizeof *left);
        }
        if (i >= 5040)
            snprintf(k + o, sizeof k - o, " %zu", i);
        keys[N + i] = strdup(k);
    }
    cc_variant_pair *pairs;
    size_t count;
    CU_ASSERT_EQUAL_FATAL(cc_variants_find((const char *const *)keys, 2 * N, &pairs, &count),
                          CC_OK);
    CU_ASSERT_TRUE(count >= N);
    CU_ASSERT_TRUE(count <= 2 * N * 8 * 3);
    cc_variant_choice *choice = calloc(2 * N, sizeof *choice);
    cc_variants_choose(pairs, count, 2 * N, choice);
    assert_no_chain(choice, 2 * N);
    CU_ASSERT_EQUAL(choice[1].means, 0);
    CU_ASSERT_EQUAL(choice[N + 1].means, N);
    CU_ASSERT_EQUAL(choice[N + 1].rule, CC_VARIANT_WORD_ORDER);
    free(choice);
    free(pairs);
    for (size_t i = 0; i < 2 * N; i++)
        free(keys[i]);
    free(keys);
}

/* Keys past CC_VARIANTS_FUZZY_MAX bytes still meet the exact rules. */
static void test_long_keys(void)
{
    char a[400], b[512];
    memset(a, 'a', 300);
    a[300] = '\0';
    snprintf(b, sizeof b, "%ss", a);
    expect(b, a, CC_VARIANT_PLURAL);
    a[150] = 'b';
    expect(a, b, -1); /* a typo, but too long to look for one */
    expect("", "x", -1);
}

int main(void)
{
    static const test_case tests[] = {
        {"plural", test_plural},
        {"feminine", test_feminine},
        {"small words and word order", test_small_words_and_order},
        {"abbreviation", test_abbreviation},
        {"typo", test_typo},
        {"different words are not variants", test_different_words},
        {"the issue's example", test_issue_example},
        {"no chain", test_no_chain},
        {"generated variants", test_generated_variants},
        {"deterministic", test_deterministic},
        {"crowds of look-alikes", test_crowds},
        {"long keys", test_long_keys},
    };
    return RUN_SUITE("variants", tests);
}
