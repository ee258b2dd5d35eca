/* izde.cgi — answering one request: method, path, parameters,
 * configuration, search, rendering, headers.
 *
 * The body is rendered into memory first, so that a failure half-way
 * becomes a clean error page and every response has a Content-Length. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cgi.h"
#include "izde/cgi.h"
#include "izde/json.h"
#include "izde/render.h"
#include "izde/url.h"

/* As izde-search's, so that format=json is exactly its --format json. */
#define SNIPPET_BYTES 300
#define CSS_PATH "/izde.css"
#define CSS_CACHE_SECONDS 86400

#define CT_HTML "text/html; charset=utf-8"
#define CT_JSON "application/json; charset=utf-8"
#define CT_CSS "text/css; charset=utf-8"

/* No script anywhere, styles only from here, forms only to here, never in
 * a frame. */
#define CSP_PAGE "default-src 'none'; style-src 'self'%s%s; form-action 'self'; " \
                 "base-uri 'none'; frame-ancestors 'none'"
#define CSP_DATA "default-src 'none'; frame-ancestors 'none'"

static void logf_(cgi_app *app, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void logf_(cgi_app *app, const char *fmt, ...)
{
    char msg[900];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (app->log)
        app->log(app->log_ctx, msg);
}

void cgi_app_init(cgi_app *app, const char *config_path, int persistent,
                  cgi_log_fn log, void *log_ctx)
{
    memset(app, 0, sizeof *app);
    app->config_path = config_path;
    app->persistent = persistent;
    app->log = log;
    app->log_ctx = log_ctx;
}

void cgi_app_free(cgi_app *app)
{
    izde_searcher_close(app->searcher);
    if (app->have_conf)
        izde_config_free(&app->conf);
    memset(app, 0, sizeof *app);
}

/* ---- the request being answered ------------------------------------------------ */

typedef struct req {
    cgi_app *app;
    cgi_env_fn env;
    void *env_ctx;
    izde_cgi_params p;
    char *css_href;         /* the stylesheet's URL for this request */
    FILE *body;             /* memstream of resp->body */
    int status;
    const char *ctype;
    unsigned cache;         /* max-age; 0: no-store */
    const char *allow;      /* the Allow header (405) */
} req;

static const char *env(req *r, const char *name)
{
    const char *v = r->env(r->env_ctx, name);
    return v ? v : "";
}

static const char *status_text(int status)
{
    switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    default: return "Service Unavailable";
    }
}

static izde_html_site site_of(req *r)
{
    cgi_app *a = r->app;
    izde_html_site s = {
        .tmpl = a->have_conf && a->conf.template_text ? a->conf.template_text
                                                       : izde_cgi_default_template,
        .css_href = r->css_href ? r->css_href : "izde.css",
        .article_url = a->have_conf ? a->conf.url : NULL,
        .pdf_url = a->have_conf ? a->conf.pdf_url : NULL,
    };
    return s;
}

static izde_html_request html_request(const req *r)
{
    izde_html_request h = {
        .query = r->p.q ? r->p.q : "",
        .page = r->p.page ? r->p.page : 1,
        .per_page = r->p.n ? r->p.n : IZDE_HTML_PER_PAGE,
        .max_hits = IZDE_CGI_HITS_MAX,
        .sort_date = r->p.sort_date,
        .from = r->p.from, .to = r->p.to, .rubric = r->p.rubric, .year = r->p.year,
        .no_expand = r->p.no_expand,
    };
    return h;
}

/* An error response: the HTML message page, or {"error": …} for JSON. */
static void fail(req *r, int status, const char *title, const char *detail)
{
    r->status = status;
    r->cache = 0;
    if (r->p.json) {
        r->ctype = CT_JSON;
        fputs("{\"error\": ", r->body);
        izde_json_cstr(r->body, detail && *detail ? detail : title);
        fputs("}\n", r->body);
        return;
    }
    r->ctype = CT_HTML;
    izde_html_site site = site_of(r);
    izde_html_request h = html_request(r);
    izde_render_html_message(r->body, &site, &h, title, detail);
}

static void unavailable(req *r)
{
    fail(r, 503, "Издөө убактылуу иштебей турат",
         "Кечиресиз, издөө кызматы азыр жеткиликсиз. Бир аздан кийин кайра аракет кылыңыз.");
}

/* ---- configuration and database --------------------------------------------- */

static int load_config(req *r)
{
    cgi_app *a = r->app;
    if (a->have_conf)
        return 0;
    izde_error err = {0};
    if (izde_config_load(a->config_path, &a->conf, &err) != IZDE_OK) {
        logf_(a, "configuration: %s", err.msg);
        return -1;
    }
    a->have_conf = 1;
    return 0;
}

/* Opens the database, or (FastCGI) re-reads the latest commit of the one
 * already open; a database replaced as a whole is opened anew. */
static int open_db(req *r)
{
    cgi_app *a = r->app;
    izde_error err = {0};
    if (a->searcher && izde_searcher_reopen(a->searcher, &err) == IZDE_OK)
        goto opened;
    if (a->searcher) {
        logf_(a, "%s; opening it again", err.msg);
        izde_searcher_close(a->searcher);
        a->searcher = NULL;
    }
    if (izde_searcher_open_partial((const char *const *)a->conf.dbs, a->conf.ndbs,
                                   a->conf.allow_partial, &a->searcher, &err) != IZDE_OK) {
        logf_(a, "database: %s", err.msg);
        a->searcher = NULL;
        return -1;
    }
opened:
    if (izde_searcher_warning(a->searcher))
        logf_(a, "warning: partial results, left out: %s", izde_searcher_warning(a->searcher));
    return 0;
}

/* The stylesheet's URL: the configured one, or this program's /izde.css. */
static int set_css_href(req *r)
{
    cgi_app *a = r->app;
    if (a->have_conf && a->conf.css_url)
        return (r->css_href = strdup(a->conf.css_url)) ? 0 : -1;
    size_t n = 0;
    FILE *f = open_memstream(&r->css_href, &n);
    if (!f)
        return -1;
    /* SCRIPT_NAME is the server's, but escaped all the same; its leading
     * "/" is kept, a second one is not ("//host" would be another site). */
    const char *script = env(r, "SCRIPT_NAME");
    if (*script == '/')
        putc(*script++, f);
    izde_url_encode_path(f, script, strlen(script));
    fputs(CSS_PATH, f);
    return fclose(f) ? -1 : 0;
}

/* ---- the answers ---------------------------------------------------------------- */

static void serve_css(req *r)
{
    cgi_app *a = r->app;
    r->ctype = CT_CSS;
    r->cache = CSS_CACHE_SECONDS;
    fputs(a->have_conf && a->conf.css_text ? a->conf.css_text : izde_cgi_default_css, r->body);
}

static void search(req *r)
{
    cgi_app *a = r->app;
    izde_cgi_params *p = &r->p;
    int filtered = p->from || p->to || p->rubric || p->year;
    if (!p->q[strspn(p->q, " \t\r\n")] && !filtered) {
        if (p->json)
            return fail(r, 400, "Сурам жок", "Издөө үчүн q параметрин бериңиз.");
        izde_html_site site = site_of(r);
        izde_html_request h = html_request(r);
        izde_render_html(r->body, &site, &h, NULL);
        return;
    }
    if (open_db(r) != 0)
        return unavailable(r);
    izde_search_opts o = {
        .offset = (p->page - 1) * p->n, .count = p->n, .snippet_bytes = SNIPPET_BYTES,
        .sort_date = p->sort_date, .from = p->from, .to = p->to, .rubric = p->rubric,
        .year = p->year, .facets = p->json ? p->facets : 1, .suggest = 1,
        .lang_expand = !p->no_expand,
    };
    izde_results res;
    izde_error err = {0};
    izde_status rc = izde_search(a->searcher, p->q, &o, &res, &err);
    if (rc == IZDE_ERR_QUERY) {
        /* The parser's message says where (in English): shown, escaped. */
        char detail[900];
        snprintf(detail, sizeof detail, "Тырмакчалар жуп болушу керек; AND, OR, NOT "
                 "операторлорунун эки жагында тең сөз болушу керек. (%s)", err.msg);
        return fail(r, 400, "Сурамды түшүнө алган жокмун", detail);
    }
    if (rc == IZDE_ERR_USAGE)
        return fail(r, 400, "Чыпка туура эмес", err.msg);
    if (rc != IZDE_OK) {
        logf_(a, "search: %s", err.msg);
        return unavailable(r);
    }
    if (p->json) {
        izde_render_opts ro;
        izde_render_defaults(&ro);
        r->ctype = CT_JSON;
        izde_render_json(r->body, p->q, &res, &ro);
    } else {
        izde_html_site site = site_of(r);
        izde_html_request h = html_request(r);
        izde_render_html(r->body, &site, &h, &res);
    }
    izde_results_free(&res);
}

static void route(req *r)
{
    const char *method = env(r, "REQUEST_METHOD");
    const char *path = env(r, "PATH_INFO");
    int have_conf = load_config(r) == 0;
    if (set_css_href(r) != 0)
        return unavailable(r);
    if (strcmp(method, "GET") && strcmp(method, "HEAD")) {
        r->allow = "GET, HEAD";
        return fail(r, 405, "Бул ыкма колдоого алынбайт",
                    "Издөө GET жана HEAD сурамдарына гана жооп берет.");
    }
    if (!strcmp(path, CSS_PATH))
        return serve_css(r);
    if (*path && strcmp(path, "/"))
        return fail(r, 404, "Бет табылган жок", NULL);
    izde_error err = {0};
    izde_status rc = izde_cgi_parse(env(r, "QUERY_STRING"), &r->p, &err);
    if (rc == IZDE_ERR_USAGE)
        return fail(r, 400, "Сурам туура эмес", err.msg);
    if (rc != IZDE_OK || !have_conf)
        return unavailable(r);
    search(r);
}

static int put_headers(req *r, cgi_response *resp)
{
    FILE *h = open_memstream(&resp->headers, &resp->headers_len);
    if (!h)
        return -1;
    fprintf(h, "Status: %d %s\r\nContent-Type: %s\r\nContent-Length: %zu\r\n"
               "X-Content-Type-Options: nosniff\r\n", r->status, status_text(r->status),
            r->ctype, resp->body_len);
    if (!strncmp(r->ctype, "text/html", 9)) {
        /* A stylesheet on another site must be allowed by its origin. */
        const char *css = r->css_href ? r->css_href : "";
        char origin[200] = "";
        if (!strncmp(css, "http://", 7) || !strncmp(css, "https://", 8)) {
            size_t n = strcspn(css + 8, "/?#") + 8;
            if (n < sizeof origin && strspn(css, "abcdefghijklmnopqrstuvwxyz"
                                                 "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:/") >= n)
                snprintf(origin, sizeof origin, "%.*s", (int)n, css);
        }
        fprintf(h, "Content-Security-Policy: " CSP_PAGE "\r\n", *origin ? " " : "", origin);
        fputs("X-Frame-Options: DENY\r\nReferrer-Policy: same-origin\r\n", h);
    } else {
        fputs("Content-Security-Policy: " CSP_DATA "\r\n", h);
    }
    if (r->cache)
        fprintf(h, "Cache-Control: public, max-age=%u\r\n", r->cache);
    else
        fputs("Cache-Control: no-store\r\n", h);
    if (r->allow)
        fprintf(h, "Allow: %s\r\n", r->allow);
    if (r->status == 503)
        fputs("Retry-After: 60\r\n", h);
    fputs("\r\n", h);
    return fclose(h) ? -1 : 0;
}

static const char oom_response[] =
    "Status: 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
    "Content-Length: 0\r\nX-Content-Type-Options: nosniff\r\nCache-Control: no-store\r\n"
    "Retry-After: 60\r\n\r\n";

void cgi_handle(cgi_app *app, cgi_env_fn envf, void *env_ctx, cgi_response *resp)
{
    memset(resp, 0, sizeof *resp);
    req r = {.app = app, .env = envf, .env_ctx = env_ctx, .status = 200,
             .ctype = CT_HTML};
    resp->head = !strcmp(env(&r, "REQUEST_METHOD"), "HEAD");
    r.body = open_memstream(&resp->body, &resp->body_len);
    int ok = r.body != NULL;
    if (ok) {
        route(&r);
        /* Pages may be cached as configured; errors never (fail: 0). */
        if (r.status == 200 && strcmp(r.ctype, CT_CSS) && app->have_conf)
            r.cache = app->conf.cache_seconds;
        ok = fclose(r.body) == 0 && put_headers(&r, resp) == 0;
    }
    izde_cgi_params_free(&r.p);
    free(r.css_href);
    if (!ok) {
        cgi_response_free(resp);
        resp->headers = strdup(oom_response);
        resp->headers_len = resp->headers ? strlen(oom_response) : 0;
    }
}

void cgi_response_free(cgi_response *resp)
{
    free(resp->headers);
    free(resp->body);
    memset(resp, 0, sizeof *resp);
}
