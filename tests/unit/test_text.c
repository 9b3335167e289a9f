/* test_text.c — tag normalisation (SPEC §2), UTF-8 checks, display width. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cocreate/intern.h"
#include "cocreate/text.h"
#include "harness.h"

static void assert_norm(const char *in, const char *expected)
{
    char *out;
    CU_ASSERT_EQUAL_FATAL(cc_text_norm(in, strlen(in), &out), CC_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(out);
    CU_ASSERT_STRING_EQUAL(out, expected);
    if (strcmp(out, expected) != 0)
        fprintf(stderr, "\n  norm(\"%s\") = \"%s\", expected \"%s\"\n", in, out, expected);
    free(out);
}

static void test_accents_and_case(void)
{
    assert_norm("Santé", "sante");
    assert_norm("SANTÉ", "sante");
    assert_norm(" SANTE ", "sante");
    assert_norm("Éducation", "education");
    assert_norm("Île-de-France", "ile de france");
    assert_norm("Ça", "ca");
    /* a decomposed é (e + U+0301) is the same tag as the composed one */
    assert_norm("sante\xCC\x81", "sante");
}

static void test_separators(void)
{
    assert_norm("circuits-courts", "circuits courts");
    assert_norm("Circuits courts", "circuits courts");
    assert_norm("circuits_courts", "circuits courts");
    assert_norm("hébergement d'urgence", "hebergement d urgence");
    assert_norm("hébergement d’urgence", "hebergement d urgence");
    assert_norm("a  -  b", "a b");
    assert_norm("tab\there", "tab here");
    assert_norm("no\xC2\xA0" "break", "no break"); /* U+00A0 no-break space */
    assert_norm("--x--", "x");
}

static void test_special_letters(void)
{
    assert_norm("Straße", "strasse");
    assert_norm("STRASSE", "strasse");
    assert_norm("Œuvre", "œuvre");
    assert_norm("œuvre", "œuvre");
    assert_norm("ﬁnancement", "financement"); /* the fi ligature is a compatibility form */
}

static void test_empty(void)
{
    assert_norm("", "");
    assert_norm("   ", "");
    assert_norm("-_'’", "");
}

static void test_invalid_utf8(void)
{
    /* invalid UTF-8 is CC_EDATA, never mistaken for out of memory */
    char *out = (char *)"unchanged";
    CU_ASSERT_EQUAL(cc_text_norm("caf\xE9", 4, &out), CC_EDATA);
    CU_ASSERT_PTR_NULL(out);
    out = (char *)"unchanged";
    CU_ASSERT_EQUAL(cc_text_norm_compact("\xC3", 1, &out), CC_EDATA);
    CU_ASSERT_PTR_NULL(out);
    CU_ASSERT_EQUAL(cc_text_invalid_utf8("caf\xE9 ok", 7), 3);
    CU_ASSERT_EQUAL(cc_text_invalid_utf8("café", strlen("café")), strlen("café"));
    CU_ASSERT_EQUAL(cc_text_invalid_utf8("a\0b", 3), 1); /* NUL is refused */
    CU_ASSERT_EQUAL(cc_text_invalid_utf8("\xC3", 1), 0);  /* truncated sequence */
    /* the first bad byte wherever it falls in the words read at once,
     * after ASCII and after characters of 2 to 4 bytes */
    static const char *const before[] = {"a", "é", "€", "😀"};
    static const char *const bad[] = {"\xE9", "", "\xC3(", "\xED\xA0\x80", "\xF4\x90\x80\x80"};
    for (size_t b = 0; b < sizeof before / sizeof *before; b++)
        for (size_t k = 0; k < 20; k++)
            for (size_t x = 0; x < sizeof bad / sizeof *bad; x++) {
                char s[128] = "";
                for (size_t i = 0; i < k; i++)
                    strcat(s, before[b]);
                size_t at = strlen(s);
                strcat(s, x == 1 ? "z" : bad[x]);
                strcat(s, "tail of plain text");
                size_t len = strlen(s);
                if (x == 1)
                    s[at] = '\0'; /* a NUL byte */
                CU_ASSERT_EQUAL(cc_text_invalid_utf8(s, len), at);
                CU_ASSERT_EQUAL(cc_text_invalid_utf8(s, at), at); /* valid up to there */
            }
}

static void test_compact(void)
{
    char *a;
    CU_ASSERT_EQUAL_FATAL(cc_text_norm_compact("Savoir-Faire", 12, &a), CC_OK);
    CU_ASSERT_STRING_EQUAL(a, "savoirfaire");
    free(a);
}

static void test_width(void)
{
    CU_ASSERT_EQUAL(cc_text_width("abc"), 3);
    CU_ASSERT_EQUAL(cc_text_width("Métropole"), 9);   /* 10 bytes, 9 columns */
    CU_ASSERT_EQUAL(cc_text_width("e\xCC\x81"), 1);   /* combining accent takes no column */
    CU_ASSERT_EQUAL(cc_text_width("日本"), 4);         /* wide characters take two */
    CU_ASSERT_EQUAL(cc_text_fit("Métropole", 3), strlen("Mét"));
    CU_ASSERT_EQUAL(cc_text_fit("日本", 3), strlen("日"));
}

static void assert_escape(const char *in, const char *expected)
{
    char *out = cc_text_escape(in);
    CU_ASSERT_PTR_NOT_NULL_FATAL(out);
    CU_ASSERT_STRING_EQUAL(out, expected);
    /* written to a stream, the same text */
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
    cc_text_put_escaped(fp, in);
    fclose(fp);
    CU_ASSERT_STRING_EQUAL(buf, expected);
    /* escaping the escaped text changes nothing */
    char *again = cc_text_escape(out);
    CU_ASSERT_STRING_EQUAL(again, out);
    free(again);
    free(buf);
    free(out);
}

static void test_escape(void)
{
    assert_escape("", "");
    assert_escape("Métropole 日本 back\\slash \"q\"", "Métropole 日本 back\\slash \"q\"");
    assert_escape("a\tb\nc\rd", "a\\tb\\nc\\rd");
    /* window title, clear screen, bell, DEL */
    assert_escape("x\x1b]0;t\x07\x1b[2J\x7f", "x\\x1b]0;t\\x07\\x1b[2J\\x7f");
    /* C1 controls: NEL and CSI, as UTF-8 */
    assert_escape("\xc2\x85\xc2\x9b" "31m", "\\u0085\\u009b31m");
    /* bidirectional overrides and isolates, line and paragraph separators */
    assert_escape("a\xe2\x80\xae" "b\xe2\x81\xa6" "c\xe2\x81\xa9", "a\\u202eb\\u2066c\\u2069");
    assert_escape("\xe2\x80\xa8\xe2\x80\xa9", "\\u2028\\u2029");
    /* bytes that are not UTF-8, one escape each */
    assert_escape("caf\xe9 \xc3", "caf\\xe9 \\xc3");
    /* around the ranges: shown as they are */
    assert_escape("\xc2\xa0\xe2\x80\xaf\xe2\x81\xa5\xe2\x81\xaa~",
                  "\xc2\xa0\xe2\x80\xaf\xe2\x81\xa5\xe2\x81\xaa~");
}

static void test_unsafe(void)
{
    CU_ASSERT_TRUE(cc_text_unsafe(0x00) && cc_text_unsafe(0x1F) && cc_text_unsafe(0x7F));
    CU_ASSERT_TRUE(cc_text_unsafe(0x80) && cc_text_unsafe(0x9F));
    CU_ASSERT_TRUE(cc_text_unsafe(0x202A) && cc_text_unsafe(0x202E));
    CU_ASSERT_TRUE(cc_text_unsafe(0x2066) && cc_text_unsafe(0x2069));
    CU_ASSERT_TRUE(cc_text_unsafe(0x2028) && cc_text_unsafe(0x2029));
    CU_ASSERT_FALSE(cc_text_unsafe(0x20) || cc_text_unsafe(0x7E) || cc_text_unsafe(0xA0));
    CU_ASSERT_FALSE(cc_text_unsafe(0x2027) || cc_text_unsafe(0x202F));
    CU_ASSERT_FALSE(cc_text_unsafe(0x2065) || cc_text_unsafe(0x206A) || cc_text_unsafe(0xE9));
}

static void test_clip(void)
{
    CU_ASSERT_EQUAL(cc_text_clip("abc", 10), 3);
    CU_ASSERT_EQUAL(cc_text_clip("abc", 2), 2);
    CU_ASSERT_EQUAL(cc_text_clip("abé", 3), 2);  /* é is 2 bytes: not cut */
    CU_ASSERT_EQUAL(cc_text_clip("abé", 4), 4);
    CU_ASSERT_EQUAL(cc_text_clip("日本", 5), 3);
    CU_ASSERT_EQUAL(cc_text_clip("a\xe9" "b", 2), 2); /* a stray byte is one character */
    char text[32];
    snprintf(text, sizeof text, "'%.*s%s'", CC_TEXT_CLIPPED("xxé", 3));
    CU_ASSERT_STRING_EQUAL(text, "'xx…'");
    snprintf(text, sizeof text, "'%.*s%s'", CC_TEXT_CLIPPED("xxé", 4));
    CU_ASSERT_STRING_EQUAL(text, "'xxé'");
}

static void test_distance(void)
{
    size_t d;
    CU_ASSERT_EQUAL(cc_text_distance("kitten", "sitting", &d), CC_OK);
    CU_ASSERT_EQUAL(d, 3);
    CU_ASSERT_EQUAL(cc_text_distance("", "abc", &d), CC_OK);
    CU_ASSERT_EQUAL(d, 3);
    CU_ASSERT_EQUAL(cc_text_distance("same", "same", &d), CC_OK);
    CU_ASSERT_EQUAL(d, 0);
}

static void test_intern(void)
{
    cc_intern *t = cc_intern_new();
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    bool added;
    CU_ASSERT_EQUAL(cc_intern_add(t, "sante", "Santé", &added), 0);
    CU_ASSERT_TRUE(added);
    CU_ASSERT_EQUAL(cc_intern_add(t, "sante", "SANTE", &added), 0);
    CU_ASSERT_FALSE(added);
    CU_ASSERT_STRING_EQUAL(cc_intern_display(t, 0), "Santé"); /* first spelling kept */
    char key[32];
    for (int i = 0; i < 10000; i++) { /* forces several rehashes */
        snprintf(key, sizeof key, "tag %d", i);
        CU_ASSERT_EQUAL(cc_intern_add(t, key, NULL, NULL), i + 1);
    }
    CU_ASSERT_EQUAL(cc_intern_find(t, "tag 4321"), 4322);
    CU_ASSERT_EQUAL(cc_intern_find(t, "absent"), -1);
    CU_ASSERT_STRING_EQUAL(cc_intern_display(t, 4322), "tag 4321");
    CU_ASSERT_EQUAL(cc_intern_count(t), 10001);
    cc_intern_free(t);
}

static void test_intern_split(void)
{
    cc_intern *t = cc_intern_new();
    int *ids, n;
    CU_ASSERT_EQUAL_FATAL(cc_intern_split(t, " Santé ;;b| santé", strlen(" Santé ;;b| santé"), ";|", &ids, &n), CC_OK);
    CU_ASSERT_EQUAL(n, 3); /* the empty piece is dropped, repeats kept */
    CU_ASSERT_TRUE(n == 3 && ids[0] == 0 && ids[1] == 1 && ids[2] == 0);
    CU_ASSERT_STRING_EQUAL(cc_intern_display(t, 0), "Santé"); /* without the blanks */
    free(ids);
    CU_ASSERT_EQUAL(cc_intern_split(t, "a;\xE9", 3, ";", &ids, &n), CC_EDATA);
    CU_ASSERT_PTR_NULL(ids);
    CU_ASSERT_EQUAL(n, 0);
    /* finding adds nothing; unknown or invalid pieces are -1 */
    int before = cc_intern_count(t);
    CU_ASSERT_EQUAL_FATAL(cc_intern_split_find(t, "SANTE/zz/\xE9", 10, "/", &ids, &n), CC_OK);
    CU_ASSERT_TRUE(n == 3 && ids[0] == 0 && ids[1] == -1 && ids[2] == -1);
    CU_ASSERT_EQUAL(cc_intern_count(t), before);
    free(ids);
    cc_intern_free(t);
}

/* Each raw spelling is normalised once and remembered: the ids and the
 * shown spellings must be what normalising every piece would give. */
static void test_intern_spellings(void)
{
    cc_intern *t = cc_intern_new();
    cc_intern_ids ids = {0};
    const char *text = "Circuits-courts; circuits courts |  Circuits-courts\t;--; Santé;SANTE";
    CU_ASSERT_EQUAL_FATAL(cc_intern_split_append(t, text, strlen(text), ";|", &ids), CC_OK);
    CU_ASSERT_EQUAL_FATAL(ids.count, 5); /* "--" normalises to nothing */
    CU_ASSERT_TRUE(ids.ids[0] == 0 && ids.ids[1] == 0 && ids.ids[2] == 0);
    CU_ASSERT_TRUE(ids.ids[3] == 1 && ids.ids[4] == 1);
    CU_ASSERT_STRING_EQUAL(cc_intern_display(t, 0), "Circuits-courts");
    CU_ASSERT_STRING_EQUAL(cc_intern_key(t, 1), "sante");
    /* appending again: the remembered spellings give the same ids */
    CU_ASSERT_EQUAL_FATAL(cc_intern_split_append(t, text, strlen(text), ";|", &ids), CC_OK);
    CU_ASSERT_EQUAL(ids.count, 10);
    CU_ASSERT_EQUAL(memcmp(ids.ids, ids.ids + 5, 5 * sizeof *ids.ids), 0);
    CU_ASSERT_EQUAL(cc_intern_count(t), 2);
    /* a failure leaves the list as it was */
    CU_ASSERT_EQUAL(cc_intern_split_append(t, "x;\xE9", 4, ";", &ids), CC_EDATA);
    CU_ASSERT_EQUAL(ids.count, 10);
    /* a key added directly is found through a spelling seen later */
    CU_ASSERT_EQUAL(cc_intern_add(t, "logistique", "Logistique", NULL), 3);
    int *found, n;
    CU_ASSERT_EQUAL_FATAL(cc_intern_split_find(t, "LOGISTIQUE;santé;--;nul", 23, ";", &found, &n),
                          CC_OK);
    CU_ASSERT_TRUE(n == 3 && found[0] == 3 && found[1] == 1 && found[2] == -1);
    free(found);
    /* recalled only: every spelling split before (blanks aside), or none */
    bool seen = false;
    ids.count = 0;
    const char *again = " SANTE |--;\tCircuits-courts ";
    CU_ASSERT_EQUAL_FATAL(cc_intern_split_seen(t, again, strlen(again), ";|", &ids, &seen), CC_OK);
    CU_ASSERT_TRUE(seen);
    CU_ASSERT_TRUE(ids.count == 2 && ids.ids[0] == 1 && ids.ids[1] == 0);
    seen = true;
    const char *other = "Santé;sante"; /* "sante" is a known tag, not a spelling seen */
    CU_ASSERT_EQUAL_FATAL(cc_intern_split_seen(t, other, strlen(other), ";", &ids, &seen), CC_OK);
    CU_ASSERT_FALSE(seen);
    CU_ASSERT_EQUAL(ids.count, 2);
    CU_ASSERT_EQUAL(cc_intern_split_seen(t, "\xE9", 1, ";", &ids, &seen), CC_OK);
    CU_ASSERT_FALSE(seen);
    CU_ASSERT_EQUAL(ids.count, 2);
    CU_ASSERT_EQUAL(cc_intern_count(t), 4);
    free(ids.ids);
    cc_intern_free(t);
}

/* Separators found wherever they fall in the words read at once: pieces
 * of pseudo-random texts against those a byte loop finds. */
static void test_intern_split_words(void)
{
    static const char *const separator_sets[] = {";|", "/", ";|/,.-"};
    const char alphabet[] = "abxy;|/,.";
    unsigned seed = 1;
    for (size_t set = 0; set < 3; set++) {
        const char *separators = separator_sets[set];
        cc_intern *t = cc_intern_new();
        for (int round = 0; round < 300; round++) {
            char text[64];
            size_t len = (size_t)round % 60;
            for (size_t i = 0; i < len; i++) {
                seed = seed * 1103515245u + 12345u;
                text[i] = alphabet[(seed >> 16) % (sizeof alphabet - 1)];
            }
            text[len] = '\0';
            cc_intern_ids ids = {0};
            CU_ASSERT_EQUAL_FATAL(cc_intern_split_append(t, text, len, separators, &ids), CC_OK);
            size_t piece = 0, start = 0;
            for (size_t i = 0; i <= len; i++) {
                if (i < len && !strchr(separators, text[i]))
                    continue;
                /* a piece of separators of another set is a tag too */
                if (i > start) {
                    CU_ASSERT_FATAL(piece < ids.count);
                    const char *key = cc_intern_key(t, ids.ids[piece++]);
                    CU_ASSERT(strlen(key) == i - start && memcmp(key, text + start, i - start) == 0);
                }
                start = i + 1;
            }
            CU_ASSERT_EQUAL(piece, ids.count);
            free(ids.ids);
        }
        cc_intern_free(t);
    }
}

static void test_number(void)
{
    /* decimal numbers only: what strtod takes beyond them (hexadecimal, inf,
     * nan) and what it turns into HUGE_VAL or 0 would reach the score */
    static const struct {
        const char *text;
        const char *why; /* NULL: a number of value `value` */
        double value;
    } cases[] = {
        {"1", NULL, 1},          {"0.25", NULL, 0.25},   {".5", NULL, 0.5},
        {"5.", NULL, 5},         {"-2", NULL, -2},       {"+3", NULL, 3},
        {"1.5e+3", NULL, 1500},  {"0e400", NULL, 0},     {"0.000", NULL, 0},
        {"1e308", NULL, 1e308},  {"4.9e-324", NULL, 4.9e-324},
        {"1e400", "is too large", 0},   {"-1e400", "is too large", 0},
        {"1e-400", "is too small", 0},  {"0.0001e-330", "is too small", 0},
        {"inf", "is not a decimal number", 0},     {"infinity", "is not a decimal number", 0},
        {"nan", "is not a decimal number", 0},     {"0x10", "is not a decimal number", 0},
        {"0x1p3", "is not a decimal number", 0},   {"", "is not a decimal number", 0},
        {".", "is not a decimal number", 0},       {"-", "is not a decimal number", 0},
        {"1e", "is not a decimal number", 0},      {"e5", "is not a decimal number", 0},
        {" 1", "is not a decimal number", 0},      {"1 ", "is not a decimal number", 0},
        {"1,5", "is not a decimal number", 0},     {"1.2.3", "is not a decimal number", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        double v = -99;
        const char *why = cc_text_number(cases[i].text, &v);
        if (cases[i].why) {
            CU_ASSERT_PTR_NOT_NULL(why);
            CU_ASSERT_STRING_EQUAL(why ? why : "", cases[i].why);
            CU_ASSERT_EQUAL(v, -99); /* untouched */
        } else {
            CU_ASSERT_PTR_NULL(why);
            CU_ASSERT_EQUAL(v, cases[i].value);
        }
        if ((why == NULL) != (cases[i].why == NULL))
            fprintf(stderr, "\n  case '%s': %s\n", cases[i].text, why ? why : "a number");
    }
}

int main(void)
{
    static const test_case tests[] = {
        {"accents and case", test_accents_and_case},
        {"hyphens, apostrophes, spaces", test_separators},
        {"ß, œ and ligatures", test_special_letters},
        {"tags that normalise to nothing", test_empty},
        {"invalid UTF-8", test_invalid_utf8},
        {"compact column names", test_compact},
        {"display width", test_width},
        {"escapes for a terminal", test_escape},
        {"characters a terminal acts on", test_unsafe},
        {"values clipped for messages", test_clip},
        {"edit distance", test_distance},
        {"interning", test_intern},
        {"splitting and interning pieces", test_intern_split},
        {"each raw spelling normalised once", test_intern_spellings},
        {"separators anywhere in a word", test_intern_split_words},
        {"decimal numbers", test_number},
    };
    return RUN_SUITE("text", tests);
}
