/* The HTML escaper: a table of inputs and the exact output they must give. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "izde/html.h"

#define FFFD "\xEF\xBF\xBD"

static char *escape(const char *s, size_t len)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    ck_assert_ptr_nonnull(f);
    izde_html_escape(f, s, len);
    fclose(f);
    return buf;
}

static const struct { const char *in; size_t len; const char *want; } cases[] = {
    {"", 0, ""},
    {"грант", 10, "грант"},
    {"<script>alert(1)</script>", 25, "&lt;script&gt;alert(1)&lt;/script&gt;"},
    {"\" onmouseover=\"x", 16, "&quot; onmouseover=&quot;x"},
    {"' autofocus onfocus='x", 22, "&#39; autofocus onfocus=&#39;x"},
    {"a&amp;b", 7, "a&amp;amp;b"},
    {"tab\tlf\ncr\r", 10, "tab\tlf\ncr\r"},         /* allowed white space */
    {"nul\0x", 5, "nul" FFFD "x"},                 /* NUL: a parse error */
    {"\x01\x08\x0b\x0c\x1f\x7f", 6, FFFD FFFD FFFD FFFD FFFD FFFD},
    {"\xc2\x80\xc2\x9f", 4, FFFD FFFD},            /* C1 controls */
    {"\xef\xb7\x90\xef\xbf\xbe", 6, FFFD FFFD},    /* U+FDD0, U+FFFE */
    {"\xf0\x9f\xbf\xbf", 4, FFFD},                 /* U+1FFFF */
    {"\xff", 1, FFFD},                             /* not UTF-8 */
    {"\xc0\xbcscript", 8, FFFD FFFD "script"},     /* overlong "<" */
    {"\xe0\x80\xbc", 3, FFFD FFFD FFFD},           /* overlong "<", 3 bytes */
    {"\xed\xa0\x80", 3, FFFD FFFD FFFD},           /* a surrogate */
    {"\xd2", 1, FFFD},                             /* truncated ң */
    {"+ADw-script+AD4-", 16, "+ADw-script+AD4-"},  /* UTF-7: inert in UTF-8 */
    {"“ӨКМ” «№5» ✓ 😀", 30, "“ӨКМ” «№5» ✓ 😀"},
    {"javascript:alert(1)", 19, "javascript:alert(1)"}, /* text is text */
};

START_TEST(html_cases)
{
    char *got = escape(cases[_i].in, cases[_i].len);
    ck_assert_msg(strcmp(got, cases[_i].want) == 0, "case %d: got '%s', want '%s'",
                  _i, got, cases[_i].want);
    free(got);
}
END_TEST

/* Every byte value alone: the output never holds a character that could
 * open a tag, a reference or end an attribute value. */
START_TEST(html_every_byte)
{
    for (int c = 0; c < 256; c++) {
        char in = (char)c;
        char *got = escape(&in, 1);
        int ref = !strcmp(got, "&amp;") || !strcmp(got, "&lt;") || !strcmp(got, "&gt;") ||
                  !strcmp(got, "&quot;") || !strcmp(got, "&#39;");
        ck_assert_msg(!strpbrk(got, "<>\"'") && (ref || !strchr(got, '&')),
                      "byte %d gave '%s'", c, got);
        free(got);
    }
}
END_TEST

START_TEST(html_cstr_null)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    izde_html_cstr(f, NULL);
    izde_html_cstr(f, "<b>");
    fclose(f);
    ck_assert_str_eq(buf, "&lt;b&gt;");
    free(buf);
}
END_TEST

Suite *html_escape_suite(void)
{
    Suite *s = suite_create("html_escape");
    TCase *tc = tcase_create("escape");
    tcase_add_loop_test(tc, html_cases, 0, sizeof cases / sizeof cases[0]);
    tcase_add_test(tc, html_every_byte);
    tcase_add_test(tc, html_cstr_null);
    suite_add_tcase(s, tc);
    return s;
}
