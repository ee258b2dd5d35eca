/* Did-you-mean: the edit distance over letters, and the nearest form. */
#include <check.h>
#include <string.h>

#include "izde/spelling.h"

#define D(a, b, max) izde_edit_distance(a, strlen(a), b, strlen(b), max)

START_TEST(distance)
{
    ck_assert_uint_eq(D("грант", "грант", 2), 0);
    ck_assert_uint_eq(D("грант", "гарнт", 2), 1);      /* transposition */
    ck_assert_uint_eq(D("гранттар", "грантар", 2), 1); /* deletion */
    ck_assert_uint_eq(D("көл", "кол", 2), 1);          /* one letter, two bytes */
    ck_assert_uint_eq(D("бюджет", "буджет", 2), 1);
    ck_assert_uint_eq(D("бюджет", "биджит", 2), 2);
    ck_assert_uint_eq(D("бюджет", "грант", 2), 3);     /* over max: max + 1 */
    ck_assert_uint_eq(D("", "аб", 2), 2);
    ck_assert_uint_eq(D("\xff", "а", 2), 3);           /* not UTF-8 */
}
END_TEST

Suite *spelling_suite(void)
{
    Suite *s = suite_create("spelling");
    TCase *tc = tcase_create("distance");
    tcase_add_test(tc, distance);
    suite_add_tcase(s, tc);
    return s;
}
