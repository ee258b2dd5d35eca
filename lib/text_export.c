/* izde — the parser of the site's text export (and plain text). */
#include <stdlib.h>
#include <string.h>

#include "izde/article.h"

/* ---- lines -------------------------------------------------------------- */

typedef struct line {
    const char *s;
    size_t n; /* without the newline and trailing white space */
} line;

static int is_blank(line l) { return l.n == 0; }

static int starts_with(line l, const char *p)
{
    size_t n = strlen(p);
    return l.n >= n && memcmp(l.s, p, n) == 0;
}

static int contains(line l, const char *p)
{
    size_t n = strlen(p);
    for (size_t i = 0; i + n <= l.n; i++)
        if (memcmp(l.s + i, p, n) == 0)
            return 1;
    return 0;
}

static int same(line a, line b) { return a.n == b.n && memcmp(a.s, b.s, a.n) == 0; }

/* Splits buf into lines, trimming trailing spaces, tabs, CR and the UTF-8
 * no-break space.  Returns a malloc()ed array. */
static line *split_lines(const char *buf, size_t len, size_t *count)
{
    size_t cap = 1;
    for (size_t i = 0; i < len; i++)
        cap += buf[i] == '\n';
    line *v = malloc(cap * sizeof *v);
    if (!v)
        return NULL;
    size_t n = 0;
    for (size_t i = 0; i <= len && n < cap;) {
        const char *nl = memchr(buf + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - buf) : len;
        line l = {buf + i, end - i};
        for (;;) {
            if (l.n && (l.s[l.n - 1] == ' ' || l.s[l.n - 1] == '\t' ||
                        l.s[l.n - 1] == '\r'))
                l.n--;
            else if (l.n >= 2 && (unsigned char)l.s[l.n - 2] == 0xC2 &&
                     (unsigned char)l.s[l.n - 1] == 0xA0)
                l.n -= 2;
            else
                break;
        }
        v[n++] = l;
        if (!nl)
            break;
        i = end + 1;
    }
    *count = n;
    return v;
}

static char *dup_line(line l)
{
    char *s = malloc(l.n + 1);
    if (s) {
        memcpy(s, l.s, l.n);
        s[l.n] = '\0';
    }
    return s;
}

/* "2021-04-05 / Көңүл чордонунда": the article's date and rubric. */
static int is_date_line(line l)
{
    return l.n > 13 && izde_date_valid(l.s, 10) && memcmp(l.s + 10, " / ", 3) == 0;
}

/* The masthead is the site's chrome printed on every page: the magazine's
 * name, the issue line, ISSN, registration, "dpi", the slogan.  It ends with
 * the slogan "Муниципалитет - бул …" (Kyrgyz) or "Муниципалитет - это …". */
static int is_masthead_start(line l)
{
    return starts_with(l, "Муниципалитет") &&
           (contains(l, "журнал") || l.n == strlen("Муниципалитет"));
}

static int is_slogan(line l)
{
    return starts_with(l, "Муниципалитет - ") || starts_with(l, "Муниципалитет – ");
}

/* The related-links block that ends a page: "Окшош материалы:" (also
 * "Окшош материалдар", and the Russian "Похожие материалы"). */
static int is_related_block(line l)
{
    return starts_with(l, "Окшош материал") || starts_with(l, "Похожие материал");
}

/* Joins lines [from, to) as the body: blank-line runs collapse to one
 * paragraph break, leading white space of a line is kept (bullets). */
static char *join_body(const line *v, size_t from, size_t to)
{
    size_t total = 1;
    for (size_t i = from; i < to; i++)
        total += v[i].n + 1;
    char *s = malloc(total);
    if (!s)
        return NULL;
    size_t o = 0;
    for (size_t i = from; i < to; i++) {
        if (is_blank(v[i]))
            continue;
        if (o)
            s[o++] = '\n';
        memcpy(s + o, v[i].s, v[i].n);
        o += v[i].n;
    }
    s[o] = '\0';
    return s;
}

static size_t next_nonblank(const line *v, size_t i, size_t n)
{
    while (i < n && is_blank(v[i]))
        i++;
    return i;
}

izde_status izde_parse_text_export(const char *buf, size_t len,
                                   izde_article *a, izde_error *err)
{
    size_t n;
    line *v = split_lines(buf, len, &n);
    if (!v)
        return izde_fail(err, IZDE_ERR_NOMEM, "out of memory");

    /* Where the page's own end is: the related-links block. */
    size_t end = n;
    for (size_t i = 0; i < n; i++)
        if (is_related_block(v[i])) {
            end = i;
            break;
        }

    size_t first = next_nonblank(v, 0, end), body_from = first;
    if (first < end && is_masthead_start(v[first])) {
        body_from = first + 1;
        for (size_t i = first; i < end && i < first + 20; i++)
            if (is_slogan(v[i])) {
                body_from = i + 1;
                break;
            }
    }

    size_t date = end;
    for (size_t i = body_from; i < end; i++)
        if (is_date_line(v[i])) {
            date = i;
            break;
        }

    line title = {"", 0};
    if (date < end) {
        /* The title is the last line above the date line, if any. */
        for (size_t i = date; i > body_from; i--)
            if (!is_blank(v[i - 1])) {
                title = v[i - 1];
                break;
            }
        memcpy(a->date, v[date].s, 10);
        a->date[10] = '\0';
        line rubric = {v[date].s + 13, v[date].n - 13};
        free(a->rubric);
        a->rubric = dup_line(rubric);
        body_from = next_nonblank(v, date + 1, end);
        if (body_from < end && title.n && same(v[body_from], title))
            body_from++; /* the title repeated after the date line */
    } else {
        body_from = next_nonblank(v, body_from, end);
        if (body_from < end)
            title = v[body_from++];
    }

    free(a->title);
    free(a->body);
    a->title = dup_line(title);
    a->body = join_body(v, body_from, end);
    free(v);
    if (!a->title || !a->body || (date < end && !a->rubric))
        return izde_fail(err, IZDE_ERR_NOMEM, "out of memory");
    return IZDE_OK;
}
