/* history.c — the set of triads and pairs a ranking leaves out (history.h).
 *
 * One open-addressing hash table (linear probing, at most half full) holds
 * triads and pairs alike as three actor indices, a pair's third being
 * CC_HISTORY_NONE and its two others in increasing order, so that a pair
 * is found whichever sectors it joins. A bitmap of the actors named comes
 * first: the search asks about every triad it keeps, and most name no
 * actor of the history at all, which costs three bit tests. */
#include "cocreate/history.h"

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    size_t a, b, c;   /* a triad by sector, or a pair: a < b, c = CC_HISTORY_NONE */
} key;

struct cc_history {
    key *slots;               /* `capacity` slots, a power of two; empty: a = CC_HISTORY_NONE */
    size_t capacity, count;
    unsigned char *named;     /* bit per actor index named, `named_bytes` of them */
    size_t named_bytes;
};

cc_status cc_history_new(cc_history **out)
{
    *out = calloc(1, sizeof **out);
    return *out ? CC_OK : CC_ESOFTWARE;
}

void cc_history_free(cc_history *h)
{
    if (!h)
        return;
    free(h->slots);
    free(h->named);
    free(h);
}

size_t cc_history_count(const cc_history *h)
{
    return h ? h->count : 0;
}

static size_t hash(const key *k)
{
    uint64_t x = (uint64_t)k->a * 0x9E3779B97F4A7C15u;
    x = (x ^ (x >> 29) ^ (uint64_t)k->b) * 0xBF58476D1CE4E5B9u;
    x = (x ^ (x >> 32) ^ (uint64_t)k->c) * 0x94D049BB133111EBu;
    return (size_t)(x ^ (x >> 31));
}

static bool same(const key *x, const key *y)
{
    return x->a == y->a && x->b == y->b && x->c == y->c;
}

/* The slot holding `k`, or the empty slot where it would go. */
static key *slot_of(const cc_history *h, const key *k)
{
    size_t mask = h->capacity - 1;
    for (size_t i = hash(k) & mask;; i = (i + 1) & mask)
        if (h->slots[i].a == CC_HISTORY_NONE || same(&h->slots[i], k))
            return &h->slots[i];
}

static bool has(const cc_history *h, const key *k)
{
    return h->count > 0 && slot_of(h, k)->a != CC_HISTORY_NONE;
}

/* Doubles the table (or makes its first one); false when out of memory,
 * the table then unchanged. */
static bool grow(cc_history *h)
{
    size_t capacity = h->capacity ? 2 * h->capacity : 16;
    if (capacity > SIZE_MAX / sizeof(key))
        return false;
    key *slots = malloc(capacity * sizeof *slots);
    if (!slots)
        return false;
    for (size_t i = 0; i < capacity; i++)
        slots[i].a = CC_HISTORY_NONE;
    cc_history old = *h;
    h->slots = slots;
    h->capacity = capacity;
    for (size_t i = 0; i < old.capacity; i++)
        if (old.slots[i].a != CC_HISTORY_NONE)
            *slot_of(h, &old.slots[i]) = old.slots[i];
    free(old.slots);
    return true;
}

/* Makes room in the bitmap for actor index `a`; false when out of memory. */
static bool name_room(cc_history *h, size_t a)
{
    size_t need = a / 8 + 1;
    if (need <= h->named_bytes)
        return true;
    size_t bytes = need < SIZE_MAX / 2 ? 2 * need : need;
    unsigned char *named = realloc(h->named, bytes);
    if (!named)
        return false;
    memset(named + h->named_bytes, 0, bytes - h->named_bytes);
    h->named = named;
    h->named_bytes = bytes;
    return true;
}

/* The key of a triad, or of a pair when one member is CC_HISTORY_NONE. */
static key key_of(const size_t m[CC_SECTORS])
{
    size_t x[2], n = 0;
    for (int s = 0; s < CC_SECTORS; s++)
        if (m[s] != CC_HISTORY_NONE && n < 2)
            x[n++] = m[s];
    if (m[0] != CC_HISTORY_NONE && m[1] != CC_HISTORY_NONE && m[2] != CC_HISTORY_NONE)
        return (key){m[0], m[1], m[2]};
    return x[0] < x[1] ? (key){x[0], x[1], CC_HISTORY_NONE} : (key){x[1], x[0], CC_HISTORY_NONE};
}

cc_status cc_history_add(cc_history *h, const size_t member[CC_SECTORS])
{
    assert((member[0] != CC_HISTORY_NONE) + (member[1] != CC_HISTORY_NONE) +
               (member[2] != CC_HISTORY_NONE) >= 2);
    key k = key_of(member);
    size_t top = k.a > k.b ? k.a : k.b;
    if (k.c != CC_HISTORY_NONE && k.c > top)
        top = k.c;
    if (has(h, &k))
        return CC_OK;
    if (!name_room(h, top) || (2 * (h->count + 1) > h->capacity && !grow(h)))
        return CC_ESOFTWARE;
    *slot_of(h, &k) = k;
    h->count++;
    for (int s = 0; s < CC_SECTORS; s++)
        if (member[s] != CC_HISTORY_NONE)
            h->named[member[s] / 8] |= (unsigned char)(1u << (member[s] % 8));
    return CC_OK;
}

bool cc_history_names(const cc_history *h, size_t actor)
{
    return h && actor / 8 < h->named_bytes && (h->named[actor / 8] >> (actor % 8) & 1u);
}

bool cc_history_excludes(const cc_history *h, const size_t member[CC_SECTORS])
{
    if (!h || h->count == 0)
        return false;
    bool named[CC_SECTORS];
    for (int s = 0; s < CC_SECTORS; s++)
        named[s] = cc_history_names(h, member[s]);
    if (named[0] + named[1] + named[2] < 2) /* every listed pair or triad names two */
        return false;
    key k = key_of(member);
    if (named[0] && named[1] && named[2] && has(h, &k))
        return true;
    for (int left_out = 0; left_out < CC_SECTORS; left_out++) {
        size_t pair[CC_SECTORS] = {member[0], member[1], member[2]};
        pair[left_out] = CC_HISTORY_NONE;
        bool both = true;
        for (int s = 0; s < CC_SECTORS; s++)
            both &= s == left_out || named[s];
        if (both && (k = key_of(pair), has(h, &k)))
            return true;
    }
    return false;
}
