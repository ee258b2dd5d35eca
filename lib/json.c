/* izde — the JSON escaper. */
#include "izde/json.h"

#include <string.h>

#include "izde/utf8.h"

void izde_json_chars(FILE *out, const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < len;) {
        unsigned c = p[i];
        size_t n = izde_utf8_seq(p + i, len - i);
        if (n == 0) {
            fputs("\\ufffd", out);
            i++;
            continue;
        }
        if (n == 3 && c == 0xE2 && p[i + 1] == 0x80 &&
            (p[i + 2] == 0xA8 || p[i + 2] == 0xA9)) {
            fprintf(out, "\\u%04x", 0x2000u + (p[i + 2] - 0xA8u) + 0x28u);
        } else if (n > 1) {
            fwrite(p + i, 1, n, out);
        } else if (c == '"' || c == '\\') {
            putc('\\', out);
            putc((int)c, out);
        } else if (c == '\n') {
            fputs("\\n", out);
        } else if (c == '\t') {
            fputs("\\t", out);
        } else if (c == '\r') {
            fputs("\\r", out);
        } else if (c < 0x20 || c == 0x7F || c == '<' || c == '>' || c == '&') {
            fprintf(out, "\\u%04x", c);
        } else {
            putc((int)c, out);
        }
        i += n;
    }
}

void izde_json_string(FILE *out, const char *s, size_t len)
{
    putc('"', out);
    izde_json_chars(out, s, len);
    putc('"', out);
}

void izde_json_cstr(FILE *out, const char *s)
{
    if (s)
        izde_json_string(out, s, strlen(s));
    else
        fputs("null", out);
}
