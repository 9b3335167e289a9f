/* score.c — the five components and the weighted score of a triad (SPEC §3). */
#include "cocreate/score.h"

#include "cocreate/components.h"
#include "cocreate/text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --------------------------------------------------------------- weights */

cc_weights cc_weights_profile(cc_ambition ambition)
{
    cc_weights w;
    for (int c = 0; c < CC_COMPONENTS; c++)
        w.w[c] = cc_components[c].weight[ambition];
    return w;
}

cc_status cc_weights_override(cc_weights *w, const char *spec, cc_error *err)
{
    cc_weights next = *w;
    const char *p = spec;
    while (*p) {
        size_t len = strcspn(p, ",");
        const char *eq = memchr(p, '=', len);
        if (!eq)
            return cc_error_add(err, CC_EUSAGE, "--weights: expected name=value, got '%.*s'",
                                (int)len, p);
        int c = cc_component_parse(p, (size_t)(eq - p));
        if (c < 0) {
            char accepted[256];
            cc_component_choices(accepted, sizeof accepted);
            return cc_error_add(err, CC_EUSAGE, "--weights: unknown component '%.*s' (accepted: %s)",
                                (int)(eq - p), p, accepted);
        }
        char *text = strndup(eq + 1, (size_t)(p + len - eq - 1));
        if (!text)
            return cc_error_add(err, CC_ESOFTWARE, "out of memory");
        double v = -1;
        const char *why = cc_text_number(text, &v);
        if (why || v < 0) {
            cc_status st = cc_error_add(err, CC_EUSAGE,
                                        "--weights: weight of %s must be a non-negative number, "
                                        "got '%s'%s%s",
                                        cc_components[c].name, text, why ? ", which " : "",
                                        why ? why : "");
            free(text);
            return st;
        }
        free(text);
        next.w[c] = v + 0.0; /* -0 becomes 0: no weight shows as "-0.00" */
        p += len;
        if (*p == ',')
            p++;
    }
    *w = next;
    return CC_OK;
}

cc_status cc_weights_finish(cc_weights *w, const cc_actors *actors, unsigned *dropped,
                            cc_error *err)
{
    *dropped = 0;
    double largest = 0;
    for (int c = 0; c < CC_COMPONENTS; c++) {
        if (w->w[c] > 0 && !cc_components[c].has_data(actors)) {
            *dropped |= 1u << c;
            w->w[c] = 0;
        }
        largest = fmax(largest, w->w[c]);
    }
    if (!(largest > 0))
        return cc_error_add(err, CC_EUSAGE,
                            "all score weights are zero: give some component a positive weight");
    /* Scaled first by a power of two (exact) so that the sum cannot
     * overflow, as it would for two weights of 1e308. */
    int exponent;
    frexp(largest, &exponent);
    double sum = 0;
    for (int c = 0; c < CC_COMPONENTS; c++)
        sum += w->w[c] = ldexp(w->w[c], -exponent);
    for (int c = 0; c < CC_COMPONENTS; c++)
        w->w[c] /= sum;
    return CC_OK;
}

/* ---------------------------------------------------------------- scorer */

cc_status cc_scorer_init(cc_scorer *s, const cc_actors *actors, const cc_challenge *challenge,
                         const cc_weights *weights, const bool *eligible, cc_error *err)
{
    memset(s, 0, sizeof *s);
    s->actors = actors;
    s->challenge = challenge;
    s->weights = *weights;
    int tag_count = cc_intern_count(actors->tags);
    int *need_of_tag = malloc(((size_t)tag_count + 1) * sizeof *need_of_tag);
    s->mask = calloc(actors->count + 1, sizeof *s->mask);
    s->reach_part = calloc(actors->count + 1, sizeof *s->reach_part);
    if (!need_of_tag || !s->mask || !s->reach_part) {
        free(need_of_tag);
        cc_scorer_free(s);
        return cc_error_add(err, CC_ESOFTWARE, "out of memory");
    }
    for (int t = 0; t < tag_count; t++)
        need_of_tag[t] = -1;
    for (int n = 0; n < challenge->need_count; n++)
        need_of_tag[challenge->needs[n].tag] = n;
    uint64_t max_reach = 0;
    for (size_t a = 0; a < actors->count; a++) {
        const cc_actor *actor = &actors->items[a];
        for (int i = 0; i < actor->expertise.count; i++) {
            int n = need_of_tag[actor->expertise.ids[i]];
            if (n >= 0)
                s->mask[a] |= UINT64_C(1) << n;
        }
        if ((!eligible || eligible[a]) && actor->reach > max_reach)
            max_reach = actor->reach;
    }
    free(need_of_tag);
    s->log_reach_max = log10(1.0 + (double)max_reach);
    for (size_t a = 0; a < actors->count; a++)
        s->reach_part[a] = cc_scorer_reach(s, actors->items[a].reach);
    /* Weights are scaled by a power of two (exact) that brings the largest
     * below 1, so that sums of up to 64 of them never overflow, whatever
     * finite weights a file gives. */
    double largest = 0;
    for (int n = 0; n < challenge->need_count; n++)
        largest = fmax(largest, challenge->needs[n].weight);
    int exponent = 0;
    frexp(largest, &exponent);
    for (int byte = 0; byte < 8; byte++)
        for (int v = 0; v < 256; v++) {
            double sum = 0;
            for (int bit = 0; bit < 8; bit++) {
                int n = byte * 8 + bit;
                if ((v >> bit & 1) && n < challenge->need_count)
                    sum += ldexp(challenge->needs[n].weight, -exponent);
            }
            s->byte_weight[byte][v] = sum;
        }
    /* W summed as every covered weight is, so that a triad covering every
     * need has coverage exactly 1, and any other at most 1. */
    uint64_t all = challenge->need_count ? UINT64_MAX >> (64 - challenge->need_count) : 0;
    s->total_weight = cc_scorer_mask_weight(s, all);
    return CC_OK;
}

void cc_scorer_free(cc_scorer *s)
{
    if (!s)
        return;
    free(s->mask);
    free(s->reach_part);
    s->mask = NULL;
    s->reach_part = NULL;
}

void cc_scorer_trim(cc_scorer *s)
{
    cc_scorer_free(s);
}

double cc_scorer_mask_weight(const cc_scorer *s, uint64_t mask)
{
    double sum = 0;
    for (int byte = 0; mask; byte++, mask >>= 8)
        sum += s->byte_weight[byte][mask & 0xFF];
    return sum;
}

/* R is the largest reach of the run's actors; an actor outside the run
 * (explain or score of a triad outside the territory) may reach more: R
 * then counts as its reach, so that the mark stays at most 1. */
double cc_scorer_reach(const cc_scorer *s, uint64_t reach)
{
    if (reach == 0)
        return 0.0;
    double part = log10(1.0 + (double)reach);
    return part < s->log_reach_max ? part / s->log_reach_max : 1.0;
}

int cc_seeks_met(const cc_actor *a, const cc_actor *b, const cc_actor *c)
{
    int met = 0;
    for (int i = 0; i < a->seeks.count; i++) {
        int tag = a->seeks.ids[i];
        met += cc_idlist_contains(&b->expertise, tag) || cc_idlist_contains(&c->expertise, tag);
    }
    return met;
}

static double share(double part, double whole)
{
    double v = 3.0 * part / whole;
    return v < 1.0 ? v : 1.0;
}

void cc_scorer_need_components(const cc_scorer *s, uint64_t ms, uint64_t mc, uint64_t mp,
                               double *coverage, double *complementarity)
{
    double covered = cc_scorer_mask_weight(s, ms | mc | mp);
    *coverage = s->total_weight > 0 ? covered / s->total_weight : 0.0;
    *complementarity =
        covered > 0 ? (share(cc_scorer_mask_weight(s, ms & ~(mc | mp)), covered) +
                       share(cc_scorer_mask_weight(s, mc & ~(ms | mp)), covered) +
                       share(cc_scorer_mask_weight(s, mp & ~(ms | mc)), covered)) /
                          3.0
                    : 0.0;
}

double cc_scorer_score(const cc_scorer *s, const size_t m[3], double comp[CC_COMPONENTS])
{
    const cc_actor *a = s->actors->items;
    const cc_actor *so = &a[m[0]], *co = &a[m[1]], *pu = &a[m[2]];
    const int met[3] = {cc_seeks_met(so, co, pu), cc_seeks_met(co, so, pu),
                        cc_seeks_met(pu, so, co)};
    double coverage, complementarity;
    cc_scorer_need_components(s, s->mask[m[0]], s->mask[m[1]], s->mask[m[2]], &coverage,
                              &complementarity);
    return cc_scorer_score_from(s, m, coverage, complementarity, met, comp);
}

double cc_scorer_score_from(const cc_scorer *s, const size_t m[3], double coverage,
                            double complementarity, const int met[3], double comp[CC_COMPONENTS])
{
    const cc_actor *a = s->actors->items;
    const cc_triad_context t = {s, m, {&a[m[0]], &a[m[1]], &a[m[2]]}, met, coverage,
                                complementarity};
    return cc_component_score(&t, s->weights.w, comp);
}

/* ----------------------------------------------------------- explanation */

static int seeks_met(const cc_actor *a, const cc_actor *b, const cc_actor *c, cc_idlist *out)
{
    out->count = 0;
    out->ids = malloc(((size_t)a->seeks.count + 1) * sizeof *out->ids);
    if (!out->ids)
        return -1;
    for (int i = 0; i < a->seeks.count; i++) {
        int tag = a->seeks.ids[i];
        if (cc_idlist_contains(&b->expertise, tag) || cc_idlist_contains(&c->expertise, tag))
            out->ids[out->count++] = tag;
    }
    return 0;
}

/* The needs actor a offers: its bits of s->mask, or when the scorer is
 * trimmed, the same found from its tags. */
static uint64_t actor_mask(const cc_scorer *s, size_t a)
{
    if (s->mask)
        return s->mask[a];
    const cc_idlist *expertise = &s->actors->items[a].expertise;
    uint64_t mask = 0;
    for (int n = 0; n < s->challenge->need_count; n++)
        if (cc_idlist_contains(expertise, s->challenge->needs[n].tag))
            mask |= UINT64_C(1) << n;
    return mask;
}

cc_status cc_scorer_explain(const cc_scorer *s, const size_t m[3], cc_explanation *e)
{
    memset(e, 0, sizeof *e);
    for (int i = 0; i < CC_SECTORS; i++) {
        e->brings[i] = actor_mask(s, m[i]);
        e->covered |= e->brings[i];
    }
    for (int i = 0; i < CC_SECTORS; i++) {
        uint64_t others = e->brings[(i + 1) % 3] | e->brings[(i + 2) % 3];
        e->only[i] = e->brings[i] & ~others;
        const cc_actor *a = s->actors->items;
        if (seeks_met(&a[m[i]], &a[m[(i + 1) % 3]], &a[m[(i + 2) % 3]], &e->gains[i]) != 0) {
            cc_explanation_free(e);
            return CC_ESOFTWARE;
        }
    }
    return CC_OK;
}

void cc_explanation_free(cc_explanation *e)
{
    if (!e)
        return;
    for (int i = 0; i < CC_SECTORS; i++)
        free(e->gains[i].ids);
    memset(e, 0, sizeof *e);
}
