/* actors.h — the actors of an ecosystem and their CSV loader (SPEC §1.1).
 * A cc_actors owns every actor, every string in them and its interning
 * tables. Tags are interned in a table the caller passes in and keeps, so
 * that challenges loaded later share the same tag ids. */
#ifndef COCREATE_ACTORS_H
#define COCREATE_ACTORS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "cocreate/error.h"
#include "cocreate/intern.h"

typedef enum { CC_SOCIAL = 0, CC_COMPANY = 1, CC_PUBLIC = 2, CC_SECTORS = 3 } cc_sector;

extern const char *const cc_sector_names[CC_SECTORS]; /* "social", "company", "public" */

typedef struct {
    int *ids;  /* sorted, distinct interned ids */
    int count;
} cc_idlist;

typedef struct {
    char *id;            /* unique, non-empty, as written */
    char *name;          /* display name, non-empty */
    cc_sector sector;
    cc_idlist expertise; /* tag ids the actor brings */
    cc_idlist seeks;     /* tag ids it wants from partners */
    int *territory;      /* place-segment ids, outermost first (not sorted) */
    int territory_depth; /* 0: no territory */
    char *territory_text;/* as written, NULL when empty */
    uint64_t reach;      /* people reached per year, 0 when unknown */
    long line;           /* line of the file where the row starts */
} cc_actor;

typedef struct {
    char *source;          /* file name as shown in messages */
    cc_actor *items;
    size_t count;
    size_t capacity;
    cc_intern *tags;       /* borrowed: the caller's tag table */
    cc_intern *places;     /* owned: territory segments */
    cc_intern *ids;        /* owned: actor id -> index (ids are given in order) */
    bool column_seeks, column_territory, column_reach; /* optional columns present */
    bool any_seeks, any_territory, any_reach;          /* some actor has such data */
    size_t per_sector[CC_SECTORS];
    size_t skipped_rows;   /* rows dropped by skip_bad_rows */
} cc_actors;

typedef struct {
    char delimiter;        /* 0: detect among , ; TAB | */
    const char *encoding;  /* NULL: UTF-8 */
    bool skip_bad_rows;    /* warn and go on instead of failing */
    cc_warn_fn warn;       /* receives warnings, may be NULL */
    void *warn_ctx;
    void (*progress)(void *ctx, double done); /* share of the file read, 0..1; may be NULL */
    void *progress_ctx;
} cc_load_options;

/* Loads an actors CSV from `path` ("-" = stdin). On failure `out` is left
 * empty (safe to free) and `err` holds up to CC_ERROR_MAX messages naming
 * the file and line. `tags` must outlive `out`. */
cc_status cc_actors_load_file(cc_actors *out, const char *path, const cc_load_options *opt,
                              cc_intern *tags, cc_error *err);

/* Same, from a buffer of `len` bytes; `source` names it in messages. */
cc_status cc_actors_load_buffer(cc_actors *out, const char *source, const char *data, size_t len,
                                const cc_load_options *opt, cc_intern *tags, cc_error *err);

/* Index of the actor with this id, or -1. */
long cc_actors_find(const cc_actors *a, const char *id);

/* True when the sorted list holds `id` (binary search). */
bool cc_idlist_contains(const cc_idlist *list, int id);

/* Parses a sector name or alias (normalised, SPEC §1.1); -1 if unknown. */
int cc_sector_parse(const char *text);

/* Parses `text` as a territory into place ids (interned into `places`);
 * returns the depth, or -1 when out of memory. `*segments` is malloc'd. */
int cc_territory_parse(cc_intern *places, const char *text, int **segments);

/* True when territory a contains b or b contains a (one is a prefix of the
 * other). Empty territories contain nothing. */
bool cc_territory_nested(const int *a, int na, const int *b, int nb);

void cc_actors_free(cc_actors *a);

#endif
