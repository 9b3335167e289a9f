/* cmd_explain.c — `explain`: the full score breakdown of one triad. */
#include <stdlib.h>

#include "cli/scoring.h"

typedef struct {
    const cc_scorer *scorer;
    const cc_triad *triad;
    const bool *outside; /* per sector: the member is outside the territory */
    cc_report_options opt;
} explain_output;

static cc_status print_explain(FILE *fp, const void *ctx)
{
    const explain_output *x = ctx;
    return cc_report_explain(fp, x->scorer, x->triad, x->outside, &x->opt);
}

/* Places the three actors by sector: one of each, in any order given. */
static cc_status triad_of(const cc_actors *actors, char **ids, cc_triad *t, cc_error *err)
{
    bool seen[CC_SECTORS] = {false};
    for (int i = 0; i < CC_SECTORS; i++) {
        long index = cc_actors_find(actors, ids[i]);
        if (index < 0)
            return cc_error_add(err, CC_EUSAGE, "no actor has the id '%s' in %s", ids[i],
                                actors->source);
        cc_sector s = actors->items[index].sector;
        if (seen[s])
            return cc_error_add(err, CC_EUSAGE,
                                "a triad needs one actor of each sector, but two are %s",
                                cc_sector_names[s]);
        seen[s] = true;
        t->member[s] = (size_t)index;
    }
    return CC_OK;
}

cc_status cc_cmd_explain(const cc_cli *cli, cc_error *err)
{
    int names = cli->needs ? 0 : 1;
    if (cli->arg_count != names + 3)
        return cc_error_add(err, CC_EUSAGE, "explain takes %sthree actor ids",
                            names ? "a challenge and " : "");
    cc_scoring_run run;
    cc_scorer scorer = {0};
    cc_triad t = {{0}, 0, {0}};
    bool *eligible = NULL;
    cc_status st = cc_scoring_open(cli, 0, names, false, &run, err);
    if (st == CC_OK)
        st = triad_of(&run.data.actors, cli->args + names, &t, err);
    if (st == CC_OK)
        st = cc_scoring_prepare(cli, &run, run.picked[0], &scorer, &eligible, err);
    if (st == CC_OK) {
        bool outside[CC_SECTORS];
        cc_scoring_outside(cli, &run, run.picked[0], eligible, t.member, true, NULL, 0, outside);
        t.score = cc_scorer_score(&scorer, t.member, t.comp);
        explain_output x = {&scorer, &t, outside, cc_cli_report_options(cli)};
        st = cc_cli_write(cli, print_explain, &x, err);
    }
    cc_scorer_free(&scorer);
    free(eligible);
    cc_scoring_close(&run);
    return st;
}
