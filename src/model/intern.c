/* intern.c — open-addressing hash table from strings to dense integer ids.
 * Entries live in an array indexed by id; the hash slots hold id + 1 (0 is
 * empty). The table doubles when it is half full, so probes stay short. */
#include "cocreate/intern.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cocreate/text.h"

typedef struct {
    char *key;      /* owned */
    char *display;  /* owned; NULL when equal to key */
    uint64_t hash;
} entry;

struct cc_intern {
    entry *entries;     /* by id */
    int count;
    int capacity;       /* of entries */
    uint32_t *slots;    /* id + 1, or 0 */
    size_t slot_count;  /* power of two */
};

/* FNV-1a: simple and good enough for short keys. */
static uint64_t hash_key(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return h;
}

cc_intern *cc_intern_new(void)
{
    cc_intern *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->slot_count = 64;
    t->slots = calloc(t->slot_count, sizeof *t->slots);
    if (!t->slots) {
        free(t);
        return NULL;
    }
    return t;
}

void cc_intern_free(cc_intern *t)
{
    if (!t)
        return;
    for (int i = 0; i < t->count; i++) {
        free(t->entries[i].key);
        free(t->entries[i].display);
    }
    free(t->entries);
    free(t->slots);
    free(t);
}

static size_t find_slot(const uint32_t *slots, size_t slot_count, const entry *entries,
                        const char *key, uint64_t hash)
{
    size_t mask = slot_count - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
        uint32_t v = slots[i];
        if (v == 0)
            return i;
        const entry *e = &entries[v - 1];
        if (e->hash == hash && strcmp(e->key, key) == 0)
            return i;
    }
}

static int grow_slots(cc_intern *t)
{
    size_t n = t->slot_count * 2;
    uint32_t *slots = calloc(n, sizeof *slots);
    if (!slots)
        return -1;
    for (int id = 0; id < t->count; id++) {
        size_t i = t->entries[id].hash & (n - 1);
        while (slots[i])
            i = (i + 1) & (n - 1);
        slots[i] = (uint32_t)id + 1;
    }
    free(t->slots);
    t->slots = slots;
    t->slot_count = n;
    return 0;
}

int cc_intern_find(const cc_intern *t, const char *key)
{
    size_t i = find_slot(t->slots, t->slot_count, t->entries, key, hash_key(key));
    return (int)t->slots[i] - 1;
}

int cc_intern_add(cc_intern *t, const char *key, const char *display, bool *added)
{
    uint64_t hash = hash_key(key);
    size_t slot = find_slot(t->slots, t->slot_count, t->entries, key, hash);
    if (added)
        *added = false;
    if (t->slots[slot])
        return (int)t->slots[slot] - 1;
    if (t->count == INT32_MAX - 1)
        return -1;
    /* Keep the load at most one half, so probes stay short and end. */
    if ((size_t)(t->count + 1) * 2 > t->slot_count) {
        if (grow_slots(t) != 0)
            return -1;
        slot = find_slot(t->slots, t->slot_count, t->entries, key, hash);
    }
    if (t->count == t->capacity) {
        int cap = t->capacity ? t->capacity * 2 : 64;
        entry *e = realloc(t->entries, (size_t)cap * sizeof *e);
        if (!e)
            return -1;
        t->entries = e;
        t->capacity = cap;
    }
    entry e = {strdup(key), NULL, hash};
    if (display && strcmp(display, key) != 0)
        e.display = strdup(display);
    if (!e.key || (display && strcmp(display, key) != 0 && !e.display)) {
        free(e.key);
        free(e.display);
        return -1;
    }
    int id = t->count++;
    t->entries[id] = e;
    t->slots[slot] = (uint32_t)id + 1;
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

/* Key of one piece: CC_OK with *key NULL when it normalises to nothing. */
static cc_status piece_key(const char *text, size_t len, char **key)
{
    cc_status st = cc_text_norm(text, len, key);
    if (st == CC_OK && (*key)[0] == '\0') {
        free(*key);
        *key = NULL;
    }
    return st;
}

/* Adds `raw` trimmed of spaces and tabs as the shown spelling of `key`. */
static int add_piece(cc_intern *t, const char *key, const char *raw, size_t len)
{
    while (len > 0 && (*raw == ' ' || *raw == '\t'))
        raw++, len--;
    while (len > 0 && (raw[len - 1] == ' ' || raw[len - 1] == '\t'))
        len--;
    char *shown = malloc(len + 1);
    if (!shown)
        return -1;
    memcpy(shown, raw, len);
    shown[len] = '\0';
    int id = cc_intern_add(t, key, shown, NULL);
    free(shown);
    return id;
}

static bool push(int **ids, int *count, int *cap, int id)
{
    if (*count == *cap) {
        int n = *cap ? *cap * 2 : 8;
        int *bigger = realloc(*ids, (size_t)n * sizeof *bigger);
        if (!bigger)
            return false;
        *ids = bigger;
        *cap = n;
    }
    (*ids)[(*count)++] = id;
    return true;
}

/* The work of cc_intern_split (add) and cc_intern_split_find (!add). */
static cc_status split(cc_intern *t, const cc_intern *lookup, const char *text, size_t len,
                       const char *separators, int **ids_out, int *count_out)
{
    int count = 0, cap = 0, *ids = NULL;
    cc_status st = CC_OK;
    size_t start = 0;
    *ids_out = NULL;
    *count_out = 0;
    for (size_t i = 0; i <= len && st == CC_OK; i++) {
        if (i < len && !strchr(separators, text[i]))
            continue;
        char *key = NULL;
        st = piece_key(text + start, i - start, &key);
        if (st == CC_EDATA && !t) {
            /* not valid UTF-8: an unknown piece */
            st = push(&ids, &count, &cap, -1) ? CC_OK : CC_ESOFTWARE;
        } else if (st == CC_OK && key) {
            int id = t ? add_piece(t, key, text + start, i - start) : cc_intern_find(lookup, key);
            if (t && id < 0)
                st = CC_ESOFTWARE;
            else if (!push(&ids, &count, &cap, id))
                st = CC_ESOFTWARE;
        }
        free(key);
        start = i + 1;
    }
    if (st != CC_OK) {
        free(ids);
        return st;
    }
    *ids_out = ids;
    *count_out = count;
    return CC_OK;
}

cc_status cc_intern_split(cc_intern *t, const char *text, size_t len, const char *separators,
                          int **ids, int *count)
{
    return split(t, t, text, len, separators, ids, count);
}

cc_status cc_intern_split_find(const cc_intern *t, const char *text, size_t len,
                               const char *separators, int **ids, int *count)
{
    return split(NULL, t, text, len, separators, ids, count);
}
