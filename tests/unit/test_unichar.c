/* izde's own character tables (unichar.h) against ICU, for every code
 * point: what izde says of a character without ICU is what ICU says. */
#include <check.h>
#include <stdio.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>

#include "izde/unichar.h"

/* ICU's Word_Break value as izde's class (see unichar.h). */
static izde_wb icu_class(UChar32 c)
{
    if (c == '@') /* ICU's word rules add it to ALetter */
        return IZDE_WB_LETTER;
    switch (u_getIntPropertyValue(c, UCHAR_WORD_BREAK)) {
    case U_WB_ALETTER: return IZDE_WB_LETTER;
    case U_WB_NUMERIC: return IZDE_WB_NUMERIC;
    case U_WB_EXTENDNUMLET: return IZDE_WB_EXTENDNUMLET;
    case U_WB_MIDLETTER: return c == ':' ? IZDE_WB_OTHER : IZDE_WB_MIDLETTER;
    case U_WB_MIDNUM: return IZDE_WB_MIDNUM;
    case U_WB_MIDNUMLET: case U_WB_SINGLE_QUOTE: return IZDE_WB_MIDNUMLET;
    case U_WB_OTHER: case U_WB_CR: case U_WB_LF: case U_WB_NEWLINE:
    case U_WB_WSEGSPACE: case U_WB_DOUBLE_QUOTE: return IZDE_WB_OTHER;
    default: return IZDE_WB_ICU; /* Extend, Format, Hebrew, Katakana... */
    }
}

START_TEST(known_characters_are_icus)
{
    UErrorCode st = U_ZERO_ERROR;
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&st);
    ck_assert(U_SUCCESS(st));
    size_t known = 0, letters = 0, bad = 0;
    for (UChar32 c = 0; c <= 0x10FFFF; c++) {
        izde_wb k = izde_uc_wb((uint32_t)c);
        if (k == IZDE_WB_ICU)
            continue;
        known++;
        letters += k == IZDE_WB_LETTER;
        /* Its class is ICU's, and it is NFC_Quick_Check=Yes with
         * combining class 0: then so is any string of such characters
         * (nothing to decompose, reorder, or compose with a neighbour:
         * only a character that is Maybe composes with the one before). */
        UChar u = (UChar)c;
        int ok = c <= 0xFFFF && icu_class(c) == k &&
                 unorm2_getCombiningClass(nfc, c) == 0 &&
                 unorm2_quickCheck(nfc, &u, 1, &st) == UNORM_YES;
        if (!ok && bad++ < 20)
            fprintf(stderr, "U+%04X: izde class %d, ICU %d\n", (unsigned)c, k, icu_class(c));
    }
    ck_assert_msg(bad == 0, "%zu characters unlike ICU's", bad);
    /* The emoji rule (WB3c) joins an Extended_Pictographic character (©,
     * ™) to a ZWJ before it: izde leaves ZWJ to ICU, so for izde's texts
     * those characters are like any other. */
    ck_assert_int_eq(izde_uc_wb(0x200D), IZDE_WB_ICU);
    /* ASCII, Latin-1 (not the soft hyphen), the Cyrillic block (not its
     * 7 combining marks), general punctuation (not its 12 controls and
     * the line separators), currency signs, № and ™; arrows to technical
     * symbols (not 〈 〉), box drawing to dingbats (not the 30 circled
     * digits), and Braille. */
    ck_assert_uint_eq(known, 256 - 1 + 256 - 7 + (0x205E - 0x2002 + 1) - 12 + 33 + 2 +
                                 (0x23FF - 0x2190 + 1) - 2 + (0x27BF - 0x2500 + 1) - 30 +
                                 (0x28FF - 0x2800 + 1));
    /* ASCII's and @, Latin-1's (ª µ º, À..ÿ but × ÷), Cyrillic's (but ҂). */
    ck_assert_uint_eq(letters, 52 + 1 + 3 + 62 + 248);
}
END_TEST

START_TEST(properties_are_icus)
{
    /* Every code point, those izde knows and those it asks ICU about; the
     * inline functions' shortcuts and the *_any functions alike. */
    size_t bad = 0;
    for (UChar32 c = 0; c <= 0x10FFFF; c++) {
        int ok = !izde_uc_isalpha(c) == !u_isalpha(c) && !izde_uc_isalnum(c) == !u_isalnum(c) &&
                 !izde_uc_islower(c) == !u_islower(c) && !izde_uc_isupper(c) == !u_isupper(c) &&
                 !izde_uc_isalpha_any(c) == !u_isalpha(c) &&
                 !izde_uc_isalnum_any(c) == !u_isalnum(c) &&
                 !izde_uc_islower_any(c) == !u_islower(c) &&
                 !izde_uc_isupper_any(c) == !u_isupper(c) && izde_uc_tolower_any(c) == u_tolower(c) &&
                 izde_uc_wb((uint32_t)c) == izde_uc_wb_any((uint32_t)c) &&
                 !izde_uc_is_lowercase(c) == !u_isULowercase(c) &&
                 !izde_uc_is_uppercase(c) == !u_isUUppercase(c) && izde_uc_tolower(c) == u_tolower(c);
        if (!ok && bad++ < 20)
            fprintf(stderr, "U+%04X: alpha %d/%d alnum %d/%d lower %d/%d upper %d/%d tolower %X/%X\n",
                    (unsigned)c, izde_uc_isalpha(c), u_isalpha(c), izde_uc_isalnum(c), u_isalnum(c),
                    izde_uc_islower(c), u_islower(c), izde_uc_isupper(c), u_isupper(c),
                    (unsigned)izde_uc_tolower(c), (unsigned)u_tolower(c));
    }
    ck_assert_msg(bad == 0, "%zu characters unlike ICU's", bad);
}
END_TEST

Suite *unichar_suite(void)
{
    Suite *s = suite_create("unichar");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, known_characters_are_icus);
    tcase_add_test(tc, properties_are_icus);
    suite_add_tcase(s, tc);
    return s;
}
