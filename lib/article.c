/* izde — the article model, file reading, and the text-export parser. */
#include "izde/article.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "izde/encoding.h"
#include "izde/issue_xml.h"
#include "izde/lang.h"
#include "izde/pdf.h"
#include "izde/utf8.h"

void izde_article_init(izde_article *a)
{
    memset(a, 0, sizeof *a);
}

void izde_article_detect_lang(izde_article *a)
{
    if (a->lang[0])
        return;
    /* The body tells; a title alone is a weak witness, so it only counts
     * when there is no body. */
    const char *t = a->body && a->body[0] ? a->body : a->title ? a->title : "";
    memcpy(a->lang, izde_lang_code(izde_detect_lang(t, strlen(t))), 3);
}

void izde_article_clear(izde_article *a)
{
    free(a->id);
    free(a->path);
    free(a->title);
    free(a->rubric);
    free(a->issue);
    free(a->capture_issue);
    free(a->author);
    free(a->pages);
    free(a->body);
    free(a->warnings);
    izde_article_init(a);
}

void izde_article_warn(izde_article *a, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    char *name = izde_utf8_escape_name(a->path ? a->path : "(input)");
    size_t old = a->warnings ? strlen(a->warnings) : 0;
    size_t add = (name ? strlen(name) : 0) + strlen(msg) + 4;
    char *w = realloc(a->warnings, old + add);
    if (w) {
        snprintf(w + old, add, "%s: %s\n", name ? name : "", msg);
        a->warnings = w;
    }
    free(name);
}

/* ---- files --------------------------------------------------------------- */

static unsigned long long max_size = IZDE_MAX_FILE_SIZE;
void izde_article_set_max_size(unsigned long long bytes) { max_size = bytes; }
unsigned long long izde_article_max_size(void) { return max_size; }

/* The formats of one article a file, by file name extension: each parses
 * valid UTF-8 into the article; `charset`, if any, finds the charset the
 * file declares for itself (before decoding, on the raw bytes). */
typedef izde_status (*text_parser)(const char *buf, size_t len,
                                   izde_article *a, izde_error *err);
typedef int (*charset_sniffer)(const char *buf, size_t len, char *out, size_t cap);
/* A format of many articles a file reads the file itself
 * (izde_read_articles' contract). */
typedef int (*file_reader)(const char *path, const char *id, izde_article_fn fn,
                           void *ctx, izde_error *err);
static int read_issue_xml(const char *path, const char *id, izde_article_fn fn, void *ctx,
                          izde_error *err);
static const struct format {
    const char *ext;
    text_parser parse;
    charset_sniffer charset;
    file_reader read;
} formats[] = {
    {".txt", izde_parse_text_export, NULL, NULL},
    {".html", izde_parse_html, izde_html_declared_charset, NULL},
    {".htm", izde_parse_html, izde_html_declared_charset, NULL},
    {".xml", NULL, NULL, read_issue_xml},
    {".pdf", NULL, NULL, izde_pdf_read_articles},
};

static const struct format *format_of(const char *path)
{
    size_t n = strlen(path);
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
        size_t e = strlen(formats[i].ext);
        if (n > e && strcasecmp(path + n - e, formats[i].ext) == 0)
            return &formats[i];
    }
    return NULL;
}

int izde_article_is_supported(const char *path) { return format_of(path) != NULL; }

static izde_status read_all(const char *path, const char *name, char **out, size_t *out_len,
                            izde_error *err)
{
    /* O_NONBLOCK: a FIFO given by name must not hang the run in open(). */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return izde_fail(err, IZDE_ERR_IO, "%s: cannot open: %s", name, strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return izde_fail(err, IZDE_ERR_IO, "%s: not a regular file", name);
    }
    if ((unsigned long long)st.st_size > max_size) {
        close(fd);
        return izde_fail(err, IZDE_ERR_FORMAT,
                         "%s: %lld bytes is over the limit of %llu bytes (--max-size)", name,
                         (long long)st.st_size, max_size);
    }
    size_t cap = (size_t)st.st_size + 1, n = 0;
    char *buf = malloc(cap);
    if (!buf) {
        close(fd);
        return izde_fail(err, IZDE_ERR_NOMEM, "%s: out of memory", name);
    }
    for (;;) {
        ssize_t r = read(fd, buf + n, cap - 1 - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            int e = errno;
            free(buf);
            close(fd);
            return izde_fail(err, IZDE_ERR_IO, "%s: read error: %s", name, strerror(e));
        }
        if (r == 0 || n + (size_t)r == cap - 1) {
            n += (size_t)r;
            break; /* a file that grew meanwhile is read to its old size */
        }
        n += (size_t)r;
    }
    close(fd);
    buf[n] = '\0';
    *out = buf;
    *out_len = n;
    return IZDE_OK;
}

/* Binary: NUL bytes, or control characters other than white space in more
 * than 1 % of the first 64 KiB (text never has them; images, archives and
 * executables do).  A UTF-16 file (with its BOM) is decoded first. */
static const char *binary_reason(const char *buf, size_t len)
{
    if (memchr(buf, '\0', len))
        return "binary file (NUL bytes)";
    size_t n = len < 65536 ? len : 65536, ctl = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)buf[i];
        ctl += c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1B;
        ctl += c == 0x7F;
    }
    return ctl * 100 > n ? "binary file (control characters)" : NULL;
}

static int has_utf16_bom(const char *buf, size_t len)
{
    const unsigned char *b = (const unsigned char *)buf;
    return len >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF));
}

/* Cuts a title over IZDE_TITLE_MAX_CHARS characters at the last space
 * before the limit (or at the limit) and moves the rest to the body. */
static izde_status limit_title(izde_article *a, const char *name, izde_error *err)
{
    size_t chars = 0, cut = 0, space = 0, i = 0, len = strlen(a->title);
    for (; i < len; i++) {
        if (((unsigned char)a->title[i] & 0xC0) == 0x80)
            continue;
        if (chars == IZDE_TITLE_MAX_CHARS)
            cut = i;
        if (a->title[i] == ' ' && chars <= IZDE_TITLE_MAX_CHARS)
            space = i;
        chars++;
    }
    if (chars <= IZDE_TITLE_MAX_CHARS)
        return IZDE_OK;
    if (space > cut / 2)
        cut = space;
    size_t rest_from = cut;
    while (a->title[rest_from] == ' ')
        rest_from++;
    size_t rest = len - rest_from, blen = a->body ? strlen(a->body) : 0;
    char *body = malloc(rest + 1 + blen + 1);
    if (!body)
        return izde_fail(err, IZDE_ERR_NOMEM, "%s: out of memory", name);
    memcpy(body, a->title + rest_from, rest);
    if (blen) {
        body[rest] = '\n';
        memcpy(body + rest + 1, a->body, blen + 1);
    } else {
        body[rest] = '\0';
    }
    free(a->body);
    a->body = body;
    a->title[cut] = '\0';
    izde_article_warn(a, "title of %zu characters cut to %d; the rest is read as body text",
                      chars, IZDE_TITLE_MAX_CHARS);
    return IZDE_OK;
}

/* What every article gets once its format has read it: a title of a sane
 * length, a real date or none, its id (`id`, escaped if not UTF-8), its
 * language. */
static izde_status finish_article(izde_article *a, const char *name, const char *id,
                                  izde_error *err)
{
    izde_status rc = limit_title(a, name, err);
    if (rc != IZDE_OK)
        return rc;
    if (a->date[0] && !izde_date_valid(a->date, strlen(a->date))) {
        izde_article_warn(a, "date \"%s\" is not a date; indexed without one", a->date);
        a->date[0] = '\0';
    }
    free(a->id);
    a->id = izde_utf8_escape_name(id);
    if (!a->id)
        return izde_fail(err, IZDE_ERR_NOMEM, "%s: out of memory", name);
    if (strcmp(a->id, id) != 0)
        izde_article_warn(a, "file name is not valid UTF-8; indexed as \"%s\"", a->id);
    izde_article_detect_lang(a);
    return IZDE_OK;
}

static izde_status read_file(const char *path, const char *name, const char *id,
                             izde_article *a, izde_error *err)
{
    const struct format *fmt = format_of(path);
    if (!fmt || !fmt->parse)
        return izde_fail(err, IZDE_ERR_FORMAT, "%s: not a format izde reads%s", name,
                         fmt ? " as one article" : "");
    char *raw = NULL;
    size_t len = 0;
    izde_status rc = read_all(path, name, &raw, &len, err);
    if (rc != IZDE_OK)
        return rc;
    const char *why = NULL;
    if (len == 0 || (len == 3 && memcmp(raw, "\xEF\xBB\xBF", 3) == 0))
        why = "empty file";
    else if (!has_utf16_bom(raw, len))
        why = binary_reason(raw, len);
    if (why) {
        free(raw);
        return izde_fail(err, IZDE_ERR_FORMAT, "%s: %s", name, why);
    }
    free(a->path);
    a->path = strdup(path);
    if (!a->path) {
        free(raw);
        return izde_fail(err, IZDE_ERR_NOMEM, "%s: out of memory", name);
    }
    char declared[64] = "";
    if (fmt->charset && !fmt->charset(raw, len, declared, sizeof declared))
        declared[0] = '\0';
    izde_decoded dec;
    rc = izde_decode(raw, len, declared[0] ? declared : NULL, name, &dec, err);
    free(raw);
    if (rc != IZDE_OK)
        return rc;
    if (dec.len && memchr(dec.text, '\0', dec.len)) {
        izde_decoded_clear(&dec);
        return izde_fail(err, IZDE_ERR_FORMAT, "%s: binary file (NUL characters)", name);
    }
    a->repaired = dec.repaired;
    if (dec.declared_ignored)
        izde_article_warn(a, "declares charset \"%s\" but was read as %s", declared,
                          dec.encoding);
    if (dec.repaired)
        izde_article_warn(a, "%zu invalid %s sequences replaced by U+FFFD", dec.repaired,
                          dec.encoding);
    rc = fmt->parse(dec.text, dec.len, a, err);
    izde_decoded_clear(&dec);
    if (rc != IZDE_OK)
        return rc;
    if (!a->title || !a->body)
        return izde_fail(err, IZDE_ERR_FORMAT, "%s: no text", name);
    if (a->title[0] == '\0' && a->body[0] == '\0')
        return izde_fail(err, IZDE_ERR_FORMAT, "%s: no text", name);
    return finish_article(a, name, id, err);
}

izde_status izde_article_read_file(const char *path, const char *id,
                                   izde_article *a, izde_error *err)
{
    char *name = izde_utf8_escape_name(path);
    if (!name)
        return izde_fail(err, IZDE_ERR_NOMEM, "out of memory");
    izde_status rc = read_file(path, name, id, a, err);
    free(name);
    return rc;
}

/* ---- issue XML: many articles a file -------------------------------------------- */

typedef struct issue_ctx {
    const char *path, *id;
    izde_article_fn fn;
    void *ctx;
    izde_error *err;
    int warned; /* the file's warnings were told */
} issue_ctx;

static char *dup_or_null(const char *s) { return s ? strdup(s) : NULL; }

/* One article of the issue becomes an izde_article with the issue's
 * fields; an article without paragraphs in an issue that has a PDF is the
 * PDF's (the PDF reader reads its text): it is not read from here. */
static int issue_article(void *c, const izde_issue *is, const izde_issue_article *x)
{
    issue_ctx *ic = c;
    if (!x->paragraphs && is->pdf)
        return 0;
    izde_article a;
    izde_article_init(&a);
    char *name = izde_utf8_escape_name(ic->path);
    size_t idlen = strlen(ic->id) + strlen(x->id) + 2;
    char *id = malloc(idlen);
    size_t issue_len = strlen(is->number) + strlen(is->serial) + 4;
    a.issue = malloc(issue_len);
    a.path = strdup(ic->path);
    a.title = strdup(x->title);
    a.body = strdup(x->body);
    a.author = dup_or_null(x->authors);
    a.rubric = dup_or_null(x->rubric);
    int rc = IZDE_ERR_NOMEM;
    if (name && id && a.issue && a.path && a.title && a.body && (a.author || !x->authors) &&
        (a.rubric || !x->rubric)) {
        snprintf(id, idlen, "%s#%s", ic->id, x->id);
        snprintf(a.issue, issue_len, "%s (%s)", is->number, is->serial);
        memcpy(a.date, x->date, sizeof a.date);
        memcpy(a.lang, x->lang, sizeof a.lang);
        if (is->warnings && !ic->warned++) /* the file's: told with its first article */
            a.warnings = strdup(is->warnings);
        if (!x->paragraphs)
            izde_article_warn(&a, "article %s (line %ld) has no paragraphs: only its title is indexed",
                              x->id, x->line);
        rc = finish_article(&a, name, id, ic->err);
        if (rc == IZDE_OK)
            rc = ic->fn(ic->ctx, &a);
    } else {
        izde_fail(ic->err, IZDE_ERR_NOMEM, "%s: out of memory", name ? name : "(file)");
    }
    izde_article_clear(&a);
    free(id);
    free(name);
    return rc;
}

static int read_issue_xml(const char *path, const char *id, izde_article_fn fn, void *ctx,
                          izde_error *err)
{
    issue_ctx ic = {.path = path, .id = id, .fn = fn, .ctx = ctx, .err = err};
    return izde_issue_xml_read(path, issue_article, &ic, err);
}

int izde_read_articles(const char *path, const char *id, izde_article_fn fn,
                       void *ctx, izde_error *err)
{
    const struct format *fmt = format_of(path);
    if (fmt && fmt->read)
        return fmt->read(path, id, fn, ctx, err);
    izde_article a;
    izde_article_init(&a);
    int rc = izde_article_read_file(path, id, &a, err);
    if (rc == IZDE_OK)
        rc = fn(ctx, &a);
    izde_article_clear(&a);
    return rc;
}
