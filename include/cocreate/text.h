/* text.h — UTF-8 text helpers built on utf8proc: tag normalisation (SPEC §2),
 * UTF-8 validation and terminal display width.
 * Returned strings are malloc'd and owned by the caller. */
#ifndef COCREATE_TEXT_H
#define COCREATE_TEXT_H

#include <stddef.h>

/* norm(s) of SPEC §2: NFKD, marks dropped, case-folded, `-` `_` `'` `’` and
 * white space turned into single spaces, trimmed, NFC. Returns a new string
 * ("" when nothing is left), or NULL if `s` is not valid UTF-8 or memory ran
 * out. */
char *cc_text_norm(const char *s, size_t len);

/* Like cc_text_norm, then with every space removed: used to match column
 * names "space-insensitively" (`Savoir faire` = `savoir-faire`). */
char *cc_text_norm_compact(const char *s, size_t len);

/* Offset of the first byte that is not part of valid UTF-8, or `len` when
 * the whole buffer is valid. NUL bytes count as invalid here: no field of
 * a text file should hold one. */
size_t cc_text_invalid_utf8(const char *s, size_t len);

/* Number of terminal columns `s` (valid UTF-8, NUL-terminated) occupies. */
size_t cc_text_width(const char *s);

/* Byte length of the longest prefix of `s` that fits in `columns` terminal
 * columns without cutting a character. */
size_t cc_text_fit(const char *s, size_t columns);

/* Levenshtein distance between two byte strings, for "did you mean". */
size_t cc_text_distance(const char *a, const char *b);

#endif
