/* fuzz.h — what the libFuzzer targets of this directory share: a check
 * that aborts (libFuzzer saves the input), the input as a C string, the
 * checks every error message must pass, and the test data some targets
 * load once. Each target is one file defining LLVMFuzzerTestOneInput; see
 * fuzz/CMakeLists.txt to add one. */
#ifndef COCREATE_FUZZ_H
#define COCREATE_FUZZ_H

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cocreate/error.h"
#include "cocreate/io.h"

/* Like assert, but also in optimised builds: a broken promise is a crash
 * for libFuzzer, which keeps the input that caused it. */
#define FUZZ_CHECK(cond)                                                              \
    do {                                                                              \
        if (!(cond)) {                                                                \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);  \
            abort();                                                                  \
        }                                                                             \
    } while (0)

/* The input as a malloc'd NUL-terminated string, for APIs that take one
 * (a NUL inside ends it early, as it would on a command line). */
static inline char *fuzz_string(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    FUZZ_CHECK(s);
    memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

/* True when `message` starts with "SOURCE:LINE": data errors name their
 * file and line. */
static inline int fuzz_names_line(const char *message, const char *source)
{
    size_t n = strlen(source);
    return message && strncmp(message, source, n) == 0 && message[n] == ':' &&
           isdigit((unsigned char)message[n + 1]);
}

/* The promises of a load that returned `st` with `mark` errors before it:
 * a failure recorded at least one error of that status; data errors name
 * file and line; nothing runs out of memory on a fuzzer's small inputs. */
static inline void fuzz_check_errors(cc_status st, const cc_error *err, int mark,
                                     const char *source)
{
    FUZZ_CHECK(st != CC_ESOFTWARE);
    FUZZ_CHECK((st == CC_OK) == (err->count == mark));
    if (st == CC_OK)
        return;
    FUZZ_CHECK(st == cc_error_since(err, mark));
    for (int i = mark; i < err->count && i < CC_ERROR_MAX; i++)
        if (err->statuses[i] == CC_EDATA)
            FUZZ_CHECK(fuzz_names_line(err->messages[i], source));
}

/* A file of tests/e2e/data read whole (the path is built in by CMake);
 * the caller frees it. */
static inline char *fuzz_test_data(const char *name, size_t *len)
{
    size_t size = strlen(COCREATE_FUZZ_DATA) + strlen(name) + 2;
    char *path = malloc(size), *data = NULL;
    FUZZ_CHECK(path);
    snprintf(path, size, "%s/%s", COCREATE_FUZZ_DATA, name);
    cc_error err = {0};
    FUZZ_CHECK(cc_io_read_all(path, &data, len, &err) == CC_OK);
    free(path);
    return data;
}

#endif
