/* The CSV escaper: a table of fields and their exact RFC 4180 form. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "izde/csv.h"

static const struct { const char *in; size_t len; const char *want; } cases[] = {
    {"", 0, ""},
    {"грант", 10, "грант"},
    {"a,b", 3, "\"a,b\""},
    {"say \"hi\"", 8, "\"say \"\"hi\"\"\""},
    {"two\nlines", 9, "\"two\nlines\""},
    {"cr\rlf", 5, "\"cr\rlf\""},
    {"\xff" "x", 2, "\xEF\xBF\xBDx"},
    {"=1+2", 4, "=1+2"}, /* data, not a formula: left as it is */
    {"“quoted”, too", 17, "\"“quoted”, too\""},
};

START_TEST(csv_cases)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    izde_csv_field(f, cases[_i].in, cases[_i].len);
    fclose(f);
    ck_assert_msg(strcmp(buf, cases[_i].want) == 0, "case %d: got [%s] want [%s]", _i, buf,
                  cases[_i].want);
    free(buf);
}
END_TEST

Suite *csv_suite(void)
{
    Suite *s = suite_create("csv");
    TCase *tc = tcase_create("escape");
    tcase_add_loop_test(tc, csv_cases, 0, sizeof cases / sizeof cases[0]);
    suite_add_tcase(s, tc);
    return s;
}
