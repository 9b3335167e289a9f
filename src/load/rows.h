/* rows.h — reading a table as rows of text fields, whatever the file
 * format: the seam between the actors and triads loaders and the readers
 * of each format. A reader hands each row, the header first, to a
 * callback with the line it starts on, leaving out the rows whose every
 * field is blank (spaces, tabs), as spreadsheets export below their data;
 * a new format is one reader file and one record in the table of rows.c.
 *
 * Ownership: a row's fields belong to the reader and are valid during the
 * callback only; callers copy what they keep. */
#ifndef COCREATE_ROWS_H
#define COCREATE_ROWS_H

#include <stdbool.h>
#include <stddef.h>
#include "cocreate/error.h"
#include "cocreate/io.h"

typedef struct {
    char **fields;      /* NUL-terminated UTF-8 text, valid during the callback only */
    size_t *lengths;    /* bytes of each field (a field may hold a NUL: see bad_line) */
    size_t count;
    long line;          /* line (or sheet row) where the row starts, from 1 */
    long bad_line;      /* > 0: invalid UTF-8 or a NUL byte at bad_line:bad_column */
    size_t bad_column;
    bool bad_nul;       /* that byte is a NUL */
} cc_row;

typedef struct {
    const char *format;    /* reader name, as in the table; NULL: "csv" */
    char delimiter;        /* csv: 0 detects among , ; TAB | from the header line */
    const char *encoding;  /* csv: NULL for UTF-8 */
    void (*progress)(void *ctx, double done); /* share read, now and then; may be NULL */
    void *progress_ctx;
} cc_rows_options;

/* Receives each row, the header first; returns false to stop reading. The
 * callback reports the errors of a row's content itself. */
typedef bool (*cc_row_fn)(void *ctx, const cc_row *row);

/* A reader: reads the `len` bytes at `data`, named `source` in messages.
 * Return values:
 *   CC_OK         every row went to on_row, or on_row asked to stop;
 *   CC_EDATA      the file's form is wrong (empty file, malformed quoting,
 *                 unclosed quote, bytes the encoding does not define);
 *   CC_EUSAGE     an option the reader cannot honour (unknown encoding);
 *   CC_ESOFTWARE  out of memory.
 * On failure the reader has added a message to `err`; rows before the
 * failure may have reached on_row. What on_row records in `err` never
 * changes the return value. */
typedef cc_status (*cc_rows_read_fn)(const char *source, const char *data, size_t len,
                                     const cc_rows_options *opt, cc_row_fn on_row, void *ctx,
                                     cc_error *err);

/* The same reading an open input piece by piece (io.h), for readers that
 * need not hold the whole file; `in` is left open. Same return values,
 * plus those of cc_input_read. */
typedef cc_status (*cc_rows_read_input_fn)(const char *source, cc_input *in,
                                           const cc_rows_options *opt, cc_row_fn on_row,
                                           void *ctx, cc_error *err);

typedef struct {
    const char *name;      /* as given in cc_rows_options.format */
    cc_rows_read_fn read;
    cc_rows_read_input_fn read_input; /* NULL: the input is read whole for `read` */
} cc_rows_reader;

/* Reads with the reader that opt->format names: the return values of a
 * reader, plus CC_EUSAGE (with a message listing the known formats) when
 * no reader has that name; nothing falls back to CSV. */
cc_status cc_rows_read(const char *source, const char *data, size_t len,
                       const cc_rows_options *opt, cc_row_fn on_row, void *ctx, cc_error *err);

/* The same from an open input (io.h), which is left open. */
cc_status cc_rows_read_input(const char *source, cc_input *in, const cc_rows_options *opt,
                             cc_row_fn on_row, void *ctx, cc_error *err);

/* ------------------------------------------------------------- columns */

/* A column a loader reads, found in the header by any of its names. */
typedef struct {
    const char *name;        /* canonical name, shown in messages */
    bool required;
    const char *aliases[8];  /* compact normalised forms (no spaces), the
                                canonical one first */
} cc_column;

/* Maps the fields of the header `row` to the `n` columns: index[c] is the
 * field of column c, -1 when absent. A field no alias names is ignored;
 * compared after cc_text_norm_compact (`Savoir faire` = `savoir-faire`).
 * Return values: CC_OK; CC_EDATA (reported, naming the line) for invalid
 * UTF-8 or a NUL in the header, a column named twice, or a required
 * column missing (the message lists its other names); CC_ESOFTWARE when
 * out of memory (reported). */
cc_status cc_rows_header(const char *source, const cc_row *row, const cc_column *columns, int n,
                         int *index, cc_error *err);

/* ------------------------------------------------------------- readers */

/* CSV (RFC 4180) on libcsv: byte-order mark skipped, delimiter detected,
 * --encoding transcoded (but a file with a UTF-8 byte-order mark, or whose
 * bytes above ASCII are all valid UTF-8, is UTF-8 whatever it says; UTF-16
 * with its byte-order mark is read whatever it says), LF, CRLF and CR line
 * ends, every line checked for valid UTF-8. csv_rows.c. */
cc_status cc_csv_read(const char *source, const char *data, size_t len,
                      const cc_rows_options *opt, cc_row_fn on_row, void *ctx, cc_error *err);

/* The same from an input: a regular file in UTF-8 is read a block at a
 * time; anything else (a pipe, --encoding) is read whole first. */
cc_status cc_csv_read_input(const char *source, cc_input *in, const cc_rows_options *opt,
                            cc_row_fn on_row, void *ctx, cc_error *err);

#endif
