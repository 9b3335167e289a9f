/* actors.h — the actors of an ecosystem (SPEC §1.1): the model, in
 * src/model/ (actors.c, sector.c, territory.c), and its loader from a
 * table of rows, in src/load/actors_csv.c.
 *
 * Ownership: a cc_actors owns every actor, every string and id list in
 * them and its `places` table. The strings and id lists of the actors are
 * blocks of arenas (`arena`, and the territory memo's for territories):
 * they are never freed one by one, all go at once in cc_actors_free, and
 * callers must not free or realloc them.
 * Tags are interned in a table the caller passes in and keeps (`tags`,
 * borrowed), so that challenges loaded later share the same tag ids; it
 * must outlive the cc_actors. Pointers into `items` are invalidated by
 * cc_actors_add (the array grows); the strings and lists they point to are
 * not.
 * A thesaurus (thesaurus.h), borrowed and set before the first actor, maps
 * the tags as they are added: expertise to preferred and broader tags,
 * seeks to preferred ones; `origins` keeps, per actor, which tag it wrote
 * gave it each tag it did not write (cc_actors_origin). */
#ifndef COCREATE_ACTORS_H
#define COCREATE_ACTORS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "cocreate/arena.h"
#include "cocreate/error.h"
#include "cocreate/intern.h"
#include "cocreate/thesaurus.h"

/* ================================================================ model */

typedef enum { CC_SOCIAL = 0, CC_COMPANY = 1, CC_PUBLIC = 2, CC_SECTORS = 3 } cc_sector;

extern const char *const cc_sector_names[CC_SECTORS]; /* "social", "company", "public" */

typedef struct {
    int *ids;  /* sorted, distinct interned ids (NULL when count is 0) */
    int count;
} cc_idlist;

/* Every pointer in an actor is owned by its cc_actors (its arena). */
typedef struct {
    char *id;            /* unique, non-empty, as written */
    char *name;          /* display name, non-empty */
    cc_idlist expertise; /* tag ids the actor brings */
    cc_idlist seeks;     /* tag ids it wants from partners */
    int *territory;      /* place-segment ids, outermost first (not sorted) */
    int territory_depth; /* 0: no territory */
    cc_sector sector;
    char *territory_text;/* as written, NULL when empty */
                         /* (actors with the same text share it and `territory`) */
    uint64_t reach;      /* people reached per year, 0 when unknown */
    long line;           /* line of the file where the row starts */
} cc_actor;

/* The tags a thesaurus gave an actor, each with the tag it wrote that
 * gave it: `count` pairs (tag, written) sorted by tag, in the arena. */
typedef struct {
    int *pairs;
    int count;
} cc_tag_origins;

typedef struct {
    char *source;          /* file name as shown in messages */
    cc_actor *items;
    size_t count;
    size_t capacity;
    cc_intern *tags;       /* borrowed: the caller's tag table */
    cc_intern *places;     /* owned: territory segments */
    cc_arena arena;        /* owned: the strings and id lists of the actors
                              (their territories: the memo's) */
    /* private to actors.c: actor id -> index, and cc_actors_add's scratch */
    uint64_t *id_slots;    /* (hash >> 32) << 32 | (index + 1), or 0 */
    size_t id_slot_count;  /* power of two */
    cc_intern_ids scratch;
    cc_thesaurus *thesaurus; /* borrowed, NULL for none: set it before adding actors */
    cc_tag_origins *origins; /* per actor (capacity of them) when there is a thesaurus */
    cc_intern_ids mapped, candidates; /* cc_actors_add's scratch for the thesaurus: */
    uint32_t *seen;        /* per tag id: the stamp of the last call that met it */
    size_t seen_capacity;
    uint32_t seen_stamp;
    struct cc_territory_memo *territories; /* territory texts already parsed */
    bool column_seeks, column_territory, column_reach; /* optional columns present */
    bool any_seeks, any_territory, any_reach;          /* some actor has such data */
    size_t per_sector[CC_SECTORS];
    size_t skipped_rows;   /* rows dropped by skip_bad_rows */
} cc_actors;

/* An actor as text, before it joins a cc_actors (cc_actors_add copies
 * everything: the caller keeps its strings). */
typedef struct {
    const char *id;          /* non-empty, not yet in the cc_actors */
    const char *name;
    cc_sector sector;
    const char *expertise;   /* tags separated by ';' or '|' */
    size_t expertise_len;
    const char *seeks;       /* the same; "" for none */
    size_t seeks_len;
    const char *territory;   /* segments separated by '/'; "" for none */
    uint64_t reach;
    long line;
} cc_actor_fields;

/* Makes `a` an empty set of actors read from `source`, interning tags into
 * `tags`. CC_OK, or CC_ESOFTWARE when out of memory: `a` is then empty
 * and safe to pass to cc_actors_free. */
cc_status cc_actors_init(cc_actors *a, const char *source, cc_intern *tags);

/* Adds the actor `f` describes, updating per_sector and the any_* flags,
 * unless its id is taken. `previous` may be NULL. Return values:
 *   CC_OK         added at index count - 1;
 *   CC_EDATA      an actor of `a` has that id already: *previous is its
 *                 index, and nothing has changed (no tag was interned);
 *                 or a tag or territory segment is not valid UTF-8
 *                 (*previous is -1);
 *   CC_ESOFTWARE  out of memory.
 * On failure `a` holds the same actors as before, though `tags` and
 * `places` may have gained entries (interned ids are never taken back). */
cc_status cc_actors_add(cc_actors *a, const cc_actor_fields *f, long *previous);

/* The tag actor `i` wrote in its expertise that made it offer `tag`:
 * `tag` itself when written so (or without a thesaurus, or for a tag it
 * does not offer), else the first variant of it that it wrote, or else
 * the first narrower tag. Never allocates. */
int cc_actors_origin(const cc_actors *a, size_t i, int tag);

/* Index of the actor with this id, or -1. Never allocates. */
long cc_actors_find(const cc_actors *a, const char *id);

/* Frees everything `a` owns (not `tags`) and leaves it zeroed. NULL and
 * a zeroed cc_actors are no-ops. */
void cc_actors_free(cc_actors *a);

/* True when the sorted list holds `id` (binary search). */
bool cc_idlist_contains(const cc_idlist *list, int id);

/* Parses a sector name or alias (normalised, SPEC §1.1) into *sector.
 * CC_OK; CC_EDATA when unknown or not valid UTF-8; CC_ESOFTWARE when out
 * of memory. *sector is only written on CC_OK. */
cc_status cc_sector_parse(const char *text, cc_sector *sector);

/* Writes the canonical sector names and their aliases as a readable list
 * ("social, company, public, or an alias such as ...") into buf, cut to
 * `size` bytes (always terminated). */
void cc_sector_choices(char *buf, size_t size);

/* Parses `text` as a territory into place ids interned into `places`:
 * *segments (malloc'd, caller frees; NULL when empty) and *depth (0 for
 * no territory). CC_OK; CC_EDATA when not valid UTF-8; CC_ESOFTWARE when
 * out of memory. On failure *segments is NULL and *depth 0, and `places`
 * may hold the segments before the failing one. */
cc_status cc_territory_parse(cc_intern *places, const char *text, int **segments, int *depth);

/* The same without adding to `places`: a segment never seen (or not valid
 * UTF-8) gets id -1, which no actor's segment equals, so "FR/Nowhere" lies
 * within an actor's "FR" and contains no actor. Fails only when out of
 * memory (CC_ESOFTWARE, *segments NULL and *depth 0). */
cc_status cc_territory_find(const cc_intern *places, const char *text, int **segments,
                            int *depth);

/* True when territory a contains b or b contains a (one is a prefix of the
 * other). Empty territories contain nothing. */
bool cc_territory_nested(const int *a, int na, const int *b, int nb);

/* ============================================ loading (src/load/actors_csv.c) */

typedef struct {
    char delimiter;        /* 0: detect among , ; TAB | */
    const char *encoding;  /* NULL: UTF-8 */
    bool skip_bad_rows;    /* warn and go on instead of failing */
    cc_warn_fn warn;       /* receives warnings, may be NULL */
    void *warn_ctx;
    void (*progress)(void *ctx, double done); /* share of the file read, 0..1; may be NULL */
    void *progress_ctx;
    const char *format;    /* row reader (rows.h): NULL for "csv" */
    cc_thesaurus *thesaurus; /* maps the tags (see the top); NULL: none */
} cc_load_options;

/* Loads an actors table from `path` ("-" = stdin); `opt` may be NULL.
 * Returns CC_OK, or the status of this load's first error (CC_ESOFTWARE
 * when memory ran out, whatever came before): errors recorded in `err`
 * by earlier calls do not count. On failure `out` is left empty (safe to
 * free) and `err` has gained up to CC_ERROR_MAX messages naming the file
 * and line. `tags` must outlive `out`; it may gain tags even on failure. */
cc_status cc_actors_load_file(cc_actors *out, const char *path, const cc_load_options *opt,
                              cc_intern *tags, cc_error *err);

/* Same, from a buffer of `len` bytes (not modified, not kept); `source`
 * names it in messages. */
cc_status cc_actors_load_buffer(cc_actors *out, const char *source, const char *data, size_t len,
                                const cc_load_options *opt, cc_intern *tags, cc_error *err);

#endif
