/* challenges_json.c — loading challenges (SPEC §1.2) with cJSON, the
 * ad-hoc `--needs` challenge, and finding a challenge by name.
 *
 * cJSON keeps no positions, so after a successful parse each challenge's
 * line is found by searching the text for its id, and a need's line by
 * searching for its key after that: good enough to point at the place. */
#include "cocreate/challenges.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cocreate/io.h"
#include "cocreate/text.h"

const char *const cc_ambition_names[CC_AMBITIONS] = {"balanced", "invent", "synergy", "scale"};

int cc_ambition_parse(const char *name)
{
    for (int i = 0; i < CC_AMBITIONS; i++)
        if (strcmp(name, cc_ambition_names[i]) == 0)
            return i;
    return -1;
}

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

/* ------------------------------------------------------------- positions */

typedef struct {
    const char *text;
    size_t len;
} source_text;

static long line_at(const source_text *src, size_t offset)
{
    long line = 1;
    for (size_t i = 0; i < offset && i < src->len; i++)
        line += src->text[i] == '\n';
    return line;
}

static long column_at(const source_text *src, size_t offset)
{
    size_t start = offset;
    while (start > 0 && src->text[start - 1] != '\n')
        start--;
    return (long)(offset - start) + 1;
}

/* Offset of the quoted string `s` at or after `from`, or `from` when absent. */
static size_t find_quoted(const source_text *src, const char *s, size_t from)
{
    size_t n = strlen(s);
    for (size_t i = from; i + n + 2 <= src->len; i++)
        if (src->text[i] == '"' && memcmp(src->text + i + 1, s, n) == 0 &&
            src->text[i + 1 + n] == '"')
            return i;
    return from;
}

/* ----------------------------------------------------------------- needs */

/* Adds need `text` with `weight` to `c`; on error returns a malloc'd reason. */
static char *add_need(cc_challenge *c, const char *text, double weight, cc_intern *tags)
{
    char reason[200];
    if (!isfinite(weight) || weight <= 0) {
        snprintf(reason, sizeof reason, "need '%.60s' has weight %g; weights must be positive numbers",
                 text, weight);
        return strdup(reason);
    }
    char *key = cc_text_norm(text, strlen(text));
    if (!key)
        return strdup("out of memory or invalid UTF-8 in a need");
    if (key[0] == '\0') {
        free(key);
        snprintf(reason, sizeof reason, "need '%.60s' is empty once normalised", text);
        return strdup(reason);
    }
    int tag = cc_intern_add(tags, key, text, NULL);
    free(key);
    if (tag < 0)
        return strdup("out of memory");
    for (int i = 0; i < c->need_count; i++) {
        if (c->needs[i].tag == tag) {
            snprintf(reason, sizeof reason, "needs '%.60s' and '%.60s' are the same tag",
                     c->needs[i].display, text);
            return strdup(reason);
        }
    }
    if (c->need_count == CC_MAX_NEEDS) {
        snprintf(reason, sizeof reason, "more than %d needs", CC_MAX_NEEDS);
        return strdup(reason);
    }
    char *display = strdup(text);
    if (!display)
        return strdup("out of memory");
    c->needs[c->need_count++] = (cc_need){tag, weight, display};
    return NULL;
}

/* ---------------------------------------------------------------- loader */

typedef struct {
    const char *source;
    source_text src;
    cc_intern *tags;
    cc_error *err;          /* where the current challenge's errors go */
    const cc_challenges_options *opt;
} json_loader;

static void challenge_error(json_loader *J, size_t offset, const char *id, const char *what)
{
    cc_error_add(J->err, CC_EDATA, "%s:%ld: challenge '%s': %s", J->source,
                 line_at(&J->src, offset), id, what);
}

static char *dup_string_member(const cJSON *obj, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    return cJSON_IsString(v) && v->valuestring ? strdup(v->valuestring) : NULL;
}

static void read_needs(json_loader *J, cc_challenge *c, const cJSON *needs, size_t at)
{
    bool as_array = cJSON_IsArray(needs);
    if ((!as_array && !cJSON_IsObject(needs)) || !needs->child) {
        challenge_error(J, at, c->id,
                        "'needs' must be a non-empty object of tag: weight or array of tags");
        return;
    }
    for (const cJSON *n = needs->child; n && !cc_error_full(J->err); n = n->next) {
        const char *text = as_array ? n->valuestring : n->string;
        double weight = as_array ? 1.0 : n->valuedouble;
        if ((as_array && !cJSON_IsString(n)) || !text) {
            challenge_error(J, at, c->id, "every entry of a 'needs' array must be a string");
            continue;
        }
        size_t where = find_quoted(&J->src, text, at);
        if (!as_array && !cJSON_IsNumber(n)) {
            char what[160];
            snprintf(what, sizeof what, "need '%.60s' has a weight that is not a number", text);
            challenge_error(J, where, c->id, what);
            continue;
        }
        char *reason = add_need(c, text, weight, J->tags);
        if (reason)
            challenge_error(J, where, c->id, reason);
        free(reason);
    }
}

static void read_one(json_loader *J, const cJSON *item, size_t index, cc_challenges *out,
                     size_t *cursor);

/* Reads one challenge, collecting its errors apart: they become warnings
 * with skip_bad, else they join the loader's errors. */
static void read_challenge(json_loader *J, const cJSON *item, size_t index, cc_challenges *out,
                           size_t *cursor)
{
    cc_error *errors = J->err, own = {0};
    J->err = &own;
    read_one(J, item, index, out, cursor);
    J->err = errors;
    for (int i = 0; i < own.count && i < CC_ERROR_MAX; i++) {
        const char *text = own.messages[i] ? own.messages[i] : "out of memory";
        if (J->opt->skip_bad && own.status == CC_EDATA)
            cc_warn(J->opt->warn, J->opt->warn_ctx, "%s; challenge skipped", text);
        else
            cc_error_add(errors, own.status, "%s", text);
    }
    cc_error_clear(&own);
}

static void read_one(json_loader *J, const cJSON *item, size_t index, cc_challenges *out,
                     size_t *cursor)
{
    char label[32];
    snprintf(label, sizeof label, "#%zu", index + 1);
    if (!cJSON_IsObject(item)) {
        challenge_error(J, *cursor, label, "is not an object");
        return;
    }
    cc_challenge c = {0};
    c.id = dup_string_member(item, "id");
    size_t at = c.id ? find_quoted(&J->src, c.id, *cursor) : *cursor;
    *cursor = at + 1; /* the next challenge is further on */
    const char *shown = c.id ? c.id : label;
    c.name = dup_string_member(item, "name");
    c.description = dup_string_member(item, "description");
    c.territory = dup_string_member(item, "territory");
    const cJSON *ambition = cJSON_GetObjectItemCaseSensitive(item, "ambition");
    int errors = J->err->count;
    if (!c.id || !c.id[0])
        challenge_error(J, at, shown, "'id' must be a non-empty string");
    if (!c.name || !c.name[0])
        challenge_error(J, at, shown, "'name' must be a non-empty string");
    if (ambition && !cJSON_IsNull(ambition)) {
        int a = cJSON_IsString(ambition) ? cc_ambition_parse(ambition->valuestring) : -1;
        if (a < 0)
            challenge_error(J, at, shown,
                            "unknown ambition (accepted: balanced, invent, synergy, scale)");
        c.ambition = a < 0 ? CC_BALANCED : (cc_ambition)a;
    }
    for (size_t i = 0; c.id && i < out->count; i++)
        if (strcmp(out->items[i].id, c.id) == 0)
            challenge_error(J, at, shown, "duplicate challenge id");
    read_needs(J, &c, cJSON_GetObjectItemCaseSensitive(item, "needs"), at);
    if (J->err->count > errors) {
        cc_challenge_clear(&c);
        return;
    }
    out->items[out->count++] = c;
}

static cc_status load(cc_challenges *out, json_loader *J)
{
    size_t bad = cc_text_invalid_utf8(J->src.text, J->src.len);
    if (bad < J->src.len)
        return cc_error_add(J->err, CC_EDATA, "%s:%ld:%ld: invalid UTF-8", J->source,
                            line_at(&J->src, bad), column_at(&J->src, bad));
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(J->src.text, J->src.len, &end, false);
    if (!root) {
        size_t off = end ? (size_t)(end - J->src.text) : 0;
        return cc_error_add(J->err, CC_EDATA, "%s:%ld:%ld: unreadable JSON near here", J->source,
                            line_at(&J->src, off), column_at(&J->src, off));
    }
    /* Only white space may follow the document. */
    for (size_t i = (size_t)(end - J->src.text); i < J->src.len; i++) {
        if (!strchr(" \t\r\n", J->src.text[i])) {
            cJSON_Delete(root);
            return cc_error_add(J->err, CC_EDATA, "%s:%ld:%ld: unexpected text after the JSON document",
                                J->source, line_at(&J->src, i), column_at(&J->src, i));
        }
    }
    const cJSON *list = cJSON_IsArray(root) ? root
                                            : cJSON_GetObjectItemCaseSensitive(root, "challenges");
    if (!cJSON_IsArray(list)) {
        cJSON_Delete(root);
        return cc_error_add(J->err, CC_EDATA,
                            "%s:1: expected an object with a \"challenges\" array", J->source);
    }
    size_t n = (size_t)cJSON_GetArraySize(list);
    out->items = calloc(n ? n : 1, sizeof *out->items);
    if (!out->items) {
        cJSON_Delete(root);
        return cc_error_add(J->err, CC_ESOFTWARE, "out of memory");
    }
    int errors = J->err->count;
    size_t cursor = 0, index = 0;
    for (const cJSON *item = list->child; item && !cc_error_full(J->err); item = item->next)
        read_challenge(J, item, index++, out, &cursor);
    cJSON_Delete(root);
    if (J->err->count == errors && out->count == 0)
        cc_error_add(J->err, CC_EDATA, "%s:1: no challenges defined", J->source);
    return J->err->count > errors ? J->err->status : CC_OK;
}

cc_status cc_challenges_load_buffer(cc_challenges *out, const char *source, const char *data,
                                    size_t len, const cc_challenges_options *opt,
                                    cc_intern *tags, cc_error *err)
{
    static const cc_challenges_options defaults = {0};
    *out = (cc_challenges){0};
    out->source = strdup(source);
    if (!out->source)
        return cc_error_add(err, CC_ESOFTWARE, "out of memory");
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        data += 3;
        len -= 3;
    }
    json_loader J = {source, {data, len}, tags, err, opt ? opt : &defaults};
    cc_status st = load(out, &J);
    if (st != CC_OK)
        cc_challenges_free(out);
    return st;
}

cc_status cc_challenges_load_file(cc_challenges *out, const char *path,
                                  const cc_challenges_options *opt, cc_intern *tags,
                                  cc_error *err)
{
    char *data;
    size_t len;
    *out = (cc_challenges){0};
    cc_status st = cc_io_read_all(path, &data, &len, err);
    if (st != CC_OK)
        return st;
    st = cc_challenges_load_buffer(out, cc_io_source_name(path), data, len,
                                   opt, tags, err);
    free(data);
    return st;
}

/* ---------------------------------------------------------- ad-hoc needs */

cc_status cc_challenge_from_needs(cc_challenge *out, const char *spec, cc_intern *tags,
                                  cc_error *err)
{
    *out = (cc_challenge){.id = strdup("needs"), .name = strdup("ad-hoc challenge")};
    char *copy = strdup(spec);
    if (!out->id || !out->name || !copy) {
        free(copy);
        cc_challenge_clear(out);
        return cc_error_add(err, CC_ESOFTWARE, "out of memory");
    }
    if (cc_text_invalid_utf8(spec, strlen(spec)) < strlen(spec)) {
        free(copy);
        cc_challenge_clear(out);
        return cc_error_add(err, CC_EUSAGE, "--needs: invalid UTF-8");
    }
    cc_status st = CC_OK;
    char *save = NULL;
    for (char *piece = strtok_r(copy, ";|", &save); piece && st == CC_OK;
         piece = strtok_r(NULL, ";|", &save)) {
        double weight = 1.0;
        char *colon = strrchr(piece, ':');
        if (colon) {
            char *end;
            weight = strtod(colon + 1, &end);
            while (*end == ' ')
                end++;
            if (end == colon + 1 || *end) {
                st = cc_error_add(err, CC_EUSAGE, "--needs: bad weight in '%s'", piece);
                break;
            }
            *colon = '\0';
        }
        char *tag = piece;
        while (*tag == ' ')
            tag++;
        size_t n = strlen(tag);
        while (n > 0 && tag[n - 1] == ' ')
            tag[--n] = '\0';
        if (!*tag)
            continue;
        char *reason = add_need(out, tag, weight, tags);
        if (reason)
            st = cc_error_add(err, CC_EUSAGE, "--needs: %s", reason);
        free(reason);
    }
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

cc_status cc_challenges_lookup(const cc_challenges *all, const char *query, size_t *index,
                               cc_error *err)
{
    char *q = cc_text_norm(query, strlen(query));
    if (!q)
        return cc_error_add(err, CC_EUSAGE, "challenge name is not valid UTF-8");
    candidate *cands = calloc(all->count + 1, sizeof *cands);
    if (!cands) {
        free(q);
        return cc_error_add(err, CC_ESOFTWARE, "out of memory");
    }
    size_t prefixed = 0;
    cc_status st = CC_OK;
    bool exact = false;
    for (size_t i = 0; i < all->count && !exact; i++) {
        char *id = cc_text_norm(all->items[i].id, strlen(all->items[i].id));
        char *name = cc_text_norm(all->items[i].name, strlen(all->items[i].name));
        if (id && name) {
            if (strcmp(q, id) == 0 || strcmp(q, name) == 0) {
                exact = true;
                *index = i;
            } else if (q[0] && (has_prefix(id, q) || has_prefix(name, q))) {
                cands[prefixed++] = (candidate){i, 0};
            }
        }
        free(id);
        free(name);
    }
    char list[1024] = "";
    if (exact) {
        /* found */
    } else if (prefixed == 1) {
        *index = cands[0].index;
    } else if (prefixed > 1) {
        list_candidates(list, sizeof list, all, cands, prefixed < 8 ? prefixed : 8);
        st = cc_error_add(err, CC_EUSAGE, "challenge '%s' is ambiguous: it could be %s%s", query,
                          list, prefixed > 8 ? ", ..." : "");
    } else {
        for (size_t i = 0; i < all->count; i++) {
            char *id = cc_text_norm(all->items[i].id, strlen(all->items[i].id));
            char *name = cc_text_norm(all->items[i].name, strlen(all->items[i].name));
            size_t d1 = id ? cc_text_distance(q, id) : (size_t)-1;
            size_t d2 = name ? cc_text_distance(q, name) : (size_t)-1;
            cands[i] = (candidate){i, d1 < d2 ? d1 : d2};
            free(id);
            free(name);
        }
        qsort(cands, all->count, sizeof *cands, by_distance);
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
