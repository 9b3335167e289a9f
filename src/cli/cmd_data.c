/* cmd_data.c — `challenges` and `check`: print the loaded data itself. */
#include "cli/cli_internal.h"

typedef struct {
    const cc_dataset *data;
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
    return cc_report_check(fp, &d->data->actors, &d->data->challenges, &d->opt);
}

/* Runs a command that takes no operand and prints the loaded data. */
static cc_status print_data(const cc_cli *cli, bool actors,
                            cc_status (*print)(FILE *, const void *), cc_error *err)
{
    if (cli->arg_count > 0)
        return cc_error_add(err, CC_EUSAGE, "%s takes no operand ('%s' given)",
                            cli->command->name, cli->args[0]);
    cc_dataset data;
    cc_status st = cc_cli_load(cli, actors, true, &data, err);
    if (st == CC_OK) {
        data_output d = {&data, cc_cli_report_options(cli)};
        st = cc_cli_write(cli, print, &d, err);
    }
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
