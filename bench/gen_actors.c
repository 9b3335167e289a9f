/* gen_actors.c — benchmark data: N actors as CSV, or the bench challenges as
 * JSON, on standard output. The output depends only on the arguments, so two
 * runs (or two machines) time the same data.
 *
 * Usage: gen_actors MODE N [SEED]     MODE: random, dense, ties or profiles
 *        gen_actors challenges
 *
 * Tags come from a fixed vocabulary of 2,000 French-ish words and phrases
 * ("mobilité solidaire"), ranked once in a fixed shuffled order; actors draw
 * them by Zipf's law (exponent 1), so a few tags are everywhere and most are
 * rare, as in real registries. The challenges' needs are words of the same
 * vocabulary, frequent and rare ones, so that both data sets fit.
 *
 *   random    2-8 expertise tags, 0-4 seeks, territory of 1-4 levels over
 *             13 regions (FR/R3/D12/C40), log-normal reach (some 0 or empty)
 *   dense     every actor offers 3-8 of the 12 needs of bench-main, plus a
 *             few random tags: many triads score high and close together
 *   ties      every actor is a copy of one of 5 profiles of its sector
 *             (each with 1-5 of bench-main's needs, so that scores are not
 *             all zero): whole classes of triads score exactly the same
 *   profiles  actors vary a little around 300 base profiles (a tag more or
 *             less, another reach, a finer territory), as real data repeats
 *
 * Sectors take turns (row i is sector i % 3), so they stay balanced. A few
 * names hold a comma or quotes, and a few tags are spelt with hyphens, so
 * that reading does the quoting and normalisation work real files need. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- random numbers: splitmix64, one stream per purpose, so that the
 * vocabulary and the challenges do not depend on the actors' seed */
typedef struct { uint64_t s; } Rng;

static uint64_t next64(Rng *r)
{
    uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* uniform in [0, n) */
static unsigned rnd(Rng *r, unsigned n)
{
    return (unsigned)(((next64(r) >> 32) * n) >> 32);
}

/* uniform in [0, 1) */
static double unif(Rng *r)
{
    return (double)(next64(r) >> 11) * 0x1p-53;
}

static int chance(Rng *r, double p)
{
    return unif(r) < p;
}

/* --- the vocabulary */
static const char *const nouns[] = {
    "alimentation", "logistique", "nutrition", "santé", "prévention", "mobilité",
    "logement", "habitat", "énergie", "insertion", "formation", "emploi",
    "éducation", "numérique", "financement", "recyclage", "agriculture", "culture",
    "sport", "médiation", "accompagnement", "handicap", "vieillissement", "jeunesse",
    "parentalité", "eau", "biodiversité", "climat", "transport", "tourisme",
    "artisanat", "commerce", "innovation", "recherche", "données", "gouvernance",
    "citoyenneté", "solidarité", "précarité", "réemploi", "compostage", "restauration",
    "soins", "aidance", "inclusion", "microcrédit", "épargne", "assurance",
    "immobilier", "sécurité",
};
static const char *const qualifiers[] = {
    "solidaire", "durable", "locale", "rurale", "urbaine", "numérique",
    "inclusive", "collective", "circulaire", "sociale", "territoriale", "partagée",
    "citoyenne", "responsable", "accessible", "préventive", "mobile", "participative",
    "coopérative", "écologique", "bas carbone", "de proximité", "pour tous", "des jeunes",
    "des seniors", "en quartier", "en milieu rural", "à domicile", "d'urgence", "verte",
    "équitable", "alternative", "connectée", "mutualisée", "innovante", "intergénérationnelle",
    "sobre", "résiliente", "hybride", "ouverte", "itinérante", "en ligne",
    "familiale", "scolaire",
};
#define NNOUNS (sizeof nouns / sizeof *nouns)
#define NQUALS (sizeof qualifiers / sizeof *qualifiers)
#define VOCAB 2000 /* of the NNOUNS * (1 + NQUALS) words and phrases */

static char vocab[VOCAB][64]; /* by Zipf rank: vocab[0] is the most frequent */
static double zipf_cdf[VOCAB];

static void make_vocabulary(void)
{
    static char all[NNOUNS * (1 + NQUALS)][64];
    size_t n = 0;
    for (size_t i = 0; i < NNOUNS; i++) {
        snprintf(all[n++], sizeof *all, "%s", nouns[i]);
        for (size_t j = 0; j < NQUALS; j++)
            snprintf(all[n++], sizeof *all, "%s %s", nouns[i], qualifiers[j]);
    }
    /* a fixed shuffle decides which words are frequent */
    Rng r = {20240611};
    for (size_t i = n - 1; i > 0; i--) {
        size_t j = rnd(&r, (unsigned)(i + 1));
        char t[64];
        memcpy(t, all[i], sizeof t);
        memcpy(all[i], all[j], sizeof t);
        memcpy(all[j], t, sizeof t);
    }
    double sum = 0;
    for (size_t i = 0; i < VOCAB; i++) {
        memcpy(vocab[i], all[i], sizeof *vocab);
        sum += 1.0 / (double)(i + 1);
        zipf_cdf[i] = sum;
    }
}

static int zipf(Rng *r)
{
    double u = unif(r) * zipf_cdf[VOCAB - 1];
    int lo = 0, hi = VOCAB - 1;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (zipf_cdf[mid] <= u)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* --- the challenges: 12 needs each, 4 frequent, 4 middling, 4 rare words */
#define NCHALLENGES 10
#define NNEEDS 12

static void challenge_needs(int c, int needs[NNEEDS], int weights[NNEEDS])
{
    static const unsigned band[4] = {0, 40, 400, VOCAB};
    Rng r = {1000 + (uint64_t)c};
    for (int i = 0; i < NNEEDS; i++) {
        int b = i / 4, t, dup;
        do {
            t = (int)(band[b] + rnd(&r, band[b + 1] - band[b]));
            dup = 0;
            for (int j = 0; j < i; j++)
                dup |= needs[j] == t;
        } while (dup);
        needs[i] = t;
        weights[i] = 1 + (int)rnd(&r, 3);
    }
}

static void json_string(const char *s)
{
    putchar('"');
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            putchar('\\');
        putchar(*s);
    }
    putchar('"');
}

static void write_challenges(void)
{
    static const char *const ambitions[] = {"balanced", "invent", "synergy", "scale"};
    puts("{ \"challenges\": [");
    for (int c = 0; c < NCHALLENGES; c++) {
        int needs[NNEEDS], weights[NNEEDS];
        challenge_needs(c, needs, weights);
        if (c == 0)
            printf("  { \"id\": \"bench-main\", \"name\": \"Défi principal du banc d'essai\",\n");
        else
            printf("  { \"id\": \"bench-%d\", \"name\": \"Défi %d du banc d'essai\",\n", c + 1, c + 1);
        printf("    \"description\": \"Généré par gen_actors pour mesurer les temps.\",\n");
        printf("    \"ambition\": \"%s\",\n", ambitions[c % 4]);
        if (c == 2) /* one challenge narrows the actors to a region */
            printf("    \"territory\": \"FR/R3\",\n");
        printf("    \"needs\": {");
        for (int i = 0; i < NNEEDS; i++) {
            printf("%s", i ? ", " : " ");
            json_string(vocab[needs[i]]);
            printf(": %d", weights[i]);
        }
        printf(" } }%s\n", c + 1 < NCHALLENGES ? "," : "");
    }
    puts("] }");
}

/* --- actors */
#define MAXTAGS 16

typedef struct {
    int exp[MAXTAGS], nexp;
    int seek[MAXTAGS], nseek;
    unsigned terr[4]; /* region, department, commune; nterr levels with FR */
    int nterr;
    long reach; /* -1: empty field */
} Profile;

static int has(const int *tags, int n, int t)
{
    for (int i = 0; i < n; i++)
        if (tags[i] == t)
            return 1;
    return 0;
}

static void add_tag(int *tags, int *n, int t)
{
    if (*n < MAXTAGS && !has(tags, *n, t))
        tags[(*n)++] = t;
}

static void drop_tag(Rng *r, int *tags, int *n)
{
    unsigned i = rnd(r, (unsigned)*n);
    tags[i] = tags[--*n];
}

/* extend the territory to `levels` levels: regions R1-R13, 8 departments each
 * (D1-D104), communes C1-C60 */
static void deepen(Rng *r, Profile *p, int levels)
{
    for (int l = p->nterr; l < levels; l++) {
        if (l == 1)
            p->terr[1] = 1 + rnd(r, 13);
        else if (l == 2)
            p->terr[2] = (p->terr[1] - 1) * 8 + 1 + rnd(r, 8);
        else if (l == 3)
            p->terr[3] = 1 + rnd(r, 60);
    }
    p->nterr = levels;
}

static void random_place(Rng *r, Profile *p)
{
    /* 2% none, then 1-4 levels, mostly department or commune */
    unsigned u = rnd(r, 100);
    p->nterr = 0;
    deepen(r, p, u < 2 ? 0 : u < 7 ? 1 : u < 30 ? 2 : u < 70 ? 3 : 4);
}

static long random_reach(Rng *r)
{
    unsigned u = rnd(r, 100);
    if (u < 5)
        return -1;
    if (u < 10)
        return 0;
    /* log-normal: median 1,500 people, a long tail up to millions */
    double z = sqrt(-2.0 * log(1.0 - unif(r))) * cos(2.0 * 3.14159265358979 * unif(r));
    double v = exp(log(1500.0) + 1.8 * z);
    return v > 1e8 ? 100000000L : (long)v;
}

static void random_profile(Rng *r, Profile *p)
{
    p->nexp = p->nseek = 0;
    for (int k = 2 + (int)rnd(r, 7); p->nexp < k;)
        add_tag(p->exp, &p->nexp, zipf(r));
    for (int k = (int)rnd(r, 5); p->nseek < k;)
        add_tag(p->seek, &p->nseek, zipf(r));
    random_place(r, p);
    p->reach = random_reach(r);
}

/* some of bench-main's needs, a few random tags, seeks half among the needs */
static void dense_profile(Rng *r, Profile *p, int min, int max)
{
    int needs[NNEEDS], weights[NNEEDS];
    challenge_needs(0, needs, weights);
    p->nexp = p->nseek = 0;
    for (int k = min + (int)rnd(r, (unsigned)(max - min + 1)); p->nexp < k;)
        add_tag(p->exp, &p->nexp, needs[rnd(r, NNEEDS)]);
    for (int k = p->nexp + 1 + (int)rnd(r, 3); p->nexp < k;)
        add_tag(p->exp, &p->nexp, zipf(r));
    for (int k = (int)rnd(r, 5); p->nseek < k;)
        add_tag(p->seek, &p->nseek, chance(r, 0.5) ? needs[rnd(r, NNEEDS)] : zipf(r));
    random_place(r, p);
    p->reach = random_reach(r);
}

/* a copy of a base profile with the small differences real registries show */
static void vary(Rng *r, Profile *p)
{
    if (chance(r, 0.3))
        add_tag(p->exp, &p->nexp, zipf(r));
    if (chance(r, 0.2) && p->nexp > 2)
        drop_tag(r, p->exp, &p->nexp);
    if (chance(r, 0.1)) {
        if (p->nseek > 0 && chance(r, 0.5))
            drop_tag(r, p->seek, &p->nseek);
        else
            add_tag(p->seek, &p->nseek, zipf(r));
    }
    if (p->reach > 0)
        p->reach = (long)((double)p->reach * (0.9 + 0.2 * unif(r)));
    if (chance(r, 0.2) && p->nterr >= 1 && p->nterr < 4)
        deepen(r, p, p->nterr + 1);
}

/* RFC 4180: quote a field holding a comma, a quote or a line end */
static void csv_field(const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, stdout);
        return;
    }
    putchar('"');
    for (; *s; s++) {
        if (*s == '"')
            putchar('"');
        putchar(*s);
    }
    putchar('"');
}

/* tags joined by ';'; with `spelling`, 3% are written with hyphens
 * ("mobilité-solidaire"), the same tag once normalised */
static void write_tags(Rng *r, const int *tags, int n, int spelling)
{
    for (int i = 0; i < n; i++) {
        if (i)
            putchar(';');
        if (spelling && chance(r, 0.03)) {
            for (const char *s = vocab[tags[i]]; *s; s++)
                putchar(*s == ' ' ? '-' : *s);
        } else {
            fputs(vocab[tags[i]], stdout);
        }
    }
}

static void write_actor(Rng *r, long i, const Profile *p, int spelling)
{
    static const char *const sectors[] = {"social", "company", "public"};
    static const char *const kinds[3][2] = {{"Association", "Coopérative"},
                                           {"Entreprise", "Société"},
                                           {"Commune", "Agence"}};
    char name[128];
    int s = (int)(i % 3);
    unsigned u = rnd(r, 100);
    if (u < 3)
        snprintf(name, sizeof name, "%s du Nord, site %ld", kinds[s][1], i);
    else if (u < 5)
        snprintf(name, sizeof name, "%s \"Les Ateliers\" %ld", kinds[s][0], i);
    else
        snprintf(name, sizeof name, "%s %ld", kinds[s][u & 1], i);
    printf("a%ld,", i);
    csv_field(name);
    printf(",%s,", sectors[s]);
    write_tags(r, p->exp, p->nexp, spelling);
    putchar(',');
    write_tags(r, p->seek, p->nseek, spelling);
    putchar(',');
    if (p->nterr >= 1)
        fputs("FR", stdout);
    if (p->nterr >= 2)
        printf("/R%u", p->terr[1]);
    if (p->nterr >= 3)
        printf("/D%u", p->terr[2]);
    if (p->nterr >= 4)
        printf("/C%u", p->terr[3]);
    putchar(',');
    if (p->reach >= 0)
        printf("%ld", p->reach);
    putchar('\n');
}

static int usage(void)
{
    fprintf(stderr, "usage: gen_actors random|dense|ties|profiles N [SEED]\n"
                    "       gen_actors challenges\n");
    return 64;
}

int main(int argc, char **argv)
{
    make_vocabulary();
    if (argc == 2 && strcmp(argv[1], "challenges") == 0) {
        write_challenges();
        return ferror(stdout) ? 74 : 0;
    }
    if (argc < 3 || argc > 4)
        return usage();
    const char *mode = argv[1];
    char *end;
    long n = strtol(argv[2], &end, 10);
    if (*end || n < 0)
        return usage();
    Rng r = {argc > 3 ? strtoull(argv[3], NULL, 10) : 5};

    /* ties: 5 profiles a sector; profiles: 100 a sector (base i of sector
     * i % 3 as actors are) */
    static Profile base[300];
    int nbase = 0, spelling = 1;
    if (strcmp(mode, "ties") == 0) {
        nbase = 15;
        spelling = 0; /* identical down to the bytes */
        for (int b = 0; b < nbase; b++)
            dense_profile(&r, &base[b], 1, 5);
    } else if (strcmp(mode, "profiles") == 0) {
        nbase = 300;
        for (int b = 0; b < nbase; b++)
            random_profile(&r, &base[b]);
    } else if (strcmp(mode, "random") != 0 && strcmp(mode, "dense") != 0) {
        return usage();
    }

    puts("id,name,sector,expertise,seeks,territory,reach");
    for (long i = 0; i < n; i++) {
        Profile p;
        if (nbase) {
            /* a base of this actor's sector */
            p = base[(int)(i % 3) + 3 * (int)rnd(&r, (unsigned)nbase / 3)];
            if (nbase == 300)
                vary(&r, &p);
        } else if (mode[0] == 'd') {
            dense_profile(&r, &p, 3, 8);
        } else {
            random_profile(&r, &p);
        }
        write_actor(&r, i, &p, spelling);
    }
    return ferror(stdout) ? 74 : 0;
}
