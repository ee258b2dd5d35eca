/* izde — snippets: a passage of a hit's text around the words that matched.
 *
 * The passage is cut at word boundaries (never inside a UTF-8 character),
 * white space is collapsed, and the words whose terms the query searched
 * (the inflected forms: гранттарды for the stem грант) are marked as spans.
 * Renderers escape each span for their context; the snippet holds no
 * markup. */
#ifndef IZDE_SNIPPET_H
#define IZDE_SNIPPET_H

#include <stddef.h>

#include "izde/analyzer.h"
#include "izde/query.h"

typedef struct izde_span {
    size_t start, end; /* bytes of izde_snippet.text */
    int hit;           /* a word the query matched */
} izde_span;

typedef struct izde_snippet {
    char *text;        /* the passage, "…" marking cut ends */
    size_t len;
    izde_span *spans;  /* cover text[0..len) in order */
    size_t nspans;
} izde_snippet;

/* Which query term each word form matched, remembered across the hits of
 * one query, since finding out costs a word's stems: made for one query,
 * given to each izde_snippet_make() for that query (it tells the analyzer's
 * languages apart), then freed.  NULL when out of memory. */
typedef struct izde_snippet_memo izde_snippet_memo;
izde_snippet_memo *izde_snippet_memo_new(void);
void izde_snippet_memo_free(izde_snippet_memo *m);

/* Makes a snippet of about `max_bytes` of `text`.  `memo` is the query's
 * (see above), or NULL for one of this call's own.  The analyzer's
 * languages are the text's: they stem its words, and a term only Russian
 * articles match (izde_query.russian) marks words of a Russian text only. */
izde_status izde_snippet_make(izde_analyzer *an, const char *text, size_t len,
                              const izde_query *q, size_t max_bytes,
                              izde_snippet_memo *memo, izde_snippet *out,
                              izde_error *err);
void izde_snippet_free(izde_snippet *s);

/* 1 (the default): a long text is analysed only around the words that may
 * match (see snippet.c); 0: whole.  The snippet is the same either way —
 * the tests set 0 to show it. */
extern int izde_snippet_regions;
/* How many snippets were made from regions (for the tests). */
extern unsigned long izde_snippet_regions_used;
/* For the tests: whether the scan that finds the regions takes a word
 * whose text starts at s[0..len) for one that may match the query term
 * `term` (a word form, or a stem with its prefix). */
int izde_snippet_key_fits(const char *term, const char *s, size_t len);

#endif
