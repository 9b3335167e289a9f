/* cli_internal.h — the parsed command line and the commands that use it.
 * cli.c parses arguments and finds the data files; commands.c runs each
 * command. Messages go to stderr, prefixed with the program name. */
#ifndef COCREATE_CLI_INTERNAL_H
#define COCREATE_CLI_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include "cocreate/actors.h"
#include "cocreate/challenges.h"
#include "cocreate/report.h"

#define CC_PROGRAM "cocreate"

typedef enum { CC_COLOR_AUTO = 0, CC_COLOR_ALWAYS, CC_COLOR_NEVER } cc_color_mode;

typedef struct {
    const char *command;
    char **args;               /* operands after the command */
    int arg_count;
    const char *actors_path;   /* NULL: bundled data */
    const char *challenges_path;
    size_t top;                /* -k */
    int format;                /* cc_format, or -1 to choose */
    const char *output;        /* -o, NULL for stdout */
    char delimiter;            /* 0: detect */
    const char *encoding;
    bool header, explain, quiet, all, anywhere, skip_bad_rows;
    const char *territory;
    const char **exclude;      /* --exclude ids, `exclude_count` of them */
    size_t exclude_count;
    const char **require;
    size_t require_count;
    bool has_min_score;
    double min_score;
    size_t max_per_actor;
    const char *ambition;
    const char *weights;
    const char *needs;
    const char *triads;        /* score --triads */
    const char *columns;       /* score --columns */
    bool excel;                /* --excel */
    cc_color_mode color;
} cc_cli;

/* The data a command works on, loaded once. */
typedef struct {
    cc_intern *tags;
    cc_actors actors;
    cc_challenges challenges;
} cc_dataset;

/* A progress line on stderr, for work that takes more than a second (or
 * $COCREATE_PROGRESS_DELAY seconds), and
 * only when stderr is a terminal (SPEC §5). */
typedef struct {
    char label[200];
    double start;   /* seconds, monotonic */
    double delay;   /* shown only after this many seconds ($COCREATE_PROGRESS_DELAY, 1) */
    bool shown;
    int percent;    /* last shown */
} cc_progress;

/* Prepares `p`; false when this run shows no progress (quiet, not a tty). */
bool cc_progress_start(const cc_cli *cli, const char *label, cc_progress *p);
/* Progress callback: `done` is the share of the work done, 0..1. */
void cc_progress_show(void *p, double done);
/* Erases the line if it was shown. */
void cc_progress_end(const cc_progress *p);

/* Prints "cocreate: message" on stderr. */
void cc_cli_say(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* Prints the recorded errors (and a note when the loader stopped early). */
void cc_cli_print_errors(const cc_error *err);

/* Warning callback for loaders: prints unless --quiet. */
void cc_cli_warn(void *cli, const char *message);

/* Loads the actors and/or the challenges the command needs. */
cc_status cc_cli_load(const cc_cli *cli, bool actors, bool challenges, cc_dataset *data,
                      cc_error *err);
void cc_dataset_free(cc_dataset *data);

/* The report options for this run: chosen format, header, explain. */
cc_report_options cc_cli_report_options(const cc_cli *cli);

cc_status cc_cmd_match(const cc_cli *cli, cc_error *err);
cc_status cc_cmd_explain(const cc_cli *cli, cc_error *err);
cc_status cc_cmd_gaps(const cc_cli *cli, cc_error *err);
cc_status cc_cmd_score(const cc_cli *cli, cc_error *err);
cc_status cc_cmd_challenges(const cc_cli *cli, cc_error *err);
cc_status cc_cmd_check(const cc_cli *cli, cc_error *err);

/* Writes a report through cc_output (atomic -o): `print` gets the stream. */
cc_status cc_cli_write(const cc_cli *cli, cc_status (*print)(FILE *, const void *),
                       const void *ctx, cc_error *err);

#endif
