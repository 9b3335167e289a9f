/* report.h — printing results in every output format (SPEC §5).
 * The formats are one table, cc_formats: a name, the file extensions that
 * choose it, and its printers (report_internal.h). Adding a format is one
 * printers file plus one row of that table; a test checks that every row
 * has every printer. Printers write to a FILE the caller owns and never
 * close it; write errors are left in the stream's error flag for the
 * caller to check (cc_output_commit does). A printer that returns an error
 * may have written part of its output: the caller discards it. */
#ifndef COCREATE_REPORT_H
#define COCREATE_REPORT_H

#include <stdbool.h>
#include <stdio.h>
#include "cocreate/gaps.h"
#include "cocreate/plan.h"
#include "cocreate/rank.h"
#include "cocreate/vocabulary.h"

typedef enum { CC_TABLE = 0, CC_CSV, CC_TSV, CC_JSON, CC_JSONL, CC_HTML, CC_FORMATS } cc_format;

/* The kinds of report, one per printer of a format (and per command). */
typedef enum {
    CC_REPORT_MATCH = 0,
    CC_REPORT_PLAN,
    CC_REPORT_EXPLAIN,
    CC_REPORT_SCORED,
    CC_REPORT_GAPS,
    CC_REPORT_CHALLENGES,
    CC_REPORT_CHECK,
    CC_REPORT_TAGS,
    CC_REPORT_KINDS
} cc_report_kind;

/* The name of a kind: its command's name ("match", "score"). */
extern const char *const cc_report_kind_names[CC_REPORT_KINDS];

/* The printers of one format (report_internal.h). */
typedef struct cc_printers cc_printers;

typedef struct {
    const char *name;               /* as -f takes it */
    const char *const *extensions;  /* -o FILE.ext chooses this format; NULL-terminated */
    const char *summary;            /* one line, for help */
    const cc_printers *printers;
    const void *settings;           /* the printers' settings for this format (a dialect...) */
    unsigned refuses;               /* bit k: this format has no printer for report kind k
                                       (a document report has none for `check`); a test
                                       checks that exactly these printers are missing */
} cc_format_desc;

/* Every format, indexed by cc_format. */
extern const cc_format_desc cc_formats[CC_FORMATS];

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

/* One challenge's plan, as printed by `plan`. */
typedef struct {
    const cc_scorer *scorer;
    const cc_plan *plan;
    const cc_plan_left *left; /* the eligible actors left out and why (the table shows
                                 them); NULL: not known */
    size_t left_count;
} cc_plan_result;

/* One row of `score` output: the input fields and the triad's score. */
typedef struct {
    char *const *fields;
    double comp[CC_COMPONENTS];
    double score;
} cc_scored_row;

/* Parses a format name; -1 if unknown. */
int cc_format_parse(const char *name);

/* The format an output file's extension chooses ("x.tsv": CC_TSV); -1 when
 * `path` is NULL or its extension names no format. */
int cc_format_for_path(const char *path);

/* Whether `format` prints reports of `kind`: the CLI refuses the others
 * as a usage error before any work. */
bool cc_format_prints(cc_format format, cc_report_kind kind);

/* Each printer below writes in opt->format; CC_ESOFTWARE when memory ran
 * out (the output is then incomplete and must be discarded); CC_EUSAGE,
 * writing nothing, when the format does not print that kind of report. */

/* `match` output for one or more challenges. */
cc_status cc_report_match(FILE *fp, const cc_match_result *results, size_t count,
                          const cc_report_options *opt);

/* `plan` output: the plan's triads as `match` prints proposals (csv and
 * tsv: match's columns, one row per triad), with the total, the upper
 * bound and the gap in the table and JSON (csv, tsv and JSON Lines leave
 * them to the caller), and in the table the actors left out. */
cc_status cc_report_plan(FILE *fp, const cc_plan_result *r, const cc_report_options *opt);

/* `explain` output: the full breakdown of one triad. `outside` (per
 * sector, NULL: none) marks the members outside the challenge's territory:
 * JSON says "outside": true on them, the table says so on their line. */
cc_status cc_report_explain(FILE *fp, const cc_scorer *s, const cc_triad *t,
                            const bool outside[CC_SECTORS], const cc_report_options *opt);

/* `score` output: the input columns, then the five components and the
 * score, one row per input row. */
cc_status cc_report_scored(FILE *fp, char *const *header, size_t columns,
                           const cc_scored_row *rows, size_t count, const cc_report_options *opt);

/* `gaps` output for one or more challenges. */
cc_status cc_report_gaps(FILE *fp, const cc_gaps *gaps, size_t count, const cc_report_options *opt);

/* `challenges` output: one line per challenge. */
cc_status cc_report_challenges(FILE *fp, const cc_challenges *all, const cc_report_options *opt);

/* `check` output: statistics of the loaded data; `voc` is their
 * vocabulary (built from the same actors and challenges). */
cc_status cc_report_check(FILE *fp, const cc_actors *actors, const cc_challenges *all,
                          const cc_vocabulary *voc, const cc_report_options *opt);

/* `tags` output: every tag in use with its counts, in the vocabulary's
 * order. */
cc_status cc_report_tags(FILE *fp, const cc_vocabulary *voc, const cc_report_options *opt);

/* `tags --suggest` output, whatever opt->format says: a draft thesaurus,
 * CSV with the columns tag, means, broader (empty) and reason, one row per
 * tag that has a meaning, grouped by meaning. Written with the csv dialect
 * (or --excel's), and every field a spreadsheet would run as a formula
 * written as text, quoted with a ' in front: the draft is meant to be
 * edited in a spreadsheet, and the ' goes away when the tag is normalised
 * on reading. With the table format (the choice for a terminal), the
 * characters a terminal acts on are escaped as tables escape them. */
cc_status cc_report_thesaurus(FILE *fp, const cc_vocabulary *voc, const cc_report_options *opt);

#endif
