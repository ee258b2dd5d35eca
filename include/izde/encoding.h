/* izde — the bytes of an archive file become UTF-8.
 *
 * The archive holds UTF-8 (with or without a byte order mark), UTF-16 with
 * a BOM, and files of older sites in Windows-1251 or KOI8-R.  Which one a
 * file is in, in this order:
 *   1. a byte order mark (UTF-8, UTF-16LE/BE) decides;
 *   2. bytes that are valid UTF-8 are UTF-8 (even under a declaration of a
 *      single-byte charset: editors re-save files as UTF-8 and leave the old
 *      <meta charset> behind, while legacy Cyrillic text practically never
 *      forms valid multi-byte UTF-8 sequences);
 *   3. a declared charset (HTML <meta charset>, http-equiv) that ICU knows;
 *   4. damaged UTF-8: more valid multi-byte sequences than invalid bytes
 *      means UTF-8 with a few broken bytes, repaired with U+FFFD;
 *   5. otherwise Windows-1251 or KOI8-R, chosen by izde_guess_cyrillic().
 * Conversion is ICU's (ucnv); bytes that cannot be converted become U+FFFD
 * and are counted. */
#ifndef IZDE_ENCODING_H
#define IZDE_ENCODING_H

#include <stddef.h>

#include "izde/status.h"

typedef struct izde_decoded {
    char *text;           /* NUL-terminated UTF-8 (malloc()ed) */
    size_t len;           /* bytes of text */
    char encoding[32];    /* the charset the bytes were read as ("UTF-8") */
    size_t repaired;      /* sequences replaced by U+FFFD */
    int declared_ignored; /* a declared charset was not used (see 2, and an
                             unknown charset name) */
} izde_decoded;

/* Decodes `buf` (`len` bytes) to UTF-8 into `out`.  `declared` is the
 * charset the file names for itself, or NULL.  `name` is the file, for
 * messages.  Returns IZDE_OK, IZDE_ERR_NOMEM or IZDE_ERR_ICU. */
izde_status izde_decode(const char *buf, size_t len, const char *declared,
                        const char *name, izde_decoded *out, izde_error *err);

/* Frees out->text (the struct itself is the caller's). */
void izde_decoded_clear(izde_decoded *d);

/* The single-byte Cyrillic charset of `buf`: "windows-1251" or "KOI8-R".
 *
 * The statistic: every byte >= 0x80 is read as a letter of each charset;
 * a lower-case letter scores its frequency in running Cyrillic text (per
 * mille: о 110, е 85, а 80 ... ъ 1), an upper-case letter an eighth of its
 * lower-case score (capitals are rare), anything else (KOI8-R's box drawing,
 * cp1251's punctuation) nothing.  The two charsets place the alphabet at
 * different bytes and swap the cases, so the right reading scores several
 * times the wrong one even on a line of text.  A tie (no Cyrillic at all)
 * goes to windows-1251, the more common of the two. */
const char *izde_guess_cyrillic(const char *buf, size_t len);

#endif
