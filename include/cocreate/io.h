/* io.h — whole-file input and all-or-nothing output.
 * Inputs are read whole into memory (the loaders need line numbers and the
 * files are re-scanned for the delimiter); "-" means standard input, named
 * "<stdin>" in every message. Outputs given with -o are written to a
 * temporary file in the same directory and renamed into place only when
 * everything succeeded; output for standard output is kept in memory and
 * written at commit. So an error never leaves a partial output behind.
 * Every failure is recorded in the caller's cc_error; nothing is printed.
 * Out of memory is always CC_ESOFTWARE. */
#ifndef COCREATE_IO_H
#define COCREATE_IO_H

#include <stdio.h>
#include <stddef.h>
#include "cocreate/error.h"

/* Reads all of `path` ("-" = stdin) into a malloc'd buffer that the caller
 * frees; a NUL is appended after `*len` bytes.
 * Return values: CC_OK with *data and *len set; otherwise *data is NULL and
 * *len 0: CC_ENOINPUT for a missing or unreadable file or a directory,
 * CC_EIO for a read failure, CC_ESOFTWARE when out of memory. */
cc_status cc_io_read_all(const char *path, char **data, size_t *len, cc_error *err);

/* An input read piece by piece, so that a big file need not be held in
 * memory whole. */
typedef struct {
    FILE *fp;
    const char *name;   /* as in messages (borrows the path) */
    long long size;     /* bytes in the file when it is a regular file, else -1 */
} cc_input;

/* Opens `path` ("-" = stdin) for cc_input_read. Return values: CC_OK;
 * CC_ENOINPUT for a missing or unreadable file or a directory; CC_ESOFTWARE
 * when out of memory; on failure nothing needs closing. */
cc_status cc_input_open(cc_input *in, const char *path, cc_error *err);

/* Reads up to `cap` bytes into `buf`; *got is 0 only at the end of the
 * input. Return values: CC_OK; CC_EIO for a read failure (CC_ENOINPUT when
 * the input is a directory). */
cc_status cc_input_read(cc_input *in, char *buf, size_t cap, size_t *got, cc_error *err);

/* Reads the rest of the input into a malloc'd buffer, as cc_io_read_all. */
cc_status cc_input_read_all(cc_input *in, char **data, size_t *len, cc_error *err);

/* Closes the input (not stdin). */
void cc_input_close(cc_input *in);

/* How `path` is named in messages: "<stdin>" for "-", else `path` itself
 * (the result borrows it). */
const char *cc_io_source_name(const char *path);

/* The encodings cc_io_to_utf8 knows: the name of the i-th ("utf-8",
 * "latin1", "cp1252"), NULL past the last (static strings). */
const char *cc_io_encoding_name(size_t i);

/* Index of the encoding named `name` (case-insensitive; "utf8",
 * "iso-8859-1" and "windows-1252" are accepted too), or -1. */
int cc_io_encoding_parse(const char *name);

/* Converts `len` bytes in `encoding` to a new UTF-8 buffer (NUL-terminated,
 * caller frees); `name` names the input in messages.
 * Return values: CC_OK with *out and *out_len set; otherwise they are left
 * untouched: CC_EUSAGE for an unknown encoding (the message lists the known
 * ones), CC_EDATA for bytes the encoding does not define (naming the line),
 * CC_ESOFTWARE when out of memory or iconv cannot be opened. */
cc_status cc_io_to_utf8(const char *name, const char *encoding, const char *in, size_t len,
                        char **out, size_t *out_len, cc_error *err);

/* "UTF-16LE" or "UTF-16BE" when the `len` bytes at `data` begin with that
 * byte-order mark (as spreadsheets write "Unicode text"), else NULL. A
 * static string. */
const char *cc_io_utf16(const char *data, size_t len);

/* Converts UTF-16 text that begins with its byte-order mark to a new UTF-8
 * buffer without the mark (NUL-terminated, caller frees). Same return
 * values as cc_io_to_utf8 but CC_EUSAGE; text without the mark is CC_EDATA. */
cc_status cc_io_utf16_to_utf8(const char *name, const char *in, size_t len, char **out,
                              size_t *out_len, cc_error *err);

/* Where the output goes: a memory stream for stdout, or a temporary file
 * renamed on commit. Owns its strings and stream. The stdout stream points
 * at its cc_output: do not move the struct between open and commit. */
typedef struct {
    FILE *fp;        /* write here */
    char *path;      /* final path, NULL for stdout */
    char *tmp_path;  /* temporary file, NULL for stdout */
    char *buffer;    /* stdout: the memory stream's text */
    size_t size;     /* stdout: its length */
    size_t capacity; /* stdout: bytes allocated for it */
} cc_output;

/* Opens `path` for writing, or standard output when path is NULL or "-".
 * Return values: CC_OK with out->fp ready; otherwise *out is zeroed and
 * nothing is left on disk: CC_ECANTCREAT when the temporary file cannot be
 * created, CC_ESOFTWARE when out of memory. */
cc_status cc_output_open(cc_output *out, const char *path, cc_error *err);

/* Finishes the output: for stdout, writes the text kept in memory and
 * flushes; for a file, flushes, syncs and renames it into place, replacing
 * any file there. Either way `*out` is released and zeroed.
 * Return values: CC_OK; CC_EIO for a failed write (the temporary is
 * removed, an existing file is untouched); CC_ECANTCREAT for a failed
 * rename; CC_ESOFTWARE when the memory stream ran out of memory (nothing
 * was written). A write to a closed pipe is CC_OK with *broken_pipe set to
 * 1 (else 0), and clears stdout's error flag so that the program's last
 * check of stdout stays quiet too. */
cc_status cc_output_commit(cc_output *out, int *broken_pipe, cc_error *err);

/* Discards the output: nothing is written to stdout, the temporary file is
 * removed, an existing file at the final path is left untouched. Safe after
 * commit and on a zeroed out; leaves *out zeroed. */
void cc_output_abort(cc_output *out);

#endif
