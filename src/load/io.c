/* io.c — reading whole inputs, transcoding them, and atomic output files. */
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

cc_status cc_io_read_all(const char *path, char **data, size_t *len, cc_error *err)
{
    bool is_stdin = strcmp(path, "-") == 0;
    FILE *fp = is_stdin ? stdin : fopen(path, "rb");
    *data = NULL;
    *len = 0;
    if (!fp)
        return cc_error_add(err, CC_ENOINPUT, "%s: cannot open: %s", path, strerror(errno));
    struct stat st;
    if (fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode)) {
        if (!is_stdin)
            fclose(fp);
        return cc_error_add(err, CC_ENOINPUT, "%s: is a directory", path);
    }
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    cc_status status = CC_OK;
    while (buf) {
        n += fread(buf + n, 1, cap - n - 1, fp);
        if (n < cap - 1)
            break; /* fread stops short only at end of file or on error */
        char *bigger = cap > SIZE_MAX / 2 ? NULL : realloc(buf, cap * 2);
        if (!bigger)
            free(buf);
        buf = bigger;
        cap *= 2;
    }
    if (!buf)
        status = cc_error_add(err, CC_ESOFTWARE, "%s: out of memory", cc_io_source_name(path));
    else if (ferror(fp))
        status = cc_error_add(err, errno == EISDIR ? CC_ENOINPUT : CC_EIO, "%s: read error: %s",
                              cc_io_source_name(path), strerror(errno));
    if (!is_stdin)
        fclose(fp);
    if (status != CC_OK) {
        free(buf);
        return status;
    }
    buf[n] = '\0';
    *data = buf;
    *len = n;
    return CC_OK;
}

static long line_of(const char *in, size_t offset)
{
    long line = 1;
    for (size_t i = 0; i < offset; i++)
        line += in[i] == '\n';
    return line;
}

cc_status cc_io_to_utf8(const char *name, const char *encoding, const char *in, size_t len,
                        char **out, size_t *out_len, cc_error *err)
{
    const char *from = NULL;
    if (strcasecmp(encoding, "latin1") == 0 || strcasecmp(encoding, "iso-8859-1") == 0)
        from = "ISO-8859-1";
    else if (strcasecmp(encoding, "cp1252") == 0 || strcasecmp(encoding, "windows-1252") == 0)
        from = "CP1252";
    else if (strcasecmp(encoding, "utf-8") == 0 || strcasecmp(encoding, "utf8") == 0)
        from = "UTF-8";
    else
        return cc_error_add(err, CC_EUSAGE,
                            "unknown encoding '%s' (accepted: utf-8, latin1, cp1252)", encoding);
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1)
        return cc_error_add(err, CC_ESOFTWARE, "cannot convert from %s: %s", from,
                            strerror(errno));
    /* One input byte of these encodings is at most 3 bytes of UTF-8. */
    size_t cap = len * 3 + 1;
    char *buf = malloc(cap);
    if (!buf) {
        iconv_close(cd);
        return cc_error_add(err, CC_ESOFTWARE, "%s: out of memory", name);
    }
    char *src = (char *)in, *dst = buf;
    size_t src_left = len, dst_left = cap - 1;
    cc_status status = CC_OK;
    if (iconv(cd, &src, &src_left, &dst, &dst_left) == (size_t)-1)
        status = cc_error_add(err, CC_EDATA, "%s:%ld: byte 0x%02X is not valid %s", name,
                              line_of(in, (size_t)(src - in)), (unsigned char)*src, encoding);
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

cc_status cc_output_open(cc_output *out, const char *path, cc_error *err)
{
    *out = (cc_output){0};
    if (!path || strcmp(path, "-") == 0) {
        out->fp = stdout;
        return CC_OK;
    }
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
        cc_status st = cc_error_add(err, CC_ECANTCREAT, "%s: cannot create: %s", path,
                                    strerror(errno));
        free(out->tmp_path);
        out->tmp_path = NULL;
        cc_output_abort(out);
        return st;
    }
    /* mkstemp makes the file private; give it the usual permissions. */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    out->fp = fdopen(fd, "w");
    if (!out->fp) {
        close(fd);
        cc_output_abort(out);
        return cc_error_add(err, CC_ECANTCREAT, "%s: cannot create: %s", path, strerror(errno));
    }
    return CC_OK;
}

cc_status cc_output_commit(cc_output *out, int *broken_pipe, cc_error *err)
{
    *broken_pipe = 0;
    if (!out->path) {
        errno = 0;
        if (fflush(out->fp) == 0 && !ferror(out->fp))
            return CC_OK;
        if (errno == EPIPE) {
            *broken_pipe = 1;
            return CC_OK;
        }
        return cc_error_add(err, CC_EIO, "write error on standard output: %s",
                            strerror(errno ? errno : EIO));
    }
    int failed = fflush(out->fp) != 0 || ferror(out->fp) || fsync(fileno(out->fp)) != 0;
    int saved = errno;
    failed |= fclose(out->fp) != 0;
    out->fp = NULL;
    if (failed) {
        cc_status st = cc_error_add(err, CC_EIO, "%s: write error: %s", out->path,
                                    strerror(saved ? saved : EIO));
        cc_output_abort(out);
        return st;
    }
    if (rename(out->tmp_path, out->path) != 0) {
        cc_status st = cc_error_add(err, CC_ECANTCREAT, "%s: cannot create: %s", out->path,
                                    strerror(errno));
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
    *out = (cc_output){0};
}
