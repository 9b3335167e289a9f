/* floor.c — the least any reader of a CSV file must do: read it in chunks
 * and let libcsv split it into fields and rows, with callbacks that only
 * count. bench/run times `check` against this: reading and validating the
 * actors should cost a small multiple of the bare parse.
 * Usage: bench_floor FILE   (prints the rows and fields it saw) */
#include <csv.h>
#include <stdio.h>

static unsigned long fields, rows;

static void on_field(void *s, size_t len, void *data)
{
    (void)s, (void)len, (void)data;
    fields++;
}

static void on_row(int c, void *data)
{
    (void)c, (void)data;
    rows++;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: bench_floor FILE\n");
        return 64;
    }
    FILE *fp = fopen(argv[1], "rb");
    if (!fp) {
        perror(argv[1]);
        return 66;
    }
    /* the same parser options as the program's reader */
    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
        return 70;
    static char buf[1 << 16];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, fp)) > 0) {
        if (csv_parse(&p, buf, n, on_field, on_row, NULL) != n) {
            fprintf(stderr, "%s: %s\n", argv[1], csv_strerror(csv_error(&p)));
            return 65;
        }
    }
    if (ferror(fp)) {
        perror(argv[1]);
        return 74;
    }
    csv_fini(&p, on_field, on_row, NULL);
    csv_free(&p);
    fclose(fp);
    printf("%lu rows, %lu fields\n", rows, fields);
    return 0;
}
