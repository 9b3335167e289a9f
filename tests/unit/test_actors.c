/* test_actors.c — the actors CSV loader (SPEC §1.1, §6). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cocreate/actors.h"
#include "cocreate/rank.h"
#include "harness.h"

typedef struct {
    cc_intern *tags;
    cc_actors actors;
    cc_error err;
    cc_status status;
} loaded;

static loaded load_with(const char *csv, size_t len, const cc_load_options *opt)
{
    loaded l = {.tags = cc_intern_new()};
    l.status = cc_actors_load_buffer(&l.actors, "t.csv", csv, len, opt, l.tags, &l.err);
    return l;
}

static loaded load(const char *csv)
{
    return load_with(csv, strlen(csv), NULL);
}

static void unload(loaded *l)
{
    cc_actors_free(&l->actors);
    cc_intern_free(l->tags);
    cc_error_clear(&l->err);
}

static bool has_tag(const loaded *l, const cc_idlist *list, const char *key)
{
    int id = cc_intern_find(l->tags, key);
    for (int i = 0; i < list->count; i++)
        if (list->ids[i] == id)
            return true;
    return false;
}

static void test_basic(void)
{
    loaded l = load("id,name,sector,expertise,seeks,territory,reach\n"
                    "s1,Les Jardins,social,Circuits-courts; Nutrition,financement,FR/Hauts-de-France/Lille,12 000\n"
                    "c1,Biomarché,company,logistique|distribution,,FR/Hauts-de-France,1500000\n"
                    "p1,Ville de Lille,public,foncier,,FR/Hauts-de-France/Lille,\n");
    CU_ASSERT_EQUAL_FATAL(l.status, CC_OK);
    CU_ASSERT_EQUAL_FATAL(l.actors.count, 3);
    const cc_actor *s = &l.actors.items[0];
    CU_ASSERT_STRING_EQUAL(s->id, "s1");
    CU_ASSERT_EQUAL(s->sector, CC_SOCIAL);
    CU_ASSERT_EQUAL(s->expertise.count, 2);
    CU_ASSERT_TRUE(has_tag(&l, &s->expertise, "circuits courts"));
    CU_ASSERT_TRUE(has_tag(&l, &s->expertise, "nutrition"));
    CU_ASSERT_TRUE(has_tag(&l, &s->seeks, "financement"));
    CU_ASSERT_EQUAL(s->territory_depth, 3);
    CU_ASSERT_EQUAL(s->reach, 12000);
    CU_ASSERT_EQUAL(s->line, 2);
    CU_ASSERT_EQUAL(l.actors.items[1].expertise.count, 2); /* '|' separates too */
    CU_ASSERT_EQUAL(l.actors.items[1].reach, 1500000);
    CU_ASSERT_EQUAL(l.actors.items[2].reach, 0);
    CU_ASSERT_TRUE(l.actors.any_seeks && l.actors.any_territory && l.actors.any_reach);
    CU_ASSERT_EQUAL(l.actors.per_sector[CC_PUBLIC], 1);
    CU_ASSERT_EQUAL(cc_actors_find(&l.actors, "c1"), 1);
    CU_ASSERT_EQUAL(cc_actors_find(&l.actors, "zz"), -1);
    /* the tag is shown as first spelled */
    CU_ASSERT_STRING_EQUAL(cc_intern_display(l.tags, cc_intern_find(l.tags, "circuits courts")),
                           "Circuits-courts");
    unload(&l);
}

static void test_aliases(void)
{
    loaded l = load("Identifiant;Nom;Type;Savoir-Faire;Besoins;Territoire;Portée\n"
                    "a;A;association;x;;;\n"
                    "b;B;Entreprise;y;;;\n"
                    "c;C;Collectivité;z;;;\n"
                    "d;D;Entrepreneur social;z;;;\n"
                    "e;E;Pouvoirs-Publics;z;;;\n"
                    "f;F;privé;z;;;\n");
    CU_ASSERT_EQUAL_FATAL(l.status, CC_OK);
    CU_ASSERT_EQUAL_FATAL(l.actors.count, 6);
    const cc_sector expected[] = {CC_SOCIAL, CC_COMPANY, CC_PUBLIC, CC_SOCIAL, CC_PUBLIC, CC_COMPANY};
    for (int i = 0; i < 6; i++)
        CU_ASSERT_EQUAL(l.actors.items[i].sector, expected[i]);
    CU_ASSERT_TRUE(l.actors.column_seeks && l.actors.column_reach);
    CU_ASSERT_FALSE(l.actors.any_seeks || l.actors.any_reach || l.actors.any_territory);
    unload(&l);
}

static void test_delimiters(void)
{
    const char *delims = ",;\t|";
    for (int d = 0; d < 4; d++) {
        char csv[256];
        char c = delims[d];
        snprintf(csv, sizeof csv, "id%cname%csector%cexpertise\ns1%cA%csocial%cx\n", c, c, c, c, c,
                 c);
        loaded l = load(csv);
        CU_ASSERT_EQUAL(l.status, CC_OK);
        CU_ASSERT_EQUAL(l.actors.count, 1);
        unload(&l);
    }
    /* a given delimiter wins over detection */
    cc_load_options opt = {.delimiter = ';'};
    /* the header has more commas than semicolons: detection alone would pick ',' */
    const char *csv = "id;name;sector;expertise;note,a,b,c,d,e\ns1;A,B;social;x;y\n";
    loaded l = load_with(csv, strlen(csv), &opt);
    CU_ASSERT_EQUAL_FATAL(l.status, CC_OK);
    CU_ASSERT_STRING_EQUAL(l.actors.items[0].name, "A,B");
    unload(&l);
}

static void test_bom_crlf_quotes(void)
{
    loaded l = load("\xEF\xBB\xBFid,name,sector,expertise\r\n"
                    "s1,\"Jardins, \"\"les\"\"\",social,\"a;b\"\r\n"
                    "c1,\"Deux\nlignes\",company,c\r\n"
                    "p1,P,public,d"); /* no final newline */
    CU_ASSERT_EQUAL_FATAL(l.status, CC_OK);
    CU_ASSERT_EQUAL_FATAL(l.actors.count, 3);
    CU_ASSERT_STRING_EQUAL(l.actors.items[0].id, "s1"); /* BOM not part of the column name */
    CU_ASSERT_STRING_EQUAL(l.actors.items[0].name, "Jardins, \"les\"");
    CU_ASSERT_EQUAL(l.actors.items[0].expertise.count, 2);
    CU_ASSERT_STRING_EQUAL(l.actors.items[1].name, "Deux\nlignes");
    CU_ASSERT_EQUAL(l.actors.items[1].line, 3);
    CU_ASSERT_EQUAL(l.actors.items[2].line, 5); /* after the quoted newline */
    unload(&l);
}

static void test_missing_optional_columns(void)
{
    loaded l = load("name,id,expertise,sector,notes\nA,a,x,social,ignored\n");
    CU_ASSERT_EQUAL_FATAL(l.status, CC_OK);
    CU_ASSERT_FALSE(l.actors.column_seeks || l.actors.column_territory || l.actors.column_reach);
    CU_ASSERT_STRING_EQUAL(l.actors.items[0].id, "a");
    unload(&l);
}

static void test_empty_tags_and_duplicates(void)
{
    loaded l = load("id,name,sector,expertise\ns1,A,social,\" ; Santé;;sante; --- \"\n");
    CU_ASSERT_EQUAL_FATAL(l.status, CC_OK);
    CU_ASSERT_EQUAL(l.actors.items[0].expertise.count, 1);
    unload(&l);
    /* regression: a first row without a tag, before any list was grown,
     * did arithmetic on a null pointer (found by the fuzzer) */
    l = load("id,name,sector,expertise,seeks\ns1,A,social,,\nc1,B,company, ; ,x\n");
    CU_ASSERT_EQUAL_FATAL(l.status, CC_OK);
    CU_ASSERT_EQUAL(l.actors.items[0].expertise.count, 0);
    CU_ASSERT_PTR_NULL(l.actors.items[0].expertise.ids);
    CU_ASSERT_EQUAL(l.actors.items[1].expertise.count, 0);
    CU_ASSERT_EQUAL(l.actors.items[1].seeks.count, 1);
    unload(&l);
}

static void test_reach_grouping(void)
{
    loaded l = load("id,name,sector,expertise,reach\n"
                    "a,A,social,x,12 000\n"
                    "b,B,social,x,\"12\xC2\xA0" "000\"\n"
                    "c,C,social,x,12_000\n"
                    "d,D,social,x,\"12\xE2\x80\xAF" "000\"\n");
    CU_ASSERT_EQUAL_FATAL(l.status, CC_OK);
    for (int i = 0; i < 4; i++)
        CU_ASSERT_EQUAL(l.actors.items[i].reach, 12000);
    unload(&l);
}

/* Each bad input, the status it gets, and what its first message says. */
static const struct {
    const char *csv;
    cc_status status;
    const char *message;
} bad_inputs[] = {
    {"", CC_EDATA, "t.csv:1: empty file"},
    {"\xEF\xBB\xBF", CC_EDATA, "t.csv:1: empty file"},
    {"id,name,sector\ns,A,social\n", CC_EDATA, "t.csv:1: missing required column 'expertise'"},
    {"id,name,sector,expertise\ns,A,social\n", CC_EDATA, "t.csv:2: wrong number of fields: expected 4"},
    {"id,name,sector,expertise\ns,A,social,x\n,B,social,x\n", CC_EDATA, "t.csv:3: empty id"},
    {"id,name,sector,expertise\ns,  ,social,x\n", CC_EDATA, "t.csv:2: empty name"},
    {"id,name,sector,expertise\ns,A,social,x\nt,B,social,x\ns,C,public,x\n", CC_EDATA,
     "t.csv:4: duplicate id 's' (first on line 2)"},
    {"id,name,sector,expertise\ns,A,alien,x\n", CC_EDATA, "t.csv:2: unknown sector 'alien' (accepted: social, company, public"},
    {"id,name,sector,expertise,reach\ns,A,social,x,-3\n", CC_EDATA, "t.csv:2: bad reach '-3'"},
    {"id,name,sector,expertise,reach\ns,A,social,x,1.5\n", CC_EDATA, "t.csv:2: bad reach"},
    {"id,name,sector,expertise,reach\ns,A,social,x,99999999999999999999999\n", CC_EDATA, "t.csv:2: bad reach"},
    {"id,name,sector,expertise\ns,Caf\xE9,social,x\n", CC_EDATA,
     "t.csv:2:6: invalid UTF-8; if the file comes from a spreadsheet, try --encoding cp1252"},
    {"id,name,sector,expertise\ns,A\"b,social,x\n", CC_EDATA, "t.csv:2: malformed quoting"},
    {"id,name,sector,expertise\ns,\"A,social,x\n", CC_EDATA, "t.csv:2: quoted field never closed"},
    {"id,id,name,sector,expertise\n", CC_EDATA, "t.csv:1: column 'id' appears twice"},
    /* a Windows-1252 header gets the hint a data row gets */
    {"id,nom,secteur,comp\xE9tences\ns,A,social,x\n", CC_EDATA,
     "t.csv:1:20: invalid UTF-8 in the header; if the file comes from a spreadsheet, try "
     "--encoding cp1252"},
    {"id,name,sector,expertise\r\r\ns,A,alien,x\r", CC_EDATA, "t.csv:3: unknown sector"},
};

static void test_bad_inputs(void)
{
    for (size_t i = 0; i < sizeof bad_inputs / sizeof *bad_inputs; i++) {
        loaded l = load(bad_inputs[i].csv);
        CU_ASSERT_EQUAL(l.status, bad_inputs[i].status);
        CU_ASSERT_EQUAL(l.actors.count, 0);
        const char *got = l.err.count ? l.err.messages[0] : "(none)";
        bool ok = strncmp(got, bad_inputs[i].message, strlen(bad_inputs[i].message)) == 0;
        CU_ASSERT_TRUE(ok);
        if (!ok)
            fprintf(stderr, "\n  case %zu: got \"%s\"\n  expected \"%s...\"\n", i, got,
                    bad_inputs[i].message);
        unload(&l);
    }
}

static void test_nul_byte(void)
{
    const char csv[] = "id,name,sector,expertise\ns,A\0B,social,x\n";
    loaded l = load_with(csv, sizeof csv - 1, NULL);
    CU_ASSERT_EQUAL(l.status, CC_EDATA);
    CU_ASSERT_PTR_NOT_NULL(strstr(l.err.messages[0], "t.csv:2:4: NUL byte (not a text file?)"));
    unload(&l);
}

/* Rows of blank cells, as spreadsheets export below their data, are left
 * out, whatever the delimiter, and lines are still counted right. */
static void test_blank_rows(void)
{
    loaded l = load(",,,\n"
                    "id,name,sector,expertise\n"
                    "s1,A,social,x\n"
                    ",,,\n"
                    " , \t,,\"  \"\n"
                    ",,\n" /* blank, however many fields */
                    "c1,B,company,y\n"
                    "\"\n\",,,\n"
                    "p1,C,alien,z\n");
    CU_ASSERT_EQUAL(l.status, CC_EDATA);
    CU_ASSERT_PTR_NOT_NULL(l.err.count ? strstr(l.err.messages[0], "t.csv:10: unknown sector")
                                       : NULL);
    CU_ASSERT_EQUAL(l.err.count, 1);
    unload(&l);
    l = load("id;name;sector;expertise\r\ns1;A;social;x\r\n;;;\r\n;;;\r\nc1;B;company;y\r\n");
    CU_ASSERT_EQUAL_FATAL(l.status, CC_OK);
    CU_ASSERT_EQUAL(l.actors.count, 2);
    CU_ASSERT_EQUAL(l.actors.items[1].line, 5);
    unload(&l);
    /* a cell that is not blank keeps the row */
    l = load("id,name,sector,expertise\ns1,A,social,x\n,,,y\n");
    CU_ASSERT_EQUAL(l.status, CC_EDATA);
    CU_ASSERT_PTR_NOT_NULL(l.err.count ? strstr(l.err.messages[0], "t.csv:3: empty id") : NULL);
    unload(&l);
}

/* Lines of spaces only are no rows, so the row after them starts later;
 * a line that holds a quote or a TAB besides spaces starts a row. */
static void test_space_lines(void)
{
    loaded l = load("id,name,sector,expertise\n"
                    "s1,A,social,x\n"
                    "   \n"
                    "\n"
                    "  \r\n"
                    "c1,B,company,y\n"
                    "  \"p1\n\",C,public,z\n"
                    "\t\n" /* a blank row, but read as one */
                    "s2,D,alien,w\n");
    CU_ASSERT_EQUAL(l.status, CC_EDATA);
    CU_ASSERT_PTR_NOT_NULL(l.err.count ? strstr(l.err.messages[0], "t.csv:10: unknown sector")
                                       : NULL);
    unload(&l);
    l = load("id,name,sector,expertise\n  \n s1 ,A,social,x\n   \n  \"p1\n\",C,public,z\n");
    CU_ASSERT_EQUAL_FATAL(l.status, CC_OK);
    CU_ASSERT_EQUAL_FATAL(l.actors.count, 2);
    CU_ASSERT_EQUAL(l.actors.items[0].line, 3);
    CU_ASSERT_EQUAL(l.actors.items[1].line, 5);
    unload(&l);
}

/* Spaces around an unquoted field are trimmed, tabs are not (but for the
 * delimiter), whether or not the line around holds a tab. */
static void test_tabs_kept(void)
{
    loaded l = load("id,name,sector,expertise\n"
                    " s1 , A ,social,x\n"
                    "\tc1\t,\tB\t,company,y\n"
                    "p1 ,\"\tC\" ,public,z\n");
    CU_ASSERT_EQUAL_FATAL(l.status, CC_OK);
    CU_ASSERT_EQUAL_FATAL(l.actors.count, 3);
    CU_ASSERT_STRING_EQUAL(l.actors.items[0].id, "s1");
    CU_ASSERT_STRING_EQUAL(l.actors.items[0].name, "A");
    CU_ASSERT_STRING_EQUAL(l.actors.items[1].id, "\tc1\t");
    CU_ASSERT_STRING_EQUAL(l.actors.items[1].name, "\tB\t");
    CU_ASSERT_STRING_EQUAL(l.actors.items[2].id, "p1");
    CU_ASSERT_STRING_EQUAL(l.actors.items[2].name, "\tC");
    unload(&l);
    l = load("id\tname\tsector\texpertise\n s1 \t A \tsocial\tx\n");
    CU_ASSERT_EQUAL_FATAL(l.status, CC_OK);
    CU_ASSERT_EQUAL_FATAL(l.actors.count, 1);
    CU_ASSERT_STRING_EQUAL(l.actors.items[0].id, "s1");
    CU_ASSERT_STRING_EQUAL(l.actors.items[0].name, "A");
    unload(&l);
}

/* Old Mac files end their lines with a lone CR: they count as lines, in
 * quoted fields too. */
static void test_cr_line_ends(void)
{
    loaded l = load("id,name,sector,expertise\r"
                    "s1,\"Deux\rlignes\",social,x\r"
                    "c1,\"CRLF\r\ninside\",company,y\r"
                    "p1,C,public,z\r\n" /* mixed ends */
                    "s2,D,social,w");
    CU_ASSERT_EQUAL_FATAL(l.status, CC_OK);
    CU_ASSERT_EQUAL_FATAL(l.actors.count, 4);
    CU_ASSERT_STRING_EQUAL(l.actors.items[0].name, "Deux\rlignes");
    const long lines[] = {2, 4, 6, 7};
    for (int i = 0; i < 4; i++)
        CU_ASSERT_EQUAL(l.actors.items[i].line, lines[i]);
    unload(&l);
    l = load("id,name,sector,expertise\rs1,A,social,x\rs2,\"B\r\r,social,x\r");
    CU_ASSERT_EQUAL(l.status, CC_EDATA);
    CU_ASSERT_PTR_NOT_NULL(l.err.count ? strstr(l.err.messages[0], "t.csv:3: quoted field never closed")
                                       : NULL);
    unload(&l);
}

/* `text` (UTF-8, characters of at most 3 bytes) in UTF-16 with its
 * byte-order mark; *len is set to its length. */
static char *utf16(const char *text, bool big_endian, size_t *len)
{
    size_t n = strlen(text);
    char *out = malloc(2 * n + 2), *p = out;
    *p++ = big_endian ? '\xFE' : '\xFF';
    *p++ = big_endian ? '\xFF' : '\xFE';
    for (const unsigned char *s = (const unsigned char *)text; *s;) {
        unsigned c = *s < 0x80 ? *s : *s < 0xE0 ? (*s & 0x1Fu) << 6 | (s[1] & 0x3Fu)
                                   : (*s & 0x0Fu) << 12 | (s[1] & 0x3Fu) << 6 | (s[2] & 0x3Fu);
        s += *s < 0x80 ? 1 : *s < 0xE0 ? 2 : 3;
        *p++ = (char)(big_endian ? c >> 8 : c & 0xFF);
        *p++ = (char)(big_endian ? c & 0xFF : c >> 8);
    }
    *len = (size_t)(p - out);
    return out;
}

/* Excel's "Unicode text": UTF-16 with a byte-order mark, TAB-delimited. */
static void test_utf16(void)
{
    const char *text = "id\tnom\tsecteur\tcompétences\r\n"
                       "s1\tSociété Générale des Œuvres\tassociation\tsanté; l’aide\r\n"
                       "c1\tC\tentreprise\tx\r\n";
    for (int be = 0; be < 2; be++) {
        size_t len;
        char *data = utf16(text, be, &len);
        loaded l = load_with(data, len, NULL);
        CU_ASSERT_EQUAL_FATAL(l.status, CC_OK);
        CU_ASSERT_EQUAL_FATAL(l.actors.count, 2);
        CU_ASSERT_STRING_EQUAL(l.actors.items[0].name, "Société Générale des Œuvres");
        CU_ASSERT_TRUE(has_tag(&l, &l.actors.items[0].expertise, "l aide"));
        CU_ASSERT_EQUAL(l.actors.items[1].line, 3);
        unload(&l);
        /* the byte-order mark says the encoding, whatever --encoding says */
        cc_load_options opt = {.encoding = "cp1252"};
        l = load_with(data, len, &opt);
        CU_ASSERT_EQUAL(l.status, CC_OK);
        CU_ASSERT_EQUAL(l.actors.count, 2);
        unload(&l);
        free(data);
    }
    /* an odd number of bytes: the last character is cut */
    const char cut[] = "\xFF\xFEi\0d\0\n\0x";
    loaded l = load_with(cut, sizeof cut - 1, NULL);
    CU_ASSERT_EQUAL(l.status, CC_EDATA);
    CU_ASSERT_PTR_NOT_NULL(l.err.count ? strstr(l.err.messages[0],
                                                "t.csv:2: byte 0x78 is not valid UTF-16LE")
                                       : NULL);
    unload(&l);
}

/* The reading of a file, block by block (rows.c): a CR-only file larger
 * than a block counts its lines across the seams, and a UTF-16 file is
 * recognised from its first block. */
static void test_file_blocks(void)
{
    char path[4096];
    const char *tmp = getenv("TMPDIR");
    snprintf(path, sizeof path, "%s/cocreate-test-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    int fd = mkstemp(path);
    CU_ASSERT_FATAL(fd >= 0);
    FILE *fp = fdopen(fd, "wb");
    size_t rows = 150000; /* some 3 MB, several blocks */
    fprintf(fp, "id,name,sector,expertise\r");
    for (size_t i = 0; i < rows; i++)
        fprintf(fp, "s%zu,\"N\r%zu\",social,x\r\n\r", i, i); /* CRLF then a lone CR */
    fprintf(fp, "bad,B,alien,x\r");
    fclose(fp);
    cc_intern *tags = cc_intern_new();
    cc_actors a;
    cc_error err = {0};
    CU_ASSERT_EQUAL(cc_actors_load_file(&a, path, NULL, tags, &err), CC_EDATA);
    char expected[4200];
    snprintf(expected, sizeof expected, "%s:%zu: unknown sector", path, 2 + 3 * rows);
    CU_ASSERT_PTR_NOT_NULL(err.count ? strstr(err.messages[0], expected) : NULL);
    cc_error_clear(&err);

    size_t len;
    char *data = utf16("id\tname\tsector\texpertise\ns1\tÉpicerie\tsocial\tx\n", false, &len);
    fp = fopen(path, "wb");
    fwrite(data, 1, len, fp);
    fclose(fp);
    free(data);
    CU_ASSERT_EQUAL_FATAL(cc_actors_load_file(&a, path, NULL, tags, &err), CC_OK);
    CU_ASSERT_STRING_EQUAL(a.items[0].name, "Épicerie");
    cc_actors_free(&a);
    cc_intern_free(tags);
    unlink(path);
}

/* What French spreadsheets write in a sector column. */
static void test_french_sectors(void)
{
    static const struct {
        const char *text;
        cc_sector sector;
    } cases[] = {
        {"Collectivité territoriale", CC_PUBLIC}, {"COLLECTIVITE", CC_PUBLIC},
        {"commune", CC_PUBLIC},                   {"Mairie", CC_PUBLIC},
        {"Département", CC_PUBLIC},               {"Région", CC_PUBLIC},
        {"Établissement public", CC_PUBLIC},      {"État", CC_PUBLIC},
        {"services de l'État", CC_PUBLIC},        {"Fondation", CC_SOCIAL},
        {"Coopérative", CC_SOCIAL},               {"SCOP", CC_SOCIAL},
        {"Scic", CC_SOCIAL},                      {"Association loi 1901", CC_SOCIAL},
        {"Mutuelle", CC_SOCIAL},                  {"fondation d’entreprise", CC_SOCIAL},
        {"Entreprise privée", CC_COMPANY},        {"PME", CC_COMPANY},
        {"start-up", CC_COMPANY},                 {"Société", CC_COMPANY},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        cc_sector sector = cases[i].sector == CC_SOCIAL ? CC_PUBLIC : CC_SOCIAL;
        CU_ASSERT_EQUAL(cc_sector_parse(cases[i].text, &sector), CC_OK);
        CU_ASSERT_EQUAL(sector, cases[i].sector);
        if (sector != cases[i].sector)
            fprintf(stderr, "\n  '%s' is not read as %s\n", cases[i].text,
                    cc_sector_names[cases[i].sector]);
    }
}

/* A header of 10 000 columns, the known ones last, and a field of
 * several megabytes: read whole, in time and memory linear in their size. */
static void test_wide_and_long(void)
{
    size_t columns = 10000, big = 4 << 20;
    char *csv = malloc(columns * 24 + big + 256);
    char *p = csv;
    for (size_t i = 0; i < columns; i++)
        p += sprintf(p, "extra %zu,", i);
    p += sprintf(p, "id,name,sector,expertise\n");
    for (int row = 0; row < 2; row++) {
        for (size_t i = 0; i < columns; i++)
            *p++ = ',';
        p += sprintf(p, "s%d,", row);
        if (row == 1) {
            memset(p, 'n', big);
            p += big;
        } else {
            *p++ = 'A';
        }
        p += sprintf(p, ",social,x\n");
    }
    loaded l = load_with(csv, (size_t)(p - csv), NULL);
    CU_ASSERT_EQUAL_FATAL(l.status, CC_OK);
    CU_ASSERT_EQUAL_FATAL(l.actors.count, 2);
    CU_ASSERT_STRING_EQUAL(l.actors.items[0].name, "A");
    CU_ASSERT_EQUAL(strlen(l.actors.items[1].name), big);
    unload(&l);
    free(csv);
}

static void test_error_limit(void)
{
    /* 30 bad rows: only CC_ERROR_MAX are reported, then loading stops */
    size_t cap = 4096;
    char *csv = malloc(cap);
    strcpy(csv, "id,name,sector,expertise\n");
    for (int i = 0; i < 30; i++)
        strcat(csv, "x,A,nowhere,t\n");
    loaded l = load(csv);
    CU_ASSERT_EQUAL(l.status, CC_EDATA);
    CU_ASSERT_EQUAL(l.err.count, CC_ERROR_MAX);
    CU_ASSERT_PTR_NOT_NULL(strstr(l.err.messages[CC_ERROR_MAX - 1], "t.csv:21:"));
    unload(&l);
    free(csv);
}

static int warnings;
static void count_warning(void *ctx, const char *message)
{
    (void)ctx;
    (void)message;
    warnings++;
}

static void test_skip_bad_rows(void)
{
    const char *csv = "id,name,sector,expertise\ns,A,social,x\nt,B,alien,x\ns,dup,public,x\nc,C,company,y\n";
    cc_load_options opt = {.skip_bad_rows = true, .warn = count_warning};
    warnings = 0;
    loaded l = load_with(csv, strlen(csv), &opt);
    CU_ASSERT_EQUAL(l.status, CC_OK);
    CU_ASSERT_EQUAL(l.actors.count, 2);
    CU_ASSERT_EQUAL(l.actors.skipped_rows, 2);
    CU_ASSERT_EQUAL(warnings, 2);
    unload(&l);
}

static void test_header_only(void)
{
    loaded l = load("id,name,sector,expertise\n");
    CU_ASSERT_EQUAL(l.status, CC_OK);
    CU_ASSERT_EQUAL(l.actors.count, 0);
    unload(&l);
}

static void test_cp1252(void)
{
    /* "Santé" and an apostrophe ’ (0x92) in Windows-1252 */
    const char *csv = "id,name,sector,expertise\ns,Soci\xE9t\xE9,social,Sant\xE9;l\x92" "aide\n";
    cc_load_options opt = {.encoding = "cp1252"};
    loaded l = load_with(csv, strlen(csv), &opt);
    CU_ASSERT_EQUAL_FATAL(l.status, CC_OK);
    CU_ASSERT_STRING_EQUAL(l.actors.items[0].name, "Société");
    CU_ASSERT_TRUE(has_tag(&l, &l.actors.items[0].expertise, "sante"));
    CU_ASSERT_TRUE(has_tag(&l, &l.actors.items[0].expertise, "l aide"));
    unload(&l);
    /* latin1 is ISO-8859-1: 0x92 is a control character there, not ’ */
    opt.encoding = "latin1";
    l = load_with(csv, strlen(csv), &opt);
    CU_ASSERT_EQUAL_FATAL(l.status, CC_EDATA);
    CU_ASSERT_PTR_NOT_NULL(strstr(l.err.messages[0],
                                  "t.csv:2: byte 0x92 is a control character in latin1"));
    CU_ASSERT_PTR_NOT_NULL(strstr(l.err.messages[0], "try --encoding cp1252"));
    unload(&l);
    const char *latin1 = "id,name,sector,expertise\ns,Soci\xE9t\xE9,social,Sant\xE9\n";
    l = load_with(latin1, strlen(latin1), &opt);
    CU_ASSERT_EQUAL_FATAL(l.status, CC_OK);
    CU_ASSERT_STRING_EQUAL(l.actors.items[0].name, "Société");
    unload(&l);
    opt.encoding = "ebcdic";
    l = load_with(csv, strlen(csv), &opt);
    CU_ASSERT_EQUAL(l.status, CC_EUSAGE);
    unload(&l);
}

static void test_utf8_whatever_encoding(void)
{
    /* a UTF-8 file read with --encoding cp1252 was garbled ("SociÃ©tÃ©"),
     * with a byte-order mark ("ï»¿id": no id column) or without */
    static const char *const files[] = {
        "\xEF\xBB\xBFid,name,sector,expertise\ns,Soci\xC3\xA9t\xC3\xA9,social,Sant\xC3\xA9\n",
        "id,name,sector,expertise\ns,Soci\xC3\xA9t\xC3\xA9,social,Sant\xC3\xA9\n",
    };
    static const char *const encodings[] = {"cp1252", "latin1"};
    for (size_t f = 0; f < 2; f++)
        for (size_t e = 0; e < 2; e++) {
            cc_load_options opt = {.encoding = encodings[e]};
            loaded l = load_with(files[f], strlen(files[f]), &opt);
            CU_ASSERT_EQUAL_FATAL(l.status, CC_OK);
            CU_ASSERT_STRING_EQUAL(l.actors.items[0].name, "Société");
            CU_ASSERT_TRUE(has_tag(&l, &l.actors.items[0].expertise, "sante"));
            unload(&l);
        }
    /* a BOM then bytes that are not UTF-8: still UTF-8, so an error */
    const char *bad = "\xEF\xBB\xBFid,name,sector,expertise\ns,Soci\xE9t\xE9,social,x\n";
    cc_load_options opt = {.encoding = "cp1252"};
    loaded l = load_with(bad, strlen(bad), &opt);
    CU_ASSERT_EQUAL(l.status, CC_EDATA);
    unload(&l);
}

static void test_huge_field(void)
{
    /* 100 000 tags in one field */
    size_t n = 100000;
    char *csv = malloc(n * 8 + 128);
    char *p = csv + sprintf(csv, "id,name,sector,expertise\ns,A,social,");
    for (size_t i = 0; i < n; i++)
        p += sprintf(p, "t%zu;", i % 50000);
    strcpy(p, "\n");
    loaded l = load(csv);
    CU_ASSERT_EQUAL_FATAL(l.status, CC_OK);
    CU_ASSERT_EQUAL(l.actors.items[0].expertise.count, 50000);
    unload(&l);
    free(csv);
}

static void test_territory(void)
{
    cc_intern *places = cc_intern_new();
    int *a, *b, *c, na, nb, nc;
    CU_ASSERT_EQUAL_FATAL(cc_territory_parse(places, "FR/Hauts-de-France/Lille", &a, &na), CC_OK);
    CU_ASSERT_EQUAL_FATAL(cc_territory_parse(places, "fr / hauts de france", &b, &nb), CC_OK);
    CU_ASSERT_EQUAL_FATAL(cc_territory_parse(places, "FR/Bretagne", &c, &nc), CC_OK);
    CU_ASSERT_EQUAL(na, 3);
    CU_ASSERT_EQUAL(nb, 2);
    CU_ASSERT_TRUE(cc_territory_nested(a, na, b, nb));
    CU_ASSERT_TRUE(cc_territory_nested(b, nb, a, na));
    CU_ASSERT_FALSE(cc_territory_nested(a, na, c, nc));
    CU_ASSERT_FALSE(cc_territory_nested(a, na, c, 0));
    free(a);
    free(b);
    free(c);
    /* finding interns nothing: an unknown segment is -1 and still filters */
    int before = cc_intern_count(places);
    CU_ASSERT_EQUAL_FATAL(cc_territory_find(places, "FR/Nowhere", &b, &nb), CC_OK);
    CU_ASSERT_EQUAL(cc_intern_count(places), before);
    CU_ASSERT_EQUAL(nb, 2);
    CU_ASSERT_EQUAL_FATAL(cc_territory_parse(places, "FR", &a, &na), CC_OK);
    CU_ASSERT_TRUE(cc_territory_nested(a, na, b, nb));  /* FR contains FR/Nowhere */
    free(a);
    CU_ASSERT_EQUAL_FATAL(cc_territory_parse(places, "FR/Bretagne", &a, &na), CC_OK);
    CU_ASSERT_FALSE(cc_territory_nested(a, na, b, nb));
    free(a);
    free(b);
    CU_ASSERT_EQUAL(cc_territory_parse(places, "FR/\xE9", &a, &na), CC_EDATA);
    CU_ASSERT_PTR_NULL(a);
    CU_ASSERT_EQUAL(na, 0);
    cc_intern_free(places);
}

/* cc_rank_eligible only looks segments up: the actors are not changed. */
static void test_eligible_does_not_intern(void)
{
    loaded l = load("id,name,sector,expertise,territory\n"
                    "s,S,social,a,FR\nc,C,company,a,FR/Bretagne\np,P,public,a,\n");
    CU_ASSERT_EQUAL_FATAL(l.status, CC_OK);
    int before = cc_intern_count(l.actors.places);
    bool *ok = cc_rank_eligible(&l.actors, "FR/Nowhere", NULL, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ok);
    CU_ASSERT_EQUAL(cc_intern_count(l.actors.places), before);
    CU_ASSERT_TRUE(ok[0]);   /* FR contains FR/Nowhere */
    CU_ASSERT_FALSE(ok[1]);  /* FR/Bretagne neither contains nor lies within it */
    CU_ASSERT_FALSE(ok[2]);  /* no territory */
    free(ok);
    unload(&l);
}

/* Regression: a loader returned the first error ever recorded in its
 * cc_error, so a good file loaded after a bad one "failed" with 0 actors
 * (and a failed load could report success). Each load now counts its own. */
static void test_errors_of_this_load(void)
{
    cc_intern *tags = cc_intern_new();
    cc_error err = {0};
    cc_actors a;
    const char *bad = "id,name,sector,expertise\nx,X,nowhere,a\n";
    const char *good = "id,name,sector,expertise\ns,S,social,a\n";
    CU_ASSERT_EQUAL(cc_actors_load_buffer(&a, "bad.csv", bad, strlen(bad), NULL, tags, &err),
                    CC_EDATA);
    CU_ASSERT_EQUAL(a.count, 0);
    CU_ASSERT_EQUAL(cc_actors_load_buffer(&a, "good.csv", good, strlen(good), NULL, tags, &err),
                    CC_OK);
    CU_ASSERT_EQUAL(a.count, 1);
    CU_ASSERT_EQUAL(err.count, 1); /* only the bad file's error */
    cc_actors_free(&a);
    cc_error_clear(&err);
    cc_intern_free(tags);
}

/* A reader name not in the table is an error, never read as CSV. */
static void test_unknown_format(void)
{
    cc_load_options opt = {.format = "xls"};
    const char *csv = "id,name,sector,expertise\ns,S,social,a\n";
    loaded l = load_with(csv, strlen(csv), &opt);
    CU_ASSERT_EQUAL(l.status, CC_EUSAGE);
    CU_ASSERT_EQUAL(l.actors.count, 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(l.err.messages[0], "accepted: csv"));
    unload(&l);
    opt.format = "csv";
    l = load_with(csv, strlen(csv), &opt);
    CU_ASSERT_EQUAL(l.status, CC_OK);
    unload(&l);
}

/* The model on its own, without a file. */
static void test_model(void)
{
    cc_sector sector = CC_PUBLIC;
    CU_ASSERT_EQUAL(cc_sector_parse("Entrepreneur  Social", &sector), CC_OK);
    CU_ASSERT_EQUAL(sector, CC_SOCIAL);
    CU_ASSERT_EQUAL(cc_sector_parse("nowhere", &sector), CC_EDATA);
    CU_ASSERT_EQUAL(cc_sector_parse("\xE9", &sector), CC_EDATA);
    CU_ASSERT_EQUAL(sector, CC_SOCIAL); /* untouched on failure */
    cc_intern *tags = cc_intern_new();
    cc_actors a;
    CU_ASSERT_EQUAL_FATAL(cc_actors_init(&a, "model", tags), CC_OK);
    cc_actor_fields f = {"s1", "S", CC_SOCIAL, "b;a;B", 5, "", 0, "FR/Lille", 10, 7};
    long previous = 99;
    CU_ASSERT_EQUAL_FATAL(cc_actors_add(&a, &f, &previous), CC_OK);
    CU_ASSERT_EQUAL(previous, -1);
    CU_ASSERT_EQUAL(a.count, 1);
    CU_ASSERT_EQUAL(a.items[0].expertise.count, 2); /* sorted, without the repeat */
    CU_ASSERT_EQUAL(a.items[0].territory_depth, 2);
    CU_ASSERT_TRUE(a.any_territory && a.any_reach && !a.any_seeks);
    CU_ASSERT_EQUAL(cc_actors_find(&a, "s1"), 0);
    cc_actor_fields bad = {"s2", "S", CC_SOCIAL, "\xE9", 1, "", 0, "", 0, 8};
    CU_ASSERT_EQUAL(cc_actors_add(&a, &bad, &previous), CC_EDATA);
    CU_ASSERT_EQUAL(previous, -1);
    CU_ASSERT_EQUAL(a.count, 1);
    CU_ASSERT_EQUAL(cc_actors_find(&a, "s2"), -1);
    /* a taken id: nothing changes, not even the tags and places known */
    int tag_count = cc_intern_count(tags), place_count = cc_intern_count(a.places);
    cc_actor_fields again = {"s1", "T", CC_PUBLIC, "a;new", 5, "other", 5, "FR/Brest", 0, 9};
    CU_ASSERT_EQUAL(cc_actors_add(&a, &again, &previous), CC_EDATA);
    CU_ASSERT_EQUAL(previous, 0);
    CU_ASSERT_EQUAL(a.count, 1);
    CU_ASSERT_EQUAL(cc_intern_count(tags), tag_count);
    CU_ASSERT_EQUAL(cc_intern_count(a.places), place_count);
    cc_actors_free(&a);
    cc_intern_free(tags);
}

/* New tags get their ids in the order of the row, expertise first,
 * whichever of a row's fields holds tags never seen before. */
static void test_tag_order(void)
{
    loaded l = load("id,name,sector,expertise,seeks\n"
                    "s1,A,social,b;a,\n"
                    "s2,B,social,a;b,c;b\n"   /* only the seeks are new */
                    "s3,C,social,d;a,e\n"     /* both */
                    "s4,D,social,a,b;f;a\n"); /* a seek after known ones */
    CU_ASSERT_EQUAL_FATAL(l.status, CC_OK);
    static const char *const order[] = {"b", "a", "c", "d", "e", "f"};
    CU_ASSERT_EQUAL(cc_intern_count(l.tags), 6);
    for (int i = 0; i < 6; i++)
        CU_ASSERT_EQUAL(cc_intern_find(l.tags, order[i]), i);
    CU_ASSERT_EQUAL(l.actors.items[1].seeks.count, 2);
    CU_ASSERT_EQUAL(l.actors.items[2].expertise.count, 2);
    CU_ASSERT_EQUAL(l.actors.items[2].seeks.count, 1);
    CU_ASSERT_TRUE(has_tag(&l, &l.actors.items[3].seeks, "f"));
    unload(&l);
    /* a skipped row with a taken id leaves no tag behind */
    const char *csv = "id,name,sector,expertise\ns,A,social,x\ns,B,social,lost\nc,C,company,y\n";
    cc_load_options opt = {.skip_bad_rows = true};
    l = load_with(csv, strlen(csv), &opt);
    CU_ASSERT_EQUAL_FATAL(l.status, CC_OK);
    CU_ASSERT_EQUAL(l.actors.skipped_rows, 1);
    CU_ASSERT_EQUAL(cc_intern_find(l.tags, "lost"), -1);
    CU_ASSERT_EQUAL(cc_intern_find(l.tags, "y"), 1);
    unload(&l);
}

/* The arena: aligned blocks that never move, big ones in chunks of their
 * own, everything freed at once. */
static void test_arena(void)
{
    cc_arena a = {0};
    char *first = cc_arena_strndup(&a, "abc", 2);
    CU_ASSERT_STRING_EQUAL_FATAL(first, "ab");
    for (int i = 0; i < 100000; i++) {
        double *d = cc_arena_alloc(&a, sizeof *d, _Alignof(double));
        CU_ASSERT_PTR_NOT_NULL_FATAL(d);
        CU_ASSERT_EQUAL((uintptr_t)d % _Alignof(double), 0);
        *d = i;
        char *c = cc_arena_alloc(&a, (size_t)i % 7, 1);
        CU_ASSERT_PTR_NOT_NULL_FATAL(c);
        memset(c, 'x', (size_t)i % 7);
    }
    char *big = cc_arena_alloc(&a, 5 << 20, 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(big);
    memset(big, 'y', 5 << 20);
    char *after = cc_arena_strndup(&a, "still here", 10);
    CU_ASSERT_STRING_EQUAL(after, "still here");
    CU_ASSERT_STRING_EQUAL(first, "ab");
    cc_arena_free(&a);
    CU_ASSERT_PTR_NULL(a.chunks);
    cc_arena_free(&a); /* a zeroed arena frees nothing */
}

/* Many actors: every id is found at its index, and a repeated id is an
 * error naming the first line. */
static void test_many_ids(void)
{
    size_t n = 20000;
    char *csv = malloc(n * 40 + 64);
    char *p = csv + sprintf(csv, "id,name,sector,expertise\n");
    for (size_t i = 0; i < n; i++)
        p += sprintf(p, "id-%zu,N%zu,%s,t%zu\n", i * 7919 % n, i, i % 2 ? "social" : "public", i % 13);
    loaded l = load(csv);
    CU_ASSERT_EQUAL_FATAL(l.status, CC_OK);
    CU_ASSERT_EQUAL_FATAL(l.actors.count, n);
    for (size_t i = 0; i < n; i++)
        CU_ASSERT_EQUAL(cc_actors_find(&l.actors, l.actors.items[i].id), (long)i);
    CU_ASSERT_EQUAL(cc_actors_find(&l.actors, "id-"), -1);
    unload(&l);
    strcpy(p, "id-5,again,social,t1\n");
    l = load(csv);
    CU_ASSERT_EQUAL(l.status, CC_EDATA);
    CU_ASSERT_PTR_NOT_NULL(strstr(l.err.messages[0], "duplicate id 'id-5' (first on line"));
    unload(&l);
    free(csv);
}

int main(void)
{
    static const test_case tests[] = {
        {"basic file", test_basic},
        {"arena", test_arena},
        {"many ids", test_many_ids},
        {"column and sector aliases", test_aliases},
        {"every delimiter, detected or given", test_delimiters},
        {"BOM, CRLF, quotes, no final newline", test_bom_crlf_quotes},
        {"missing optional columns", test_missing_optional_columns},
        {"empty and repeated tags", test_empty_tags_and_duplicates},
        {"reach with grouped digits", test_reach_grouping},
        {"each data error and its line", test_bad_inputs},
        {"NUL byte", test_nul_byte},
        {"blank rows", test_blank_rows},
        {"CR line ends", test_cr_line_ends},
        {"lines of spaces", test_space_lines},
        {"tabs around fields kept", test_tabs_kept},
        {"UTF-16 with a byte-order mark", test_utf16},
        {"a file read block by block", test_file_blocks},
        {"French sector names", test_french_sectors},
        {"10 000 columns, a long field", test_wide_and_long},
        {"at most 20 errors", test_error_limit},
        {"--skip-bad-rows", test_skip_bad_rows},
        {"tag ids in the order of the rows", test_tag_order},
        {"header only", test_header_only},
        {"cp1252 and latin1", test_cp1252},
        {"UTF-8 whatever --encoding says", test_utf8_whatever_encoding},
        {"100 000 tags in a field", test_huge_field},
        {"territories", test_territory},
        {"eligibility interns nothing", test_eligible_does_not_intern},
        {"a load returns its own errors only", test_errors_of_this_load},
        {"unknown row reader", test_unknown_format},
        {"the model without a file", test_model},
    };
    return RUN_SUITE("actors", tests);
}
