/* options.c — the option table: every option of the command line, its help
 * line, the values it accepts and the function that stores it in a cc_cli.
 * Lists of accepted values in help and messages come from the tables of
 * the modules that define them (formats, ambitions, encodings). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli_internal.h"
#include "cocreate/io.h"
#include "cocreate/text.h"

const char *const cc_option_group_titles[CC_GROUPS] = {
    [CC_GROUP_DATA] = "Data options",
    [CC_GROUP_RANKING] = "Ranking and scoring options",
    [CC_GROUP_OUTPUT] = "Output options",
};

/* --------------------------------------------------------- value lists */

const char *cc_format_name(size_t i)
{
    return i < CC_FORMATS ? cc_formats[i].name : NULL;
}

const char *cc_ambition_name(size_t i)
{
    return i < CC_AMBITIONS ? cc_ambitions[i].name : NULL;
}

static const char *const color_names[CC_COLORS] = {
    [CC_COLOR_AUTO] = "auto", [CC_COLOR_ALWAYS] = "always", [CC_COLOR_NEVER] = "never"};

static const char *color_name(size_t i)
{
    return i < CC_COLORS ? color_names[i] : NULL;
}

/* Delimiter names and the byte each stands for. */
static const struct {
    const char *name;
    char byte;
} delimiters[] = {{",", ','}, {";", ';'}, {"|", '|'}, {"tab", '\t'}};

static const char *delimiter_name(size_t i)
{
    return i < sizeof delimiters / sizeof *delimiters ? delimiters[i].name : NULL;
}

/* The usage error "unknown <what> '<arg>' (accepted: <values>)"; CC_ESOFTWARE
 * when the list cannot be built. */
static cc_status unknown_value(cc_error *err, const char *what, const char *(*value)(size_t),
                               const char *arg)
{
    char *list = cc_cli_join(value, ", ", ", ");
    if (!list)
        return cc_error_add(err, CC_ESOFTWARE, "out of memory");
    cc_status st = cc_error_add(err, CC_EUSAGE, "unknown %s '%s' (accepted: %s)", what, arg, list);
    free(list);
    return st;
}

/* ------------------------------------------------------------- setters */

/* Setters of options stored as given, or as a flag. */
#define TEXT_SETTER(fn, field)                                                                 \
    static cc_status fn(cc_cli *cli, const char *arg, cc_error *err)                          \
    {                                                                                          \
        (void)err;                                                                             \
        cli->field = arg;                                                                      \
        return CC_OK;                                                                          \
    }
#define FLAG_SETTER(fn, field, value)                                                          \
    static cc_status fn(cc_cli *cli, const char *arg, cc_error *err)                          \
    {                                                                                          \
        (void)arg;                                                                             \
        (void)err;                                                                             \
        cli->field = value;                                                                    \
        return CC_OK;                                                                          \
    }

TEXT_SETTER(set_actors, actors_path)
TEXT_SETTER(set_challenges, challenges_path)
TEXT_SETTER(set_territory, territory)
TEXT_SETTER(set_weights, weights)
TEXT_SETTER(set_needs, needs)
TEXT_SETTER(set_triads, triads)
TEXT_SETTER(set_columns, columns)
TEXT_SETTER(set_history, history)
FLAG_SETTER(set_quiet, quiet, true)
FLAG_SETTER(set_help, help, true)
FLAG_SETTER(set_version, version, true)
FLAG_SETTER(set_no_header, header, false)
FLAG_SETTER(set_explain, explain, true)
FLAG_SETTER(set_all, all, true)
FLAG_SETTER(set_anywhere, anywhere, true)
FLAG_SETTER(set_skip_bad_rows, skip_bad_rows, true)
FLAG_SETTER(set_excel, excel, true)
FLAG_SETTER(set_suggest, suggest, true)

/* --thesaurus and --no-thesaurus undo each other: the last one wins, so
 * that a command line may override what an alias or script put first. */
static cc_status set_thesaurus(cc_cli *cli, const char *arg, cc_error *err)
{
    (void)err;
    cli->thesaurus_path = arg;
    cli->no_thesaurus = false;
    return CC_OK;
}

static cc_status set_no_thesaurus(cc_cli *cli, const char *arg, cc_error *err)
{
    (void)arg;
    (void)err;
    cli->thesaurus_path = NULL;
    cli->no_thesaurus = true;
    return CC_OK;
}

static cc_status set_output(cc_cli *cli, const char *arg, cc_error *err)
{
    if (!*arg)
        return cc_error_add(err, CC_EUSAGE,
                            "-o/--output needs a file name ('-' for standard output)");
    cli->output = arg;
    return CC_OK;
}

/* A whole number from 1 (a count of proposals): one beyond SIZE_MAX
 * means as many as there are, SIZE_MAX. */
static bool parse_count(const char *text, size_t *value)
{
    char *end;
    errno = 0;
    if (!*text || *text == '-' || *text == '+')
        return false;
    unsigned long long v = strtoull(text, &end, 10);
    if (*end || end == text || (errno && errno != ERANGE) || (errno == 0 && v == 0))
        return false;
    *value = errno == ERANGE || v > SIZE_MAX ? SIZE_MAX : (size_t)v;
    return true;
}

static cc_status set_top(cc_cli *cli, const char *arg, cc_error *err)
{
    if (!parse_count(arg, &cli->top))
        return cc_error_add(err, CC_EUSAGE, "-k/--top needs a positive whole number, not '%s'",
                            arg);
    return CC_OK;
}

static cc_status set_max_per_actor(cc_cli *cli, const char *arg, cc_error *err)
{
    if (!parse_count(arg, &cli->max_per_actor))
        return cc_error_add(err, CC_EUSAGE,
                            "--max-per-actor needs a positive whole number, not '%s'", arg);
    return CC_OK;
}

static cc_status set_jobs(cc_cli *cli, const char *arg, cc_error *err)
{
    if (!parse_count(arg, &cli->jobs))
        return cc_error_add(err, CC_EUSAGE, "--jobs needs a positive whole number, not '%s'",
                            arg);
    return CC_OK;
}

static cc_status set_partnerships(cc_cli *cli, const char *arg, cc_error *err)
{
    if (!parse_count(arg, &cli->partnerships))
        return cc_error_add(err, CC_EUSAGE,
                            "--partnerships needs a positive whole number, not '%s'", arg);
    return CC_OK;
}

static cc_status set_time_limit(cc_cli *cli, const char *arg, cc_error *err)
{
    if (cc_text_number(arg, &cli->time_limit) || !(cli->time_limit > 0) ||
        cli->time_limit > 1e9)
        return cc_error_add(err, CC_EUSAGE,
                            "--time-limit needs a number of seconds above 0 and at most "
                            "1000000000, not '%s'", arg);
    return CC_OK;
}

static cc_status set_min_score(cc_cli *cli, const char *arg, cc_error *err)
{
    cli->has_min_score = true;
    if (cc_text_number(arg, &cli->min_score))
        return cc_error_add(err, CC_EUSAGE, "--min-score needs a number, not '%s'", arg);
    return CC_OK;
}

static cc_status set_format(cc_cli *cli, const char *arg, cc_error *err)
{
    if ((cli->format = cc_format_parse(arg)) < 0)
        return unknown_value(err, "format", cc_format_name, arg);
    return CC_OK;
}

static cc_status set_ambition(cc_cli *cli, const char *arg, cc_error *err)
{
    if (cc_ambition_parse(arg) < 0)
        return unknown_value(err, "ambition", cc_ambition_name, arg);
    cli->ambition = arg;
    return CC_OK;
}

static cc_status set_color(cc_cli *cli, const char *arg, cc_error *err)
{
    for (size_t i = 0; i < CC_COLORS; i++)
        if (strcmp(arg, color_names[i]) == 0) {
            cli->color = (cc_color_mode)i;
            return CC_OK;
        }
    char *list = cc_cli_join(color_name, ", ", " or ");
    if (!list)
        return cc_error_add(err, CC_ESOFTWARE, "out of memory");
    cc_status st = cc_error_add(err, CC_EUSAGE, "--color takes %s, not '%s'", list, arg);
    free(list);
    return st;
}

static cc_status set_delimiter(cc_cli *cli, const char *arg, cc_error *err)
{
    for (size_t i = 0; delimiter_name(i); i++)
        if (strcmp(arg, delimiters[i].name) == 0) {
            cli->delimiter = delimiters[i].byte;
            return CC_OK;
        }
    if (strcmp(arg, "\\t") == 0 || strcmp(arg, "\t") == 0) {
        cli->delimiter = '\t';
        return CC_OK;
    }
    char *list = cc_cli_join(delimiter_name, " ", " or ");
    if (!list)
        return cc_error_add(err, CC_ESOFTWARE, "out of memory");
    cc_status st = cc_error_add(err, CC_EUSAGE, "--delimiter must be one of %s, not '%s'", list,
                                arg);
    free(list);
    return st;
}

static cc_status set_encoding(cc_cli *cli, const char *arg, cc_error *err)
{
    if (cc_io_encoding_parse(arg) < 0)
        return unknown_value(err, "encoding", cc_io_encoding_name, arg);
    cli->encoding = arg;
    return CC_OK;
}

/* Appends `item` to a growing list of borrowed strings. */
static bool append(const char ***list, size_t *count, const char *item)
{
    const char **bigger = realloc(*list, (*count + 1) * sizeof **list);
    if (!bigger)
        return false;
    bigger[(*count)++] = item;
    *list = bigger;
    return true;
}

static cc_status set_exclude(cc_cli *cli, const char *arg, cc_error *err)
{
    if (!append(&cli->exclude, &cli->exclude_count, arg))
        return cc_error_add(err, CC_ESOFTWARE, "out of memory");
    return CC_OK;
}

static cc_status set_require(cc_cli *cli, const char *arg, cc_error *err)
{
    if (!append(&cli->require, &cli->require_count, arg))
        return cc_error_add(err, CC_ESOFTWARE, "out of memory");
    return CC_OK;
}

/* --------------------------------------------------------------- table */

#define DATA CC_GROUP_DATA
#define RANKING CC_GROUP_RANKING
#define OUTPUT CC_GROUP_OUTPUT

const cc_option cc_options[CC_OPTIONS] = {
    [CC_OPT_ACTORS] = {"actors", 'a', "FILE", "actors CSV ('-' for standard input)", DATA, true,
                       NULL, set_actors},
    [CC_OPT_CHALLENGES] = {"challenges", 'c', "FILE", "challenges, JSON or CSV (.csv, .tsv)", DATA, true, NULL,
                           set_challenges},
    [CC_OPT_THESAURUS] = {"thesaurus", 0, "FILE",
                          "thesaurus CSV (tag, means, broader): variants count as their "
                          "preferred tag, a tag as its broader tags too (default "
                          "without -a: the data directory's thesaurus.csv)",
                          DATA, true, NULL, set_thesaurus},
    [CC_OPT_NO_THESAURUS] = {"no-thesaurus", 0, NULL,
                             "no thesaurus, not even the data directory's (of "
                             "--thesaurus and --no-thesaurus, the last one wins)",
                             DATA, true, NULL, set_no_thesaurus},
    [CC_OPT_DELIMITER] = {"delimiter", 0, "CHAR",
                          "field delimiter of the actors CSV: {} (default: "
                          "detected from the header line)",
                          DATA, true, delimiter_name, set_delimiter},
    [CC_OPT_ENCODING] = {"encoding", 0, "ENC",
                         "encoding of the actors CSV: {} (default utf-8)", DATA, true,
                         cc_io_encoding_name, set_encoding},
    [CC_OPT_SKIP_BAD_ROWS] = {"skip-bad-rows", 0, NULL,
                              "warn about bad rows (or challenges) and go on without them",
                              DATA, true, NULL, set_skip_bad_rows},
    [CC_OPT_TRIADS] = {"triads", 0, "FILE",
                       "the triads CSV ('-' for standard input); its "
                       "delimiter is detected and it is read as UTF-8",
                       DATA, false, NULL, set_triads},
    [CC_OPT_COLUMNS] = {"columns", 0, "A,B,C", "the three id columns of the triads CSV", DATA,
                        false, NULL, set_columns},
    [CC_OPT_TOP] = {"top", 'k', "K", "number of proposals per challenge (default 10)", RANKING,
                    false, NULL, set_top},
    [CC_OPT_ALL] = {"all", 0, NULL, "every challenge of the challenges file", RANKING, false,
                    NULL, set_all},
    [CC_OPT_NEEDS] = {"needs", 0, "SPEC", "an ad-hoc challenge \"tag:weight;tag;...\" instead "
                                          "of a named one",
                      RANKING, false, NULL, set_needs},
    [CC_OPT_AMBITION] = {"ambition", 0, "NAME", "replace the challenge's ambition: {}", RANKING,
                         false, cc_ambition_name, set_ambition},
    [CC_OPT_WEIGHTS] = {"weights", 0, "SPEC", "override weights, e.g. coverage=0.5,reach=0",
                        RANKING, false, NULL, set_weights},
    [CC_OPT_TERRITORY] = {"territory", 0, "CODE",
                          "keep actors inside or containing CODE (default: "
                          "the challenge's territory); sets the largest reach",
                          RANKING, false, NULL, set_territory},
    [CC_OPT_ANYWHERE] = {"anywhere", 0, NULL, "ignore the challenge's territory", RANKING, false,
                         NULL, set_anywhere},
    [CC_OPT_EXCLUDE] = {"exclude", 0, "ID", "leave an actor out (repeatable)", RANKING, false,
                        NULL, set_exclude},
    [CC_OPT_REQUIRE] = {"require", 0, "ID", "keep only triads with this actor (repeatable)",
                        RANKING, false, NULL, set_require},
    [CC_OPT_MIN_SCORE] = {"min-score", 0, "X", "drop triads scoring below X", RANKING, false,
                          NULL, set_min_score},
    [CC_OPT_MAX_PER_ACTOR] = {"max-per-actor", 0, "N", "at most N proposals per actor", RANKING,
                              false, NULL, set_max_per_actor},
    [CC_OPT_HISTORY] = {"history", 0, "FILE",
                        "leave out the triads of a CSV of partnerships formed or proposed "
                        "before, and those holding a pair it lists ('-' for standard input)",
                        RANKING, false, NULL, set_history},
    [CC_OPT_JOBS] = {"jobs", 'j', "N",
                     "rank up to N challenges at once (default: one per processor)", RANKING,
                     false, NULL, set_jobs},
    [CC_OPT_PARTNERSHIPS] = {"partnerships", 0, "N",
                             "at most N disjoint triads (default: as many as the "
                             "eligible actors allow)",
                             RANKING, false, NULL, set_partnerships},
    [CC_OPT_TIME_LIMIT] = {"time-limit", 0, "SECONDS",
                           "search for a better plan for at most this long (default 10)",
                           RANKING, false, NULL, set_time_limit},
    [CC_OPT_FORMAT] = {"format", 'f', "FMT",
                       "{} (default: from the -o file's "
                       "extension, else table on a terminal, else csv)",
                       OUTPUT, true, cc_format_name, set_format},
    [CC_OPT_OUTPUT] = {"output", 'o', "FILE", "write to FILE, atomically", OUTPUT, true, NULL,
                       set_output},
    [CC_OPT_EXCEL] = {"excel", 0, NULL,
                      "CSV for French-locale spreadsheets: ';', decimal "
                      "comma, CRLF line ends, UTF-8 byte-order mark, "
                      "formulas in the data written as text",
                      OUTPUT, true, NULL, set_excel},
    [CC_OPT_NO_HEADER] = {"no-header", 0, NULL, "no header row in table, csv and tsv", OUTPUT,
                          true, NULL, set_no_header},
    [CC_OPT_EXPLAIN] = {"explain", 0, NULL, "table: who brings what, under each proposal",
                        OUTPUT, false, NULL, set_explain},
    [CC_OPT_SUGGEST] = {"suggest", 0, NULL,
                         "instead, a draft thesaurus: CSV of tag, means, broader, "
                         "reason, for each tag that looks like a spelling of a more "
                         "used one",
                         OUTPUT, false, NULL, set_suggest},
    [CC_OPT_COLOR] = {"color", 0, "WHEN",
                      "colour the table: {} (auto: on a terminal, "
                      "not with NO_COLOR or TERM=dumb)",
                      OUTPUT, true, color_name, set_color},
    [CC_OPT_QUIET] = {"quiet", 'q', NULL, "no notes, warnings or progress on standard error",
                      OUTPUT, true, NULL, set_quiet},
    [CC_OPT_HELP] = {"help", 'h', NULL, "show this help", OUTPUT, true, NULL, set_help},
    [CC_OPT_VERSION] = {"version", 0, NULL, "print the version", OUTPUT, true, NULL,
                        set_version},
};

const cc_option *cc_option_find(const char *name)
{
    for (size_t i = 0; i < CC_OPTIONS; i++)
        if (strcmp(cc_options[i].name, name) == 0)
            return &cc_options[i];
    return NULL;
}
