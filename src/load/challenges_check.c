/* challenges_check.c — the checks every challenges reader makes, with the
 * same messages whatever the format (challenges_load.h). */
#include "load/challenges_load.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cocreate/text.h"

bool cc_challenge_checks_init(cc_challenge_checks *k, const char *source, cc_intern *tags,
                              const cc_challenges_options *opt, cc_error *err)
{
    static const cc_challenges_options defaults = {0};
    *k = (cc_challenge_checks){source, tags, opt ? opt : &defaults, err, cc_intern_new(), NULL, 0};
    if (!k->ids)
        cc_challenge_out_of_memory(k);
    return k->ids != NULL;
}

void cc_challenge_checks_free(cc_challenge_checks *k)
{
    cc_intern_free(k->ids);
    free(k->id_line);
    *k = (cc_challenge_checks){0};
}

void cc_challenge_out_of_memory(cc_challenge_checks *k)
{
    cc_error_add(k->err, CC_ESOFTWARE, "%s: out of memory", k->source);
}

void cc_challenge_error(cc_challenge_checks *k, long line, const char *shown, const char *what)
{
    /* a long id is clipped: twenty messages about one challenge hold no
     * twenty copies of a huge id */
    cc_error_add(k->err, CC_EDATA, "%s:%ld: challenge '%.*s%s': %s", k->source, line,
                 CC_TEXT_CLIPPED(shown, 60), what);
}

/* Challenges are named on the command line by their id compared
 * normalised: two ids equal once normalised (`Santé`, `sante`) would
 * leave one out of reach, so they are an error, like the same id twice. */
bool cc_challenge_check_id(cc_challenge_checks *k, const char *id, long line, char **key)
{
    if (cc_text_norm(id, strlen(id), key) != CC_OK) { /* UTF-8 was checked */
        cc_challenge_out_of_memory(k);
        return false;
    }
    if (!(*key)[0]) {
        free(*key);
        *key = NULL;
        return true;
    }
    int other = cc_intern_find(k->ids, *key);
    if (other < 0)
        return true;
    const char *first = cc_intern_display(k->ids, other);
    if (strcmp(first, id) == 0)
        cc_error_add(k->err, CC_EDATA, "%s:%ld: challenge '%.*s%s': duplicate challenge id "
                     "(first on line %ld)", k->source, line, CC_TEXT_CLIPPED(id, 60),
                     k->id_line[other]);
    else
        cc_error_add(k->err, CC_EDATA, "%s:%ld: challenge '%.*s%s': its id and the id '%.*s%s' "
                     "on line %ld are the same once normalised (case, accents, dashes): the "
                     "command line could not tell them apart", k->source, line,
                     CC_TEXT_CLIPPED(id, 60), CC_TEXT_CLIPPED(first, 60), k->id_line[other]);
    return true;
}

cc_ambition cc_challenge_ambition(cc_challenge_checks *k, long line, const char *shown,
                                  const char *text)
{
    int a = text ? cc_ambition_parse(text) : -1;
    if (a < 0) {
        char accepted[128], what[160];
        cc_ambition_choices(accepted, sizeof accepted);
        snprintf(what, sizeof what, "unknown ambition (accepted: %s)", accepted);
        cc_challenge_error(k, line, shown, what);
    }
    return a < 0 ? CC_BALANCED : (cc_ambition)a;
}

bool cc_challenge_need(cc_challenge_checks *k, cc_challenge *c, const char *shown, long line,
                       const char *text, double weight)
{
    char reason[200];
    cc_status st = cc_challenge_add_mapped_need(c, text, weight, k->tags, k->opt->thesaurus,
                                                reason, sizeof reason);
    if (st == CC_ESOFTWARE) {
        cc_challenge_out_of_memory(k);
        return false;
    }
    if (st != CC_OK)
        cc_challenge_error(k, line, shown, reason);
    return true;
}

bool cc_challenge_keep(cc_challenge_checks *k, cc_challenge *c, char *key, long line, int mark,
                       cc_challenges *out)
{
    if (key && k->err->count == mark && (size_t)cc_intern_count(k->ids) == k->id_capacity) {
        size_t n = k->id_capacity ? 2 * k->id_capacity : 16;
        long *lines = realloc(k->id_line, n * sizeof *lines);
        if (!lines) {
            cc_challenge_out_of_memory(k);
            cc_challenge_clear(c);
            return false;
        }
        k->id_line = lines;
        k->id_capacity = n;
    }
    int id = k->err->count > mark || !key ? -1 : cc_intern_add(k->ids, key, c->id, NULL);
    if (key && id < 0 && k->err->count == mark) {
        cc_challenge_out_of_memory(k);
        cc_challenge_clear(c);
        return false;
    }
    if (k->err->count > mark) {
        cc_challenge_clear(c);
        return true;
    }
    if (id >= 0)
        k->id_line[id] = line;
    out->items[out->count++] = *c;
    *c = (cc_challenge){0};
    return true;
}

void cc_challenge_settle(cc_challenge_checks *k, cc_error *own, cc_error *errors)
{
    /* Out of memory is never a bad challenge to skip. */
    bool skip = k->opt->skip_bad && own->status == CC_EDATA;
    for (int i = 0; i < own->count && i < CC_ERROR_MAX; i++) {
        const char *text = own->messages[i] ? own->messages[i] : "out of memory";
        if (skip)
            cc_warn(k->opt->warn, k->opt->warn_ctx, "%s; challenge skipped", text);
        else
            cc_error_add(errors, own->statuses[i], "%s", text);
    }
    cc_error_clear(own);
}
