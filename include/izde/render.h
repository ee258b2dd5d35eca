/* izde — renderers of search results: one interface, one back end per
 * output format, each escaping for its own context (json.h, csv.h,
 * html.h and url.h). */
#ifndef IZDE_RENDER_H
#define IZDE_RENDER_H

#include <stdio.h>

#include "izde/search.h"

/* The fields a hit can show (--fields).  page: a printed issue's first page
 * (a number), pages: its pages ("14", "14-17"); both null for hits that are
 * not from a PDF. */
enum izde_field {
    IZDE_F_RANK = 1 << 0, IZDE_F_ID = 1 << 1, IZDE_F_PATH = 1 << 2,
    IZDE_F_TITLE = 1 << 3, IZDE_F_DATE = 1 << 4, IZDE_F_RUBRIC = 1 << 5,
    IZDE_F_ISSUE = 1 << 6, IZDE_F_PAGE = 1 << 7, IZDE_F_PAGES = 1 << 8,
    IZDE_F_AUTHOR = 1 << 9, IZDE_F_LANG = 1 << 10, IZDE_F_SCORE = 1 << 11,
    IZDE_F_SNIPPET = 1 << 12,
};
#define IZDE_F_DEFAULT                                                      \
    (IZDE_F_RANK | IZDE_F_ID | IZDE_F_PATH | IZDE_F_TITLE | IZDE_F_DATE |   \
     IZDE_F_RUBRIC | IZDE_F_ISSUE | IZDE_F_PAGE | IZDE_F_PAGES |            \
     IZDE_F_SCORE | IZDE_F_SNIPPET)

/* Parses "rank,title,date" into a mask, in order into `order` (at most 16
 * fields); IZDE_ERR_USAGE naming an unknown field. */
izde_status izde_fields_parse(const char *list, unsigned *mask,
                              unsigned *order, size_t *norder,
                              izde_error *err);

typedef struct izde_render_opts {
    unsigned order[16];  /* the fields, in output order */
    size_t norder;
    int color;           /* text: ANSI bold for matched words */
} izde_render_opts;

/* Fills `o` with the default fields. */
void izde_render_defaults(izde_render_opts *o);

/* Text: rank, date, title, path (and the printed issue's citation), snippet;
 * suggestion and facets. */
void izde_render_text(FILE *out, const char *query, const izde_results *r,
                      const izde_render_opts *o);
/* JSON: {"query", "total", "offset", "suggestion", ["facets",] "hits": [...]}
 * each hit with the chosen fields; snippet matches in <mark>…</mark>. */
void izde_render_json(FILE *out, const char *query, const izde_results *r,
                      const izde_render_opts *o);
/* JSON lines: one hit object a line. */
void izde_render_jsonl(FILE *out, const izde_results *r,
                       const izde_render_opts *o);
/* CSV (RFC 4180, CRLF): a header row, one hit a row; snippet plain. */
void izde_render_csv(FILE *out, const izde_results *r,
                     const izde_render_opts *o);

/* ---- HTML (lib/render_html.c): the website's results page --------------- */

/* The hits a page shows when the request does not say (n). */
#define IZDE_HTML_PER_PAGE 10

/* The request a page answers: to keep the query in the search box and to
 * build the pagination, did-you-mean and facet links (relative links
 * "?q=…", back to the same program). */
typedef struct izde_html_request {
    const char *query;        /* q as typed; "" for none */
    unsigned page;            /* 1-based */
    unsigned per_page;        /* hits a page */
    unsigned max_hits;        /* no page link beyond this hit (0: no limit) */
    int sort_date;            /* newest first */
    const char *from, *to, *rubric, *year; /* the filters; NULL = none */
    int no_expand;            /* cross-language expansion turned off */
} izde_html_request;

/* What a site configures (never the request). */
typedef struct izde_html_site {
    /* The page: HTML with placeholders, each replaced by escaped output:
     *   {{title}}   the page title (text)
     *   {{css}}     the stylesheet's URL (for href="…")
     *   {{query}}   the query as typed (text or a quoted attribute)
     *   {{form}}    the search box: the query, sort order, kept filters
     *   {{main}}    the count, did-you-mean, hits, pages; or the front
     *               page, the zero-results help, a message
     *   {{facets}}  links narrowing by year and by rubric ("" if none)
     * Anything else, "{{other}}" too, is copied as it is. */
    const char *tmpl;
    const char *css_href;
    /* An article's link: "{path}" is replaced by its path as indexed
     * (percent-encoded, "/" kept), "{base}" by the same without its
     * extension.  It must start with "/", "http://" or "https://" (the
     * configuration checks); NULL: titles are not links. */
    const char *article_url;
    /* A printed issue's hit (a PDF page or article): the same placeholders
     * with {path} the PDF's path, and {page} its first page ("#page=N" is
     * appended when the pattern has none); NULL: article_url is used. */
    const char *pdf_url;
} izde_html_site;

/* The results page for `r`; `r` NULL: the front page (no search yet). */
void izde_render_html(FILE *out, const izde_html_site *site,
                      const izde_html_request *req, const izde_results *r);
/* A page with a message instead of results (a bad request, a query the
 * parser refused, the database away): `title` and `detail` are plain text
 * (escaped here); the search box keeps the query. */
void izde_render_html_message(FILE *out, const izde_html_site *site,
                              const izde_html_request *req, const char *title,
                              const char *detail);

#endif
