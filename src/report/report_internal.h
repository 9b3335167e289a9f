/* report_internal.h — the printers behind each output format, and the
 * pieces they share. Not public: the CLI uses report.h, whose functions
 * call the printers of the format cc_formats names. A format's printers are
 * one cc_printers record defined in its own file (table.c, delimited.c,
 * json.c); the format table in report.c points at it. */
#ifndef COCREATE_REPORT_INTERNAL_H
#define COCREATE_REPORT_INTERNAL_H

#include <stdio.h>
#include "cocreate/components.h"
#include "cocreate/report.h"

/* What every printer writes to: the stream, the run's options and the
 * settings its row of cc_formats gives (a cc_dialect, a cc_json_style). */
typedef struct {
    FILE *fp;
    const cc_report_options *opt;
    const void *settings;
} cc_sink;

/* One printer per kind of output (cc_report_kind); every one is required
 * but those the format's row of cc_formats says it refuses, which are NULL
 * (a test checks both ways). */
struct cc_printers {
    cc_status (*match)(const cc_sink *out, const cc_match_result *results, size_t count);
    cc_status (*explain)(const cc_sink *out, const cc_scorer *s, const cc_triad *t,
                         const bool *outside);
    cc_status (*scored)(const cc_sink *out, char *const *header, size_t columns,
                        const cc_scored_row *rows, size_t count);
    cc_status (*gaps)(const cc_sink *out, const cc_gaps *gaps, size_t count);
    cc_status (*challenges)(const cc_sink *out, const cc_challenges *all);
    cc_status (*check)(const cc_sink *out, const cc_actors *actors, const cc_challenges *all,
                       const cc_vocabulary *voc);
    cc_status (*tags)(const cc_sink *out, const cc_vocabulary *voc);
    cc_status (*plan)(const cc_sink *out, const cc_plan_result *r);
};

extern const cc_printers cc_table_printers;     /* table.c */
extern const cc_printers cc_delimited_printers; /* delimited.c: CSV and TSV */
extern const cc_printers cc_json_printers;      /* json.c: JSON and JSON Lines */
extern const cc_printers cc_html_printers;      /* html.c: a report to share */

/* Writes `text` for HTML text or a quoted attribute value: & < > " ' as
 * character references; C0 controls (but tab and line feed), DEL and C1
 * controls, which HTML does not allow, as U+FFFD. */
void cc_html_put_escaped(FILE *fp, const char *text);

/* Settings of the delimited printers: RFC 4180 with '.' decimals and LF
 * line ends; --excel replaces them with ';', decimal comma, CRLF and a
 * byte-order mark, and writes a field a spreadsheet would run as a formula
 * as text. */
typedef struct {
    char delimiter;
    bool decimal_comma;
    const char *eol;
    bool neutralise_formulas; /* delimited.c says how */
} cc_dialect;

/* Settings of the JSON printers: one document, or one object a line. */
typedef struct {
    bool lines;
} cc_json_style;

/* "a; b; c": the needs of `mask` in challenge order, as spelled in the
 * challenges file; or the tags of `list`. malloc'd, NULL on OOM. */
char *cc_report_need_list(const cc_challenge *ch, uint64_t mask, const char *separator);
char *cc_report_tag_list(const cc_intern *tags, const cc_idlist *list, const char *separator);

/* What actor `actor` brings of the needs in `mask`, as
 * cc_report_need_list says them, but that a need it offers only through
 * the thesaurus is followed by the tag it wrote: "agriculture (via
 * agriculture biologique)". cc_report_brought_need says one need `n`.
 * malloc'd, NULL on OOM. */
char *cc_report_brings_list(const cc_scorer *s, size_t actor, uint64_t mask, const char *separator);
char *cc_report_brought_need(const cc_scorer *s, size_t actor, int n);

/* The needs of `ch` that no actor offers, joined by "; "; NULL on OOM. */
char *cc_report_unmet_needs(const cc_actors *actors, const cc_challenge *ch);

/* The sectors without any actor offering need `n`: "no actor", "no
 * public", "no company, public", or "" when every sector offers it.
 * Static text. */
const char *cc_report_need_gap(const cc_need_gap *g);

/* "name (id); name (id)": the best-known actors offering a need.
 * malloc'd, NULL on OOM. */
char *cc_report_best_actors(const cc_actors *actors, const cc_need_gap *g,
                            const char *separator);

/* A number with 4 decimals and a '.' point, as in csv, tsv and table. */
void cc_report_number(char buf[32], double v);

/* A need's weight as given: the fewest digits (at least 6) that read
 * back as the same number ("3", "0.1234567", "1e+308"), with a '.'. */
void cc_report_weight(char buf[32], double w);

/* The columns of `tags` in csv and tsv, and their number. */
enum { CC_TAG_COLUMNS = 3 + 2 * CC_SECTORS };
extern const char *const cc_tag_columns[CC_TAG_COLUMNS];

/* The numbers of one tag in the order of cc_tag_columns after "tag". */
void cc_report_tag_counts(const cc_tag_use *u, size_t counts[CC_TAG_COLUMNS - 1]);

/* One statistic of `check`: a dotted key ("actors.social") and its value,
 * both malloc'd. */
typedef struct {
    char *key;
    char *value;
    bool count; /* the value is a count, a number in JSON; else text */
} cc_stat;

/* The statistics `check` prints, in order; `*count` gets their number.
 * Returns a malloc'd array freed with cc_report_stats_free, or NULL on
 * OOM (nothing to free then). */
cc_stat *cc_report_check_stats(const cc_actors *actors, const cc_challenges *all,
                               const cc_vocabulary *voc, size_t *count);
void cc_report_stats_free(cc_stat *stats, size_t count);

#endif
