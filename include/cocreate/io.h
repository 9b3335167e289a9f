/* io.h — whole-file input and all-or-nothing output.
 * Inputs are read whole into memory (the loaders need line numbers and the
 * files are re-scanned for the delimiter); "-" means standard input, named
 * "<stdin>" in every message. A regular file given with -o is written to a
 * temporary file beside it and renamed into place only when everything
 * succeeded (through symbolic links: the file they lead to is replaced and
 * the links stay); output for standard output, a device or a FIFO is kept
 * in memory and written there at commit. So an error never leaves a
 * partial output behind, and a stop signal removes the temporary file.
 * Every failure is recorded in the caller's cc_error; nothing is printed.
 * Out of memory is always CC_ESOFTWARE. */
#ifndef COCREATE_IO_H
#define COCREATE_IO_H

#include <stdbool.h>
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
 * ones), CC_EDATA for bytes the encoding does not define (naming the line;
 * latin1's 0x80-0x9F, control characters no text means, are refused with
 * a hint to try cp1252), CC_ESOFTWARE when out of memory or iconv cannot
 * be opened. */
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

/* True when `output` (an -o path; "-" is standard output) names the same
 * regular file as `input` ("-": standard input), however either is spelt:
 * through a symbolic link, a hard link or another path. Writing such an
 * output would destroy the input. */
bool cc_io_same_file(const char *output, const char *input);

/* True when the input `path` is standard input: "-", or a path to the same
 * file as file descriptor 0 (/dev/stdin, /proc/self/fd/0, or the file or
 * pipe that was redirected), when both can be looked at. */
bool cc_io_is_stdin(const char *path);

/* Where the output goes: a temporary file renamed on commit, or a memory
 * stream written to standard output, a device or a FIFO on commit. Owns
 * its strings and streams. The memory stream points at its cc_output: do
 * not move the struct between open and commit. */
typedef struct {
    FILE *fp;        /* write here */
    char *path;      /* as given with -o, for messages; NULL for stdout */
    char *target;    /* file: `path` with its symbolic links followed */
    char *tmp_path;  /* file: the temporary file; NULL when kept in memory */
    FILE *sink;      /* memory: where it goes at commit (stdout, stderr, or
                        a device or FIFO opened here) */
    char *buffer;    /* memory: the text */
    size_t size;     /* memory: its length */
    size_t capacity; /* memory: bytes allocated for it */
} cc_output;

/* Opens `path` for writing, or standard output when path is NULL or "-".
 * A path naming the file standard output or standard error is already
 * open on (/dev/stdout) writes through that stream; a device or a FIFO is
 * opened here (a FIFO waits for its reader); a regular file gets a
 * temporary file in the directory of the file its links lead to, with the
 * permissions (and, where allowed, the owner) of the file it replaces.
 * Return values: CC_OK with out->fp ready; otherwise *out is zeroed and
 * nothing is left on disk: CC_ECANTCREAT when the output cannot be opened
 * or the temporary file created, for a directory, and for an existing file
 * the user may not write; CC_ESOFTWARE when out of memory. */
cc_status cc_output_open(cc_output *out, const char *path, cc_error *err);

/* Finishes the output: text kept in memory is written to its sink and
 * flushed; a temporary file is flushed, synced and renamed over the file
 * it replaces. Either way `*out` is released and zeroed.
 * Return values: CC_OK; CC_EIO for a failed write (the temporary is
 * removed, an existing file is untouched); CC_ECANTCREAT for a failed
 * rename; CC_ESOFTWARE when the memory stream ran out of memory (nothing
 * was written). A write to a closed pipe is CC_OK with *broken_pipe set to
 * 1 (else 0), and clears stdout's error flag so that the program's last
 * check of stdout stays quiet too. */
cc_status cc_output_commit(cc_output *out, int *broken_pipe, cc_error *err);

/* Discards the output: nothing is written to its sink, the temporary file
 * is removed, an existing file at the final path is left untouched. Safe
 * after commit and on a zeroed out; leaves *out zeroed. */
void cc_output_abort(cc_output *out);

#endif
