/* error.h — how library code reports failure to its caller.
 * Library functions never print and never exit: they return a cc_status and
 * append human-readable messages to a caller-owned cc_error. Only the CLI
 * prints the messages and turns the status into an exit code. */
#ifndef COCREATE_ERROR_H
#define COCREATE_ERROR_H

#include <stdbool.h>

/* Status codes are the sysexits.h values the program exits with. */
typedef enum {
    CC_OK = 0,
    CC_EUSAGE = 64,     /* bad command line */
    CC_EDATA = 65,      /* bad input data */
    CC_ENOINPUT = 66,   /* input file missing or unreadable */
    CC_ESOFTWARE = 70,  /* internal error, out of memory */
    CC_ECANTCREAT = 73, /* output file cannot be created */
    CC_EIO = 74         /* read or write failed */
} cc_status;

/* At most this many messages are kept; later ones are only counted. */
#define CC_ERROR_MAX 20

/* Zero-initialise before use ({0}); cc_error_clear frees and resets. */
typedef struct {
    cc_status status;              /* status of the first error, but CC_ESOFTWARE
                                      once memory ran out; CC_OK if none */
    int count;                     /* errors seen, may exceed CC_ERROR_MAX */
    char *messages[CC_ERROR_MAX];  /* owned; the first min(count, MAX) are set,
                                      NULL where formatting ran out of memory */
    cc_status statuses[CC_ERROR_MAX]; /* the status of each of those */
    cc_status beyond;              /* status of the first error past CC_ERROR_MAX */
    int software_end;              /* count just after the last CC_ESOFTWARE error */
} cc_error;

/* Warnings (skipped rows, dropped components) go to a caller's callback so
 * that long inputs stream them instead of piling them up. */
typedef void (*cc_warn_fn)(void *ctx, const char *message);

/* Records an error with printf-style text; returns `status` so callers can
 * write `return cc_error_add(err, CC_EDATA, ...)`. Out of memory while
 * formatting is recorded as a CC_ESOFTWARE error without text (and that is
 * what is returned). A NULL `err` records nothing. */
cc_status cc_error_add(cc_error *err, cc_status status, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* The status of the errors recorded since `err->count` was `mark`: CC_OK
 * when there are none, CC_ESOFTWARE when one of them is, else the status
 * of the first of them. Loaders take a mark on entry so that earlier
 * errors in the same cc_error never decide their result. (Statuses past
 * CC_ERROR_MAX are not kept: there the first such one stands for all.) */
cc_status cc_error_since(const cc_error *err, int mark);

/* True once CC_ERROR_MAX errors have been recorded: loaders stop there. */
bool cc_error_full(const cc_error *err);

/* Frees the messages and resets `err` to no error. NULL is a no-op. */
void cc_error_clear(cc_error *err);

/* Formats a warning and passes it to `fn` (nothing happens if fn is NULL). */
void cc_warn(cc_warn_fn fn, void *ctx, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

#endif
