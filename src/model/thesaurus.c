/* thesaurus.c — the thesaurus: rows of `tag`, `means`, `broader` read into
 * a graph of normalised terms, checked and closed once (cc_thesaurus_finish),
 * then applied to the tag table of the actors and challenges.
 *
 * Terms are interned in a table of their own, so that the thesaurus knows
 * nothing of the data it will be applied to. Finishing resolves each term
 * to its preferred form (following `means` to its end), turns every
 * `broader` cell into an edge between preferred forms, looks for circles
 * with a depth-first walk (an explicit stack: a chain of ten thousand
 * rows must not overflow the C stack) and, in the order that walk
 * finishes the terms (broader ones first), gathers each term's broader
 * tags transitively. Applying it maps an id of the tag table to the ids
 * of that list, remembered per id. */
#include "cocreate/thesaurus.h"

#include <assert.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cocreate/text.h"

/* A `broader` cell: term `from` counts as term `to`, said on `line`. */
typedef struct {
    int from, to;
    long line;
} edge;

/* What a tag of the applied table stands for, in `expansion`. */
enum { UNKNOWN = -1, ITSELF = -2 };

struct cc_thesaurus {
    char *source;            /* file name, for messages */
    cc_intern *terms;        /* normalised tags the file names, shown as first written */
    int *means;              /* per term: the term of its `means` cell, -1 for none */
    long *means_line;        /* per term: the row of that cell */
    long *line;              /* per term: the first row naming it */
    int *preferred;          /* per term, once finished: the term it stands for */
    int capacity;            /* of the per-term arrays */
    edge *edges;             /* the `broader` cells */
    size_t edge_count, edge_capacity;
    size_t rows;
    int *closure;            /* once finished, the broader terms of term t are */
    size_t *closure_start;   /* closure[closure_start[t], closure_end[t]) */
    size_t *closure_end;
    /* applied to one tag table */
    const cc_intern *tags;   /* its identity only */
    int *expansion;          /* per tag id: UNKNOWN, ITSELF or an offset into pool */
    size_t expansion_capacity;
    cc_intern_ids pool;      /* at an offset: n, the preferred id, n broader ids */
    int self;                /* the answer for a tag that stands for itself */
};

cc_thesaurus *cc_thesaurus_new(const char *source)
{
    cc_thesaurus *th = calloc(1, sizeof *th);
    if (!th)
        return NULL;
    th->source = strdup(source);
    th->terms = cc_intern_new();
    if (!th->source || !th->terms) {
        cc_thesaurus_free(th);
        return NULL;
    }
    return th;
}

void cc_thesaurus_free(cc_thesaurus *th)
{
    if (!th)
        return;
    free(th->source);
    cc_intern_free(th->terms);
    free(th->means);
    free(th->means_line);
    free(th->line);
    free(th->preferred);
    free(th->edges);
    free(th->closure_start);
    free(th->closure_end);
    free(th->closure);
    free(th->expansion);
    free(th->pool.ids);
    free(th);
}

size_t cc_thesaurus_rows(const cc_thesaurus *th)
{
    return th->rows;
}

int cc_thesaurus_terms(const cc_thesaurus *th)
{
    return cc_intern_count(th->terms);
}

/* ------------------------------------------------------------------ rows */

static void *grow(void *p, size_t count, size_t size)
{
    return count > SIZE_MAX / size ? NULL : realloc(p, count * size);
}

/* Room in the per-term arrays for every term interned so far, the new
 * ones without `means` and first named on `line`; false when out of
 * memory. */
static bool cover_terms(cc_thesaurus *th, long line)
{
    int n = cc_intern_count(th->terms);
    if (n > th->capacity) {
        int cap = th->capacity ? th->capacity : 64;
        while (cap < n)
            cap = cap > INT_MAX / 2 ? n : cap * 2;
        int *means = grow(th->means, (size_t)cap, sizeof *means);
        if (means)
            th->means = means;
        long *means_line = grow(th->means_line, (size_t)cap, sizeof *means_line);
        if (means_line)
            th->means_line = means_line;
        long *lines = grow(th->line, (size_t)cap, sizeof *lines);
        if (lines)
            th->line = lines;
        if (!means || !means_line || !lines)
            return false;
        for (int t = th->capacity; t < cap; t++) {
            th->means[t] = -1;
            th->line[t] = 0;
        }
        th->capacity = cap;
    }
    for (int t = n - 1; t >= 0 && th->line[t] == 0; t--)
        th->line[t] = line;
    return true;
}

static bool add_edge(cc_thesaurus *th, int from, int to, long line)
{
    if (th->edge_count == th->edge_capacity) {
        size_t cap = th->edge_capacity ? th->edge_capacity * 2 : 64;
        edge *edges = grow(th->edges, cap, sizeof *edges);
        if (!edges)
            return false;
        th->edges = edges;
        th->edge_capacity = cap;
    }
    th->edges[th->edge_count++] = (edge){from, to, line};
    return true;
}

/* Appends `id` to `ids`; false when out of memory. */
static bool push(cc_intern_ids *ids, int id)
{
    if (ids->count == ids->capacity) {
        size_t cap = ids->capacity ? ids->capacity * 2 : 256;
        int *v = grow(ids->ids, cap, sizeof *v);
        if (!v)
            return false;
        ids->ids = v;
        ids->capacity = cap;
    }
    ids->ids[ids->count++] = id;
    return true;
}

static const char *term_name(const cc_thesaurus *th, int t)
{
    return cc_intern_display(th->terms, t);
}

/* The terms of a cell into `ids` (caller frees); CC_EDATA (reported)
 * when it is not UTF-8, which the row reader checked already. */
static cc_status cell_terms(cc_thesaurus *th, const char *text, size_t len, long line,
                            const char *column, cc_intern_ids *ids, cc_error *err)
{
    int *v = NULL, n = 0;
    cc_status st = cc_intern_split(th->terms, text, len, ";|", &v, &n);
    ids->ids = v;
    ids->count = ids->capacity = (size_t)n;
    if (st == CC_EDATA)
        return cc_error_add(err, CC_EDATA, "%s:%ld: invalid UTF-8 in '%s'", th->source, line,
                            column);
    if (st == CC_OK && !cover_terms(th, line))
        st = CC_ESOFTWARE;
    if (st == CC_ESOFTWARE)
        return cc_error_add(err, CC_ESOFTWARE, "%s: out of memory", th->source);
    return CC_OK;
}

/* The single term of the `tag` or `means` cell into *term (-1 when the
 * cell is empty); CC_EDATA (reported) when it holds several. */
static cc_status one_term(cc_thesaurus *th, const char *text, size_t len, long line,
                          const char *column, int *term, cc_error *err)
{
    cc_intern_ids ids = {0};
    cc_status st = cell_terms(th, text, len, line, column, &ids, err);
    *term = ids.count == 1 ? ids.ids[0] : -1;
    if (st == CC_OK && ids.count > 1)
        st = cc_error_add(err, CC_EDATA,
                          "%s:%ld: '%s' holds %zu tags ('%.*s%s'): one tag a row (give each "
                          "its own row)",
                          th->source, line, column, ids.count, CC_TEXT_CLIPPED(text, 60));
    free(ids.ids);
    return st;
}

cc_status cc_thesaurus_add(cc_thesaurus *th, const cc_thesaurus_row *row, cc_error *err)
{
    long line = row->line;
    int tag, means;
    cc_status st = one_term(th, row->tag, row->tag_len, line, "tag", &tag, err);
    if (st != CC_OK)
        return st;
    if (tag < 0)
        return cc_error_add(err, CC_EDATA, "%s:%ld: empty tag%s%.*s%s%s", th->source, line,
                            row->tag_len ? " (nothing is left of '" : "",
                            CC_TEXT_CLIPPED(row->tag, 60), row->tag_len ? "' once normalised)" : "");
    if ((st = one_term(th, row->means, row->means_len, line, "means", &means, err)) != CC_OK)
        return st;
    /* a blank cell says nothing; one whose text normalises to nothing
     * ('-', '?') was meant to say something */
    size_t blank = 0;
    while (blank < row->means_len && (row->means[blank] == ' ' || row->means[blank] == '\t'))
        blank++;
    if (means < 0 && blank < row->means_len)
        return cc_error_add(err, CC_EDATA,
                            "%s:%ld: empty 'means' (nothing is left of '%.*s%s' once "
                            "normalised): leave the cell empty when '%.*s%s' is a preferred tag",
                            th->source, line, CC_TEXT_CLIPPED(row->means, 60),
                            CC_TEXT_CLIPPED(term_name(th, tag), 60));
    if (means >= 0 && means != tag) {
        int before = th->means[tag];
        if (before >= 0 && before != means)
            return cc_error_add(err, CC_EDATA,
                                "%s:%ld: '%.*s%s' means '%.*s%s' here but '%.*s%s' on line %ld: "
                                "a tag has one preferred form",
                                th->source, line, CC_TEXT_CLIPPED(term_name(th, tag), 60),
                                CC_TEXT_CLIPPED(term_name(th, means), 60),
                                CC_TEXT_CLIPPED(term_name(th, before), 60), th->means_line[tag]);
        th->means[tag] = means;
        th->means_line[tag] = line;
    }
    cc_intern_ids broader = {0};
    st = cell_terms(th, row->broader, row->broader_len, line, "broader", &broader, err);
    for (size_t i = 0; st == CC_OK && i < broader.count; i++)
        if (!add_edge(th, tag, broader.ids[i], line))
            st = cc_error_add(err, CC_ESOFTWARE, "%s: out of memory", th->source);
    free(broader.ids);
    if (st == CC_OK)
        th->rows++;
    return st;
}

/* ------------------------------------------------------------- finishing */

/* Appends "a → b → … → a" for the `n` terms of `path` (shown up to a
 * few, then how many) and the first again to a message. */
static void say_circle(const cc_thesaurus *th, long line, const char *what, const int *path,
                       size_t n, cc_error *err)
{
    enum { SHOWN = 8 };
    char *text = NULL;
    size_t size = 0;
    FILE *fp = open_memstream(&text, &size);
    if (!fp) {
        cc_error_add(err, CC_ESOFTWARE, "%s: out of memory", th->source);
        return;
    }
    for (size_t i = 0; i < n && i < SHOWN; i++)
        fprintf(fp, "'%.*s%s' → ", CC_TEXT_CLIPPED(term_name(th, path[i]), 60));
    if (n > SHOWN)
        fprintf(fp, "… (%zu tags) → ", n);
    fprintf(fp, "'%.*s%s'", CC_TEXT_CLIPPED(term_name(th, path[0]), 60));
    bool failed = ferror(fp) != 0;
    failed |= fclose(fp) != 0;
    /* glibc's fclose leaves the text NULL, and says nothing, when the
     * last allocation of the stream fails */
    if (failed || !text)
        cc_error_add(err, CC_ESOFTWARE, "%s: out of memory", th->source);
    else
        cc_error_add(err, CC_EDATA, "%s:%ld: %s go round in a circle: %s", th->source, line, what,
                     text);
    free(text);
}

/* Sets preferred[t] for every term: the end of its `means` chain. A chain
 * is walked once; the terms on it get its end. A circle is reported and
 * its terms stand for themselves, so that checking can go on. */
static cc_status resolve_means(cc_thesaurus *th, int n, cc_error *err)
{
    int mark = err->count;
    enum { NEW = 0, ON_PATH, DONE };
    char *state = calloc((size_t)n + 1, 1);
    int *path = malloc(((size_t)n + 1) * sizeof *path);
    th->preferred = malloc(((size_t)n + 1) * sizeof *th->preferred);
    if (!state || !path || !th->preferred) {
        free(state);
        free(path);
        return cc_error_add(err, CC_ESOFTWARE, "%s: out of memory", th->source);
    }
    for (int t = 0; t < n; t++) {
        size_t len = 0;
        int x = t;
        while (state[x] == NEW && th->means[x] >= 0) {
            state[x] = ON_PATH;
            path[len++] = x;
            x = th->means[x];
        }
        int end = x;
        if (state[x] == ON_PATH) {
            size_t from = 0;
            while (path[from] != x)
                from++;
            say_circle(th, th->means_line[x], "'means' cells", path + from, len - from, err);
            end = -1;
        } else if (state[x] == DONE) {
            end = th->preferred[x];
        } else {
            th->preferred[x] = x;
            state[x] = DONE;
        }
        for (size_t i = 0; i < len; i++) {
            th->preferred[path[i]] = end >= 0 ? end : path[i];
            state[path[i]] = DONE;
        }
    }
    free(state);
    free(path);
    return cc_error_since(err, mark) == CC_ESOFTWARE ? CC_ESOFTWARE : CC_OK;
}

static int by_ends(const void *a, const void *b)
{
    const edge *x = a, *y = b;
    if (x->from != y->from)
        return (x->from > y->from) - (x->from < y->from);
    if (x->to != y->to)
        return (x->to > y->to) - (x->to < y->to);
    return (x->line > y->line) - (x->line < y->line);
}

/* Rewrites the edges between preferred forms, sorted, without repeats; a
 * tag broader than itself is reported and its edge dropped. */
static void edges_between_preferred(cc_thesaurus *th, cc_error *err)
{
    size_t kept = 0;
    for (size_t i = 0; i < th->edge_count; i++) {
        edge e = th->edges[i];
        int from = th->preferred[e.from], to = th->preferred[e.to];
        if (from == to) {
            if (e.from == e.to)
                cc_error_add(err, CC_EDATA, "%s:%ld: '%.*s%s' is broader than itself",
                             th->source, e.line, CC_TEXT_CLIPPED(term_name(th, e.from), 60));
            else
                cc_error_add(err, CC_EDATA,
                             "%s:%ld: '%.*s%s' has the broader tag '%.*s%s', but both stand "
                             "for '%.*s%s': a tag is not broader than itself",
                             th->source, e.line, CC_TEXT_CLIPPED(term_name(th, e.from), 60),
                             CC_TEXT_CLIPPED(term_name(th, e.to), 60),
                             CC_TEXT_CLIPPED(term_name(th, from), 60));
            continue;
        }
        th->edges[kept++] = (edge){from, to, e.line};
    }
    th->edge_count = kept;
    if (kept > 0) /* qsort wants an array, even of nothing */
        qsort(th->edges, kept, sizeof *th->edges, by_ends);
    size_t distinct = 0;
    for (size_t i = 0; i < kept; i++)
        if (distinct == 0 || th->edges[distinct - 1].from != th->edges[i].from ||
            th->edges[distinct - 1].to != th->edges[i].to)
            th->edges[distinct++] = th->edges[i];
    th->edge_count = distinct;
}

/* The walk of the broader edges: `first[t]` is the first edge of term t
 * (edges are sorted by their start), and `order` receives the terms as
 * the walk finishes them, broader terms before the terms below them. A
 * circle is reported (its edge is then passed over). */
static cc_status walk(cc_thesaurus *th, int n, const size_t *first, int *order, cc_error *err)
{
    enum { NEW = 0, ON_PATH, DONE };
    char *state = calloc((size_t)n + 1, 1);
    int *stack = malloc(((size_t)n + 1) * sizeof *stack);     /* the path from a root */
    size_t *next = malloc(((size_t)n + 1) * sizeof *next);    /* per term on it: next edge */
    if (!state || !stack || !next) {
        free(state);
        free(stack);
        free(next);
        return cc_error_add(err, CC_ESOFTWARE, "%s: out of memory", th->source);
    }
    size_t done = 0;
    for (int root = 0; root < n; root++) {
        if (state[root] != NEW)
            continue;
        size_t depth = 0;
        stack[depth++] = root;
        state[root] = ON_PATH;
        next[root] = first[root];
        while (depth > 0) {
            int t = stack[depth - 1];
            if (next[t] == first[t + 1]) {
                state[t] = DONE;
                order[done++] = t;
                depth--;
                continue;
            }
            const edge *e = &th->edges[next[t]++];
            if (state[e->to] == NEW) {
                state[e->to] = ON_PATH;
                next[e->to] = first[e->to];
                stack[depth++] = e->to;
            } else if (state[e->to] == ON_PATH && !cc_error_full(err)) {
                size_t from = 0;
                while (stack[from] != e->to)
                    from++;
                say_circle(th, e->line, "'broader' cells", stack + from, depth - from, err);
            }
        }
    }
    free(state);
    free(stack);
    free(next);
    return CC_OK;
}

/* Gathers the broader terms of each term, in `order` (so that those of
 * its broader terms are known): its own, then theirs, each once. A term
 * with too many is reported; its list is cut so that the others still
 * get checked. */
static cc_status close_broader(cc_thesaurus *th, int n, const size_t *first, const int *order,
                               cc_error *err)
{
    int *mark = calloc((size_t)n + 1, sizeof *mark);
    size_t *start = malloc(((size_t)n + 1) * sizeof *start), *end = malloc(((size_t)n + 1) * sizeof *end);
    cc_intern_ids all = {0};
    bool ok = mark && start && end;
    for (int i = 0; ok && i < n; i++) {
        int t = order[i], gen = t + 1;
        size_t from = all.count;
        bool over = false;
        for (size_t k = first[t]; ok && !over && k < first[t + 1]; k++) {
            int b = th->edges[k].to;
            /* b itself, then its own broader terms */
            for (size_t j = 0; ok && !over && j <= end[b] - start[b]; j++) {
                int c = j == 0 ? b : all.ids[start[b] + j - 1];
                if (mark[c] == gen)
                    continue;
                mark[c] = gen;
                over = all.count - from == CC_THESAURUS_MAX_BROADER;
                ok = over || push(&all, c);
            }
        }
        if (over && !cc_error_full(err))
            cc_error_add(err, CC_EDATA,
                         "%s:%ld: '%.*s%s' counts as more than %d broader tags (its own, "
                         "theirs, and so on): is a row, or a chain of rows, wrong?",
                         th->source, th->line[t], CC_TEXT_CLIPPED(term_name(th, t), 60),
                         CC_THESAURUS_MAX_BROADER);
        start[t] = from;
        end[t] = all.count;
    }
    free(mark);
    if (!ok) {
        free(start);
        free(end);
        free(all.ids);
        return cc_error_add(err, CC_ESOFTWARE, "%s: out of memory", th->source);
    }
    th->closure = all.ids;
    th->closure_start = start;
    th->closure_end = end;
    return CC_OK;
}

cc_status cc_thesaurus_finish(cc_thesaurus *th, cc_error *err)
{
    int mark = err->count;
    int n = cc_intern_count(th->terms);
    if (!cover_terms(th, 0))
        return cc_error_add(err, CC_ESOFTWARE, "%s: out of memory", th->source);
    cc_status st = resolve_means(th, n, err);
    if (st != CC_OK)
        return st;
    edges_between_preferred(th, err);
    size_t *first = calloc((size_t)n + 2, sizeof *first);
    int *order = malloc(((size_t)n + 1) * sizeof *order);
    if (!first || !order) {
        free(first);
        free(order);
        return cc_error_add(err, CC_ESOFTWARE, "%s: out of memory", th->source);
    }
    for (size_t i = 0; i < th->edge_count; i++)
        first[th->edges[i].from + 1]++;
    for (int t = 0; t < n; t++)
        first[t + 1] += first[t];
    st = walk(th, n, first, order, err);
    /* a circle leaves no order to close the lists in */
    if (st == CC_OK && cc_error_since(err, mark) == CC_OK)
        st = close_broader(th, n, first, order, err);
    free(first);
    free(order);
    return st != CC_OK ? st : cc_error_since(err, mark);
}

/* -------------------------------------------------------------- applying */

const char *cc_thesaurus_preferred(const cc_thesaurus *th, const char *key, const char **display)
{
    int t = cc_intern_find(th->terms, key);
    if (display)
        *display = NULL;
    if (t < 0 || th->preferred[t] == t)
        return key;
    int p = th->preferred[t];
    if (display)
        *display = cc_intern_display(th->terms, p);
    return cc_intern_key(th->terms, p);
}

/* The id in `tags` of term `t`, added when new; -1 when out of memory. */
static int tag_of_term(const cc_thesaurus *th, cc_intern *tags, int t)
{
    return cc_intern_add(tags, cc_intern_key(th->terms, t), cc_intern_display(th->terms, t), NULL);
}

/* Works out what tag `tag` stands for into expansion[tag]. */
static cc_status expand_new(cc_thesaurus *th, cc_intern *tags, int tag)
{
    int t = cc_intern_find(th->terms, cc_intern_key(tags, tag));
    int p = t < 0 ? -1 : th->preferred[t];
    if (p < 0 || (p == t && th->closure_start[p] == th->closure_end[p])) {
        th->expansion[tag] = ITSELF;
        return CC_OK;
    }
    size_t n = th->closure_end[p] - th->closure_start[p];
    cc_intern_ids *pool = &th->pool;
    if (pool->count > (size_t)INT_MAX - n - 2)
        return CC_ESOFTWARE;
    if (pool->count + n + 2 > pool->capacity) {
        size_t cap = pool->capacity ? pool->capacity : 256;
        while (cap < pool->count + n + 2)
            cap *= 2;
        int *ids = grow(pool->ids, cap, sizeof *ids);
        if (!ids)
            return CC_ESOFTWARE;
        pool->ids = ids;
        pool->capacity = cap;
    }
    int *out = pool->ids + pool->count;
    out[0] = (int)n;
    out[1] = p == t ? tag : tag_of_term(th, tags, p);
    for (size_t i = 0; i < n && out[1] >= 0; i++)
        if ((out[2 + i] = tag_of_term(th, tags, th->closure[th->closure_start[p] + i])) < 0)
            return CC_ESOFTWARE;
    if (out[1] < 0)
        return CC_ESOFTWARE;
    th->expansion[tag] = (int)pool->count;
    pool->count += n + 2;
    return CC_OK;
}

cc_status cc_thesaurus_expand(cc_thesaurus *th, cc_intern *tags, int tag, bool broader,
                              const int **ids, int *count)
{
    *ids = NULL;
    *count = 0;
    assert(!th->tags || th->tags == tags);
    th->tags = tags;
    if ((size_t)tag >= th->expansion_capacity) {
        size_t cap = th->expansion_capacity ? th->expansion_capacity : 256;
        while (cap <= (size_t)tag)
            cap *= 2;
        int *e = grow(th->expansion, cap, sizeof *e);
        if (!e)
            return CC_ESOFTWARE;
        for (size_t i = th->expansion_capacity; i < cap; i++)
            e[i] = UNKNOWN;
        th->expansion = e;
        th->expansion_capacity = cap;
    }
    if (th->expansion[tag] == UNKNOWN && expand_new(th, tags, tag) != CC_OK)
        return CC_ESOFTWARE;
    if (th->expansion[tag] == ITSELF) {
        th->self = tag;
        *ids = &th->self;
        *count = 1;
        return CC_OK;
    }
    const int *at = th->pool.ids + th->expansion[tag];
    *ids = at + 1;
    *count = broader ? 1 + at[0] : 1;
    return CC_OK;
}
