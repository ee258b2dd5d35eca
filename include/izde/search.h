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
    int sort_date;         /* newest first instead of by relevance */
    const char *from, *to; /* dates YYYY[-MM[-DD]] bounding the results */
    const char *rubric;    /* only this rubric (case does not matter) */
    const char *year;      /* only this year, YYYY */
    int facets;            /* count the matches per year and rubric */
    int suggest;           /* did-you-mean for unknown words */
    int lang_expand;       /* cross-language expansion through the
                              glossary and transliteration
                              (IZDE_QUERY_EXPAND): izde-search
                              --lang-expand; the CGI's default */
} izde_search_opts;

typedef struct izde_facet {
    char *value;
    unsigned count;
} izde_facet;

typedef struct izde_hit {
    unsigned rank;         /* 1-based, over all matches */
    double score;          /* BM25 weight */
    izde_docdata data;     /* title, date, rubric, issue, path, text */
    izde_snippet snippet;
} izde_hit;

typedef struct izde_results {
    unsigned total;        /* matches (exact up to 10 000, then estimated) */
    unsigned offset;
    izde_hit *hits;
    size_t nhits;
    char *suggestion;      /* did-you-mean with hits of its own, or NULL */
    izde_facet *years, *rubrics; /* most frequent first (opts.facets) */
    size_t nyears, nrubrics;
} izde_results;

typedef struct izde_searcher izde_searcher;

/* Opens `n` databases read-only, searched as one: database directories
 * or Xapian stub files, whose shards may be remote (izde/dbset.h).
 * IZDE_ERR_NETWORK when a remote shard cannot be reached, IZDE_ERR_DB
 * when a database cannot be opened; the message names it. */
izde_status izde_searcher_open(const char *const *paths, size_t n,
                               izde_searcher **out, izde_error *err);
/* The same; with `allow_partial`, the shards that cannot be opened are
 * left out (izde_searcher_warning names them) unless all are. */
izde_status izde_searcher_open_partial(const char *const *paths, size_t n, int allow_partial,
                                       izde_searcher **out, izde_error *err);
/* The shards left out ("STUB line N: remote HOST:PORT: cause; ..."), or
 * NULL. */
const char *izde_searcher_warning(const izde_searcher *s);
void izde_searcher_close(izde_searcher *s);

/* Re-reads the latest revision the indexer committed (a long-running
 * searcher, e.g. under FastCGI, calls it before each search): cheap when
 * nothing changed.  A searcher missing shards, or whose remote shard went
 * away, opens them all again.  IZDE_ERR_DB if the database cannot be
 * read (IZDE_ERR_NETWORK: a shard cannot be reached); the searcher is then
 * unusable until a reopen succeeds. */
izde_status izde_searcher_reopen(izde_searcher *s, izde_error *err);

/* IZDE_ERR_QUERY for a query that is malformed or has no words (the
 * message says where), IZDE_ERR_USAGE for a bad from/to/year, IZDE_ERR_DB
 * for the database.  A query of only spaces is allowed when a filter
 * (from, to, rubric, year) is given: every article it lets through. */
izde_status izde_search(izde_searcher *s, const char *query,
                        const izde_search_opts *opts, izde_results *out,
                        izde_error *err);
void izde_results_free(izde_results *r);

/* How many searches counted their matches in a second pass (search.c; for
 * the tests). */
extern unsigned long izde_search_count_passes;

#endif
