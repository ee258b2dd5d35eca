/* izde — the bodies of the fuzz targets, shared by the libFuzzer programs
 * (tests/fuzz/fuzz_*.c) and the unit test that replays
 * tests/fuzz/regressions/TARGET/ (tests/unit/test_fuzz_regressions.c).
 * Each takes arbitrary bytes and must neither crash nor leak nor trip a
 * sanitizer; the outputs are checked for the invariants the rest of izde
 * relies on (valid UTF-8, NUL-terminated fields). */
#ifndef IZDE_FUZZ_HARNESS_H
#define IZDE_FUZZ_HARNESS_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <stdio.h>

#include "izde/analyzer.h"
#include "izde/article.h"
#include "izde/cgi.h"
#include "izde/encoding.h"
#include "izde/html.h"
#include "izde/issue_xml.h"
#include "izde/pdf.h"
#include "izde/render.h"
#include "izde/url.h"
#include "izde/utf8.h"

/* abort() so that libFuzzer and Check both see a failed invariant. */
#define FUZZ_CHECK(c) ((c) ? (void)0 : abort())

static inline void fuzz_check_article(const izde_article *a)
{
    FUZZ_CHECK(a->title != NULL && a->body != NULL);
    FUZZ_CHECK(izde_utf8_invalid(a->title, strlen(a->title)) == 0);
    FUZZ_CHECK(izde_utf8_invalid(a->body, strlen(a->body)) == 0);
    FUZZ_CHECK(a->date[0] == '\0' || izde_date_valid(a->date, strlen(a->date)));
    if (a->rubric)
        FUZZ_CHECK(izde_utf8_invalid(a->rubric, strlen(a->rubric)) == 0);
    if (a->author)
        FUZZ_CHECK(izde_utf8_invalid(a->author, strlen(a->author)) == 0);
}

/* The parsers take valid UTF-8: repair first, as izde_article_read_file
 * does. */
static inline int fuzz_parser(const uint8_t *data, size_t size,
                       izde_status (*parse)(const char *, size_t, izde_article *,
                                            izde_error *))
{
    size_t len;
    char *text = izde_utf8_repair((const char *)data, size, &len, NULL);
    if (!text)
        return 0;
    izde_article a;
    izde_article_init(&a);
    izde_error err;
    if (parse(text, len, &a, &err) == IZDE_OK)
        fuzz_check_article(&a);
    izde_article_clear(&a);
    free(text);
    return 0;
}

static inline int fuzz_text_export(const uint8_t *data, size_t size)
{
    return fuzz_parser(data, size, izde_parse_text_export);
}

/* The HTML parser, and the charset sniffer on the same bytes. */
static inline int fuzz_html(const uint8_t *data, size_t size)
{
    char cs[64];
    if (izde_html_declared_charset((const char *)data, size, cs, sizeof cs))
        FUZZ_CHECK(strlen(cs) < sizeof cs);
    return fuzz_parser(data, size, izde_parse_html);
}

/* What the issue XML reader hands over is what its header promises. */
static inline int fuzz_issue_article(void *ctx, const izde_issue *is, const izde_issue_article *a)
{
    FUZZ_CHECK(is->date[0] == '\0' || izde_date_valid(is->date, strlen(is->date)));
    FUZZ_CHECK(a->id[0] && strspn(a->id, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                         "0123456789._-") == strlen(a->id));
    FUZZ_CHECK(a->title[0] && izde_utf8_invalid(a->title, strlen(a->title)) == 0);
    FUZZ_CHECK(izde_utf8_invalid(a->body, strlen(a->body)) == 0);
    FUZZ_CHECK((a->paragraphs == 0) == (a->body[0] == '\0'));
    FUZZ_CHECK(!a->authors || (a->authors[0] && izde_utf8_invalid(a->authors, strlen(a->authors)) == 0));
    FUZZ_CHECK(!a->rubric || (a->rubric[0] && izde_utf8_invalid(a->rubric, strlen(a->rubric)) == 0));
    FUZZ_CHECK(a->date[0] == '\0' || izde_date_valid(a->date, strlen(a->date)));
    FUZZ_CHECK(a->first_page <= a->last_page);
    (*(size_t *)ctx)++;
    return 0;
}

/* The issue XML reader (streaming, validating) on raw bytes. */
static inline int fuzz_issue_xml(const uint8_t *data, size_t size)
{
    size_t n = 0;
    izde_error err;
    int rc = izde_issue_xml_read_memory((const char *)data, size, "fuzz", fuzz_issue_article, &n,
                                        &err);
    FUZZ_CHECK(rc == 0 ? n > 0 : rc < 0 && strncmp(err.msg, "fuzz: ", 6) == 0);
    return 0;
}

static inline int fuzz_count_word(void *ctx, const izde_token *tok)
{
    izde_terms t;
    izde_word_terms(tok, &t);
    FUZZ_CHECK(t.raw_len <= IZDE_WORD_MAX && t.stem_len <= IZDE_WORD_MAX &&
               t.kbd_len <= IZDE_WORD_MAX);
    FUZZ_CHECK(tok->start <= tok->end);
    (*(size_t *)ctx)++;
    return 0;
}

/* The analyzer on raw bytes (it repairs invalid UTF-8 itself). */
static inline int fuzz_analyzer(const uint8_t *data, size_t size)
{
    static izde_analyzer *an; /* kept: ICU set-up is the slow part */
    izde_error err;
    if (!an && izde_analyzer_new(&an, &err) != IZDE_OK)
        abort();
    size_t words = 0, repaired = 0;
    izde_analyze(an, (const char *)data, size, 1, fuzz_count_word, &words, &repaired, &err);
    return 0;
}

/* Charset detection and conversion.  The first byte k says how many of
 * the next bytes are a declared charset name (k >= 16: none). */
static inline int fuzz_decode(const uint8_t *data, size_t size)
{
    char declared[16] = "";
    if (size > 0) {
        size_t k = data[0];
        data++;
        size--;
        if (k < sizeof declared && k <= size) {
            memcpy(declared, data, k);
            declared[k] = '\0';
            data += k;
            size -= k;
        }
    }
    izde_decoded d;
    izde_error err;
    if (izde_decode((const char *)data, size, declared[0] ? declared : NULL, "fuzz", &d,
                    &err) == IZDE_OK) {
        FUZZ_CHECK(d.text && d.text[d.len] == '\0');
        FUZZ_CHECK(izde_utf8_invalid(d.text, d.len) == 0);
    }
    izde_decoded_clear(&d);
    return 0;
}

/* The CGI's request parsing and the pages built from what it accepts, and
 * the escapers on the raw bytes: the page is valid UTF-8 and holds no
 * markup of the input's; escaped text holds no < > " '; percent-encoded
 * text only unreserved characters and %XX. */
static inline int fuzz_cgi(const uint8_t *data, size_t size)
{
    char *qs = malloc(size + 1), *buf = NULL;
    size_t n = 0;
    FUZZ_CHECK(qs != NULL);
    memcpy(qs, data, size);
    qs[size] = '\0';
    izde_cgi_params p;
    izde_error err;
    izde_status rc = izde_cgi_parse(qs, &p, &err);
    FILE *f = open_memstream(&buf, &n);
    FUZZ_CHECK(f != NULL);
    izde_html_site site = {.tmpl = "<p>{{title}}|{{css}}|{{query}}</p>{{form}}{{main}}{{facets}}",
                           .css_href = "/izde.css", .article_url = "/a/{path}"};
    izde_html_request req = {.query = p.q ? p.q : "", .page = p.page ? p.page : 1,
                             .per_page = p.n ? p.n : 10, .sort_date = p.sort_date,
                             .from = p.from, .to = p.to, .rubric = p.rubric, .year = p.year};
    izde_results zero = {0};
    if (rc == IZDE_OK)
        izde_render_html(f, &site, &req, &zero);
    izde_render_html_message(f, &site, &req, rc == IZDE_OK ? "ok" : err.msg, qs);
    FUZZ_CHECK(fclose(f) == 0);
    FUZZ_CHECK(izde_utf8_invalid(buf, n) == 0);
    FUZZ_CHECK(!strstr(buf, "<script") && !strstr(buf, "<img") && !strstr(buf, "<svg"));
    free(buf);
    izde_cgi_params_free(&p);
    free(qs);

    buf = NULL;
    f = open_memstream(&buf, &n);
    FUZZ_CHECK(f != NULL);
    izde_html_escape(f, (const char *)data, size);
    FUZZ_CHECK(fclose(f) == 0);
    FUZZ_CHECK(izde_utf8_invalid(buf, n) == 0 && !memchr(buf, '<', n) && !memchr(buf, '>', n) &&
               !memchr(buf, '"', n) && !memchr(buf, '\'', n) && !memchr(buf, 0, n));
    free(buf);
    buf = NULL;
    f = open_memstream(&buf, &n);
    FUZZ_CHECK(f != NULL);
    izde_url_encode_path(f, (const char *)data, size);
    FUZZ_CHECK(fclose(f) == 0);
    FUZZ_CHECK(strspn(buf, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~%/") == n);
    FUZZ_CHECK(n == 0 || buf[0] != '/');
    FUZZ_CHECK(!strstr(buf, "//"));
    free(buf);
    return 0;
}

/* The PDF reader on bytes (poppler parses them): every hit is a valid
 * article with its pages. */
static inline int fuzz_pdf_hit(void *ctx, izde_article *a)
{
    (void)ctx;
    fuzz_check_article(a);
    FUZZ_CHECK(a->id && a->pages && a->pages[0] >= '1' && a->pages[0] <= '9');
    return 0;
}

static inline int fuzz_pdf(const uint8_t *data, size_t size)
{
    izde_error err;
    izde_pdf_read_data((const char *)data, size, "fuzz.pdf", "fuzz.pdf", fuzz_pdf_hit, NULL, &err);
    return 0;
}

#endif
