/* thesaurus_csv.c — loading a thesaurus (`--thesaurus`) from the rows of a
 * row reader (CSV today): its columns and their aliases, the checks of
 * each row; the thesaurus itself is built and checked by the model
 * (cc_thesaurus_add, cc_thesaurus_finish). Every error names its line. */
#include "cocreate/thesaurus.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cocreate/io.h"
#include "cocreate/text.h"
#include "load/rows.h"

enum { COL_TAG, COL_MEANS, COL_BROADER, COLS };

typedef struct {
    const char *name;        /* canonical name, shown in messages */
    const char *aliases[6];  /* compact normalised forms (no spaces) */
} column_spec;

static const column_spec columns[COLS] = {
    [COL_TAG] = {"tag", {"tag", "terme", "etiquette", "motcle", "variante"}},
    [COL_MEANS] = {"means", {"means", "prefere", "termeprefere", "voir", "synonymede"}},
    [COL_BROADER] = {"broader", {"broader", "generique", "termegenerique", "plusgeneral"}},
};

static int column_of(const char *compact)
{
    for (int c = 0; c < COLS; c++)
        for (int a = 0; columns[c].aliases[a]; a++)
            if (strcmp(compact, columns[c].aliases[a]) == 0)
                return c;
    return -1;
}

typedef struct {
    const char *source;
    cc_thesaurus *out;
    cc_error *err;
    bool header_done;
    size_t header_fields;
    int column_index[COLS]; /* field index of each column, -1 when absent */
    bool stop;              /* too many errors, out of memory, or a bad header */
} loader;

static void out_of_memory(loader *L)
{
    cc_error_add(L->err, CC_ESOFTWARE, "%s: out of memory", L->source);
    L->stop = true;
}

static const char *bad_byte_hint(const cc_row *row)
{
    return row->bad_nul ? " (not a text file?)"
                        : "; the thesaurus must be UTF-8 (export it as \"CSV UTF-8\", or "
                          "convert it with iconv)";
}

static void read_header(loader *L, const cc_row *row)
{
    int errors = L->err->count;
    L->header_done = true;
    L->header_fields = row->count;
    L->stop = true; /* until the header proves readable */
    if (row->bad_line > 0) {
        cc_error_add(L->err, CC_EDATA, "%s:%ld:%zu: %s in the header%s", L->source,
                     row->bad_line, row->bad_column, row->bad_nul ? "NUL byte" : "invalid UTF-8",
                     bad_byte_hint(row));
        return;
    }
    for (int c = 0; c < COLS; c++)
        L->column_index[c] = -1;
    for (size_t f = 0; f < row->count; f++) {
        char *compact;
        cc_status st = cc_text_norm_compact(row->fields[f], row->lengths[f], &compact);
        if (st == CC_ESOFTWARE) {
            out_of_memory(L);
            return;
        }
        int c = st == CC_OK ? column_of(compact) : -1;
        free(compact);
        if (c >= 0 && L->column_index[c] >= 0)
            cc_error_add(L->err, CC_EDATA, "%s:%ld: column '%s' appears twice (fields %d and %zu)",
                         L->source, row->line, columns[c].name, L->column_index[c] + 1, f + 1);
        else if (c >= 0)
            L->column_index[c] = (int)f;
    }
    if (L->column_index[COL_TAG] < 0)
        cc_error_add(L->err, CC_EDATA,
                     "%s:%ld: missing required column 'tag' (a thesaurus has the columns tag, "
                     "means, broader)",
                     L->source, row->line);
    else if (L->column_index[COL_MEANS] < 0 && L->column_index[COL_BROADER] < 0)
        cc_error_add(L->err, CC_EDATA,
                     "%s:%ld: no column 'means' or 'broader': the thesaurus would say nothing",
                     L->source, row->line);
    L->stop = L->err->count > errors;
}

/* Field `column` of the row, "" when the file has no such column. */
static const char *field(const loader *L, const cc_row *row, int column, size_t *len)
{
    int i = L->column_index[column];
    *len = i < 0 ? 0 : row->lengths[i];
    return i < 0 ? "" : row->fields[i];
}

static void read_entry(loader *L, const cc_row *row)
{
    if (row->bad_line > 0) {
        cc_error_add(L->err, CC_EDATA, "%s:%ld:%zu: %s%s", L->source, row->bad_line,
                     row->bad_column, row->bad_nul ? "NUL byte" : "invalid UTF-8",
                     bad_byte_hint(row));
    } else if (row->count != L->header_fields) {
        cc_error_add(L->err, CC_EDATA,
                     "%s:%ld: wrong number of fields: expected %zu (as in the header), found %zu",
                     L->source, row->line, L->header_fields, row->count);
    } else {
        cc_thesaurus_row r = {.line = row->line};
        r.tag = field(L, row, COL_TAG, &r.tag_len);
        r.means = field(L, row, COL_MEANS, &r.means_len);
        r.broader = field(L, row, COL_BROADER, &r.broader_len);
        if (cc_thesaurus_add(L->out, &r, L->err) == CC_ESOFTWARE)
            L->stop = true;
    }
    if (cc_error_full(L->err))
        L->stop = true;
}

static bool on_row(void *ctx, const cc_row *row)
{
    loader *L = ctx;
    if (!L->header_done)
        read_header(L, row);
    else
        read_entry(L, row);
    return !L->stop;
}

/* ------------------------------------------------------------ public API */

static cc_status load(cc_thesaurus **out, const char *source, const char *data, size_t len,
                      cc_input *in, cc_error *err)
{
    int mark = err->count;
    *out = cc_thesaurus_new(source);
    if (!*out)
        return cc_error_add(err, CC_ESOFTWARE, "%s: out of memory", source);
    loader L = {.source = source, .out = *out, .err = err};
    const cc_rows_options rows = {0}; /* CSV, delimiter detected, UTF-8 */
    cc_status st = in ? cc_rows_read_input(source, in, &rows, on_row, &L, err)
                      : cc_rows_read(source, data, len, &rows, on_row, &L, err);
    if (st == CC_OK && !L.header_done)
        cc_error_add(err, CC_EDATA, "%s:1: no header line", source);
    cc_status since = cc_error_since(err, mark);
    if (since != CC_ESOFTWARE && (st == CC_EIO || st == CC_ENOINPUT))
        since = st;
    if (since == CC_OK)
        since = cc_thesaurus_finish(*out, err);
    if (since != CC_OK) {
        cc_thesaurus_free(*out);
        *out = NULL;
    }
    return since;
}

cc_status cc_thesaurus_load_buffer(cc_thesaurus **out, const char *source, const char *data,
                                   size_t len, cc_error *err)
{
    return load(out, source, data, len, NULL, err);
}

cc_status cc_thesaurus_load_file(cc_thesaurus **out, const char *path, cc_error *err)
{
    cc_input in;
    *out = NULL;
    cc_status st = cc_input_open(&in, path, err);
    if (st != CC_OK)
        return st;
    st = load(out, in.name, NULL, 0, &in, err);
    cc_input_close(&in);
    return st;
}
