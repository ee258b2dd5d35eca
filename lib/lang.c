/* izde — language codes and the Kyrgyz/Russian detector. */
#include "izde/lang.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define DETECT_MAX (64u * 1024u)
#define WORD_MAX 64 /* bytes: longer words are no function words */

unsigned izde_lang_from_code(const char *code)
{
    if (!code)
        return 0;
    if (!strcasecmp(code, "ky"))
        return IZDE_LANG_KY;
    if (!strcasecmp(code, "ru"))
        return IZDE_LANG_RU;
    if (!strcasecmp(code, "en"))
        return IZDE_LANG_EN;
    return 0;
}

const char *izde_lang_code(unsigned lang)
{
    switch (lang) {
    case IZDE_LANG_KY: return "ky";
    case IZDE_LANG_RU: return "ru";
    case IZDE_LANG_EN: return "en";
    default: return "";
    }
}

/* Frequent function words, lower case, sorted (strcmp) for bsearch.  Left
 * out: words of both languages or Kyrgyz homographs (да, же, бы, он "ten",
 * от "fire", из "trace", ал, мен). */
static const char *const ky_words[] = {
    "алар", "алардын", "анан", "анда", "андан", "анткени", "анын",
    "аркылуу", "бар", "бирок", "болгон", "болот", "болуп", "боюнча", "бул",
    "дагы", "деген", "деп", "жана", "жок", "катары", "керек", "кийин", "менен",
    "мындай", "ошол", "ошондой", "тарабынан", "ушул", "чейин", "эле", "эмес",
};
static const char *const ru_words[] = {
    "а", "будет", "был", "была", "были", "в", "во", "все", "для", "его",
    "если", "еще", "и", "или", "их", "к", "как", "когда", "которая", "которые", "которой",
    "который", "на", "не", "но", "о", "об", "по", "при", "с", "так", "также",
    "только", "уже", "что", "это", "этом",
};

static int cmp(const void *key, const void *elem)
{
    return strcmp(key, *(const char *const *)elem);
}

static int in_list(const char *w, const char *const *list, size_t n)
{
    return bsearch(w, list, n, sizeof *list, cmp) != NULL;
}

/* Decodes one UTF-8 character at s[*i] (advancing *i); invalid bytes are
 * returned as themselves (never a Cyrillic letter). */
static unsigned next_cp(const unsigned char *s, size_t len, size_t *i)
{
    unsigned c = s[(*i)++];
    if (c >= 0xC0 && c < 0xE0 && *i < len && (s[*i] & 0xC0) == 0x80)
        return ((c & 0x1Fu) << 6) | (s[(*i)++] & 0x3Fu);
    if (c >= 0xE0 && c < 0xF0 && *i + 1 < len && (s[*i] & 0xC0) == 0x80 &&
        (s[*i + 1] & 0xC0) == 0x80) {
        c = ((c & 0x0Fu) << 12) | ((s[*i] & 0x3Fu) << 6) | (s[*i + 1] & 0x3Fu);
        *i += 2;
        return c;
    }
    while (*i < len && (s[*i] & 0xC0) == 0x80)
        (*i)++;
    return c < 0x80 ? c : 0xFFFD;
}

/* The lower-case Cyrillic letter of `c`, or 0 if `c` is not one. */
static unsigned cyr_lower(unsigned c)
{
    if (c >= 0x410 && c <= 0x42F)
        return c + 0x20;
    if (c >= 0x400 && c <= 0x40F)
        return c + 0x50;
    if ((c >= 0x430 && c <= 0x45F))
        return c;
    if (c >= 0x460 && c <= 0x4FF) /* ң ө ү and the rest: even = capital */
        return c | 1u;
    return 0;
}

/* Endings of Russian adjectives, participles and verbs that Kyrgyz words
 * (which end in vowels of harmony or in its consonant suffixes) hardly have. */
static int russian_ending(const char *w, size_t n)
{
    static const char *const ends[] = {"ых", "ые", "ий", "ой", "ого", "ому", "ться", "ется"};
    for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++) {
        size_t k = strlen(ends[i]);
        if (n > k + 2 && memcmp(w + n - k, ends[i], k) == 0)
            return 1;
    }
    return 0;
}

/* щ ъ ё: Russian letters (Kyrgyz has them in Russian loanwords only). */
static int is_ru_letter(unsigned c)
{
    return c == 0x449 || c == 0x44A || c == 0x451;
}

static int is_ky_letter(unsigned c)
{
    return c == 0x4A3 || c == 0x4E9 || c == 0x4AF;
}

unsigned izde_detect_lang(const char *text, size_t len)
{
    const unsigned char *s = (const unsigned char *)text;
    if (len > DETECT_MAX)
        len = DETECT_MAX;
    long ky = 0, ru = 0;
    char w[WORD_MAX + 4];
    size_t wn = 0;
    int ky_letter = 0, ru_letter = 0, too_long = 0;
    for (size_t i = 0; i <= len;) {
        unsigned c = i < len ? cyr_lower(next_cp(s, len, &i)) : (i++, 0);
        if (c) {
            ky_letter |= is_ky_letter(c);
            ru_letter |= is_ru_letter(c);
            if (wn + 2 <= WORD_MAX) {
                w[wn++] = (char)(0xC0 | (c >> 6));
                w[wn++] = (char)(0x80 | (c & 0x3F));
            } else {
                too_long = 1;
            }
            continue;
        }
        if (wn) {
            w[wn] = '\0';
            if (ky_letter || (!too_long && in_list(w, ky_words, sizeof ky_words / sizeof *ky_words)))
                ky++;
            else if (ru_letter || (!too_long && (in_list(w, ru_words, sizeof ru_words / sizeof *ru_words) ||
                                                 russian_ending(w, wn))))
                ru++;
        }
        wn = 0;
        ky_letter = ru_letter = too_long = 0;
    }
    return ru > ky ? IZDE_LANG_RU : IZDE_LANG_KY;
}
