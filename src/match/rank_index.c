/* rank_index.c — what no challenge changes, prepared once per actors
 * file (once for all the challenges of `match --all`).
 *
 * Each search sorts each sector's eligible actors into classes by need
 * mask (which depends on the challenge) and region, and each class's
 * twin groups (actors of the same sector, expertise, seeks and
 * territory) by what their own reach and gain can add to a score, then
 * by smallest id. The rest is prepared here:
 *  - region and twin numbers, so that a search tells classes and twins
 *    apart by comparing two integers;
 *  - each actor's rank among the ids, so that no search compares ids as
 *    strings while it builds its classes;
 *  - each actor's gain when every actor takes part, as in most searches;
 *  - the tags of each set of twins, in one block: a search reads them
 *    from there rather than from actors all over memory;
 *  - the order the searches take the actors in: by sector, then sets of
 *    twins by gain, largest reach and smallest id. Whatever the weights,
 *    what a twin group adds grows with its reach at equal gain: so the
 *    groups of any class come in a few runs already in order, one per
 *    gain, which the search merges instead of sorting them.
 * Building it costs a sort of the ids and a few passes over the actors:
 * regions and twins are found through hash tables (their lists compared
 * only when the hashes are equal), the sets put in order by radix sorts. */
#include "rank_index.h"

#include <stdlib.h>
#include <string.h>

static const cc_actors *sorted_actors; /* qsort has no context argument in C11 */

static int compare_ids(const int *a, int na, const int *b, int nb)
{
    if (na != nb)
        return na < nb ? -1 : 1;
    for (int i = 0; i < na; i++)
        if (a[i] != b[i])
            return a[i] < b[i] ? -1 : 1;
    return 0;
}

static int region_depth(const cc_actor *a)
{
    return a->territory_depth < CC_REGION_DEPTH ? a->territory_depth : CC_REGION_DEPTH;
}

/* Actors without territory first, then by region. */
static int compare_regions(const cc_actor *a, const cc_actor *b)
{
    if ((a->territory_depth > 0) != (b->territory_depth > 0))
        return a->territory_depth > 0 ? 1 : -1;
    return compare_ids(a->territory, region_depth(a), b->territory, region_depth(b));
}

/* Twins compare equal: same sector, expertise, seeks and territory. */
static int compare_twins(const cc_actor *a, const cc_actor *b)
{
    int c;
    if (a->sector != b->sector)
        return a->sector < b->sector ? -1 : 1;
    if ((c = compare_regions(a, b)) ||
        (c = compare_ids(a->expertise.ids, a->expertise.count, b->expertise.ids,
                         b->expertise.count)) ||
        (c = compare_ids(a->seeks.ids, a->seeks.count, b->seeks.ids, b->seeks.count)))
        return c;
    return compare_ids(a->territory, a->territory_depth, b->territory, b->territory_depth);
}

/* FNV-1a over a list of ints, continuing from `h`. */
static uint64_t hash_ints(uint64_t h, const int *v, int n)
{
    for (int i = 0; i < n; i++) {
        h ^= (uint32_t)v[i];
        h *= 0x100000001b3u;
    }
    h ^= (uint32_t)n; /* lists of different lengths differ */
    return h * 0x100000001b3u;
}

/* Hashes of the region and of all a twin shares: two actors' lists are
 * compared only when their hashes are equal. */
static void hash_actor(const cc_actor *a, uint64_t out[2])
{
    uint64_t h = hash_ints(0xcbf29ce484222325u, &(int){(int)a->sector}, 1);
    out[0] = hash_ints(h, a->territory, region_depth(a));
    h = hash_ints(out[0], a->expertise.ids, a->expertise.count);
    h = hash_ints(h, a->seeks.ids, a->seeks.count);
    out[1] = hash_ints(h, a->territory, a->territory_depth);
}

/* Numbers the distinct keys of the actors, in the order of the actors,
 * into number[actor], and puts the first actor of each key in first[];
 * returns how many keys there are, or SIZE_MAX when out of memory. Two
 * actors share a key when their hashes h[] are equal and `compare` finds
 * them equal: a hash table holds the first actor of each key. */
static size_t number_keys(const cc_actors *actors, const uint64_t *h,
                          int (*compare)(const cc_actor *, const cc_actor *), uint32_t *number,
                          uint32_t *first)
{
    size_t n = actors->count, size = 16;
    while (size < 2 * n)
        size *= 2;
    uint32_t *slot = calloc(size, sizeof *slot); /* first actor of a key + 1; 0: empty */
    if (!slot)
        return SIZE_MAX;
    size_t count = 0;
    for (uint32_t a = 0; a < n; a++) {
        size_t at = (size_t)(h[a] ^ h[a] >> 32) & (size - 1);
        for (;; at = (at + 1) & (size - 1)) {
            uint32_t b = slot[at];
            if (!b) {
                slot[at] = a + 1;
                first[count] = a;
                number[a] = (uint32_t)count++;
                break;
            }
            if (h[b - 1] == h[a] && compare(&actors->items[b - 1], &actors->items[a]) == 0) {
                number[a] = number[b - 1];
                break;
            }
        }
    }
    free(slot);
    return count;
}

static const uint64_t *sorted_hash; /* qsort has no context argument in C11 */

static int by_hash(const void *x, const void *y)
{
    uint64_t a = sorted_hash[*(const uint32_t *)x], b = sorted_hash[*(const uint32_t *)y];
    return (a > b) - (a < b);
}

/* Region and twin numbers. The regions are numbered by hash (any order
 * does, for they need only be told apart, but this one keeps the order
 * of the search's classes as it was), 0 for actors without territory;
 * the sets of twins in any order, into number[actor]. Returns how many
 * sets, or SIZE_MAX when out of memory. */
static size_t number_twins(const cc_actors *actors, uint32_t *number, uint32_t *region)
{
    size_t n = actors->count;
    uint64_t *hash = malloc((2 * n + 1) * sizeof *hash); /* regions', then twins' */
    uint32_t *first = malloc((n + 1) * sizeof *first);   /* per region, set: its first actor */
    uint32_t *rank = NULL;                               /* per region: its place by hash */
    size_t regions = SIZE_MAX, sets = SIZE_MAX;
    if (hash && first) {
        for (size_t a = 0; a < n; a++) {
            uint64_t h[2];
            hash_actor(&actors->items[a], h);
            hash[a] = h[0];
            hash[n + a] = h[1];
        }
        regions = number_keys(actors, hash, compare_regions, region, first);
    }
    if (regions != SIZE_MAX)
        rank = malloc((regions + 1) * sizeof *rank);
    if (rank) {
        sorted_hash = hash;
        qsort(first, regions, sizeof *first, by_hash);
        for (size_t k = 0; k < regions; k++)
            rank[region[first[k]]] = (uint32_t)k;
        for (size_t a = 0; a < n; a++)
            region[a] = actors->items[a].territory_depth > 0 ? rank[region[a]] + 1 : 0;
        sets = number_keys(actors, &hash[n], compare_twins, number, first);
    }
    free(hash);
    free(first);
    free(rank);
    return sets;
}

/* A value to sort by and what it belongs to. */
typedef struct {
    uint64_t key;
    uint32_t item;
} keyed;

/* Sorts v[0..n) by key, keeping the order of equal keys: a radix sort by
 * 16-bit digits, from the lowest, skipping digits that all keys share;
 * tmp has room for n. False when out of memory. */
static bool radix_sort(keyed *v, keyed *tmp, size_t n)
{
    enum { DIGITS = 1 << 16 };
    size_t *count = malloc((DIGITS + 1) * sizeof *count);
    if (!count)
        return false;
    for (int shift = 0; n > 0 && shift < 64; shift += 16) {
        memset(count, 0, (DIGITS + 1) * sizeof *count);
        for (size_t i = 0; i < n; i++)
            count[(v[i].key >> shift & (DIGITS - 1)) + 1]++;
        if (count[(v[0].key >> shift & (DIGITS - 1)) + 1] == n)
            continue;
        for (size_t d = 0; d < DIGITS; d++)
            count[d + 1] += count[d];
        for (size_t i = 0; i < n; i++)
            tmp[count[v[i].key >> shift & (DIGITS - 1)]++] = v[i];
        memcpy(v, tmp, n * sizeof *v);
    }
    free(count);
    return true;
}

static int by_id(const void *x, const void *y)
{
    return strcmp(sorted_actors->items[((const keyed *)x)->item].id,
                  sorted_actors->items[((const keyed *)y)->item].id);
}

/* Bytes at..at+7 of `id` (which has at least `at`), big-endian, the
 * bytes past its end 0: keys compare as strcmp compares those bytes. */
static uint64_t id_key(const char *id, size_t at)
{
    uint64_t key = 0;
    int i = 0;
    for (id += at; i < 8 && id[i]; i++)
        key |= (uint64_t)(unsigned char)id[i] << (56 - 8 * i);
    return key;
}

/* Sorts v[0..n), actors whose ids share their first `at` bytes, by id:
 * by 8 bytes at a time, radix sorted, then each run of equal bytes that
 * the ids go on after by the next 8; runs of fewer ids by strcmp. tmp has room
 * for n. False when out of memory. */
static bool sort_ids(const cc_actors *actors, keyed *v, keyed *tmp, size_t n, size_t at)
{
    enum { SMALL = 1 << 16 }; /* below, a radix sort's counts would cost more than the ids */
    if (n < SMALL) {
        sorted_actors = actors;
        qsort(v, n, sizeof *v, by_id);
        return true;
    }
    /* bytes all of them share (a long common prefix): passed at once */
    const char *first = actors->items[v[0].item].id + at;
    size_t shared = strlen(first);
    for (size_t i = 1; i < n && shared > 0; i++) {
        const char *id = actors->items[v[i].item].id + at;
        size_t same = 0;
        while (same < shared && id[same] == first[same])
            same++;
        shared = same;
    }
    at += shared;
    for (size_t i = 0; i < n; i++)
        v[i].key = id_key(actors->items[v[i].item].id, at);
    if (!radix_sort(v, tmp, n))
        return false;
    for (size_t begin = 0, end; begin < n; begin = end) {
        for (end = begin + 1; end < n && v[end].key == v[begin].key;)
            end++;
        if (end - begin > 1 && (v[begin].key & 0xff) && /* all 8 bytes are id: go on */
            !sort_ids(actors, &v[begin], tmp, end - begin, at + 8))
            return false;
    }
    return true;
}

/* The actors in id order into `order`, and each one's rank into `rank`.
 * False when out of memory. */
static bool rank_ids(const cc_actors *actors, uint32_t *order, uint32_t *rank)
{
    size_t n = actors->count;
    keyed *v = malloc((n + 1) * sizeof *v), *tmp = malloc((n + 1) * sizeof *tmp);
    bool ok = v && tmp;
    for (size_t i = 0; ok && i < n; i++)
        v[i].item = (uint32_t)i;
    ok = ok && sort_ids(actors, v, tmp, n, 0);
    for (size_t i = 0; ok && i < n; i++) {
        order[i] = v[i].item;
        rank[v[i].item] = (uint32_t)i;
    }
    free(v);
    free(tmp);
    return ok;
}

/* Sorts sets[0..n) by key[set] ascending, keeping the order of equal
 * keys; v and tmp have room for n. */
static bool sort_sets(uint32_t *sets, size_t n, const uint64_t *key, keyed *v, keyed *tmp)
{
    for (size_t i = 0; i < n; i++)
        v[i] = (keyed){key[sets[i]], sets[i]};
    if (!radix_sort(v, tmp, n))
        return false;
    for (size_t i = 0; i < n; i++)
        sets[i] = v[i].item;
    return true;
}

/* Per set of twins, what its members share or the best of them. */
typedef struct {
    uint32_t *size;  /* how many members */
    uint32_t *tags;  /* how many tags */
    uint64_t *kind;  /* sector, then gain descending, as an ascending key
                        (then its rank among the sets' kinds: order_sets) */
    uint8_t *sector;
    uint64_t *reach; /* largest reach, descending: ~reach */
} twin_sets;

static void free_sets(twin_sets *t)
{
    free(t->size);
    free(t->tags);
    free(t->kind);
    free(t->sector);
    free(t->reach);
    *t = (twin_sets){0};
}

/* The ascending key of sector, then gain descending: a gain is in
 * [0, 1], its bits grow with it and stay under 2^62. */
static uint64_t sector_gain_down(cc_sector sector, double gain)
{
    double one = 1.0;
    uint64_t top, bits;
    memcpy(&top, &one, sizeof top);
    memcpy(&bits, &gain, sizeof bits);
    return (uint64_t)sector << 62 | (top - bits);
}

/* Describes the `count` sets of twins (numbered in number[actor]) in one
 * pass over the actors in their own order. */
static bool describe_sets(const cc_actors *actors, const uint32_t *number, size_t count,
                          const cc_rank_index *x, twin_sets *t)
{
    *t = (twin_sets){calloc(count + 1, sizeof *t->size), malloc((count + 1) * sizeof *t->tags),
                     malloc((count + 1) * sizeof *t->kind), malloc(count + 1),
                     malloc((count + 1) * sizeof *t->reach)};
    if (!t->size || !t->tags || !t->kind || !t->sector || !t->reach)
        return false;
    for (size_t a = 0; a < actors->count; a++) {
        const cc_actor *actor = &actors->items[a];
        uint32_t set = number[a];
        uint64_t reach = ~actor->reach;
        if (t->size[set]++ == 0) {
            t->tags[set] = (uint32_t)actor->expertise.count;
            t->kind[set] = sector_gain_down(actor->sector, x->gain[a]);
            t->sector[set] = (uint8_t)actor->sector;
            t->reach[set] = reach;
        }
        t->reach[set] = reach < t->reach[set] ? reach : t->reach[set];
    }
    return true;
}

static int by_value(const void *x, const void *y)
{
    uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
    return (a > b) - (a < b);
}

/* Replaces each of the `count` keys by its rank among the distinct keys,
 * found through a hash table: the kinds of the sets (a sector and a gain)
 * are few, so that one pass of the radix sort then sorts by them, not
 * four. False when out of memory. */
static bool rank_keys(uint64_t *key, size_t count)
{
    if (count == 0)
        return true; /* nothing to rank, and no table to copy from */
    size_t size = 1024, distinct = 0;
    uint32_t *slot = NULL;  /* a distinct key's place in `values` + 1; 0: empty */
    uint64_t *values = NULL, *sorted = NULL;
    uint32_t *rank = NULL;  /* per place in `values` */
    bool ok = true;
    for (size_t i = 0; ok && i < count; i++) {
        if (!slot || 2 * distinct >= size) { /* room for this one, half empty */
            size *= slot ? 2 : 1;
            uint32_t *grown = calloc(size, sizeof *grown);
            uint64_t *more = realloc(values, size / 2 * sizeof *values);
            ok = grown && more;
            values = more ? more : values;
            for (size_t d = 0; ok && d < distinct; d++) {
                size_t at = (size_t)(values[d] * 0x9e3779b97f4a7c15u >> 40) & (size - 1);
                while (grown[at])
                    at = (at + 1) & (size - 1);
                grown[at] = (uint32_t)d + 1;
            }
            free(slot);
            slot = grown;
            if (!ok)
                break;
        }
        size_t at = (size_t)(key[i] * 0x9e3779b97f4a7c15u >> 40) & (size - 1);
        while (slot[at] && values[slot[at] - 1] != key[i])
            at = (at + 1) & (size - 1);
        if (!slot[at]) {
            values[distinct] = key[i];
            slot[at] = (uint32_t)++distinct;
        }
        key[i] = slot[at] - 1;
    }
    ok = ok && (sorted = malloc((distinct + 1) * sizeof *sorted)) &&
         (rank = malloc((distinct + 1) * sizeof *rank));
    if (ok) { /* the rank of a value: its place among the sorted values */
        memcpy(sorted, values, distinct * sizeof *values);
        qsort(sorted, distinct, sizeof *sorted, by_value);
        for (size_t d = 0; d < distinct; d++) {
            uint64_t *found = bsearch(&values[d], sorted, distinct, sizeof *sorted, by_value);
            rank[d] = (uint32_t)(found - sorted);
        }
        for (size_t i = 0; i < count; i++)
            key[i] = rank[key[i]];
    }
    free(slot);
    free(values);
    free(sorted);
    free(rank);
    return ok;
}

/* The sets by sector, gain descending, largest reach descending
 * (by_reach only), then smallest id: stable sorts from the last key. The
 * sets by smallest id come from a walk of the actors by id (id_order),
 * taking each set when its first member comes. Uses t->size as marks
 * (left as they were) and turns t->kind into ranks. */
static bool order_sets(twin_sets *t, size_t count, const uint32_t *id_order, size_t n,
                       const uint32_t *number, uint32_t *by_reach, uint32_t *by_id)
{
    keyed *v = malloc((count + 1) * sizeof *v), *tmp = malloc((count + 1) * sizeof *tmp);
    bool ok = v && tmp && rank_keys(t->kind, count);
    for (size_t i = 0, k = 0; ok && i < n; i++) {
        uint32_t set = number[id_order[i]];
        if (!(t->size[set] & UINT32_C(0x80000000))) {
            t->size[set] |= UINT32_C(0x80000000);
            by_id[k++] = set;
        }
    }
    for (size_t k = 0; ok && k < count; k++)
        t->size[k] &= ~UINT32_C(0x80000000);
    if (ok)
        memcpy(by_reach, by_id, count * sizeof *by_id);
    ok = ok && sort_sets(by_reach, count, t->reach, v, tmp) &&
         sort_sets(by_reach, count, t->kind, v, tmp) && sort_sets(by_id, count, t->kind, v, tmp);
    free(v);
    free(tmp);
    return ok;
}

/* Lays the actors out in `out` set by set, the sets (count of them) in
 * the order of `sets`, each set's members by id (id_order holds the n
 * actors by id); `at` has room for a place per set. */
static void lay_out(const twin_sets *t, const uint32_t *sets, size_t count, const uint32_t *number,
                    const uint32_t *id_order, size_t n, uint32_t *at, uint32_t *out)
{
    uint32_t next = 0;
    for (size_t k = 0; k < count; k++) {
        at[sets[k]] = next;
        next += t->size[sets[k]];
    }
    for (size_t i = 0; i < n; i++)
        out[at[number[id_order[i]]]++] = id_order[i];
}

static const uint32_t *sorted_rank; /* qsort has no context argument in C11 */

/* Reach descending, then id. */
static int by_reach_id(const void *x, const void *y)
{
    uint32_t i = *(const uint32_t *)x, j = *(const uint32_t *)y;
    uint64_t a = sorted_actors->items[i].reach, b = sorted_actors->items[j].reach;
    if (a != b)
        return a > b ? -1 : 1;
    return (sorted_rank[i] > sorted_rank[j]) - (sorted_rank[i] < sorted_rank[j]);
}

/* Copies the tags of each set once, the sets in the order of `sets`,
 * and numbers the sets in that order into x->twin. Uses t->size as marks
 * (it ends all 0) and `at` for the sets' places. */
static bool copy_tags(const cc_actors *actors, const twin_sets *t, const uint32_t *sets,
                      size_t count, const uint32_t *number, uint32_t *at, cc_rank_index *x)
{
    x->tags_at = malloc((count + 1) * sizeof *x->tags_at);
    if (!x->tags_at)
        return false;
    x->tags_at[0] = 0;
    for (size_t k = 0; k < count; k++) {
        at[sets[k]] = (uint32_t)k;
        x->tags_at[k + 1] = x->tags_at[k] + t->tags[sets[k]];
        x->sector_begin[t->sector[sets[k]] + 1] += t->size[sets[k]];
        x->sector_sets[t->sector[sets[k]] + 1]++;
    }
    for (int k = 0; k < CC_SECTORS; k++) {
        x->sector_begin[k + 1] += x->sector_begin[k];
        x->sector_sets[k + 1] += x->sector_sets[k];
    }
    if (!(x->tags = malloc((x->tags_at[count] + 1) * sizeof *x->tags)))
        return false;
    for (size_t a = 0; a < actors->count; a++) { /* in the actors' order, as memory holds them */
        uint32_t set = number[a];
        const cc_idlist *e = &actors->items[a].expertise;
        x->twin[a] = at[set];
        if (t->size[set] && e->count) /* an empty list has no ids to copy */
            memcpy(&x->tags[x->tags_at[at[set]]], e->ids, (size_t)e->count * sizeof *e->ids);
        t->size[set] = 0;
    }
    return true;
}

/* Puts the members of each set in by_reach (laid out by id) by reach
 * descending, then id: a stable sort by reach, a radix sort for a large
 * set (copies of one profile), else qsort. False when out of memory. */
static bool sort_by_reach(const cc_actors *actors, const twin_sets *t, const uint32_t *sets,
                          size_t count, cc_rank_index *x)
{
    enum { LARGE = 4096 }; /* from here, the radix sort's counts cost less than qsort */
    size_t most = 0;
    for (size_t k = 0; k < count; k++)
        most = t->size[sets[k]] > most ? t->size[sets[k]] : most;
    keyed *v = NULL, *tmp = NULL;
    if (most >= LARGE && (!(v = malloc(most * sizeof *v)) || !(tmp = malloc(most * sizeof *tmp)))) {
        free(v);
        return false;
    }
    sorted_actors = actors;
    sorted_rank = x->id_rank;
    bool ok = true;
    for (size_t k = 0, begin = 0; ok && k < count; begin += t->size[sets[k]], k++) {
        uint32_t *members = &x->by_reach[begin], size = t->size[sets[k]];
        if (size < LARGE) {
            if (size > 1)
                qsort(members, size, sizeof *members, by_reach_id);
            continue;
        }
        for (uint32_t i = 0; i < size; i++)
            v[i] = (keyed){~actors->items[members[i]].reach, members[i]};
        if ((ok = radix_sort(v, tmp, size)))
            for (uint32_t i = 0; i < size; i++)
                members[i] = v[i].item;
    }
    free(v);
    free(tmp);
    return ok;
}

/* Lays out by_reach and by_id from the `count` sets of twins (numbered
 * in number[actor]; id_order holds the actors by id), numbers the sets
 * in by_reach's order into x->twin and copies their tags in that order. */
static bool lay_out_sets(const cc_actors *actors, const uint32_t *id_order, const uint32_t *number,
                         size_t count, cc_rank_index *x)
{
    size_t n = actors->count;
    twin_sets t = {0};
    uint32_t *by_reach = malloc((count + 1) * sizeof *by_reach); /* the sets in each order */
    uint32_t *by_id = malloc((count + 1) * sizeof *by_id);
    uint32_t *at = malloc((count + 1) * sizeof *at);             /* per set: a place */
    bool ok = by_reach && by_id && at && describe_sets(actors, number, count, x, &t) &&
              order_sets(&t, count, id_order, n, number, by_reach, by_id);
    free(t.kind); /* room for what follows */
    free(t.reach);
    t.kind = t.reach = NULL;
    /* Their members by id, or by reach descending then id. */
    if (ok) {
        lay_out(&t, by_id, count, number, id_order, n, at, x->by_id);
        lay_out(&t, by_reach, count, number, id_order, n, at, x->by_reach);
        ok = sort_by_reach(actors, &t, by_reach, count, x);
    }
    free(by_id);
    ok = ok && copy_tags(actors, &t, by_reach, count, number, at, x);
    free_sets(&t);
    free(by_reach);
    free(at);
    return ok;
}

/* The share of each actor's seeks that some actor of another sector
 * offers, as a search computes it when every actor takes part. */
static bool compute_gains(const cc_actors *actors, double *gain)
{
    unsigned char *offered = calloc((size_t)cc_intern_count(actors->tags) + 1, 1);
    if (!offered)
        return false;
    for (size_t a = 0; a < actors->count; a++) {
        const cc_idlist *e = &actors->items[a].expertise;
        for (int t = 0; t < e->count; t++)
            offered[e->ids[t]] |= (unsigned char)(1u << actors->items[a].sector);
    }
    for (size_t a = 0; a < actors->count; a++) {
        const cc_idlist *seeks = &actors->items[a].seeks;
        int met = 0;
        for (int t = 0; t < seeks->count; t++)
            met += (offered[seeks->ids[t]] & ~(1u << actors->items[a].sector)) != 0;
        gain[a] = seeks->count ? (double)met / seeks->count : 0.0;
    }
    free(offered);
    return true;
}

cc_status cc_rank_index_build(const cc_actors *actors, cc_rank_index **out, cc_error *err)
{
    *out = NULL;
    size_t n = actors->count;
    if (n >= UINT32_MAX)
        return cc_error_add(err, CC_ESOFTWARE, "too many actors to rank (%zu)", n);
    cc_rank_index *x = calloc(1, sizeof *x);
    uint32_t *id_order = malloc((n + 1) * sizeof *id_order);
    uint32_t *number = malloc((n + 1) * sizeof *number); /* per actor: its set of twins */
    if (x) {
        x->region = malloc((n + 1) * sizeof *x->region);
        x->twin = malloc((n + 1) * sizeof *x->twin);
        x->id_rank = malloc((n + 1) * sizeof *x->id_rank);
        x->gain = malloc((n + 1) * sizeof *x->gain);
        x->by_reach = malloc((n + 1) * sizeof *x->by_reach);
        x->by_id = malloc((n + 1) * sizeof *x->by_id);
    }
    bool ok = x && id_order && number && x->region && x->twin && x->id_rank && x->gain &&
              x->by_reach && x->by_id;
    size_t sets = SIZE_MAX;
    if (ok && (ok = rank_ids(actors, id_order, x->id_rank)))
        sets = number_twins(actors, number, x->region);
    ok = ok && sets != SIZE_MAX && compute_gains(actors, x->gain) &&
         lay_out_sets(actors, id_order, number, sets, x);
    free(id_order);
    free(number);
    if (!ok) {
        cc_rank_index_free(x);
        return cc_error_add(err, CC_ESOFTWARE, "out of memory");
    }
    *out = x;
    return CC_OK;
}

void cc_rank_index_free(cc_rank_index *index)
{
    if (!index)
        return;
    free(index->region);
    free(index->twin);
    free(index->id_rank);
    free(index->gain);
    free(index->by_reach);
    free(index->by_id);
    free(index->tags_at);
    free(index->tags);
    free(index);
}
