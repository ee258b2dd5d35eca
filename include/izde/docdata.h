/* izde — the document data: what a result shows, stored with each document.
 *
 * Lines "key=value" (title, date, rubric, issue, capture_issue, author,
 * pages, lang, path; capture_issue is the issue current when a page was captured, not the
 * article's own issue, which is "issue"), values
 * with newlines flattened to spaces, and last "text=" followed by the body,
 * which runs to the end and may hold newlines.  Omega's "key=value" style,
 * so that `xapian-delve -d` shows it readably. */
#ifndef IZDE_DOCDATA_H
#define IZDE_DOCDATA_H

#include <stddef.h>

#include "izde/article.h"

/* Encodes the fields of `a` into a malloc()ed buffer; NULL on OOM. */
char *izde_docdata_encode(const izde_article *a, size_t *len);

typedef struct izde_docdata {
    char *buf;                  /* owns the strings below */
    const char *title, *date, *rubric, *issue, *capture_issue, *author, *pages,
        *lang, *path, *text;
    size_t text_len;
} izde_docdata;

/* Decodes data[0..len); missing fields are NULL.  IZDE_ERR_NOMEM only. */
int izde_docdata_decode(const char *data, size_t len, izde_docdata *out);
void izde_docdata_free(izde_docdata *d);

/* The first page of a printed issue's hit (pages "14-17" → 14), 0 if none. */
unsigned izde_docdata_page(const izde_docdata *d);

/* How a hit from a printed issue is cited: "№ 2 (148), б. 14" (б. = бет,
 * page; "б. 14–17" for several), "б. 14" when the issue is unknown; ""
 * (returning 0) for a hit without pages.  Returns the length written. */
size_t izde_docdata_cite(const izde_docdata *d, char *out, size_t cap);

#endif
