/* Replays every input under tests/fuzz/regressions/TARGET/ through the body
 * of that fuzz target (tests/fuzz/harness.h): inputs that once crashed, or
 * that stand for a class of hostile input, keep being run by make check. */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../fuzz/harness.h"

static const struct target {
    const char *name;
    int (*run)(const uint8_t *, size_t);
} targets[] = {
    {"fuzz_text_export", fuzz_text_export},
    {"fuzz_html", fuzz_html},
    {"fuzz_analyzer", fuzz_analyzer},
    {"fuzz_decode", fuzz_decode},
    {"fuzz_cgi", fuzz_cgi},
    {"fuzz_issue_xml", fuzz_issue_xml},
    {"fuzz_pdf", fuzz_pdf},
};

static unsigned char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    unsigned char *buf = malloc((size_t)n + 1);
    ck_assert(buf && fread(buf, 1, (size_t)n, f) == (size_t)n);
    fclose(f);
    *len = (size_t)n;
    return buf;
}

START_TEST(replay)
{
    const char *top = getenv("IZDE_TOP");
    char dir[512];
    snprintf(dir, sizeof dir, "%s/tests/fuzz/regressions/%s", top ? top : ".", targets[_i].name);
    DIR *d = opendir(dir);
    if (!d)
        return; /* no regressions for this target */
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        size_t len;
        unsigned char *buf = slurp(path, &len);
        targets[_i].run(buf, len); /* aborts on a broken invariant */
        free(buf);
    }
    closedir(d);
}
END_TEST

Suite *fuzz_regressions_suite(void)
{
    Suite *s = suite_create("fuzz_regressions");
    TCase *tc = tcase_create("replay");
    tcase_add_loop_test(tc, replay, 0, (int)(sizeof targets / sizeof targets[0]));
    suite_add_tcase(s, tc);
    return s;
}
