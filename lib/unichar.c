/* izde — the characters nearly every text is made of (see unichar.h). */
#include "izde/unichar.h"

#include "izde/icu.h"

/* Letter case of a letter izde knows: CASE_UPPER, CASE_LOWER or CASE_NONE
 * (ª º: letters without case); NOT_LETTER for the others. */
enum { NOT_LETTER, CASE_NONE, CASE_UPPER, CASE_LOWER };

static int latin1_case(uint32_t c)
{
    if (c < 0x80)
        return c >= 'A' && c <= 'Z' ? CASE_UPPER : c >= 'a' && c <= 'z' ? CASE_LOWER : NOT_LETTER;
    if (c == 0xAA || c == 0xBA)
        return CASE_NONE;
    if (c == 0xB5)
        return CASE_LOWER;
    if (c < 0xC0 || c == 0xD7 || c == 0xF7)
        return NOT_LETTER;
    return c < 0xDF ? CASE_UPPER : CASE_LOWER;
}

/* The Cyrillic block U+0400..U+04FF: capitals, then small letters, then
 * pairs of a capital and its small letter, the capital first (but U+04C1..
 * U+04CE, where the pairs start one later, and Ӏ U+04C0 whose small letter
 * is U+04CF); ҂ and the combining marks U+0482..U+0489 are not letters. */
static int cyrillic_case(uint32_t c)
{
    if (c < 0x430)
        return CASE_UPPER;
    if (c < 0x460)
        return CASE_LOWER;
    if (c >= 0x482 && c <= 0x489)
        return NOT_LETTER;
    if (c == 0x4C0)
        return CASE_UPPER;
    if (c == 0x4CF)
        return CASE_LOWER;
    int even = (c & 1) == 0;
    return (c >= 0x4C1 && c <= 0x4CE ? !even : even) ? CASE_UPPER : CASE_LOWER;
}

izde_wb izde_uc_wb_any(uint32_t c)
{
    if (c < 0x100) {
        switch (c) {
        case '.': return IZDE_WB_MIDNUMLET;
        case '\'': return IZDE_WB_MIDNUMLET; /* Single_Quote: as MidNumLet here */
        case ',': case ';': return IZDE_WB_MIDNUM;
        case '_': return IZDE_WB_EXTENDNUMLET;
        case '@': return IZDE_WB_LETTER; /* ICU's rules: e-mail addresses are words */
        case 0xB7: return IZDE_WB_MIDLETTER;
        case 0xAD: return IZDE_WB_ICU; /* soft hyphen: Format */
        }
        if (c >= '0' && c <= '9')
            return IZDE_WB_NUMERIC;
        return latin1_case(c) != NOT_LETTER ? IZDE_WB_LETTER : IZDE_WB_OTHER;
    }
    if (c >= 0x400 && c <= 0x4FF) {
        if (c >= 0x483 && c <= 0x489)
            return IZDE_WB_ICU; /* combining marks: Extend */
        return c == 0x482 ? IZDE_WB_OTHER : IZDE_WB_LETTER;
    }
    if (c >= 0x2002 && c <= 0x205E) {
        switch (c) {
        case 0x2018: case 0x2019: case 0x2024: return IZDE_WB_MIDNUMLET;
        case 0x2027: return IZDE_WB_MIDLETTER;
        case 0x2044: return IZDE_WB_MIDNUM;
        case 0x203F: case 0x2040: case 0x2054: return IZDE_WB_EXTENDNUMLET;
        }
        /* Zero-width and bidi controls (Format, Extend, ZWJ) and the
         * line and paragraph separators: left to ICU. */
        if ((c >= 0x200C && c <= 0x200F) || (c >= 0x2028 && c <= 0x202F))
            return IZDE_WB_ICU;
        return IZDE_WB_OTHER;
    }
    if ((c >= 0x20A0 && c <= 0x20C0) || c == 0x2116 || c == 0x2122)
        return IZDE_WB_OTHER;
    /* Arrows, mathematical operators (− U+2212), technical symbols, box
     * drawing, shapes, dingbats and Braille (⠀ U+2800): symbols, Other to
     * the word rules.  Found in the archive's texts, where one such sign
     * once made the analyzer load ICU for the whole text.  Not 〈 〉
     * (U+2329, U+232A: NFC maps them to U+3008, U+3009), nor the circled
     * digits ❶..➓ (U+2776..U+2793: numbers, [:N:] to transliteration). */
    if ((c >= 0x2190 && c <= 0x23FF && c != 0x2329 && c != 0x232A) ||
        (c >= 0x2500 && c <= 0x27BF && !(c >= 0x2776 && c <= 0x2793)) ||
        (c >= 0x2800 && c <= 0x28FF))
        return IZDE_WB_OTHER;
    return IZDE_WB_ICU;
}

#define I IZDE_WB_ICU
#define O IZDE_WB_OTHER
#define L IZDE_WB_LETTER
#define D IZDE_WB_NUMERIC
#define E IZDE_WB_EXTENDNUMLET
#define T IZDE_WB_MIDLETTER
#define N IZDE_WB_MIDNUM
#define M IZDE_WB_MIDNUMLET
/* test_unichar compares izde_uc_wb(), which reads this, with ICU. */
const unsigned char izde_uc_latin1_wb[256] = {
    O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O,
    O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O,
    O, O, O, O, O, O, O, M, O, O, O, O, N, O, M, O, /*  ' , . */
    D, D, D, D, D, D, D, D, D, D, O, N, O, O, O, O, /* 0..9 ; */
    L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, /* @ A..O */
    L, L, L, L, L, L, L, L, L, L, L, O, O, O, O, E, /* P..Z _ */
    O, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, /* a..o */
    L, L, L, L, L, L, L, L, L, L, L, O, O, O, O, O, /* p..z */
    O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O,
    O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O,
    O, O, O, O, O, O, O, O, O, O, L, O, O, I, O, O, /* ª, soft hyphen (Format) */
    O, O, O, O, O, L, O, T, O, O, L, O, O, O, O, O, /* µ · º */
    L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, /* À..Ï */
    L, L, L, L, L, L, L, O, L, L, L, L, L, L, L, L, /* Ð..ß but × */
    L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, /* à..ï */
    L, L, L, L, L, L, L, O, L, L, L, L, L, L, L, L, /* ð..ÿ but ÷ */
};
#undef I
#undef O
#undef L
#undef D
#undef E
#undef T
#undef N
#undef M

/* The case class of c if izde knows it, or -1. */
static int known_case(int32_t c)
{
    if (c < 0)
        return NOT_LETTER;
    if (c < 0x100)
        return c == 0xAD ? NOT_LETTER : latin1_case((uint32_t)c);
    if (c >= 0x400 && c <= 0x4FF)
        return cyrillic_case((uint32_t)c);
    if (izde_uc_wb_any((uint32_t)c) == IZDE_WB_OTHER)
        return NOT_LETTER;
    return -1;
}

int izde_uc_isalpha_any(int32_t c)
{
    int k = known_case(c);
    if (k >= 0)
        return k != NOT_LETTER;
    const izde_icu_api *icu = izde_icu();
    return icu && icu->u_isalpha(c);
}

int izde_uc_isalnum_any(int32_t c)
{
    int k = known_case(c);
    if (k >= 0)
        return k != NOT_LETTER || (c >= '0' && c <= '9');
    const izde_icu_api *icu = izde_icu();
    return icu && icu->u_isalnum(c);
}

int izde_uc_islower_any(int32_t c)
{
    int k = known_case(c);
    if (k >= 0)
        return k == CASE_LOWER;
    const izde_icu_api *icu = izde_icu();
    return icu && icu->u_islower(c);
}

int izde_uc_isupper_any(int32_t c)
{
    int k = known_case(c);
    if (k >= 0)
        return k == CASE_UPPER;
    const izde_icu_api *icu = izde_icu();
    return icu && icu->u_isupper(c);
}

int32_t izde_uc_tolower_any(int32_t c)
{
    int k = known_case(c);
    if (k == CASE_UPPER) {
        if (c < 0x100)
            return c + 0x20;
        if (c < 0x410)
            return c + 0x50;
        if (c < 0x430)
            return c + 0x20;
        return c == 0x4C0 ? 0x4CF : c + 1;
    }
    if (k >= 0)
        return c;
    const izde_icu_api *icu = izde_icu();
    return icu ? icu->u_tolower(c) : c;
}

int izde_uc_is_lowercase(int32_t c)
{
    int k = known_case(c);
    if (k >= 0)
        return k == CASE_LOWER || c == 0xAA || c == 0xBA;
    const izde_icu_api *icu = izde_icu();
    return icu && icu->u_isULowercase(c);
}

int izde_uc_is_uppercase(int32_t c)
{
    int k = known_case(c);
    if (k >= 0)
        return k == CASE_UPPER;
    const izde_icu_api *icu = izde_icu();
    return icu && icu->u_isUUppercase(c);
}
