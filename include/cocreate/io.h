/* io.h — whole-file input and atomic output.
 * Inputs are read whole into memory (the loaders need line numbers and the
 * files are re-scanned for the delimiter); "-" means standard input.
 * Outputs given with -o are written to a temporary file in the same
 * directory and renamed into place only when everything succeeded, so an
 * error never leaves a partial file behind. */
#ifndef COCREATE_IO_H
#define COCREATE_IO_H

#include <stdio.h>
#include <stddef.h>
#include "cocreate/error.h"

/* Reads all of `path` ("-" = stdin) into a malloc'd buffer that the caller
 * frees; a NUL is appended after `*len` bytes. Missing or unreadable file:
 * CC_ENOINPUT; read failure: CC_EIO. */
cc_status cc_io_read_all(const char *path, char **data, size_t *len, cc_error *err);

/* How `path` is named in messages: "<stdin>" for "-", else the path. */
const char *cc_io_source_name(const char *path);

/* Converts `len` bytes in `encoding` ("latin1", "cp1252", "utf-8"...) to a
 * new UTF-8 buffer (NUL-terminated, caller frees). Unknown encoding:
 * CC_EUSAGE; bytes the encoding does not define: CC_EDATA naming the line. */
cc_status cc_io_to_utf8(const char *name, const char *encoding, const char *in, size_t len,
                        char **out, size_t *out_len, cc_error *err);

/* Where the output goes: stdout, or a temporary file renamed on commit. */
typedef struct {
    FILE *fp;        /* write here */
    char *path;      /* final path, NULL for stdout */
    char *tmp_path;  /* temporary file, NULL for stdout */
} cc_output;

/* Opens `path` for writing, or stdout when path is NULL or "-".
 * Failure to create the temporary file: CC_ECANTCREAT. */
cc_status cc_output_open(cc_output *out, const char *path, cc_error *err);

/* Flushes and, for a file, syncs and renames it into place. A failed write
 * is CC_EIO (or CC_ECANTCREAT for the rename); the temporary is removed.
 * A write to a closed pipe is reported as CC_OK with *broken_pipe set. */
cc_status cc_output_commit(cc_output *out, int *broken_pipe, cc_error *err);

/* Discards the output: the temporary file is removed, an existing file at
 * the final path is left untouched. Safe after commit and on a zeroed out. */
void cc_output_abort(cc_output *out);

#endif
