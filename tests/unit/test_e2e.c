/* End-to-end tests: each tests/e2e/NAME.sh is one Check test.  The scripts
 * drive the real binaries ($IZDE_BIN) on corpus/ and exit non-zero with a
 * message on stderr when an assertion fails.  Their test case is tagged
 * "e2e": CK_INCLUDE_TAGS=e2e runs only them, CK_EXCLUDE_TAGS=e2e all but
 * them (make check runs the two side by side). */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

static char scripts[64][256];
static int nscripts;

static void run_script(int i)
{
    const char *top = getenv("IZDE_TOP");
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "cd '%s' && bash tests/e2e/%s", top ? top : ".",
             scripts[i]);
    int rc = system(cmd);
    ck_assert_msg(rc != -1 && WIFEXITED(rc) && WEXITSTATUS(rc) == 0,
                  "tests/e2e/%s failed (status %d)", scripts[i], rc);
}

START_TEST(e2e_script) { run_script(_i); }
END_TEST

static int by_name(const void *a, const void *b) { return strcmp(a, b); }

Suite *e2e_suite(void)
{
    const char *top = getenv("IZDE_TOP");
    char dir[512];
    snprintf(dir, sizeof dir, "%s/tests/e2e", top ? top : ".");
    DIR *d = opendir(dir);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d)) && nscripts < 64) {
            size_t n = strlen(e->d_name);
            if (n > 3 && n < sizeof scripts[0] && !strcmp(e->d_name + n - 3, ".sh"))
                memcpy(scripts[nscripts++], e->d_name, n + 1);
        }
        closedir(d);
    }
    qsort(scripts, nscripts, sizeof scripts[0], by_name);
    Suite *s = suite_create("e2e");
    TCase *tc = tcase_create("scripts");
    tcase_set_tags(tc, "e2e");
    tcase_set_timeout(tc, 300);
    tcase_add_loop_test(tc, e2e_script, 0, nscripts);
    suite_add_tcase(s, tc);
    return s;
}
