/* izde — the CSV escaper (RFC 4180): a field is quoted when it holds a
 * comma, a quote, CR or LF (quotes doubled); invalid UTF-8 becomes U+FFFD. */
#ifndef IZDE_CSV_H
#define IZDE_CSV_H

#include <stddef.h>
#include <stdio.h>

void izde_csv_field(FILE *out, const char *s, size_t len);

#endif
