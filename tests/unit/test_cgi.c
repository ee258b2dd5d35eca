/* The CGI's modules: request parameters (cgi.h), the configuration file
 * (config.h) and the HTML renderer (render.h) on hand-made results. */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "izde/cgi.h"
#include "izde/config.h"
#include "izde/render.h"

/* ---- parameters ------------------------------------------------------------------ */

START_TEST(params_defaults)
{
    izde_cgi_params p;
    ck_assert_int_eq(izde_cgi_parse(NULL, &p, NULL), IZDE_OK);
    ck_assert_str_eq(p.q, "");
    ck_assert_uint_eq(p.page, 1);
    ck_assert_uint_eq(p.n, 10);
    ck_assert(!p.sort_date && !p.json && !p.facets && !p.no_expand);
    ck_assert_ptr_null(p.rubric);
    izde_cgi_params_free(&p);
}
END_TEST

START_TEST(params_all)
{
    izde_cgi_params p;
    const char *qs = "q=%D0%B3%D1%80%D0%B0%D0%BD%D1%82+%22x%22&page=3&n=20&sort=date"
                     "&from=2019&to=2021-06-30&rubric=%D0%A4%D0%B8%D0%BD%D0%B0%D0%BD%D1%81%D1%8B"
                     "&year=2020&format=json&facets=1&utm_source=x&q=second&n=99&empty="
                     "&expand=0&expand=1";
    ck_assert_int_eq(izde_cgi_parse(qs, &p, NULL), IZDE_OK);
    ck_assert_str_eq(p.q, "грант \"x\"");   /* the first q counts */
    ck_assert_uint_eq(p.page, 3);
    ck_assert_uint_eq(p.n, 20);            /* the first n counts */
    ck_assert(p.sort_date && p.json && p.facets);
    ck_assert(p.no_expand);                /* the first expand counts */
    ck_assert_str_eq(p.from, "2019");
    ck_assert_str_eq(p.to, "2021-06-30");
    ck_assert_str_eq(p.rubric, "Финансы");
    ck_assert_str_eq(p.year, "2020");
    izde_cgi_params_free(&p);
}
END_TEST

static const struct { const char *qs; const char *msg; } bad_params[] = {
    {"q=%ZZ", "%-коддоо"},
    {"q=a%2", "%-коддоо"},
    {"%G1=x", "%-коддоо"},
    {"q=%FF", "UTF-8"},
    {"q=%C0%BC", "UTF-8"},
    {"q=a%00b", "UTF-8"},
    {"page=0", "«page»"},
    {"page=-1", "«page»"},
    {"page=1x", "«page»"},
    {"page=99999999999", "«page»"},
    {"n=0", "«n»"},
    {"n=101", "«n»"},
    {"sort=random", "«sort»"},
    {"format=xml", "«format»"},
    {"facets=yes", "«facets»"},
    {"expand=on", "«expand»"},
    {"from=21", "«from»"},
    {"to=2021-1-1", "«to»"},
    {"year=202", "«year»"},
    {"year=abcd", "«year»"},
    {"page=11&n=100", "Бет өтө алыс"},
    {"page=101", "Бет өтө алыс"},
};

START_TEST(params_bad)
{
    izde_cgi_params p;
    izde_error err = {0};
    ck_assert_int_eq(izde_cgi_parse(bad_params[_i].qs, &p, &err), IZDE_ERR_USAGE);
    ck_assert_msg(strstr(err.msg, bad_params[_i].msg) != NULL, "%s: %s", bad_params[_i].qs,
                  err.msg);
    izde_cgi_params_free(&p);
}
END_TEST

START_TEST(params_limits)
{
    char qs[IZDE_CGI_QUERY_STRING_MAX + 8];
    izde_cgi_params p;
    izde_error err = {0};
    memcpy(qs, "q=", 2);
    memset(qs + 2, 'a', IZDE_CGI_QUERY_MAX);
    qs[2 + IZDE_CGI_QUERY_MAX] = '\0';
    ck_assert_int_eq(izde_cgi_parse(qs, &p, &err), IZDE_OK); /* exactly 1 KB */
    izde_cgi_params_free(&p);
    strcat(qs, "b");
    ck_assert_int_eq(izde_cgi_parse(qs, &p, &err), IZDE_ERR_USAGE);
    ck_assert(strstr(err.msg, "өтө узун") != NULL);
    izde_cgi_params_free(&p);
    memset(qs, 'x', sizeof qs - 1);
    qs[sizeof qs - 1] = '\0';
    ck_assert_int_eq(izde_cgi_parse(qs, &p, &err), IZDE_ERR_USAGE);
    izde_cgi_params_free(&p);
    ck_assert_int_eq(izde_cgi_parse("page=100&n=10", &p, &err), IZDE_OK); /* hit 1000 */
    izde_cgi_params_free(&p);
}
END_TEST

/* ---- configuration ------------------------------------------------------------------ */

static char dir[] = "/tmp/izde-test-cgi.XXXXXX";

static void write_file(const char *name, const char *text)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

static izde_status load(const char *text, izde_config *c, izde_error *err)
{
    char path[256];
    write_file("izde.conf", text);
    snprintf(path, sizeof path, "%s/izde.conf", dir);
    return izde_config_load(path, c, err);
}

static void setup(void) { ck_assert_ptr_nonnull(mkdtemp(dir)); }
static void teardown(void)
{
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
    strcpy(dir, "/tmp/izde-test-cgi.XXXXXX");
}

START_TEST(config_ok)
{
    izde_config c;
    izde_error err = {0};
    char want[300];
    write_file("page.html", "<p>{{main}}</p>");
    write_file("s.css", "body{}");
    ck_assert_int_eq(load("# comment\n\n  db = /var/a.db\ndb=rel.db\r\n"
                          "url = https://example.kg/a/{path}\ntemplate = page.html\n"
                          "css = s.css\ncache = 0\n", &c, &err), IZDE_OK);
    ck_assert_uint_eq(c.ndbs, 2);
    ck_assert_str_eq(c.dbs[0], "/var/a.db");
    snprintf(want, sizeof want, "%s/rel.db", dir);
    ck_assert_str_eq(c.dbs[1], want);
    ck_assert_str_eq(c.url, "https://example.kg/a/{path}");
    ck_assert_str_eq(c.template_text, "<p>{{main}}</p>");
    ck_assert_str_eq(c.css_text, "body{}");
    ck_assert_ptr_null(c.css_url);
    ck_assert_uint_eq(c.cache_seconds, 0);
    izde_config_free(&c);
    ck_assert_int_eq(load("db = x\n", &c, &err), IZDE_OK);
    ck_assert_uint_eq(c.cache_seconds, 300);
    ck_assert_ptr_null(c.template_text);
    izde_config_free(&c);
}
END_TEST

static const struct { const char *text; izde_status code; const char *msg; } bad_configs[] = {
    {"url = /a/{path}\n", IZDE_ERR_FORMAT, "no database"},
    {"db = x\ncolour = blue\n", IZDE_ERR_FORMAT, ":2: unknown setting 'colour'"},
    {"db = x\njust words\n", IZDE_ERR_FORMAT, ":2: expected"},
    {"db =\n", IZDE_ERR_FORMAT, ":1: 'db' has no value"},
    {"db = x\nurl = javascript:alert(1)//{path}\n", IZDE_ERR_FORMAT, "must start with"},
    {"db = x\nurl = //evil.example/{path}\n", IZDE_ERR_FORMAT, "must start with"},
    {"db = x\ncss_url = data:text/css,x\n", IZDE_ERR_FORMAT, "must start with"},
    {"db = x\ncache = -1\n", IZDE_ERR_FORMAT, "cache"},
    {"db = x\ntemplate = missing.html\n", IZDE_ERR_IO, "missing.html"},
};

START_TEST(config_bad)
{
    izde_config c;
    izde_error err = {0};
    ck_assert_int_eq(load(bad_configs[_i].text, &c, &err), bad_configs[_i].code);
    ck_assert_msg(strstr(err.msg, bad_configs[_i].msg) != NULL, "%s", err.msg);
    ck_assert_uint_eq(c.ndbs, 0);
}
END_TEST

START_TEST(config_missing)
{
    izde_config c;
    izde_error err = {0};
    ck_assert_int_eq(izde_config_load("/nonexistent/izde.conf", &c, &err), IZDE_ERR_IO);
    ck_assert(strstr(err.msg, "/nonexistent/izde.conf") != NULL);
}
END_TEST

/* ---- the HTML renderer ------------------------------------------------------------ */

static char *render(const izde_html_site *site, const izde_html_request *req,
                    const izde_results *r)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    ck_assert_ptr_nonnull(f);
    izde_render_html(f, site, req, r);
    fclose(f);
    return buf;
}

START_TEST(html_page)
{
    const char *a = "… <a> ", *b = "гранттарды";
    char text[] = "… <a> гранттарды & \"x\"";
    izde_span spans[3] = {{0, strlen(a), 0}, {strlen(a), strlen(a) + strlen(b), 1},
                          {strlen(a) + strlen(b), strlen(text), 0}};
    izde_hit hit = {
        .rank = 11, .data = {.title = "<script>T</script>", .date = "2021-04-05",
                             .rubric = "Көңүл \"чордонунда\"", .path = "dir/a b.txt"},
        .snippet = {.text = text, .len = strlen(text), .spans = spans, .nspans = 3},
    };
    izde_facet years[] = {{"2019", 5}, {"2021", 2}};
    izde_results r = {.total = 25, .offset = 10, .hits = &hit, .nhits = 1,
                      .suggestion = "грант\"", .years = years, .nyears = 2};
    izde_html_site site = {.tmpl = "<title>{{title}}</title>{{unknown}}<link href=\"{{css}}\">"
                                   "{{form}}{{main}}{{facets}}|{{query}}|{{",
                           .css_href = "/x.cgi/izde.css?a&b",
                           .article_url = "https://m.kg/{base}.html?p={path}"};
    izde_html_request req = {.query = "<q> & \"", .page = 2, .per_page = 10,
                             .max_hits = 1000, .sort_date = 1, .year = "2019",
                             .no_expand = 1};
    char *html = render(&site, &req, &r);
    const char *want[] = {
        "<title>&lt;q&gt; &amp; &quot; — Издөө · «Муниципалитет»</title>{{unknown}}",
        "<link href=\"/x.cgi/izde.css?a&amp;b\">",
        "name=\"q\" value=\"&lt;q&gt; &amp; &quot;\"",
        "<option value=\"date\" selected>",
        "<input type=\"hidden\" name=\"year\" value=\"2019\">",
        "Табылды: <strong>25</strong> · 11–11",
        "name=\"expand\" value=\"1\"> орусча, англисче да</label>",
        "<a href=\"?q=%D0%B3%D1%80%D0%B0%D0%BD%D1%82%22&amp;sort=date&amp;expand=0&amp;year=2019\">"
        "грант&quot;</a>",
        "<ol class=\"hits\" start=\"11\">",
        "<a href=\"https://m.kg/dir/a%20b.html?p=dir/a%20b.txt\">&lt;script&gt;T&lt;/script&gt;</a>",
        "<time datetime=\"2021-04-05\">2021-04-05</time>",
        ">Көңүл &quot;чордонунда&quot;</a>",
        "<p class=\"snippet\">… &lt;a&gt; <mark>гранттарды</mark> &amp; &quot;x&quot;</p>",
        "<a rel=\"prev\" href=\"?q=%3Cq%3E%20%26%20%22&amp;sort=date&amp;expand=0&amp;year=2019\">",
        "<a rel=\"next\" href=\"?q=%3Cq%3E%20%26%20%22&amp;sort=date&amp;expand=0&amp;year=2019&amp;page=3\">",
        "<span class=\"cur\" aria-current=\"page\">2</span>",
        "<h2>Жылдар</h2>",
        "|&lt;q&gt; &amp; &quot;|{{",
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        ck_assert_msg(strstr(html, want[i]) != NULL, "no '%s' in:\n%s", want[i], html);
    /* Years newest first, and the results are not reordered. */
    ck_assert_ptr_nonnull(strstr(html, ">2021</a>"));
    ck_assert(strstr(html, ">2021</a>") < strstr(html, ">2019</a>"));
    ck_assert_str_eq(years[0].value, "2019");
    ck_assert_ptr_null(strstr(html, "<script>"));
    free(html);
}
END_TEST

START_TEST(html_front_zero_message)
{
    izde_html_site site = {.tmpl = "{{main}}", .css_href = "c"};
    izde_html_request req = {.query = "", .page = 1, .per_page = 10};
    char *html = render(&site, &req, NULL);
    ck_assert_ptr_nonnull(strstr(html, "архивинен издөө"));
    free(html);
    izde_results zero = {0};
    req.query = "жок";
    req.rubric = "R&D";
    html = render(&site, &req, &zero);
    ck_assert_ptr_nonnull(strstr(html, "«жок» боюнча эч нерсе табылган жок."));
    ck_assert_ptr_nonnull(strstr(html, "Рубрика: R&amp;D ✕"));
    ck_assert_ptr_nonnull(strstr(html, "<a href=\"?q=%D0%B6%D0%BE%D0%BA\">Чыпкаларсыз издөө</a>"));
    free(html);
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    izde_render_html_message(f, &site, &req, "<T>", "a \"detail\"");
    fclose(f);
    ck_assert_str_eq(buf, "<div class=\"message\">\n<h1>&lt;T&gt;</h1>\n"
                          "<p>a &quot;detail&quot;</p>\n</div>\n");
    free(buf);
}
END_TEST

Suite *cgi_suite(void)
{
    Suite *s = suite_create("cgi");
    TCase *tc = tcase_create("params");
    tcase_add_test(tc, params_defaults);
    tcase_add_test(tc, params_all);
    tcase_add_loop_test(tc, params_bad, 0, sizeof bad_params / sizeof bad_params[0]);
    tcase_add_test(tc, params_limits);
    suite_add_tcase(s, tc);
    tc = tcase_create("config");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, config_ok);
    tcase_add_loop_test(tc, config_bad, 0, sizeof bad_configs / sizeof bad_configs[0]);
    tcase_add_test(tc, config_missing);
    suite_add_tcase(s, tc);
    tc = tcase_create("html");
    tcase_add_test(tc, html_page);
    tcase_add_test(tc, html_front_zero_message);
    suite_add_tcase(s, tc);
    return s;
}
