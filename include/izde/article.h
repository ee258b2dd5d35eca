/* izde — the article model and the archive's file formats.
 *
 * An article is what one search hit stands for: a text export of a page of
 * the magazine's site, a page of the site as HTML, a plain text file, or an
 * article of an issue XML file (include/izde/issue_xml.h).
 *
 * Reading a file: its bytes (at most izde_article_max_size()) are decoded to
 * UTF-8 (include/izde/encoding.h: BOM, declared charset, cp1251/KOI8-R),
 * refused if empty or binary, and parsed by the parser its extension names
 * (the formats[] table of lib/article.c; an issue XML file is streamed by
 * its own reader instead).  A parser fills the fields and
 * may add warnings; what is wrong but readable is indexed with a warning,
 * what is not readable fails with a message naming the file. */
#ifndef IZDE_ARTICLE_H
#define IZDE_ARTICLE_H

#include <stddef.h>

#include "izde/status.h"

/* Files over this size are refused (a 50 MB "article" is a mistake); the
 * default of izde_article_max_size(), izde-index --max-size changes it. */
#define IZDE_MAX_FILE_SIZE (16u * 1024u * 1024u)

/* A title longer than this many characters is cut (at a word boundary when
 * there is one) and the rest goes to the start of the body: a 10 000-
 * character "title" is body text that lost its markup. */
#define IZDE_TITLE_MAX_CHARS 500

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
    char *pages;     /* the printed issue's pages a hit covers: "14",
                        "14-17"; NULL for files that are not pages (PDF) */
    char lang[3];    /* "ky", "ru"; "" until set by a format (HTML's
                        <html lang>) or izde_article_detect_lang() */
    char *body;      /* paragraphs separated by "\n" */
    size_t repaired; /* invalid UTF-8 sequences replaced by U+FFFD */
    char *warnings;  /* NULL, or "\n"-terminated messages, each naming the
                        file: what was wrong but still indexed */
} izde_article;

void izde_article_init(izde_article *a);
/* Frees every field and re-initialises. */
void izde_article_clear(izde_article *a);
/* Sets an empty `lang` from the text (izde_detect_lang): ky or ru.  Done by
 * izde_article_read_file() after parsing, and by izde_document_build(). */
void izde_article_detect_lang(izde_article *a);

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

/* Parses a page of the site as HTML (libxml2's HTML parser, no network,
 * no entity loading): title (<h1>, og:title, <title> without the site's
 * name), date (article:published_time, <time datetime>, a visible
 * YYYY-MM-DD or "13 Февраль 2024"), rubric (article:section, breadcrumb,
 * "YYYY-MM-DD / Rubric"), author (meta author, byline), language (<html
 * lang>), body from <article>, <main> or the largest text block, never from
 * navigation, header, footer, scripts, styles, forms, asides or the
 * related-links block.  `buf` must be valid UTF-8 (the file's <meta
 * charset> is applied before: izde_html_declared_charset()).  Broken markup
 * is read as far as it goes, with warnings in a->warnings. */
izde_status izde_parse_html(const char *buf, size_t len, izde_article *a,
                            izde_error *err);

/* The charset an HTML file declares in its first 4096 bytes (<meta
 * charset=X>, or http-equiv Content-Type "...; charset=X") into `out`;
 * returns 0 if there is none. */
int izde_html_declared_charset(const char *buf, size_t len, char *out,
                               size_t cap);

/* A date written in text at s[0..len): "2024-02-13", "13 Февраль 2024",
 * "31 Января 2024" (Russian nominative and genitive, the site's Kyrgyz
 * "Февраль", the Kyrgyz names "Бирдин айы", "Жалган куран" ...), case
 * ignored.  Writes YYYY-MM-DD to out and returns the bytes the date took, or
 * 0 if s does not start with a real calendar date. */
size_t izde_date_from_text(const char *s, size_t len, char out[11]);

/* Appends a warning "<file>: <message>" to a->warnings (the file is a->path,
 * with bytes that are not UTF-8 escaped as %XX). */
void izde_article_warn(izde_article *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The size limit of izde_article_read_file(), IZDE_MAX_FILE_SIZE unless
 * set; set it once at start-up (it is process-wide). */
void izde_article_set_max_size(unsigned long long bytes);
unsigned long long izde_article_max_size(void);

/* Reads the one article of `path` (UTF-8 with or without BOM; invalid
 * sequences repaired and counted in a->repaired; legacy charsets converted)
 * and parses it by its extension; sets a->id to `id` (bytes that are not
 * UTF-8 escaped as %XX, with a warning) and a->path to `path`.
 * IZDE_ERR_IO / IZDE_ERR_FORMAT name the file and the cause (an issue XML
 * file is "not a format izde reads as one article": izde_read_articles()
 * reads it). */
izde_status izde_article_read_file(const char *path, const char *id,
                                   izde_article *a, izde_error *err);

/* Whether a file name has an extension izde reads (.txt, .html, .htm,
 * .xml, .pdf). */
int izde_article_is_supported(const char *path);

/* Called for each article of a file; a non-zero return stops the reading
 * and is returned by izde_read_articles().  The article is cleared after
 * the call: take what you need. */
typedef int (*izde_article_fn)(void *ctx, izde_article *a);

/* Reads every article of `path` (one for a text export or a page; an issue
 * XML file holds many, each with id "`id`#article-id" and the issue's
 * fields, and gives none if it has an error anywhere, or is a PDF's map)
 * and calls `fn` for each.  Returns IZDE_OK, a negative status with `err`
 * naming the file and the cause, or fn's non-zero value. */
int izde_read_articles(const char *path, const char *id, izde_article_fn fn,
                       void *ctx, izde_error *err);

/* Whether s[0..len) is an issue line: "2 (148) 13 Февраль 2024", "2 (148)
 * 31 Января 2024", "2-3(100-101) 12 Март 2020"; writes "2 (148)
 * 2024-02-13" to out. */
int izde_issue_line(const char *s, size_t len, char out[64]);

/* Checks "YYYY-MM-DD" is a real calendar date. */
int izde_date_valid(const char *s, size_t len);

#endif
