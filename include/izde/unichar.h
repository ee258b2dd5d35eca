/* izde — the characters nearly every text is made of, known without ICU.
 *
 * ASCII, Latin-1, the Cyrillic block, the general punctuation, currency
 * signs, № and ™, and the symbols of U+2190..U+28FF (arrows, − and the
 * other mathematical operators, shapes, dingbats, Braille; not the
 * enclosed letters and digits of U+2400..U+24FF and U+2776..U+2793):
 * their word-break class, letter case and lower case, from izde's own
 * tables (test_unichar compares every one with ICU).  A text of
 * such characters only is already NFC (none of them composes or decomposes
 * under NFC) and the analyzer splits it into words without ICU.  For any
 * other character the predicates ask ICU (icu.h), loading it then.
 */
#ifndef IZDE_UNICHAR_H
#define IZDE_UNICHAR_H

#include <stdint.h>

/* Word-break classes (Unicode's Word_Break as ICU's word rules use it:
 * CR, LF, Newline, WSegSpace, Double_Quote and Other all break on both
 * sides of a letter, and are IZDE_WB_OTHER; ICU's rules take ':' out of
 * MidLetter, so it is IZDE_WB_OTHER too, and add '@' to ALetter). */
typedef enum izde_wb {
    IZDE_WB_ICU = 0,      /* not one of izde's characters: ask ICU */
    IZDE_WB_OTHER,
    IZDE_WB_LETTER,       /* ALetter, and @ */
    IZDE_WB_NUMERIC,      /* Numeric */
    IZDE_WB_EXTENDNUMLET, /* _ ‿ ⁀ ⁔ */
    IZDE_WB_MIDLETTER,    /* · ‧: joins letters */
    IZDE_WB_MIDNUM,       /* , ; ⁄: joins digits */
    IZDE_WB_MIDNUMLET,    /* . ’ ‘ ' ․: joins letters, and digits */
} izde_wb;

/* The class of code point c, IZDE_WB_ICU for a character izde does not
 * know (and for anything that is not a code point). */
static inline izde_wb izde_uc_wb(uint32_t c);

/* ICU's u_isalpha, u_isalnum, u_islower, u_isupper and u_tolower, for any
 * code point; ICU itself only for characters outside izde's tables (and if
 * it cannot be loaded, those are not letters and have no lower case). */
static inline int izde_uc_isalpha(int32_t c);
static inline int izde_uc_isalnum(int32_t c);
static inline int izde_uc_islower(int32_t c);
static inline int izde_uc_isupper(int32_t c);
static inline int32_t izde_uc_tolower(int32_t c);

/* ICU's u_isULowercase and u_isUUppercase (the Lowercase and Uppercase
 * properties: ª and º are lower case, though not Ll). */
int izde_uc_is_lowercase(int32_t c);
int izde_uc_is_uppercase(int32_t c);

/* ---- inline: ASCII and the Cyrillic letters of Kyrgyz and Russian, which
 * the analyzer and the snippets ask about for every character; the other
 * characters out of line (the *_any functions answer for every one). */

izde_wb izde_uc_wb_any(uint32_t c);
int izde_uc_isalpha_any(int32_t c);
int izde_uc_isalnum_any(int32_t c);
int izde_uc_islower_any(int32_t c);
int izde_uc_isupper_any(int32_t c);
int32_t izde_uc_tolower_any(int32_t c);

static inline int izde_uc_ascii_letter(int32_t c) { return (uint32_t)((c | 0x20) - 'a') < 26; }
static inline int izde_uc_basic_cyrillic(int32_t c) { return (uint32_t)(c - 0x400) < 0x60; }

/* izde_uc_wb_any() of each character of ASCII and Latin-1: the analyzer
 * asks for the class of every character of a text, the spaces and
 * punctuation between its words (« ») too. */
extern const unsigned char izde_uc_latin1_wb[256];

static inline izde_wb izde_uc_wb(uint32_t c)
{
    if (c < 0x100)
        return (izde_wb)izde_uc_latin1_wb[c];
    if (c - 0x400 < 0x82) /* U+0400..U+0481 */
        return IZDE_WB_LETTER;
    return izde_uc_wb_any(c);
}

static inline int izde_uc_isalpha(int32_t c)
{
    if (c < 0x80)
        return izde_uc_ascii_letter(c);
    return izde_uc_basic_cyrillic(c) || izde_uc_isalpha_any(c);
}

static inline int izde_uc_isalnum(int32_t c)
{
    if (c < 0x80)
        return izde_uc_ascii_letter(c) || (uint32_t)(c - '0') < 10;
    return izde_uc_basic_cyrillic(c) || izde_uc_isalnum_any(c);
}

static inline int izde_uc_isupper(int32_t c)
{
    if (c < 0x80)
        return (uint32_t)(c - 'A') < 26;
    return izde_uc_basic_cyrillic(c) ? c < 0x430 : izde_uc_isupper_any(c);
}

static inline int izde_uc_islower(int32_t c)
{
    if (c < 0x80)
        return (uint32_t)(c - 'a') < 26;
    return izde_uc_basic_cyrillic(c) ? c >= 0x430 : izde_uc_islower_any(c);
}

static inline int32_t izde_uc_tolower(int32_t c)
{
    if (c < 0x80)
        return (uint32_t)(c - 'A') < 26 ? c + 0x20 : c;
    if (izde_uc_basic_cyrillic(c))
        return c < 0x410 ? c + 0x50 : c < 0x430 ? c + 0x20 : c;
    return izde_uc_tolower_any(c);
}

#endif
