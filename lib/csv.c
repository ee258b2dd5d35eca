/* izde — the CSV escaper. */
#include "izde/csv.h"

#include "izde/utf8.h"

void izde_csv_field(FILE *out, const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    int quote = 0;
    for (size_t i = 0; i < len; i++)
        quote |= p[i] == ',' || p[i] == '"' || p[i] == '\r' || p[i] == '\n';
    if (quote)
        putc('"', out);
    for (size_t i = 0; i < len;) {
        size_t n = izde_utf8_seq(p + i, len - i);
        if (n == 0) {
            fputs("\xEF\xBF\xBD", out);
            i++;
            continue;
        }
        if (p[i] == '"')
            putc('"', out);
        fwrite(p + i, 1, n, out);
        i += n;
    }
    if (quote)
        putc('"', out);
}
