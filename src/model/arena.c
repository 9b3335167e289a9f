/* arena.c — chunked bump allocator. Chunks grow with the arena (an eighth
 * of what it holds, between 4 KiB and 1 MiB of payload), so small arenas
 * stay small and big ones make few allocations; a block larger than that
 * gets a chunk of its own. */
#include "cocreate/arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct cc_arena_chunk {
    cc_arena_chunk *next;
    max_align_t payload[]; /* keeps the first block aligned */
};

enum { MIN_CHUNK = 4096, MAX_CHUNK = 1 << 20 };

/* A new chunk with at least `size` free bytes, made the newest. */
static void *new_chunk(cc_arena *a, size_t size)
{
    size_t want = a->total / 8;
    if (want < MIN_CHUNK)
        want = MIN_CHUNK;
    if (want > MAX_CHUNK)
        want = MAX_CHUNK;
    if (size > want)
        want = size;
    if (want > SIZE_MAX - sizeof(cc_arena_chunk))
        return NULL;
    cc_arena_chunk *c = malloc(sizeof *c + want);
    if (!c)
        return NULL;
    /* A block that fills its own chunk keeps the newest chunk's free space. */
    if (want - size >= a->left) {
        c->next = a->chunks;
        a->chunks = c;
        a->next = (char *)c->payload + size;
        a->left = want - size;
    } else {
        /* an oversized block: put it behind the newest chunk */
        if (a->chunks) {
            c->next = a->chunks->next;
            a->chunks->next = c;
        } else {
            c->next = NULL;
            a->chunks = c;
        }
    }
    a->total += want;
    return c->payload;
}

void *cc_arena_alloc(cc_arena *a, size_t size, size_t align)
{
    size_t pad = (align - (uintptr_t)a->next % align) % align;
    if (a->left >= pad && size <= a->left - pad) {
        void *p = a->next + pad;
        a->next += pad + size;
        a->left -= pad + size;
        return p;
    }
    return new_chunk(a, size); /* a chunk's payload is aligned for anything */
}

char *cc_arena_strndup(cc_arena *a, const char *s, size_t len)
{
    if (len == SIZE_MAX)
        return NULL;
    char *p = cc_arena_alloc(a, len + 1, 1);
    if (p) {
        memcpy(p, s, len);
        p[len] = '\0';
    }
    return p;
}

void cc_arena_free(cc_arena *a)
{
    cc_arena_chunk *c = a->chunks;
    while (c) {
        cc_arena_chunk *next = c->next;
        free(c);
        c = next;
    }
    *a = (cc_arena){0};
}
