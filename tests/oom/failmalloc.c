/* failmalloc.c — an LD_PRELOAD library that makes one chosen allocation of a
 * program fail, to test how the program copes with running out of memory.
 *
 * It interposes every glibc allocation entry point (malloc, calloc, realloc,
 * reallocarray, posix_memalign, aligned_alloc, memalign, valloc, pvalloc) and
 * forwards to glibc's own __libc_* functions; free is not interposed, since
 * every block still comes from glibc's allocator. Functions of the C library
 * that allocate (strdup, fopen, getline, open_memstream...) call malloc
 * through the interposed symbol, so they are counted too.
 *
 * Only allocations made after this library's constructor has run are
 * counted: those of the dynamic loader and of the C library's start-up are
 * not the program's concern, and would make the numbering fragile.
 *
 * Environment (read once, by the constructor):
 *   FAILMALLOC_LOG=FILE  where to write the report; nothing is done without it
 *   FAILMALLOC_FAIL=N    fail the Nth counted allocation (1-based); 0 or unset
 *                        fails nothing, the run just counts
 *   FAILMALLOC_FROM=1    fail the Nth allocation and every later one too
 *
 * The report is text, one record a line:
 *   fail N SIZE          allocation N (of SIZE bytes) was made to fail...
 *   at MODULE OFFSET     ...called from here (innermost frame first; OFFSET is
 *                        what addr2line -e MODULE expects)
 *   count N FAILED       written at exit: N allocations counted, FAILED failed
 * A run that ends without a "count" line did not exit normally. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <elf.h>
#include <errno.h>
#include <execinfo.h>
#include <fcntl.h>
#include <link.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef __GLIBC__
#error "failmalloc forwards to glibc's __libc_* allocation functions"
#endif

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t count, size_t size);
extern void *__libc_realloc(void *ptr, size_t size);
extern void *__libc_memalign(size_t alignment, size_t size);
extern void *__libc_valloc(size_t size);

#define MAX_FRAMES 48

static int log_fd = -1;         /* the report; -1: the library is idle */
static int armed;               /* counting has begun */
static int busy;                /* inside the library's own work: do not count */
static unsigned long fail_at;   /* allocation to fail; 0: none */
static int fail_from;           /* fail every allocation from fail_at on */
static unsigned long counted;   /* allocations counted so far */
static unsigned long failed;    /* allocations made to fail */

/* ------------------------------------------------------------- reporting */

/* Formats with snprintf into a stack buffer and writes with write(2): no
 * allocation, whatever state the program's stdio is in. */
static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...)
{
    char line[4096];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    size_t len = (size_t)n < sizeof line ? (size_t)n : sizeof line - 1;
    for (size_t done = 0; done < len;) {
        ssize_t w = write(log_fd, line + done, len - done);
        if (w <= 0)
            return;
        done += (size_t)w;
    }
}

/* An address as addr2line wants it: relative to the module's load address,
 * except in a fixed-address (ET_EXEC) executable. */
static void say_frame(void *pc)
{
    Dl_info info;
    if (!dladdr(pc, &info) || !info.dli_fname || !info.dli_fbase) {
        say("at ? %p\n", pc);
        return;
    }
    uintptr_t addr = (uintptr_t)pc, base = (uintptr_t)info.dli_fbase;
    const ElfW(Ehdr) *ehdr = info.dli_fbase;
    uintptr_t offset = ehdr->e_type == ET_EXEC ? addr : addr - base;
    const char *name = info.dli_fname;
    char self[4096];
    if (!*name) { /* the main program */
        ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
        if (n > 0) {
            self[n] = '\0';
            name = self;
        }
    }
    say("at %s %#lx\n", name, (unsigned long)offset);
}

static void report_failure(size_t size)
{
    say("fail %lu %zu\n", counted, size);
    void *frames[MAX_FRAMES];
    int n = backtrace(frames, MAX_FRAMES);
    /* frames[0] is in this library; the rest are return addresses, which
     * point just after the call: step back one byte into the call. */
    for (int i = 1; i < n; i++)
        say_frame((char *)frames[i] - 1);
}

/* ------------------------------------------------------------- the policy */

/* Counts one allocation and says whether it must fail (errno is then set). */
static int must_fail(size_t size)
{
    if (!armed || busy)
        return 0;
    busy = 1;
    counted++;
    int fail = fail_at && (counted == fail_at || (fail_from && counted > fail_at));
    if (fail) {
        if (!failed)
            report_failure(size);
        failed++;
    }
    busy = 0;
    if (fail)
        errno = ENOMEM;
    return fail;
}

__attribute__((constructor)) static void failmalloc_init(void)
{
    const char *log = getenv("FAILMALLOC_LOG");
    if (!log || !*log)
        return;
    const char *at = getenv("FAILMALLOC_FAIL");
    fail_at = at ? strtoul(at, NULL, 10) : 0;
    const char *from = getenv("FAILMALLOC_FROM");
    fail_from = from && *from && strcmp(from, "0") != 0;
    log_fd = open(log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (log_fd < 0)
        return;
    if (fail_at) {
        /* backtrace() loads the unwinder on first use, which allocates:
         * load it now, before counting starts. */
        void *frames[2];
        backtrace(frames, 2);
    }
    armed = 1;
}

__attribute__((destructor)) static void failmalloc_fini(void)
{
    if (!armed)
        return;
    armed = 0;
    say("count %lu %lu\n", counted, failed);
    close(log_fd);
}

/* ----------------------------------------------------- the entry points */

void *malloc(size_t size)
{
    return must_fail(size) ? NULL : __libc_malloc(size);
}

void *calloc(size_t count, size_t size)
{
    return must_fail(count * size) ? NULL : __libc_calloc(count, size);
}

void *realloc(void *ptr, size_t size)
{
    /* realloc(p, 0) frees: not an allocation that can run out of memory */
    if (ptr && size == 0)
        return __libc_realloc(ptr, size);
    return must_fail(size) ? NULL : __libc_realloc(ptr, size);
}

void *reallocarray(void *ptr, size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size) {
        errno = ENOMEM;
        return NULL;
    }
    return realloc(ptr, count * size);
}

void *memalign(size_t alignment, size_t size)
{
    return must_fail(size) ? NULL : __libc_memalign(alignment, size);
}

void *aligned_alloc(size_t alignment, size_t size)
{
    return memalign(alignment, size);
}

int posix_memalign(void **out, size_t alignment, size_t size)
{
    if (alignment % sizeof(void *) || (alignment & (alignment - 1)) || !alignment)
        return EINVAL;
    int saved = errno;
    void *p = memalign(alignment, size);
    if (!p) {
        errno = saved;
        return ENOMEM;
    }
    *out = p;
    return 0;
}

void *valloc(size_t size)
{
    return must_fail(size) ? NULL : __libc_valloc(size);
}

void *pvalloc(size_t size)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    return valloc(size ? (size + page - 1) / page * page : page);
}
