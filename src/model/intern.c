/* intern.c — open-addressing hash table from strings to dense integer ids.
 * Entries live in an array indexed by id; the hash slots hold id + 1 (0 is
 * empty). The table doubles when it is half full, so probes stay short.
 * Keys and display spellings live in an arena owned by the table.
 *
 * Splitting a field into pieces (cc_intern_split) normalises each distinct
 * raw spelling once: a second table, keyed by the raw bytes of a piece
 * (trimmed of spaces and tabs, which normalisation drops anyway), remembers
 * the id that spelling got, or that it normalises to nothing. Ids are never
 * taken back and keys never change, so a remembered id stays right. Every
 * piece of every field is looked up there: its slots point straight at
 * records that hold the bytes, so a look-up reads two places, not three. */
#include "cocreate/intern.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cocreate/arena.h"
#include "cocreate/text.h"

typedef struct {
    const char *key;     /* in the arena */
    const char *display; /* in the arena; NULL when equal to key */
    uint64_t hash;
} entry;

/* A raw spelling already seen, and what it stands for: a block of the
 * arena, its bytes included. */
typedef struct {
    uint64_t hash;
    size_t len;
    int id;              /* DROPPED when it normalises to nothing */
    char raw[];          /* `len` bytes, not NUL-terminated */
} spelling;

/* Piece ids that are no tag's: nothing left once normalised, and (for
 * cc_intern_split_seen) a spelling never split before. */
enum { DROPPED = -2, UNSEEN = -3 };

/* Slots of an open-addressing table: index + 1 into an array, 0 empty. */
typedef struct {
    uint32_t *slots;
    size_t count;        /* power of two */
} slot_table;

struct cc_intern {
    entry *entries;      /* by id */
    int count;
    int capacity;        /* of entries */
    slot_table by_key;
    spelling **spellings; /* slots of the raw spellings seen by cc_intern_split, NULL: empty */
    size_t spelling_slots; /* power of two */
    size_t spelling_count;
    cc_arena arena;      /* the text of keys and displays, the spellings */
};

/* A fast multiplicative hash over 8-byte words. The bytes after the last
 * whole word are read as the last 8 bytes of the string (overlapping that
 * word) or, in a string shorter than a word, with loads of 4 or 1 bytes:
 * copying them one by one into a word would make its load wait for the
 * stores. */
static uint64_t hash_bytes(const char *s, size_t len)
{
    const uint64_t k = 0x9E3779B97F4A7C15ULL;
    uint64_t h = len * k, w;
    size_t i = 0;
    for (; len - i > 8; i += 8) {
        memcpy(&w, s + i, 8);
        h = (h ^ w) * k;
        h ^= h >> 29;
    }
    if (len >= 8) {
        memcpy(&w, s + len - 8, 8);
    } else if (len >= 4) {
        uint32_t a, b;
        memcpy(&a, s, 4);
        memcpy(&b, s + len - 4, 4);
        w = (uint64_t)a << 32 | b;
    } else {
        const unsigned char *u = (const unsigned char *)s;
        w = len ? (uint64_t)u[0] << 16 | (uint64_t)u[len / 2] << 8 | u[len - 1] : 0;
    }
    h = (h ^ w) * k;
    h ^= h >> 29;
    h *= k;
    return h ^ (h >> 32);
}

static bool slots_init(slot_table *s)
{
    s->count = 64;
    s->slots = calloc(s->count, sizeof *s->slots);
    return s->slots != NULL;
}

/* Doubles `s` and puts back the `n` hashes that hash_of gives. */
static bool slots_grow(slot_table *s, size_t n, uint64_t (*hash_of)(const void *items, size_t i),
                       const void *items)
{
    size_t count = s->count * 2;
    uint32_t *slots = calloc(count, sizeof *slots);
    if (!slots)
        return false;
    for (size_t id = 0; id < n; id++) {
        size_t i = hash_of(items, id) & (count - 1);
        while (slots[i])
            i = (i + 1) & (count - 1);
        slots[i] = (uint32_t)id + 1;
    }
    free(s->slots);
    s->slots = slots;
    s->count = count;
    return true;
}

static uint64_t entry_hash(const void *items, size_t i)
{
    return ((const entry *)items)[i].hash;
}

cc_intern *cc_intern_new(void)
{
    cc_intern *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->spelling_slots = 64;
    t->spellings = calloc(t->spelling_slots, sizeof *t->spellings);
    if (!slots_init(&t->by_key) || !t->spellings) {
        cc_intern_free(t);
        return NULL;
    }
    return t;
}

void cc_intern_free(cc_intern *t)
{
    if (!t)
        return;
    free(t->entries);
    free(t->by_key.slots);
    free(t->spellings);
    cc_arena_free(&t->arena);
    free(t);
}

static size_t find_slot(const cc_intern *t, const char *key, uint64_t hash)
{
    size_t mask = t->by_key.count - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
        uint32_t v = t->by_key.slots[i];
        if (v == 0)
            return i;
        const entry *e = &t->entries[v - 1];
        if (e->hash == hash && strcmp(e->key, key) == 0)
            return i;
    }
}

int cc_intern_find(const cc_intern *t, const char *key)
{
    size_t i = find_slot(t, key, hash_bytes(key, strlen(key)));
    return (int)t->by_key.slots[i] - 1;
}

int cc_intern_add(cc_intern *t, const char *key, const char *display, bool *added)
{
    size_t key_len = strlen(key);
    uint64_t hash = hash_bytes(key, key_len);
    size_t slot = find_slot(t, key, hash);
    if (added)
        *added = false;
    if (t->by_key.slots[slot])
        return (int)t->by_key.slots[slot] - 1;
    if (t->count == INT32_MAX - 1)
        return -1;
    /* Keep the load at most one half, so probes stay short and end. */
    if ((size_t)(t->count + 1) * 2 > t->by_key.count) {
        if (!slots_grow(&t->by_key, (size_t)t->count, entry_hash, t->entries))
            return -1;
        slot = find_slot(t, key, hash);
    }
    if (t->count == t->capacity) {
        int cap = t->capacity ? t->capacity * 2 : 64;
        entry *e = realloc(t->entries, (size_t)cap * sizeof *e);
        if (!e)
            return -1;
        t->entries = e;
        t->capacity = cap;
    }
    entry e = {cc_arena_strndup(&t->arena, key, key_len), NULL, hash};
    if (!e.key)
        return -1;
    if (display && strcmp(display, key) != 0 &&
        !(e.display = cc_arena_strndup(&t->arena, display, strlen(display))))
        return -1; /* the key's bytes stay in the arena, unused */
    int id = t->count++;
    t->entries[id] = e;
    t->by_key.slots[slot] = (uint32_t)id + 1;
    if (added)
        *added = true;
    return id;
}

const char *cc_intern_key(const cc_intern *t, int id)
{
    return t->entries[id].key;
}

const char *cc_intern_display(const cc_intern *t, int id)
{
    const entry *e = &t->entries[id];
    return e->display ? e->display : e->key;
}

int cc_intern_count(const cc_intern *t)
{
    return t ? t->count : 0;
}

/* ------------------------------------------------- normalised pieces */

/* The slot of the raw spelling `raw`, empty when never seen. */
static size_t find_spelling(const cc_intern *t, const char *raw, size_t len, uint64_t hash)
{
    size_t mask = t->spelling_slots - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
        const spelling *s = t->spellings[i];
        if (!s || (s->hash == hash && s->len == len && memcmp(s->raw, raw, len) == 0))
            return i;
    }
}

/* Doubles the slots of the spellings; false when out of memory. */
static bool grow_spellings(cc_intern *t)
{
    size_t n = t->spelling_slots * 2;
    spelling **slots = n > SIZE_MAX / sizeof *slots ? NULL : calloc(n, sizeof *slots);
    if (!slots)
        return false;
    for (size_t k = 0; k < t->spelling_slots; k++) {
        spelling *s = t->spellings[k];
        if (!s)
            continue;
        size_t i = s->hash & (n - 1);
        while (slots[i])
            i = (i + 1) & (n - 1);
        slots[i] = s;
    }
    free(t->spellings);
    t->spellings = slots;
    t->spelling_slots = n;
    return true;
}

/* Remembers that `raw` stands for `id`; false when out of memory (then
 * nothing is remembered). */
static bool remember(cc_intern *t, const char *raw, size_t len, uint64_t hash, int id)
{
    if ((t->spelling_count + 1) * 2 > t->spelling_slots && !grow_spellings(t))
        return false;
    spelling *s = len > SIZE_MAX - sizeof *s
                      ? NULL
                      : cc_arena_alloc(&t->arena, sizeof *s + len, alignof(spelling));
    if (!s)
        return false;
    s->hash = hash;
    s->len = len;
    s->id = id;
    memcpy(s->raw, raw, len);
    t->spellings[find_spelling(t, raw, len, hash)] = s;
    t->spelling_count++;
    return true;
}

/* The id `raw` was remembered with, into *id; false when never seen. */
static bool recall(const cc_intern *t, const char *raw, size_t len, uint64_t hash, int *id)
{
    const spelling *s = t->spellings[find_spelling(t, raw, len, hash)];
    if (s)
        *id = s->id;
    return s != NULL;
}

/* How split treats a piece whose spelling was never remembered. */
typedef enum {
    ADD,    /* normalise it and add it to the table */
    FIND,   /* normalise it and look it up: -1 when not in the table */
    RECALL  /* nothing: UNSEEN (the table is only read) */
} split_mode;

/* The id in `t` of the trimmed piece `raw` of `len` bytes, or DROPPED
 * when it normalises to nothing. With ADD the piece is added to `add`
 * (which is `t`) and its spelling remembered; CC_EDATA when not valid
 * UTF-8. With FIND, -1 for a piece never added or not valid UTF-8. Both:
 * CC_ESOFTWARE when out of memory. With RECALL, UNSEEN for a spelling
 * never remembered. `add` is NULL but with ADD. */
static cc_status piece_id(cc_intern *add, const cc_intern *t, split_mode mode, const char *raw,
                          size_t len, int *id)
{
    uint64_t hash = hash_bytes(raw, len);
    if (recall(t, raw, len, hash, id))
        return CC_OK;
    if (mode == RECALL) {
        *id = UNSEEN;
        return CC_OK;
    }
    char *key = NULL;
    cc_status st = cc_text_norm(raw, len, &key);
    if (st == CC_EDATA && mode == FIND) {
        *id = -1; /* not valid UTF-8: an unknown piece */
        return CC_OK;
    }
    if (st != CC_OK)
        return st;
    if (key[0] == '\0') {
        *id = DROPPED;
    } else if (mode == FIND) {
        *id = cc_intern_find(t, key);
    } else {
        /* shown as written, trimmed */
        char *shown = malloc(len + 1);
        if (shown) {
            memcpy(shown, raw, len);
            shown[len] = '\0';
            *id = cc_intern_add(add, key, shown, NULL);
            free(shown);
        }
        if (!shown || *id < 0)
            st = CC_ESOFTWARE;
    }
    free(key);
    if (st == CC_OK && mode == ADD && !remember(add, raw, len, hash, *id))
        st = CC_ESOFTWARE;
    return st;
}

static bool push(cc_intern_ids *out, int id)
{
    if (out->count == out->capacity) {
        size_t n = out->capacity ? out->capacity * 2 : 8;
        int *bigger = realloc(out->ids, n * sizeof *bigger);
        if (!bigger)
            return false;
        out->ids = bigger;
        out->capacity = n;
    }
    out->ids[out->count++] = id;
    return true;
}

/* Skips the whole words of text[i, len) that hold none of the `n`
 * separators whose byte fills each of `words`, and goes to the first
 * separator of the word that holds one: the offset where a byte loop
 * should go on. Words are read in the byte order of GCC and Clang on a
 * little-endian machine; elsewhere the byte loop does it all. */
static size_t skip_words(const char *text, size_t i, size_t len, const uint64_t *words, size_t n)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    for (; len - i >= 8; i += 8) {
        uint64_t w, flags = 0;
        memcpy(&w, text + i, 8);
        for (size_t k = 0; k < n; k++) {
            uint64_t x = w ^ words[k]; /* a zero byte where w has the separator */
            flags |= (x - UINT64_C(0x0101010101010101)) & ~x & UINT64_C(0x8080808080808080);
        }
        /* the lowest flagged byte is a separator (a borrow only flags
         * bytes above a zero one) */
        if (flags)
            return i + (size_t)__builtin_ctzll(flags) / 8;
    }
#else
    (void)text, (void)len, (void)words, (void)n;
#endif
    return i;
}

/* The work of cc_intern_split_append (ADD, `add` is `t`),
 * cc_intern_split_find (FIND) and cc_intern_split_seen (RECALL: *seen is
 * cleared at the first piece not seen before). */
static cc_status split(cc_intern *add, const cc_intern *t, split_mode mode, const char *text,
                       size_t len, const char *separators, cc_intern_ids *out, bool *seen)
{
    size_t mark = out->count;
    cc_status st = CC_OK;
    size_t start = 0;
    bool is_separator[256] = {false}; /* a look-up per byte, not a loop */
    for (const char *s = separators; *s; s++)
        is_separator[(unsigned char)*s] = true;
    /* tag fields are long and separators few: skip words without one */
    enum { MAX_WORDS = 4 };
    uint64_t words[MAX_WORDS];
    size_t word_count = strlen(separators);
    for (size_t k = 0; k < word_count && k < MAX_WORDS; k++)
        words[k] = (unsigned char)separators[k] * UINT64_C(0x0101010101010101);
    for (size_t i = 0; i <= len && st == CC_OK; i++) {
        if (word_count <= MAX_WORDS)
            i = skip_words(text, i, len, words, word_count);
        if (i < len && !is_separator[(unsigned char)text[i]])
            continue;
        const char *raw = text + start;
        size_t n = i - start;
        while (n > 0 && (*raw == ' ' || *raw == '\t'))
            raw++, n--;
        while (n > 0 && (raw[n - 1] == ' ' || raw[n - 1] == '\t'))
            n--;
        start = i + 1;
        if (n == 0)
            continue; /* normalises to nothing */
        int id = DROPPED;
        st = piece_id(add, t, mode, raw, n, &id);
        if (st == CC_OK && id == UNSEEN) {
            *seen = false;
            out->count = mark;
            return CC_OK;
        }
        if (st == CC_OK && id != DROPPED && !push(out, id))
            st = CC_ESOFTWARE;
    }
    if (st != CC_OK)
        out->count = mark;
    return st;
}

cc_status cc_intern_split_append(cc_intern *t, const char *text, size_t len,
                                 const char *separators, cc_intern_ids *out)
{
    return split(t, t, ADD, text, len, separators, out, NULL);
}

cc_status cc_intern_split_seen(const cc_intern *t, const char *text, size_t len,
                               const char *separators, cc_intern_ids *out, bool *seen)
{
    *seen = true;
    return split(NULL, t, RECALL, text, len, separators, out, seen);
}

/* Hands the ids of `buf` over as a malloc'd array. */
static cc_status finish(cc_status st, cc_intern_ids *buf, int **ids, int *count)
{
    *ids = NULL;
    *count = 0;
    if (st != CC_OK || buf->count == 0 || buf->count > INT32_MAX) {
        free(buf->ids);
        return st == CC_OK && buf->count > INT32_MAX ? CC_ESOFTWARE : st;
    }
    *ids = buf->ids;
    *count = (int)buf->count;
    return CC_OK;
}

cc_status cc_intern_split(cc_intern *t, const char *text, size_t len, const char *separators,
                          int **ids, int *count)
{
    cc_intern_ids buf = {0};
    return finish(split(t, t, ADD, text, len, separators, &buf, NULL), &buf, ids, count);
}

cc_status cc_intern_split_find(const cc_intern *t, const char *text, size_t len,
                               const char *separators, int **ids, int *count)
{
    cc_intern_ids buf = {0};
    return finish(split(NULL, t, FIND, text, len, separators, &buf, NULL), &buf, ids, count);
}
