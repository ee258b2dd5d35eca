/* izde — repairs of what printing and the site's exports did to real text.
 *
 * Every parser of article text (text export, HTML, issue XML) passes its
 * title and body through izde_text_repair() before the analyzer sees them,
 * so that the stored text, the snippets made from it and the indexed words
 * agree.  Word-level quirks that the query side meets too (footnote digits
 * glued to a word, Latin/Cyrillic look-alikes) are the analyzer's. */
#ifndef IZDE_TEXT_REPAIR_H
#define IZDE_TEXT_REPAIR_H

#include <stddef.h>

/* Returns a malloc()ed, NUL-terminated copy of the UTF-8 text s[0..len)
 * with
 *  - print-layout line-break hyphens joined: a lower-case letter, "-",
 *    spaces, a lower-case letter ("таж- рыйба" → "тажрыйба"), except before
 *    a conjunction, where the hyphen is a real suspended compound ("онлайн-
 *    жана офлайн-", "социально- и экономический"), and before a verb of
 *    reported speech, where it is a dash missing its space ("жок- дейт"),
 *    and before a vowel (a syllable after a print break starts with a
 *    consonant: "адеп- ахлак", "январь- июнь" are not breaks);
 *  - a missing space after a full stop restored between a Cyrillic letter
 *    and a Cyrillic capital ("алынды.Ал" → "алынды. Ал"), which ICU would
 *    otherwise read as one word.
 * *out_len (if not NULL) gets the new length.  NULL on OOM. */
char *izde_text_repair(const char *s, size_t len, size_t *out_len);

#endif
