/* izde — the trilingual glossary: Kyrgyz ↔ Russian ↔ English term sets of
 * the magazine's domain (data/glossary.tsv, built into libizde), made into
 * Xapian synonyms over analysed terms so that a query in one language can
 * be expanded with its counterparts in the others (izde_query's
 * IZDE_QUERY_EXPAND).
 *
 * The file: UTF-8 text, one term set a line, tab-separated columns
 * `ky  ru  en  [note]`; a cell holds one or more variants separated by
 * ";" (single words or multi-word terms, written in their dictionary form);
 * an empty cell is a language without a counterpart; lines starting with
 * "#" are comments; the first other line is the header `ky ru en note`.
 *
 * In the database: each variant's key is its language's code, ":", and the
 * Z terms of its words (the variant analysed in its language: Kyrgyz and
 * Russian stems, English for Latin words; stopwords left out) joined by
 * single spaces ("ru:Zвыравнива Zгрант"); its synonyms are the other
 * variants of its set, untagged ("Zтеңдештирүүчү Zгрант", "Zequal
 * Zgrant").  The tag keeps a stem that is a word in one language and
 * another word in the other (Kyrgyz мал "livestock", Russian мал(ый)
 * "small") from being looked up in the wrong one.  Each word of a
 * multi-word key that has synonyms is also a key of its own, its code, "+"
 * and its Z term ("ky+Zгрант"), whose synonyms are the key's other words
 * ("Zтеңдештирүүчү"): a one-word query learns by one lookup that the
 * glossary has terms with its word, and then ranks by the word's XG term
 * (below).  The metadata key
 * IZDE_GLOSSARY_KEY holds a fingerprint of what was written, so that an
 * unchanged glossary is not written again, and IZDE_GLOSSARY_SOURCE_KEY a
 * fingerprint of the glossary's text beside it, so that an unchanged
 * glossary is not even stemmed again (every incremental run would stem its
 * 2 500 variants).  The stems come from the stemmer of the izde that wrote
 * them, as every term of the database does: a new stemmer needs --full. */
#ifndef IZDE_GLOSSARY_H
#define IZDE_GLOSSARY_H

#include <stddef.h>

#include "izde/analyzer.h"
#include "izde/xapian.h"

#define IZDE_GLOSSARY_KEY "izde.glossary"
#define IZDE_GLOSSARY_SOURCE_KEY "izde.glossary.source"
#define IZDE_GLOSSARY_WORD_TAG "+" /* "ky+Zгрант": see above */

typedef struct izde_glossary izde_glossary;

/* Parses `len` bytes of glossary text; `name` names it in messages
 * ("data/glossary.tsv:12: ...").  IZDE_ERR_FORMAT for a malformed line. */
izde_status izde_glossary_parse(const char *text, size_t len, const char *name,
                                izde_glossary **out, izde_error *err);
/* Reads and parses a glossary file. */
izde_status izde_glossary_load(const char *path, izde_glossary **out,
                               izde_error *err);
/* The glossary built into libizde (data/glossary.tsv at build time). */
izde_status izde_glossary_builtin(izde_glossary **out, izde_error *err);
void izde_glossary_free(izde_glossary *g);

/* The number of term sets and of variants (all languages). */
size_t izde_glossary_sets(const izde_glossary *g);
size_t izde_glossary_variants(const izde_glossary *g);

/* Writes the glossary's synonyms into `db` (a write handle), replacing the
 * synonyms an earlier glossary wrote; does nothing when the fingerprint in
 * the database is the same.  *written (may be NULL) gets the number of
 * synonym pairs written (0 when nothing changed).  `g` NULL: removes the
 * synonyms. */
izde_status izde_glossary_install(const izde_glossary *g, izde_analyzer *an,
                                  xap_db *db, size_t *written, izde_error *err);

/* The key of a phrase in language `lang` (IZDE_LANG_*), untagged: its Z
 * terms joined by spaces, into out (cap bytes); 0 when it has no word that
 * is not a stopword or does not fit. */
size_t izde_glossary_key(izde_analyzer *an, const char *phrase, size_t len,
                         unsigned lang, char *out, size_t cap);

/* ---- the glossary's terms in an article ----------------------------------
 *
 * An article that uses one of the glossary's multi-word terms (a sequence
 * of words whose Z terms, stopwords left out, are the term's key) gets, for
 * each word of the term, the term IZDE_PFX_GLOSSARY + the word's key
 * ("XGky+Zгрант" for теңдештирүүчү гранттарды), once a use.  A one-word
 * query ranks the articles that use a term with its word higher by that one
 * term (query.c), not by the OR of every such term's other words.  The
 * terms looked for are those whose words are keys: the multi-word variants
 * with a counterpart. */
typedef struct izde_glossary_terms izde_glossary_terms;

/* The terms of `g` (stemmed by `an`), ready to be looked up. */
izde_status izde_glossary_terms_new(const izde_glossary *g, izde_analyzer *an,
                                    izde_glossary_terms **out, izde_error *err);
void izde_glossary_terms_free(izde_glossary_terms *t);
/* The most words of a term that ends with the Z term `zword` (`len`
 * bytes); 0 if none does.  A word that ends terms of two or three words
 * is not looked up as the end of twelve (the glossary's longest). */
size_t izde_glossary_terms_ending(const izde_glossary_terms *t, const char *zword, size_t len);
/* The languages (IZDE_LANG_* bits) of the terms whose key is `key` (`len`
 * bytes: Z terms joined by single spaces); 0 if none. */
unsigned izde_glossary_terms_langs(const izde_glossary_terms *t, const char *key, size_t len);

#endif
