/* challenges_json.c — loading challenges (SPEC §1.2) with cJSON into the
 * challenge model (src/model/challenges.c).
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

/* ---------------------------------------------------------------- loader */

typedef struct {
    const char *source;
    source_text src;
    cc_intern *tags;
    cc_error *err;          /* where the current challenge's errors go */
    const cc_challenges_options *opt;
    cc_intern *ids;         /* the loaded challenges' ids, normalised */
    size_t *id_at;          /* per id of `ids`: where its challenge is */
} json_loader;

/* cJSON returns NULL both for bad JSON and for a failed allocation: these
 * hooks tell the two apart while the loader parses. */
static bool json_out_of_memory;

static void *json_malloc(size_t size)
{
    void *p = malloc(size);
    if (!p)
        json_out_of_memory = true;
    return p;
}

static cJSON *parse(const source_text *src, const char **end, bool *out_of_memory)
{
    cJSON_Hooks hooks = {json_malloc, free};
    json_out_of_memory = false;
    cJSON_InitHooks(&hooks);
    cJSON *root = cJSON_ParseWithLengthOpts(src->text, src->len, end, false);
    cJSON_InitHooks(NULL);
    *out_of_memory = json_out_of_memory;
    return root;
}

static void out_of_memory(json_loader *J)
{
    cc_error_add(J->err, CC_ESOFTWARE, "%s: out of memory", J->source);
}

static void challenge_error(json_loader *J, size_t offset, const char *id, const char *what)
{
    cc_error_add(J->err, CC_EDATA, "%s:%ld: challenge '%s': %s", J->source,
                 line_at(&J->src, offset), id, what);
}

/* A copy of the string member `key` into *out (NULL when absent or not a
 * string); false when out of memory (reported). */
static bool dup_string_member(json_loader *J, const cJSON *obj, const char *key, char **out)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    *out = NULL;
    if (!cJSON_IsString(v) || !v->valuestring)
        return true;
    if (!(*out = strdup(v->valuestring)))
        out_of_memory(J);
    return *out != NULL;
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
            snprintf(what, sizeof what, "need '%.*s%s' has a weight that is not a number",
                     CC_TEXT_CLIPPED(text, 60));
            challenge_error(J, where, c->id, what);
            continue;
        }
        char reason[200];
        cc_status st = cc_challenge_add_need(c, text, weight, J->tags, reason, sizeof reason);
        if (st == CC_ESOFTWARE) {
            out_of_memory(J);
            return;
        }
        if (st != CC_OK)
            challenge_error(J, where, c->id, reason);
    }
}

static void read_one(json_loader *J, const cJSON *item, size_t index, cc_challenges *out,
                     size_t *cursor);

/* Challenges are named on the command line by their id compared
 * normalised: two ids equal once normalised (`Santé`, `sante`) would
 * leave one out of reach, so they are an error, like the same id twice.
 * *key receives the normalised id (NULL when it is empty: such an id is
 * reached only as written). False when out of memory (reported). */
static bool check_id(json_loader *J, const char *id, size_t at, char **key)
{
    if (cc_text_norm(id, strlen(id), key) != CC_OK) { /* UTF-8 was checked */
        out_of_memory(J);
        return false;
    }
    if (!(*key)[0]) {
        free(*key);
        *key = NULL;
        return true;
    }
    int other = cc_intern_find(J->ids, *key);
    if (other < 0)
        return true;
    const char *first = cc_intern_display(J->ids, other);
    long line = line_at(&J->src, J->id_at[other]), here = line_at(&J->src, at);
    if (strcmp(first, id) == 0)
        cc_error_add(J->err, CC_EDATA, "%s:%ld: challenge '%s': duplicate challenge id (first on "
                     "line %ld)", J->source, here, id, line);
    else
        cc_error_add(J->err, CC_EDATA, "%s:%ld: challenge '%s': its id and the id '%s' on line "
                     "%ld are the same once normalised (case, accents, dashes): the command line "
                     "could not tell them apart", J->source, here, id, first, line);
    return true;
}

/* Reads one challenge, collecting its errors apart: they become warnings
 * with skip_bad, else they join the loader's errors. */
static void read_challenge(json_loader *J, const cJSON *item, size_t index, cc_challenges *out,
                           size_t *cursor)
{
    cc_error *errors = J->err, own = {0};
    J->err = &own;
    read_one(J, item, index, out, cursor);
    J->err = errors;
    /* Out of memory is never a bad challenge to skip. */
    bool skip = J->opt->skip_bad && own.status == CC_EDATA;
    for (int i = 0; i < own.count && i < CC_ERROR_MAX; i++) {
        const char *text = own.messages[i] ? own.messages[i] : "out of memory";
        if (skip)
            cc_warn(J->opt->warn, J->opt->warn_ctx, "%s; challenge skipped", text);
        else
            cc_error_add(errors, own.statuses[i], "%s", text);
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
    int errors = J->err->count;
    if (!dup_string_member(J, item, "id", &c.id) || !dup_string_member(J, item, "name", &c.name) ||
        !dup_string_member(J, item, "description", &c.description) ||
        !dup_string_member(J, item, "territory", &c.territory)) {
        cc_challenge_clear(&c);
        return;
    }
    size_t at = c.id ? find_quoted(&J->src, c.id, *cursor) : *cursor;
    *cursor = at + 1; /* the next challenge is further on */
    const char *shown = c.id ? c.id : label;
    const cJSON *ambition = cJSON_GetObjectItemCaseSensitive(item, "ambition");
    if (!c.id || !c.id[0])
        challenge_error(J, at, shown, "'id' must be a non-empty string");
    if (!c.name || !c.name[0])
        challenge_error(J, at, shown, "'name' must be a non-empty string");
    /* An optional text member of another type would otherwise be dropped
     * without a word: a territory given as a list or a number would run the
     * challenge everywhere. */
    static const char *const optional_text[] = {"description", "territory"};
    for (size_t i = 0; i < sizeof optional_text / sizeof *optional_text; i++) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(item, optional_text[i]);
        if (v && !cJSON_IsString(v) && !cJSON_IsNull(v)) {
            char what[64];
            snprintf(what, sizeof what, "'%s' must be a string", optional_text[i]);
            challenge_error(J, at, shown, what);
        }
    }
    if (ambition && !cJSON_IsNull(ambition)) {
        int a = cJSON_IsString(ambition) ? cc_ambition_parse(ambition->valuestring) : -1;
        if (a < 0) {
            char accepted[128], what[160];
            cc_ambition_choices(accepted, sizeof accepted);
            snprintf(what, sizeof what, "unknown ambition (accepted: %s)", accepted);
            challenge_error(J, at, shown, what);
        }
        c.ambition = a < 0 ? CC_BALANCED : (cc_ambition)a;
    }
    char *key = NULL;
    if (c.id && c.id[0] && !check_id(J, c.id, at, &key)) {
        cc_challenge_clear(&c);
        return;
    }
    read_needs(J, &c, cJSON_GetObjectItemCaseSensitive(item, "needs"), at);
    int id = J->err->count > errors || !key ? -1 : cc_intern_add(J->ids, key, c.id, NULL);
    if (key && id < 0 && J->err->count == errors)
        out_of_memory(J);
    free(key);
    if (J->err->count > errors) {
        cc_challenge_clear(&c);
        return;
    }
    if (id >= 0)
        J->id_at[id] = at;
    out->items[out->count++] = c;
}

static cc_status load(cc_challenges *out, json_loader *J)
{
    size_t bad = cc_text_invalid_utf8(J->src.text, J->src.len);
    if (bad < J->src.len)
        return cc_error_add(J->err, CC_EDATA, "%s:%ld:%ld: invalid UTF-8", J->source,
                            line_at(&J->src, bad), column_at(&J->src, bad));
    const char *end = NULL;
    bool no_memory;
    cJSON *root = parse(&J->src, &end, &no_memory);
    if (no_memory) {
        cJSON_Delete(root);
        return cc_error_add(J->err, CC_ESOFTWARE, "%s: out of memory", J->source);
    }
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
    J->ids = cc_intern_new();
    J->id_at = calloc(n ? n : 1, sizeof *J->id_at);
    if (!out->items || !J->ids || !J->id_at) {
        cJSON_Delete(root);
        return cc_error_add(J->err, CC_ESOFTWARE, "%s: out of memory", J->source);
    }
    int errors = J->err->count;
    size_t cursor = 0, index = 0;
    for (const cJSON *item = list->child;
         item && !cc_error_full(J->err) && cc_error_since(J->err, errors) != CC_ESOFTWARE;
         item = item->next)
        read_challenge(J, item, index++, out, &cursor);
    cJSON_Delete(root);
    if (J->err->count == errors && out->count == 0)
        cc_error_add(J->err, CC_EDATA, "%s:1: no challenges defined", J->source);
    return cc_error_since(J->err, errors);
}

cc_status cc_challenges_load_buffer(cc_challenges *out, const char *source, const char *data,
                                    size_t len, const cc_challenges_options *opt,
                                    cc_intern *tags, cc_error *err)
{
    static const cc_challenges_options defaults = {0};
    *out = (cc_challenges){0};
    out->source = strdup(source);
    if (!out->source)
        return cc_error_add(err, CC_ESOFTWARE, "%s: out of memory", source);
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        data += 3;
        len -= 3;
    }
    json_loader J = {source, {data, len}, tags, err, opt ? opt : &defaults, NULL, NULL};
    cc_status st = load(out, &J);
    cc_intern_free(J.ids);
    free(J.id_at);
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
