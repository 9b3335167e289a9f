/* cmd_data.c — `challenges` and `check`: print the loaded data itself. */
#include "cli/cli_internal.h"

typedef struct {
    const cc_dataset *data;
    const cc_vocabulary *voc; /* check */
    cc_report_options opt;
} data_output;

static cc_status print_challenges(FILE *fp, const void *ctx)
{
    const data_output *d = ctx;
    return cc_report_challenges(fp, &d->data->challenges, &d->opt);
}

static cc_status print_check(FILE *fp, const void *ctx)
{
    const data_output *d = ctx;
    return cc_report_check(fp, &d->data->actors, &d->data->challenges, d->voc, &d->opt);
}

/* The notes of `check` about spelling: how many tags look like variants
 * of others, and each need no actor offers but a variant of which some do. */
static void spelling_notes(const cc_dataset *data, const cc_vocabulary *voc)
{
    if (voc->variants > 0)
        cc_cli_say("note: %zu %s: 'cocreate tags --suggest' drafts a thesaurus that merges "
                   "them",
                   voc->variants, voc->variants == 1 ? "tag looks like a spelling of another"
                                                     : "tags look like spellings of others");
    for (size_t c = 0; c < data->challenges.count; c++) {
        const cc_challenge *ch = &data->challenges.items[c];
        for (int n = 0; n < ch->need_count; n++) {
            long own = voc->item_of[ch->needs[n].tag];
            if (own >= 0 && cc_tag_use_offered(&voc->items[own]) > 0)
                continue;
            long v = cc_vocabulary_offered_variant(voc, ch->needs[n].tag);
            if (v >= 0)
                cc_cli_say("note: challenge '%s': need \"%s\": no actor offers it; %zu offer "
                           "\"%s\"",
                           ch->id, ch->needs[n].display, cc_tag_use_offered(&voc->items[v]),
                           cc_intern_display(voc->tags, voc->items[v].tag));
        }
    }
}

/* Runs a command that takes no operand and prints the loaded data; with
 * `actors`, their vocabulary too (check). */
static cc_status print_data(const cc_cli *cli, bool actors,
                            cc_status (*print)(FILE *, const void *), cc_error *err)
{
    if (cli->arg_count > 0)
        return cc_error_add(err, CC_EUSAGE, "%s takes no operand ('%s' given)",
                            cli->command->name, cli->args[0]);
    cc_dataset data;
    cc_vocabulary voc = {0};
    cc_status st = cc_cli_load(cli, actors, true, &data, err);
    if (st == CC_OK && actors && cc_vocabulary_build(&voc, &data.actors, &data.challenges) != CC_OK)
        st = cc_error_add(err, CC_ESOFTWARE, "out of memory");
    if (st == CC_OK) {
        data_output d = {&data, &voc, cc_cli_report_options(cli)};
        st = cc_cli_write(cli, print, &d, err);
    }
    if (st == CC_OK && actors && !cli->quiet)
        spelling_notes(&data, &voc);
    cc_vocabulary_free(&voc);
    cc_dataset_free(&data);
    return st;
}

cc_status cc_cmd_challenges(const cc_cli *cli, cc_error *err)
{
    return print_data(cli, false, print_challenges, err);
}

cc_status cc_cmd_check(const cc_cli *cli, cc_error *err)
{
    return print_data(cli, true, print_check, err);
}
