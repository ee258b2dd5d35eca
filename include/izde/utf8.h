/* izde — UTF-8 validation and repair (RFC 3629: no overlongs, no
 * surrogates, nothing past U+10FFFF). */
#ifndef IZDE_UTF8_H
#define IZDE_UTF8_H

#include <stddef.h>

/* Length of the valid UTF-8 sequence at s[0..len), or 0 if it is invalid
 * or truncated. */
size_t izde_utf8_seq(const unsigned char *s, size_t len);

/* Returns the number of invalid sequences in s[0..len) (0 = valid). */
size_t izde_utf8_invalid(const char *s, size_t len);

/* Copies s[0..len) to a new NUL-terminated buffer, replacing each invalid
 * sequence by U+FFFD; *out_len and *repaired may be NULL.  NULL on OOM. */
char *izde_utf8_repair(const char *s, size_t len, size_t *out_len,
                       size_t *repaired);

/* A copy of the NUL-terminated `s` that is valid UTF-8: if `s` is not,
 * every byte of an invalid sequence and every '%' becomes "%XX" (a file
 * name shown in a message or used as an id).  NULL on OOM. */
char *izde_utf8_escape_name(const char *s);

#endif
