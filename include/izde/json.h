/* izde — the JSON escaper (RFC 8259).  Output is always valid JSON: bytes
 * that are not valid UTF-8 become U+FFFD, control characters \uXXXX, and
 * U+2028/U+2029 are escaped for JavaScript embedding; "<", ">" and "&" are
 * escaped too, so the string is safe inside an HTML <script>. */
#ifndef IZDE_JSON_H
#define IZDE_JSON_H

#include <stddef.h>
#include <stdio.h>

/* Writes s[0..len) escaped, without the quotes (for a string written in
 * pieces). */
void izde_json_chars(FILE *out, const char *s, size_t len);
/* Writes s[0..len) as a quoted JSON string. */
void izde_json_string(FILE *out, const char *s, size_t len);
/* The same for a C string; NULL is written as null. */
void izde_json_cstr(FILE *out, const char *s);

#endif
