/* izde — issue XML: one issue of the magazine and its articles.
 *
 * The schema is schema/izde-issue.rng (RELAX NG; README "Issue XML"), built
 * into libizde.  A file is read as a stream (libxml2's xmlTextReader) and
 * validated against the schema while it is read, so memory stays that of
 * one article whatever the size of the file.  It is read twice: first to
 * validate it whole, then to hand each article to a callback — a file with
 * an error anywhere hands over none.  Errors: malformed or truncated XML,
 * a schema violation, a DOCTYPE, an article over izde_article_max_size()
 * bytes, a repeated id, pages "17-14"; each message names the file, the
 * line and the cause.  Never read: a DOCTYPE (refused), external entities
 * and DTDs (no XXE; no network: XML_PARSE_NONET, neither NOENT nor
 * DTDLOAD), entity expansions.  The encoding is XML's (declaration, BOM),
 * except where the first 64 KiB contradict it (README "Issue XML").
 *
 * An issue whose articles have no paragraphs (<p>) is a *map* of the
 * issue's PDF (pdf=): it tells where each article is in the PDF
 * (pages="14-17") and what its title, authors and rubric are;
 * izde_issue_map_read() loads one. */
#ifndef IZDE_ISSUE_XML_H
#define IZDE_ISSUE_XML_H

#include <stddef.h>

#include "izde/status.h"

typedef struct izde_issue {
    char number[16]; /* within the year: "2", a double issue "2-3" */
    char serial[16]; /* since the first issue: "148", "100-101" */
    char date[11];   /* YYYY-MM-DD */
    char lang[3];    /* "ky", "ru", or "" when the issue does not say */
    const char *pdf; /* the pdf attribute as written (a path relative to
                        the XML file's directory), or NULL */
    const char *warnings; /* NULL, or "\n"-terminated messages naming the
                        file: what was wrong but read (an encoding
                        declaration the bytes contradict); the same with
                        every article */
} izde_issue;

typedef struct izde_issue_article {
    const char *id;      /* its id attribute ("a1"): [A-Za-z0-9._-], unique
                            in the issue */
    const char *title;   /* white space collapsed; never empty */
    const char *authors; /* the <author>s joined by "; ", or NULL */
    const char *rubric;  /* or NULL */
    char date[11];       /* its date attribute, else the issue's */
    char lang[3];        /* its lang, else the issue's, else "" */
    unsigned first_page, last_page; /* pages="14-17": 14, 17; "14": 14, 14;
                                       no pages: 0, 0 */
    const char *body;    /* the paragraphs, "\n"-separated, white space
                            collapsed; "" when there are none */
    size_t paragraphs;
    long line;           /* the line of its <article> tag */
} izde_issue_article;

/* Called for each article, in the order of the file; what the pointers
 * point to lives until the call returns.  A non-zero return stops the
 * reading and is returned by the reader. */
typedef int (*izde_issue_fn)(void *ctx, const izde_issue *issue,
                             const izde_issue_article *art);

/* Reads the issue XML file `path`.  Returns IZDE_OK, fn's non-zero value,
 * or a negative izde_status with `err` naming the file, the line and the
 * cause ("x.xml: line 7: does not match the issue schema: Invalid
 * attribute pages for element article"); fn has then not been called. */
int izde_issue_xml_read(const char *path, izde_issue_fn fn, void *ctx,
                        izde_error *err);

/* The same on buf[0..len) (any encoding XML allows); `name` names it in
 * messages. */
int izde_issue_xml_read_memory(const char *buf, size_t len, const char *name,
                               izde_issue_fn fn, void *ctx, izde_error *err);

/* ---- the map of an issue's PDF ------------------------------------------------ */

typedef struct izde_issue_map_entry {
    char *id, *title, *authors, *rubric; /* authors, rubric may be NULL */
    char date[11], lang[3];
    unsigned first_page, last_page;      /* 0, 0 when not given */
} izde_issue_map_entry;

typedef struct izde_issue_map {
    izde_issue issue;          /* issue.pdf points into `pdf`; no warnings */
    char *pdf;
    izde_issue_map_entry *articles;
    size_t n;
} izde_issue_map;

/* Loads every article of the issue XML `path` but its paragraphs: the map
 * a PDF reader cuts the PDF with.  On error *m is left empty. */
izde_status izde_issue_map_read(const char *path, izde_issue_map *m,
                                izde_error *err);
void izde_issue_map_free(izde_issue_map *m);

#endif
