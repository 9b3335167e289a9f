/* actors_csv.c — loading the actors CSV (SPEC §1.1): columns and their
 * aliases, sectors, tags, territories and reach, row by row from the CSV
 * reader, with every error naming its line. */
#include "cocreate/actors.h"

#include <stdlib.h>
#include <string.h>

#include "cocreate/io.h"
#include "cocreate/text.h"
#include "load/csv_reader.h"

const char *const cc_sector_names[CC_SECTORS] = {"social", "company", "public"};

/* ---------------------------------------------------------------- columns */

enum { COL_ID, COL_NAME, COL_SECTOR, COL_EXPERTISE, COL_SEEKS, COL_TERRITORY, COL_REACH, COLS };

typedef struct {
    const char *name;        /* canonical name, shown in messages */
    bool required;
    const char *aliases[6];  /* compact normalised forms (no spaces) */
} column_spec;

static const column_spec columns[COLS] = {
    [COL_ID] = {"id", true, {"id", "identifiant"}},
    [COL_NAME] = {"name", true, {"name", "nom"}},
    [COL_SECTOR] = {"sector", true, {"sector", "secteur", "type"}},
    [COL_EXPERTISE] = {"expertise", true, {"expertise", "expertises", "competences", "savoirfaire"}},
    [COL_SEEKS] = {"seeks", false, {"seeks", "besoins", "recherche"}},
    [COL_TERRITORY] = {"territory", false, {"territory", "territoire"}},
    [COL_REACH] = {"reach", false, {"reach", "portee", "beneficiaires"}},
};

static int column_of(const char *compact)
{
    for (int c = 0; c < COLS; c++)
        for (int a = 0; columns[c].aliases[a]; a++)
            if (strcmp(compact, columns[c].aliases[a]) == 0)
                return c;
    return -1;
}

/* ---------------------------------------------------------------- sectors */

static const struct {
    const char *alias; /* normalised */
    cc_sector sector;
} sector_aliases[] = {
    {"social", CC_SOCIAL},          {"social entrepreneur", CC_SOCIAL},
    {"entrepreneur social", CC_SOCIAL}, {"association", CC_SOCIAL},
    {"ess", CC_SOCIAL},             {"civil society", CC_SOCIAL},
    {"societe civile", CC_SOCIAL},  {"company", CC_COMPANY},
    {"business", CC_COMPANY},       {"entreprise", CC_COMPANY},
    {"private", CC_COMPANY},        {"prive", CC_COMPANY},
    {"public", CC_PUBLIC},          {"public body", CC_PUBLIC},
    {"pouvoir public", CC_PUBLIC},  {"pouvoirs publics", CC_PUBLIC},
    {"collectivite", CC_PUBLIC},    {"administration", CC_PUBLIC},
};

int cc_sector_parse(const char *text)
{
    char *n = cc_text_norm(text, strlen(text));
    int found = -1;
    for (size_t i = 0; n && i < sizeof sector_aliases / sizeof *sector_aliases; i++)
        if (strcmp(n, sector_aliases[i].alias) == 0)
            found = (int)sector_aliases[i].sector;
    free(n);
    return found;
}

/* ------------------------------------------------------- tags and places */

static int compare_ints(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* Splits `text` on any of `separators`, normalises each piece and interns
 * it; empty pieces are dropped. Returns the ids in order, or -1 on OOM. */
static int intern_pieces(cc_intern *table, const char *text, size_t len, const char *separators,
                         int **ids_out)
{
    int count = 0, cap = 0, *ids = NULL;
    size_t start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && !strchr(separators, text[i]))
            continue;
        char *raw = strndup(text + start, i - start);
        char *key = raw ? cc_text_norm(raw, i - start) : NULL;
        int id = -2;
        if (key && key[0] == '\0')
            id = -3; /* normalises to nothing: dropped */
        else if (key) {
            /* Show the tag as written, without surrounding spaces. */
            char *shown = raw;
            while (*shown == ' ' || *shown == '\t')
                shown++;
            size_t n = strlen(shown);
            while (n > 0 && (shown[n - 1] == ' ' || shown[n - 1] == '\t'))
                shown[--n] = '\0';
            id = cc_intern_add(table, key, shown, NULL);
        }
        free(raw);
        free(key);
        if (id == -3) {
            start = i + 1;
            continue;
        }
        if (id >= 0 && count == cap) {
            cap = cap ? cap * 2 : 8;
            int *bigger = realloc(ids, (size_t)cap * sizeof *ids);
            id = bigger ? id : -1;
            ids = bigger ? bigger : ids;
        }
        if (id < 0) {
            free(ids);
            return -1;
        }
        ids[count++] = id;
        start = i + 1;
    }
    *ids_out = ids;
    return count;
}

static int intern_tags(cc_intern *tags, const char *text, size_t len, cc_idlist *out)
{
    int *ids = NULL;
    int n = intern_pieces(tags, text, len, ";|", &ids);
    if (n < 0)
        return -1;
    if (n > 1)
        qsort(ids, (size_t)n, sizeof *ids, compare_ints);
    int distinct = 0;
    for (int i = 0; i < n; i++)
        if (distinct == 0 || ids[distinct - 1] != ids[i])
            ids[distinct++] = ids[i];
    out->ids = ids;
    out->count = distinct;
    return 0;
}

int cc_territory_parse(cc_intern *places, const char *text, int **segments)
{
    return intern_pieces(places, text, strlen(text), "/", segments);
}

bool cc_territory_nested(const int *a, int na, const int *b, int nb)
{
    if (na == 0 || nb == 0)
        return false;
    int n = na < nb ? na : nb;
    return memcmp(a, b, (size_t)n * sizeof *a) == 0;
}

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
    const cc_csv_row *row;  /* the row being read */
    bool header_done;
    size_t header_fields;
    int column_index[COLS]; /* field index of each column, -1 when absent */
    bool stop;              /* too many errors or out of memory */
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

static void read_header(loader *L)
{
    for (int c = 0; c < COLS; c++)
        L->column_index[c] = -1;
    const cc_csv_row *row = L->row;
    L->header_fields = row->count;
    if (row->bad_line > 0) {
        cc_error_add(L->err, CC_EDATA, "%s:%ld:%zu: invalid UTF-8 in the header", L->source,
                     row->bad_line, row->bad_column);
        L->stop = true;
        return;
    }
    for (size_t f = 0; f < row->count; f++) {
        char *compact = cc_text_norm_compact(row->fields[f], row->lengths[f]);
        int c = compact ? column_of(compact) : -1;
        free(compact);
        if (c < 0)
            continue; /* unknown columns are ignored */
        if (L->column_index[c] >= 0) {
            cc_error_add(L->err, CC_EDATA, "%s:%ld: column '%s' appears twice (fields %d and %zu)",
                         L->source, row->line, columns[c].name, L->column_index[c] + 1, f + 1);
            continue;
        }
        L->column_index[c] = (int)f;
    }
    for (int c = 0; c < COLS; c++) {
        if (!columns[c].required || L->column_index[c] >= 0)
            continue;
        char also[96] = "";
        for (int a = 1; columns[c].aliases[a]; a++) {
            strcat(also, a > 1 ? ", " : " (also accepted: ");
            strcat(also, columns[c].aliases[a]);
        }
        if (also[0])
            strcat(also, ")");
        cc_error_add(L->err, CC_EDATA, "%s:%ld: missing required column '%s'%s", L->source,
                     row->line, columns[c].name, also);
    }
    L->out->column_seeks = L->column_index[COL_SEEKS] >= 0;
    L->out->column_territory = L->column_index[COL_TERRITORY] >= 0;
    L->out->column_reach = L->column_index[COL_REACH] >= 0;
    L->header_done = true;
    if (L->err->count > 0)
        L->stop = true; /* without the header no row can be read */
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

static bool grow_actors(cc_actors *a)
{
    if (a->count < a->capacity)
        return true;
    size_t cap = a->capacity ? a->capacity * 2 : 256;
    cc_actor *items = realloc(a->items, cap * sizeof *items);
    if (!items)
        return false;
    a->items = items;
    a->capacity = cap;
    return true;
}

static void free_actor(cc_actor *a)
{
    free(a->id);
    free(a->name);
    free(a->expertise.ids);
    free(a->seeks.ids);
    free(a->territory);
    free(a->territory_text);
}

static bool is_blank(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\t')
            return false;
    return true;
}

/* Builds the actor of a data row, or reports why the row is bad. */
static void read_actor(loader *L)
{
    char detail[160];
    long line = L->row->line;
    if (L->row->bad_line > 0) {
        bad_row(L, L->row->bad_line, L->row->bad_column, "invalid UTF-8",
                "; if the file comes from a spreadsheet, try --encoding cp1252");
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
    int sector = cc_sector_parse(field(L, COL_SECTOR));
    if (sector < 0) {
        snprintf(detail, sizeof detail,
                 " '%.40s' (accepted: social, company, public, or an alias such as association, "
                 "entreprise, collectivite)",
                 field(L, COL_SECTOR));
        bad_row(L, line, 0, "unknown sector", detail);
        return;
    }
    uint64_t reach = 0;
    if (!parse_reach(field(L, COL_REACH), field_len(L, COL_REACH), &reach)) {
        snprintf(detail, sizeof detail, " '%.40s' (expected a non-negative whole number)",
                 field(L, COL_REACH));
        bad_row(L, line, 0, "bad reach", detail);
        return;
    }
    const char *id = field(L, COL_ID);
    long previous = cc_actors_find(L->out, id);
    if (previous >= 0) {
        snprintf(detail, sizeof detail, " '%.60s' (first on line %ld)", id,
                 L->out->items[previous].line);
        bad_row(L, line, 0, "duplicate id", detail);
        return;
    }
    cc_actor a = {.sector = (cc_sector)sector, .reach = reach, .line = line};
    a.id = strdup(id);
    a.name = strdup(field(L, COL_NAME));
    bool ok = a.id && a.name &&
              intern_tags(L->out->tags, field(L, COL_EXPERTISE), field_len(L, COL_EXPERTISE),
                          &a.expertise) == 0 &&
              intern_tags(L->out->tags, field(L, COL_SEEKS), field_len(L, COL_SEEKS), &a.seeks) ==
                  0;
    if (ok) {
        a.territory_depth = cc_territory_parse(L->out->places, field(L, COL_TERRITORY),
                                               &a.territory);
        ok = a.territory_depth >= 0;
        if (ok && a.territory_depth > 0)
            ok = (a.territory_text = strdup(field(L, COL_TERRITORY))) != NULL;
    }
    ok = ok && grow_actors(L->out) && cc_intern_add(L->out->ids, id, NULL, NULL) >= 0;
    if (!ok) {
        free_actor(&a);
        cc_error_add(L->err, CC_ESOFTWARE, "%s: out of memory", L->source);
        L->stop = true;
        return;
    }
    cc_actors *out = L->out;
    out->items[out->count++] = a;
    out->per_sector[a.sector]++;
    out->any_seeks |= a.seeks.count > 0;
    out->any_territory |= a.territory_depth > 0;
    out->any_reach |= a.reach > 0;
}

static bool on_row(void *ctx, const cc_csv_row *row)
{
    loader *L = ctx;
    L->row = row;
    if (!L->header_done)
        read_header(L);
    else
        read_actor(L);
    return !L->stop;
}

static cc_status load(cc_actors *out, const char *source, const char *data, size_t len,
                      const cc_load_options *opt, cc_error *err)
{
    loader L = {.source = source, .out = out, .opt = opt, .err = err};
    int errors_before = err->count;
    cc_csv_options csv = {opt->delimiter, opt->encoding, opt->progress, opt->progress_ctx};
    cc_csv_read(source, data, len, &csv, on_row, &L, err);
    if (!L.header_done && err->count == errors_before)
        cc_error_add(err, CC_EDATA, "%s:1: no header line", source);
    return err->count > errors_before ? err->status : CC_OK;
}

/* ------------------------------------------------------------ public API */

cc_status cc_actors_load_buffer(cc_actors *out, const char *source, const char *data, size_t len,
                                const cc_load_options *opt, cc_intern *tags, cc_error *err)
{
    static const cc_load_options defaults = {0};
    if (!opt)
        opt = &defaults;
    *out = (cc_actors){.tags = tags};
    out->source = strdup(source);
    out->places = cc_intern_new();
    out->ids = cc_intern_new();
    if (!out->source || !out->places || !out->ids) {
        cc_actors_free(out);
        return cc_error_add(err, CC_ESOFTWARE, "out of memory");
    }
    cc_status st = load(out, source, data, len, opt, err);
    if (st != CC_OK) {
        cc_actors_free(out);
        *out = (cc_actors){.tags = tags};
    }
    return st;
}

cc_status cc_actors_load_file(cc_actors *out, const char *path, const cc_load_options *opt,
                              cc_intern *tags, cc_error *err)
{
    char *data;
    size_t len;
    *out = (cc_actors){.tags = tags};
    cc_status st = cc_io_read_all(path, &data, &len, err);
    if (st != CC_OK)
        return st;
    st = cc_actors_load_buffer(out, cc_io_source_name(path), data, len, opt,
                               tags, err);
    free(data);
    return st;
}

bool cc_idlist_contains(const cc_idlist *list, int id)
{
    int lo = 0, hi = list->count;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (list->ids[mid] < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < list->count && list->ids[lo] == id;
}

long cc_actors_find(const cc_actors *a, const char *id)
{
    return a->ids ? cc_intern_find(a->ids, id) : -1;
}

void cc_actors_free(cc_actors *a)
{
    if (!a)
        return;
    for (size_t i = 0; i < a->count; i++)
        free_actor(&a->items[i]);
    free(a->items);
    free(a->source);
    cc_intern_free(a->places);
    cc_intern_free(a->ids);
    *a = (cc_actors){0};
}
