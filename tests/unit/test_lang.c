/* Languages: the Kyrgyz/Russian detector, Russian and English stems through
 * izde_word_terms, the binding's xap_stem_into, transliteration, the
 * glossary (parsing, the built-in file, synonyms in a database) and the
 * query's cross-language expansion. */
#define _XOPEN_SOURCE 700 /* nftw */
#include <check.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "izde/document.h"
#include "izde/glossary.h"
#include "izde/query.h"
#include "izde/schema.h"
#include "izde/translit.h"

/* ---- the detector ---------------------------------------------------------- */

static const struct { const char *text, *lang; } detect_cases[] = {
    {"Кыргыз Республикасынын жергиликтүү өз алдынча башкаруу органдары жана "
     "жарандык коом уюмдары бюджетти талкуулашты.", "ky"},
    {"Органы местного самоуправления и организации гражданского общества "
     "обсудили бюджет на следующий год.", "ru"},
    /* Kyrgyz names in a Russian text: still Russian. */
    {"Депутаты Жогорку Кеңеша и айыл өкмөтү Ысык-Көлской области провели "
     "встречу с жителями, на которой обсудили ремонт дорог.", "ru"},
    /* Russian loanwords in a Kyrgyz text: still Kyrgyz. */
    {"Бюджет, грант, референдум жана муниципалитет боюнча маалымат.", "ky"},
    {"Бул мектеп эмес", "ky"},
    {"В селе нет воды", "ru"},
    {"", "ky"},                 /* no evidence: the magazine's language */
    {"2021-04-05 12345", "ky"},
    {"\xff\xfe\xd0 и в на \xd2", "ru"}, /* broken UTF-8 around Russian words */
};

START_TEST(detect)
{
    const char *t = detect_cases[_i].text;
    ck_assert_str_eq(izde_lang_code(izde_detect_lang(t, strlen(t))), detect_cases[_i].lang);
}
END_TEST

START_TEST(codes)
{
    ck_assert_uint_eq(izde_lang_from_code("KY"), IZDE_LANG_KY);
    ck_assert_uint_eq(izde_lang_from_code("ru"), IZDE_LANG_RU);
    ck_assert_uint_eq(izde_lang_from_code("en"), IZDE_LANG_EN);
    ck_assert_uint_eq(izde_lang_from_code("kk"), 0);
    ck_assert_uint_eq(izde_lang_from_code(NULL), 0);
    ck_assert_str_eq(izde_lang_code(IZDE_LANG_RU), "ru");
    ck_assert_str_eq(izde_lang_code(IZDE_LANG_KY | IZDE_LANG_RU), "");
}
END_TEST

/* ---- stems --------------------------------------------------------------- */

START_TEST(stem_into)
{
    xap_stem *ru;
    char out[64];
    size_t n = 0;
    xap_error e;
    ck_assert_int_eq(xap_stem_new_lang("russian", &ru, NULL), XAP_OK);
    const char *w = "выравнивающие";
    ck_assert_int_eq(xap_stem_into(ru, w, strlen(w), out, sizeof out, &n, NULL), XAP_OK);
    ck_assert_str_eq(out, "выравнива");
    ck_assert_uint_eq(n, strlen("выравнива"));
    /* The same handle again (its scratch buffer reused), a shorter word. */
    ck_assert_int_eq(xap_stem_into(ru, "гранты", strlen("гранты"), out, sizeof out, &n, NULL), XAP_OK);
    ck_assert_str_eq(out, "грант");
    /* Too small a buffer: an error that says how long the stem is. */
    ck_assert_int_eq(xap_stem_into(ru, w, strlen(w), out, 4, &n, &e), XAP_ERR_INVALID);
    ck_assert_uint_eq(n, strlen("выравнива"));
    ck_assert_int_eq(xap_stem_into(NULL, w, 1, out, 4, &n, NULL), XAP_ERR_INVALID);
    xap_stem_free(ru);
}
END_TEST

typedef struct first_terms {
    izde_terms t;
    int n;
} first_terms;

static int keep_first(void *ctx, const izde_token *tok)
{
    first_terms *f = ctx;
    if (f->n++ == 0)
        izde_word_terms(tok, &f->t);
    return 0;
}

static const struct {
    const char *word;
    unsigned langs;
    const char *stem, *stem2;
} stem_cases[] = {
    {"гранттарды", IZDE_LANG_KY, "грант", ""},
    {"гранты", IZDE_LANG_RU, "грант", ""},
    {"выравнивающие", IZDE_LANG_RU, "выравнива", ""},
    /* Both languages (the query side): the Kyrgyz stem and the Russian one. */
    {"шайлоо", IZDE_LANG_KY | IZDE_LANG_RU, "шайла", "шайло"},
    {"гранты", IZDE_LANG_KY | IZDE_LANG_RU, "грант", ""}, /* ky_stem: -ы */
    {"выравнивающие", IZDE_LANG_KY | IZDE_LANG_RU, "выравнивающие", "выравнива"},
    {"бюджет", IZDE_LANG_KY | IZDE_LANG_RU, "бюджет", ""}, /* the same: once */
    /* ң ө ү: Kyrgyz, in a Russian article too; Kyrgyz function words too. */
    {"кеңештин", IZDE_LANG_RU, "кеңеш", ""},
    {"кеңештин", IZDE_LANG_KY | IZDE_LANG_RU, "кеңеш", ""},
    {"жана", IZDE_LANG_KY | IZDE_LANG_RU, "жана", ""},
    /* Latin: English, whatever the article. */
    {"grants", IZDE_LANG_KY, "grant", ""},
    {"equalization", IZDE_LANG_RU, "equal", ""},
    /* An acronym: itself in Russian (ОМСУ, not омс). */
    {"ОМСУ", IZDE_LANG_RU, "омсу", ""},
    {"2021", IZDE_LANG_RU, "2021", ""},
};

START_TEST(word_terms_by_language)
{
    izde_analyzer *an;
    ck_assert_int_eq(izde_analyzer_new(&an, NULL), IZDE_OK);
    ck_assert_uint_eq(izde_analyzer_langs(an), IZDE_LANG_KY | IZDE_LANG_RU);
    izde_analyzer_set_langs(an, stem_cases[_i].langs);
    first_terms f = {.n = 0};
    const char *w = stem_cases[_i].word;
    ck_assert_int_eq(izde_analyze(an, w, strlen(w), 1, keep_first, &f, NULL, NULL), 0);
    ck_assert_int_eq(f.n, 1);
    ck_assert_str_eq(f.t.stem, stem_cases[_i].stem);
    ck_assert_str_eq(f.t.stem2, stem_cases[_i].stem2);
    ck_assert_uint_eq(f.t.stem2_len, strlen(stem_cases[_i].stem2));
    izde_analyzer_free(an);
}
END_TEST

START_TEST(stopwords_by_language)
{
    ck_assert(izde_stopword_langs("жана", strlen("жана")) & IZDE_LANG_KY);
    ck_assert(izde_stopword_langs("для", strlen("для")) & IZDE_LANG_RU);
    ck_assert(izde_stopword_langs("the", 3) & IZDE_LANG_EN);
    ck_assert_uint_eq(izde_stopword_langs("грант", strlen("грант")), 0);
    ck_assert_uint_eq(izde_stopword_langs("он", strlen("он")), 0); /* Kyrgyz "ten" */
}
END_TEST

START_TEST(translit)
{
    char out[64];
    ck_assert_uint_gt(izde_translit("Arashan", 7, 0, out, sizeof out), 0);
    ck_assert_str_eq(out, "арашан");
    ck_assert_uint_gt(izde_translit("jalal", 5, 0, out, sizeof out), 0);
    ck_assert_str_eq(out, "жалал");
    ck_assert_uint_gt(izde_translit("Арашан", strlen("Арашан"), 1, out, sizeof out), 0);
    ck_assert_str_eq(out, "arashan");
    ck_assert_uint_gt(izde_translit("Жогорку", strlen("Жогорку"), 1, out, sizeof out), 0);
    ck_assert_str_eq(out, "jogorku");
    ck_assert_uint_gt(izde_translit("Жогорку", strlen("Жогорку"), 2, out, sizeof out), 0);
    ck_assert_str_eq(out, "zhogorku");
    ck_assert_uint_gt(izde_translit("Көл", strlen("Көл"), 1, out, sizeof out), 0);
    ck_assert_str_eq(out, "kol");
    ck_assert_uint_eq(izde_translit("Arashan", 7, 0, out, 3), 0); /* does not fit */
    ck_assert_uint_eq(izde_translit("x", 1, 7, out, sizeof out), 0);
}
END_TEST

/* ---- the glossary ------------------------------------------------------------ */

static const char small[] =
    "# a comment\n"
    "\n"
    "ky\tru\ten\tnote\n"
    "теңдештирүүчү грант\tвыравнивающий грант\tequalization grant\n"
    "жайыт\tпастбище\tpasture; grazing land\tthe note\n"
    "укук\tправо\t\n";

START_TEST(glossary_parse)
{
    izde_glossary *g;
    izde_error err;
    ck_assert_int_eq(izde_glossary_parse(small, strlen(small), "t.tsv", &g, &err), IZDE_OK);
    ck_assert_uint_eq(izde_glossary_sets(g), 3);
    ck_assert_uint_eq(izde_glossary_variants(g), 9);
    izde_glossary_free(g);
    static const struct { const char *text, *msg; } bad[] = {
        {"ky\tru\n", "t.tsv:1: the header must be"},
        {"жайыт\tпастбище\tpasture\n", "t.tsv:1: the header must be"},
        {"# only comments\n", "t.tsv: no header line"},
        {"ky\tru\ten\nжайыт\tпастбище\n", "t.tsv:2: 2 columns"},
        {"ky\tru\ten\n\n\nжайыт\t\t\n", "t.tsv:4: a set needs terms in at least two languages"},
        {"ky\tru\ten\nжай\0ыт\tпастбище\tpasture\n", "t.tsv: binary file"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        size_t len = strlen(bad[i].text);
        if (i == 5)
            len = sizeof "ky\tru\ten\nжай\0ыт\tпастбище\tpasture\n" - 1;
        ck_assert_int_eq(izde_glossary_parse(bad[i].text, len, "t.tsv", &g, &err), IZDE_ERR_FORMAT);
        ck_assert_ptr_null(g);
        ck_assert_msg(strstr(err.msg, bad[i].msg), "%s lacks %s", err.msg, bad[i].msg);
    }
    ck_assert_int_eq(izde_glossary_load("/nonexistent/g.tsv", &g, &err), IZDE_ERR_IO);
    ck_assert(strstr(err.msg, "/nonexistent/g.tsv: cannot open"));
}
END_TEST

START_TEST(glossary_builtin)
{
    izde_glossary *g;
    izde_error err;
    ck_assert_msg(izde_glossary_builtin(&g, &err) == IZDE_OK, "%s", err.msg);
    ck_assert_uint_ge(izde_glossary_sets(g), 600);
    ck_assert_uint_ge(izde_glossary_variants(g), 3 * 600);
    izde_glossary_free(g);
}
END_TEST

START_TEST(glossary_keys)
{
    izde_analyzer *an;
    char key[256];
    ck_assert_int_eq(izde_analyzer_new(&an, NULL), IZDE_OK);
    const char *p = "выравнивающий грант";
    ck_assert_uint_gt(izde_glossary_key(an, p, strlen(p), IZDE_LANG_RU, key, sizeof key), 0);
    ck_assert_str_eq(key, "Zвыравнива Zгрант");
    p = "налог на имущество"; /* the stopword is left out */
    ck_assert_uint_gt(izde_glossary_key(an, p, strlen(p), IZDE_LANG_RU, key, sizeof key), 0);
    ck_assert_str_eq(key, "Zналог Zимуществ");
    p = "Equalization grants";
    ck_assert_uint_gt(izde_glossary_key(an, p, strlen(p), IZDE_LANG_EN, key, sizeof key), 0);
    ck_assert_str_eq(key, "Zequal Zgrant");
    ck_assert_uint_eq(izde_glossary_key(an, "и на", 7, IZDE_LANG_RU, key, sizeof key), 0);
    ck_assert_uint_eq(izde_glossary_key(an, p, strlen(p), IZDE_LANG_EN, key, 8), 0);
    /* The analyzer's own setting is left as it was. */
    ck_assert_uint_eq(izde_analyzer_langs(an), IZDE_LANG_KY | IZDE_LANG_RU);
    izde_analyzer_free(an);
}
END_TEST

static int rm_entry(const char *p, const struct stat *st, int flag, struct FTW *f)
{
    (void)st; (void)flag; (void)f;
    return remove(p);
}

static int count_syn(void *ctx, const char *t, size_t n, unsigned f)
{
    (void)t; (void)n; (void)f;
    ++*(int *)ctx;
    return 0;
}

static int first_syn(void *ctx, const char *t, size_t n, unsigned f)
{
    (void)f;
    snprintf(ctx, 128, "%.*s", (int)n, t);
    return 1;
}

/* Metadata `key` as an izde before the word keys wrote it: without " w". */
static void without_format(xap_db *db, const char *key)
{
    char *v = NULL, old[128];
    size_t n = 0, o = 0;
    ck_assert_int_eq(xap_db_get_metadata(db, key, &v, &n, NULL), XAP_OK);
    ck_assert_ptr_nonnull(strstr(v, " w"));
    for (size_t i = 0; i < n && o + 1 < sizeof old; i++)
        if (!(v[i] == ' ' && v[i + 1] == 'w' && (v[i + 2] == ' ' || v[i + 2] == '\0')))
            old[o++] = v[i];
        else
            i++;
    free(v);
    ck_assert_int_eq(xap_db_set_metadata(db, key, old, o, NULL), XAP_OK);
}

static void add_doc(xap_db *db, izde_analyzer *an, const izde_glossary_terms *terms,
                    const char *id, const char *title, const char *body)
{
    izde_article a;
    izde_article_init(&a);
    a.id = strdup(id);
    a.title = strdup(title);
    a.body = strdup(body);
    xap_doc *doc;
    char uid[64];
    ck_assert_int_eq(xap_doc_new(&doc, NULL), XAP_OK);
    ck_assert_int_eq(izde_document_build(an, terms, &a, doc, NULL), IZDE_OK);
    ck_assert_int_eq(izde_document_uid(id, uid, sizeof uid, NULL), IZDE_OK);
    ck_assert_int_eq(xap_db_replace_document(db, uid, doc, NULL, NULL), XAP_OK);
    xap_doc_free(doc);
    izde_article_clear(&a);
}

static char *describe(izde_analyzer *an, xap_db *db, const char *q, unsigned flags)
{
    izde_query qq;
    izde_error err;
    char *d = NULL;
    ck_assert_msg(izde_query_build(an, db, q, flags, &qq, &err) == IZDE_OK, "%s: %s", q, err.msg);
    ck_assert_int_eq(xap_query_describe(qq.xq, &d, NULL), XAP_OK);
    izde_query_free(&qq);
    return d;
}

START_TEST(glossary_synonyms_and_expansion)
{
    char dir[] = "/tmp/izde-lang-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    xap_db *db;
    izde_analyzer *an;
    izde_glossary *g;
    size_t pairs = 99;
    ck_assert_int_eq(xap_db_open_write(dir, XAP_DB_CREATE_OR_OVERWRITE, 0, 0, &db, NULL), XAP_OK);
    ck_assert_int_eq(izde_analyzer_new(&an, NULL), IZDE_OK);
    ck_assert_int_eq(izde_glossary_parse(small, strlen(small), "t", &g, NULL), IZDE_OK);
    izde_glossary_terms *terms;
    ck_assert_int_eq(izde_glossary_terms_new(g, an, &terms, NULL), IZDE_OK);
    add_doc(db, an, terms, "ky", "Гранттар",
            "Теңдештирүүчү гранттарды реформалоо. Жайыттар жана Арашан.");
    add_doc(db, an, terms, "ru", "Пастбища", "Пастбищные комитеты и выравнивающие гранты в селах.");
    izde_glossary_terms_free(terms);

    ck_assert_int_eq(izde_glossary_install(g, an, db, &pairs, NULL), IZDE_OK);
    /* 3 sets: 3 variants → 6 pairs, 4 → 12, 2 → 2. */
    ck_assert_uint_eq(pairs, 20);
    int n = 0;
    ck_assert_int_eq(xap_db_synonyms(db, "ru:Zвыравнива Zгрант", count_syn, &n, NULL), XAP_OK);
    ck_assert_int_eq(n, 2);
    n = 0; /* the tag: a Kyrgyz key is not a Russian one */
    ck_assert_int_eq(xap_db_synonyms(db, "ky:Zвыравнива Zгрант", count_syn, &n, NULL), XAP_OK);
    ck_assert_int_eq(n, 0);
    /* Each word of a multi-word term is a key of its own, with the
     * term's other words: what a one-word query ranks by. */
    char got[128] = "";
    ck_assert_int_eq(xap_db_synonyms(db, "ky+Zгрант", first_syn, got, NULL), XAP_OK);
    ck_assert_str_eq(got, "Zтеңдештирүүч");
    ck_assert_int_eq(xap_db_synonyms(db, "ru+Zвыравнива", first_syn, got, NULL), XAP_OK);
    ck_assert_str_eq(got, "Zгрант");
    ck_assert_int_eq(xap_db_synonyms(db, "en+Zgrant", first_syn, got, NULL), XAP_OK);
    ck_assert_str_eq(got, "Zequal");
    n = 0; /* single-word terms have none */
    ck_assert_int_eq(xap_db_synonyms(db, "ky+Zжайыт", count_syn, &n, NULL), XAP_OK);
    ck_assert_int_eq(n, 0);
    /* The same glossary again: nothing written. */
    ck_assert_int_eq(izde_glossary_install(g, an, db, &pairs, NULL), IZDE_OK);
    ck_assert_uint_eq(pairs, 0);
    /* What was written is recorded with the glossary's text, so that an
     * unchanged text is not stemmed again; synonyms changed behind it (their
     * fingerprint differs) are written again. */
    char *src = NULL;
    size_t srclen = 0;
    ck_assert_int_eq(xap_db_get_metadata(db, IZDE_GLOSSARY_SOURCE_KEY, &src, &srclen, NULL),
                     XAP_OK);
    ck_assert_uint_gt(srclen, 16);
    free(src);
    ck_assert_int_eq(xap_db_set_metadata(db, IZDE_GLOSSARY_KEY, "x", 1, NULL), XAP_OK);
    ck_assert_int_eq(izde_glossary_install(g, an, db, &pairs, NULL), IZDE_OK);
    ck_assert_uint_eq(pairs, 20);
    ck_assert_int_eq(izde_glossary_install(g, an, db, &pairs, NULL), IZDE_OK);
    ck_assert_uint_eq(pairs, 0);
    /* Synonyms written by an izde before the word keys (fingerprints
     * without their " w") are written again, word keys and all. */
    ck_assert_int_eq(xap_db_clear_synonyms(db, "ky+Zгрант", NULL), XAP_OK);
    without_format(db, IZDE_GLOSSARY_KEY);
    without_format(db, IZDE_GLOSSARY_SOURCE_KEY);
    ck_assert_int_eq(izde_glossary_install(g, an, db, &pairs, NULL), IZDE_OK);
    ck_assert_uint_eq(pairs, 20);
    n = 0;
    ck_assert_int_eq(xap_db_synonyms(db, "ky+Zгрант", count_syn, &n, NULL), XAP_OK);
    ck_assert_int_eq(n, 1);
    ck_assert_int_eq(xap_db_commit(db, NULL), XAP_OK);

    /* The query: typed words, then the counterparts scaled by 0.5. */
    char *d = describe(an, db, "выравнивающие гранты", IZDE_QUERY_EXPAND);
    ck_assert_msg(strstr(d, "0.5 * (Zтеңдештирүүч AND Zгрант)"), "%s", d);
    free(d);
    d = describe(an, db, "выравнивающие гранты", 0);
    ck_assert_msg(!strstr(d, "0.5 *"), "%s", d);
    free(d);
    /* pasture itself is in no article: only its counterparts are left */
    d = describe(an, db, "pasture", IZDE_QUERY_EXPAND);
    ck_assert_str_eq(d, "Query(0.5 * (Zжайыт@1 SYNONYM Zпастбищ@1))");
    free(d);
    /* One word: the articles that use a glossary term with it weigh more
     * (never match more), with or without the expansion: by the word's
     * glossary term in Kyrgyz for its Kyrgyz stem, in Russian for its
     * Russian stem (гранты: грант in both). */
    for (unsigned f = 0; f <= IZDE_QUERY_EXPAND; f += IZDE_QUERY_EXPAND) {
        d = describe(an, db, "гранттар", f);
        ck_assert_msg(strstr(d, "AND_MAYBE 0.5 * XGky+Zгрант)"), "%s", d);
        free(d);
    }
    d = describe(an, db, "гранты", 0);
    ck_assert_msg(strstr(d, "AND_MAYBE 0.5 * (XGky+Zгрант OR XGru+Zгрант)"), "%s", d);
    free(d);
    /* A word of a term no article uses: nothing to weigh by ("grazing
     * land" is a key, land a word key, but no article says it). */
    n = 0;
    ck_assert_int_eq(xap_db_synonyms(db, "en+Zland", count_syn, &n, NULL), XAP_OK);
    ck_assert_int_eq(n, 1);
    d = describe(an, db, "land", 0);
    ck_assert_msg(!strstr(d, "AND_MAYBE 0.5 *"), "%s", d);
    free(d);
    /* Not for two words, nor for the term itself. */
    d = describe(an, db, "гранттар жайыттар", 0);
    ck_assert_msg(!strstr(d, "AND_MAYBE 0.5 *"), "%s", d);
    free(d);
    d = describe(an, db, "жайыт", 0);
    ck_assert_msg(!strstr(d, "AND_MAYBE 0.5 *"), "%s", d);
    free(d);
    /* A name the glossary does not know: its transliteration, if indexed. */
    d = describe(an, db, "Arashan", IZDE_QUERY_EXPAND);
    ck_assert_msg(strstr(d, "0.5 * Zарашан@1"), "%s", d);
    free(d);
    /* Phrases and fields are not expanded. */
    d = describe(an, db, "\"pasture\" title:pasture", IZDE_QUERY_EXPAND);
    ck_assert_msg(!strstr(d, "0.5 *"), "%s", d);
    free(d);

    /* No glossary: its synonyms are removed. */
    ck_assert_int_eq(izde_glossary_install(NULL, an, db, &pairs, NULL), IZDE_OK);
    n = 0;
    ck_assert_int_eq(xap_db_synonym_keys(db, "", count_syn, &n, NULL), XAP_OK);
    ck_assert_int_eq(n, 0);
    izde_glossary_free(g);
    izde_analyzer_free(an);
    xap_db_close(db);
    nftw(dir, rm_entry, 8, FTW_DEPTH | FTW_PHYS);
}
END_TEST

/* The XG terms of a document, "term:wdf" in sorted order, into out. */
static int glossary_term(void *ctx, const char *t, size_t len, unsigned wdf)
{
    char *out = ctx;
    if (len > 2 && !memcmp(t, IZDE_PFX_GLOSSARY, 2))
        snprintf(out + strlen(out), 512 - strlen(out), "%s%.*s:%u", *out ? " " : "", (int)len, t,
                 wdf);
    return 0;
}

static void marks(izde_analyzer *an, const izde_glossary_terms *terms, const char *lang,
                  const char *title, const char *body, char out[512])
{
    izde_article a;
    izde_article_init(&a);
    a.id = strdup("x");
    a.title = strdup(title);
    a.body = strdup(body);
    snprintf(a.lang, sizeof a.lang, "%s", lang);
    xap_doc *doc;
    ck_assert_int_eq(xap_doc_new(&doc, NULL), XAP_OK);
    ck_assert_int_eq(izde_document_build(an, terms, &a, doc, NULL), IZDE_OK);
    out[0] = '\0';
    ck_assert_int_eq(xap_doc_terms(doc, glossary_term, out, NULL), XAP_OK);
    xap_doc_free(doc);
    izde_article_clear(&a);
}

START_TEST(glossary_terms_in_articles)
{
    /* Each use of a glossary term (its words in a row, stopwords aside, in
     * the article's language or, in Latin letters, English) gives each of
     * its words' XG terms one more wdf; a title's uses count as its words
     * do.  Words apart, in another order, or one in the title and one in
     * the body, are no use. */
    static const char glossary[] = "ky\tru\ten\tnote\n"
                                   "теңдештирүүчү грант\tвыравнивающий грант\tequalization grant\n"
                                   "жергиликтүү бюджет\tместный бюджет\t\n"
                                   "айыл чарба министрлиги\tминистерство сельского хозяйства\t\n"
                                   "финансы министрлиги\tминистерство финансов\t\n";
    static const struct { const char *lang, *title, *body, *want; } cases[] = {
        {"ky", "Х", "Теңдештирүүчү гранттарды бөлүштүрүү. Теңдештирүүчү грант.",
         "XGky+Zгрант:2 XGky+Zтеңдештирүүч:2"},
        {"ky", "Х", "Теңдештирүүчү жана гранттар.", "XGky+Zгрант:1 XGky+Zтеңдештирүүч:1"},
        {"ky", "Х", "Теңдештирүүчү чоң гранттар; гранттар теңдештирүүчү.", ""},
        {"ky", "Теңдештирүүчү", "Гранттар берилди.", ""},
        {"ky", "Теңдештирүүчү гранттар", "Жок.", "XGky+Zгрант:5 XGky+Zтеңдештирүүч:5"},
        {"ky", "Х", "Equalization grants are paid.", "XGen+Zequal:1 XGen+Zgrant:1"},
        {"ru", "Х", "Выравнивающие гранты выплачены.", "XGru+Zвыравнива:1 XGru+Zгрант:1"},
        {"ky", "Х", "Жергиликтүү бюджетти бекитүү.", "XGky+Zбюджет:1 XGky+Zжергилик:1"},
        {"ky", "Х", "Бюджет жергиликтүү.", ""},
        {"ky", "Х", "Айыл чарба министрлиги иштейт.", "XGky+Zайыл:1 XGky+Zминистрлик:1 XGky+Zчар:1"},
        {"ky", "Х", "Чарба министрлиги иштейт.", ""},
        {"ky", "Х", "Финансы министрлиги иштейт.", "XGky+Zминистрлик:1 XGky+Zфинанс:1"},
    };
    izde_analyzer *an;
    izde_glossary *g;
    izde_glossary_terms *terms;
    ck_assert_int_eq(izde_analyzer_new(&an, NULL), IZDE_OK);
    izde_error err;
    ck_assert_msg(izde_glossary_parse(glossary, strlen(glossary), "t", &g, &err) == IZDE_OK, "%s",
                  err.msg);
    ck_assert_int_eq(izde_glossary_terms_new(g, an, &terms, NULL), IZDE_OK);
    /* a last word is looked up as the end of its own terms' lengths */
    static const struct { const char *z; size_t words; } ending[] = {
        {"Zминистрлик", 3}, {"Zгрант", 2}, {"Zбюджет", 2}, {"Zайыл", 0}, {"Zжок", 0}};
    for (size_t i = 0; i < sizeof ending / sizeof ending[0]; i++)
        ck_assert_uint_eq(izde_glossary_terms_ending(terms, ending[i].z, strlen(ending[i].z)),
                          ending[i].words);
    char got[512];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        marks(an, terms, cases[i].lang, cases[i].title, cases[i].body, got);
        ck_assert_msg(!strcmp(got, cases[i].want), "%s: got '%s', want '%s'", cases[i].body, got,
                      cases[i].want);
    }
    /* None without the terms. */
    marks(an, NULL, "ky", "Х", cases[0].body, got);
    ck_assert_str_eq(got, "");
    izde_glossary_terms_free(terms);
    izde_glossary_free(g);
    izde_analyzer_free(an);
}
END_TEST

START_TEST(document_language)
{
    /* An article without a language gets the detector's, and its words
     * that language's stems. */
    xap_doc *doc;
    izde_analyzer *an;
    izde_article a;
    izde_article_init(&a);
    a.id = strdup("x");
    a.title = strdup("Пастбища");
    a.body = strdup("Пастбищные комитеты и гранты для сел.");
    ck_assert_int_eq(izde_analyzer_new(&an, NULL), IZDE_OK);
    ck_assert_int_eq(xap_doc_new(&doc, NULL), XAP_OK);
    ck_assert_int_eq(izde_document_build(an, NULL, &a, doc, NULL), IZDE_OK);
    ck_assert_str_eq(a.lang, ""); /* the caller's article is not changed */
    const char *data;
    size_t len;
    ck_assert_int_eq(xap_doc_get_data(doc, &data, &len, NULL), XAP_OK);
    ck_assert_ptr_nonnull(strstr(data, "lang=ru"));
    ck_assert_uint_eq(izde_analyzer_langs(an), IZDE_LANG_KY | IZDE_LANG_RU);
    xap_doc_free(doc);
    izde_article_clear(&a);
    izde_analyzer_free(an);
}
END_TEST

Suite *lang_suite(void)
{
    Suite *s = suite_create("lang");
    TCase *tc = tcase_create("detect");
    tcase_add_loop_test(tc, detect, 0, sizeof detect_cases / sizeof detect_cases[0]);
    tcase_add_test(tc, codes);
    suite_add_tcase(s, tc);
    tc = tcase_create("stems");
    tcase_add_test(tc, stem_into);
    tcase_add_loop_test(tc, word_terms_by_language, 0, sizeof stem_cases / sizeof stem_cases[0]);
    tcase_add_test(tc, stopwords_by_language);
    tcase_add_test(tc, translit);
    tcase_add_test(tc, document_language);
    suite_add_tcase(s, tc);
    tc = tcase_create("glossary");
    tcase_add_test(tc, glossary_parse);
    tcase_add_test(tc, glossary_builtin);
    tcase_add_test(tc, glossary_keys);
    tcase_add_test(tc, glossary_synonyms_and_expansion);
    tcase_add_test(tc, glossary_terms_in_articles);
    suite_add_tcase(s, tc);
    return s;
}
