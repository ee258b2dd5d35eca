/* izde — transliteration by izde's own tables (see translit.h).
 *
 * Each direction does, step by step, what the ICU transliterator izde used
 * before did with these rules (test_translit runs both over real words and
 * over every character, and asserts they agree):
 *
 *   to Cyrillic  ::NFC; ::Lower; j > ж; ö > ө; ü > ү; ::Latin-Russian/BGN;
 *   Kyrgyz Latin ::Lower; ::Kirghiz-Latin/BGN; ::Latin-ASCII; ['ʹ] > ;
 *   Russian Latin ::Lower; ::Russian-Latin/BGN; ::Latin-ASCII; ['ʹ·] > ;
 *
 * The case mapping, normalisation and character properties come from
 * libicuuc, which the analyzer loads anyway; the rules are below, one
 * function per ICU rule set, written for lower-case text (every set runs
 * after ::Lower, so its upper-case rules never fire).  ICU's habits kept on
 * purpose, since the expansion only looks the results up in the index: in
 * the Kyrgyz direction й and ё come out as i and e (Kirghiz-Latin/BGN
 * decomposes them before its й > y and ё > yo rules see them: Aitmatov, the
 * usual spelling, beside the Russian direction's Aytmatov), ъ as " and нг,
 * шч as n·g, sh·ch (the Russian direction gives ng and shch); c, h, q, w, x
 * stay Latin in the Cyrillic direction.
 *
 * The one deliberate difference: Latin "yo" after a consonant is ё
 * (Fyodor → фёдор, Pyotr → пётр, Artyom → артём), where ICU's table, which
 * has no "yo", gives ы + о (фыодор).  At a word's start or after a vowel it
 * stays йо (York → йорк, Mayor → майор), as in ICU. */
#include "izde/translit.h"

#include <stdint.h>
#include <string.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include "izde/analyzer.h" /* IZDE_WORD_MAX */
#include "izde/icu.h"
#include "izde/unichar.h"

/* ICU's Latin-ASCII character table (lib/translit_ascii.inc). */
struct ascii_entry {
    uint32_t cp;
    char s[6];
};
#include "translit_ascii.inc"

/* Room for a word at every step: 240 bytes are at most 240 characters, and
 * no step more than quadruples them (shch, (10), a decomposition).  A
 * longer result does not fit any caller's buffer anyway. */
#define CP_MAX 1024
#define END 0xFFFF /* what ICU's context matching sees beyond the text */

typedef struct {
    UChar32 v[CP_MAX];
    int n;
    int full; /* something did not fit: the result is void */
} cps;

static void put(cps *o, UChar32 c)
{
    if (o->n < CP_MAX)
        o->v[o->n++] = c;
    else
        o->full = 1;
}

static void puts8(cps *o, const char *s) /* UTF-8 */
{
    int32_t i = 0, n = (int32_t)strlen(s);
    while (i < n) {
        UChar32 c;
        U8_NEXT_UNSAFE(s, i, c);
        put(o, c);
    }
}

static UChar32 at(const cps *s, int i) { return i >= 0 && i < s->n ? s->v[i] : END; }
static UChar32 last(const cps *o) { return o->n ? o->v[o->n - 1] : END; }

/* ---- conversions and ICU's generic steps ------------------------------------- */

static int to_cps(const UChar *u, int32_t n, cps *o)
{
    o->n = 0;
    o->full = 0;
    for (int32_t i = 0; i < n;) {
        UChar32 c;
        U16_NEXT(u, i, n, c);
        put(o, c);
    }
    return o->full ? -1 : 0;
}

static int32_t to_u16(const cps *s, int from, int to, UChar *u, int32_t cap)
{
    int32_t n = 0;
    for (int i = from; i < to; i++) {
        if (n + 2 > cap)
            return -1;
        U16_APPEND_UNSAFE(u, n, s->v[i]);
    }
    return n;
}

/* u[0..n) normalised by `norm` into `tmp`; returns the new length (or -1),
 * and points *res at the result (u itself when it was normalised). */
static int32_t normalize(const izde_icu_api *icu, const UNormalizer2 *norm, const UChar *u,
                         int32_t n, UChar *tmp, int32_t cap, const UChar **res)
{
    UErrorCode st = U_ZERO_ERROR;
    *res = u;
    if (icu->unorm2_isNormalized(norm, u, n, &st) && U_SUCCESS(st))
        return n;
    st = U_ZERO_ERROR;
    int32_t m = icu->unorm2_normalize(norm, u, n, tmp, cap, &st);
    if (U_FAILURE(st) || st == U_STRING_NOT_TERMINATED_WARNING)
        return -1;
    *res = tmp;
    return m;
}

/* Whether every character is one izde knows without ICU (unichar.h). */
static int known(UChar32 c) { return c >= 0 && izde_uc_wb((uint32_t)c) != IZDE_WB_ICU; }

static int all_known(const cps *s)
{
    for (int i = 0; i < s->n; i++)
        if (!known(s->v[i]))
            return 0;
    return 1;
}

/* ::NFC on a whole string of characters (izde's characters are NFC). */
static int nfc(cps *s)
{
    if (all_known(s))
        return 0;
    const izde_icu_api *icu = izde_icu();
    UChar u[2 * CP_MAX], tmp[2 * CP_MAX];
    const UChar *r;
    UErrorCode st = U_ZERO_ERROR;
    const UNormalizer2 *norm = icu ? icu->unorm2_getNFCInstance(&st) : NULL;
    int32_t n = to_u16(s, 0, s->n, u, 2 * CP_MAX);
    if (!norm || U_FAILURE(st) || n < 0 ||
        (n = normalize(icu, norm, u, n, tmp, 2 * CP_MAX, &r)) < 0)
        return -1;
    return r == u ? 0 : to_cps(r, n, s);
}

/* [:L:], [:M:], [:N:]: a word's letters, marks and digits. */
static int is_lmn(UChar32 c)
{
    if (c == END)
        return 0;
    if (known(c)) /* letters, digits, and Latin-1's ¹ ² ³ ¼ ½ ¾ */
        return izde_uc_isalnum(c) || c == 0xB2 || c == 0xB3 || c == 0xB9 ||
               (c >= 0xBC && c <= 0xBE);
    const izde_icu_api *icu = izde_icu();
    return icu && (U_MASK(icu->u_charType(c)) & (U_GC_L_MASK | U_GC_M_MASK | U_GC_N_MASK));
}

static int is_cyr(UChar32 c, const char *set) /* c in a set of Cyrillic letters */
{
    char buf[5];
    int32_t n = 0;
    if (c < 0x400 || c > 0x4FF)
        return 0;
    U8_APPEND_UNSAFE(buf, n, c);
    buf[n] = '\0';
    return strstr(set, buf) != NULL;
}

/* ---- Latin → Cyrillic ------------------------------------------------------- */

/* Latin-Russian/BGN's consonants: [Б-ДЖЙ-НП-ТФ-ЩЭ] and their lower case. */
static int is_ru_consonant(UChar32 c)
{
    return is_cyr(c, "БВГДЖЙКЛМНПРСТФХЦЧШЩЭбвгджйклмнпрстфхцчшщэ");
}

static int is_latin_vowel(UChar32 c) /* [AEIOUYaeiouyËë] */
{
    return c != 0 && c < 0x100 && strchr("AEIOUYaeiouy\xCB\xEB", (int)c) != NULL;
}

/* Latin-Russian/BGN on lower-case text: the longest Latin sequence first
 * (shch, sh·ch, kh, ts, t·s, ch, sh, zh, ye, yë, yu, ya), y as ы after a
 * consonant or before one at a word's start, yy at a word's end as ый, e at
 * a word's start as э.  The context before a letter is the Cyrillic already
 * written, as in ICU. */
static void latin_russian(const cps *in, cps *o)
{
    static const char *const single[26] = {
        ['a' - 'a'] = "а", ['b' - 'a'] = "б", ['v' - 'a'] = "в", ['g' - 'a'] = "г",
        ['d' - 'a'] = "д", ['i' - 'a'] = "и", ['k' - 'a'] = "к", ['l' - 'a'] = "л",
        ['m' - 'a'] = "м", ['n' - 'a'] = "н", ['o' - 'a'] = "о", ['p' - 'a'] = "п",
        ['r' - 'a'] = "р", ['s' - 'a'] = "с", ['t' - 'a'] = "т", ['u' - 'a'] = "у",
        ['f' - 'a'] = "ф", ['z' - 'a'] = "з",
    };
    o->n = 0;
    o->full = 0;
    for (int i = 0; i < in->n;) {
        UChar32 c = in->v[i], n1 = at(in, i + 1), n2 = at(in, i + 2), p = last(o);
        int used = 1;
        const char *r = NULL;
        switch (c) {
        case 0x2B9: /* ʹ, ʺ: the signs, upper-case between capitals */
        case 0x2BA:
            if (p != END && izde_uc_is_uppercase(p) && !(n1 != END && izde_uc_is_lowercase(n1)))
                r = c == 0x2B9 ? "Ь" : "Ъ";
            else
                r = c == 0x2B9 ? "ь" : "ъ";
            break;
        case 'k':
            r = n1 == 'h' ? (used = 2, "х") : "к";
            break;
        case 't':
            if (n1 == 0xB7 && n2 == 's')
                r = (used = 3, "тс");
            else
                r = n1 == 's' ? (used = 2, "ц") : "т";
            break;
        case 'c':
            if (n1 == 'h')
                r = (used = 2, "ч");
            break;
        case 's':
            if (n1 == 'h' && n2 == 0xB7 && at(in, i + 3) == 'c' && at(in, i + 4) == 'h')
                r = (used = 5, "шч");
            else if (n1 == 'h' && n2 == 'c' && at(in, i + 3) == 'h')
                r = (used = 4, "щ");
            else
                r = n1 == 'h' ? (used = 2, "ш") : "с";
            break;
        case 'z':
            r = n1 == 'h' ? (used = 2, "ж") : "з";
            break;
        case 'y':
            if (n1 == 'e')
                r = (used = 2, "е");
            else if (n1 == 0xEB) /* yë */
                r = (used = 2, "ё");
            else if (n1 == 'u')
                r = (used = 2, "ю");
            else if (n1 == 'a')
                r = (used = 2, "я");
            else if (n1 == 'o' && is_ru_consonant(p)) /* izde's: Fyodor, Pyotr */
                r = (used = 2, "ё");
            else if (n1 == 'y' && !is_lmn(n2))
                r = (used = 2, "ый");
            else if ((!is_lmn(p) && !is_latin_vowel(n1)) || is_ru_consonant(p))
                r = "ы";
            else
                r = "й";
            break;
        case 'e':
            r = is_lmn(p) ? "е" : "э";
            break;
        case 0xEB: /* ë */
            r = "ё";
            break;
        case 0xB7: /* ·, which separates letters that would read as one */
            if (n1 == 'e')
                r = (used = 2, "э");
            else if (n1 == 'y')
                r = (used = 2, "ы");
            else
                r = "";
            break;
        default:
            if (c >= 'a' && c <= 'z')
                r = single[c - 'a'];
        }
        if (r)
            puts8(o, r);
        else
            put(o, c);
        i += used;
    }
}

static int to_cyrillic(cps *s)
{
    for (int i = 0; i < s->n; i++) /* izde's Kyrgyz letters, before BGN/PCGN */
        s->v[i] = s->v[i] == 'j' ? 0x436 : s->v[i] == 0xF6 ? 0x4E9 : s->v[i] == 0xFC ? 0x4AF : s->v[i];
    if (nfc(s)) /* Latin-Russian/BGN's own ::NFC */
        return -1;
    cps *o = &(cps){.n = 0};
    latin_russian(s, o);
    *s = *o;
    return o->full ? -1 : 0;
}

/* ---- Cyrillic → Latin ------------------------------------------------------- */

/* The letters а..я (U+0430..U+044F) in both tables; NULL where the
 * romanisations differ or look at the context. */
static const char *const ky_letter[32] = {
    "a", "b", "v", "g", "d", "e", "j", "z", "i", NULL, "k", "l", "m", NULL, "o", "p",
    "r", "s", "t", "u", "f", "kh", "ts", "ch", NULL, "shch", "\u02BA", "y", "\u02B9", "e", "yu", "ya",
};

/* Kirghiz-Latin/BGN on lower-case text.  Its filter, [ЁА-яёҢңҮүӨө], and its
 * ::NFD, which turns й and ё into и, е and a combining mark that
 * Latin-ASCII then drops (see the top of the file). */
static void kirghiz_latin(const cps *in, cps *o)
{
    for (int i = 0; i < in->n; i++) {
        UChar32 c = in->v[i], n1 = at(in, i + 1);
        if (c >= 0x430 && c <= 0x44F && ky_letter[c - 0x430]) {
            puts8(o, ky_letter[c - 0x430]);
        } else if (c == 0x439) { /* й */
            put(o, 'i');
            put(o, 0x306);
        } else if (c == 0x451) { /* ё */
            put(o, 'e');
            put(o, 0x308);
        } else if (c == 0x43D) { /* н; нг is n·g, ң is ng */
            puts8(o, n1 == 0x433 ? (i++, "n\u00B7g") : "n");
        } else if (c == 0x448) { /* ш; шч is sh·ch, щ is shch */
            puts8(o, n1 == 0x447 ? (i++, "sh\u00B7ch") : "sh");
        } else if (c == 0x4A3) {
            puts8(o, "ng");
        } else if (c == 0x4E9) {
            puts8(o, "\u00F6");
        } else if (c == 0x4AF) {
            puts8(o, "\u00FC");
        } else {
            put(o, c);
        }
    }
}

static int in_ru_filter(UChar32 c) /* [ЁА-яё] */
{
    return (c >= 0x410 && c <= 0x44F) || c == 0x401 || c == 0x451;
}

static int is_ru_vowel(UChar32 c) /* [ЁАЕИОУЫЭ-Я] and [аеиоуыэ-яё] */
{
    return is_cyr(c, "ЁАЕИОУЫЭЮЯаеиоуыэюяё");
}

/* Russian-Latin/BGN on lower-case text, in its two passes.  The first
 * marks the letters whose romanisation depends on the letter before: е and
 * ё after a vowel, й, ъ or ь (ye, yë), ы after a vowel and э after a
 * consonant (·y, ·e: the dot keeps them apart, and goes at the end). */
static void russian_pass1(const cps *in, cps *o)
{
    for (int i = 0; i < in->n; i++) {
        UChar32 c = in->v[i], p = last(o);
        if (c == 0x44B && is_ru_vowel(p)) { /* ы */
            puts8(o, is_cyr(p, "ЁАЕИОУЫЭЮЯ") && !(at(in, i + 1) != END && izde_uc_is_lowercase(at(in, i + 1)))
                         ? "\u00B7Y" : "\u00B7y");
        } else if (c == 0x44D && p != END && (izde_uc_is_uppercase(p) || izde_uc_is_lowercase(p)) &&
                   !is_ru_vowel(p) && p != 0x419 && p != 0x439) { /* э */
            puts8(o, "\u00B7e");
        } else if ((c == 0x435 || c == 0x451) && (is_ru_vowel(p) || is_cyr(p, "ЙЪЬйъь"))) {
            puts8(o, c == 0x435 ? "ye" : "y\u00EB");
        } else {
            put(o, c);
        }
    }
}

/* The second: each letter by itself, е and ё as ye, yë at a word's start;
 * тс is t·s and шч sh·ch (not ts, shch: ц and щ), й and ы before а, у, ы, э
 * are y· (not ya, yu: я and ю). */
static void russian_pass2(const cps *in, cps *o)
{
    for (int i = 0; i < in->n; i++) {
        UChar32 c = in->v[i], n1 = at(in, i + 1), p = last(o);
        if (!in_ru_filter(c)) {
            put(o, c);
        } else if (c == 0x435 || c == 0x451) { /* е, ё */
            puts8(o, is_lmn(p) ? (c == 0x435 ? "e" : "\u00EB") : (c == 0x435 ? "ye" : "y\u00EB"));
        } else if (c == 0x436) {
            puts8(o, "zh");
        } else if (c == 0x439 || c == 0x44B) { /* й, ы */
            int before = c == 0x439 ? is_cyr(n1, "АУЫЭауыэ") : is_cyr(n1, "ауыэ");
            puts8(o, before ? "y\u00B7" : "y");
        } else if (c == 0x442) { /* т */
            puts8(o, n1 == 0x441 ? (i++, "t\u00B7s") : "t");
        } else if (c == 0x448) { /* ш */
            puts8(o, n1 == 0x447 ? (i++, "sh\u00B7ch") : "sh");
        } else if (c >= 0x430 && c <= 0x44F && ky_letter[c - 0x430]) {
            puts8(o, ky_letter[c - 0x430]);
        } else if (c == 0x43D) {
            put(o, 'n');
        } else {
            put(o, c); /* upper case: gone with ::Lower */
        }
    }
}

static void russian_latin(cps *s, cps *tmp)
{
    tmp->n = 0;
    tmp->full = 0;
    russian_pass1(s, tmp);
    s->n = 0;
    s->full = tmp->full;
    russian_pass2(tmp, s);
}

/* Latin-ASCII's filter: [[:Latin:][:Common:][:Inherited:][〇]]. */
static int in_ascii_filter(UChar32 c)
{
    if (known(c)) /* Common or Latin, but the Cyrillic block */
        return c < 0x400 || c > 0x4FF;
    const izde_icu_api *icu = izde_icu();
    UErrorCode st = U_ZERO_ERROR;
    UScriptCode sc = icu ? icu->uscript_getScript(c, &st) : USCRIPT_INVALID_CODE;
    return sc == USCRIPT_LATIN || sc == USCRIPT_COMMON || sc == USCRIPT_INHERITED || c == 0x3007;
}

static const char *ascii_of(UChar32 c)
{
    size_t lo = 0, hi = sizeof ascii_table / sizeof ascii_table[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (ascii_table[mid].cp == (uint32_t)c)
            return ascii_table[mid].s;
        if (ascii_table[mid].cp < (uint32_t)c)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* One run of Latin-ASCII's characters: ::NFD; [[:Latin:][0-9]]{[:Mn:]+} > ;
 * ::NFC; then its table. */
static int ascii_run(const cps *s, int from, int to, cps *o)
{
    int plain = 1;
    for (int i = from; i < to; i++)
        plain &= s->v[i] < 0x80;
    if (plain) { /* ASCII: nothing to decompose, strip or replace */
        for (int i = from; i < to; i++)
            put(o, s->v[i]);
        return 0;
    }
    const izde_icu_api *icu = izde_icu();
    if (!icu)
        return -1;
    UChar u[2 * CP_MAX], tmp[2 * CP_MAX], kept[2 * CP_MAX];
    const UChar *r;
    UErrorCode st = U_ZERO_ERROR;
    const UNormalizer2 *nfd = icu->unorm2_getNFDInstance(&st), *nfc = icu->unorm2_getNFCInstance(&st);
    int32_t n = to_u16(s, from, to, u, 2 * CP_MAX), k = 0;
    if (U_FAILURE(st) || n < 0 || (n = normalize(icu, nfd, u, n, tmp, 2 * CP_MAX, &r)) < 0)
        return -1;
    UChar32 prev = END;
    for (int32_t i = 0; i < n;) {
        UChar32 c;
        U16_NEXT(r, i, n, c);
        if (icu->u_charType(c) == U_NON_SPACING_MARK && prev != END &&
            ((prev >= '0' && prev <= '9') || icu->uscript_getScript(prev, &st) == USCRIPT_LATIN))
            continue; /* an accent: prev stays the letter, for the next mark */
        U16_APPEND_UNSAFE(kept, k, c);
        prev = c;
    }
    if ((n = normalize(icu, nfc, kept, k, tmp, 2 * CP_MAX, &r)) < 0)
        return -1;
    for (int32_t i = 0; i < n;) {
        UChar32 c;
        U16_NEXT(r, i, n, c);
        const char *a = ascii_of(c);
        if (a)
            puts8(o, a);
        else
            put(o, c);
    }
    return 0;
}

static int latin_ascii(const cps *s, cps *o)
{
    o->n = 0;
    o->full = 0;
    for (int i = 0; i < s->n;) {
        if (!in_ascii_filter(s->v[i])) {
            put(o, s->v[i++]);
            continue;
        }
        int j = i;
        while (j < s->n && in_ascii_filter(s->v[j]))
            j++;
        if (ascii_run(s, i, j, o))
            return -1;
        i = j;
    }
    return o->full ? -1 : 0;
}

static int to_latin(cps *s, unsigned which)
{
    cps *tmp = &(cps){.n = 0};
    if (which == IZDE_TRANSLIT_KY_LATIN) {
        kirghiz_latin(s, tmp);
        *s = *tmp;
    } else {
        russian_latin(s, tmp);
    }
    if (s->full || latin_ascii(s, tmp))
        return -1;
    /* The signs' primes (ь → ʹ → ') go, and in the Russian direction the
     * dots that kept letters apart. */
    s->n = 0;
    for (int i = 0; i < tmp->n; i++) {
        UChar32 c = tmp->v[i];
        if (c != '\'' && c != 0x2B9 && !(c == 0xB7 && which == IZDE_TRANSLIT_RU_LATIN))
            put(s, c);
    }
    return 0;
}

/* ---- the entry point ---------------------------------------------------------- */

/* ::NFC (to Cyrillic) and ::Lower, the full lower case of the root locale
 * (İ → i̇), as ICU's: of a word of izde's characters by izde's tables. */
static int lower(const char *word, size_t len, unsigned which, cps *s)
{
    int32_t n = (int32_t)len;
    for (int32_t i = 0; i < n;) {
        UChar32 c;
        U8_NEXT(word, i, n, c);
        if (!known(c))
            goto icu;
        put(s, izde_uc_tolower(c));
    }
    return s->full ? -1 : 0;
icu:;
    const izde_icu_api *icu = izde_icu();
    if (!icu)
        return -1;
    UChar u[IZDE_WORD_MAX + 1], tmp[2 * CP_MAX], low[2 * CP_MAX];
    UErrorCode st = U_ZERO_ERROR;
    icu->u_strFromUTF8(u, IZDE_WORD_MAX + 1, &n, word, (int32_t)len, &st);
    if (U_FAILURE(st))
        return -1;
    const UChar *r = u;
    if (which == IZDE_TRANSLIT_TO_CYRILLIC &&
        (n = normalize(icu, icu->unorm2_getNFCInstance(&st), u, n, tmp, 2 * CP_MAX, &r)) < 0)
        return -1;
    n = icu->u_strToLower(low, 2 * CP_MAX, r, n, "", &st);
    if (U_FAILURE(st) || st == U_STRING_NOT_TERMINATED_WARNING)
        return -1;
    return to_cps(low, n, s);
}

size_t izde_translit(const char *word, size_t len, unsigned which, char *out, size_t cap)
{
    if (which > IZDE_TRANSLIT_RU_LATIN || len > IZDE_WORD_MAX || cap == 0)
        return 0;
    cps *s = &(cps){.n = 0};
    if (lower(word, len, which, s))
        return 0;
    if (which == IZDE_TRANSLIT_TO_CYRILLIC ? to_cyrillic(s) : to_latin(s, which))
        return 0;
    if (s->full)
        return 0;
    size_t o = 0;
    for (int i = 0; i < s->n; i++) {
        UChar32 c = s->v[i];
        if (o + (size_t)U8_LENGTH(c) >= cap)
            return 0;
        U8_APPEND_UNSAFE(out, o, c);
    }
    out[o] = '\0';
    return o;
}
