/* actors.c — the set of actors: adding one from its fields (tags and
 * territory interned), finding one by id, freeing them all. */
#include "cocreate/actors.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

cc_status cc_actors_init(cc_actors *a, const char *source, cc_intern *tags)
{
    *a = (cc_actors){.tags = tags};
    a->source = strdup(source);
    a->places = cc_intern_new();
    a->ids = cc_intern_new();
    if (!a->source || !a->places || !a->ids) {
        cc_actors_free(a);
        *a = (cc_actors){.tags = tags};
        return CC_ESOFTWARE;
    }
    return CC_OK;
}

static int compare_ints(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* The tags of `text` as a sorted list without repeats. */
static cc_status parse_tags(cc_intern *tags, const char *text, size_t len, cc_idlist *out)
{
    int *ids, n;
    cc_status st = cc_intern_split(tags, text, len, ";|", &ids, &n);
    if (st != CC_OK)
        return st;
    if (n > 1)
        qsort(ids, (size_t)n, sizeof *ids, compare_ints);
    int distinct = 0;
    for (int i = 0; i < n; i++)
        if (distinct == 0 || ids[distinct - 1] != ids[i])
            ids[distinct++] = ids[i];
    *out = (cc_idlist){ids, distinct};
    return CC_OK;
}

static void free_actor(cc_actor *a)
{
    free(a->id);
    free(a->name);
    free(a->expertise.ids);
    free(a->seeks.ids);
    free(a->territory);
    free(a->territory_text);
}

static bool reserve(cc_actors *a)
{
    if (a->count < a->capacity)
        return true;
    size_t cap = a->capacity ? a->capacity * 2 : 256;
    cc_actor *items = realloc(a->items, cap * sizeof *items);
    if (!items)
        return false;
    a->items = items;
    a->capacity = cap;
    return true;
}

/* Builds the actor of `f` into x; on failure x holds what must be freed. */
static cc_status build(cc_actors *a, const cc_actor_fields *f, cc_actor *x)
{
    *x = (cc_actor){.sector = f->sector, .reach = f->reach, .line = f->line};
    x->id = strdup(f->id);
    x->name = strdup(f->name);
    if (!x->id || !x->name)
        return CC_ESOFTWARE;
    cc_status st = parse_tags(a->tags, f->expertise, f->expertise_len, &x->expertise);
    if (st == CC_OK)
        st = parse_tags(a->tags, f->seeks, f->seeks_len, &x->seeks);
    if (st == CC_OK)
        st = cc_territory_parse(a->places, f->territory, &x->territory, &x->territory_depth);
    if (st == CC_OK && x->territory_depth > 0 && !(x->territory_text = strdup(f->territory)))
        st = CC_ESOFTWARE;
    return st;
}

cc_status cc_actors_add(cc_actors *a, const cc_actor_fields *f)
{
    assert(cc_actors_find(a, f->id) < 0);
    cc_actor x;
    cc_status st = build(a, f, &x);
    if (st == CC_OK && !reserve(a))
        st = CC_ESOFTWARE;
    /* The id goes in last: nothing can fail after it. */
    if (st == CC_OK && cc_intern_add(a->ids, f->id, NULL, NULL) < 0)
        st = CC_ESOFTWARE;
    if (st != CC_OK) {
        free_actor(&x);
        return st;
    }
    a->items[a->count++] = x;
    a->per_sector[x.sector]++;
    a->any_seeks |= x.seeks.count > 0;
    a->any_territory |= x.territory_depth > 0;
    a->any_reach |= x.reach > 0;
    return CC_OK;
}

long cc_actors_find(const cc_actors *a, const char *id)
{
    return a->ids ? cc_intern_find(a->ids, id) : -1;
}

void cc_actors_free(cc_actors *a)
{
    if (!a)
        return;
    for (size_t i = 0; i < a->count; i++)
        free_actor(&a->items[i]);
    free(a->items);
    free(a->source);
    cc_intern_free(a->places);
    cc_intern_free(a->ids);
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
