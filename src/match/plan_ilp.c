/* plan_ilp.c — the exact method of plan.h: the plan as an integer
 * program solved by GLPK.
 *
 *   maximise   sum_t score_t x_t          x_t in {0, 1}, one per candidate
 *   subject to sum_{t holds a} x_t <= 1    for every actor a
 *              sum_t x_t <= N
 *
 * The LP relaxation (simplex) gives the bound when branch-and-bound runs
 * out of time; once it finishes, the plan is proven best.
 * GLPK stops the program on an internal error (out of memory among them)
 * unless an error hook leaves by longjmp; the hook does, and the whole
 * GLPK environment is then freed, as its manual says to. Its environment
 * is made first by glp_init_env, which reports a failed allocation where
 * any other call would abort; and a terminal hook keeps GLPK's messages
 * (its error turns terminal output back on) off standard output. */
#include <glpk.h>
#include <limits.h>
#include <math.h>
#include <setjmp.h>
#include <stdlib.h>

#include "cocreate/plan.h"

static jmp_buf glpk_failed;

static void leave_glpk(void *info)
{
    (void)info;
    longjmp(glpk_failed, 1);
}

/* GLPK's terminal output: dropped (nonzero: GLPK writes nothing itself). */
static int silence(void *info, const char *text)
{
    (void)info, (void)text;
    return 1;
}

/* Row of each actor the candidates hold (1-based; 0: none), and how many. */
static int *actor_rows(const cc_triad *cand, size_t count, size_t actor_count, int *rows)
{
    int *row = calloc(actor_count + 1, sizeof *row);
    *rows = 0;
    for (size_t t = 0; row && t < count; t++)
        for (int k = 0; k < CC_SECTORS; k++)
            if (!row[cand[t].member[k]])
                row[cand[t].member[k]] = ++*rows;
    return row;
}

/* Milliseconds for GLPK's time limits, at least 1. */
static int milliseconds(double seconds)
{
    double ms = seconds * 1000.0;
    return ms >= INT_MAX ? INT_MAX : ms < 1.0 ? 1 : (int)ms;
}

/* Builds the program into `lp`. */
static void build(glp_prob *lp, const cc_triad *cand, size_t count, const int *row, int rows,
                  size_t limit, int *ia, int *ja, double *ar)
{
    glp_set_obj_dir(lp, GLP_MAX);
    glp_add_rows(lp, rows + 1);
    for (int r = 1; r <= rows; r++)
        glp_set_row_bnds(lp, r, GLP_UP, 0.0, 1.0);
    glp_set_row_bnds(lp, rows + 1, GLP_UP, 0.0, (double)limit);
    glp_add_cols(lp, (int)count);
    int n = 0;
    for (size_t t = 0; t < count; t++) {
        int col = (int)t + 1;
        glp_set_col_kind(lp, col, GLP_BV);
        glp_set_obj_coef(lp, col, cand[t].score);
        for (int k = 0; k < CC_SECTORS; k++) {
            n++;
            ia[n] = row[cand[t].member[k]], ja[n] = col, ar[n] = 1.0;
        }
        n++;
        ia[n] = rows + 1, ja[n] = col, ar[n] = 1.0;
    }
    glp_load_matrix(lp, n, ia, ja, ar);
}

/* Solves the built program: bound from the relaxation, then the plan. */
static cc_status solve(glp_prob *lp, size_t count, double seconds, size_t *chosen,
                       size_t *chosen_count, bool *optimal, double *bound)
{
    glp_smcp sp;
    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_OFF;
    sp.tm_lim = milliseconds(seconds / 2);
    if (glp_simplex(lp, &sp) != 0 || glp_get_status(lp) != GLP_OPT)
        return CC_EUSAGE;
    *bound = glp_get_obj_val(lp);
    glp_iocp ip;
    glp_init_iocp(&ip);
    ip.msg_lev = GLP_MSG_OFF;
    ip.tm_lim = milliseconds(seconds);
    int ret = glp_intopt(lp, &ip), status = glp_mip_status(lp);
    if ((ret != 0 && ret != GLP_ETMLIM) || (status != GLP_OPT && status != GLP_FEAS))
        return CC_EUSAGE;
    *optimal = ret == 0 && status == GLP_OPT;
    *chosen_count = 0;
    for (size_t t = 0; t < count; t++)
        if (glp_mip_col_val(lp, (int)t + 1) > 0.5)
            chosen[(*chosen_count)++] = t;
    return CC_OK;
}

/* Builds and solves the program within GLPK's error hook: a failure (out
 * of memory) comes back through longjmp as CC_ESOFTWARE. No variable of
 * this function changes between setjmp and longjmp but those never read
 * after it. */
static cc_status run_glpk(const cc_triad *cand, size_t count, const int *row, int rows,
                          size_t limit, double seconds, int *ia, int *ja, double *ar,
                          size_t *chosen, size_t *chosen_count, bool *optimal, double *bound)
{
    int env = glp_init_env(); /* 0: made, 1: there already */
    if (env != 0 && env != 1) {
        *chosen_count = 0;
        return CC_ESOFTWARE;
    }
    glp_term_hook(silence, NULL);
    if (setjmp(glpk_failed)) {
        glp_error_hook(NULL, NULL);
        glp_free_env(); /* all of GLPK's memory, the problem's too */
        *chosen_count = 0;
        return CC_ESOFTWARE;
    }
    glp_error_hook(leave_glpk, NULL);
    glp_term_out(GLP_OFF); /* standard output is the report's */
    glp_prob *lp = glp_create_prob();
    build(lp, cand, count, row, rows, limit, ia, ja, ar);
    cc_status st = solve(lp, count, seconds, chosen, chosen_count, optimal, bound);
    glp_delete_prob(lp);
    glp_error_hook(NULL, NULL);
    glp_free_env();
    return st;
}

cc_status cc_plan_ilp(const cc_triad *cand, size_t count, size_t actor_count, size_t limit,
                      double seconds, size_t *chosen, size_t *chosen_count, bool *optimal,
                      double *bound, cc_error *err)
{
    *chosen_count = 0;
    *optimal = false;
    *bound = INFINITY; /* none known until the relaxation is solved */
    if (count == 0 || limit == 0) {
        *optimal = true;
        *bound = 0.0;
        return CC_OK;
    }
    if (count > (size_t)INT_MAX / (CC_SECTORS + 2))
        return CC_EUSAGE; /* too large for GLPK's indices: the caller uses the heuristic */
    int rows;
    int *row = actor_rows(cand, count, actor_count, &rows);
    size_t entries = count * (CC_SECTORS + 1) + 1;
    int *ia = malloc(entries * sizeof *ia), *ja = malloc(entries * sizeof *ja);
    double *ar = malloc(entries * sizeof *ar);
    cc_status st = CC_ESOFTWARE;
    if (row && ia && ja && ar)
        st = run_glpk(cand, count, row, rows, limit, seconds, ia, ja, ar, chosen, chosen_count,
                      optimal, bound);
    free(row);
    free(ia);
    free(ja);
    free(ar);
    if (st == CC_ESOFTWARE)
        return cc_error_add(err, CC_ESOFTWARE, "out of memory");
    return st;
}
