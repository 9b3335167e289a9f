/* report.c — the table of output formats, the calls that hand a report to
 * its format's printers, and the pieces every printer shares: need lists,
 * numbers, statistics of `check`. */
#include "report_internal.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- formats */

static const char *const no_extension[] = {NULL};
static const char *const csv_extensions[] = {"csv", NULL};
static const char *const tsv_extensions[] = {"tsv", "tab", NULL};
static const char *const json_extensions[] = {"json", NULL};
static const char *const jsonl_extensions[] = {"jsonl", "ndjson", NULL};
static const char *const html_extensions[] = {"html", "htm", NULL};

static const cc_dialect csv_dialect = {',', false, "\n", false};
static const cc_dialect tsv_dialect = {'\t', false, "\n", false};
static const cc_json_style json_document = {false};
static const cc_json_style json_lines = {true};

const cc_format_desc cc_formats[] = {
    [CC_TABLE] = {"table", no_extension, "aligned columns for a terminal", &cc_table_printers,
                  NULL, 0},
    [CC_CSV] = {"csv", csv_extensions, "comma-separated values (RFC 4180)",
                &cc_delimited_printers, &csv_dialect, 0},
    [CC_TSV] = {"tsv", tsv_extensions, "tab-separated values", &cc_delimited_printers,
                &tsv_dialect, 0},
    [CC_JSON] = {"json", json_extensions, "one JSON document", &cc_json_printers,
                 &json_document, 0},
    [CC_JSONL] = {"jsonl", jsonl_extensions, "JSON Lines: one object a line", &cc_json_printers,
                  &json_lines, 0},
    [CC_HTML] = {"html", html_extensions, "a report to share or print", &cc_html_printers, NULL,
                 1u << CC_REPORT_SCORED | 1u << CC_REPORT_CHALLENGES | 1u << CC_REPORT_CHECK |
                     1u << CC_REPORT_TAGS},
};
_Static_assert(sizeof cc_formats / sizeof *cc_formats == CC_FORMATS,
               "every cc_format has a row in cc_formats");

int cc_format_parse(const char *name)
{
    for (int i = 0; i < CC_FORMATS; i++)
        if (strcmp(name, cc_formats[i].name) == 0)
            return i;
    return -1;
}

int cc_format_for_path(const char *path)
{
    const char *slash = path ? strrchr(path, '/') : NULL;
    const char *dot = path ? strrchr(slash ? slash : path, '.') : NULL;
    if (!dot)
        return -1;
    for (int i = 0; i < CC_FORMATS; i++)
        for (const char *const *ext = cc_formats[i].extensions; *ext; ext++)
            if (strcmp(dot + 1, *ext) == 0)
                return i;
    return -1;
}

const char *const cc_report_kind_names[CC_REPORT_KINDS] = {
    [CC_REPORT_MATCH] = "match",   [CC_REPORT_PLAN] = "plan",
    [CC_REPORT_EXPLAIN] = "explain", [CC_REPORT_SCORED] = "score",
    [CC_REPORT_GAPS] = "gaps",     [CC_REPORT_CHALLENGES] = "challenges",
    [CC_REPORT_CHECK] = "check",   [CC_REPORT_TAGS] = "tags",
};

/* Whether `p` has its printer of `kind`. A switch with no default, so that
 * a new kind without a case here is a compiler warning (an error in CI). */
static bool has_printer(const cc_printers *p, cc_report_kind kind)
{
    switch (kind) {
    case CC_REPORT_MATCH: return p->match != NULL;
    case CC_REPORT_PLAN: return p->plan != NULL;
    case CC_REPORT_EXPLAIN: return p->explain != NULL;
    case CC_REPORT_SCORED: return p->scored != NULL;
    case CC_REPORT_GAPS: return p->gaps != NULL;
    case CC_REPORT_CHALLENGES: return p->challenges != NULL;
    case CC_REPORT_CHECK: return p->check != NULL;
    case CC_REPORT_TAGS: return p->tags != NULL;
    case CC_REPORT_KINDS: break;
    }
    return false;
}

bool cc_format_prints(cc_format format, cc_report_kind kind)
{
    return format < CC_FORMATS && kind < CC_REPORT_KINDS &&
           has_printer(cc_formats[format].printers, kind);
}

/* The printers of the run's format, and what they write to; NULL when the
 * format has no printer of `kind` (the CLI refuses that pair before). */
static const cc_printers *printers_for(FILE *fp, const cc_report_options *opt,
                                       cc_report_kind kind, cc_sink *out)
{
    const cc_format_desc *f = &cc_formats[opt->format];
    *out = (cc_sink){fp, opt, f->settings};
    return has_printer(f->printers, kind) ? f->printers : NULL;
}

cc_status cc_report_match(FILE *fp, const cc_match_result *results, size_t count,
                          const cc_report_options *opt)
{
    cc_sink out;
    const cc_printers *p = printers_for(fp, opt, CC_REPORT_MATCH, &out);
    return p ? p->match(&out, results, count) : CC_EUSAGE;
}

cc_status cc_report_plan(FILE *fp, const cc_plan_result *r, const cc_report_options *opt)
{
    cc_sink out;
    const cc_printers *p = printers_for(fp, opt, CC_REPORT_PLAN, &out);
    return p ? p->plan(&out, r) : CC_EUSAGE;
}

cc_status cc_report_explain(FILE *fp, const cc_scorer *s, const cc_triad *t,
                            const bool outside[CC_SECTORS], const cc_report_options *opt)
{
    cc_sink out;
    const cc_printers *p = printers_for(fp, opt, CC_REPORT_EXPLAIN, &out);
    return p ? p->explain(&out, s, t, outside) : CC_EUSAGE;
}

cc_status cc_report_scored(FILE *fp, char *const *header, size_t columns,
                           const cc_scored_row *rows, size_t count, const cc_report_options *opt)
{
    cc_sink out;
    const cc_printers *p = printers_for(fp, opt, CC_REPORT_SCORED, &out);
    return p ? p->scored(&out, header, columns, rows, count) : CC_EUSAGE;
}

cc_status cc_report_gaps(FILE *fp, const cc_gaps *gaps, size_t count, const cc_report_options *opt)
{
    cc_sink out;
    const cc_printers *p = printers_for(fp, opt, CC_REPORT_GAPS, &out);
    return p ? p->gaps(&out, gaps, count) : CC_EUSAGE;
}

cc_status cc_report_challenges(FILE *fp, const cc_challenges *all, const cc_report_options *opt)
{
    cc_sink out;
    const cc_printers *p = printers_for(fp, opt, CC_REPORT_CHALLENGES, &out);
    return p ? p->challenges(&out, all) : CC_EUSAGE;
}

cc_status cc_report_check(FILE *fp, const cc_actors *actors, const cc_challenges *all,
                          const cc_vocabulary *voc, const cc_report_options *opt)
{
    cc_sink out;
    const cc_printers *p = printers_for(fp, opt, CC_REPORT_CHECK, &out);
    return p ? p->check(&out, actors, all, voc) : CC_EUSAGE;
}

cc_status cc_report_tags(FILE *fp, const cc_vocabulary *voc, const cc_report_options *opt)
{
    cc_sink out;
    const cc_printers *p = printers_for(fp, opt, CC_REPORT_TAGS, &out);
    return p ? p->tags(&out, voc) : CC_EUSAGE;
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

static const char *picked_text(const void *ctx, size_t i)
{
    return ((const char *const *)ctx)[i];
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

char *cc_report_brought_need(const cc_scorer *s, size_t actor, int n)
{
    const cc_need *need = &s->challenge->needs[n];
    int origin = cc_actors_origin(s->actors, actor, need->tag);
    if (origin == need->written)
        return strdup(need->display);
    const char *via = cc_intern_display(s->actors->tags, origin);
    size_t a = strlen(need->display), b = strlen(via);
    char *text = malloc(a + b + sizeof " (via )");
    if (text)
        snprintf(text, a + b + sizeof " (via )", "%s (via %s)", need->display, via);
    return text;
}

char *cc_report_brings_list(const cc_scorer *s, size_t actor, uint64_t mask, const char *separator)
{
    char *said[CC_MAX_NEEDS];
    const char *list[CC_MAX_NEEDS] = {NULL}; /* all set before use; GCC cannot tell */
    size_t n = 0;
    bool ok = true;
    for (int i = 0; i < s->challenge->need_count; i++)
        if (mask >> i & 1) {
            ok &= (said[n] = cc_report_brought_need(s, actor, i)) != NULL;
            list[n] = said[n];
            n++;
        }
    char *out = ok ? join(n, picked_text, list, separator) : NULL;
    for (size_t i = 0; i < n; i++)
        free(said[i]);
    return out;
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

const char *cc_report_need_gap(const cc_need_gap *g)
{
    /* indexed by the sectors without an offer: bit k for sector k */
    static const char *const text[1 << CC_SECTORS] = {
        "", "no social", "no company", "no social, company", "no public", "no social, public",
        "no company, public", "no actor"};
    unsigned missing = 0;
    for (int k = 0; k < CC_SECTORS; k++)
        missing |= (unsigned)(g->offered[k] == 0) << k;
    return text[missing];
}

char *cc_report_best_actors(const cc_actors *actors, const cc_need_gap *g, const char *separator)
{
    size_t len = 1;
    for (int i = 0; i < g->best_count; i++) {
        const cc_actor *a = &actors->items[g->best[i]];
        len += strlen(separator) + strlen(a->name) + strlen(a->id) + 3;
    }
    char *out = malloc(len);
    size_t used = 0;
    for (int i = 0; out && i < g->best_count; i++) {
        const cc_actor *a = &actors->items[g->best[i]];
        used += (size_t)snprintf(out + used, len - used, "%s%s (%s)", i ? separator : "",
                                 a->name, a->id);
    }
    if (out && g->best_count == 0)
        out[0] = '\0';
    return out;
}

void cc_report_number(char buf[32], double v)
{
    snprintf(buf, 32, "%.4f", v);
}

void cc_report_weight(char buf[32], double w)
{
    /* %g keeps 6 digits: 0.1234567 would read back as 0.123457 */
    for (int digits = 6; digits <= 17; digits++) {
        snprintf(buf, 32, "%.*g", digits, w);
        if (strtod(buf, NULL) == w)
            return;
    }
}

/* ------------------------------------------------------------------ tags */

const char *const cc_tag_columns[CC_TAG_COLUMNS] = {
    "tag", "offered_social", "offered_company", "offered_public", "sought_social",
    "sought_company", "sought_public", "needed", "uses"};

void cc_report_tag_counts(const cc_tag_use *u, size_t counts[CC_TAG_COLUMNS - 1])
{
    size_t n = 0;
    for (int k = 0; k < CC_SECTORS; k++)
        counts[n++] = u->offered[k];
    for (int k = 0; k < CC_SECTORS; k++)
        counts[n++] = u->sought[k];
    counts[n++] = u->needed;
    counts[n++] = u->uses;
}

/* ------------------------------------------------------------ statistics */

/* A new string from printf-style text; NULL on OOM. */
#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
static char *text_of(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (s) {
        va_start(ap, fmt);
        vsnprintf(s, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    return s;
}

/* Appends a statistic, taking `key` and `value` (freed if it fails). */
static bool add_stat(cc_stat *stats, size_t *n, char *key, char *value)
{
    if (!key || !value) {
        free(key);
        free(value);
        return false;
    }
    stats[(*n)++] = (cc_stat){key, value, false};
    return true;
}

/* Appends a count, taking `key` (freed if it fails). */
static bool add_count(cc_stat *stats, size_t *n, char *key, size_t count)
{
    if (!add_stat(stats, n, key, text_of("%zu", count)))
        return false;
    stats[*n - 1].count = true;
    return true;
}

static uint64_t hash_place(const cc_actor *x)
{
    uint64_t h = 1469598103934665603ULL ^ (uint64_t)x->territory_depth;
    for (int d = 0; d < x->territory_depth; d++) {
        h ^= (uint32_t)x->territory[d];
        h *= 1099511628211ULL;
    }
    return h ^ (h >> 29);
}

static bool same_place(const cc_actor *x, const cc_actor *y)
{
    return x->territory_depth == y->territory_depth &&
           memcmp(x->territory, y->territory, (size_t)x->territory_depth * sizeof *x->territory) == 0;
}

/* Puts actor i in the hash set `slots` (actor index + 1, or 0) unless
 * an actor of the same territory is there; true when it was put. */
static bool put_place(const cc_actors *a, size_t *slots, size_t slot_count, size_t i)
{
    size_t s = hash_place(&a->items[i]) & (slot_count - 1);
    while (slots[s] && !same_place(&a->items[slots[s] - 1], &a->items[i]))
        s = (s + 1) & (slot_count - 1);
    if (slots[s])
        return false;
    slots[s] = i + 1;
    return true;
}

/* Distinct tags used by actors, and distinct territories (a hash set of
 * segment lists, grown with the territories it holds, which are far
 * fewer than the actors: one pass, no sort); false on OOM. */
static bool count_distinct(const cc_actors *a, size_t *tags, size_t *territories)
{
    int n = cc_intern_count(a->tags);
    size_t slot_count = 64;
    char *used = calloc((size_t)n + 1, 1);
    size_t *slots = calloc(slot_count, sizeof *slots);
    bool ok = used && slots;
    *tags = *territories = 0;
    for (size_t i = 0; ok && i < a->count; i++) {
        const cc_actor *x = &a->items[i];
        for (int k = 0; k < x->expertise.count; k++)
            used[x->expertise.ids[k]] = 1;
        for (int k = 0; k < x->seeks.count; k++)
            used[x->seeks.ids[k]] = 1;
        if (x->territory_depth == 0 || !put_place(a, slots, slot_count, i))
            continue;
        if (++*territories * 2 < slot_count)
            continue;
        size_t *grown = calloc(2 * slot_count, sizeof *grown); /* at most half full */
        if ((ok = grown != NULL)) {
            for (size_t s = 0; s < slot_count; s++)
                if (slots[s])
                    put_place(a, grown, 2 * slot_count, slots[s] - 1);
            free(slots);
            slots = grown;
            slot_count *= 2;
        }
    }
    for (int t = 0; ok && t < n; t++)
        *tags += used[t];
    free(used);
    free(slots);
    return ok;
}

/* Which tags some actor offers (1) among the `tags` first ones; NULL on OOM. */
static char *offered_tags(const cc_actors *actors, int tags)
{
    char *offered = calloc((size_t)tags + 1, 1);
    if (!offered)
        return NULL;
    for (size_t i = 0; i < actors->count; i++)
        for (int k = 0; k < actors->items[i].expertise.count; k++)
            offered[actors->items[i].expertise.ids[k]] = 1;
    return offered;
}

/* The needs of `ch` that no tag of `offered` meets, joined; NULL on OOM. */
static char *unmet_needs(const char *offered, int tags, const cc_challenge *ch)
{
    uint64_t missing = 0;
    for (int n = 0; n < ch->need_count; n++)
        if (ch->needs[n].tag < 0 || ch->needs[n].tag >= tags || !offered[ch->needs[n].tag])
            missing |= UINT64_C(1) << n;
    return cc_report_need_list(ch, missing, "; ");
}

/* The needs of `ch` that no actor offers, joined; NULL on OOM. */
char *cc_report_unmet_needs(const cc_actors *actors, const cc_challenge *ch)
{
    int tags = cc_intern_count(actors->tags);
    char *offered = offered_tags(actors, tags);
    char *list = offered ? unmet_needs(offered, tags, ch) : NULL;
    free(offered);
    return list;
}

void cc_report_stats_free(cc_stat *stats, size_t count)
{
    for (size_t i = 0; stats && i < count; i++) {
        free(stats[i].key);
        free(stats[i].value);
    }
    free(stats);
}

static char *presence(bool present)
{
    return text_of("%s", present ? "present" : "absent");
}

/* The needs of `ch` that no actor offers but some variant of which some
 * do: "need: N offer \"variant\"", joined by "; "; NULL on OOM. */
static char *near_needs(const cc_vocabulary *voc, const char *offered, int tags,
                        const cc_challenge *ch)
{
    char *text = NULL;
    size_t size = 0;
    FILE *fp = open_memstream(&text, &size);
    if (!fp)
        return NULL;
    bool first = true;
    for (int n = 0; n < ch->need_count; n++) {
        int tag = ch->needs[n].tag;
        if (tag >= 0 && tag < tags && offered[tag])
            continue;
        long v = cc_vocabulary_offered_variant(voc, tag);
        if (v < 0)
            continue;
        fprintf(fp, "%s%s: %zu offer \"%s\"", first ? "" : "; ", ch->needs[n].display,
                cc_tag_use_offered(&voc->items[v]),
                cc_intern_display(voc->tags, voc->items[v].tag));
        first = false;
    }
    bool failed = ferror(fp) != 0;
    failed |= fclose(fp) != 0;
    if (failed) {
        free(text);
        return NULL;
    }
    return text;
}

cc_stat *cc_report_check_stats(const cc_actors *actors, const cc_challenges *all,
                               const cc_vocabulary *voc, size_t *count)
{
    size_t cap = 17 + 2 * (all ? all->count : 0);
    cc_stat *stats = calloc(cap, sizeof *stats);
    size_t n = 0, tags, territories, located = 0, seeking = 0, reaching = 0;
    if (!stats || !count_distinct(actors, &tags, &territories)) {
        free(stats);
        return NULL;
    }
    for (size_t i = 0; i < actors->count; i++) {
        located += actors->items[i].territory_depth > 0;
        seeking += actors->items[i].seeks.count > 0;
        reaching += actors->items[i].reach > 0;
    }
    bool ok = add_stat(stats, &n, text_of("actors.file"),
                       text_of("%s", actors->source ? actors->source : "")) &&
              add_count(stats, &n, text_of("actors.total"), actors->count);
    for (int s = 0; ok && s < CC_SECTORS; s++)
        ok = add_count(stats, &n, text_of("actors.%s", cc_sector_names[s]), actors->per_sector[s]);
    ok = ok && add_count(stats, &n, text_of("actors.skipped_rows"), actors->skipped_rows) &&
         add_count(stats, &n, text_of("tags.distinct"), tags) &&
         add_count(stats, &n, text_of("tags.variants"), voc->variants) &&
         add_count(stats, &n, text_of("territories.distinct"), territories) &&
         add_count(stats, &n, text_of("actors.with_territory"), located) &&
         add_count(stats, &n, text_of("actors.with_seeks"), seeking) &&
         add_count(stats, &n, text_of("actors.with_reach"), reaching) &&
         add_stat(stats, &n, text_of("columns.seeks"), presence(actors->column_seeks)) &&
         add_stat(stats, &n, text_of("columns.territory"), presence(actors->column_territory)) &&
         add_stat(stats, &n, text_of("columns.reach"), presence(actors->column_reach));
    int tag_count = cc_intern_count(actors->tags);
    char *offered = ok && all ? offered_tags(actors, tag_count) : NULL;
    ok = ok && (!all || offered);
    if (ok && all) {
        ok = add_stat(stats, &n, text_of("challenges.file"),
                      text_of("%s", all->source ? all->source : "")) &&
             add_count(stats, &n, text_of("challenges.total"), all->count);
        for (size_t c = 0; ok && c < all->count; c++) {
            ok = add_stat(stats, &n, text_of("unmet.%s", all->items[c].id),
                          unmet_needs(offered, tag_count, &all->items[c]));
            char *near = ok ? near_needs(voc, offered, tag_count, &all->items[c]) : NULL;
            if (near && !*near)
                free(near); /* only where some variant is offered */
            else
                ok = ok && add_stat(stats, &n, text_of("unmet_near.%s", all->items[c].id), near);
        }
    }
    free(offered);
    if (!ok) {
        cc_report_stats_free(stats, n);
        return NULL;
    }
    *count = n;
    return stats;
}
