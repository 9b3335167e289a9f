/* commands.c — the commands: load the data once, prepare each challenge,
 * search, and hand the results to a printer. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli_internal.h"
#include "cocreate/gaps.h"
#include "cocreate/rank.h"
#include "cocreate/triads.h"

/* ------------------------------------------------------------ challenges */

/* The challenges of this run: named ones, --all, or the --needs one.
 * `picked` gets pointers into data (or into `adhoc`). */
static cc_status pick_challenges(const cc_cli *cli, cc_dataset *data, int names_from,
                                 int names_to, cc_challenge *adhoc, const cc_challenge ***picked,
                                 size_t *count, cc_error *err)
{
    *count = 0;
    if (cli->needs) {
        if (cli->all || names_to > names_from)
            return cc_error_add(err, CC_EUSAGE, "--needs replaces the challenge names and --all");
        *picked = malloc(sizeof **picked);
        if (!*picked)
            return cc_error_add(err, CC_ESOFTWARE, "out of memory");
        cc_status st = cc_challenge_from_needs(adhoc, cli->needs, data->tags, err);
        if (st == CC_OK)
            (*picked)[(*count)++] = adhoc;
        return st;
    }
    if (cli->all && names_to > names_from)
        return cc_error_add(err, CC_EUSAGE, "give challenge names or --all, not both");
    size_t n = cli->all ? data->challenges.count : (size_t)(names_to - names_from);
    if (n == 0)
        return cc_error_add(err, CC_EUSAGE, "which challenge? Name one, or use --all or --needs "
                                            "(`cocreate challenges` lists them)");
    *picked = malloc(n * sizeof **picked);
    if (!*picked)
        return cc_error_add(err, CC_ESOFTWARE, "out of memory");
    for (size_t i = 0; i < n; i++) {
        size_t index = i;
        if (!cli->all) {
            cc_status st = cc_challenges_lookup(&data->challenges, cli->args[names_from + (int)i],
                                                &index, err);
            if (st != CC_OK)
                return st;
        }
        (*picked)[(*count)++] = &data->challenges.items[index];
    }
    return CC_OK;
}

/* Weights for `ch` from its ambition and the options; says once on stderr
 * which components have no data. */
static cc_status weights_for(const cc_cli *cli, const cc_dataset *data, const cc_challenge *ch,
                             bool *noted, cc_weights *w, cc_error *err)
{
    *w = cc_weights_profile(cli->ambition ? (cc_ambition)cc_ambition_parse(cli->ambition)
                                          : ch->ambition);
    if (cli->weights) {
        cc_status st = cc_weights_override(w, cli->weights, err);
        if (st != CC_OK)
            return st;
    }
    unsigned dropped;
    cc_status st = cc_weights_finish(w, &data->actors, &dropped, err);
    if (st == CC_OK && dropped && !*noted && !cli->quiet) {
        static const char *const why[CC_COMPONENTS] = {
            "", "", "no actor has seeks", "no actor has a territory", "no actor has a reach"};
        for (int c = 0; c < CC_COMPONENTS; c++)
            if (dropped >> c & 1)
                cc_cli_say("note: %s: %s is not scored", why[c], cc_component_names[c]);
        *noted = true;
    }
    return st;
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

/* Actor indices of the ids in `ids`; an unknown id is a usage error. */
static cc_status resolve_ids(const cc_actors *actors, const char **ids, size_t count,
                             const char *option, size_t **out, cc_error *err)
{
    *out = malloc((count + 1) * sizeof **out);
    if (!*out)
        return cc_error_add(err, CC_ESOFTWARE, "out of memory");
    for (size_t i = 0; i < count; i++) {
        long index = cc_actors_find(actors, ids[i]);
        if (index < 0)
            return cc_error_add(err, CC_EUSAGE, "%s: no actor has the id '%s' in %s", option,
                                ids[i], actors->source);
        (*out)[i] = (size_t)index;
    }
    return CC_OK;
}

static const char *territory_for(const cc_cli *cli, const cc_challenge *ch)
{
    if (cli->anywhere)
        return NULL;
    return cli->territory ? cli->territory : ch->territory;
}

/* ------------------------------------------------------- a scoring run */

/* What match, explain, score and gaps start from: the data loaded once,
 * the challenges named (or the --needs one), the --exclude'd actors, and
 * whether the note on dropped components was given. */
typedef struct {
    cc_dataset data;
    cc_challenge adhoc;
    const cc_challenge **picked;
    size_t count;
    size_t *excluded;
    bool noted;
} scoring_run;

/* Loads the data and picks the challenges named by args[from, to) — none
 * when `optional` and no name nor --needs is given. */
static cc_status run_open(const cc_cli *cli, int from, int to, bool optional, scoring_run *run,
                          cc_error *err)
{
    *run = (scoring_run){0};
    cc_status st = cc_cli_load(cli, true, !cli->needs, &run->data, err);
    if (st == CC_OK && !(optional && to == from && !cli->needs))
        st = pick_challenges(cli, &run->data, from, to, &run->adhoc, &run->picked, &run->count,
                             err);
    if (st == CC_OK)
        st = resolve_ids(&run->data.actors, cli->exclude, cli->exclude_count, "--exclude",
                         &run->excluded, err);
    return st;
}

static void run_close(scoring_run *run)
{
    free(run->excluded);
    free(run->picked);
    cc_challenge_clear(&run->adhoc);
    cc_dataset_free(&run->data);
}

/* ----------------------------------------------------------------- match */

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

/* Prepares the scorer of `ch` for this run: its weights, and the actors
 * taking part (territory, --exclude), which `*eligible` receives (caller
 * frees). match, explain and score share it so that they agree. */
static cc_status prepare_scorer(const cc_cli *cli, scoring_run *run, const cc_challenge *ch,
                                cc_scorer *scorer, bool **eligible, cc_error *err)
{
    cc_weights w;
    *eligible = NULL;
    cc_status st = weights_for(cli, &run->data, ch, &run->noted, &w, err);
    if (st != CC_OK)
        return st;
    *eligible = cc_rank_eligible(&run->data.actors, territory_for(cli, ch), run->excluded,
                                 cli->exclude_count);
    if (!*eligible)
        return cc_error_add(err, CC_ESOFTWARE, "out of memory");
    return cc_scorer_init(scorer, &run->data.actors, ch, &w, *eligible, err);
}

/* Scores and ranks one challenge into scorer/ranking. */
static cc_status match_one(const cc_cli *cli, scoring_run *run, const cc_challenge *ch,
                           const size_t *required, cc_scorer *scorer, cc_ranking *ranking,
                           cc_error *err)
{
    bool *eligible;
    cc_status st = prepare_scorer(cli, run, ch, scorer, &eligible, err);
    if (st == CC_OK) {
        cc_rank_options ro = {cli->top,     cli->has_min_score,   cli->min_score,
                              cli->max_per_actor, required, cli->require_count, eligible,
                              NULL, NULL};
        cc_progress p;
        char label[160];
        snprintf(label, sizeof label, "ranking %s", ch->id);
        if (cc_progress_start(cli, label, &p)) {
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
    scoring_run run;
    size_t *required = NULL, done = 0, count = 0;
    cc_scorer *scorers = NULL;
    cc_ranking *rankings = NULL;
    cc_match_result *results = NULL;
    cc_status st = run_open(cli, 0, cli->arg_count, false, &run, err);
    if (st == CC_OK)
        st = resolve_ids(&run.data.actors, cli->require, cli->require_count, "--require",
                         &required, err);
    if (st == CC_OK)
        st = check_required(&run.data.actors, required, cli->require_count, err);
    count = run.count;
    if (st == CC_OK) {
        scorers = calloc(count, sizeof *scorers);
        rankings = calloc(count, sizeof *rankings);
        results = calloc(count, sizeof *results);
        if (!scorers || !rankings || !results)
            st = cc_error_add(err, CC_ESOFTWARE, "out of memory");
    }
    for (; st == CC_OK && done < count; done++) {
        st = match_one(cli, &run, run.picked[done], required, &scorers[done], &rankings[done],
                       err);
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
    run_close(&run);
    return st;
}

/* --------------------------------------------------------------- explain */

typedef struct {
    const cc_scorer *scorer;
    const cc_triad *triad;
    cc_report_options opt;
} explain_output;

static cc_status print_explain(FILE *fp, const void *ctx)
{
    const explain_output *x = ctx;
    return cc_report_explain(fp, x->scorer, x->triad, &x->opt);
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
                                "a triad needs one actor of each sector, but two are %s", cc_sector_names[s]);
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
    scoring_run run;
    cc_scorer scorer = {0};
    cc_triad t = {{0}, 0, {0}};
    bool *eligible = NULL;
    cc_status st = run_open(cli, 0, names, false, &run, err);
    if (st == CC_OK)
        st = triad_of(&run.data.actors, cli->args + names, &t, err);
    if (st == CC_OK)
        st = prepare_scorer(cli, &run, run.picked[0], &scorer, &eligible, err);
    if (st == CC_OK) {
        t.score = cc_scorer_score(&scorer, t.member, t.comp);
        explain_output x = {&scorer, &t, cc_cli_report_options(cli)};
        st = cc_cli_write(cli, print_explain, &x, err);
    }
    cc_scorer_free(&scorer);
    free(eligible);
    run_close(&run);
    return st;
}

/* ----------------------------------------------------------------- score */

typedef struct {
    char *const *header;
    size_t columns;
    const cc_scored_row *rows;
    size_t count;
    cc_report_options opt;
} score_output;

static cc_status print_scored(FILE *fp, const void *ctx)
{
    const score_output *x = ctx;
    return cc_report_scored(fp, x->header, x->columns, x->rows, x->count, &x->opt);
}

/* Scorers of the challenges in use, prepared on first use: one per
 * challenge of the file, then the default one. */
typedef struct {
    cc_scorer *scorers;
    bool *ready;
    size_t count;
} scorer_cache;

static cc_status scorer_for(const cc_cli *cli, scoring_run *run, scorer_cache *cache, long index,
                            cc_scorer **out, cc_error *err)
{
    size_t slot = index < 0 ? cache->count - 1 : (size_t)index;
    *out = &cache->scorers[slot];
    if (cache->ready[slot])
        return CC_OK;
    const cc_challenge *ch = index < 0 ? run->picked[0] : &run->data.challenges.items[index];
    bool *eligible;
    cc_status st = prepare_scorer(cli, run, ch, *out, &eligible, err);
    free(eligible);
    cache->ready[slot] = st == CC_OK;
    return st;
}

cc_status cc_cmd_score(const cc_cli *cli, cc_error *err)
{
    int names = cli->arg_count;
    if (!cli->triads)
        return cc_error_add(err, CC_EUSAGE, "score needs --triads FILE (or - for standard input)");
    if (names > 1 || (names == 1 && cli->needs))
        return cc_error_add(err, CC_EUSAGE, "score takes at most one challenge");
    scoring_run run;
    cc_triads triads = {0};
    scorer_cache cache = {0};
    cc_scored_row *rows = NULL;
    cc_status st = run_open(cli, 0, names, true, &run, err);
    if (st == CC_OK) {
        cc_triads_options to = {cli->delimiter, cli->encoding, cli->columns, run.count == 1,
                                cli->skip_bad_rows, cc_cli_warn, (void *)cli};
        st = cc_triads_load_file(&triads, cli->triads, &to, &run.data.actors,
                                 cli->needs ? NULL : &run.data.challenges, err);
    }
    if (st == CC_OK) {
        cache.count = run.data.challenges.count + 1;
        cache.scorers = calloc(cache.count, sizeof *cache.scorers);
        cache.ready = calloc(cache.count, sizeof *cache.ready);
        rows = calloc(triads.count + 1, sizeof *rows);
        if (!cache.scorers || !cache.ready || !rows)
            st = cc_error_add(err, CC_ESOFTWARE, "out of memory");
    }
    for (size_t i = 0; st == CC_OK && i < triads.count; i++) {
        cc_scorer *s;
        st = scorer_for(cli, &run, &cache, triads.rows[i].challenge, &s, err);
        if (st == CC_OK) {
            rows[i].fields = triads.rows[i].fields;
            rows[i].score = cc_scorer_score(s, triads.rows[i].member, rows[i].comp);
        }
    }
    if (st == CC_OK) {
        score_output x = {triads.header, triads.columns, rows, triads.count,
                          cc_cli_report_options(cli)};
        st = cc_cli_write(cli, print_scored, &x, err);
    }
    for (size_t i = 0; i < cache.count; i++)
        if (cache.ready[i])
            cc_scorer_free(&cache.scorers[i]);
    free(cache.scorers);
    free(cache.ready);
    free(rows);
    cc_triads_free(&triads);
    run_close(&run);
    return st;
}

/* ------------------------------------------------------------------ gaps */

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
    scoring_run run;
    size_t done = 0, count = 0;
    cc_scorer *scorers = NULL;
    cc_gaps *gaps = NULL;
    cc_status st = run_open(cli, 0, cli->arg_count, false, &run, err);
    count = run.count;
    if (st == CC_OK) {
        scorers = calloc(count, sizeof *scorers);
        gaps = calloc(count, sizeof *gaps);
        if (!scorers || !gaps)
            st = cc_error_add(err, CC_ESOFTWARE, "out of memory");
    }
    for (; st == CC_OK && done < count; done++) {
        bool *eligible;
        st = prepare_scorer(cli, &run, run.picked[done], &scorers[done], &eligible, err);
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
    run_close(&run);
    return st;
}

/* ------------------------------------------------------ challenges, check */

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
static cc_status print_data(const cc_cli *cli, bool actors, cc_status (*print)(FILE *, const void *),
                            cc_error *err)
{
    if (cli->arg_count > 0)
        return cc_error_add(err, CC_EUSAGE, "%s takes no operand ('%s' given)", cli->command,
                            cli->args[0]);
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
