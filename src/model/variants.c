/* variants.c — spelling variants among normalised tags (variants.h).
 *
 * Three passes, each linear in the number of tags (times their length):
 *   1. the exact rules (plural, feminine, small words, word order): every
 *      tag gets a loose key — its words but the small ones, each made
 *      singular and masculine, sorted — and tags of equal loose keys are
 *      paired (found by sorting the keys), the pair then classified by the
 *      strongest rule that still tells them apart;
 *   2. typos: every tag's folded form, doubled letters counted once, goes
 *      into an index once whole and once per character deleted (the
 *      "symmetric delete" scheme): two tags within one edit of each other
 *      share an index key, and most pairs within two edits where one edit
 *      is a doubled letter do too; each candidate is then measured;
 *   3. abbreviations: every tag goes into an index once per word cut short
 *      (each length from 3 letters to 60% of the word), and every tag is
 *      looked up there as it is.
 * The index keys are 64-bit hashes of the forms, computed from prefix
 * hashes so that each deleted character or cut word costs O(1); a shared
 * hash only makes two tags candidates, which are always checked on the
 * text. A run of tags sharing one key pairs each with the first MAX_PEERS
 * of the run only, and each tag keeps its MAX_MEANINGS first candidate
 * meanings only: a crowd of look-alikes costs linear time and memory. */
#include "cocreate/variants.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

const char *const cc_variant_rule_names[CC_VARIANT_RULES] = {
    [CC_VARIANT_PLURAL] = "plural",
    [CC_VARIANT_FEMININE] = "feminine",
    [CC_VARIANT_SMALL_WORDS] = "small words",
    [CC_VARIANT_WORD_ORDER] = "word order",
    [CC_VARIANT_ABBREVIATION] = "abbreviation",
    [CC_VARIANT_TYPO] = "typo",
};

/* A tag is compared with at most this many others sharing one index key. */
#define MAX_PEERS 8

/* ------------------------------------------------------------- word forms */

static bool ends_with(const char *w, size_t n, const char *suffix)
{
    size_t k = strlen(suffix);
    return n >= k && memcmp(w + n - k, suffix, k) == 0;
}

/* Words that join others: dropped by the small-words rule (d' and l' are
 * "d" and "l" once normalised). */
static bool small_word(const char *w, size_t n)
{
    static const char *const small[] = {"de", "des", "du", "la", "le", "les", "et", "d", "l",
                                        "a",  "au",  "aux", "of", "the", "and"};
    for (size_t i = 0; i < sizeof small / sizeof *small; i++)
        if (strlen(small[i]) == n && memcmp(small[i], w, n) == 0)
            return true;
    return false;
}

/* The singular of word `w` (rewritten in place): its new length. Words of
 * fewer than 4 bytes are left alone; -aux is fold_word's. */
static size_t singular(char *w, size_t n)
{
    if (n < 4)
        return n;
    if (ends_with(w, n, "ux")) /* eaux, eux, oux */
        return n - 1;
    if (n >= 5 && ends_with(w, n, "ies")) { /* énergies, communities */
        w[n - 3] = 'y';
        return n - 2;
    }
    if (n >= 5 && ends_with(w, n, "ie")) { /* énergie, as energy */
        w[n - 2] = 'y';
        return n - 1;
    }
    if (w[n - 1] == 's' && w[n - 2] != 's')
        return n - 1;
    return n;
}

/* The masculine of singular word `w` (in place): its new length. Words of
 * fewer than 5 bytes are left alone ("fine" is not "fin"). */
static size_t masculine(char *w, size_t n)
{
    if (n < 5)
        return n;
    if (ends_with(w, n, "euse")) /* vendeuse, heureuse: as vendeur, heureux */
        return n - 2;
    if (ends_with(w, n, "eur"))
        return n - 1;
    if (ends_with(w, n, "trice")) { /* actrice: as acteur */
        memcpy(w + n - 5, "teu", 3);
        return n - 2;
    }
    if (ends_with(w, n, "ive")) {
        w[n - 2] = 'f';
        return n - 1;
    }
    if (w[n - 1] != 'e')
        return n;
    n--; /* professionnelle, ancienne, muette: the consonant was doubled */
    if (w[n - 1] == w[n - 2] && strchr("lnt", w[n - 1]))
        n--;
    return n;
}

/* What becomes of a word in a form. */
enum {
    FOLD_PLURAL = 1,   /* made singular */
    FOLD_FEMININE = 2, /* and masculine */
    DROP_SMALL = 4,    /* small words left out */
    SORT_WORDS = 8,    /* words in byte order */
    STRIP_DOT = 16     /* a final '.' of each word dropped (abbreviations) */
};

/* Word `w` folded as `how` says, in place; its new length. */
static size_t fold_word(char *w, size_t n, int how)
{
    if ((how & STRIP_DOT) && n > 1 && w[n - 1] == '.')
        n--;
    if (how & (FOLD_PLURAL | FOLD_FEMININE)) {
        /* -aux is the plural of -al (sociaux), -eaux of -eau (réseaux) */
        if (n >= 4 && ends_with(w, n, "aux") && !ends_with(w, n, "eaux")) {
            w[n - 2] = 'l';
            n--;
        } else {
            n = singular(w, n);
        }
    }
    if (how & FOLD_FEMININE) {
        size_t m = masculine(w, n);
        if (m != n && m >= 4 && w[m - 1] == 's' && w[m - 2] != 's')
            m--; /* françaises → française → français → françai, as français */
        n = m;
    }
    return n;
}

static int compare_words(const void *a, const void *b)
{
    const char *const *x = a, *const *y = b;
    return strcmp(*x, *y);
}

/* A growable byte buffer. */
typedef struct {
    char *text;
    size_t size;
} buffer;

static bool reserve(buffer *b, size_t size)
{
    if (size <= b->size)
        return true;
    char *bigger = realloc(b->text, size);
    if (!bigger)
        return false;
    b->text = bigger;
    b->size = size;
    return true;
}

/* The form of `key` that `how` describes, into `out` (NUL-terminated; a
 * form is never longer than its key). `words` is scratch for SORT_WORDS.
 * False when out of memory. */
static bool form(const char *key, int how, buffer *out, buffer *words)
{
    size_t len = strlen(key), used = 0, count = 0;
    if (!reserve(out, len + 2))
        return false;
    for (const char *w = key; *w;) {
        size_t n = strcspn(w, " ");
        if (!((how & DROP_SMALL) && small_word(w, n))) {
            memcpy(out->text + used, w, n);
            size_t folded = fold_word(out->text + used, n, how);
            out->text[used + folded] = ' ';
            used += folded + 1;
            count++;
        }
        w += n + strspn(w + n, " ");
    }
    out->text[used ? used - 1 : 0] = '\0';
    if (!(how & SORT_WORDS) || count < 2)
        return true;
    /* sort the words: pointers to them, each NUL-terminated in place */
    if (!reserve(words, count * sizeof(char *)) || !reserve(out, 2 * used + 1))
        return false;
    char **list = (char **)(void *)words->text, *copy = out->text + used;
    memcpy(copy, out->text, used);
    size_t k = 0;
    for (char *p = copy; k < count; k++) {
        list[k] = p;
        p += strcspn(p, " ");
        *p++ = '\0';
    }
    qsort(list, count, sizeof *list, compare_words);
    size_t at = 0;
    for (k = 0; k < count; k++) {
        size_t n = strlen(list[k]);
        memmove(out->text + at, list[k], n);
        at += n;
        out->text[at++] = ' ';
    }
    out->text[at - 1] = '\0';
    return true;
}

/* ------------------------------------------------------------------ pairs */

/* The pairs found so far, as each tag's candidate meanings: the
 * MAX_MEANINGS first in the order, each once with its strongest rule. A
 * bounded list per tag keeps the memory linear however many look-alikes
 * share its keys (a tag could otherwise gather hundreds of typo pairs). */
#define MAX_MEANINGS 8

typedef struct {
    uint32_t to;
    unsigned char rule;
} candidate;

typedef struct {
    candidate *items;     /* MAX_MEANINGS per tag */
    unsigned char *count; /* per tag */
} pair_list;

/* Whether pair (from, to) would change the candidates of `from`. */
static bool wanted(const pair_list *l, size_t from, size_t to)
{
    const candidate *c = l->items + from * MAX_MEANINGS;
    if (l->count[from] < MAX_MEANINGS)
        return true;
    for (int i = 0; i < MAX_MEANINGS; i++)
        if (c[i].to >= to)
            return true;
    return false;
}

/* Adds the pair to `from`'s candidates: a new one, a stronger rule for
 * one there, or one that comes before the last there. Always true (it
 * never allocates), to chain with calls that may fail. */
static bool add_pair(pair_list *l, size_t from, size_t to, cc_variant_rule rule)
{
    candidate *c = l->items + from * MAX_MEANINGS;
    int n = l->count[from], last = 0;
    for (int i = 0; i < n; i++) {
        if (c[i].to == to) {
            if (rule < c[i].rule)
                c[i].rule = (unsigned char)rule;
            return true;
        }
        if (c[i].to > c[last].to)
            last = i;
    }
    if (n < MAX_MEANINGS)
        c[l->count[from]++] = (candidate){(uint32_t)to, (unsigned char)rule};
    else if (to < c[last].to)
        c[last] = (candidate){(uint32_t)to, (unsigned char)rule};
    return true;
}

/* By (to, from). */
static int by_target(const void *a, const void *b)
{
    const cc_variant_pair *x = a, *y = b;
    if (x->to != y->to)
        return x->to < y->to ? -1 : 1;
    return (x->from > y->from) - (x->from < y->from);
}

/* Scratch buffers of one search. */
typedef struct {
    buffer a, b, words;
} scratch;

/* --------------------------------------------------------- exact rules */

/* The strongest exact rule that pairs `a` and `b`, whose loose keys are
 * equal: the first form (of growing looseness) in which they are equal. */
static bool classify(const char *a, const char *b, scratch *s, cc_variant_rule *rule)
{
    static const struct {
        int how;
        cc_variant_rule rule;
    } forms[] = {{FOLD_PLURAL, CC_VARIANT_PLURAL},
                 {FOLD_PLURAL | FOLD_FEMININE, CC_VARIANT_FEMININE},
                 {FOLD_PLURAL | FOLD_FEMININE | DROP_SMALL, CC_VARIANT_SMALL_WORDS}};
    for (size_t i = 0; i < sizeof forms / sizeof *forms; i++) {
        if (!form(a, forms[i].how, &s->a, &s->words) || !form(b, forms[i].how, &s->b, &s->words))
            return false;
        if (strcmp(s->a.text, s->b.text) == 0) {
            *rule = forms[i].rule;
            return true;
        }
    }
    *rule = CC_VARIANT_WORD_ORDER;
    return true;
}

typedef struct {
    size_t offset; /* of the loose key in the pool */
    size_t tag;
} loose_key;

static const char *loose_pool; /* qsort has no context argument in C11 */

static int by_loose_key(const void *a, const void *b)
{
    const loose_key *x = a, *y = b;
    int c = strcmp(loose_pool + x->offset, loose_pool + y->offset);
    return c ? c : (x->tag > y->tag) - (x->tag < y->tag);
}

/* Pairs the tags of equal loose keys: words but the small ones, singular
 * and masculine, sorted. A tag made of small words only has none. */
static bool exact_pairs(const char *const *keys, size_t n, scratch *s, pair_list *out)
{
    loose_key *list = malloc((n ? n : 1) * sizeof *list);
    buffer pool = {0};
    size_t count = 0, used = 0;
    bool ok = list != NULL;
    for (size_t i = 0; ok && i < n; i++) {
        ok = form(keys[i], FOLD_PLURAL | FOLD_FEMININE | DROP_SMALL | SORT_WORDS, &s->a,
                  &s->words);
        size_t len = ok ? strlen(s->a.text) : 0;
        if (!ok || len == 0)
            continue;
        if (pool.size < used + len + 1)
            ok = reserve(&pool, 2 * (used + len + 1));
        if (ok) {
            memcpy(pool.text + used, s->a.text, len + 1);
            list[count++] = (loose_key){used, i};
            used += len + 1;
        }
    }
    if (ok) {
        loose_pool = pool.text;
        qsort(list, count, sizeof *list, by_loose_key);
    }
    for (size_t start = 0; ok && start < count;) {
        size_t end = start + 1;
        while (end < count && strcmp(pool.text + list[end].offset,
                                     pool.text + list[start].offset) == 0)
            end++;
        for (size_t j = start + 1; ok && j < end; j++)
            for (size_t i = start; ok && i < j && i < start + MAX_PEERS; i++) {
                cc_variant_rule rule;
                ok = classify(keys[list[i].tag], keys[list[j].tag], s, &rule) &&
                     add_pair(out, list[j].tag, list[i].tag, rule);
            }
        start = end;
    }
    free(list);
    free(pool.text);
    return ok;
}

/* ---------------------------------------------------------------- hashing */

/* Polynomial hashes: h(s) = sum of (s[i] + 1) * BASE^(len-1-i), modulo
 * 2^64, so that the hash of a string with a piece cut out comes from the
 * prefix hashes in O(1); then mixed, with the length, into an index key. */
#define BASE UINT64_C(0x9E3779B97F4A7C15)

static uint64_t mix(uint64_t h, size_t len)
{
    h ^= (uint64_t)len * UINT64_C(0xff51afd7ed558ccd);
    h ^= h >> 30;
    h *= UINT64_C(0xbf58476d1ce4e5b9);
    h ^= h >> 27;
    h *= UINT64_C(0x94d049bb133111eb);
    return h ^ (h >> 31);
}

/* The hash of s[0..n) with s[from..to) cut out, given prefix hashes
 * pre[0..n] (pre[k]: the hash of s[0..k)) and powers of BASE. */
static uint64_t hash_cut(const uint64_t *pre, const uint64_t *power, size_t n, size_t from,
                         size_t to)
{
    uint64_t tail = pre[n] - pre[to] * power[n - to];
    return mix(pre[from] * power[n - to] + tail, n - (to - from));
}

/* An index entry: a key hash and the tag that has it, in 32-bit halves
 * (12 bytes, where a uint64_t would pad it to 16: the indexes hold one
 * entry per character of every tag). */
typedef struct {
    uint32_t hash_high, hash_low;
    uint32_t tag;
} entry;

static uint64_t hash_of(const entry *e)
{
    return (uint64_t)e->hash_high << 32 | e->hash_low;
}

/* An index is built twice: once `sizing` (counting its entries only),
 * then into an array of exactly that size, as a growing array would hold
 * up to twice what it needs at its peak. */
typedef struct {
    entry *items;
    size_t count, capacity;
    bool sizing;
} entry_list;

/* After the sizing pass: room for what it counted; false when out of
 * memory. */
static bool size_exactly(entry_list *l)
{
    l->capacity = l->count ? l->count : 1;
    l->count = 0;
    l->sizing = false;
    l->items = malloc(l->capacity * sizeof *l->items);
    return l->items != NULL;
}

static bool add_entry(entry_list *l, uint64_t hash, size_t tag)
{
    if (l->sizing) {
        l->count++;
        return true;
    }
    if (l->count == l->capacity) { /* never, once sized */
        size_t capacity = l->capacity ? 2 * l->capacity : 256;
        entry *bigger = realloc(l->items, capacity * sizeof *bigger);
        if (!bigger)
            return false;
        l->items = bigger;
        l->capacity = capacity;
    }
    l->items[l->count++] = (entry){(uint32_t)(hash >> 32), (uint32_t)hash, (uint32_t)tag};
    return true;
}

static int by_hash(const void *a, const void *b)
{
    const entry *x = a, *y = b;
    uint64_t hx = hash_of(x), hy = hash_of(y);
    if (hx != hy)
        return hx < hy ? -1 : 1;
    return (x->tag > y->tag) - (x->tag < y->tag);
}

/* Sorts an index by_hash: in place by the top byte of the hash first
 * (American flag sort: the hashes are uniform), then each of the 256
 * parts with qsort, whose merge sort would otherwise copy the whole
 * index. */
static void sort_index(entry *e, size_t n)
{
    size_t start[257] = {0}, next[256];
    for (size_t i = 0; i < n; i++)
        start[(e[i].hash_high >> 24) + 1]++;
    for (int b = 0; b < 256; b++) {
        start[b + 1] += start[b];
        next[b] = start[b];
    }
    for (unsigned b = 0; b < 256; b++)
        while (next[b] < start[b + 1]) {
            entry x = e[next[b]];
            unsigned d = x.hash_high >> 24;
            while (d != b) { /* put x in its part, and carry on with what was there */
                entry y = e[next[d]];
                e[next[d]++] = x;
                x = y;
                d = x.hash_high >> 24;
            }
            e[next[b]++] = x;
        }
    for (int b = 0; b < 256; b++)
        if (start[b + 1] - start[b] > 1)
            qsort(e + start[b], start[b + 1] - start[b], sizeof *e, by_hash);
}

/* ------------------------------------------------------- fuzzy rules */

/* What the typo and abbreviation rules know of a tag. */
typedef struct {
    size_t folded;     /* offset of its folded form (singular, masculine) in the pool */
    int chars;         /* characters of its key; 0: too long to look at */
} fuzzy_tag;

/* The code points of the `len` bytes at `s` (valid UTF-8, at most
 * CC_VARIANTS_FUZZY_MAX of them) into cp; their number. */
static size_t decode(const char *s, size_t len, int32_t *cp)
{
    size_t n = 0;
    for (size_t i = 0; i < len && n < CC_VARIANTS_FUZZY_MAX;) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k =
            utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &c);
        if (k <= 0) {
            c = (unsigned char)s[i]; /* not UTF-8: normalised keys always are */
            k = 1;
        }
        cp[n++] = c;
        i += (size_t)k;
    }
    return n;
}

static size_t count_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static size_t count_words(const char *s)
{
    size_t n = *s != '\0';
    for (; *s; s++)
        n += *s == ' ';
    return n;
}

/* Optimal string alignment distance (Damerau-Levenshtein where no
 * substring is edited twice) between a[0..n) and b[0..m), both at most
 * CC_VARIANTS_FUZZY_MAX long; anything above `limit` is limit + 1. */
static size_t distance(const int32_t *a, size_t n, const int32_t *b, size_t m, size_t limit)
{
    if ((n > m ? n - m : m - n) > limit)
        return limit + 1;
    size_t rows[3][CC_VARIANTS_FUZZY_MAX + 1];
    size_t *before = rows[0], *last = rows[1], *row = rows[2];
    for (size_t j = 0; j <= m; j++)
        last[j] = j;
    for (size_t i = 1; i <= n; i++) {
        row[0] = i;
        size_t best = row[0];
        for (size_t j = 1; j <= m; j++) {
            size_t cost = a[i - 1] != b[j - 1];
            size_t d = last[j - 1] + cost;
            if (last[j] + 1 < d)
                d = last[j] + 1;
            if (row[j - 1] + 1 < d)
                d = row[j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                before[j - 2] + 1 < d)
                d = before[j - 2] + 1;
            row[j] = d;
            if (d < best)
                best = d;
        }
        if (best > limit)
            return limit + 1;
        size_t *t = before;
        before = last;
        last = row;
        row = t;
    }
    return last[m] > limit ? limit + 1 : last[m];
}

/* Edits between the differing words of the folded forms `a` and `b` (as
 * many words each), word by word, or limit + 1 when a pair of words is too
 * far apart for its length in the keys `ka` and `kb` they come from: 1
 * edit for words of 5 characters or more, 2 for 10 or more ("sociale" and
 * "locale" are two words, not a typo). */
static size_t word_edits(const char *a, const char *b, const char *ka, const char *kb,
                         size_t limit)
{
    size_t total = 0;
    while (*a && *b) {
        size_t n = strcspn(a, " "), m = strcspn(b, " ");
        size_t kn = strcspn(ka, " "), km = strcspn(kb, " ");
        if (n != m || memcmp(a, b, n) != 0) {
            int32_t x[CC_VARIANTS_FUZZY_MAX], y[CC_VARIANTS_FUZZY_MAX];
            size_t cn = decode(a, n, x), cm = decode(b, m, y);
            size_t chars_a = 0, chars_b = 0;
            for (size_t i = 0; i < kn; i++)
                chars_a += ((unsigned char)ka[i] & 0xC0) != 0x80;
            for (size_t i = 0; i < km; i++)
                chars_b += ((unsigned char)kb[i] & 0xC0) != 0x80;
            size_t chars = chars_a < chars_b ? chars_a : chars_b;
            size_t allowed = chars >= 10 ? 2 : chars >= 5 ? 1 : 0;
            total += distance(x, cn, y, cm, allowed);
            if (total > limit || allowed == 0)
                return limit + 1;
        }
        a += n + (a[n] == ' ');
        b += m + (b[m] == ' ');
        ka += kn + (ka[kn] == ' ');
        kb += km + (kb[km] == ' ');
    }
    return total;
}

/* Whether the folded forms `a` and `b` of keys `ka` and `kb` are a typo
 * apart: different, within 1 edit (keys of 5 characters or more) or 2 (10
 * or more), word by word as word_edits says; or the same letters but for
 * one space. */
static bool typo_apart(const char *a, const char *b, const char *ka, const char *kb)
{
    size_t ca = count_chars(ka), cb = count_chars(kb), chars = ca < cb ? ca : cb;
    size_t limit = chars >= 10 ? 2 : chars >= 5 ? 1 : 0;
    if (limit == 0 || strcmp(a, b) == 0)
        return false;
    size_t wa = count_words(a), wb = count_words(b);
    if (wa == wb) {
        size_t d = word_edits(a, b, ka, kb, limit);
        return d >= 1 && d <= limit;
    }
    if (wa + 1 != wb && wb + 1 != wa)
        return false;
    for (;; ka++, kb++) { /* the keys are equal but for spaces */
        ka += strspn(ka, " ");
        kb += strspn(kb, " ");
        if (*ka != *kb)
            return false;
        if (!*ka)
            return true;
    }
}

/* Whether `shorter` (folded, final dots dropped) is `longer` (folded) with
 * one word cut short: 3 letters or more, at most 60% of the word. */
static bool abbreviates(const char *shorter, const char *longer)
{
    int cut = 0;
    while (*shorter && *longer) {
        size_t n = strcspn(shorter, " "), m = strcspn(longer, " ");
        if (n != m || memcmp(shorter, longer, n) != 0) {
            char word[CC_VARIANTS_FUZZY_MAX + 1], full[CC_VARIANTS_FUZZY_MAX + 1];
            if (n >= m || memcmp(shorter, longer, n) != 0 || n > CC_VARIANTS_FUZZY_MAX ||
                m > CC_VARIANTS_FUZZY_MAX)
                return false;
            memcpy(word, shorter, n);
            memcpy(full, longer, m);
            word[n] = full[m] = '\0';
            size_t c = count_chars(word), f = count_chars(full);
            if (c < 3 || 5 * c > 3 * f || ++cut > 1)
                return false;
        }
        shorter += n + (shorter[n] == ' ');
        longer += m + (longer[m] == ' ');
    }
    return cut == 1 && !*shorter && !*longer;
}

/* The tags' folded forms (in `pool`) and lengths, for those short enough. */
static bool fold_tags(const char *const *keys, size_t n, scratch *s, fuzzy_tag *tags,
                      buffer *pool)
{
    size_t used = 0;
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(keys[i]);
        tags[i] = (fuzzy_tag){0, 0};
        if (len > CC_VARIANTS_FUZZY_MAX)
            continue;
        if (!form(keys[i], FOLD_PLURAL | FOLD_FEMININE, &s->a, &s->words))
            return false;
        size_t flen = strlen(s->a.text);
        if (pool->size < used + flen + 1 && !reserve(pool, 2 * (used + flen + 1)))
            return false;
        memcpy(pool->text + used, s->a.text, flen + 1);
        tags[i] = (fuzzy_tag){used, (int)count_chars(keys[i])};
        used += flen + 1;
    }
    return true;
}

/* Calls `visit` on each pair of tags that share a key of the sorted
 * `index`, each tag with the first MAX_PEERS tags of its run. */
static bool visit_runs(const entry_list *index, bool (*visit)(size_t a, size_t b, void *ctx),
                       void *ctx)
{
    const entry *e = index->items;
    for (size_t start = 0; start < index->count;) {
        size_t end = start + 1;
        while (end < index->count && hash_of(&e[end]) == hash_of(&e[start]))
            end++;
        for (size_t j = start + 1; j < end; j++)
            for (size_t i = start; i < j && i < start + MAX_PEERS; i++)
                if (e[i].tag != e[j].tag && !visit(e[i].tag, e[j].tag, ctx))
                    return false;
        start = end;
    }
    return true;
}

typedef struct {
    const char *const *keys;
    const fuzzy_tag *tags;
    const char *pool;
    pair_list *out;
} typo_ctx;

static bool visit_typo(size_t a, size_t b, void *ctx)
{
    const typo_ctx *t = ctx;
    if (!wanted(t->out, a > b ? a : b, a < b ? a : b) ||
        !typo_apart(t->pool + t->tags[a].folded, t->pool + t->tags[b].folded, t->keys[a],
                    t->keys[b]))
        return true;
    return add_pair(t->out, a > b ? a : b, a < b ? a : b, CC_VARIANT_TYPO);
}

/* The entries of the typo index (or their number, when sizing): each tag
 * of 5 characters or more, whole and with each character deleted. */
static bool index_typos(const fuzzy_tag *tags, size_t n, const char *pool,
                        const uint64_t *power, entry_list *index)
{
    uint64_t pre[CC_VARIANTS_FUZZY_MAX + 1];
    bool ok = true;
    for (size_t i = 0; ok && i < n; i++) {
        if (tags[i].chars < 5)
            continue;
        const char *f = pool + tags[i].folded;
        int32_t cp[CC_VARIANTS_FUZZY_MAX];
        size_t m = decode(f, strlen(f), cp);
        /* as it is, then with doubled letters once (when that changes it) */
        for (int squeezed = 0; ok && squeezed < 2; squeezed++) {
            size_t len = m;
            if (squeezed) {
                len = 0;
                for (size_t k = 0; k < m; k++)
                    if (len == 0 || cp[k] != cp[len - 1])
                        cp[len++] = cp[k];
                if (len == m)
                    break;
            }
            pre[0] = 0;
            for (size_t k = 0; k < len; k++)
                pre[k + 1] = pre[k] * BASE + (uint64_t)cp[k] + 1;
            ok = add_entry(index, mix(pre[len], len), i);
            for (size_t k = 0; ok && k < len; k++)
                ok = add_entry(index, hash_cut(pre, power, len, k, k + 1), i);
        }
    }
    return ok;
}

/* Typos: each tag of 5 characters or more indexed by its folded form,
 * doubled letters counted once, whole and with each character deleted. */
static bool typo_pairs(const char *const *keys, size_t n, const fuzzy_tag *tags,
                       const char *pool, pair_list *out)
{
    uint64_t power[CC_VARIANTS_FUZZY_MAX + 1];
    power[0] = 1;
    for (size_t k = 1; k <= CC_VARIANTS_FUZZY_MAX; k++)
        power[k] = power[k - 1] * BASE;
    entry_list index = {.sizing = true};
    bool ok = index_typos(tags, n, pool, power, &index) && size_exactly(&index) &&
              index_typos(tags, n, pool, power, &index);
    if (ok && index.count > 0) {
        sort_index(index.items, index.count);
        typo_ctx ctx = {keys, tags, pool, out};
        ok = visit_runs(&index, visit_typo, &ctx);
    }
    free(index.items);
    return ok;
}


/* The hash of the bytes s[0..n) as hash_cut gives them. */
static uint64_t hash_bytes(const char *s, size_t n, uint64_t *pre)
{
    pre[0] = 0;
    for (size_t k = 0; k < n; k++)
        pre[k + 1] = pre[k] * BASE + (unsigned char)s[k] + 1;
    return mix(pre[n], n);
}

/* The entries of the abbreviation index (or their number, when sizing):
 * each tag once per word cut short (3 letters to 60% of the word). */
static bool index_abbreviations(const fuzzy_tag *tags, size_t n, const char *pool,
                                const uint64_t *power, entry_list *index)
{
    uint64_t pre[CC_VARIANTS_FUZZY_MAX + 1];
    bool ok = true;
    for (size_t i = 0; ok && i < n; i++) {
        if (tags[i].chars == 0)
            continue;
        const char *f = pool + tags[i].folded;
        size_t len = strlen(f);
        hash_bytes(f, len, pre);
        for (size_t start = 0; ok && start < len;) {
            size_t end = start + strcspn(f + start, " "), chars = 0;
            for (size_t k = start; k < end; k++)
                chars += ((unsigned char)f[k] & 0xC0) != 0x80;
            size_t cut = start, kept = 0; /* bytes of the first `kept` characters */
            while (ok && cut < end) {
                cut++;
                while (cut < end && ((unsigned char)f[cut] & 0xC0) == 0x80)
                    cut++;
                kept++;
                if (kept >= 3 && 5 * kept <= 3 * chars)
                    ok = add_entry(index, hash_cut(pre, power, len, cut, end), i);
            }
            start = end + (end < len);
        }
    }
    return ok;
}

/* Abbreviations: each tag indexed once per word cut short, each tag
 * (final dots dropped) looked up as it is. */
static bool abbreviation_pairs(const char *const *keys, size_t n, const fuzzy_tag *tags,
                               const char *pool, scratch *s, pair_list *out)
{
    uint64_t power[CC_VARIANTS_FUZZY_MAX + 1], pre[CC_VARIANTS_FUZZY_MAX + 1];
    power[0] = 1;
    for (size_t k = 1; k <= CC_VARIANTS_FUZZY_MAX; k++)
        power[k] = power[k - 1] * BASE;
    entry_list index = {.sizing = true};
    bool ok = index_abbreviations(tags, n, pool, power, &index) && size_exactly(&index) &&
              index_abbreviations(tags, n, pool, power, &index);
    if (ok && index.count > 0)
        sort_index(index.items, index.count);
    for (size_t i = 0; ok && i < n; i++) {
        if (tags[i].chars < 3)
            continue;
        ok = form(keys[i], FOLD_PLURAL | FOLD_FEMININE | STRIP_DOT, &s->a, &s->words);
        if (!ok)
            break;
        uint64_t key = hash_bytes(s->a.text, strlen(s->a.text), pre);
        size_t lo = 0, hi = index.count;
        while (lo < hi) { /* the first entry of that hash */
            size_t mid = lo + (hi - lo) / 2;
            if (hash_of(&index.items[mid]) < key)
                lo = mid + 1;
            else
                hi = mid;
        }
        for (size_t k = lo, seen = 0;
             ok && k < index.count && hash_of(&index.items[k]) == key && seen < MAX_PEERS;
             k++, seen++) {
            size_t t = index.items[k].tag;
            if (t != i && abbreviates(s->a.text, pool + tags[t].folded))
                ok = add_pair(out, i, t, CC_VARIANT_ABBREVIATION);
        }
    }
    free(index.items);
    return ok;
}

/* -------------------------------------------------------------- the API */

cc_status cc_variants_find(const char *const *keys, size_t n, cc_variant_pair **pairs,
                           size_t *count)
{
    *pairs = NULL;
    *count = 0;
    if (n > UINT32_MAX)
        return CC_ESOFTWARE; /* the indexes hold 32-bit tag numbers */
    scratch s = {{0}, {0}, {0}};
    size_t slots = n ? n : 1;
    pair_list found = {malloc(slots * MAX_MEANINGS * sizeof *found.items),
                       calloc(slots, sizeof *found.count)};
    buffer pool = {0};
    fuzzy_tag *tags = calloc(slots, sizeof *tags);
    bool ok = tags && found.items && found.count && exact_pairs(keys, n, &s, &found) &&
              fold_tags(keys, n, &s, tags, &pool) &&
              typo_pairs(keys, n, tags, pool.text, &found) &&
              abbreviation_pairs(keys, n, tags, pool.text, &s, &found);
    free(tags);
    free(pool.text);
    free(s.a.text);
    free(s.b.text);
    free(s.words.text);
    size_t total = 0;
    for (size_t i = 0; ok && i < n; i++)
        total += found.count[i];
    cc_variant_pair *out = ok && total ? malloc(total * sizeof *out) : NULL;
    if (ok && total && out) {
        for (size_t i = 0, k = 0; i < n; i++)
            for (int c = 0; c < found.count[i]; c++) {
                const candidate *x = &found.items[i * MAX_MEANINGS + c];
                out[k++] = (cc_variant_pair){i, x->to, (cc_variant_rule)x->rule};
            }
        qsort(out, total, sizeof *out, by_target);
        *pairs = out;
        *count = total;
    }
    free(found.items);
    free(found.count);
    return ok && (out || total == 0) ? CC_OK : CC_ESOFTWARE;
}

void cc_variants_choose(const cc_variant_pair *pairs, size_t count, size_t n,
                        cc_variant_choice *choice)
{
    enum { TARGET = -2 }; /* chosen as a meaning: never given one */
    for (size_t i = 0; i < n; i++)
        choice[i] = (cc_variant_choice){-1, CC_VARIANT_PLURAL};
    /* by target, the first in the order first: each tag gets the first
     * meaning still free */
    for (size_t i = 0; i < count; i++) {
        const cc_variant_pair *p = &pairs[i];
        if (p->from >= n || p->to >= n || choice[p->from].means != -1 ||
            choice[p->to].means >= 0)
            continue;
        choice[p->from] = (cc_variant_choice){(long)p->to, p->rule};
        choice[p->to].means = TARGET;
    }
    for (size_t i = 0; i < n; i++)
        if (choice[i].means == TARGET)
            choice[i].means = -1;
}
