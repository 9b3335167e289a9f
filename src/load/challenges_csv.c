/* challenges_csv.c — reading challenges (SPEC §1.2) from a table in long
 * form, one row per need, as a spreadsheet holds them:
 *
 *   challenge_id, name, ambition, territory, description, need, weight
 *
 * The rows of a challenge follow one another; its first row gives its
 * name, ambition, territory and description, which later rows may leave
 * empty or repeat, but not change. An empty weight is 1. The rows come
 * from the row reader (rows.h: delimiter, byte-order mark, UTF-16, line
 * ends, --encoding), the checks and their messages from the checks every
 * challenges reader shares (challenges_check.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cocreate/text.h"
#include "load/challenges_load.h"
#include "load/rows.h"

enum { COL_ID, COL_NAME, COL_AMBITION, COL_TERRITORY, COL_DESCRIPTION, COL_NEED, COL_WEIGHT, COLS };

static const cc_column columns[COLS] = {
    [COL_ID] = {"challenge_id", true,
                {"challengeid", "id", "challenge", "defi", "iddefi", "identifiant"}},
    [COL_NAME] = {"name", true, {"name", "nom"}},
    [COL_AMBITION] = {"ambition", false, {"ambition"}},
    [COL_TERRITORY] = {"territory", false, {"territory", "territoire"}},
    [COL_DESCRIPTION] = {"description", false, {"description"}},
    [COL_NEED] = {"need", true, {"need", "besoin", "needs", "besoins"}},
    [COL_WEIGHT] = {"weight", false, {"weight", "poids"}},
};

/* The fields a challenge's first row gives, which later rows may repeat. */
static const int first_row_fields[] = {COL_NAME, COL_AMBITION, COL_TERRITORY, COL_DESCRIPTION};
enum { FIRST_ROW_FIELDS = sizeof first_row_fields / sizeof *first_row_fields };

typedef struct {
    const char *source;
    cc_challenge_checks k;     /* k.err: the open challenge's own errors */
    cc_error *errors;          /* the load's errors */
    cc_challenges *out;
    size_t capacity;           /* of out->items */
    const cc_row *row;
    bool header_done;
    size_t header_fields;
    int column[COLS];          /* field of each column, -1 when absent */
    bool stop;                 /* too many errors or out of memory */
    /* the challenge being read */
    bool open;
    cc_challenge c;
    cc_error own;
    char *key;                 /* its id normalised, NULL when empty */
    long line;                 /* of its first row */
    char *first[FIRST_ROW_FIELDS]; /* as its first row gives them */
} csv_loader;

/* ------------------------------------------------------------- fields */

/* Field `column` of the row with the spaces and tabs around it left out:
 * its length in *len, from the returned start. */
static const char *field(const csv_loader *L, int column, size_t *len)
{
    int i = L->column[column];
    const char *s = i < 0 || (size_t)i >= L->row->count ? "" : L->row->fields[i];
    size_t n = i < 0 || (size_t)i >= L->row->count ? 0 : L->row->lengths[i];
    while (n > 0 && (*s == ' ' || *s == '\t'))
        s++, n--;
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    *len = n;
    return s;
}

/* A copy of the trimmed field (NULL when out of memory, reported). */
static char *field_copy(csv_loader *L, int column)
{
    size_t n;
    const char *s = field(L, column, &n);
    char *copy = malloc(n + 1);
    if (!copy) {
        cc_challenge_out_of_memory(&L->k);
        L->stop = true;
        return NULL;
    }
    memcpy(copy, s, n);
    copy[n] = '\0';
    return copy;
}

/* ------------------------------------------------------------ a challenge */

/* Ends the open challenge: kept, or its errors reported (or, with
 * skip_bad, warned about). */
static void close_challenge(csv_loader *L)
{
    if (!L->open)
        return;
    L->open = false;
    if (L->out->count == L->capacity) {
        size_t n = L->capacity ? 2 * L->capacity : 16;
        cc_challenge *items = realloc(L->out->items, n * sizeof *items);
        if (!items) {
            cc_challenge_out_of_memory(&L->k);
            cc_challenge_clear(&L->c);
        } else {
            L->out->items = items;
            L->capacity = n;
        }
    }
    if (L->out->count < L->capacity)
        cc_challenge_keep(&L->k, &L->c, L->key, L->line, 0, L->out);
    free(L->key);
    L->key = NULL;
    for (int i = 0; i < FIRST_ROW_FIELDS; i++) {
        free(L->first[i]);
        L->first[i] = NULL;
    }
    L->k.err = L->errors;
    cc_challenge_settle(&L->k, &L->own, L->errors);
    if (cc_error_full(L->errors) || L->errors->status == CC_ESOFTWARE)
        L->stop = true;
}

/* Opens the challenge whose first row is the current one. */
static void open_challenge(csv_loader *L)
{
    L->open = true;
    L->own = (cc_error){0};
    L->k.err = &L->own;
    L->line = L->row->line;
    L->c = (cc_challenge){0};
    for (int i = 0; i < FIRST_ROW_FIELDS; i++)
        if (!(L->first[i] = field_copy(L, first_row_fields[i])))
            return;
    if (!(L->c.id = field_copy(L, COL_ID)) || !(L->c.name = strdup(L->first[0]))) {
        cc_challenge_out_of_memory(&L->k);
        L->stop = true;
        return;
    }
    const char *shown = L->c.id;
    if (!L->c.name[0])
        cc_challenge_error(&L->k, L->line, shown,
                           "'name' must not be empty on the challenge's first row");
    if (L->first[1][0])
        L->c.ambition = cc_challenge_ambition(&L->k, L->line, shown, L->first[1]);
    /* an empty territory or description is none, as when absent in JSON */
    if ((L->first[2][0] && !(L->c.territory = strdup(L->first[2]))) ||
        (L->first[3][0] && !(L->c.description = strdup(L->first[3])))) {
        cc_challenge_out_of_memory(&L->k);
        L->stop = true;
        return;
    }
    if (!cc_challenge_check_id(&L->k, L->c.id, L->line, &L->key))
        L->stop = true;
}

/* The ambition the `n` bytes at `s` name, -1 for none. */
static int ambition_of(const char *s, size_t n)
{
    for (int a = 0; a < CC_AMBITIONS; a++)
        if (strlen(cc_ambitions[a].name) == n && strncasecmp(s, cc_ambitions[a].name, n) == 0)
            return a;
    return -1;
}

/* A later row may leave the first row's fields empty or repeat them (an
 * ambition in any case, as everywhere). */
static void check_repeated(csv_loader *L)
{
    for (int i = 0; i < FIRST_ROW_FIELDS; i++) {
        size_t n;
        const char *s = field(L, first_row_fields[i], &n);
        if (n == 0 || (strlen(L->first[i]) == n && memcmp(s, L->first[i], n) == 0))
            continue;
        if (first_row_fields[i] == COL_AMBITION && ambition_of(s, n) >= 0 &&
            ambition_of(s, n) == cc_ambition_parse(L->first[i]))
            continue;
        char what[320];
        snprintf(what, sizeof what, "'%s' is '%.*s%s' on this row but %s%.*s%s%s on line %ld, "
                 "the challenge's first row", columns[first_row_fields[i]].name,
                 (int)cc_text_clip(s, n < 60 ? n : 60), s, n > 60 ? "…" : "",
                 L->first[i][0] ? "'" : "empty", CC_TEXT_CLIPPED(L->first[i], 60),
                 L->first[i][0] ? "'" : "", L->line);
        cc_challenge_error(&L->k, L->row->line, L->c.id, what);
    }
}

/* The weight of the current row: empty is 1; a decimal comma is read as
 * a point, as a spreadsheet in French writes it. False when it is not a
 * number (reported). */
static bool read_weight(csv_loader *L, const char *need, double *weight)
{
    size_t n;
    const char *s = field(L, COL_WEIGHT, &n);
    *weight = 1.0;
    if (n == 0)
        return true;
    char *text = malloc(n + 1);
    if (!text) {
        cc_challenge_out_of_memory(&L->k);
        L->stop = true;
        return false;
    }
    memcpy(text, s, n);
    text[n] = '\0';
    char *comma = strchr(text, ',');
    if (comma && !strchr(text, '.') && !strchr(comma + 1, ','))
        *comma = '.';
    const char *why = cc_text_number(text, weight);
    if (why) {
        char what[240];
        snprintf(what, sizeof what, "need '%.*s%s' has a weight that is not a number ('%.*s%s' %s)",
                 CC_TEXT_CLIPPED(need, 60), (int)cc_text_clip(s, n < 40 ? n : 40), s,
                 n > 40 ? "…" : "", why);
        cc_challenge_error(&L->k, L->row->line, L->c.id, what);
    }
    free(text);
    return why == NULL;
}

static void read_need(csv_loader *L)
{
    char *need = field_copy(L, COL_NEED);
    double weight;
    if (need && read_weight(L, need, &weight) &&
        !cc_challenge_need(&L->k, &L->c, L->c.id, L->row->line, need, weight))
        L->stop = true;
    free(need);
}

/* ---------------------------------------------------------------- rows */

/* An error of the row's form, which no challenge may own: an error, or
 * with skip_bad a warning. `column` > 0 gives "file:line:column". */
static void bad_row(csv_loader *L, long line, size_t column, const char *what)
{
    char where[32] = "";
    if (column > 0)
        snprintf(where, sizeof where, ":%zu", column);
    if (L->open) { /* the open challenge is bad, not just this row */
        cc_error_add(&L->own, CC_EDATA, "%s:%ld%s: %s", L->source, line, where, what);
        return;
    }
    if (L->k.opt->skip_bad)
        cc_warn(L->k.opt->warn, L->k.opt->warn_ctx, "%s:%ld%s: %s; row skipped", L->source, line,
                where, what);
    else
        cc_error_add(L->errors, CC_EDATA, "%s:%ld%s: %s", L->source, line, where, what);
    L->stop = cc_error_full(L->errors);
}

static bool same_challenge(const csv_loader *L)
{
    size_t n;
    const char *id = field(L, COL_ID, &n);
    return L->open && strlen(L->c.id) == n && memcmp(id, L->c.id, n) == 0;
}

static void read_row(csv_loader *L)
{
    const cc_row *row = L->row;
    size_t n;
    field(L, COL_ID, &n);
    /* a row of another challenge, or of none, ends the open one */
    if (!same_challenge(L) && n > 0)
        close_challenge(L);
    if (row->bad_line > 0) {
        bad_row(L, row->bad_line, row->bad_column,
                row->bad_nul ? "NUL byte (not a text file?)"
                             : "invalid UTF-8; if the file comes from a spreadsheet, try "
                               "--encoding cp1252");
        return;
    }
    if (row->count != L->header_fields) {
        char what[128];
        snprintf(what, sizeof what, "wrong number of fields: expected %zu (as in the header), "
                 "found %zu", L->header_fields, row->count);
        bad_row(L, row->line, 0, what);
        return;
    }
    if (n == 0) {
        bad_row(L, row->line, 0, "empty challenge_id (every row names its challenge)");
        return;
    }
    if (!L->open)
        open_challenge(L);
    else
        check_repeated(L);
    if (!L->stop && !cc_error_full(&L->own))
        read_need(L);
}

static bool on_row(void *ctx, const cc_row *row)
{
    csv_loader *L = ctx;
    L->row = row;
    if (L->header_done) {
        read_row(L);
        return !L->stop;
    }
    L->header_done = true;
    L->header_fields = row->count;
    L->stop = cc_rows_header(L->source, row, columns, COLS, L->column, L->errors) != CC_OK;
    return !L->stop;
}

cc_status cc_challenges_csv_read(cc_challenges *out, const char *source, const char *data,
                                 size_t len, const cc_challenges_options *opt, cc_intern *tags,
                                 cc_error *err)
{
    *out = (cc_challenges){0};
    int mark = err->count;
    if (!(out->source = strdup(source)))
        return cc_error_add(err, CC_ESOFTWARE, "%s: out of memory", source);
    csv_loader L = {.source = source, .errors = err, .out = out};
    cc_status st = CC_ESOFTWARE;
    if (cc_challenge_checks_init(&L.k, source, tags, opt, err)) {
        const cc_rows_options rows = {"csv", L.k.opt->delimiter, L.k.opt->encoding, NULL, NULL};
        st = cc_rows_read(source, data, len, &rows, on_row, &L, err);
        if (L.open && st == CC_OK && !L.stop)
            close_challenge(&L);
        else if (L.open) { /* stopped: what the open challenge found still counts */
            cc_challenge_clear(&L.c);
            L.key = (free(L.key), NULL);
            for (int i = 0; i < FIRST_ROW_FIELDS; i++)
                free(L.first[i]);
            cc_challenge_settle(&L.k, &L.own, err);
        }
        if (st == CC_OK && !L.header_done)
            cc_error_add(err, CC_EDATA, "%s:1: no header line", source);
        else if (st == CC_OK && out->count == 0 && err->count == mark)
            cc_error_add(err, CC_EDATA, "%s:1: no challenges defined", source);
        st = cc_error_since(err, mark);
    }
    cc_challenge_checks_free(&L.k);
    if (st != CC_OK)
        cc_challenges_free(out);
    return st;
}
