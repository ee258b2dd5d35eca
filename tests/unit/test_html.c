/* The HTML parser on the site's pages (tests/fixtures/html) and on the
 * layouts it must read; dates in text; the charset sniffer; entity loading
 * never happens; file reading of HTML (size limit, titles, names). */
#include <check.h>
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "izde/article.h"

#include "xml_loads.h"

static const char *top(void)
{
    const char *t = getenv("IZDE_TOP");
    return t ? t : ".";
}

static void read_fixture(const char *rel, izde_article *a)
{
    char path[512];
    snprintf(path, sizeof path, "%s/tests/fixtures/%s", top(), rel);
    izde_error err;
    izde_article_init(a);
    ck_assert_msg(izde_article_read_file(path, rel, a, &err) == IZDE_OK, "%s", err.msg);
}

static void parse(const char *html, izde_article *a)
{
    izde_error err;
    izde_article_init(a);
    ck_assert_int_eq(izde_parse_html(html, strlen(html), a, &err), IZDE_OK);
}

static const char *const chrome[] = {
    "Жарнама", "Архив", "Редакция", "Издөө", "Подписка", "Бөлүшүү", "жылытуу", "Окшош",
    "Сайттын", "ISSN", "dpi", "Илимий-популярдуу", "Макалалар", "Көп окулгандар",
    "Башкы бет", "color", "subscribe", "Муниципалитет", "Көңүл чордонунда", "2021-04-05", NULL};

START_TEST(seed_page)
{
    static const char *const files[] = {"html/seed.html", "html/seed-cp1251.html",
                                        "html/seed-koi8r.html"};
    izde_article ref;
    read_fixture("html/seed.html", &ref);
    for (int i = 0; i < 3; i++) {
        izde_article a;
        read_fixture(files[i], &a);
        ck_assert_str_eq(a.id, files[i]);
        ck_assert_str_eq(a.date, "2021-04-05");
        ck_assert_str_eq(a.rubric, "Көңүл чордонунда");
        ck_assert_ptr_null(a.author);
        ck_assert_str_eq(a.lang, "ky");
        ck_assert(strncmp(a.title, "“Жергиликтүү өз алдынча башкаруу:",
                          strlen("“Жергиликтүү өз алдынча башкаруу:")) == 0);
        ck_assert(strstr(a.title, "Резолюциясы") && !strstr(a.title, "Муниципалитет"));
        ck_assert(strncmp(a.body, "ТЕГЕРЕК СТОЛ ТАЛКУУСУНУН РЕЗОЛЮЦИЯСЫ\nКыргыз Республикасы, Бишкек ш.\n",
                          strlen("ТЕГЕРЕК СТОЛ ТАЛКУУСУНУН РЕЗОЛЮЦИЯСЫ\nКыргыз Республикасы, Бишкек ш.\n")) == 0);
        ck_assert(strstr(a.body, "\nЖӨБ органдарынын 54 өкүлү:\n")); /* a list item: a passage */
        ck_assert(strstr(a.body, "теңдештирүүчү гранттарды “кол менен башкарууну”"));
        size_t n = strlen(a.body);
        ck_assert_str_eq(a.body + n - strlen("калыс – 0 катышуучу."), "калыс – 0 катышуучу.");
        for (int k = 0; chrome[k]; k++)
            ck_assert_msg(!strstr(a.body, chrome[k]), "%s: chrome '%s' in the body", files[i], chrome[k]);
        ck_assert_ptr_null(a.warnings);
        ck_assert_uint_eq(a.repaired, 0);
        /* The three encodings give the same article. */
        ck_assert_str_eq(a.title, ref.title);
        ck_assert_str_eq(a.body, ref.body);
        izde_article_clear(&a);
    }
    izde_article_clear(&ref);
}
END_TEST

START_TEST(older_layout)
{
    /* No <article>, no <main>: the largest block; <title> with the site's
     * name; a visible Russian genitive date; a byline; a breadcrumb of
     * spans; the Russian related-links block. */
    izde_article a;
    parse("<html lang=\"ru-RU\"><head><title>Бюджет села — Муниципалитет</title></head><body>"
          "<div id=\"top\"><a href=\"/\">Муниципалитет</a></div>"
          "<div class=\"breadcrumbs\"><span>Главная</span> » <span>Статьи</span> » <span>Финансы</span></div>"
          "<table><tr><td class=\"left\"><ul><li><a>Меню 1</a></li><li><a>Меню 2</a></li></ul></td>"
          "<td><div class=\"text\"><p>31 Января 2024</p><p>Автор: Асанов Б.</p>"
          "<p>Сельский бюджет&nbsp;обсудили на сходе.<br>Вторая строка &laquo;в кавычках&raquo;.</p>"
          "<p>Депутаты айыл кенеша утвердили смету.</p>"
          "<p><strong>Похожие материалы:</strong></p><ul><li><a>Другая статья</a></li></ul></div>"
          "</td></tr></table><div class=\"copyright\">© 2024</div></body></html>", &a);
    ck_assert_str_eq(a.title, "Бюджет села");
    ck_assert_str_eq(a.date, "2024-01-31");
    ck_assert_str_eq(a.rubric, "Финансы");
    ck_assert_str_eq(a.author, "Асанов Б.");
    ck_assert_str_eq(a.lang, "ru");
    ck_assert_str_eq(a.body, "Сельский бюджет обсудили на сходе.\nВторая строка «в кавычках».\n"
                             "Депутаты айыл кенеша утвердили смету.");
    izde_article_clear(&a);

    /* No <h1>: og:title; meta date, section, author; <time>. */
    parse("<html><head><meta property=\"og:title\" content=\"Жаңы мыйзам | Муниципалитет\">"
          "<meta property=\"article:published_time\" content=\"2020-03-02T09:30:00+06:00\">"
          "<meta property=\"article:section\" content=\"Укук\">"
          "<meta name=\"author\" content=\"Б. Токтогулов\"></head>"
          "<body><header><h1>Муниципалитет</h1></header><main><p>Мыйзам кабыл алынды.</p>"
          "<time datetime=\"2019-01-01\">1-январь</time></main></body></html>", &a);
    ck_assert_str_eq(a.title, "Жаңы мыйзам");
    ck_assert_str_eq(a.date, "2020-03-02");
    ck_assert_str_eq(a.rubric, "Укук");
    ck_assert_str_eq(a.author, "Б. Токтогулов");
    /* No lang: none from the parser; the detector's (what reading the
     * file does) is Kyrgyz. */
    ck_assert_str_eq(a.lang, "");
    izde_article_detect_lang(&a);
    ck_assert_str_eq(a.lang, "ky");
    ck_assert(strncmp(a.body, "Мыйзам кабыл алынды.", strlen("Мыйзам кабыл алынды.")) == 0);
    izde_article_clear(&a);

    /* <time datetime>, a Kyrgyz month name, the byline by class. */
    parse("<html lang=\"ky\"><body><article><h1>Аталыш</h1><span class=\"author-name\">А. Осмонов</span>"
          "<p>Текст.</p></article><aside><time datetime=\"2001-01-01\"></time></aside></body></html>", &a);
    ck_assert_str_eq(a.author, "А. Осмонов");
    ck_assert_str_eq(a.date, ""); /* an aside's date is not the article's */
    ck_assert_str_eq(a.body, "Текст.");
    izde_article_clear(&a);
    parse("<html><body><article><h1>Аталыш</h1><p>5 Жалган куран 2021</p><p>Текст.</p></article></body></html>", &a);
    ck_assert_str_eq(a.date, "2021-03-05");
    ck_assert_str_eq(a.body, "Текст.");
    izde_article_clear(&a);

    /* Several <article>s: the one with the text, not the teasers. */
    parse("<html><body><article><a>Тизер</a></article><article><h1>Негизги</h1><p>Узун текст бул жерде.</p>"
          "</article><article><a>Тизер 2</a></article></body></html>", &a);
    ck_assert_str_eq(a.title, "Негизги");
    ck_assert_str_eq(a.body, "Узун текст бул жерде.");
    izde_article_clear(&a);
}
END_TEST

START_TEST(broken_markup)
{
    izde_article a;
    parse("<html><body><article><h1>Т</h1><p>бир <b>эки <i>үч<div>төрт</body></html>", &a);
    ck_assert_str_eq(a.body, "бир эки үч\nтөрт");
    ck_assert(a.warnings && strstr(a.warnings, "unclosed tag"));
    izde_article_clear(&a);

    parse("<html><body><article><h1>Т</h1><p>бир</p><p>эк", &a);
    ck_assert_str_eq(a.body, "бир\nэк");
    ck_assert(a.warnings && strstr(a.warnings, "truncated HTML (no </html>)"));
    izde_article_clear(&a);

    parse("<html><body><p>бир</p><p class=\"x", &a);
    ck_assert(a.warnings && strstr(a.warnings, "ends inside a tag"));
    izde_article_clear(&a);

    /* 100 000 levels: libxml2 stops at 256, the text before is kept. */
    size_t depth = 100000, n = 0;
    char *deep = malloc(depth * 11 + 256);
    n += (size_t)sprintf(deep, "<html><body><h1>Терең</h1><p>башы</p>");
    for (size_t i = 0; i < depth; i++)
        n += (size_t)sprintf(deep + n, "<div>");
    n += (size_t)sprintf(deep + n, "ичи");
    for (size_t i = 0; i < depth; i++)
        n += (size_t)sprintf(deep + n, "</div>");
    strcpy(deep + n, "</body></html>");
    parse(deep, &a);
    free(deep);
    ck_assert_str_eq(a.title, "Терең");
    ck_assert(strncmp(a.body, "башы", strlen("башы")) == 0);
    ck_assert(a.warnings && strstr(a.warnings, "nested deeper"));
    izde_article_clear(&a);

    /* Not HTML at all. */
    parse("just some text, no tags", &a);
    ck_assert_str_eq(a.body, "just some text, no tags");
    izde_article_clear(&a);
    parse("", &a);
    ck_assert_str_eq(a.title, "");
    ck_assert_str_eq(a.body, "");
    izde_article_clear(&a);
}
END_TEST

START_TEST(no_entity_loading)
{
    xmlExternalEntityLoader old = xmlGetExternalEntityLoader();
    xmlSetExternalEntityLoader(xml_counting_loader);
    xml_loads = 0;
    izde_article a;
    read_fixture("hostile/xxe.html", &a);
    ck_assert(!strstr(a.body, "root:") && !strstr(a.body, "ENTITY"));
    ck_assert(strstr(a.body, "Сырсөздөр окулбайт."));
    ck_assert(strstr(a.warnings, "DOCTYPE declares entities"));
    izde_article_clear(&a);
    read_fixture("hostile/xxe-external-dtd.html", &a);
    ck_assert(!strstr(a.body, "root:"));
    ck_assert(strstr(a.body, "«жана» ң")); /* HTML's own entities do work */
    izde_article_clear(&a);
    read_fixture("hostile/entity-bomb.html", &a);
    ck_assert(strlen(a.body) < 100);
    izde_article_clear(&a);
    ck_assert_int_eq(xml_loads, 0);
    xmlSetExternalEntityLoader(old);
}
END_TEST

START_TEST(dates_in_text)
{
    static const struct { const char *in, *want; size_t used; } cases[] = {
        {"2024-02-13", "2024-02-13", 10},
        {"2021-04-05 / Көңүл чордонунда", "2021-04-05", 10},
        {"13 Февраль 2024", "2024-02-13", 0},
        {"31 Января 2024", "2024-01-31", 0},
        {"31 января 2024 г.", "2024-01-31", 0},
        {"1 МАЯ 2019", "2019-05-01", 0},
        {"5 Жалган куран 2021", "2021-03-05", 0},
        {"12 бештин айы 2020", "2020-12-12", 0},
        {"13.02.2024", "2024-02-13", 10},
        {"13\xC2\xA0Февраль\xC2\xA0" "2024", "2024-02-13", 0},
        {"30 Февраль 2024", "", 0},
        {"2021-02-30", "", 0},
        {"2021-04-051", "", 0},
        {"13 Февраль 20245", "", 0},
        {"2 (148) 13 Февраль 2024", "", 0},
        {"13 Фев 2024", "", 0},
        {"кечээ", "", 0},
        {"", "", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char out[11] = "";
        size_t n = izde_date_from_text(cases[i].in, strlen(cases[i].in), out);
        if (!cases[i].want[0]) {
            ck_assert_msg(n == 0, "'%s' read as %s", cases[i].in, out);
            continue;
        }
        ck_assert_msg(n > 0, "'%s' not read", cases[i].in);
        ck_assert_str_eq(out, cases[i].want);
        if (cases[i].used)
            ck_assert_uint_eq(n, cases[i].used);
    }
}
END_TEST

START_TEST(charset_sniff)
{
    char cs[32];
    const char *p = "<html><head><meta charset=\"windows-1251\"></head>";
    ck_assert(izde_html_declared_charset(p, strlen(p), cs, sizeof cs));
    ck_assert_str_eq(cs, "windows-1251");
    p = "<META HTTP-EQUIV='Content-Type' CONTENT='text/html; charset=KOI8-R'>";
    ck_assert(izde_html_declared_charset(p, strlen(p), cs, sizeof cs));
    ck_assert_str_eq(cs, "KOI8-R");
    p = "<meta name=\"x\" content=\"y\"><p>charset=utf-8</p>";
    ck_assert(!izde_html_declared_charset(p, strlen(p), cs, sizeof cs));
    p = "<meta charset=";
    ck_assert(!izde_html_declared_charset(p, strlen(p), cs, sizeof cs));
}
END_TEST

static char *write_temp(const char *suffix, const char *content, size_t len)
{
    static char path[64];
    snprintf(path, sizeof path, "/tmp/izde-html-XXXXXX%s", suffix);
    int fd = mkstemps(path, (int)strlen(suffix));
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, content, len), (ssize_t)len);
    close(fd);
    return path;
}

START_TEST(reading_html_files)
{
    izde_article a;
    izde_error err;
    /* The size limit is settable. */
    const char *page = "<html><body><article><h1>Чоң</h1><p>текст</p></article></body></html>";
    char *p = write_temp(".html", page, strlen(page));
    izde_article_init(&a);
    izde_article_set_max_size(10);
    ck_assert_int_eq(izde_article_read_file(p, "x", &a, &err), IZDE_ERR_FORMAT);
    ck_assert(strstr(err.msg, p) && strstr(err.msg, "over the limit of 10 bytes"));
    izde_article_set_max_size(IZDE_MAX_FILE_SIZE);
    ck_assert_uint_eq(izde_article_max_size(), IZDE_MAX_FILE_SIZE);
    ck_assert_int_eq(izde_article_read_file(p, "x", &a, &err), IZDE_OK);
    ck_assert_str_eq(a.title, "Чоң");
    unlink(p);
    izde_article_clear(&a);

    /* A 10 000-character title: cut at a space, the rest into the body. */
    read_fixture("hostile/long-title.html", &a);
    size_t chars = 0;
    for (const char *s = a.title; *s; s++)
        chars += ((unsigned char)*s & 0xC0) != 0x80;
    ck_assert_uint_le(chars, IZDE_TITLE_MAX_CHARS);
    ck_assert_uint_gt(chars, IZDE_TITLE_MAX_CHARS - 20);
    ck_assert(a.title[strlen(a.title) - 1] != ' ');
    ck_assert(strstr(a.body, "Аталышы өтө узун макала."));
    ck_assert(strstr(a.warnings, "title of 10000 characters cut to 500"));
    izde_article_clear(&a);

    /* Control characters: binary. */
    p = write_temp(".html", "\x01\x02\x03\x04<html>", 10);
    izde_article_init(&a);
    ck_assert_int_eq(izde_article_read_file(p, "x", &a, &err), IZDE_ERR_FORMAT);
    ck_assert(strstr(err.msg, "binary file (control characters)"));
    unlink(p);

    /* An id that is not UTF-8 is escaped, with a warning. */
    p = write_temp(".html", page, strlen(page));
    ck_assert_int_eq(izde_article_read_file(p, "dir/\xff.html", &a, &err), IZDE_OK);
    ck_assert_str_eq(a.id, "dir/%FF.html");
    ck_assert(strstr(a.warnings, "file name is not valid UTF-8; indexed as \"dir/%FF.html\""));
    unlink(p);
    izde_article_clear(&a);
    ck_assert(izde_article_is_supported("a.HTM") && izde_article_is_supported("b.html"));
}
END_TEST

Suite *html_suite(void)
{
    Suite *s = suite_create("html");
    TCase *tc = tcase_create("pages");
    tcase_add_test(tc, seed_page);
    tcase_add_test(tc, older_layout);
    tcase_add_test(tc, broken_markup);
    tcase_add_test(tc, no_entity_loading);
    tcase_add_test(tc, dates_in_text);
    tcase_add_test(tc, charset_sniff);
    tcase_add_test(tc, reading_html_files);
    suite_add_tcase(s, tc);
    return s;
}
