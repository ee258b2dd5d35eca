/* izde — percent-encoding and decoding. */
#include "izde/url.h"

#include <stdlib.h>

static int unreserved(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
           (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
}

static void put_escape(FILE *out, unsigned char c)
{
    static const char hex[] = "0123456789ABCDEF";
    putc('%', out);
    putc(hex[c >> 4], out);
    putc(hex[c & 15], out);
}

void izde_url_encode(FILE *out, const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < len; i++) {
        if (unreserved(p[i]))
            putc(p[i], out);
        else
            put_escape(out, p[i]);
    }
}

void izde_url_encode_path(FILE *out, const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < len; i++) {
        if (unreserved(p[i]) || (p[i] == '/' && i > 0 && p[i - 1] != '/'))
            putc(p[i], out);
        else
            put_escape(out, p[i]);
    }
}

static int hex_value(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

izde_status izde_url_decode(const char *s, size_t len, char **out,
                            size_t *out_len, izde_error *err)
{
    *out = NULL;
    char *d = malloc(len + 1);
    if (!d)
        return izde_fail(err, IZDE_ERR_NOMEM, "out of memory");
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '+') {
            d[o++] = ' ';
        } else if (s[i] == '%') {
            /* Both hex digits must be there: "%4" at the end is bad too. */
            int hi = i + 2 < len ? hex_value((unsigned char)s[i + 1]) : -1;
            int lo = hi >= 0 ? hex_value((unsigned char)s[i + 2]) : -1;
            if (lo < 0) {
                free(d);
                return izde_fail(err, IZDE_ERR_FORMAT,
                                 "bad percent-encoding at byte %zu", i + 1);
            }
            d[o++] = (char)(hi << 4 | lo);
            i += 2;
        } else {
            d[o++] = s[i];
        }
    }
    d[o] = '\0';
    *out = d;
    *out_len = o;
    return IZDE_OK;
}
