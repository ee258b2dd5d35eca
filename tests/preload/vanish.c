/* vanish.so — for tests/e2e/hostile.sh: a file that disappears mid-run,
 * deterministically.  With LD_PRELOAD=vanish.so IZDE_VANISH=NAME, an open()
 * of a path ending in "/NAME" deletes the file just before it is opened: the
 * directory walk has listed and stat'ed it, the reading finds it gone.
 * And a library that is not installed: with IZDE_VANISH_LIB=TEXT, a
 * dlopen() of a name containing TEXT fails as the loader fails for a
 * missing file (its dlerror() the real one). */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

static void maybe_vanish(const char *path)
{
    const char *v = getenv("IZDE_VANISH");
    if (!v || !*v || !path)
        return;
    size_t n = strlen(path), m = strlen(v);
    if (n > m && path[n - m - 1] == '/' && strcmp(path + n - m, v) == 0)
        unlink(path);
}

typedef int (*open_fn)(const char *, int, ...);

static int call(const char *sym, const char *path, int flags, va_list ap)
{
    open_fn real = (open_fn)dlsym(RTLD_NEXT, sym);
    mode_t mode = (flags & (O_CREAT | O_TMPFILE)) ? (mode_t)va_arg(ap, int) : 0;
    maybe_vanish(path);
    return real(path, flags, mode);
}

int open(const char *path, int flags, ...)
{
    va_list ap;
    va_start(ap, flags);
    int r = call("open", path, flags, ap);
    va_end(ap);
    return r;
}

int open64(const char *path, int flags, ...)
{
    va_list ap;
    va_start(ap, flags);
    int r = call("open64", path, flags, ap);
    va_end(ap);
    return r;
}

typedef void *(*dlopen_fn)(const char *, int);

void *dlopen(const char *file, int flags)
{
    dlopen_fn real = (dlopen_fn)dlsym(RTLD_NEXT, "dlopen");
    const char *v = getenv("IZDE_VANISH_LIB");
    if (v && *v && file && strstr(file, v)) {
        char gone[4096];
        const char *base = strrchr(file, '/');
        snprintf(gone, sizeof gone, "/nonexistent/%s", base ? base + 1 : file);
        return real(gone, flags);
    }
    return real(file, flags);
}
