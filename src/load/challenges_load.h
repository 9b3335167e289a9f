/* challenges_load.h — what the challenges readers share (SPEC §1.2): the
 * table of readers (challenges_formats.c), and the checks every reader
 * makes the same way with the same messages (challenges_check.c): ids
 * unique once normalised, ambitions, needs, and a bad challenge kept out
 * or skipped. A reader only turns its format into these calls. */
#ifndef COCREATE_CHALLENGES_LOAD_H
#define COCREATE_CHALLENGES_LOAD_H

#include <stdbool.h>
#include <stddef.h>
#include "cocreate/challenges.h"

/* ----------------------------------------------------------- the readers */

/* Loads `len` bytes at `data` (a byte-order mark may lead them), named
 * `source`, as cc_challenges_load_buffer says. */
typedef cc_status (*cc_challenges_read_fn)(cc_challenges *out, const char *source,
                                           const char *data, size_t len,
                                           const cc_challenges_options *opt, cc_intern *tags,
                                           cc_error *err);

typedef enum { CC_CHALLENGES_JSON, CC_CHALLENGES_CSV, CC_CHALLENGES_FORMATS } cc_challenges_format;

typedef struct {
    const char *name;              /* "json", "csv" */
    const char *extensions[3];     /* file name endings that choose it */
    cc_challenges_read_fn read;
} cc_challenges_reader;

/* CC_CHALLENGES_FORMATS records, indexed by cc_challenges_format. */
extern const cc_challenges_reader cc_challenges_readers[];

/* The format of an input named `source` (as in messages) holding `len`
 * bytes at `data`: by the name's extension; standard input ("<stdin>") by
 * its content (first byte past a byte-order mark and white space '{' or
 * '[': JSON, else CSV); anything else is JSON. */
cc_challenges_format cc_challenges_format_of(const char *source, const char *data, size_t len);

cc_status cc_challenges_json_read(cc_challenges *out, const char *source, const char *data,
                                  size_t len, const cc_challenges_options *opt, cc_intern *tags,
                                  cc_error *err);
cc_status cc_challenges_csv_read(cc_challenges *out, const char *source, const char *data,
                                 size_t len, const cc_challenges_options *opt, cc_intern *tags,
                                 cc_error *err);

/* ------------------------------------------------------------ the checks */

typedef struct {
    const char *source;
    cc_intern *tags;
    const cc_challenges_options *opt;
    cc_error *err;          /* where the current challenge's errors go */
    cc_intern *ids;         /* the loaded challenges' ids, normalised */
    long *id_line;          /* per id of `ids`: its challenge's line */
    size_t id_capacity;
} cc_challenge_checks;

/* Sets up the checks of one load; false when out of memory (reported). */
bool cc_challenge_checks_init(cc_challenge_checks *k, const char *source, cc_intern *tags,
                              const cc_challenges_options *opt, cc_error *err);
void cc_challenge_checks_free(cc_challenge_checks *k);

void cc_challenge_out_of_memory(cc_challenge_checks *k);

/* "source:line: challenge 'shown': what", the id clipped. */
void cc_challenge_error(cc_challenge_checks *k, long line, const char *shown, const char *what);

/* Checks the id of a challenge on `line` against the ids kept so far
 * (cc_challenge_keep): the same id, or the same once normalised, is an
 * error. *key receives the normalised id (NULL when empty). False when
 * out of memory (reported). */
bool cc_challenge_check_id(cc_challenge_checks *k, const char *id, long line, char **key);

/* The ambition named `text`; an unknown one is an error (and balanced). */
cc_ambition cc_challenge_ambition(cc_challenge_checks *k, long line, const char *shown,
                                  const char *text);

/* Adds the need `text` of `weight` to `c`, mapped by the thesaurus;
 * a bad need is an error on `line`. False when out of memory (reported). */
bool cc_challenge_need(cc_challenge_checks *k, cc_challenge *c, const char *shown, long line,
                       const char *text, double weight);

/* Keeps the challenge `c` (moved into `out`, which has room) whose id's
 * normalised form is `key` (may be NULL), on `line`, when no error was
 * recorded since `mark`; else clears it. False when out of memory. */
bool cc_challenge_keep(cc_challenge_checks *k, cc_challenge *c, char *key, long line, int mark,
                       cc_challenges *out);

/* Hands the errors a challenge collected in `own` over: to `errors`, or,
 * with skip_bad and no memory failure among them, as warnings ending
 * "; challenge skipped". Clears `own`. */
void cc_challenge_settle(cc_challenge_checks *k, cc_error *own, cc_error *errors);

#endif
