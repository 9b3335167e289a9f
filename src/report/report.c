/* report.c — choosing the printer for a format, and the pieces every
 * printer shares: need lists, numbers, statistics of `check`. */
#include "report_internal.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

const char *const cc_format_names[CC_FORMATS] = {"table", "csv", "tsv", "json", "jsonl"};

int cc_format_parse(const char *name)
{
    for (int i = 0; i < CC_FORMATS; i++)
        if (strcmp(name, cc_format_names[i]) == 0)
            return i;
    return -1;
}

/* The CSV/TSV dialect of a run; --excel also starts the file with a BOM. */
static const cc_dialect *dialect_of(FILE *fp, const cc_report_options *opt)
{
    static const cc_dialect csv = {',', false, "\n"}, tsv = {'\t', false, "\n"},
                            excel = {';', true, "\r\n"};
    if (opt->excel) {
        fputs("\xEF\xBB\xBF", fp);
        return &excel;
    }
    return opt->format == CC_TSV ? &tsv : &csv;
}

cc_status cc_report_match(FILE *fp, const cc_match_result *results, size_t count,
                          const cc_report_options *opt)
{
    switch (opt->format) {
    case CC_TABLE:
        return cc_table_match(fp, results, count, opt);
    case CC_JSON:
    case CC_JSONL:
        return cc_json_match(fp, results, count, opt->format == CC_JSONL);
    default:
        return cc_delimited_match(fp, results, count, opt, dialect_of(fp, opt));
    }
}

cc_status cc_report_explain(FILE *fp, const cc_scorer *s, const cc_triad *t,
                            const cc_report_options *opt)
{
    switch (opt->format) {
    case CC_TABLE:
        return cc_table_explain(fp, s, t, opt);
    case CC_JSON:
    case CC_JSONL:
        return cc_json_explain(fp, s, t, opt->format == CC_JSONL);
    default:
        return cc_delimited_explain(fp, s, t, opt, dialect_of(fp, opt));
    }
}

cc_status cc_report_scored(FILE *fp, char *const *header, size_t columns,
                           const cc_scored_row *rows, size_t count, const cc_report_options *opt)
{
    switch (opt->format) {
    case CC_TABLE:
        return cc_table_scored(fp, header, columns, rows, count, opt);
    case CC_JSON:
    case CC_JSONL:
        return cc_json_scored(fp, header, columns, rows, count, opt->format == CC_JSONL);
    default:
        return cc_delimited_scored(fp, header, columns, rows, count, opt, dialect_of(fp, opt));
    }
}

cc_status cc_report_gaps(FILE *fp, const cc_gaps *gaps, size_t count, const cc_report_options *opt)
{
    switch (opt->format) {
    case CC_TABLE:
        return cc_table_gaps(fp, gaps, count, opt);
    case CC_JSON:
    case CC_JSONL:
        return cc_json_gaps(fp, gaps, count, opt->format == CC_JSONL);
    default:
        return cc_delimited_gaps(fp, gaps, count, opt, dialect_of(fp, opt));
    }
}

cc_status cc_report_challenges(FILE *fp, const cc_challenges *all, const cc_report_options *opt)
{
    switch (opt->format) {
    case CC_TABLE:
        return cc_table_challenges(fp, all, opt);
    case CC_JSON:
    case CC_JSONL:
        return cc_json_challenges(fp, all, opt->format == CC_JSONL);
    default:
        return cc_delimited_challenges(fp, all, opt, dialect_of(fp, opt));
    }
}

cc_status cc_report_check(FILE *fp, const cc_actors *actors, const cc_challenges *all,
                          const cc_report_options *opt)
{
    if (opt->format == CC_JSON || opt->format == CC_JSONL)
        return cc_json_check(fp, actors, all, opt->format == CC_JSONL);
    size_t count;
    cc_stat *stats = cc_report_check_stats(actors, all, &count);
    if (!stats)
        return CC_ESOFTWARE;
    cc_status st = opt->format == CC_TABLE
                       ? cc_table_stats(fp, stats, count)
                       : cc_delimited_stats(fp, stats, count, opt, dialect_of(fp, opt));
    free(stats);
    return st;
}

/* ----------------------------------------------------------- shared bits */

/* Joins `n` strings given by `get(ctx, i)`; NULL on OOM. */
static char *join(size_t n, const char *(*get)(const void *, size_t), const void *ctx,
                  const char *separator)
{
    size_t len = 1, sep = strlen(separator);
    for (size_t i = 0; i < n; i++)
        len += strlen(get(ctx, i)) + sep;
    char *out = malloc(len), *p = out;
    if (!out)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        if (i) {
            memcpy(p, separator, sep);
            p += sep;
        }
        size_t l = strlen(get(ctx, i));
        memcpy(p, get(ctx, i), l);
        p += l;
    }
    *p = '\0';
    return out;
}

typedef struct {
    const cc_challenge *ch;
    int picked[CC_MAX_NEEDS];
} need_pick;

static const char *picked_need(const void *ctx, size_t i)
{
    const need_pick *p = ctx;
    return p->ch->needs[p->picked[i]].display;
}

char *cc_report_need_list(const cc_challenge *ch, uint64_t mask, const char *separator)
{
    need_pick p = {ch, {0}};
    size_t n = 0;
    for (int i = 0; i < ch->need_count; i++)
        if (mask >> i & 1)
            p.picked[n++] = i;
    return join(n, picked_need, &p, separator);
}

typedef struct {
    const cc_intern *tags;
    const cc_idlist *list;
} tag_pick;

static const char *picked_tag(const void *ctx, size_t i)
{
    const tag_pick *p = ctx;
    return cc_intern_display(p->tags, p->list->ids[i]);
}

char *cc_report_tag_list(const cc_intern *tags, const cc_idlist *list, const char *separator)
{
    tag_pick p = {tags, list};
    return join((size_t)list->count, picked_tag, &p, separator);
}

void cc_report_need_gap(const cc_need_gap *g, char *buf, size_t size)
{
    size_t missing = 0, used = 0;
    buf[0] = '\0';
    for (int k = 0; k < CC_SECTORS; k++)
        missing += g->offered[k] == 0;
    if (missing == CC_SECTORS) {
        snprintf(buf, size, "no actor");
        return;
    }
    for (int k = 0; k < CC_SECTORS && used < size; k++)
        if (g->offered[k] == 0)
            used += (size_t)snprintf(buf + used, size - used, "%s%s", used ? ", " : "no ",
                                     cc_sector_names[k]);
}

void cc_report_best_actors(const cc_actors *actors, const cc_need_gap *g, const char *separator,
                           char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int i = 0; i < g->best_count && used < size; i++) {
        const cc_actor *a = &actors->items[g->best[i]];
        used += (size_t)snprintf(buf + used, size - used, "%s%s (%s)", i ? separator : "",
                                 a->name, a->id);
    }
}

void cc_report_number(char buf[32], double v)
{
    snprintf(buf, 32, "%.4f", v);
}

/* ------------------------------------------------------------ statistics */

#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static cc_stat *add_stat(cc_stat *stats, size_t *n, const char *key, const char *fmt, ...)
{
    cc_stat *s = &stats[(*n)++];
    snprintf(s->key, sizeof s->key, "%s", key);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->value, sizeof s->value, fmt, ap);
    va_end(ap);
    return s;
}

/* Distinct tags used by actors, and distinct territories. */
static void count_distinct(const cc_actors *a, size_t *tags, size_t *territories)
{
    int n = cc_intern_count(a->tags);
    char *used = calloc((size_t)n + 1, 1);
    cc_intern *places = cc_intern_new();
    *tags = *territories = 0;
    for (size_t i = 0; used && i < a->count; i++) {
        const cc_actor *x = &a->items[i];
        for (int k = 0; k < x->expertise.count; k++)
            used[x->expertise.ids[k]] = 1;
        for (int k = 0; k < x->seeks.count; k++)
            used[x->seeks.ids[k]] = 1;
        if (places && x->territory_depth > 0) {
            char key[512];
            size_t len = 0;
            for (int d = 0; d < x->territory_depth && len < sizeof key - 12; d++)
                len += (size_t)snprintf(key + len, sizeof key - len, "%d/", x->territory[d]);
            cc_intern_add(places, key, NULL, NULL);
        }
    }
    for (int t = 0; used && t < n; t++)
        *tags += used[t];
    *territories = (size_t)cc_intern_count(places);
    free(used);
    cc_intern_free(places);
}

/* The needs of `ch` that no actor offers, joined; NULL on OOM. */
char *cc_report_unmet_needs(const cc_actors *actors, const cc_challenge *ch)
{
    uint64_t offered = 0;
    for (size_t i = 0; i < actors->count; i++)
        for (int k = 0; k < actors->items[i].expertise.count; k++)
            for (int n = 0; n < ch->need_count; n++)
                if (actors->items[i].expertise.ids[k] == ch->needs[n].tag)
                    offered |= UINT64_C(1) << n;
    uint64_t all = ch->need_count == 64 ? ~UINT64_C(0) : (UINT64_C(1) << ch->need_count) - 1;
    return cc_report_need_list(ch, all & ~offered, "; ");
}

cc_stat *cc_report_check_stats(const cc_actors *actors, const cc_challenges *all, size_t *count)
{
    size_t cap = 16 + (all ? all->count : 0);
    cc_stat *stats = calloc(cap, sizeof *stats);
    if (!stats)
        return NULL;
    size_t n = 0, tags, territories, located = 0, seeking = 0, reaching = 0;
    count_distinct(actors, &tags, &territories);
    for (size_t i = 0; i < actors->count; i++) {
        located += actors->items[i].territory_depth > 0;
        seeking += actors->items[i].seeks.count > 0;
        reaching += actors->items[i].reach > 0;
    }
    add_stat(stats, &n, "actors.file", "%s", actors->source ? actors->source : "");
    add_stat(stats, &n, "actors.total", "%zu", actors->count);
    for (int s = 0; s < CC_SECTORS; s++) {
        char key[32];
        snprintf(key, sizeof key, "actors.%s", cc_sector_names[s]);
        add_stat(stats, &n, key, "%zu", actors->per_sector[s]);
    }
    add_stat(stats, &n, "actors.skipped_rows", "%zu", actors->skipped_rows);
    add_stat(stats, &n, "tags.distinct", "%zu", tags);
    add_stat(stats, &n, "territories.distinct", "%zu", territories);
    add_stat(stats, &n, "actors.with_territory", "%zu", located);
    add_stat(stats, &n, "actors.with_seeks", "%zu", seeking);
    add_stat(stats, &n, "actors.with_reach", "%zu", reaching);
    add_stat(stats, &n, "columns.seeks", "%s", actors->column_seeks ? "present" : "absent");
    add_stat(stats, &n, "columns.territory", "%s",
             actors->column_territory ? "present" : "absent");
    add_stat(stats, &n, "columns.reach", "%s", actors->column_reach ? "present" : "absent");
    if (all) {
        add_stat(stats, &n, "challenges.file", "%s", all->source ? all->source : "");
        add_stat(stats, &n, "challenges.total", "%zu", all->count);
        for (size_t c = 0; c < all->count; c++) {
            char key[64], *unmet = cc_report_unmet_needs(actors, &all->items[c]);
            snprintf(key, sizeof key, "unmet.%s", all->items[c].id);
            add_stat(stats, &n, key, "%s", unmet ? unmet : "");
            free(unmet);
        }
    }
    *count = n;
    return stats;
}
