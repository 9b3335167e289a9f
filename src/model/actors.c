/* actors.c — the set of actors: adding one from its fields (tags and
 * territory interned), finding one by id, freeing them all.
 *
 * The strings and id lists of the actors are blocks of the set's arena:
 * adding an actor makes no allocation of its own but for the growth of the
 * `items` array, the id index and the intern tables. The id index is an
 * open-addressing table of actor indexes: the ids themselves are the
 * actors' `id` strings, never copied. */
#define _DEFAULT_SOURCE /* madvise */
#include "cocreate/actors.h"

#include <assert.h>
#include <sys/mman.h>
#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

static struct cc_territory_memo *memo_new(void);
static void memo_free(struct cc_territory_memo *m);

cc_status cc_actors_init(cc_actors *a, const char *source, cc_intern *tags)
{
    *a = (cc_actors){.tags = tags};
    a->source = strdup(source);
    a->places = cc_intern_new();
    a->id_slot_count = 64;
    a->id_slots = calloc(a->id_slot_count, sizeof *a->id_slots);
    a->territories = memo_new();
    if (!a->source || !a->places || !a->id_slots || !a->territories) {
        cc_actors_free(a);
        *a = (cc_actors){.tags = tags};
        return CC_ESOFTWARE;
    }
    return CC_OK;
}

/* ---------------------------------------------------------------- id index */

static uint64_t hash_id(const char *s)
{
    /* FNV-1a, then mixed so that both halves of the result are good */
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    h ^= h >> 31;
    h *= 0x9E3779B97F4A7C15ULL;
    return h ^ (h >> 29);
}

/* A slot holds the high half of the id's hash and the actor's index + 1.
 * The position of a slot comes from the top bits of that half, so growing
 * the index needs neither the ids nor their hashes again. */
#define TAG_OF(h) ((h) & ~(uint64_t)UINT32_MAX)

static size_t home(const cc_actors *a, uint64_t tag)
{
    size_t mask = a->id_slot_count - 1; /* at most 2^32 slots */
    return (size_t)((tag >> 32) * (uint64_t)a->id_slot_count >> 32) & mask;
}

/* The slot holding `id`, or the empty slot where it would go. */
static size_t find_slot(const cc_actors *a, const char *id, uint64_t hash)
{
    size_t mask = a->id_slot_count - 1;
    for (size_t i = home(a, TAG_OF(hash));; i = (i + 1) & mask) {
        uint64_t v = a->id_slots[i];
        if (v == 0)
            return i;
        if (TAG_OF(v) == TAG_OF(hash) && strcmp(a->items[(v & UINT32_MAX) - 1].id, id) == 0)
            return i;
    }
}

/* A zeroed table of `n` slots, or NULL. A big one is asked for in huge
 * pages where the system has them: every actor looks its id up at a random
 * place of it, and small pages would make each look-up a TLB miss too. */
static uint64_t *new_slots(size_t n)
{
    size_t bytes = n * sizeof(uint64_t), huge = (size_t)2 << 20;
#ifdef MADV_HUGEPAGE
    if (bytes >= huge) {
        uint64_t *slots = aligned_alloc(huge, bytes); /* bytes is a multiple of huge */
        if (slots) {
            madvise(slots, bytes, MADV_HUGEPAGE); /* only advice: failure is harmless */
            memset(slots, 0, bytes);
        }
        return slots;
    }
#endif
    (void)huge;
    return calloc(n, sizeof(uint64_t));
}

/* Room in the index for one more id (load at most one half). */
static bool reserve_slot(cc_actors *a)
{
    if ((a->count + 1) * 2 <= a->id_slot_count)
        return true;
    if (a->count >= UINT32_MAX - 1 || a->id_slot_count >= (size_t)1 << 32 ||
        a->id_slot_count > SIZE_MAX / 2 / sizeof *a->id_slots)
        return false;
    cc_actors bigger = {.id_slot_count = a->id_slot_count * 2};
    bigger.id_slots = new_slots(bigger.id_slot_count);
    if (!bigger.id_slots)
        return false;
    size_t mask = bigger.id_slot_count - 1;
    for (size_t k = 0; k < a->id_slot_count; k++) {
        uint64_t v = a->id_slots[k];
        if (v == 0)
            continue;
        size_t i = home(&bigger, TAG_OF(v));
        while (bigger.id_slots[i])
            i = (i + 1) & mask;
        bigger.id_slots[i] = v;
    }
    free(a->id_slots);
    a->id_slots = bigger.id_slots;
    a->id_slot_count = bigger.id_slot_count;
    return true;
}

long cc_actors_find(const cc_actors *a, const char *id)
{
    if (!a->id_slots)
        return -1;
    uint64_t v = a->id_slots[find_slot(a, id, hash_id(id))];
    return v ? (long)(v & UINT32_MAX) - 1 : -1;
}

/* ------------------------------------------------------------------ adding */

/* Sorts a short list in place (tag lists are short; qsort for long ones). */
static int compare_ints(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static void sort_ints(int *v, size_t n)
{
    if (n > 32) {
        qsort(v, n, sizeof *v, compare_ints);
        return;
    }
    for (size_t i = 1; i < n; i++) {
        int x = v[i];
        size_t j = i;
        for (; j > 0 && v[j - 1] > x; j--)
            v[j] = v[j - 1];
        v[j] = x;
    }
}

/* A copy in the arena of the `n` ints at `v` (NULL for none); false when
 * out of memory. */
static bool copy_ints(cc_arena *arena, const int *v, size_t n, int **out)
{
    *out = NULL;
    if (n == 0)
        return true;
    if (n > SIZE_MAX / sizeof *v)
        return false;
    *out = cc_arena_alloc(arena, n * sizeof *v, alignof(int));
    if (!*out)
        return false;
    memcpy(*out, v, n * sizeof *v);
    return true;
}

/* The tags of `text` as a sorted list without repeats. */
static cc_status parse_tags(cc_actors *a, const char *text, size_t len, cc_idlist *out)
{
    cc_intern_ids *ids = &a->scratch;
    ids->count = 0;
    cc_status st = cc_intern_split_append(a->tags, text, len, ";|", ids);
    if (st != CC_OK)
        return st;
    sort_ints(ids->ids, ids->count);
    size_t distinct = 0;
    for (size_t i = 0; i < ids->count; i++)
        if (distinct == 0 || ids->ids[distinct - 1] != ids->ids[i])
            ids->ids[distinct++] = ids->ids[i];
    if (distinct > INT32_MAX || !copy_ints(&a->arena, ids->ids, distinct, &out->ids))
        return CC_ESOFTWARE;
    out->count = (int)distinct;
    return CC_OK;
}

/* Territory texts already parsed, so that actors written with the same
 * text share its segment list and text (a file names few places many
 * times). An open-addressing table of indexes into `items`. */
typedef struct {
    const char *text;    /* in the arena, shared by the actors */
    size_t len;
    uint64_t hash;
    int *segments;       /* in the arena, shared */
    int depth;
} territory_seen;

struct cc_territory_memo {
    territory_seen *items;
    size_t count, capacity;
    uint32_t *slots;     /* index + 1, or 0 */
    size_t slot_count;   /* power of two, 0 before the first */
};

static uint64_t hash_text(const char *s, size_t len)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h ^ (h >> 31);
}

static struct cc_territory_memo *memo_new(void)
{
    return calloc(1, sizeof(struct cc_territory_memo));
}

static void memo_free(struct cc_territory_memo *m)
{
    if (m) {
        free(m->items);
        free(m->slots);
        free(m);
    }
}

/* The slot of `text`, or the empty slot where it would go. */
static size_t memo_slot(const struct cc_territory_memo *m, const char *text, size_t len,
                        uint64_t hash)
{
    size_t mask = m->slot_count - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
        uint32_t v = m->slots[i];
        if (v == 0)
            return i;
        const territory_seen *t = &m->items[v - 1];
        if (t->hash == hash && t->len == len && memcmp(t->text, text, len) == 0)
            return i;
    }
}

/* Remembers `t`; false when out of memory (then nothing changes). */
static bool memo_add(struct cc_territory_memo *m, const territory_seen *t)
{
    if (m->count >= UINT32_MAX - 1)
        return true; /* not remembered: parsed again next time */
    if ((m->count + 1) * 2 > m->slot_count) {
        size_t n = m->slot_count ? m->slot_count * 2 : 64;
        uint32_t *slots = n > SIZE_MAX / sizeof *slots ? NULL : calloc(n, sizeof *slots);
        if (!slots)
            return false;
        for (size_t k = 0; k < m->count; k++) {
            size_t i = m->items[k].hash & (n - 1);
            while (slots[i])
                i = (i + 1) & (n - 1);
            slots[i] = (uint32_t)k + 1;
        }
        free(m->slots);
        m->slots = slots;
        m->slot_count = n;
    }
    if (m->count == m->capacity) {
        size_t cap = m->capacity ? m->capacity * 2 : 64;
        territory_seen *items = cap > SIZE_MAX / sizeof *items ? NULL
                                                              : realloc(m->items, cap * sizeof *items);
        if (!items)
            return false;
        m->items = items;
        m->capacity = cap;
    }
    m->items[m->count] = *t;
    m->slots[memo_slot(m, t->text, t->len, t->hash)] = (uint32_t)++m->count;
    return true;
}

static cc_status parse_territory(cc_actors *a, const char *text, cc_actor *x)
{
    size_t len = strlen(text);
    if (len == 0)
        return CC_OK; /* no territory */
    struct cc_territory_memo *m = a->territories;
    uint64_t hash = hash_text(text, len);
    if (m->slot_count > 0) {
        uint32_t v = m->slots[memo_slot(m, text, len, hash)];
        if (v) {
            const territory_seen *t = &m->items[v - 1];
            x->territory = t->segments;
            x->territory_depth = t->depth;
            x->territory_text = t->depth > 0 ? (char *)t->text : NULL;
            return CC_OK;
        }
    }
    cc_intern_ids *ids = &a->scratch;
    ids->count = 0;
    cc_status st = cc_intern_split_append(a->places, text, len, "/", ids);
    if (st != CC_OK)
        return st;
    territory_seen t = {NULL, len, hash, NULL, (int)ids->count};
    if (ids->count > INT32_MAX || !copy_ints(&a->arena, ids->ids, ids->count, &t.segments) ||
        !(t.text = cc_arena_strndup(&a->arena, text, len)) || !memo_add(m, &t))
        return CC_ESOFTWARE;
    x->territory = t.segments;
    x->territory_depth = t.depth;
    x->territory_text = t.depth > 0 ? (char *)t.text : NULL;
    return CC_OK;
}

/* Builds the actor of `f` into x. On failure x is left out and what it
 * took of the arena stays unused until cc_actors_free. */
static cc_status build(cc_actors *a, const cc_actor_fields *f, cc_actor *x)
{
    *x = (cc_actor){.sector = f->sector, .reach = f->reach, .line = f->line};
    x->id = cc_arena_strndup(&a->arena, f->id, strlen(f->id));
    x->name = cc_arena_strndup(&a->arena, f->name, strlen(f->name));
    if (!x->id || !x->name)
        return CC_ESOFTWARE;
    cc_status st = parse_tags(a, f->expertise, f->expertise_len, &x->expertise);
    if (st == CC_OK)
        st = parse_tags(a, f->seeks, f->seeks_len, &x->seeks);
    if (st == CC_OK)
        st = parse_territory(a, f->territory, x);
    return st;
}

static bool reserve(cc_actors *a)
{
    if (a->count < a->capacity)
        return true;
    size_t cap = a->capacity ? a->capacity * 2 : 256;
    if (cap > SIZE_MAX / sizeof(cc_actor))
        return false;
    cc_actor *items = realloc(a->items, cap * sizeof *items);
    if (!items)
        return false;
    a->items = items;
    a->capacity = cap;
    return true;
}

cc_status cc_actors_add(cc_actors *a, const cc_actor_fields *f)
{
    assert(cc_actors_find(a, f->id) < 0);
    cc_actor x;
    cc_status st = build(a, f, &x);
    if (st == CC_OK && (!reserve(a) || !reserve_slot(a)))
        st = CC_ESOFTWARE;
    if (st != CC_OK)
        return st;
    /* Nothing can fail from here on. */
    uint64_t hash = hash_id(x.id);
    size_t slot = find_slot(a, x.id, hash);
    a->id_slots[slot] = TAG_OF(hash) | (uint64_t)(a->count + 1);
    a->items[a->count++] = x;
    a->per_sector[x.sector]++;
    a->any_seeks |= x.seeks.count > 0;
    a->any_territory |= x.territory_depth > 0;
    a->any_reach |= x.reach > 0;
    return CC_OK;
}

void cc_actors_free(cc_actors *a)
{
    if (!a)
        return;
    free(a->items);
    free(a->source);
    cc_intern_free(a->places);
    cc_arena_free(&a->arena);
    free(a->id_slots);
    free(a->scratch.ids);
    memo_free(a->territories);
    *a = (cc_actors){0};
}

bool cc_idlist_contains(const cc_idlist *list, int id)
{
    int lo = 0, hi = list->count;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (list->ids[mid] < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < list->count && list->ids[lo] == id;
}
