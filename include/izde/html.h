/* izde — the HTML escaper: text and quoted attribute values (HTML5).
 *
 * One escaper for both contexts, so that no caller has to choose: & < > "
 * and ' become character references, which is safe in element text and in
 * single- or double-quoted attribute values (never write an unquoted one).
 * Whatever would be an HTML parse error becomes U+FFFD: bytes that are not
 * valid UTF-8 (overlongs, surrogates, truncations), NUL and the other
 * control characters except tab, LF and CR, C1 controls and noncharacters.
 * A URL in an attribute is percent-encoded first (url.h), then escaped
 * here. */
#ifndef IZDE_HTML_H
#define IZDE_HTML_H

#include <stddef.h>
#include <stdio.h>

/* Writes s[0..len) escaped. */
void izde_html_escape(FILE *out, const char *s, size_t len);
/* The same for a C string; NULL writes nothing. */
void izde_html_cstr(FILE *out, const char *s);

#endif
