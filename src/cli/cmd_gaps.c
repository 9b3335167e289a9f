/* cmd_gaps.c — `gaps`: which needs the ecosystem covers, per sector. */
#include <stdlib.h>

#include "cli/scoring.h"
#include "cocreate/gaps.h"

typedef struct {
    const cc_gaps *gaps;
    size_t count;
    cc_report_options opt;
} gaps_output;

static cc_status print_gaps(FILE *fp, const void *ctx)
{
    const gaps_output *x = ctx;
    return cc_report_gaps(fp, x->gaps, x->count, &x->opt);
}

cc_status cc_cmd_gaps(const cc_cli *cli, cc_error *err)
{
    cc_scoring_run run;
    size_t done = 0, count = 0;
    cc_scorer *scorers = NULL;
    cc_gaps *gaps = NULL;
    cc_status st = cc_scoring_open(cli, 0, cli->arg_count, false, &run, err);
    count = run.count;
    if (st == CC_OK) {
        scorers = calloc(count, sizeof *scorers);
        gaps = calloc(count, sizeof *gaps);
        if (!scorers || !gaps)
            st = cc_error_add(err, CC_ESOFTWARE, "out of memory");
    }
    for (; st == CC_OK && done < count; done++) {
        bool *eligible;
        st = cc_scoring_prepare(cli, &run, run.picked[done], &scorers[done], &eligible, err);
        if (st == CC_OK)
            st = cc_gaps_compute(&scorers[done], eligible, &gaps[done], err);
        free(eligible);
    }
    if (st == CC_OK) {
        gaps_output x = {gaps, count, cc_cli_report_options(cli)};
        st = cc_cli_write(cli, print_gaps, &x, err);
    }
    for (size_t i = 0; i < done; i++)
        cc_scorer_free(&scorers[i]);
    free(scorers);
    free(gaps);
    cc_scoring_close(&run);
    return st;
}
