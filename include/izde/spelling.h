/* izde — did-you-mean from the index's own vocabulary: the nearest word
 * form the index holds (Damerau–Levenshtein distance over letters, at most
 * 1 for words of up to 4 letters, 2 beyond), the most frequent on ties. */
#ifndef IZDE_SPELLING_H
#define IZDE_SPELLING_H

#include <stddef.h>

#include "izde/xapian.h"

/* The distance between two UTF-8 words in letters (code points), or
 * `max` + 1 if it is over `max`. */
unsigned izde_edit_distance(const char *a, size_t an, const char *b,
                            size_t bn, unsigned max);

/* The indexed word form closest to `word` (folded, UTF-8) into out (cap
 * bytes); returns 1 if one was found, 0 if none is close enough, negative
 * on a database error.  Only forms starting with the word's first letter
 * are considered: typos rarely hit the first letter, and it keeps the scan
 * to a slice of the vocabulary. */
int izde_spelling_nearest(xap_db *db, const char *word, size_t len,
                          char *out, size_t cap);

#endif
