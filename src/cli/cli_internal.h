/* cli_internal.h — the command line as two tables and what the commands share.
 * cc_options (options.c) holds every option: its names, argument, help
 * line and the function that stores it. cc_commands (commands.c) holds
 * every command: its synopsis, summary, help, the options it takes and the
 * function that runs it. Parsing (cli.c), the help, the messages naming
 * commands or values, and the tests all read these two arrays, so adding a
 * command is one run function and one row.
 * Messages go to stderr, prefixed with the program name; only this layer
 * prints. Strings in a cc_cli borrow argv, which outlives the run. */
#ifndef COCREATE_CLI_INTERNAL_H
#define COCREATE_CLI_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "cocreate/actors.h"
#include "cocreate/challenges.h"
#include "cocreate/report.h"

#define CC_PROGRAM "cocreate"

typedef enum { CC_COLOR_AUTO = 0, CC_COLOR_ALWAYS, CC_COLOR_NEVER, CC_COLORS } cc_color_mode;

typedef struct cc_command cc_command;

/* The parsed command line. */
typedef struct {
    const cc_command *command; /* NULL until known */
    char **args;               /* operands after the command */
    int arg_count;
    bool help, version;        /* --help / --version: print and stop */
    const char *actors_path;   /* NULL: bundled data */
    const char *challenges_path;
    const char *thesaurus_path; /* --thesaurus; NULL: the data directory's, if any */
    bool no_thesaurus;          /* --no-thesaurus (the last of the two wins) */
    size_t top;                /* -k */
    int format;                /* cc_format, or -1 to choose */
    const char *output;        /* -o, NULL for stdout */
    char delimiter;            /* actors CSV; 0: detect */
    const char *encoding;      /* actors CSV; NULL: UTF-8 */
    bool header, explain, quiet, all, anywhere, skip_bad_rows;
    const char *territory;
    const char **exclude;      /* --exclude ids, `exclude_count` of them (array owned) */
    size_t exclude_count;
    const char **require;      /* --require ids (array owned) */
    size_t require_count;
    bool has_min_score;
    double min_score;
    size_t max_per_actor;
    size_t jobs;               /* --jobs: challenges ranked at once; 0: one per processor */
    size_t partnerships;       /* plan --partnerships; 0: as many as possible */
    double time_limit;         /* plan --time-limit, seconds; 0: the default */
    const char *ambition;
    const char *weights;
    const char *needs;
    const char *triads;        /* score --triads */
    const char *columns;       /* score --columns */
    const char *history;       /* --history: triads and pairs not to propose again */
    bool excel;                /* --excel */
    bool suggest;              /* tags --suggest */
    cc_color_mode color;
} cc_cli;

/* ------------------------------------------------------------ options */

/* Every option, in the order the help lists them within a group. */
typedef enum {
    CC_OPT_ACTORS, CC_OPT_CHALLENGES, CC_OPT_THESAURUS, CC_OPT_NO_THESAURUS, CC_OPT_DELIMITER,
    CC_OPT_ENCODING, CC_OPT_SKIP_BAD_ROWS,
    CC_OPT_TRIADS, CC_OPT_COLUMNS,
    CC_OPT_TOP, CC_OPT_ALL, CC_OPT_NEEDS, CC_OPT_AMBITION, CC_OPT_WEIGHTS, CC_OPT_TERRITORY,
    CC_OPT_ANYWHERE, CC_OPT_EXCLUDE, CC_OPT_REQUIRE, CC_OPT_MIN_SCORE, CC_OPT_MAX_PER_ACTOR,
    CC_OPT_HISTORY, CC_OPT_JOBS, CC_OPT_PARTNERSHIPS, CC_OPT_TIME_LIMIT,
    CC_OPT_FORMAT, CC_OPT_OUTPUT, CC_OPT_EXCEL, CC_OPT_NO_HEADER, CC_OPT_EXPLAIN, CC_OPT_SUGGEST,
    CC_OPT_COLOR,
    CC_OPT_QUIET, CC_OPT_HELP, CC_OPT_VERSION,
    CC_OPTIONS
} cc_option_id;

/* The bit of an option in cc_command.options. */
#define CC_OPTION_BIT(id) ((uint64_t)1 << (id))

/* The sections of a command's help. */
typedef enum { CC_GROUP_DATA = 0, CC_GROUP_RANKING, CC_GROUP_OUTPUT, CC_GROUPS } cc_option_group;

extern const char *const cc_option_group_titles[CC_GROUPS];

typedef struct {
    const char *name;      /* long name, without the dashes */
    char letter;           /* short option, 0 for none */
    const char *arg;       /* argument name shown in help, NULL for a flag */
    const char *help;      /* help text, wrapped when shown;
                              "{}" stands for the accepted values */
    cc_option_group group; /* help section */
    bool common;           /* accepted by every command */
    /* The i-th accepted value (NULL past the last), for options that take
     * one of a fixed set; NULL for free text. */
    const char *(*value)(size_t i);
    /* Stores the option in `cli`. CC_EUSAGE for a bad value (cli may hold
     * part of it), CC_ESOFTWARE when out of memory. */
    cc_status (*set)(cc_cli *cli, const char *arg, cc_error *err);
} cc_option;

extern const cc_option cc_options[CC_OPTIONS];

/* The option whose long name is `name` (without dashes), or NULL. */
const cc_option *cc_option_find(const char *name);

/* ----------------------------------------------------------- commands */

struct cc_command {
    const char *name;       /* as typed: "match" */
    const char *synopsis;   /* operands of the main form: "CHALLENGE..." ("" for none) */
    const char *more_usage; /* other forms after "cocreate NAME ", one per line; NULL if none */
    const char *summary;    /* one line for the command list */
    const char *help;       /* what it does, for its --help */
    uint64_t options;       /* CC_OPTION_BIT of each option it takes besides the common ones */
    cc_status (*run)(const cc_cli *cli, cc_error *err);
    cc_report_kind report;  /* what it prints: a format without that printer is refused */
};

extern const cc_command cc_commands[];
extern const size_t cc_command_count;

/* The command named `name`, or NULL. */
const cc_command *cc_command_find(const char *name);

/* True when `cmd` takes option `id` (common options always). */
bool cc_command_accepts(const cc_command *cmd, cc_option_id id);

/* ----------------------------------------------------------- parsing */

/* Parses argv into `cli` (zeroed first, then defaults). Usage errors
 * (unknown command or option, an option the command does not take, a bad
 * value) are CC_EUSAGE, OOM is CC_ESOFTWARE; either way `cli` may be
 * partly filled and must still be released with cc_cli_release. Prints
 * nothing. With --help or --version, parsing stops there and sets
 * cli->help or cli->version; the command may then be NULL. */
cc_status cc_cli_parse(cc_cli *cli, int argc, char **argv, cc_error *err);

/* Frees what cc_cli_parse allocated (the --exclude/--require arrays). */
void cc_cli_release(cc_cli *cli);

/* The help of `cmd` (NULL: the general help), built from the tables into a
 * malloc'd string the caller frees; NULL when out of memory. */
char *cc_cli_help_text(const cc_command *cmd);

/* Joins the values value(0), value(1)... with `sep`, and `last` before the
 * last one: ("a", "b", "c"), ", ", " or " gives "a, b or c". malloc'd;
 * NULL when out of memory. */
char *cc_cli_join(const char *(*value)(size_t i), const char *sep, const char *last);

/* The name of the i-th command, format or ambition; NULL past the last.
 * These feed cc_cli_join and cc_option.value. */
const char *cc_command_name(size_t i);
const char *cc_format_name(size_t i);
const char *cc_ambition_name(size_t i);

/* ----------------------------------------------------------- running */

/* The data a command works on, loaded once. */
typedef struct {
    cc_intern *tags;
    cc_thesaurus *thesaurus; /* --thesaurus or the data directory's; NULL: none */
    cc_actors actors;
    cc_challenges challenges;
} cc_dataset;

/* A progress line on stderr, for work that takes more than a second (or
 * $COCREATE_PROGRESS_DELAY seconds), and only when stderr is a terminal
 * (SPEC §5). It borrows its label: "<verb> <object>". */
typedef struct {
    const char *verb;    /* "reading", "ranking" */
    const char *object;  /* file or challenge, borrowed */
    double start;        /* seconds, monotonic */
    double delay;        /* shown only after this many seconds */
    bool shown;
    int percent;         /* last shown */
} cc_progress;

/* Prepares `p` (always, so that cc_progress_end is safe); false when this
 * run shows no progress (quiet, not a tty). `verb` and `object` must
 * outlive `p`. */
bool cc_progress_start(const cc_cli *cli, const char *verb, const char *object, cc_progress *p);
/* Progress callback: `done` is the share of the work done, 0..1. */
void cc_progress_show(void *p, double done);
/* Erases the line if it was shown. */
void cc_progress_end(const cc_progress *p);

/* Prints "cocreate: message" on stderr, the message escaped as
 * cc_text_escape does: it may quote data (a name, a file's line, an
 * argument), and data must not drive the terminal. When memory runs out
 * for the message, "out of memory" is printed instead. */
void cc_cli_say(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* Prints the recorded errors (and a note when the loader stopped early). */
void cc_cli_print_errors(const cc_error *err);

/* Warning callback for loaders: prints unless --quiet. */
void cc_cli_warn(void *cli, const char *message);

/* Loads the thesaurus (--thesaurus; without it and without -a, the
 * thesaurus.csv beside the bundled actors, if there is one; none with
 * --no-thesaurus), then the actors and/or the challenges the command needs,
 * from the given files or the bundled ones, their tags mapped by the
 * thesaurus. On failure `data` holds what was loaded
 * so far and must still be freed with cc_dataset_free. */
cc_status cc_cli_load(const cc_cli *cli, bool actors, bool challenges, cc_dataset *data,
                      cc_error *err);
/* Frees `data` and zeroes it; safe on a zeroed dataset. */
void cc_dataset_free(cc_dataset *data);

/* The report options for this run: chosen format, header, explain. */
cc_report_options cc_cli_report_options(const cc_cli *cli);

/* Writes a report through cc_output (-o atomically; stdout only once it is
 * complete): `print` gets the stream. A failed print is reported as out of
 * memory (CC_ESOFTWARE), the printers' only failure; nothing is written. */
cc_status cc_cli_write(const cc_cli *cli, cc_status (*print)(FILE *, const void *),
                       const void *ctx, cc_error *err);

#endif
