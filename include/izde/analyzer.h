/* izde — the analyzer: text → words → terms.
 *
 * UTF-8 text is NFC-normalised, split into words by Unicode's word break
 * rules (only letter and number words count; ICU's iterator, or izde's own
 * rules for a text of the characters izde knows, see unichar.h), acronyms with a suffix are
 * split at the upper→lower boundary before case folding (ЖӨБдүн → жөб),
 * Latin look-alike letters inside Cyrillic words are mapped to Cyrillic, and
 * case is folded.  izde_word_terms() turns one such word into the terms to
 * index; the query side calls the same function, so a word becomes terms in
 * exactly one place.
 *
 * Languages: a Cyrillic word is stemmed by the stemmer of each language the
 * analyzer is set to (izde_analyzer_set_langs): Kyrgyz by ky_stem(), Russian
 * by Xapian's Russian stemmer.  The indexer sets the article's language; the
 * query side leaves both, since a query's language is not known.  A word
 * that can only be Kyrgyz (it has ң, ө or ү, or is a Kyrgyz stopword) takes
 * the Kyrgyz stem alone, in a Russian article too; a word in Latin letters
 * takes Xapian's English stem, in every language.
 */
#ifndef IZDE_ANALYZER_H
#define IZDE_ANALYZER_H

#include <stddef.h>

#include "izde/lang.h"
#include "izde/status.h"

/* Xapian's limit on a term is 245 bytes; longer words are not indexed. */
#define IZDE_WORD_MAX 240

enum izde_token_flags {
    IZDE_TOK_NUMBER = 1,  /* digits (ICU's number class) */
    IZDE_TOK_ACRONYM = 2, /* upper-case abbreviation, maybe with a suffix */
};

typedef struct izde_analyzer izde_analyzer;

typedef struct izde_token {
    const char *word;   /* folded word, NUL-terminated (analyzer's buffer) */
    size_t len;         /* its length in bytes */
    size_t acronym_len; /* IZDE_TOK_ACRONYM: bytes of `word` that are the
                           acronym itself (жөб of жөбдүн) */
    const char *text;   /* the text the offsets refer to (see below) */
    size_t start, end;  /* byte offsets of the word in `text` */
    unsigned pos;       /* word position, counting from the caller's start */
    unsigned flags;
    unsigned langs;     /* the languages to stem Cyrillic words in */
    izde_analyzer *an;  /* the analyzer (its stemmers); NULL: Kyrgyz only */
} izde_token;

izde_status izde_analyzer_new(izde_analyzer **out, izde_error *err);
void izde_analyzer_free(izde_analyzer *a);

/* The languages (IZDE_LANG_KY, IZDE_LANG_RU or both) whose stems the words
 * of the next izde_analyze() calls get: the article's language when
 * indexing; both (the default) for queries and snippets. */
void izde_analyzer_set_langs(izde_analyzer *a, unsigned langs);
unsigned izde_analyzer_langs(const izde_analyzer *a);

/* A text made only of characters izde knows (unichar.h) is split into words
 * by izde's own rules, without ICU; `on` makes the analyzer give every text
 * to ICU's word break iterator instead, as it does a text with other
 * characters (test_analyzer compares the two). */
void izde_analyzer_always_icu(izde_analyzer *a, int on);

/* Called for each word; a non-zero return stops the walk and is returned
 * by izde_analyze(). */
typedef int (*izde_token_fn)(void *ctx, const izde_token *tok);

/* Walks the words of `text` (`len` bytes of UTF-8; invalid sequences become
 * U+FFFD and are counted in *repaired if it is not NULL).  Positions are
 * first_pos, first_pos+1, ...  Offsets refer to tok->text: `text` itself
 * when it was valid NFC UTF-8 (the indexer stores text that way), else the
 * analyzer's normalised copy.  Returns IZDE_OK, a negative status, or the
 * callback's non-zero value. */
int izde_analyze(izde_analyzer *a, const char *text, size_t len,
                 unsigned first_pos, izde_token_fn fn, void *ctx,
                 size_t *repaired, izde_error *err);

/* The terms of one word. */
typedef struct izde_terms {
    char raw[IZDE_WORD_MAX + 1];  /* the folded word: positional term */
    size_t raw_len;
    /* Its stem (without the Z prefix): in the first of the token's
     * languages (Kyrgyz before Russian), in English for a Latin word, the
     * word itself for a number. */
    char stem[IZDE_WORD_MAX + 1];
    size_t stem_len;
    /* Its Russian stem when the token's languages are Kyrgyz and Russian
     * and it differs from `stem`; else empty. */
    char stem2[IZDE_WORD_MAX + 1];
    size_t stem2_len;
    /* The stem of the word written on a Russian keyboard (ң→н, ө→о, ү→у);
     * empty when the word has none of those letters. */
    char kbd[IZDE_WORD_MAX + 1];
    size_t kbd_len;
    int stopword;                 /* a function word (жана, менен, ...) */
} izde_terms;

/* One word → its terms: the single place where words become terms, used by
 * the indexer and by the query side.  No allocation. */
void izde_word_terms(const izde_token *tok, izde_terms *out);

/* Replaces ң/ө/ү (and Ң/Ө/Ү) by н/о/у: how a Russian keyboard writes them.
 * `out` needs `len` + 1 bytes; returns the new length (never longer). */
size_t izde_keyboard_fold(const char *word, size_t len, char *out);

/* Case-folds a whole UTF-8 string (a rubric or author name as a boolean
 * term) into `out` (capacity `cap`, NUL-terminated); returns the length, or
 * 0 if it does not fit or is not valid UTF-8. */
size_t izde_fold_string(const char *s, size_t len, char *out, size_t cap);

/* Whether the folded word is a stopword: Kyrgyz (reviewed from
 * ../shared/eval/stopword-candidates.tsv), Russian or English. */
int izde_is_stopword(const char *word, size_t len);
/* The languages (IZDE_LANG_*) whose stopword list has the folded word. */
unsigned izde_stopword_langs(const char *word, size_t len);

#endif
