/* izde — a page of the magazine's site as HTML becomes an article.
 *
 * libxml2's HTML parser builds the tree (no network, no entity loading:
 * HTML has no entities of its own beyond the named characters, and a
 * DOCTYPE's internal subset is blanked before parsing, so neither XXE nor an
 * entity bomb can do anything).  Then:
 *   - the container of the article is chosen: [itemprop=articleBody], the
 *     largest <article>, <main> / [role=main], else the element with the most
 *     paragraph text below it;
 *   - the title, date, rubric and author are looked up in their usual places
 *     (meta tags first, then the visible page);
 *   - the body is the container's text as passages ("\n"-separated), with
 *     the site's chrome left out: navigation, headers, footers, asides,
 *     forms, scripts, styles, elements whose class/id/role says menu,
 *     breadcrumb, related, share ..., and the related-links block that
 *     starts with "Окшош материалдар" or "Похожие материалы".
 * Every walk over the tree is iterative: a hostile page may nest deeply. */
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "izde/analyzer.h"
#include "izde/article.h"
#include "izde/utf8.h"

/* ---- a growing string ---------------------------------------------------- */

typedef struct sbuf {
    char *s;
    size_t n, cap;
    int failed;
} sbuf;

static void sb_put(sbuf *b, const char *s, size_t n)
{
    if (b->failed)
        return;
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->n + n + 1)
            cap *= 2;
        char *p = realloc(b->s, cap);
        if (!p) {
            b->failed = 1;
            return;
        }
        b->s = p;
        b->cap = cap;
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = '\0';
}

/* ---- text with collapsed white space, in passages ------------------------- */

typedef struct text {
    sbuf b;
    size_t line; /* bytes of the current passage */
    int space, brk;
} text;

static void t_break(text *t)
{
    if (t->b.n)
        t->brk = 1;
    t->space = 0;
}

static void t_add(text *t, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; p[i];) {
        unsigned c = p[i];
        size_t n = 1;
        int ws = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' ||
                 c < 0x20 || c == 0x7F;
        if (c == 0xC2 && p[i + 1] == 0xA0) { /* no-break space */
            ws = 1;
            n = 2;
        } else if (c == 0xC2 && p[i + 1] == 0xAD) { /* soft hyphen: invisible */
            i += 2;
            continue;
        }
        if (ws) {
            if (t->line)
                t->space = 1;
            i += n;
            continue;
        }
        if (t->brk) {
            sb_put(&t->b, "\n", 1);
            t->line = 0;
            t->brk = 0;
        } else if (t->space && t->line) {
            sb_put(&t->b, " ", 1);
            t->line++;
        }
        t->space = 0;
        /* A run of non-space bytes at once. */
        size_t j = i;
        while (p[j] && p[j] > ' ' && p[j] != 0x7F && !(p[j] == 0xC2 && (p[j + 1] == 0xA0 || p[j + 1] == 0xAD)))
            j++;
        sb_put(&t->b, s + i, j - i);
        t->line += j - i;
        i = j;
    }
}

/* ---- element classes ------------------------------------------------------ */

static int name_is(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && n->name && strcasecmp((const char *)n->name, name) == 0;
}

static int name_in(const xmlNode *n, const char *const *names)
{
    for (; *names; names++)
        if (name_is(n, *names))
            return 1;
    return 0;
}

/* Never text, wherever they are. */
static const char *const never_text[] = {
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
    "select", "option", "textarea", "button", "input", "canvas", "video", "audio", "map",
    "head", "title", "meta", "link", NULL};

/* The site's chrome by element. */
static const char *const chrome_tags[] = {"nav", "header", "footer", "aside", "form",
                                          "menu", "dialog", NULL};

/* Elements that start and end a passage. */
static const char *const block_tags[] = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
    "blockquote", "pre", "table", "tr", "section", "article", "main", "figure", "figcaption",
    "address", "hr", "caption", "details", "summary", "center", "fieldset", "legend",
    "header", "footer", "nav", "aside", "body", "html", "form", NULL};

static int is_block(const xmlNode *n) { return name_in(n, block_tags); }

static char *attr(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE ? (char *)xmlGetProp(n, (const xmlChar *)name) : NULL;
}

/* Words of class, id and role that mark the site's chrome.  A word is a run
 * of letters and digits, so "article-header" has "header" and
 * "navbar-top" has "navbar", but "canvas" has no "nav". */
static const char *const chrome_words[] = {
    "nav", "navbar", "navigation", "menu", "mainmenu", "topmenu", "breadcrumb", "breadcrumbs",
    "related", "share", "sharing", "social", "sidebar", "footer", "header", "masthead",
    "comments", "comment", "banner", "advert", "advertisement", "ads", "widget", "cookie",
    "cookies", "pagination", "pager", "subscribe", "search", "toolbar", "topbar", "logo",
    "complementary", "contentinfo", NULL};

static int has_word(const char *v, const char *const *words)
{
    if (!v)
        return 0;
    for (const char *p = v; *p;) {
        while (*p && !((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z') && !(*p >= '0' && *p <= '9'))
            p++;
        const char *w = p;
        while ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z' ? 1 : (*p >= '0' && *p <= '9'))
            p++;
        size_t n = (size_t)(p - w);
        for (const char *const *k = words; n && *k; k++)
            if (strlen(*k) == n && strncasecmp(w, *k, n) == 0)
                return 1;
    }
    return 0;
}

static int attr_has_word(const xmlNode *n, const char *name, const char *const *words)
{
    char *v = attr(n, name);
    int r = has_word(v, words);
    xmlFree(v);
    return r;
}

static int is_chrome(const xmlNode *n)
{
    if (n->type != XML_ELEMENT_NODE)
        return 0;
    if (name_in(n, chrome_tags))
        return 1;
    static const char *const roles[] = {"navigation", "banner", "contentinfo", "complementary",
                                        "search", "menu", "menubar", NULL};
    return attr_has_word(n, "role", roles) || attr_has_word(n, "class", chrome_words) ||
           attr_has_word(n, "id", chrome_words);
}

/* The first text below n, case-folded, up to `cap` bytes (a bounded walk:
 * only the first few nodes are looked at). */
static size_t first_text(const xmlNode *n, char *out, size_t cap)
{
    const xmlNode *c = n->children;
    for (int steps = 0; c && steps < 64; steps++) {
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content) {
            const char *s = (const char *)c->content;
            while (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r')
                s++;
            if (*s) {
                size_t len = strlen(s);
                if (len > cap - 1)
                    len = cap - 1;
                while (len && ((unsigned char)s[len] & 0xC0) == 0x80)
                    len--; /* a whole character */
                return izde_fold_string(s, len, out, cap);
            }
        }
        if (c->type == XML_ELEMENT_NODE && c->children && !name_in(c, never_text)) {
            c = c->children;
            continue;
        }
        while (c && !c->next && c != n)
            c = c->parent;
        if (!c || c == n)
            break;
        c = c->next;
    }
    return 0;
}

/* The heading of the related-links block, in the site's Kyrgyz and Russian
 * pages (folded). */
static int is_related_heading(const xmlNode *n)
{
    static const char *const leaf[] = {"h2", "h3", "h4", "h5", "h6", "p", "strong", "b",
                                       "span", "em", "dt", "div", "label", NULL};
    static const char *const phrases[] = {"окшош материал", "окшош макала", "тектеш материал",
                                          "похожие материал", "похожие статьи",
                                          "читайте также", NULL};
    if (!name_in(n, leaf))
        return 0;
    /* A div only when it is the heading itself, not a block holding it. */
    if (name_is(n, "div"))
        for (const xmlNode *c = n->children; c; c = c->next)
            if (c->type == XML_ELEMENT_NODE && is_block(c))
                return 0;
    char f[96];
    size_t len = first_text(n, f, sizeof f);
    for (const char *const *p = phrases; *p; p++)
        if (len >= strlen(*p) && memcmp(f, *p, strlen(*p)) == 0)
            return 1;
    return 0;
}

/* ---- collecting text -------------------------------------------------------- */

enum mode {
    BODY, /* the article's text: chrome and the related block left out */
    META, /* where dates and bylines are: only never_text and site-level
             navigation/footer/aside/form left out */
};

/* Appends the text below `root` to t. */
static void collect(xmlNode *root, text *t, enum mode mode)
{
    static const char *const meta_skip[] = {"nav", "footer", "aside", "form", NULL};
    xmlNode *n = root->children, *cut = NULL;
    while (n) {
        int down = 0;
        if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content) {
            t_add(t, (const char *)n->content);
        } else if (n->type == XML_ELEMENT_NODE && !name_in(n, never_text)) {
            if (mode == BODY && is_related_heading(n)) {
                cut = n->parent; /* this and what follows it there */
            } else if (mode == BODY ? !is_chrome(n) : !name_in(n, meta_skip)) {
                if (is_block(n) || name_is(n, "br"))
                    t_break(t);
                else if (name_is(n, "td") || name_is(n, "th"))
                    t_add(t, " ");
                down = n->children != NULL;
            }
        }
        if (down) {
            n = n->children;
            continue;
        }
        while (n != root && (!n->next || n->parent == cut)) {
            n = n->parent;
            if (n == cut)
                cut = NULL;
            if (is_block(n))
                t_break(t);
        }
        if (n == root)
            break;
        n = n->next;
    }
}

static char *text_of(xmlNode *n, enum mode mode)
{
    text t = {0};
    collect(n, &t, mode);
    if (t.b.failed) {
        free(t.b.s);
        return NULL;
    }
    return t.b.s ? t.b.s : strdup("");
}

/* The whole text of n on one line (a title, a rubric, a name). */
static char *line_of(xmlNode *n)
{
    char *s = text_of(n, META);
    for (char *p = s; p && *p; p++)
        if (*p == '\n')
            *p = ' ';
    return s;
}

/* ---- finding elements ------------------------------------------------------ */

/* Pre-order walk of the elements below root; `skip` (may be NULL) says
 * which subtrees not to enter.  Returns the next element after n. */
static xmlNode *next_element(xmlNode *root, xmlNode *n, int (*skip)(const xmlNode *))
{
    int down = 1; /* n itself was returned (or is root): enter it */
    for (;;) {
        if (down && n->children && n->type == XML_ELEMENT_NODE) {
            n = n->children;
        } else {
            while (n != root && !n->next)
                n = n->parent;
            if (n == root)
                return NULL;
            n = n->next;
        }
        down = 0;
        if (n->type == XML_ELEMENT_NODE && !(skip && skip(n)))
            return n;
    }
}

static int skip_never(const xmlNode *n) { return name_in(n, never_text); }
static int skip_chrome(const xmlNode *n) { return name_in(n, never_text) || is_chrome(n); }

static xmlNode *find_first(xmlNode *root, const char *name, int (*skip)(const xmlNode *))
{
    for (xmlNode *n = root; (n = next_element(root, n, skip));)
        if (name_is(n, name))
            return n;
    return NULL;
}

/* ---- the container ---------------------------------------------------------- */

static size_t text_len(xmlNode *n)
{
    char *s = text_of(n, BODY);
    size_t len = s ? strlen(s) : 0;
    free(s);
    return len;
}

/* The element with the most paragraph text: each run of text counts for its
 * nearest block element and that element's parent (so the element holding
 * the paragraphs wins over any one paragraph).  Scores live in _private. */
static xmlNode *largest_block(xmlNode *body)
{
    xmlNode *best = NULL;
    uintptr_t best_score = 0;
    xmlNode *n = body->children;
    while (n) {
        int down = 0;
        if (n->type == XML_TEXT_NODE && n->content) {
            size_t len = 0;
            for (const char *s = (const char *)n->content; *s; s++)
                len += (unsigned char)*s > ' ';
            xmlNode *b = n->parent;
            while (b != body && !is_block(b))
                b = b->parent;
            xmlNode *targets[2] = {b, b != body ? b->parent : NULL};
            for (int k = 0; k < 2; k++) {
                if (!targets[k])
                    continue;
                uintptr_t sc = (uintptr_t)targets[k]->_private + len;
                targets[k]->_private = (void *)sc;
                if (sc > best_score) {
                    best_score = sc;
                    best = targets[k];
                }
            }
        } else if (n->type == XML_ELEMENT_NODE && !skip_chrome(n)) {
            down = n->children != NULL;
        }
        if (down) {
            n = n->children;
            continue;
        }
        while (n != body && !n->next)
            n = n->parent;
        if (n == body)
            break;
        n = n->next;
    }
    /* Clear the scores: _private belongs to whoever uses the tree next. */
    for (xmlNode *e = body; e; e = next_element(body, e, NULL))
        e->_private = NULL;
    return best ? best : body;
}

static int attr_is(const xmlNode *n, const char *name, const char *value)
{
    char *v = attr(n, name);
    int r = v && strcasecmp(v, value) == 0;
    xmlFree(v);
    return r;
}

static xmlNode *find_container(xmlNode *body)
{
    xmlNode *best = NULL;
    size_t best_len = 0;
    for (xmlNode *n = body; (n = next_element(body, n, skip_never));)
        if (attr_is(n, "itemprop", "articleBody"))
            return n;
    /* The largest <article> outside the chrome: teasers of other articles
     * in a sidebar are <article>s too. */
    for (xmlNode *n = body; (n = next_element(body, n, skip_chrome));)
        if (name_is(n, "article")) {
            size_t len = text_len(n);
            if (len > best_len || !best) {
                best = n;
                best_len = len;
            }
        }
    if (best && best_len > 0)
        return best;
    for (xmlNode *n = body; (n = next_element(body, n, skip_chrome));)
        if (name_is(n, "main") || attr_is(n, "role", "main"))
            return n;
    return largest_block(body);
}

/* ---- fields ----------------------------------------------------------------- */

typedef struct page {
    izde_article *a;
    xmlNode *root, *body, *container;
    char *og_title, *html_title, *site_name;
    char *meta_date, *meta_section, *meta_author, *og_locale;
    char *date_passage, *byline_passage; /* body passages used as fields */
} page;

static char *trimmed_dup(const char *s)
{
    if (!s)
        return NULL;
    text t = {0};
    t_add(&t, s);
    if (t.b.failed) {
        free(t.b.s);
        return NULL;
    }
    return t.b.s ? t.b.s : strdup("");
}

static void replace(char **field, char *value)
{
    free(*field);
    *field = value;
}

static void read_meta(page *p)
{
    for (xmlNode *n = p->root; (n = next_element(p->root, n, NULL));) {
        if (name_is(n, "title") && !p->html_title) {
            p->html_title = line_of(n); /* its children: text */
            continue;
        }
        if (!name_is(n, "meta"))
            continue;
        char *key = attr(n, "property");
        if (!key)
            key = attr(n, "name");
        if (!key)
            key = attr(n, "itemprop");
        char *val = key ? attr(n, "content") : NULL;
        if (key && val) {
            char **dst = NULL;
            if (!strcasecmp(key, "og:title"))
                dst = &p->og_title;
            else if (!strcasecmp(key, "og:site_name"))
                dst = &p->site_name;
            else if (!strcasecmp(key, "article:published_time") ||
                     !strcasecmp(key, "datePublished") || !strcasecmp(key, "date") ||
                     !strcasecmp(key, "DC.date"))
                dst = &p->meta_date;
            else if (!strcasecmp(key, "article:section"))
                dst = &p->meta_section;
            else if (!strcasecmp(key, "author") || !strcasecmp(key, "article:author"))
                dst = strncasecmp(val, "http", 4) ? &p->meta_author : NULL;
            else if (!strcasecmp(key, "og:locale"))
                dst = &p->og_locale;
            if (dst && !*dst)
                *dst = trimmed_dup(val);
        }
        xmlFree(key);
        xmlFree(val);
    }
}

/* "Title | Муниципалитет" → "Title": the part naming the site goes. */
static char *strip_site_name(const char *title, const char *site)
{
    static const char *const seps[] = {" | ", " — ", " – ", " - ", " :: ", " « ", " » ", NULL};
    char site_f[256], seg_f[512];
    size_t sl = izde_fold_string(site, strlen(site), site_f, sizeof site_f);
    if (sl == 0)
        return strdup(title);
    for (const char *const *sep = seps; *sep; sep++) {
        const char *last = NULL, *s = title;
        while ((s = strstr(s, *sep))) {
            last = s;
            s += strlen(*sep);
        }
        if (!last)
            continue;
        /* The part after the last separator names the site. */
        const char *tail = last + strlen(*sep);
        size_t fl = izde_fold_string(tail, strlen(tail), seg_f, sizeof seg_f);
        if (fl && strstr(seg_f, site_f))
            return strndup(title, (size_t)(last - title));
        /* Or the part before the first one. */
        const char *first = strstr(title, *sep);
        fl = izde_fold_string(title, (size_t)(first - title), seg_f, sizeof seg_f);
        if (fl && strstr(seg_f, site_f))
            return strdup(first + strlen(*sep));
    }
    return strdup(title);
}

static int equals_folded(const char *a, const char *b)
{
    char fa[512], fb[512];
    size_t la = izde_fold_string(a, strlen(a), fa, sizeof fa);
    size_t lb = izde_fold_string(b, strlen(b), fb, sizeof fb);
    return la && la == lb && memcmp(fa, fb, la) == 0;
}

static void find_title(page *p)
{
    const char *site = p->site_name ? p->site_name : "Муниципалитет";
    char *t = NULL;
    xmlNode *h1 = find_first(p->container, "h1", skip_never);
    if (!h1) {
        /* An <h1> of the page outside its chrome, but not the site's name
         * (a logo in an <h1>). */
        for (xmlNode *n = p->body; (n = next_element(p->body, n, skip_chrome));)
            if (name_is(n, "h1")) {
                char *s = line_of(n);
                if (s && *s && !equals_folded(s, site)) {
                    t = s;
                    break;
                }
                free(s);
            }
    } else {
        t = line_of(h1);
    }
    if ((!t || !*t) && p->og_title && *p->og_title)
        replace(&t, strip_site_name(p->og_title, site));
    if ((!t || !*t) && p->html_title && *p->html_title)
        replace(&t, strip_site_name(p->html_title, site));
    replace(&p->a->title, t ? t : strdup(""));
}

/* Passages of s, one at a time. */
static const char *next_passage(const char *s, size_t *len)
{
    const char *nl = strchr(s, '\n');
    *len = nl ? (size_t)(nl - s) : strlen(s);
    return s;
}

/* A date meta value "2021-04-05T10:00:00+06:00" or "2021-04-05". */
static int date_from_value(const char *v, char out[11])
{
    char d[11];
    size_t n = izde_date_from_text(v, strlen(v), d);
    if (!n)
        return 0;
    memcpy(out, d, 11);
    return 1;
}

static void warn_bad_date(page *p, const char *what, const char *v)
{
    char shown[64];
    size_t n = strlen(v);
    if (n > 40) { /* a whole character */
        n = 40;
        while (n && ((unsigned char)v[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(shown, v, n);
    shown[n] = '\0';
    izde_article_warn(p->a, "%s \"%s%s\" is not a date; ignored", what, shown,
                      strlen(v) > n ? "…" : "");
}

/* "2021-04-05 / Көңүл чордонунда", "13 Февраль 2024", "Жарыяланды: 13.02.2024". */
static size_t passage_date(const char *s, size_t len, char out[11])
{
    size_t n = izde_date_from_text(s, len, out);
    if (n)
        return n;
    const char *colon = memchr(s, ':', len < 40 ? len : 40);
    if (colon && colon + 2 <= s + len && colon[1] == ' ')
        return izde_date_from_text(colon + 2, len - (size_t)(colon + 2 - s), out) ? len : 0;
    return 0;
}

static void find_date_and_rubric_line(page *p, const char *meta_text)
{
    if (!p->a->date[0] && p->meta_date) {
        if (!date_from_value(p->meta_date, p->a->date))
            warn_bad_date(p, "article:published_time", p->meta_date);
    }
    if (!p->a->date[0]) {
        xmlNode *t = find_first(p->container, "time", skip_never);
        if (!t)
            t = find_first(p->body, "time", skip_chrome);
        if (t) {
            char *dt = attr(t, "datetime");
            char *v = dt ? trimmed_dup(dt) : line_of(t);
            xmlFree(dt);
            if (v && *v && !date_from_value(v, p->a->date))
                warn_bad_date(p, "<time>", v);
            free(v);
        }
    }
    /* A visible date line in the first passages of the article. */
    const char *s = meta_text;
    for (int k = 0; s && *s && k < 12; k++) {
        size_t len;
        next_passage(s, &len);
        char d[11];
        size_t n = passage_date(s, len, d);
        if (n) {
            if (!p->a->date[0])
                memcpy(p->a->date, d, 11);
            if (!strcmp(p->a->date, d)) {
                p->date_passage = strndup(s, len);
                if (!p->a->rubric && n + 3 < len && !memcmp(s + n, " / ", 3))
                    p->a->rubric = strndup(s + n + 3, len - n - 3);
            }
            break;
        }
        s += len + (s[len] == '\n');
    }
}

static int is_home_crumb(const char *s)
{
    static const char *const home[] = {"главная", "главная страница", "башкы бет", "башкы барак",
                                       "статьи", "макалалар", "home", "басма", NULL};
    char f[128];
    size_t n = izde_fold_string(s, strlen(s), f, sizeof f);
    for (const char *const *h = home; *h; h++)
        if (n == strlen(*h) && !memcmp(f, *h, n))
            return 1;
    return n == 0;
}

/* A breadcrumb item: "- Статьи /" → "Статьи". */
static char *crumb(const char *s, size_t len)
{
    while (len && (*s == ' ' || *s == '-' || *s == '/' || *s == '>' || *s == '|'))
        s++, len--;
    while (len && (s[len - 1] == ' ' || s[len - 1] == '/' || s[len - 1] == '>' ||
                   s[len - 1] == '|' || s[len - 1] == '-'))
        len--;
    /* » and › separators */
    if (len >= 2 && (!memcmp(s + len - 2, "»", 2) || !memcmp(s + len - 2, "›", 2)))
        len -= 2;
    while (len && s[len - 1] == ' ')
        len--;
    return strndup(s, len);
}

static int is_breadcrumb(const xmlNode *n)
{
    static const char *const words[] = {"breadcrumb", "breadcrumbs", NULL};
    char *it = attr(n, "itemtype"), *al = attr(n, "aria-label");
    int r = (it && strstr(it, "BreadcrumbList")) || has_word(al, words) ||
            attr_has_word(n, "class", words) || attr_has_word(n, "id", words);
    xmlFree(it);
    xmlFree(al);
    return r;
}

static void find_rubric(page *p)
{
    if (p->meta_section && *p->meta_section) {
        replace(&p->a->rubric, strdup(p->meta_section));
        return;
    }
    xmlNode *bc = NULL;
    for (xmlNode *n = p->body; (n = next_element(p->body, n, skip_never));)
        if (is_breadcrumb(n)) {
            bc = n;
            break;
        }
    if (!bc)
        return;
    /* Its items: the links, else the passages of its text. */
    char *last = NULL;
    for (xmlNode *n = bc; (n = next_element(bc, n, skip_never));)
        if (name_is(n, "a")) {
            char *s = line_of(n), *c = s ? crumb(s, strlen(s)) : NULL;
            free(s);
            if (c && !is_home_crumb(c) && strcmp(c, p->a->title))
                replace(&last, c);
            else
                free(c);
        }
    if (!last) {
        char *s = text_of(bc, META);
        /* Items are passages, or separated by / > | » ›. */
        for (char *q = s; q && *q; q++) {
            if (*q == '/' || *q == '>' || *q == '|')
                *q = '\n';
            else if (!strncmp(q, "»", 2) || !strncmp(q, "›", 3)) {
                size_t k = q[0] == '\xC2' ? 2 : 3;
                memset(q, ' ', k);
                *q = '\n';
            }
        }
        for (const char *q = s; q && *q;) {
            size_t len;
            next_passage(q, &len);
            char *c = crumb(q, len);
            if (c && !is_home_crumb(c) && strcmp(c, p->a->title))
                replace(&last, c);
            else
                free(c);
            q += len + (q[len] == '\n');
        }
        free(s);
    }
    /* The breadcrumb outranks a "date / rubric" line. */
    if (last && *last)
        replace(&p->a->rubric, last);
    else
        free(last);
}

static char *strip_author_label(const char *s)
{
    static const char *const labels[] = {"Автор:", "Автору:", "Авторы:", "Авторлор:",
                                          "By ", NULL};
    for (const char *const *l = labels; *l; l++)
        if (!strncmp(s, *l, strlen(*l))) {
            s += strlen(*l);
            break;
        }
    return trimmed_dup(s);
}

static int is_byline(const xmlNode *n)
{
    static const char *const words[] = {"author", "byline", NULL};
    return attr_is(n, "rel", "author") || attr_is(n, "itemprop", "author") ||
           attr_has_word(n, "class", words);
}

static void find_author(page *p, const char *meta_text)
{
    if (p->meta_author && *p->meta_author) {
        p->a->author = strip_author_label(p->meta_author);
        return;
    }
    for (xmlNode *n = p->container; (n = next_element(p->container, n, skip_never));)
        if (is_byline(n)) {
            char *s = line_of(n);
            if (s && *s) {
                p->a->author = strip_author_label(s);
                p->byline_passage = s;
                return;
            }
            free(s);
        }
    const char *s = meta_text;
    for (int k = 0; s && *s && k < 12; k++) {
        size_t len;
        next_passage(s, &len);
        if (len < 200 && (!strncmp(s, "Автор:", strlen("Автор:")) ||
                          !strncmp(s, "Автору:", strlen("Автору:")))) {
            p->byline_passage = strndup(s, len);
            p->a->author = p->byline_passage ? strip_author_label(p->byline_passage) : NULL;
            return;
        }
        s += len + (s[len] == '\n');
    }
}

static void find_lang(page *p)
{
    char *l = attr(p->root, "lang");
    if (!l)
        l = (char *)xmlGetNsProp(p->root, (const xmlChar *)"lang", XML_XML_NAMESPACE);
    const char *v = l ? l : p->og_locale;
    if (v && ((v[0] | 0x20) >= 'a' && (v[0] | 0x20) <= 'z') &&
        ((v[1] | 0x20) >= 'a' && (v[1] | 0x20) <= 'z') && (!v[2] || v[2] == '-' || v[2] == '_')) {
        p->a->lang[0] = (char)(v[0] | 0x20);
        p->a->lang[1] = (char)(v[1] | 0x20);
        p->a->lang[2] = '\0';
        if (!strcmp(p->a->lang, "kg")) /* the country's code, often used */
            memcpy(p->a->lang, "ky", 3);
    }
    xmlFree(l);
}

/* The body without the passages that became fields: the title (when it
 * opens the text), the date line, the byline. */
static char *body_without_fields(page *p, const char *body)
{
    sbuf b = {0};
    int k = 0, title_seen = 0, date_seen = 0, byline_seen = 0;
    for (const char *s = body; *s; k++) {
        size_t len;
        next_passage(s, &len);
        int drop = 0;
        if (!title_seen && k < 5 && *p->a->title && len == strlen(p->a->title) &&
            !memcmp(s, p->a->title, len))
            drop = title_seen = 1;
        else if (!date_seen && p->date_passage && len == strlen(p->date_passage) &&
                 !memcmp(s, p->date_passage, len))
            drop = date_seen = 1;
        else if (!byline_seen && k < 12 && p->byline_passage &&
                 len == strlen(p->byline_passage) && !memcmp(s, p->byline_passage, len))
            drop = byline_seen = 1;
        if (!drop) {
            if (b.n)
                sb_put(&b, "\n", 1);
            sb_put(&b, s, len);
        }
        s += len + (s[len] == '\n');
    }
    if (b.failed) {
        free(b.s);
        return NULL;
    }
    return b.s ? b.s : strdup("");
}

/* ---- markup that is not right ---------------------------------------------- */

/* What the raw markup says about itself, for warnings: libxml2 recovers from
 * unclosed tags silently, and a truncated file parses as a shorter one. */
typedef struct markup_report {
    int has_html, closes_html, ends_in_tag;
    unsigned long unclosed;
    char first_unclosed[16];
} markup_report;

static const char *const balanced_tags[] = {
    "div", "span", "a", "b", "i", "em", "strong", "u", "table", "ul", "ol", "section", "article",
    "main", "header", "footer", "nav", "aside", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "pre", "figure", NULL};
#define NBALANCED (sizeof balanced_tags / sizeof balanced_tags[0] - 1)

static const char *find_ci(const char *s, const char *end, const char *needle)
{
    size_t n = strlen(needle);
    for (; s + n <= end; s++)
        if (strncasecmp(s, needle, n) == 0)
            return s;
    return NULL;
}

static void check_markup(const char *s, size_t len, markup_report *r)
{
    long open[NBALANCED] = {0};
    const char *end = s + len, *p = s;
    memset(r, 0, sizeof *r);
    while ((p = memchr(p, '<', (size_t)(end - p)))) {
        if (end - p >= 4 && !memcmp(p, "<!--", 4)) {
            const char *q = find_ci(p + 4, end, "-->");
            if (!q) {
                r->ends_in_tag = 1;
                break;
            }
            p = q + 3;
            continue;
        }
        int closing = p + 1 < end && p[1] == '/';
        const char *nm = p + 1 + closing, *ne = nm;
        while (ne < end && (((*ne | 0x20) >= 'a' && (*ne | 0x20) <= 'z') || (*ne >= '0' && *ne <= '9')))
            ne++;
        if (ne == nm && !(nm < end && (*nm == '!' || *nm == '?'))) {
            p++;
            continue; /* a "<" in text */
        }
        /* The end of the tag, quotes respected. */
        const char *q = ne;
        char quote = 0;
        for (; q < end; q++) {
            if (quote) {
                if (*q == quote)
                    quote = 0;
            } else if (*q == '"' || *q == '\'') {
                quote = *q;
            } else if (*q == '>') {
                break;
            }
        }
        if (q >= end) {
            r->ends_in_tag = 1;
            break;
        }
        size_t nl = (size_t)(ne - nm);
        if (nl == 4 && !strncasecmp(nm, "html", 4))
            *(closing ? &r->closes_html : &r->has_html) = 1;
        for (size_t k = 0; nl && k < NBALANCED; k++)
            if (strlen(balanced_tags[k]) == nl && !strncasecmp(nm, balanced_tags[k], nl) &&
                q[-1] != '/')
                open[k] += closing ? -1 : 1;
        p = q + 1;
        /* Raw text elements: their content is not markup. */
        static const char *const raw[] = {"script", "style", "textarea", "title", NULL};
        for (const char *const *rt = raw; !closing && *rt; rt++)
            if (strlen(*rt) == nl && !strncasecmp(nm, *rt, nl)) {
                char close[16];
                snprintf(close, sizeof close, "</%s", *rt);
                const char *c = find_ci(p, end, close);
                p = c ? c : end;
                break;
            }
    }
    for (size_t k = 0; k < NBALANCED; k++)
        if (open[k] > 0) {
            if (!r->first_unclosed[0])
                snprintf(r->first_unclosed, sizeof r->first_unclosed, "%s", balanced_tags[k]);
            r->unclosed += (unsigned long)open[k];
        }
}

/* A DOCTYPE's internal subset ("<!DOCTYPE html [ <!ENTITY ...> ]>") is not
 * HTML: libxml2's HTML parser would show it as text.  It is blanked (same
 * length) so that its declarations are neither text nor expanded.  Returns
 * a copy, or NULL if there is none. */
static char *blank_internal_subset(const char *s, size_t len)
{
    const char *end = s + len, *p = s;
    /* Before it: white space, an XML declaration, comments. */
    for (;;) {
        while (p < end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t'))
            p++;
        const char *q = NULL;
        if (end - p >= 2 && !memcmp(p, "<?", 2))
            q = find_ci(p, end, "?>");
        else if (end - p >= 4 && !memcmp(p, "<!--", 4))
            q = find_ci(p + 4, end, "-->");
        if (!q)
            break;
        p = q + 2 + (*q == '-');
    }
    if (end - p < 9 || strncasecmp(p, "<!DOCTYPE", 9))
        return NULL;
    const char *q = p + 9;
    while (q < end && *q != '[' && *q != '>')
        q++;
    if (q >= end || *q != '[')
        return NULL;
    /* The subset ends at "]" followed by optional space and ">". */
    const char *e = q + 1;
    for (; e < end; e++) {
        if (*e != ']')
            continue;
        const char *f = e + 1;
        while (f < end && (*f == ' ' || *f == '\n' || *f == '\r' || *f == '\t'))
            f++;
        if (f < end && *f == '>')
            break;
    }
    char *copy = malloc(len + 1);
    if (!copy)
        return NULL;
    memcpy(copy, s, len);
    copy[len] = '\0';
    size_t from = (size_t)(q - s), to = e < end ? (size_t)(e - s) + 1 : len;
    for (size_t i = from; i < to; i++)
        if (copy[i] != '\n')
            copy[i] = ' ';
    return copy;
}

/* ---- the parser -------------------------------------------------------------- */

int izde_html_declared_charset(const char *buf, size_t len, char *out, size_t cap)
{
    const char *end = buf + (len < 4096 ? len : 4096), *p = buf;
    while ((p = find_ci(p, end, "<meta"))) {
        const char *q = memchr(p, '>', (size_t)(end - p));
        if (!q)
            return 0;
        const char *cs = find_ci(p, q, "charset");
        if (cs) {
            cs += 7;
            while (cs < q && (*cs == ' ' || *cs == '='))
                cs++;
            while (cs < q && (*cs == '"' || *cs == '\''))
                cs++;
            size_t n = 0;
            while (cs + n < q && n + 1 < cap &&
                   (((cs[n] | 0x20) >= 'a' && (cs[n] | 0x20) <= 'z') ||
                    (cs[n] >= '0' && cs[n] <= '9') || cs[n] == '-' || cs[n] == '_' ||
                    cs[n] == ':' || cs[n] == '.'))
                n++;
            if (n) {
                memcpy(out, cs, n);
                out[n] = '\0';
                return 1;
            }
        }
        p = q + 1;
    }
    return 0;
}

static void page_free(page *p)
{
    free(p->og_title);
    free(p->html_title);
    free(p->site_name);
    free(p->meta_date);
    free(p->meta_section);
    free(p->meta_author);
    free(p->og_locale);
    free(p->date_passage);
    free(p->byline_passage);
}

izde_status izde_parse_html(const char *buf, size_t len, izde_article *a, izde_error *err)
{
    char *name = izde_utf8_escape_name(a->path ? a->path : "(input)");
    if (!name)
        return izde_fail(err, IZDE_ERR_NOMEM, "out of memory");
    izde_status rc = IZDE_OK;
    if (len > INT_MAX) {
        rc = izde_fail(err, IZDE_ERR_FORMAT, "%s: too large for the HTML parser", name);
        free(name);
        return rc;
    }
    markup_report mr;
    check_markup(buf, len, &mr);
    char *clean = blank_internal_subset(buf, len);
    if (clean)
        izde_article_warn(a, "DOCTYPE declares entities (HTML has none): ignored, not expanded");

    htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
    htmlDocPtr doc = NULL;
    if (ctxt)
        doc = htmlCtxtReadMemory(ctxt, clean ? clean : buf, (int)len, NULL, "UTF-8",
                                 HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                     HTML_PARSE_RECOVER | HTML_PARSE_IGNORE_ENC |
                                     HTML_PARSE_COMPACT);
    /* libxml2 stops at 256 levels of nesting (XML_ERR_INTERNAL_ERROR,
     * "Excessive depth"): what came before is kept. */
    int halted = ctxt && ctxt->errNo == XML_ERR_INTERNAL_ERROR;
    if (ctxt)
        htmlFreeParserCtxt(ctxt);
    free(clean);
    if (halted)
        izde_article_warn(a, "markup nested deeper than libxml2's limit of 256 elements: "
                             "the text after that point was not read");
    if (mr.ends_in_tag || (mr.has_html && !mr.closes_html))
        izde_article_warn(a, "truncated HTML (%s): indexed what was read",
                          mr.ends_in_tag ? "it ends inside a tag" : "no </html>");
    else if (mr.unclosed && !halted)
        izde_article_warn(a, "%lu unclosed tag%s (first <%s>): read as a browser would",
                          mr.unclosed, mr.unclosed == 1 ? "" : "s", mr.first_unclosed);

    xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
    page p = {.a = a, .root = root};
    char *meta_text = NULL, *body = NULL;
    if (root) {
        p.body = find_first(root, "body", skip_never);
        if (!p.body)
            p.body = root;
        read_meta(&p);
        p.container = find_container(p.body);
        find_lang(&p);
        find_title(&p);
        meta_text = text_of(p.container, META);
        if (meta_text) {
            find_date_and_rubric_line(&p, meta_text);
            find_author(&p, meta_text);
        }
        find_rubric(&p);
        char *raw_body = text_of(p.container, BODY);
        if (raw_body)
            body = body_without_fields(&p, raw_body);
        free(raw_body);
    }
    if (!a->title)
        a->title = strdup("");
    if (root && (!a->title || !body || !meta_text))
        rc = izde_fail(err, IZDE_ERR_NOMEM, "%s: out of memory", name);
    replace(&a->body, body ? body : strdup(""));
    if (rc == IZDE_OK && !a->body)
        rc = izde_fail(err, IZDE_ERR_NOMEM, "%s: out of memory", name);
    if (rc == IZDE_OK && a->title[0] && !a->body[0])
        izde_article_warn(a, "no article text: only the title is indexed");
    if (a->rubric && !a->rubric[0])
        replace(&a->rubric, NULL);
    if (a->author && !a->author[0])
        replace(&a->author, NULL);
    free(meta_text);
    page_free(&p);
    if (doc)
        xmlFreeDoc(doc);
    free(name);
    return rc;
}
