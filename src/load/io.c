/* io.c — reading whole inputs, transcoding them, and atomic output files. */
#define _GNU_SOURCE /* fopencookie: a memory stream that reports a failed allocation;
                       faccessat's AT_EACCESS */
#include "cocreate/io.h"

#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <signal.h>
#include <stdatomic.h>
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
 * another spelling accepted, and whether bytes 0x80-0x9F are the C1
 * control characters. ISO-8859-1 makes them so; no text file means them,
 * but a Windows-1252 file read as latin1 would turn its ’ € œ into them
 * (and 0x9B is a terminal's escape): they are refused, with a hint. */
static const struct {
    const char *name, *iconv_name, *alias;
    bool c1_controls;
} encodings[] = {
    {"utf-8", "UTF-8", "utf8", false},
    {"latin1", "ISO-8859-1", "iso-8859-1", true},
    {"cp1252", "CP1252", "windows-1252", false},
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
    for (size_t i = 0; encodings[e].c1_controls && i < len; i++)
        if ((unsigned char)in[i] >= 0x80 && (unsigned char)in[i] <= 0x9F)
            return cc_error_add(err, CC_EDATA,
                                "%s:%ld: byte 0x%02X is a control character in %s (ISO-8859-1); "
                                "files from Windows spreadsheets are cp1252: try --encoding cp1252",
                                name, line_of(in, i), (unsigned char)in[i], encoding);
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

/* ---------------------------------------------------------------- output */

/* Appends to the memory buffer of the output. A failed allocation is a
 * failed write, which leaves the stream's error flag set: open_memstream
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

/* True when `out` opened its sink itself and must close it. */
static bool owns_sink(const cc_output *out)
{
    return out->sink && out->sink != stdout && out->sink != stderr;
}

/* Records "PATH: WHAT: REASON" with `status` (out of memory as such), then
 * discards `out`. */
static cc_status fail(cc_output *out, cc_status status, const char *what, int saved,
                      cc_error *err)
{
    cc_status st = saved == ENOMEM
                       ? cc_error_add(err, CC_ESOFTWARE, "out of memory")
                       : cc_error_add(err, status, "%s: %s: %s", out->path, what, reason(saved));
    cc_output_abort(out);
    return st;
}

/* Output for standard output, or for a device or FIFO, goes through a
 * memory stream written to `sink` at commit, so that a run failing halfway
 * writes nothing there. */
static cc_status open_memory(cc_output *out, FILE *sink, cc_error *err)
{
    out->sink = sink;
    out->fp = fopencookie(out, "w", (cookie_io_functions_t){.write = buffer_write});
    if (!out->fp) {
        cc_output_abort(out);
        return cc_error_add(err, CC_ESOFTWARE, "out of memory");
    }
    return CC_OK;
}

/* The standard stream already open on the file `st` describes, or NULL.
 * -o /dev/stdout, or -o naming the file standard output is redirected to,
 * writes through that stream: an append (>>) stays an append, and no file
 * is replaced under the shell's feet. */
static FILE *standard_stream(const struct stat *st)
{
    struct stat fd;
    if (fstat(STDOUT_FILENO, &fd) == 0 && fd.st_dev == st->st_dev && fd.st_ino == st->st_ino)
        return stdout;
    if (fstat(STDERR_FILENO, &fd) == 0 && fd.st_dev == st->st_dev && fd.st_ino == st->st_ino)
        return stderr;
    return NULL;
}

/* A device or FIFO (-o /dev/null, a named pipe) is written in place, as a
 * shell redirection would: a temporary file renamed over it would replace
 * it with a regular file. Opening a FIFO waits for its reader. */
static cc_status open_device(cc_output *out, cc_error *err)
{
    errno = 0;
    int fd = open(out->path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
    FILE *sink = fd < 0 ? NULL : fdopen(fd, "w");
    if (!sink) {
        int saved = errno;
        if (fd >= 0)
            close(fd);
        return fail(out, CC_ECANTCREAT, "cannot create", saved, err);
    }
    return open_memory(out, sink, err);
}

/* The first `n` bytes of `head` then `tail`, malloc'd; NULL when out of
 * memory. */
static char *concat(const char *head, size_t n, const char *tail)
{
    size_t m = strlen(tail);
    char *s = malloc(n + m + 1);
    if (s) {
        memcpy(s, head, n);
        memcpy(s + n, tail, m + 1);
    }
    return s;
}

/* Length of the directory part of `path`, its last '/' included (0: none). */
static size_t dir_length(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? (size_t)(slash - path) + 1 : 0;
}

/* What the symbolic link `path` holds, malloc'd; NULL with errno set. */
static char *read_link(const char *path)
{
    for (size_t size = 128;; size *= 2) {
        char *target = malloc(size);
        if (!target) {
            errno = ENOMEM;
            return NULL;
        }
        ssize_t n = readlink(path, target, size);
        if (n >= 0 && (size_t)n < size) {
            target[n] = '\0';
            return target;
        }
        int saved = errno;
        free(target);
        if (n < 0) {
            errno = saved;
            return NULL;
        }
        /* maybe cut: try a larger buffer */
    }
}

/* Links followed at most, as the kernel does. */
#define MAX_LINKS 40

/* `path` with the symbolic links of its last component followed, to the
 * file they lead to (which may not exist yet), malloc'd; NULL with errno
 * set. The output replaces that file, in its own directory, and the links
 * stay links. */
static char *follow_links(const char *path)
{
    char *p = strdup(path);
    struct stat st;
    for (int hops = 0; p && lstat(p, &st) == 0 && S_ISLNK(st.st_mode); hops++) {
        char *link = hops < MAX_LINKS ? read_link(p) : NULL;
        if (hops == MAX_LINKS)
            errno = ELOOP;
        char *next = link;
        if (link && link[0] != '/') { /* relative to the link's directory */
            next = concat(p, dir_length(p), link);
            free(link);
        }
        int saved = errno;
        free(p);
        errno = saved;
        p = next;
    }
    return p;
}

/* The signals that end the program by default and that a user sends to
 * stop a run (Ctrl-C, kill, a closed terminal, Ctrl-\). */
static const int stop_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
#define STOP_SIGNALS (sizeof stop_signals / sizeof *stop_signals)

/* The temporary file being written, for the signal handler to remove; a
 * lock-free atomic is what a handler may read. One output is open at a
 * time. */
_Static_assert(ATOMIC_POINTER_LOCK_FREE == 2, "a signal handler reads the temporary's name");
static _Atomic(char *) pending_temp;

/* Removes the temporary file, then dies of the same signal, so that the
 * exit status says what happened. Async-signal-safe calls only. */
static void remove_temp_and_die(int sig)
{
    char *tmp = atomic_load(&pending_temp);
    if (tmp)
        unlink(tmp);
    signal(sig, SIG_DFL);
    raise(sig); /* delivered when the handler returns */
}

/* Installs remove_temp_and_die, once, for the stop signals that have their
 * default action: one the program was started ignoring (nohup) stays
 * ignored. */
static void install_signal_handlers(void)
{
    static bool installed;
    if (installed)
        return;
    installed = true;
    struct sigaction sa = {.sa_handler = remove_temp_and_die};
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < STOP_SIGNALS; i++)
        sigaddset(&sa.sa_mask, stop_signals[i]);
    for (size_t i = 0; i < STOP_SIGNALS; i++) {
        struct sigaction old;
        if (sigaction(stop_signals[i], NULL, &old) == 0 && old.sa_handler == SIG_DFL)
            sigaction(stop_signals[i], &sa, NULL);
    }
}

/* mkstemp on `tmp`, registering the file for the signal handler; the stop
 * signals wait meanwhile, so that none comes between the two. */
static int create_temp(char *tmp)
{
    sigset_t block, old;
    sigemptyset(&block);
    for (size_t i = 0; i < STOP_SIGNALS; i++)
        sigaddset(&block, stop_signals[i]);
    sigprocmask(SIG_BLOCK, &block, &old);
    int fd = mkstemp(tmp);
    int saved = errno;
    if (fd >= 0)
        atomic_store(&pending_temp, tmp);
    sigprocmask(SIG_SETMASK, &old, NULL);
    errno = saved;
    return fd;
}

/* Gives the temporary file the permissions the output should have: an
 * existing file's (not its set-id bits), with its owner and group where
 * allowed; else those of a new file (mkstemp makes it private). */
static void set_permissions(int fd, const struct stat *existing)
{
    if (!existing) {
        mode_t mask = umask(0);
        umask(mask);
        fchmod(fd, 0666 & ~mask);
        return;
    }
    /* Owner first, as a change of owner may clear mode bits. Only root may
     * give a file away; anyone else keeps at least the group if a member. */
    if (fchown(fd, existing->st_uid, existing->st_gid) != 0 &&
        fchown(fd, (uid_t)-1, existing->st_gid) != 0) {
        /* the file stays the user's own */
    }
    fchmod(fd, existing->st_mode & 0777);
}

/* A regular file, new (`existing` NULL) or to replace: written to a
 * temporary file in the directory of the file the path leads to, renamed
 * over it at commit. A file its user may not write is not replaced. */
static cc_status open_file(cc_output *out, const struct stat *existing, cc_error *err)
{
    errno = 0;
    if (existing && faccessat(AT_FDCWD, out->path, W_OK, AT_EACCESS) != 0)
        return fail(out, CC_ECANTCREAT, "cannot replace", errno, err);
    out->target = follow_links(out->path);
    if (!out->target)
        return fail(out, CC_ECANTCREAT, "cannot create", errno, err);
    /* a name of fixed length, that a long output name cannot push past the
     * file system's limit */
    out->tmp_path = concat(out->target, dir_length(out->target), ".cocreate-XXXXXX");
    if (!out->tmp_path)
        return fail(out, CC_ECANTCREAT, "cannot create", ENOMEM, err);
    install_signal_handlers();
    int fd = create_temp(out->tmp_path);
    if (fd < 0) {
        int saved = errno;
        free(out->tmp_path);
        out->tmp_path = NULL; /* nothing to remove */
        return fail(out, CC_ECANTCREAT, "cannot create", saved, err);
    }
    set_permissions(fd, existing);
    out->fp = fdopen(fd, "w");
    if (!out->fp) {
        int saved = errno;
        close(fd);
        return fail(out, CC_ECANTCREAT, "cannot create", saved, err);
    }
    return CC_OK;
}

cc_status cc_output_open(cc_output *out, const char *path, cc_error *err)
{
    *out = (cc_output){0};
    if (!path || strcmp(path, "-") == 0)
        return open_memory(out, stdout, err);
    out->path = strdup(path);
    if (!out->path)
        return cc_error_add(err, CC_ESOFTWARE, "out of memory");
    struct stat st;
    errno = 0;
    if (stat(path, &st) != 0) /* none yet (perhaps a link to none) */
        return errno == ENOENT ? open_file(out, NULL, err)
                               : fail(out, CC_ECANTCREAT, "cannot create", errno, err);
    FILE *standard = standard_stream(&st);
    if (standard)
        return open_memory(out, standard, err);
    if (S_ISDIR(st.st_mode))
        return fail(out, CC_ECANTCREAT, "cannot create", EISDIR, err);
    if (!S_ISREG(st.st_mode))
        return open_device(out, err);
    return open_file(out, &st, err);
}

/* Writes the text kept in memory to its sink. */
static cc_status commit_memory(cc_output *out, int *broken_pipe, cc_error *err)
{
    bool failed = ferror(out->fp) != 0;
    failed |= fclose(out->fp) != 0;
    out->fp = NULL;
    if (failed) {
        cc_output_abort(out);
        return cc_error_add(err, CC_ESOFTWARE, "out of memory while writing the output");
    }
    FILE *sink = out->sink;
    errno = 0;
    /* an empty output has no buffer at all */
    bool written = (out->size == 0 || fwrite(out->buffer, 1, out->size, sink) == out->size) &&
                   fflush(sink) == 0;
    int saved = errno;
    if (owns_sink(out)) {
        errno = 0;
        if (fclose(sink) != 0 && written) {
            written = false;
            saved = errno;
        }
        sink = out->sink = NULL;
    }
    cc_status st = CC_OK;
    if (!written && saved == EPIPE) {
        /* the reader is gone: a quiet end, and no late error for it */
        if (sink)
            clearerr(sink);
        *broken_pipe = 1;
    } else if (!written && out->path) {
        st = cc_error_add(err, CC_EIO, "%s: write error: %s", out->path, reason(saved));
    } else if (!written) {
        st = cc_error_add(err, CC_EIO, "write error on standard output: %s", reason(saved));
    }
    cc_output_abort(out);
    return st;
}

cc_status cc_output_commit(cc_output *out, int *broken_pipe, cc_error *err)
{
    *broken_pipe = 0;
    if (!out->tmp_path)
        return commit_memory(out, broken_pipe, err);
    int saved = 0;
    errno = 0;
    if (fflush(out->fp) != 0 || ferror(out->fp) || fsync(fileno(out->fp)) != 0)
        saved = errno ? errno : EIO;
    errno = 0;
    if (fclose(out->fp) != 0 && !saved)
        saved = errno ? errno : EIO;
    out->fp = NULL;
    if (saved)
        return fail(out, CC_EIO, "write error", saved, err);
    if (rename(out->tmp_path, out->target) != 0)
        return fail(out, CC_ECANTCREAT, "cannot create", errno, err);
    atomic_store(&pending_temp, NULL); /* renamed: nothing to remove */
    free(out->tmp_path);
    out->tmp_path = NULL;
    cc_output_abort(out);
    return CC_OK;
}

void cc_output_abort(cc_output *out)
{
    if (out->fp)
        fclose(out->fp);
    if (owns_sink(out))
        fclose(out->sink);
    if (out->tmp_path) {
        unlink(out->tmp_path);
        /* only now, and before the name is freed, may the handler forget it */
        atomic_store(&pending_temp, NULL);
    }
    free(out->tmp_path);
    free(out->target);
    free(out->path);
    free(out->buffer);
    *out = (cc_output){0};
}

bool cc_io_same_file(const char *output, const char *input)
{
    struct stat o, i;
    if (strcmp(output, "-") == 0 || stat(output, &o) != 0 || !S_ISREG(o.st_mode))
        return false;
    int got = strcmp(input, "-") == 0 ? fstat(STDIN_FILENO, &i) : stat(input, &i);
    return got == 0 && o.st_dev == i.st_dev && o.st_ino == i.st_ino;
}

bool cc_io_is_stdin(const char *path)
{
    if (strcmp(path, "-") == 0)
        return true;
    struct stat p, in;
    return stat(path, &p) == 0 && fstat(STDIN_FILENO, &in) == 0 && p.st_dev == in.st_dev &&
           p.st_ino == in.st_ino;
}
