/* table.c — output for a person at a terminal, the printers of the `table`
 * format: columns aligned by display width (accents and wide characters
 * count as what they show), long names cut with an ellipsis, and with
 * --explain who brings what. Every text that comes from the data goes
 * through cc_text_escape or cc_text_put_escaped: a name must not move the
 * cursor, set the window title or reorder the text around it. */
#include "report_internal.h"

#include <stdlib.h>
#include <string.h>

#include "cocreate/text.h"

/* Names longer than this many columns are cut. */
#define NAME_COLUMNS 30

typedef struct {
    size_t cols;
    char **cells;    /* rows × cols, owned */
    size_t rows, cap;
    bool ok;         /* false once memory ran out */
    bool header;     /* the first row is a header */
    bool bold;       /* print the header in bold (--color) */
} table;

/* ANSI bold, for titles and header rows when colour is on. */
#define BOLD "\033[1m"
#define PLAIN "\033[0m"

static void table_init(table *t, size_t cols)
{
    *t = (table){.cols = cols, .ok = true};
}

/* Adds a row of `cols` strings (copied escaped, on one line; NULL counts
 * as ""). */
static void table_row(table *t, const char *const *cells)
{
    if (!t->ok)
        return;
    if (t->rows == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 16;
        char **bigger = realloc(t->cells, cap * t->cols * sizeof *bigger);
        if (!bigger) {
            t->ok = false;
            return;
        }
        t->cells = bigger;
        t->cap = cap;
    }
    for (size_t c = 0; c < t->cols; c++) {
        char *copy = cc_text_escape(cells[c] ? cells[c] : "");
        t->ok &= copy != NULL;
        t->cells[t->rows * t->cols + c] = copy;
    }
    t->rows++;
}

/* Adds the header row, if `shown`. */
static void table_header(table *t, const char *const *cells, bool shown, bool bold)
{
    if (!shown)
        return;
    table_row(t, cells);
    t->header = true;
    t->bold = bold;
}

static void pad(FILE *fp, size_t n)
{
    while (n--)
        fputc(' ', fp);
}

/* Prints the rows with columns aligned, `indent` spaces first; columns
 * flagged in `right` are right-aligned. `after(row)` may print detail lines
 * below each row. */
static cc_status table_print(FILE *fp, const table *t, size_t indent, const bool *right,
                             cc_status (*after)(FILE *, size_t row, const void *ctx),
                             const void *ctx)
{
    size_t *width = calloc(t->cols, sizeof *width);
    if (!width || !t->ok) {
        free(width);
        return CC_ESOFTWARE;
    }
    for (size_t r = 0; r < t->rows; r++)
        for (size_t c = 0; c < t->cols; c++) {
            size_t w = cc_text_width(t->cells[r * t->cols + c] ? t->cells[r * t->cols + c] : "");
            width[c] = w > width[c] ? w : width[c];
        }
    for (size_t r = 0; r < t->rows; r++) {
        pad(fp, indent);
        bool bold = r == 0 && t->header && t->bold;
        if (bold)
            fputs(BOLD, fp);
        for (size_t c = 0; c < t->cols; c++) {
            const char *cell = t->cells[r * t->cols + c] ? t->cells[r * t->cols + c] : "";
            size_t gap = width[c] - cc_text_width(cell);
            bool last = c + 1 == t->cols;
            if (right && right[c])
                pad(fp, gap);
            fputs(cell, fp);
            if (!(right && right[c]) && !last)
                pad(fp, gap);
            if (!last)
                fputs("  ", fp);
        }
        if (bold)
            fputs(PLAIN, fp);
        fputc('\n', fp);
        cc_status st = after && r >= (size_t)t->header
                           ? after(fp, r - t->header, ctx) /* the index of the data row */
                           : CC_OK;
        if (st != CC_OK) {
            free(width);
            return st;
        }
    }
    free(width);
    return CC_OK;
}

static void table_free(table *t)
{
    for (size_t i = 0; i < t->rows * t->cols; i++)
        free(t->cells[i]);
    free(t->cells);
}

/* Prints the table, frees it and says whether all went well. */
static cc_status table_finish(FILE *fp, table *t, size_t indent, const bool *right,
                              cc_status (*after)(FILE *, size_t row, const void *ctx),
                              const void *ctx)
{
    cc_status st = table_print(fp, t, indent, right, after, ctx);
    table_free(t);
    return st;
}

/* `s` escaped, then cut to NAME_COLUMNS display columns at a character
 * boundary, ending in "…" when cut. malloc'd, NULL on OOM. */
static char *shorten(const char *s)
{
    char *safe = cc_text_escape(s);
    if (!safe || cc_text_width(safe) <= NAME_COLUMNS)
        return safe;
    size_t keep = cc_text_fit(safe, NAME_COLUMNS - 1);
    char *out = malloc(keep + sizeof "…");
    if (out) {
        memcpy(out, safe, keep);
        memcpy(out + keep, "…", sizeof "…");
    }
    free(safe);
    return out;
}

/* ----------------------------------------------------------------- match */

/* "name (id)", escaped. */
static void put_named(FILE *fp, const char *name, const char *id)
{
    cc_text_put_escaped(fp, name);
    fputs(" (", fp);
    cc_text_put_escaped(fp, id);
    fputc(')', fp);
}

/* "<label> <list, escaped, or - when empty>\n" */
static void put_list_line(FILE *fp, const char *label, const char *list)
{
    fputs(label, fp);
    cc_text_put_escaped(fp, *list ? list : "-");
    fputc('\n', fp);
}

static void print_challenge_title(FILE *fp, const cc_scorer *s, bool color)
{
    const cc_challenge *ch = s->challenge;
    fputs(color ? BOLD : "", fp);
    put_named(fp, ch->name, ch->id);
    fprintf(fp, "%s · ambition %s · %d needs\n", color ? PLAIN : "",
            cc_ambitions[ch->ambition].name, ch->need_count);
    fputs("weights:", fp);
    for (int c = 0; c < CC_COMPONENTS; c++)
        fprintf(fp, " %s %.2f", cc_components[c].name, s->weights.w[c]);
    fputc('\n', fp);
}

/* The --explain lines under a proposal: per partner what it brings, what
 * only it brings and which of its seeks the others meet; a partner marked
 * in `outside` (NULL: none) is said to be outside the territory. */
static cc_status print_explanation(FILE *fp, const cc_scorer *s, const cc_triad *t,
                                   const bool *outside, size_t indent)
{
    cc_explanation e;
    if (cc_scorer_explain(s, t->member, &e) != CC_OK)
        return CC_ESOFTWARE;
    for (int k = 0; k < CC_SECTORS; k++) {
        const cc_actor *a = &s->actors->items[t->member[k]];
        char *brings = cc_report_brings_list(s, t->member[k], e.brings[k], ", ");
        char *only = cc_report_need_list(s->challenge, e.only[k], ", ");
        char *gains = cc_report_tag_list(s->actors->tags, &e.gains[k], ", ");
        if (!brings || !only || !gains) {
            free(brings);
            free(only);
            free(gains);
            cc_explanation_free(&e);
            return CC_ESOFTWARE;
        }
        pad(fp, indent);
        fprintf(fp, "%-8s ", cc_sector_names[k]);
        put_named(fp, a->name, a->id);
        if (outside && outside[k])
            fputs(" (outside the territory)", fp);
        fputc('\n', fp);
        pad(fp, indent + 9);
        put_list_line(fp, "brings: ", brings);
        pad(fp, indent + 9);
        put_list_line(fp, "only it: ", only);
        if (a->seeks.count > 0) {
            pad(fp, indent + 9);
            fputs("gains: ", fp);
            cc_text_put_escaped(fp, *gains ? gains : "-");
            fprintf(fp, " (%d of %d seeks met)\n", e.gains[k].count, a->seeks.count);
        }
        free(brings);
        free(only);
        free(gains);
    }
    char *missing = cc_report_need_list(s->challenge, ~e.covered, ", ");
    cc_explanation_free(&e);
    if (!missing)
        return CC_ESOFTWARE;
    pad(fp, indent);
    put_list_line(fp, "missing  ", missing);
    pad(fp, indent);
    fputs("parts   ", fp);
    for (int c = 0; c < CC_COMPONENTS; c++)
        fprintf(fp, " %s %.4f", cc_components[c].name, t->comp[c]);
    fputs("\n\n", fp);
    free(missing);
    return CC_OK;
}

typedef struct {
    const cc_scorer *s;
    const cc_ranking *r;
} explain_ctx;

static cc_status explain_row(FILE *fp, size_t row, const void *ctx)
{
    const explain_ctx *x = ctx;
    return print_explanation(fp, x->s, &x->r->items[row], NULL, 5);
}

/* The proposals of `m` (after the title). */
static cc_status proposals(FILE *fp, const cc_match_result *m, const cc_report_options *opt)
{
    static const char *const header[] = {"#", "score", "coverage", "social", "company", "public"};
    static const bool right[] = {true, true, true, false, false, false};
    if (m->ranking->count == 0) {
        fputs("  no triad qualifies\n", fp);
        return CC_OK;
    }
    table t;
    table_init(&t, 6);
    table_header(&t, header, opt->header, opt->color);
    for (size_t i = 0; i < m->ranking->count; i++) {
        const cc_triad *x = &m->ranking->items[i];
        char rank[24], score[32], coverage[32], *names[CC_SECTORS];
        snprintf(rank, sizeof rank, "%zu", i + 1);
        cc_report_number(score, x->score);
        cc_report_number(coverage, x->comp[CC_COVERAGE]);
        for (int k = 0; k < CC_SECTORS; k++) {
            names[k] = shorten(m->scorer->actors->items[x->member[k]].name);
            t.ok &= names[k] != NULL;
        }
        const char *cells[] = {rank, score, coverage, names[0], names[1], names[2]};
        table_row(&t, cells);
        for (int k = 0; k < CC_SECTORS; k++)
            free(names[k]);
    }
    explain_ctx ctx = {m->scorer, m->ranking};
    return table_finish(fp, &t, 2, right, opt->explain ? explain_row : NULL, &ctx);
}

static cc_status one_match(FILE *fp, const cc_match_result *m, const cc_report_options *opt)
{
    print_challenge_title(fp, m->scorer, opt->color);
    return proposals(fp, m, opt);
}

static cc_status print_match(const cc_sink *out, const cc_match_result *results, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        if (i)
            fputc('\n', out->fp);
        cc_status st = one_match(out->fp, &results[i], out->opt);
        if (st != CC_OK)
            return st;
    }
    return CC_OK;
}

/* ------------------------------------------------------------------ plan */

/* The actors left without a partnership, one line each: sector, name
 * (id), why. */
static cc_status print_left_out(FILE *fp, const cc_plan_result *r, bool color)
{
    if (!r->left || r->left_count == 0)
        return CC_OK;
    fprintf(fp, "\n%sleft without a partnership (%zu):%s\n", color ? BOLD : "", r->left_count,
            color ? PLAIN : "");
    table t;
    table_init(&t, 3);
    for (size_t i = 0; i < r->left_count; i++) {
        const cc_actor *a = &r->scorer->actors->items[r->left[i].actor];
        size_t size = strlen(a->name) + strlen(a->id) + sizeof " ()";
        char *named = malloc(size);
        if (named)
            snprintf(named, size, "%s (%s)", a->name, a->id);
        t.ok &= named != NULL;
        const char *cells[] = {cc_sector_names[a->sector], named,
                               cc_left_reasons[r->left[i].reason]};
        table_row(&t, cells);
        free(named);
    }
    return table_finish(fp, &t, 2, NULL, NULL, NULL);
}

static cc_status print_plan(const cc_sink *out, const cc_plan_result *r)
{
    FILE *fp = out->fp;
    const cc_plan *p = r->plan;
    print_challenge_title(fp, r->scorer, out->opt->color);
    fprintf(fp, "plan: %zu of %zu partnership%s, total %.4f, upper bound %.4f, gap %.2f%%%s\n",
            p->count, p->limit, p->limit == 1 ? "" : "s", p->total, p->bound,
            100.0 * cc_plan_gap(p), p->optimal ? " (optimal)" : "");
    cc_ranking ranking = {p->items, p->count};
    cc_match_result m = {r->scorer, &ranking};
    cc_status st = proposals(fp, &m, out->opt);
    return st == CC_OK ? print_left_out(fp, r, out->opt->color) : st;
}

/* --------------------------------------------------------------- explain */

static cc_status print_explain(const cc_sink *out, const cc_scorer *s, const cc_triad *t,
                               const bool *outside)
{
    FILE *fp = out->fp;
    const cc_report_options *opt = out->opt;
    static const bool right[] = {false, true, true, true};
    print_challenge_title(fp, s, opt->color);
    fprintf(fp, "\nscore %.4f\n\n", t->score);
    table parts;
    table_init(&parts, 4);
    const char *header[] = {"component", "value", "weight", "contribution"};
    table_header(&parts, header, true, opt->color);
    for (int c = 0; c < CC_COMPONENTS; c++) {
        char value[32], weight[32], contribution[32];
        cc_report_number(value, t->comp[c]);
        cc_report_number(weight, s->weights.w[c]);
        cc_report_number(contribution, s->weights.w[c] * t->comp[c]);
        const char *cells[] = {cc_components[c].name, value, weight, contribution};
        table_row(&parts, cells);
    }
    cc_status st = table_finish(fp, &parts, 2, right, NULL, NULL);
    if (st != CC_OK)
        return st;
    fputc('\n', fp);
    return print_explanation(fp, s, t, outside, 2);
}

/* ----------------------------------------------------------------- score */

static cc_status print_scored(const cc_sink *out, char *const *header, size_t columns,
                              const cc_scored_row *rows, size_t count)
{
    const cc_report_options *opt = out->opt;
    size_t n = columns + CC_COMPONENTS + 1;
    const char **cells = malloc(n * sizeof *cells);
    char (*numbers)[32] = malloc((CC_COMPONENTS + 1) * sizeof *numbers);
    bool *right = calloc(n, sizeof *right);
    table t;
    table_init(&t, n);
    t.ok = cells && numbers && right;
    for (size_t c = 0; t.ok && c < CC_COMPONENTS + 1; c++)
        right[columns + c] = true;
    if (t.ok && opt->header) {
        for (size_t c = 0; c < columns; c++)
            cells[c] = header[c];
        for (int c = 0; c < CC_COMPONENTS; c++)
            cells[columns + (size_t)c] = cc_components[c].name;
        cells[n - 1] = "score";
        table_header(&t, cells, true, opt->color);
    }
    for (size_t r = 0; t.ok && r < count; r++) {
        for (size_t c = 0; c < columns; c++)
            cells[c] = rows[r].fields[c];
        for (int c = 0; c <= CC_COMPONENTS; c++) {
            cc_report_number(numbers[c], c < CC_COMPONENTS ? rows[r].comp[c] : rows[r].score);
            cells[columns + (size_t)c] = numbers[c];
        }
        table_row(&t, cells);
    }
    cc_status st = table_finish(out->fp, &t, 0, right, NULL, NULL);
    free(cells);
    free(numbers);
    free(right);
    return st;
}

/* ------------------------------------------------------------------ gaps */

static cc_status one_gaps(FILE *fp, const cc_gaps *g, const cc_report_options *opt)
{
    const cc_scorer *s = g->scorer;
    const cc_challenge *ch = s->challenge;
    fputs(opt->color ? BOLD : "", fp);
    put_named(fp, ch->name, ch->id);
    fprintf(fp, "%s · %d needs\n", opt->color ? PLAIN : "", ch->need_count);
    table t;
    table_init(&t, 7);
    const char *header[] = {"need", "weight", "social", "company", "public", "gap", "best known"};
    table_header(&t, header, opt->header, opt->color);
    for (int n = 0; n < ch->need_count; n++) {
        const cc_need_gap *ng = &g->needs[n];
        char weight[32], counts[3][24];
        cc_report_weight(weight, ch->needs[n].weight);
        for (int k = 0; k < CC_SECTORS; k++)
            snprintf(counts[k], sizeof counts[k], "%zu", ng->offered[k]);
        const char *gap = cc_report_need_gap(ng);
        char *best = cc_report_best_actors(s->actors, ng, ", ");
        t.ok &= best != NULL;
        const char *cells[] = {ch->needs[n].display, weight, counts[0], counts[1], counts[2],
                               gap[0] ? gap : "-", best && best[0] ? best : "-"};
        table_row(&t, cells);
        free(best);
    }
    static const bool right[] = {false, true, true, true, true, false, false};
    cc_status st = table_finish(fp, &t, 2, right, NULL, NULL);
    if (st != CC_OK)
        return st;
    if (!g->has_triad) {
        fputs("  no triad: some sector has no actor taking part\n", fp);
        return CC_OK;
    }
    char *blocking = cc_report_need_list(ch, g->blocking, ", ");
    if (!blocking)
        return CC_ESOFTWARE;
    const cc_actor *a = s->actors->items;
    const size_t *m = g->best_triad.member;
    fprintf(fp, "  best coverage %.4f, e.g. ", g->best_coverage);
    for (int k = 0; k < CC_SECTORS; k++) {
        cc_text_put_escaped(fp, a[m[k]].name);
        fputs(k + 1 < CC_SECTORS ? " + " : "\n", fp);
    }
    put_list_line(fp, "  blocking: ", blocking);
    free(blocking);
    return CC_OK;
}

static cc_status print_gaps(const cc_sink *out, const cc_gaps *gaps, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        if (i)
            fputc('\n', out->fp);
        cc_status st = one_gaps(out->fp, &gaps[i], out->opt);
        if (st != CC_OK)
            return st;
    }
    return CC_OK;
}

/* ------------------------------------------------------------ challenges */

static cc_status print_challenges(const cc_sink *out, const cc_challenges *all)
{
    table t;
    table_init(&t, 5);
    const char *header[] = {"id", "name", "ambition", "territory", "needs"};
    table_header(&t, header, out->opt->header, out->opt->color);
    for (size_t i = 0; i < all->count; i++) {
        const cc_challenge *c = &all->items[i];
        char needs[16], *name = shorten(c->name);
        snprintf(needs, sizeof needs, "%d", c->need_count);
        t.ok &= name != NULL;
        const char *cells[] = {c->id, name, cc_ambitions[c->ambition].name,
                               c->territory ? c->territory : "-", needs};
        table_row(&t, cells);
        free(name);
    }
    static const bool right[] = {false, false, false, false, true};
    return table_finish(out->fp, &t, 0, right, NULL, NULL);
}

/* ----------------------------------------------------------------- check */

static cc_status print_check(const cc_sink *out, const cc_actors *actors,
                             const cc_challenges *all, const cc_vocabulary *voc)
{
    size_t count;
    cc_stat *stats = cc_report_check_stats(actors, all, voc, &count);
    if (!stats)
        return CC_ESOFTWARE;
    table t;
    table_init(&t, 2);
    for (size_t i = 0; i < count; i++) {
        const char *cells[] = {stats[i].key, stats[i].value[0] ? stats[i].value : "-"};
        table_row(&t, cells);
    }
    cc_report_stats_free(stats, count);
    return table_finish(out->fp, &t, 0, NULL, NULL, NULL);
}

/* ------------------------------------------------------------------ tags */

static cc_status print_tags(const cc_sink *out, const cc_vocabulary *voc)
{
    static const char *const header[CC_TAG_COLUMNS] = {
        "tag", "social", "company", "public", "seeks social", "seeks company", "seeks public",
        "needs", "uses"};
    static const bool right[CC_TAG_COLUMNS] = {false, true, true, true, true,
                                               true,  true, true, true};
    table t;
    table_init(&t, CC_TAG_COLUMNS);
    table_header(&t, header, out->opt->header, out->opt->color);
    for (size_t i = 0; t.ok && i < voc->count; i++) {
        size_t counts[CC_TAG_COLUMNS - 1];
        char text[CC_TAG_COLUMNS - 1][24];
        const char *cells[CC_TAG_COLUMNS];
        char *tag = shorten(cc_intern_display(voc->tags, voc->items[i].tag));
        t.ok &= tag != NULL;
        cells[0] = tag;
        cc_report_tag_counts(&voc->items[i], counts);
        for (size_t c = 0; c + 1 < CC_TAG_COLUMNS; c++) {
            snprintf(text[c], sizeof text[c], "%zu", counts[c]);
            cells[c + 1] = text[c];
        }
        table_row(&t, cells);
        free(tag);
    }
    return table_finish(out->fp, &t, 0, right, NULL, NULL);
}

const cc_printers cc_table_printers = {
    .match = print_match,
    .explain = print_explain,
    .scored = print_scored,
    .gaps = print_gaps,
    .challenges = print_challenges,
    .check = print_check,
    .tags = print_tags,
    .plan = print_plan,
};
