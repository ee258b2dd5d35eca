/* izde — the JSON escaper. */
#include "izde/json.h"

#include <string.h>

#include "izde/utf8.h"

/* A character written as it is: printable ASCII but the JSON and HTML
 * specials, and valid UTF-8 sequences but U+2028 and U+2029 (which end a
 * line in JavaScript).  Runs of them go out in one fwrite. */
void izde_json_chars(FILE *out, const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t run = 0; /* start of the run not yet written */
    for (size_t i = 0; i < len;) {
        unsigned c = p[i];
        if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\' && c != '<' && c != '>' &&
            c != '&') {
            i++;
            continue;
        }
        size_t n = c < 0x80 ? 1 : izde_utf8_seq(p + i, len - i);
        int line_sep = n == 3 && c == 0xE2 && p[i + 1] == 0x80 &&
                       (p[i + 2] == 0xA8 || p[i + 2] == 0xA9);
        if (n > 1 && !line_sep) {
            i += n;
            continue;
        }
        fwrite(p + run, 1, i - run, out);
        if (n == 0) {
            fputs("\\ufffd", out);
            n = 1;
        } else if (line_sep) {
            fprintf(out, "\\u%04x", 0x2000u + (p[i + 2] - 0xA8u) + 0x28u);
        } else if (c == '"' || c == '\\') {
            putc('\\', out);
            putc((int)c, out);
        } else if (c == '\n') {
            fputs("\\n", out);
        } else if (c == '\t') {
            fputs("\\t", out);
        } else if (c == '\r') {
            fputs("\\r", out);
        } else {
            fprintf(out, "\\u%04x", c); /* other controls, DEL, < > & */
        }
        i += n;
        run = i;
    }
    fwrite(p + run, 1, len - run, out);
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
