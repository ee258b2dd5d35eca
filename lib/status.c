/* izde — error text and warnings. */
#include "izde/status.h"

#include <stdarg.h>
#include <stdio.h>

static const char *progname = "izde";

izde_status izde_fail(izde_error *err, izde_status code, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
        err->code = code;
    }
    return code;
}

void izde_set_progname(const char *name) { progname = name; }

void izde_warn(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    flockfile(stderr); /* one line, whole, from each thread (izde-index's walk) */
    fprintf(stderr, "%s: ", progname);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    funlockfile(stderr);
    va_end(ap);
}
