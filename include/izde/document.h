/* izde — an article becomes a Xapian document (DESIGN.md's scheme). */
#ifndef IZDE_DOCUMENT_H
#define IZDE_DOCUMENT_H

#include "izde/analyzer.h"
#include "izde/article.h"
#include "izde/glossary.h"
#include "izde/xapian.h"

/* Adds the terms, values and data of `a` to the empty document `doc`;
 * with `terms` (may be NULL), the glossary's terms `a` uses (glossary.h). */
izde_status izde_document_build(izde_analyzer *an, const izde_glossary_terms *terms,
                                const izde_article *a, xap_doc *doc, izde_error *err);

/* The unique-id term of an article: "Q" + id, into out (cap bytes);
 * IZDE_ERR_USAGE if the id is too long for a Xapian term. */
izde_status izde_document_uid(const char *id, char *out, size_t cap,
                              izde_error *err);

#endif
