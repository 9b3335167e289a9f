/* cli.c — command-line parsing (getopt_long), help texts, finding the
 * bundled data, and turning statuses into exit codes (sysexits.h). */
#include "cocreate/cli.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli_internal.h"
#include "cocreate/io.h"

/* ------------------------------------------------------------------ help */

static const char general_help[] =
    "Usage: cocreate COMMAND [OPTION]... [ARG]...\n"
    "Rank co-creation partnerships: for a societal challenge, the triads of one\n"
    "social entrepreneur, one company and one public body that best combine\n"
    "their know-how.\n"
    "\n"
    "Commands:\n"
    "  match CHALLENGE...         rank triads for one or more challenges (--all: every one)\n"
    "  explain CHALLENGE ID ID ID full score breakdown of one triad\n"
    "  score [CHALLENGE] --triads FILE  score the triads of a CSV file\n"
    "  gaps CHALLENGE...          which needs the ecosystem covers, per sector\n"
    "  challenges                 list the challenges\n"
    "  check                      validate the data files, print statistics\n"
    "\n"
    "Run 'cocreate COMMAND --help' for the options of a command.\n"
    "Without --actors/--challenges the bundled data is used.\n"
    "\n"
    "Exit status: 0 success, 64 usage error, 65 data error, 66 input file missing\n"
    "or unreadable, 70 internal error, 73 output file cannot be created, 74 I/O error.\n";

static const char data_options_help[] =
    "Data options:\n"
    "  -a, --actors FILE        actors CSV ('-' for standard input)\n"
    "  -c, --challenges FILE    challenges JSON\n"
    "      --delimiter CHAR     field delimiter of the actors CSV (default: detected\n"
    "                           among , ; TAB |); 'tab' for TAB\n"
    "      --encoding ENC       actors CSV encoding: utf-8 (default), latin1, cp1252\n"
    "      --skip-bad-rows      warn about bad rows and go on without them\n";

static const char output_options_help[] =
    "Output options:\n"
    "  -f, --format FMT         table, csv, tsv, json or jsonl (default: table on a\n"
    "                           terminal, else csv, or from the -o file's extension)\n"
    "  -o, --output FILE        write to FILE, atomically\n"
    "      --excel              CSV for French-locale spreadsheets: ';', decimal\n"
    "                           comma, CRLF line ends, UTF-8 byte-order mark\n"
    "      --no-header          no header row in table, csv and tsv\n"
    "      --color WHEN         colour the table: auto (default; not with NO_COLOR\n"
    "                           or TERM=dumb), always, never\n"
    "  -q, --quiet              no notes or warnings on standard error\n"
    "  -h, --help               show this help\n";

static const char match_help[] =
    "Usage: cocreate match [OPTION]... CHALLENGE...\n"
    "       cocreate match --all [OPTION]...\n"
    "       cocreate match --needs \"tag:weight;tag;...\" [OPTION]...\n"
    "Print the best triads (one social, one company, one public actor) for each\n"
    "challenge, named by id or name; a unique prefix is enough.\n"
    "\n"
    "Ranking options:\n"
    "  -k, --top K              number of proposals per challenge (default 10)\n"
    "      --all                every challenge of the challenges file\n"
    "      --needs SPEC         an ad-hoc challenge instead of a named one\n"
    "      --ambition NAME      balanced, invent, synergy or scale\n"
    "      --weights SPEC       override weights, e.g. coverage=0.5,reach=0\n"
    "      --territory CODE     keep actors inside or containing CODE (default:\n"
    "                           the challenge's territory)\n"
    "      --anywhere           ignore the challenge's territory\n"
    "      --exclude ID         leave an actor out (repeatable)\n"
    "      --require ID         keep only triads with this actor (repeatable)\n"
    "      --min-score X        drop triads scoring below X\n"
    "      --max-per-actor N    at most N proposals per actor\n"
    "      --explain            table: who brings what, under each proposal\n";

static const char explain_help[] =
    "Usage: cocreate explain [OPTION]... CHALLENGE ID ID ID\n"
    "       cocreate explain --needs \"tag:weight;...\" [OPTION]... ID ID ID\n"
    "Print the score breakdown of one triad: each component's value, weight and\n"
    "contribution, what each partner brings, what only it brings, and which of\n"
    "its seeks the others meet. The ids may come in any order.\n"
    "\n"
    "Scoring options:\n"
    "      --needs SPEC         an ad-hoc challenge instead of a named one\n"
    "      --ambition NAME      balanced, invent, synergy or scale\n"
    "      --weights SPEC       override weights, e.g. coverage=0.5,reach=0\n"
    "      --territory CODE     territory of the run (sets the largest reach R)\n"
    "      --anywhere           ignore the challenge's territory\n";

static const char score_help[] =
    "Usage: cocreate score [OPTION]... [CHALLENGE] --triads FILE\n"
    "Score given triads: FILE is a CSV whose rows name three actors, one per\n"
    "sector in any order, in columns social_id, company_id, public_id (or the\n"
    "three columns --columns names). An optional 'challenge' column overrides\n"
    "CHALLENGE per row. The output repeats the input columns, in the input\n"
    "order, followed by the five components and the score.\n"
    "\n"
    "Scoring options:\n"
    "      --triads FILE        the triads CSV ('-' for standard input)\n"
    "      --columns A,B,C      the three id columns\n"
    "      --needs SPEC         an ad-hoc challenge instead of a named one\n"
    "      --ambition NAME      balanced, invent, synergy or scale\n"
    "      --weights SPEC       override weights, e.g. coverage=0.5,reach=0\n"
    "      --territory CODE     territory of the run (sets the largest reach R)\n"
    "      --anywhere           ignore the challenge's territory\n"
    "      --exclude ID         leave an actor out of the run (repeatable)\n";

static const char gaps_help[] =
    "Usage: cocreate gaps [OPTION]... CHALLENGE...\n"
    "       cocreate gaps --all [OPTION]...\n"
    "For each need of the challenge: its weight, how many actors of each sector\n"
    "offer it, the best-known of them (largest reach), and where no actor (or\n"
    "no actor of some sector) offers it; then the best coverage any triad\n"
    "reaches, one triad that reaches it, and the needs that block it.\n"
    "\n"
    "Options:\n"
    "      --all                every challenge of the challenges file\n"
    "      --needs SPEC         an ad-hoc challenge instead of a named one\n"
    "      --territory CODE     keep actors inside or containing CODE\n"
    "      --anywhere           ignore the challenge's territory\n"
    "      --exclude ID         leave an actor out (repeatable)\n";

static const char challenges_help[] =
    "Usage: cocreate challenges [OPTION]...\n"
    "List the challenges: id, name, ambition, territory and needs.\n";

static const char check_help[] =
    "Usage: cocreate check [OPTION]...\n"
    "Validate the actors and challenges files; print statistics: actors per\n"
    "sector, distinct tags and territories, optional columns present, and the\n"
    "needs of each challenge that no actor offers.\n";

static void print_help(const char *command)
{
    const char *text = general_help;
    bool data = true;
    if (!command)
        data = false;
    else if (strcmp(command, "match") == 0)
        text = match_help;
    else if (strcmp(command, "explain") == 0)
        text = explain_help;
    else if (strcmp(command, "score") == 0)
        text = score_help;
    else if (strcmp(command, "gaps") == 0)
        text = gaps_help;
    else if (strcmp(command, "challenges") == 0)
        text = challenges_help;
    else if (strcmp(command, "check") == 0)
        text = check_help;
    fputs(text, stdout);
    if (data) {
        printf("\n%s\n%s", data_options_help, output_options_help);
        puts("\nExit status: 0 success (also when no triad qualifies), 64 usage error,\n"
             "65 data error, 66 input missing, 70 internal error, 73 cannot create output,\n"
             "74 I/O error.");
    }
}

/* -------------------------------------------------------------- messages */

void cc_cli_say(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s: ", CC_PROGRAM);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

void cc_cli_print_errors(const cc_error *err)
{
    for (int i = 0; i < err->count && i < CC_ERROR_MAX; i++)
        cc_cli_say("%s", err->messages[i] ? err->messages[i] : "(out of memory)");
    if (err->count >= CC_ERROR_MAX && err->status == CC_EDATA)
        cc_cli_say("stopped after %d errors", CC_ERROR_MAX);
}

void cc_cli_warn(void *cli, const char *message)
{
    if (!((const cc_cli *)cli)->quiet)
        cc_cli_say("warning: %s", message);
}

/* -------------------------------------------------------------- progress */

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + t.tv_nsec / 1e9;
}

bool cc_progress_start(const cc_cli *cli, const char *label, cc_progress *p)
{
    const char *delay = getenv("COCREATE_PROGRESS_DELAY");
    *p = (cc_progress){.start = now(), .delay = delay && *delay ? atof(delay) : 1.0};
    snprintf(p->label, sizeof p->label, "%s", label);
    return !cli->quiet && isatty(STDERR_FILENO);
}

void cc_progress_show(void *ctx, double done)
{
    cc_progress *p = ctx;
    int percent = (int)(done * 100);
    if ((p->shown && percent == p->percent) || (!p->shown && now() - p->start < p->delay))
        return;
    fprintf(stderr, "\r%s: %s: %3d%%", CC_PROGRAM, p->label, percent);
    p->shown = true;
    p->percent = percent;
}

void cc_progress_end(const cc_progress *p)
{
    if (p->shown)
        fputs("\r\033[K", stderr); /* erase the line */
}

/* ------------------------------------------------------------- data files */

static bool readable(const char *path)
{
    return access(path, R_OK) == 0;
}

/* Finds a bundled data file: $COCREATE_DATA, then data/ beside the program
 * (build tree), ../share/cocreate beside it (installed anywhere), then the
 * configured install directory. Returns a malloc'd path or NULL. */
static char *bundled(const char *file)
{
    char exe[PATH_MAX], candidate[PATH_MAX + 64];
    const char *env = getenv("COCREATE_DATA");
    if (env && *env) {
        snprintf(candidate, sizeof candidate, "%s/%s", env, file);
        return strdup(candidate); /* explicit: used even if missing, to report it */
    }
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash)
            *slash = '\0';
        const char *relative[] = {"data", "../share/cocreate"};
        for (int i = 0; i < 2; i++) {
            snprintf(candidate, sizeof candidate, "%s/%s/%s", exe, relative[i], file);
            if (readable(candidate))
                return strdup(candidate);
        }
    }
    snprintf(candidate, sizeof candidate, "%s/%s", COCREATE_DATADIR, file);
    return readable(candidate) ? strdup(candidate) : NULL;
}

static cc_status data_path(const char *given, const char *file, char **path, cc_error *err)
{
    *path = given ? strdup(given) : bundled(file);
    if (*path)
        return CC_OK;
    if (given)
        return cc_error_add(err, CC_ESOFTWARE, "out of memory");
    return cc_error_add(err, CC_ENOINPUT,
                        "cannot find the bundled %s: give the file with an option, or set "
                        "COCREATE_DATA to the directory holding it",
                        file);
}

cc_status cc_cli_load(const cc_cli *cli, bool actors, bool challenges, cc_dataset *data,
                      cc_error *err)
{
    *data = (cc_dataset){0};
    data->tags = cc_intern_new();
    if (!data->tags)
        return cc_error_add(err, CC_ESOFTWARE, "out of memory");
    cc_load_options opt = {cli->delimiter, cli->encoding, cli->skip_bad_rows, cc_cli_warn,
                           (void *)cli, NULL, NULL, NULL};
    cc_challenges_options copt = {cli->skip_bad_rows, cc_cli_warn, (void *)cli};
    char *path = NULL;
    cc_status st = CC_OK;
    if (actors && (st = data_path(cli->actors_path, "actors.csv", &path, err)) == CC_OK) {
        cc_progress p;
        char label[160];
        snprintf(label, sizeof label, "reading %s", path);
        if (cc_progress_start(cli, label, &p)) {
            opt.progress = cc_progress_show;
            opt.progress_ctx = &p;
        }
        st = cc_actors_load_file(&data->actors, path, &opt, data->tags, err);
        cc_progress_end(&p);
    }
    free(path);
    path = NULL;
    if (st == CC_OK && challenges &&
        (st = data_path(cli->challenges_path, "challenges.json", &path, err)) == CC_OK)
        st = cc_challenges_load_file(&data->challenges, path, &copt, data->tags, err);
    free(path);
    return st;
}

void cc_dataset_free(cc_dataset *data)
{
    cc_actors_free(&data->actors);
    cc_challenges_free(&data->challenges);
    cc_intern_free(data->tags);
    *data = (cc_dataset){0};
}

/* ---------------------------------------------------------------- output */

/* --color auto: only on a terminal, unless NO_COLOR is set or TERM=dumb. */
static bool use_color(const cc_cli *cli)
{
    if (cli->color != CC_COLOR_AUTO)
        return cli->color == CC_COLOR_ALWAYS;
    const char *no_color = getenv("NO_COLOR"), *term = getenv("TERM");
    return !cli->output && isatty(STDOUT_FILENO) && !(no_color && *no_color) &&
           !(term && strcmp(term, "dumb") == 0);
}

static int format_from_extension(const char *path)
{
    const char *dot = path ? strrchr(path, '.') : NULL;
    int f = dot ? cc_format_parse(dot + 1) : -1;
    return f == CC_TABLE ? -1 : f;
}

cc_report_options cc_cli_report_options(const cc_cli *cli)
{
    int f = cli->format;
    if (f < 0)
        f = format_from_extension(cli->output);
    if (f < 0)
        f = !cli->output && isatty(STDOUT_FILENO) && !cli->excel ? CC_TABLE : CC_CSV;
    return (cc_report_options){(cc_format)f, cli->header, cli->explain, cli->excel,
                               use_color(cli)};
}

cc_status cc_cli_write(const cc_cli *cli, cc_status (*print)(FILE *, const void *),
                       const void *ctx, cc_error *err)
{
    cc_output out;
    cc_status st = cc_output_open(&out, cli->output, err);
    if (st != CC_OK)
        return st;
    st = print(out.fp, ctx);
    if (st != CC_OK) {
        cc_output_abort(&out);
        return cc_error_add(err, st, "out of memory while writing the output");
    }
    int broken_pipe;
    return cc_output_commit(&out, &broken_pipe, err);
}

/* --------------------------------------------------------------- parsing */

enum {
    OPT_DELIMITER = 256, OPT_ENCODING, OPT_NO_HEADER, OPT_EXPLAIN, OPT_ALL, OPT_ANYWHERE,
    OPT_SKIP_BAD_ROWS, OPT_TERRITORY, OPT_EXCLUDE, OPT_REQUIRE, OPT_MIN_SCORE,
    OPT_MAX_PER_ACTOR, OPT_AMBITION, OPT_WEIGHTS, OPT_NEEDS, OPT_VERSION, OPT_TRIADS, OPT_COLUMNS,
    OPT_EXCEL, OPT_COLOR
};

static const struct option long_options[] = {
    {"actors", required_argument, NULL, 'a'},
    {"challenges", required_argument, NULL, 'c'},
    {"top", required_argument, NULL, 'k'},
    {"format", required_argument, NULL, 'f'},
    {"output", required_argument, NULL, 'o'},
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
    {"delimiter", required_argument, NULL, OPT_DELIMITER},
    {"encoding", required_argument, NULL, OPT_ENCODING},
    {"no-header", no_argument, NULL, OPT_NO_HEADER},
    {"explain", no_argument, NULL, OPT_EXPLAIN},
    {"all", no_argument, NULL, OPT_ALL},
    {"anywhere", no_argument, NULL, OPT_ANYWHERE},
    {"skip-bad-rows", no_argument, NULL, OPT_SKIP_BAD_ROWS},
    {"territory", required_argument, NULL, OPT_TERRITORY},
    {"exclude", required_argument, NULL, OPT_EXCLUDE},
    {"require", required_argument, NULL, OPT_REQUIRE},
    {"min-score", required_argument, NULL, OPT_MIN_SCORE},
    {"max-per-actor", required_argument, NULL, OPT_MAX_PER_ACTOR},
    {"ambition", required_argument, NULL, OPT_AMBITION},
    {"weights", required_argument, NULL, OPT_WEIGHTS},
    {"needs", required_argument, NULL, OPT_NEEDS},
    {"version", no_argument, NULL, OPT_VERSION},
    {"triads", required_argument, NULL, OPT_TRIADS},
    {"columns", required_argument, NULL, OPT_COLUMNS},
    {"excel", no_argument, NULL, OPT_EXCEL},
    {"color", required_argument, NULL, OPT_COLOR},
    {NULL, 0, NULL, 0},
};

static bool parse_count(const char *text, size_t *value)
{
    char *end;
    errno = 0;
    if (!*text || *text == '-')
        return false;
    unsigned long long v = strtoull(text, &end, 10);
    if (errno || *end || v == 0 || v > SIZE_MAX / 8)
        return false;
    *value = (size_t)v;
    return true;
}

static bool append(const char ***list, size_t *count, const char *item)
{
    const char **bigger = realloc(*list, (*count + 1) * sizeof **list);
    if (!bigger)
        return false;
    bigger[(*count)++] = item;
    *list = bigger;
    return true;
}

static cc_status parse_delimiter(const char *text, char *out, cc_error *err)
{
    if (strcmp(text, "tab") == 0 || strcmp(text, "\\t") == 0 || strcmp(text, "\t") == 0)
        *out = '\t';
    else if (strlen(text) == 1 && strchr(",;|", text[0]))
        *out = text[0];
    else
        return cc_error_add(err, CC_EUSAGE,
                            "--delimiter must be one of , ; | or tab, not '%s'", text);
    return CC_OK;
}

/* Handles one option; CC_OK or CC_EUSAGE. `done` is set by --help/--version. */
static cc_status parse_option(cc_cli *cli, int c, const char *arg, bool *done, cc_error *err)
{
    switch (c) {
    case 'a': cli->actors_path = arg; break;
    case 'c': cli->challenges_path = arg; break;
    case 'k':
        if (!parse_count(arg, &cli->top))
            return cc_error_add(err, CC_EUSAGE, "-k/--top needs a positive whole number, not '%s'", arg);
        break;
    case 'f':
        if ((cli->format = cc_format_parse(arg)) < 0)
            return cc_error_add(err, CC_EUSAGE,
                                "unknown format '%s' (accepted: table, csv, tsv, json, jsonl)", arg);
        break;
    case 'o': cli->output = arg; break;
    case 'q': cli->quiet = true; break;
    case 'h': print_help(cli->command); *done = true; break;
    case OPT_VERSION: printf("cocreate %s\n", COCREATE_VERSION); *done = true; break;
    case OPT_DELIMITER: return parse_delimiter(arg, &cli->delimiter, err);
    case OPT_ENCODING: cli->encoding = arg; break;
    case OPT_NO_HEADER: cli->header = false; break;
    case OPT_EXPLAIN: cli->explain = true; break;
    case OPT_ALL: cli->all = true; break;
    case OPT_ANYWHERE: cli->anywhere = true; break;
    case OPT_SKIP_BAD_ROWS: cli->skip_bad_rows = true; break;
    case OPT_TERRITORY: cli->territory = arg; break;
    case OPT_EXCLUDE:
    case OPT_REQUIRE:
        if (!(c == OPT_EXCLUDE ? append(&cli->exclude, &cli->exclude_count, arg)
                               : append(&cli->require, &cli->require_count, arg)))
            return cc_error_add(err, CC_ESOFTWARE, "out of memory");
        break;
    case OPT_MIN_SCORE: {
        char *end;
        cli->min_score = strtod(arg, &end);
        cli->has_min_score = true;
        if (end == arg || *end || !isfinite(cli->min_score))
            return cc_error_add(err, CC_EUSAGE, "--min-score needs a number, not '%s'", arg);
        break;
    }
    case OPT_MAX_PER_ACTOR:
        if (!parse_count(arg, &cli->max_per_actor))
            return cc_error_add(err, CC_EUSAGE,
                                "--max-per-actor needs a positive whole number, not '%s'", arg);
        break;
    case OPT_AMBITION:
        if (cc_ambition_parse(arg) < 0)
            return cc_error_add(err, CC_EUSAGE,
                                "unknown ambition '%s' (accepted: balanced, invent, synergy, scale)", arg);
        cli->ambition = arg;
        break;
    case OPT_WEIGHTS: cli->weights = arg; break;
    case OPT_NEEDS: cli->needs = arg; break;
    case OPT_TRIADS: cli->triads = arg; break;
    case OPT_COLUMNS: cli->columns = arg; break;
    case OPT_EXCEL: cli->excel = true; break;
    case OPT_COLOR:
        if (strcmp(arg, "auto") == 0)
            cli->color = CC_COLOR_AUTO;
        else if (strcmp(arg, "always") == 0)
            cli->color = CC_COLOR_ALWAYS;
        else if (strcmp(arg, "never") == 0)
            cli->color = CC_COLOR_NEVER;
        else
            return cc_error_add(err, CC_EUSAGE, "--color takes auto, always or never, not '%s'", arg);
        break;
    default: return cc_error_add(err, CC_EUSAGE, "invalid option");
    }
    return CC_OK;
}

static const char *const commands[] = {"match", "explain", "score", "gaps", "challenges", "check"};

static bool known_command(const char *name)
{
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (strcmp(name, commands[i]) == 0)
            return true;
    return false;
}

/* Parses argv; *done is set when nothing is left to do (help, version). */
static cc_status parse(cc_cli *cli, int argc, char **argv, bool *done, cc_error *err)
{
    *cli = (cc_cli){.top = 10, .format = -1, .header = true};
    *done = false;
    if (argc < 2)
        return cc_error_add(err, CC_EUSAGE, "missing command (match, explain, score, gaps, challenges, check)");
    const char *first = argv[1];
    if (strcmp(first, "help") == 0) {
        print_help(argc > 2 && known_command(argv[2]) ? argv[2] : NULL);
        *done = true;
        return CC_OK;
    }
    if (first[0] != '-') {
        if (!known_command(first))
            return cc_error_add(err, CC_EUSAGE,
                                "unknown command '%s' (commands: match, explain, score, gaps, challenges, check)",
                                first);
        cli->command = first;
        argv++;
        argc--;
    }
    opterr = 0; /* we print our own messages */
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, ":a:c:k:f:o:qh", long_options, NULL)) != -1) {
        if (c == '?' || c == ':') {
            const char *what = c == '?' ? "unknown option" : "missing argument for option";
            if (optopt)
                return cc_error_add(err, CC_EUSAGE, "%s '-%c'", what, optopt);
            return cc_error_add(err, CC_EUSAGE, "%s '%s'", what, argv[optind - 1]);
        }
        cc_status st = parse_option(cli, c, optarg, done, err);
        if (st != CC_OK || *done)
            return st;
    }
    cli->args = argv + optind;
    cli->arg_count = argc - optind;
    if (!cli->command && cli->arg_count > 0 && known_command(cli->args[0])) {
        cli->command = cli->args[0]; /* options came before the command */
        cli->args++;
        cli->arg_count--;
    }
    if (!cli->command && cli->arg_count > 0)
        return cc_error_add(err, CC_EUSAGE,
                            "unknown command '%s' (commands: match, explain, score, gaps, challenges, check)",
                            cli->args[0]);
    if (!cli->command)
        return cc_error_add(err, CC_EUSAGE, "missing command (match, explain, score, gaps, challenges, check)");
    if (cli->excel && cli->format >= 0 && cli->format != CC_CSV)
        return cc_error_add(err, CC_EUSAGE, "--excel writes CSV; it does not go with -f %s",
                            cc_format_names[cli->format]);
    return CC_OK;
}

static cc_status run(const cc_cli *cli, cc_error *err)
{
    if (strcmp(cli->command, "match") == 0)
        return cc_cmd_match(cli, err);
    if (strcmp(cli->command, "explain") == 0)
        return cc_cmd_explain(cli, err);
    if (strcmp(cli->command, "score") == 0)
        return cc_cmd_score(cli, err);
    if (strcmp(cli->command, "gaps") == 0)
        return cc_cmd_gaps(cli, err);
    if (strcmp(cli->command, "challenges") == 0)
        return cc_cmd_challenges(cli, err);
    return cc_cmd_check(cli, err);
}

int cc_cli_main(int argc, char **argv)
{
    /* A closed pipe shows up as EPIPE on write, handled as a quiet end. */
    signal(SIGPIPE, SIG_IGN);
    cc_cli cli;
    cc_error err = {0};
    bool done;
    cc_status st = parse(&cli, argc, argv, &done, &err);
    if (st == CC_OK && done) {
        /* help or version printed */
        if (fflush(stdout) != 0 && errno != EPIPE)
            st = cc_error_add(&err, CC_EIO, "write error on standard output");
    } else if (st == CC_OK) {
        st = run(&cli, &err);
    }
    if (st != CC_OK) {
        cc_cli_print_errors(&err);
        if (st == CC_EUSAGE)
            fprintf(stderr, "Try 'cocreate %s%s--help' for more information.\n",
                    cli.command ? cli.command : "", cli.command ? " " : "");
    }
    free(cli.exclude);
    free(cli.require);
    cc_error_clear(&err);
    return (int)st;
}
