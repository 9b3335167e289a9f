/* cmd_plan.c — `plan`: up to N disjoint triads of one challenge with the
 * largest total score, its upper bound and the gap (plan.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/scoring.h"
#include "cocreate/history.h"
#include "cocreate/plan.h"

typedef struct {
    const cc_plan_result *result;
    cc_report_options opt;
} plan_output;

static cc_status print_plan(FILE *fp, const void *ctx)
{
    const plan_output *p = ctx;
    return cc_report_plan(fp, p->result, &p->opt);
}

/* The notes on a plan: fewer partnerships possible than asked, none at all. */
static void note_plan(const cc_cli *cli, const cc_challenge *ch, const cc_plan *p)
{
    if (cli->quiet)
        return;
    if (cli->partnerships > p->limit)
        cc_cli_say("note: at most %zu partnerships are possible for challenge '%s' (the "
                   "eligible actors of a sector are that few), not %zu",
                   p->limit, ch->id, cli->partnerships);
    if (p->count == 0)
        cc_cli_say("note: no triad qualifies for challenge '%s'", ch->id);
}

/* The total, bound and gap on stderr, for the formats that have no place
 * for them (csv, tsv, JSON Lines). */
static void say_totals(const cc_cli *cli, cc_format format, const cc_plan *p)
{
    if (cli->quiet || format == CC_TABLE || format == CC_JSON || format == CC_HTML)
        return;
    cc_cli_say("plan: %zu of %zu partnership%s, total %.4f, upper bound %.4f, gap %.2f%%%s",
               p->count, p->limit, p->limit == 1 ? "" : "s", p->total, p->bound,
               100.0 * cc_plan_gap(p),
               p->optimal ? " (optimal)" : "");
}

/* Threads a search may run: one per processor. */
static size_t processors(void)
{
    long online = sysconf(_SC_NPROCESSORS_ONLN);
    return online > 0 ? (size_t)online : 1;
}

static void note(void *cli, const char *message)
{
    if (!((const cc_cli *)cli)->quiet)
        cc_cli_say("note: %s", message);
}

/* The --history of challenge `ch` into *out (NULL without --history), read
 * as match reads it. */
static cc_status load_history(const cc_cli *cli, const cc_scoring_run *run,
                              const cc_challenge *ch, cc_history **out, cc_error *err)
{
    *out = NULL;
    if (!cli->history)
        return CC_OK;
    cc_history_rows rows = {0};
    cc_history_options ho = {.adhoc_id = cli->needs ? run->adhoc.id : NULL,
                             .skip_bad_rows = cli->skip_bad_rows,
                             .warn = cc_cli_warn,
                             .warn_ctx = (void *)cli,
                             .note = note,
                             .note_ctx = (void *)cli};
    cc_status st = cc_history_load_file(&rows, cli->history, &ho, &run->data.actors,
                                        cli->needs ? NULL : &run->data.challenges, err);
    if (st == CC_OK)
        st = cc_history_build(&rows, ch->id, out, err);
    cc_history_rows_free(&rows);
    return st;
}

/* Plans for the run's one challenge and writes the plan. */
static cc_status plan_challenge(const cc_cli *cli, cc_scoring_run *run, const size_t *required,
                                cc_error *err)
{
    const cc_challenge *ch = run->picked[0];
    cc_scorer scorer;
    bool *eligible = NULL;
    cc_rank_index *index = NULL; /* shared by the plan's searches */
    cc_plan plan = {0};
    cc_plan_left *left = NULL;
    size_t left_count = 0;
    cc_history *history = NULL;
    cc_report_options ro = cc_cli_report_options(cli);
    cc_status st = load_history(cli, run, ch, &history, err);
    if (st == CC_OK)
        st = cc_scoring_prepare(cli, run, ch, &scorer, &eligible, err);
    else
        memset(&scorer, 0, sizeof scorer); /* safe to free */
    if (st == CC_OK)
        st = cc_rank_index_build(&run->data.actors, &index, err);
    cc_plan_options po = {
        .partnerships = cli->partnerships,
        .time_limit = cli->time_limit > 0 ? cli->time_limit : CC_PLAN_TIME_LIMIT,
        .rank = {.has_min_score = cli->has_min_score,
                 .min_score = cli->min_score,
                 .required = required,
                 .required_count = cli->require_count,
                 .eligible = eligible,
                 .index = index,
                 .history = history,
                 .threads = cli->jobs ? cli->jobs : processors()}};
    for (size_t r = 0; st == CC_OK && r < cli->require_count && !cli->quiet; r++)
        if (!eligible[required[r]])
            cc_cli_say("note: required actor '%s' is outside the territory of challenge '%s'",
                       cli->require[r], ch->id);
    if (st == CC_OK)
        st = cc_plan_make(&scorer, &po, &plan, err);
    if (st == CC_OK && ro.format == CC_TABLE)
        st = cc_plan_left_out(&scorer, &po, &plan, &left, &left_count, err);
    if (st == CC_OK) {
        note_plan(cli, ch, &plan);
        cc_plan_result result = {&scorer, &plan, left, left_count};
        plan_output out = {&result, ro};
        st = cc_cli_write(cli, print_plan, &out, err);
        if (st == CC_OK)
            say_totals(cli, ro.format, &plan);
    }
    free(left);
    cc_plan_free(&plan);
    cc_rank_index_free(index);
    cc_history_free(history);
    cc_scorer_free(&scorer);
    free(eligible);
    return st;
}

cc_status cc_cmd_plan(const cc_cli *cli, cc_error *err)
{
    cc_scoring_run run;
    size_t *required = NULL;
    cc_status st = cc_scoring_open(cli, 0, cli->arg_count, false, &run, err);
    if (st == CC_OK && run.count != 1)
        st = cc_error_add(err, CC_EUSAGE, "plan takes one challenge, not %zu", run.count);
    if (st == CC_OK)
        st = cc_scoring_resolve_ids(&run.data.actors, cli->require, cli->require_count,
                                    "--require", &required, err);
    if (st == CC_OK)
        st = cc_scoring_check_required(cli, &run, required, err);
    if (st == CC_OK)
        st = plan_challenge(cli, &run, required, err);
    free(required);
    cc_scoring_close(&run);
    return st;
}
