/* scoring.h — what match, explain, score and gaps share: the data loaded
 * once, the challenges named on the command line (or the --needs one), the
 * --exclude'd actors, and a scorer per challenge prepared the same way for
 * all of them, so that their numbers agree. */
#ifndef COCREATE_CLI_SCORING_H
#define COCREATE_CLI_SCORING_H

#include "cli/cli_internal.h"
#include "cocreate/score.h"

typedef struct {
    cc_dataset data;
    cc_challenge adhoc;            /* the --needs challenge */
    const cc_challenge **picked;   /* the run's challenges, `count` of them (array owned) */
    size_t count;
    size_t *excluded;              /* actor indices of --exclude (owned) */
    bool noted;                    /* the note on dropped components was given */
} cc_scoring_run;

/* Loads the data and picks the challenges named by cli->args[from, to), or
 * --all, or --needs; none when `optional` and neither a name nor --needs is
 * given. Resolves --exclude. Usage errors (no challenge, unknown names or
 * ids) are CC_EUSAGE. On any status `run` must be closed with
 * cc_scoring_close. */
cc_status cc_scoring_open(const cc_cli *cli, int from, int to, bool optional, cc_scoring_run *run,
                          cc_error *err);

/* Frees everything `run` holds; safe on a zeroed run. */
void cc_scoring_close(cc_scoring_run *run);

/* Prepares `scorer` for `ch`: the weights of its ambition and the options
 * (a note on stderr, once per run, names components without data), and the
 * actors taking part (territory, --exclude), which `*eligible` receives.
 * `*eligible` is malloc'd or NULL and always the caller's to free;
 * `scorer` is always safe to pass to cc_scorer_free afterwards. */
cc_status cc_scoring_prepare(const cc_cli *cli, cc_scoring_run *run, const cc_challenge *ch,
                             cc_scorer *scorer, bool **eligible, cc_error *err);

/* The first half of cc_scoring_prepare, which says what it has to say on
 * stderr: the weights into `w` and the actors taking part into
 * `*eligible` (malloc'd or NULL, always the caller's to free). The scorer
 * can then be made apart, by cc_scorer_init, in another thread. */
cc_status cc_scoring_weigh(const cc_cli *cli, cc_scoring_run *run, const cc_challenge *ch,
                           cc_weights *w, bool **eligible, cc_error *err);

/* Actor indices of `ids` into a malloc'd `*out` (caller frees, also on
 * failure); an unknown id is a usage error naming `option` and the file. */
cc_status cc_scoring_resolve_ids(const cc_actors *actors, const char **ids, size_t count,
                                 const char *option, size_t **out, cc_error *err);

/* --require against the rest of the command line: two required actors
 * of one sector, or one both required and --exclude'd, leave no possible
 * triad (CC_EUSAGE). `required` holds the cli->require_count indices. */
cc_status cc_scoring_check_required(const cc_cli *cli, const cc_scoring_run *run,
                                    const size_t *required, cc_error *err);

/* The territory filter of `ch` in this run: --anywhere, --territory, or the
 * challenge's own. */
const char *cc_scoring_territory(const cc_cli *cli, const cc_challenge *ch);

/* How many members of the triad `member` are not among the actors taking
 * part in `ch` (`eligible`, from cc_scoring_prepare): outside the
 * territory or --exclude'd. When `say` (and not -q), a note on stderr
 * names each, after "source:line: " when `source` is not NULL: match would
 * not propose the triad, and its reach mark is measured against R of the
 * actors taking part (so it stays at most 1). When `outside` is not NULL,
 * outside[k] tells whether member k is outside the territory (not
 * counting --exclude). */
int cc_scoring_outside(const cc_cli *cli, const cc_scoring_run *run, const cc_challenge *ch,
                       const bool *eligible, const size_t member[CC_SECTORS], bool say,
                       const char *source, long line, bool outside[CC_SECTORS]);

#endif
