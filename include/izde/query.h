/* izde — query text → Xapian query, through the same analyzer as the index.
 *
 * Words are all required (or any, ranked, with `any`); "quoted phrases"
 * (also «…» and “…”) match the exact words in order; stopwords are not
 * required unless the query has nothing else.  Each word searches its stem,
 * so every inflected form matches; a word with н/о/у that the index does not
 * know as written also searches the Russian-keyboard spelling of the stems
 * (тендештируучу finds теңдештирүүчү), while a word the index knows is not
 * widened (болот does not find бөлөт). */
#ifndef IZDE_QUERY_H
#define IZDE_QUERY_H

#include <stddef.h>

#include "izde/analyzer.h"
#include "izde/xapian.h"

typedef struct izde_query {
    xap_query *xq;   /* the Xapian query */
    char **terms;    /* every term it searches, for highlighting */
    size_t nterms;
} izde_query;

/* Builds the query; `db` (may be NULL) is consulted for the keyboard
 * spelling.  IZDE_ERR_QUERY when the text holds no word. */
izde_status izde_query_build(izde_analyzer *an, xap_db *db, const char *text,
                             int any, izde_query *out, izde_error *err);
void izde_query_free(izde_query *q);

/* Whether `term` is one of the query's terms. */
int izde_query_has_term(const izde_query *q, const char *term, size_t len);

#endif
