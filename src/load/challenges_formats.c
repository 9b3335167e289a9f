/* challenges_formats.c — the table of challenges readers and the choice
 * among them: by the file name's extension, and for standard input by
 * what it holds. A new format is one reader file and one record here. */
#include "load/challenges_load.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cocreate/io.h"

const cc_challenges_reader cc_challenges_readers[] = {
    [CC_CHALLENGES_JSON] = {"json", {"json"}, cc_challenges_json_read},
    [CC_CHALLENGES_CSV] = {"csv", {"csv", "tsv"}, cc_challenges_csv_read},
};
_Static_assert(sizeof cc_challenges_readers / sizeof *cc_challenges_readers ==
                   CC_CHALLENGES_FORMATS,
               "one cc_challenges_readers record per challenges format");

/* Whether the text begins like a JSON document: past a byte-order mark
 * and white space (and the zero bytes of UTF-16), '{' or '['. */
static bool looks_json(const char *data, size_t len)
{
    size_t i = 0;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    else if (cc_io_utf16(data, len))
        i = 2;
    while (i < len && (data[i] == '\0' || strchr(" \t\r\n", data[i])))
        i++;
    return i < len && (data[i] == '{' || data[i] == '[');
}

cc_challenges_format cc_challenges_format_of(const char *source, const char *data, size_t len)
{
    if (strcmp(source, cc_io_source_name("-")) == 0)
        return looks_json(data, len) ? CC_CHALLENGES_JSON : CC_CHALLENGES_CSV;
    const char *dot = strrchr(source, '.');
    const char *slash = strrchr(source, '/');
    if (dot && (!slash || dot > slash))
        for (int f = 0; f < CC_CHALLENGES_FORMATS; f++)
            for (int e = 0; cc_challenges_readers[f].extensions[e]; e++)
                if (strcasecmp(dot + 1, cc_challenges_readers[f].extensions[e]) == 0)
                    return (cc_challenges_format)f;
    return CC_CHALLENGES_JSON;
}

cc_status cc_challenges_load_buffer(cc_challenges *out, const char *source, const char *data,
                                    size_t len, const cc_challenges_options *opt,
                                    cc_intern *tags, cc_error *err)
{
    cc_challenges_format f = cc_challenges_format_of(source, data, len);
    return cc_challenges_readers[f].read(out, source, data, len, opt, tags, err);
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
    st = cc_challenges_load_buffer(out, cc_io_source_name(path), data, len, opt, tags, err);
    free(data);
    return st;
}
