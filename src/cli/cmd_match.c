/* cmd_match.c — `match`: the exact best triads of each challenge. */
#include <stdlib.h>

#include "cli/scoring.h"
#include "cocreate/rank.h"

typedef struct {
    const cc_match_result *results;
    size_t count;
    cc_report_options opt;
} match_output;

static cc_status print_match(FILE *fp, const void *ctx)
{
    const match_output *m = ctx;
    return cc_report_match(fp, m->results, m->count, &m->opt);
}

/* Two required actors of one sector leave no possible triad. */
static cc_status check_required(const cc_actors *actors, const size_t *required, size_t count,
                                cc_error *err)
{
    for (size_t i = 0; i < count; i++)
        for (size_t j = i + 1; j < count; j++) {
            const cc_actor *a = &actors->items[required[i]], *b = &actors->items[required[j]];
            if (a->sector == b->sector && required[i] != required[j])
                return cc_error_add(err, CC_EUSAGE,
                                    "--require: '%s' and '%s' are both %s; a triad has one actor "
                                    "per sector",
                                    a->id, b->id, cc_sector_names[a->sector]);
        }
    return CC_OK;
}

/* An actor both required and excluded leaves no possible triad; left to
 * the ranking, it would be reported as outside the challenge's territory. */
static cc_status check_not_excluded(const cc_actors *actors, const size_t *required,
                                    size_t count, const size_t *excluded, size_t excluded_count,
                                    cc_error *err)
{
    for (size_t i = 0; i < count; i++)
        for (size_t j = 0; j < excluded_count; j++)
            if (required[i] == excluded[j])
                return cc_error_add(err, CC_EUSAGE, "--require and --exclude both name '%s'",
                                    actors->items[required[i]].id);
    return CC_OK;
}

/* Scores and ranks one challenge into scorer/ranking. */
static cc_status match_one(const cc_cli *cli, cc_scoring_run *run, const cc_challenge *ch,
                           const size_t *required, const cc_rank_index *index,
                           cc_scorer *scorer, cc_ranking *ranking, cc_error *err)
{
    bool *eligible;
    cc_status st = cc_scoring_prepare(cli, run, ch, scorer, &eligible, err);
    if (st == CC_OK) {
        cc_rank_options ro = {.k = cli->top,
                              .has_min_score = cli->has_min_score,
                              .min_score = cli->min_score,
                              .max_per_actor = cli->max_per_actor,
                              .required = required,
                              .required_count = cli->require_count,
                              .eligible = eligible,
                              .index = index};
        cc_progress p;
        if (cc_progress_start(cli, "ranking", ch->id, &p)) {
            ro.progress = cc_progress_show;
            ro.progress_ctx = &p;
        }
        st = cc_rank_top(scorer, &ro, ranking, err);
        cc_progress_end(&p);
    }
    for (size_t r = 0; st == CC_OK && r < cli->require_count && !cli->quiet; r++)
        if (!eligible[required[r]])
            cc_cli_say("note: required actor '%s' is outside the territory of challenge '%s'",
                       cli->require[r], ch->id);
    if (st == CC_OK && ranking->count == 0 && !cli->quiet)
        cc_cli_say("note: no triad qualifies for challenge '%s'", ch->id);
    free(eligible);
    return st;
}

cc_status cc_cmd_match(const cc_cli *cli, cc_error *err)
{
    cc_scoring_run run;
    size_t *required = NULL, done = 0, count = 0;
    cc_scorer *scorers = NULL;
    cc_ranking *rankings = NULL;
    cc_match_result *results = NULL;
    cc_rank_index *index = NULL; /* shared by the challenges */
    cc_status st = cc_scoring_open(cli, 0, cli->arg_count, false, &run, err);
    if (st == CC_OK)
        st = cc_scoring_resolve_ids(&run.data.actors, cli->require, cli->require_count,
                                    "--require", &required, err);
    if (st == CC_OK)
        st = check_required(&run.data.actors, required, cli->require_count, err);
    if (st == CC_OK)
        st = check_not_excluded(&run.data.actors, required, cli->require_count, run.excluded,
                                cli->exclude_count, err);
    count = run.count;
    if (st == CC_OK) {
        scorers = calloc(count, sizeof *scorers);
        rankings = calloc(count, sizeof *rankings);
        results = calloc(count, sizeof *results);
        if (!scorers || !rankings || !results)
            st = cc_error_add(err, CC_ESOFTWARE, "out of memory");
    }
    if (st == CC_OK && count > 1)
        st = cc_rank_index_build(&run.data.actors, &index, err);
    for (; st == CC_OK && done < count; done++) {
        st = match_one(cli, &run, run.picked[done], required, index, &scorers[done],
                       &rankings[done], err);
        results[done] = (cc_match_result){&scorers[done], &rankings[done]};
    }
    if (st == CC_OK) {
        match_output m = {results, count, cc_cli_report_options(cli)};
        st = cc_cli_write(cli, print_match, &m, err);
    }
    for (size_t i = 0; i < done; i++) {
        cc_scorer_free(&scorers[i]);
        cc_ranking_free(&rankings[i]);
    }
    free(scorers);
    free(rankings);
    free(results);
    free(required);
    cc_rank_index_free(index);
    cc_scoring_close(&run);
    return st;
}
