/* rows.c — the table of row readers and the dispatch over it. */
#include "load/rows.h"

#include <stdio.h>
#include <string.h>

static const cc_rows_reader readers[] = {
    {"csv", cc_csv_read},
};

cc_status cc_rows_read(const char *source, const char *data, size_t len,
                       const cc_rows_options *opt, cc_row_fn on_row, void *ctx, cc_error *err)
{
    const char *format = opt->format ? opt->format : "csv";
    char known[128] = "";
    for (size_t i = 0; i < sizeof readers / sizeof *readers; i++) {
        if (strcmp(format, readers[i].name) == 0)
            return readers[i].read(source, data, len, opt, on_row, ctx, err);
        size_t used = strlen(known);
        snprintf(known + used, sizeof known - used, "%s%s", i ? ", " : "", readers[i].name);
    }
    return cc_error_add(err, CC_EUSAGE, "%s: unknown input format '%s' (accepted: %s)", source,
                        format, known);
}
