/* rows.c — the table of row readers and the dispatch over it. */
#include "load/rows.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cocreate/text.h"

static const cc_rows_reader readers[] = {
    {"csv", cc_csv_read, cc_csv_read_input},
};

/* The reader that opt->format names; NULL (with an error) for none. */
static const cc_rows_reader *reader_of(const char *source, const cc_rows_options *opt,
                                       cc_error *err)
{
    const char *format = opt->format ? opt->format : "csv";
    char known[128] = "";
    for (size_t i = 0; i < sizeof readers / sizeof *readers; i++) {
        if (strcmp(format, readers[i].name) == 0)
            return &readers[i];
        size_t used = strlen(known);
        snprintf(known + used, sizeof known - used, "%s%s", i ? ", " : "", readers[i].name);
    }
    cc_error_add(err, CC_EUSAGE, "%s: unknown input format '%s' (accepted: %s)", source, format,
                 known);
    return NULL;
}

cc_status cc_rows_read(const char *source, const char *data, size_t len,
                       const cc_rows_options *opt, cc_row_fn on_row, void *ctx, cc_error *err)
{
    const cc_rows_reader *r = reader_of(source, opt, err);
    return r ? r->read(source, data, len, opt, on_row, ctx, err) : CC_EUSAGE;
}

cc_status cc_rows_read_input(const char *source, cc_input *in, const cc_rows_options *opt,
                             cc_row_fn on_row, void *ctx, cc_error *err)
{
    const cc_rows_reader *r = reader_of(source, opt, err);
    if (!r)
        return CC_EUSAGE;
    if (r->read_input)
        return r->read_input(source, in, opt, on_row, ctx, err);
    char *data;
    size_t len;
    cc_status st = cc_input_read_all(in, &data, &len, err);
    if (st == CC_OK) {
        st = r->read(source, data, len, opt, on_row, ctx, err);
        free(data);
    }
    return st;
}

/* ---------------------------------------------------------------- header */

/* "missing required column 'x' (also accepted: y, z)" for `col`. */
static void missing_column(const char *source, long line, const cc_column *col, cc_error *err)
{
    char also[160] = "";
    size_t used = 0;
    for (int a = 1; a < 8 && col->aliases[a] && used < sizeof also; a++) {
        int n = snprintf(also + used, sizeof also - used, "%s%s", a > 1 ? ", " : " (also accepted: ",
                         col->aliases[a]);
        used += n > 0 ? (size_t)n : 0;
    }
    cc_error_add(err, CC_EDATA, "%s:%ld: missing required column '%s'%s%s", source, line,
                 col->name, also, also[0] ? ")" : "");
}

cc_status cc_rows_header(const char *source, const cc_row *row, const cc_column *columns, int n,
                         int *index, cc_error *err)
{
    for (int c = 0; c < n; c++)
        index[c] = -1;
    int mark = err->count;
    if (row->bad_line > 0)
        return cc_error_add(err, CC_EDATA, "%s:%ld:%zu: %s in the header%s", source,
                            row->bad_line, row->bad_column,
                            row->bad_nul ? "NUL byte" : "invalid UTF-8",
                            row->bad_nul ? " (not a text file?)"
                                         : "; if the file comes from a spreadsheet, try "
                                           "--encoding cp1252");
    for (size_t f = 0; f < row->count; f++) {
        char *compact;
        cc_status st = cc_text_norm_compact(row->fields[f], row->lengths[f], &compact);
        if (st == CC_ESOFTWARE)
            return cc_error_add(err, CC_ESOFTWARE, "%s: out of memory", source);
        int c = -1;
        for (int k = 0; st == CC_OK && c < 0 && k < n; k++)
            for (int a = 0; a < 8 && columns[k].aliases[a] && c < 0; a++)
                if (strcmp(compact, columns[k].aliases[a]) == 0)
                    c = k;
        free(compact);
        if (c < 0)
            continue; /* unknown columns are ignored */
        if (index[c] >= 0) {
            cc_error_add(err, CC_EDATA, "%s:%ld: column '%s' appears twice (fields %d and %zu)",
                         source, row->line, columns[c].name, index[c] + 1, f + 1);
            continue;
        }
        index[c] = (int)f;
    }
    for (int c = 0; c < n; c++)
        if (columns[c].required && index[c] < 0)
            missing_column(source, row->line, &columns[c], err);
    return cc_error_since(err, mark);
}
