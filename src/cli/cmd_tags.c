/* cmd_tags.c — `tags`: every tag in use with its counts, or with
 * --suggest a draft thesaurus of the spelling variants among them. */
#include "cli/cli_internal.h"

typedef struct {
    const cc_vocabulary *voc;
    cc_report_options opt;
} tags_output;

static cc_status print_tags(FILE *fp, const void *ctx)
{
    const tags_output *t = ctx;
    return cc_report_tags(fp, t->voc, &t->opt);
}

static cc_status print_thesaurus(FILE *fp, const void *ctx)
{
    const tags_output *t = ctx;
    return cc_report_thesaurus(fp, t->voc, &t->opt);
}

/* --suggest writes CSV: another format asked for is a usage error, as
 * for --excel. */
static cc_status suggest_format(const cc_cli *cli, cc_error *err)
{
    if (cli->format >= 0 && cli->format != CC_CSV)
        return cc_error_add(err, CC_EUSAGE, "--suggest writes CSV; it does not go with -f %s",
                            cc_format_name((size_t)cli->format));
    int implied = cli->format < 0 ? cc_format_for_path(cli->output) : -1;
    if (implied >= 0 && implied != CC_CSV)
        return cc_error_add(err, CC_EUSAGE,
                            "--suggest writes CSV; it does not go with -o %s (a %s file)",
                            cli->output, cc_format_name((size_t)implied));
    return CC_OK;
}

cc_status cc_cmd_tags(const cc_cli *cli, cc_error *err)
{
    if (cli->arg_count > 0)
        return cc_error_add(err, CC_EUSAGE, "tags takes no operand ('%s' given)", cli->args[0]);
    cc_status st = cli->suggest ? suggest_format(cli, err) : CC_OK;
    if (st != CC_OK)
        return st;
    cc_dataset data;
    cc_vocabulary voc = {0};
    st = cc_cli_load(cli, true, true, &data, err);
    if (st == CC_OK && cc_vocabulary_build(&voc, &data.actors, &data.challenges) != CC_OK)
        st = cc_error_add(err, CC_ESOFTWARE, "out of memory");
    if (st == CC_OK) {
        tags_output t = {&voc, cc_cli_report_options(cli)};
        st = cc_cli_write(cli, cli->suggest ? print_thesaurus : print_tags, &t, err);
    }
    if (st == CC_OK && cli->suggest && voc.variants == 0 && !cli->quiet)
        cc_cli_say("note: no tag looks like a spelling of another");
    cc_vocabulary_free(&voc);
    cc_dataset_free(&data);
    return st;
}
