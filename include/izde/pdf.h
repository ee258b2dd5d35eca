/* izde — the magazine's printed issues as PDF (poppler's C API).
 *
 * A PDF is read page by page: each page's text in reading order (the
 * columns of a band followed top to bottom, then the next column; a line
 * across the page starts a new band), print hyphenation joined, running
 * heads and feet and page numbers dropped.  Its hits (README "Printed
 * issues (PDF)"):
 *   - the articles of its table of contents, when a page of the first six
 *     has one (a heading "Мазмуну" / "Содержание" / "Contents" and lines
 *     "Title ....... 14", or mostly such lines): article k covers its page
 *     to the page before the next article's; id "ID#aK", title and rubric
 *     from the contents;
 *   - else, and for the pages before the first article, each page: id
 *     "ID#pN", title its heading (the first lines set larger than the
 *     page's body text) or "".
 * Each hit knows its pages ("14", "14-17") and its issue ("2 (148)", the
 * date) from an issue line on the cover ("2 (148) 13 Февраль 2024") or the
 * file name "YYYY-NN-SSS.pdf" (year, number within the year, serial).
 * Pages are the PDF's pages, counted from 1: the magazine numbers its pages
 * from the cover. */
#ifndef IZDE_PDF_H
#define IZDE_PDF_H

#include <stddef.h>

#include "izde/article.h"

/* The defaults of izde_pdf_max_pages() and izde_pdf_max_size():
 * izde-index --max-pages and --max-pdf-size change them. */
#define IZDE_PDF_MAX_PAGES 2000u
#define IZDE_PDF_MAX_SIZE (256ull * 1024 * 1024)

/* Pages past the limit are not read (a warning says so); a file over the
 * size limit is refused.  Process-wide; set them once at start-up. */
void izde_pdf_set_max_pages(unsigned pages);
unsigned izde_pdf_max_pages(void);
void izde_pdf_set_max_size(unsigned long long bytes);
unsigned long long izde_pdf_max_size(void);

/* Reads the PDF `path` and calls `fn` for each hit (izde_read_articles()'s
 * contract; `id` the file's id).  IZDE_ERR_FORMAT naming the file: not a
 * PDF poppler can read, encrypted, no page, no text layer on any page
 * ("needs OCR"); IZDE_ERR_IO: cannot open. */
int izde_pdf_read_articles(const char *path, const char *id, izde_article_fn fn,
                           void *ctx, izde_error *err);

/* The same from memory; `name` stands for the file (messages, the file-name
 * convention).  For the fuzz target. */
int izde_pdf_read_data(const char *data, size_t len, const char *name,
                       const char *id, izde_article_fn fn, void *ctx,
                       izde_error *err);

/* The issue a PDF's file name gives by the convention "YYYY-NN-SSS.pdf"
 * (any folders before it): 1 and year, number, serial set, or 0. */
int izde_pdf_name_issue(const char *path, int *year, int *number, int *serial);

#endif
