/* report_internal.h — what the printers of each format share. Not public:
 * the CLI uses report.h, which dispatches to the table, delimited (CSV and
 * TSV) and JSON printers declared here. */
#ifndef COCREATE_REPORT_INTERNAL_H
#define COCREATE_REPORT_INTERNAL_H

#include <stdio.h>
#include "cocreate/components.h"
#include "cocreate/report.h"

/* How CSV and TSV are written: RFC 4180 with '.' decimals and LF line
 * ends, or for --excel ';', decimal comma and CRLF (the BOM is written
 * once, first, by the dispatcher). */
typedef struct {
    char delimiter;
    bool decimal_comma;
    const char *eol;
} cc_dialect;

/* "a; b; c": the needs of `mask` in challenge order, as spelled in the
 * challenges file; or the tags of `list`. malloc'd, NULL on OOM. */
char *cc_report_need_list(const cc_challenge *ch, uint64_t mask, const char *separator);
char *cc_report_tag_list(const cc_intern *tags, const cc_idlist *list, const char *separator);

/* The needs of `ch` that no actor offers, joined by "; "; NULL on OOM. */
char *cc_report_unmet_needs(const cc_actors *actors, const cc_challenge *ch);

/* The sectors without any actor offering need `n`: "no actor", "no
 * public", "no company, public", or "" when every sector offers it. */
void cc_report_need_gap(const cc_need_gap *g, char *buf, size_t size);

/* "name (id); name (id)": the best-known actors offering a need. */
void cc_report_best_actors(const cc_actors *actors, const cc_need_gap *g, const char *separator,
                           char *buf, size_t size);

/* A number with 4 decimals and a '.' point, as in csv, tsv and table. */
void cc_report_number(char buf[32], double v);

/* One statistic of `check`: a dotted key ("actors.social") and its value. */
typedef struct {
    char key[64];
    char value[256];
} cc_stat;

/* The statistics `check` prints, in order; `*count` gets their number.
 * malloc'd array, NULL on OOM. */
cc_stat *cc_report_check_stats(const cc_actors *actors, const cc_challenges *all, size_t *count);

cc_status cc_table_match(FILE *fp, const cc_match_result *results, size_t count,
                         const cc_report_options *opt);
cc_status cc_table_explain(FILE *fp, const cc_scorer *s, const cc_triad *t,
                           const cc_report_options *opt);
cc_status cc_table_scored(FILE *fp, char *const *header, size_t columns,
                          const cc_scored_row *rows, size_t count, const cc_report_options *opt);
cc_status cc_table_gaps(FILE *fp, const cc_gaps *gaps, size_t count,
                        const cc_report_options *opt);
cc_status cc_table_challenges(FILE *fp, const cc_challenges *all, const cc_report_options *opt);
cc_status cc_table_stats(FILE *fp, const cc_stat *stats, size_t count);

cc_status cc_delimited_match(FILE *fp, const cc_match_result *results, size_t count,
                             const cc_report_options *opt, const cc_dialect *d);
cc_status cc_delimited_explain(FILE *fp, const cc_scorer *s, const cc_triad *t,
                               const cc_report_options *opt, const cc_dialect *d);
cc_status cc_delimited_scored(FILE *fp, char *const *header, size_t columns,
                              const cc_scored_row *rows, size_t count,
                              const cc_report_options *opt, const cc_dialect *d);
cc_status cc_delimited_gaps(FILE *fp, const cc_gaps *gaps, size_t count,
                            const cc_report_options *opt, const cc_dialect *d);
cc_status cc_delimited_challenges(FILE *fp, const cc_challenges *all,
                                  const cc_report_options *opt, const cc_dialect *d);
cc_status cc_delimited_stats(FILE *fp, const cc_stat *stats, size_t count,
                             const cc_report_options *opt, const cc_dialect *d);

cc_status cc_json_match(FILE *fp, const cc_match_result *results, size_t count, bool lines);
cc_status cc_json_explain(FILE *fp, const cc_scorer *s, const cc_triad *t, bool lines);
cc_status cc_json_scored(FILE *fp, char *const *header, size_t columns,
                         const cc_scored_row *rows, size_t count, bool lines);
cc_status cc_json_gaps(FILE *fp, const cc_gaps *gaps, size_t count, bool lines);
cc_status cc_json_challenges(FILE *fp, const cc_challenges *all, bool lines);
cc_status cc_json_check(FILE *fp, const cc_actors *actors, const cc_challenges *all, bool lines);

#endif
