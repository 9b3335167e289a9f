/* cmd_score.c — `score`: batch-score the triads of a CSV file. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli/scoring.h"
#include "cocreate/components.h"
#include "cocreate/triads.h"

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
    bool **eligible;        /* each scorer's actors taking part (owned) */
    bool *ready;
    size_t count;
} scorer_cache;

static cc_status scorer_for(const cc_cli *cli, cc_scoring_run *run, scorer_cache *cache,
                            long index, size_t *slot, cc_error *err)
{
    *slot = index < 0 ? cache->count - 1 : (size_t)index;
    if (cache->ready[*slot])
        return CC_OK;
    const cc_challenge *ch = index < 0 ? run->picked[0] : &run->data.challenges.items[index];
    cc_status st = cc_scoring_prepare(cli, run, ch, &cache->scorers[*slot],
                                      &cache->eligible[*slot], err);
    cache->ready[*slot] = st == CC_OK;
    return st;
}

/* Rows whose actors do not all take part in their challenge (outside its
 * territory) get a note each, up to CC_ERROR_MAX of them; the rest are
 * counted for one note at the end. */
typedef struct {
    size_t said, more;
} outside_notes;

static void note_outside(const cc_cli *cli, const cc_scoring_run *run, const scorer_cache *cache,
                         size_t slot, const cc_triads *triads, const cc_triad_row *row,
                         outside_notes *notes)
{
    bool say = notes->said < CC_ERROR_MAX;
    if (cc_scoring_outside(cli, run, cache->scorers[slot].challenge, cache->eligible[slot],
                           row->member, say, triads->source, row->line, NULL) > 0)
        *(say ? &notes->said : &notes->more) += 1;
}

/* Loads the triads file. Its delimiter is always detected and it is read
 * as UTF-8: --delimiter and --encoding describe the actors file. */
static cc_status load_triads(const cc_cli *cli, cc_scoring_run *run, cc_triads *triads,
                             cc_error *err)
{
    cc_triads_options to = {.columns = cli->columns,
                            .has_default = run->count == 1,
                            .default_id = cli->needs ? run->adhoc.id : NULL,
                            .skip_bad_rows = cli->skip_bad_rows,
                            .warn = cc_cli_warn,
                            .warn_ctx = (void *)cli};
    return cc_triads_load_file(triads, cli->triads, &to, &run->data.actors,
                               cli->needs ? NULL : &run->data.challenges, err);
}

/* The input columns the output repeats: all but those named like a
 * column score adds (coverage... score), whose new values replace them at
 * the end, so that a file `match` wrote scores again without its columns
 * twice (and JSON gets each key once). */
typedef struct {
    char **header;      /* the kept columns' names (borrowed) */
    size_t columns;
    char **fields;      /* per row, `columns` borrowed fields (owned array) */
} kept_columns;

static bool added_by_score(const char *name)
{
    for (int c = 0; c < CC_COMPONENTS; c++)
        if (strcmp(name, cc_components[c].name) == 0)
            return true;
    return strcmp(name, "score") == 0;
}

static cc_status keep_columns(const cc_triads *triads, kept_columns *k, cc_error *err)
{
    size_t n = triads->columns, rows = triads->count;
    k->header = malloc((n + 1) * sizeof *k->header);
    k->fields = rows > SIZE_MAX / sizeof *k->fields / (n + 1)
                    ? NULL
                    : malloc((rows * n + 1) * sizeof *k->fields);
    if (!k->header || !k->fields)
        return cc_error_add(err, CC_ESOFTWARE, "out of memory");
    k->columns = 0;
    for (size_t c = 0; c < n; c++)
        if (!added_by_score(triads->header[c]))
            k->header[k->columns++] = triads->header[c];
    for (size_t r = 0; r < rows; r++) {
        char **out = k->fields + r * k->columns;
        for (size_t c = 0; c < n; c++)
            if (!added_by_score(triads->header[c]))
                *out++ = triads->rows[r].fields[c];
    }
    return CC_OK;
}

cc_status cc_cmd_score(const cc_cli *cli, cc_error *err)
{
    int names = cli->arg_count;
    if (!cli->triads)
        return cc_error_add(err, CC_EUSAGE, "score needs --triads FILE (or - for standard input)");
    if (names > 1 || (names == 1 && cli->needs))
        return cc_error_add(err, CC_EUSAGE, "score takes at most one challenge");
    cc_scoring_run run;
    cc_triads triads = {0};
    scorer_cache cache = {0};
    kept_columns kept = {0};
    outside_notes notes = {0, 0};
    cc_scored_row *rows = NULL;
    cc_status st = cc_scoring_open(cli, 0, names, true, &run, err);
    if (st == CC_OK)
        st = load_triads(cli, &run, &triads, err);
    if (st == CC_OK)
        st = keep_columns(&triads, &kept, err);
    if (st == CC_OK) {
        cache.count = run.data.challenges.count + 1;
        cache.scorers = calloc(cache.count, sizeof *cache.scorers);
        cache.eligible = calloc(cache.count, sizeof *cache.eligible);
        cache.ready = calloc(cache.count, sizeof *cache.ready);
        rows = calloc(triads.count + 1, sizeof *rows);
        if (!cache.scorers || !cache.eligible || !cache.ready || !rows)
            st = cc_error_add(err, CC_ESOFTWARE, "out of memory");
    }
    for (size_t i = 0; st == CC_OK && i < triads.count; i++) {
        size_t slot;
        st = scorer_for(cli, &run, &cache, triads.rows[i].challenge, &slot, err);
        if (st == CC_OK) {
            note_outside(cli, &run, &cache, slot, &triads, &triads.rows[i], &notes);
            rows[i].fields = kept.fields + i * kept.columns;
            rows[i].score = cc_scorer_score(&cache.scorers[slot], triads.rows[i].member,
                                            rows[i].comp);
        }
    }
    if (st == CC_OK && notes.more && !cli->quiet)
        cc_cli_say("note: %zu more rows of %s have an actor outside the territory", notes.more,
                   triads.source);
    if (st == CC_OK) {
        score_output x = {kept.header, kept.columns, rows, triads.count,
                          cc_cli_report_options(cli)};
        st = cc_cli_write(cli, print_scored, &x, err);
    }
    for (size_t i = 0; cache.ready && i < cache.count; i++)
        if (cache.ready[i])
            cc_scorer_free(&cache.scorers[i]);
    for (size_t i = 0; cache.eligible && i < cache.count; i++)
        free(cache.eligible[i]);
    free(cache.scorers);
    free(cache.eligible);
    free(cache.ready);
    free(kept.header);
    free(kept.fields);
    free(rows);
    cc_triads_free(&triads);
    cc_scoring_close(&run);
    return st;
}
