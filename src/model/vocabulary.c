/* vocabulary.c — the tags of a data set, counted, ordered, and their
 * spelling variants (vocabulary.h). */
#include "cocreate/vocabulary.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

size_t cc_tag_use_offered(const cc_tag_use *u)
{
    size_t n = 0;
    for (int k = 0; k < CC_SECTORS; k++)
        n += u->offered[k];
    return n;
}

static const cc_intern *sorted_tags; /* qsort has no context argument in C11 */

/* Most used first; among equals, the most needed (a challenge's spelling
 * is a good one to keep), then by key. */
static int by_use(const void *a, const void *b)
{
    const cc_tag_use *x = a, *y = b;
    if (x->uses != y->uses)
        return x->uses > y->uses ? -1 : 1;
    if (x->needed != y->needed)
        return x->needed > y->needed ? -1 : 1;
    return strcmp(cc_intern_key(sorted_tags, x->tag), cc_intern_key(sorted_tags, y->tag));
}

/* Counts every use of every tag into `use` (by tag id, `n` of them). */
static void count_uses(cc_tag_use *use, int n, const cc_actors *actors, const cc_challenges *all)
{
    for (int t = 0; t < n; t++)
        use[t] = (cc_tag_use){.tag = t, .means = -1};
    for (size_t i = 0; i < actors->count; i++) {
        const cc_actor *a = &actors->items[i];
        for (int k = 0; k < a->expertise.count; k++)
            use[a->expertise.ids[k]].offered[a->sector]++;
        for (int k = 0; k < a->seeks.count; k++)
            use[a->seeks.ids[k]].sought[a->sector]++;
    }
    for (size_t c = 0; all && c < all->count; c++)
        for (int k = 0; k < all->items[c].need_count; k++) {
            int t = all->items[c].needs[k].tag;
            if (t >= 0 && t < n)
                use[t].needed++;
        }
    for (int t = 0; t < n; t++) {
        use[t].uses = use[t].needed;
        for (int k = 0; k < CC_SECTORS; k++)
            use[t].uses += use[t].offered[k] + use[t].sought[k];
    }
}

/* Whether tag `t` can be written in a cell of a thesaurus: a need of a
 * challenges file may hold ';' or '|', which a cell would split. */
static bool writable(const cc_intern *tags, int t)
{
    return strpbrk(cc_intern_display(tags, t), ";|") == NULL;
}

/* Drops the pairs that name a tag no thesaurus can hold: a draft must
 * read back. Returns the pairs kept, at the start of `pairs`. */
static size_t writable_pairs(const cc_vocabulary *v, cc_variant_pair *pairs, size_t count)
{
    size_t kept = 0;
    for (size_t p = 0; p < count; p++)
        if (writable(v->tags, v->items[pairs[p].from].tag) &&
            writable(v->tags, v->items[pairs[p].to].tag))
            pairs[kept++] = pairs[p];
    return kept;
}

/* The variants among the items: their meanings, and each item's
 * neighbours for cc_vocabulary_offered_variant. */
static cc_status find_variants(cc_vocabulary *v)
{
    const char **keys = malloc((v->count ? v->count : 1) * sizeof *keys);
    cc_variant_choice *choice = malloc((v->count ? v->count : 1) * sizeof *choice);
    v->near_start = calloc(v->count + 2, sizeof *v->near_start);
    cc_variant_pair *pairs = NULL;
    size_t count = 0;
    cc_status st = keys && choice && v->near_start ? CC_OK : CC_ESOFTWARE;
    for (size_t i = 0; st == CC_OK && i < v->count; i++)
        keys[i] = cc_intern_key(v->tags, v->items[i].tag);
    if (st == CC_OK)
        st = cc_variants_find(keys, v->count, &pairs, &count);
    if (st == CC_OK) {
        count = writable_pairs(v, pairs, count);
        cc_variants_choose(pairs, count, v->count, choice);
        for (size_t i = 0; i < v->count; i++) {
            v->items[i].means = choice[i].means;
            v->items[i].rule = choice[i].rule;
            v->variants += choice[i].means >= 0;
        }
        /* neighbours, both ways, as compressed rows */
        for (size_t p = 0; p < count; p++) {
            v->near_start[pairs[p].from + 2]++;
            v->near_start[pairs[p].to + 2]++;
        }
        for (size_t i = 2; i < v->count + 2; i++)
            v->near_start[i] += v->near_start[i - 1];
        v->near = malloc((count > 0 ? 2 * count : 1) * sizeof *v->near);
        st = v->near ? CC_OK : CC_ESOFTWARE;
    }
    for (size_t p = 0; st == CC_OK && p < count; p++) {
        v->near[v->near_start[pairs[p].from + 1]++] = pairs[p].to;
        v->near[v->near_start[pairs[p].to + 1]++] = pairs[p].from;
    }
    free(pairs);
    free(keys);
    free(choice);
    return st;
}

cc_status cc_vocabulary_build(cc_vocabulary *v, const cc_actors *actors,
                              const cc_challenges *all)
{
    *v = (cc_vocabulary){.tags = actors->tags};
    int n = cc_intern_count(actors->tags);
    cc_tag_use *use = malloc(((size_t)n + 1) * sizeof *use);
    v->item_of = malloc(((size_t)n + 1) * sizeof *v->item_of);
    if (!use || !v->item_of) {
        free(use);
        cc_vocabulary_free(v);
        return CC_ESOFTWARE;
    }
    count_uses(use, n, actors, all);
    for (int t = 0; t < n; t++)
        if (use[t].uses > 0)
            use[v->count++] = use[t];
    v->items = use;
    sorted_tags = actors->tags;
    qsort(v->items, v->count, sizeof *v->items, by_use);
    for (int t = 0; t < n; t++)
        v->item_of[t] = -1;
    for (size_t i = 0; i < v->count; i++)
        v->item_of[v->items[i].tag] = (long)i;
    cc_status st = find_variants(v);
    if (st != CC_OK)
        cc_vocabulary_free(v);
    return st;
}

void cc_vocabulary_free(cc_vocabulary *v)
{
    if (!v)
        return;
    free(v->items);
    free(v->item_of);
    free(v->near_start);
    free(v->near);
    *v = (cc_vocabulary){0};
}

long cc_vocabulary_offered_variant(const cc_vocabulary *v, int tag)
{
    if (tag < 0 || tag >= cc_intern_count(v->tags) || v->item_of[tag] < 0)
        return -1;
    size_t i = (size_t)v->item_of[tag];
    long best = -1;
    for (size_t k = v->near_start[i]; k < v->near_start[i + 1]; k++) {
        size_t j = v->near[k];
        size_t offered = cc_tag_use_offered(&v->items[j]);
        if (offered == 0)
            continue;
        size_t best_offered = best < 0 ? 0 : cc_tag_use_offered(&v->items[best]);
        if (best < 0 || offered > best_offered || (offered == best_offered && (long)j < best))
            best = (long)j;
    }
    return best;
}
