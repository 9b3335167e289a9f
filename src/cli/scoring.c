/* scoring.c — the scoring run shared by match, explain, score and gaps:
 * load once, pick the challenges, weigh and prepare one scorer each. */
#include "cli/scoring.h"
#include "cocreate/components.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cocreate/rank.h"

/* The run's challenges: named ones, --all, or the --needs one. */
static cc_status pick_challenges(const cc_cli *cli, cc_scoring_run *run, int from, int to,
                                 cc_error *err)
{
    run->count = 0;
    if (cli->needs) {
        if (cli->all || to > from)
            return cc_error_add(err, CC_EUSAGE, "--needs replaces the challenge names and --all");
        run->picked = malloc(sizeof *run->picked);
        if (!run->picked)
            return cc_error_add(err, CC_ESOFTWARE, "out of memory");
        cc_status st = cc_challenge_from_mapped_needs(&run->adhoc, cli->needs, run->data.tags,
                                                      run->data.thesaurus, err);
        if (st == CC_OK)
            run->picked[run->count++] = &run->adhoc;
        return st;
    }
    if (cli->all && to > from)
        return cc_error_add(err, CC_EUSAGE, "give challenge names or --all, not both");
    size_t n = cli->all ? run->data.challenges.count : (size_t)(to - from);
    if (n == 0)
        return cc_error_add(err, CC_EUSAGE, "which challenge? Name one, or use --all or --needs "
                                            "(`%s challenges` lists them)", CC_PROGRAM);
    run->picked = malloc(n * sizeof *run->picked);
    if (!run->picked)
        return cc_error_add(err, CC_ESOFTWARE, "out of memory");
    for (size_t i = 0; i < n; i++) {
        size_t index = i;
        if (!cli->all) {
            cc_status st = cc_challenges_lookup(&run->data.challenges,
                                                cli->args[from + (int)i], &index, err);
            if (st != CC_OK)
                return st;
        }
        run->picked[run->count++] = &run->data.challenges.items[index];
    }
    return CC_OK;
}

cc_status cc_scoring_resolve_ids(const cc_actors *actors, const char **ids, size_t count,
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

cc_status cc_scoring_check_required(const cc_cli *cli, const cc_scoring_run *run,
                                    const size_t *required, cc_error *err)
{
    cc_status st = check_required(&run->data.actors, required, cli->require_count, err);
    if (st == CC_OK)
        st = check_not_excluded(&run->data.actors, required, cli->require_count, run->excluded,
                                cli->exclude_count, err);
    return st;
}

cc_status cc_scoring_open(const cc_cli *cli, int from, int to, bool optional, cc_scoring_run *run,
                          cc_error *err)
{
    *run = (cc_scoring_run){0};
    cc_status st = cc_cli_load(cli, true, !cli->needs, &run->data, err);
    if (st == CC_OK && !(optional && to == from && !cli->needs))
        st = pick_challenges(cli, run, from, to, err);
    if (st == CC_OK)
        st = cc_scoring_resolve_ids(&run->data.actors, cli->exclude, cli->exclude_count,
                                    "--exclude", &run->excluded, err);
    return st;
}

void cc_scoring_close(cc_scoring_run *run)
{
    free(run->excluded);
    free(run->picked);
    cc_challenge_clear(&run->adhoc);
    cc_dataset_free(&run->data);
    *run = (cc_scoring_run){0};
}

const char *cc_scoring_territory(const cc_cli *cli, const cc_challenge *ch)
{
    if (cli->anywhere)
        return NULL;
    return cli->territory ? cli->territory : ch->territory;
}

/* Weights for `ch` from its ambition and the options; says once on stderr
 * which components have no data. */
static cc_status weights_for(const cc_cli *cli, cc_scoring_run *run, const cc_challenge *ch,
                             cc_weights *w, cc_error *err)
{
    *w = cc_weights_profile(cli->ambition ? (cc_ambition)cc_ambition_parse(cli->ambition)
                                          : ch->ambition);
    if (cli->weights) {
        cc_status st = cc_weights_override(w, cli->weights, err);
        if (st != CC_OK)
            return st;
    }
    unsigned dropped;
    cc_status st = cc_weights_finish(w, &run->data.actors, &dropped, err);
    if (st == CC_OK && dropped && !run->noted && !cli->quiet) {
        for (int c = 0; c < CC_COMPONENTS; c++)
            if (dropped >> c & 1)
                cc_cli_say("note: %s: %s is not scored", cc_components[c].no_data,
                           cc_components[c].name);
        run->noted = true;
    }
    return st;
}

/* A territory no actor lies within (a typo: "FR/Bretange") still keeps the
 * actors that cover it, say national ones: the run would answer for them
 * alone without a word. Says so on stderr. */
static cc_status note_empty_territory(const cc_cli *cli, const cc_actors *actors,
                                      const cc_challenge *ch, cc_error *err)
{
    const char *territory = cc_scoring_territory(cli, ch);
    int *place = NULL, depth = 0;
    if (!territory || cli->quiet)
        return CC_OK;
    if (cc_territory_find(actors->places, territory, &place, &depth) != CC_OK)
        return cc_error_add(err, CC_ESOFTWARE, "out of memory");
    bool someone = depth == 0;
    for (size_t a = 0; a < actors->count && !someone; a++) {
        const cc_actor *x = &actors->items[a];
        someone = x->territory_depth >= depth &&
                  cc_territory_nested(x->territory, x->territory_depth, place, depth);
    }
    free(place);
    if (!someone)
        cc_cli_say("note: no actor lies within the territory %s of challenge '%s': only those "
                   "covering all of it take part",
                   territory, ch->id);
    return CC_OK;
}

cc_status cc_scoring_weigh(const cc_cli *cli, cc_scoring_run *run, const cc_challenge *ch,
                           cc_weights *w, bool **eligible, cc_error *err)
{
    *eligible = NULL;
    cc_status st = weights_for(cli, run, ch, w, err);
    if (st == CC_OK)
        st = note_empty_territory(cli, &run->data.actors, ch, err);
    if (st != CC_OK)
        return st;
    *eligible = cc_rank_eligible(&run->data.actors, cc_scoring_territory(cli, ch), run->excluded,
                                 cli->exclude_count);
    if (!*eligible)
        return cc_error_add(err, CC_ESOFTWARE, "out of memory");
    return CC_OK;
}

cc_status cc_scoring_prepare(const cc_cli *cli, cc_scoring_run *run, const cc_challenge *ch,
                             cc_scorer *scorer, bool **eligible, cc_error *err)
{
    cc_weights w;
    memset(scorer, 0, sizeof *scorer); /* safe to free whatever happens */
    cc_status st = cc_scoring_weigh(cli, run, ch, &w, eligible, err);
    if (st != CC_OK)
        return st;
    return cc_scorer_init(scorer, &run->data.actors, ch, &w, *eligible, err);
}

/* One note naming the `n` (1 to 3) actors `ids`, left out of the run
 * `why` ("left out by --exclude", "outside the territory" and `place`). */
static void say_left_out(const char *const ids[CC_SECTORS], int n, const char *why,
                         const char *place, const char *source, long line)
{
    char where[32] = "";
    if (source)
        snprintf(where, sizeof where, ":%ld: ", line);
    cc_cli_say("note: %s%sactor%s '%s%s%s%s%s' %s %s%s%s: match would not propose this triad, "
               "and %s reach is measured against the actors taking part",
               source ? source : "", where, n > 1 ? "s" : "", ids[0],
               n > 1 ? (n > 2 ? "', '" : "' and '") : "", n > 1 ? ids[1] : "",
               n > 2 ? "' and '" : "", n > 2 ? ids[2] : "", n > 1 ? "are" : "is", why,
               place ? " " : "", place ? place : "", n > 1 ? "their" : "its");
}

static bool excluded(const cc_cli *cli, const cc_scoring_run *run, size_t a)
{
    for (size_t e = 0; e < cli->exclude_count; e++)
        if (run->excluded[e] == a)
            return true;
    return false;
}

int cc_scoring_outside(const cc_cli *cli, const cc_scoring_run *run, const cc_challenge *ch,
                       const bool *eligible, const size_t member[CC_SECTORS], bool say,
                       const char *source, long line, bool outside[CC_SECTORS])
{
    const char *out[CC_SECTORS], *left[CC_SECTORS]; /* outside the territory, --exclude'd */
    int n_out = 0, n_left = 0;
    for (int k = 0; k < CC_SECTORS; k++) {
        bool is_out = !eligible[member[k]] && !excluded(cli, run, member[k]);
        if (outside)
            outside[k] = is_out;
        if (eligible[member[k]])
            continue;
        const char *id = run->data.actors.items[member[k]].id;
        if (is_out)
            out[n_out++] = id;
        else
            left[n_left++] = id;
    }
    if (say && !cli->quiet && n_left)
        say_left_out(left, n_left, "left out by --exclude", NULL, source, line);
    if (say && !cli->quiet && n_out)
        say_left_out(out, n_out, "outside the territory", cc_scoring_territory(cli, ch), source,
                     line);
    return n_out + n_left;
}
