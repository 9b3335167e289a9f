/* actors.c — the set of actors: adding one from its fields (tags and
 * territory interned), finding one by id, freeing them all.
 *
 * The strings and id lists of the actors are blocks of the set's arena
 * (territories: of the territory memo's): adding an actor makes no
 * allocation of its own but for the growth of the `items` array, the id
 * index and the intern tables. The id index is an open-addressing table
 * of actor indexes: the ids themselves are the actors' `id` strings,
 * never copied. */
#define _DEFAULT_SOURCE /* madvise */
#include "cocreate/actors.h"

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

/* The tag ids ids[from, to) (reordered) as a sorted list without repeats
 * in the arena; false when out of memory. */
static bool tag_list(cc_actors *a, cc_intern_ids *ids, size_t from, size_t to, cc_idlist *out)
{
    *out = (cc_idlist){NULL, 0};
    if (from == to)
        return true;
    int *v = ids->ids + from;
    size_t n = to - from;
    sort_ints(v, n);
    size_t distinct = 0;
    for (size_t i = 0; i < n; i++)
        if (distinct == 0 || v[distinct - 1] != v[i])
            v[distinct++] = v[i];
    if (distinct > INT32_MAX || !copy_ints(&a->arena, v, distinct, &out->ids))
        return false;
    out->count = (int)distinct;
    return true;
}

/* Territory texts already parsed, so that actors written with the same
 * text share its segment list and text (a file names few places many
 * times). Each is a block of the memo's own arena, its text in it, and the
 * memo an open-addressing table of pointers to them: a look-up, made for
 * every actor, reads the slot and the block, nothing else, and the blocks
 * lie together rather than each on its own page among the actors. */
typedef struct {
    uint64_t hash;
    size_t len;
    int *segments;       /* in the arena, shared */
    int depth;
    char text[];         /* `len` bytes and a NUL, shared by the actors */
} territory_seen;

struct cc_territory_memo {
    territory_seen **slots; /* NULL: empty */
    size_t count;
    size_t slot_count;   /* power of two, 0 before the first */
    cc_arena arena;      /* the blocks and their segment lists */
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
        free(m->slots);
        cc_arena_free(&m->arena);
        free(m);
    }
}

/* The slot of `text`, or the empty slot where it would go. */
static size_t memo_slot(const struct cc_territory_memo *m, const char *text, size_t len,
                        uint64_t hash)
{
    size_t mask = m->slot_count - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
        const territory_seen *t = m->slots[i];
        if (!t || (t->hash == hash && t->len == len && memcmp(t->text, text, len) == 0))
            return i;
    }
}

/* Remembers `t`; false when out of memory (then nothing changes). */
static bool memo_add(struct cc_territory_memo *m, territory_seen *t)
{
    if ((m->count + 1) * 2 > m->slot_count) {
        size_t n = m->slot_count ? m->slot_count * 2 : 64;
        territory_seen **slots = n > SIZE_MAX / sizeof *slots ? NULL : calloc(n, sizeof *slots);
        if (!slots)
            return false;
        for (size_t k = 0; k < m->slot_count; k++) {
            if (!m->slots[k])
                continue;
            size_t i = m->slots[k]->hash & (n - 1);
            while (slots[i])
                i = (i + 1) & (n - 1);
            slots[i] = m->slots[k];
        }
        free(m->slots);
        m->slots = slots;
        m->slot_count = n;
    }
    m->slots[memo_slot(m, t->text, t->len, t->hash)] = t;
    m->count++;
    return true;
}

/* What the territory `text` was parsed into before, or NULL. */
static const territory_seen *memo_find(const struct cc_territory_memo *m, const char *text,
                                       size_t len, uint64_t hash)
{
    return m->slot_count > 0 ? m->slots[memo_slot(m, text, len, hash)] : NULL;
}

static void set_territory(cc_actor *x, const territory_seen *t)
{
    x->territory = t->segments;
    x->territory_depth = t->depth;
    x->territory_text = t->depth > 0 ? (char *)t->text : NULL;
}

/* Parses the territory `text`, not in the memo yet, into x. */
static cc_status parse_territory(cc_actors *a, const char *text, size_t len, uint64_t hash,
                                 cc_actor *x)
{
    cc_intern_ids *ids = &a->scratch;
    ids->count = 0;
    cc_status st = cc_intern_split_append(a->places, text, len, "/", ids);
    if (st != CC_OK)
        return st;
    struct cc_territory_memo *m = a->territories;
    territory_seen *t = ids->count > INT32_MAX || len > SIZE_MAX - sizeof *t - 1
                            ? NULL
                            : cc_arena_alloc(&m->arena, sizeof *t + len + 1, alignof(territory_seen));
    if (!t)
        return CC_ESOFTWARE;
    *t = (territory_seen){hash, len, NULL, (int)ids->count};
    memcpy(t->text, text, len);
    t->text[len] = '\0';
    if (!copy_ints(&m->arena, ids->ids, ids->count, &t->segments) || !memo_add(m, t))
        return CC_ESOFTWARE;
    set_territory(x, t);
    return CC_OK;
}

static bool reserve(cc_actors *a)
{
    if (a->count < a->capacity)
        return true;
    size_t cap = a->capacity ? a->capacity * 2 : 256;
    if (cap > SIZE_MAX / sizeof(cc_actor))
        return false;
    if (a->thesaurus) {
        cc_tag_origins *origins = realloc(a->origins, cap * sizeof *origins);
        if (!origins)
            return false;
        a->origins = origins;
    }
    cc_actor *items = realloc(a->items, cap * sizeof *items);
    if (!items)
        return false;
    a->items = items;
    a->capacity = cap;
    return true;
}

/* ------------------------------------------------------------- thesaurus */

static bool append_id(cc_intern_ids *ids, int id)
{
    if (ids->count == ids->capacity) {
        size_t n = ids->capacity ? ids->capacity * 2 : 64;
        int *bigger = n > SIZE_MAX / sizeof *bigger ? NULL : realloc(ids->ids, n * sizeof *bigger);
        if (!bigger)
            return false;
        ids->ids = bigger;
        ids->capacity = n;
    }
    ids->ids[ids->count++] = id;
    return true;
}

/* Marks `tag` as met in this call of apply_thesaurus; false when it was
 * already, or (*ok cleared) when out of memory. */
static bool first_time(cc_actors *a, int tag, bool *ok)
{
    if ((size_t)tag >= a->seen_capacity) {
        size_t cap = a->seen_capacity ? a->seen_capacity : 256;
        while (cap <= (size_t)tag)
            cap *= 2;
        uint32_t *seen = cap > SIZE_MAX / sizeof *seen ? NULL : realloc(a->seen, cap * sizeof *seen);
        if (!seen)
            return *ok = false;
        memset(seen + a->seen_capacity, 0, (cap - a->seen_capacity) * sizeof *seen);
        a->seen = seen;
        a->seen_capacity = cap;
    }
    if (a->seen[tag] == a->seen_stamp)
        return false;
    a->seen[tag] = a->seen_stamp;
    return true;
}

/* A new stamp for first_time: no tag is met yet. */
static void forget_seen(cc_actors *a)
{
    if (++a->seen_stamp == 0) {
        if (a->seen)
            memset(a->seen, 0, a->seen_capacity * sizeof *a->seen);
        a->seen_stamp = 1;
    }
}

static int by_tag(const void *a, const void *b)
{
    return compare_ints(a, b); /* the first int of a pair */
}

/* The expertise of a new actor as written, ids[0, n), mapped through the
 * thesaurus into a->mapped, each tag once, and the tags it did not write
 * into *origins, each with the tag written that gave it: a variant's
 * preferred tag before a broader tag, then the first in the field. Pass 0
 * takes the preferred tags written as such, pass 1 the preferred tags of
 * the variants written, pass 2 the broader tags; a tag is kept from the
 * first pass that meets it, so that a field of many tags with the same
 * broader ones costs what its distinct tags do. */
static cc_status map_expertise(cc_actors *a, const int *ids, size_t n, cc_tag_origins *origins)
{
    cc_intern_ids *out = &a->mapped, *pairs = &a->candidates;
    bool ok = true;
    forget_seen(a);
    for (int pass = 0; pass < 3 && ok; pass++)
        for (size_t i = 0; i < n && ok; i++) {
            const int *to;
            int count;
            if (cc_thesaurus_expand(a->thesaurus, a->tags, ids[i], pass == 2, &to, &count) != CC_OK)
                return CC_ESOFTWARE;
            bool written = to[0] == ids[i];
            for (int k = pass == 2 ? 1 : 0; k < (pass == 2 ? count : 1) && ok; k++) {
                if ((pass == 0) != written && pass < 2)
                    continue;
                if (!first_time(a, to[k], &ok))
                    continue;
                ok = append_id(out, to[k]) &&
                     (pass == 0 || (append_id(pairs, to[k]) && append_id(pairs, ids[i])));
            }
        }
    size_t kept = pairs->count / 2;
    *origins = (cc_tag_origins){NULL, 0};
    if (!ok || kept > INT32_MAX)
        return CC_ESOFTWARE;
    if (kept > 0) /* qsort wants an array, even of nothing */
        qsort(pairs->ids, kept, 2 * sizeof *pairs->ids, by_tag);
    if (!copy_ints(&a->arena, pairs->ids, 2 * kept, &origins->pairs))
        return CC_ESOFTWARE;
    origins->count = (int)kept;
    return CC_OK;
}

/* Maps the tags of a new actor, as written in ids[0, *expertise_end)
 * (expertise) and ids[*expertise_end, count) (seeks), through the
 * thesaurus into a->mapped, its expertise first (*expertise_end becomes
 * its end), with their origins. CC_OK or CC_ESOFTWARE. */
static cc_status apply_thesaurus(cc_actors *a, cc_intern_ids *ids, size_t *expertise_end,
                                 cc_tag_origins *origins)
{
    a->mapped.count = a->candidates.count = 0;
    cc_status st = map_expertise(a, ids->ids, *expertise_end, origins);
    size_t end = a->mapped.count;
    for (size_t i = *expertise_end; st == CC_OK && i < ids->count; i++) {
        const int *to;
        int count;
        st = cc_thesaurus_expand(a->thesaurus, a->tags, ids->ids[i], false, &to, &count);
        if (st == CC_OK && !append_id(&a->mapped, to[0]))
            st = CC_ESOFTWARE;
    }
    *expertise_end = end;
    return st;
}

/* Asks for the memory at `p` ahead of its use: only a hint. */
#if defined(__GNUC__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)(p))
#endif

cc_status cc_actors_add(cc_actors *a, const cc_actor_fields *f, long *previous)
{
    if (previous)
        *previous = -1;
    if (!reserve(a) || !reserve_slot(a))
        return CC_ESOFTWARE;
    /* The id's slot of the index is a cache miss away (the index of a
     * million ids is far larger than the cache): ask for it first, and
     * look the tags and territory up meanwhile, changing nothing while the
     * id may be taken. */
    uint64_t hash = hash_id(f->id);
    PREFETCH(&a->id_slots[home(a, TAG_OF(hash))]);
    cc_intern_ids *ids = &a->scratch;
    ids->count = 0;
    bool seen_expertise, seen_seeks = false;
    cc_status st = cc_intern_split_seen(a->tags, f->expertise, f->expertise_len, ";|", ids,
                                        &seen_expertise);
    size_t expertise_end = ids->count;
    if (st == CC_OK && seen_expertise)
        st = cc_intern_split_seen(a->tags, f->seeks, f->seeks_len, ";|", ids, &seen_seeks);
    size_t territory_len = strlen(f->territory);
    uint64_t territory_hash = hash_text(f->territory, territory_len);
    const territory_seen *place =
        memo_find(a->territories, f->territory, territory_len, territory_hash);
    if (st != CC_OK)
        return st;
    size_t slot = find_slot(a, f->id, hash);
    if (a->id_slots[slot]) {
        if (previous)
            *previous = (long)(a->id_slots[slot] & UINT32_MAX) - 1;
        return CC_EDATA;
    }
    /* A new id: the tags not seen before are added now, in text order. */
    if (!seen_expertise) {
        ids->count = 0;
        st = cc_intern_split_append(a->tags, f->expertise, f->expertise_len, ";|", ids);
        expertise_end = ids->count;
    }
    if (st == CC_OK && !seen_seeks)
        st = cc_intern_split_append(a->tags, f->seeks, f->seeks_len, ";|", ids);
    if (st != CC_OK)
        return st;
    /* On failure from here, what x took of the arena stays unused until
     * cc_actors_free. */
    cc_tag_origins origins = {NULL, 0};
    if (a->thesaurus) {
        if ((st = apply_thesaurus(a, ids, &expertise_end, &origins)) != CC_OK)
            return st;
        ids = &a->mapped;
    }
    cc_actor x = {.sector = f->sector, .reach = f->reach, .line = f->line};
    x.id = cc_arena_strndup(&a->arena, f->id, strlen(f->id));
    x.name = cc_arena_strndup(&a->arena, f->name, strlen(f->name));
    if (!x.id || !x.name || !tag_list(a, ids, 0, expertise_end, &x.expertise) ||
        !tag_list(a, ids, expertise_end, ids->count, &x.seeks))
        return CC_ESOFTWARE;
    if (place)
        set_territory(&x, place);
    else if (territory_len > 0 &&
             (st = parse_territory(a, f->territory, territory_len, territory_hash, &x)) != CC_OK)
        return st;
    /* Nothing can fail from here on; the index has not changed since
     * `slot` was found. */
    a->id_slots[slot] = TAG_OF(hash) | (uint64_t)(a->count + 1);
    if (a->origins)
        a->origins[a->count] = origins;
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
    free(a->mapped.ids);
    free(a->candidates.ids);
    free(a->seen);
    free(a->origins);
    memo_free(a->territories);
    *a = (cc_actors){0};
}

int cc_actors_origin(const cc_actors *a, size_t i, int tag)
{
    if (!a->origins || i >= a->count)
        return tag;
    const cc_tag_origins *o = &a->origins[i];
    int lo = 0, hi = o->count;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (o->pairs[2 * mid] < tag)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < o->count && o->pairs[2 * lo] == tag ? o->pairs[2 * lo + 1] : tag;
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
