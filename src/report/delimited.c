/* delimited.c — CSV and TSV output for spreadsheets and scripts: the
 * printers of every format whose settings are a cc_dialect. A field is
 * written as is unless it holds the delimiter, a quote or a line break;
 * then libcsv writes it quoted as RFC 4180 says.
 * --excel output is for spreadsheets, which run a cell that starts with
 * = + - @ (or TAB, CR before them) as a formula: such a field, unless it is
 * a plain number, is written quoted with a ' in front, so that it shows as
 * text (OWASP, "CSV injection"). csv and tsv are for scripts and keep every
 * field as it is. */
#include "report_internal.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>

#include "cocreate/text.h"

/* The dialect of a run: the format's, or for --excel ';', decimal comma
 * and CRLF — the file then starts with a byte-order mark. */
static const cc_dialect *begin(const cc_sink *out)
{
    static const cc_dialect excel = {';', true, "\r\n", true};
    if (out->opt->excel) {
        fputs("\xEF\xBB\xBF", out->fp);
        return &excel;
    }
    return out->settings;
}

/* A number with 4 decimals, with a decimal comma for --excel. */
static void number(const cc_dialect *d, char buf[32], double v)
{
    cc_report_number(buf, v);
    char *dot = strchr(buf, '.');
    if (dot && d->decimal_comma)
        *dot = ',';
}

/* A weight as short as it can be ("3", "0.5"), decimal comma for --excel. */
static void weight_text(const cc_dialect *d, char buf[32], double w)
{
    cc_report_weight(buf, w);
    char *dot = strchr(buf, '.');
    if (dot && d->decimal_comma)
        *dot = ',';
}

/* "-12", "+3,5": a signed number, which a spreadsheet reads as one and
 * never as a formula. */
static bool plain_number(const char *s)
{
    size_t i = s[0] == '-' || s[0] == '+', digits = strspn(s + i, "0123456789");
    if (digits == 0)
        return false;
    i += digits;
    if (s[i] == '.' || s[i] == ',') {
        digits = strspn(s + i + 1, "0123456789");
        i += 1 + digits;
        if (digits == 0)
            return false;
    }
    return s[i] == '\0';
}

/* Whether a spreadsheet would take field `s` for a formula. */
static bool formula_like(const char *s)
{
    return s[0] && strchr("=+-@\t\r", s[0]) && !plain_number(s);
}

/* `s` quoted, with a ' in front: text for a spreadsheet. */
static void put_as_text(FILE *fp, const char *s)
{
    fputs("\"'", fp);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', fp);
        fputc(*s, fp);
    }
    fputc('"', fp);
}

static void put_field(FILE *fp, const char *s, const cc_dialect *d, bool first)
{
    if (!first)
        fputc(d->delimiter, fp);
    if (d->neutralise_formulas && formula_like(s)) {
        put_as_text(fp, s);
        return;
    }
    size_t n = strlen(s);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == d->delimiter || s[i] == '"' || s[i] == '\n' || s[i] == '\r') {
            csv_fwrite(fp, s, n);
            return;
        }
    }
    fwrite(s, 1, n, fp);
}

static void put_row(FILE *fp, const char *const *fields, size_t n, const cc_dialect *d)
{
    for (size_t i = 0; i < n; i++)
        put_field(fp, fields[i] ? fields[i] : "", d, i == 0);
    fputs(d->eol, fp);
}

/* ----------------------------------------------------------------- match */

/* challenge_id, rank, score, the components, id and name per sector,
 * covered_needs, missing_needs (SPEC §5) */
enum { MATCH_COLUMNS = 3 + CC_COMPONENTS + 2 * CC_SECTORS + 2 };

static void put_match_header(FILE *fp, const cc_dialect *d)
{
    static const char *const sector_columns[CC_SECTORS][2] = {
        {"social_id", "social_name"}, {"company_id", "company_name"}, {"public_id", "public_name"}};
    const char *row[MATCH_COLUMNS] = {"challenge_id", "rank", "score"};
    size_t n = 3;
    for (int c = 0; c < CC_COMPONENTS; c++)
        row[n++] = cc_components[c].name;
    for (int k = 0; k < CC_SECTORS; k++) {
        row[n++] = sector_columns[k][0];
        row[n++] = sector_columns[k][1];
    }
    row[n++] = "covered_needs";
    row[n++] = "missing_needs";
    put_row(fp, row, n, d);
}

/* Writes one proposal row; rank 0 leaves the rank empty (explain). */
static cc_status put_proposal(FILE *fp, const cc_scorer *s, const cc_triad *t, size_t rank,
                              const cc_dialect *d)
{
    cc_explanation e;
    if (cc_scorer_explain(s, t->member, &e) != CC_OK)
        return CC_ESOFTWARE;
    char *covered = cc_report_need_list(s->challenge, e.covered, "; ");
    char *missing = cc_report_need_list(s->challenge, ~e.covered, "; ");
    cc_explanation_free(&e);
    if (!covered || !missing) {
        free(covered);
        free(missing);
        return CC_ESOFTWARE;
    }
    char rank_text[24] = "", score[32], comp[CC_COMPONENTS][32];
    if (rank)
        snprintf(rank_text, sizeof rank_text, "%zu", rank);
    number(d, score, t->score);
    const char *row[MATCH_COLUMNS];
    size_t n = 0;
    row[n++] = s->challenge->id;
    row[n++] = rank_text;
    row[n++] = score;
    for (int c = 0; c < CC_COMPONENTS; c++) {
        number(d, comp[c], t->comp[c]);
        row[n++] = comp[c];
    }
    for (int k = 0; k < CC_SECTORS; k++) {
        const cc_actor *a = &s->actors->items[t->member[k]];
        row[n++] = a->id;
        row[n++] = a->name;
    }
    row[n++] = covered;
    row[n++] = missing;
    put_row(fp, row, n, d);
    free(covered);
    free(missing);
    return CC_OK;
}

static cc_status print_match(const cc_sink *out, const cc_match_result *results, size_t count)
{
    const cc_dialect *d = begin(out);
    FILE *fp = out->fp;
    if (out->opt->header)
        put_match_header(fp, d);
    for (size_t r = 0; r < count; r++)
        for (size_t i = 0; i < results[r].ranking->count; i++) {
            cc_status st = put_proposal(fp, results[r].scorer, &results[r].ranking->items[i],
                                        i + 1, d);
            if (st != CC_OK)
                return st;
        }
    return CC_OK;
}

/* match's rows, one per triad of the plan; the total goes to stderr. */
static cc_status print_plan(const cc_sink *out, const cc_plan_result *r)
{
    cc_ranking ranking = {r->plan->items, r->plan->count};
    cc_match_result m = {r->scorer, &ranking};
    return print_match(out, &m, 1);
}

/* The columns are those of match: `outside` is left to the note on stderr. */
static cc_status print_explain(const cc_sink *out, const cc_scorer *s, const cc_triad *t,
                               const bool *outside)
{
    (void)outside;
    const cc_dialect *d = begin(out);
    if (out->opt->header)
        put_match_header(out->fp, d);
    return put_proposal(out->fp, s, t, 0, d);
}

/* ----------------------------------------------------------------- score */

static cc_status print_scored(const cc_sink *out, char *const *header, size_t columns,
                               const cc_scored_row *rows, size_t count)
{
    const cc_dialect *d = begin(out);
    const cc_report_options *opt = out->opt;
    FILE *fp = out->fp;
    for (size_t c = 0; opt->header && c < columns; c++)
        put_field(fp, header[c], d, c == 0);
    for (int c = 0; opt->header && c < CC_COMPONENTS; c++)
        put_field(fp, cc_components[c].name, d, columns == 0 && c == 0);
    if (opt->header) {
        put_field(fp, "score", d, false);
        fputs(d->eol, fp);
    }
    for (size_t r = 0; r < count; r++) {
        for (size_t c = 0; c < columns; c++)
            put_field(fp, rows[r].fields[c], d, c == 0);
        for (int c = 0; c <= CC_COMPONENTS; c++) {
            char value[32];
            number(d, value, c < CC_COMPONENTS ? rows[r].comp[c] : rows[r].score);
            put_field(fp, value, d, columns == 0 && c == 0);
        }
        fputs(d->eol, fp);
    }
    return CC_OK;
}

/* ------------------------------------------------------------------ gaps */

static cc_status print_gaps(const cc_sink *out, const cc_gaps *gaps, size_t count)
{
    const cc_dialect *d = begin(out);
    FILE *fp = out->fp;
    static const char *const header[] = {"challenge_id", "need",   "weight",     "social",
                                         "company",      "public", "gap",        "best_actors",
                                         "in_best_triad", "best_coverage"};
    if (out->opt->header)
        put_row(fp, header, 10, d);
    for (size_t i = 0; i < count; i++) {
        const cc_gaps *g = &gaps[i];
        const cc_challenge *ch = g->scorer->challenge;
        char coverage[32] = "";
        if (g->has_triad)
            number(d, coverage, g->best_coverage);
        for (int n = 0; n < ch->need_count; n++) {
            const cc_need_gap *ng = &g->needs[n];
            char weight[32], counts[3][24];
            weight_text(d, weight, ch->needs[n].weight);
            for (int k = 0; k < CC_SECTORS; k++)
                snprintf(counts[k], sizeof counts[k], "%zu", ng->offered[k]);
            char *best = cc_report_best_actors(g->scorer->actors, ng, "; ");
            if (!best)
                return CC_ESOFTWARE;
            bool in_best = g->has_triad && !(g->blocking >> n & 1);
            const char *row[] = {ch->id,    ch->needs[n].display,   weight, counts[0],
                                 counts[1], counts[2],              cc_report_need_gap(ng),
                                 best,      in_best ? "true" : "false", coverage};
            put_row(fp, row, 10, d);
            free(best);
        }
    }
    return CC_OK;
}

/* ------------------------------------------------------------ challenges */

static cc_status print_challenges(const cc_sink *out, const cc_challenges *all)
{
    const cc_dialect *d = begin(out);
    FILE *fp = out->fp;
    static const char *const header[] = {"id", "name", "ambition", "territory", "needs"};
    if (out->opt->header)
        put_row(fp, header, 5, d);
    for (size_t i = 0; i < all->count; i++) {
        const cc_challenge *c = &all->items[i];
        /* needs as "tag:weight; tag:weight", the form --needs accepts */
        size_t cap = 1;
        for (int n = 0; n < c->need_count; n++)
            cap += strlen(c->needs[n].display) + 40;
        char *needs = malloc(cap);
        if (!needs)
            return CC_ESOFTWARE;
        size_t used = 0;
        needs[0] = '\0';
        for (int n = 0; n < c->need_count; n++) {
            char w[32];
            weight_text(d, w, c->needs[n].weight);
            used += (size_t)snprintf(needs + used, cap - used, "%s%s:%s", n ? "; " : "",
                                     c->needs[n].display, w);
        }
        const char *row[] = {c->id, c->name, cc_ambitions[c->ambition].name,
                             c->territory ? c->territory : "", needs};
        put_row(fp, row, 5, d);
        free(needs);
    }
    return CC_OK;
}

/* ----------------------------------------------------------------- check */

static cc_status print_check(const cc_sink *out, const cc_actors *actors,
                              const cc_challenges *all, const cc_vocabulary *voc)
{
    size_t count;
    cc_stat *stats = cc_report_check_stats(actors, all, voc, &count);
    if (!stats)
        return CC_ESOFTWARE;
    const cc_dialect *d = begin(out);
    static const char *const header[] = {"statistic", "value"};
    if (out->opt->header)
        put_row(out->fp, header, 2, d);
    for (size_t i = 0; i < count; i++) {
        const char *row[] = {stats[i].key, stats[i].value};
        put_row(out->fp, row, 2, d);
    }
    cc_report_stats_free(stats, count);
    return CC_OK;
}

/* ------------------------------------------------------------------ tags */

static cc_status print_tags(const cc_sink *out, const cc_vocabulary *voc)
{
    const cc_dialect *d = begin(out);
    if (out->opt->header)
        put_row(out->fp, cc_tag_columns, CC_TAG_COLUMNS, d);
    for (size_t i = 0; i < voc->count; i++) {
        size_t counts[CC_TAG_COLUMNS - 1];
        char text[CC_TAG_COLUMNS - 1][24];
        const char *row[CC_TAG_COLUMNS] = {cc_intern_display(voc->tags, voc->items[i].tag)};
        cc_report_tag_counts(&voc->items[i], counts);
        for (size_t c = 0; c + 1 < CC_TAG_COLUMNS; c++) {
            snprintf(text[c], sizeof text[c], "%zu", counts[c]);
            row[c + 1] = text[c];
        }
        put_row(out->fp, row, CC_TAG_COLUMNS, d);
    }
    return CC_OK;
}

/* By meaning, then by tag (both indexes in the vocabulary's order). */
static const cc_vocabulary *sorted_voc; /* qsort has no context argument in C11 */

static int by_meaning(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    long mx = sorted_voc->items[x].means, my = sorted_voc->items[y].means;
    if (mx != my)
        return mx < my ? -1 : 1;
    return (x > y) - (x < y);
}

cc_status cc_report_thesaurus(FILE *fp, const cc_vocabulary *voc, const cc_report_options *opt)
{
    size_t *rows = malloc((voc->variants ? voc->variants : 1) * sizeof *rows), n = 0;
    if (!rows)
        return CC_ESOFTWARE;
    for (size_t i = 0; i < voc->count; i++)
        if (voc->items[i].means >= 0)
            rows[n++] = i;
    sorted_voc = voc;
    qsort(rows, n, sizeof *rows, by_meaning);
    cc_sink out = {fp, opt, cc_formats[CC_CSV].settings};
    cc_dialect d = *begin(&out);
    d.neutralise_formulas = true;
    static const char *const header[] = {"tag", "means", "broader", "reason"};
    if (opt->header)
        put_row(fp, header, 4, &d);
    cc_status st = CC_OK;
    for (size_t r = 0; st == CC_OK && r < n; r++) {
        const cc_tag_use *u = &voc->items[rows[r]];
        const char *tag = cc_intern_display(voc->tags, u->tag),
                   *means = cc_intern_display(voc->tags, voc->items[u->means].tag);
        /* for a person at a terminal, what would drive it is escaped */
        char *safe[2] = {NULL, NULL};
        if (opt->format == CC_TABLE) {
            safe[0] = cc_text_escape(tag);
            safe[1] = cc_text_escape(means);
            st = safe[0] && safe[1] ? CC_OK : CC_ESOFTWARE;
        }
        const char *row[] = {safe[0] ? safe[0] : tag, safe[1] ? safe[1] : means, "",
                             cc_variant_rule_names[u->rule]};
        if (st == CC_OK)
            put_row(fp, row, 4, &d);
        free(safe[0]);
        free(safe[1]);
    }
    free(rows);
    return st;
}

const cc_printers cc_delimited_printers = {
    .match = print_match,
    .explain = print_explain,
    .scored = print_scored,
    .gaps = print_gaps,
    .challenges = print_challenges,
    .check = print_check,
    .tags = print_tags,
    .plan = print_plan,
};
