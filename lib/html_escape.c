/* izde — the HTML escaper. */
#include "izde/html.h"

#include <string.h>

#include "izde/utf8.h"

#define REPLACEMENT "\xEF\xBF\xBD"

/* The code point of the valid sequence p[0..n). */
static unsigned code_point(const unsigned char *p, size_t n)
{
    if (n == 1)
        return p[0];
    unsigned c = p[0] & (0x7Fu >> n);
    for (size_t i = 1; i < n; i++)
        c = c << 6 | (p[i] & 0x3Fu);
    return c;
}

/* Code points the HTML5 tokenizer reports as parse errors in the input
 * stream (controls, noncharacters): never emitted. */
static int html_forbidden(unsigned c)
{
    if (c < 0x20)
        return c != '\t' && c != '\n' && c != '\r';
    if (c >= 0x7F && c <= 0x9F)
        return 1;
    return (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFEu) == 0xFFFEu;
}

void izde_html_escape(FILE *out, const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t run = 0; /* start of the bytes that go out as they are */
    for (size_t i = 0; i < len;) {
        unsigned c = p[i];
        /* Printable ASCII but the five: the common case, no decoding. */
        if (c >= 0x20 && c < 0x7F && c != '&' && c != '<' && c != '>' && c != '"' &&
            c != '\'') {
            i++;
            continue;
        }
        size_t n = izde_utf8_seq(p + i, len - i);
        if (n > 1 && !html_forbidden(code_point(p + i, n))) {
            i += n;
            continue;
        }
        if (n == 1 && (c == '\t' || c == '\n' || c == '\r')) {
            i++;
            continue;
        }
        fwrite(p + run, 1, i - run, out);
        switch (c) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&#39;", out); break;
        default: fputs(REPLACEMENT, out); /* invalid, or a forbidden character */
        }
        i += n ? n : 1;
        run = i;
    }
    fwrite(p + run, 1, len - run, out);
}

void izde_html_cstr(FILE *out, const char *s)
{
    if (s)
        izde_html_escape(out, s, strlen(s));
}
