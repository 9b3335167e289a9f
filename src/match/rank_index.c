/* rank_index.c — the order of the actors that no challenge changes.
 *
 * The search sorts each sector's actors by need mask (which depends on
 * the challenge), then region, then twins together (the same expertise,
 * seeks and territory), then reach and id. Everything after the mask is
 * the same for every challenge: it is sorted here once and summed up in
 * integers per actor, so that each search (each challenge of `match
 * --all`) sorts by integers only. Regions and sets of twins need only be
 * contiguous, in any order: they are sorted by hash first, and their
 * lists are compared only when the hashes are equal. */
#include "rank_index.h"

#include <stdlib.h>
#include <string.h>

/* qsort has no context argument in C11 */
static const cc_actors *sorted_actors;
static const uint64_t *sorted_hash; /* per actor: its region's and its twins' hashes */

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

/* Hashes of the region and of all a twin shares, so that most
 * comparisons while sorting are of two integers. */
static void hash_actor(const cc_actor *a, uint64_t out[2])
{
    uint64_t h = hash_ints(0xcbf29ce484222325u, &(int){(int)a->sector}, 1);
    out[0] = hash_ints(h, a->territory, region_depth(a));
    h = hash_ints(out[0], a->expertise.ids, a->expertise.count);
    h = hash_ints(h, a->seeks.ids, a->seeks.count);
    out[1] = hash_ints(h, a->territory, a->territory_depth);
}

static int compare_hashes(uint64_t a, uint64_t b)
{
    return (a > b) - (a < b);
}

/* Sector and region, twins (by hash first, the lists only when the
 * hashes are equal), then reach descending, then id. The order of the
 * regions and of the sets of twins does not matter, only that each is
 * contiguous. */
static int by_twins_reach(const void *x, const void *y)
{
    uint32_t i = *(const uint32_t *)x, j = *(const uint32_t *)y;
    const cc_actor *a = &sorted_actors->items[i], *b = &sorted_actors->items[j];
    int c;
    if ((c = compare_hashes(sorted_hash[2 * i], sorted_hash[2 * j])) ||
        (c = compare_hashes(sorted_hash[2 * i + 1], sorted_hash[2 * j + 1])) ||
        (c = compare_twins(a, b)))
        return c;
    if (a->reach != b->reach)
        return a->reach > b->reach ? -1 : 1;
    return strcmp(a->id, b->id);
}

static int by_id(const void *x, const void *y)
{
    return strcmp(sorted_actors->items[*(const uint32_t *)x].id,
                  sorted_actors->items[*(const uint32_t *)y].id);
}

cc_status cc_rank_index_build(const cc_actors *actors, cc_rank_index **out, cc_error *err)
{
    *out = NULL;
    size_t n = actors->count;
    if (n >= UINT32_MAX)
        return cc_error_add(err, CC_ESOFTWARE, "too many actors to rank (%zu)", n);
    cc_rank_index *x = calloc(1, sizeof *x);
    uint32_t *order = malloc((n + 1) * sizeof *order);
    if (x) {
        x->region = malloc((n + 1) * sizeof *x->region);
        x->twin = malloc((n + 1) * sizeof *x->twin);
        x->by_reach = malloc((n + 1) * sizeof *x->by_reach);
        x->by_id = malloc((n + 1) * sizeof *x->by_id);
    }
    if (!x || !order || !x->region || !x->twin || !x->by_reach || !x->by_id) {
        free(order);
        cc_rank_index_free(x);
        return cc_error_add(err, CC_ESOFTWARE, "out of memory");
    }
    for (size_t i = 0; i < n; i++)
        order[i] = (uint32_t)i;
    uint64_t *hash = malloc((2 * n + 1) * sizeof *hash);
    if (!hash) {
        free(order);
        cc_rank_index_free(x);
        return cc_error_add(err, CC_ESOFTWARE, "out of memory");
    }
    for (size_t i = 0; i < n; i++)
        hash_actor(&actors->items[i], &hash[2 * i]);
    sorted_actors = actors;
    sorted_hash = hash;
    qsort(order, n, sizeof *order, by_twins_reach);
    free(hash);
    const cc_actor *items = actors->items;
    uint32_t region = 0, twin = 0;
    for (size_t i = 0; i < n; i++) {
        const cc_actor *a = &items[order[i]], *before = i ? &items[order[i - 1]] : NULL;
        if (before && compare_regions(before, a) != 0)
            region++;
        if (before && compare_twins(before, a) != 0)
            twin++;
        x->region[order[i]] = a->territory_depth > 0 ? region + 1 : 0;
        x->twin[order[i]] = twin;
        x->by_reach[order[i]] = (uint32_t)i;
    }
    /* Within each set of twins, by id alone. */
    for (size_t begin = 0, end; begin < n; begin = end) {
        for (end = begin + 1; end < n && x->twin[order[end]] == x->twin[order[begin]]; end++)
            ;
        qsort(&order[begin], end - begin, sizeof *order, by_id);
    }
    for (size_t i = 0; i < n; i++)
        x->by_id[order[i]] = (uint32_t)i;
    free(order);
    *out = x;
    return CC_OK;
}

void cc_rank_index_free(cc_rank_index *index)
{
    if (!index)
        return;
    free(index->region);
    free(index->twin);
    free(index->by_reach);
    free(index->by_id);
    free(index);
}
