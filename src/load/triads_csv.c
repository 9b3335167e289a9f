/* triads_csv.c — loading triads to score (`score --triads`), row by row
 * from a row reader (CSV today). */
#include "cocreate/triads.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cocreate/io.h"
#include "cocreate/text.h"
#include "load/rows.h"

typedef struct {
    const char *source;
    cc_triads *out;
    const cc_triads_options *opt;
    const cc_actors *actors;
    const cc_challenges *challenges;
    cc_error *err;
    bool header_done;
    int id_column[3];      /* the three id columns */
    int challenge_column;  /* -1: none */
    bool stop;
    cc_intern *names;      /* the challenge names met so far (NULL before the first) */
    long *named;           /* the challenge each names, by its id in `names`; -1: none */
    size_t named_cap;
} loader;

/* A copy of the row's fields in one block, its pointers then its text, so
 * that a file of many short rows costs one allocation a row; NULL when out
 * of memory. Freed with free(). */
static char **copy_fields(const cc_row *row)
{
    size_t size = (row->count + 1) * sizeof(char *);
    for (size_t i = 0; i < row->count; i++) {
        size_t n = strlen(row->fields[i]) + 1;
        if (n > SIZE_MAX - size)
            return NULL;
        size += n;
    }
    char **fields = malloc(size);
    if (!fields)
        return NULL;
    char *text = (char *)(fields + row->count + 1);
    for (size_t i = 0; i < row->count; i++) {
        size_t n = strlen(row->fields[i]) + 1;
        fields[i] = memcpy(text, row->fields[i], n);
        text += n;
    }
    fields[row->count] = NULL;
    return fields;
}

static void out_of_memory(loader *L)
{
    cc_error_add(L->err, CC_ESOFTWARE, "%s: out of memory", L->source);
    L->stop = true;
}

/* Splits "a, b ,c" on commas into trimmed names (for --columns); returns
 * the count, at most `max`, or -1 when there are more. */
static int split_names(char *text, char **names, int max)
{
    int n = 0;
    char *save = NULL;
    for (char *name = strtok_r(text, ",", &save); name; name = strtok_r(NULL, ",", &save)) {
        while (*name == ' ')
            name++;
        size_t len = strlen(name);
        while (len > 0 && name[len - 1] == ' ')
            name[--len] = '\0';
        if (n == max)
            return -1;
        names[n++] = name;
    }
    return n;
}

/* Index in *column of the column whose compact normalised name is `want`'s,
 * or -1. Two such columns are a data error: reading the first would score
 * with ids the spreadsheet may show elsewhere. False when out of memory
 * (reported). */
static bool find_column(loader *L, const cc_row *row, const char *want, int *column)
{
    char *wanted;
    *column = -1;
    cc_status st = cc_text_norm_compact(want, strlen(want), &wanted);
    if (st == CC_EDATA)
        return true; /* a name that is not UTF-8 names no column */
    for (size_t i = 0; st == CC_OK && i < row->count; i++) {
        char *compact;
        st = cc_text_norm_compact(row->fields[i], row->lengths[i], &compact);
        if (st == CC_OK && strcmp(compact, wanted) == 0 && *column >= 0)
            cc_error_add(L->err, CC_EDATA, "%s:%ld: column '%s' appears twice (fields %d and %zu)",
                         L->source, row->line, want, *column + 1, i + 1);
        else if (st == CC_OK && strcmp(compact, wanted) == 0)
            *column = (int)i;
        free(compact);
        if (st == CC_EDATA)
            st = CC_OK; /* a header field that is not UTF-8 is not the one */
    }
    free(wanted);
    if (st == CC_ESOFTWARE) {
        out_of_memory(L);
        return false;
    }
    return true;
}

/* What a row's bad byte is, and what to do about it: --encoding describes
 * the actors file only. */
static const char *bad_byte(const cc_row *row)
{
    return row->bad_nul ? "NUL byte" : "invalid UTF-8";
}

static const char *bad_byte_hint(const cc_row *row)
{
    return row->bad_nul ? " (not a text file?)"
                        : "; the triads file must be UTF-8 (export it as \"CSV UTF-8\", or "
                          "convert it with iconv)";
}

static void read_header(loader *L, const cc_row *row)
{
    int errors = L->err->count;
    L->header_done = true;
    L->stop = true; /* until the header proves readable */
    if (row->bad_line > 0) {
        cc_error_add(L->err, CC_EDATA, "%s:%ld:%zu: %s in the header%s", L->source,
                     row->bad_line, row->bad_column, bad_byte(row), bad_byte_hint(row));
        return;
    }
    L->out->columns = row->count;
    L->out->header = copy_fields(row);
    if (!L->out->header) {
        out_of_memory(L);
        return;
    }
    char *buffer = strdup(L->opt->columns ? L->opt->columns : "social_id,company_id,public_id");
    char *names[3];
    if (!buffer) {
        out_of_memory(L);
        return;
    }
    if (split_names(buffer, names, 3) != 3) {
        cc_error_add(L->err, CC_EUSAGE, "--columns takes three column names, as in a,b,c");
        free(buffer);
        return;
    }
    for (int k = 0; k < 3; k++) {
        if (!find_column(L, row, names[k], &L->id_column[k])) {
            free(buffer);
            return;
        }
        if (L->id_column[k] < 0)
            cc_error_add(L->err, CC_EDATA, "%s:%ld: missing column '%s'%s", L->source, row->line,
                         names[k], L->opt->columns ? "" : " (choose the id columns with --columns)");
    }
    free(buffer);
    if (!find_column(L, row, "challenge", &L->challenge_column))
        return;
    if (L->challenge_column < 0 && !find_column(L, row, "challenge_id", &L->challenge_column))
        return;
    L->stop = L->err->count > errors;
}

/* Reports a bad row at "file:line" (or "file:line:column" when column > 0):
 * an error, or with skip_bad_rows a warning. */
static void bad_row_at(loader *L, long line, size_t column, const char *fmt, const char *a,
                       const char *b)
{
    char what[400], where[32] = "";
    snprintf(what, sizeof what, fmt, a, b);
    if (column > 0)
        snprintf(where, sizeof where, ":%zu", column);
    if (L->opt->skip_bad_rows) {
        cc_warn(L->opt->warn, L->opt->warn_ctx, "%s:%ld%s: %s; row skipped", L->source, line,
                where, what);
        L->out->skipped_rows++;
        return;
    }
    cc_error_add(L->err, CC_EDATA, "%s:%ld%s: %s", L->source, line, where, what);
    L->stop = cc_error_full(L->err);
}

static void bad_row(loader *L, long line, const char *fmt, const char *a, const char *b)
{
    bad_row_at(L, line, 0, fmt, a, b);
}

/* Places the three actors by sector; false (reported) when it cannot. */
static bool place_members(loader *L, const cc_row *row, cc_triad_row *t)
{
    bool seen[CC_SECTORS] = {false};
    for (int k = 0; k < 3; k++) {
        const char *id = row->fields[L->id_column[k]];
        long index = cc_actors_find(L->actors, id);
        if (index < 0) {
            char shown[64 + sizeof "…"]; /* room for 60 bytes and "…": never cut */
            snprintf(shown, sizeof shown, "%.*s%s", CC_TEXT_CLIPPED(id, 60));
            bad_row(L, row->line, "unknown actor id '%s'%s", shown, "");
            return false;
        }
        cc_sector s = L->actors->items[index].sector;
        if (seen[s]) {
            bad_row(L, row->line, "the ids are not one per sector: two are %s%s",
                    cc_sector_names[s], "");
            return false;
        }
        seen[s] = true;
        t->member[s] = (size_t)index;
    }
    return true;
}

/* The challenge `name` names into *index (-1: none, or ambiguous), looked
 * up once per distinct name: a file names few challenges on many rows, and
 * a look-up goes through every challenge. False when out of memory. */
static bool lookup_challenge(loader *L, const char *name, long *index)
{
    if (!L->names && !(L->names = cc_intern_new()))
        return false;
    int id = cc_intern_find(L->names, name);
    if (id >= 0) {
        *index = L->named[id];
        return true;
    }
    cc_error quiet = {0};
    size_t found;
    cc_status st = cc_challenges_lookup(L->challenges, name, &found, &quiet);
    cc_error_clear(&quiet);
    if (st == CC_ESOFTWARE)
        return false;
    *index = st == CC_OK ? (long)found : -1;
    size_t count = (size_t)cc_intern_count(L->names);
    if (count == L->named_cap) {
        size_t cap = L->named_cap ? L->named_cap * 2 : 16;
        long *named = realloc(L->named, cap * sizeof *named);
        if (!named)
            return false;
        L->named = named;
        L->named_cap = cap;
    }
    id = cc_intern_add(L->names, name, NULL, NULL);
    if (id < 0)
        return false;
    L->named[id] = *index;
    return true;
}

static bool pick_challenge(loader *L, const cc_row *row, cc_triad_row *t)
{
    t->challenge = -1;
    const char *name = L->challenge_column >= 0 ? row->fields[L->challenge_column] : "";
    if (!*name) {
        if (L->opt->has_default)
            return true;
        bad_row(L, row->line, "no challenge: give one on the command line or in a '%s' column%s",
                "challenge", "");
        return false;
    }
    if (L->opt->has_default && L->opt->default_id && strcmp(name, L->opt->default_id) == 0)
        return true;
    char shown[64 + sizeof "…"]; /* room for 60 bytes and "…": never cut */
    if (!L->challenges) {
        snprintf(shown, sizeof shown, "%.*s%s", CC_TEXT_CLIPPED(name, 60));
        bad_row(L, row->line, "challenge '%s': the only challenge of this run is '%s'", shown,
                L->opt->default_id ? L->opt->default_id : "");
        return false;
    }
    long index;
    if (!lookup_challenge(L, name, &index)) {
        out_of_memory(L);
        return false;
    }
    if (index < 0) {
        snprintf(shown, sizeof shown, "%.*s%s", CC_TEXT_CLIPPED(name, 60));
        bad_row(L, row->line, "unknown or ambiguous challenge '%s'%s", shown, "");
        return false;
    }
    t->challenge = index;
    return true;
}

static void read_triad(loader *L, const cc_row *row)
{
    char counts[64];
    if (row->bad_line > 0) {
        bad_row_at(L, row->bad_line, row->bad_column, "%s%s", bad_byte(row), bad_byte_hint(row));
        return;
    }
    if (row->count != L->out->columns) {
        snprintf(counts, sizeof counts, "expected %zu (as in the header), found %zu",
                 L->out->columns, row->count);
        bad_row(L, row->line, "wrong number of fields: %s%s", counts, "");
        return;
    }
    cc_triad_row t = {.line = row->line};
    if (!place_members(L, row, &t) || !pick_challenge(L, row, &t))
        return;
    cc_triads *out = L->out;
    if (out->count == out->capacity) {
        size_t cap = out->capacity ? out->capacity * 2 : 64;
        cc_triad_row *rows = realloc(out->rows, cap * sizeof *rows);
        if (!rows) {
            out_of_memory(L);
            return;
        }
        out->rows = rows;
        out->capacity = cap;
    }
    t.fields = copy_fields(row);
    if (!t.fields) {
        out_of_memory(L);
        return;
    }
    out->rows[out->count++] = t;
}

static bool on_row(void *ctx, const cc_row *row)
{
    loader *L = ctx;
    if (!L->header_done)
        read_header(L, row);
    else
        read_triad(L, row);
    return !L->stop;
}

cc_status cc_triads_load_buffer(cc_triads *out, const char *source, const char *data, size_t len,
                                const cc_triads_options *opt, const cc_actors *actors,
                                const cc_challenges *challenges, cc_error *err)
{
    int mark = err->count;
    *out = (cc_triads){.source = strdup(source)};
    if (!out->source)
        return cc_error_add(err, CC_ESOFTWARE, "%s: out of memory", source);
    loader L = {.source = source, .out = out, .opt = opt, .actors = actors,
                .challenges = challenges, .err = err, .id_column = {-1, -1, -1},
                .challenge_column = -1};
    const cc_rows_options rows = {opt->format, opt->delimiter, opt->encoding, NULL, NULL};
    cc_status st = cc_rows_read(source, data, len, &rows, on_row, &L, err);
    cc_intern_free(L.names);
    free(L.named);
    if (st == CC_OK && !L.header_done)
        cc_error_add(err, CC_EDATA, "%s:1: no header line", source);
    st = cc_error_since(err, mark);
    if (st != CC_OK)
        cc_triads_free(out);
    return st;
}

cc_status cc_triads_load_file(cc_triads *out, const char *path, const cc_triads_options *opt,
                              const cc_actors *actors, const cc_challenges *challenges,
                              cc_error *err)
{
    char *data;
    size_t len;
    *out = (cc_triads){0};
    cc_status st = cc_io_read_all(path, &data, &len, err);
    if (st != CC_OK)
        return st;
    st = cc_triads_load_buffer(out, cc_io_source_name(path), data, len, opt,
                               actors, challenges, err);
    free(data);
    return st;
}

void cc_triads_free(cc_triads *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->count; i++)
        free(t->rows[i].fields);
    free(t->rows);
    free(t->header);
    free(t->source);
    *t = (cc_triads){0};
}
