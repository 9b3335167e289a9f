/* html.c — the printers of the `html` format: one self-contained page to
 * read in a browser, forward to partners or print on A4. Everything it
 * needs is in the file (inline CSS, system fonts, no script, no image, no
 * link to load), so it opens offline and leaks no request. It is written
 * for screen readers too: real headings and tables (caption, th with
 * scope), each score bar labelled with its numbers. Every text that comes
 * from the data goes through cc_html_put_escaped, and names sit in <bdi>
 * so that a bidirectional override in one cannot reorder the text around
 * it. Reports that are no document (score, challenges, check, tags) have
 * no printer here: cc_formats says html refuses them. */
#include "report_internal.h"

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ escaping */

void cc_html_put_escaped(FILE *fp, const char *text)
{
    const unsigned char *u = (const unsigned char *)text;
    for (size_t i = 0; u[i]; i++) {
        unsigned char c = u[i];
        switch (c) {
        case '&': fputs("&amp;", fp); continue;
        case '<': fputs("&lt;", fp); continue;
        case '>': fputs("&gt;", fp); continue;
        case '"': fputs("&quot;", fp); continue;
        case '\'': fputs("&#39;", fp); continue;
        default: break;
        }
        if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f)
            fputs("\xef\xbf\xbd", fp); /* U+FFFD */
        else if (c == 0xc2 && u[i + 1] >= 0x80 && u[i + 1] <= 0x9f) {
            fputs("\xef\xbf\xbd", fp); /* a C1 control, U+0080..U+009F */
            i++;
        } else
            fputc(c, fp);
    }
}

/* `text` escaped inside <bdi>, which isolates its direction. */
static void put_data(FILE *fp, const char *text)
{
    fputs("<bdi>", fp);
    cc_html_put_escaped(fp, text);
    fputs("</bdi>", fp);
}

/* `list` escaped, or an en dash when it is empty. */
static void put_list(FILE *fp, const char *list)
{
    if (*list)
        cc_html_put_escaped(fp, list);
    else
        fputs("–", fp);
}

/* ------------------------------------------------------------ the page */

/* Colours of the components' bar segments, in component order (cycled if
 * the table grows); dark enough for white text, told apart by lightness. */
static const char *const palette[] = {"#1f4e79", "#2e7d32", "#b26a00", "#6a1b9a", "#00838f",
                                      "#8d2a2a"};
#define PALETTE (sizeof palette / sizeof *palette)

static const char style[] =
    "body{font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,\"Noto Sans\",sans-serif;"
    "color:#1a1a1a;background:#fff;max-width:60rem;margin:0 auto;padding:1rem 1.5rem;"
    "line-height:1.45}\n"
    "h1{font-size:1.6rem;margin:.2rem 0 1rem}h2{font-size:1.3rem;margin:2rem 0 .5rem;"
    "border-bottom:2px solid #1f4e79;padding-bottom:.2rem}h3{font-size:1.1rem;margin:0 0 .5rem}\n"
    ".id{color:#555;font-weight:normal;font-size:.9em}\n"
    "table{border-collapse:collapse;margin:.5rem 0 1rem;width:100%}"
    "caption{text-align:left;font-weight:600;padding:.2rem 0}"
    "th,td{border:1px solid #c8c8c8;padding:.25rem .5rem;text-align:left;vertical-align:top}"
    "thead th{background:#eef2f6}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}\n"
    ".card{border:1px solid #9aa7b4;border-radius:6px;padding:.8rem 1rem;margin:1rem 0;"
    "break-inside:avoid;page-break-inside:avoid}\n"
    ".bar{display:flex;height:1.3rem;width:100%;background:#e8e8e8;border-radius:3px;"
    "overflow:hidden;margin:.3rem 0 .6rem}"
    ".bar span{display:block;height:100%}\n"
    ".swatch{display:inline-block;width:.9em;height:.9em;margin-right:.4em;"
    "vertical-align:-.1em;border-radius:2px}\n"
    ".summary{margin:.3rem 0}.missing{margin:.3rem 0 0}\n"
    "td.c0{background:#f4c7c3}td.c1{background:#fde9b8}td.c2{background:#d9ead3}"
    "td.c3{background:#a8d5a2}\n"
    ".bar span,.swatch,td.c0,td.c1,td.c2,td.c3{-webkit-print-color-adjust:exact;"
    "print-color-adjust:exact}\n"
    "footer{margin-top:2rem;color:#555;font-size:.85rem}\n"
    "@page{size:A4;margin:15mm}\n"
    "@media print{body{max-width:none;padding:0;font-size:10.5pt}"
    "h2{break-after:avoid;page-break-after:avoid}section{break-before:auto}}\n";

/* The start of the page, up to the opening of <main> and the <h1>. */
static void begin_page(FILE *fp, const char *heading, const char *name, size_t challenges)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
          fp);
    cc_html_put_escaped(fp, heading);
    if (challenges == 1) {
        fputs(": ", fp);
        cc_html_put_escaped(fp, name);
    } else
        fprintf(fp, ": %zu challenges", challenges);
    fputs(" (cocreate)</title>\n<style>\n", fp);
    fputs(style, fp);
    fputs("</style>\n</head>\n<body>\n<main>\n<h1>", fp);
    cc_html_put_escaped(fp, heading);
    fputs("</h1>\n", fp);
}

static void end_page(FILE *fp)
{
    fputs("</main>\n<footer><p>Made by cocreate. Each score is the sum of its components' "
          "contributions (weight × value); a full bar would be a score of 1.</p></footer>\n"
          "</body>\n</html>\n",
          fp);
}

/* The challenge's heading (h2), its ambition, territory and description,
 * and the table of its needs. `anchor` makes the heading's id unique. */
static cc_status put_challenge(FILE *fp, const cc_challenge *ch, size_t anchor)
{
    fprintf(fp, "<section aria-labelledby=\"ch%zu\">\n<h2 id=\"ch%zu\">", anchor, anchor);
    put_data(fp, ch->name);
    fputs(" <span class=\"id\">(", fp);
    put_data(fp, ch->id);
    fputs(")</span></h2>\n<p class=\"summary\">Ambition: ", fp);
    cc_html_put_escaped(fp, cc_ambitions[ch->ambition].name);
    if (ch->territory) {
        fputs(" · territory: ", fp);
        put_data(fp, ch->territory);
    }
    fprintf(fp, " · %d need%s</p>\n", ch->need_count, ch->need_count == 1 ? "" : "s");
    if (ch->description && *ch->description) {
        fputs("<p>", fp);
        put_data(fp, ch->description);
        fputs("</p>\n", fp);
    }
    fputs("<table>\n<caption>Needs of the challenge and their weights</caption>\n"
          "<thead><tr><th scope=\"col\">Need</th><th scope=\"col\" class=\"n\">Weight</th>"
          "</tr></thead>\n<tbody>\n",
          fp);
    for (int n = 0; n < ch->need_count; n++) {
        char w[32];
        cc_report_weight(w, ch->needs[n].weight);
        fputs("<tr><th scope=\"row\">", fp);
        cc_html_put_escaped(fp, ch->needs[n].display);
        fprintf(fp, "</th><td class=\"n\">%s</td></tr>\n", w);
    }
    fputs("</tbody>\n</table>\n", fp);
    return CC_OK;
}

/* The stacked bar of a score: one segment per component, as wide as its
 * contribution (weight × value) in percent of a score of 1, so that the
 * segments add up to the score. The bar is an image to assistive
 * technology, labelled with the same numbers. */
static void put_bar(FILE *fp, const cc_scorer *s, const cc_triad *t)
{
    char num[32];
    cc_report_number(num, t->score);
    fprintf(fp, "<div class=\"bar\" role=\"img\" aria-label=\"Score %s:", num);
    for (int c = 0; c < CC_COMPONENTS; c++) {
        cc_report_number(num, s->weights.w[c] * t->comp[c]);
        fprintf(fp, "%s %s %s", c ? "," : "", cc_components[c].name, num);
    }
    fputs("\">", fp);
    for (int c = 0; c < CC_COMPONENTS; c++) {
        double part = s->weights.w[c] * t->comp[c];
        if (part > 0)
            fprintf(fp, "<span style=\"width:%.2f%%;background:%s\" title=\"%s\"></span>",
                    100 * part, palette[(size_t)c % PALETTE], cc_components[c].name);
    }
    fputs("</div>\n", fp);
}

/* The table of the components: value, weight, contribution. */
static void put_components(FILE *fp, const cc_scorer *s, const cc_triad *t)
{
    fputs("<table>\n<caption>Score components</caption>\n<thead><tr>"
          "<th scope=\"col\">Component</th><th scope=\"col\" class=\"n\">Value</th>"
          "<th scope=\"col\" class=\"n\">Weight</th>"
          "<th scope=\"col\" class=\"n\">Contribution</th></tr></thead>\n<tbody>\n",
          fp);
    for (int c = 0; c < CC_COMPONENTS; c++) {
        char v[32], w[32], part[32];
        cc_report_number(v, t->comp[c]);
        cc_report_number(w, s->weights.w[c]);
        cc_report_number(part, s->weights.w[c] * t->comp[c]);
        fprintf(fp,
                "<tr><th scope=\"row\"><span class=\"swatch\" style=\"background:%s\" "
                "aria-hidden=\"true\"></span>%s</th><td class=\"n\">%s</td><td class=\"n\">%s</td>"
                "<td class=\"n\">%s</td></tr>\n",
                palette[(size_t)c % PALETTE], cc_components[c].name, v, w, part);
    }
    fputs("</tbody>\n</table>\n", fp);
}

/* One proposal as a card: its score and bar, who brings what, what only
 * one brings, what each gains, what is missing. `rank` 0: no rank
 * (explain). `outside` (NULL: none) marks partners outside the territory. */
static cc_status put_card(FILE *fp, const cc_scorer *s, const cc_triad *t, size_t rank,
                          const bool *outside)
{
    cc_explanation e;
    if (cc_scorer_explain(s, t->member, &e) != CC_OK)
        return CC_ESOFTWARE;
    char num[32];
    cc_report_number(num, t->score);
    fputs("<article class=\"card\">\n<h3>", fp);
    if (rank)
        fprintf(fp, "Proposal %zu: ", rank);
    for (int k = 0; k < CC_SECTORS; k++) {
        fputs(k ? ", " : "", fp);
        put_data(fp, s->actors->items[t->member[k]].name);
    }
    fprintf(fp, " — score %s</h3>\n", num);
    put_bar(fp, s, t);
    put_components(fp, s, t);
    fputs("<table>\n<caption>Partners: what each brings, what only it brings, what it gains"
          "</caption>\n<thead><tr><th scope=\"col\">Sector</th><th scope=\"col\">Partner</th>"
          "<th scope=\"col\">Brings</th><th scope=\"col\">Only it brings</th>"
          "<th scope=\"col\">Gains (its seeks the others meet)</th></tr></thead>\n<tbody>\n",
          fp);
    cc_status st = CC_OK;
    for (int k = 0; k < CC_SECTORS && st == CC_OK; k++) {
        const cc_actor *a = &s->actors->items[t->member[k]];
        char *brings = cc_report_brings_list(s, t->member[k], e.brings[k], ", ");
        char *only = cc_report_need_list(s->challenge, e.only[k], ", ");
        char *gains = cc_report_tag_list(s->actors->tags, &e.gains[k], ", ");
        if (brings && only && gains) {
            fprintf(fp, "<tr><td>%s</td><th scope=\"row\">", cc_sector_names[k]);
            put_data(fp, a->name);
            fputs(" <span class=\"id\">(", fp);
            put_data(fp, a->id);
            fputs(")</span>", fp);
            if (outside && outside[k])
                fputs(" (outside the territory)", fp);
            fputs("</th><td>", fp);
            put_list(fp, brings);
            fputs("</td><td>", fp);
            put_list(fp, only);
            fputs("</td><td>", fp);
            put_list(fp, gains);
            if (a->seeks.count > 0)
                fprintf(fp, " (%d of %d seeks met)", e.gains[k].count, a->seeks.count);
            fputs("</td></tr>\n", fp);
        } else
            st = CC_ESOFTWARE;
        free(brings);
        free(only);
        free(gains);
    }
    fputs("</tbody>\n</table>\n", fp);
    char *missing = st == CC_OK ? cc_report_need_list(s->challenge, ~e.covered, ", ") : NULL;
    cc_explanation_free(&e);
    if (!missing)
        return CC_ESOFTWARE;
    fputs("<p class=\"missing\"><strong>Missing:</strong> ", fp);
    if (*missing)
        cc_html_put_escaped(fp, missing);
    else
        fputs("nothing: every need is covered", fp);
    fputs("</p>\n</article>\n", fp);
    free(missing);
    return CC_OK;
}

/* A challenge's section: its needs, then one card per triad. */
static cc_status put_proposals(FILE *fp, const cc_scorer *s, const cc_triad *items, size_t count,
                               size_t anchor, bool ranked, const bool *outside,
                               const cc_plan *plan)
{
    cc_status st = put_challenge(fp, s->challenge, anchor);
    if (plan) {
        char total[32], bound[32], gap[32];
        cc_report_number(total, plan->total);
        cc_report_number(bound, plan->bound);
        snprintf(gap, sizeof gap, "%.2f%%", 100 * cc_plan_gap(plan)); /* as the table says it */
        fprintf(fp,
                "<p class=\"summary\"><strong>Plan:</strong> %zu partnership%s (at most %zu), "
                "each actor in one at most; total score %s, upper bound %s, gap %s (%s%s).</p>\n",
                plan->count, plan->count == 1 ? "" : "s", plan->limit, total, bound, gap,
                plan->exact ? "exact method" : "heuristic", plan->optimal ? ", optimal" : "");
    }
    if (count == 0)
        fputs("<p>No triad qualifies.</p>\n", fp);
    for (size_t i = 0; i < count && st == CC_OK; i++)
        st = put_card(fp, s, &items[i], ranked ? i + 1 : 0, outside);
    fputs("</section>\n", fp);
    return st;
}

static cc_status print_match(const cc_sink *out, const cc_match_result *results, size_t count)
{
    begin_page(out->fp, "Partnership proposals",
               count ? results[0].scorer->challenge->name : "", count);
    cc_status st = CC_OK;
    for (size_t r = 0; r < count && st == CC_OK; r++)
        st = put_proposals(out->fp, results[r].scorer, results[r].ranking->items,
                           results[r].ranking->count, r + 1, true, NULL, NULL);
    end_page(out->fp);
    return st;
}

static cc_status print_plan(const cc_sink *out, const cc_plan_result *r)
{
    begin_page(out->fp, "Partnership plan", r->scorer->challenge->name, 1);
    cc_status st =
        put_proposals(out->fp, r->scorer, r->plan->items, r->plan->count, 1, true, NULL, r->plan);
    end_page(out->fp);
    return st;
}

static cc_status print_explain(const cc_sink *out, const cc_scorer *s, const cc_triad *t,
                               const bool *outside)
{
    begin_page(out->fp, "Score breakdown", s->challenge->name, 1);
    cc_status st = put_proposals(out->fp, s, t, 1, 1, false, outside, NULL);
    end_page(out->fp);
    return st;
}

/* ------------------------------------------------------------------ gaps */

/* The shade of a count of offering actors: none, one, a few, many. */
static int shade(size_t offered)
{
    return offered == 0 ? 0 : offered == 1 ? 1 : offered <= 3 ? 2 : 3;
}

static cc_status put_gaps(FILE *fp, const cc_gaps *g, size_t anchor)
{
    const cc_scorer *s = g->scorer;
    const cc_challenge *ch = s->challenge;
    fprintf(fp, "<section aria-labelledby=\"ch%zu\">\n<h2 id=\"ch%zu\">", anchor, anchor);
    put_data(fp, ch->name);
    fputs(" <span class=\"id\">(", fp);
    put_data(fp, ch->id);
    fputs(")</span></h2>\n<table>\n<caption>How many actors of each sector offer each need "
          "(shaded: red none, yellow one, green a few or more)</caption>\n<thead><tr>"
          "<th scope=\"col\">Need</th><th scope=\"col\" class=\"n\">Weight</th>",
          fp);
    for (int k = 0; k < CC_SECTORS; k++)
        fprintf(fp, "<th scope=\"col\" class=\"n\">%s</th>", cc_sector_names[k]);
    fputs("<th scope=\"col\">Best known</th><th scope=\"col\">Gap</th></tr></thead>\n<tbody>\n",
          fp);
    for (int n = 0; n < ch->need_count; n++) {
        const cc_need_gap *ng = &g->needs[n];
        char w[32];
        cc_report_weight(w, ch->needs[n].weight);
        char *best = cc_report_best_actors(s->actors, ng, ", ");
        if (!best)
            return CC_ESOFTWARE;
        fputs("<tr><th scope=\"row\">", fp);
        cc_html_put_escaped(fp, ch->needs[n].display);
        fprintf(fp, "</th><td class=\"n\">%s</td>", w);
        for (int k = 0; k < CC_SECTORS; k++)
            fprintf(fp, "<td class=\"n c%d\">%zu</td>", shade(ng->offered[k]), ng->offered[k]);
        fputs("<td>", fp);
        put_list(fp, best);
        fputs("</td><td>", fp);
        put_list(fp, cc_report_need_gap(ng));
        fputs("</td></tr>\n", fp);
        free(best);
    }
    fputs("</tbody>\n</table>\n", fp);
    if (!g->has_triad)
        fputs("<p class=\"summary\">No triad can be formed: a sector has no actor.</p>\n", fp);
    else {
        char cov[32];
        cc_report_number(cov, g->best_coverage);
        char *blocking = cc_report_need_list(ch, g->blocking, ", ");
        if (!blocking)
            return CC_ESOFTWARE;
        fprintf(fp, "<p class=\"summary\"><strong>Best coverage:</strong> %s, by ", cov);
        for (int k = 0; k < CC_SECTORS; k++) {
            fputs(k ? ", " : "", fp);
            put_data(fp, s->actors->items[g->best_triad.member[k]].name);
        }
        fputs(".</p>\n<p class=\"summary\"><strong>Blocking needs:</strong> ", fp);
        put_list(fp, blocking);
        fputs("</p>\n", fp);
        free(blocking);
    }
    fputs("</section>\n", fp);
    return CC_OK;
}

static cc_status print_gaps(const cc_sink *out, const cc_gaps *gaps, size_t count)
{
    begin_page(out->fp, "Needs covered by the ecosystem",
               count ? gaps[0].scorer->challenge->name : "", count);
    cc_status st = CC_OK;
    for (size_t i = 0; i < count && st == CC_OK; i++)
        st = put_gaps(out->fp, &gaps[i], i + 1);
    end_page(out->fp);
    return st;
}

/* score, challenges, check and tags are no report to share: no printer
 * (cc_formats lists them as refused). */
const cc_printers cc_html_printers = {
    .match = print_match,
    .explain = print_explain,
    .gaps = print_gaps,
    .plan = print_plan,
};
