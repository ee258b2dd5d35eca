/* izde — renderers of search results: one interface, one back end per
 * output format, each escaping for its own context. */
#ifndef IZDE_RENDER_H
#define IZDE_RENDER_H

#include <stdio.h>

#include "izde/search.h"

/* Text for a terminal or a pipe: rank, date, title, path, snippet; the
 * matched words in ANSI bold when `color`. */
void izde_render_text(FILE *out, const char *query, const izde_results *r,
                      int color);
/* JSON: {"query", "total", "offset", "hits": [{"rank", "id", "path",
 * "title", "date", "rubric", "issue", "score", "snippet"}]}, the matched
 * words of the snippet in <mark>…</mark> (the text itself escaped). */
void izde_render_json(FILE *out, const char *query, const izde_results *r);

#endif
