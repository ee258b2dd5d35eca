/* izde — searching: what izde-search (and the CGI to come) share.
 * Opens one or more databases as one, runs a query built by izde_query,
 * and returns ranked hits with their fields and snippets. */
#ifndef IZDE_SEARCH_H
#define IZDE_SEARCH_H

#include "izde/docdata.h"
#include "izde/snippet.h"
#include "izde/status.h"

typedef struct izde_search_opts {
    unsigned offset;       /* hits to skip */
    unsigned count;        /* hits to return */
    int any;               /* any word (ranked) instead of all words */
    size_t snippet_bytes;  /* about how long a snippet is; 0 = none */
} izde_search_opts;

typedef struct izde_hit {
    unsigned rank;         /* 1-based, over all matches */
    double score;          /* BM25 weight */
    izde_docdata data;     /* title, date, rubric, issue, path, text */
    izde_snippet snippet;
} izde_hit;

typedef struct izde_results {
    unsigned total;        /* matches (Xapian's estimate, exact when small) */
    unsigned offset;
    izde_hit *hits;
    size_t nhits;
} izde_results;

typedef struct izde_searcher izde_searcher;

/* Opens `n` databases read-only, searched as one. */
izde_status izde_searcher_open(const char *const *paths, size_t n,
                               izde_searcher **out, izde_error *err);
void izde_searcher_close(izde_searcher *s);

/* IZDE_ERR_QUERY for a query with no words; IZDE_ERR_DB for the database. */
izde_status izde_search(izde_searcher *s, const char *query,
                        const izde_search_opts *opts, izde_results *out,
                        izde_error *err);
void izde_results_free(izde_results *r);

#endif
