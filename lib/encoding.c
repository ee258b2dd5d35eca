/* izde — decoding archive files to UTF-8 (see include/izde/encoding.h). */
#include "izde/encoding.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ucnv_err.h>
#include <unicode/ustring.h>

#include "izde/utf8.h"

/* ---- the cp1251 / KOI8-R statistic ------------------------------------- */

/* Per-mille frequency of а..я (alphabet order, ё counted as е) in running
 * Russian text; Kyrgyz Cyrillic text, which these two charsets can only
 * carry without ң ө ү, has nearly the same profile. */
static const unsigned char letter_freq[32] = {
    80, 16, 45, 17, 30, 85, 9, 16, 74, 12, 35, 44, 32, 67, 110, 28, /* а..п */
    47, 55, 63, 26, 3, 10, 5, 14, 7, 4, 1, 19, 17, 3, 6, 20,        /* р..я */
};

/* KOI8-R's 0xC0..0xDF (lower case; 0xE0..0xFF are the capitals in the same
 * order) as indexes into the alphabet: ю а б ц д е ф г х и й к л м н о
 * п я р с т у ж в ь ы з ш э щ ч ъ. */
static const unsigned char koi8_order[32] = {
    30, 0, 1, 22, 4, 5, 20, 3, 21, 8, 9, 10, 11, 12, 13, 14,
    15, 31, 16, 17, 18, 19, 6, 2, 28, 27, 7, 24, 29, 25, 23, 26,
};

static unsigned score_cp1251(unsigned char b)
{
    if (b >= 0xE0) return 8u * letter_freq[b - 0xE0];
    if (b >= 0xC0) return letter_freq[b - 0xC0];
    if (b == 0xB8) return 8u * letter_freq[5]; /* ё */
    if (b == 0xA8) return letter_freq[5];      /* Ё */
    return 0;
}

static unsigned score_koi8(unsigned char b)
{
    if (b >= 0xE0) return letter_freq[koi8_order[b - 0xE0]];
    if (b >= 0xC0) return 8u * letter_freq[koi8_order[b - 0xC0]];
    if (b == 0xA3) return 8u * letter_freq[5]; /* ё */
    if (b == 0xB3) return letter_freq[5];      /* Ё */
    return 0;
}

const char *izde_guess_cyrillic(const char *buf, size_t len)
{
    uint64_t cp = 0, koi = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char b = (unsigned char)buf[i];
        if (b >= 0x80) {
            cp += score_cp1251(b);
            koi += score_koi8(b);
        }
    }
    return koi > cp ? "KOI8-R" : "windows-1251";
}

/* ---- conversions ----------------------------------------------------------- */

void izde_decoded_clear(izde_decoded *d)
{
    free(d->text);
    memset(d, 0, sizeof *d);
}

static void set_name(izde_decoded *out, const char *cs)
{
    snprintf(out->encoding, sizeof out->encoding, "%s", cs);
}

static izde_status from_utf8(const char *buf, size_t len, izde_decoded *out,
                             const char *name, izde_error *err)
{
    out->text = izde_utf8_repair(buf, len, &out->len, &out->repaired);
    if (!out->text)
        return izde_fail(err, IZDE_ERR_NOMEM, "%s: out of memory", name);
    set_name(out, "UTF-8");
    return IZDE_OK;
}

/* ICU's substitution for single-byte charsets may be U+001A; izde wants
 * U+FFFD everywhere, and the count. */
static void U_CALLCONV count_and_substitute(const void *ctx,
                                            UConverterToUnicodeArgs *args,
                                            const char *units, int32_t n,
                                            UConverterCallbackReason reason,
                                            UErrorCode *st)
{
    (void)units;
    (void)n;
    if (reason > UCNV_IRREGULAR)
        return; /* reset, close, clone */
    static const UChar fffd = 0xFFFD;
    (*(size_t *)ctx)++;
    *st = U_ZERO_ERROR;
    ucnv_cbToUWriteUChars(args, &fffd, 1, 0, st);
}

/* Converts from charset `cs`.  Returns 1 (nothing done) if ICU does not
 * know `cs`. */
static int from_charset(const char *cs, const char *buf, size_t len,
                        izde_decoded *out, const char *name, izde_error *err,
                        izde_status *rc)
{
    UErrorCode st = U_ZERO_ERROR;
    UConverter *cnv = ucnv_open(cs, &st);
    if (U_FAILURE(st) || st == U_AMBIGUOUS_ALIAS_WARNING) {
        if (cnv)
            ucnv_close(cnv);
        if (U_FAILURE(st))
            return 1;
        st = U_ZERO_ERROR;
        cnv = ucnv_open(cs, &st);
        if (U_FAILURE(st))
            return 1;
    }
    if (len > INT32_MAX / 2) {
        ucnv_close(cnv);
        *rc = izde_fail(err, IZDE_ERR_ICU, "%s: too large to convert from %s", name, cs);
        return 0;
    }
    size_t subs = 0;
    ucnv_setToUCallBack(cnv, count_and_substitute, &subs, NULL, NULL, &st);
    /* A byte gives at most one UTF-16 unit in the charsets of the archive;
     * the preflight makes any other charset safe too. */
    int32_t ulen = ucnv_toUChars(cnv, NULL, 0, buf, (int32_t)len, &st);
    if (st == U_BUFFER_OVERFLOW_ERROR || st == U_STRING_NOT_TERMINATED_WARNING)
        st = U_ZERO_ERROR;
    UChar *u = U_SUCCESS(st) ? malloc(((size_t)ulen + 1) * sizeof *u) : NULL;
    char *s = NULL;
    int32_t slen = 0, nsub = 0;
    if (u) {
        subs = 0;
        ucnv_resetToUnicode(cnv);
        ucnv_toUChars(cnv, u, ulen + 1, buf, (int32_t)len, &st);
        if (U_SUCCESS(st)) {
            u_strToUTF8WithSub(NULL, 0, &slen, u, ulen, 0xFFFD, &nsub, &st);
            if (st == U_BUFFER_OVERFLOW_ERROR || st == U_STRING_NOT_TERMINATED_WARNING)
                st = U_ZERO_ERROR;
            s = U_SUCCESS(st) ? malloc((size_t)slen + 1) : NULL;
            if (s)
                u_strToUTF8WithSub(s, slen + 1, &slen, u, ulen, 0xFFFD, &nsub, &st);
        }
    }
    ucnv_close(cnv);
    free(u);
    if (U_FAILURE(st) || !s) {
        free(s);
        *rc = U_FAILURE(st) ? izde_fail(err, IZDE_ERR_ICU, "%s: cannot convert from %s: %s",
                                        name, cs, u_errorName(st))
                            : izde_fail(err, IZDE_ERR_NOMEM, "%s: out of memory", name);
        return 0;
    }
    s[slen] = '\0';
    out->text = s;
    out->len = (size_t)slen;
    out->repaired = subs + (size_t)nsub;
    set_name(out, cs);
    *rc = IZDE_OK;
    return 0;
}

static int is_utf8_name(const char *cs)
{
    return strcasecmp(cs, "utf-8") == 0 || strcasecmp(cs, "utf8") == 0;
}

/* Valid multi-byte UTF-8 sequences in buf: evidence of (damaged) UTF-8. */
static size_t utf8_multibyte(const char *buf, size_t len)
{
    const unsigned char *p = (const unsigned char *)buf;
    size_t mb = 0;
    for (size_t i = 0; i < len;) {
        size_t n = izde_utf8_seq(p + i, len - i);
        mb += n > 1;
        i += n ? n : 1;
    }
    return mb;
}

izde_status izde_decode(const char *buf, size_t len, const char *declared,
                        const char *name, izde_decoded *out, izde_error *err)
{
    memset(out, 0, sizeof *out);
    const unsigned char *b = (const unsigned char *)buf;
    izde_status rc = IZDE_OK;
    if (len >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF)
        return from_utf8(buf + 3, len - 3, out, name, err);
    if (len >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF))) {
        from_charset(b[0] == 0xFF ? "UTF-16LE" : "UTF-16BE", buf + 2, len - 2, out, name,
                     err, &rc);
        return rc;
    }
    size_t bad = izde_utf8_invalid(buf, len);
    /* A meta charset of UTF-16/32 cannot be true of a file whose meta was
     * read as ASCII (HTML's rule: treat it as UTF-8). */
    if (declared && (is_utf8_name(declared) || strncasecmp(declared, "utf-16", 6) == 0 ||
                     strncasecmp(declared, "utf-32", 6) == 0))
        return from_utf8(buf, len, out, name, err);
    if (bad == 0) {
        if (declared && utf8_multibyte(buf, len) > 0)
            out->declared_ignored = 1;
        return from_utf8(buf, len, out, name, err);
    }
    if (declared) {
        if (from_charset(declared, buf, len, out, name, err, &rc) == 0)
            return rc;
        out->declared_ignored = 1; /* a name ICU does not know */
    }
    if (utf8_multibyte(buf, len) > bad) {
        int ignored = out->declared_ignored;
        rc = from_utf8(buf, len, out, name, err);
        out->declared_ignored = ignored;
        return rc;
    }
    int ignored = out->declared_ignored;
    if (from_charset(izde_guess_cyrillic(buf, len), buf, len, out, name, err, &rc) != 0)
        rc = izde_fail(err, IZDE_ERR_ICU, "%s: ICU has no Cyrillic converters", name);
    out->declared_ignored = ignored;
    return rc;
}
