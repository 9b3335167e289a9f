/* triads.h — triads given in a CSV file, for batch scoring (`score`).
 * Each row names three actors, in any sector order, and optionally a
 * challenge. A cc_triads owns its header, rows and fields; it borrows
 * nothing after loading. */
#ifndef COCREATE_TRIADS_H
#define COCREATE_TRIADS_H

#include <stdbool.h>
#include <stddef.h>
#include "cocreate/actors.h"
#include "cocreate/challenges.h"

typedef struct {
    long line;                  /* where the row starts */
    char **fields;              /* every input field, as read */
    size_t member[CC_SECTORS];  /* actor indices: social, company, public */
    long challenge;             /* index in the challenges, -1: the default */
} cc_triad_row;

typedef struct {
    char *source;
    char **header;              /* input column names */
    size_t columns;
    cc_triad_row *rows;
    size_t count, capacity;
    size_t skipped_rows;
} cc_triads;

typedef struct {
    char delimiter;             /* 0: detect */
    const char *encoding;       /* NULL: UTF-8 */
    const char *columns;        /* "a,b,c": the id columns; NULL: social_id, company_id, public_id */
    bool has_default;           /* a challenge was given on the command line */
    const char *default_id;     /* a challenge column holding exactly this names the
                                   default (an ad-hoc challenge that `challenges`
                                   lacks); may be NULL */
    bool skip_bad_rows;
    cc_warn_fn warn;
    void *warn_ctx;
    const char *format;         /* row reader (rows.h): NULL for "csv" */
} cc_triads_options;

/* Loads triads from `path` ("-" = stdin). Ids are looked up in `actors`,
 * a `challenge` column in `challenges` (may be NULL when there is none);
 * both are only read and not kept. An unknown id, a row whose actors are
 * not one per sector, or a row without a challenge when there is no
 * default, is a data error naming the line (a warning with skip_bad_rows).
 * Returns CC_OK or the status of this load's first error (CC_ESOFTWARE
 * when memory ran out); errors recorded in `err` earlier do not count.
 * On failure `out` is left empty (safe to free). */
cc_status cc_triads_load_file(cc_triads *out, const char *path, const cc_triads_options *opt,
                              const cc_actors *actors, const cc_challenges *challenges,
                              cc_error *err);
cc_status cc_triads_load_buffer(cc_triads *out, const char *source, const char *data, size_t len,
                                const cc_triads_options *opt, const cc_actors *actors,
                                const cc_challenges *challenges, cc_error *err);

/* Frees everything `t` owns and zeroes it. NULL is a no-op. */
void cc_triads_free(cc_triads *t);

#endif
