/* izde — the article model and the archive's file formats.
 *
 * An article is what one search hit stands for: a text export of a page of
 * the magazine's site, or a plain text file. */
#ifndef IZDE_ARTICLE_H
#define IZDE_ARTICLE_H

#include <stddef.h>

#include "izde/status.h"

/* Files over this size are refused (a 50 MB "article" is a mistake). */
#define IZDE_MAX_FILE_SIZE (16u * 1024u * 1024u)

typedef struct izde_article {
    char *id;        /* unique id: the path relative to the indexed root */
    char *path;      /* the file as given on the command line walk */
    char *title;     /* "" when unknown */
    char date[11];   /* YYYY-MM-DD, or "" */
    char *rubric;    /* NULL when unknown */
    char *issue;     /* the article's own issue ("2 (148)"), NULL if unknown;
                        never taken from a page's masthead (capture_issue) */
    char *capture_issue; /* the issue current when the page was captured,
                        from its issue line: "2 (148) 2024-02-13",
                        "2-3 (100-101) 2020-03-12"; NULL if none */
    char *author;    /* NULL when unknown */
    char lang[3];    /* "ky", "ru" */
    char *body;      /* paragraphs separated by "\n" */
    size_t repaired; /* invalid UTF-8 sequences replaced by U+FFFD */
} izde_article;

void izde_article_init(izde_article *a);
/* Frees every field and re-initialises. */
void izde_article_clear(izde_article *a);

/* Parses the site's text export in any of the layouts the site has used
 * (README "Text export"): masthead (issue line, ISSN, registration, "dpi",
 * slogan; Kyrgyz or Russian), breadcrumb, title, "YYYY-MM-DD / Rubric",
 * title again, author and credit lines, body, related-links block — each
 * part optional — or a plain text whose first non-empty line is its title.
 * `buf` must be valid UTF-8.  Fills title, date, rubric, author,
 * capture_issue, lang and body (never issue); title and body are repaired
 * by izde_text_repair(). */
izde_status izde_parse_text_export(const char *buf, size_t len,
                                   izde_article *a, izde_error *err);

/* Reads `path` (UTF-8 with or without BOM; invalid sequences repaired and
 * counted in a->repaired) and parses it by its extension; sets a->id to
 * `id` and a->path to `path`.  IZDE_ERR_IO / IZDE_ERR_FORMAT name the file
 * and the cause. */
izde_status izde_article_read_file(const char *path, const char *id,
                                   izde_article *a, izde_error *err);

/* Whether a file name has an extension izde reads (.txt). */
int izde_article_is_supported(const char *path);

/* Called for each article of a file; a non-zero return stops the reading
 * and is returned by izde_read_articles().  The article is cleared after
 * the call: take what you need. */
typedef int (*izde_article_fn)(void *ctx, izde_article *a);

/* Reads every article of `path` (one for a text export; a file of an issue
 * may hold many, each with id "`id`#article-id") and calls `fn` for each.
 * Returns IZDE_OK, a negative status with `err` naming the file and the
 * cause, or fn's non-zero value. */
int izde_read_articles(const char *path, const char *id, izde_article_fn fn,
                       void *ctx, izde_error *err);

/* Checks "YYYY-MM-DD" is a real calendar date. */
int izde_date_valid(const char *s, size_t len);

#endif
