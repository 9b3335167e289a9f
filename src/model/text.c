/* text.c — tag normalisation, UTF-8 checks, display width and escapes, on
 * utf8proc. */
#include "cocreate/text.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Characters that separate words in a tag: all become one space (SPEC §2). */
static bool is_separator(utf8proc_int32_t c)
{
    if (c < 0x80) /* without the tables: a tag of many megabytes is mostly ASCII */
        return c == ' ' || c == '-' || c == '_' || c == '\'' || (c >= '\t' && c <= '\r');
    if (c == '-' || c == '_' || c == '\'' || c == 0x2019 || c == '\t' || c == '\n' ||
        c == '\v' || c == '\f' || c == '\r' || c == 0x85)
        return true;
    utf8proc_category_t cat = utf8proc_category(c);
    return cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL ||
           cat == UTF8PROC_CATEGORY_ZP;
}

/* Pure ASCII is the common case for tags: fold it without utf8proc. */
static bool is_ascii(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)s[i] >= 0x80)
            return false;
    return true;
}

/* Copies the code points of `in` (valid UTF-8) to a new string, turning
 * each run of separators into one space and trimming both ends; NULL when
 * out of memory. */
static char *collapse_separators(const unsigned char *in, size_t len)
{
    char *out = malloc(len + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    bool pending_space = false;
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t c = in[i];
        utf8proc_ssize_t n = c < 0x80 ? 1
                                      : utf8proc_iterate(in + i, (utf8proc_ssize_t)(len - i), &c);
        if (n <= 0)
            n = 1; /* cannot happen on valid input; never loop forever */
        if (is_separator(c)) {
            pending_space = o > 0;
        } else {
            if (pending_space)
                out[o++] = ' ';
            pending_space = false;
            memcpy(out + o, in + i, (size_t)n);
            o += (size_t)n;
        }
        i += (size_t)n;
    }
    out[o] = '\0';
    return out;
}

/* ASCII needs no Unicode tables: lower-case it, then collapse. */
static cc_status norm_ascii(const char *s, size_t len, char **out)
{
    char *lower = malloc(len + 1);
    if (!lower)
        return CC_ESOFTWARE;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        lower[i] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
    }
    *out = collapse_separators((const unsigned char *)lower, len);
    free(lower);
    return *out ? CC_OK : CC_ESOFTWARE;
}

cc_status cc_text_norm(const char *s, size_t len, char **out)
{
    *out = NULL;
    if (is_ascii(s, len))
        return norm_ascii(s, len, out);
    utf8proc_uint8_t *folded = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &folded,
                                      UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE |
                                          UTF8PROC_CASEFOLD | UTF8PROC_IGNORE |
                                          UTF8PROC_STRIPMARK);
    if (n == UTF8PROC_ERROR_NOMEM || n == UTF8PROC_ERROR_OVERFLOW)
        return CC_ESOFTWARE;
    if (n < 0)
        return CC_EDATA;
    /* `folded` is valid UTF-8 now: collapse and NFC fail only for memory. */
    char *spaced = collapse_separators(folded, (size_t)n);
    free(folded);
    if (!spaced)
        return CC_ESOFTWARE;
    *out = (char *)utf8proc_NFC((const utf8proc_uint8_t *)spaced);
    free(spaced);
    return *out ? CC_OK : CC_ESOFTWARE;
}

cc_status cc_text_norm_compact(const char *s, size_t len, char **out)
{
    cc_status st = cc_text_norm(s, len, out);
    if (st != CC_OK)
        return st;
    char *n = *out;
    size_t o = 0;
    for (size_t i = 0; n[i]; i++)
        if (n[i] != ' ')
            n[o++] = n[i];
    n[o] = '\0';
    return CC_OK;
}

/* Length of the valid UTF-8 sequence starting with the non-ASCII byte at
 * u[0] (of `left` bytes), or 0 when it is not one: no overlong forms, no
 * surrogates, nothing past U+10FFFF (what utf8proc accepts). */
static size_t sequence_length(const unsigned char *u, size_t left)
{
    unsigned char c = u[0];
    size_t n;
    unsigned char lo = 0x80, hi = 0xBF; /* range of the second byte */
    if (c >= 0xC2 && c <= 0xDF)
        n = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
    } else
        return 0;
    if (left < n || u[1] < lo || u[1] > hi)
        return 0;
    for (size_t k = 2; k < n; k++)
        if ((u[k] & 0xC0) != 0x80)
            return 0;
    return n;
}

size_t cc_text_invalid_utf8(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        /* ASCII fast path: eight bytes at a time, none 0 and none >= 0x80;
         * a word that has one flags it (and maybe bytes after it) */
        while (len - i >= 8) {
            uint64_t w;
            memcpy(&w, u + i, 8);
            uint64_t flags = ((w - UINT64_C(0x0101010101010101)) | w) & UINT64_C(0x8080808080808080);
            if (flags) {
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
                /* straight to the first flagged byte, the lowest: text
                 * with an accent every few words would otherwise go byte
                 * by byte through most of its words */
                i += (size_t)__builtin_ctzll(flags) / 8;
#endif
                break;
            }
            i += 8;
        }
        while (i < len && u[i] - 1u < 0x7F)
            i++;
        if (i == len)
            break;
        if (u[i] == 0)
            return i;
        size_t n = sequence_length(u + i, len - i);
        if (n == 0)
            return i;
        i += n;
    }
    return len;
}

/* Walks `s` adding display widths until `columns` would be exceeded;
 * returns the bytes walked and stores the width in *width. */
static size_t measure(const char *s, size_t columns, size_t *width)
{
    const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)s;
    size_t len = strlen(s), i = 0, w = 0;
    while (i < len) {
        utf8proc_int32_t c;
        utf8proc_ssize_t n = utf8proc_iterate(u + i, (utf8proc_ssize_t)(len - i), &c);
        int cw = 1;
        if (n <= 0)
            n = 1; /* count a stray byte as one column */
        else
            cw = utf8proc_charwidth(c);
        if (cw < 0)
            cw = 0;
        if (w + (size_t)cw > columns)
            break;
        w += (size_t)cw;
        i += (size_t)n;
    }
    *width = w;
    return i;
}

size_t cc_text_width(const char *s)
{
    size_t width;
    measure(s, (size_t)-1, &width);
    return width;
}

size_t cc_text_fit(const char *s, size_t columns)
{
    size_t width;
    return measure(s, columns, &width);
}

size_t cc_text_clip(const char *s, size_t max)
{
    const unsigned char *u = (const unsigned char *)s;
    /* a character that starts before `max` may end up to 3 bytes after it */
    size_t len = strnlen(s, max < SIZE_MAX - 3 ? max + 3 : SIZE_MAX), i = 0;
    while (i < len) {
        size_t n = u[i] < 0x80 ? 1 : sequence_length(u + i, len - i);
        if (n == 0)
            n = 1;
        if (i + n > max)
            break;
        i += n;
    }
    return i;
}

bool cc_text_unsafe(int32_t c)
{
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) ||
           (c >= 0x2066 && c <= 0x2069) || c == 0x2028 || c == 0x2029;
}

/* The character at `u` (of `left` > 0 bytes): returns its byte length and
 * puts in `esc` its escape, or "" when it shows as itself. */
static size_t escape_char(const unsigned char *u, size_t left, char esc[12])
{
    esc[0] = '\0';
    if (u[0] >= 0x20 && u[0] < 0x7F)
        return 1;
    utf8proc_int32_t c;
    utf8proc_ssize_t n = utf8proc_iterate(u, (utf8proc_ssize_t)left, &c);
    if (n <= 0) {
        snprintf(esc, 12, "\\x%02x", (unsigned)u[0]);
        return 1;
    }
    if (!cc_text_unsafe(c))
        return (size_t)n;
    if (c == '\t' || c == '\n' || c == '\r')
        snprintf(esc, 12, "\\%c", c == '\t' ? 't' : c == '\n' ? 'n' : 'r');
    else
        snprintf(esc, 12, c < 0x80 ? "\\x%02x" : "\\u%04x", (unsigned)c);
    return (size_t)n;
}

char *cc_text_escape(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t len = strlen(s), size = 1;
    char esc[12];
    for (size_t i = 0; i < len;) {
        size_t n = escape_char(u + i, len - i, esc);
        size += esc[0] ? strlen(esc) : n;
        i += n;
    }
    char *out = malloc(size), *o = out;
    for (size_t i = 0; out && i < len;) {
        size_t n = escape_char(u + i, len - i, esc);
        size_t e = strlen(esc);
        memcpy(o, e ? esc : s + i, e ? e : n);
        o += e ? e : n;
        i += n;
    }
    if (out)
        *o = '\0';
    return out;
}

void cc_text_put_escaped(FILE *fp, const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t len = strlen(s), shown = 0; /* bytes before `shown` are written */
    char esc[12];
    for (size_t i = 0; i < len;) {
        size_t n = escape_char(u + i, len - i, esc);
        if (esc[0]) {
            fwrite(s + shown, 1, i - shown, fp);
            fputs(esc, fp);
            shown = i + n;
        }
        i += n;
    }
    fwrite(s + shown, 1, len - shown, fp);
}

cc_status cc_text_distance(const char *a, const char *b, size_t *distance)
{
    size_t la = strlen(a), lb = strlen(b);
    size_t *row = malloc((lb + 1) * sizeof *row);
    *distance = 0;
    if (!row)
        return CC_ESOFTWARE;
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diagonal = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t above = row[j];
            size_t best = diagonal + (a[i - 1] != b[j - 1]);
            if (above + 1 < best)
                best = above + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diagonal = above;
        }
    }
    *distance = row[lb];
    free(row);
    return CC_OK;
}

/* ---------------------------------------------------------------- numbers */

static const char *skip_digits(const char *p)
{
    while (*p >= '0' && *p <= '9')
        p++;
    return p;
}

const char *cc_text_number(const char *s, double *value)
{
    /* strtod alone would also take hexadecimal, inf and nan, and would
     * give HUGE_VAL or 0 for numbers out of range */
    const char *p = s + (*s == '+' || *s == '-');
    const char *int_end = skip_digits(p), *end = int_end;
    if (*end == '.')
        end = skip_digits(end + 1);
    if (int_end == p && end <= int_end + 1)
        return "is not a decimal number"; /* no digit before the exponent */
    bool nonzero = strcspn(p, "123456789") < (size_t)(end - p);
    if (*end == 'e' || *end == 'E') {
        const char *e = end + 1 + (end[1] == '+' || end[1] == '-');
        end = skip_digits(e);
        if (end == e)
            return "is not a decimal number";
    }
    if (*end)
        return "is not a decimal number";
    double v = strtod(s, NULL);
    if (isinf(v))
        return "is too large";
    if (v == 0 && nonzero)
        return "is too small";
    *value = v;
    return NULL;
}
