/* izde — the printed issues: PDF files read with poppler-glib (pdf.h). */
#include "izde/pdf.h"

#include <dlfcn.h>
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <poppler.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unicode/uchar.h>
#include <dirent.h>
#include <unistd.h>

#include "izde/issue_xml.h"
#include "izde/utf8.h"

static unsigned max_pages = IZDE_PDF_MAX_PAGES;
static unsigned long long max_size = IZDE_PDF_MAX_SIZE;
void izde_pdf_set_max_pages(unsigned pages) { max_pages = pages; }
unsigned izde_pdf_max_pages(void) { return max_pages; }
void izde_pdf_set_max_size(unsigned long long bytes) { max_size = bytes; }
unsigned long long izde_pdf_max_size(void) { return max_size; }

/* ---- poppler-glib, loaded at the first PDF --------------------------------- */

/* poppler-glib brings some forty libraries (poppler, cairo, NSS, X11...):
 * linked, the dynamic loader maps and relocates them at every start of
 * izde-index, 20 M instructions and ~25 ms, even when the run reads no PDF
 * (a nightly run that finds one new issue of text files).  So it is opened
 * here, at the first PDF, and a machine without it still indexes every
 * other format; GLib and GObject, small, stay linked.  IZDE_POPPLER_GLIB,
 * its soname, comes from the Makefile (the headers' ABI). */
#ifndef IZDE_POPPLER_GLIB
#define IZDE_POPPLER_GLIB "libpoppler-glib.so.8"
#endif

static struct {
    __typeof__(poppler_document_new_from_fd) *document_new_from_fd;
    __typeof__(poppler_document_new_from_bytes) *document_new_from_bytes;
    __typeof__(poppler_document_get_n_pages) *document_get_n_pages;
    __typeof__(poppler_document_get_page) *document_get_page;
    __typeof__(poppler_page_get_size) *page_get_size;
    __typeof__(poppler_page_get_text) *page_get_text;
    __typeof__(poppler_page_get_text_layout) *page_get_text_layout;
    __typeof__(poppler_error_quark) *error_quark;
    char why[512]; /* empty: loaded */
} pg;
static pthread_once_t pg_once = PTHREAD_ONCE_INIT;

static void pg_load(void)
{
    void *h = dlopen(IZDE_POPPLER_GLIB, RTLD_NOW | RTLD_LOCAL);
    const char *missing = NULL;
    void *sym;
#define PG_SYM(field, name)                                                   \
    if (h && !missing && !(sym = dlsym(h, #name)))                           \
        missing = #name;                                                      \
    else if (h && !missing)                                                   \
        memcpy(&pg.field, &sym, sizeof sym); /* POSIX: as dlsym() means */
    PG_SYM(document_new_from_fd, poppler_document_new_from_fd)
    PG_SYM(document_new_from_bytes, poppler_document_new_from_bytes)
    PG_SYM(document_get_n_pages, poppler_document_get_n_pages)
    PG_SYM(document_get_page, poppler_document_get_page)
    PG_SYM(page_get_size, poppler_page_get_size)
    PG_SYM(page_get_text, poppler_page_get_text)
    PG_SYM(page_get_text_layout, poppler_page_get_text_layout)
    PG_SYM(error_quark, poppler_error_quark)
#undef PG_SYM
    if (!h) {
        const char *e = dlerror();
        snprintf(pg.why, sizeof pg.why, "%s", e ? e : IZDE_POPPLER_GLIB ": cannot be loaded");
    } else if (missing) {
        snprintf(pg.why, sizeof pg.why, "%s: has no %s", IZDE_POPPLER_GLIB, missing);
    }
    /* Never closed: poppler's GTypes, once registered, must stay. */
}

/* 0 when poppler-glib is there; else fails with the loader's reason, which
 * names the library (the file fails, the run goes on). */
static int pg_ready(const char *name, izde_error *err)
{
    pthread_once(&pg_once, pg_load);
    if (!pg.why[0])
        return 0;
    return izde_fail(err, IZDE_ERR_IO, "%s: cannot read PDFs without poppler-glib: %s", name,
                     pg.why);
}

/* ---- a page's lines ------------------------------------------------------- */

/* A run of text on one baseline without a wide gap: a line of a column, a
 * heading, a running head; later merged into the lines of a page. */
typedef struct seg {
    GString *text;
    double x0, y0, x1, y1;
    int col;       /* column within its band */
    int band;      /* bands are separated by lines across a gutter */
    int across;    /* crosses a gutter (a heading over the columns) */
    size_t row;    /* segments of one line share it */
} seg;

typedef struct page {
    seg *v;
    size_t n, cap;
    double w, h;
} page;

static void page_free(page *p)
{
    for (size_t i = 0; i < p->n; i++)
        g_string_free(p->v[i].text, TRUE);
    free(p->v);
    memset(p, 0, sizeof *p);
}

static seg *page_add(page *p)
{
    if (p->n == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 64;
        seg *v = realloc(p->v, cap * sizeof *v);
        if (!v)
            return NULL;
        p->v = v;
        p->cap = cap;
    }
    seg *s = &p->v[p->n++];
    memset(s, 0, sizeof *s);
    s->text = g_string_new(NULL);
    return s;
}

static double height(const seg *s) { return s->y1 - s->y0 > 1 ? s->y1 - s->y0 : 1; }

/* Closes the segment being built: trailing spaces trimmed, an empty one
 * dropped. */
static void seg_end(page *p)
{
    seg *s = &p->v[p->n - 1];
    while (s->text->len && s->text->str[s->text->len - 1] == ' ')
        g_string_truncate(s->text, s->text->len - 1);
    if (!s->text->len) {
        g_string_free(s->text, TRUE);
        p->n--;
    }
}

/* The page's text (poppler's lines) cut into segments at line ends, at a
 * change of baseline and at gaps wider than 1.5 times the text's height
 * (a gutter that poppler read across), with each segment's box from the
 * characters' boxes (poppler_page_get_text_layout: one a character). */
static int read_page(PopplerPage *pp, page *p)
{
    pg.page_get_size(pp, &p->w, &p->h);
    char *text = pg.page_get_text(pp);
    PopplerRectangle *r = NULL;
    guint nr = 0;
    if (!text || !pg.page_get_text_layout(pp, &r, &nr))
        nr = 0;
    int rc = 0, open = 0;
    const PopplerRectangle *last = NULL;
    const char *c = text ? text : "";
    for (guint i = 0; *c && i < nr; i++) {
        gunichar u = g_utf8_get_char_validated(c, -1);
        const char *next = u == (gunichar)-1 || u == (gunichar)-2 ? c + 1 : g_utf8_next_char(c);
        if (u == (gunichar)-1 || u == (gunichar)-2)
            u = 0xFFFD;
        const PopplerRectangle *b = &r[i];
        c = next;
        if (u == '\n' || u == '\r') {
            if (open)
                seg_end(p);
            open = 0;
            last = NULL;
            continue;
        }
        int space = g_unichar_isspace(u) || u == 0xA0 || g_unichar_iscntrl(u);
        if (space) {
            if (open && p->v[p->n - 1].text->len)
                g_string_append_c(p->v[p->n - 1].text, ' ');
            continue;
        }
        double h = b->y2 - b->y1;
        if (open && last) {
            double lh = last->y2 - last->y1, cy = (b->y1 + b->y2) / 2,
                   ly = (last->y1 + last->y2) / 2;
            double tall = h > lh ? h : lh;
            if (b->x1 - last->x2 > 1.5 * tall || b->x1 < last->x1 - 1 ||
                cy - ly > tall / 2 || ly - cy > tall / 2) {
                seg_end(p);
                open = 0;
            }
        }
        seg *s = open ? &p->v[p->n - 1] : page_add(p);
        if (!s) {
            rc = -1;
            break;
        }
        if (!open)
            s->x0 = b->x1, s->y0 = b->y1, s->x1 = b->x2, s->y1 = b->y2;
        open = 1;
        if (b->x1 < s->x0) s->x0 = b->x1;
        if (b->y1 < s->y0) s->y0 = b->y1;
        if (b->x2 > s->x1) s->x1 = b->x2;
        if (b->y2 > s->y1) s->y1 = b->y2;
        g_string_append_unichar(s->text, u);
        last = b;
    }
    if (open)
        seg_end(p);
    g_free(r);
    g_free(text);
    return rc;
}

/* ---- reading order -------------------------------------------------------- */

/* Gutters: x ranges, at least 8 pt wide, that at most 1 in 20 of the page's
 * narrow segments (under half the page's width: a column's lines) crosses,
 * with a column of real lines (at least 15 % of the page wide) on each
 * side.  A table of contents' page numbers, flush right, are no column. */
#define BIN 2.0
static size_t find_gutters(const page *p, double *centre, size_t cap)
{
    if (!(p->w > 0 && p->w < 4096 * BIN)) /* also NaN: a hostile MediaBox */
        return 0;
    size_t nb = (size_t)(p->w / BIN) + 1, narrow = 0, ng = 0;
    unsigned cover[4096 + 1] = {0};
    for (size_t i = 0; i < p->n; i++) {
        const seg *s = &p->v[i];
        if (!(s->x1 - s->x0 < p->w / 2) || !(s->x0 < p->w))
            continue;
        narrow++;
        for (size_t b = s->x0 > 0 ? (size_t)(s->x0 / BIN) : 0; b < nb && b * BIN <= s->x1; b++)
            cover[b]++;
    }
    if (narrow < 4)
        return 0;
    size_t b = 0;
    while (b < nb && cover[b] * 20 <= narrow)
        b++; /* the left margin */
    while (b < nb && ng < cap) {
        while (b < nb && cover[b] * 20 > narrow)
            b++;
        size_t from = b;
        while (b < nb && cover[b] * 20 <= narrow)
            b++;
        if (b == nb || (b - from) * BIN < 8)
            continue;
        double lo = from * BIN, hi = b * BIN;
        int left = 0, right = 0;
        for (size_t i = 0; i < p->n; i++) {
            const seg *s = &p->v[i];
            if (s->x1 - s->x0 < 0.15 * p->w)
                continue;
            left |= s->x1 <= lo + BIN;
            right |= s->x0 >= hi - BIN;
        }
        if (left && right)
            centre[ng++] = (lo + hi) / 2;
    }
    return ng;
}

static int by_top(const void *a, const void *b)
{
    const seg *x = a, *y = b;
    return (x->y0 > y->y0) - (x->y0 < y->y0);
}

static int by_order(const void *a, const void *b)
{
    const seg *x = a, *y = b;
    if (x->band != y->band)
        return x->band - y->band;
    if (x->col != y->col)
        return x->col - y->col;
    return (x->y0 > y->y0) - (x->y0 < y->y0);
}

static int by_row(const void *a, const void *b)
{
    const seg *x = a, *y = b;
    if (x->row != y->row)
        return (x->row > y->row) - (x->row < y->row);
    return (x->x0 > y->x0) - (x->x0 < y->x0);
}

/* Orders the page's segments: bands top to bottom, in a band its columns
 * left to right, in a column its lines top to bottom, and the segments of
 * one line left to right. */
static void order_page(page *p)
{
    if (!p->n)
        return;
    double g[8];
    size_t ng = find_gutters(p, g, 8);
    qsort(p->v, p->n, sizeof *p->v, by_top);
    int band = 0;
    for (size_t i = 0; i < p->n; i++) {
        seg *s = &p->v[i];
        s->col = 0;
        for (size_t k = 0; k < ng; k++) {
            if (s->x0 < g[k] - BIN && s->x1 > g[k] + BIN)
                s->across = 1;
            s->col += (s->x0 + s->x1) / 2 > g[k];
        }
        if (s->across) {
            s->band = ++band;
            s->col = 0;
            band++;
        } else {
            s->band = band;
        }
    }
    qsort(p->v, p->n, sizeof *p->v, by_order);
    /* The segments of one line (a top within half the height of the line's
     * first one, in the same column) left to right. */
    size_t first = 0;
    for (size_t i = 0; i < p->n; i++) {
        const seg *f = &p->v[first], *s = &p->v[i];
        if (f->band != s->band || f->col != s->col || s->y0 - f->y0 >= height(f) / 2)
            first = i;
        p->v[i].row = first;
    }
    qsort(p->v, p->n, sizeof *p->v, by_row);
}

/* ---- running heads and feet ----------------------------------------------- */

/* In the top or bottom 9 % of the page. */
static int in_margin(const page *p, const seg *s)
{
    return s->y1 < 0.09 * p->h || s->y0 > 0.91 * p->h;
}

/* A segment without its digits and spaces: what repeats in a running head
 * whose page number or date changes. */
static void head_key(const seg *s, GString *k)
{
    g_string_truncate(k, 0);
    for (const char *c = s->text->str; *c; c++)
        if (!(*c >= '0' && *c <= '9') && *c != ' ')
            g_string_append_c(k, *c);
}

/* A page number: digits, maybe between dashes or dots ("— 14 —"). */
static int bare_number(const char *s)
{
    int digits = 0;
    for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
        if (*c >= '0' && *c <= '9')
            digits++;
        else if (*c != ' ' && *c != '-' && *c != '.' && *c != 0xE2 && *c != 0x80 &&
                 *c != 0x93 && *c != 0x94)
            return 0; /* 0xE2 0x80 0x93/0x94: en and em dashes */
    }
    return digits > 0 && digits <= 4;
}

/* Drops the running heads and feet: segments in the margins that are page
 * numbers or repeat (digits aside) in the margins of another page. */
static void drop_heads(page *pages, size_t n)
{
    GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    GString *k = g_string_new(NULL);
    for (size_t i = 0; i < n; i++) {
        GHashTable *mine = g_hash_table_new(g_str_hash, g_str_equal);
        for (size_t j = 0; j < pages[i].n; j++) {
            const seg *s = &pages[i].v[j];
            if (!in_margin(&pages[i], s))
                continue;
            head_key(s, k);
            if (g_hash_table_contains(mine, k->str))
                continue;
            gpointer old = g_hash_table_lookup(seen, k->str);
            char *key = g_strdup(k->str);
            /* replace: the new key is kept (insert would free it) */
            g_hash_table_replace(seen, key, GSIZE_TO_POINTER(GPOINTER_TO_SIZE(old) + 1));
            g_hash_table_add(mine, key);
        }
        g_hash_table_destroy(mine);
    }
    for (size_t i = 0; i < n; i++) {
        page *p = &pages[i];
        size_t o = 0;
        for (size_t j = 0; j < p->n; j++) {
            seg *s = &p->v[j];
            int drop = 0;
            if (in_margin(p, s)) {
                head_key(s, k);
                drop = bare_number(s->text->str) ||
                       GPOINTER_TO_SIZE(g_hash_table_lookup(seen, k->str)) >= 2;
            }
            if (drop)
                g_string_free(s->text, TRUE);
            else
                p->v[o++] = *s;
        }
        p->n = o;
    }
    g_string_free(k, TRUE);
    g_hash_table_destroy(seen);
}

/* ---- text: lines joined, print hyphens undone ---------------------------- */

/* Words written with a hyphen inside a line ("социалдык-экономикалык"),
 * lower-cased: a compound, whose hyphen stays when a line break falls on
 * it. */
#define WORD_MAX 128 /* bytes: longer "words" are not looked up */

static void collect_compounds(const page *pages, size_t n, GHashTable *set)
{
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < pages[i].n; j++)
            for (const char *w = pages[i].v[j].text->str; *w;) {
                size_t len = strcspn(w, " ");
                const char *h = memchr(w, '-', len);
                if (h && h > w && len <= WORD_MAX && w[len - 1] != '-')
                    g_hash_table_add(set, g_utf8_strdown(w, (gssize)len));
                w += len + (w[len] == ' ');
            }
}

static gunichar last_char(const GString *s, size_t *at)
{
    if (!s->len)
        return 0;
    const char *p = g_utf8_find_prev_char(s->str, s->str + s->len);
    if (!p)
        return 0;
    if (at)
        *at = (size_t)(p - s->str);
    return g_utf8_get_char(p);
}

static int is_conjunction(const char *w, size_t n)
{
    static const char *const conj[] = {"жана", "же", "менен", "и", "или", "а", "бирок", "and", "or"};
    for (size_t i = 0; i < sizeof conj / sizeof conj[0]; i++)
        if (strlen(conj[i]) == n && !memcmp(conj[i], w, n))
            return 1;
    return 0;
}

enum join { J_LINE, J_SOFT, J_PARA };

/* Appends `next` to `out` after a line, column or page break.  A word
 * broken by a print hyphen ("тажрый-" + "ба") is joined without it, unless
 * what precedes the hyphen is not a letter ("2021-" + "жылы"), the next
 * part starts with a capital or is a conjunction ("онлайн-" + "жана"), or
 * the document writes the word with its hyphen elsewhere (a compound). */
static void join(GString *out, const char *next, enum join how, GHashTable *compounds)
{
    size_t hy = 0, before = 0;
    gunichar h = last_char(out, &hy);
    if (!out->len) {
        g_string_append(out, next);
        return;
    }
    if (h == '-' || h == 0xAD || h == 0x2010) {
        GString tmp = {out->str, hy, hy + 1};
        gunichar b = last_char(&tmp, &before);
        gunichar f = g_utf8_get_char(next);
        size_t wn = strcspn(next, " ,.;:!?\")"); /* ASCII only: bytes */
        int keep = !g_unichar_isalpha(b) || !g_unichar_islower(f) || is_conjunction(next, wn);
        if (!keep) {
            size_t ws = hy;
            while (ws > 0 && hy - ws <= WORD_MAX && out->str[ws - 1] != ' ' &&
                   out->str[ws - 1] != '\n')
                ws--;
            char *word = g_strdup_printf("%.*s-%.*s", (int)(hy - ws), out->str + ws, (int)wn, next);
            char *low = g_utf8_strdown(word, -1);
            keep = g_hash_table_contains(compounds, low);
            g_free(low);
            g_free(word);
        }
        if (!keep) {
            g_string_truncate(out, hy);
            g_string_append(out, next);
            return;
        }
        if (!is_conjunction(next, wn)) {
            if (h != '-')
                g_string_truncate(out, hy), g_string_append_c(out, '-');
            g_string_append(out, next);
            return;
        }
    }
    if (how == J_SOFT)
        how = (h && h < 128 && strchr(".!?:;\"", (int)h)) || h == 0xBB /* » */ ? J_PARA : J_LINE;
    g_string_append_c(out, how == J_PARA ? '\n' : ' ');
    g_string_append(out, next);
}

/* The page's text: its segments in order, a line's segments joined by a
 * space, lines by join(); a gap of more than a third of a line's height
 * between two lines of a column ends a paragraph, so do a line across the
 * columns and the end of a column whose last line ends a sentence. */
static void page_text(const page *p, GString *out, GHashTable *compounds)
{
    for (size_t i = 0; i < p->n; i++) {
        const seg *s = &p->v[i], *a = i ? &p->v[i - 1] : NULL;
        enum join how = J_LINE;
        if (!a)
            how = J_PARA;
        else if (a->band != s->band || a->across || s->across)
            how = a->across || s->across ? J_PARA : J_SOFT;
        else if (a->col != s->col)
            how = J_SOFT;
        else if (s->y0 - a->y0 < height(a) / 2 && s->x0 >= a->x1) {
            g_string_append_c(out, ' '); /* the same line */
            g_string_append(out, s->text->str);
            continue;
        } else if (s->y0 - a->y1 > height(a) / 3)
            how = J_PARA;
        if (!out->len)
            g_string_append(out, s->text->str);
        else
            join(out, s->text->str, how, compounds);
    }
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The page's heading: the first run of lines, starting among its first
 * four, set at least 1.3 times as high as its median line, joined; "" if
 * there is none. */
static char *page_heading(const page *p)
{
    if (!p->n)
        return g_strdup("");
    double *h = malloc(p->n * sizeof *h);
    if (!h)
        return g_strdup("");
    for (size_t i = 0; i < p->n; i++)
        h[i] = height(&p->v[i]);
    qsort(h, p->n, sizeof *h, by_value);
    double median = h[(p->n - 1) / 2];
    free(h);
    GString *t = g_string_new(NULL);
    size_t i = 0;
    while (i < p->n && height(&p->v[i]) < 1.3 * median && i < 3)
        i++;
    for (; i < p->n && height(&p->v[i]) >= 1.3 * median; i++) {
        if (t->len)
            g_string_append_c(t, ' ');
        g_string_append(t, p->v[i].text->str);
    }
    return g_string_free(t, FALSE);
}

/* ---- the issue -------------------------------------------------------------- */

int izde_pdf_name_issue(const char *path, int *year, int *number, int *serial)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    int y, nu, se, end = 0;
    if (sscanf(base, "%4d-%2d-%4d%n", &y, &nu, &se, &end) != 3 || end < 8 ||
        strcasecmp(base + end, ".pdf") != 0 || base[0] < '0' || base[0] > '9' ||
        base[4] != '-' || y < 1900 || nu < 1 || se < 1)
        return 0;
    for (int i = 0; i < end; i++)
        if (base[i] != '-' && (base[i] < '0' || base[i] > '9'))
            return 0;
    *year = y, *number = nu, *serial = se;
    return 1;
}

typedef struct issue {
    char text[64]; /* "2 (148)" */
    char date[11];
} issue;

/* An issue line ("2 (148) 13 Февраль 2024", "№ 2 (148) …") on the first two
 * pages, else the file name. */
static void find_issue(const page *pages, size_t n, const char *name, issue *is)
{
    memset(is, 0, sizeof *is);
    for (size_t i = 0; i < n && i < 2; i++)
        for (size_t j = 0; j < pages[i].n; j++) {
            const char *t = pages[i].v[j].text->str;
            if (!strncmp(t, "№", strlen("№")))
                t += strlen("№");
            while (*t == ' ')
                t++;
            char out[64];
            if (!izde_issue_line(t, strlen(t), out))
                continue;
            const char *d = strrchr(out, ' ');
            snprintf(is->date, sizeof is->date, "%s", d + 1);
            snprintf(is->text, sizeof is->text, "%.*s", (int)(d - out), out);
            return;
        }
    int y, nu, se;
    if (izde_pdf_name_issue(name, &y, &nu, &se))
        snprintf(is->text, sizeof is->text, "%d (%d)", nu, se);
}

/* ---- the table of contents -------------------------------------------------- */

typedef struct entry {
    char *title, *rubric;
    unsigned page;
} entry;

static int toc_heading(const char *t)
{
    static const char *const h[] = {"мазмуну", "мазмун", "содержание", "contents",
                                     "оглавление"};
    char *low = g_utf8_strdown(t, -1);
    int yes = 0;
    for (size_t i = 0; i < sizeof h / sizeof h[0]; i++)
        yes |= !strcmp(low, h[i]);
    g_free(low);
    return yes;
}

/* "Title ........ 14", "Title … 14", "Title 14": the page and the title's
 * length, or 0. */
static unsigned toc_entry(const char *t, size_t *title_len)
{
    size_t n = strlen(t), e = n;
    while (e > 0 && t[e - 1] >= '0' && t[e - 1] <= '9')
        e--;
    if (e == n || n - e > 4 || e == 0)
        return 0;
    unsigned page = (unsigned)atoi(t + e);
    size_t k = e;
    for (;;) { /* the leader: spaces, dots, ellipses */
        if (k > 0 && (t[k - 1] == ' ' || t[k - 1] == '.' || t[k - 1] == '\t'))
            k--;
        else if (k >= 3 && !memcmp(t + k - 3, "…", 3))
            k -= 3;
        else
            break;
    }
    if (k == e)
        return 0; /* "2024" glued to a word */
    int letters = 0;
    for (const char *c = t; c < t + k; c = g_utf8_next_char(c))
        letters += g_unichar_isalpha(g_utf8_get_char(c));
    if (letters < 2)
        return 0;
    *title_len = k;
    return page;
}

static int all_capitals(const char *t)
{
    int upper = 0;
    for (const char *c = t; *c; c = g_utf8_next_char(c)) {
        gunichar u = g_utf8_get_char(c);
        if (g_unichar_islower(u))
            return 0;
        upper += g_unichar_isupper(u);
    }
    return upper >= 3;
}

static void entries_free(entry *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        g_free(v[i].title);
        g_free(v[i].rubric);
    }
    free(v);
}

/* Parses page `pi` as a table of contents: its entries (pages after it, in
 * order), NULL if it is not one.  Entries come after a heading
 * "Мазмуну"/"Содержание", or make up at least 3 and half the page's
 * lines.  A line before an entry continues its title; a line in capitals,
 * a rubric. */
static entry *parse_toc(const page *p, size_t pi, size_t npages, size_t *out_n)
{
    size_t start = 0, lines = 0, hits = 0;
    int heading = 0;
    for (size_t j = 0; j < p->n; j++)
        if (!heading && toc_heading(p->v[j].text->str)) {
            heading = 1;
            start = j + 1;
        }
    entry *v = calloc(p->n + 1, sizeof *v);
    if (!v)
        return NULL;
    size_t n = 0;
    GString *pending = g_string_new(NULL);
    char *rubric = NULL;
    unsigned last = (unsigned)pi + 1;
    for (size_t j = start; j < p->n; j++) {
        const char *t = p->v[j].text->str;
        size_t tl;
        unsigned pg = toc_entry(t, &tl);
        lines++;
        if (pg && pg > pi + 1 && pg <= npages && pg >= last) {
            hits++;
            if (pending->len)
                g_string_append_c(pending, ' ');
            g_string_append_len(pending, t, (gssize)tl);
            v[n].title = g_strdup(pending->str);
            v[n].rubric = rubric ? g_strdup(rubric) : NULL;
            v[n++].page = last = pg;
            g_string_truncate(pending, 0);
        } else if (all_capitals(t) && !izde_issue_line(t, strlen(t), (char[64]){0})) {
            g_free(rubric);
            rubric = g_strdup(t);
            g_string_truncate(pending, 0);
        } else {
            g_string_assign(pending, t);
        }
    }
    g_string_free(pending, TRUE);
    g_free(rubric);
    if (hits == 0 || (!heading && (hits < 3 || hits * 2 < lines))) {
        entries_free(v, n);
        return NULL;
    }
    *out_n = n;
    return v;
}

/* ---- the hits --------------------------------------------------------------- */

typedef struct reader {
    const char *name, *path, *id;
    page *pages;
    size_t n;          /* pages read */
    char **text;       /* each page's text */
    issue is;
    izde_article_fn fn;
    void *ctx;
    char *warnings;    /* the file's warnings: the first hit carries them */
    int from_file;     /* path is a file (its folder may hold its map) */
    GHashTable *compounds; /* collect_compounds() */
} reader;

/* A hit: pages [from, to] (1-based) and what is known of them. */
typedef struct hit {
    const char *suffix;           /* of the id: "p3", "a2" */
    const char *title, *rubric, *author; /* rubric, author may be NULL */
    const char *date, *lang;      /* NULL: the issue's date; detected */
    unsigned from, to;
} hit;

static char *dup_valid(const char *s)
{
    return izde_utf8_repair(s, strlen(s), NULL, NULL);
}

/* Calls fn with the hit's article. */
static int emit(reader *r, const hit *h, izde_error *err)
{
    GString *body = g_string_new(NULL);
    for (unsigned p = h->from; p <= h->to; p++)
        if (r->text[p - 1][0])
            join(body, r->text[p - 1], J_SOFT, r->compounds);
    izde_article a;
    izde_article_init(&a);
    char pages[32];
    if (h->from == h->to)
        snprintf(pages, sizeof pages, "%u", h->from);
    else
        snprintf(pages, sizeof pages, "%u-%u", h->from, h->to);
    char *id = izde_utf8_escape_name(r->id);
    size_t idn = id ? strlen(id) + strlen(h->suffix) + 2 : 0;
    if (id && (a.id = malloc(idn)))
        snprintf(a.id, idn, "%s#%s", id, h->suffix);
    free(id);
    a.path = strdup(r->path);
    a.title = dup_valid(h->title);
    a.rubric = h->rubric ? dup_valid(h->rubric) : NULL;
    a.author = h->author ? dup_valid(h->author) : NULL;
    a.body = dup_valid(body->str);
    a.pages = strdup(pages);
    a.issue = r->is.text[0] ? strdup(r->is.text) : NULL;
    snprintf(a.date, sizeof a.date, "%s", h->date ? h->date : r->is.date);
    snprintf(a.lang, sizeof a.lang, "%s", h->lang ? h->lang : "");
    a.warnings = r->warnings;
    r->warnings = NULL;
    g_string_free(body, TRUE);
    int rc;
    if (!a.id || !a.path || !a.title || !a.body || !a.pages || (r->is.text[0] && !a.issue) ||
        (h->rubric && !a.rubric) || (h->author && !a.author)) {
        rc = izde_fail(err, IZDE_ERR_NOMEM, "%s: out of memory", r->name);
    } else {
        izde_article_detect_lang(&a);
        rc = r->fn(r->ctx, &a);
    }
    izde_article_clear(&a);
    return rc;
}

static void warn(reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void warn(reader *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *m = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    size_t old = r->warnings ? strlen(r->warnings) : 0;
    size_t add = strlen(r->name) + strlen(m) + 4;
    char *w = realloc(r->warnings, old + add);
    if (w) {
        snprintf(w + old, add, "%s: %s\n", r->name, m);
        r->warnings = w;
    }
    g_free(m);
}

/* ---- the issue XML's map ---------------------------------------------------- */

/* The issue XML in the PDF's folder whose <issue pdf="NAME"> names it (only
 * the first 4 KiB of each .xml there are looked at; the one that names it
 * is read as the map).  1 if one was loaded into m; a map that cannot be
 * read is reported and not used. */
static int find_map(reader *r, izde_issue_map *m)
{
    if (!r->from_file)
        return 0;
    char *dir = g_path_get_dirname(r->path), *base = g_path_get_basename(r->path);
    char *want1 = g_strdup_printf("pdf=\"%s\"", base), *want2 = g_strdup_printf("pdf='%s'", base);
    int found = 0;
    DIR *d = opendir(dir);
    for (struct dirent *e; d && !found && (e = readdir(d));) {
        size_t n = strlen(e->d_name);
        if (n < 5 || e->d_name[0] == '.' || strcasecmp(e->d_name + n - 4, ".xml") != 0)
            continue;
        char *xml = g_build_filename(dir, e->d_name, NULL), head[4097];
        FILE *f = fopen(xml, "rb");
        size_t len = f ? fread(head, 1, sizeof head - 1, f) : 0;
        if (f)
            fclose(f);
        head[len] = '\0';
        int named = strstr(head, want1) || strstr(head, want2);
        izde_error err;
        if (named && izde_issue_map_read(xml, m, &err) == IZDE_OK)
            found = 1;
        else if (named)
            warn(r, "its issue XML is not used: %s", err.msg);
        g_free(xml);
        if (named)
            break;
    }
    if (d)
        closedir(d);
    g_free(want1), g_free(want2), g_free(dir), g_free(base);
    return found;
}

/* The hits of the map's articles (id FILE#ID, the map's title, authors,
 * rubric, date, language), then the pages no article covers. */
static int emit_map(reader *r, const izde_issue_map *m, izde_error *err)
{
    snprintf(r->is.text, sizeof r->is.text, "%s (%s)", m->issue.number, m->issue.serial);
    memcpy(r->is.date, m->issue.date, sizeof r->is.date);
    unsigned char *covered = calloc(r->n + 1, 1);
    if (!covered)
        return izde_fail(err, IZDE_ERR_NOMEM, "%s: out of memory", r->name);
    for (size_t k = 0; k < m->n; k++) /* before the first hit: it carries them */
        if (!m->articles[k].first_page || m->articles[k].first_page > r->n)
            warn(r, "article \"%s\" of its issue XML is not indexed: %s", m->articles[k].id,
                 m->articles[k].first_page ? "its pages are past the end of the PDF"
                                           : "no pages given");
    int rc = 0;
    for (size_t k = 0; k < m->n && rc == 0; k++) {
        const izde_issue_map_entry *e = &m->articles[k];
        if (!e->first_page || e->first_page > r->n)
            continue;
        unsigned to = e->last_page < r->n ? e->last_page : (unsigned)r->n;
        for (unsigned p = e->first_page; p <= to; p++)
            covered[p] = 1;
        rc = emit(r, &(hit){.suffix = e->id, .title = e->title, .rubric = e->rubric,
                            .author = e->authors, .date = e->date, .lang = e->lang[0] ? e->lang : NULL,
                            .from = e->first_page, .to = to}, err);
    }
    char sfx[32];
    for (unsigned p = 1; p <= r->n && rc == 0; p++) {
        if (covered[p] || !r->text[p - 1][0])
            continue;
        char *h = page_heading(&r->pages[p - 1]);
        snprintf(sfx, sizeof sfx, "p%u", p);
        rc = emit(r, &(hit){.suffix = sfx, .title = h, .from = p, .to = p}, err);
        g_free(h);
    }
    free(covered);
    return rc;
}

static int emit_all(reader *r, izde_error *err)
{
    izde_issue_map m;
    if (find_map(r, &m)) {
        int rc = emit_map(r, &m, err);
        izde_issue_map_free(&m);
        return rc;
    }
    size_t ne = 0, toc_page = 0;
    entry *toc = NULL;
    for (size_t i = 0; i < r->n && i < 6 && !toc; i++)
        if ((toc = parse_toc(&r->pages[i], i, r->n, &ne)))
            toc_page = i + 1;
    unsigned first = toc ? toc[0].page : (unsigned)r->n + 1;
    int rc = 0;
    char sfx[32];
    for (unsigned p = 1; p < first && rc == 0; p++) {
        if (!r->text[p - 1][0] || p == toc_page)
            continue;
        char *h = page_heading(&r->pages[p - 1]);
        snprintf(sfx, sizeof sfx, "p%u", p);
        rc = emit(r, &(hit){.suffix = sfx, .title = h, .from = p, .to = p}, err);
        g_free(h);
    }
    for (size_t k = 0; k < ne && rc == 0; k++) {
        unsigned next = k + 1 < ne ? toc[k + 1].page : (unsigned)r->n + 1;
        unsigned to = next > toc[k].page ? next - 1 : toc[k].page;
        snprintf(sfx, sizeof sfx, "a%zu", k + 1);
        rc = emit(r, &(hit){.suffix = sfx, .title = toc[k].title, .rubric = toc[k].rubric,
                            .from = toc[k].page, .to = to}, err);
    }
    entries_free(toc, ne);
    return rc;
}

/* ---- the document ----------------------------------------------------------- */

/* poppler's complaints about a damaged file go to GLib's log, not to ours:
 * the file's one message says what went wrong. */
static void quiet(const gchar *domain, GLogLevelFlags level, const gchar *msg, gpointer data)
{
    (void)domain, (void)level, (void)msg, (void)data;
}

static int read_doc(PopplerDocument *doc, reader *r, izde_error *err)
{
    int total = pg.document_get_n_pages(doc);
    if (total <= 0)
        return izde_fail(err, IZDE_ERR_FORMAT, "%s: a PDF without pages", r->name);
    size_t n = (size_t)total;
    if (n > max_pages) {
        warn(r, "%zu pages; only the first %u are read (--max-pages)", n, max_pages);
        n = max_pages;
    }
    r->pages = calloc(n, sizeof *r->pages);
    r->text = calloc(n, sizeof *r->text);
    if (!r->pages || !r->text)
        return izde_fail(err, IZDE_ERR_NOMEM, "%s: out of memory", r->name);
    r->n = n;
    for (size_t i = 0; i < n; i++) {
        PopplerPage *pp = pg.document_get_page(doc, (int)i);
        int rc = pp ? read_page(pp, &r->pages[i]) : 0;
        if (pp)
            g_object_unref(pp);
        if (rc)
            return izde_fail(err, IZDE_ERR_NOMEM, "%s: out of memory", r->name);
    }
    drop_heads(r->pages, n);
    r->compounds = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    collect_compounds(r->pages, n, r->compounds);
    size_t empty = 0;
    GString *list = g_string_new(NULL);
    for (size_t i = 0; i < n; i++) {
        order_page(&r->pages[i]);
        GString *t = g_string_new(NULL);
        page_text(&r->pages[i], t, r->compounds);
        r->text[i] = g_string_free(t, FALSE);
        if (!r->text[i][0] && ++empty <= 10)
            g_string_append_printf(list, "%s%zu", empty > 1 ? ", " : "", i + 1);
    }
    int rc = 0;
    if (empty == n)
        rc = izde_fail(err, IZDE_ERR_FORMAT,
                       "%s: no text layer on any of its %zu pages (scanned images: needs OCR)",
                       r->name, n);
    else if (empty)
        warn(r, "%zu of %zu pages have no text layer (scanned: needs OCR), not indexed: %s%s",
             empty, n, list->str, empty > 10 ? ", …" : "");
    g_string_free(list, TRUE);
    if (rc == 0) {
        find_issue(r->pages, n, r->path, &r->is);
        rc = emit_all(r, err);
    }
    g_hash_table_destroy(r->compounds);
    return rc;
}

static int read_pdf(PopplerDocument *doc, GError *gerr, reader *r, izde_error *err)
{
    int rc;
    if (!doc) {
        if (gerr && g_error_matches(gerr, pg.error_quark(), POPPLER_ERROR_ENCRYPTED))
            rc = izde_fail(err, IZDE_ERR_FORMAT, "%s: encrypted PDF (needs a password)",
                           r->name);
        else
            rc = izde_fail(err, IZDE_ERR_FORMAT, "%s: not a PDF that can be read (%s)", r->name,
                           gerr ? gerr->message : "poppler refused it");
    } else {
        rc = read_doc(doc, r, err);
    }
    if (gerr)
        g_error_free(gerr);
    if (doc)
        g_object_unref(doc);
    for (size_t i = 0; i < r->n; i++) {
        page_free(&r->pages[i]);
        g_free(r->text ? r->text[i] : NULL);
    }
    free(r->pages);
    free(r->text);
    free(r->warnings);
    return rc;
}

static guint silence(void)
{
    return g_log_set_handler("Poppler", G_LOG_LEVEL_MASK | G_LOG_FLAG_FATAL | G_LOG_FLAG_RECURSION,
                             quiet, NULL);
}

int izde_pdf_read_data(const char *data, size_t len, const char *name, const char *id,
                       izde_article_fn fn, void *ctx, izde_error *err)
{
    reader r = {.name = name, .path = name, .id = id, .fn = fn, .ctx = ctx};
    if (len > max_size || len > G_MAXINT)
        return izde_fail(err, IZDE_ERR_FORMAT,
                         "%s: %zu bytes is over the limit of %llu bytes (--max-pdf-size)", name,
                         len, max_size);
    int rc = pg_ready(name, err);
    if (rc)
        return rc;
    guint h = silence();
    GBytes *b = g_bytes_new_static(data, len);
    GError *gerr = NULL;
    PopplerDocument *doc = pg.document_new_from_bytes(b, NULL, &gerr);
    rc = read_pdf(doc, gerr, &r, err);
    g_bytes_unref(b);
    g_log_remove_handler("Poppler", h);
    return rc;
}

int izde_pdf_read_articles(const char *path, const char *id, izde_article_fn fn, void *ctx,
                           izde_error *err)
{
    char *name = izde_utf8_escape_name(path);
    if (!name)
        return izde_fail(err, IZDE_ERR_NOMEM, "out of memory");
    reader r = {.name = name, .path = path, .id = id, .fn = fn, .ctx = ctx, .from_file = 1};
    int rc;
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    struct stat st;
    if (fd < 0) {
        rc = izde_fail(err, IZDE_ERR_IO, "%s: cannot open: %s", name, strerror(errno));
    } else if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        rc = izde_fail(err, IZDE_ERR_IO, "%s: not a regular file", name);
    } else if ((unsigned long long)st.st_size > max_size) {
        close(fd);
        rc = izde_fail(err, IZDE_ERR_FORMAT,
                       "%s: %lld bytes is over the limit of %llu bytes (--max-pdf-size)", name,
                       (long long)st.st_size, max_size);
    } else if (st.st_size == 0) {
        close(fd);
        rc = izde_fail(err, IZDE_ERR_FORMAT, "%s: empty file", name);
    } else if ((rc = pg_ready(name, err)) != 0) {
        close(fd);
    } else {
        guint h = silence();
        GError *gerr = NULL;
        PopplerDocument *doc = pg.document_new_from_fd(fd, NULL, &gerr); /* owns fd */
        rc = read_pdf(doc, gerr, &r, err);
        g_log_remove_handler("Poppler", h);
    }
    free(name);
    return rc;
}
