/* cmd_match.c — `match`: the exact best triads of each challenge. */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <threads.h>
#include <unistd.h>

#include "cli/scoring.h"
#include "cocreate/history.h"
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

/* One challenge of the run. It is weighed in the order of the run, so
 * that its notes come out in that order, then scored and ranked, perhaps
 * at the same time as others: its search shares only what it reads (the
 * actors, the rank index) and keeps its errors to itself. */
typedef struct {
    const cc_challenge *challenge;
    cc_weights weights;
    bool *eligible;
    cc_scorer scorer;
    cc_ranking ranking;
    cc_error err;
    cc_status status;
} match_job;

/* The jobs of a run and what their threads share. */
typedef struct {
    const cc_cli *cli;
    const cc_actors *actors;
    const size_t *required;
    const cc_rank_index *index;
    const cc_history_rows *history; /* --history; NULL: none */
    const cc_history *shared;    /* the history of every challenge, when no row
                                    names one; NULL: each job builds its own */
    match_job *jobs;
    size_t count;
    size_t search_threads; /* threads each search may run: 1 when the jobs run at once */
    atomic_size_t next;  /* the next job no thread has taken */
    mtx_t lock;          /* over what follows */
    size_t done;
    cc_progress *progress; /* of the whole run; NULL when not shown */
} match_queue;

/* Scores and ranks job j; the progress of its search is shown when
 * `progress` is not NULL. */
static void rank_job(const match_queue *q, match_job *j, cc_progress *progress)
{
    const cc_cli *cli = q->cli;
    j->status = cc_scorer_init(&j->scorer, q->actors, j->challenge, &j->weights, j->eligible,
                               &j->err);
    if (j->status != CC_OK)
        return;
    cc_history *own = NULL; /* the history of this job's challenge */
    if (q->history && !q->shared &&
        (j->status = cc_history_build(q->history, j->challenge->id, &own, &j->err)) != CC_OK)
        return;
    cc_rank_options ro = {.k = cli->top,
                          .has_min_score = cli->has_min_score,
                          .min_score = cli->min_score,
                          .max_per_actor = cli->max_per_actor,
                          .required = q->required,
                          .required_count = cli->require_count,
                          .eligible = j->eligible,
                          .index = q->index,
                          .threads = q->search_threads,
                          .history = q->shared ? q->shared : own,
                          .progress = progress ? cc_progress_show : NULL,
                          .progress_ctx = progress};
    j->status = cc_rank_top(&j->scorer, &ro, &j->ranking, &j->err);
    cc_history_free(own);
    cc_scorer_trim(&j->scorer); /* the output only explains the triads kept */
}

/* A thread's work: the jobs no thread has taken yet, one at a time. */
static int rank_jobs(void *arg)
{
    match_queue *q = arg;
    for (size_t i; (i = atomic_fetch_add(&q->next, 1)) < q->count;) {
        rank_job(q, &q->jobs[i], NULL);
        if (q->progress && mtx_lock(&q->lock) == thrd_success) {
            cc_progress_show(q->progress, (double)++q->done / q->count);
            mtx_unlock(&q->lock);
        }
    }
    return 0;
}

/* How many threads may run at once: --jobs, else one per processor. */
static size_t thread_count(const cc_cli *cli)
{
    long online = sysconf(_SC_NPROCESSORS_ONLN);
    return cli->jobs ? cli->jobs : online > 0 ? (size_t)online : 1;
}

/* Ranks every job, in `threads` threads (this one among them). A thread
 * that cannot be started leaves its share to the others. */
static void rank_all(match_queue *q, size_t threads)
{
    enum { MOST = 64 };
    thrd_t started[MOST];
    size_t count = 0;
    char label[48];
    cc_progress progress;
    snprintf(label, sizeof label, "%zu challenges", q->count);
    bool shown = cc_progress_start(q->cli, "ranking", label, &progress);
    bool locked = mtx_init(&q->lock, mtx_plain) == thrd_success;
    q->progress = shown && locked ? &progress : NULL;
    while (locked && count + 1 < threads && count < MOST &&
           thrd_create(&started[count], rank_jobs, q) == thrd_success)
        count++;
    rank_jobs(q);
    for (size_t i = 0; i < count; i++)
        thrd_join(started[i], NULL);
    if (locked)
        mtx_destroy(&q->lock);
    cc_progress_end(&progress);
}

/* The notes on a ranked job. */
static void note_ranked(const match_queue *q, const match_job *j)
{
    const cc_cli *cli = q->cli;
    for (size_t r = 0; r < cli->require_count && !cli->quiet; r++)
        if (!j->eligible[q->required[r]])
            cc_cli_say("note: required actor '%s' is outside the territory of challenge '%s'",
                       cli->require[r], j->challenge->id);
    if (j->ranking.count == 0 && !cli->quiet)
        cc_cli_say("note: no triad qualifies for challenge '%s'", j->challenge->id);
}

/* A job's errors, passed on to the run's. */
static cc_status pass_on(const match_job *j, cc_error *err)
{
    for (int i = 0; i < j->err.count && i < CC_ERROR_MAX; i++)
        cc_error_add(err, j->err.statuses[i], "%s",
                     j->err.messages[i] ? j->err.messages[i] : "out of memory");
    if (j->err.count == 0)
        cc_error_add(err, j->status, "out of memory");
    return j->status;
}

/* Weighs, scores and ranks the challenges of the run. All are weighed
 * first, in order, then ranked, one at a time (each search showing its
 * progress) or in threads, and the notes on the rankings follow in order:
 * the notes are the same whatever the number of threads, which is by
 * default that of the processors. */
static cc_status rank_challenges(match_queue *q, cc_scoring_run *run, cc_error *err)
{
    /* the challenges share the threads, or one search has them all */
    size_t threads = thread_count(q->cli);
    if (threads > q->count)
        threads = q->count;
    q->search_threads = threads > 1 ? 1 : thread_count(q->cli);
    for (size_t i = 0; i < q->count; i++) {
        match_job *j = &q->jobs[i];
        j->challenge = run->picked[i];
        cc_status st = cc_scoring_weigh(q->cli, run, j->challenge, &j->weights, &j->eligible, err);
        if (st != CC_OK)
            return st;
    }
    if (threads > 1)
        rank_all(q, threads);
    else
        for (size_t i = 0; i < q->count; i++) {
            match_job *j = &q->jobs[i];
            cc_progress progress;
            bool shown = cc_progress_start(q->cli, "ranking", j->challenge->id, &progress);
            rank_job(q, j, shown ? &progress : NULL);
            cc_progress_end(&progress);
            if (j->status != CC_OK)
                break; /* the jobs after it stay unranked, and are not noted */
        }
    for (size_t i = 0; i < q->count; i++) {
        if (q->jobs[i].status != CC_OK)
            return pass_on(&q->jobs[i], err);
        note_ranked(q, &q->jobs[i]);
    }
    return CC_OK;
}

/* Notes on history rows ignored (unknown ids): unless --quiet. */
static void note(void *cli, const char *message)
{
    if (!((const cc_cli *)cli)->quiet)
        cc_cli_say("note: %s", message);
}

/* Loads --history into *rows, and when no row names a challenge, builds
 * the one history of every challenge into *shared. Its delimiter is
 * detected: --delimiter and --encoding describe the actors file. */
static cc_status load_history(const cc_cli *cli, const cc_scoring_run *run,
                              cc_history_rows *rows, cc_history **shared, cc_error *err)
{
    cc_history_options ho = {.adhoc_id = cli->needs ? run->adhoc.id : NULL,
                             .skip_bad_rows = cli->skip_bad_rows,
                             .warn = cc_cli_warn,
                             .warn_ctx = (void *)cli,
                             .note = note,
                             .note_ctx = (void *)cli};
    cc_status st = cc_history_load_file(rows, cli->history, &ho, &run->data.actors,
                                        cli->needs ? NULL : &run->data.challenges, err);
    if (st == CC_OK && rows->challenge_count == 0)
        st = cc_history_build(rows, NULL, shared, err);
    return st;
}

cc_status cc_cmd_match(const cc_cli *cli, cc_error *err)
{
    cc_scoring_run run;
    size_t *required = NULL;
    match_queue q = {.cli = cli};
    cc_match_result *results = NULL;
    cc_rank_index *index = NULL; /* shared by the challenges */
    cc_history_rows history = {0};
    cc_history *shared = NULL;
    cc_status st = cc_scoring_open(cli, 0, cli->arg_count, false, &run, err);
    if (st == CC_OK)
        st = cc_scoring_resolve_ids(&run.data.actors, cli->require, cli->require_count,
                                    "--require", &required, err);
    if (st == CC_OK)
        st = cc_scoring_check_required(cli, &run, required, err);
    if (st == CC_OK && cli->history)
        st = load_history(cli, &run, &history, &shared, err);
    if (st == CC_OK) {
        q.jobs = calloc(run.count, sizeof *q.jobs);
        results = calloc(run.count, sizeof *results);
        if (!q.jobs || !results)
            st = cc_error_add(err, CC_ESOFTWARE, "out of memory");
    }
    if (st == CC_OK && run.count > 1)
        st = cc_rank_index_build(&run.data.actors, &index, err);
    if (st == CC_OK) {
        q.actors = &run.data.actors;
        q.required = required;
        q.index = index;
        q.history = cli->history ? &history : NULL;
        q.shared = shared;
        q.count = run.count;
        atomic_init(&q.next, 0);
        st = rank_challenges(&q, &run, err);
    }
    if (st == CC_OK) {
        for (size_t i = 0; i < q.count; i++)
            results[i] = (cc_match_result){&q.jobs[i].scorer, &q.jobs[i].ranking};
        match_output m = {results, q.count, cc_cli_report_options(cli)};
        st = cc_cli_write(cli, print_match, &m, err);
    }
    for (size_t i = 0; q.jobs && i < run.count; i++) {
        cc_scorer_free(&q.jobs[i].scorer);
        cc_ranking_free(&q.jobs[i].ranking);
        cc_error_clear(&q.jobs[i].err);
        free(q.jobs[i].eligible);
    }
    free(q.jobs);
    free(results);
    free(required);
    cc_rank_index_free(index);
    cc_history_free(shared);
    cc_history_rows_free(&history);
    cc_scoring_close(&run);
    return st;
}
