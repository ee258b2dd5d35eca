/* izde — UTF-8 validation and repair. */
#include "izde/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

size_t izde_utf8_seq(const unsigned char *s, size_t len)
{
    if (len == 0)
        return 0;
    unsigned c = s[0];
    if (c < 0x80)
        return 1;
    size_t n;
    unsigned lo = 0x80, hi = 0xBF; /* bounds of the second byte */
    if (c >= 0xC2 && c <= 0xDF)
        n = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        if (c == 0xE0) lo = 0xA0;      /* overlong */
        if (c == 0xED) hi = 0x9F;      /* surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        if (c == 0xF0) lo = 0x90;      /* overlong */
        if (c == 0xF4) hi = 0x8F;      /* past U+10FFFF */
    } else
        return 0;
    if (len < n || s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < n; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    return n;
}

size_t izde_utf8_invalid(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t bad = 0;
    for (size_t i = 0; i < len;) {
        /* Every file is read through here: ASCII and the two-byte letters
         * of Cyrillic inline, the rest by izde_utf8_seq. */
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        if (p[i] >= 0xC2 && p[i] <= 0xDF && i + 1 < len && (p[i + 1] & 0xC0) == 0x80) {
            i += 2;
            continue;
        }
        size_t n = izde_utf8_seq(p + i, len - i);
        if (n) {
            i += n;
        } else {
            bad++;
            i++;
        }
    }
    return bad;
}

char *izde_utf8_repair(const char *s, size_t len, size_t *out_len,
                       size_t *repaired)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t bad = izde_utf8_invalid(s, len);
    char *out = malloc(len + 2 * bad + 1); /* U+FFFD is 3 bytes for 1 */
    if (!out)
        return NULL;
    size_t o = 0;
    if (bad == 0) {
        memcpy(out, s, len);
        o = len;
    }
    for (size_t i = o; i < len;) {
        size_t n = izde_utf8_seq(p + i, len - i);
        if (n) {
            memcpy(out + o, p + i, n);
            o += n;
            i += n;
        } else {
            memcpy(out + o, "\xEF\xBF\xBD", 3);
            o += 3;
            i++;
        }
    }
    out[o] = '\0';
    if (out_len)
        *out_len = o;
    if (repaired)
        *repaired = bad;
    return out;
}

char *izde_utf8_escape_name(const char *s)
{
    size_t len = strlen(s);
    if (izde_utf8_invalid(s, len) == 0)
        return strdup(s);
    const unsigned char *p = (const unsigned char *)s;
    char *out = malloc(3 * len + 1), *o = out;
    if (!out)
        return NULL;
    for (size_t i = 0; i < len;) {
        size_t n = p[i] == '%' ? 0 : izde_utf8_seq(p + i, len - i);
        if (n) {
            memcpy(o, p + i, n);
            o += n;
            i += n;
        } else {
            o += sprintf(o, "%%%02X", p[i]);
            i++;
        }
    }
    *o = '\0';
    return out;
}
