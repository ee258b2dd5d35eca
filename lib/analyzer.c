/* izde — the analyzer: word breaking, folding, and word → terms.  A text of
 * characters izde knows (unichar.h) is split by izde's own word rules;
 * any other text by ICU's word break iterator, loaded then (icu.h). */
#include "izde/analyzer.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/utf16.h>
#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#endif

#include "izde/icu.h"
#include "izde/ky_stem.h"
#include "izde/unichar.h"
#include "izde/xapian.h"

/* The longest acronym that takes a suffix (УКМКнын, ЕАЭБдин); an all-caps
 * word up to this length is an acronym too (ЖӨБ, КР), a longer one is a word
 * in a heading set in capitals (РЕЗОЛЮЦИЯСЫ) and is stemmed as usual. */
#define ACRONYM_MAX 6

struct izde_analyzer {
    const izde_icu_api *icu;        /* NULL until a text needs ICU */
    UBreakIterator *bi;
    const UNormalizer2 *nfc;
    int always_icu;             /* izde_analyzer_always_icu() */
    UChar *in16, *nfc16;        /* the text as UTF-16, and normalised */
    int32_t in16_cap, nfc16_cap;
    char *norm8;                /* normalised UTF-8, when it differs */
    size_t norm8_cap;
    UChar wtmp[IZDE_WORD_MAX + 1], wfold[2 * IZDE_WORD_MAX + 8];
    char word[IZDE_WORD_MAX + 1];
    unsigned langs;             /* see izde_analyzer_set_langs */
    xap_stem *ru, *en;          /* Xapian's Russian and English stemmers */
    struct stem_slot *stems; /* ky_stem()'s recent answers, once worth it */
    unsigned long stemmed;   /* ky_stem() calls before that */
};

/* The Kyrgyz stems of recent words: an article repeats its words, and an
 * archive its vocabulary, so most words are stemmed again and again (the
 * stemmer was a tenth of the indexer's time).  Direct-mapped on a hash of
 * the word; a short word and its stem fit a slot, longer ones are not kept.
 * Made only after STEM_CACHE_AFTER words: a query and its snippets stem a
 * few hundred, and each slot they touched would fault a fresh page in. */
#define STEM_CACHE_AFTER 20000
#define STEM_SLOTS 32768
#define STEM_SLOT_BYTES 47
struct stem_slot {
    unsigned char wlen, slen; /* wlen 0: empty */
    char w[STEM_SLOT_BYTES], s[STEM_SLOT_BYTES];
};

izde_status izde_analyzer_new(izde_analyzer **out, izde_error *err)
{
    izde_analyzer *a = calloc(1, sizeof *a);
    if (!a)
        return izde_fail(err, IZDE_ERR_NOMEM, "analyzer: out of memory");
    xap_error xe;
    if (xap_stem_new_lang("russian", &a->ru, &xe) != XAP_OK ||
        xap_stem_new_lang("english", &a->en, &xe) != XAP_OK) {
        izde_analyzer_free(a);
        return izde_fail(err, xe.code == XAP_ERR_NOMEM ? IZDE_ERR_NOMEM : IZDE_ERR_DB,
                         "analyzer: Xapian stemmer: %s", xe.msg);
    }
    a->langs = IZDE_LANG_KY | IZDE_LANG_RU;
    *out = a;
    return IZDE_OK;
}

void izde_analyzer_free(izde_analyzer *a)
{
    if (!a)
        return;
    if (a->bi)
        a->icu->ubrk_close(a->bi);
    xap_stem_free(a->ru);
    xap_stem_free(a->en);
    free(a->stems);
    free(a->in16);
    free(a->nfc16);
    free(a->norm8);
    free(a);
}

void izde_analyzer_set_langs(izde_analyzer *a, unsigned langs)
{
    langs &= IZDE_LANG_KY | IZDE_LANG_RU;
    a->langs = langs ? langs : IZDE_LANG_KY;
}

unsigned izde_analyzer_langs(const izde_analyzer *a) { return a->langs; }

void izde_analyzer_always_icu(izde_analyzer *a, int on) { a->always_icu = on; }

/* ICU and the analyzer's break iterator and normaliser, made on the first
 * text that needs them. */
static izde_status need_icu(izde_analyzer *a, izde_error *err)
{
    if (a->bi)
        return IZDE_OK;
    const izde_icu_api *icu = izde_icu();
    if (!icu)
        return izde_fail(err, IZDE_ERR_ICU, "analyzer: %s", izde_icu_error());
    UErrorCode st = U_ZERO_ERROR;
    a->nfc = icu->unorm2_getNFCInstance(&st);
    UBreakIterator *bi = U_SUCCESS(st) ? icu->ubrk_open(UBRK_WORD, "root", NULL, 0, &st) : NULL;
    if (U_FAILURE(st)) {
        if (bi)
            icu->ubrk_close(bi);
        return izde_fail(err, IZDE_ERR_ICU, "analyzer: ICU: %s", icu->u_errorName(st));
    }
    a->icu = icu;
    a->bi = bi;
    return IZDE_OK;
}

static int grow(void **buf, size_t *cap, size_t need, size_t elem)
{
    if (*cap >= need)
        return 0;
    size_t n = need + need / 2 + 64;
    void *p = realloc(*buf, n * elem);
    if (!p)
        return -1;
    *buf = p;
    *cap = n;
    return 0;
}

static int grow16(UChar **buf, int32_t *cap, size_t need)
{
    size_t c = (size_t)*cap;
    void *p = *buf;
    if (need > INT32_MAX / 2 || grow(&p, &c, need, sizeof(UChar)))
        return -1;
    *buf = p;
    *cap = (int32_t)c;
    return 0;
}

/* Latin letters that look like Cyrillic ones, and their Cyrillic twins. */
static UChar cyrillic_twin(UChar c)
{
    static const char latin[] = "aceopxykABCEHKMOPTX";
    static const UChar cyr[] = {0x430, 0x441, 0x435, 0x43e, 0x440, 0x445,
                                0x443, 0x43a, 0x410, 0x412, 0x421, 0x415,
                                0x41d, 0x41a, 0x41c, 0x41e, 0x420, 0x422,
                                0x425};
    if (c >= 0x80)
        return 0;
    const char *p = strchr(latin, (char)c);
    return p && c ? cyr[p - latin] : 0;
}

static int is_cyrillic(UChar c) { return c >= 0x400 && c <= 0x4ff; }

/* A word mixing Cyrillic letters with Latin look-alikes (cалык typed with a
 * Latin c) is a Cyrillic word: map the look-alikes.  A word with any other
 * Latin letter is left alone. */
static void map_lookalikes(UChar *w, int32_t n)
{
    int cyr = 0, latin = 0;
    for (int32_t i = 0; i < n; i++) {
        if (is_cyrillic(w[i]))
            cyr = 1;
        else if ((w[i] | 0x20) >= 'a' && (w[i] | 0x20) <= 'z') {
            if (!cyrillic_twin(w[i]))
                return;
            latin = 1;
        }
    }
    if (!cyr || !latin)
        return;
    for (int32_t i = 0; i < n; i++) {
        UChar t = cyrillic_twin(w[i]);
        if (t)
            w[i] = t;
    }
}

/* Latin letters that, in any case, have a Cyrillic twin (B/В, H/Н, M/М, T/Т
 * in capitals, and so their lower-case forms too), and the twins. */
static UChar cyrillic_twin_any_case(UChar c)
{
    static const char latin[] = "abcehkmoptxy";
    static const UChar cyr[] = {0x430, 0x432, 0x441, 0x435, 0x43d, 0x43a,
                                0x43c, 0x43e, 0x440, 0x442, 0x445, 0x443};
    int upper = c >= 'A' && c <= 'Z';
    const char *p = c < 0x80 && c ? strchr(latin, (char)(c | 0x20)) : NULL;
    if (!p || !((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
        return 0;
    return (UChar)(cyr[p - latin] - (upper ? 0x20 : 0));
}

static int is_cyrillic_twin(UChar c)
{
    static const UChar cyr[] = {0x430, 0x432, 0x441, 0x435, 0x43d, 0x43a,
                                0x43c, 0x43e, 0x440, 0x442, 0x445, 0x443};
    for (size_t i = 0; i < sizeof cyr / sizeof cyr[0]; i++)
        if (c == cyr[i] || c == cyr[i] - 0x20)
            return 1;
    return 0;
}

/* A code of letters and digits whose letters all look alike in both
 * scripts ("Р2Р" typed in Cyrillic, "P2P" in Latin, "MP3", "B2B") is one
 * code whichever keyboard typed it: its Latin letters become Cyrillic, in
 * any case, so that every spelling meets.  Words without a digit are left
 * to map_lookalikes(): "COP" in an English name is not "СОР". */
static void map_code_lookalikes(UChar *w, int32_t n)
{
    int digit = 0, latin = 0;
    for (int32_t i = 0; i < n; i++) {
        if (w[i] >= '0' && w[i] <= '9')
            digit = 1;
        else if (cyrillic_twin_any_case(w[i]))
            latin = 1;
        else if (!is_cyrillic_twin(w[i]))
            return;
    }
    if (!digit || !latin)
        return;
    for (int32_t i = 0; i < n; i++) {
        UChar t = cyrillic_twin_any_case(w[i]);
        if (t)
            w[i] = t;
    }
}

/* Footnote marks that a text export glues to the word ("аймагы1", from
 * "аймагы<sup>1</sup>"): one or two digits after a Cyrillic word of four
 * letters or more in lower case (a capital may start it).  Returns how many
 * trailing units to drop.  Units (м2, км2), short words with a number
 * (сөз1, тип2: names of things more often than footnotes), codes in
 * capitals (КамАЗ5320) and years keep their digits. */
static int32_t footnote_digits(const UChar *w, int32_t n)
{
    int32_t d = 0;
    while (d < n && d < 3 && w[n - 1 - d] >= '0' && w[n - 1 - d] <= '9')
        d++;
    if (d == 0 || d > 2 || n - d < 4)
        return 0;
    for (int32_t i = 0; i < n - d; i++)
        if (!is_cyrillic(w[i]) || !izde_uc_isalpha(w[i]) ||
            (i > 0 && !izde_uc_islower(w[i])))
            return 0;
    return d;
}

/* Length of the acronym at the start of `w`: its upper-case run when it is
 * 2..ACRONYM_MAX letters long and followed only by lower-case letters (a
 * suffix: ЖӨБдүн) or by nothing (ЖӨБ); 0 otherwise. */
static int32_t acronym_length(const UChar *w, int32_t n)
{
    int32_t up = 0;
    while (up < n && izde_uc_isupper(w[up]))
        up++;
    if (up < 2 || up > ACRONYM_MAX)
        return 0;
    for (int32_t i = up; i < n; i++)
        if (!izde_uc_islower(w[i]))
            return 0;
    return up;
}

static size_t utf8_units(UChar32 c)
{
    return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
}

/* c as UTF-8 at out (up to 3 bytes): its length. */
static size_t put_utf8(char *out, UChar c)
{
    if (c < 0x80) {
        out[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        out[0] = (char)(0xC0 | (c >> 6));
        out[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    out[0] = (char)(0xE0 | (c >> 12));
    out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
    out[2] = (char)(0x80 | (c & 0x3F));
    return 3;
}

/* The case folding of the letters izde knows (unichar.h) but ß and µ,
 * whose folding is not one letter of Latin-1: as
 * u_strFoldCase(U_FOLD_CASE_DEFAULT) folds them (test_analyzer compares
 * each with ICU).  0 for any other character. */
static UChar fold_simple(UChar c)
{
    if (c < 0x80)
        return c >= 'A' && c <= 'Z' ? (UChar)(c + 0x20) : c;
    if (c == 0xDF || c == 0xB5 || izde_uc_wb(c) != IZDE_WB_LETTER)
        return 0;
    return (UChar)izde_uc_tolower(c);
}

/* fold_word() for a word of such letters only, without ICU (a tenth of a
 * query's time went to folding): its byte length (0 if too long), or
 * (size_t)-1 when the word has another character. */
static size_t fold_simple_word(izde_analyzer *a, const UChar *w, int32_t n,
                               int32_t acr16, size_t *acr)
{
    size_t o = 0;
    for (int32_t i = 0; i < n; i++) {
        UChar c = fold_simple(w[i]);
        if (!c)
            return (size_t)-1;
        if (i == acr16)
            *acr = o;
        if (o + (c < 0x80 ? 1 : 2) >= IZDE_WORD_MAX) {
            o = IZDE_WORD_MAX; /* too long, unless another character follows */
            continue;
        }
        o += put_utf8(a->word + o, c);
    }
    if (acr16 == n)
        *acr = o;
    if (o >= IZDE_WORD_MAX)
        return 0;
    a->word[o] = '\0';
    return o;
}

/* Folds w[0..n) into a->word and sets *len to its byte length, 0 if the
 * word is too long to be a term, and *acr to the folded acronym's length. */
static izde_status fold_word(izde_analyzer *a, const UChar *w, int32_t n,
                             int32_t acr16, size_t *len, size_t *acr, izde_error *err)
{
    *acr = 0;
    size_t simple = fold_simple_word(a, w, n, acr16, acr);
    if (simple != (size_t)-1) {
        *len = simple;
        return IZDE_OK;
    }
    izde_status rc = need_icu(a, err);
    if (rc != IZDE_OK)
        return rc;
    const izde_icu_api *icu = a->icu;
    UErrorCode st = U_ZERO_ERROR;
    int32_t f1 = 0, f2 = 0, len8 = 0;
    const int32_t cap = (int32_t)(sizeof a->wfold / sizeof a->wfold[0]);
    *len = 0;
    *acr = 0;
    f1 = icu->u_strFoldCase(a->wfold, cap, w, acr16, U_FOLD_CASE_DEFAULT, &st);
    if (U_SUCCESS(st))
        f2 = icu->u_strFoldCase(a->wfold + f1, cap - f1, w + acr16, n - acr16,
                                U_FOLD_CASE_DEFAULT, &st);
    if (U_FAILURE(st))
        return IZDE_OK;
    if (acr16) {
        icu->u_strToUTF8(a->word, IZDE_WORD_MAX, &len8, a->wfold, f1, &st);
        if (U_FAILURE(st) || len8 >= IZDE_WORD_MAX)
            return IZDE_OK;
        *acr = (size_t)len8;
    }
    st = U_ZERO_ERROR;
    icu->u_strToUTF8(a->word, IZDE_WORD_MAX, &len8, a->wfold, f1 + f2, &st);
    if (U_FAILURE(st) || st == U_STRING_NOT_TERMINATED_WARNING ||
        len8 >= IZDE_WORD_MAX)
        return IZDE_OK;
    a->word[len8] = '\0';
    *len = (size_t)len8;
    return IZDE_OK;
}

/* Converts `text` to NFC UTF-16 in a->nfc16 (or a->in16); sets *base to the
 * UTF-8 text that offsets refer to. */
static izde_status normalise(izde_analyzer *a, const char *text, size_t len,
                             const UChar **t16, int32_t *n16,
                             const char **base, size_t *repaired,
                             izde_error *err)
{
    const izde_icu_api *icu = a->icu;
    UErrorCode st = U_ZERO_ERROR;
    int32_t n = 0, subs = 0;
    if (len > INT32_MAX / 4)
        return izde_fail(err, IZDE_ERR_FORMAT, "text of %zu bytes is too long", len);
    if (grow16(&a->in16, &a->in16_cap, len + 1))
        return izde_fail(err, IZDE_ERR_NOMEM, "analyzer: out of memory");
    icu->u_strFromUTF8WithSub(a->in16, a->in16_cap, &n, text, (int32_t)len, 0xFFFD,
                              &subs, &st);
    if (U_FAILURE(st))
        return izde_fail(err, IZDE_ERR_ICU, "analyzer: UTF-8: %s", icu->u_errorName(st));
    if (repaired)
        *repaired = (size_t)subs;
    *t16 = a->in16;
    *n16 = n;
    *base = text;
    UBool is_nfc = icu->unorm2_isNormalized(a->nfc, a->in16, n, &st);
    if (U_FAILURE(st))
        return izde_fail(err, IZDE_ERR_ICU, "analyzer: NFC: %s", icu->u_errorName(st));
    if (is_nfc && subs == 0)
        return IZDE_OK;
    if (!is_nfc) {
        /* NFC may grow the text up to 3× (rare); preflight then convert. */
        int32_t need = icu->unorm2_normalize(a->nfc, a->in16, n, NULL, 0, &st);
        st = U_ZERO_ERROR;
        if (grow16(&a->nfc16, &a->nfc16_cap, (size_t)need + 1))
            return izde_fail(err, IZDE_ERR_NOMEM, "analyzer: out of memory");
        n = icu->unorm2_normalize(a->nfc, a->in16, n, a->nfc16, a->nfc16_cap, &st);
        if (U_FAILURE(st))
            return izde_fail(err, IZDE_ERR_ICU, "analyzer: NFC: %s", icu->u_errorName(st));
        *t16 = a->nfc16;
        *n16 = n;
    }
    int32_t n8 = 0;
    void *p = a->norm8;
    if (grow(&p, &a->norm8_cap, (size_t)*n16 * 3 + 1, 1))
        return izde_fail(err, IZDE_ERR_NOMEM, "analyzer: out of memory");
    a->norm8 = p;
    icu->u_strToUTF8(a->norm8, (int32_t)a->norm8_cap, &n8, *t16, *n16, &st);
    if (U_FAILURE(st))
        return izde_fail(err, IZDE_ERR_ICU, "analyzer: UTF-8: %s", icu->u_errorName(st));
    *base = a->norm8;
    return IZDE_OK;
}

/* One word, as UTF-16 in a->wtmp[0..wl), at tok->start..tok->end: its
 * footnote digits dropped, look-alikes mapped, acronym found, folded, and
 * given to fn. */
static int emit_word(izde_analyzer *a, izde_token *tok, int32_t wl, int number,
                     izde_token_fn fn, void *ctx, izde_error *err)
{
    int32_t footnote = footnote_digits(a->wtmp, wl);
    wl -= footnote;
    tok->end -= (size_t)footnote; /* ASCII digits: one byte each */
    map_lookalikes(a->wtmp, wl);
    map_code_lookalikes(a->wtmp, wl);
    int32_t acr16 = acronym_length(a->wtmp, wl);
    izde_status rc = fold_word(a, a->wtmp, wl, acr16, &tok->len, &tok->acronym_len, err);
    if (rc != IZDE_OK)
        return rc;
    if (tok->len == 0)
        return 0;
    tok->word = a->word;
    tok->flags = (number && !footnote ? IZDE_TOK_NUMBER : 0) | (acr16 ? IZDE_TOK_ACRONYM : 0);
    int r = fn(ctx, tok);
    tok->pos++;
    return r;
}

/* The code point at s[*i..len) if it is one of izde's characters (all of
 * them are under U+2900: one to three bytes), with its class; *i moves past
 * it.  IZDE_WB_ICU for anything else, invalid UTF-8 included. */
static inline izde_wb next_known(const unsigned char *s, size_t len, size_t *i, UChar *c)
{
    size_t k = *i;
    unsigned b = s[k];
    if (b < 0x80) {
        *c = (UChar)b;
        *i = k + 1;
    } else if (b >= 0xC2 && b <= 0xDF && k + 1 < len && (s[k + 1] & 0xC0) == 0x80) {
        *c = (UChar)(((b & 0x1F) << 6) | (s[k + 1] & 0x3F));
        *i = k + 2;
    } else if (b == 0xE2 && k + 2 < len && (s[k + 1] & 0xC0) == 0x80 &&
               (s[k + 2] & 0xC0) == 0x80) {
        *c = (UChar)(0x2000 | ((s[k + 1] & 0x3F) << 6) | (s[k + 2] & 0x3F));
        *i = k + 3;
    } else {
        return IZDE_WB_ICU;
    }
    return izde_uc_wb(*c);
}

/* Whether every character of the text is one izde knows.  Most are ASCII
 * or Cyrillic letters U+0400..U+047F (a lead byte D0 or D1, then a
 * continuation byte): sixteen (or eight) bytes of those are taken at a
 * time, the others one character at a time. */
static int known_text(const char *text, size_t len)
{
    const unsigned char *s = (const unsigned char *)text;
    UChar c;
    size_t i = 0;
    while (i < len) {
        size_t stop = len;
#if defined(__SSE2__) && defined(__GNUC__)
        if (len - i >= 16) {
            /* A bit for each byte that is not ASCII, for each D0 or D1,
             * and for each continuation byte (10xxxxxx). */
            __m128i x = _mm_loadu_si128((const __m128i *)(s + i));
            unsigned high = (unsigned)_mm_movemask_epi8(x);
            unsigned lead = (unsigned)_mm_movemask_epi8(
                _mm_cmpeq_epi8(_mm_and_si128(x, _mm_set1_epi8((char)0xFE)), _mm_set1_epi8((char)0xD0)));
            unsigned cont = (unsigned)_mm_movemask_epi8(
                _mm_cmpeq_epi8(_mm_and_si128(x, _mm_set1_epi8((char)0xC0)), _mm_set1_epi8((char)0x80)));
            /* Bytes that are none of these, continuation bytes after no
             * lead byte, and lead bytes before none (the last byte's is in
             * the next sixteen). */
            unsigned bad = (high & ~(lead | cont)) | (cont & ~(lead << 1)) |
                           (lead & ~(cont >> 1) & 0x7FFF);
            if (!bad) {
                i += lead >> 15 ? 15 : 16; /* a lead byte last: read again */
                continue;
            }
            /* The characters before the first such byte are whole: on
             * from it, one character. */
            i += (unsigned)__builtin_ctz(bad);
            stop = i + 1;
        }
#elif defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        if (len - i >= 8) {
            const uint64_t hi7 = 0x8080808080808080u, lo7 = 0x7F7F7F7F7F7F7F7Fu;
            uint64_t x;
            memcpy(&x, s + i, 8);
            uint64_t high = x & hi7;
            /* Bit 7 of each byte that is D0 or D1, and of each 10xxxxxx. */
            uint64_t t = (x ^ 0xD0D0D0D0D0D0D0D0u) & 0xFEFEFEFEFEFEFEFEu;
            uint64_t lead = ~(((t & lo7) + lo7) | t) & hi7;
            uint64_t cont = x & ~(x << 1) & hi7;
            if ((lead | cont) == high && cont == lead << 8) {
                i += lead >> 56 ? 7 : 8;
                continue;
            }
            stop = i + 8;
        }
#endif
        do {
            unsigned b = s[i];
            if (b < 0x80)
                i++;
            else if ((b & 0xFE) == 0xD0 && i + 1 < len && (s[i + 1] & 0xC0) == 0x80)
                i += 2;
            else if (next_known(s, len, &i, &c) == IZDE_WB_ICU)
                return 0;
        } while (i < stop);
    }
    return 1;
}

/* What a character is to emit_known()'s shortcuts. */
enum {
    SH_SMALL_LATIN = 1, /* a..z */
    SH_SMALL_CYR = 2,   /* а..я ѐ..џ ң ө ү */
    SH_CAP_LATIN = 4,   /* A..Z */
    SH_CAP_CYR = 8,     /* А..Я Ѐ..Џ Ң Ө Ү: capitals of SH_SMALL_CYR letters */
    SH_DIGIT = 16,      /* 0..9 */
    SH_OTHER = 32,
};

#define O SH_OTHER
#define a SH_SMALL_LATIN
#define A SH_CAP_LATIN
#define D SH_DIGIT
/* The shape of each ASCII character (a..z, A..Z, 0..9, the others). */
static const unsigned char ascii_shape[128] = {
    O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O,
    O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O,
    O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O,
    D, D, D, D, D, D, D, D, D, D, O, O, O, O, O, O,
    O, A, A, A, A, A, A, A, A, A, A, A, A, A, A, A,
    A, A, A, A, A, A, A, A, A, A, A, O, O, O, O, O,
    O, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a,
    a, a, a, a, a, a, a, a, a, a, a, O, O, O, O, O,
};
#undef O
#undef a
#undef A
#undef D

/* The shape of a character of U+0080..U+07FF but U+0400..U+047F. */
static unsigned shape_2(UChar c)
{
    if (c == 0x4A3 || c == 0x4AF || c == 0x4E9)
        return SH_SMALL_CYR;
    return c == 0x4A2 || c == 0x4AE || c == 0x4E8 ? SH_CAP_CYR : SH_OTHER;
}

/* next_char() of a character that is not ASCII. */
static izde_wb next_char_2(const unsigned char *s, size_t *i, UChar *c, unsigned *shape)
{
    size_t k = *i;
    unsigned b = s[k];
    if (b < 0xE0) {
        unsigned b1 = s[k + 1];
        *c = (UChar)(((b & 0x1F) << 6) | (b1 & 0x3F));
        *i = k + 2;
        if (b == 0xD0) { /* U+0400..U+043F */
            *shape = b1 < 0xB0 ? SH_CAP_CYR : SH_SMALL_CYR;
            return IZDE_WB_LETTER;
        }
        if (b == 0xD1) { /* U+0440..U+047F */
            *shape = b1 < 0xA0 ? SH_SMALL_CYR : SH_OTHER;
            return IZDE_WB_LETTER;
        }
        *shape = shape_2(*c);
        return izde_uc_wb(*c);
    }
    *c = (UChar)(((b & 0x0F) << 12) | ((s[k + 1] & 0x3F) << 6) | (s[k + 2] & 0x3F));
    *i = k + 3;
    *shape = SH_OTHER;
    return izde_uc_wb(*c);
}

/* The next character of a text known_text() passed (valid UTF-8 of izde's
 * characters: no byte to check), its class and its shape (SH_*); *i moves
 * past it.  ASCII (the spaces and punctuation between words) here, the
 * rest out of line. */
static inline izde_wb next_char(const unsigned char *s, size_t *i, UChar *c, unsigned *shape)
{
    unsigned b = s[*i];
    if (b >= 0x80)
        return next_char_2(s, i, c, shape);
    *c = (UChar)b;
    *i += 1;
    *shape = ascii_shape[b];
    return (izde_wb)izde_uc_latin1_wb[b];
}

/* Whether s[j] starts а..я or ѐ..џ (U+0430..U+045F); s[j + 1] is read
 * only after a lead byte, which a known text never ends with. */
static inline int small_cyrillic_at(const unsigned char *s, size_t j)
{
    return s[j] == 0xD0 ? s[j + 1] >= 0xB0 : s[j] == 0xD1 && s[j + 1] < 0xA0;
}

/* The bytes of the small Cyrillic letters (small_cyrillic_at) that
 * s[j..len) starts with: eight letters at a time with SSE2. */
static inline size_t small_cyrillic_run(const unsigned char *s, size_t j, size_t len)
{
    size_t k = j;
#if defined(__SSE2__) && defined(__GNUC__)
    while (len - k >= 16) {
        /* Each two bytes as lead << 8 | continuation, less D0 B0: under
         * F0 for those letters (a known text has no other such pairs). */
        __m128i x = _mm_loadu_si128((const __m128i *)(s + k));
        __m128i v = _mm_or_si128(_mm_slli_epi16(x, 8), _mm_srli_epi16(x, 8));
        __m128i d = _mm_sub_epi16(v, _mm_set1_epi16((short)0xD0B0));
        __m128i ok = _mm_cmpeq_epi16(_mm_subs_epu16(d, _mm_set1_epi16(0xEF)), _mm_setzero_si128());
        unsigned m = (unsigned)_mm_movemask_epi8(ok);
        if (m != 0xFFFF)
            return k - j + ((unsigned)__builtin_ctz(~m) & ~1u);
        k += 16;
    }
#endif
    while (k < len && small_cyrillic_at(s, k))
        k += 2;
    return k - j;
}

/* A word of a known text at tok->start..tok->end, `first` the shape of its
 * first character and `rest` those of the others (SH_OTHER for a joiner):
 * as emit_word() would give it, without its work for most words. */
static int emit_known(izde_analyzer *a, izde_token *tok, unsigned first, unsigned rest,
                      int number, izde_token_fn fn, void *ctx, izde_error *err)
{
    const char *src = tok->text + tok->start;
    size_t n = tok->end - tok->start;
    unsigned all = first | rest;
    int capital = (first == SH_CAP_CYR && !(rest & ~SH_SMALL_CYR)) ||
                  (first == SH_CAP_LATIN && !(rest & ~SH_SMALL_LATIN));
    if (all == SH_SMALL_CYR || all == SH_SMALL_LATIN || all == SH_DIGIT || capital) {
        /* Small letters of one script, or digits (a footnote's follow
         * letters): the word is its text.  A capital and small letters of
         * its script (no look-alike to map, no acronym): the capital's small
         * letter, of as many bytes, then the text. */
        if (n >= IZDE_WORD_MAX)
            return 0; /* too long to be a term, as fold_word() finds */
        memcpy(a->word, src, n);
        if (first == SH_CAP_LATIN)
            a->word[0] = (char)(src[0] + 0x20);
        else if (first == SH_CAP_CYR)
            put_utf8(a->word, (UChar)izde_uc_tolower(((src[0] & 0x1F) << 6) | (src[1] & 0x3F)));
        a->word[n] = '\0';
        tok->word = a->word;
        tok->len = n;
        tok->acronym_len = 0;
        tok->flags = number ? IZDE_TOK_NUMBER : 0;
        int r = fn(ctx, tok);
        tok->pos++;
        return r;
    }
    /* Any other word: as UTF-16, the whole way. */
    const unsigned char *s = (const unsigned char *)src;
    int32_t wl = 0;
    for (size_t i = 0; i < n;) {
        UChar c;
        unsigned sh;
        if (wl == IZDE_WORD_MAX)
            return 0; /* too long: skipped, as ICU's would be */
        next_char(s, &i, &c, &sh);
        a->wtmp[wl++] = c;
    }
    return emit_word(a, tok, wl, number, fn, ctx, err);
}

static int word_class(izde_wb k)
{
    return k == IZDE_WB_LETTER || k == IZDE_WB_NUMERIC || k == IZDE_WB_EXTENDNUMLET;
}

/* izde_analyze() of a text of known characters (already NFC), by Unicode's
 * word boundary rules (UAX #29) as ICU's root rules apply them; the
 * characters that would need the other rules (Extend, Format, Hebrew,
 * Katakana, regional indicators...) are not among them.  Letters, digits
 * and _ join (WB5, WB8–WB10, WB13a/b); a letter joins a letter across one
 * MidLetter or MidNumLet (WB6/7), a digit a digit across one MidNum or
 * MidNumLet (WB11/12).  A word is a number when it ends in a digit, or in
 * _ after a digit (ICU's rule status of its last joint); a lone _ is not a
 * word.  test_analyzer compares this with ICU's iterator. */
static int analyze_known(izde_analyzer *a, const char *text, size_t len,
                         izde_token *tok, izde_token_fn fn, void *ctx, izde_error *err)
{
    const unsigned char *s = (const unsigned char *)text;
    for (size_t i = 0; i < len;) {
        size_t start = i;
        UChar c;
        unsigned b = s[i], first, rest = 0, sh;
        izde_wb k = IZDE_WB_LETTER;
        if (b < 0x80) { /* most characters between words */
            i++;
            if (!word_class(k = (izde_wb)izde_uc_latin1_wb[b]))
                continue;
            first = ascii_shape[b];
        } else if (small_cyrillic_at(s, i)) {
            first = SH_SMALL_CYR;
            i += 2;
        } else if (!word_class(k = next_char_2(s, &i, &c, &first))) {
            continue;
        }
        izde_wb last = k, before = IZDE_WB_OTHER;
        size_t end = i, next; /* next: where the next word may start */
        while ((next = end) < len) {
            /* A run of small Cyrillic letters (most of a Kyrgyz text) at
             * a go: letters, all joining. */
            if (small_cyrillic_at(s, end)) {
                size_t run = 2 + small_cyrillic_run(s, end + 2, len);
                rest |= SH_SMALL_CYR;
                before = run == 2 ? last : IZDE_WB_LETTER;
                last = IZDE_WB_LETTER;
                end += run;
                continue;
            }
            size_t j = end;
            izde_wb k2 = next_char(s, &j, &c, &sh);
            if (!word_class(k2)) {
                int letters = last == IZDE_WB_LETTER &&
                              (k2 == IZDE_WB_MIDLETTER || k2 == IZDE_WB_MIDNUMLET);
                int digits = last == IZDE_WB_NUMERIC &&
                             (k2 == IZDE_WB_MIDNUM || k2 == IZDE_WB_MIDNUMLET);
                next = j; /* past a character that is not of a word */
                if (!(letters || digits) || j >= len)
                    break;
                izde_wb k3 = next_char(s, &j, &c, &sh);
                if (k3 != last)
                    break;
                k2 = k3;
                sh |= SH_OTHER; /* a joiner inside: none of the shortcuts */
            }
            rest |= sh;
            before = last;
            last = k2;
            end = j;
        }
        i = next;
        if (before == IZDE_WB_OTHER && last == IZDE_WB_EXTENDNUMLET)
            continue; /* a lone _ */
        int number = last == IZDE_WB_NUMERIC ||
                     (last == IZDE_WB_EXTENDNUMLET && before == IZDE_WB_NUMERIC);
        tok->start = start;
        tok->end = end;
        int r = emit_known(a, tok, first, rest, number, fn, ctx, err);
        if (r)
            return r;
    }
    return IZDE_OK;
}

int izde_analyze(izde_analyzer *a, const char *text, size_t len,
                 unsigned first_pos, izde_token_fn fn, void *ctx,
                 size_t *repaired, izde_error *err)
{
    izde_token tok = {.text = text, .pos = first_pos, .langs = a->langs, .an = a};
    if (!a->always_icu && known_text(text, len)) {
        if (repaired)
            *repaired = 0;
        return analyze_known(a, text, len, &tok, fn, ctx, err);
    }
    izde_status rc = need_icu(a, err);
    if (rc != IZDE_OK)
        return rc;
    const izde_icu_api *icu = a->icu;
    const UChar *t = NULL;
    int32_t n = 0;
    const char *base = text;
    rc = normalise(a, text, len, &t, &n, &base, repaired, err);
    if (rc != IZDE_OK)
        return rc;
    UErrorCode st = U_ZERO_ERROR;
    icu->ubrk_setText(a->bi, t, n, &st);
    if (U_FAILURE(st))
        return izde_fail(err, IZDE_ERR_ICU, "analyzer: word break: %s", icu->u_errorName(st));

    tok.text = base;
    int32_t at16 = 0; /* UTF-16 index whose UTF-8 offset is at8 */
    size_t at8 = 0;
    int32_t start = icu->ubrk_first(a->bi);
    for (int32_t end = icu->ubrk_next(a->bi); end != UBRK_DONE;
         start = end, end = icu->ubrk_next(a->bi)) {
        int32_t status = icu->ubrk_getRuleStatus(a->bi);
        if (status < UBRK_WORD_NUMBER)
            continue;
        while (at16 < start) {
            UChar32 c;
            U16_NEXT(t, at16, n, c);
            at8 += utf8_units(c);
        }
        tok.start = at8;
        while (at16 < end) {
            UChar32 c;
            U16_NEXT(t, at16, n, c);
            at8 += utf8_units(c);
        }
        tok.end = at8;
        int32_t wl = end - start;
        if (wl > IZDE_WORD_MAX)
            continue; /* too long to be a term */
        memcpy(a->wtmp, t + start, (size_t)wl * sizeof(UChar));
        int r = emit_word(a, &tok, wl, status < UBRK_WORD_NUMBER_LIMIT, fn, ctx, err);
        if (r)
            return r;
    }
    return IZDE_OK;
}

size_t izde_keyboard_fold(const char *word, size_t len, char *out)
{
    /* ң ө ү (U+04A3 U+04E9 U+04AF) and capitals → н о у / Н О У. */
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)word[i];
        if (i + 1 < len && (c == 0xD2 || c == 0xD3)) {
            unsigned cp = ((c & 0x1Fu) << 6) | ((unsigned char)word[i + 1] & 0x3Fu);
            unsigned to = 0;
            switch (cp) {
            case 0x4A3: to = 0x43D; break; case 0x4A2: to = 0x41D; break;
            case 0x4E9: to = 0x43E; break; case 0x4E8: to = 0x41E; break;
            case 0x4AF: to = 0x443; break; case 0x4AE: to = 0x423; break;
            }
            if (to) {
                out[o++] = (char)(0xC0 | (to >> 6));
                out[o++] = (char)(0x80 | (to & 0x3F));
                i++;
                continue;
            }
        }
        out[o++] = (char)c;
    }
    out[o] = '\0';
    return o;
}

/* ky_stem() through the analyzer's cache (`a` NULL: none). */
static size_t ky_stem_cached(izde_analyzer *a, const char *w, size_t n, char *out)
{
    if (!a || n == 0 || n > STEM_SLOT_BYTES)
        return ky_stem(w, n, out, IZDE_WORD_MAX);
    if (!a->stems && (++a->stemmed < STEM_CACHE_AFTER ||
                      !(a->stems = calloc(STEM_SLOTS, sizeof *a->stems))))
        return ky_stem(w, n, out, IZDE_WORD_MAX);
    uint32_t h = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)w[i]) * 16777619u;
    struct stem_slot *sl = &a->stems[h % STEM_SLOTS];
    if (sl->wlen == n && memcmp(sl->w, w, n) == 0) {
        memcpy(out, sl->s, sl->slen);
        return sl->slen;
    }
    size_t k = ky_stem(w, n, out, IZDE_WORD_MAX);
    if (k <= STEM_SLOT_BYTES) {
        sl->wlen = (unsigned char)n;
        sl->slen = (unsigned char)k;
        memcpy(sl->w, w, n);
        memcpy(sl->s, out, k);
    }
    return k;
}

/* The stem of w[0..n) into out (IZDE_WORD_MAX + 1 bytes, NUL-terminated)
 * by ky_stem() (cached in `a`, if not NULL) or, with `x`, by a Xapian
 * stemmer. */
static size_t stem_into(izde_analyzer *a, xap_stem *x, const char *w, size_t n, char *out)
{
#ifdef IZDE_NO_STEM /* stemmer off, only for bench/known-item.sh's comparison */
    (void)a;
    (void)x;
    memcpy(out, w, n);
    out[n] = '\0';
    return n;
#else
    size_t s = 0;
    if (x) {
        if (xap_stem_into(x, w, n, out, IZDE_WORD_MAX, &s, NULL) != XAP_OK)
            s = IZDE_WORD_MAX + 1;
    } else {
        s = ky_stem_cached(a, w, n, out);
    }
    if (s > IZDE_WORD_MAX) { /* cannot happen: a stem is never longer */
        memcpy(out, w, n);
        s = n;
    }
    out[s] = '\0';
    return s;
#endif
}

/* A word in Latin letters: an ASCII letter and no Cyrillic one. */
static int is_latin_word(const char *w, size_t n)
{
    int latin = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)w[i];
        if (c >= 0xD0 && c <= 0xD4)
            return 0;
        latin |= (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    }
    return latin;
}

/* Whether the word has ң, ө or ү (U+04A3, U+04E9, U+04AF; folded). */
static int has_kyrgyz_letter(const char *w, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++) {
        unsigned char a = (unsigned char)w[i], b = (unsigned char)w[i + 1];
        if ((a == 0xD2 && (b == 0xA3 || b == 0xAF)) || (a == 0xD3 && b == 0xA9))
            return 1;
    }
    return 0;
}

static size_t copy_word(const char *w, size_t n, char *out)
{
    memcpy(out, w, n);
    out[n] = '\0';
    return n;
}

void izde_word_terms(const izde_token *tok, izde_terms *out)
{
    memcpy(out->raw, tok->word, tok->len);
    out->raw[tok->len] = '\0';
    out->raw_len = tok->len;
    unsigned stop_langs = izde_stopword_langs(tok->word, tok->len);
    out->stopword = stop_langs != 0;
    out->stem2_len = 0;
    out->stem2[0] = '\0';

    unsigned langs = tok->an ? tok->langs : IZDE_LANG_KY;
    /* ң ө ү or a Kyrgyz function word: Kyrgyz whatever the article. */
    if ((stop_langs & IZDE_LANG_KY) || has_kyrgyz_letter(tok->word, tok->len))
        langs = IZDE_LANG_KY;
    xap_stem *ru = tok->an ? tok->an->ru : NULL, *en = tok->an ? tok->an->en : NULL;
    int acronym = (tok->flags & IZDE_TOK_ACRONYM) != 0;
    /* An acronym's stem is the stem of the acronym alone (ЖӨБдүн → that of
     * жөб), so that it meets the acronym typed in lower case; Russian and
     * English take the acronym as it is (their stemmers would cut ОМСУ). */
    size_t base_len = acronym ? tok->acronym_len : tok->len;
    if (tok->flags & IZDE_TOK_NUMBER) {
        out->stem_len = copy_word(tok->word, base_len, out->stem);
    } else if (is_latin_word(tok->word, base_len)) {
        out->stem_len = acronym || !en ? copy_word(tok->word, base_len, out->stem)
                                       : stem_into(NULL, en, tok->word, base_len, out->stem);
    } else if (!(langs & IZDE_LANG_KY) && ru) {
        out->stem_len = acronym ? copy_word(tok->word, base_len, out->stem)
                                : stem_into(NULL, ru, tok->word, base_len, out->stem);
    } else {
        out->stem_len = stem_into(tok->an, NULL, tok->word, base_len, out->stem);
        if ((langs & IZDE_LANG_RU) && ru) {
            out->stem2_len = acronym ? copy_word(tok->word, base_len, out->stem2)
                                     : stem_into(NULL, ru, tok->word, base_len, out->stem2);
            if (out->stem2_len == out->stem_len &&
                memcmp(out->stem2, out->stem, out->stem_len) == 0) {
                out->stem2_len = 0;
                out->stem2[0] = '\0';
            }
        }
    }

    char folded[IZDE_WORD_MAX + 1];
    size_t fl = izde_keyboard_fold(tok->word, base_len, folded);
    out->kbd_len = 0;
    out->kbd[0] = '\0';
    if (fl == base_len && memcmp(folded, tok->word, fl) == 0)
        return; /* no ң/ө/ү: nothing a Russian keyboard would change */
#ifdef IZDE_NO_KBD /* no keyboard terms, only for bench/keyboard.sh */
    return;
#endif
    out->kbd_len = stem_into(tok->an, NULL, folded, fl, out->kbd);
}

static size_t fold_string_icu(const char *s, size_t len, char *out, size_t cap)
{
    const izde_icu_api *icu = izde_icu();
    UChar buf16[512], fold16[1024];
    int32_t n16 = 0, f16 = 0, n8 = 0;
    UErrorCode st = U_ZERO_ERROR;
    if (!icu || len > INT32_MAX || cap == 0 || cap > INT32_MAX)
        return 0;
    icu->u_strFromUTF8(buf16, 512, &n16, s, (int32_t)len, &st);
    if (U_SUCCESS(st))
        f16 = icu->u_strFoldCase(fold16, 1024, buf16, n16, U_FOLD_CASE_DEFAULT, &st);
    if (U_SUCCESS(st))
        icu->u_strToUTF8(out, (int32_t)cap - 1, &n8, fold16, f16, &st);
    if (U_FAILURE(st) || st == U_STRING_NOT_TERMINATED_WARNING)
        return 0;
    out[n8] = '\0';
    return (size_t)n8;
}

size_t izde_fold_string(const char *s, size_t len, char *out, size_t cap)
{
    /* Characters izde knows fold without ICU (but ß and µ). */
    const unsigned char *u = (const unsigned char *)s;
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        UChar c, f;
        if (next_known(u, len, &i, &c) == IZDE_WB_ICU || o + 4 > cap)
            return fold_string_icu(s, len, out, cap);
        if (!(f = fold_simple(c))) {
            if (izde_uc_wb(c) == IZDE_WB_LETTER)
                return fold_string_icu(s, len, out, cap);
            f = c;
        }
        o += put_utf8(out + o, f);
    }
    out[o] = '\0';
    return o;
}
