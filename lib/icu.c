/* izde — ICU, loaded when a text first needs it (see include/izde/icu.h). */
#include "izde/icu.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#define STR2(x) #x
#define STR(x) STR2(x)
/* libicuuc.so.72: the library of the ICU whose headers izde was built with. */
#define ICU_SONAME "libicuuc.so." STR(U_ICU_VERSION_MAJOR_NUM)

static izde_icu_api table;
static const izde_icu_api *loaded;
static char error[256];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void)
{
    /* RTLD_NODELETE: the table outlives any dlclose; the library is never
     * closed (a process that needed ICU once will need it again). */
    void *h = dlopen(ICU_SONAME, RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
    if (!h) {
        snprintf(error, sizeof error, "cannot load ICU (%s): %s", ICU_SONAME, dlerror());
        return;
    }
    /* Each name as the headers spell it after renaming: "ubrk_open_72". */
    void *sym;
#define LOOKUP(ret, name, params)                                                     \
    if (!(sym = dlsym(h, STR(name)))) {                                                \
        snprintf(error, sizeof error, "cannot load ICU (%s): no %s", ICU_SONAME,       \
                 STR(name));                                                          \
        return;                                                                       \
    }                                                                                 \
    memcpy(&table.name, &sym, sizeof sym); /* POSIX: as dlsym() means */
    IZDE_ICU_FUNCTIONS(LOOKUP)
#undef LOOKUP
    loaded = &table;
}

const izde_icu_api *izde_icu(void)
{
    pthread_once(&once, load);
    return loaded;
}

const char *izde_icu_error(void)
{
    izde_icu();
    return loaded ? "" : error;
}
