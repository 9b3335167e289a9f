/* csv_rows.c — the CSV row reader (rows.h): row-by-row CSV reading with
 * line numbers, on libcsv.
 *
 * The buffer is fed to libcsv one physical line at a time so that every row
 * can be given the line it starts on: a row ends with a line, so the next
 * one starts on the first line after it that libcsv does not skip (lines
 * of spaces only). A line ends with LF, CRLF or a lone CR (old Mac files),
 * as libcsv ends rows. Each line is checked for valid UTF-8 before it is
 * parsed. libcsv's field pointers are
 * only valid inside its callback, so fields are copied into a row buffer.
 * Rows whose every field is blank, as spreadsheets export below their
 * data, are dropped. A file that begins with a UTF-16 byte-order mark is
 * converted to UTF-8 first.
 *
 * A regular file is read a block at a time: each block's whole lines are
 * fed, and the unfinished last line waits for the next block (the block
 * grows when one line is longer than it). So memory holds one block, not
 * the file. */
#include "load/rows.h"

#include <csv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cocreate/io.h"
#include "cocreate/text.h"

typedef struct {
    const char *source;
    cc_error *err;
    cc_row_fn on_row;
    void *ctx;
    long line;              /* physical line being fed */
    long row_line;          /* line where the current row starts, 0 before it does */
    bool ended_in_newline;  /* the last byte fed ended a line */
    char *text;             /* the current row's fields, each NUL-terminated */
    size_t text_len, text_cap;
    size_t *offsets;        /* start of each field in text */
    size_t *lengths;
    char **pointers;        /* handed to the callback */
    size_t count, cap;
    long bad_line;
    size_t bad_column;
    bool bad_nul;
    bool stop;              /* the callback asked to stop, or the reader failed */
    cc_status status;       /* the reader's own first error, CC_OK if none */
    struct csv_parser parser;
    char delimiter;         /* the parser's */
    const cc_rows_options *opt;
    size_t done;            /* bytes fed before the current block */
    double total;           /* bytes of the whole input, for progress */
} reader;

/* Records an error of the reader itself and stops. */
static void fail(reader *R, cc_status status, const char *what)
{
    R->stop = true;
    status = cc_error_add(R->err, status, "%s:%ld: %s", R->source, R->line, what);
    if (R->status == CC_OK || status == CC_ESOFTWARE)
        R->status = status;
}

static bool out_of_memory(reader *R)
{
    fail(R, CC_ESOFTWARE, "out of memory");
    return false;
}

static bool reserve(reader *R, size_t len)
{
    if (R->count == R->cap) {
        size_t cap = R->cap ? R->cap * 2 : 16;
        size_t *o = realloc(R->offsets, cap * sizeof *o);
        if (o)
            R->offsets = o;
        size_t *l = o ? realloc(R->lengths, cap * sizeof *l) : NULL;
        if (l)
            R->lengths = l;
        char **p = l ? realloc(R->pointers, cap * sizeof *p) : NULL;
        if (!p)
            return out_of_memory(R);
        R->pointers = p;
        R->cap = cap;
    }
    if (R->text_cap - R->text_len < len + 1) {
        size_t cap = R->text_cap ? R->text_cap : 256;
        while (cap - R->text_len < len + 1)
            cap *= 2;
        char *t = realloc(R->text, cap);
        if (!t)
            return out_of_memory(R);
        R->text = t;
        R->text_cap = cap;
    }
    return true;
}

/* Line ends in the `len` bytes at `s`: LF, CRLF, and a lone CR. memchr
 * finds them faster than a loop over the bytes. */
static long line_ends(const char *s, size_t len)
{
    const char *end = s + len;
    long n = 0;
    for (const char *p = s; (p = memchr(p, '\n', (size_t)(end - p))); p++)
        n++;
    for (const char *p = s; (p = memchr(p, '\r', (size_t)(end - p))); p++)
        n += p + 1 == end || p[1] != '\n';
    return n;
}

/* Whether libcsv skips the line of `len` bytes at `s` when no row has
 * begun: spaces (unless the space is the delimiter) and the line end. */
static bool skipped_line(const reader *R, const char *s, size_t len)
{
    bool space_skipped = R->delimiter != ' ';
    for (size_t i = 0; i < len; i++)
        if (s[i] != '\n' && s[i] != '\r' && !(s[i] == ' ' && space_skipped))
            return false;
    return true;
}

/* Offset of the first `c` in s[from, len), or len. */
static size_t next_byte(const char *s, size_t from, size_t len, char c)
{
    const char *p = memchr(s + from, c, len - from);
    return p ? (size_t)(p - s) : len;
}

static void field_cb(void *data, size_t len, void *ctx)
{
    reader *R = ctx;
    if (R->stop || !reserve(R, len))
        return;
    const char *text = data ? data : "";
    memcpy(R->text + R->text_len, text, len);
    R->offsets[R->count] = R->text_len;
    R->lengths[R->count] = len;
    R->text_len += len;
    R->text[R->text_len++] = '\0';
    R->count++;
}

/* True when every field of the row holds only spaces, tabs and line ends. */
static bool blank_row(const reader *R)
{
    for (size_t f = 0; f < R->count; f++) {
        const char *s = R->text + R->offsets[f];
        for (size_t i = 0; i < R->lengths[f]; i++)
            if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
                return false;
    }
    return true;
}

static void row_cb(int terminator, void *ctx)
{
    (void)terminator;
    reader *R = ctx;
    if (!R->stop && !blank_row(R)) {
        for (size_t i = 0; i < R->count; i++)
            R->pointers[i] = R->text + R->offsets[i];
        cc_row row = {R->pointers, R->lengths, R->count, R->row_line,
                      R->bad_line, R->bad_column, R->bad_nul};
        if (!R->on_row(R->ctx, &row))
            R->stop = true;
    }
    R->count = 0;
    R->text_len = 0;
    R->row_line = 0;
    R->bad_line = 0;
}

/* Picks the delimiter that occurs most often, outside quotes, in the header
 * line; ties go to the earlier of , ; TAB |. */
static char detect_delimiter(const char *s, size_t len)
{
    static const char candidates[] = {',', ';', '\t', '|'};
    size_t counts[4] = {0};
    bool quoted = false;
    for (size_t i = 0; i < len && (quoted || (s[i] != '\n' && s[i] != '\r')); i++) {
        if (s[i] == '"')
            quoted = !quoted;
        for (int c = 0; c < 4 && !quoted; c++)
            counts[c] += s[i] == candidates[c];
    }
    int best = 0;
    for (int c = 1; c < 4; c++)
        if (counts[c] > counts[best])
            best = c;
    return candidates[best];
}

/* libcsv trims the spaces and tabs around unquoted fields; this trims
 * spaces only (a TAB may be the delimiter). The two differ only on a line
 * that holds a TAB which is not the delimiter: only such lines pay for a
 * call per byte (see feed). */
static int is_space(unsigned char c)
{
    return c == ' ';
}

/* libcsv stopped early: out of memory, or the text is not CSV. */
static void parse_error(reader *R)
{
    if (csv_error(&R->parser) == CSV_EPARSE)
        fail(R, CC_EDATA,
             "malformed quoting (a quote inside an unquoted field, or text after a closing quote)");
    else
        out_of_memory(R); /* CSV_ENOMEM, or CSV_ETOOBIG: a field larger than memory */
}

/* Starts the parser with the delimiter given or detected from the header
 * line at `data`; false (reported) when out of memory. */
static bool start(reader *R, const char *data, size_t len)
{
    if (csv_init(&R->parser, CSV_STRICT | CSV_STRICT_FINI) != 0) {
        R->status = cc_error_add(R->err, CC_ESOFTWARE, "%s: out of memory", R->source);
        return false;
    }
    const cc_rows_options *opt = R->opt;
    R->delimiter = opt->delimiter ? opt->delimiter : detect_delimiter(data, len);
    csv_set_delim(&R->parser, (unsigned char)R->delimiter);
    /* libcsv grows a field's buffer by this many bytes at a time (128 by
     * default): a field of many megabytes would be copied over and over
     * by allocators that move a block on each realloc. */
    csv_set_blk_size(&R->parser, 64 * 1024);
    return true;
}

/* Feeds the `len` bytes at `data`, whole lines but for the end of input,
 * one line at a time. */
static void feed(reader *R, const char *data, size_t len)
{
    const cc_rows_options *opt = R->opt;
    /* the next LF and CR at or after pos (len for none), each looked for
     * again only once passed: every byte is searched once for each, even
     * in a file whose lines all end with the other */
    size_t pos = 0, lf = next_byte(data, 0, len, '\n'), cr = next_byte(data, 0, len, '\r');
    while (pos < len && !R->stop) {
        if (opt->progress && R->line % 65536 == 0 && R->total > 0)
            opt->progress(opt->progress_ctx, (double)(R->done + pos) / R->total);
        if (lf < pos)
            lf = next_byte(data, pos, len, '\n');
        if (cr < pos)
            cr = next_byte(data, pos, len, '\r');
        /* a line ends after a LF, a CRLF, or a CR that no LF follows */
        size_t end = cr < lf ? cr + 1 + (lf == cr + 1 && lf < len) : lf < len ? lf + 1 : len;
        R->line++;
        size_t bad = cc_text_invalid_utf8(data + pos, end - pos);
        if (bad < end - pos && R->bad_line == 0) {
            R->bad_line = R->line;
            R->bad_column = bad + 1;
            R->bad_nul = data[pos + bad] == '\0';
        }
        if (R->row_line == 0 && !skipped_line(R, data + pos, end - pos))
            R->row_line = R->line;
        bool tab = R->delimiter != '\t' && memchr(data + pos, '\t', end - pos);
        csv_set_space_func(&R->parser, tab ? is_space : NULL);
        if (csv_parse(&R->parser, data + pos, end - pos, field_cb, row_cb, R) != end - pos &&
            !R->stop)
            parse_error(R);
        pos = end;
    }
    if (len > 0)
        R->ended_in_newline = data[len - 1] == '\n' || data[len - 1] == '\r';
    R->done += len;
}

/* Ends the input: the last row, or an unclosed quote. */
static void finish(reader *R)
{
    if (R->stop)
        return;
    if (csv_fini(&R->parser, field_cb, row_cb, R) != 0) {
        if (csv_error(&R->parser) == CSV_EPARSE) {
            /* Name the line where the field opened, not the last line of
             * the input: the unclosed field is still in libcsv's entry
             * buffer (a public member of its parser), and the newlines in
             * it are the lines it swallowed, the input's last newline
             * included. */
            long swallowed = line_ends((const char *)R->parser.entry_buf, R->parser.entry_pos);
            R->line += R->ended_in_newline - swallowed;
            fail(R, CC_EDATA, "quoted field never closed");
        } else {
            out_of_memory(R);
        }
    }
}

static void release(reader *R)
{
    csv_free(&R->parser);
    free(R->text);
    free(R->offsets);
    free(R->lengths);
    free(R->pointers);
}

static const char bom[] = "\xEF\xBB\xBF";

static cc_status read_utf8(const char *source, const char *data, size_t len,
                           const cc_rows_options *opt, cc_row_fn on_row, void *ctx,
                           cc_error *err)
{
    if (len >= 3 && memcmp(data, bom, 3) == 0) {
        data += 3;
        len -= 3;
    }
    if (len == 0)
        return cc_error_add(err, CC_EDATA, "%s:1: empty file: expected a header line", source);
    reader R = {.source = source, .err = err, .on_row = on_row, .ctx = ctx, .opt = opt,
                .total = (double)len};
    if (!start(&R, data, len))
        return R.status;
    feed(&R, data, len);
    finish(&R);
    release(&R);
    return R.status;
}

/* True when the `len` bytes at `s` hold the end of the header line (as
 * detect_delimiter reads it: a line end outside quotes). */
static bool header_complete(const char *s, size_t len)
{
    bool quoted = false;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '"')
            quoted = !quoted;
        else if (!quoted && (s[i] == '\n' || s[i] == '\r'))
            return true;
    }
    return false;
}

/* Bytes read at a time (a build may make it tiny to test the seams). */
#ifndef CC_CSV_BLOCK
#define CC_CSV_BLOCK (1 << 20)
#endif
enum { BLOCK = CC_CSV_BLOCK };

/* Reads a regular UTF-8 file block by block: `buf` holds the unfed end of
 * the last block (`have` bytes) then the next block. */
static cc_status read_blocks(const char *source, cc_input *in, const cc_rows_options *opt,
                             cc_row_fn on_row, void *ctx, cc_error *err)
{
    reader R = {.source = source, .err = err, .on_row = on_row, .ctx = ctx, .opt = opt,
                .total = (double)in->size};
    size_t cap = BLOCK, have = 0, skip = 0;
    char *buf = malloc(cap);
    bool eof = false, started = false;
    if (!buf)
        return cc_error_add(err, CC_ESOFTWARE, "%s: out of memory", source);
    while (!R.stop) {
        if (have == cap) { /* one line longer than the block */
            char *bigger = cap > SIZE_MAX / 2 ? NULL : realloc(buf, cap * 2);
            if (!bigger) {
                out_of_memory(&R);
                break;
            }
            buf = bigger;
            cap *= 2;
        }
        size_t got = 0;
        if (!eof) {
            cc_status st = cc_input_read(in, buf + have, cap - have, &got, err);
            if (st != CC_OK) {
                R.status = st;
                break;
            }
            eof = got == 0;
            have += got;
        }
        if (!started) {
            /* the byte-order mark, the empty file and the header line; a
             * UTF-16 file is read whole and converted */
            bool utf16 = cc_io_utf16(buf, have) != NULL;
            if (!eof && (have < 3 || !header_complete(buf, have) || utf16))
                continue;
            if (utf16) {
                R.status = cc_csv_read(source, buf, have, opt, on_row, ctx, err);
                break;
            }
            skip = have >= 3 && memcmp(buf, bom, 3) == 0 ? 3 : 0;
            if (have == skip) {
                R.status = cc_error_add(err, CC_EDATA,
                                        "%s:1: empty file: expected a header line", source);
                break;
            }
            if (!start(&R, buf + skip, have - skip))
                break;
            started = true;
            R.done = skip;
        }
        if (eof) {
            feed(&R, buf + skip, have - skip);
            finish(&R);
            break;
        }
        /* feed the whole lines; keep the last, unfinished one (and a CR at
         * the end, which a LF may follow) */
        size_t whole = have;
        while (whole > skip && buf[whole - 1] != '\n' && (buf[whole - 1] != '\r' || whole == have))
            whole--;
        if (whole == skip)
            continue;
        feed(&R, buf + skip, whole - skip);
        memmove(buf, buf + whole, have - whole);
        have -= whole;
        skip = 0;
    }
    if (started)
        release(&R);
    free(buf);
    return R.status;
}

cc_status cc_csv_read_input(const char *source, cc_input *in, const cc_rows_options *opt,
                            cc_row_fn on_row, void *ctx, cc_error *err)
{
    if (!opt->encoding && in->size >= 0)
        return read_blocks(source, in, opt, on_row, ctx, err);
    char *data;
    size_t len;
    cc_status st = cc_input_read_all(in, &data, &len, err);
    if (st == CC_OK) {
        st = cc_csv_read(source, data, len, opt, on_row, ctx, err);
        free(data);
    }
    return st;
}

/* Whether a file is UTF-8 whatever --encoding says: it starts with a
 * UTF-8 byte-order mark, or it has bytes above ASCII and they all make
 * valid UTF-8 ("é" is C3 A9, which cp1252 would read "Ã©", a pair no
 * French text holds). Converted, such a file would be garbled silently:
 * its tags would no longer match the challenges' needs. */
static bool is_utf8(const char *data, size_t len)
{
    if (len >= 3 && memcmp(data, bom, 3) == 0)
        return true;
    bool above_ascii = false;
    for (size_t i = 0; i < len && !above_ascii; i++)
        above_ascii = (unsigned char)data[i] >= 0x80;
    return above_ascii && cc_text_invalid_utf8(data, len) == len;
}

cc_status cc_csv_read(const char *source, const char *data, size_t len,
                      const cc_rows_options *opt, cc_row_fn on_row, void *ctx, cc_error *err)
{
    bool utf16 = cc_io_utf16(data, len) != NULL;
    if (!utf16 && (!opt->encoding || is_utf8(data, len)))
        return read_utf8(source, data, len, opt, on_row, ctx, err);
    char *utf8 = NULL;
    size_t utf8_len = 0;
    /* a UTF-16 byte-order mark tells the encoding, whatever --encoding says */
    cc_status st = utf16 ? cc_io_utf16_to_utf8(source, data, len, &utf8, &utf8_len, err)
                         : cc_io_to_utf8(source, opt->encoding, data, len, &utf8, &utf8_len, err);
    if (st == CC_OK) {
        st = read_utf8(source, utf8, utf8_len, opt, on_row, ctx, err);
        free(utf8);
    }
    return st;
}
