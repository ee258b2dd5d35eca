/* The article model: the text-export parser on the seed and its layouts,
 * file reading (BOM, invalid UTF-8, empty, binary, too big), dates, and the
 * document data round trip. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "izde/article.h"
#include "izde/docdata.h"

static const char *top(void)
{
    const char *t = getenv("IZDE_TOP");
    return t ? t : ".";
}

static char *write_temp(const char *content, size_t len)
{
    static char path[64];
    strcpy(path, "/tmp/izde-article-XXXXXX.txt");
    int fd = mkstemps(path, 4);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, content, len), (ssize_t)len);
    close(fd);
    return path;
}

START_TEST(seed_article)
{
    char path[512];
    snprintf(path, sizeof path, "%s/corpus/seed/000_68d1a355e32fe76a.txt", top());
    izde_article a;
    izde_article_init(&a);
    izde_error err;
    ck_assert_int_eq(izde_article_read_file(path, "seed/x.txt", &a, &err), IZDE_OK);
    ck_assert_str_eq(a.id, "seed/x.txt");
    ck_assert_str_eq(a.date, "2021-04-05");
    ck_assert_str_eq(a.rubric, "Көңүл чордонунда");
    ck_assert_ptr_null(a.issue); /* the masthead's issue is the capture's */
    ck_assert(strncmp(a.title, "“Жергиликтүү өз алдынча башкаруу:", strlen("“Жергиликтүү өз алдынча башкаруу:")) == 0);
    ck_assert(strstr(a.title, "Резолюциясы") != NULL);
    /* The body starts after the repeated title, ends before the related
     * links, and holds no masthead. */
    ck_assert(strncmp(a.body, "ТЕГЕРЕК СТОЛ ТАЛКУУСУНУН РЕЗОЛЮЦИЯСЫ", strlen("ТЕГЕРЕК СТОЛ ТАЛКУУСУНУН РЕЗОЛЮЦИЯСЫ")) == 0);
    ck_assert(strstr(a.body, "ISBN") == NULL);
    ck_assert(strstr(a.body, "dpi") == NULL);
    ck_assert(strstr(a.body, "Окшош") == NULL);
    ck_assert(strstr(a.body, "теңдештирүүчү гранттарды") != NULL);
    size_t n = strlen(a.body);
    ck_assert(n > 100 && a.body[n - 1] != '\n');
    ck_assert(strstr(a.body, "Резолюцияны колдоп 100 катышуучу добуш берди") != NULL);
    ck_assert_str_eq(a.body + n - strlen("катышуучу."), "катышуучу.");
    ck_assert_uint_eq(a.repaired, 0);
    izde_article_clear(&a);
}
END_TEST

static void parse(const char *text, izde_article *a)
{
    izde_error err;
    izde_article_init(a);
    ck_assert_int_eq(izde_parse_text_export(text, strlen(text), a, &err), IZDE_OK);
}

START_TEST(layouts)
{
    izde_article a;
    /* Plain text: the first non-empty line is the title. */
    parse("\n\nСуу түтүгү\n\nАйылда суу жок.\nЭкинчи сап.\n", &a);
    ck_assert_str_eq(a.title, "Суу түтүгү");
    ck_assert_str_eq(a.body, "Айылда суу жок.\nЭкинчи сап.");
    ck_assert_str_eq(a.date, "");
    ck_assert_ptr_null(a.rubric);
    izde_article_clear(&a);

    /* Title not repeated after the date line; CRLF line ends. */
    parse("Муниципалитет Илимий-популярдуу журнал\r\n\r\n1 (111) 7 Февраль 2021\r\n"
          "Муниципалитет - бул аймактын үчилтиги\r\n\r\nБюджет жөнүндө\r\n\r\n"
          "2018-03-01 / Финансы\r\nЖергиликтүү бюджет.\r\n\r\nОкшош материалы:\r\nБашка\r\n",
          &a);
    ck_assert_str_eq(a.title, "Бюджет жөнүндө");
    ck_assert_str_eq(a.date, "2018-03-01");
    ck_assert_str_eq(a.rubric, "Финансы");
    ck_assert_str_eq(a.body, "Жергиликтүү бюджет.");
    izde_article_clear(&a);

    /* A date line whose date is not a date is body text. */
    parse("Аталыш\n2021-02-30 / Укук\nТекст.\n", &a);
    ck_assert_str_eq(a.title, "Аталыш");
    ck_assert_str_eq(a.date, "");
    ck_assert_str_eq(a.body, "2021-02-30 / Укук\nТекст.");
    izde_article_clear(&a);

    /* Only a related-links block: no text. */
    parse("Окшош материалы:\nБир\n", &a);
    ck_assert_str_eq(a.title, "");
    ck_assert_str_eq(a.body, "");
    izde_article_clear(&a);
}
END_TEST

START_TEST(bad_files)
{
    izde_article a;
    izde_error err;
    izde_article_init(&a);
    char *p = write_temp("", 0);
    ck_assert_int_eq(izde_article_read_file(p, "x", &a, &err), IZDE_ERR_FORMAT);
    ck_assert(strstr(err.msg, p) && strstr(err.msg, "empty"));
    unlink(p);

    p = write_temp("ab\0cd", 5);
    ck_assert_int_eq(izde_article_read_file(p, "x", &a, &err), IZDE_ERR_FORMAT);
    ck_assert(strstr(err.msg, "binary"));
    unlink(p);

    ck_assert_int_eq(izde_article_read_file("/nonexistent/a.txt", "x", &a, &err), IZDE_ERR_IO);
    ck_assert(strstr(err.msg, "/nonexistent/a.txt") && strstr(err.msg, "No such file"));

    /* BOM dropped, invalid UTF-8 repaired and counted. */
    p = write_temp("\xEF\xBB\xBFТема\n\nСуу \xff\xfe жок\n", strlen("\xEF\xBB\xBFТема\n\nСуу \xff\xfe жок\n"));
    ck_assert_int_eq(izde_article_read_file(p, "x", &a, &err), IZDE_OK);
    ck_assert_str_eq(a.title, "Тема");
    ck_assert_str_eq(a.body, "Суу \xEF\xBF\xBD\xEF\xBF\xBD жок");
    ck_assert_uint_eq(a.repaired, 2);
    unlink(p);
    izde_article_clear(&a);

    /* Over the size limit. */
    size_t big = IZDE_MAX_FILE_SIZE + 1;
    char *buf = malloc(big);
    memset(buf, 'a', big);
    p = write_temp(buf, big);
    free(buf);
    ck_assert_int_eq(izde_article_read_file(p, "x", &a, &err), IZDE_ERR_FORMAT);
    ck_assert(strstr(err.msg, "over the limit"));
    unlink(p);
    izde_article_clear(&a);
}
END_TEST

START_TEST(dates)
{
    ck_assert(izde_date_valid("2021-04-05", 10));
    ck_assert(izde_date_valid("2024-02-29", 10));
    ck_assert(!izde_date_valid("2023-02-29", 10));
    ck_assert(!izde_date_valid("1900-02-29", 10));
    ck_assert(izde_date_valid("2000-02-29", 10));
    ck_assert(!izde_date_valid("2021-13-01", 10));
    ck_assert(!izde_date_valid("2021-00-10", 10));
    ck_assert(!izde_date_valid("2021-04-31", 10));
    ck_assert(!izde_date_valid("2021/04/05", 10));
    ck_assert(!izde_date_valid("2021-4-5", 8));
    ck_assert(!izde_date_valid("20x1-04-05", 10));
}
END_TEST

START_TEST(docdata_round_trip)
{
    izde_article a;
    izde_article_init(&a);
    a.id = strdup("seed/a.txt");
    a.title = strdup("Аталыш\nэки сап");
    memcpy(a.date, "2021-04-05", 11);
    a.rubric = strdup("Финансы");
    a.body = strdup("Биринчи.\nтext=эмес\nЭкинчи.");
    ck_assert_str_eq(a.lang, "");
    izde_article_detect_lang(&a);
    size_t len;
    char *data = izde_docdata_encode(&a, &len);
    ck_assert_ptr_nonnull(data);
    izde_docdata d;
    ck_assert_int_eq(izde_docdata_decode(data, len, &d), IZDE_OK);
    ck_assert_str_eq(d.title, "Аталыш эки сап");
    ck_assert_str_eq(d.date, "2021-04-05");
    ck_assert_str_eq(d.rubric, "Финансы");
    ck_assert_str_eq(d.path, "seed/a.txt");
    ck_assert_str_eq(d.lang, "ky");
    ck_assert_ptr_null(d.issue);
    ck_assert_ptr_null(d.author);
    ck_assert_uint_eq(d.text_len, strlen(a.body));
    ck_assert_str_eq(d.text, a.body);
    izde_docdata_free(&d);
    free(data);
    /* Data that is not ours decodes to nothing rather than garbage. */
    ck_assert_int_eq(izde_docdata_decode("junk", 4, &d), IZDE_OK);
    ck_assert_ptr_null(d.title);
    ck_assert_ptr_null(d.text);
    izde_docdata_free(&d);
    izde_article_clear(&a);
}
END_TEST

Suite *article_suite(void)
{
    Suite *s = suite_create("article");
    TCase *tc = tcase_create("text-export");
    tcase_add_test(tc, seed_article);
    tcase_add_test(tc, layouts);
    tcase_add_test(tc, bad_files);
    tcase_add_test(tc, dates);
    tcase_add_test(tc, docdata_round_trip);
    suite_add_tcase(s, tc);
    return s;
}
