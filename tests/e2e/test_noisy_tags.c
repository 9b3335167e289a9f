/* test_noisy_tags.c — the measure of `tags --suggest`, end to end, on data
 * this test makes. It copies the bundled actors and replaces a sixth of
 * their tag occurrences (expertise and seeks, chosen by a fixed-seed
 * pseudo-random generator) by a variant its own code writes: a plural, a
 * typo or the words in another order. It keeps the record of what it
 * replaced, then runs the built program on the noisy copy:
 *   - `tags --suggest` must find at least 90% of the variants (a variant is
 *     found when the draft thesaurus maps it and its origin to one tag) and
 *     fewer than 10% of its rows may merge two tags of different origins;
 *   - `match --all -k 10` on the noisy copy with that draft as --thesaurus
 *     must give, challenge by challenge, the top 10 of the clean file (ids
 *     and scores); without the thesaurus, or with the rows of one rule
 *     left out of it, the top 10 must differ somewhere: the noise matters,
 *     and the thesaurus is what repairs it.
 * Every run uses -a, so the bundled thesaurus never applies.
 * Usage: test_noisy_tags PROGRAM DATA_DIR (the bundled actors.csv and
 * challenges.json). */
#define _XOPEN_SOURCE 700 /* mkdtemp, strdup */
#include <cjson/cJSON.h>
#include <csv.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cocreate/text.h"
#include "harness.h"

static const char *program, *data_dir;
static char work_dir[PATH_MAX];

/* ------------------------------------------------------------ helpers */

static char *format(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = malloc((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return s;
}

/* norm(s) as the program compares tags (SPEC §2), malloc'd. */
static char *norm(const char *s)
{
    char *out = NULL;
    if (cc_text_norm(s, strlen(s), &out) != CC_OK)
        abort();
    return out;
}

/* The generator of the noise: xorshift32 from a fixed seed, so that every
 * run makes the same noisy file. */
static uint32_t rng_state = 20240917u;
static uint32_t rnd(uint32_t n)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return rng_state % n;
}

/* A list of malloc'd strings. */
typedef struct {
    char **items;
    size_t count, cap;
} strings;

static void push(strings *l, char *s)
{
    if (l->count == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 16;
        l->items = realloc(l->items, l->cap * sizeof *l->items);
    }
    l->items[l->count++] = s;
}

static long find(const strings *l, const char *s)
{
    for (size_t i = 0; i < l->count; i++)
        if (strcmp(l->items[i], s) == 0)
            return (long)i;
    return -1;
}

static void clear(strings *l)
{
    for (size_t i = 0; i < l->count; i++)
        free(l->items[i]);
    free(l->items);
    *l = (strings){0};
}

/* -------------------------------------------------------- CSV reading */

/* A CSV file as rows of fields. */
typedef struct {
    strings *rows;
    size_t count, cap;
    strings row; /* being read */
} table;

static void on_field(void *s, size_t n, void *ctx)
{
    char *field = malloc(n + 1);
    memcpy(field, s, n);
    field[n] = '\0';
    push(&((table *)ctx)->row, field);
}

static void on_row(int c, void *ctx)
{
    (void)c;
    table *t = ctx;
    if (t->count == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 64;
        t->rows = realloc(t->rows, t->cap * sizeof *t->rows);
    }
    t->rows[t->count++] = t->row;
    t->row = (strings){0};
}

/* Reads `path` (a UTF-8 CSV with `,`); false when it cannot. */
static bool read_csv(const char *path, table *t)
{
    *t = (table){0};
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return false;
    struct csv_parser p;
    csv_init(&p, CSV_APPEND_NULL);
    char buf[4096];
    size_t n;
    bool ok = true;
    while (ok && (n = fread(buf, 1, sizeof buf, fp)) > 0)
        ok = csv_parse(&p, buf, n, on_field, on_row, t) == n;
    ok = ok && csv_fini(&p, on_field, on_row, t) == 0;
    csv_free(&p);
    fclose(fp);
    return ok;
}

static void free_table(table *t)
{
    for (size_t i = 0; i < t->count; i++)
        clear(&t->rows[i]);
    clear(&t->row);
    free(t->rows);
    *t = (table){0};
}

static long column(const table *t, const char *name)
{
    return t->count ? find(&t->rows[0], name) : -1;
}

/* ---------------------------------------------------- making variants */

static bool is_ascii_letter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Characters (not bytes) of a UTF-8 word of `n` bytes. */
static size_t chars(const char *w, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += ((unsigned char)w[i] & 0xC0) != 0x80;
    return k;
}

/* The words of `tag` (split at spaces), malloc'd. */
static strings words_of(const char *tag)
{
    strings w = {0};
    const char *p = tag;
    while (*p) {
        while (*p == ' ')
            p++;
        const char *end = p;
        while (*end && *end != ' ')
            end++;
        if (end > p)
            push(&w, strndup(p, (size_t)(end - p)));
        p = end;
    }
    return w;
}

static char *join_words(const strings *w)
{
    size_t n = 1;
    for (size_t i = 0; i < w->count; i++)
        n += strlen(w->items[i]) + 1;
    char *s = calloc(n, 1);
    for (size_t i = 0; i < w->count; i++) {
        if (i)
            strcat(s, " ");
        strcat(s, w->items[i]);
    }
    return s;
}

static bool is_small_word(const char *w)
{
    static const char *const small[] = {"de", "des", "du", "la", "le", "les", "et",
                                        "à", "au", "aux", "en", "par", "pour", "of", "the"};
    for (size_t i = 0; i < sizeof small / sizeof *small; i++)
        if (strcmp(w, small[i]) == 0)
            return true;
    return strncmp(w, "d'", 2) == 0 || strncmp(w, "l'", 2) == 0;
}

static bool ends_with(const char *s, const char *end)
{
    size_t n = strlen(s), m = strlen(end);
    return n >= m && strcmp(s + n - m, end) == 0;
}

/* The plural as French writes it: every word that is not a small word
 * and not already plural gets -s, -x after -eau/-eu, -aux for -al. */
static char *plural(const char *tag)
{
    strings w = words_of(tag);
    for (size_t i = 0; i < w.count; i++) {
        char *word = w.items[i];
        if (is_small_word(word) || ends_with(word, "s") || ends_with(word, "x") ||
            ends_with(word, "z"))
            continue;
        if (ends_with(word, "al") && strlen(word) > 3)
            w.items[i] = format("%.*saux", (int)strlen(word) - 2, word);
        else if (ends_with(word, "eau") || ends_with(word, "eu"))
            w.items[i] = format("%sx", word);
        else
            w.items[i] = format("%ss", word);
        free(word);
    }
    char *s = join_words(&w);
    clear(&w);
    return s;
}

/* One slip of the keyboard in a word of 6 letters or more: a letter
 * replaced, left out, added, or two neighbours swapped; never the first
 * or the last letter, and only where the letters are ASCII (an accent
 * is not cut in two). NULL when the tag has no such word. */
static char *typo(const char *tag)
{
    strings w = words_of(tag);
    size_t eligible[16], n = 0;
    for (size_t i = 0; i < w.count && n < 16; i++)
        if (chars(w.items[i], strlen(w.items[i])) >= 6)
            eligible[n++] = i;
    char *s = NULL;
    for (int attempt = 0; n && attempt < 20 && !s; attempt++) {
        char *word = w.items[eligible[rnd((uint32_t)n)]];
        size_t len = strlen(word);
        size_t at = 1 + rnd((uint32_t)(len - 2)); /* 1 .. len-2 */
        if (!is_ascii_letter(word[at]) || !is_ascii_letter(word[at + 1]))
            continue;
        char *changed = malloc(len + 2);
        char letter = (char)('a' + rnd(26));
        switch (rnd(4)) {
        case 0: /* replaced */
            if (letter == word[at])
                letter = letter == 'z' ? 'a' : (char)(letter + 1);
            memcpy(changed, word, len + 1);
            changed[at] = letter;
            break;
        case 1: /* left out */
            memcpy(changed, word, at);
            memcpy(changed + at, word + at + 1, len - at);
            break;
        case 2: /* added */
            memcpy(changed, word, at);
            changed[at] = letter;
            memcpy(changed + at + 1, word + at, len - at + 1);
            break;
        default: /* swapped */
            memcpy(changed, word, len + 1);
            changed[at] = word[at + 1];
            changed[at + 1] = word[at];
            break;
        }
        if (strcmp(changed, word) == 0) {
            free(changed);
            continue;
        }
        strings copy = {0};
        for (size_t i = 0; i < w.count; i++)
            push(&copy, strdup(w.items[i] == word ? changed : w.items[i]));
        s = join_words(&copy);
        clear(&copy);
        free(changed);
    }
    clear(&w);
    return s;
}

/* The words in reverse order; NULL for a one-word tag. */
static char *reordered(const char *tag)
{
    strings w = words_of(tag);
    char *s = NULL;
    if (w.count >= 2) {
        for (size_t i = 0; i < w.count / 2; i++) {
            char *t = w.items[i];
            w.items[i] = w.items[w.count - 1 - i];
            w.items[w.count - 1 - i] = t;
        }
        s = join_words(&w);
    }
    clear(&w);
    return s;
}

enum { PLURAL, TYPO, ORDER, KINDS };
static const char *const kind_names[KINDS] = {"plural", "typo", "word order"};
static char *(*const makers[KINDS])(const char *) = {plural, typo, reordered};

/* ------------------------------------------------------ the noisy copy */

static strings tags_in_use(const char *actors, const char *challenges);

/* What the noise did: each distinct variant (normalised) and the tag it
 * stands for (normalised). */
typedef struct {
    strings variant, origin;
    size_t kind_count[KINDS]; /* occurrences replaced by a variant of each kind */
    size_t occurrences, replaced;
    strings clean; /* every tag of the clean files (actors, needs), normalised */
} noise;

/* The tag `key` (normalised) stands for: its origin when the noise made
 * it, else itself. */
static const char *origin_of(const noise *z, const char *key)
{
    long i = find(&z->variant, key);
    return i >= 0 ? z->origin.items[i] : key;
}

/* A variant of `tag` for the noise, or NULL when no kind gives one that is
 * new (not a clean tag, nor a variant of another tag). */
static char *variant_for(noise *z, const char *tag)
{
    char *key = norm(tag);
    uint32_t first = rnd(KINDS);
    char *made = NULL;
    for (uint32_t k = 0; k < KINDS && !made; k++) {
        int kind = (int)((first + k) % KINDS);
        char *v = makers[kind](tag);
        if (!v)
            continue;
        char *vkey = norm(v);
        long known = find(&z->variant, vkey);
        bool ok = strcmp(vkey, key) != 0 && find(&z->clean, vkey) < 0 &&
                  (known < 0 || strcmp(z->origin.items[known], key) == 0);
        if (ok && known < 0) {
            push(&z->variant, strdup(vkey));
            push(&z->origin, strdup(key));
        }
        z->kind_count[kind] += ok;
        free(vkey);
        if (ok)
            made = v;
        else
            free(v);
    }
    free(key);
    return made;
}

/* The cells of the tag columns, split at ';' and trimmed. */
static strings cell_tags(const char *cell)
{
    strings tags = {0};
    const char *p = cell;
    while (*p) {
        const char *end = strchr(p, ';');
        if (!end)
            end = p + strlen(p);
        const char *a = p, *b = end;
        while (a < b && *a == ' ')
            a++;
        while (b > a && b[-1] == ' ')
            b--;
        if (b > a)
            push(&tags, strndup(a, (size_t)(b - a)));
        p = *end ? end + 1 : end;
    }
    return tags;
}

static void write_field(FILE *fp, const char *s, bool last)
{
    fputc('"', fp);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', fp);
        fputc(*s, fp);
    }
    fputc('"', fp);
    fputc(last ? '\n' : ',', fp);
}

/* Writes the noisy copy of the clean actors `t` to `path`: a sixth of the
 * tag occurrences of expertise and seeks, chosen at random, replaced. */
static void make_noisy(table *t, const char *path, noise *z)
{
    long cols[2] = {column(t, "expertise"), column(t, "seeks")};
    CU_ASSERT_FATAL(cols[0] >= 0 && cols[1] >= 0);
    /* every occurrence, as (row, column, position in the cell) */
    typedef struct {
        size_t row, col, pos;
    } place;
    place *at = NULL;
    size_t n = 0;
    strings *cells = calloc(t->count * 2, sizeof *cells);
    for (size_t r = 1; r < t->count; r++)
        for (size_t c = 0; c < 2; c++) {
            strings *tags = &cells[r * 2 + c];
            *tags = cell_tags(t->rows[r].items[cols[c]]);
            at = realloc(at, (n + tags->count) * sizeof *at);
            for (size_t i = 0; i < tags->count; i++)
                at[n++] = (place){r, c, i};
        }
    z->occurrences = n;
    /* a sixth of them, by a partial Fisher-Yates shuffle */
    size_t want = n / 6;
    for (size_t i = 0; i < want; i++) {
        size_t j = i + rnd((uint32_t)(n - i));
        place p = at[i];
        at[i] = at[j];
        at[j] = p;
        strings *tags = &cells[at[i].row * 2 + at[i].col];
        char *v = variant_for(z, tags->items[at[i].pos]);
        if (v) {
            free(tags->items[at[i].pos]);
            tags->items[at[i].pos] = v;
            z->replaced++;
        }
    }
    FILE *fp = fopen(path, "w");
    CU_ASSERT_FATAL(fp != NULL);
    for (size_t r = 0; r < t->count; r++) {
        const strings *row = &t->rows[r];
        for (size_t f = 0; f < row->count; f++) {
            bool last = f + 1 == row->count;
            long c = (long)f == cols[0] ? 0 : (long)f == cols[1] ? 1 : -1;
            if (r == 0 || c < 0) {
                write_field(fp, row->items[f], last);
                continue;
            }
            const strings *tags = &cells[r * 2 + (size_t)c];
            size_t size = 1;
            for (size_t i = 0; i < tags->count; i++)
                size += strlen(tags->items[i]) + 2;
            char *cell = calloc(size, 1);
            for (size_t i = 0; i < tags->count; i++) {
                if (i)
                    strcat(cell, "; ");
                strcat(cell, tags->items[i]);
            }
            write_field(fp, cell, last);
            free(cell);
        }
    }
    CU_ASSERT_FATAL(fclose(fp) == 0);
    for (size_t i = 0; i < t->count * 2; i++)
        clear(&cells[i]);
    free(cells);
    free(at);
}

/* Every tag in use (normalised): the actors' tags and the challenges'
 * needs. */
static strings tags_in_use(const char *actors, const char *challenges)
{
    strings used = {0};
    table t;
    CU_ASSERT_FATAL(read_csv(actors, &t));
    long cols[2] = {column(&t, "expertise"), column(&t, "seeks")};
    for (size_t r = 1; r < t.count; r++)
        for (size_t c = 0; c < 2; c++) {
            strings tags = cell_tags(t.rows[r].items[cols[c]]);
            for (size_t i = 0; i < tags.count; i++) {
                char *key = norm(tags.items[i]);
                if (find(&used, key) < 0)
                    push(&used, key);
                else
                    free(key);
            }
            clear(&tags);
        }
    free_table(&t);
    FILE *fp = fopen(challenges, "rb");
    CU_ASSERT_FATAL(fp != NULL);
    fseek(fp, 0, SEEK_END);
    long size = ftell(fp);
    rewind(fp);
    char *text = calloc((size_t)size + 1, 1);
    CU_ASSERT_FATAL(fread(text, 1, (size_t)size, fp) == (size_t)size);
    fclose(fp);
    cJSON *root = cJSON_Parse(text);
    free(text);
    CU_ASSERT_FATAL(root != NULL);
    const cJSON *c;
    cJSON_ArrayForEach(c, cJSON_GetObjectItem(root, "challenges"))
    {
        const cJSON *need;
        cJSON_ArrayForEach(need, cJSON_GetObjectItem(c, "needs"))
        {
            /* an object of tag: weight, or a list of tags */
            char *key = norm(need->string ? need->string : need->valuestring);
            if (find(&used, key) < 0)
                push(&used, key);
            else
                free(key);
        }
    }
    cJSON_Delete(root);
    return used;
}

/* ------------------------------------------------------ running cocreate */

static int run(const char *command)
{
    int status = system(command);
    if (status != 0)
        fprintf(stderr, "\n  failed (%d): %s\n", status, command);
    return status;
}

/* The top 10 of every challenge: one line per proposal, "challenge,rank,
 * score and components,social id,company id,public id", in the order
 * `match --all -k 10` writes them. `thesaurus` is NULL for none. */
static strings top10(const char *actors, const char *thesaurus)
{
    char *out = format("%s/top.csv", work_dir);
    char *extra = thesaurus ? format(" --thesaurus '%s'", thesaurus) : strdup("");
    char *cmd = format("'%s' match --all -k 10 -q -a '%s' -c '%s/challenges.json'%s -f csv "
                       "--no-header -o '%s'",
                       program, actors, data_dir, extra, out);
    strings lines = {0};
    table t;
    if (run(cmd) == 0 && read_csv(out, &t)) {
        /* challenge_id, rank, score, 5 components, social_id, _, company_id, _, public_id */
        for (size_t r = 0; r < t.count; r++) {
            const strings *f = &t.rows[r];
            CU_ASSERT_FATAL(f->count >= 13);
            push(&lines, format("%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s", f->items[0], f->items[1],
                                f->items[2], f->items[3], f->items[4], f->items[5], f->items[6],
                                f->items[7], f->items[8], f->items[10], f->items[12]));
        }
        free_table(&t);
    } else {
        CU_FAIL("match --all did not run");
    }
    free(cmd);
    free(extra);
    free(out);
    return lines;
}

/* The challenges whose top 10 differ between `a` and `b`. */
static size_t challenges_differing(const strings *a, const strings *b)
{
    strings ids = {0};
    for (int side = 0; side < 2; side++) {
        const strings *l = side ? b : a;
        for (size_t i = 0; i < l->count; i++) {
            char *id = strndup(l->items[i], strcspn(l->items[i], ","));
            if (find(&ids, id) < 0)
                push(&ids, id);
            else
                free(id);
        }
    }
    size_t differing = 0;
    for (size_t k = 0; k < ids.count; k++) {
        size_t len = strlen(ids.items[k]);
        strings pa = {0}, pb = {0}; /* borrowed lines of this challenge */
        for (int side = 0; side < 2; side++) {
            const strings *l = side ? b : a;
            strings *p = side ? &pb : &pa;
            for (size_t i = 0; i < l->count; i++)
                if (strncmp(l->items[i], ids.items[k], len) == 0 && l->items[i][len] == ',')
                    push(p, l->items[i]);
        }
        bool same = pa.count == pb.count;
        for (size_t i = 0; same && i < pa.count; i++)
            same = strcmp(pa.items[i], pb.items[i]) == 0;
        differing += !same;
        free(pa.items);
        free(pb.items);
    }
    clear(&ids);
    return differing;
}

/* The draft thesaurus without the rows whose reason is `reason`. */
static char *thesaurus_without(const table *draft, const char *reason)
{
    char *path = format("%s/without-%s.csv", work_dir, reason);
    for (char *p = strrchr(path, '/'); *p; p++)
        if (*p == ' ')
            *p = '-';
    FILE *fp = fopen(path, "w");
    CU_ASSERT_FATAL(fp != NULL);
    long why = column(draft, "reason");
    for (size_t r = 0; r < draft->count; r++) {
        const strings *f = &draft->rows[r];
        if (r > 0 && strcmp(f->items[why], reason) == 0)
            continue;
        for (size_t i = 0; i < f->count; i++)
            write_field(fp, f->items[i], i + 1 == f->count);
    }
    CU_ASSERT_FATAL(fclose(fp) == 0);
    return path;
}

/* ------------------------------------------------------------ measuring */

typedef struct {
    size_t findable, found; /* variants */
    size_t rows, wrong;     /* rows of the draft */
} score;

/* Measures the draft thesaurus `draft` against the record `z`. A variant
 * is found when it and its origin mean one tag in the draft; only the
 * variants whose origin is still in use (`used`) count (a tag whose every
 * occurrence was replaced has nothing left to be a spelling of). A row is
 * wrong when its tag and its meaning have different origins. */
static score measure(const table *draft, const noise *z, const strings *used, bool show)
{
    score m = {0};
    long tag_col = column(draft, "tag"), means_col = column(draft, "means");
    long why = column(draft, "reason");
    strings from = {0}, to = {0}; /* the draft's mapping, normalised */
    for (size_t r = 1; r < draft->count; r++) {
        const strings *f = &draft->rows[r];
        char *a = norm(f->items[tag_col]), *b = norm(f->items[means_col]);
        if (strcmp(origin_of(z, a), origin_of(z, b)) != 0) {
            m.wrong++;
            if (show)
                printf("  wrong merge: '%s' -> '%s' (%s)\n", f->items[tag_col],
                       f->items[means_col], f->items[why]);
        }
        push(&from, a);
        push(&to, b);
    }
    m.rows = draft->count - 1;
    for (size_t i = 0; i < z->variant.count; i++) {
        const char *v = z->variant.items[i], *o = z->origin.items[i];
        if (find(used, o) < 0 || find(used, v) < 0)
            continue;
        m.findable++;
        long mv = find(&from, v), mo = find(&from, o);
        const char *fv = mv >= 0 ? to.items[mv] : v, *fo = mo >= 0 ? to.items[mo] : o;
        if (strcmp(fv, fo) == 0)
            m.found++;
        else if (show)
            printf("  not found: '%s' (for '%s')\n", v, o);
    }
    clear(&from);
    clear(&to);
    return m;
}

/* -------------------------------------------------------------- the test */

static void test_noisy_copy(void)
{
    char *clean_path = format("%s/actors.csv", data_dir);
    char *challenges = format("%s/challenges.json", data_dir);
    char *noisy_path = format("%s/noisy.csv", work_dir);
    char *draft_path = format("%s/suggested.csv", work_dir);
    table clean;
    CU_ASSERT_FATAL(read_csv(clean_path, &clean));
    noise z = {.clean = tags_in_use(clean_path, challenges)};
    make_noisy(&clean, noisy_path, &z);
    free_table(&clean);
    printf("\n  noise: %zu of %zu tag occurrences replaced (a sixth: %zu): %zu by a plural, "
           "%zu by a typo, %zu by the words in another order; %zu distinct variants\n",
           z.replaced, z.occurrences, z.occurrences / 6, z.kind_count[PLURAL],
           z.kind_count[TYPO], z.kind_count[ORDER], z.variant.count);
    /* nearly every chosen occurrence has a variant (the rest keep their
     * tag), and each kind of noise has its share */
    CU_ASSERT(z.replaced * 20 >= z.occurrences / 6 * 19);
    for (int k = 0; k < KINDS; k++)
        CU_ASSERT(z.kind_count[k] * 10 >= z.replaced);

    /* the draft */
    char *cmd = format("'%s' tags --suggest -q -a '%s' -c '%s' -o '%s'", program, noisy_path,
                       challenges, draft_path);
    CU_ASSERT_FATAL(run(cmd) == 0);
    free(cmd);
    table draft;
    CU_ASSERT_FATAL(read_csv(draft_path, &draft));
    CU_ASSERT_FATAL(column(&draft, "tag") >= 0 && column(&draft, "means") >= 0 &&
                    column(&draft, "reason") >= 0);
    strings used = tags_in_use(noisy_path, challenges);
    score m = measure(&draft, &z, &used, true);
    printf("  tags --suggest: found %zu of %zu variants (%.1f%%); %zu of %zu suggestions "
           "merge different tags (%.1f%%)\n",
           m.found, m.findable, m.findable ? 100.0 * (double)m.found / (double)m.findable : 0.0,
           m.wrong, m.rows, m.rows ? 100.0 * (double)m.wrong / (double)m.rows : 0.0);
    CU_ASSERT(m.findable * 10 >= z.variant.count * 9); /* the measure covers most of the noise */
    CU_ASSERT(m.found * 10 >= m.findable * 9);
    CU_ASSERT(m.rows > 0 && m.wrong * 10 < m.rows);
    /* the measure itself can fail: a draft whose meanings are shifted by
     * one row finds few variants and merges wrongly */
    table shifted = draft;
    long means_col = column(&draft, "means");
    shifted.rows = malloc(draft.count * sizeof *shifted.rows);
    for (size_t r = 0; r < draft.count; r++) {
        shifted.rows[r] = draft.rows[r];
        if (r > 0) {
            size_t next = r + 1 < draft.count ? r + 1 : 1;
            shifted.rows[r].items = malloc(draft.rows[r].count * sizeof(char *));
            memcpy(shifted.rows[r].items, draft.rows[r].items,
                   draft.rows[r].count * sizeof(char *));
            shifted.rows[r].items[means_col] = draft.rows[next].items[means_col];
        }
    }
    score bad = measure(&shifted, &z, &used, false);
    CU_ASSERT(bad.found * 10 < bad.findable * 9);
    CU_ASSERT(bad.wrong * 10 >= bad.rows);
    for (size_t r = 1; r < draft.count; r++)
        free(shifted.rows[r].items);
    free(shifted.rows);

    /* the top 10: clean = noisy with the draft; the noise alone changes it */
    strings ref = top10(clean_path, NULL);
    strings repaired = top10(noisy_path, draft_path);
    strings raw = top10(noisy_path, NULL);
    size_t bad_repaired = challenges_differing(&ref, &repaired);
    size_t bad_raw = challenges_differing(&ref, &raw);
    printf("  match --all -k 10: %zu challenges with another top 10 than the clean file without "
           "the thesaurus, %zu with it\n",
           bad_raw, bad_repaired);
    CU_ASSERT(ref.count >= 10);
    CU_ASSERT_EQUAL(bad_repaired, 0);
    CU_ASSERT(bad_raw > 0);
    /* each rule the noise calls for is needed: without its rows, some top
     * 10 differs again */
    for (int k = 0; k < KINDS; k++) {
        char *partial = thesaurus_without(&draft, kind_names[k]);
        strings l = top10(noisy_path, partial);
        size_t differ = challenges_differing(&ref, &l);
        printf("  without the '%s' rows: %zu challenges with another top 10\n", kind_names[k],
               differ);
        CU_ASSERT(differ > 0);
        clear(&l);
        free(partial);
    }
    clear(&ref);
    clear(&repaired);
    clear(&raw);
    clear(&used);
    free_table(&draft);
    clear(&z.variant);
    clear(&z.origin);
    clear(&z.clean);
    free(clean_path);
    free(challenges);
    free(noisy_path);
    free(draft_path);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: test_noisy_tags PROGRAM DATA_DIR\n");
        return 2;
    }
    program = argv[1];
    data_dir = argv[2];
    const char *tmp = getenv("TMPDIR");
    int n = snprintf(work_dir, sizeof work_dir, "%s/cocreate-noisy-XXXXXX",
                     tmp && *tmp ? tmp : "/tmp");
    if (n < 0 || (size_t)n >= sizeof work_dir || !mkdtemp(work_dir)) {
        fprintf(stderr, "test_noisy_tags: cannot make a directory %s\n", work_dir);
        return 2;
    }
    const test_case tests[] = {
        {"tags --suggest on a noisy copy of the bundled actors", test_noisy_copy}};
    int status = RUN_SUITE("noisy_tags", tests);
    char *cmd = format("rm -rf '%s'", work_dir);
    if (system(cmd) != 0)
        status = status ? status : 2;
    free(cmd);
    return status;
}
