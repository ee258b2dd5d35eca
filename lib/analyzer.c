/* izde — the analyzer: ICU word breaking, folding, and word → terms. */
#include "izde/analyzer.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include "izde/ky_stem.h"
#include "izde/xapian.h"

/* The longest acronym that takes a suffix (УКМКнын, ЕАЭБдин); an all-caps
 * word up to this length is an acronym too (ЖӨБ, КР), a longer one is a word
 * in a heading set in capitals (РЕЗОЛЮЦИЯСЫ) and is stemmed as usual. */
#define ACRONYM_MAX 6

struct izde_analyzer {
    UBreakIterator *bi;
    const UNormalizer2 *nfc;
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
    UErrorCode st = U_ZERO_ERROR;
    izde_analyzer *a = calloc(1, sizeof *a);
    if (!a)
        return izde_fail(err, IZDE_ERR_NOMEM, "analyzer: out of memory");
    a->nfc = unorm2_getNFCInstance(&st);
    if (U_SUCCESS(st))
        a->bi = ubrk_open(UBRK_WORD, "root", NULL, 0, &st);
    if (U_FAILURE(st)) {
        izde_analyzer_free(a);
        return izde_fail(err, IZDE_ERR_ICU, "analyzer: ICU: %s", u_errorName(st));
    }
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
        ubrk_close(a->bi);
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
        if (!is_cyrillic(w[i]) || !u_isalpha(w[i]) || (i > 0 && !u_islower(w[i])))
            return 0;
    return d;
}

/* Length of the acronym at the start of `w`: its upper-case run when it is
 * 2..ACRONYM_MAX letters long and followed only by lower-case letters (a
 * suffix: ЖӨБдүн) or by nothing (ЖӨБ); 0 otherwise. */
static int32_t acronym_length(const UChar *w, int32_t n)
{
    int32_t up = 0;
    while (up < n && u_isupper(w[up]))
        up++;
    if (up < 2 || up > ACRONYM_MAX)
        return 0;
    for (int32_t i = up; i < n; i++)
        if (!u_islower(w[i]))
            return 0;
    return up;
}

static size_t utf8_units(UChar32 c)
{
    return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
}

/* The case folding of the letters nearly every word of the archive is made
 * of: ASCII, the Cyrillic block up to U+045F, Kyrgyz ң ө ү; as
 * u_strFoldCase(U_FOLD_CASE_DEFAULT) folds them (test_analyzer compares
 * each with ICU).  0 for any other character. */
static UChar fold_simple(UChar c)
{
    if (c < 0x80)
        return c >= 'A' && c <= 'Z' ? (UChar)(c + 0x20) : c;
    if (c >= 0x400 && c < 0x410)
        return (UChar)(c + 0x50);
    if (c >= 0x410 && c < 0x430)
        return (UChar)(c + 0x20);
    if (c >= 0x430 && c < 0x460)
        return c;
    if (c == 0x4A2 || c == 0x4AE || c == 0x4E8)
        return (UChar)(c + 1);
    if (c == 0x4A3 || c == 0x4AF || c == 0x4E9)
        return c;
    return 0;
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
        size_t bytes = c < 0x80 ? 1 : 2;
        if (o + bytes >= IZDE_WORD_MAX) {
            o = IZDE_WORD_MAX; /* too long, unless another character follows */
            continue;
        }
        if (bytes == 1) {
            a->word[o++] = (char)c;
        } else {
            a->word[o++] = (char)(0xC0 | (c >> 6));
            a->word[o++] = (char)(0x80 | (c & 0x3F));
        }
    }
    if (acr16 == n)
        *acr = o;
    if (o >= IZDE_WORD_MAX)
        return 0;
    a->word[o] = '\0';
    return o;
}

/* Folds w[0..n) into a->word; returns its byte length, or 0 if the word is
 * too long to be a term.  *acr is set to the folded acronym's length. */
static size_t fold_word(izde_analyzer *a, const UChar *w, int32_t n,
                        int32_t acr16, size_t *acr)
{
    *acr = 0;
    size_t simple = fold_simple_word(a, w, n, acr16, acr);
    if (simple != (size_t)-1)
        return simple;
    UErrorCode st = U_ZERO_ERROR;
    int32_t f1 = 0, f2 = 0, len8 = 0;
    const int32_t cap = (int32_t)(sizeof a->wfold / sizeof a->wfold[0]);
    f1 = u_strFoldCase(a->wfold, cap, w, acr16, U_FOLD_CASE_DEFAULT, &st);
    if (U_SUCCESS(st))
        f2 = u_strFoldCase(a->wfold + f1, cap - f1, w + acr16, n - acr16,
                           U_FOLD_CASE_DEFAULT, &st);
    if (U_FAILURE(st))
        return 0;
    *acr = 0;
    if (acr16) {
        u_strToUTF8(a->word, IZDE_WORD_MAX, &len8, a->wfold, f1, &st);
        if (U_FAILURE(st) || len8 >= IZDE_WORD_MAX)
            return 0;
        *acr = (size_t)len8;
    }
    st = U_ZERO_ERROR;
    u_strToUTF8(a->word, IZDE_WORD_MAX, &len8, a->wfold, f1 + f2, &st);
    if (U_FAILURE(st) || st == U_STRING_NOT_TERMINATED_WARNING ||
        len8 >= IZDE_WORD_MAX)
        return 0;
    a->word[len8] = '\0';
    return (size_t)len8;
}

/* Converts `text` to NFC UTF-16 in a->nfc16 (or a->in16); sets *base to the
 * UTF-8 text that offsets refer to. */
static izde_status normalise(izde_analyzer *a, const char *text, size_t len,
                             const UChar **t16, int32_t *n16,
                             const char **base, size_t *repaired,
                             izde_error *err)
{
    UErrorCode st = U_ZERO_ERROR;
    int32_t n = 0, subs = 0;
    if (len > INT32_MAX / 4)
        return izde_fail(err, IZDE_ERR_FORMAT, "text of %zu bytes is too long", len);
    if (grow16(&a->in16, &a->in16_cap, len + 1))
        return izde_fail(err, IZDE_ERR_NOMEM, "analyzer: out of memory");
    u_strFromUTF8WithSub(a->in16, a->in16_cap, &n, text, (int32_t)len, 0xFFFD,
                         &subs, &st);
    if (U_FAILURE(st))
        return izde_fail(err, IZDE_ERR_ICU, "analyzer: UTF-8: %s", u_errorName(st));
    if (repaired)
        *repaired = (size_t)subs;
    *t16 = a->in16;
    *n16 = n;
    *base = text;
    UBool is_nfc = unorm2_isNormalized(a->nfc, a->in16, n, &st);
    if (U_FAILURE(st))
        return izde_fail(err, IZDE_ERR_ICU, "analyzer: NFC: %s", u_errorName(st));
    if (is_nfc && subs == 0)
        return IZDE_OK;
    if (!is_nfc) {
        /* NFC may grow the text up to 3× (rare); preflight then convert. */
        int32_t need = unorm2_normalize(a->nfc, a->in16, n, NULL, 0, &st);
        st = U_ZERO_ERROR;
        if (grow16(&a->nfc16, &a->nfc16_cap, (size_t)need + 1))
            return izde_fail(err, IZDE_ERR_NOMEM, "analyzer: out of memory");
        n = unorm2_normalize(a->nfc, a->in16, n, a->nfc16, a->nfc16_cap, &st);
        if (U_FAILURE(st))
            return izde_fail(err, IZDE_ERR_ICU, "analyzer: NFC: %s", u_errorName(st));
        *t16 = a->nfc16;
        *n16 = n;
    }
    int32_t n8 = 0;
    void *p = a->norm8;
    if (grow(&p, &a->norm8_cap, (size_t)*n16 * 3 + 1, 1))
        return izde_fail(err, IZDE_ERR_NOMEM, "analyzer: out of memory");
    a->norm8 = p;
    u_strToUTF8(a->norm8, (int32_t)a->norm8_cap, &n8, *t16, *n16, &st);
    if (U_FAILURE(st))
        return izde_fail(err, IZDE_ERR_ICU, "analyzer: UTF-8: %s", u_errorName(st));
    *base = a->norm8;
    return IZDE_OK;
}

int izde_analyze(izde_analyzer *a, const char *text, size_t len,
                 unsigned first_pos, izde_token_fn fn, void *ctx,
                 size_t *repaired, izde_error *err)
{
    const UChar *t = NULL;
    int32_t n = 0;
    const char *base = text;
    izde_status rc = normalise(a, text, len, &t, &n, &base, repaired, err);
    if (rc != IZDE_OK)
        return rc;
    UErrorCode st = U_ZERO_ERROR;
    ubrk_setText(a->bi, t, n, &st);
    if (U_FAILURE(st))
        return izde_fail(err, IZDE_ERR_ICU, "analyzer: word break: %s", u_errorName(st));

    izde_token tok = {.text = base, .pos = first_pos, .langs = a->langs, .an = a};
    int32_t at16 = 0; /* UTF-16 index whose UTF-8 offset is at8 */
    size_t at8 = 0;
    int32_t start = ubrk_first(a->bi);
    for (int32_t end = ubrk_next(a->bi); end != UBRK_DONE;
         start = end, end = ubrk_next(a->bi)) {
        int32_t status = ubrk_getRuleStatus(a->bi);
        if (status < UBRK_WORD_NUMBER)
            continue;
        int32_t wl = end - start;
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
        if (wl > IZDE_WORD_MAX)
            continue;
        memcpy(a->wtmp, t + start, (size_t)wl * sizeof(UChar));
        int32_t footnote = footnote_digits(a->wtmp, wl);
        wl -= footnote;
        tok.end -= (size_t)footnote; /* ASCII digits: one byte each */
        map_lookalikes(a->wtmp, wl);
        map_code_lookalikes(a->wtmp, wl);
        int32_t acr16 = acronym_length(a->wtmp, wl);
        tok.len = fold_word(a, a->wtmp, wl, acr16, &tok.acronym_len);
        if (tok.len == 0)
            continue;
        tok.word = a->word;
        tok.flags = (status < UBRK_WORD_NUMBER_LIMIT && !footnote ? IZDE_TOK_NUMBER : 0) |
                    (acr16 ? IZDE_TOK_ACRONYM : 0);
        int r = fn(ctx, &tok);
        if (r)
            return r;
        tok.pos++;
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

size_t izde_fold_string(const char *s, size_t len, char *out, size_t cap)
{
    UChar buf16[512], fold16[1024];
    int32_t n16 = 0, f16 = 0, n8 = 0;
    UErrorCode st = U_ZERO_ERROR;
    if (len > INT32_MAX || cap == 0 || cap > INT32_MAX)
        return 0;
    u_strFromUTF8(buf16, 512, &n16, s, (int32_t)len, &st);
    if (U_SUCCESS(st))
        f16 = u_strFoldCase(fold16, 1024, buf16, n16, U_FOLD_CASE_DEFAULT, &st);
    if (U_SUCCESS(st))
        u_strToUTF8(out, (int32_t)cap - 1, &n8, fold16, f16, &st);
    if (U_FAILURE(st) || st == U_STRING_NOT_TERMINATED_WARNING)
        return 0;
    out[n8] = '\0';
    return (size_t)n8;
}
