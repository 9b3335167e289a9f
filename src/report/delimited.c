/* delimited.c — CSV and TSV output for spreadsheets and scripts. A field
 * is written as is unless it holds the d, a quote or a line break;
 * then libcsv writes it quoted as RFC 4180 says. */
#include "report_internal.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>

/* A number with 4 decimals, with a decimal comma for --excel. */
static void number(const cc_dialect *d, char buf[32], double v)
{
    cc_report_number(buf, v);
    char *dot = strchr(buf, '.');
    if (dot && d->decimal_comma)
        *dot = ',';
}

/* A weight as short as it can be ("3", "0.5"), decimal comma for --excel. */
static void weight_text(const cc_dialect *d, char *buf, size_t size, double w)
{
    snprintf(buf, size, "%g", w);
    char *dot = strchr(buf, '.');
    if (dot && d->decimal_comma)
        *dot = ',';
}

static void put_field(FILE *fp, const char *s, const cc_dialect *d, bool first)
{
    if (!first)
        fputc(d->delimiter, fp);
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

enum { MATCH_COLUMNS = 16 };

static const char *const match_header[MATCH_COLUMNS] = {
    "challenge_id", "rank",       "score",        "coverage",       "complementarity",
    "winwin",       "proximity",  "reach",        "social_id",      "social_name",
    "company_id",   "company_name", "public_id",  "public_name",    "covered_needs",
    "missing_needs"};

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
    for (int c = 0; c < CC_COMPONENTS; c++)
        number(d, comp[c], t->comp[c]);
    const cc_actor *a = s->actors->items;
    const cc_actor *so = &a[t->member[0]], *co = &a[t->member[1]], *pu = &a[t->member[2]];
    const char *row[MATCH_COLUMNS] = {s->challenge->id, rank_text, score, comp[0], comp[1],
                                      comp[2], comp[3], comp[4], so->id, so->name, co->id,
                                      co->name, pu->id, pu->name, covered, missing};
    put_row(fp, row, MATCH_COLUMNS, d);
    free(covered);
    free(missing);
    return CC_OK;
}

cc_status cc_delimited_match(FILE *fp, const cc_match_result *results, size_t count,
                             const cc_report_options *opt, const cc_dialect *d)
{
    if (opt->header)
        put_row(fp, match_header, MATCH_COLUMNS, d);
    for (size_t r = 0; r < count; r++)
        for (size_t i = 0; i < results[r].ranking->count; i++) {
            cc_status st = put_proposal(fp, results[r].scorer, &results[r].ranking->items[i],
                                        i + 1, d);
            if (st != CC_OK)
                return st;
        }
    return CC_OK;
}

cc_status cc_delimited_explain(FILE *fp, const cc_scorer *s, const cc_triad *t,
                               const cc_report_options *opt, const cc_dialect *d)
{
    if (opt->header)
        put_row(fp, match_header, MATCH_COLUMNS, d);
    return put_proposal(fp, s, t, 0, d);
}

/* ----------------------------------------------------------------- score */

cc_status cc_delimited_scored(FILE *fp, char *const *header, size_t columns,
                              const cc_scored_row *rows, size_t count,
                              const cc_report_options *opt, const cc_dialect *d)
{
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

cc_status cc_delimited_gaps(FILE *fp, const cc_gaps *gaps, size_t count,
                            const cc_report_options *opt, const cc_dialect *d)
{
    static const char *const header[] = {"challenge_id", "need",   "weight",     "social",
                                         "company",      "public", "gap",        "best_actors",
                                         "in_best_triad", "best_coverage"};
    if (opt->header)
        put_row(fp, header, 10, d);
    for (size_t i = 0; i < count; i++) {
        const cc_gaps *g = &gaps[i];
        const cc_challenge *ch = g->scorer->challenge;
        char coverage[32] = "";
        if (g->has_triad)
            number(d, coverage, g->best_coverage);
        for (int n = 0; n < ch->need_count; n++) {
            const cc_need_gap *ng = &g->needs[n];
            char weight[32], counts[3][24], gap[64], best[512];
            weight_text(d, weight, sizeof weight, ch->needs[n].weight);
            for (int k = 0; k < CC_SECTORS; k++)
                snprintf(counts[k], sizeof counts[k], "%zu", ng->offered[k]);
            cc_report_need_gap(ng, gap, sizeof gap);
            cc_report_best_actors(g->scorer->actors, ng, "; ", best, sizeof best);
            bool in_best = g->has_triad && !(g->blocking >> n & 1);
            const char *row[] = {ch->id,    ch->needs[n].display, weight, counts[0],
                                 counts[1], counts[2],            gap,    best,
                                 in_best ? "true" : "false", coverage};
            put_row(fp, row, 10, d);
        }
    }
    return CC_OK;
}

/* ------------------------------------------------------------ challenges */

cc_status cc_delimited_challenges(FILE *fp, const cc_challenges *all,
                                  const cc_report_options *opt, const cc_dialect *d)
{
    static const char *const header[] = {"id", "name", "ambition", "territory", "needs"};
    if (opt->header)
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
        for (int n = 0; n < c->need_count; n++)
        {
            char w[32];
            weight_text(d, w, sizeof w, c->needs[n].weight);
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

cc_status cc_delimited_stats(FILE *fp, const cc_stat *stats, size_t count,
                             const cc_report_options *opt, const cc_dialect *d)
{
    static const char *const header[] = {"statistic", "value"};
    if (opt->header)
        put_row(fp, header, 2, d);
    for (size_t i = 0; i < count; i++) {
        const char *row[] = {stats[i].key, stats[i].value};
        put_row(fp, row, 2, d);
    }
    return CC_OK;
}
