/* izde — the query language: text → Xapian query, through the same
 * analyzer as the index.
 *
 *   words          every word required, in any inflected form (its stem);
 *                  with `any`, any word, ranked
 *   "a phrase"     those exact word forms in that order (also «…», “…”)
 *   a NEAR b       both within 10 words (NEAR/n: within n, NEAR/1 next to
 *                  each other), any order; exact word forms
 *   a ADJ b        the same, in this order (ADJ/n)
 *   AND OR NOT ( ) boolean operators (upper case) and brackets
 *   +word -word    required / excluded
 *   грант*         every word form starting with грант
 *   title:w rubric:w author:w issue:N year:YYYY lang:ky   fields
 *   2021-01-01..2021-12-31  2021..2023  2021..  ..2020   date ranges
 *
 * Function words (жана, менен …) are not required unless the query has
 * nothing else.  A word with н/о/у also searches the words with ң/ө/ү a
 * Russian keyboard writes that way when those are far more frequent than the
 * word as typed (тендештируучу finds теңдештирүүчү, кенеш finds кеңеш); a
 * real word as frequent as its look-alike is not widened (болот stays
 * болот).  A syntax error is IZDE_ERR_QUERY with a message that says where.
 */
#ifndef IZDE_QUERY_H
#define IZDE_QUERY_H

#include <stddef.h>

#include "izde/analyzer.h"
#include "izde/xapian.h"

typedef struct izde_query {
    xap_query *xq;   /* the Xapian query */
    char **terms;    /* every term it searches, for highlighting */
    size_t nterms;
    /* Per term: 1 if only Russian articles can match it (a word's Russian
     * stem; query.c, stem_terms) */
    unsigned char *russian;
    char **wild;     /* the prefixes of its wildcards, for highlighting */
    size_t nwild;
    /* Each query word (folded) whose stem the index does not know, for
     * did-you-mean; with `db` only. */
    char **unknown;
    size_t nunknown;
    /* One word (function words aside), outside phrases and fields: Xapian
     * ranks its matches in about half the time it takes to count them all
     * (search.c counts them in a second pass). */
    int single_word;
    /* For a long all-words query, the AND of its rarest words: when it
     * matches nothing, the query matches nothing (search.c tries it
     * first, instead of opening every word's postings); else NULL. */
    xap_query *probe;
} izde_query;

enum izde_query_flags {
    IZDE_QUERY_ANY = 1,    /* any word, ranked, instead of all words */
    /* Cross-language expansion: each plain word (outside phrases and
     * fields), and each run of words that is a multi-word glossary term,
     * also searches its counterparts in the database's glossary synonyms
     * (glossary.h), or else its transliteration (a name: Arashan ↔
     * Арашан); the expansions weigh IZDE_EXPAND_WEIGHT times the words
     * typed.  Needs `db`. */
    IZDE_QUERY_EXPAND = 2,
};

/* How much an expansion weighs against the word typed (OP_SCALE_WEIGHT):
 * low enough that a query still prefers articles in its own language
 * (measured by make bench-lang; see README). */
#ifndef IZDE_EXPAND_WEIGHT
#define IZDE_EXPAND_WEIGHT 0.5
#endif

/* What the form as typed adds to a plain word's stem (OR, scaled): among
 * articles that match the stems about as well, the one with the exact form
 * ranks first, but it does not outweigh a better match of the stems.
 * Measured (make bench-quality, make bench-lang): 0.1 gives known-item
 * MRR@10 0.731/0.939 (all words/--any; 0 gives 0.718/0.921, 1 gives
 * 0.735/0.941) and keeps bench-lang's Kyrgyz MRR at 1.000 (from 0.25 on
 * the exact form outweighs an article that matches the stems better). */
#ifndef IZDE_EXACT_WEIGHT
#define IZDE_EXACT_WEIGHT 0.1
#endif

/* Builds the query; `db` (may be NULL) is consulted for the keyboard
 * spelling, unknown words and the expansions.  `flags`: IZDE_QUERY_ANY,
 * IZDE_QUERY_EXPAND.  IZDE_ERR_QUERY for a syntax error or a query without
 * a word or filter. */
izde_status izde_query_build(izde_analyzer *an, xap_db *db, const char *text,
                             unsigned flags, izde_query *out, izde_error *err);
void izde_query_free(izde_query *q);

/* A filter on the date value: lo and hi are "YYYY", "YYYY-MM" or
 * "YYYY-MM-DD" (n = 0: open end); IZDE_ERR_QUERY if not dates. */
izde_status izde_date_range_query(const char *lo, size_t lo_n, const char *hi,
                                  size_t hi_n, xap_query **out, izde_error *err);

/* Whether the word (a raw term) matches one of the query's wildcards. */
int izde_query_has_prefix_of(const izde_query *q, const char *word, size_t len);

#endif
