/* actors_csv.c — loading the actors table (SPEC §1.1) from the rows of a
 * row reader (CSV today): columns and their aliases, the checks of each
 * row, and reach; the actor itself is built by the model (cc_actors_add).
 * Every error names its line. */
#include "cocreate/actors.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cocreate/io.h"
#include "cocreate/text.h"
#include "load/rows.h"

/* ---------------------------------------------------------------- columns */

enum { COL_ID, COL_NAME, COL_SECTOR, COL_EXPERTISE, COL_SEEKS, COL_TERRITORY, COL_REACH, COLS };

static const cc_column columns[COLS] = {
    [COL_ID] = {"id", true, {"id", "identifiant"}},
    [COL_NAME] = {"name", true, {"name", "nom"}},
    [COL_SECTOR] = {"sector", true, {"sector", "secteur", "type"}},
    [COL_EXPERTISE] = {"expertise", true, {"expertise", "expertises", "competences", "savoirfaire"}},
    [COL_SEEKS] = {"seeks", false, {"seeks", "besoins", "recherche"}},
    [COL_TERRITORY] = {"territory", false, {"territory", "territoire"}},
    [COL_REACH] = {"reach", false, {"reach", "portee", "beneficiaires"}},
};

/* ------------------------------------------------------------------ reach */

/* Parses a reach with digits optionally grouped by spaces, no-break spaces
 * (U+00A0, U+202F) or '_'. Returns false when it is not such a number. */
static bool parse_reach(const char *s, size_t len, uint64_t *value)
{
    uint64_t v = 0;
    bool digits = false;
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)s[i];
        if (c >= '0' && c <= '9') {
            if (v > (UINT64_MAX - (c - '0')) / 10)
                return false;
            v = v * 10 + (c - '0');
            digits = true;
            i++;
        } else if (c == ' ' || c == '_' || c == '\t') {
            i++;
        } else if (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] == 0xA0) {
            i += 2;
        } else if (c == 0xE2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
                   (unsigned char)s[i + 2] == 0xAF) {
            i += 3;
        } else {
            return false;
        }
    }
    *value = digits ? v : 0; /* empty: no data, counted as 0 */
    return true;
}

/* ----------------------------------------------------------------- loader */

typedef struct {
    const char *source;
    cc_actors *out;
    const cc_load_options *opt;
    cc_error *err;
    const cc_row *row;      /* the row being read */
    bool header_done;
    size_t header_fields;
    int column_index[COLS]; /* field index of each column, -1 when absent */
    bool stop;              /* too many errors or out of memory */
    struct {                /* sector spellings already parsed */
        char text[32];
        cc_sector sector;
    } sectors[16];
    int sector_count;
} loader;

static const char *field(const loader *L, int column)
{
    int i = L->column_index[column];
    return i < 0 ? "" : L->row->fields[i];
}

static size_t field_len(const loader *L, int column)
{
    int i = L->column_index[column];
    return i < 0 ? 0 : L->row->lengths[i];
}

static void out_of_memory(loader *L)
{
    cc_error_add(L->err, CC_ESOFTWARE, "%s: out of memory", L->source);
    L->stop = true;
}

/* What to try after a byte that is not UTF-8, or a NUL. */
#define ENCODING_HINT "; if the file comes from a spreadsheet, try --encoding cp1252"
#define NUL_HINT " (not a text file?)"

static void read_header(loader *L)
{
    L->header_fields = L->row->count;
    L->header_done = true;
    cc_status st = cc_rows_header(L->source, L->row, columns, COLS, L->column_index, L->err);
    L->out->column_seeks = L->column_index[COL_SEEKS] >= 0;
    L->out->column_territory = L->column_index[COL_TERRITORY] >= 0;
    L->out->column_reach = L->column_index[COL_REACH] >= 0;
    L->stop = st != CC_OK; /* without the header no row can be read */
}

/* Reports a bad row: an error, or with skip_bad_rows a warning. The place
 * is "file:line" or, when `column` > 0, "file:line:column". */
static void bad_row(loader *L, long line, size_t column, const char *what, const char *detail)
{
    char where[64] = "";
    if (column > 0)
        snprintf(where, sizeof where, ":%zu", column);
    if (L->opt->skip_bad_rows) {
        cc_warn(L->opt->warn, L->opt->warn_ctx, "%s:%ld%s: %s%s; row skipped", L->source, line,
                where, what, detail);
        L->out->skipped_rows++;
        return;
    }
    cc_error_add(L->err, CC_EDATA, "%s:%ld%s: %s%s", L->source, line, where, what, detail);
    if (cc_error_full(L->err))
        L->stop = true;
}

static bool is_blank(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\t')
            return false;
    return true;
}

/* The sector of the row; false when the row is bad or memory ran out
 * (both reported). */
static bool read_sector(loader *L, cc_sector *sector)
{
    /* a file spells its sectors a few ways: parse each spelling once */
    const char *text = field(L, COL_SECTOR);
    for (int i = 0; i < L->sector_count; i++)
        if (strcmp(L->sectors[i].text, text) == 0) {
            *sector = L->sectors[i].sector;
            return true;
        }
    cc_status st = cc_sector_parse(text, sector);
    size_t len = strlen(text);
    if (st == CC_OK && L->sector_count < 16 && len < sizeof L->sectors[0].text) {
        memcpy(L->sectors[L->sector_count].text, text, len + 1);
        L->sectors[L->sector_count++].sector = *sector;
    }
    if (st == CC_ESOFTWARE) {
        out_of_memory(L);
        return false;
    }
    if (st != CC_OK) {
        char accepted[160], detail[240];
        cc_sector_choices(accepted, sizeof accepted);
        snprintf(detail, sizeof detail, " '%.*s%s' (accepted: %s)",
                 CC_TEXT_CLIPPED(field(L, COL_SECTOR), 40), accepted);
        bad_row(L, L->row->line, 0, "unknown sector", detail);
        return false;
    }
    return true;
}

/* Checks a data row and hands its actor to the model. */
static void read_actor(loader *L)
{
    char detail[160];
    long line = L->row->line;
    if (L->row->bad_line > 0) {
        bad_row(L, L->row->bad_line, L->row->bad_column,
                L->row->bad_nul ? "NUL byte" : "invalid UTF-8",
                L->row->bad_nul ? NUL_HINT : ENCODING_HINT);
        return;
    }
    if (L->row->count != L->header_fields) {
        snprintf(detail, sizeof detail, ": expected %zu (as in the header), found %zu",
                 L->header_fields, L->row->count);
        bad_row(L, line, 0, "wrong number of fields", detail);
        return;
    }
    if (is_blank(field(L, COL_ID))) {
        bad_row(L, line, 0, "empty id", "");
        return;
    }
    if (is_blank(field(L, COL_NAME))) {
        bad_row(L, line, 0, "empty name", "");
        return;
    }
    cc_sector sector;
    if (!read_sector(L, &sector))
        return;
    uint64_t reach = 0;
    if (!parse_reach(field(L, COL_REACH), field_len(L, COL_REACH), &reach)) {
        snprintf(detail, sizeof detail, " '%.*s%s' (expected a non-negative whole number)",
                 CC_TEXT_CLIPPED(field(L, COL_REACH), 40));
        bad_row(L, line, 0, "bad reach", detail);
        return;
    }
    const char *id = field(L, COL_ID);
    const cc_actor_fields f = {id, field(L, COL_NAME), sector,
                               field(L, COL_EXPERTISE), field_len(L, COL_EXPERTISE),
                               field(L, COL_SEEKS), field_len(L, COL_SEEKS),
                               field(L, COL_TERRITORY), reach, line};
    long previous;
    cc_status st = cc_actors_add(L->out, &f, &previous);
    if (previous >= 0) {
        snprintf(detail, sizeof detail, " '%.*s%s' (first on line %ld)", CC_TEXT_CLIPPED(id, 60),
                 L->out->items[previous].line);
        bad_row(L, line, 0, "duplicate id", detail);
    } else if (st == CC_ESOFTWARE)
        out_of_memory(L);
    else if (st != CC_OK) /* the reader checked the UTF-8: this is a safety net */
        bad_row(L, line, 0, "invalid UTF-8", "");
}

static bool on_row(void *ctx, const cc_row *row)
{
    loader *L = ctx;
    L->row = row;
    if (!L->header_done)
        read_header(L);
    else
        read_actor(L);
    return !L->stop;
}

/* ------------------------------------------------------------ public API */

/* Loads the rows that `read` gives (from a buffer or an input). */
typedef struct {
    const char *data;
    size_t len;
    cc_input *in;
} source_text;

static cc_status load(cc_actors *out, const char *source, const source_text *text,
                      const cc_load_options *opt, cc_intern *tags, cc_error *err)
{
    static const cc_load_options defaults = {0};
    if (!opt)
        opt = &defaults;
    int mark = err->count;
    if (cc_actors_init(out, source, tags) != CC_OK)
        return cc_error_add(err, CC_ESOFTWARE, "%s: out of memory", source);
    out->thesaurus = opt->thesaurus;
    loader L = {.source = source, .out = out, .opt = opt, .err = err};
    const cc_rows_options rows = {opt->format, opt->delimiter, opt->encoding, opt->progress,
                                  opt->progress_ctx};
    cc_status st = text->in ? cc_rows_read_input(source, text->in, &rows, on_row, &L, err)
                            : cc_rows_read(source, text->data, text->len, &rows, on_row, &L, err);
    if (st == CC_OK && !L.header_done)
        cc_error_add(err, CC_EDATA, "%s:1: no header line", source);
    /* A failed read decides the status even after errors in the rows read
     * before it, as when the file was read whole before its rows. */
    cc_status since = cc_error_since(err, mark);
    if (since != CC_ESOFTWARE && (st == CC_EIO || st == CC_ENOINPUT))
        since = st;
    if (since != CC_OK) {
        cc_actors_free(out);
        *out = (cc_actors){.tags = tags};
    }
    return since;
}

cc_status cc_actors_load_buffer(cc_actors *out, const char *source, const char *data, size_t len,
                                const cc_load_options *opt, cc_intern *tags, cc_error *err)
{
    const source_text text = {data, len, NULL};
    return load(out, source, &text, opt, tags, err);
}

cc_status cc_actors_load_file(cc_actors *out, const char *path, const cc_load_options *opt,
                              cc_intern *tags, cc_error *err)
{
    cc_input in;
    *out = (cc_actors){.tags = tags};
    cc_status st = cc_input_open(&in, path, err);
    if (st != CC_OK)
        return st;
    const source_text text = {NULL, 0, &in};
    st = load(out, in.name, &text, opt, tags, err);
    cc_input_close(&in);
    return st;
}
