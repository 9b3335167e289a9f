/* history_csv.c — loading a history of partnerships (`--history`), row by
 * row from a row reader (CSV today), and building the set of one
 * challenge from its rows. The rules are in history.h. */
#include "cocreate/history.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cocreate/io.h"
#include "cocreate/text.h"
#include "load/rows.h"

/* The columns, by their compact normalised names (cc_text_norm_compact). */
enum { COL_SOCIAL, COL_COMPANY, COL_PUBLIC, COL_CHALLENGE, COLS };

static const struct {
    const char *name;        /* shown in messages */
    const char *aliases[5];
} columns[COLS] = {
    [COL_SOCIAL] = {"social_id", {"socialid", "social", "idsocial"}},
    [COL_COMPANY] = {"company_id", {"companyid", "company", "identreprise", "entreprise"}},
    [COL_PUBLIC] = {"public_id", {"publicid", "public", "idpublic"}},
    [COL_CHALLENGE] = {"challenge", {"challenge", "challengeid", "defi", "iddefi"}},
};

typedef struct {
    const char *source;
    cc_history_rows *out;
    const cc_history_options *opt;
    const cc_actors *actors;
    const cc_challenges *challenges;
    cc_error *err;
    bool header_done;
    size_t fields;         /* of the header */
    int column[COLS];      /* -1: absent */
    bool stop;
    char **known;          /* the normalised challenge ids (list_known); NULL before */
    size_t known_count;
} loader;

static void out_of_memory(loader *L)
{
    cc_error_add(L->err, CC_ESOFTWARE, "%s: out of memory", L->source);
    L->stop = true;
}

/* ------------------------------------------------------------- header */

/* The column whose compact name is `compact`, or -1. */
static int column_of(const char *compact)
{
    for (int c = 0; c < COLS; c++)
        for (int a = 0; columns[c].aliases[a]; a++)
            if (strcmp(compact, columns[c].aliases[a]) == 0)
                return c;
    return -1;
}

static void read_header(loader *L, const cc_row *row)
{
    L->header_done = true;
    L->stop = true; /* until the header proves readable */
    if (row->bad_line > 0) {
        cc_error_add(L->err, CC_EDATA, "%s:%ld:%zu: %s in the header", L->source, row->bad_line,
                     row->bad_column, row->bad_nul ? "NUL byte" : "invalid UTF-8");
        return;
    }
    L->fields = row->count;
    int errors = L->err->count;
    for (size_t i = 0; i < row->count; i++) {
        char *compact;
        cc_status st = cc_text_norm_compact(row->fields[i], row->lengths[i], &compact);
        if (st == CC_ESOFTWARE) {
            out_of_memory(L);
            return;
        }
        int c = st == CC_OK ? column_of(compact) : -1;
        free(compact);
        if (c >= 0 && L->column[c] >= 0)
            cc_error_add(L->err, CC_EDATA, "%s:%ld: column '%s' appears twice (fields %d and %zu)",
                         L->source, row->line, columns[c].name, L->column[c] + 1, i + 1);
        else if (c >= 0)
            L->column[c] = (int)i;
    }
    int ids = (L->column[COL_SOCIAL] >= 0) + (L->column[COL_COMPANY] >= 0) +
              (L->column[COL_PUBLIC] >= 0);
    if (ids < 2)
        cc_error_add(L->err, CC_EDATA,
                     "%s:%ld: a history needs at least two of the columns social_id, "
                     "company_id, public_id",
                     L->source, row->line);
    L->stop = L->err->count > errors;
}

/* --------------------------------------------------------------- rows */

/* Reports a bad row: an error, or with skip_bad_rows a warning. The text
 * `what` may hold a clipped id (never more than 64 bytes of it). */
static void bad_row(loader *L, long line, size_t column, const char *what)
{
    char where[32] = "";
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

/* A row naming what no actor or challenge is: a note for the first
 * CC_ERROR_MAX, counted for one note at the end after that. */
static void ignore_row(loader *L, long line, const char *what, const char *name)
{
    if (L->out->ignored_rows++ < CC_ERROR_MAX)
        cc_warn(L->opt->note, L->opt->note_ctx, "%s:%ld: %s '%.*s%s'; row ignored", L->source,
                line, what, CC_TEXT_CLIPPED(name, 60));
}

/* Places the row's actors by sector into t->member. False when the row is
 * bad (reported) or ignored (noted). */
static bool place_members(loader *L, const cc_row *row, cc_history_row *t)
{
    const char *unknown = NULL;
    int given = 0;
    for (int s = 0; s < CC_SECTORS; s++)
        t->member[s] = CC_HISTORY_NONE;
    for (int c = COL_SOCIAL; c <= COL_PUBLIC; c++) {
        const char *id = L->column[c] >= 0 ? row->fields[L->column[c]] : "";
        if (!id[strspn(id, " \t")])
            continue; /* blank: the pair's missing member */
        given++;
        long index = cc_actors_find(L->actors, id);
        if (index < 0) {
            unknown = unknown ? unknown : id;
            continue;
        }
        cc_sector s = L->actors->items[index].sector;
        if (t->member[s] != CC_HISTORY_NONE) {
            char what[80];
            snprintf(what, sizeof what, "two ids are %s actors: a partnership has one actor "
                     "per sector", cc_sector_names[s]);
            bad_row(L, row->line, 0, what);
            return false;
        }
        t->member[s] = (size_t)index;
    }
    if (given < 2) {
        bad_row(L, row->line, 0,
                given ? "one id: a history row names a pair (two actors) or a triad (three)"
                      : "no id: a history row names a pair (two actors) or a triad (three)");
        return false;
    }
    if (unknown)
        ignore_row(L, row->line, "no actor has the id", unknown);
    return !unknown;
}

/* The index in out->challenges of normalised `name`, added when new; -2
 * when out of memory. */
static int challenge_slot(cc_history_rows *out, const char *name)
{
    for (size_t i = 0; i < out->challenge_count; i++)
        if (strcmp(out->challenges[i], name) == 0)
            return (int)i;
    if (out->challenge_count >= INT32_MAX)
        return -2;
    char **names = realloc(out->challenges, (out->challenge_count + 1) * sizeof *names);
    if (!names)
        return -2;
    out->challenges = names;
    if (!(names[out->challenge_count] = strdup(name)))
        return -2;
    return (int)out->challenge_count++;
}

/* The normalised ids of the run's challenges (the ad-hoc one last), made
 * on first need: rows naming a challenge are compared with them. False
 * when out of memory. */
static bool list_known(loader *L)
{
    if (L->known)
        return true;
    size_t n = L->challenges ? L->challenges->count : 0;
    L->known = calloc(n + 2, sizeof *L->known);
    if (!L->known)
        return false;
    for (size_t i = 0; i <= n; i++) {
        const char *id = i < n ? L->challenges->items[i].id : L->opt->adhoc_id;
        if (id && cc_text_norm(id, strlen(id), &L->known[L->known_count++]) == CC_ESOFTWARE)
            return false;
    }
    return true;
}

static bool is_known(const loader *L, const char *name)
{
    for (size_t i = 0; i < L->known_count; i++)
        if (L->known[i] && strcmp(L->known[i], name) == 0)
            return true;
    return false;
}

/* A row's challenge into t->challenge. False when the row is ignored
 * (noted) or memory ran out (reported). */
static bool pick_challenge(loader *L, const cc_row *row, cc_history_row *t)
{
    t->challenge = -1;
    const char *cell = L->column[COL_CHALLENGE] >= 0 ? row->fields[L->column[COL_CHALLENGE]] : "";
    char *name;
    cc_status st = cc_text_norm(cell, strlen(cell), &name);
    if (st == CC_ESOFTWARE || (st == CC_OK && *name && !list_known(L))) {
        free(name);
        out_of_memory(L);
        return false;
    }
    if (st != CC_OK || !*name) {
        free(name);
        return true; /* an empty cell: every challenge */
    }
    bool known = is_known(L, name);
    int slot = known ? challenge_slot(L->out, name) : -1;
    free(name);
    if (slot == -2) {
        out_of_memory(L);
        return false;
    }
    if (!known && L->challenges)
        ignore_row(L, row->line, "no challenge has the id", cell);
    if (!known)
        return false; /* without challenges, a row of another run's challenge */
    t->challenge = slot;
    return true;
}

static void read_row(loader *L, const cc_row *row)
{
    if (row->bad_line > 0) {
        bad_row(L, row->bad_line, row->bad_column,
                row->bad_nul ? "NUL byte" : "invalid UTF-8 (the history must be UTF-8)");
        return;
    }
    if (row->count != L->fields) {
        char what[96];
        snprintf(what, sizeof what, "wrong number of fields: expected %zu (as in the header), "
                 "found %zu", L->fields, row->count);
        bad_row(L, row->line, 0, what);
        return;
    }
    cc_history_row t = {.line = row->line};
    if (!place_members(L, row, &t) || !pick_challenge(L, row, &t))
        return;
    cc_history_rows *out = L->out;
    if (out->count == out->capacity) {
        size_t cap = out->capacity ? out->capacity * 2 : 64;
        cc_history_row *rows = cap < SIZE_MAX / sizeof *rows
                                   ? realloc(out->rows, cap * sizeof *rows)
                                   : NULL;
        if (!rows) {
            out_of_memory(L);
            return;
        }
        out->rows = rows;
        out->capacity = cap;
    }
    out->rows[out->count++] = t;
}

static bool on_row(void *ctx, const cc_row *row)
{
    loader *L = ctx;
    if (!L->header_done)
        read_header(L, row);
    else
        read_row(L, row);
    return !L->stop;
}

cc_status cc_history_load_buffer(cc_history_rows *out, const char *source, const char *data,
                                 size_t len, const cc_history_options *opt,
                                 const cc_actors *actors, const cc_challenges *challenges,
                                 cc_error *err)
{
    int mark = err->count;
    *out = (cc_history_rows){.source = strdup(source)};
    if (!out->source)
        return cc_error_add(err, CC_ESOFTWARE, "%s: out of memory", source);
    loader L = {.source = source, .out = out, .opt = opt, .actors = actors,
                .challenges = challenges, .err = err, .column = {-1, -1, -1, -1}};
    const cc_rows_options rows = {opt->format, 0, NULL, NULL, NULL};
    cc_status st = cc_rows_read(source, data, len, &rows, on_row, &L, err);
    if (st == CC_OK && !L.header_done)
        cc_error_add(err, CC_EDATA, "%s:1: no header line", source);
    for (size_t i = 0; i < L.known_count; i++)
        free(L.known[i]);
    free(L.known);
    if (out->ignored_rows > CC_ERROR_MAX)
        cc_warn(opt->note, opt->note_ctx, "%s: %zu more rows name an unknown actor or "
                "challenge; ignored", source, out->ignored_rows - CC_ERROR_MAX);
    st = cc_error_since(err, mark);
    if (st != CC_OK)
        cc_history_rows_free(out);
    return st;
}

cc_status cc_history_load_file(cc_history_rows *out, const char *path,
                               const cc_history_options *opt, const cc_actors *actors,
                               const cc_challenges *challenges, cc_error *err)
{
    char *data;
    size_t len;
    *out = (cc_history_rows){0};
    cc_status st = cc_io_read_all(path, &data, &len, err);
    if (st != CC_OK)
        return st;
    st = cc_history_load_buffer(out, cc_io_source_name(path), data, len, opt, actors,
                                challenges, err);
    free(data);
    return st;
}

void cc_history_rows_free(cc_history_rows *rows)
{
    if (!rows)
        return;
    for (size_t i = 0; i < rows->challenge_count; i++)
        free(rows->challenges[i]);
    free(rows->challenges);
    free(rows->rows);
    free(rows->source);
    *rows = (cc_history_rows){0};
}

/* -------------------------------------------------------------- build */

cc_status cc_history_build(const cc_history_rows *rows, const char *challenge_id,
                           cc_history **out, cc_error *err)
{
    int own = -1; /* the slot of `challenge_id` among the rows' challenges */
    char *name = NULL;
    cc_status st = challenge_id ? cc_text_norm(challenge_id, strlen(challenge_id), &name) : CC_OK;
    if (st == CC_ESOFTWARE)
        return cc_error_add(err, CC_ESOFTWARE, "out of memory");
    for (size_t i = 0; name && i < rows->challenge_count; i++)
        if (strcmp(rows->challenges[i], name) == 0)
            own = (int)i;
    free(name);
    if ((st = cc_history_new(out)) != CC_OK)
        return cc_error_add(err, CC_ESOFTWARE, "out of memory");
    for (size_t i = 0; st == CC_OK && i < rows->count; i++)
        if (rows->rows[i].challenge < 0 || rows->rows[i].challenge == own)
            st = cc_history_add(*out, rows->rows[i].member);
    if (st != CC_OK) {
        cc_history_free(*out);
        *out = NULL;
        return cc_error_add(err, CC_ESOFTWARE, "out of memory");
    }
    return CC_OK;
}
