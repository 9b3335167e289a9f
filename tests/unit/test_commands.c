/* test_commands.c — the command and option tables of the CLI: every row is
 * complete, parsing and help follow them, and the man page and the bash
 * completion cover them; then a few runs of the built program for what
 * the tables promise about files and errors.
 * Usage: test_commands SOURCE_DIR PROGRAM E2E_DIR */
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "cli/cli_internal.h"
#include "cocreate/io.h"
#include "harness.h"

static const char *source_dir, *program, *e2e_dir;

static char *slurp(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
        fwrite(buf, 1, n, out);
    fclose(out);
    fclose(fp);
    return text;
}

static char *source_file(const char *relative)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", source_dir, relative);
    char *text = slurp(path);
    if (!text)
        fprintf(stderr, "\n  cannot read %s\n", path);
    return text;
}

/* A value the option accepts, for parsing tests. */
static const char *good_value(const cc_option *o)
{
    if (o->value)
        return o->value(0);
    if (o == &cc_options[CC_OPT_TOP] || o == &cc_options[CC_OPT_MAX_PER_ACTOR] ||
        o == &cc_options[CC_OPT_JOBS] || o == &cc_options[CC_OPT_PARTNERSHIPS] ||
        o == &cc_options[CC_OPT_TIME_LIMIT])
        return "3";
    if (o == &cc_options[CC_OPT_MIN_SCORE])
        return "0.5";
    return "x";
}

/* Parses `words` (a NULL-terminated argv without the program name). */
static cc_status parse(const char *const *words, cc_cli *cli, cc_error *err)
{
    char *argv[16] = {"cocreate"};
    int argc = 1;
    for (; words[argc - 1]; argc++)
        argv[argc] = (char *)words[argc - 1];
    argv[argc] = NULL;
    return cc_cli_parse(cli, argc, argv, err);
}

/* ------------------------------------------------------------ the tables */

static void test_commands_complete(void)
{
    CU_ASSERT_TRUE(cc_command_count >= 6);
    for (size_t i = 0; i < cc_command_count; i++) {
        const cc_command *c = &cc_commands[i];
        CU_ASSERT_PTR_NOT_NULL_FATAL(c->name);
        CU_ASSERT_TRUE(*c->name && c->name[0] != '-');
        CU_ASSERT_PTR_NOT_NULL(c->synopsis);
        CU_ASSERT_TRUE(c->summary && *c->summary);
        CU_ASSERT_TRUE(c->help && *c->help);
        CU_ASSERT_PTR_NOT_NULL(c->run);
        CU_ASSERT_EQUAL(c->options >> CC_OPTIONS, 0);
        CU_ASSERT_PTR_EQUAL(cc_command_find(c->name), c);
        CU_ASSERT_STRING_EQUAL(cc_command_name(i), c->name);
        for (size_t j = 0; j < i; j++)
            CU_ASSERT_STRING_NOT_EQUAL(cc_commands[j].name, c->name);
    }
    CU_ASSERT_PTR_NULL(cc_command_name(cc_command_count));
    CU_ASSERT_PTR_NULL(cc_command_find("help"));
}

static void test_options_complete(void)
{
    for (size_t i = 0; i < CC_OPTIONS; i++) {
        const cc_option *o = &cc_options[i];
        CU_ASSERT_PTR_NOT_NULL_FATAL(o->name); /* a missing row is all zero */
        CU_ASSERT_TRUE(o->help && *o->help);
        CU_ASSERT_PTR_NOT_NULL(o->set);
        CU_ASSERT_TRUE(o->group < CC_GROUPS);
        CU_ASSERT_EQUAL(strstr(o->help, "{}") != NULL, o->value != NULL);
        CU_ASSERT_TRUE(!o->value || o->arg);
        CU_ASSERT_PTR_EQUAL(cc_option_find(o->name), o);
        for (size_t j = 0; j < i; j++) {
            CU_ASSERT_STRING_NOT_EQUAL(cc_options[j].name, o->name);
            CU_ASSERT_TRUE(!o->letter || cc_options[j].letter != o->letter);
        }
    }
    /* the options every command must take */
    static const cc_option_id common[] = {CC_OPT_ACTORS, CC_OPT_CHALLENGES, CC_OPT_FORMAT,
                                          CC_OPT_OUTPUT, CC_OPT_QUIET, CC_OPT_HELP,
                                          CC_OPT_VERSION};
    for (size_t i = 0; i < sizeof common / sizeof *common; i++)
        CU_ASSERT_TRUE(cc_options[common[i]].common);
}

/* ------------------------------------------------------------- parsing */

/* Every option is accepted by the commands that take it and rejected,
 * naming option and command, by the others — after the command or before. */
static void test_options_per_command(void)
{
    for (size_t c = 0; c < cc_command_count; c++) {
        const cc_command *cmd = &cc_commands[c];
        for (size_t i = 0; i < CC_OPTIONS; i++) {
            const cc_option *o = &cc_options[i];
            char option[64];
            snprintf(option, sizeof option, "--%s", o->name);
            const char *value = o->arg ? good_value(o) : NULL;
            const char *after[] = {cmd->name, option, value, NULL};
            const char *before[] = {option, value ? value : cmd->name, value ? cmd->name : NULL,
                                    NULL};
            for (int form = 0; form < 2; form++) {
                cc_cli cli;
                cc_error err = {0};
                cc_status st = parse(form ? before : after, &cli, &err);
                if (cc_command_accepts(cmd, (cc_option_id)i)) {
                    CU_ASSERT_EQUAL(st, CC_OK);
                } else {
                    CU_ASSERT_EQUAL(st, CC_EUSAGE);
                    const char *m = err.messages[0] ? err.messages[0] : "";
                    bool named = strstr(m, option) && strstr(m, cmd->name);
                    CU_ASSERT_TRUE(named);
                    if (!named)
                        fprintf(stderr, "\n  %s %s: '%s'\n", cmd->name, option, m);
                }
                cc_cli_release(&cli);
                cc_error_clear(&err);
            }
        }
    }
}

/* Every command with every format, by -f and by the -o file's extension:
 * accepted when the format prints the command's report, else a usage
 * error naming both; and each command says the report it prints. */
static void test_formats_per_command(void)
{
    bool printed[CC_REPORT_KINDS] = {false};
    for (size_t c = 0; c < cc_command_count; c++) {
        const cc_command *cmd = &cc_commands[c];
        CU_ASSERT_TRUE_FATAL(cmd->report < CC_REPORT_KINDS);
        CU_ASSERT_STRING_EQUAL(cc_report_kind_names[cmd->report], cmd->name);
        printed[cmd->report] = true;
        for (int f = 0; f < CC_FORMATS; f++) {
            const cc_format_desc *d = &cc_formats[f];
            char path[64];
            snprintf(path, sizeof path, "out.%s", d->extensions[0] ? d->extensions[0] : "txt");
            const char *by_name[] = {cmd->name, "-f", d->name, NULL};
            const char *by_path[] = {cmd->name, "-o", path, NULL};
            for (int form = 0; form < (d->extensions[0] ? 2 : 1); form++) {
                cc_cli cli;
                cc_error err = {0};
                cc_status st = parse(form ? by_path : by_name, &cli, &err);
                if (cc_format_prints((cc_format)f, cmd->report)) {
                    CU_ASSERT_EQUAL(st, CC_OK);
                } else {
                    const char *m = err.messages[0] ? err.messages[0] : "";
                    bool named = st == CC_EUSAGE && strstr(m, d->name) && strstr(m, cmd->name) &&
                                 strstr(m, "does not apply");
                    if (!named)
                        fprintf(stderr, "\n  %s as %s: status %d, '%s'\n", cmd->name, d->name,
                                (int)st, m);
                    CU_ASSERT_TRUE(named);
                }
                cc_cli_release(&cli);
                cc_error_clear(&err);
            }
        }
    }
    for (int k = 0; k < CC_REPORT_KINDS; k++)
        CU_ASSERT_TRUE(printed[k]); /* no printer without its command */
}

/* The cases the issue names, with the short spelling too. */
static void test_rejected_examples(void)
{
    static const char *const cases[][5] = {
        {"score", "x", "--min-score", "1", "--min-score"},
        {"gaps", "x", "--require", "a", "--require"},
        {"match", "x", "--columns", "a,b,c", "--columns"},
        {"gaps", "x", "-k", "3", "-k/--top"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const char *words[] = {cases[i][0], cases[i][1], cases[i][2], cases[i][3], NULL};
        cc_cli cli;
        cc_error err = {0};
        CU_ASSERT_EQUAL(parse(words, &cli, &err), CC_EUSAGE);
        char wanted[128];
        snprintf(wanted, sizeof wanted, "option '%s' does not apply to the %s command",
                 cases[i][4], cases[i][0]);
        CU_ASSERT_PTR_NOT_NULL(err.messages[0] ? strstr(err.messages[0], wanted) : NULL);
        cc_cli_release(&cli);
        cc_error_clear(&err);
    }
}

/* Unknown and missing commands list every command of the table. */
static void test_command_messages(void)
{
    const char *unknown[] = {"frobnicate", NULL}, *none[] = {NULL}, *first[] = {"-q", "frob", NULL},
               *only_options[] = {"-q", NULL};
    const char *const *cases[] = {unknown, none, first, only_options};
    for (size_t k = 0; k < 4; k++) {
        cc_cli cli;
        cc_error err = {0};
        CU_ASSERT_EQUAL(parse(cases[k], &cli, &err), CC_EUSAGE);
        const char *m = err.messages[0] ? err.messages[0] : "";
        CU_ASSERT_PTR_NOT_NULL(strstr(m, k == 0 || k == 2 ? "unknown command" : "missing command"));
        for (size_t c = 0; c < cc_command_count; c++)
            CU_ASSERT_PTR_NOT_NULL(strstr(m, cc_commands[c].name));
        cc_cli_release(&cli);
        cc_error_clear(&err);
    }
}

/* Messages about a bad value list the values of the table they come from. */
static void test_value_messages(void)
{
    static const cc_option_id ids[] = {CC_OPT_FORMAT, CC_OPT_AMBITION, CC_OPT_COLOR,
                                       CC_OPT_ENCODING, CC_OPT_DELIMITER};
    for (size_t k = 0; k < sizeof ids / sizeof *ids; k++) {
        const cc_option *o = &cc_options[ids[k]];
        char option[64];
        snprintf(option, sizeof option, "--%s", o->name);
        const char *words[] = {"match", "x", option, "no-such-value", NULL};
        cc_cli cli;
        cc_error err = {0};
        CU_ASSERT_EQUAL(parse(words, &cli, &err), CC_EUSAGE);
        const char *m = err.messages[0] ? err.messages[0] : "";
        CU_ASSERT_PTR_NOT_NULL(strstr(m, "no-such-value"));
        for (size_t i = 0; o->value(i); i++)
            CU_ASSERT_PTR_NOT_NULL(strstr(m, o->value(i)));
        cc_cli_release(&cli);
        cc_error_clear(&err);
    }
    /* the lists are the modules' own */
    for (size_t f = 0; f < CC_FORMATS; f++)
        CU_ASSERT_EQUAL(cc_format_parse(cc_format_name(f)), (int)f);
    for (size_t a = 0; a < CC_AMBITIONS; a++)
        CU_ASSERT_EQUAL(cc_ambition_parse(cc_ambition_name(a)), (int)a);
    for (size_t e = 0; cc_io_encoding_name(e); e++)
        CU_ASSERT_EQUAL(cc_io_encoding_parse(cc_io_encoding_name(e)), (int)e);
}

static void test_help_and_version_stop(void)
{
    const char *help[] = {"match", "--help", "--frob", NULL}, *word[] = {"help", "gaps", NULL},
               *version[] = {"--version", NULL};
    cc_cli cli;
    cc_error err = {0};
    CU_ASSERT_EQUAL(parse(help, &cli, &err), CC_OK);
    CU_ASSERT_TRUE(cli.help);
    CU_ASSERT_PTR_EQUAL(cli.command, cc_command_find("match"));
    cc_cli_release(&cli);
    CU_ASSERT_EQUAL(parse(word, &cli, &err), CC_OK);
    CU_ASSERT_TRUE(cli.help);
    CU_ASSERT_PTR_EQUAL(cli.command, cc_command_find("gaps"));
    cc_cli_release(&cli);
    CU_ASSERT_EQUAL(parse(version, &cli, &err), CC_OK);
    CU_ASSERT_TRUE(cli.version);
    cc_cli_release(&cli);
    CU_ASSERT_EQUAL(err.count, 0);
}

/* ---------------------------------------------------------------- help */

static bool lines_fit(const char *text)
{
    for (const char *line = text; *line;) {
        size_t n = strcspn(line, "\n");
        if (n > 79)
            return false;
        line += n + (line[n] == '\n');
    }
    return true;
}

static void test_help_from_tables(void)
{
    char *general = cc_cli_help_text(NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(general);
    CU_ASSERT_TRUE(lines_fit(general));
    for (size_t c = 0; c < cc_command_count; c++) {
        const cc_command *cmd = &cc_commands[c];
        CU_ASSERT_PTR_NOT_NULL(strstr(general, cmd->summary));
        char *help = cc_cli_help_text(cmd);
        CU_ASSERT_PTR_NOT_NULL_FATAL(help);
        char usage[128];
        snprintf(usage, sizeof usage, "Usage: cocreate %s [OPTION]...", cmd->name);
        CU_ASSERT_PTR_NOT_NULL(strstr(help, usage));
        CU_ASSERT_PTR_NOT_NULL(strstr(help, cmd->help));
        CU_ASSERT_TRUE(lines_fit(help));
        for (size_t f = 0; f < CC_FORMATS; f++)
            CU_ASSERT_PTR_NOT_NULL(strstr(help, cc_formats[f].summary));
        for (size_t i = 0; i < CC_OPTIONS; i++) {
            char option[64];
            snprintf(option, sizeof option, " --%s ", cc_options[i].name);
            if (!cc_options[i].arg)
                option[strlen(option) - 1] = '\0'; /* a flag: "--all" then padding */
            bool listed = strstr(help, option) != NULL;
            CU_ASSERT_EQUAL(listed, cc_command_accepts(cmd, (cc_option_id)i));
            if (listed != cc_command_accepts(cmd, (cc_option_id)i))
                fprintf(stderr, "\n  %s --help and %s disagree\n", cmd->name, option);
        }
        free(help);
    }
    free(general);
}

/* ------------------------------------------------ man page and completion */

/* "--min-score" as the man page writes it: "\-\-min\-score". */
static void man_spelling(const char *name, char *out, size_t size)
{
    size_t n = (size_t)snprintf(out, size, "\\-\\-");
    for (; *name && n + 3 < size; name++) {
        if (*name == '-')
            out[n++] = '\\';
        out[n++] = *name;
    }
    out[n] = '\0';
}

static void test_man_page(void)
{
    char *man = source_file("man/cocreate.1.in");
    CU_ASSERT_PTR_NOT_NULL_FATAL(man);
    const char *commands = strstr(man, ".SH COMMANDS"), *options = strstr(man, ".SH OPTIONS");
    CU_ASSERT_PTR_NOT_NULL_FATAL(commands);
    CU_ASSERT_PTR_NOT_NULL_FATAL(options);
    for (size_t c = 0; c < cc_command_count; c++) {
        char entry[64];
        snprintf(entry, sizeof entry, ".TP\n.B %s\n", cc_commands[c].name);
        const char *at = strstr(commands, entry);
        CU_ASSERT_TRUE(at && at < options);
        if (!at || at > options)
            fprintf(stderr, "\n  the man page lacks the command %s\n", cc_commands[c].name);
    }
    for (size_t i = 0; i < CC_OPTIONS; i++) {
        const cc_option *o = &cc_options[i];
        char spelled[96];
        man_spelling(o->name, spelled, sizeof spelled);
        const char *entry = strstr(options, spelled);
        CU_ASSERT_PTR_NOT_NULL(entry);
        if (!entry) {
            fprintf(stderr, "\n  the man page lacks %s\n", spelled);
            continue;
        }
        /* an option some commands take names each of them in its entry */
        const char *end = strstr(entry, "\n.TP");
        size_t len = end ? (size_t)(end - entry) : strlen(entry);
        for (size_t c = 0; !o->common && c < cc_command_count; c++) {
            char bold[64];
            snprintf(bold, sizeof bold, "\\fB%s\\fR", cc_commands[c].name);
            const char *named = strstr(entry, bold);
            bool says = named && named < entry + len;
            CU_ASSERT_EQUAL(says, cc_command_accepts(&cc_commands[c], (cc_option_id)i));
            if (says != cc_command_accepts(&cc_commands[c], (cc_option_id)i))
                fprintf(stderr, "\n  man page: %s and %s disagree\n", spelled,
                        cc_commands[c].name);
        }
    }
    /* every format, and every extension that chooses one */
    for (size_t f = 0; f < CC_FORMATS; f++) {
        char bold[64];
        snprintf(bold, sizeof bold, "\\fB%s\\fR", cc_formats[f].name);
        CU_ASSERT_PTR_NOT_NULL(strstr(options, bold));
        for (size_t e = 0; cc_formats[f].extensions && cc_formats[f].extensions[e]; e++) {
            snprintf(bold, sizeof bold, "\\fB.%s\\fR", cc_formats[f].extensions[e]);
            CU_ASSERT_PTR_NOT_NULL(strstr(options, bold));
            if (!strstr(options, bold))
                fprintf(stderr, "\n  the man page lacks the extension %s\n", bold);
        }
    }
    free(man);
}

/* `word` appears in `text` as a whole word (between blanks or quotes). */
static bool has_word(const char *text, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = strstr(text, word); p; p = strstr(p + 1, word)) {
        bool start = p == text || strchr(" \t\n\"(", p[-1]);
        bool end = strchr(" \t\n\")", p[n]) != NULL;
        if (start && end)
            return true;
    }
    return false;
}

static void test_completion(void)
{
    char *script = source_file("completion/cocreate.bash");
    CU_ASSERT_PTR_NOT_NULL_FATAL(script);
    for (size_t c = 0; c < cc_command_count; c++) {
        CU_ASSERT_TRUE(has_word(script, cc_commands[c].name));
        if (!has_word(script, cc_commands[c].name))
            fprintf(stderr, "\n  completion lacks the command %s\n", cc_commands[c].name);
    }
    for (size_t i = 0; i < CC_OPTIONS; i++) {
        const cc_option *o = &cc_options[i];
        char option[64];
        snprintf(option, sizeof option, "--%s", o->name);
        CU_ASSERT_TRUE(has_word(script, option));
        if (!has_word(script, option))
            fprintf(stderr, "\n  completion lacks %s\n", option);
        for (size_t v = 0; o->value && o->value(v); v++) {
            bool listed = has_word(script, o->value(v));
            CU_ASSERT_TRUE(listed);
            if (!listed)
                fprintf(stderr, "\n  completion lacks %s %s\n", option, o->value(v));
        }
    }
    free(script);
}

/* ------------------------------------------------- runs of the program */

typedef struct {
    int status;
    char *out, *err;
} run_result;

/* Runs `command` with sh in E2E_DIR, $C naming the program. */
static run_result run(const char *command)
{
    static const char out_path[] = "/tmp/cocreate-commands-out", err_path[] = "/tmp/cocreate-commands-err";
    char *full = malloc(strlen(command) + strlen(e2e_dir) + strlen(program) + 256);
    sprintf(full, "cd '%s' && C='%s' && { %s ; } >%s 2>%s", e2e_dir, program, command, out_path,
            err_path);
    int status = system(full);
    free(full);
    run_result r = {WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(out_path), slurp(err_path)};
    if (!r.out)
        r.out = strdup("");
    if (!r.err)
        r.err = strdup("");
    remove(out_path);
    remove(err_path);
    return r;
}

static void release(run_result *r)
{
    free(r->out);
    free(r->err);
}

/* A write error that shows only when stdout is closed is exit 74. */
static void test_late_write_error(void)
{
    static const char *const commands[] = {"$C --version >/dev/full", "$C --help >/dev/full",
                                           "$C help match >/dev/full"};
    for (size_t i = 0; i < 3; i++) {
        run_result r = run(commands[i]);
        CU_ASSERT_EQUAL(r.status, 74);
        CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "write error on standard output"));
        release(&r);
    }
    run_result r = run("$C --help | head -c 1 >/dev/null");
    CU_ASSERT_EQUAL(r.status, 0);
    release(&r);
}

/* "-a -" is <stdin> in every message about the actors. */
static void test_stdin_named(void)
{
    static const char *const commands[] = {
        "$C explain alimentation s1 c1 zz -a - -c data/small.json < data/small.csv",
        "$C match alimentation -a - -c data/small.json --exclude zz < data/small.csv",
        "$C check -a - -c data/small.json < bad/empty_id.csv",
        "$C check -a - -c data/small.json < /",
    };
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++) {
        run_result r = run(commands[i]);
        CU_ASSERT_NOT_EQUAL(r.status, 0);
        bool named = strstr(r.err, "<stdin>") != NULL && !strstr(r.err, " -:") &&
                     !strstr(r.err, " in -") && strncmp(r.err, "cocreate: -:", 12) != 0;
        CU_ASSERT_TRUE(named);
        if (!named)
            fprintf(stderr, "\n  %s:\n  %s", commands[i], r.err);
        CU_ASSERT_STRING_EQUAL(r.out, "");
        release(&r);
    }
}

/* --delimiter and --encoding describe the actors file, not the triads. */
static void test_triads_options(void)
{
    /* a ';' triads file with an accent, actors given with --delimiter , */
    run_result r = run("printf 'note;social_id;company_id;public_id\\nd\\303\\251j\\303\\240;s1;c1;p1\\n' "
                       "> /tmp/cocreate-triads.csv && "
                       "$C score alimentation --triads /tmp/cocreate-triads.csv -a data/small.csv "
                       "-c data/small.json --delimiter , --encoding latin1 -f csv --no-header; "
                       "rm -f /tmp/cocreate-triads.csv");
    CU_ASSERT_EQUAL(r.status, 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "d\xc3\xa9j\xc3\xa0,s1,c1,p1,"));
    release(&r);
}

/* A failed run writes nothing on stdout, even when it fails late. */
static void test_nothing_on_stdout(void)
{
    run_result r = run("$C score alimentation --triads bad/triads_unknown.csv -a data/small.csv "
                       "-c data/small.json -f csv");
    CU_ASSERT_EQUAL(r.status, 65);
    CU_ASSERT_STRING_EQUAL(r.out, "");
    release(&r);
}

/* Installed as /usr/bin/cocreate, the program must not read /usr/bin/data:
 * only the program inside its build tree reads data beside it. */
static void test_no_data_beside_installed_program(void)
{
    run_result r = run("d=$(mktemp -d) && mkdir \"$d/bin\" \"$d/bin/data\" && cp \"$C\" \"$d/bin/\" && "
                       "printf '{\"challenges\":[{\"id\":\"stray\",\"name\":\"S\",\"needs\":[\"a\"]}]}' "
                       "> \"$d/bin/data/challenges.json\" && "
                       "(cd / && \"$d/bin/cocreate\" challenges -f csv); s=$?; rm -rf \"$d\"; exit $s");
    CU_ASSERT_PTR_NULL(strstr(r.out, "stray"));
    release(&r);
    r = run("cd / && \"$C\" challenges -f csv");
    CU_ASSERT_EQUAL(r.status, 0); /* the build tree's program reads the build tree's data */
    release(&r);
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: test_commands SOURCE_DIR PROGRAM E2E_DIR\n");
        return 2;
    }
    source_dir = argv[1];
    program = argv[2];
    e2e_dir = argv[3];
    static const test_case tests[] = {
        {"every command is complete", test_commands_complete},
        {"every option is complete", test_options_complete},
        {"options accepted or rejected per command", test_options_per_command},
        {"formats accepted or refused per command", test_formats_per_command},
        {"score --min-score, gaps --require, match --columns", test_rejected_examples},
        {"command lists come from the table", test_command_messages},
        {"value lists come from their tables", test_value_messages},
        {"--help and --version stop parsing", test_help_and_version_stop},
        {"help comes from the tables", test_help_from_tables},
        {"man page documents every command and option", test_man_page},
        {"completion lists every command, option and value", test_completion},
        {"late write error on stdout is exit 74", test_late_write_error},
        {"standard input is <stdin> in messages", test_stdin_named},
        {"--delimiter/--encoding leave the triads file alone", test_triads_options},
        {"a failed run writes nothing on stdout", test_nothing_on_stdout},
        {"no data read beside an installed program", test_no_data_beside_installed_program},
    };
    return RUN_SUITE("commands", tests);
}
