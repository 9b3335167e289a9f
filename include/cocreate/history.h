/* history.h — partnerships formed or proposed before (`--history`), which a
 * ranking leaves out: a triad equal to a listed triad, or containing a
 * listed pair, is never proposed again. The lookup, in
 * src/match/history.c, and its loader from a table of rows, in
 * src/load/history_csv.c.
 *
 * A cc_history is a set of triads and of pairs of actor indices (of one
 * actors list), asked once per triad the search keeps: a bitmap of the
 * actors it names answers most triads at once, then a hash set of its
 * triads and pairs. A history file is first loaded as rows
 * (cc_history_rows), each applying to every challenge or to one; the set
 * of one challenge is built from them (cc_history_build), so that the
 * search knows nothing of challenges.
 *
 * History file rules (README "History file"):
 * - columns social_id, company_id, public_id (case, accents, spaces and
 *   underscores aside; French "id_social", "id_entreprise", "id_public"
 *   too), at least two of them; the ids may come in any of them, each is
 *   placed by its actor's sector;
 * - a row naming three actors is a triad, a row naming two (the third cell
 *   empty or the column absent) a pair;
 * - data errors, each naming the line: fewer than two ids, two actors of
 *   one sector, a wrong number of fields, bad bytes;
 * - an id no actor has, or a challenge no challenge of the run has, is a
 *   note and the row is ignored: a history outlives the actors and
 *   challenges files it was made with (without a challenges file, as with
 *   --needs, rows naming another challenge than the ad-hoc one are left
 *   out without a note: they were made by other runs);
 * - an optional `challenge` (or `challenge_id`) column: a row naming a
 *   challenge applies to that challenge only, an empty cell to all.
 *
 * Ownership: a cc_history owns its tables; cc_history_rows own their rows
 * and challenge names. Neither keeps a pointer to the actors or the
 * challenges. Both are only read once built, so searches in several
 * threads may share them. */
#ifndef COCREATE_HISTORY_H
#define COCREATE_HISTORY_H

#include <stdbool.h>
#include <stddef.h>
#include "cocreate/actors.h"
#include "cocreate/challenges.h"
#include "cocreate/error.h"

/* ------------------------------------------------------------- lookup */

typedef struct cc_history cc_history;

/* A new empty history into *out; CC_ESOFTWARE when out of memory (*out is
 * then NULL). */
cc_status cc_history_new(cc_history **out);

/* Adds the triad of actors member[0..2] (social, company, public), or, when
 * one of them is CC_HISTORY_NONE, the pair of the other two. Adding what is
 * there already changes nothing. CC_ESOFTWARE when out of memory: the
 * history is then unchanged. */
#define CC_HISTORY_NONE ((size_t)-1)
cc_status cc_history_add(cc_history *h, const size_t member[CC_SECTORS]);

/* True when the triad member[0..2] (social, company, public) is listed, or
 * contains a listed pair. A NULL history lists nothing. */
bool cc_history_excludes(const cc_history *h, const size_t member[CC_SECTORS]);

/* True when some listed triad or pair names `actor`. A NULL history names
 * none. */
bool cc_history_names(const cc_history *h, size_t actor);

/* How many distinct triads and pairs are listed (0 for NULL). */
size_t cc_history_count(const cc_history *h);

/* Frees `h`. NULL is a no-op. */
void cc_history_free(cc_history *h);

/* ------------------------------------------------------------- loading */

typedef struct {
    long line;                   /* where the row starts */
    size_t member[CC_SECTORS];   /* actor indices; CC_HISTORY_NONE: a pair's missing one */
    int challenge;               /* in cc_history_rows.challenges; -1: every challenge */
} cc_history_row;

typedef struct {
    char *source;
    cc_history_row *rows;
    size_t count, capacity;
    char **challenges;           /* the challenge names the rows give, normalised */
    size_t challenge_count;
    size_t skipped_rows;         /* bad rows passed over (skip_bad_rows) */
    size_t ignored_rows;         /* rows naming an unknown actor or challenge */
} cc_history_rows;

typedef struct {
    const char *adhoc_id;        /* the id of the run's ad-hoc challenge (--needs), or
                                    NULL; rows naming it are not unknown */
    bool skip_bad_rows;
    cc_warn_fn warn;             /* bad rows skipped (skip_bad_rows) */
    void *warn_ctx;
    cc_warn_fn note;             /* rows ignored: unknown actors or challenges */
    void *note_ctx;
    const char *format;          /* row reader (rows.h): NULL for "csv" */
} cc_history_options;

/* Loads a history from `path` ("-" = stdin): its delimiter is detected,
 * a byte-order mark skipped, UTF-16 with its mark read; otherwise it must
 * be UTF-8. Ids are looked up in `actors`, challenge names in
 * `challenges` (NULL: none is known but opt->adhoc_id, and rows naming
 * another are left out without a note); both are only
 * read and not kept. The first CC_ERROR_MAX ignored rows get a note each
 * (file:line and the id or challenge), the others one note in all.
 * Returns CC_OK or the status of this load's first error (a data error
 * names file and line; CC_ESOFTWARE when memory ran out); errors recorded
 * in `err` earlier do not count. On failure `out` is left empty (safe to
 * free). */
cc_status cc_history_load_file(cc_history_rows *out, const char *path,
                               const cc_history_options *opt, const cc_actors *actors,
                               const cc_challenges *challenges, cc_error *err);
cc_status cc_history_load_buffer(cc_history_rows *out, const char *source, const char *data,
                                 size_t len, const cc_history_options *opt,
                                 const cc_actors *actors, const cc_challenges *challenges,
                                 cc_error *err);

/* The history of challenge `challenge_id` (matched as the rows' names are:
 * case and accents aside): the rows for every challenge and those naming
 * it, into *out (free with cc_history_free). CC_ESOFTWARE when out of
 * memory (*out is then NULL). `rows` is only read. */
cc_status cc_history_build(const cc_history_rows *rows, const char *challenge_id,
                           cc_history **out, cc_error *err);

/* Frees everything `rows` owns and zeroes it. NULL is a no-op. */
void cc_history_rows_free(cc_history_rows *rows);

#endif
