/* The issue XML reader: the fields of schema/issue-example.xml, articles as
 * izde articles (ids, issue, language), the map of a PDF, text and white
 * space, and every kind of bad file: schema violations (with the line),
 * malformed and truncated XML, DOCTYPEs, XXE (no entity is ever loaded),
 * entity bombs, deep nesting, encodings, repeated ids, the size limit; a
 * file with an error hands over no article. */
#include <check.h>
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "izde/article.h"
#include "izde/issue_xml.h"

#include "xml_loads.h"

static const char *top(void)
{
    const char *t = getenv("IZDE_TOP");
    return t ? t : ".";
}

/* What the callback saw: the articles' fields as one line each. */
typedef struct seen {
    size_t n;
    char lines[8][1024];
    izde_issue issue;
    char pdf[64];
    char warnings[512];
} seen;

static int collect(void *ctx, const izde_issue *is, const izde_issue_article *a)
{
    seen *s = ctx;
    s->issue = *is;
    snprintf(s->pdf, sizeof s->pdf, "%s", is->pdf ? is->pdf : "(none)");
    if (is->warnings)
        snprintf(s->warnings + strlen(s->warnings), sizeof s->warnings - strlen(s->warnings),
                 "%s", is->warnings);
    if (s->n < 8)
        snprintf(s->lines[s->n], sizeof s->lines[0], "%s|%s|%s|%s|%s|%s|%u-%u|%zu|%ld|%s", a->id,
                 a->title, a->authors ? a->authors : "-", a->rubric ? a->rubric : "-", a->date,
                 a->lang, a->first_page, a->last_page, a->paragraphs, a->line, a->body);
    s->n++;
    return 0;
}

static int read_mem(const char *xml, seen *s, izde_error *err)
{
    memset(s, 0, sizeof *s);
    memset(err, 0, sizeof *err);
    return izde_issue_xml_read_memory(xml, strlen(xml), "t.xml", collect, s, err);
}

START_TEST(example_fields)
{
    char path[512];
    snprintf(path, sizeof path, "%s/schema/issue-example.xml", top());
    seen s = {0};
    izde_error err;
    ck_assert_int_eq(izde_issue_xml_read(path, collect, &s, &err), 0);
    ck_assert_str_eq(s.issue.number, "2");
    ck_assert_str_eq(s.issue.serial, "148");
    ck_assert_str_eq(s.issue.date, "2024-02-13");
    ck_assert_str_eq(s.issue.lang, "ky");
    ck_assert_str_eq(s.pdf, "(none)");
    ck_assert_str_eq(s.warnings, "");
    ck_assert_uint_eq(s.n, 3);
    ck_assert_str_eq(s.lines[0],
                     "budget|Айыл өкмөтүнүн бюджети ачык болушу керек|Айгүл Токтогулова|Финансы|"
                     "2024-02-13|ky|4-7|3|3|"
                     "Жергиликтүү бюджеттин долбоору жыл сайын коомдук угууларда талкууланат.\n"
                     "Быйыл Ак-Суу айыл аймагынын тургундары бюджеттин ар бир беренесин карап "
                     "чыгышты.\n"
                     "Айыл өкмөтүнүн башчысы теңдештирүүчү гранттардын көлөмүн да айтып берди.");
    ck_assert_str_eq(s.lines[1],
                     "hearings|Как проходят публичные слушания|Нурлан Садыков; Марат Исаев|"
                     "Практика|2024-02-13|ru|8-9|2|11|"
                     "Публичные слушания по местному бюджету проводятся каждый год.\n"
                     "Жители села задают вопросы депутатам айылного кенеша.");
    ck_assert_str_eq(s.lines[2], "school|Мектептин чатыры жаңыланды|-|Жаңылыктар|2024-02-01|ky|"
                                 "10-10|1|19|Айыл кеңешинин чечими менен мектептин чатыры "
                                 "жаңыланды.");
}
END_TEST

/* izde_read_articles: each article is an izde article with the issue's
 * fields and the id FILE-ID#ARTICLE-ID; a map gives none (its articles are
 * the PDF's). */
typedef struct arts {
    size_t n;
    char ids[4][128], issue[4][32], lang[4][3], date[4][11];
    char warnings[1024];
} arts;

static int take(void *ctx, izde_article *a)
{
    arts *s = ctx;
    if (s->n < 4) {
        snprintf(s->ids[s->n], sizeof s->ids[0], "%s", a->id);
        snprintf(s->issue[s->n], sizeof s->issue[0], "%s", a->issue ? a->issue : "-");
        memcpy(s->lang[s->n], a->lang, 3);
        memcpy(s->date[s->n], a->date, 11);
        ck_assert(a->path && strstr(a->path, ".xml"));
        ck_assert_ptr_null(a->capture_issue);
    }
    if (a->warnings)
        snprintf(s->warnings + strlen(s->warnings), sizeof s->warnings - strlen(s->warnings), "%s",
                 a->warnings);
    s->n++;
    return 0;
}

START_TEST(as_articles)
{
    char path[512];
    snprintf(path, sizeof path, "%s/schema/issue-example.xml", top());
    arts s = {0};
    izde_error err;
    ck_assert(izde_article_is_supported("2024/02.XML"));
    ck_assert_int_eq(izde_read_articles(path, "2024/02.xml", take, &s, &err), 0);
    ck_assert_uint_eq(s.n, 3);
    ck_assert_str_eq(s.ids[0], "2024/02.xml#budget");
    ck_assert_str_eq(s.ids[1], "2024/02.xml#hearings");
    ck_assert_str_eq(s.ids[2], "2024/02.xml#school");
    for (int i = 0; i < 3; i++)
        ck_assert_str_eq(s.issue[i], "2 (148)");
    ck_assert_str_eq(s.lang[1], "ru");
    ck_assert_str_eq(s.date[2], "2024-02-01");
    ck_assert_str_eq(s.warnings, "");

    /* The map: nothing to index from the XML. */
    snprintf(path, sizeof path, "%s/schema/issue-map-example.xml", top());
    memset(&s, 0, sizeof s);
    ck_assert_int_eq(izde_read_articles(path, "m.xml", take, &s, &err), 0);
    ck_assert_uint_eq(s.n, 0);

    /* Without a PDF, an article without paragraphs is its title, with a
     * warning; the file's encoding warning comes with its first article;
     * no language given: the text decides. */
    static const char xml[] =
        "<?xml version='1.0' encoding='windows-1251'?>\n"
        "<issue number='1' serial='9' date='2019-01-10'>\n"
        "<article id='a'><title>Жаңы закон жөнүндө</title><p>Бул мыйзам жергиликтүү өз алдынча "
        "башкаруу органдарынын укуктарын кеңейтет.</p></article>\n"
        "<article id='b'><title>Только заголовок</title></article>\n"
        "</issue>\n";
    char tmp[] = "/tmp/izde-test-issue-XXXXXX.xml";
    int fd = mkstemps(tmp, 4);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, xml, strlen(xml)), (ssize_t)strlen(xml));
    close(fd);
    memset(&s, 0, sizeof s);
    ck_assert_int_eq(izde_read_articles(tmp, "i.xml", take, &s, &err), 0);
    ck_assert_uint_eq(s.n, 2);
    ck_assert_str_eq(s.lang[0], "ky");
    ck_assert_str_eq(s.issue[1], "1 (9)");
    char want[512];
    snprintf(want, sizeof want,
             "%s: declares encoding \"windows-1251\" but is UTF-8: read as UTF-8\n"
             "%s: article b (line 4) has no paragraphs: only its title is indexed\n",
             tmp, tmp);
    ck_assert_str_eq(s.warnings, want);
    /* One article a call is not how an issue is read. */
    izde_article a;
    izde_article_init(&a);
    ck_assert_int_eq(izde_article_read_file(tmp, "i.xml", &a, &err), IZDE_ERR_FORMAT);
    snprintf(want, sizeof want, "%s: not a format izde reads as one article", tmp);
    ck_assert_str_eq(err.msg, want);
    izde_article_clear(&a);
    unlink(tmp);
}
END_TEST

START_TEST(pdf_map)
{
    char path[512];
    snprintf(path, sizeof path, "%s/schema/issue-map-example.xml", top());
    izde_issue_map m;
    izde_error err;
    ck_assert_int_eq(izde_issue_map_read(path, &m, &err), IZDE_OK);
    ck_assert_str_eq(m.issue.number, "2");
    ck_assert_str_eq(m.issue.serial, "148");
    ck_assert_str_eq(m.issue.date, "2024-02-13");
    ck_assert_str_eq(m.issue.pdf, "2024-02.pdf");
    ck_assert_uint_eq(m.n, 3);
    ck_assert_str_eq(m.articles[0].id, "budget");
    ck_assert_str_eq(m.articles[0].title, "Айыл өкмөтүнүн бюджети ачык болушу керек");
    ck_assert_str_eq(m.articles[0].rubric, "Финансы");
    ck_assert_uint_eq(m.articles[0].first_page, 4);
    ck_assert_uint_eq(m.articles[0].last_page, 7);
    ck_assert_str_eq(m.articles[1].authors, "Нурлан Садыков; Марат Исаев");
    ck_assert_str_eq(m.articles[1].lang, "ru");
    ck_assert_ptr_null(m.articles[2].authors);
    ck_assert_str_eq(m.articles[2].date, "2024-02-01");
    ck_assert_uint_eq(m.articles[2].first_page, 10);
    ck_assert_uint_eq(m.articles[2].last_page, 10);
    izde_issue_map_free(&m);
    ck_assert_uint_eq(m.n, 0);
    /* An error leaves it empty. */
    ck_assert_int_eq(izde_issue_map_read("/nonexistent/x.xml", &m, &err), IZDE_ERR_IO);
    ck_assert_str_eq(err.msg, "/nonexistent/x.xml: cannot open: No such file or directory");
    ck_assert_uint_eq(m.n, 0);
    ck_assert_ptr_null(m.articles);
}
END_TEST

START_TEST(text_and_space)
{
    seen s;
    izde_error err;
    ck_assert_int_eq(read_mem("<issue number='2-3' serial='100-101' date='2020-03-12'>"
                              "<article id='x.1' lang='ru'>\n  <title>\n  Бюджет\t&amp;\n  гранты "
                              "</title>\n<author> А. Б. </author><author>В</author>"
                              "<p>Раз <em>два</em><strong> три</strong>,<sup>1</sup>"
                              "<![CDATA[ <четыре> ]]></p><p>  </p><p/><p>пять&#x20;шесть</p>"
                              "</article></issue>",
                              &s, &err),
                     0);
    ck_assert_str_eq(s.issue.number, "2-3");
    ck_assert_str_eq(s.issue.serial, "100-101");
    ck_assert_str_eq(s.issue.lang, "");
    ck_assert_str_eq(s.lines[0], "x.1|Бюджет & гранты|А. Б.; В|-|2020-03-12|ru|0-0|2|1|"
                                 "Раз два три,1 <четыре>\nпять шесть");
}
END_TEST

/* Each bad file and its message (file, line, cause); the articles before
 * the error are not handed over either. */
static const struct bad {
    const char *xml, *msg;
} bad[] = {
    {"<issue number='1' date='2020-01-01'><article id='a'><title>T</title></article></issue>",
     "t.xml: line 1: does not match the issue schema: Element issue failed to validate "
     "attributes (issue needs number, serial and date; may have pdf and lang)"},
    {"<issue number='1' serial='2' date='2021-02-30'><article id='a'><title>T</title></article>"
     "</issue>",
     "t.xml: line 1: does not match the issue schema: element issue: Type date doesn't allow "
     "value '2021-02-30'"},
    {"<issue number='1' serial='2' date='2020-01-01'>\n<article id='a'><title>T</title></article>\n"
     "<article id='b' pages='x'><title>T</title></article>\n</issue>",
     "t.xml: line 3: does not match the issue schema: Invalid attribute pages for element article"},
    {"<issue number='1' serial='2' date='2020-01-01'>\n<article id='a'><title> \n </title>"
     "</article></issue>",
     "t.xml: line 2: does not match the issue schema: element title is empty"},
    {"<issue number='1' serial='2' date='2020-01-01'>\n<article id='a'><title>T</title>"
     "<p>x</p><rubric>R</rubric></article></issue>",
     "t.xml: line 2: does not match the issue schema: "},
    {"<issue number='1' serial='2' date='2020-01-01'>\n<article id='a'><title>T</title>"
     "</article>\n<no-such-element/></issue>",
     "t.xml: line 3: does not match the issue schema: Did not expect element no-such-element there"},
    {"<issue number='1' serial='2' date='2020-01-01'></issue>",
     "t.xml: line 1: does not match the issue schema: "},
    {"<issue number='1' serial='2' date='2020-01-01'>\n<article id='a'><title>T</title></article>\n"
     "<article id='a'><title>U</title></article></issue>",
     "t.xml: line 3: article id \"a\" is used twice in the issue"},
    {"<issue number='1' serial='2' date='2020-01-01'><article id='a' pages='9-3'><title>T</title>"
     "</article></issue>",
     "t.xml: line 1: article a: pages=\"9-3\": the last page is before the first"},
    {"<issue number='1' serial='2' date='2020-01-01'>\n<article id='a'><title>T</title></article>\n"
     "<article id='b'><title>T</titel></article></issue>",
     "t.xml: line 3: malformed XML: Opening and ending tag mismatch: title line 3 and titel"},
    {"<issue number='1' serial='2' date='2020-01-01'>\n<article id='a'><title>T</title></article>\n"
     "<article id='b'><title>T</title><p>cut sh",
     "t.xml: line 3: malformed or truncated XML: "},
    {"<?xml version='1.0'?>\n<!DOCTYPE issue [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>\n"
     "<issue number='1' serial='2' date='2020-01-01'><article id='a'><title>&x;</title>"
     "</article></issue>",
     "t.xml: a DOCTYPE is not allowed in issue XML (DTDs and entities are never read)"},
    {"<?xml version='1.0'?>\n<!DOCTYPE issue SYSTEM 'http://127.0.0.1:9/issue.dtd'>\n"
     "<issue number='1' serial='2' date='2020-01-01'><article id='a'><title>T</title>"
     "</article></issue>",
     "t.xml: a DOCTYPE is not allowed in issue XML"},
    {"<?xml version='1.0'?>\n<!DOCTYPE issue [<!ENTITY % p SYSTEM 'file:///etc/passwd'> %p;]>\n"
     "<issue number='1' serial='2' date='2020-01-01'><article id='a'><title>T</title>"
     "</article></issue>",
     "t.xml: a DOCTYPE is not allowed in issue XML"},
    {"<issue number='1' serial='2' date='2020-01-01'><article id='a'><title>&nbsp;</title>"
     "</article></issue>",
     "t.xml: line 1: malformed XML: Entity 'nbsp' not defined"},
    {"<?xml version='1.0' encoding='x-no-such-charset'?>\n<issue number='1' serial='2' "
     "date='2020-01-01'><article id='a'><title>\xc0\xe9\xfb\xeb</title></article></issue>",
     "t.xml: line 1: declares an encoding izde cannot read: Unsupported encoding x-no-such-charset"},
    {"<issue number='1' serial='2' date='2020-01-01'>\n<article id='a'><title>Айыл</title>"
     "<p>бюджет \xff жана бюджет</p></article></issue>",
     "t.xml: line 2: not in the declared encoding: Input is not proper UTF-8"},
};

START_TEST(bad_files)
{
    seen s;
    izde_error err;
    int rc = read_mem(bad[_i].xml, &s, &err);
    ck_assert_msg(rc == IZDE_ERR_FORMAT, "case %d: rc %d", _i, rc);
    ck_assert_msg(strncmp(err.msg, bad[_i].msg, strlen(bad[_i].msg)) == 0, "case %d: %s", _i,
                  err.msg);
    ck_assert_msg(s.n == 0, "case %d: %zu articles handed over", _i, s.n);
}
END_TEST

/* No entity, DTD or schema is ever loaded from outside: a loader that
 * counts is never asked. */
START_TEST(nothing_loaded)
{
    xmlExternalEntityLoader old = xmlGetExternalEntityLoader();
    xmlSetExternalEntityLoader(xml_counting_loader);
    xml_loads = 0;
    seen s;
    izde_error err;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        read_mem(bad[i].xml, &s, &err);
    char path[512];
    snprintf(path, sizeof path, "%s/tests/fixtures/hostile/xxe.xml", top());
    ck_assert_int_eq(izde_issue_xml_read(path, collect, &s, &err), IZDE_ERR_FORMAT);
    ck_assert(strstr(err.msg, "DOCTYPE"));
    snprintf(path, sizeof path, "%s/tests/fixtures/hostile/entity-bomb.xml", top());
    ck_assert_int_eq(izde_issue_xml_read(path, collect, &s, &err), IZDE_ERR_FORMAT);
    ck_assert_uint_eq(s.n, 0);
    ck_assert_int_eq(xml_loads, 0);
    xmlSetExternalEntityLoader(old);
}
END_TEST

START_TEST(deep_nesting)
{
    /* 100 000 nested elements stop at libxml2's depth limit (the parser
     * runs a little ahead of the validator). */
    size_t depth = 100000;
    const char *head = "<issue number='1' serial='2' date='2020-01-01'><article id='a'>"
                       "<title>T</title><p>";
    char *xml = malloc(strlen(head) + depth * 9 + 64);
    ck_assert_ptr_nonnull(xml);
    char *p = xml + sprintf(xml, "%s", head);
    for (size_t i = 0; i < depth; i++)
        p += sprintf(p, "<em>");
    for (size_t i = 0; i < depth; i++)
        p += sprintf(p, "</em>");
    sprintf(p, "</p></article></issue>");
    seen s;
    izde_error err;
    ck_assert_int_eq(read_mem(xml, &s, &err), IZDE_ERR_FORMAT);
    ck_assert_str_eq(err.msg, "t.xml: line 1: markup nested deeper than 256 elements");
    ck_assert_uint_eq(s.n, 0);
    free(xml);
}
END_TEST

START_TEST(size_limit)
{
    /* The file has no size limit (it is streamed); an article has. */
    unsigned long long old = izde_article_max_size();
    izde_article_set_max_size(100);
    seen s;
    izde_error err;
    ck_assert_int_eq(read_mem("<issue number='1' serial='2' date='2020-01-01'>\n"
                              "<article id='a'><title>T</title><p>short</p></article>\n"
                              "<article id='b'><title>T</title><p>0123456789 0123456789 "
                              "0123456789 0123456789 0123456789</p><p>0123456789 0123456789 "
                              "0123456789 0123456789 0123456789</p></article></issue>",
                              &s, &err),
                     IZDE_ERR_FORMAT);
    ck_assert_str_eq(err.msg, "t.xml: line 3: article b is over the limit of 100 bytes (--max-size)");
    ck_assert_uint_eq(s.n, 0);
    izde_article_set_max_size(old);
}
END_TEST

static int stop_at_two(void *ctx, const izde_issue *is, const izde_issue_article *a)
{
    (void)is;
    (void)a;
    return ++*(int *)ctx == 2 ? 42 : 0;
}

START_TEST(callback_stops)
{
    char path[512];
    snprintf(path, sizeof path, "%s/schema/issue-example.xml", top());
    int n = 0;
    izde_error err;
    ck_assert_int_eq(izde_issue_xml_read(path, stop_at_two, &n, &err), 42);
    ck_assert_int_eq(n, 2);
    ck_assert_int_eq(izde_issue_xml_read_memory("", 0, "e.xml", stop_at_two, &n, &err),
                     IZDE_ERR_FORMAT);
    ck_assert_str_eq(err.msg, "e.xml: empty file");
}
END_TEST

Suite *issue_xml_suite(void)
{
    Suite *s = suite_create("issue_xml");
    TCase *tc = tcase_create("issue_xml");
    tcase_add_test(tc, example_fields);
    tcase_add_test(tc, as_articles);
    tcase_add_test(tc, pdf_map);
    tcase_add_test(tc, text_and_space);
    tcase_add_loop_test(tc, bad_files, 0, (int)(sizeof bad / sizeof bad[0]));
    tcase_add_test(tc, nothing_loaded);
    tcase_add_test(tc, deep_nesting);
    tcase_add_test(tc, size_limit);
    tcase_add_test(tc, callback_stops);
    suite_add_tcase(s, tc);
    return s;
}
