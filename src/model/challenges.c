/* challenges.c — the challenge model (SPEC §1.2): ambitions, needs, the
 * ad-hoc `--needs` challenge, finding a challenge by name with "did you
 * mean", and freeing. The JSON loader only parses into it. */
#include "cocreate/challenges.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cocreate/text.h"

/* ------------------------------------------------------------- ambitions */

const cc_ambition_info cc_ambitions[] = {
    [CC_BALANCED] = {"balanced"},
    [CC_INVENT] = {"invent"},
    [CC_SYNERGY] = {"synergy"},
    [CC_SCALE] = {"scale"},
};
_Static_assert(sizeof cc_ambitions / sizeof *cc_ambitions == CC_AMBITIONS,
               "one cc_ambitions record per ambition");

int cc_ambition_parse(const char *name)
{
    for (int i = 0; i < CC_AMBITIONS; i++)
        if (strcasecmp(name, cc_ambitions[i].name) == 0)
            return i;
    return -1;
}

void cc_ambition_choices(char *buf, size_t size)
{
    size_t used = 0;
    if (size == 0)
        return;
    buf[0] = '\0';
    for (int i = 0; i < CC_AMBITIONS && used < size; i++) {
        int n = snprintf(buf + used, size - used, "%s%s", i ? ", " : "", cc_ambitions[i].name);
        used += n > 0 ? (size_t)n : 0;
    }
}

/* ------------------------------------------------------------------ needs */

cc_status cc_challenge_add_need(cc_challenge *c, const char *text, double weight, cc_intern *tags,
                                char *reason, size_t size)
{
    return cc_challenge_add_mapped_need(c, text, weight, tags, NULL, reason, size);
}

cc_status cc_challenge_add_mapped_need(cc_challenge *c, const char *text, double weight,
                                       cc_intern *tags, const cc_thesaurus *th, char *reason,
                                       size_t size)
{
    if (!isfinite(weight) || weight <= 0) {
        /* a JSON 1e400 reads as inf, 1e-400 as 0: say so */
        const char *why = isinf(weight)  ? " (too large)"
                          : weight == 0 ? " (or too small to tell from 0)"
                                        : "";
        snprintf(reason, size, "need '%.*s%s' has weight %g%s; weights must be positive numbers",
                 CC_TEXT_CLIPPED(text, 60), weight, why);
        return CC_EDATA;
    }
    char *key;
    cc_status st = cc_text_norm(text, strlen(text), &key);
    if (st == CC_EDATA)
        snprintf(reason, size, "need '%.*s%s' is not valid UTF-8", CC_TEXT_CLIPPED(text, 60));
    if (st != CC_OK)
        return st;
    if (key[0] == '\0') {
        free(key);
        snprintf(reason, size, "need '%.*s%s' is empty once normalised", CC_TEXT_CLIPPED(text, 60));
        return CC_EDATA;
    }
    const char *preferred_display = NULL;
    const char *preferred = th ? cc_thesaurus_preferred(th, key, &preferred_display) : key;
    int tag = cc_intern_find(tags, preferred);
    for (int i = 0; tag >= 0 && i < c->need_count; i++) {
        if (c->needs[i].tag == tag) {
            bool spelt_alike = cc_intern_find(tags, key) == c->needs[i].written;
            free(key);
            snprintf(reason, size, "needs '%.*s%s' and '%.*s%s' are the same tag%s",
                     CC_TEXT_CLIPPED(c->needs[i].display, 60), CC_TEXT_CLIPPED(text, 60),
                     spelt_alike ? "" : " through the thesaurus");
            return CC_EDATA;
        }
    }
    if (c->need_count == CC_MAX_NEEDS) {
        free(key);
        snprintf(reason, size, "more than %d needs", CC_MAX_NEEDS);
        return CC_EDATA;
    }
    char *display = strdup(text);
    cc_need *needs = display ? realloc(c->needs, (size_t)(c->need_count + 1) * sizeof *needs)
                             : NULL;
    if (needs)
        c->needs = needs;
    int written = needs ? cc_intern_add(tags, key, text, NULL) : -1;
    tag = preferred == key || written < 0 ? written
                                          : cc_intern_add(tags, preferred, preferred_display, NULL);
    free(key);
    if (tag < 0) {
        free(display);
        return CC_ESOFTWARE;
    }
    c->needs[c->need_count++] = (cc_need){tag, weight, display, written};
    return CC_OK;
}

/* -------------------------------------------------------------- freeing */

void cc_challenge_clear(cc_challenge *c)
{
    if (!c)
        return;
    free(c->id);
    free(c->name);
    free(c->description);
    free(c->territory);
    for (int i = 0; i < c->need_count; i++)
        free(c->needs[i].display);
    free(c->needs);
    *c = (cc_challenge){0};
}

void cc_challenges_free(cc_challenges *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->count; i++)
        cc_challenge_clear(&c->items[i]);
    free(c->items);
    free(c->source);
    *c = (cc_challenges){0};
}

/* ---------------------------------------------------------- ad-hoc needs */

/* Reads one "tag:weight" or "tag" piece of --needs into `out`. */
static cc_status add_piece(cc_challenge *out, char *piece, cc_intern *tags,
                           const cc_thesaurus *th, cc_error *err)
{
    double weight = 1.0;
    char *colon = strrchr(piece, ':');
    if (colon) {
        char *number = colon + 1 + strspn(colon + 1, " ");
        size_t n = strlen(number);
        while (n > 0 && number[n - 1] == ' ')
            number[--n] = '\0';
        const char *why = cc_text_number(number, &weight);
        if (why)
            return cc_error_add(err, CC_EUSAGE, "--needs: bad weight in '%s': '%s' %s", piece,
                                number, why);
        *colon = '\0';
    }
    char *tag = piece;
    while (*tag == ' ')
        tag++;
    size_t n = strlen(tag);
    while (n > 0 && tag[n - 1] == ' ')
        tag[--n] = '\0';
    if (!*tag)
        return CC_OK;
    char reason[200];
    cc_status st = cc_challenge_add_mapped_need(out, tag, weight, tags, th, reason, sizeof reason);
    if (st == CC_ESOFTWARE)
        return cc_error_add(err, CC_ESOFTWARE, "out of memory");
    if (st != CC_OK)
        return cc_error_add(err, CC_EUSAGE, "--needs: %s", reason);
    return CC_OK;
}

cc_status cc_challenge_from_needs(cc_challenge *out, const char *spec, cc_intern *tags,
                                  cc_error *err)
{
    return cc_challenge_from_mapped_needs(out, spec, tags, NULL, err);
}

cc_status cc_challenge_from_mapped_needs(cc_challenge *out, const char *spec, cc_intern *tags,
                                         const cc_thesaurus *th, cc_error *err)
{
    *out = (cc_challenge){.id = strdup("needs"), .name = strdup("ad-hoc challenge")};
    char *copy = strdup(spec);
    cc_status st = CC_OK;
    if (!out->id || !out->name || !copy)
        st = cc_error_add(err, CC_ESOFTWARE, "out of memory");
    else if (cc_text_invalid_utf8(spec, strlen(spec)) < strlen(spec))
        st = cc_error_add(err, CC_EUSAGE, "--needs: invalid UTF-8");
    char *save = NULL;
    for (char *piece = st == CC_OK ? strtok_r(copy, ";|", &save) : NULL; piece && st == CC_OK;
         piece = strtok_r(NULL, ";|", &save))
        st = add_piece(out, piece, tags, th, err);
    if (st == CC_OK && out->need_count == 0)
        st = cc_error_add(err, CC_EUSAGE, "--needs: no need given (expected \"tag:weight;tag;...\")");
    free(copy);
    if (st != CC_OK)
        cc_challenge_clear(out);
    return st;
}

/* ---------------------------------------------------------------- lookup */

typedef struct {
    size_t index;
    size_t distance;
} candidate;

static int by_distance(const void *a, const void *b)
{
    const candidate *x = a, *y = b;
    if (x->distance != y->distance)
        return x->distance < y->distance ? -1 : 1;
    return (x->index > y->index) - (x->index < y->index);
}

static bool has_prefix(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Appends "id (name), ..." for the first `n` candidates to `buf`. */
static void list_candidates(char *buf, size_t size, const cc_challenges *all,
                            const candidate *c, size_t n)
{
    size_t used = strlen(buf);
    for (size_t i = 0; i < n && used < size; i++) {
        const cc_challenge *ch = &all->items[c[i].index];
        int w = snprintf(buf + used, size - used, "%s%s (%s)", i ? ", " : "", ch->id, ch->name);
        used += w > 0 ? (size_t)w : 0;
    }
}

/* The normalised id and name of challenge i (both NULL on failure). The
 * loader checked they are UTF-8, so only memory can fail. */
static cc_status names_of(const cc_challenges *all, size_t i, char **id, char **name)
{
    const cc_challenge *c = &all->items[i];
    *name = NULL;
    cc_status st = cc_text_norm(c->id, strlen(c->id), id);
    if (st == CC_OK && (st = cc_text_norm(c->name, strlen(c->name), name)) != CC_OK) {
        free(*id);
        *id = NULL;
    }
    return st;
}

/* How a challenge matches a query, best first. */
enum { SAME_ID, NORM_ID, NORM_NAME, PREFIX, NO_MATCH };

/* Finds the challenges the query names: the one whose id is the query
 * itself, else those whose normalised id is `q` (one: the loader refuses
 * ids equal once normalised), else those whose normalised name is `q`,
 * else those whose id or name starts with `q`. The best kind found is
 * *kind; its matches are cands[0 .. *found), in file order. Challenges
 * whose names are not UTF-8 match only by the same id. */
static cc_status match_names(const cc_challenges *all, const char *query, const char *q,
                             int *kind, candidate *cands, size_t *found)
{
    *kind = NO_MATCH;
    *found = 0;
    for (size_t i = 0; i < all->count && *kind != SAME_ID; i++) {
        int k = NO_MATCH;
        if (strcmp(query, all->items[i].id) == 0) {
            k = SAME_ID;
        } else {
            char *id, *name;
            cc_status st = names_of(all, i, &id, &name);
            if (st == CC_ESOFTWARE)
                return st;
            if (st == CC_OK)
                k = strcmp(q, id) == 0     ? NORM_ID
                    : strcmp(q, name) == 0 ? NORM_NAME
                    : q[0] && (has_prefix(id, q) || has_prefix(name, q)) ? PREFIX
                                                                          : NO_MATCH;
            free(id);
            free(name);
        }
        if (k < *kind) {
            *kind = k;
            *found = 0;
        }
        if (k == *kind && k != NO_MATCH)
            cands[(*found)++] = (candidate){i, 0};
    }
    return CC_OK;
}

/* Ranks every challenge by edit distance to q, into cands. */
static cc_status rank_by_distance(const cc_challenges *all, const char *q, candidate *cands)
{
    for (size_t i = 0; i < all->count; i++) {
        char *id, *name;
        size_t d1 = (size_t)-1, d2 = (size_t)-1;
        cc_status st = names_of(all, i, &id, &name);
        if (st == CC_OK)
            st = cc_text_distance(q, id, &d1);
        if (st == CC_OK)
            st = cc_text_distance(q, name, &d2);
        free(id);
        free(name);
        if (st == CC_ESOFTWARE)
            return st;
        cands[i] = (candidate){i, d1 < d2 ? d1 : d2};
    }
    qsort(cands, all->count, sizeof *cands, by_distance);
    return CC_OK;
}

cc_status cc_challenges_lookup(const cc_challenges *all, const char *query, size_t *index,
                               cc_error *err)
{
    char *q;
    cc_status st = cc_text_norm(query, strlen(query), &q);
    if (st == CC_EDATA)
        return cc_error_add(err, CC_EUSAGE, "challenge name is not valid UTF-8");
    if (st != CC_OK)
        return cc_error_add(err, CC_ESOFTWARE, "out of memory");
    candidate *cands = calloc(all->count + 1, sizeof *cands);
    size_t found = 0;
    int kind = NO_MATCH;
    st = cands ? match_names(all, query, q, &kind, cands, &found) : CC_ESOFTWARE;
    if (st == CC_OK && kind == NO_MATCH)
        st = rank_by_distance(all, q, cands);
    char list[1024] = "";
    if (st != CC_OK) {
        st = cc_error_add(err, CC_ESOFTWARE, "out of memory");
    } else if (kind != NO_MATCH && found == 1) {
        *index = cands[0].index;
    } else if (kind != NO_MATCH) {
        list_candidates(list, sizeof list, all, cands, found < 8 ? found : 8);
        st = cc_error_add(err, CC_EUSAGE, "challenge '%s' is ambiguous: it could be %s%s", query,
                          list, found > 8 ? ", ..." : "");
    } else {
        list_candidates(list, sizeof list, all, cands, all->count < 3 ? all->count : 3);
        st = cc_error_add(err, CC_EUSAGE,
                          "unknown challenge '%s'%s%s%s (`cocreate challenges` lists them all)",
                          query, all->count ? "; did you mean " : "", list,
                          all->count ? "?" : "");
    }
    free(cands);
    free(q);
    return st;
}
