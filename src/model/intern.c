/* intern.c — open-addressing hash table from strings to dense integer ids.
 * Entries live in an array indexed by id; the hash slots hold id + 1 (0 is
 * empty). The table doubles when it is half full, so probes stay short.
 * Keys and display spellings live in an arena owned by the table.
 *
 * Splitting a field into pieces (cc_intern_split) normalises each distinct
 * raw spelling once: a second table, keyed by the raw bytes of a piece
 * (trimmed of spaces and tabs, which normalisation drops anyway), remembers
 * the id that spelling got, or that it normalises to nothing. Ids are never
 * taken back and keys never change, so a remembered id stays right. */
#include "cocreate/intern.h"

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

/* A raw spelling already seen, and what it stands for. */
typedef struct {
    const char *raw;     /* in the arena, not NUL-terminated */
    size_t len;
    uint64_t hash;
    int id;              /* DROPPED when it normalises to nothing */
} spelling;

enum { DROPPED = -2 };

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
    spelling *spellings; /* raw spellings seen by cc_intern_split */
    size_t spelling_count, spelling_capacity;
    slot_table by_raw;
    cc_arena arena;      /* the text of keys, displays and spellings */
};

/* A fast multiplicative hash over 8-byte words. */
static uint64_t hash_bytes(const char *s, size_t len)
{
    const uint64_t k = 0x9E3779B97F4A7C15ULL;
    uint64_t h = len * k;
    while (len >= 8) {
        uint64_t w;
        memcpy(&w, s, 8);
        h = (h ^ w) * k;
        h ^= h >> 29;
        s += 8;
        len -= 8;
    }
    if (len > 0) {
        uint64_t w = 0;
        memcpy(&w, s, len);
        h = (h ^ w) * k;
        h ^= h >> 29;
    }
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

static uint64_t spelling_hash(const void *items, size_t i)
{
    return ((const spelling *)items)[i].hash;
}

cc_intern *cc_intern_new(void)
{
    cc_intern *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    if (!slots_init(&t->by_key) || !slots_init(&t->by_raw)) {
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
    free(t->by_raw.slots);
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
    size_t mask = t->by_raw.count - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
        uint32_t v = t->by_raw.slots[i];
        if (v == 0)
            return i;
        const spelling *s = &t->spellings[v - 1];
        if (s->hash == hash && s->len == len && memcmp(s->raw, raw, len) == 0)
            return i;
    }
}

/* Remembers that `raw` stands for `id`; false when out of memory (then
 * nothing is remembered, which costs only time). */
static bool remember(cc_intern *t, const char *raw, size_t len, uint64_t hash, int id)
{
    if (t->spelling_count >= UINT32_MAX - 1)
        return true; /* not remembered: it will be normalised again */
    if ((t->spelling_count + 1) * 2 > t->by_raw.count &&
        !slots_grow(&t->by_raw, t->spelling_count, spelling_hash, t->spellings))
        return false;
    if (t->spelling_count == t->spelling_capacity) {
        size_t cap = t->spelling_capacity ? t->spelling_capacity * 2 : 64;
        spelling *s = realloc(t->spellings, cap * sizeof *s);
        if (!s)
            return false;
        t->spellings = s;
        t->spelling_capacity = cap;
    }
    char *copy = cc_arena_strndup(&t->arena, raw, len);
    if (!copy)
        return false;
    size_t slot = find_spelling(t, raw, len, hash);
    t->spellings[t->spelling_count] = (spelling){copy, len, hash, id};
    t->by_raw.slots[slot] = (uint32_t)++t->spelling_count;
    return true;
}

/* The id `raw` was remembered with, into *id; false when never seen. */
static bool recall(const cc_intern *t, const char *raw, size_t len, uint64_t hash, int *id)
{
    uint32_t v = t->by_raw.slots[find_spelling(t, raw, len, hash)];
    if (v)
        *id = t->spellings[v - 1].id;
    return v != 0;
}

/* The id of the trimmed piece `raw` of `len` bytes, or DROPPED when it
 * normalises to nothing. With `add` the piece is added to `t` (and its
 * spelling remembered); CC_EDATA when not valid UTF-8. Without, `lookup`
 * is only read: -1 for a piece never added or not valid UTF-8. Both:
 * CC_ESOFTWARE when out of memory. */
static cc_status piece_id(cc_intern *add, const cc_intern *lookup, const char *raw, size_t len,
                          int *id)
{
    uint64_t hash = hash_bytes(raw, len);
    if (recall(lookup, raw, len, hash, id))
        return CC_OK;
    char *key = NULL;
    cc_status st = cc_text_norm(raw, len, &key);
    if (st == CC_EDATA && !add) {
        *id = -1; /* not valid UTF-8: an unknown piece */
        return CC_OK;
    }
    if (st != CC_OK)
        return st;
    if (key[0] == '\0') {
        *id = DROPPED;
    } else if (!add) {
        *id = cc_intern_find(lookup, key);
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
    if (st == CC_OK && add && !remember(add, raw, len, hash, *id))
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

/* The work of cc_intern_split_append (add == lookup) and
 * cc_intern_split_find (add NULL). */
static cc_status split(cc_intern *add, const cc_intern *lookup, const char *text, size_t len,
                       const char *separators, cc_intern_ids *out)
{
    size_t mark = out->count;
    cc_status st = CC_OK;
    size_t start = 0;
    bool is_separator[256] = {false}; /* a look-up per byte, not a loop */
    for (const char *s = separators; *s; s++)
        is_separator[(unsigned char)*s] = true;
    for (size_t i = 0; i <= len && st == CC_OK; i++) {
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
        int id;
        st = piece_id(add, lookup, raw, n, &id);
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
    return split(t, t, text, len, separators, out);
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
    return finish(split(t, t, text, len, separators, &buf), &buf, ids, count);
}

cc_status cc_intern_split_find(const cc_intern *t, const char *text, size_t len,
                               const char *separators, int **ids, int *count)
{
    cc_intern_ids buf = {0};
    return finish(split(NULL, t, text, len, separators, &buf), &buf, ids, count);
}
