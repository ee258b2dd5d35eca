/* izde — renderers of search results: one interface, one back end per
 * output format, each escaping for its own context (json.h, csv.h). */
#ifndef IZDE_RENDER_H
#define IZDE_RENDER_H

#include <stdio.h>

#include "izde/search.h"

/* The fields a hit can show (--fields). */
enum izde_field {
    IZDE_F_RANK = 1 << 0, IZDE_F_ID = 1 << 1, IZDE_F_PATH = 1 << 2,
    IZDE_F_TITLE = 1 << 3, IZDE_F_DATE = 1 << 4, IZDE_F_RUBRIC = 1 << 5,
    IZDE_F_ISSUE = 1 << 6, IZDE_F_AUTHOR = 1 << 7, IZDE_F_LANG = 1 << 8,
    IZDE_F_SCORE = 1 << 9, IZDE_F_SNIPPET = 1 << 10,
};
#define IZDE_F_DEFAULT                                                      \
    (IZDE_F_RANK | IZDE_F_ID | IZDE_F_PATH | IZDE_F_TITLE | IZDE_F_DATE |   \
     IZDE_F_RUBRIC | IZDE_F_ISSUE | IZDE_F_SCORE | IZDE_F_SNIPPET)

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

/* Text: rank, date, title, path, snippet; suggestion and facets. */
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

#endif
