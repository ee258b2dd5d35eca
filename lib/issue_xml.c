/* izde — the issue XML reader (include/izde/issue_xml.h).
 *
 * libxml2's xmlTextReader pulls one node at a time from a push parser fed
 * in small chunks, and frees the nodes it has passed: memory is that of
 * the current article.  The schema (schema/izde-issue.rng, linked in by
 * lib/issue_schema.S) is set on the reader, which validates each element
 * as it is pushed and popped; the root's content model compiles to an
 * automaton, so the root is never expanded into a tree (only a <p> or a
 * <title>, whose content is mixed or typed, is).  A first pass validates
 * the whole file; the second hands the articles over, each at the node
 * after its end tag (its own end is validated when the reader leaves it). */
#include "izde/issue_xml.h"

#include <errno.h>
#include <fcntl.h>
#include <libxml/relaxng.h>
#include <libxml/xmlreader.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "izde/article.h"
#include "izde/encoding.h"
#include "izde/utf8.h"

extern const char izde_issue_schema_data[], izde_issue_schema_data_end[];

/* ---- the schema, parsed once ------------------------------------------------- */

static xmlRelaxNGPtr schema;
static pthread_once_t schema_once = PTHREAD_ONCE_INIT;

static void parse_schema(void)
{
    xmlInitParser();
    xmlRelaxNGParserCtxtPtr pc = xmlRelaxNGNewMemParserCtxt(
        izde_issue_schema_data, (int)(izde_issue_schema_data_end - izde_issue_schema_data));
    if (pc) {
        schema = xmlRelaxNGParse(pc);
        xmlRelaxNGFreeParserCtxt(pc);
    }
}

/* ---- a growing string --------------------------------------------------------- */

typedef struct sbuf {
    char *s;
    size_t n, cap;
} sbuf;

static int sb_put(sbuf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 128;
        while (cap < b->n + n + 1)
            cap *= 2;
        char *p = realloc(b->s, cap);
        if (!p)
            return -1;
        b->s = p;
        b->cap = cap;
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = '\0';
    return 0;
}

/* Appends text with each run of white space as one space; `*space` carries
 * a pending space across calls (text split by inline elements). */
static int sb_text(sbuf *b, const char *s, int *space)
{
    while (*s) {
        size_t ws = strspn(s, " \t\r\n");
        if (ws) {
            *space = 1;
            s += ws;
            continue;
        }
        size_t w = strcspn(s, " \t\r\n");
        if (*space && b->n && b->s[b->n - 1] != '\n' && sb_put(b, " ", 1))
            return -1;
        *space = 0;
        if (sb_put(b, s, w))
            return -1;
        s += w;
    }
    return 0;
}

/* ---- the ids of an issue ------------------------------------------------------- */

typedef struct idset {
    char **v;
    size_t cap, n;
} idset;

static size_t id_hash(const char *s)
{
    size_t h = 14695981039346656037u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

/* 1 if added, 0 if already there, -1 on OOM. */
static int idset_add(idset *set, const char *id)
{
    if (2 * (set->n + 1) > set->cap) {
        size_t cap = set->cap ? 2 * set->cap : 64;
        char **v = calloc(cap, sizeof *v);
        if (!v)
            return -1;
        for (size_t i = 0; i < set->cap; i++)
            if (set->v[i]) {
                size_t j = id_hash(set->v[i]) & (cap - 1);
                while (v[j])
                    j = (j + 1) & (cap - 1);
                v[j] = set->v[i];
            }
        free(set->v);
        set->v = v;
        set->cap = cap;
    }
    size_t j = id_hash(id) & (set->cap - 1);
    for (; set->v[j]; j = (j + 1) & (set->cap - 1))
        if (strcmp(set->v[j], id) == 0)
            return 0;
    if (!(set->v[j] = strdup(id)))
        return -1;
    set->n++;
    return 1;
}

static void idset_free(idset *set)
{
    for (size_t i = 0; i < set->cap; i++)
        free(set->v[i]);
    free(set->v);
}

/* ---- reading ----------------------------------------------------------------------- */

enum field { F_NONE, F_TITLE, F_AUTHOR, F_RUBRIC, F_P };

typedef struct reader {
    xmlTextReaderPtr r;
    const char *name; /* the file, for messages */
    izde_error *err;
    int failed;       /* an error is in *err */
    izde_status code; /* its code */
    izde_issue issue;
    char *pdf;
    sbuf warnings;
    /* the article being read, then waiting to be handed over */
    sbuf id, title, authors, rubric, body, field_text;
    izde_issue_article art;
    enum field field;
    int space, pending;
    idset ids;
} reader;

static void fail(reader *x, izde_status code, long line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void fail(reader *x, izde_status code, long line, const char *fmt, ...)
{
    if (x->failed)
        return;
    x->failed = 1;
    x->code = code;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (line > 0)
        izde_fail(x->err, code, "%s: line %ld: %s", x->name, line, msg);
    else
        izde_fail(x->err, code, "%s: %s", x->name, msg);
}

static void oom(reader *x) { fail(x, IZDE_ERR_NOMEM, 0, "out of memory"); }

/* libxml2's messages end with a newline and may hold more: one line. */
static void flatten(char *s)
{
    size_t n = strlen(s);
    while (n && (s[n - 1] == '\n' || s[n - 1] == ' '))
        s[--n] = '\0';
    for (char *p = s; *p; p++)
        if (*p == '\n')
            *p = ' ';
}

static long line_of(reader *x, const xmlNode *n);

/* The first error of the parser or the validator is the file's. */
static void on_error(void *ctx, xmlErrorPtr e)
{
    reader *x = ctx;
    if (x->failed || e->level < XML_ERR_ERROR)
        return;
    char msg[400];
    snprintf(msg, sizeof msg, "%s", e->message ? e->message : "error");
    flatten(msg);
    long line = e->line;
    if (e->domain == XML_FROM_RELAXNGV) {
        const xmlNode *n = e->node;
        if (line <= 0)
            line = line_of(x, n);
        const char *el = n && n->name ? (const char *)n->name : "?";
        /* What the schema wants, where libxml2 does not say it. */
        const char *hint = !strstr(msg, "attributes")       ? ""
                           : strstr(msg, "lement issue ")   ? " (issue needs number, serial and date; "
                                                              "may have pdf and lang)"
                           : strstr(msg, "lement article ") ? " (article needs an id; may have date, "
                                                              "lang and pages)"
                                                            : "";
        if (strstr(msg, "datatype token")) /* a title, author or rubric of white space */
            fail(x, IZDE_ERR_FORMAT, line,
                 "does not match the issue schema: element %s is empty", el);
        else if (strstr(msg, "lement ")) /* the message names the element */
            fail(x, IZDE_ERR_FORMAT, line, "does not match the issue schema: %s%s", msg, hint);
        else
            fail(x, IZDE_ERR_FORMAT, line, "does not match the issue schema: element %s: %s%s",
                 el, msg, hint);
    } else if (e->code == XML_ERR_INVALID_CHAR || e->code == XML_ERR_INVALID_ENCODING) {
        fail(x, IZDE_ERR_FORMAT, line, "not in the declared encoding: %s", msg);
    } else if (e->code == XML_ERR_UNSUPPORTED_ENCODING) {
        fail(x, IZDE_ERR_FORMAT, line, "declares an encoding izde cannot read: %s", msg);
    } else if (e->code == XML_ERR_ENTITY_LOOP || e->code == XML_ERR_ENTITY_BOUNDARY) {
        fail(x, IZDE_ERR_FORMAT, line, "entity expansion refused: %s", msg);
    } else if (e->code == XML_ERR_INTERNAL_ERROR && strstr(msg, "depth")) {
        const char *d = strpbrk(msg, "0123456789"); /* libxml2's limit */
        fail(x, IZDE_ERR_FORMAT, line, "markup nested deeper than %d elements", d ? atoi(d) : 256);
    } else if (e->code == XML_ERR_DOCUMENT_END) { /* what the push parser says of both */
        fail(x, IZDE_ERR_FORMAT, line,
             "malformed or truncated XML: the file ends inside an element, or goes on after "
             "its root element (%s)", msg);
    } else if (e->code == XML_ERR_TAG_NOT_FINISHED ||
               e->code == XML_ERR_GT_REQUIRED || e->code == XML_ERR_LTSLASH_REQUIRED) {
        fail(x, IZDE_ERR_FORMAT, line, "malformed or truncated XML: %s", msg);
    } else {
        fail(x, IZDE_ERR_FORMAT, line, "malformed XML: %s", msg);
    }
}

/* A node's line; libxml2 keeps 16 bits of it in the node: past that, the
 * parser's line (a little ahead of the node). */
static long line_of(reader *x, const xmlNode *n)
{
    long line = n ? xmlGetLineNo(n) : 0;
    return line > 0 && line < 65535 ? line : xmlTextReaderGetParserLineNumber(x->r);
}

static long node_line(reader *x) { return line_of(x, xmlTextReaderCurrentNode(x->r)); }

/* The attribute `name` of the current element into out[cap] ("" if none);
 * 0 if it does not fit. */
static int attr_into(reader *x, const char *name, char *out, size_t cap)
{
    xmlChar *v = xmlTextReaderGetAttribute(x->r, (const xmlChar *)name);
    out[0] = '\0';
    if (!v)
        return 1;
    size_t n = strlen((const char *)v);
    int ok = n < cap;
    if (ok)
        memcpy(out, v, n + 1);
    xmlFree(v);
    return ok;
}

/* "14-17" or "14" into *lo, *hi (0 on anything else). */
static void numbers(const char *s, unsigned *lo, unsigned *hi)
{
    char *end;
    unsigned long a = strtoul(s, &end, 10), b = a;
    if (end != s && *end == '-')
        b = strtoul(end + 1, &end, 10);
    int ok = end != s && *end == '\0' && a > 0 && a < 1000000 && b < 1000000;
    *lo = ok ? (unsigned)a : 0;
    *hi = ok ? (unsigned)b : 0;
}

static void start_issue(reader *x)
{
    izde_issue *is = &x->issue;
    attr_into(x, "number", is->number, sizeof is->number);
    attr_into(x, "serial", is->serial, sizeof is->serial);
    attr_into(x, "date", is->date, sizeof is->date);
    attr_into(x, "lang", is->lang, sizeof is->lang);
    xmlChar *pdf = xmlTextReaderGetAttribute(x->r, (const xmlChar *)"pdf");
    if (pdf) {
        x->pdf = strdup((const char *)pdf);
        xmlFree(pdf);
        if (!x->pdf)
            oom(x);
    }
    is->pdf = x->pdf;
}

static void start_article(reader *x)
{
    x->id.n = x->title.n = x->authors.n = x->rubric.n = x->body.n = 0;
    izde_issue_article *a = &x->art;
    memset(a, 0, sizeof *a);
    a->line = node_line(x);
    xmlChar *id = xmlTextReaderGetAttribute(x->r, (const xmlChar *)"id");
    if (id && sb_put(&x->id, (const char *)id, strlen((const char *)id)))
        oom(x);
    xmlFree(id);
    if (!attr_into(x, "date", a->date, sizeof a->date))
        a->date[0] = '\0';
    if (!a->date[0])
        memcpy(a->date, x->issue.date, sizeof a->date);
    if (!attr_into(x, "lang", a->lang, sizeof a->lang))
        a->lang[0] = '\0';
    if (!a->lang[0])
        memcpy(a->lang, x->issue.lang, sizeof a->lang);
    char pages[16];
    if (attr_into(x, "pages", pages, sizeof pages) && pages[0]) {
        numbers(pages, &a->first_page, &a->last_page);
        if (a->last_page < a->first_page)
            fail(x, IZDE_ERR_FORMAT, a->line, "article %s: pages=\"%s\": the last page is before the first",
                 x->id.n ? x->id.s : "?", pages);
    }
}

/* The end of a field of the article (depth 2). */
static void end_field(reader *x)
{
    sbuf *dst = x->field == F_TITLE ? &x->title : x->field == F_RUBRIC ? &x->rubric : NULL;
    if (x->field == F_AUTHOR && x->field_text.n) {
        if ((x->authors.n && sb_put(&x->authors, "; ", 2)) ||
            sb_put(&x->authors, x->field_text.s, x->field_text.n))
            oom(x);
    } else if (x->field == F_P && x->field_text.n) {
        if ((x->body.n && sb_put(&x->body, "\n", 1)) ||
            sb_put(&x->body, x->field_text.s, x->field_text.n))
            oom(x);
        x->art.paragraphs++;
    } else if (dst && x->field_text.n) {
        dst->n = 0;
        if (sb_put(dst, x->field_text.s, x->field_text.n))
            oom(x);
    }
    x->field = F_NONE;
}

/* The article's end tag was read: checks what the schema cannot. */
static void end_article(reader *x)
{
    izde_issue_article *a = &x->art;
    a->id = x->id.n ? x->id.s : "";
    a->title = x->title.n ? x->title.s : "";
    a->authors = x->authors.n ? x->authors.s : NULL;
    a->rubric = x->rubric.n ? x->rubric.s : NULL;
    a->body = x->body.n ? x->body.s : "";
    if (!a->id[0] || !a->title[0]) {
        fail(x, IZDE_ERR_FORMAT, a->line, "article %s has no %s", a->id[0] ? a->id : "?",
             a->id[0] ? "title" : "id");
        return;
    }
    switch (idset_add(&x->ids, a->id)) {
    case -1: oom(x); return;
    case 0:
        fail(x, IZDE_ERR_FORMAT, a->line, "article id \"%s\" is used twice in the issue", a->id);
        return;
    }
    x->pending = 1;
}

static int text_node(int type)
{
    return type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
           type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE || type == XML_READER_TYPE_WHITESPACE;
}

static void on_node(reader *x)
{
    int type = xmlTextReaderNodeType(x->r), depth = xmlTextReaderDepth(x->r);
    const char *el = (const char *)xmlTextReaderConstLocalName(x->r);
    if (type == XML_READER_TYPE_DOCUMENT_TYPE) {
        fail(x, IZDE_ERR_FORMAT, 0, /* the prolog's: no line of its own */
             "a DOCTYPE is not allowed in issue XML (DTDs and entities are never read)");
    } else if (type == XML_READER_TYPE_ENTITY_REFERENCE) {
        fail(x, IZDE_ERR_FORMAT, node_line(x), "entity &%s; is not expanded", el ? el : "?");
    } else if (type == XML_READER_TYPE_ELEMENT) {
        int empty = xmlTextReaderIsEmptyElement(x->r) == 1;
        if (depth == 0 && el && strcmp(el, "issue") == 0)
            start_issue(x);
        else if (depth == 1)
            start_article(x);
        else if (depth == 2 && el) {
            x->field = strcmp(el, "title") == 0    ? F_TITLE
                       : strcmp(el, "author") == 0 ? F_AUTHOR
                       : strcmp(el, "rubric") == 0 ? F_RUBRIC
                       : strcmp(el, "p") == 0      ? F_P
                                                   : F_NONE;
            x->field_text.n = 0;
            x->space = 0;
        }
        /* An empty element has no end tag of its own. */
        if (empty && depth == 2)
            end_field(x);
        else if (empty && depth == 1)
            end_article(x);
    } else if (type == XML_READER_TYPE_END_ELEMENT) {
        if (depth == 2)
            end_field(x);
        else if (depth == 1)
            end_article(x);
    } else if (text_node(type) && x->field != F_NONE && depth >= 3) {
        const char *t = (const char *)xmlTextReaderConstValue(x->r);
        if (t && sb_text(&x->field_text, t, &x->space))
            oom(x);
        if (x->body.n + x->field_text.n > izde_article_max_size())
            fail(x, IZDE_ERR_FORMAT, node_line(x),
                 "article %s is over the limit of %llu bytes (--max-size)",
                 x->id.n ? x->id.s : "?", izde_article_max_size());
    }
}

static const char *find(const char *s, size_t n, const char *what)
{
    size_t k = strlen(what);
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(s + i, what, k) == 0)
            return s + i;
    return NULL;
}

/* The encoding to read the file in when its declaration is wrong (NULL:
 * as it says), judged on its first bytes like izde_decode() judges a page:
 * valid UTF-8 with non-ASCII bytes under a single-byte declaration is
 * UTF-8; bytes that are not UTF-8 under a UTF-8 declaration (or none) are
 * Windows-1251 or KOI8-R.  A byte order mark is left to libxml2. */
static const char *override_encoding(reader *x, const char *head, size_t n)
{
    const unsigned char *b = (const unsigned char *)head;
    if (n >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF)))
        return NULL;
    if (n >= 3 && memcmp(b, "\xEF\xBB\xBF", 3) == 0)
        return NULL;
    /* The declaration: <?xml ... encoding="X" ... ?> at the start. */
    char declared[40] = "";
    if (n > 5 && memcmp(head, "<?xml", 5) == 0) {
        const char *end = find(head, n < 512 ? n : 512, "?>");
        const char *e = end ? find(head, (size_t)(end - head), "encoding") : NULL;
        if (e) {
            e += 8;
            while (e < end && (*e == ' ' || *e == '=' || *e == '"' || *e == '\''))
                e++;
            size_t k = 0;
            while (e + k < end && k + 1 < sizeof declared && e[k] != '"' && e[k] != '\'')
                k++;
            memcpy(declared, e, k);
            declared[k] = '\0';
        }
    }
    int utf8_declared = !declared[0] || strcasecmp(declared, "UTF-8") == 0 ||
                        strcasecmp(declared, "UTF8") == 0;
    /* A sequence cut by the end of the head is not an error. */
    size_t m = n;
    for (size_t back = 0; back < 3 && m > 0 && (b[m - 1] & 0x80); back++) {
        m--;
        if ((b[m] & 0xC0) == 0xC0)
            break;
    }
    if (m < n && izde_utf8_seq(b + m, n - m) == n - m)
        m = n;
    /* Multi-byte UTF-8 sequences against bytes that are not UTF-8. */
    size_t multi = 0, bad = 0;
    for (size_t i = 0; i < m;) {
        if (b[i] < 0x80) {
            i++;
            continue;
        }
        size_t k = izde_utf8_seq(b + i, m - i);
        multi += k > 0;
        bad += k == 0;
        i += k ? k : 1;
    }
    const char *use = NULL;
    if (multi && !bad) {
        if (!utf8_declared && strncasecmp(declared, "UTF-16", 6) != 0 &&
            strncasecmp(declared, "UTF16", 5) != 0)
            use = "UTF-8";
    } else if (bad > multi && utf8_declared) {
        /* Damaged UTF-8 (more good sequences than bad bytes) is left to
         * fail where it is broken: XML has no repair. */
        use = izde_guess_cyrillic(head, m);
    }
    if (use) {
        char w[200];
        if (declared[0])
            snprintf(w, sizeof w, "%s: declares encoding \"%s\" but is %s: read as %s\n", x->name,
                     declared, strcmp(use, "UTF-8") ? "not UTF-8" : "UTF-8", use);
        else
            snprintf(w, sizeof w, "%s: is not UTF-8 and declares no encoding: read as %s\n",
                     x->name, use);
        if (sb_put(&x->warnings, w, strlen(w)))
            oom(x);
    }
    return use;
}

/* One pass over the file; fn NULL: only validate. */
static int run(reader *x, izde_issue_fn fn, void *ctx)
{
    pthread_once(&schema_once, parse_schema);
    if (!schema)
        return izde_fail(x->err, IZDE_ERR_NOMEM, "%s: the built-in issue schema did not load",
                         x->name);
    xmlTextReaderSetStructuredErrorHandler(x->r, on_error, x);
    if (xmlTextReaderRelaxNGSetSchema(x->r, schema) != 0)
        return izde_fail(x->err, IZDE_ERR_NOMEM, "%s: cannot set the issue schema", x->name);
    int ret, rc;
    while ((ret = xmlTextReaderRead(x->r)) == 1 && !x->failed) {
        /* The article whose end tag came last was validated by this read. */
        if (x->pending && fn && (rc = fn(ctx, &x->issue, &x->art)) != 0)
            return rc;
        x->pending = 0;
        on_node(x);
    }
    if (!x->failed && ret < 0)
        fail(x, IZDE_ERR_FORMAT, xmlTextReaderGetParserLineNumber(x->r), "malformed XML");
    if (!x->failed && xmlTextReaderIsValid(x->r) != 1)
        fail(x, IZDE_ERR_FORMAT, xmlTextReaderGetParserLineNumber(x->r),
             "does not match the issue schema");
    if (!x->failed && !x->ids.n)
        fail(x, IZDE_ERR_FORMAT, 0, "no articles");
    if (x->failed)
        return x->code;
    return x->pending && fn ? fn(ctx, &x->issue, &x->art) : 0;
}

static void reader_free(reader *x)
{
    if (x->r)
        xmlFreeTextReader(x->r);
    free(x->pdf);
    sbuf *bufs[] = {&x->warnings, &x->id,   &x->title,     &x->authors,
                    &x->rubric,   &x->body, &x->field_text};
    for (size_t i = 0; i < sizeof bufs / sizeof bufs[0]; i++)
        free(bufs[i]->s);
    idset_free(&x->ids);
}

/* No network, no DTD, no entity substitution (nor XInclude); the reader
 * keeps no tree. */
static const int parse_options = XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_COMPACT |
                                 XML_PARSE_BIG_LINES;

/* Where a pass reads from: a file descriptor (rewound for each pass) or
 * memory. */
typedef struct source {
    int fd;
    const char *buf;
    size_t len;
    char head[65536]; /* the first bytes, to judge the encoding by */
    size_t head_len;
} source;

static int io_read(void *ctx, char *buf, int len)
{
    for (;;) {
        ssize_t r = read(((source *)ctx)->fd, buf, (size_t)len);
        if (r >= 0 || errno != EINTR)
            return r < 0 ? -1 : (int)r;
    }
}

static int io_close(void *ctx)
{
    (void)ctx;
    return 0;
}

static int pass(source *src, const char *name, izde_issue_fn fn, void *ctx, izde_error *err)
{
    reader x = {.name = name, .err = err};
    if (src->fd >= 0 && lseek(src->fd, 0, SEEK_SET) != 0)
        return izde_fail(err, IZDE_ERR_IO, "%s: cannot rewind: %s", name, strerror(errno));
    const char *enc = override_encoding(&x, src->head, src->head_len);
    x.issue.warnings = x.warnings.n ? x.warnings.s : NULL;
    int opts = parse_options | (enc ? XML_PARSE_IGNORE_ENC : 0);
    x.r = src->fd >= 0 ? xmlReaderForIO(io_read, io_close, src, NULL, enc, opts)
                       : xmlReaderForMemory(src->buf, (int)src->len, NULL, enc, opts);
    int rc = x.r ? run(&x, fn, ctx) : izde_fail(err, IZDE_ERR_NOMEM, "%s: out of memory", name);
    reader_free(&x);
    return rc;
}

/* Two passes: the whole file is validated before any article is handed
 * over, so that a file with an error anywhere gives none (and the version
 * of it indexed before stays whole); memory stays that of one article. */
static int read_source(source *src, const char *name, izde_issue_fn fn, void *ctx,
                       izde_error *err)
{
    int rc = pass(src, name, NULL, NULL, err);
    return rc ? rc : pass(src, name, fn, ctx, err);
}

int izde_issue_xml_read(const char *path, izde_issue_fn fn, void *ctx, izde_error *err)
{
    char *name = izde_utf8_escape_name(path);
    source *src = malloc(sizeof *src);
    if (!name || !src) {
        free(name);
        free(src);
        return izde_fail(err, IZDE_ERR_NOMEM, "out of memory");
    }
    int rc;
    /* O_NONBLOCK: a FIFO given by name must not hang the run in open(). */
    src->fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    struct stat st;
    ssize_t n = 0;
    if (src->fd < 0)
        rc = izde_fail(err, IZDE_ERR_IO, "%s: cannot open: %s", name, strerror(errno));
    else if (fstat(src->fd, &st) != 0 || !S_ISREG(st.st_mode))
        rc = izde_fail(err, IZDE_ERR_IO, "%s: not a regular file", name);
    else if (st.st_size == 0)
        rc = izde_fail(err, IZDE_ERR_FORMAT, "%s: empty file", name);
    else if ((n = pread(src->fd, src->head, sizeof src->head, 0)) < 0)
        rc = izde_fail(err, IZDE_ERR_IO, "%s: read error: %s", name, strerror(errno));
    else {
        src->head_len = (size_t)n;
        rc = read_source(src, name, fn, ctx, err);
    }
    if (src->fd >= 0)
        close(src->fd);
    free(src);
    free(name);
    return rc;
}

int izde_issue_xml_read_memory(const char *buf, size_t len, const char *name,
                               izde_issue_fn fn, void *ctx, izde_error *err)
{
    if (len == 0 || len > 0x7FFFFFFF)
        return izde_fail(err, IZDE_ERR_FORMAT, "%s: %s", name, len ? "too big" : "empty file");
    source *src = malloc(sizeof *src);
    if (!src)
        return izde_fail(err, IZDE_ERR_NOMEM, "%s: out of memory", name);
    src->fd = -1;
    src->buf = buf;
    src->len = len;
    src->head_len = len < sizeof src->head ? len : sizeof src->head;
    memcpy(src->head, buf, src->head_len);
    int rc = read_source(src, name, fn, ctx, err);
    free(src);
    return rc;
}

/* ---- the map ------------------------------------------------------------------------- */

static char *dup_or_null(const char *s) { return s ? strdup(s) : NULL; }

static int map_add(void *ctx, const izde_issue *is, const izde_issue_article *a)
{
    izde_issue_map *m = ctx;
    if (m->n == 0) {
        m->issue = *is;
        m->issue.warnings = NULL;
        if (is->pdf && !(m->pdf = strdup(is->pdf)))
            return IZDE_ERR_NOMEM;
        m->issue.pdf = m->pdf;
    }
    if ((m->n & (m->n - 1)) == 0) { /* at 0, 1, 2, 4, 8 ...: double */
        izde_issue_map_entry *v = realloc(m->articles, (m->n ? 2 * m->n : 1) * sizeof *v);
        if (!v)
            return IZDE_ERR_NOMEM;
        m->articles = v;
    }
    izde_issue_map_entry *e = &m->articles[m->n++];
    memset(e, 0, sizeof *e);
    memcpy(e->date, a->date, sizeof e->date);
    memcpy(e->lang, a->lang, sizeof e->lang);
    e->first_page = a->first_page;
    e->last_page = a->last_page;
    e->id = strdup(a->id);
    e->title = strdup(a->title);
    e->authors = dup_or_null(a->authors);
    e->rubric = dup_or_null(a->rubric);
    if (!e->id || !e->title || (a->authors && !e->authors) || (a->rubric && !e->rubric))
        return IZDE_ERR_NOMEM;
    return 0;
}

izde_status izde_issue_map_read(const char *path, izde_issue_map *m, izde_error *err)
{
    memset(m, 0, sizeof *m);
    int rc = izde_issue_xml_read(path, map_add, m, err);
    if (rc == IZDE_ERR_NOMEM) /* map_add's: the reader does not say it */
        izde_fail(err, IZDE_ERR_NOMEM, "%s: out of memory", path);
    if (rc != 0)
        izde_issue_map_free(m);
    return rc ? (izde_status)rc : IZDE_OK;
}

void izde_issue_map_free(izde_issue_map *m)
{
    for (size_t i = 0; i < m->n; i++) {
        free(m->articles[i].id);
        free(m->articles[i].title);
        free(m->articles[i].authors);
        free(m->articles[i].rubric);
    }
    free(m->articles);
    free(m->pdf);
    memset(m, 0, sizeof *m);
}
