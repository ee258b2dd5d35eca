/* The JSON escaper: a table of inputs and the exact JSON they must give. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "izde/json.h"

static char *escape(const char *s, size_t len)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    ck_assert_ptr_nonnull(f);
    izde_json_string(f, s, len);
    fclose(f);
    return buf;
}

static const struct { const char *in; size_t len; const char *want; } cases[] = {
    {"", 0, "\"\""},
    {"грант", 10, "\"грант\""},
    {"a\"b\\c", 5, "\"a\\\"b\\\\c\""},
    {"line\nnext\ttab\rcr", 16, "\"line\\nnext\\ttab\\rcr\""},
    {"\x01\x1f\x7f", 3, "\"\\u0001\\u001f\\u007f\""},
    {"nul\0byte", 8, "\"nul\\u0000byte\""},
    {"</script>&", 10, "\"\\u003c/script\\u003e\\u0026\""},
    {"\xff", 1, "\"\\ufffd\""},                   /* not UTF-8 */
    {"\xc0\xaf", 2, "\"\\ufffd\\ufffd\""},        /* overlong "/" */
    {"\xed\xa0\x80", 3, "\"\\ufffd\\ufffd\\ufffd\""}, /* a surrogate */
    {"\xd2", 1, "\"\\ufffd\""},                   /* truncated ң */
    {"\xe2\x80\xa8\xe2\x80\xa9", 6, "\"\\u2028\\u2029\""},
    {"“ӨКМ” №5 ✓ 😀", 26, "\"“ӨКМ” №5 ✓ 😀\""},
    /* runs written whole, broken where a character is escaped */
    {"ab\xe2\x80\xa8" "cd\xff" "\xd0\xb5<f", 12, "\"ab\\u2028cd\\ufffdе\\u003cf\""},
};

START_TEST(json_cases)
{
    char *got = escape(cases[_i].in, cases[_i].len);
    ck_assert_msg(strcmp(got, cases[_i].want) == 0, "case %d: got %s, want %s",
                  _i, got, cases[_i].want);
    free(got);
}
END_TEST

START_TEST(json_null)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    izde_json_cstr(f, NULL);
    fputc(' ', f);
    izde_json_cstr(f, "x");
    fclose(f);
    ck_assert_str_eq(buf, "null \"x\"");
    free(buf);
}
END_TEST

Suite *json_suite(void)
{
    Suite *s = suite_create("json");
    TCase *tc = tcase_create("escape");
    tcase_add_loop_test(tc, json_cases, 0, sizeof cases / sizeof cases[0]);
    tcase_add_test(tc, json_null);
    suite_add_tcase(s, tc);
    return s;
}
