/* izde — the HTML renderer: the website's results page, in Kyrgyz.
 *
 * Every piece of text that did not come from this file goes out through
 * izde_html_escape (text and attribute values, always double-quoted), and
 * every value in a link through izde_url_encode first: the query, titles,
 * rubrics, snippets, paths, suggestions, error messages.  The template
 * comes from the site's configuration and is copied as it is. */
#include "izde/render.h"

#include <stdlib.h>
#include <string.h>

#include "izde/html.h"
#include "izde/url.h"

/* Pages linked on each side of the current one. */
#define PAGE_WINDOW 2

static void esc(FILE *out, const char *s) { izde_html_cstr(out, s); }

static int set(const char *s) { return s && *s; }

/* ---- links back to the search ------------------------------------------------ */

/* A change to the request for one link. */
typedef struct change {
    const char *query;      /* another query (did-you-mean), or NULL */
    unsigned page;          /* 0: the first page (no page=) */
    const char *rubric;     /* a rubric to narrow by, or NULL */
    const char *year;       /* a year to narrow by, or NULL */
    int no_rubric, no_year; /* drop that filter */
    int no_filters;         /* drop every filter */
} change;

static void param(FILE *out, int *first, const char *name, const char *value)
{
    if (!set(value))
        return;
    fputs(*first ? "?" : "&amp;", out);
    *first = 0;
    fputs(name, out);
    putc('=', out);
    izde_url_encode(out, value, strlen(value));
}

/* href="?q=…&amp;…": a relative link to this program with the request's
 * parameters, changed by `c`. */
static void put_href(FILE *out, const izde_html_request *req, const change *c)
{
    int first = 1;
    char num[24];
    fputs(" href=\"", out);
    param(out, &first, "q", c->query ? c->query : req->query);
    if (req->per_page != IZDE_HTML_PER_PAGE) {
        snprintf(num, sizeof num, "%u", req->per_page);
        param(out, &first, "n", num);
    }
    if (req->sort_date)
        param(out, &first, "sort", "date");
    if (req->no_expand)
        param(out, &first, "expand", "0");
    if (!c->no_filters) {
        param(out, &first, "from", req->from);
        param(out, &first, "to", req->to);
        param(out, &first, "rubric", c->rubric ? c->rubric : c->no_rubric ? NULL : req->rubric);
        param(out, &first, "year", c->year ? c->year : c->no_year ? NULL : req->year);
    }
    if (c->page > 1) {
        snprintf(num, sizeof num, "%u", c->page);
        param(out, &first, "page", num);
    }
    if (first) /* nothing at all: the front page */
        putc('?', out);
    putc('"', out);
}

/* An article's link from the site's pattern: {path}, {base}.  A hit of a
 * printed issue (page > 0) links to its PDF: the path up to its "#…" hit
 * suffix, {page} the page, or "#page=N" appended when the pattern has no
 * {page}. */
static void put_article_href(FILE *out, const char *pattern, const char *path, unsigned page)
{
    size_t plen = strlen(path), blen;
    const char *hash = page ? strrchr(path, '#') : NULL;
    if (hash)
        plen = (size_t)(hash - path);
    blen = plen;
    const char *dot = NULL, *slash = NULL;
    for (const char *c = path; c < path + plen; c++) {
        if (*c == '.')
            dot = c;
        else if (*c == '/')
            slash = c;
    }
    if (dot && (!slash || dot > slash + 1))
        blen = (size_t)(dot - path);
    int has_page = 0;
    fputs(" href=\"", out);
    for (const char *p = pattern; *p;) {
        if (!strncmp(p, "{path}", 6)) {
            izde_url_encode_path(out, path, plen);
            p += 6;
        } else if (!strncmp(p, "{base}", 6)) {
            izde_url_encode_path(out, path, blen);
            p += 6;
        } else if (!strncmp(p, "{page}", 6)) {
            fprintf(out, "%u", page);
            has_page = 1;
            p += 6;
        } else {
            size_t n = strcspn(p + 1, "{") + 1;
            izde_html_escape(out, p, n);
            p += n;
        }
    }
    if (page && !has_page)
        fprintf(out, "#page=%u", page);
    putc('"', out);
}

/* ---- the parts of a page -------------------------------------------------------- */

static int has_filters(const izde_html_request *req)
{
    return set(req->from) || set(req->to) || set(req->rubric) || set(req->year);
}

static void hidden(FILE *out, const char *name, const char *value)
{
    if (!set(value))
        return;
    fprintf(out, "<input type=\"hidden\" name=\"%s\" value=\"", name);
    esc(out, value);
    fputs("\">\n", out);
}

static void put_form(FILE *out, const izde_html_request *req)
{
    fputs("<form class=\"search\" method=\"get\" role=\"search\">\n"
          "<label class=\"vh\" for=\"q\">Издөө</label>\n"
          "<input type=\"search\" id=\"q\" name=\"q\" value=\"", out);
    esc(out, req->query);
    fputs("\" placeholder=\"Архивден издөө…\" autocomplete=\"off\">\n"
          "<label class=\"vh\" for=\"sort\">Иреттөө</label>\n"
          "<select id=\"sort\" name=\"sort\">"
          "<option value=\"relevance\">Маанилүүлүгү боюнча</option>", out);
    fprintf(out, "<option value=\"date\"%s>Жаңылары алдыда</option></select>\n",
            req->sort_date ? " selected" : "");
    if (req->per_page != IZDE_HTML_PER_PAGE)
        fprintf(out, "<input type=\"hidden\" name=\"n\" value=\"%u\">\n", req->per_page);
    hidden(out, "from", req->from);
    hidden(out, "to", req->to);
    hidden(out, "rubric", req->rubric);
    hidden(out, "year", req->year);
    /* Expansion is on unless turned off: an unticked box sends nothing, so
     * the hidden expand=0 after it is what a visitor who unticks it sends
     * (the first of repeated parameters counts). */
    fprintf(out, "<label class=\"expand\"><input type=\"checkbox\" name=\"expand\" "
            "value=\"1\"%s> орусча, англисче да</label>\n"
            "<input type=\"hidden\" name=\"expand\" value=\"0\">\n",
            req->no_expand ? "" : " checked");
    fputs("<button type=\"submit\">Издөө</button>\n</form>", out);
}

/* The filters in force, each with a link that drops it. */
static void put_filters(FILE *out, const izde_html_request *req)
{
    if (!has_filters(req))
        return;
    fputs("<p class=\"filters\">Чыпкалар:", out);
    if (set(req->rubric)) {
        fputs(" <a class=\"filter\"", out);
        put_href(out, req, &(change){.no_rubric = 1});
        fputs(" title=\"Алып салуу\">Рубрика: ", out);
        esc(out, req->rubric);
        fputs(" ✕</a>", out);
    }
    if (set(req->year)) {
        fputs(" <a class=\"filter\"", out);
        put_href(out, req, &(change){.no_year = 1});
        fputs(" title=\"Алып салуу\">Жыл: ", out);
        esc(out, req->year);
        fputs(" ✕</a>", out);
    }
    if (set(req->from) || set(req->to)) {
        fputs(" <span class=\"filter\">Мезгил: ", out);
        esc(out, set(req->from) ? req->from : "…");
        fputs(" – ", out);
        esc(out, set(req->to) ? req->to : "…");
        fputs("</span>", out);
    }
    fputs(" <a class=\"filter\"", out);
    put_href(out, req, &(change){.no_filters = 1});
    fputs(">Баарын алып салуу</a></p>\n", out);
}

static void put_suggestion(FILE *out, const izde_html_request *req, const izde_results *r)
{
    if (!r->suggestion)
        return;
    fputs("<p class=\"suggest\">Балким, муну издегенсиз: <a", out);
    put_href(out, req, &(change){.query = r->suggestion});
    fputs(">", out);
    esc(out, r->suggestion);
    fputs("</a></p>\n", out);
}

static int iso_date(const char *d)
{
    if (!d || strlen(d) != 10 || d[4] != '-' || d[7] != '-')
        return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (d[i] < '0' || d[i] > '9'))
            return 0;
    return 1;
}

static void put_hit(FILE *out, const izde_html_site *site, const izde_html_request *req,
                    const izde_hit *h)
{
    const izde_docdata *d = &h->data;
    fputs("<li class=\"hit\">\n<h2>", out);
    unsigned page = izde_docdata_page(d);
    const char *url = page && site->pdf_url ? site->pdf_url : site->article_url;
    int link = url && set(d->path);
    if (link) {
        fputs("<a", out);
        put_article_href(out, url, d->path, page);
        putc('>', out);
    }
    esc(out, set(d->title) ? d->title : set(d->path) ? d->path : "(аталышы жок)");
    fputs(link ? "</a></h2>\n" : "</h2>\n", out);
    char cite[128];
    int cited = izde_docdata_cite(d, cite, sizeof cite) > 0;
    if (set(d->date) || set(d->rubric) || cited) {
        fputs("<p class=\"meta\">", out);
        if (iso_date(d->date))
            fprintf(out, "<time datetime=\"%s\">%s</time>", d->date, d->date);
        else
            esc(out, d->date);
        if (cited) {
            fputs(set(d->date) ? " · <span class=\"issue\">" : "<span class=\"issue\">", out);
            esc(out, cite);
            fputs("</span>", out);
        }
        if (set(d->rubric)) {
            fputs(set(d->date) || cited ? " · <a class=\"rubric\"" : "<a class=\"rubric\"", out);
            put_href(out, req, &(change){.rubric = d->rubric});
            putc('>', out);
            esc(out, d->rubric);
            fputs("</a>", out);
        }
        fputs("</p>\n", out);
    }
    if (h->snippet.len) {
        fputs("<p class=\"snippet\">", out);
        for (size_t k = 0; k < h->snippet.nspans; k++) {
            const izde_span *sp = &h->snippet.spans[k];
            fputs(sp->hit ? "<mark>" : "", out);
            izde_html_escape(out, h->snippet.text + sp->start, sp->end - sp->start);
            fputs(sp->hit ? "</mark>" : "", out);
        }
        fputs("</p>\n", out);
    }
    fputs("</li>\n", out);
}

static void page_link(FILE *out, const izde_html_request *req, unsigned page,
                      const char *rel, const char *label)
{
    fputs("<a", out);
    if (rel)
        fprintf(out, " rel=\"%s\"", rel);
    put_href(out, req, &(change){.page = page});
    fprintf(out, ">%s</a>\n", label);
}

static void put_pages(FILE *out, const izde_html_request *req, const izde_results *r)
{
    unsigned per = req->per_page ? req->per_page : IZDE_HTML_PER_PAGE;
    unsigned shown = r->total;
    if (req->max_hits && shown > req->max_hits)
        shown = req->max_hits;
    unsigned last = (shown + per - 1) / per;
    if (last < 2 && req->page < 2)
        return;
    if (last < req->page)
        last = req->page;
    unsigned cur = req->page ? req->page : 1;
    char num[16];
    fputs("<nav class=\"pages\" aria-label=\"Беттер\">\n", out);
    if (cur > 1)
        page_link(out, req, cur - 1, "prev", "← Мурунку");
    for (unsigned p = 1; p <= last; p++) {
        int near = p + PAGE_WINDOW >= cur && p <= cur + PAGE_WINDOW;
        if (p != 1 && p != last && !near) {
            if (p == 2 || p == cur + PAGE_WINDOW + 1)
                fputs("<span class=\"gap\">…</span>\n", out);
            continue;
        }
        snprintf(num, sizeof num, "%u", p);
        if (p == cur)
            fprintf(out, "<span class=\"cur\" aria-current=\"page\">%u</span>\n", p);
        else
            page_link(out, req, p, NULL, num);
    }
    if (cur < last)
        page_link(out, req, cur + 1, "next", "Кийинки →");
    fputs("</nav>\n", out);
}

static void put_zero(FILE *out, const izde_html_request *req, const izde_results *r)
{
    fputs("<div class=\"none\">\n<p class=\"count\">", out);
    if (set(req->query)) {
        fputs("«", out);
        esc(out, req->query);
        fputs("» боюнча ", out);
    }
    fputs("эч нерсе табылган жок.</p>\n", out);
    put_suggestion(out, req, r);
    fputs("<p>Кеңештер:</p>\n<ul class=\"tips\">\n"
          "<li>Сөздөрдүн жазылышын текшериңиз.</li>\n"
          "<li>Азыраак же жалпыраак сөз менен издеп көрүңүз.</li>\n"
          "<li>Сөздүн башын гана жазып, аягына * коюңуз: "
          "<code>шайл*</code> шайлоо, шайлоочулар… табат.</li>\n"
          "<li>ң, ө, ү тамгаларын н, о, у менен жазсаңыз да болот.</li>\n", out);
    if (has_filters(req)) {
        fputs("<li><a", out);
        put_href(out, req, &(change){.no_filters = 1});
        fputs(">Чыпкаларсыз издөө</a></li>\n", out);
    }
    fputs("</ul>\n</div>\n", out);
}

static void put_results(FILE *out, const izde_html_site *site, const izde_html_request *req,
                        const izde_results *r)
{
    put_filters(out, req);
    if (r->total == 0 || (r->nhits == 0 && r->offset == 0)) {
        put_zero(out, req, r);
        return;
    }
    fprintf(out, "<p class=\"count\">Табылды: <strong>%u</strong>", r->total);
    if (r->nhits)
        fprintf(out, " · %u–%zu", r->offset + 1, r->offset + r->nhits);
    fputs("</p>\n", out);
    put_suggestion(out, req, r);
    if (r->nhits) {
        fprintf(out, "<ol class=\"hits\" start=\"%u\">\n", r->offset + 1);
        for (size_t i = 0; i < r->nhits; i++)
            put_hit(out, site, req, &r->hits[i]);
        fputs("</ol>\n", out);
    } else {
        fputs("<p class=\"none\">Бул бетте натыйжа жок.</p>\n", out);
    }
    put_pages(out, req, r);
}

static void put_front(FILE *out)
{
    fputs("<section class=\"intro\">\n"
          "<h1>«Муниципалитет» журналынын архивинен издөө</h1>\n"
          "<p>Бир нече сөз жазыңыз: издөө сөздүн бардык формаларын табат "
          "(<code>грант</code> → гранттар, гранттарды).</p>\n"
          "<ul class=\"tips\">\n"
          "<li><code>\"тегерек стол\"</code> — так ушул сөз айкашы</li>\n"
          "<li><code>бюджет OR грант</code> — бири болсо жетиштүү</li>\n"
          "<li><code>шайлоо -референдум</code> — референдум жок</li>\n"
          "<li><code>rubric:Финансы</code>, <code>year:2021</code>, "
          "<code>2019..2021</code> — рубрика, жыл, мезгил</li>\n"
          "</ul>\n</section>\n", out);
}

/* Years newest first (the spy gives the most frequent first). */
static int by_value_desc(const void *a, const void *b)
{
    return strcmp(((const izde_facet *)b)->value, ((const izde_facet *)a)->value);
}

static void put_facet(FILE *out, const izde_html_request *req, const char *title,
                      const izde_facet *facets, size_t n, int is_year)
{
    if (!n)
        return;
    /* Sorted in a copy: rendering does not change the results. */
    izde_facet *sorted = is_year ? malloc(n * sizeof *sorted) : NULL;
    if (sorted) {
        memcpy(sorted, facets, n * sizeof *sorted);
        qsort(sorted, n, sizeof *sorted, by_value_desc);
    }
    const izde_facet *f = sorted ? sorted : facets;
    const char *cur = is_year ? req->year : req->rubric;
    fprintf(out, "<section class=\"facet\">\n<h2>%s</h2>\n<ul>\n", title);
    for (size_t i = 0; i < n; i++) {
        int on = set(cur) && n == 1;
        fputs(on ? "<li class=\"on\"><a" : "<li><a", out);
        change c = {0};
        if (on)
            *(is_year ? &c.no_year : &c.no_rubric) = 1;
        else
            *(is_year ? &c.year : &c.rubric) = f[i].value;
        put_href(out, req, &c);
        putc('>', out);
        esc(out, f[i].value);
        fprintf(out, "%s</a> <span class=\"n\">%u</span></li>\n", on ? " ✕" : "", f[i].count);
    }
    fputs("</ul>\n</section>\n", out);
    free(sorted);
}

/* ---- the template --------------------------------------------------------------- */

enum part { P_TITLE, P_CSS, P_QUERY, P_FORM, P_MAIN, P_FACETS, P_NONE };

typedef struct page {
    const izde_html_site *site;
    const izde_html_request *req;
    const izde_results *r;              /* NULL: front page or message */
    const char *msg_title, *msg_detail; /* a message page */
} page;

static void put_title(FILE *out, const page *pg)
{
    if (pg->msg_title) {
        esc(out, pg->msg_title);
        fputs(" · ", out);
    } else if (pg->r && set(pg->req->query)) {
        esc(out, pg->req->query);
        fputs(" — ", out);
    }
    fputs("Издөө · «Муниципалитет»", out);
}

static void put_part(FILE *out, const page *pg, enum part p)
{
    switch (p) {
    case P_TITLE: put_title(out, pg); break;
    case P_CSS: esc(out, pg->site->css_href); break;
    case P_QUERY: esc(out, pg->req->query); break;
    case P_FORM: put_form(out, pg->req); break;
    case P_MAIN:
        if (pg->msg_title) {
            fputs("<div class=\"message\">\n<h1>", out);
            esc(out, pg->msg_title);
            fputs("</h1>\n", out);
            if (set(pg->msg_detail)) {
                fputs("<p>", out);
                esc(out, pg->msg_detail);
                fputs("</p>\n", out);
            }
            fputs("</div>\n", out);
        } else if (pg->r) {
            put_results(out, pg->site, pg->req, pg->r);
        } else {
            put_front(out);
        }
        break;
    case P_FACETS:
        if (pg->r && pg->r->total) {
            put_facet(out, pg->req, "Жылдар", pg->r->years, pg->r->nyears, 1);
            put_facet(out, pg->req, "Рубрикалар", pg->r->rubrics, pg->r->nrubrics, 0);
        }
        break;
    case P_NONE: break;
    }
}

static enum part part_named(const char *s, size_t n)
{
    static const char *const names[] = {"title", "css", "query", "form", "main", "facets"};
    for (int i = 0; i < P_NONE; i++)
        if (strlen(names[i]) == n && !memcmp(s, names[i], n))
            return (enum part)i;
    return P_NONE;
}

static void expand(FILE *out, const page *pg)
{
    const char *t = pg->site->tmpl ? pg->site->tmpl : "{{main}}";
    while (*t) {
        const char *open = strstr(t, "{{");
        if (!open) {
            fputs(t, out);
            return;
        }
        const char *close = strstr(open + 2, "}}");
        enum part p = close ? part_named(open + 2, (size_t)(close - open - 2)) : P_NONE;
        if (p == P_NONE) { /* not ours: copied as it is */
            fwrite(t, 1, (size_t)(open - t) + 2, out);
            t = open + 2;
            continue;
        }
        fwrite(t, 1, (size_t)(open - t), out);
        put_part(out, pg, p);
        t = close + 2;
    }
}

void izde_render_html(FILE *out, const izde_html_site *site,
                      const izde_html_request *req, const izde_results *r)
{
    page pg = {.site = site, .req = req, .r = r};
    expand(out, &pg);
}

void izde_render_html_message(FILE *out, const izde_html_site *site,
                              const izde_html_request *req, const char *title,
                              const char *detail)
{
    page pg = {.site = site, .req = req, .msg_title = title ? title : "",
               .msg_detail = detail};
    expand(out, &pg);
}
