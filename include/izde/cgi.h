/* izde — the parameters of a search request to the CGI (its QUERY_STRING),
 * parsed and checked before anything is searched.
 *
 *   q       the query (at most IZDE_CGI_QUERY_MAX bytes)
 *   page    1, 2, … (page × n at most IZDE_CGI_HITS_MAX)
 *   n       hits a page, 1 to IZDE_CGI_PER_PAGE_MAX (default 10)
 *   sort    relevance (default) or date
 *   from, to  YYYY, YYYY-MM or YYYY-MM-DD
 *   rubric  a rubric (as rubric:"…")
 *   year    YYYY
 *   format  html (default) or json
 *   facets  1: JSON with facets (HTML pages always have them)
 *   expand  1 (default): also search each word's Russian and English (or
 *           Kyrgyz) counterparts from the glossary; 0: only the words typed
 *
 * Every name and value is percent-decoded ("+" a space) and must then be
 * UTF-8 without NUL bytes; the first of repeated parameters counts; others
 * are ignored; an empty value is no value. */
#ifndef IZDE_CGI_H
#define IZDE_CGI_H

#include "izde/status.h"

#define IZDE_CGI_QUERY_MAX 1024u
#define IZDE_CGI_PER_PAGE_MAX 100u
#define IZDE_CGI_HITS_MAX 1000u
/* A longer QUERY_STRING is refused before it is decoded. */
#define IZDE_CGI_QUERY_STRING_MAX 8192u

typedef struct izde_cgi_params {
    char *q;                          /* "" when not given */
    unsigned page, n;                 /* 1-based page; hits a page */
    int sort_date, json, facets;
    int no_expand;                    /* expand=0 */
    char *from, *to, *rubric, *year;  /* NULL when not given */
} izde_cgi_params;

/* Parses `qs` (NULL = empty).  IZDE_ERR_USAGE with a message for the
 * visitor, in Kyrgyz, naming the parameter; IZDE_ERR_NOMEM.  On error
 * `out` holds what was read before it (the query, to keep in the search
 * box) and must be freed all the same. */
izde_status izde_cgi_parse(const char *qs, izde_cgi_params *out,
                           izde_error *err);
void izde_cgi_params_free(izde_cgi_params *p);

#endif
