/* csv_reader.h — reading a CSV table row by row, each row with the line it
 * starts on (libcsv). Shared by the actors and the triads loaders: it
 * transcodes (--encoding), skips a UTF-8 byte-order mark, detects the
 * delimiter, and flags rows holding invalid UTF-8 or NUL bytes. */
#ifndef COCREATE_CSV_READER_H
#define COCREATE_CSV_READER_H

#include <stdbool.h>
#include <stddef.h>
#include "cocreate/error.h"

typedef struct {
    char **fields;      /* NUL-terminated copies, valid during the callback only */
    size_t *lengths;
    size_t count;
    long line;          /* line where the row starts */
    long bad_line;      /* > 0: invalid UTF-8 or a NUL byte at bad_line:bad_column */
    size_t bad_column;
} cc_csv_row;

typedef struct {
    char delimiter;        /* 0: detect among , ; TAB | from the header line */
    const char *encoding;  /* NULL: UTF-8 */
    void (*progress)(void *ctx, double done); /* share read, now and then; may be NULL */
    void *progress_ctx;
} cc_csv_options;

/* Receives each row, the header first; returns false to stop reading. */
typedef bool (*cc_csv_row_fn)(void *ctx, const cc_csv_row *row);

/* Reads `len` bytes named `source` in messages. Errors of the file's form
 * (empty file, malformed quoting, unclosed quote, bad encoding) are added
 * to `err`; errors of a row's content are the callback's to report.
 * Returns CC_OK unless the reader itself found an error. */
cc_status cc_csv_read(const char *source, const char *data, size_t len, const cc_csv_options *opt,
                      cc_csv_row_fn on_row, void *ctx, cc_error *err);

/* Splits "a, b ,c" on commas into trimmed names (for --columns); returns
 * the count, at most `max`, or -1 when there are more. */
int cc_csv_split_names(char *text, char **names, int max);

#endif
