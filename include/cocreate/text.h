/* text.h — UTF-8 text helpers built on utf8proc: tag normalisation (SPEC §2),
 * UTF-8 validation, terminal display width, and text made safe to show.
 * Strings returned through out-parameters are malloc'd and owned by the
 * caller; on failure the out-parameter is set to NULL (or 0) and nothing
 * needs freeing. No function here keeps state between calls. */
#ifndef COCREATE_TEXT_H
#define COCREATE_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "cocreate/error.h"

/* norm(s) of SPEC §2 of the `len` bytes at `s`: NFKD, marks dropped,
 * case-folded, `-` `_` `'` `’` and white space turned into single spaces,
 * trimmed, NFC. Return values:
 *   CC_OK         *out is the new string ("" when nothing is left);
 *   CC_EDATA      `s` is not valid UTF-8; *out is NULL;
 *   CC_ESOFTWARE  out of memory; *out is NULL.
 * Nothing is recorded in a cc_error: the caller knows what the text was. */
cc_status cc_text_norm(const char *s, size_t len, char **out);

/* Like cc_text_norm, then with every space removed: used to match column
 * names "space-insensitively" (`Savoir faire` = `savoir-faire`). Same
 * return values. */
cc_status cc_text_norm_compact(const char *s, size_t len, char **out);

/* Offset of the first byte that is not part of valid UTF-8, or `len` when
 * the whole buffer is valid. NUL bytes count as invalid here: no field of
 * a text file should hold one. Never allocates. */
size_t cc_text_invalid_utf8(const char *s, size_t len);

/* Number of terminal columns `s` (valid UTF-8, NUL-terminated) occupies.
 * Never allocates. */
size_t cc_text_width(const char *s);

/* Byte length of the longest prefix of `s` that fits in `columns` terminal
 * columns without cutting a character. Never allocates. */
size_t cc_text_fit(const char *s, size_t columns);

/* Byte length of the longest prefix of `s` of at most `max` bytes that ends
 * between two characters (a byte that is not UTF-8 counts as one): for
 * quoting a long value in a message without cutting a character. Never
 * allocates. */
size_t cc_text_clip(const char *s, size_t max);

/* printf arguments for "%.*s%s": `s` cut by cc_text_clip to `max` bytes,
 * then "…" when something was cut. `s` is evaluated three times. */
#define CC_TEXT_CLIPPED(s, max) \
    (int)cc_text_clip((s), (max)), (s), (s)[cc_text_clip((s), (max))] ? "…" : ""

/* Whether a terminal acts on code point `c` or lets it change how the text
 * around it shows, instead of showing it: the C0 controls, DEL, the C1
 * controls (escape sequences, window titles, clearing the screen), the
 * bidirectional embeddings, overrides and isolates (U+202A–U+202E,
 * U+2066–U+2069: text shown in another order than it reads) and the line
 * and paragraph separators (U+2028, U+2029). */
bool cc_text_unsafe(int32_t c);

/* Data for a person to read, with every unsafe character (above) written
 * as an escape: \t \n \r, \xNN for the other C0 controls and DEL, \uNNNN
 * for the others, and \xNN for each byte that is not UTF-8. Backslashes
 * stay as they are, so escaping twice changes nothing more. The result
 * shows on one line and is valid UTF-8.
 * cc_text_escape returns it as a new string (NULL when out of memory);
 * cc_text_put_escaped writes it to `fp` and never allocates (write errors
 * stay in the stream's error flag). */
char *cc_text_escape(const char *s);
void cc_text_put_escaped(FILE *fp, const char *s);

/* Levenshtein distance between two byte strings, for "did you mean", into
 * *distance. CC_OK, or CC_ESOFTWARE when out of memory (*distance is 0). */
cc_status cc_text_distance(const char *a, const char *b, size_t *distance);

/* Reads `s` (NUL-terminated) as a decimal number, [+-]digits[.digits]
 * [e[+-]digits] and nothing around it, into *value: what people write in a
 * spreadsheet or on a command line. Returns NULL when it is one, else why
 * not: "is not a decimal number" (hexadecimal, inf, nan, spaces, anything
 * else), "is too large" (past the largest double) or "is too small" (not
 * zero, but it would read as 0); *value is then untouched. Never
 * allocates. */
const char *cc_text_number(const char *s, double *value);

#endif
