/* error.c — collecting error messages for the CLI to print. */
#include "cocreate/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static char *format_message(const char *fmt, va_list ap)
{
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n < 0)
        return NULL;
    char *text = malloc((size_t)n + 1);
    if (text)
        vsnprintf(text, (size_t)n + 1, fmt, ap);
    return text;
}

cc_status cc_error_add(cc_error *err, cc_status status, const char *fmt, ...)
{
    if (!err)
        return status;
    if (err->count < CC_ERROR_MAX) {
        va_list ap;
        va_start(ap, fmt);
        err->messages[err->count] = format_message(fmt, ap);
        va_end(ap);
        if (!err->messages[err->count])
            status = CC_ESOFTWARE; /* the message itself did not fit in memory */
        err->statuses[err->count] = status;
    } else if (err->count == CC_ERROR_MAX) {
        err->beyond = status;
    }
    if (err->status == CC_OK || status == CC_ESOFTWARE)
        err->status = status;
    err->count++;
    if (status == CC_ESOFTWARE)
        err->software_end = err->count;
    return status;
}

cc_status cc_error_since(const cc_error *err, int mark)
{
    if (!err || err->count <= mark)
        return CC_OK;
    if (err->software_end > mark)
        return CC_ESOFTWARE;
    return mark < CC_ERROR_MAX ? err->statuses[mark] : err->beyond;
}

bool cc_error_full(const cc_error *err)
{
    return err && err->count >= CC_ERROR_MAX;
}

void cc_error_clear(cc_error *err)
{
    if (!err)
        return;
    for (int i = 0; i < err->count && i < CC_ERROR_MAX; i++)
        free(err->messages[i]);
    *err = (cc_error){0};
}

void cc_warn(cc_warn_fn fn, void *ctx, const char *fmt, ...)
{
    if (!fn)
        return;
    va_list ap;
    va_start(ap, fmt);
    char *text = format_message(fmt, ap);
    va_end(ap);
    fn(ctx, text ? text : "(out of memory)");
    free(text);
}
