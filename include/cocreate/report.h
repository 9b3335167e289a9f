/* report.h — printing results as a table, CSV, TSV, JSON or JSON Lines
 * (SPEC §5). Printers write to a FILE the caller owns and never close it;
 * write errors are left in the stream's error flag for the caller to check
 * (cc_output_commit does). */
#ifndef COCREATE_REPORT_H
#define COCREATE_REPORT_H

#include <stdbool.h>
#include <stdio.h>
#include "cocreate/gaps.h"
#include "cocreate/rank.h"

typedef enum { CC_TABLE = 0, CC_CSV, CC_TSV, CC_JSON, CC_JSONL, CC_FORMATS } cc_format;

extern const char *const cc_format_names[CC_FORMATS];

typedef struct {
    cc_format format;
    bool header;   /* print the header row of csv/tsv/table */
    bool explain;  /* table: detail under each proposal */
    bool excel;    /* csv for French-locale spreadsheets: ';', decimal comma, CRLF, BOM */
    bool color;    /* table: bold titles and header rows (ANSI) */
} cc_report_options;

/* One challenge's ranking, as printed by `match`. */
typedef struct {
    const cc_scorer *scorer;
    const cc_ranking *ranking;
} cc_match_result;

/* One row of `score` output: the input fields and the triad's score. */
typedef struct {
    char *const *fields;
    double comp[CC_COMPONENTS];
    double score;
} cc_scored_row;

/* Parses a format name; -1 if unknown. */
int cc_format_parse(const char *name);

/* `match` output for one or more challenges. CC_ESOFTWARE on OOM. */
cc_status cc_report_match(FILE *fp, const cc_match_result *results, size_t count,
                          const cc_report_options *opt);

/* `explain` output: the full breakdown of one triad. */
cc_status cc_report_explain(FILE *fp, const cc_scorer *s, const cc_triad *t,
                            const cc_report_options *opt);

/* `score` output: the input columns, then the five components and the
 * score, one row per input row. */
cc_status cc_report_scored(FILE *fp, char *const *header, size_t columns,
                           const cc_scored_row *rows, size_t count, const cc_report_options *opt);

/* `gaps` output for one or more challenges. */
cc_status cc_report_gaps(FILE *fp, const cc_gaps *gaps, size_t count, const cc_report_options *opt);

/* `challenges` output: one line per challenge. */
cc_status cc_report_challenges(FILE *fp, const cc_challenges *all, const cc_report_options *opt);

/* `check` output: statistics of the loaded data. */
cc_status cc_report_check(FILE *fp, const cc_actors *actors, const cc_challenges *all,
                          const cc_report_options *opt);

#endif
