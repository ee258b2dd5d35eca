/* The one test runner: every unit suite plus the end-to-end scripts, so that
 * `make check` ends with Check's summary line. */
#include <check.h>
#include <stdlib.h>
#include <unicode/uclean.h>

#define SUITE(name) Suite *name(void);
#include "suites.def"
#undef SUITE

int main(void)
{
    SRunner *sr = srunner_create(NULL);
#define SUITE(name) srunner_add_suite(sr, name());
#include "suites.def"
#undef SUITE
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    /* ICU's caches (the translit suite's Transliterator registry) freed, so
     * that valgrind (make check-valgrind) sees no block of them left. */
    u_cleanup();
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
