/* rows.c — the table of row readers and the dispatch over it. */
#include "load/rows.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
