/* json.c — JSON and JSON Lines output, built with cJSON: the printers of
 * every format whose settings are a cc_json_style. The keys are a stable
 * interface: scripts rely on them (SPEC §5). Numbers are printed by cJSON
 * at full precision with a '.' decimal point (the program never changes
 * the C locale).
 * Every item goes through put(), which remembers a failed allocation in
 * the builder: a document that lost an item is never printed. */
#include "report_internal.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "cocreate/text.h"

/* A document being built; `failed` once any item could not be made. */
typedef struct {
    bool failed;
} builder;

/* Adds `item` to `parent` under `key` (to an array when key is NULL) and
 * returns it; on failure deletes it, marks the builder and returns NULL.
 * A NULL parent (a container that failed) fails too. */
static cJSON *put(builder *b, cJSON *parent, const char *key, cJSON *item)
{
    bool added = item && parent &&
                 (key ? cJSON_AddItemToObject(parent, key, item) : cJSON_AddItemToArray(parent, item));
    if (!added) {
        cJSON_Delete(item);
        b->failed = true;
        return NULL;
    }
    return item;
}

static void put_string(builder *b, cJSON *parent, const char *key, const char *text)
{
    put(b, parent, key, cJSON_CreateString(text));
}

static void put_number(builder *b, cJSON *parent, const char *key, double v)
{
    put(b, parent, key, cJSON_CreateNumber(v));
}

/* A new root container, or NULL (and a failed builder). */
static cJSON *root(builder *b, cJSON *item)
{
    if (!item)
        b->failed = true;
    return item;
}

/* Writes JSON text as cJSON printed it, but for the characters that
 * cc_text_unsafe names and cJSON leaves as they are (DEL, the C1 controls,
 * bidirectional overrides, line separators), which become \u escapes:
 * JSON read back gives the same strings, a terminal shows the escape.
 * (cJSON escapes the C0 controls inside strings; those outside strings are
 * the tabs and newlines of its layout.) Such characters only occur inside
 * strings, the rest of the text being ASCII. */
static void put_json_text(FILE *fp, const char *text)
{
    const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)text;
    size_t len = strlen(text), shown = 0; /* bytes before `shown` are written */
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t c = u[i];
        utf8proc_ssize_t n = 1;
        if (c >= 0x7F)
            n = utf8proc_iterate(u + i, (utf8proc_ssize_t)(len - i), &c);
        if (n <= 0)
            n = 1; /* not UTF-8: the loaders let none through; keep the byte */
        else if (c >= 0x7F && cc_text_unsafe(c)) {
            fwrite(text + shown, 1, i - shown, fp);
            fprintf(fp, "\\u%04x", (unsigned)c);
            shown = i + (size_t)n;
        }
        i += (size_t)n;
    }
    fwrite(text + shown, 1, len - shown, fp);
}

/* Prints `doc` (formatted, or on one line) and deletes it; nothing is
 * printed when the builder failed. */
static cc_status emit(FILE *fp, builder *b, cJSON *doc, bool one_line)
{
    char *text = doc && !b->failed ? (one_line ? cJSON_PrintUnformatted(doc) : cJSON_Print(doc))
                                   : NULL;
    cJSON_Delete(doc);
    if (!text)
        return CC_ESOFTWARE;
    put_json_text(fp, text);
    fputc('\n', fp);
    cJSON_free(text);
    return CC_OK;
}

static bool lines(const cc_sink *out)
{
    return ((const cc_json_style *)out->settings)->lines;
}

/* A JSON array of the needs in `mask`, as spelled in the challenges file. */
static void put_needs(builder *b, cJSON *parent, const char *key, const cc_challenge *ch,
                      uint64_t mask)
{
    cJSON *a = put(b, parent, key, cJSON_CreateArray());
    for (int i = 0; a && i < ch->need_count; i++)
        if (mask >> i & 1)
            put_string(b, a, NULL, ch->needs[i].display);
}

/* A JSON array of what actor `actor` brings of the needs in `mask`
 * (cc_report_brought_need: "need (via tag)" through the thesaurus). */
static void put_brings(builder *b, cJSON *parent, const cc_scorer *s, size_t actor,
                       uint64_t mask)
{
    cJSON *a = put(b, parent, "brings", cJSON_CreateArray());
    for (int i = 0; a && i < s->challenge->need_count; i++) {
        if (!(mask >> i & 1))
            continue;
        char *text = cc_report_brought_need(s, actor, i);
        if (!text) {
            b->failed = true;
            return;
        }
        put_string(b, a, NULL, text);
        free(text);
    }
}

static void put_tags(builder *b, cJSON *parent, const char *key, const cc_intern *tags,
                     const cc_idlist *list)
{
    cJSON *a = put(b, parent, key, cJSON_CreateArray());
    for (int i = 0; a && i < list->count; i++)
        put_string(b, a, NULL, cc_intern_display(tags, list->ids[i]));
}

static void fill_challenge(builder *b, cJSON *o, const cc_challenge *ch, bool full)
{
    put_string(b, o, "id", ch->id);
    put_string(b, o, "name", ch->name);
    if (full && ch->description)
        put_string(b, o, "description", ch->description);
    put_string(b, o, "ambition", cc_ambitions[ch->ambition].name);
    if (full)
        put(b, o, "territory",
            ch->territory ? cJSON_CreateString(ch->territory) : cJSON_CreateNull());
    cJSON *needs = put(b, o, "needs", cJSON_CreateObject());
    for (int i = 0; needs && i < ch->need_count; i++)
        put_number(b, needs, ch->needs[i].display, ch->needs[i].weight);
}

/* The components of a triad ({name: value}), or their weights when `values`
 * is NULL, or their contributions (weight × value) when `weighted`. */
static void put_components(builder *b, cJSON *parent, const char *key, const cc_scorer *s,
                           const double *values, bool weighted)
{
    cJSON *o = put(b, parent, key, cJSON_CreateObject());
    for (int c = 0; o && c < CC_COMPONENTS; c++) {
        double w = s->weights.w[c];
        put_number(b, o, cc_components[c].name, !values ? w : weighted ? w * values[c] : values[c]);
    }
}

/* One proposal; rank 0 is written as null (explain). `challenge_id` is
 * added first when given (JSON Lines). A partner marked in `outside` (NULL:
 * none; only explain has them) gets "outside": true, the others no key, so
 * that match output is unchanged. */
static void fill_proposal(builder *b, cJSON *o, const cc_scorer *s, const cc_triad *t,
                          size_t rank, const char *challenge_id, const bool *outside)
{
    cc_explanation e;
    if (!o || cc_scorer_explain(s, t->member, &e) != CC_OK) {
        b->failed = true;
        return;
    }
    if (challenge_id)
        put_string(b, o, "challenge_id", challenge_id);
    put(b, o, "rank", rank ? cJSON_CreateNumber((double)rank) : cJSON_CreateNull());
    put_number(b, o, "score", t->score);
    put_components(b, o, "components", s, t->comp, false);
    put_components(b, o, "contributions", s, t->comp, true);
    cJSON *partners = put(b, o, "partners", cJSON_CreateArray());
    for (int k = 0; partners && k < CC_SECTORS; k++) {
        const cc_actor *a = &s->actors->items[t->member[k]];
        cJSON *p = put(b, partners, NULL, cJSON_CreateObject());
        put_string(b, p, "sector", cc_sector_names[k]);
        put_string(b, p, "id", a->id);
        put_string(b, p, "name", a->name);
        if (outside && outside[k])
            put(b, p, "outside", cJSON_CreateTrue());
        put_brings(b, p, s, t->member[k], e.brings[k]);
        put_needs(b, p, "only", s->challenge, e.only[k]);
        put_tags(b, p, "gains", s->actors->tags, &e.gains[k]);
    }
    put_needs(b, o, "covered", s->challenge, e.covered);
    put_needs(b, o, "missing", s->challenge, ~e.covered);
    cc_explanation_free(&e);
}

/* The document of one challenge's results (SPEC §5). */
static void fill_match(builder *b, cJSON *doc, const cc_scorer *s, const cc_triad *items,
                       size_t count, bool ranked, const bool *outside)
{
    fill_challenge(b, put(b, doc, "challenge", cJSON_CreateObject()), s->challenge, false);
    put_components(b, doc, "weights", s, NULL, false);
    cJSON *proposals = put(b, doc, "proposals", cJSON_CreateArray());
    for (size_t i = 0; proposals && !b->failed && i < count; i++)
        fill_proposal(b, put(b, proposals, NULL, cJSON_CreateObject()), s, &items[i],
                      ranked ? i + 1 : 0, NULL, outside);
}

static cc_status print_match(const cc_sink *out, const cc_match_result *results, size_t count)
{
    if (lines(out)) {
        for (size_t r = 0; r < count; r++)
            for (size_t i = 0; i < results[r].ranking->count; i++) {
                const cc_scorer *s = results[r].scorer;
                builder b = {false};
                cJSON *o = root(&b, cJSON_CreateObject());
                fill_proposal(&b, o, s, &results[r].ranking->items[i], i + 1, s->challenge->id,
                              NULL);
                cc_status st = emit(out->fp, &b, o, true);
                if (st != CC_OK)
                    return st;
            }
        return CC_OK;
    }
    builder b = {false};
    if (count == 1) {
        cJSON *doc = root(&b, cJSON_CreateObject());
        if (doc)
            fill_match(&b, doc, results[0].scorer, results[0].ranking->items,
                       results[0].ranking->count, true, NULL);
        return emit(out->fp, &b, doc, false);
    }
    cJSON *all = root(&b, cJSON_CreateArray());
    for (size_t r = 0; all && !b.failed && r < count; r++) {
        cJSON *doc = put(&b, all, NULL, cJSON_CreateObject());
        if (doc)
            fill_match(&b, doc, results[r].scorer, results[r].ranking->items,
                       results[r].ranking->count, true, NULL);
    }
    return emit(out->fp, &b, all, false);
}

/* match's document with "plan": {"partnerships", "limit", "total",
 * "upper_bound", "gap", "optimal", "method"}; JSON Lines: match's lines. */
static cc_status print_plan(const cc_sink *out, const cc_plan_result *r)
{
    const cc_plan *p = r->plan;
    if (lines(out)) {
        cc_ranking ranking = {p->items, p->count};
        cc_match_result m = {r->scorer, &ranking};
        return print_match(out, &m, 1);
    }
    builder b = {false};
    cJSON *doc = root(&b, cJSON_CreateObject());
    if (doc)
        fill_match(&b, doc, r->scorer, p->items, p->count, true, NULL);
    cJSON *o = put(&b, doc, "plan", cJSON_CreateObject());
    put_number(&b, o, "partnerships", (double)p->count);
    put_number(&b, o, "limit", (double)p->limit);
    put_number(&b, o, "total", p->total);
    put_number(&b, o, "upper_bound", p->bound);
    put_number(&b, o, "gap", cc_plan_gap(p));
    put(&b, o, "optimal", cJSON_CreateBool(p->optimal));
    put_string(&b, o, "method", p->exact ? "exact" : "heuristic");
    return emit(out->fp, &b, doc, false);
}

static cc_status print_explain(const cc_sink *out, const cc_scorer *s, const cc_triad *t,
                               const bool *outside)
{
    builder b = {false};
    cJSON *doc = root(&b, cJSON_CreateObject());
    if (doc && lines(out))
        fill_proposal(&b, doc, s, t, 0, s->challenge->id, outside);
    else if (doc)
        fill_match(&b, doc, s, t, 1, false, outside);
    return emit(out->fp, &b, doc, lines(out));
}

static char *const *sorted_header; /* qsort has no context argument in C11 */

static int by_name(const void *a, const void *b)
{
    return strcmp(sorted_header[*(const size_t *)a], sorted_header[*(const size_t *)b]);
}

static int name_at(const void *key, const void *index)
{
    return strcmp(key, sorted_header[*(const size_t *)index]);
}

/* The input columns' names as JSON keys, each once: a name already
 * taken gets "_2", "_3"..., an empty one "column_N" (its position), so
 * that no value is lost to a reader keeping one value per key. NULL when
 * out of memory; free with free_keys. */
static char **unique_keys(char *const *header, size_t columns)
{
    size_t *order = malloc((columns + 1) * sizeof *order);
    char **keys = calloc(columns + 1, sizeof *keys);
    bool ok = order && keys;
    for (size_t c = 0; ok && c < columns; c++)
        order[c] = c;
    if (ok) {
        sorted_header = header;
        qsort(order, columns, sizeof *order, by_name);
    }
    for (size_t c = 0; ok && c < columns; c++) {
        const char *name = header[c];
        size_t *same = *name ? bsearch(name, order, columns, sizeof *order, name_at) : NULL;
        while (same && same > order && strcmp(header[same[-1]], name) == 0)
            same--; /* the first column of that name keeps it */
        if (*name && *same == c) {
            ok = (keys[c] = strdup(name)) != NULL;
            continue;
        }
        for (size_t n = *name ? 2 : c + 1; ok; n++) {
            free(keys[c]);
            size_t size = strlen(name) + 32;
            ok = (keys[c] = malloc(size)) != NULL;
            if (ok && *name)
                snprintf(keys[c], size, "%s_%zu", name, n);
            else if (ok)
                snprintf(keys[c], size, "column_%zu", n);
            if (ok && !bsearch(keys[c], order, columns, sizeof *order, name_at))
                break; /* not a column's own name either */
        }
    }
    free(order);
    if (!ok && keys) {
        for (size_t c = 0; c < columns; c++)
            free(keys[c]);
        free(keys);
        keys = NULL;
    }
    return keys;
}

static void free_keys(char **keys, size_t columns)
{
    for (size_t c = 0; keys && c < columns; c++)
        free(keys[c]);
    free(keys);
}

/* `score` rows as objects: the input columns as strings (under
 * unique_keys), then the five components and the score as numbers. */
static cc_status print_scored(const cc_sink *out, char *const *header, size_t columns,
                              const cc_scored_row *rows, size_t count)
{
    char **keys = unique_keys(header, columns);
    if (!keys)
        return CC_ESOFTWARE;
    builder b = {false};
    cJSON *all = lines(out) ? NULL : root(&b, cJSON_CreateArray());
    for (size_t r = 0; !b.failed && r < count; r++) {
        cJSON *o = lines(out) ? root(&b, cJSON_CreateObject())
                              : put(&b, all, NULL, cJSON_CreateObject());
        for (size_t c = 0; o && c < columns; c++)
            put_string(&b, o, keys[c], rows[r].fields[c]);
        for (int c = 0; o && c < CC_COMPONENTS; c++)
            put_number(&b, o, cc_components[c].name, rows[r].comp[c]);
        put_number(&b, o, "score", rows[r].score);
        if (lines(out)) {
            cc_status st = emit(out->fp, &b, o, true);
            if (st != CC_OK) {
                free_keys(keys, columns);
                return st;
            }
        }
    }
    free_keys(keys, columns);
    return lines(out) ? CC_OK : emit(out->fp, &b, all, false);
}

static void fill_need_gap(builder *b, cJSON *o, const cc_gaps *g, int n, const char *challenge_id)
{
    const cc_need_gap *ng = &g->needs[n];
    const cc_challenge *ch = g->scorer->challenge;
    if (challenge_id)
        put_string(b, o, "challenge_id", challenge_id);
    put_string(b, o, "need", ch->needs[n].display);
    put_number(b, o, "weight", ch->needs[n].weight);
    cJSON *offered = put(b, o, "offered", cJSON_CreateObject());
    cJSON *gap = put(b, o, "gap", cJSON_CreateArray()); /* sectors where nobody offers it */
    for (int k = 0; k < CC_SECTORS; k++) {
        put_number(b, offered, cc_sector_names[k], (double)ng->offered[k]);
        if (ng->offered[k] == 0)
            put_string(b, gap, NULL, cc_sector_names[k]);
    }
    cJSON *best = put(b, o, "best", cJSON_CreateArray());
    for (int i = 0; best && i < ng->best_count; i++) {
        const cc_actor *a = &g->scorer->actors->items[ng->best[i]];
        cJSON *actor = put(b, best, NULL, cJSON_CreateObject());
        put_string(b, actor, "id", a->id);
        put_string(b, actor, "name", a->name);
        put_string(b, actor, "sector", cc_sector_names[a->sector]);
        put_number(b, actor, "reach", (double)a->reach);
    }
    put(b, o, "in_best_triad", cJSON_CreateBool(g->has_triad && !(g->blocking >> n & 1)));
}

static void fill_gaps(builder *b, cJSON *doc, const cc_gaps *g)
{
    const cc_scorer *s = g->scorer;
    fill_challenge(b, put(b, doc, "challenge", cJSON_CreateObject()), s->challenge, false);
    cJSON *needs = put(b, doc, "needs", cJSON_CreateArray());
    for (int n = 0; needs && n < s->challenge->need_count; n++)
        fill_need_gap(b, put(b, needs, NULL, cJSON_CreateObject()), g, n, NULL);
    if (!g->has_triad) {
        put(b, doc, "best_coverage", cJSON_CreateNull());
        put(b, doc, "best_triad", cJSON_CreateNull());
    } else {
        put_number(b, doc, "best_coverage", g->best_coverage);
        cJSON *triad = put(b, doc, "best_triad", cJSON_CreateArray());
        for (int k = 0; k < CC_SECTORS; k++)
            put_string(b, triad, NULL, s->actors->items[g->best_triad.member[k]].id);
    }
    put_needs(b, doc, "blocking", s->challenge, g->blocking);
}

static cc_status print_gaps(const cc_sink *out, const cc_gaps *gaps, size_t count)
{
    if (lines(out)) {
        for (size_t i = 0; i < count; i++)
            for (int n = 0; n < gaps[i].scorer->challenge->need_count; n++) {
                builder b = {false};
                cJSON *o = root(&b, cJSON_CreateObject());
                if (o)
                    fill_need_gap(&b, o, &gaps[i], n, gaps[i].scorer->challenge->id);
                cc_status st = emit(out->fp, &b, o, true);
                if (st != CC_OK)
                    return st;
            }
        return CC_OK;
    }
    builder b = {false};
    if (count == 1) {
        cJSON *doc = root(&b, cJSON_CreateObject());
        if (doc)
            fill_gaps(&b, doc, &gaps[0]);
        return emit(out->fp, &b, doc, false);
    }
    cJSON *all = root(&b, cJSON_CreateArray());
    for (size_t i = 0; all && i < count; i++) {
        cJSON *doc = put(&b, all, NULL, cJSON_CreateObject());
        if (doc)
            fill_gaps(&b, doc, &gaps[i]);
    }
    return emit(out->fp, &b, all, false);
}

static cc_status print_challenges(const cc_sink *out, const cc_challenges *all)
{
    if (lines(out)) {
        for (size_t i = 0; i < all->count; i++) {
            builder b = {false};
            cJSON *o = root(&b, cJSON_CreateObject());
            if (o)
                fill_challenge(&b, o, &all->items[i], true);
            cc_status st = emit(out->fp, &b, o, true);
            if (st != CC_OK)
                return st;
        }
        return CC_OK;
    }
    builder b = {false};
    cJSON *doc = root(&b, cJSON_CreateObject());
    cJSON *list = put(&b, doc, "challenges", cJSON_CreateArray());
    for (size_t i = 0; list && i < all->count; i++)
        fill_challenge(&b, put(&b, list, NULL, cJSON_CreateObject()), &all->items[i], true);
    return emit(out->fp, &b, doc, false);
}

/* `check` statistics as nested objects: "actors.social" → {"actors":
 * {"social": ...}}; counts are JSON numbers, the rest strings (a file or a
 * need named "2024" stays a string). */
static cc_status print_check(const cc_sink *out, const cc_actors *actors,
                             const cc_challenges *all, const cc_vocabulary *voc)
{
    size_t count;
    cc_stat *stats = cc_report_check_stats(actors, all, voc, &count);
    if (!stats)
        return CC_ESOFTWARE;
    builder b = {false};
    cJSON *doc = root(&b, cJSON_CreateObject());
    for (size_t i = 0; doc && !b.failed && i < count; i++) {
        char *dot = strchr(stats[i].key, '.');
        cJSON *parent = doc;
        const char *name = stats[i].key;
        if (dot) {
            *dot = '\0';
            parent = cJSON_GetObjectItemCaseSensitive(doc, stats[i].key);
            if (!parent)
                parent = put(&b, doc, stats[i].key, cJSON_CreateObject());
            name = dot + 1;
        }
        if (stats[i].count)
            put_number(&b, parent, name, strtod(stats[i].value, NULL));
        else
            put_string(&b, parent, name, stats[i].value);
    }
    cc_report_stats_free(stats, count);
    return emit(out->fp, &b, doc, lines(out));
}

/* One tag: {"tag", "offered": {sector: n}, "sought": {sector: n},
 * "needed", "uses"}. */
static void fill_tag(builder *b, cJSON *o, const cc_vocabulary *voc, const cc_tag_use *u)
{
    put_string(b, o, "tag", cc_intern_display(voc->tags, u->tag));
    cJSON *offered = put(b, o, "offered", cJSON_CreateObject());
    cJSON *sought = put(b, o, "sought", cJSON_CreateObject());
    for (int k = 0; k < CC_SECTORS; k++) {
        put_number(b, offered, cc_sector_names[k], (double)u->offered[k]);
        put_number(b, sought, cc_sector_names[k], (double)u->sought[k]);
    }
    put_number(b, o, "needed", (double)u->needed);
    put_number(b, o, "uses", (double)u->uses);
}

static cc_status print_tags(const cc_sink *out, const cc_vocabulary *voc)
{
    if (lines(out)) {
        for (size_t i = 0; i < voc->count; i++) {
            builder b = {false};
            cJSON *o = root(&b, cJSON_CreateObject());
            if (o)
                fill_tag(&b, o, voc, &voc->items[i]);
            cc_status st = emit(out->fp, &b, o, true);
            if (st != CC_OK)
                return st;
        }
        return CC_OK;
    }
    builder b = {false};
    cJSON *doc = root(&b, cJSON_CreateObject());
    cJSON *list = put(&b, doc, "tags", cJSON_CreateArray());
    for (size_t i = 0; list && !b.failed && i < voc->count; i++)
        fill_tag(&b, put(&b, list, NULL, cJSON_CreateObject()), voc, &voc->items[i]);
    return emit(out->fp, &b, doc, false);
}

const cc_printers cc_json_printers = {
    .match = print_match,
    .explain = print_explain,
    .scored = print_scored,
    .gaps = print_gaps,
    .challenges = print_challenges,
    .check = print_check,
    .tags = print_tags,
    .plan = print_plan,
};
