/* izde — repairs of printed and exported text (see text_repair.h). */
#include "izde/text_repair.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

/* The code point at s[i] (i < len); U+FFFD for a broken sequence. */
static UChar32 cp_at(const char *s, size_t i, size_t len)
{
    UChar32 c;
    int32_t k = 0, n = len - i > 4 ? 4 : (int32_t)(len - i);
    U8_NEXT((const uint8_t *)s + i, k, n, c);
    return c < 0 ? 0xFFFD : c;
}

/* The code point that ends at s[i] (exclusive); 0 at the start. */
static UChar32 cp_before(const char *s, size_t i)
{
    if (i == 0)
        return 0;
    size_t j = i - 1;
    while (j > 0 && i - j < 4 && ((unsigned char)s[j] & 0xC0) == 0x80)
        j--;
    return cp_at(s, j, i);
}

static int is_cyrillic(UChar32 c) { return c >= 0x400 && c <= 0x52F; }

/* Kyrgyz and Russian syllables after the first start with a consonant, so a
 * word broken in print goes on with one: "таж- рыйба".  A vowel after the
 * hyphen ("адеп- ахлак", "январь- июнь") is a compound or a range. */
static int is_vowel(UChar32 c)
{
    static const UChar32 vowels[] = {0x430, 0x435, 0x451, 0x438, 0x43E, 0x443,
                                     0x44B, 0x44D, 0x44E, 0x44F, 0x4E9, 0x4AF,
                                     'a', 'e', 'i', 'o', 'u', 'y'};
    c = u_tolower(c);
    for (size_t i = 0; i < sizeof vowels / sizeof vowels[0]; i++)
        if (c == vowels[i])
            return 1;
    return 0;
}

/* Words that a hyphen and a space before them do not join: conjunctions
 * after a suspended compound ("онлайн- жана офлайн-"), and the verbs of
 * reported speech after a dash typed without its space ("жок- дейт"). */
static int is_unjoinable(const char *w, size_t n)
{
    static const char *const words[] = {"жана", "же", "менен", "да", "дагы",
                                        "и", "или", "либо", "а", "and", "or",
                                        "деди", "дейт", "деп", "дешти",
                                        "дейди", "сказал", "говорит"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strlen(words[i]) == n && memcmp(words[i], w, n) == 0)
            return 1;
    return 0;
}

/* Bytes of the letters starting at s[i]. */
static size_t letters_len(const char *s, size_t i, size_t len)
{
    size_t j = i;
    while (j < len) {
        UChar32 c = cp_at(s, j, len);
        if (!u_isalpha(c))
            break;
        j += (size_t)U8_LENGTH(c);
    }
    return j - i;
}

/* At s[i] == '-': the number of bytes ("-" and the spaces) to drop when it
 * is a print-layout line-break hyphen, else 0. */
static size_t line_break_hyphen(const char *s, size_t i, size_t len)
{
    if (!u_islower(cp_before(s, i)))
        return 0; /* "ПЦР- тест", "2021- жыл": not a word broken in print */
    size_t j = i + 1;
    while (j < len && s[j] == ' ')
        j++;
    if (j == i + 1 || j >= len || !u_islower(cp_at(s, j, len)) ||
        is_vowel(cp_at(s, j, len)))
        return 0;
    if (is_unjoinable(s + j, letters_len(s, j, len)))
        return 0;
    return j - i;
}

/* At s[i] == '.': whether a space is missing after it ("алынды.Ал"). */
static int glued_sentence(const char *s, size_t i, size_t len)
{
    if (i + 1 >= len)
        return 0;
    UChar32 prev = cp_before(s, i), next = cp_at(s, i + 1, len);
    return is_cyrillic(prev) && u_isalpha(prev) && is_cyrillic(next) &&
           u_isupper(next);
}

char *izde_text_repair(const char *s, size_t len, size_t *out_len)
{
    /* Only spaces are inserted, at most one per full stop. */
    size_t dots = 0;
    for (size_t i = 0; i < len; i++)
        dots += s[i] == '.';
    char *out = malloc(len + dots + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        if (s[i] == '-') {
            size_t drop = line_break_hyphen(s, i, len);
            if (drop) {
                i += drop;
                continue;
            }
        } else if (s[i] == '.' && glued_sentence(s, i, len)) {
            out[o++] = '.';
            out[o++] = ' ';
            i++;
            continue;
        }
        out[o++] = s[i++];
    }
    out[o] = '\0';
    if (out_len)
        *out_len = o;
    return out;
}
