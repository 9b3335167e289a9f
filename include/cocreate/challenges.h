/* challenges.h — societal challenges and their JSON loader (SPEC §1.2).
 * A challenge's needs are tags interned in the same table as the actors'
 * expertise, each with a positive weight; at most CC_MAX_NEEDS of them so
 * that the scorer can hold any set of needs in one 64-bit mask.
 * cc_challenges owns all its strings. */
#ifndef COCREATE_CHALLENGES_H
#define COCREATE_CHALLENGES_H

#include <stdbool.h>
#include <stddef.h>
#include "cocreate/error.h"
#include "cocreate/intern.h"

#define CC_MAX_NEEDS 64

typedef enum { CC_BALANCED = 0, CC_INVENT, CC_SYNERGY, CC_SCALE, CC_AMBITIONS } cc_ambition;

extern const char *const cc_ambition_names[CC_AMBITIONS];

typedef struct {
    int tag;        /* interned tag id */
    double weight;  /* > 0, finite */
    char *display;  /* spelling in the challenges file */
} cc_need;

typedef struct {
    char *id;
    char *name;
    char *description;  /* may be NULL */
    cc_ambition ambition;
    char *territory;    /* default territory filter, NULL for none */
    cc_need needs[CC_MAX_NEEDS];
    int need_count;
} cc_challenge;

typedef struct {
    char *source;       /* file name as shown in messages */
    cc_challenge *items;
    size_t count;
} cc_challenges;

typedef struct {
    bool skip_bad;      /* warn about a bad challenge and go on without it */
    cc_warn_fn warn;    /* receives the warnings, may be NULL */
    void *warn_ctx;
} cc_challenges_options;

/* Loads a challenges JSON file ("-" = stdin), interning needs into `tags`;
 * `opt` may be NULL. On failure `out` is left empty and `err` names file,
 * line and column. A file that is not readable JSON always fails. */
cc_status cc_challenges_load_file(cc_challenges *out, const char *path,
                                  const cc_challenges_options *opt, cc_intern *tags,
                                  cc_error *err);
cc_status cc_challenges_load_buffer(cc_challenges *out, const char *source, const char *data,
                                    size_t len, const cc_challenges_options *opt,
                                    cc_intern *tags, cc_error *err);

/* Builds an ad-hoc challenge from `--needs "tag:weight;tag;..."` (weight 1
 * when omitted). Errors are CC_EUSAGE. Free with cc_challenge_clear. */
cc_status cc_challenge_from_needs(cc_challenge *out, const char *spec, cc_intern *tags,
                                  cc_error *err);

/* Finds the challenge named `query` by id or name, compared normalised:
 * an exact match wins, else a unique prefix. Unknown or ambiguous names are
 * CC_EUSAGE with the closest candidates listed in the message. */
cc_status cc_challenges_lookup(const cc_challenges *all, const char *query, size_t *index,
                               cc_error *err);

/* Parses an ambition name; -1 if unknown. */
int cc_ambition_parse(const char *name);

void cc_challenge_clear(cc_challenge *c);
void cc_challenges_free(cc_challenges *c);

#endif
