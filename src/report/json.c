/* json.c — JSON and JSON Lines output, built with cJSON. The keys are a
 * stable interface: scripts rely on them (SPEC §5). Numbers are printed by
 * cJSON at full precision with a '.' decimal point (the program never
 * changes the C locale). */
#include "report_internal.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

/* Prints `doc` (formatted, or on one line) and deletes it. */
static cc_status emit(FILE *fp, cJSON *doc, bool one_line)
{
    char *text = doc ? (one_line ? cJSON_PrintUnformatted(doc) : cJSON_Print(doc)) : NULL;
    cJSON_Delete(doc);
    if (!text)
        return CC_ESOFTWARE;
    fputs(text, fp);
    fputc('\n', fp);
    cJSON_free(text);
    return CC_OK;
}

/* A JSON array of the needs in `mask`, as spelled in the challenges file. */
static cJSON *need_array(const cc_challenge *ch, uint64_t mask)
{
    cJSON *a = cJSON_CreateArray();
    for (int i = 0; a && i < ch->need_count; i++)
        if (mask >> i & 1)
            cJSON_AddItemToArray(a, cJSON_CreateString(ch->needs[i].display));
    return a;
}

static cJSON *tag_array(const cc_intern *tags, const cc_idlist *list)
{
    cJSON *a = cJSON_CreateArray();
    for (int i = 0; a && i < list->count; i++)
        cJSON_AddItemToArray(a, cJSON_CreateString(cc_intern_display(tags, list->ids[i])));
    return a;
}

static cJSON *challenge_object(const cc_challenge *ch, bool full)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "id", ch->id);
    cJSON_AddStringToObject(o, "name", ch->name);
    if (full && ch->description)
        cJSON_AddStringToObject(o, "description", ch->description);
    cJSON_AddStringToObject(o, "ambition", cc_ambitions[ch->ambition].name);
    if (full)
        cJSON_AddItemToObject(o, "territory", ch->territory ? cJSON_CreateString(ch->territory)
                                                            : cJSON_CreateNull());
    cJSON *needs = cJSON_AddObjectToObject(o, "needs");
    for (int i = 0; needs && i < ch->need_count; i++)
        cJSON_AddNumberToObject(needs, ch->needs[i].display, ch->needs[i].weight);
    return o;
}

static cJSON *component_object(const cc_scorer *s, const double *values, bool weighted)
{
    cJSON *o = cJSON_CreateObject();
    for (int c = 0; c < CC_COMPONENTS; c++)
        cJSON_AddNumberToObject(o, cc_components[c].name,
                                weighted ? s->weights.w[c] * values[c] : values[c]);
    return o;
}

/* One proposal; rank 0 is written as null (explain). `challenge_id` is
 * added first when given (JSON Lines). */
static cJSON *proposal_object(const cc_scorer *s, const cc_triad *t, size_t rank,
                              const char *challenge_id)
{
    cc_explanation e;
    if (cc_scorer_explain(s, t->member, &e) != CC_OK)
        return NULL;
    cJSON *o = cJSON_CreateObject();
    if (challenge_id)
        cJSON_AddStringToObject(o, "challenge_id", challenge_id);
    cJSON_AddItemToObject(o, "rank", rank ? cJSON_CreateNumber((double)rank) : cJSON_CreateNull());
    cJSON_AddNumberToObject(o, "score", t->score);
    cJSON_AddItemToObject(o, "components", component_object(s, t->comp, false));
    cJSON_AddItemToObject(o, "contributions", component_object(s, t->comp, true));
    cJSON *partners = cJSON_AddArrayToObject(o, "partners");
    for (int k = 0; partners && k < CC_SECTORS; k++) {
        const cc_actor *a = &s->actors->items[t->member[k]];
        cJSON *p = cJSON_CreateObject();
        cJSON_AddStringToObject(p, "sector", cc_sector_names[k]);
        cJSON_AddStringToObject(p, "id", a->id);
        cJSON_AddStringToObject(p, "name", a->name);
        cJSON_AddItemToObject(p, "brings", need_array(s->challenge, e.brings[k]));
        cJSON_AddItemToObject(p, "only", need_array(s->challenge, e.only[k]));
        cJSON_AddItemToObject(p, "gains", tag_array(s->actors->tags, &e.gains[k]));
        cJSON_AddItemToArray(partners, p);
    }
    cJSON_AddItemToObject(o, "covered", need_array(s->challenge, e.covered));
    cJSON_AddItemToObject(o, "missing", need_array(s->challenge, ~e.covered));
    cc_explanation_free(&e);
    return o;
}

/* The document of one challenge's results (SPEC §5). */
static cJSON *match_document(const cc_scorer *s, const cc_triad *items, size_t count,
                             bool ranked)
{
    cJSON *doc = cJSON_CreateObject();
    cJSON_AddItemToObject(doc, "challenge", challenge_object(s->challenge, false));
    static const double ones[CC_COMPONENTS] = {1, 1, 1, 1, 1}; /* weight × 1 = weight */
    cJSON_AddItemToObject(doc, "weights", component_object(s, ones, true));
    cJSON *proposals = cJSON_AddArrayToObject(doc, "proposals");
    for (size_t i = 0; proposals && i < count; i++) {
        cJSON *p = proposal_object(s, &items[i], ranked ? i + 1 : 0, NULL);
        if (!p) {
            cJSON_Delete(doc);
            return NULL;
        }
        cJSON_AddItemToArray(proposals, p);
    }
    return doc;
}

cc_status cc_json_match(FILE *fp, const cc_match_result *results, size_t count, bool lines)
{
    if (lines) {
        for (size_t r = 0; r < count; r++)
            for (size_t i = 0; i < results[r].ranking->count; i++) {
                const cc_scorer *s = results[r].scorer;
                cc_status st = emit(fp,
                                    proposal_object(s, &results[r].ranking->items[i], i + 1,
                                                    s->challenge->id),
                                    true);
                if (st != CC_OK)
                    return st;
            }
        return CC_OK;
    }
    if (count == 1)
        return emit(fp,
                    match_document(results[0].scorer, results[0].ranking->items,
                                   results[0].ranking->count, true),
                    false);
    cJSON *all = cJSON_CreateArray();
    for (size_t r = 0; all && r < count; r++) {
        cJSON *doc = match_document(results[r].scorer, results[r].ranking->items,
                                    results[r].ranking->count, true);
        if (!doc) {
            cJSON_Delete(all);
            return CC_ESOFTWARE;
        }
        cJSON_AddItemToArray(all, doc);
    }
    return emit(fp, all, false);
}

cc_status cc_json_explain(FILE *fp, const cc_scorer *s, const cc_triad *t, bool lines)
{
    if (lines)
        return emit(fp, proposal_object(s, t, 0, s->challenge->id), true);
    return emit(fp, match_document(s, t, 1, false), false);
}

/* `score` rows as objects: the input columns as strings, then the five
 * components and the score as numbers. */
cc_status cc_json_scored(FILE *fp, char *const *header, size_t columns,
                         const cc_scored_row *rows, size_t count, bool lines)
{
    cJSON *all = lines ? NULL : cJSON_CreateArray();
    for (size_t r = 0; r < count; r++) {
        cJSON *o = cJSON_CreateObject();
        for (size_t c = 0; c < columns; c++)
            cJSON_AddStringToObject(o, header[c], rows[r].fields[c]);
        for (int c = 0; c < CC_COMPONENTS; c++)
            cJSON_AddNumberToObject(o, cc_components[c].name, rows[r].comp[c]);
        cJSON_AddNumberToObject(o, "score", rows[r].score);
        if (lines) {
            cc_status st = emit(fp, o, true);
            if (st != CC_OK)
                return st;
        } else {
            cJSON_AddItemToArray(all, o);
        }
    }
    return lines ? CC_OK : emit(fp, all, false);
}

static cJSON *need_gap_object(const cc_gaps *g, int n, const char *challenge_id)
{
    const cc_need_gap *ng = &g->needs[n];
    const cc_challenge *ch = g->scorer->challenge;
    cJSON *o = cJSON_CreateObject();
    if (challenge_id)
        cJSON_AddStringToObject(o, "challenge_id", challenge_id);
    cJSON_AddStringToObject(o, "need", ch->needs[n].display);
    cJSON_AddNumberToObject(o, "weight", ch->needs[n].weight);
    cJSON *offered = cJSON_AddObjectToObject(o, "offered");
    cJSON *gap = cJSON_AddArrayToObject(o, "gap"); /* sectors where nobody offers it */
    for (int k = 0; k < CC_SECTORS; k++) {
        cJSON_AddNumberToObject(offered, cc_sector_names[k], (double)ng->offered[k]);
        if (ng->offered[k] == 0)
            cJSON_AddItemToArray(gap, cJSON_CreateString(cc_sector_names[k]));
    }
    cJSON *best = cJSON_AddArrayToObject(o, "best");
    for (int i = 0; i < ng->best_count; i++) {
        const cc_actor *a = &g->scorer->actors->items[ng->best[i]];
        cJSON *b = cJSON_CreateObject();
        cJSON_AddStringToObject(b, "id", a->id);
        cJSON_AddStringToObject(b, "name", a->name);
        cJSON_AddStringToObject(b, "sector", cc_sector_names[a->sector]);
        cJSON_AddNumberToObject(b, "reach", (double)a->reach);
        cJSON_AddItemToArray(best, b);
    }
    cJSON_AddBoolToObject(o, "in_best_triad", g->has_triad && !(g->blocking >> n & 1));
    return o;
}

static cJSON *gaps_document(const cc_gaps *g)
{
    const cc_scorer *s = g->scorer;
    cJSON *doc = cJSON_CreateObject();
    cJSON_AddItemToObject(doc, "challenge", challenge_object(s->challenge, false));
    cJSON *needs = cJSON_AddArrayToObject(doc, "needs");
    for (int n = 0; n < s->challenge->need_count; n++)
        cJSON_AddItemToArray(needs, need_gap_object(g, n, NULL));
    if (!g->has_triad) {
        cJSON_AddNullToObject(doc, "best_coverage");
        cJSON_AddNullToObject(doc, "best_triad");
    } else {
        cJSON_AddNumberToObject(doc, "best_coverage", g->best_coverage);
        cJSON *triad = cJSON_AddArrayToObject(doc, "best_triad");
        for (int k = 0; k < CC_SECTORS; k++)
            cJSON_AddItemToArray(triad, cJSON_CreateString(s->actors->items[g->best_triad.member[k]].id));
    }
    cJSON_AddItemToObject(doc, "blocking", need_array(s->challenge, g->blocking));
    return doc;
}

cc_status cc_json_gaps(FILE *fp, const cc_gaps *gaps, size_t count, bool lines)
{
    if (lines) {
        for (size_t i = 0; i < count; i++)
            for (int n = 0; n < gaps[i].scorer->challenge->need_count; n++) {
                cc_status st = emit(fp, need_gap_object(&gaps[i], n, gaps[i].scorer->challenge->id), true);
                if (st != CC_OK)
                    return st;
            }
        return CC_OK;
    }
    if (count == 1)
        return emit(fp, gaps_document(&gaps[0]), false);
    cJSON *all = cJSON_CreateArray();
    for (size_t i = 0; i < count; i++)
        cJSON_AddItemToArray(all, gaps_document(&gaps[i]));
    return emit(fp, all, false);
}

cc_status cc_json_challenges(FILE *fp, const cc_challenges *all, bool lines)
{
    if (lines) {
        for (size_t i = 0; i < all->count; i++) {
            cc_status st = emit(fp, challenge_object(&all->items[i], true), true);
            if (st != CC_OK)
                return st;
        }
        return CC_OK;
    }
    cJSON *doc = cJSON_CreateObject();
    cJSON *list = cJSON_AddArrayToObject(doc, "challenges");
    for (size_t i = 0; list && i < all->count; i++)
        cJSON_AddItemToArray(list, challenge_object(&all->items[i], true));
    return emit(fp, doc, false);
}

/* `check` statistics as nested objects: "actors.social" → {"actors":
 * {"social": ...}}; whole numbers become JSON numbers. */
cc_status cc_json_check(FILE *fp, const cc_actors *actors, const cc_challenges *all, bool lines)
{
    size_t count;
    cc_stat *stats = cc_report_check_stats(actors, all, &count);
    if (!stats)
        return CC_ESOFTWARE;
    cJSON *doc = cJSON_CreateObject();
    for (size_t i = 0; doc && i < count; i++) {
        char *dot = strchr(stats[i].key, '.');
        cJSON *parent = doc;
        const char *name = stats[i].key;
        if (dot) {
            *dot = '\0';
            parent = cJSON_GetObjectItemCaseSensitive(doc, stats[i].key);
            if (!parent)
                parent = cJSON_AddObjectToObject(doc, stats[i].key);
            name = dot + 1;
        }
        const char *v = stats[i].value;
        bool number = v[0] && strspn(v, "0123456789") == strlen(v);
        if (number)
            cJSON_AddNumberToObject(parent, name, strtod(v, NULL));
        else
            cJSON_AddStringToObject(parent, name, v);
    }
    free(stats);
    return emit(fp, doc, lines);
}
