/* Decoding archive files: BOMs, declared charsets, damaged UTF-8, and the
 * cp1251 / KOI8-R statistic; file-name escaping. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "izde/encoding.h"
#include "izde/utf8.h"

static const char ru_utf8[] = "Сельский бюджет обсудили на сходе жителей";
static const char ru_cp1251[] = "\xD1\xE5\xEB\xFC\xF1\xEA\xE8\xE9 \xE1\xFE\xE4\xE6\xE5\xF2 "
                                "\xEE\xE1\xF1\xF3\xE4\xE8\xEB\xE8 \xED\xE0 \xF1\xF5\xEE\xE4\xE5 "
                                "\xE6\xE8\xF2\xE5\xEB\xE5\xE9";
static const char ru_koi8[] = "\xF3\xC5\xCC\xD8\xD3\xCB\xC9\xCA \xC2\xC0\xC4\xD6\xC5\xD4 "
                              "\xCF\xC2\xD3\xD5\xC4\xC9\xCC\xC9 \xCE\xC1 \xD3\xC8\xCF\xC4\xC5 "
                              "\xD6\xC9\xD4\xC5\xCC\xC5\xCA";

static void decode_ok(const char *buf, size_t len, const char *declared, const char *want,
                      const char *want_enc, size_t want_repaired, int want_ignored)
{
    izde_decoded d;
    izde_error err;
    ck_assert_int_eq(izde_decode(buf, len, declared, "t", &d, &err), IZDE_OK);
    ck_assert_str_eq(d.text, want);
    ck_assert_uint_eq(d.len, strlen(want));
    ck_assert_str_eq(d.encoding, want_enc);
    ck_assert_uint_eq(d.repaired, want_repaired);
    ck_assert_int_eq(d.declared_ignored, want_ignored);
    izde_decoded_clear(&d);
}

START_TEST(guess_cyrillic)
{
    ck_assert_str_eq(izde_guess_cyrillic(ru_cp1251, strlen(ru_cp1251)), "windows-1251");
    ck_assert_str_eq(izde_guess_cyrillic(ru_koi8, strlen(ru_koi8)), "KOI8-R");
    /* One word is enough, capitalised or not. */
    ck_assert_str_eq(izde_guess_cyrillic("\xC1\xFE\xE4\xE6\xE5\xF2", 6), "windows-1251");
    ck_assert_str_eq(izde_guess_cyrillic("\xE2\xC0\xC4\xD6\xC5\xD4", 6), "KOI8-R");
    /* Nothing Cyrillic: the more common charset. */
    ck_assert_str_eq(izde_guess_cyrillic("abc", 3), "windows-1251");
    ck_assert_str_eq(izde_guess_cyrillic("", 0), "windows-1251");
}
END_TEST

START_TEST(decode_paths)
{
    /* Plain UTF-8, with and without BOM. */
    decode_ok(ru_utf8, strlen(ru_utf8), NULL, ru_utf8, "UTF-8", 0, 0);
    char bom[128] = "\xEF\xBB\xBF";
    strcat(bom, ru_utf8);
    decode_ok(bom, strlen(bom), "windows-1251", ru_utf8, "UTF-8", 0, 0);
    /* Legacy charsets, detected or declared. */
    decode_ok(ru_cp1251, strlen(ru_cp1251), NULL, ru_utf8, "windows-1251", 0, 0);
    decode_ok(ru_koi8, strlen(ru_koi8), NULL, ru_utf8, "KOI8-R", 0, 0);
    decode_ok(ru_koi8, strlen(ru_koi8), "koi8-r", ru_utf8, "koi8-r", 0, 0);
    /* A declaration the bytes contradict (valid UTF-8) loses. */
    decode_ok(ru_utf8, strlen(ru_utf8), "koi8-r", ru_utf8, "UTF-8", 0, 1);
    /* ASCII is ASCII whatever is declared. */
    decode_ok("abc", 3, "koi8-r", "abc", "UTF-8", 0, 0);
    /* A name ICU does not know: detected instead. */
    decode_ok(ru_cp1251, strlen(ru_cp1251), "x-no-such", ru_utf8, "windows-1251", 0, 1);
    /* Damaged UTF-8 is repaired, not re-read as cp1251. */
    decode_ok("Суу \xff\xfe жок", strlen("Суу \xff\xfe жок"), NULL,
              "Суу \xEF\xBF\xBD\xEF\xBF\xBD жок", "UTF-8", 2, 0);
    /* Declared UTF-8 but invalid: repaired. */
    decode_ok("a\xff", 2, "utf-8", "a\xEF\xBF\xBD", "UTF-8", 1, 0);
    /* UTF-16 with BOM, both byte orders; a lone surrogate repaired. */
    decode_ok("\xFF\xFE\x11\x04\x4E\x04", 6, NULL, "Бю", "UTF-16LE", 0, 0);
    decode_ok("\xFE\xFF\x04\x11\x04\x4E", 6, NULL, "Бю", "UTF-16BE", 0, 0);
    decode_ok("\xFF\xFE\x00\xD8\x41\x00", 6, NULL, "\xEF\xBF\xBD" "A", "UTF-16LE", 1, 0);
    /* A byte the declared charset has no character for becomes U+FFFD,
     * counted (ICU's own substitute for single-byte charsets is U+001A). */
    decode_ok("a\xC1" "b", 3, "us-ascii", "a\xEF\xBF\xBD" "b", "us-ascii", 1, 0);
}
END_TEST

START_TEST(escape_name)
{
    char *s = izde_utf8_escape_name("a/б%c.html");
    ck_assert_str_eq(s, "a/б%c.html"); /* valid: unchanged */
    free(s);
    s = izde_utf8_escape_name("bad-\xff\xfe%.html");
    ck_assert_str_eq(s, "bad-%FF%FE%25.html");
    free(s);
}
END_TEST

Suite *encoding_suite(void)
{
    Suite *s = suite_create("encoding");
    TCase *tc = tcase_create("decode");
    tcase_add_test(tc, guess_cyrillic);
    tcase_add_test(tc, decode_paths);
    tcase_add_test(tc, escape_name);
    suite_add_tcase(s, tc);
    return s;
}
