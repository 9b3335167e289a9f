/* io.c — reading whole inputs, transcoding them, and atomic output files. */
#define _GNU_SOURCE /* fopencookie: a memory stream that reports a failed allocation */
#include "cocreate/io.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

const char *cc_io_source_name(const char *path)
{
    return strcmp(path, "-") == 0 ? "<stdin>" : path;
}

/* errno's message for a failed call, EIO's when errno was not set. */
static const char *reason(int saved)
{
    return strerror(saved ? saved : EIO);
}

cc_status cc_input_open(cc_input *in, const char *path, cc_error *err)
{
    bool is_stdin = strcmp(path, "-") == 0;
    *in = (cc_input){.name = cc_io_source_name(path), .size = -1};
    errno = 0;
    FILE *fp = is_stdin ? stdin : fopen(path, "rb");
    if (!fp) {
        int saved = errno;
        if (saved == ENOMEM)
            return cc_error_add(err, CC_ESOFTWARE, "%s: out of memory", in->name);
        return cc_error_add(err, CC_ENOINPUT, "%s: cannot open: %s", in->name, reason(saved));
    }
    struct stat st;
    if (fstat(fileno(fp), &st) == 0) {
        if (S_ISDIR(st.st_mode)) {
            if (!is_stdin)
                fclose(fp);
            return cc_error_add(err, CC_ENOINPUT, "%s: is a directory", in->name);
        }
        if (S_ISREG(st.st_mode))
            in->size = (long long)st.st_size;
    }
    in->fp = fp;
    return CC_OK;
}

cc_status cc_input_read(cc_input *in, char *buf, size_t cap, size_t *got, cc_error *err)
{
    errno = 0;
    *got = fread(buf, 1, cap, in->fp);
    int read_errno = errno;
    if (*got < cap && ferror(in->fp)) {
        *got = 0;
        return cc_error_add(err, read_errno == EISDIR ? CC_ENOINPUT : CC_EIO,
                            "%s: read error: %s", in->name, reason(read_errno));
    }
    return CC_OK;
}

void cc_input_close(cc_input *in)
{
    if (in->fp && in->fp != stdin)
        fclose(in->fp);
    in->fp = NULL;
}

cc_status cc_input_read_all(cc_input *in, char **data, size_t *len, cc_error *err)
{
    *data = NULL;
    *len = 0;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    int read_errno = 0;
    while (buf) {
        errno = 0;
        n += fread(buf + n, 1, cap - n - 1, in->fp);
        read_errno = errno;
        if (n < cap - 1)
            break; /* fread stops short only at end of file or on error */
        char *bigger = cap > SIZE_MAX / 2 ? NULL : realloc(buf, cap * 2);
        if (!bigger)
            free(buf);
        buf = bigger;
        cap *= 2;
    }
    cc_status status = CC_OK;
    if (!buf)
        status = cc_error_add(err, CC_ESOFTWARE, "%s: out of memory", in->name);
    else if (ferror(in->fp))
        status = cc_error_add(err, read_errno == EISDIR ? CC_ENOINPUT : CC_EIO,
                              "%s: read error: %s", in->name, reason(read_errno));
    if (status != CC_OK) {
        free(buf);
        return status;
    }
    buf[n] = '\0';
    *data = buf;
    *len = n;
    return CC_OK;
}

cc_status cc_io_read_all(const char *path, char **data, size_t *len, cc_error *err)
{
    cc_input in;
    *data = NULL;
    *len = 0;
    cc_status st = cc_input_open(&in, path, err);
    if (st != CC_OK)
        return st;
    st = cc_input_read_all(&in, data, len, err);
    cc_input_close(&in);
    return st;
}

static long line_of(const char *in, size_t offset)
{
    long line = 1;
    for (size_t i = 0; i < offset; i++)
        line += in[i] == '\n';
    return line;
}

/* The encodings --encoding accepts: the name shown, the name iconv knows,
 * and another spelling accepted. */
static const struct {
    const char *name, *iconv_name, *alias;
} encodings[] = {
    {"utf-8", "UTF-8", "utf8"},
    {"latin1", "ISO-8859-1", "iso-8859-1"},
    {"cp1252", "CP1252", "windows-1252"},
};

const char *cc_io_encoding_name(size_t i)
{
    return i < sizeof encodings / sizeof *encodings ? encodings[i].name : NULL;
}

int cc_io_encoding_parse(const char *name)
{
    for (size_t i = 0; cc_io_encoding_name(i); i++)
        if (strcasecmp(name, encodings[i].name) == 0 || strcasecmp(name, encodings[i].alias) == 0)
            return (int)i;
    return -1;
}

/* "a, b, c": the encoding names, for messages; NULL when out of memory. */
static char *encoding_list(void)
{
    size_t size = 1;
    for (size_t i = 0; cc_io_encoding_name(i); i++)
        size += strlen(encodings[i].name) + 2;
    char *list = malloc(size);
    if (!list)
        return NULL;
    list[0] = '\0';
    for (size_t i = 0; cc_io_encoding_name(i); i++) {
        if (i > 0)
            strcat(list, ", ");
        strcat(list, encodings[i].name);
    }
    return list;
}

/* Converts the `len` bytes at `in` from the iconv encoding `from` (named
 * `shown` in messages) to a new UTF-8 buffer of at most `cap` - 1 bytes. */
static cc_status transcode(const char *name, const char *from, const char *shown, const char *in,
                           size_t len, size_t cap, char **out, size_t *out_len, cc_error *err)
{
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1) {
        int saved = errno;
        return cc_error_add(err, CC_ESOFTWARE, "cannot convert from %s: %s", from,
                            reason(saved));
    }
    char *buf = malloc(cap);
    if (!buf) {
        iconv_close(cd);
        return cc_error_add(err, CC_ESOFTWARE, "%s: out of memory", name);
    }
    char *src = (char *)in, *dst = buf;
    size_t src_left = len, dst_left = cap - 1;
    cc_status status = CC_OK;
    /* the line is counted in the UTF-8 written so far: in UTF-16 a byte
     * 0x0A is not always a line end */
    if (iconv(cd, &src, &src_left, &dst, &dst_left) == (size_t)-1)
        status = cc_error_add(err, CC_EDATA, "%s:%ld: byte 0x%02X is not valid %s", name,
                              line_of(buf, (size_t)(dst - buf)), (unsigned char)*src, shown);
    iconv_close(cd);
    if (status != CC_OK) {
        free(buf);
        return status;
    }
    *dst = '\0';
    *out = buf;
    *out_len = (size_t)(dst - buf);
    return CC_OK;
}

cc_status cc_io_to_utf8(const char *name, const char *encoding, const char *in, size_t len,
                        char **out, size_t *out_len, cc_error *err)
{
    int e = cc_io_encoding_parse(encoding);
    if (e < 0) {
        char *list = encoding_list();
        if (!list)
            return cc_error_add(err, CC_ESOFTWARE, "out of memory");
        cc_status st = cc_error_add(err, CC_EUSAGE, "unknown encoding '%s' (accepted: %s)",
                                    encoding, list);
        free(list);
        return st;
    }
    /* One input byte of these encodings is at most 3 bytes of UTF-8. */
    return transcode(name, encodings[e].iconv_name, encoding, in, len, len * 3 + 1, out, out_len,
                     err);
}

const char *cc_io_utf16(const char *data, size_t len)
{
    if (len >= 2 && memcmp(data, "\xFF\xFE", 2) == 0)
        return "UTF-16LE";
    if (len >= 2 && memcmp(data, "\xFE\xFF", 2) == 0)
        return "UTF-16BE";
    return NULL;
}

cc_status cc_io_utf16_to_utf8(const char *name, const char *in, size_t len, char **out,
                              size_t *out_len, cc_error *err)
{
    const char *from = cc_io_utf16(in, len);
    if (!from)
        return cc_error_add(err, CC_EDATA, "%s:1: no UTF-16 byte-order mark", name);
    /* Two bytes are at most 3 bytes of UTF-8, and a surrogate pair's four
     * bytes are 4. */
    return transcode(name, from, from, in + 2, len - 2, (len - 2) / 2 * 3 + 4, out, out_len, err);
}

/* Appends to the memory buffer of standard output. A failed allocation is
 * a failed write, which leaves the stream's error flag set: open_memstream
 * would instead drop the text silently when its last allocation fails. */
static ssize_t buffer_write(void *cookie, const char *data, size_t len)
{
    cc_output *out = cookie;
    if (len > out->capacity - out->size) {
        size_t capacity = out->capacity ? out->capacity : 4096;
        while (capacity - out->size < len) {
            if (capacity > SIZE_MAX / 2) {
                errno = ENOMEM;
                return -1;
            }
            capacity *= 2;
        }
        char *bigger = realloc(out->buffer, capacity);
        if (!bigger) {
            errno = ENOMEM;
            return -1;
        }
        out->buffer = bigger;
        out->capacity = capacity;
    }
    memcpy(out->buffer + out->size, data, len);
    out->size += len;
    return (ssize_t)len;
}

/* Standard output goes through a memory stream written out at commit, so
 * that a run failing halfway leaves nothing on it. */
static cc_status open_stdout(cc_output *out, cc_error *err)
{
    out->fp = fopencookie(out, "w", (cookie_io_functions_t){.write = buffer_write});
    if (!out->fp)
        return cc_error_add(err, CC_ESOFTWARE, "out of memory");
    return CC_OK;
}

cc_status cc_output_open(cc_output *out, const char *path, cc_error *err)
{
    *out = (cc_output){0};
    if (!path || strcmp(path, "-") == 0)
        return open_stdout(out, err);
    size_t n = strlen(path);
    out->path = strdup(path);
    out->tmp_path = malloc(n + sizeof ".XXXXXX");
    if (!out->path || !out->tmp_path) {
        cc_output_abort(out);
        return cc_error_add(err, CC_ESOFTWARE, "out of memory");
    }
    memcpy(out->tmp_path, path, n);
    memcpy(out->tmp_path + n, ".XXXXXX", sizeof ".XXXXXX");
    int fd = mkstemp(out->tmp_path);
    if (fd < 0) {
        int saved = errno;
        free(out->tmp_path);
        out->tmp_path = NULL; /* nothing to remove */
        cc_output_abort(out);
        return cc_error_add(err, CC_ECANTCREAT, "%s: cannot create: %s", path, reason(saved));
    }
    /* mkstemp makes the file private; give it the usual permissions. */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    out->fp = fdopen(fd, "w");
    if (!out->fp) {
        int saved = errno;
        close(fd);
        cc_output_abort(out);
        if (saved == ENOMEM)
            return cc_error_add(err, CC_ESOFTWARE, "out of memory");
        return cc_error_add(err, CC_ECANTCREAT, "%s: cannot create: %s", path, reason(saved));
    }
    return CC_OK;
}

/* Writes the memory stream's text to stdout. */
static cc_status commit_stdout(cc_output *out, int *broken_pipe, cc_error *err)
{
    bool failed = ferror(out->fp) != 0;
    failed |= fclose(out->fp) != 0;
    out->fp = NULL;
    if (failed) {
        cc_output_abort(out);
        return cc_error_add(err, CC_ESOFTWARE, "out of memory while writing the output");
    }
    errno = 0;
    /* an empty output has no buffer at all */
    bool written = (out->size == 0 || fwrite(out->buffer, 1, out->size, stdout) == out->size) &&
                   fflush(stdout) == 0;
    int saved = errno;
    cc_output_abort(out);
    if (written)
        return CC_OK;
    if (saved == EPIPE) {
        /* the reader is gone: a quiet end, and no late error for it */
        clearerr(stdout);
        *broken_pipe = 1;
        return CC_OK;
    }
    return cc_error_add(err, CC_EIO, "write error on standard output: %s", reason(saved));
}

cc_status cc_output_commit(cc_output *out, int *broken_pipe, cc_error *err)
{
    *broken_pipe = 0;
    if (!out->path)
        return commit_stdout(out, broken_pipe, err);
    int saved = 0;
    errno = 0;
    if (fflush(out->fp) != 0 || ferror(out->fp) || fsync(fileno(out->fp)) != 0)
        saved = errno ? errno : EIO;
    errno = 0;
    if (fclose(out->fp) != 0 && !saved)
        saved = errno ? errno : EIO;
    out->fp = NULL;
    if (saved) {
        cc_status st = cc_error_add(err, CC_EIO, "%s: write error: %s", out->path,
                                    reason(saved));
        cc_output_abort(out);
        return st;
    }
    if (rename(out->tmp_path, out->path) != 0) {
        saved = errno;
        cc_status st = cc_error_add(err, CC_ECANTCREAT, "%s: cannot create: %s", out->path,
                                    reason(saved));
        cc_output_abort(out);
        return st;
    }
    free(out->tmp_path);
    free(out->path);
    *out = (cc_output){0};
    return CC_OK;
}

void cc_output_abort(cc_output *out)
{
    if (out->fp && out->fp != stdout)
        fclose(out->fp);
    if (out->tmp_path)
        unlink(out->tmp_path);
    free(out->tmp_path);
    free(out->path);
    free(out->buffer);
    *out = (cc_output){0};
}
