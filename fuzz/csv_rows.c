/* csv_rows.c — fuzzes the CSV row reader (src/load/csv_rows.c) by reading
 * the input twice: whole from memory (cc_csv_read, as for standard input
 * and --encoding) and block by block from a stream (cc_csv_read_input, as
 * for a regular file; fmemopen stands for the file). Both must hand over
 * the same rows and report the same errors. The fuzz build makes blocks
 * tiny (CC_CSV_BLOCK in fuzz/CMakeLists.txt) so that inputs cross them. */
#include "fuzz.h"

#include "load/rows.h"

static const char source[] = "rows.csv";

/* What a reading saw: the rows written out one after another. */
typedef struct {
    char *text;
    size_t len;
    FILE *fp;
} transcript;

static bool on_row(void *ctx, const cc_row *row)
{
    transcript *t = ctx;
    fprintf(t->fp, "row line %ld bad %ld:%zu fields %zu\n", row->line, row->bad_line,
            row->bad_column, row->count);
    for (size_t i = 0; i < row->count; i++) {
        fprintf(t->fp, "%zu:", row->lengths[i]);
        fwrite(row->fields[i], 1, row->lengths[i], t->fp);
        fputc('\n', t->fp);
    }
    return true;
}

/* Appends the status and the messages of `err` to the transcript. */
static void end(transcript *t, cc_status st, cc_error *err)
{
    fprintf(t->fp, "status %d\n", (int)st);
    for (int i = 0; i < err->count && i < CC_ERROR_MAX; i++)
        fprintf(t->fp, "%s\n", err->messages[i]);
    fuzz_check_errors(st, err, 0, source);
    cc_error_clear(err);
    FUZZ_CHECK(fclose(t->fp) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const cc_rows_options opt = {0};
    transcript whole = {0}, blocks = {0};
    cc_error err = {0};

    whole.fp = open_memstream(&whole.text, &whole.len);
    FUZZ_CHECK(whole.fp);
    end(&whole, cc_csv_read(source, (const char *)data, size, &opt, on_row, &whole, &err), &err);

    /* fmemopen needs a buffer of at least one byte, even for no input */
    static char none[1];
    FILE *fp = fmemopen(size ? (void *)data : none, size, "rb");
    FUZZ_CHECK(fp);
    cc_input in = {fp, source, (long long)size};
    blocks.fp = open_memstream(&blocks.text, &blocks.len);
    FUZZ_CHECK(blocks.fp);
    end(&blocks, cc_csv_read_input(source, &in, &opt, on_row, &blocks, &err), &err);
    fclose(fp);

    if (whole.len != blocks.len || memcmp(whole.text, blocks.text, whole.len) != 0) {
        fprintf(stderr, "read whole:\n%s\nread by blocks:\n%s\n", whole.text, blocks.text);
        FUZZ_CHECK(!"the two readings differ");
    }
    free(whole.text);
    free(blocks.text);
    return 0;
}
