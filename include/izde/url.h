/* izde — URLs: percent-encoding (RFC 3986) and decoding of query strings
 * (application/x-www-form-urlencoded).
 *
 * The encoders leave only unreserved characters (A-Z a-z 0-9 - . _ ~) and
 * %XX escapes, so their output can go into an HTML attribute or a query
 * string as it is, and can never start a scheme ("javascript:" comes out
 * as "javascript%3A"). */
#ifndef IZDE_URL_H
#define IZDE_URL_H

#include <stddef.h>
#include <stdio.h>

#include "izde/status.h"

/* Writes s[0..len) as a query-string component (a name or a value). */
void izde_url_encode(FILE *out, const char *s, size_t len);

/* Writes s[0..len) as a URL path: '/' kept as the separator, everything
 * else encoded.  A '/' at the start or after another '/' is encoded too,
 * so that no path can turn into "//host" (a link to another site). */
void izde_url_encode_path(FILE *out, const char *s, size_t len);

/* Decodes one component of a query string: "+" is a space, "%XX" a byte.
 * `*out` is malloc()ed and NUL-terminated, `*out_len` its length (it may
 * hold NUL bytes: check).  IZDE_ERR_FORMAT for a "%" not followed by two
 * hex digits, IZDE_ERR_NOMEM. */
izde_status izde_url_decode(const char *s, size_t len, char **out,
                            size_t *out_len, izde_error *err);

#endif
