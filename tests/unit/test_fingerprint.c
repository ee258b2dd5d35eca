/* Tests of the change fingerprint (include/izde/fingerprint.h). */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "izde/fingerprint.h"

/* The published FNV-1a 64 test vectors. */
START_TEST(fnv1a64_vectors)
{
    ck_assert_uint_eq(izde_fnv1a64(IZDE_FNV1A64_INIT, "", 0), 0xcbf29ce484222325ull);
    ck_assert_uint_eq(izde_fnv1a64(IZDE_FNV1A64_INIT, "a", 1), 0xaf63dc4c8601ec8cull);
    ck_assert_uint_eq(izde_fnv1a64(IZDE_FNV1A64_INIT, "foobar", 6), 0x85944171f73967e8ull);
    /* in pieces: the hash of the whole */
    uint64_t h = izde_fnv1a64(IZDE_FNV1A64_INIT, "foo", 3);
    ck_assert_uint_eq(izde_fnv1a64(h, "bar", 3), 0x85944171f73967e8ull);
}
END_TEST

START_TEST(hash_file_matches_memory)
{
    char path[] = "/tmp/izde-fp-XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    /* more than one read buffer */
    size_t n = 200000;
    char *buf = malloc(n);
    for (size_t i = 0; i < n; i++)
        buf[i] = (char)(i * 7 + i / 1000);
    ck_assert_int_eq(write(fd, buf, n), (ssize_t)n);
    close(fd);
    uint64_t h = 0;
    izde_error err = {0};
    ck_assert_int_eq(izde_hash_file(path, &h, &err), IZDE_OK);
    ck_assert_uint_eq(h, izde_fnv1a64(IZDE_FNV1A64_INIT, buf, n));
    unlink(path);
    ck_assert_int_eq(izde_hash_file(path, &h, &err), IZDE_ERR_IO);
    ck_assert_ptr_nonnull(strstr(err.msg, path));
    free(buf);
}
END_TEST

START_TEST(format_parse_round_trip)
{
    izde_fingerprint fp = {1234, 1700000000, 5, 0x0123456789abcdefull}, got;
    char v[256];
    size_t n = izde_fingerprint_format(&fp, 7, "2024/issue 2/a b.txt", v, sizeof v);
    ck_assert_str_eq(v, "1234 1700000000.000000005 0123456789abcdef 7 2024/issue 2/a b.txt");
    ck_assert_uint_eq(n, strlen(v));
    unsigned root;
    const char *id;
    size_t idlen;
    ck_assert_int_eq(izde_fingerprint_parse(v, n, &got, &root, &id, &idlen), IZDE_OK);
    ck_assert_uint_eq(got.size, 1234);
    ck_assert_int_eq(got.mtime_sec, 1700000000);
    ck_assert_int_eq(got.mtime_nsec, 5);
    ck_assert_uint_eq(got.hash, fp.hash);
    ck_assert_uint_eq(root, 7);
    ck_assert_int_eq((int)idlen, (int)strlen("2024/issue 2/a b.txt"));
    ck_assert_int_eq(memcmp(id, "2024/issue 2/a b.txt", idlen), 0);
    ck_assert(izde_fingerprint_same_stat(&fp, &got));

    /* an mtime before 1970 */
    izde_fingerprint old = {1, -2, 500000000, 1};
    n = izde_fingerprint_format(&old, 0, "x", v, sizeof v);
    ck_assert_int_eq(izde_fingerprint_parse(v, n, &got, &root, &id, &idlen), IZDE_OK);
    ck_assert_int_eq(got.mtime_sec, -2);
    ck_assert_int_eq(got.mtime_nsec, 500000000);

    /* the largest size and hash; one more overflows (parse_refuses_others) */
    const char *max = "18446744073709551615 3.4 ffffffffffffffff 1 x";
    ck_assert_int_eq(izde_fingerprint_parse(max, strlen(max), &got, &root, &id, &idlen), IZDE_OK);
    ck_assert_uint_eq(got.size, UINT64_MAX);
    ck_assert_uint_eq(got.hash, UINT64_MAX);

    /* too small a buffer: 0 */
    ck_assert_uint_eq(izde_fingerprint_format(&fp, 7, "id", v, 10), 0);
}
END_TEST

START_TEST(parse_refuses_others)
{
    static const char *const bad[] = {
        "", "12", "12 3.4 ab 1", "12 3.4 ab 1 ", "x 3.4 ab 1 id", "12 3 ab 1 id",
        "12 3.4 AB 1 id", "12 3.1000000000 ab 1 id", "99999999999999999999 3.4 ab 1 id",
        "12 3.4 ab 99999999999 id", "2024-04-05", "18446744073709551616 3.4 ab 1 id",
        "12 3.4 10000000000000000 1 id", "12 3.4 ab 1x id", "12 3.4a ab 1 id",
    };
    izde_fingerprint fp;
    unsigned root;
    const char *id;
    size_t idlen;
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        ck_assert_msg(izde_fingerprint_parse(bad[i], strlen(bad[i]), &fp, &root, &id,
                                             &idlen) == IZDE_ERR_FORMAT,
                      "accepted '%s'", bad[i]);
}
END_TEST

START_TEST(stat_comparison)
{
    struct stat st = {0};
    st.st_size = 10;
    st.st_mtim.tv_sec = 100;
    st.st_mtim.tv_nsec = 7;
    izde_fingerprint a, b;
    izde_fingerprint_from_stat(&st, &a);
    ck_assert_uint_eq(a.hash, 0);
    b = a;
    ck_assert(izde_fingerprint_same_stat(&a, &b));
    b.mtime_nsec = 8;
    ck_assert(!izde_fingerprint_same_stat(&a, &b));
    b = a;
    b.size = 11;
    ck_assert(!izde_fingerprint_same_stat(&a, &b));
}
END_TEST

Suite *fingerprint_suite(void)
{
    Suite *s = suite_create("fingerprint");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, fnv1a64_vectors);
    tcase_add_test(tc, hash_file_matches_memory);
    tcase_add_test(tc, format_parse_round_trip);
    tcase_add_test(tc, parse_refuses_others);
    tcase_add_test(tc, stat_comparison);
    suite_add_tcase(s, tc);
    return s;
}
