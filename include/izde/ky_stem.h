/* izde — the Kyrgyz stemmer.
 *
 * Rules, not a dictionary: nominal layers (predicative, case, possessive,
 * plural, looping through -дагы/-ныкы), a verbal layer (tense and person,
 * participles, verbal nouns, converbs, reciprocal, passive) that only
 * leaves verb-shaped stems, each strip checked against vowel harmony and
 * consonant assimilation; stem-final г/б restored to к/п; a stem-final
 * soft sign dropped; double vowels never split; я/ю/ё after a vowel read
 * as й + vowel; a small vowel-drop table (орду -> орун); an exception list
 * for words that only look suffixed.
 * See ../shared/eval/KYRGYZ-MORPHOLOGY.md.
 */
#ifndef IZDE_KY_STEM_H
#define IZDE_KY_STEM_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The longest word (in bytes) the stemmer looks at; longer words are
 * returned unchanged. */
#define KY_STEM_MAX_WORD 256

/* Stems one lower-case UTF-8 word of `len` bytes into `out` (capacity
 * `cap`, no NUL written unless room remains) and returns the stem's length
 * in bytes.  The stem is never longer than the word, so cap >= len is
 * always enough.  If `cap` is too small, ky_stem writes whole letters only
 * (a UTF-8 sequence is never cut, nothing is written past cap) and returns
 * the bytes written, which is then less than the stem's length; cap 0
 * writes nothing and returns 0.  Words that are not Kyrgyz/Cyrillic
 * (digits, Latin) come back unchanged.  No allocation, no global state:
 * safe from any thread. */
size_t ky_stem(const char *word, size_t len, char *out, size_t cap);

#ifdef __cplusplus
}
#endif
#endif
