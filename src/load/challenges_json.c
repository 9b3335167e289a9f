/* challenges_json.c — reading challenges (SPEC §1.2) from JSON with cJSON
 * into the challenge model (src/model/challenges.c), through the checks
 * every challenges reader shares (challenges_check.c).
 *
 * cJSON keeps no positions, so a cursor walks the text in step with the
 * parsed tree to give each challenge and each need its line: see
 * "positions". */
#include "cocreate/challenges.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cocreate/io.h"
#include "cocreate/text.h"
#include "load/challenges_load.h"

/* ------------------------------------------------------------- positions */

typedef struct {
    const char *text;
    size_t len;
} source_text;

/* Line and column of `offset`, for the few errors found before the walk
 * (each is reported once, so a scan is fine). */
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

/* A place in the text cJSON accepted. Members and elements come in the
 * tree in text order, so the loader moves a cursor from one entry to the
 * next as it reads them, and knows each one's line. A cursor only moves
 * forward, counting newlines as it goes; the loader passes over each byte
 * at most twice (a challenge, then its needs), so positions cost a pass
 * over the text, whatever escapes its strings hold. */
typedef struct {
    const char *text;
    size_t len;
    size_t pos;
    long line;          /* of pos */
} cursor;

static void move_to(cursor *c, size_t to)
{
    for (; c->pos < to && c->pos < c->len; c->pos++)
        c->line += c->text[c->pos] == '\n';
}

/* Past white space, which is every byte up to ' ' for cJSON. */
static void skip_space(cursor *c)
{
    size_t i = c->pos;
    while (i < c->len && (unsigned char)c->text[i] <= ' ')
        i++;
    move_to(c, i);
}

/* Past the string whose opening quote is at the cursor. */
static void skip_string(cursor *c)
{
    size_t i = c->pos + 1;
    while (i < c->len && c->text[i] != '"')
        i += c->text[i] == '\\' ? 2 : 1;
    move_to(c, i + 1);
}

/* Past the value that starts at the cursor (after white space). */
static void skip_value(cursor *c)
{
    size_t depth = 0;
    do {
        skip_space(c);
        if (c->pos >= c->len)
            return;
        char ch = c->text[c->pos];
        if (ch == '"') {
            skip_string(c);
        } else if (ch == '[' || ch == '{' || ch == ',' || ch == ':') {
            depth += ch == '[' || ch == '{';
            move_to(c, c->pos + 1);
        } else if (ch == ']' || ch == '}') {
            if (depth == 0)
                return; /* not a value: never so in text cJSON accepted */
            depth--;
            move_to(c, c->pos + 1);
        } else { /* a number, true, false or null */
            size_t i = c->pos;
            while (i < c->len && (unsigned char)c->text[i] > ' ' && !strchr(",:]}", c->text[i]))
                i++;
            move_to(c, i);
        }
    } while (depth > 0);
}

/* Moves to the next entry of the array or object the cursor is in (or
 * into the array or object at the cursor, for the first entry) and returns
 * its line: a member's key line, an element's line. The cursor is left on
 * the entry's value. */
static long next_entry(cursor *c, bool member)
{
    skip_space(c);
    if (c->pos < c->len && strchr(",[{", c->text[c->pos]))
        move_to(c, c->pos + 1);
    skip_space(c);
    long line = c->line;
    if (member) {
        skip_string(c);
        skip_space(c);
        move_to(c, c->pos + 1); /* the colon */
        skip_space(c);
    }
    return line;
}

/* Past the end of the array or object the cursor is in, after its last
 * entry; `entered` is false when it had none, the cursor still on it. */
static void leave(cursor *c, bool entered)
{
    if (!entered) {
        skip_value(c);
        return;
    }
    skip_space(c);
    move_to(c, c->pos + 1);
}

/* The offset of the first array or object opened deeper than cJSON's
 * limit in the `len` bytes at `text`, or `len` when none is. */
static size_t too_deep(const char *text, size_t len)
{
    size_t depth = 0;
    bool quoted = false;
    for (size_t i = 0; i < len; i++) {
        if (quoted) {
            if (text[i] == '\\')
                i++;
            else
                quoted = text[i] != '"';
        } else if (text[i] == '"') {
            quoted = true;
        } else if (text[i] == '[' || text[i] == '{') {
            if (++depth > CJSON_NESTING_LIMIT)
                return i;
        } else if ((text[i] == ']' || text[i] == '}') && depth > 0) {
            depth--;
        }
    }
    return len;
}

/* ---------------------------------------------------------------- loader */

typedef struct {
    const char *source;
    source_text src;
    cc_challenge_checks k;  /* k.err: where the current challenge's errors go */
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
    cc_challenge_out_of_memory(&J->k);
}

static void challenge_error(json_loader *J, long line, const char *id, const char *what)
{
    cc_challenge_error(&J->k, line, id, what);
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

/* Reads the needs, whose value is at `entries`, into the challenge `c`,
 * on line `at` and named `shown` in messages. */
static void read_needs(json_loader *J, cc_challenge *c, const char *shown, const cJSON *needs,
                       long at, cursor entries)
{
    bool as_array = cJSON_IsArray(needs);
    if ((!as_array && !cJSON_IsObject(needs)) || !needs->child) {
        challenge_error(J, at, shown,
                        "'needs' must be a non-empty object of tag: weight or array of tags");
        return;
    }
    for (const cJSON *n = needs->child; n && !cc_error_full(J->k.err); n = n->next) {
        long where = next_entry(&entries, !as_array);
        skip_value(&entries);
        const char *text = as_array ? n->valuestring : n->string;
        double weight = as_array ? 1.0 : n->valuedouble;
        if ((as_array && !cJSON_IsString(n)) || !text) {
            challenge_error(J, where, shown, "every entry of a 'needs' array must be a string");
            continue;
        }
        if (!as_array && !cJSON_IsNumber(n)) {
            char what[160];
            snprintf(what, sizeof what, "need '%.*s%s' has a weight that is not a number",
                     CC_TEXT_CLIPPED(text, 60));
            challenge_error(J, where, shown, what);
            continue;
        }
        if (!cc_challenge_need(&J->k, c, shown, where, text, weight))
            return;
    }
}

static void read_one(json_loader *J, const cJSON *item, size_t index, cc_challenges *out,
                     cursor *at);

/* Reads one challenge, whose text starts at `at` (left past it), collecting
 * its errors apart: they become warnings with skip_bad, else they join the
 * loader's errors. */
static void read_challenge(json_loader *J, const cJSON *item, size_t index, cc_challenges *out,
                           cursor *at)
{
    cc_error *errors = J->k.err, own = {0};
    J->k.err = &own;
    read_one(J, item, index, out, at);
    J->k.err = errors;
    cc_challenge_settle(&J->k, &own, errors);
}

/* Walks the members of the challenge `item` at `at`, leaving `at` past it:
 * *line becomes the line of its id (of its start when it has none), and
 * *needs the place of its needs' value. */
static void locate(const cJSON *item, cursor *at, long *line, cursor *needs)
{
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(item, "id");
    const cJSON *needs_value = cJSON_GetObjectItemCaseSensitive(item, "needs");
    *line = at->line;
    for (const cJSON *m = item->child; m; m = m->next) {
        next_entry(at, true);
        if (m == id)
            *line = at->line;
        if (m == needs_value)
            *needs = *at;
        skip_value(at);
    }
    leave(at, item->child != NULL);
}

static void read_one(json_loader *J, const cJSON *item, size_t index, cc_challenges *out,
                     cursor *at)
{
    char label[32];
    snprintf(label, sizeof label, "#%zu", index + 1);
    if (!cJSON_IsObject(item)) {
        challenge_error(J, at->line, label, "is not an object");
        skip_value(at);
        return;
    }
    long line;
    cursor needs = *at;
    locate(item, at, &line, &needs);
    cc_challenge c = {0};
    int errors = J->k.err->count;
    if (!dup_string_member(J, item, "id", &c.id) || !dup_string_member(J, item, "name", &c.name) ||
        !dup_string_member(J, item, "description", &c.description) ||
        !dup_string_member(J, item, "territory", &c.territory)) {
        cc_challenge_clear(&c);
        return;
    }
    const char *shown = c.id ? c.id : label;
    const cJSON *ambition = cJSON_GetObjectItemCaseSensitive(item, "ambition");
    if (!c.id || !c.id[0])
        challenge_error(J, line, shown, "'id' must be a non-empty string");
    if (!c.name || !c.name[0])
        challenge_error(J, line, shown, "'name' must be a non-empty string");
    /* An optional text member of another type would otherwise be dropped
     * without a word: a territory given as a list or a number would run the
     * challenge everywhere. */
    static const char *const optional_text[] = {"description", "territory"};
    for (size_t i = 0; i < sizeof optional_text / sizeof *optional_text; i++) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(item, optional_text[i]);
        if (v && !cJSON_IsString(v) && !cJSON_IsNull(v)) {
            char what[64];
            snprintf(what, sizeof what, "'%s' must be a string", optional_text[i]);
            challenge_error(J, line, shown, what);
        }
    }
    if (ambition && !cJSON_IsNull(ambition))
        c.ambition = cc_challenge_ambition(&J->k, line, shown,
                                           cJSON_IsString(ambition) ? ambition->valuestring : NULL);
    char *key = NULL;
    if (c.id && c.id[0] && !cc_challenge_check_id(&J->k, c.id, line, &key)) {
        cc_challenge_clear(&c);
        return;
    }
    read_needs(J, &c, shown, cJSON_GetObjectItemCaseSensitive(item, "needs"), line, needs);
    cc_challenge_keep(&J->k, &c, key, line, errors, out);
    free(key);
}

/* Where a string of the document holds the escape \u0000, or len: cJSON
 * would end the string there, silently cutting an id, a name or a need. */
static size_t escaped_nul(const source_text *src)
{
    bool in_string = false;
    for (size_t i = 0; i < src->len; i++) {
        char c = src->text[i];
        if (!in_string)
            in_string = c == '"';
        else if (c == '"')
            in_string = false;
        else if (c == '\\' && i + 1 < src->len) {
            if (src->text[i + 1] == 'u' && i + 6 <= src->len &&
                memcmp(&src->text[i + 2], "0000", 4) == 0)
                return i;
            i++; /* the escaped character */
        }
    }
    return src->len;
}

static cc_status load(cc_challenges *out, json_loader *J)
{
    size_t bad = cc_text_invalid_utf8(J->src.text, J->src.len);
    if (bad < J->src.len)
        return cc_error_add(J->k.err, CC_EDATA, "%s:%ld:%ld: %s", J->source,
                            line_at(&J->src, bad), column_at(&J->src, bad),
                            J->src.text[bad] ? "invalid UTF-8" : "NUL byte (not a text file?)");
    size_t nul = escaped_nul(&J->src);
    if (nul < J->src.len)
        return cc_error_add(J->k.err, CC_EDATA, "%s:%ld:%ld: NUL character (\\u0000) in a string",
                            J->source, line_at(&J->src, nul), column_at(&J->src, nul));
    const char *end = NULL;
    bool no_memory;
    cJSON *root = parse(&J->src, &end, &no_memory);
    if (no_memory) {
        cJSON_Delete(root);
        return cc_error_add(J->k.err, CC_ESOFTWARE, "%s: out of memory", J->source);
    }
    if (!root) {
        size_t off = end ? (size_t)(end - J->src.text) : 0;
        /* cJSON stops where it would nest too deep, at the bracket before
         * the one past its limit */
        size_t deep = too_deep(J->src.text, off + 2 < J->src.len ? off + 2 : J->src.len);
        if (deep < J->src.len && deep <= off + 1)
            return cc_error_add(J->k.err, CC_EDATA, "%s:%ld:%ld: JSON nested more than %d deep",
                                J->source, line_at(&J->src, deep), column_at(&J->src, deep),
                                CJSON_NESTING_LIMIT);
        return cc_error_add(J->k.err, CC_EDATA, "%s:%ld:%ld: unreadable JSON near here", J->source,
                            line_at(&J->src, off), column_at(&J->src, off));
    }
    /* Only white space may follow the document. */
    for (size_t i = (size_t)(end - J->src.text); i < J->src.len; i++) {
        if (!strchr(" \t\r\n", J->src.text[i])) {
            cJSON_Delete(root);
            return cc_error_add(J->k.err, CC_EDATA, "%s:%ld:%ld: unexpected text after the JSON document",
                                J->source, line_at(&J->src, i), column_at(&J->src, i));
        }
    }
    const cJSON *list = cJSON_IsArray(root) ? root
                                            : cJSON_GetObjectItemCaseSensitive(root, "challenges");
    if (!cJSON_IsArray(list)) {
        cJSON_Delete(root);
        return cc_error_add(J->k.err, CC_EDATA,
                            "%s:1: expected an object with a \"challenges\" array", J->source);
    }
    size_t n = (size_t)cJSON_GetArraySize(list);
    out->items = calloc(n ? n : 1, sizeof *out->items);
    if (!out->items) {
        cJSON_Delete(root);
        return cc_error_add(J->k.err, CC_ESOFTWARE, "%s: out of memory", J->source);
    }
    int errors = J->k.err->count;
    size_t index = 0;
    cursor at = {J->src.text, J->src.len, 0, 1};
    /* to the list: past the members of the root object before it */
    for (const cJSON *m = list == root ? NULL : root->child; m; m = m->next) {
        next_entry(&at, true);
        if (m == list)
            break;
        skip_value(&at);
    }
    for (const cJSON *item = list->child;
         item && !cc_error_full(J->k.err) && cc_error_since(J->k.err, errors) != CC_ESOFTWARE;
         item = item->next) {
        next_entry(&at, false);
        read_challenge(J, item, index++, out, &at);
    }
    cJSON_Delete(root);
    if (J->k.err->count == errors && out->count == 0)
        cc_error_add(J->k.err, CC_EDATA, "%s:1: no challenges defined", J->source);
    return cc_error_since(J->k.err, errors);
}

cc_status cc_challenges_json_read(cc_challenges *out, const char *source, const char *data,
                                  size_t len, const cc_challenges_options *opt, cc_intern *tags,
                                  cc_error *err)
{
    *out = (cc_challenges){0};
    out->source = strdup(source);
    if (!out->source)
        return cc_error_add(err, CC_ESOFTWARE, "%s: out of memory", source);
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        data += 3;
        len -= 3;
    }
    /* a byte-order mark says the encoding: UTF-16 is read as well */
    char *utf8 = NULL;
    if (cc_io_utf16(data, len)) {
        cc_status st = cc_io_utf16_to_utf8(source, data, len, &utf8, &len, err);
        if (st != CC_OK) {
            cc_challenges_free(out);
            return st;
        }
        data = utf8;
    }
    json_loader J = {source, {data, len}, {0}};
    cc_status st = cc_challenge_checks_init(&J.k, source, tags, opt, err) ? load(out, &J)
                                                                          : CC_ESOFTWARE;
    cc_challenge_checks_free(&J.k);
    free(utf8);
    if (st != CC_OK)
        cc_challenges_free(out);
    return st;
}
