/* izde — one word from Latin to Cyrillic letters or back, by izde's own
 * tables after the BGN/PCGN romanisations, for query expansion: a name the
 * glossary does not know meets its spelling in the other script (Arashan ↔
 * Арашан).  The output is what ICU's transliterators gave with the rules
 * izde used before (see lib/translit.c for them and for the one deliberate
 * difference); the tables are plain C, so that a query does not load
 * libicui18n and compile transliterators (30-50 ms per CGI process). */
#ifndef IZDE_TRANSLIT_H
#define IZDE_TRANSLIT_H

#include <stddef.h>

/* The directions (`which`). */
enum {
    /* Latin → Cyrillic: the Russian BGN/PCGN romanisation read backwards
     * (sh → ш, kh → х, ya → я, …), with Kyrgyz j → ж, ö → ө, ü → ү. */
    IZDE_TRANSLIT_TO_CYRILLIC = 0,
    /* Cyrillic → Latin after the Kyrgyz BGN/PCGN table (ж → j, ң → ng),
     * then plain ASCII (ө → o, ү → u). */
    IZDE_TRANSLIT_KY_LATIN = 1,
    /* Cyrillic → Latin after the Russian one (ж → zh, е → ye at a word's
     * start and after a vowel), then plain ASCII. */
    IZDE_TRANSLIT_RU_LATIN = 2,
};

/* Transliterates `word` (UTF-8, `len` bytes, at most IZDE_WORD_MAX = 240)
 * in direction `which`, in lower case, into `out` (capacity `cap`,
 * NUL-terminated); returns the length, 0 if `which` is not a direction, the
 * word is too long or not valid UTF-8, or the result does not fit.  Other
 * characters pass through (digits, and letters of other scripts lower-cased;
 * the Cyrillic → Latin directions also turn other Latin letters into ASCII,
 * é → e, ß → ss).  No state, no allocation: safe from any thread. */
size_t izde_translit(const char *word, size_t len, unsigned which, char *out, size_t cap);

#endif
