/* cli.c — the command line: parsing driven by the option and command
 * tables (getopt_long), the help built from them, messages and progress on
 * stderr, the output of a run, and the exit status (sysexits.h). */
#include "cocreate/cli.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli_internal.h"
#include "cocreate/io.h"
#include "cocreate/text.h"

/* -------------------------------------------------------------- messages */

/* Prints "cocreate: <label><text>" on stderr, `text` escaped. */
static void say_line(const char *label, const char *text)
{
    fprintf(stderr, "%s: %s", CC_PROGRAM, label);
    cc_text_put_escaped(stderr, text);
    fputc('\n', stderr);
}

void cc_cli_say(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *text = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (text) {
        va_start(ap, fmt);
        vsnprintf(text, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    say_line("", text ? text : "out of memory");
    free(text);
}

void cc_cli_print_errors(const cc_error *err)
{
    for (int i = 0; i < err->count && i < CC_ERROR_MAX; i++)
        say_line("", err->messages[i] ? err->messages[i] : "out of memory");
    if (err->count >= CC_ERROR_MAX && err->status == CC_EDATA)
        cc_cli_say("stopped after %d errors", CC_ERROR_MAX);
}

void cc_cli_warn(void *cli, const char *message)
{
    if (!((const cc_cli *)cli)->quiet)
        say_line("warning: ", message);
}

char *cc_cli_join(const char *(*value)(size_t i), const char *sep, const char *last)
{
    char *text = NULL;
    size_t size = 0;
    FILE *fp = open_memstream(&text, &size);
    if (!fp)
        return NULL;
    for (size_t i = 0; value(i); i++)
        fprintf(fp, "%s%s", i == 0 ? "" : value(i + 1) ? sep : last, value(i));
    bool failed = ferror(fp) != 0;
    failed |= fclose(fp) != 0;
    if (failed) {
        free(text);
        return NULL;
    }
    return text;
}

/* -------------------------------------------------------------- progress */

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + t.tv_nsec / 1e9;
}

bool cc_progress_start(const cc_cli *cli, const char *verb, const char *object, cc_progress *p)
{
    const char *delay = getenv("COCREATE_PROGRESS_DELAY");
    *p = (cc_progress){.verb = verb, .object = object, .start = now(),
                       .delay = delay && *delay ? atof(delay) : 1.0};
    return !cli->quiet && isatty(STDERR_FILENO);
}

void cc_progress_show(void *ctx, double done)
{
    cc_progress *p = ctx;
    int percent = (int)(done * 100);
    if ((p->shown && percent == p->percent) || (!p->shown && now() - p->start < p->delay))
        return;
    fprintf(stderr, "\r%s: %s ", CC_PROGRAM, p->verb);
    cc_text_put_escaped(stderr, p->object);
    fprintf(stderr, ": %3d%%", percent);
    p->shown = true;
    p->percent = percent;
}

void cc_progress_end(const cc_progress *p)
{
    if (p->shown)
        fputs("\r\033[K", stderr); /* erase the line */
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

cc_report_options cc_cli_report_options(const cc_cli *cli)
{
    int f = cli->format;
    if (f < 0)
        f = cc_format_for_path(cli->output);
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
        return cc_error_add(err, CC_ESOFTWARE, "out of memory while writing the output");
    }
    int broken_pipe;
    return cc_output_commit(&out, &broken_pipe, err);
}

/* ------------------------------------------------------------------ help */

#define HELP_COLUMN 27 /* where option and command descriptions start */
#define HELP_WIDTH 79  /* lines of help end before this column */

static const char general_intro[] =
    "Rank co-creation partnerships: for a societal challenge, the triads of one\n"
    "social entrepreneur, one company and one public body that best combine\n"
    "their know-how.\n";

static const char exit_status_help[] =
    "Exit status: 0 success (also when no triad qualifies), 64 usage error,\n"
    "65 data error, 66 input file missing or unreadable, 70 internal error,\n"
    "73 output file cannot be created, 74 I/O error.\n";

/* Pads from `used` columns to the description column (a new line first
 * when already past it). */
static void pad(FILE *fp, int used)
{
    if (used > HELP_COLUMN - 2) {
        fputc('\n', fp);
        used = 0;
    }
    fprintf(fp, "%*s", HELP_COLUMN - used, "");
}

/* Appends the accepted values of `o` to `fp`: "a, b or c"; a value that is
 * one punctuation character is quoted (',' reads badly bare). */
static void print_values(FILE *fp, const cc_option *o)
{
    for (size_t i = 0; o->value(i); i++) {
        const char *v = o->value(i);
        fputs(i == 0 ? "" : o->value(i + 1) ? ", " : " or ", fp);
        fprintf(fp, ispunct((unsigned char)v[0]) && !v[1] ? "'%s'" : "%s", v);
    }
}

/* An option's description, "{}" replaced by its values, in a malloc'd
 * string; NULL when out of memory. */
static char *option_text(const cc_option *o)
{
    char *text = NULL;
    size_t size = 0;
    FILE *fp = open_memstream(&text, &size);
    if (!fp)
        return NULL;
    for (const char *s = o->help; *s; s++) {
        if (s[0] == '{' && s[1] == '}' && o->value) {
            print_values(fp, o);
            s++;
        } else {
            fputc(*s, fp);
        }
    }
    bool failed = ferror(fp) != 0;
    failed |= fclose(fp) != 0;
    if (failed) {
        free(text);
        return NULL;
    }
    return text;
}

/* Writes `text` from the description column, wrapped at spaces to fit
 * HELP_WIDTH columns (help text is ASCII). */
static void print_wrapped(FILE *fp, const char *text)
{
    int column = HELP_COLUMN;
    while (*text) {
        size_t word = strcspn(text, " ");
        if (column > HELP_COLUMN && column + 1 + (int)word > HELP_WIDTH) {
            fprintf(fp, "\n%*s", HELP_COLUMN, "");
            column = HELP_COLUMN;
        } else if (column > HELP_COLUMN) {
            fputc(' ', fp);
            column++;
        }
        fprintf(fp, "%.*s", (int)word, text);
        column += (int)word;
        text += word;
        text += strspn(text, " ");
    }
    fputc('\n', fp);
}

static bool print_option_text(FILE *fp, const cc_option *o)
{
    char *text = option_text(o);
    if (!text)
        return false;
    print_wrapped(fp, text);
    free(text);
    return true;
}

static bool print_option(FILE *fp, const cc_option *o)
{
    int used;
    if (o->letter)
        used = fprintf(fp, "  -%c, --%s", o->letter, o->name);
    else
        used = fprintf(fp, "      --%s", o->name);
    if (o->arg)
        used += fprintf(fp, " %s", o->arg);
    pad(fp, used);
    return print_option_text(fp, o);
}

/* The options `cmd` takes, by group: command-specific groups first. */
static bool print_options(FILE *fp, const cc_command *cmd)
{
    static const cc_option_group order[CC_GROUPS] = {CC_GROUP_RANKING, CC_GROUP_DATA,
                                                     CC_GROUP_OUTPUT};
    for (int g = 0; g < CC_GROUPS; g++) {
        bool title = false;
        for (size_t i = 0; i < CC_OPTIONS; i++) {
            const cc_option *o = &cc_options[i];
            if (o->group != order[g] || !cc_command_accepts(cmd, (cc_option_id)i))
                continue;
            if (!title)
                fprintf(fp, "\n%s:\n", cc_option_group_titles[order[g]]);
            title = true;
            if (!print_option(fp, o))
                return false;
        }
    }
    return true;
}

/* The formats, with what each is and the -o extensions that choose it. */
static void print_formats(FILE *fp)
{
    fputs("\nFormats (-f, or the extension of the -o file):\n", fp);
    for (size_t f = 0; f < CC_FORMATS; f++) {
        const cc_format_desc *d = &cc_formats[f];
        int used = fprintf(fp, "  %s", d->name);
        pad(fp, used);
        fputs(d->summary, fp);
        for (size_t e = 0; d->extensions && d->extensions[e]; e++)
            fprintf(fp, "%s.%s", e == 0 ? " (" : ", ", d->extensions[e]);
        fputs(d->extensions && d->extensions[0] ? ")\n" : "\n", fp);
    }
}

static void print_usage(FILE *fp, const cc_command *cmd)
{
    fprintf(fp, "Usage: %s %s [OPTION]...%s%s\n", CC_PROGRAM, cmd->name,
            *cmd->synopsis ? " " : "", cmd->synopsis);
    for (const char *line = cmd->more_usage; line && *line;) {
        size_t n = strcspn(line, "\n");
        fprintf(fp, "       %s %s %.*s\n", CC_PROGRAM, cmd->name, (int)n, line);
        line += n + (line[n] == '\n');
    }
}

static void print_general_help(FILE *fp)
{
    fprintf(fp, "Usage: %s COMMAND [OPTION]... [ARG]...\n%s\nCommands:\n", CC_PROGRAM,
            general_intro);
    for (size_t i = 0; i < cc_command_count; i++) {
        const cc_command *c = &cc_commands[i];
        int used = fprintf(fp, "  %s%s%s", c->name, *c->synopsis ? " " : "", c->synopsis);
        if (used > HELP_COLUMN - 2)
            fputs("  ", fp);
        else
            fprintf(fp, "%*s", HELP_COLUMN - used, "");
        fprintf(fp, "%s\n", c->summary);
    }
    fprintf(fp,
            "\nRun '%s COMMAND --help' for the options of a command.\n"
            "Without --actors/--challenges the bundled data is used.\n\n%s",
            CC_PROGRAM, exit_status_help);
}

char *cc_cli_help_text(const cc_command *cmd)
{
    char *text = NULL;
    size_t size = 0;
    FILE *fp = open_memstream(&text, &size);
    if (!fp)
        return NULL;
    bool ok = true;
    if (!cmd) {
        print_general_help(fp);
    } else {
        print_usage(fp, cmd);
        fputs(cmd->help, fp);
        ok = print_options(fp, cmd);
        print_formats(fp);
        fprintf(fp, "\n%s", exit_status_help);
    }
    ok &= ferror(fp) == 0;
    ok &= fclose(fp) == 0;
    if (!ok) {
        free(text);
        return NULL;
    }
    return text;
}

/* --------------------------------------------------------------- parsing */

/* Adds "<before><the command names>)" as a usage error. */
static cc_status command_error(cc_error *err, const char *what, const char *name)
{
    char *list = cc_cli_join(cc_command_name, ", ", ", ");
    if (!list)
        return cc_error_add(err, CC_ESOFTWARE, "out of memory");
    cc_status st = name ? cc_error_add(err, CC_EUSAGE, "%s '%s' (commands: %s)", what, name, list)
                        : cc_error_add(err, CC_EUSAGE, "%s (%s)", what, list);
    free(list);
    return st;
}

static cc_status not_accepted(cc_error *err, const cc_command *cmd, cc_option_id id)
{
    const cc_option *o = &cc_options[id];
    if (o->letter)
        return cc_error_add(err, CC_EUSAGE, "option '-%c/--%s' does not apply to the %s command",
                            o->letter, o->name, cmd->name);
    return cc_error_add(err, CC_EUSAGE, "option '--%s' does not apply to the %s command",
                        o->name, cmd->name);
}

/* getopt_long's tables, built from cc_options: a long option returns
 * 256 + its index, a short one its letter. */
typedef struct {
    struct option longs[CC_OPTIONS + 1];
    char shorts[2 + 2 * CC_OPTIONS]; /* ':' then a letter (and ':') per option */
} getopt_tables;

static void build_getopt_tables(getopt_tables *t)
{
    char *s = t->shorts;
    *s++ = ':'; /* report a missing argument as ':' */
    for (size_t i = 0; i < CC_OPTIONS; i++) {
        const cc_option *o = &cc_options[i];
        t->longs[i] = (struct option){o->name, o->arg ? required_argument : no_argument, NULL,
                                      256 + (int)i};
        if (o->letter) {
            *s++ = o->letter;
            if (o->arg)
                *s++ = ':';
        }
    }
    *s = '\0';
    t->longs[CC_OPTIONS] = (struct option){NULL, 0, NULL, 0};
}

/* Index of the option getopt_long returned as `c`, -1 if none. */
static int option_index(int c)
{
    if (c >= 256 && c < 256 + CC_OPTIONS)
        return c - 256;
    for (size_t i = 0; i < CC_OPTIONS; i++)
        if (cc_options[i].letter && cc_options[i].letter == c)
            return (int)i;
    return -1;
}

/* The message for getopt_long's '?' (unknown) or ':' (missing argument). */
static cc_status getopt_error(int c, char **argv, cc_error *err)
{
    int id = optopt ? option_index(optopt) : -1;
    if (c == ':' && id >= 0 && optopt >= 256)
        return cc_error_add(err, CC_EUSAGE, "missing argument for option '--%s'",
                            cc_options[id].name);
    if (c == '?' && id >= 0 && optopt >= 256) /* --flag=value */
        return cc_error_add(err, CC_EUSAGE, "option '--%s' takes no argument",
                            cc_options[id].name);
    const char *what = c == '?' ? "unknown option" : "missing argument for option";
    if (optopt > 0 && optopt < 256)
        return cc_error_add(err, CC_EUSAGE, "%s '-%c'", what, optopt);
    return cc_error_add(err, CC_EUSAGE, "%s '%s'", what, argv[optind - 1]);
}

/* Takes the command from the first operand when options came first. */
static cc_status command_from_operands(cc_cli *cli, cc_error *err)
{
    if (cli->command)
        return CC_OK;
    if (cli->arg_count == 0)
        return command_error(err, "missing command", NULL);
    cli->command = cc_command_find(cli->args[0]);
    if (!cli->command)
        return command_error(err, "unknown command", cli->args[0]);
    cli->args++;
    cli->arg_count--;
    return CC_OK;
}

/* Refuses an -o file that is also an input: it would be replaced by the
 * output, or truncated while still being read. Checked before anything is
 * read or written. */
static cc_status output_not_input(const cc_cli *cli, cc_error *err)
{
    const struct {
        const char *path, *option;
    } inputs[] = {{cli->actors_path, "-a"},
                  {cli->challenges_path, "-c"},
                  {cli->thesaurus_path, "--thesaurus"},
                  {cli->triads, "--triads"},
                  {cli->history, "--history"}};
    for (size_t i = 0; i < sizeof inputs / sizeof *inputs; i++)
        if (inputs[i].path && cc_io_same_file(cli->output, inputs[i].path))
            return cc_error_add(err, CC_EUSAGE,
                                "-o %s and %s %s%s are the same file: writing the output would "
                                "destroy the input",
                                cli->output, inputs[i].option, inputs[i].path,
                                strcmp(inputs[i].path, "-") == 0 ? " (standard input)" : "");
    return CC_OK;
}

/* Standard input can be read once: a second input read from it would get
 * nothing, and fail as an empty or garbled file under the same name. A path
 * to the same file as standard input (/dev/stdin) counts as standard input. */
static cc_status stdin_once(const cc_cli *cli, cc_error *err)
{
    const struct {
        const char *path, *option;
    } inputs[] = {{cli->actors_path, "-a"},
                  {cli->challenges_path, "-c"},
                  {cli->thesaurus_path, "--thesaurus"},
                  {cli->triads, "--triads"},
                  {cli->history, "--history"}};
    int from_stdin = 0;
    size_t named = 0; /* an input that is standard input under another name */
    bool any_named = false;
    for (size_t i = 0; i < sizeof inputs / sizeof *inputs; i++) {
        if (!inputs[i].path || !cc_io_is_stdin(inputs[i].path))
            continue;
        from_stdin++;
        if (strcmp(inputs[i].path, "-") != 0 && !any_named) {
            named = i;
            any_named = true;
        }
    }
    if (from_stdin < 2)
        return CC_OK;
    if (any_named)
        return cc_error_add(err, CC_EUSAGE,
                            "only one input can be read from standard input, and %s %s is "
                            "standard input too",
                            inputs[named].option, inputs[named].path);
    return cc_error_add(err, CC_EUSAGE, "only one input can be read from standard input ('-')");
}

/* Refuses a format that has no printer for the command's report (html
 * for `check`), chosen by -f or by the -o file's extension, before any
 * data is read. */
static cc_status format_fits(const cc_cli *cli, cc_error *err)
{
    int f = cli->format >= 0 ? cli->format : cc_format_for_path(cli->output);
    if (f < 0 || !cli->command || cc_format_prints((cc_format)f, cli->command->report))
        return CC_OK;
    char fits[CC_REPORT_KINDS * 16] = ""; /* the kind names are short and static */
    for (int k = 0; k < CC_REPORT_KINDS; k++)
        if (cc_format_prints((cc_format)f, (cc_report_kind)k)) {
            strncat(fits, *fits ? ", " : "", sizeof fits - strlen(fits) - 1);
            strncat(fits, cc_report_kind_names[k], sizeof fits - strlen(fits) - 1);
        }
    const char *name = cc_format_name((size_t)f);
    if (cli->format >= 0)
        return cc_error_add(err, CC_EUSAGE, "-f %s does not apply to the %s command (%s: %s)",
                            name, cli->command->name, name, fits);
    return cc_error_add(err, CC_EUSAGE,
                        "-o %s: the %s format does not apply to the %s command (%s: %s)",
                        cli->output, name, cli->command->name, name, fits);
}

cc_status cc_cli_parse(cc_cli *cli, int argc, char **argv, cc_error *err)
{
    *cli = (cc_cli){.top = 10, .format = -1, .header = true};
    if (argc < 2)
        return command_error(err, "missing command", NULL);
    const char *first = argv[1];
    if (strcmp(first, "help") == 0) {
        cli->help = true;
        cli->command = argc > 2 ? cc_command_find(argv[2]) : NULL;
        return CC_OK;
    }
    if (first[0] != '-') {
        if (!(cli->command = cc_command_find(first)))
            return command_error(err, "unknown command", first);
        argv++;
        argc--;
    }
    getopt_tables tables;
    build_getopt_tables(&tables);
    uint64_t seen = 0; /* options given before the command was known */
    opterr = 0;        /* we print our own messages */
    optind = 0;        /* a full reset of getopt, for repeated calls */
    int c;
    while ((c = getopt_long(argc, argv, tables.shorts, tables.longs, NULL)) != -1) {
        int id = c == '?' || c == ':' ? -1 : option_index(c);
        if (id < 0)
            return getopt_error(c, argv, err);
        if (cli->command && !cc_command_accepts(cli->command, (cc_option_id)id))
            return not_accepted(err, cli->command, (cc_option_id)id);
        seen |= CC_OPTION_BIT(id);
        cc_status st = cc_options[id].set(cli, optarg, err);
        if (st != CC_OK || cli->help || cli->version)
            return st;
    }
    cli->args = argv + optind;
    cli->arg_count = argc - optind;
    cc_status st = command_from_operands(cli, err);
    if (st != CC_OK)
        return st;
    for (int id = 0; id < CC_OPTIONS; id++)
        if ((seen & CC_OPTION_BIT(id)) && !cc_command_accepts(cli->command, (cc_option_id)id))
            return not_accepted(err, cli->command, (cc_option_id)id);
    if ((st = stdin_once(cli, err)) != CC_OK)
        return st;
    if (cli->output && (st = output_not_input(cli, err)) != CC_OK)
        return st;
    if (cli->excel && cli->format >= 0 && cli->format != CC_CSV)
        return cc_error_add(err, CC_EUSAGE, "--excel writes CSV; it does not go with -f %s",
                            cc_format_name((size_t)cli->format));
    /* Nor with an -o file whose extension names another format: that
     * format would win (JSON silently without --excel) or the file would
     * get CSV under a .tsv name. */
    int implied = cli->format < 0 ? cc_format_for_path(cli->output) : -1;
    if (cli->excel && implied >= 0 && implied != CC_CSV)
        return cc_error_add(err, CC_EUSAGE,
                            "--excel writes CSV; it does not go with -o %s (a %s file)",
                            cli->output, cc_format_name((size_t)implied));
    return format_fits(cli, err);
}

void cc_cli_release(cc_cli *cli)
{
    free(cli->exclude);
    free(cli->require);
    cli->exclude = cli->require = NULL;
    cli->exclude_count = cli->require_count = 0;
}

/* ------------------------------------------------------------------ main */

static cc_status print_help(const cc_command *cmd, cc_error *err)
{
    char *text = cc_cli_help_text(cmd);
    if (!text)
        return cc_error_add(err, CC_ESOFTWARE, "out of memory");
    fputs(text, stdout);
    free(text);
    return CC_OK;
}

/* A write error that shows only when stdout is closed (full disk, NFS) is
 * an I/O error; a closed pipe is a quiet end. */
static cc_status close_stdout(cc_status st, cc_error *err)
{
    errno = 0;
    bool failed = ferror(stdout) != 0;
    failed |= fclose(stdout) != 0;
    int saved = errno;
    if (!failed || saved == EPIPE || st != CC_OK)
        return st;
    return cc_error_add(err, CC_EIO, "write error on standard output: %s",
                        strerror(saved ? saved : EIO));
}

/* True when a message could not be formatted: memory ran out, whatever
 * the error being reported, and the exit status says so. */
static bool out_of_memory(const cc_error *err)
{
    for (int i = 0; i < err->count && i < CC_ERROR_MAX; i++)
        if (!err->messages[i])
            return true;
    return false;
}

int cc_cli_main(int argc, char **argv)
{
    /* A closed pipe shows up as EPIPE on write, handled as a quiet end; a
     * file grown past the size limit (ulimit -f) as EFBIG, a write error
     * that removes the temporary file, instead of a death that leaves it. */
    signal(SIGPIPE, SIG_IGN);
    signal(SIGXFSZ, SIG_IGN);
    cc_cli cli;
    cc_error err = {0};
    cc_status st = cc_cli_parse(&cli, argc, argv, &err);
    if (st == CC_OK && cli.version)
        printf("%s %s\n", CC_PROGRAM, COCREATE_VERSION);
    else if (st == CC_OK && cli.help)
        st = print_help(cli.command, &err);
    else if (st == CC_OK)
        st = cli.command->run(&cli, &err);
    st = close_stdout(st, &err);
    if (st != CC_OK && out_of_memory(&err))
        st = CC_ESOFTWARE;
    if (st != CC_OK) {
        cc_cli_print_errors(&err);
        if (st == CC_EUSAGE)
            fprintf(stderr, "Try '%s %s%s--help' for more information.\n", CC_PROGRAM,
                    cli.command ? cli.command->name : "", cli.command ? " " : "");
    }
    cc_cli_release(&cli);
    cc_error_clear(&err);
    return (int)st;
}
