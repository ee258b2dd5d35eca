/* Did-you-mean: the edit distance over letters, and the nearest form. */
#include <check.h>
#include <stdlib.h>
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

/* The optimal-string-alignment distance by its definition, a full matrix
 * over code points: what lib/spelling.c's bit-parallel one must equal. */
static unsigned osa_reference(const unsigned *x, size_t n, const unsigned *y, size_t m)
{
    unsigned d[16][16];
    for (size_t i = 0; i <= n; i++)
        d[i][0] = (unsigned)i;
    for (size_t j = 0; j <= m; j++)
        d[0][j] = (unsigned)j;
    for (size_t i = 1; i <= n; i++)
        for (size_t j = 1; j <= m; j++) {
            unsigned v = d[i - 1][j - 1] + (x[i - 1] != y[j - 1]);
            if (d[i - 1][j] + 1 < v)
                v = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < v)
                v = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1] &&
                d[i - 2][j - 2] + 1 < v)
                v = d[i - 2][j - 2] + 1;
            d[i][j] = v;
        }
    return d[n][m];
}

static size_t put_utf8(char *out, unsigned c)
{
    if (c < 0x80) {
        out[0] = (char)c;
        return 1;
    }
    out[0] = (char)(0xC0 | c >> 6);
    out[1] = (char)(0x80 | (c & 0x3F));
    return 2;
}

/* Random words of up to 15 letters over a few letters (ASCII and two-byte
 * Cyrillic, so that repeats, swaps and near misses are common): the
 * distance, capped at every max from 0 to 4, is the reference's. */
START_TEST(distance_is_the_reference)
{
    static const unsigned alphabet[] = {'a', 'b', 0x430, 0x4E9, 0x4AF, 0x43D};
    unsigned seed = 12345;
    for (int round = 0; round < 200000; round++) {
        unsigned x[15], y[15];
        char a[32], b[32];
        size_t n, m, an = 0, bn = 0;
        seed = seed * 1103515245u + 12345u;
        n = (seed >> 16) % 16;
        seed = seed * 1103515245u + 12345u;
        m = (seed >> 16) % 16;
        for (size_t i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            x[i] = alphabet[(seed >> 16) % 6];
            an += put_utf8(a + an, x[i]);
        }
        /* y: often x with a few edits, otherwise independent */
        for (size_t j = 0; j < m; j++) {
            seed = seed * 1103515245u + 12345u;
            y[j] = j < n && (seed >> 16) % 4 ? x[j] : alphabet[(seed >> 20) % 6];
            bn += put_utf8(b + bn, y[j]);
        }
        unsigned want = osa_reference(x, n, y, m);
        unsigned max = round % 5;
        unsigned got = izde_edit_distance(a, an, b, bn, max);
        ck_assert_msg(got == (want > max ? max + 1 : want), "%.*s / %.*s max %u: %u, want %u",
                      (int)an, a, (int)bn, b, max, got, want);
    }
}
END_TEST

Suite *spelling_suite(void)
{
    Suite *s = suite_create("spelling");
    TCase *tc = tcase_create("distance");
    tcase_add_test(tc, distance);
    tcase_add_test(tc, distance_is_the_reference);
    suite_add_tcase(s, tc);
    return s;
}
