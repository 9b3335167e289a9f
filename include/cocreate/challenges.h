/* challenges.h — societal challenges (SPEC §1.2): the model, in
 * src/model/challenges.c, and its JSON loader, in
 * src/load/challenges_json.c.
 * A challenge's needs are tags interned in the same table as the actors'
 * expertise, each with a positive weight; at most CC_MAX_NEEDS of them so
 * that the scorer can hold any set of needs in one 64-bit mask.
 * Ownership: a cc_challenge owns its strings (cc_challenge_clear frees
 * them); a cc_challenges owns its challenges. The tag table is the
 * caller's and must outlive both. */
#ifndef COCREATE_CHALLENGES_H
#define COCREATE_CHALLENGES_H

#include <stdbool.h>
#include <stddef.h>
#include "cocreate/error.h"
#include "cocreate/intern.h"
#include "cocreate/thesaurus.h"

#define CC_MAX_NEEDS 64

/* ================================================================ model */

typedef enum { CC_BALANCED = 0, CC_INVENT, CC_SYNERGY, CC_SCALE, CC_AMBITIONS } cc_ambition;

/* One record per ambition; its weights are in the component table
 * (components.h). */
typedef struct {
    const char *name;   /* as written in challenges files and --ambition */
} cc_ambition_info;

/* CC_AMBITIONS records, indexed by cc_ambition. */
extern const cc_ambition_info cc_ambitions[];

typedef struct {
    int tag;        /* interned tag id (its preferred form, with a thesaurus) */
    double weight;  /* > 0, finite */
    char *display;  /* spelling in the challenges file; owned */
    int written;    /* interned id of the tag as written: `tag` but when a
                       thesaurus mapped it to another */
} cc_need;

typedef struct {
    char *id;
    char *name;
    char *description;  /* may be NULL */
    cc_ambition ambition;
    char *territory;    /* default territory filter, NULL for none */
    cc_need *needs;     /* need_count of them, owned; sized to fit, as a
                           file may hold a great many challenges */
    int need_count;
} cc_challenge;

typedef struct {
    char *source;       /* file name as shown in messages */
    cc_challenge *items;
    size_t count;
} cc_challenges;

/* Parses an ambition name (as in the table, any case); -1 if unknown. */
int cc_ambition_parse(const char *name);

/* Writes the ambition names joined by ", " into buf (always terminated,
 * cut when `size` is too small); for "accepted: ..." messages. */
void cc_ambition_choices(char *buf, size_t size);

/* Adds the need `text` (normalised into a tag interned in `tags`) with
 * `weight` to `c`. Return values:
 *   CC_OK         added;
 *   CC_EDATA      not a valid need (weight not positive and finite, text
 *                 empty once normalised or not UTF-8, the same tag twice,
 *                 more than CC_MAX_NEEDS): `reason` (of `size` bytes) says
 *                 why, without the challenge's name;
 *   CC_ESOFTWARE  out of memory; `reason` is untouched.
 * On failure `c` and `tags` are unchanged. */
cc_status cc_challenge_add_need(cc_challenge *c, const char *text, double weight, cc_intern *tags,
                                char *reason, size_t size);

/* The same, the need's tag mapped to its preferred form by `th` (NULL:
 * none, as cc_challenge_add_need): two needs that stand for the same tag
 * are then the same tag. On failure `c` and `tags` are unchanged. */
cc_status cc_challenge_add_mapped_need(cc_challenge *c, const char *text, double weight,
                                       cc_intern *tags, const cc_thesaurus *th, char *reason,
                                       size_t size);

/* Builds an ad-hoc challenge from `--needs "tag:weight;tag;..."` (weight 1
 * when omitted). Errors are CC_EUSAGE, or CC_ESOFTWARE when out of memory;
 * on failure `out` is left cleared. Free with cc_challenge_clear. */
cc_status cc_challenge_from_needs(cc_challenge *out, const char *spec, cc_intern *tags,
                                  cc_error *err);

/* The same with the needs mapped by `th` (NULL: none), as
 * cc_challenge_add_mapped_need does. */
cc_status cc_challenge_from_mapped_needs(cc_challenge *out, const char *spec, cc_intern *tags,
                                         const cc_thesaurus *th, cc_error *err);

/* Finds the challenge named `query`, in this order: the one whose id is
 * `query` as written; the one whose id is `query` once both are
 * normalised; the only one whose name is, normalised; the only one whose
 * id or name starts with it. Several names or prefixes are ambiguous: no
 * challenge is picked by its place in the file. On CC_OK *index is set;
 * otherwise it is untouched and the status is CC_EUSAGE for an unknown or
 * ambiguous name (the message lists the closest candidates) or
 * CC_ESOFTWARE when out of memory. */
cc_status cc_challenges_lookup(const cc_challenges *all, const char *query, size_t *index,
                               cc_error *err);

/* Frees the strings of `c` and zeroes it. NULL is a no-op. */
void cc_challenge_clear(cc_challenge *c);

/* Frees every challenge and the array, and zeroes `c`. NULL is a no-op. */
void cc_challenges_free(cc_challenges *c);

/* ======================================= loading (src/load/challenges_json.c) */

typedef struct {
    bool skip_bad;      /* warn about a bad challenge and go on without it */
    cc_warn_fn warn;    /* receives the warnings, may be NULL */
    void *warn_ctx;
    const cc_thesaurus *thesaurus; /* maps the needs to preferred tags; NULL: none */
    char delimiter;         /* CSV: 0 detects among , ; TAB | */
    const char *encoding;   /* CSV: NULL for UTF-8 (see the actors' --encoding) */
} cc_challenges_options;

/* Loads a challenges JSON file ("-" = stdin), interning needs into `tags`;
 * two challenges whose ids are equal, or equal once normalised (`Santé`,
 * `sante`: the command line could not tell them apart), are a data error;
 * `opt` may be NULL. Returns CC_OK or the status of this load's first
 * error (CC_ESOFTWARE when memory ran out, whatever came before); errors
 * recorded in `err` by earlier calls do not count. On failure `out` is
 * left empty and `err` names file, line and column. A file that is not
 * readable JSON always fails. `tags` may gain tags even on failure. */
cc_status cc_challenges_load_file(cc_challenges *out, const char *path,
                                  const cc_challenges_options *opt, cc_intern *tags,
                                  cc_error *err);

/* Same, from a buffer of `len` bytes (not modified, not kept); `source`
 * names it in messages. */
cc_status cc_challenges_load_buffer(cc_challenges *out, const char *source, const char *data,
                                    size_t len, const cc_challenges_options *opt,
                                    cc_intern *tags, cc_error *err);

#endif
