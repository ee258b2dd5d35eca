/* Percent-encoding and decoding: exact outputs, and the round trip. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "izde/url.h"

typedef void (*encoder)(FILE *, const char *, size_t);

static char *encode(encoder fn, const char *s, size_t len)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    ck_assert_ptr_nonnull(f);
    fn(f, s, len);
    fclose(f);
    return buf;
}

static const struct { const char *in; const char *query; const char *path; } cases[] = {
    {"", "", ""},
    {"abcXYZ019-._~", "abcXYZ019-._~", "abcXYZ019-._~"},
    {"a b+c&d=e", "a%20b%2Bc%26d%3De", "a%20b%2Bc%26d%3De"},
    {"грант", "%D0%B3%D1%80%D0%B0%D0%BD%D1%82", "%D0%B3%D1%80%D0%B0%D0%BD%D1%82"},
    {"javascript:alert(1)", "javascript%3Aalert%281%29", "javascript%3Aalert%281%29"},
    {"\"><script>", "%22%3E%3Cscript%3E", "%22%3E%3Cscript%3E"},
    {"seed/000_a.txt", "seed%2F000_a.txt", "seed/000_a.txt"},
    {"//evil.example/x", "%2F%2Fevil.example%2Fx", "%2F%2Fevil.example/x"},
    {"a//b/", "a%2F%2Fb%2F", "a/%2Fb/"},
    {"#?%\\", "%23%3F%25%5C", "%23%3F%25%5C"},
};

START_TEST(url_encode_cases)
{
    char *q = encode(izde_url_encode, cases[_i].in, strlen(cases[_i].in));
    char *p = encode(izde_url_encode_path, cases[_i].in, strlen(cases[_i].in));
    ck_assert_str_eq(q, cases[_i].query);
    ck_assert_str_eq(p, cases[_i].path);
    free(q);
    free(p);
}
END_TEST

START_TEST(url_decode_ok)
{
    static const struct { const char *in; const char *out; size_t len; } ok[] = {
        {"", "", 0},
        {"a+b%20c", "a b c", 5},
        {"%d0%B3%D1%80", "гр", 4},
        {"%2B%26%3D", "+&=", 3},
        {"a%00b", "a\0b", 3},         /* decoded; the caller rejects NUL */
        {"%C0%BC", "\xC0\xBC", 2},    /* decoded; the caller rejects it */
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        char *d;
        size_t n;
        izde_error err = {0};
        ck_assert_int_eq(izde_url_decode(ok[i].in, strlen(ok[i].in), &d, &n, &err), IZDE_OK);
        ck_assert_uint_eq(n, ok[i].len);
        ck_assert_msg(memcmp(d, ok[i].out, n) == 0 && d[n] == '\0', "case %zu", i);
        free(d);
    }
}
END_TEST

START_TEST(url_decode_bad)
{
    static const char *const bad[] = {"%", "%4", "a%4", "%G0", "%0g", "%%41", "%-1", "% 1"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char *d = (char *)1;
        size_t n;
        izde_error err = {0};
        ck_assert_int_eq(izde_url_decode(bad[i], strlen(bad[i]), &d, &n, &err), IZDE_ERR_FORMAT);
        ck_assert_ptr_null(d);
        ck_assert_msg(strstr(err.msg, "percent") != NULL, "%s", err.msg);
    }
}
END_TEST

/* decode(encode(s)) == s for every byte value. */
START_TEST(url_round_trip)
{
    char in[256];
    for (int c = 0; c < 256; c++)
        in[c] = (char)c;
    char *enc = encode(izde_url_encode, in, sizeof in), *dec;
    size_t n;
    ck_assert_int_eq(izde_url_decode(enc, strlen(enc), &dec, &n, NULL), IZDE_OK);
    ck_assert_uint_eq(n, sizeof in);
    ck_assert(memcmp(dec, in, n) == 0);
    free(enc);
    free(dec);
}
END_TEST

Suite *url_suite(void)
{
    Suite *s = suite_create("url");
    TCase *tc = tcase_create("url");
    tcase_add_loop_test(tc, url_encode_cases, 0, sizeof cases / sizeof cases[0]);
    tcase_add_test(tc, url_decode_ok);
    tcase_add_test(tc, url_decode_bad);
    tcase_add_test(tc, url_round_trip);
    suite_add_tcase(s, tc);
    return s;
}
