/* arena.h — a chunked bump allocator: many small blocks that live and die
 * together (the strings and id lists of a set of actors, the keys of an
 * intern table). Allocating is a pointer bump; freeing is one call for the
 * whole arena. Blocks never move: pointers stay valid until cc_arena_free.
 * Zero-initialise an arena ({0}) before use. */
#ifndef COCREATE_ARENA_H
#define COCREATE_ARENA_H

#include <stddef.h>

typedef struct cc_arena_chunk cc_arena_chunk;

typedef struct {
    cc_arena_chunk *chunks; /* newest first; owned */
    char *next;             /* free space of the newest chunk */
    size_t left;            /* bytes free at `next` */
    size_t total;           /* bytes in all chunks, to size the next one */
} cc_arena;

/* `size` bytes aligned on `align` (a power of two, at most
 * alignof(max_align_t): pass alignof of the type), or NULL when out of
 * memory; the arena is then unchanged. */
void *cc_arena_alloc(cc_arena *a, size_t size, size_t align);

/* A NUL-terminated copy of the `len` bytes at `s`, or NULL when out of
 * memory. */
char *cc_arena_strndup(cc_arena *a, const char *s, size_t len);

/* Frees every block of the arena and leaves it zeroed. */
void cc_arena_free(cc_arena *a);

#endif
