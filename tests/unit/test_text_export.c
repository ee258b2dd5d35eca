/* The text export in every layout the site has used (one fixture each in
 * tests/fixtures/text/, every field asserted), the parts recognised by
 * their shape (issue lines, credits, breadcrumbs, mastheads), the repairs
 * of real text, and the capture-time issue in the document data. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "izde/article.h"
#include "izde/docdata.h"
#include "izde/text_repair.h"

static void read_fixture(const char *name, izde_article *a)
{
    const char *top = getenv("IZDE_TOP");
    char path[512];
    snprintf(path, sizeof path, "%s/tests/fixtures/text/%s", top ? top : ".", name);
    izde_error err;
    izde_article_init(a);
    ck_assert_msg(izde_article_read_file(path, name, a, &err) == IZDE_OK, "%s", err.msg);
    ck_assert_str_eq(a->id, name);
    ck_assert_uint_eq(a->repaired, 0);
}

static void parse(const char *text, izde_article *a)
{
    izde_error err;
    izde_article_init(a);
    ck_assert_int_eq(izde_parse_text_export(text, strlen(text), a, &err), IZDE_OK);
}

/* NULL-safe string equality for optional fields. */
#define ck_assert_opt_str_eq(got, want)                                        \
    do {                                                                       \
        const char *g_ = (got), *w_ = (want);                                  \
        if (!w_)                                                               \
            ck_assert_msg(g_ == NULL, "%s is \"%s\", want NULL", #got, g_);    \
        else                                                                   \
            ck_assert_msg(g_ && strcmp(g_, w_) == 0, "%s is \"%s\", want \"%s\"", \
                          #got, g_ ? g_ : "(null)", w_);                       \
    } while (0)

/* No word of the site's chrome in the article's text. */
static void assert_no_chrome(const izde_article *a)
{
    static const char *const chrome[] = {
        "Илимий-популярдуу", "Научно-популярный", "ISBN", "ISSN", "dpi",
        "күбөлүктүн", "Регистрационный", "свидетельства", "үчилтиги",
        "проживающего", "самоуправления\n", "Главная", "Башкы бет",
        "Макалалар", "Статьи", "Окшош", "Похожие", "Февраль 2024",
        "Января 2024", "Март 2020"};
    for (size_t i = 0; i < sizeof chrome / sizeof chrome[0]; i++) {
        ck_assert_msg(!strstr(a->body, chrome[i]), "%s: body has \"%s\"", a->id, chrome[i]);
        ck_assert_msg(!strstr(a->title, chrome[i]), "%s: title has \"%s\"", a->id, chrome[i]);
    }
}

/* ---- the layouts ---------------------------------------------------------- */

START_TEST(classic_kyrgyz)
{
    /* Masthead, title, date line, the title again, two credit lines of
     * names in capitals, a body with the quirks of printed text, a footnote,
     * the related links. */
    izde_article a;
    read_fixture("ky-classic.txt", &a);
    ck_assert_str_eq(a.title, "Айыл өкмөтү ачык бюджетти кантип түзөт");
    ck_assert_str_eq(a.date, "2022-11-14");
    ck_assert_opt_str_eq(a.rubric, "Жергиликтүү бюджет");
    ck_assert_opt_str_eq(a.author, "НУРЛАН САДЫКОВ, ЖӨБ Союзунун эксперти; "
                                   "ГҮЛНАРА ЖУМАБАЕВА, финансист");
    ck_assert_opt_str_eq(a.issue, NULL); /* the masthead's is the capture's */
    ck_assert_opt_str_eq(a.capture_issue, "2 (148) 2024-02-13");
    ck_assert_str_eq(a.lang, "ky");
    ck_assert_str_eq(a.body,
        "Ачык бюджет – бул жарандар жергиликтүү бюджеттин кирешелерин жана "
        "чыгашаларын көрө алган, аны талкуулоого катыша алган тартип. Талас "
        "облусунун бир нече айыл аймагы1 быйыл бул тажрыйбаны биринчи жолу "
        "колдонушту.\n"
        "Бюджеттик угуулар онлайн- жана офлайн-форматта өткөрүлдү. Угуунун "
        "жыйынтыгы айылдык кеңештин сессиясында кабыл алынды. Ал эми кийинки "
        "жылы угууларга мектеп окуучулары да катышат.\n"
        "Айыл өкмөтүнүн башчысынын айтымында, жарандардын сунуштарынын үчтөн "
        "бири бюджетке киргизилген: көчө жарыгы, суу түтүгү жана балдар "
        "аянтчасы.\n"
        "1 Талас облусунун Бакай-Ата жана Кара-Буура райондорундагы айыл "
        "аймактары.");
    assert_no_chrome(&a);
    ck_assert(!strstr(a.body, "САДЫКОВ"));
    ck_assert(!strstr(a.body, "Сейсмикалык"));
    izde_article_clear(&a);
}
END_TEST

START_TEST(classic_russian)
{
    /* The Russian masthead: its registration wording, the slogan wrapped
     * over two lines, a genitive month in the issue line; "Автор:". */
    izde_article a;
    read_fixture("ru-classic.txt", &a);
    ck_assert_str_eq(a.title, "Р2Р-платформы и муниципальные облигации");
    ck_assert_str_eq(a.date, "2023-05-22");
    ck_assert_opt_str_eq(a.rubric, "Финансы");
    ck_assert_opt_str_eq(a.author, "Эркин Байсалов");
    ck_assert_opt_str_eq(a.issue, NULL);
    ck_assert_opt_str_eq(a.capture_issue, "2 (148) 2024-01-31");
    ck_assert_str_eq(a.lang, "ru");
    ck_assert_str_eq(a.body,
        "Муниципалитеты всё чаще ищут деньги на ремонт дорог и водопроводов за "
        "пределами республиканского бюджета. Одна из возможностей – "
        "P2P-кредитование, когда жители напрямую одалживают средства своему "
        "городу через интернет-платформу.\n"
        "Опыт других стран показывает, что такие займы требуют прозрачной "
        "отчётности и ясного закона. Без них доверие граждан быстро теряется.");
    assert_no_chrome(&a);
    ck_assert(!strstr(a.body, "мусора"));
    izde_article_clear(&a);
}
END_TEST

START_TEST(classic_title_not_repeated)
{
    /* The lead follows the date line; a "Түзгөндөр:" credit; the double
     * issue "2-3(100-101) 12 Март 2020". */
    izde_article a;
    read_fixture("ky-no-repeat.txt", &a);
    ck_assert_str_eq(a.title, "Жайыт комитеттеринин жаңы милдеттери");
    ck_assert_str_eq(a.date, "2019-06-03");
    ck_assert_opt_str_eq(a.rubric, "Мыйзам жана укук");
    ck_assert_opt_str_eq(a.author, "Айгүл Токтогулова, Бакыт Асанов");
    ck_assert_opt_str_eq(a.issue, NULL);
    ck_assert_opt_str_eq(a.capture_issue, "2-3 (100-101) 2020-03-12");
    ck_assert_str_eq(a.lang, "ky");
    ck_assert_str_eq(a.body,
        "Жайыт жөнүндө мыйзамга киргизилген өзгөртүүлөр жайыт комитеттерине "
        "кошумча милдеттерди жүктөйт. Эми комитет ар бир жайыт бирдигинин "
        "жүктөмүн жыл сайын эсептеп, айыл өкмөтүнө отчет берет.\n"
        "Малчылар жайыт билетин мурдагыдай эле айыл өкмөтүнөн алышат.");
    assert_no_chrome(&a);
    izde_article_clear(&a);
}
END_TEST

START_TEST(capture_from_the_date_line)
{
    /* No masthead, no title: the lead is a sentence, not a title, so the
     * title is left empty.  The issue line is in the footer, after the
     * related links: still the capture's issue. */
    izde_article a;
    read_fixture("ky-date-first.txt", &a);
    ck_assert_str_eq(a.title, "");
    ck_assert_str_eq(a.date, "2020-09-21");
    ck_assert_opt_str_eq(a.rubric, "Айыл чарба");
    ck_assert_opt_str_eq(a.author, NULL);
    ck_assert_opt_str_eq(a.issue, NULL);
    ck_assert_opt_str_eq(a.capture_issue, "2 (148) 2024-02-13");
    ck_assert_str_eq(a.lang, "ky");
    ck_assert_str_eq(a.body,
        "Көл жээгиндеги айылдарда сугат суусунун тартыштыгы жыл сайын курчуп "
        "баратат. Суу пайдалануучулар ассоциациялары каналдарды тазалоого "
        "каражат таппай жатышат.\n"
        "Райондук суу чарба башкармалыгынын маалыматы боюнча, быйыл сугат "
        "мезгили эки жумага кечигип башталды.");
    assert_no_chrome(&a);
    ck_assert(!strstr(a.body, "салыктар"));
    izde_article_clear(&a);

    /* The same capture where the page repeated its title after the date
     * line: that line reads as a title (no closing full stop) and is one. */
    read_fixture("ru-date-first.txt", &a);
    ck_assert_str_eq(a.title, "Как сельские советы отчитываются перед жителями");
    ck_assert_str_eq(a.date, "2021-10-11");
    ck_assert_opt_str_eq(a.rubric, "Местное самоуправление");
    ck_assert_opt_str_eq(a.author, NULL);
    ck_assert_opt_str_eq(a.issue, NULL);
    ck_assert_opt_str_eq(a.capture_issue, NULL);
    ck_assert_str_eq(a.lang, "ru");
    ck_assert_str_eq(a.body,
        "Каждый айылный кенеш раз в год проводит открытые слушания, на которых "
        "депутаты рассказывают о принятых решениях. Жители задают вопросы о "
        "дорогах, школах и питьевой воде.\n"
        "Протокол слушаний публикуется на доске объявлений айыл окмоту.");
    izde_article_clear(&a);
}
END_TEST

START_TEST(newer_layout_with_breadcrumb)
{
    /* The slogan, a breadcrumb (Kyrgyz crumbs), the title, names in
     * capitals with a position, no date. */
    izde_article a;
    read_fixture("ky-breadcrumb.txt", &a);
    ck_assert_str_eq(a.title, "Шаардын башкы планы ким үчүн түзүлөт");
    ck_assert_str_eq(a.date, "");
    ck_assert_opt_str_eq(a.rubric, "Шаар куруу");
    ck_assert_opt_str_eq(a.author, "АЙГҮЛ ТОКТОГУЛОВА, «Муниципалитет» журналынын редактору");
    ck_assert_opt_str_eq(a.issue, NULL);
    ck_assert_opt_str_eq(a.capture_issue, NULL);
    ck_assert_str_eq(a.lang, "ky");
    ck_assert_str_eq(a.body,
        "Башкы план – шаардын келечектеги өнүгүүсүнүн негизги документи. Ал "
        "көчөлөрдүн, мектептердин жана парктардын кайда курулаарын аныктайт.\n"
        "Тургундар планды талкуулоого катышпаса, шаар алардын муктаждыктарын "
        "эске албай өсөт.");
    assert_no_chrome(&a);
    izde_article_clear(&a);

    /* The Russian slogan wrapped, the issue line under it, the Russian
     * crumbs, "Авторы:". */
    read_fixture("ru-breadcrumb.txt", &a);
    ck_assert_str_eq(a.title, "Кадровый резерв для айыл окмоту");
    ck_assert_str_eq(a.date, "");
    ck_assert_opt_str_eq(a.rubric, "Муниципальная служба");
    ck_assert_opt_str_eq(a.author, "Нуржан Осмонова, Эркин Байсалов");
    ck_assert_opt_str_eq(a.issue, NULL);
    ck_assert_opt_str_eq(a.capture_issue, "2 (148) 2024-01-31");
    ck_assert_str_eq(a.lang, "ru");
    ck_assert_str_eq(a.body,
        "Кадровый резерв помогает сельским управам быстро находить замену "
        "ушедшим специалистам. Кандидатов отбирают по конкурсу, а затем "
        "обучают в течение года.\n"
        "В Чуйской области резерв уже сформирован в половине айылных аймаков.");
    assert_no_chrome(&a);
    ck_assert(!strstr(a.body, "Зарплаты"));
    izde_article_clear(&a);
}
END_TEST

/* ---- the parts, by their shape ------------------------------------------- */

START_TEST(issue_lines)
{
    static const struct {
        const char *line, *want;
    } cases[] = {
        {"2 (148) 13 Февраль 2024", "2 (148) 2024-02-13"},
        {"2 (148) 31 Января 2024", "2 (148) 2024-01-31"},
        {"2-3(100-101) 12 Март 2020", "2-3 (100-101) 2020-03-12"},
        {"1 (111) 7 Февраль 2021", "1 (111) 2021-02-07"},
        {"4 (126) 5 мая 2022", "4 (126) 2022-05-05"},
        {"4 (126) 30 Май 2022", "4 (126) 2022-05-30"},
        {"11 (141) 1 Ноября 2023", "11 (141) 2023-11-01"},
        {"6 (130) 15 Сентябрь 2022", "6 (130) 2022-09-15"},
        /* Not issue lines: no serial, a day that is not one, no year, text. */
        {"2 148 13 Февраль 2024", NULL},
        {"2 (148) 31 Февраль 2024", NULL},
        {"2 (148) 13 Февраль", NULL},
        {"2 (148) 13 Фейлер 2024", NULL},
        {"2 (148) 13 Февраль 2024-жылы кабыл алынган", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[256];
        snprintf(text, sizeof text, "Аталыш\n%s\nТекст.\n", cases[i].line);
        izde_article a;
        parse(text, &a);
        ck_assert_opt_str_eq(a.capture_issue, cases[i].want);
        ck_assert_opt_str_eq(a.issue, NULL);
        /* An issue line is chrome wherever it stands; anything else is text. */
        ck_assert_msg(!cases[i].want == !!strstr(a.body, cases[i].line),
                      "\"%s\" in body: %s", cases[i].line, a.body);
        izde_article_clear(&a);
    }
}
END_TEST

START_TEST(credit_lines)
{
    izde_article a;
    /* Names in capitals before a comma are a credit; a heading in capitals
     * (the seed's "ТЕГЕРЕК СТОЛ ТАЛКУУСУНУН РЕЗОЛЮЦИЯСЫ") or an abbreviation
     * ("КР ӨКМӨТҮ, ...") is text. */
    parse("Аталыш\n2021-01-01 / Укук\nА.АСАНОВ, юрист\n\nТЕГЕРЕК СТОЛ ТАЛКУУСУНУН "
          "РЕЗОЛЮЦИЯСЫ\nТекст.\n", &a);
    ck_assert_opt_str_eq(a.author, "А.АСАНОВ, юрист");
    ck_assert_str_eq(a.body, "ТЕГЕРЕК СТОЛ ТАЛКУУСУНУН РЕЗОЛЮЦИЯСЫ\nТекст.");
    izde_article_clear(&a);
    parse("Аталыш\n2021-01-01 / Укук\nКР ӨКМӨТҮ, токтом\nТекст.\n", &a);
    ck_assert_opt_str_eq(a.author, NULL);
    ck_assert_str_eq(a.body, "КР ӨКМӨТҮ, токтом\nТекст.");
    izde_article_clear(&a);
    /* A label and a colon before a name is a credit; before a lower-case
     * word it is a sentence. */
    parse("Аталыш\n\nДаярдаган: Жылдыз Осмонова\n\nМисалы: бул текст.\n", &a);
    ck_assert_str_eq(a.title, "Аталыш");
    ck_assert_opt_str_eq(a.author, "Жылдыз Осмонова");
    ck_assert_str_eq(a.body, "Мисалы: бул текст.");
    izde_article_clear(&a);
    /* A credit between the title and the date line. */
    parse("Аталыш\nАвтор: Б. Бакиева\n2021-01-01 / Укук\nТекст.\n", &a);
    ck_assert_str_eq(a.title, "Аталыш");
    ck_assert_opt_str_eq(a.author, "Б. Бакиева");
    ck_assert_str_eq(a.body, "Текст.");
    izde_article_clear(&a);
    /* Credits are only looked for at the head: further down it is text. */
    parse("Аталыш\n\nТекст.\n\nАвтор: Б. Бакиева\n", &a);
    ck_assert_opt_str_eq(a.author, NULL);
    ck_assert_str_eq(a.body, "Текст.\nАвтор: Б. Бакиева");
    izde_article_clear(&a);
}
END_TEST

START_TEST(breadcrumbs_and_bullets)
{
    izde_article a;
    /* Crumbs with "/" but the last; the last is the rubric. */
    parse("- Главная страница /\n- Статьи /\n- Финансы\nАталыш\nТекст.\n", &a);
    ck_assert_str_eq(a.title, "Аталыш");
    ck_assert_opt_str_eq(a.rubric, "Финансы");
    ck_assert_str_eq(a.body, "Текст.");
    izde_article_clear(&a);
    /* A bulleted list is no breadcrumb. */
    parse("Аталыш\n- бир\n- эки\n", &a);
    ck_assert_str_eq(a.title, "Аталыш");
    ck_assert_opt_str_eq(a.rubric, NULL);
    ck_assert_str_eq(a.body, "- бир\n- эки");
    izde_article_clear(&a);
    /* With a date line too, the date line's rubric wins. */
    parse("- Башкы бет /\n- Финансы\nАталыш\n2021-01-01 / Бюджет\nТекст.\n", &a);
    ck_assert_opt_str_eq(a.rubric, "Бюджет");
    ck_assert_str_eq(a.title, "Аталыш");
    izde_article_clear(&a);
}
END_TEST

START_TEST(mastheads)
{
    izde_article a;
    /* A masthead in another order, without the slogan: what is surely
     * chrome, and the registration lines between. */
    parse("ISSN 1694-7053\nКаттоо күбөлүгү 1785\ndpi\n\nАталыш\n\nТекст.\n", &a);
    ck_assert_str_eq(a.title, "Аталыш");
    ck_assert_str_eq(a.body, "Текст.");
    izde_article_clear(&a);
    /* One line starting with the magazine's name is no masthead: a plain
     * text may be titled so. */
    parse("Муниципалитет журналы\n\nТекст.\n", &a);
    ck_assert_str_eq(a.title, "Муниципалитет журналы");
    ck_assert_str_eq(a.body, "Текст.");
    izde_article_clear(&a);
    /* The slogan alone starts a page (newer layout) and may wrap. */
    parse("Муниципалитет – это союз\nи орган\n\nЗаголовок\nТекст.\n", &a);
    ck_assert_str_eq(a.title, "Заголовок");
    ck_assert_str_eq(a.body, "Текст.");
    izde_article_clear(&a);
    /* A date line far down the text is text, not the head of the page. */
    parse("Аталыш\nбир\nэки\nүч\nтөрт\nбеш\nалты\nжети\nсегиз\nтогуз\n"
          "2021-01-01 / Укук\n", &a);
    ck_assert_str_eq(a.title, "Аталыш");
    ck_assert_str_eq(a.date, "");
    ck_assert_opt_str_eq(a.rubric, NULL);
    izde_article_clear(&a);
    /* A date line without a rubric. */
    parse("Аталыш\n2021-01-01\nТекст.\n", &a);
    ck_assert_str_eq(a.date, "2021-01-01");
    ck_assert_opt_str_eq(a.rubric, NULL);
    ck_assert_str_eq(a.body, "Текст.");
    izde_article_clear(&a);
    /* The related links end the page in either language; a sentence that
     * starts with the same words does not. */
    parse("Аталыш\nТекст.\nПохожие материалы\nДругое\n", &a);
    ck_assert_str_eq(a.body, "Текст.");
    izde_article_clear(&a);
    parse("Аталыш\nОкшош материалдар бул жерде эмес, башка журналдарда жарыяланган.\n", &a);
    ck_assert_str_eq(a.body, "Окшош материалдар бул жерде эмес, башка журналдарда жарыяланган.");
    izde_article_clear(&a);
}
END_TEST

/* ---- repairs of real text ------------------------------------------------- */

static void assert_repair(const char *in, const char *want)
{
    size_t n;
    char *got = izde_text_repair(in, strlen(in), &n);
    ck_assert_ptr_nonnull(got);
    ck_assert_str_eq(got, want);
    ck_assert_uint_eq(n, strlen(want));
    free(got);
}

START_TEST(text_repairs)
{
    /* Print-layout hyphens join the word back. */
    assert_repair("бул таж- рыйба", "бул тажрыйба");
    assert_repair("экономи-  ческий рост", "экономический рост");
    /* Real compounds and dashes stay. */
    assert_repair("онлайн- жана офлайн-форматта", "онлайн- жана офлайн-форматта");
    assert_repair("социально- и экономический", "социально- и экономический");
    assert_repair("жол-жобо", "жол-жобо");
    assert_repair("Ал - мугалим", "Ал - мугалим");
    assert_repair("жок- дейт ал", "жок- дейт ал");
    assert_repair("ПЦР- тест", "ПЦР- тест");
    assert_repair("2021- жылы", "2021- жылы");
    assert_repair("адеп- ахлак", "адеп- ахлак");
    assert_repair("сөз-\nсүйлөм", "сөз-\nсүйлөм");
    /* A missing space after a full stop, between Cyrillic words. */
    assert_repair("кабыл алынды.Ал эми", "кабыл алынды. Ал эми");
    assert_repair("Ж.Абдыкалыков", "Ж. Абдыкалыков");
    assert_repair("т.б. жана 3.5 пайыз, www.Example.com", "т.б. жана 3.5 пайыз, www.Example.com");
    assert_repair("", "");
    assert_repair("-", "-");
    assert_repair("а.", "а.");
}
END_TEST

START_TEST(capture_issue_in_docdata)
{
    /* Stored under its own key, so results could show it; "issue" stays
     * the article's own (unknown for a text export). */
    izde_article a;
    parse("Муниципалитет Илимий-популярдуу журнал\n2 (148) 13 Февраль 2024\n"
          "Муниципалитет - бул үчилтик\nАталыш\n2021-04-05 / Укук\nТекст.\n", &a);
    a.id = strdup("x.txt");
    size_t len;
    char *data = izde_docdata_encode(&a, &len);
    ck_assert_ptr_nonnull(data);
    izde_docdata d;
    ck_assert_int_eq(izde_docdata_decode(data, len, &d), IZDE_OK);
    ck_assert_str_eq(d.capture_issue, "2 (148) 2024-02-13");
    ck_assert_ptr_null(d.issue);
    ck_assert_str_eq(d.title, "Аталыш");
    ck_assert_str_eq(d.text, "Текст.");
    izde_docdata_free(&d);
    free(data);
    izde_article_clear(&a);
}
END_TEST

Suite *text_export_suite(void)
{
    Suite *s = suite_create("text_export");
    TCase *tc = tcase_create("layouts");
    tcase_add_test(tc, classic_kyrgyz);
    tcase_add_test(tc, classic_russian);
    tcase_add_test(tc, classic_title_not_repeated);
    tcase_add_test(tc, capture_from_the_date_line);
    tcase_add_test(tc, newer_layout_with_breadcrumb);
    suite_add_tcase(s, tc);
    tc = tcase_create("parts");
    tcase_add_test(tc, issue_lines);
    tcase_add_test(tc, credit_lines);
    tcase_add_test(tc, breadcrumbs_and_bullets);
    tcase_add_test(tc, mastheads);
    tcase_add_test(tc, text_repairs);
    tcase_add_test(tc, capture_issue_in_docdata);
    suite_add_tcase(s, tc);
    return s;
}
