/* Searching through the library: the query builder on a real database
 * (stems, Russian-keyboard spelling without merging real words, stopwords,
 * phrases), snippets, and the index/query parity over every word of
 * corpus/. */
#define _XOPEN_SOURCE 700 /* nftw */
#include <check.h>
#include <dirent.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "izde/document.h"
#include "izde/glossary.h"
#include "izde/schema.h"
#include "izde/search.h"
#include "izde/utf8.h"
#include "test_files.h"

static char dbdir[64];

static int rm_entry(const char *p, const struct stat *st, int flag, struct FTW *f)
{
    (void)st; (void)flag; (void)f;
    return remove(p);
}

/* Indexes the article as the indexer does (with the glossary's terms, if
 * any), then clears it. */
static void add_built(xap_db *db, izde_analyzer *an, const izde_glossary_terms *terms,
                      izde_article *a)
{
    xap_doc *doc;
    izde_error err;
    char uid[256];
    ck_assert_int_eq(xap_doc_new(&doc, NULL), XAP_OK);
    ck_assert_int_eq(izde_document_build(an, terms, a, doc, &err), IZDE_OK);
    ck_assert_int_eq(izde_document_uid(a->id, uid, sizeof uid, &err), IZDE_OK);
    ck_assert_int_eq(xap_db_replace_document(db, uid, doc, NULL, NULL), XAP_OK);
    xap_doc_free(doc);
    izde_article_clear(a);
}

static void add_article(xap_db *db, izde_analyzer *an, const char *id,
                        const char *title, const char *body)
{
    izde_article a;
    izde_article_init(&a);
    a.id = strdup(id);
    a.title = strdup(title);
    a.body = strdup(body);
    add_built(db, an, NULL, &a);
}

static void make_db(void)
{
    strcpy(dbdir, "/tmp/izde-search-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dbdir));
    xap_db *db;
    izde_analyzer *an;
    ck_assert_int_eq(xap_db_open_write(dbdir, XAP_DB_CREATE_OR_OVERWRITE, 0, 0, &db, NULL), XAP_OK);
    ck_assert_int_eq(izde_analyzer_new(&an, NULL), IZDE_OK);
    add_article(db, an, "a", "Болот", "Болот кол менен тоо жакка барды.");
    add_article(db, an, "b", "Бөлөт", "Ал көл жана төө жөнүндө бөлөт.");
    add_article(db, an, "c", "Гранттар",
                "Теңдештирүүчү гранттарды реформалоо. Бишкектеги ЖӨБдүн иши.");
    add_article(db, an, "d", "Жана", "Жана менен үчүн.");
    /* The same stems, as long: only the forms of мектеп differ. */
    add_article(db, an, "e", "Мектеп", "Мектебибизде жаңы китептер.");
    add_article(db, an, "f", "Мектеп", "Мектептерде жаңы китептер.");
    ck_assert_int_eq(xap_db_commit(db, NULL), XAP_OK);
    xap_db_close(db);
    izde_analyzer_free(an);
}

static void drop_db(void) { nftw(dbdir, rm_entry, 8, FTW_DEPTH | FTW_PHYS); }

/* The ids found for `q`, in rank order, joined with spaces. */
static const char *ids(const char *q, int any)
{
    static char out[256];
    const char *paths[] = {dbdir};
    izde_searcher *s;
    izde_error err;
    izde_results r;
    izde_search_opts o = {.count = 10, .any = any, .snippet_bytes = 100};
    ck_assert_int_eq(izde_searcher_open(paths, 1, &s, &err), IZDE_OK);
    izde_status rc = izde_search(s, q, &o, &r, &err);
    ck_assert_msg(rc == IZDE_OK, "query %s: %s", q, err.msg);
    out[0] = '\0';
    for (size_t i = 0; i < r.nhits; i++) {
        strcat(out, i ? " " : "");
        strcat(out, r.hits[i].data.path);
    }
    izde_results_free(&r);
    izde_searcher_close(s);
    return out;
}

static const struct { const char *q; int any; const char *want; } queries[] = {
    {"гранттар", 0, "c"},
    {"грант", 0, "c"},
    {"ГРАНТТАРДЫН", 0, "c"},                 /* capitals are stemmed too */
    {"теңдештирүүчү грант", 0, "c"},
    {"тендештируучу гранттар", 0, "c"},      /* typed on a Russian keyboard */
    {"Бишкекте", 0, "c"},
    {"ЖӨБ", 0, "c"},
    {"жөб", 0, "c"},
    {"болот", 0, "a"},                        /* a real word is not widened */
    {"бөлөт", 0, "b"},
    {"кол", 0, "a"},
    {"көл", 0, "b"},
    {"тоо", 0, "a"},
    {"төө", 0, "b"},
    {"гранттар жана", 0, "c"},               /* stopword not required */
    {"жана", 0, "d b"},                       /* only stopwords: required */
    {"\"теңдештирүүчү гранттарды\"", 0, "c"}, /* phrase, exact */
    {"«теңдештирүүчү гранттарды»", 0, "c"},
    {"\"гранттарды теңдештирүүчү\"", 0, ""},
    {"\"грант\"", 0, ""},                     /* a quoted word is exact */
    {"гранттар болот", 0, ""},
    {"гранттар болот", 1, "a c"},
    {"гранттар кызылгүл", 0, ""},             /* a word nowhere in the index */
    {"гранттар кызылгүл", 1, "c"},
    {"гранттар -кызылгүл", 0, "c"},
    {"гранттар OR кызылгүл", 0, "c"},
};

START_TEST(query_cases)
{
    const char *got = ids(queries[_i].q, queries[_i].any);
    /* Order only matters where there is one right answer. */
    if (strchr(queries[_i].want, ' ')) {
        char a[64], b[64];
        ck_assert_msg(sscanf(got, "%63s %63s", a, b) == 2, "%s: got '%s'", queries[_i].q, got);
        ck_assert_msg((strstr(queries[_i].want, a) && strstr(queries[_i].want, b)) &&
                      strlen(got) == strlen(queries[_i].want),
                      "%s: got '%s', want '%s'", queries[_i].q, got, queries[_i].want);
    } else {
        ck_assert_msg(strcmp(got, queries[_i].want) == 0, "%s: got '%s', want '%s'",
                      queries[_i].q, got, queries[_i].want);
    }
}
END_TEST

/* e and f have the same stems and length; the form as typed decides. */
START_TEST(exact_form_first)
{
    ck_assert_str_eq(ids("мектептерде", 0), "f e");
    ck_assert_str_eq(ids("мектебибизде", 0), "e f");
    ck_assert_str_eq(ids("мектеп", 0), "e f"); /* neither: Xapian's order */
}
END_TEST

/* A required word no article has in any form makes the query match
 * nothing before any posting is read (Xapian's AND of MatchNothing), and
 * is kept for did-you-mean; a known word's stems are searched as ever. */
START_TEST(unknown_word_matches_nothing)
{
    const char *path = dbdir;
    xap_db *db;
    izde_analyzer *an;
    izde_query q;
    char *d;
    ck_assert_int_eq(xap_db_open_read(path, &db, NULL), XAP_OK);
    ck_assert_int_eq(izde_analyzer_new(&an, NULL), IZDE_OK);
    ck_assert_int_eq(izde_query_build(an, db, "гранттар кызылгүл", 0, &q, NULL), IZDE_OK);
    ck_assert_int_eq(xap_query_describe(q.xq, &d, NULL), XAP_OK);
    ck_assert_str_eq(d, "Query()");
    free(d);
    ck_assert_uint_eq(q.nunknown, 1);
    ck_assert_str_eq(q.unknown[0], "кызылгүл");
    izde_query_free(&q);
    ck_assert_int_eq(izde_query_build(an, db, "гранттар кызылгүл", IZDE_QUERY_ANY, &q, NULL),
                     IZDE_OK);
    ck_assert_int_eq(xap_query_describe(q.xq, &d, NULL), XAP_OK);
    ck_assert_msg(strstr(d, "Zгрант") && !strstr(d, "кызылгүл"), "%s", d);
    free(d);
    izde_query_free(&q);
    izde_analyzer_free(an);
    xap_db_close(db);
}
END_TEST

START_TEST(no_words)
{
    const char *paths[] = {dbdir};
    izde_searcher *s;
    izde_error err;
    izde_results r;
    izde_search_opts o = {.count = 10};
    ck_assert_int_eq(izde_searcher_open(paths, 1, &s, &err), IZDE_OK);
    ck_assert_int_eq(izde_search(s, "  ,,, \"\" «» ", &o, &r, &err), IZDE_ERR_QUERY);
    ck_assert(strstr(err.msg, "no words"));
    ck_assert_int_eq(izde_search(s, "\"гранттарды", &o, &r, &err), IZDE_OK);
    ck_assert_uint_eq(r.total, 1); /* an unclosed phrase runs to the end */
    izde_results_free(&r);
    izde_searcher_close(s);
    const char *missing[] = {"/nonexistent/db"};
    ck_assert_int_eq(izde_searcher_open(missing, 1, &s, &err), IZDE_ERR_DB);
    ck_assert(strstr(err.msg, "/nonexistent/db"));
}
END_TEST

/* ---- stub files: local entries, remote ones down, allow_partial ------ */

/* Writes `text` to dbdir.stub; returns its path. */
static const char *write_stub(const char *text)
{
    static char path[96];
    snprintf(path, sizeof path, "%s.stub", dbdir);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
    return path;
}

START_TEST(stub_files)
{
    izde_searcher *s;
    izde_error err;
    izde_results r;
    izde_search_opts o = {.count = 10};
    const char *base = strrchr(dbdir, '/') + 1; /* relative to the stub's folder */
    char text[256];
    snprintf(text, sizeof text, "# a comment\n\n  auto %s\n", base);
    const char *paths[] = {write_stub(text)};
    ck_assert_int_eq(izde_searcher_open(paths, 1, &s, &err), IZDE_OK);
    ck_assert_ptr_null(izde_searcher_warning(s));
    ck_assert_int_eq(izde_search(s, "гранттарды", &o, &r, &err), IZDE_OK);
    ck_assert_uint_eq(r.total, 1);
    izde_results_free(&r);
    izde_searcher_close(s);

    /* Port 1 of 127.0.0.1: nothing listens, the connection is refused. */
    snprintf(text, sizeof text, "auto %s\nremote 127.0.0.1:1\n", base);
    write_stub(text);
    ck_assert_int_eq(izde_searcher_open(paths, 1, &s, &err), IZDE_ERR_NETWORK);
    ck_assert_msg(strstr(err.msg, ".stub line 2: remote 127.0.0.1:1: NetworkError"), "%s", err.msg);
    ck_assert_int_eq(izde_searcher_open_partial(paths, 1, 1, &s, &err), IZDE_OK);
    ck_assert_ptr_nonnull(strstr(izde_searcher_warning(s), "remote 127.0.0.1:1"));
    ck_assert_int_eq(izde_search(s, "гранттарды", &o, &r, &err), IZDE_OK);
    ck_assert_uint_eq(r.total, 1); /* the local shard answers */
    izde_results_free(&r);
    ck_assert_int_eq(izde_searcher_reopen(s, &err), IZDE_OK); /* still partial */
    ck_assert_ptr_nonnull(izde_searcher_warning(s));
    izde_searcher_close(s);

    write_stub("remote [::1]:1\n");
    ck_assert_int_eq(izde_searcher_open_partial(paths, 1, 1, &s, &err), IZDE_ERR_NETWORK);
    ck_assert_ptr_nonnull(strstr(err.msg, "no database could be opened"));
    static const char *const bad[] = {"remote nohost\n", "remote host:0\n",
                                      "remote host:99999\n"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        write_stub(bad[i]);
        izde_status rc = izde_searcher_open(paths, 1, &s, &err);
        ck_assert_msg(rc == IZDE_ERR_FORMAT || rc == IZDE_ERR_DB, "%s: %d", bad[i], rc);
    }
    unlink(paths[0]);
}
END_TEST

/* ---- filters: rubric, year, a filter-only query; reopen ------------- */

static void add_dated(xap_db *db, izde_analyzer *an, const izde_glossary_terms *terms,
                      const char *id, const char *date, const char *rubric, const char *body)
{
    izde_article a;
    izde_article_init(&a);
    a.id = strdup(id);
    a.title = strdup(id);
    a.body = strdup(body);
    a.rubric = strdup(rubric);
    snprintf(a.date, sizeof a.date, "%s", date);
    add_built(db, an, terms, &a);
}

static unsigned total(izde_searcher *s, const char *q, const izde_search_opts *o)
{
    izde_results r;
    izde_error err = {0};
    ck_assert_msg(izde_search(s, q, o, &r, &err) == IZDE_OK, "%s: %s", q, err.msg);
    unsigned n = r.total;
    izde_results_free(&r);
    return n;
}

START_TEST(filters_and_reopen)
{
    char dir[] = "/tmp/izde-filters-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    xap_db *w;
    izde_analyzer *an;
    ck_assert_int_eq(xap_db_open_write(dir, XAP_DB_CREATE_OR_OVERWRITE, 0, 0, &w, NULL), XAP_OK);
    ck_assert_int_eq(izde_analyzer_new(&an, NULL), IZDE_OK);
    add_dated(w, an, NULL, "x", "2019-03-01", "Финансы", "Бюджет жана салык.");
    add_dated(w, an, NULL, "y", "2021-05-02", "Көңүл чордонунда", "Бюджет талкуусу.");
    add_dated(w, an, NULL, "z", "2021-07-03", "Финансы", "Салык реформасы.");
    ck_assert_int_eq(xap_db_commit(w, NULL), XAP_OK);

    const char *paths[] = {dir};
    izde_searcher *s;
    izde_error err = {0};
    izde_results r;
    ck_assert_int_eq(izde_searcher_open(paths, 1, &s, &err), IZDE_OK);
    izde_search_opts o = {.count = 10};
    ck_assert_uint_eq(total(s, "бюджет", &o), 2);
    o.rubric = "финансы"; /* case does not matter */
    ck_assert_uint_eq(total(s, "бюджет", &o), 1);
    ck_assert_uint_eq(total(s, " ", &o), 2);          /* filter only */
    o.year = "2021";
    ck_assert_uint_eq(total(s, "", &o), 1);
    o.rubric = NULL;
    ck_assert_uint_eq(total(s, "бюджет", &o), 1);
    o.from = "2021-06";
    ck_assert_uint_eq(total(s, "", &o), 1);
    o = (izde_search_opts){.count = 10, .year = "21"};
    ck_assert_int_eq(izde_search(s, "бюджет", &o, &r, &err), IZDE_ERR_USAGE);
    ck_assert(strstr(err.msg, "--year"));
    o = (izde_search_opts){.count = 10};
    ck_assert_int_eq(izde_search(s, " ", &o, &r, &err), IZDE_ERR_QUERY); /* no filter */

    /* A commit after the searcher opened is seen after a reopen. */
    add_dated(w, an, NULL, "n", "2022-01-01", "Финансы", "Жаңы бюджет.");
    ck_assert_int_eq(xap_db_commit(w, NULL), XAP_OK);
    ck_assert_uint_eq(total(s, "бюджет", &o), 2);
    ck_assert_int_eq(izde_searcher_reopen(s, &err), IZDE_OK);
    ck_assert_uint_eq(total(s, "бюджет", &o), 3);
    ck_assert_int_eq(izde_searcher_reopen(s, &err), IZDE_OK); /* nothing new: fine */
    izde_searcher_close(s);
    xap_db_close(w);
    izde_analyzer_free(an);
    nftw(dir, rm_entry, 8, FTW_DEPTH | FTW_PHYS);
}
END_TEST

/* ---- snippets -------------------------------------------------------- */

static char *read_seed_body(izde_article *a)
{
    char path[512];
    const char *top = getenv("IZDE_TOP");
    snprintf(path, sizeof path, "%s/corpus/seed/000_68d1a355e32fe76a.txt", top ? top : ".");
    izde_article_init(a);
    ck_assert_int_eq(izde_article_read_file(path, "seed", a, NULL), IZDE_OK);
    return a->body;
}

/* The words a hit's snippet marks, joined with spaces. */
static void marked_words(const izde_snippet *s, char *out, size_t cap)
{
    size_t o = 0;
    out[0] = '\0';
    for (size_t i = 0; i < s->nspans; i++)
        if (s->spans[i].hit)
            o += (size_t)snprintf(out + o, o < cap ? cap - o : 0, "%s%.*s", o ? " " : "",
                                  (int)(s->spans[i].end - s->spans[i].start),
                                  s->text + s->spans[i].start);
}

/* A word without ң ө ү may be Russian: its Russian stem is searched too,
 * in Russian articles only when its Kyrgyz stem is a word of the index,
 * and marks their words only.  айыл's Russian stem is ай, which in a
 * Kyrgyz article is the stem of айы ("its month"): it made айыл match 422
 * of the real articles instead of 169.  бюджета, whose Kyrgyz stem no
 * article has, still finds the Kyrgyz article on бюджет. */
START_TEST(russian_stem_in_russian_articles)
{
    char dir[] = "/tmp/izde-rustem-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    xap_db *db;
    izde_analyzer *an;
    ck_assert_int_eq(xap_db_open_write(dir, XAP_DB_CREATE_OR_OVERWRITE, 0, 0, &db, NULL), XAP_OK);
    ck_assert_int_eq(izde_analyzer_new(&an, NULL), IZDE_OK);
    static const char *const docs[][3] = {
        {"village", "ky", "Айыл өкмөтү жаңы мектеп курду. Ошол айы жаан көп жаады."},
        {"month", "ky", "Бул айы жаан көп жаады, дыйкандар кубанды."},
        {"ru", "ru", "Каждый айыл получил грант на ремонт школы."},
        {"budget", "ky", "Жергиликтүү бюджет кабыл алынды."},
    };
    for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++) {
        izde_article a;
        izde_article_init(&a);
        a.id = strdup(docs[i][0]);
        a.title = strdup("Жаңылык");
        a.body = strdup(docs[i][2]);
        snprintf(a.lang, sizeof a.lang, "%s", docs[i][1]);
        add_built(db, an, NULL, &a);
    }
    ck_assert_int_eq(xap_db_commit(db, NULL), XAP_OK);
    xap_db_close(db);
    izde_analyzer_free(an);

    const char *paths[] = {dir};
    izde_searcher *s;
    izde_error err;
    izde_results r;
    izde_search_opts o = {.count = 10, .snippet_bytes = 200};
    ck_assert_int_eq(izde_searcher_open(paths, 1, &s, &err), IZDE_OK);
    ck_assert_msg(izde_search(s, "айыл", &o, &r, &err) == IZDE_OK, "%s", err.msg);
    ck_assert_uint_eq(r.total, 2);
    ck_assert_uint_eq(r.nhits, 2);
    for (size_t i = 0; i < r.nhits; i++) {
        char words[256];
        marked_words(&r.hits[i].snippet, words, sizeof words);
        /* the Kyrgyz article's айы is not marked; the Russian one's айыл is */
        if (!strcmp(r.hits[i].data.path, "village")) {
            ck_assert_str_eq(words, "Айыл");
        } else {
            ck_assert_str_eq(r.hits[i].data.path, "ru");
            ck_assert_str_eq(words, "айыл");
        }
    }
    izde_results_free(&r);
    /* айы still finds both Kyrgyz articles by their stem ай (and the
     * Russian one, whose айыл Russian stems to ай: the Kyrgyz and Russian
     * stems of айы agree, so nothing tells which language it was typed in) */
    ck_assert_msg(izde_search(s, "айы", &o, &r, &err) == IZDE_OK, "%s", err.msg);
    int village = 0, month = 0;
    for (size_t i = 0; i < r.nhits; i++) {
        village |= !strcmp(r.hits[i].data.path, "village");
        month |= !strcmp(r.hits[i].data.path, "month");
    }
    ck_assert(village && month);
    izde_results_free(&r);
    ck_assert_msg(izde_search(s, "бюджета", &o, &r, &err) == IZDE_OK, "%s", err.msg);
    ck_assert_uint_eq(r.nhits, 1);
    ck_assert_str_eq(r.hits[0].data.path, "budget");
    izde_results_free(&r);
    izde_searcher_close(s);
    nftw(dir, rm_entry, 8, FTW_DEPTH | FTW_PHYS);
}
END_TEST

START_TEST(snippet_marks_inflected_forms)
{
    izde_article a;
    const char *body = read_seed_body(&a);
    izde_analyzer *an;
    izde_query q;
    ck_assert_int_eq(izde_analyzer_new(&an, NULL), IZDE_OK);
    ck_assert_int_eq(izde_query_build(an, NULL, "теңдештирүүчү грант", 0, &q, NULL), IZDE_OK);
    izde_snippet s;
    ck_assert_int_eq(izde_snippet_make(an, body, strlen(body), &q, 200, NULL, &s, NULL), IZDE_OK);
    /* The spans cover the text in order; the hits are the inflected forms. */
    size_t at = 0, hits = 0;
    for (size_t i = 0; i < s.nspans; i++) {
        ck_assert_uint_eq(s.spans[i].start, at);
        at = s.spans[i].end;
        if (s.spans[i].hit) {
            size_t n = s.spans[i].end - s.spans[i].start;
            const char *w = s.text + s.spans[i].start;
            ck_assert_msg((n == strlen("гранттарды") && !memcmp(w, "гранттарды", n)) ||
                          (n == strlen("теңдештирүүчү") && !memcmp(w, "теңдештирүүчү", n)),
                          "unexpected hit %.*s", (int)n, w);
            hits++;
        }
    }
    ck_assert_uint_eq(at, s.len);
    ck_assert_uint_eq(hits, 2);
    ck_assert(s.len <= 200 + 8);
    ck_assert(strncmp(s.text, "\xE2\x80\xA6 ", 4) == 0); /* cut: "… " */
    ck_assert(strchr(s.text, '\n') == NULL);
    izde_snippet_free(&s);
    izde_query_free(&q);
    izde_analyzer_free(an);
    izde_article_clear(&a);
}
END_TEST

START_TEST(snippet_never_splits_characters)
{
    izde_article a;
    const char *body = read_seed_body(&a);
    izde_analyzer *an;
    izde_query q;
    ck_assert_int_eq(izde_analyzer_new(&an, NULL), IZDE_OK);
    ck_assert_int_eq(izde_query_build(an, NULL, "бюджет", 0, &q, NULL), IZDE_OK);
    for (size_t max = 1; max < 400; max += 7) {
        izde_snippet s;
        ck_assert_int_eq(izde_snippet_make(an, body, strlen(body), &q, max, NULL, &s, NULL), IZDE_OK);
        ck_assert_msg(izde_utf8_invalid(s.text, s.len) == 0, "max %zu: %s", max, s.text);
        ck_assert_uint_eq(strlen(s.text), s.len);
        izde_snippet_free(&s);
    }
    /* No match: the beginning of the text. */
    izde_query_free(&q);
    ck_assert_int_eq(izde_query_build(an, NULL, "жокбуссоз", 0, &q, NULL), IZDE_OK);
    izde_snippet s;
    ck_assert_int_eq(izde_snippet_make(an, body, strlen(body), &q, 60, NULL, &s, NULL), IZDE_OK);
    ck_assert(strncmp(s.text, "ТЕГЕРЕК СТОЛ", strlen("ТЕГЕРЕК СТОЛ")) == 0);
    izde_snippet_free(&s);
    /* Empty text: an empty snippet. */
    ck_assert_int_eq(izde_snippet_make(an, "", 0, &q, 60, NULL, &s, NULL), IZDE_OK);
    ck_assert_uint_eq(s.len, 0);
    izde_snippet_free(&s);
    izde_query_free(&q);
    izde_analyzer_free(an);
    izde_article_clear(&a);
}
END_TEST

START_TEST(snippet_query_with_more_terms_than_words)
{
    /* A query of 300 terms over a text of a few words (an ASan finding:
     * the per-term counts were sized by the text's words). */
    izde_analyzer *an;
    izde_query q;
    char text[8192] = "";
    for (int i = 0; i < 300; i++)
        snprintf(text + strlen(text), sizeof text - strlen(text), "сөз%d OR ", i);
    strcat(text, "бюджет");
    ck_assert_int_eq(izde_analyzer_new(&an, NULL), IZDE_OK);
    ck_assert_int_eq(izde_query_build(an, NULL, text, 0, &q, NULL), IZDE_OK);
    ck_assert_uint_gt(q.nterms, 300);
    izde_snippet s;
    const char *body = "Жергиликтүү бюджет.";
    ck_assert_int_eq(izde_snippet_make(an, body, strlen(body), &q, 100, NULL, &s, NULL), IZDE_OK);
    ck_assert_str_eq(s.text, "Жергиликтүү бюджет.");
    ck_assert_uint_eq(s.nspans, 4); /* word, gap, hit, "." */
    ck_assert(s.spans[2].hit);
    izde_snippet_free(&s);
    izde_query_free(&q);
    izde_analyzer_free(an);
}
END_TEST

static void expect_same_snippet(const izde_snippet *a, const izde_snippet *b, const char *what)
{
    ck_assert_msg(a->len == b->len && !memcmp(a->text, b->text, a->len), "%s: %s / %s",
                  what, a->text, b->text);
    ck_assert_uint_eq(a->nspans, b->nspans);
    for (size_t i = 0; i < a->nspans; i++) {
        ck_assert_uint_eq(a->spans[i].start, b->spans[i].start);
        ck_assert_uint_eq(a->spans[i].end, b->spans[i].end);
        ck_assert_int_eq(a->spans[i].hit, b->spans[i].hit);
    }
}

/* Calls fn for the body of every article of corpus/ and tests/lang (79);
 * returns how many. */
typedef void (*article_fn)(const char *body, const char *path, void *ctx);

static size_t each_article(article_fn fn, void *ctx)
{
    const char *dirs[] = {"corpus/seed", "corpus/articles", "corpus/plain",
                          "tests/lang/archive/ky", "tests/lang/archive/ru"};
    const char *top = getenv("IZDE_TOP");
    size_t n = 0;
    for (size_t d = 0; d < sizeof dirs / sizeof dirs[0]; d++) {
        char dir[512];
        snprintf(dir, sizeof dir, "%s/%s", top ? top : ".", dirs[d]);
        DIR *dh = opendir(dir);
        ck_assert_ptr_nonnull(dh);
        for (struct dirent *e; (e = readdir(dh));) {
            if (!strstr(e->d_name, ".txt"))
                continue;
            char path[1024];
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            izde_article a;
            izde_article_init(&a);
            ck_assert_int_eq(izde_article_read_file(path, "x", &a, NULL), IZDE_OK);
            fn(a.body, path, ctx);
            izde_article_clear(&a);
            n++;
        }
        closedir(dh);
    }
    return n;
}

typedef struct snippet_pair {
    izde_analyzer *an;
    izde_query q;
    izde_snippet_memo *memo; /* memo_pair: the query's memo */
    size_t snippets, hits;
} snippet_pair;

/* A text's snippet made twice — with `memo` (or none) and the regions, then
 * with no memo and `regions` as given — is the same. */
static void compare_snippets(snippet_pair *c, const char *body, const char *path,
                             size_t max, izde_snippet_memo *memo, int regions)
{
    izde_snippet with, without;
    izde_snippet_regions = 1;
    ck_assert_int_eq(izde_snippet_make(c->an, body, strlen(body), &c->q, max, memo, &with, NULL),
                     IZDE_OK);
    izde_snippet_regions = regions;
    ck_assert_int_eq(izde_snippet_make(c->an, body, strlen(body), &c->q, max, NULL, &without,
                                       NULL),
                     IZDE_OK);
    izde_snippet_regions = 1;
    expect_same_snippet(&with, &without, path);
    for (size_t i = 0; i < with.nspans; i++)
        c->hits += with.spans[i].hit;
    c->snippets++;
    izde_snippet_free(&with);
    izde_snippet_free(&without);
}

static void memo_pair(const char *body, const char *path, void *ctx)
{
    snippet_pair *c = ctx;
    compare_snippets(c, body, path, 300, c->memo, 1);
}

static void regions_pair(const char *body, const char *path, void *ctx)
{
    static const size_t lengths[] = {60, 120, 300};
    for (size_t l = 0; l < sizeof lengths / sizeof lengths[0]; l++)
        compare_snippets(ctx, body, path, lengths[l], NULL, 0);
}

START_TEST(snippet_memo_changes_nothing)
{
    /* One memo per query across the articles of corpus/ and tests/lang (it
     * grows past its first size): each snippet is the one made without. */
    static const char *const queries[] = {
        "бюджет", "жергиликтүү өз алдынча башкаруу", "гранттар ЖӨБ", "тендештируучу",
        "айыл* OR 2021", "\"тегерек стол\" кеңеш", "бюджет OR закон OR город",
    };
    snippet_pair c = {0};
    ck_assert_int_eq(izde_analyzer_new(&c.an, NULL), IZDE_OK);
    for (size_t k = 0; k < sizeof queries / sizeof queries[0]; k++) {
        ck_assert_int_eq(izde_query_build(c.an, NULL, queries[k], 0, &c.q, NULL), IZDE_OK);
        c.memo = izde_snippet_memo_new();
        ck_assert_ptr_nonnull(c.memo);
        each_article(memo_pair, &c);
        izde_snippet_memo_free(c.memo);
        izde_query_free(&c.q);
    }
    ck_assert_uint_eq(c.snippets, 7 * (25 + 44 + 10));
    ck_assert_uint_gt(c.hits, 100); /* the queries do match */
    izde_analyzer_free(c.an);
}
END_TEST

/* The regions a long text is analysed in (snippet.c) change nothing: over
 * the articles of corpus/ and tests/lang, for queries of their own words
 * (forms, stems, codes, Latin look-alikes, wildcards, absent words) and
 * several lengths, each snippet is the one the whole text gives. */
START_TEST(snippet_regions_change_nothing)
{
    static const char *const queries[] = {
        "бюджет", "жергиликтүү өз алдынча башкаруу", "гранттар ЖӨБ", "тендештируучу",
        "айыл* OR 2021", "\"тегерек стол\" кеңеш", "бюджет OR закон OR город",
        "кеңеши", "мыйзам", "Кыргыз Республикасы", "саны", "ишкердик", "самолет",
        "грант", "шайлоо", "COVID", "акча каражаттары", "ӨКМ", "бир", "р2р",
    };
    snippet_pair c = {0};
    ck_assert_int_eq(izde_analyzer_new(&c.an, NULL), IZDE_OK);
    unsigned long used_before = izde_snippet_regions_used;
    for (size_t k = 0; k < sizeof queries / sizeof queries[0]; k++) {
        ck_assert_int_eq(izde_query_build(c.an, NULL, queries[k], 0, &c.q, NULL), IZDE_OK);
        each_article(regions_pair, &c);
        izde_query_free(&c.q);
    }
    ck_assert_uint_eq(c.snippets, 20 * 3 * (25 + 44 + 10));
    ck_assert_uint_gt(c.hits, 500);
    /* and the regions were used, for a good part of them */
    ck_assert_uint_gt(izde_snippet_regions_used - used_before, c.snippets / 5);
    izde_analyzer_free(c.an);
}
END_TEST

/* The same over ../shared/kyrgyz-text, cut into texts of 1 to 24 KB at line
 * ends: news where a query's word is everywhere, and where it is not, so
 * that the regions are chosen by their bounds (snippet.c) and every
 * shortcut of that choice is taken. */
START_TEST(snippet_regions_change_nothing_kyrgyz_text)
{
    static const char *const queries[] = {
        "шайлоо", "бюджет", "Кыргызстан", "президент", "жыл", "мектеп билим",
        "жер салыгы", "Бишкек шаары", "эл аралык", "каражат*", "Жапаров OR Ташиев",
    };
    size_t len, files;
    char *all = test_kyrgyz_text(&len, &files);
    ck_assert_msg(all != NULL, "../shared/kyrgyz-text is missing");
    snippet_pair c = {0};
    ck_assert_int_eq(izde_analyzer_new(&c.an, NULL), IZDE_OK);
    unsigned long used_before = izde_snippet_regions_used;
    for (size_t k = 0; k < sizeof queries / sizeof queries[0]; k++) {
        ck_assert_int_eq(izde_query_build(c.an, NULL, queries[k], 0, &c.q, NULL), IZDE_OK);
        unsigned seed = 7;
        for (size_t at = 0; at < len;) {
            seed = seed * 1103515245u + 12345u;
            size_t end = at + 1024 + (seed >> 8) % (23 * 1024);
            if (end >= len)
                end = len;
            while (end < len && all[end] != '\n')
                end++;
            char saved = all[end];
            all[end] = '\0';
            compare_snippets(&c, all + at, "kyrgyz-text", k % 2 ? 120 : 300, NULL, 0);
            all[end] = saved;
            at = end + 1;
        }
        izde_query_free(&c.q);
    }
    ck_assert_uint_gt(c.hits, 2000);
    ck_assert_uint_gt(izde_snippet_regions_used - used_before, c.snippets / 2);
    izde_analyzer_free(c.an);
    free(all);
}
END_TEST

/* The scan's keys hold for every word of ../shared/kyrgyz-text and
 * corpus/: the word, as written in the text, is taken for a candidate of
 * each of its own terms (the form, its stems, its keyboard stem) — so a
 * word that matches a query term is never missed.  Langs: Kyrgyz and
 * Russian, as a query has them. */
typedef struct key_ctx {
    size_t words, terms;
} key_ctx;

static int key_fits_word(void *ctx, const izde_token *tok)
{
    key_ctx *k = ctx;
    izde_terms t;
    izde_word_terms(tok, &t);
    const struct { const char *pfx, *s; size_t n; } cand[] = {
        {"", t.raw, t.raw_len},
        {IZDE_PFX_STEM, t.stem, t.stem_len},
        {IZDE_PFX_STEM, t.stem2, t.stem2_len},
        {IZDE_PFX_KBD, t.kbd, t.kbd_len},
    };
    const char *at = tok->text + tok->start;
    size_t rest = strlen(at);
    for (size_t c = 0; c < sizeof cand / sizeof cand[0]; c++) {
        if (!cand[c].n)
            continue;
        char term[IZDE_WORD_MAX + 8];
        snprintf(term, sizeof term, "%s%.*s", cand[c].pfx, (int)cand[c].n, cand[c].s);
        ck_assert_msg(izde_snippet_key_fits(term, at, rest), "%.*s: key of %s",
                      (int)(tok->end - tok->start), at, term);
        k->terms++;
    }
    k->words++;
    return 0;
}

static void key_fits_article(const char *body, const char *path, void *ctx)
{
    (void)path;
    izde_analyzer *an = ((void **)ctx)[0];
    ck_assert_int_eq(izde_analyze(an, body, strlen(body), 1, key_fits_word, ((void **)ctx)[1],
                                  NULL, NULL),
                     0);
}

START_TEST(snippet_keys_fit_every_word)
{
    izde_analyzer *an;
    ck_assert_int_eq(izde_analyzer_new(&an, NULL), IZDE_OK);
    key_ctx k = {0};
    size_t len, files;
    char *all = test_kyrgyz_text(&len, &files);
    ck_assert_msg(all != NULL, "../shared/kyrgyz-text is missing");
    /* line by line: the analyzer's own copy of a line it had to normalise
     * is what the scan would read too */
    for (char *line = all, *nl; *line; line = nl + 1) {
        nl = strchr(line, '\n');
        if (!nl)
            nl = line + strlen(line);
        char saved = *nl;
        *nl = '\0';
        ck_assert_int_eq(izde_analyze(an, line, strlen(line), 1, key_fits_word, &k, NULL, NULL),
                         0);
        *nl = saved;
        if (!saved)
            break;
    }
    free(all);
    void *ctx[] = {an, &k};
    each_article(key_fits_article, ctx);
    ck_assert_uint_gt(k.words, 300000);
    ck_assert_uint_gt(k.terms, 2 * k.words);
    /* and a key does tell words apart */
    ck_assert(!izde_snippet_key_fits("Zшайлоо", "шаардык", strlen("шаардык")));
    ck_assert(izde_snippet_key_fits("Zшайлоо", "Шайлоого", strlen("Шайлоого")));
    ck_assert(izde_snippet_key_fits("шайлоо", "ШАЙЛОО,", strlen("ШАЙЛОО,")));
    ck_assert(!izde_snippet_key_fits("шайлоо", "шайл, ", strlen("шайл, ")));
    /* a number's stem keeps its digits: 3 is no key every word fits */
    ck_assert(izde_snippet_key_fits("Z3", "3-декабрь", strlen("3-декабрь")));
    ck_assert(!izde_snippet_key_fits("Z3", "декабрь", strlen("декабрь")));
    ck_assert(!izde_snippet_key_fits("Z2021", "2020-жылы", strlen("2020-жылы")));
    ck_assert(izde_snippet_key_fits("Z2021", "2021-жылы", strlen("2021-жылы")));
    izde_analyzer_free(an);
}
END_TEST

/* ../shared/kyrgyz-text cut into 2000 articles of ten years and three
 * rubrics, with the glossary's synonyms and terms, as the indexer writes
 * them, in a new database in dir (mkdtemp's template). */
static void kyrgyz_text_db(char *dir)
{
    ck_assert_ptr_nonnull(mkdtemp(dir));
    xap_db *db;
    izde_analyzer *an;
    ck_assert_int_eq(xap_db_open_write(dir, XAP_DB_CREATE_OR_OVERWRITE, 0, 0, &db, NULL), XAP_OK);
    ck_assert_int_eq(izde_analyzer_new(&an, NULL), IZDE_OK);
    izde_glossary *g;
    izde_glossary_terms *terms;
    ck_assert_int_eq(izde_glossary_builtin(&g, NULL), IZDE_OK);
    ck_assert_int_eq(izde_glossary_terms_new(g, an, &terms, NULL), IZDE_OK);
    size_t len, files, n = 0;
    char *all = test_kyrgyz_text(&len, &files);
    ck_assert_msg(all != NULL, "../shared/kyrgyz-text is missing");
    static const char *const rubrics[] = {"Саясат", "Экономика", "Коом"};
    for (size_t at = 0; at < len && n < 2000; n++) {
        size_t end = at + len / 2000;
        while (end < len && all[end] != '\n')
            end++;
        if (end > len)
            end = len;
        char id[32], date[11], saved = all[end];
        snprintf(id, sizeof id, "k%03zu.txt", n);
        snprintf(date, sizeof date, "%04zu-01-01", 2015 + n % 10);
        all[end] = '\0';
        add_dated(db, an, terms, id, date, rubrics[n % 3], all + at);
        all[end] = saved;
        at = end + 1;
    }
    free(all);
    ck_assert_int_eq(izde_glossary_install(g, an, db, NULL, NULL), IZDE_OK);
    izde_glossary_terms_free(terms);
    izde_glossary_free(g);
    ck_assert_int_eq(xap_db_commit(db, NULL), XAP_OK);
    xap_db_close(db);
    izde_analyzer_free(an);
}

/* A single word's matches are ranked in one pass that stops early, and
 * counted (with the facets) in another (search.c): over kyrgyz_text_db(),
 * its count and facets are those of the one pass that checks every match
 * (a date order), and without facets its hits and count are the same. */
START_TEST(single_word_counted_in_a_second_pass)
{
    static const char *const words[] = {"жана", "шайлоо", "бюджет", "Кыргызстан", "президент",
                                        "мектеп", "жыл", "акча", "суу", "эл"};
    char dir[] = "/tmp/izde-count-XXXXXX";
    kyrgyz_text_db(dir);
    const char *paths[] = {dir};
    izde_searcher *s;
    ck_assert_int_eq(izde_searcher_open(paths, 1, &s, NULL), IZDE_OK);
    unsigned long facet_passes = 0;
    for (size_t w = 0; w < sizeof words / sizeof words[0]; w++) {
        izde_search_opts o = {.count = 10, .facets = 1}, d = o;
        d.sort_date = 1;
        izde_results two, one;
        unsigned long passes = izde_search_count_passes;
        ck_assert_int_eq(izde_search(s, words[w], &o, &two, NULL), IZDE_OK);
        facet_passes += izde_search_count_passes - passes;
        ck_assert_int_eq(izde_search(s, words[w], &d, &one, NULL), IZDE_OK);
        ck_assert_msg(two.total == one.total && two.total > 10, "%s: %u / %u", words[w],
                      two.total, one.total);
        ck_assert_uint_eq(two.nyears, one.nyears);
        for (size_t i = 0; i < two.nyears; i++) {
            ck_assert_str_eq(two.years[i].value, one.years[i].value);
            ck_assert_uint_eq(two.years[i].count, one.years[i].count);
        }
        ck_assert_uint_eq(two.nrubrics, 3);
        ck_assert_uint_eq(one.nrubrics, 3);
        for (size_t i = 0; i < 3; i++)
            ck_assert_uint_eq(two.rubrics[i].count, one.rubrics[i].count);
        izde_results_free(&one);
        /* without facets: the same hits, the same count */
        o.facets = 0;
        ck_assert_int_eq(izde_search(s, words[w], &o, &one, NULL), IZDE_OK);
        ck_assert_uint_eq(one.total, two.total);
        ck_assert_uint_eq(one.nhits, two.nhits);
        for (size_t i = 0; i < one.nhits; i++)
            ck_assert_str_eq(one.hits[i].data.path, two.hits[i].data.path);
        izde_results_free(&one);
        izde_results_free(&two);
    }
    /* the facets came from the second pass, for each word but жана (a
     * function word alone is not a single word: query.h), whatever the
     * third search of each word took */
    ck_assert_uint_eq(facet_passes, 9);
    izde_searcher_close(s);
    nftw(dir, rm_entry, 8, FTW_DEPTH | FTW_PHYS);
}
END_TEST

/* A long all-words query is first tried by its rarest words (query.c's
 * probe): over kyrgyz_text_db(), a sentence of an article finds it, a
 * sentence made of two articles' words finds nothing, and each gives what
 * the same words in parentheses give (no probe there). */
START_TEST(long_query_probe)
{
    char dir[] = "/tmp/izde-probe-XXXXXX";
    kyrgyz_text_db(dir);
    size_t len, files;
    char *all = test_kyrgyz_text(&len, &files);
    const char *paths[] = {dir};
    izde_searcher *s;
    ck_assert_int_eq(izde_searcher_open(paths, 1, &s, NULL), IZDE_OK);
    izde_analyzer *an;
    ck_assert_int_eq(izde_analyzer_new(&an, NULL), IZDE_OK);
    xap_db *db;
    ck_assert_int_eq(xap_db_open_read(dir, &db, NULL), XAP_OK);
    size_t probed = 0, found = 0, empty = 0, ored = 0;
    /* every 7th line of 14 words or more: its first 14 words, and its
     * first 7 words with the first 7 of the line 500 lines on */
    char *line = all;
    for (size_t l = 0; line && *line && probed < 60; l++) {
        char *nl = strchr(line, '\n');
        if (l % 7 == 0 && nl) {
            char *next = nl + 1;
            for (int k = 0; k < 500 && next && *next; k++) {
                char *e = strchr(next, '\n');
                next = e ? e + 1 : NULL;
            }
            for (int mix = 0; mix < 2 && (!mix || next); mix++) {
                char q[1200], paren[1210];
                size_t o = 0;
                int words = 0;
                for (const char *src = line; src < nl && words < (mix ? 7 : 14) && o < 500;) {
                    while (src < nl && *src == ' ')
                        src++;
                    const char *w = src;
                    while (src < nl && *src != ' ')
                        src++;
                    if (src > w) {
                        o += (size_t)snprintf(q + o, sizeof q - o, "%s%.*s", o ? " " : "",
                                              (int)(src - w), w);
                        words++;
                    }
                }
                if (mix) {
                    const char *e2 = strchr(next, '\n');
                    const char *src = next;
                    for (int w2 = 0; w2 < 7 && src < e2 && o < 1000; w2++) {
                        while (src < e2 && *src == ' ')
                            src++;
                        const char *w = src;
                        while (src < e2 && *src != ' ')
                            src++;
                        o += (size_t)snprintf(q + o, sizeof q - o, " %.*s", (int)(src - w), w);
                    }
                }
                if (words < (mix ? 7 : 14))
                    continue;
                /* words only: the text's quotes and brackets are syntax */
                for (size_t i = 0; i < o; i++) {
                    unsigned char b = (unsigned char)q[i], b2 = (unsigned char)q[i + 1];
                    if (b == 0xC2 && (b2 == 0xAB || b2 == 0xBB)) /* « » */
                        q[i] = q[i + 1] = ' ';
                    else if (b < 0x80 && strchr("\"(){}[]:\\", b))
                        q[i] = ' ';
                }
                izde_query iq;
                if (izde_query_build(an, db, q, 0, &iq, NULL) != IZDE_OK)
                    continue;
                int has_probe = iq.probe != NULL;
                izde_query_free(&iq);
                if (!has_probe)
                    continue;
                if (!mix && !strstr(q, "“")) {
                    /* an OR of it: no probe */
                    char more[1300];
                    snprintf(more, sizeof more, "%s OR бюджет", q);
                    ck_assert_int_eq(izde_query_build(an, db, more, 0, &iq, NULL), IZDE_OK);
                    ck_assert_ptr_null(iq.probe);
                    izde_query_free(&iq);
                    ored++;
                }
                snprintf(paren, sizeof paren, "(%s)", q);
                if (izde_query_build(an, db, paren, 0, &iq, NULL) != IZDE_OK)
                    continue; /* a parenthesis of the text's own */
                ck_assert_ptr_null(iq.probe);
                izde_query_free(&iq);
                izde_search_opts o1 = {.count = 10};
                izde_results a, b;
                ck_assert_int_eq(izde_search(s, q, &o1, &a, NULL), IZDE_OK);
                ck_assert_int_eq(izde_search(s, paren, &o1, &b, NULL), IZDE_OK);
                ck_assert_msg(a.total == b.total && a.nhits == b.nhits, "%s: %u / %u", q,
                              a.total, b.total);
                for (size_t i = 0; i < a.nhits; i++)
                    ck_assert_str_eq(a.hits[i].data.path, b.hits[i].data.path);
                probed++;
                found += !mix && a.total > 0;
                empty += mix && a.total == 0;
                izde_results_free(&a);
                izde_results_free(&b);
            }
        }
        line = nl ? nl + 1 : NULL;
    }
    ck_assert_uint_gt(probed, 20);
    ck_assert_uint_gt(ored, 5);
    ck_assert_uint_gt(found, 5);
    ck_assert_uint_gt(empty, 5);
    xap_db_close(db);
    izde_analyzer_free(an);
    izde_searcher_close(s);
    free(all);
    nftw(dir, rm_entry, 8, FTW_DEPTH | FTW_PHYS);
}
END_TEST

/* ---- parity: every word of corpus/ → the same terms both ways ---------- */

typedef struct termset {
    char **t;
    size_t n, cap;
} termset;

static int collect_term(void *ctx, const char *term, size_t len, unsigned wdf)
{
    (void)wdf;
    termset *s = ctx;
    if (s->n == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 1024;
        s->t = realloc(s->t, s->cap * sizeof *s->t);
    }
    s->t[s->n] = strndup(term, len);
    s->n++;
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int has(const termset *s, const char *t)
{
    return bsearch(&t, s->t, s->n, sizeof *s->t, cmp_str) != NULL;
}

typedef struct parity {
    izde_analyzer *qan; /* the query side's own analyzer */
    termset *doc;
    size_t words, checked;
} parity;

static int has_str(char **v, size_t n, const char *t)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(v[i], t))
            return 1;
    return 0;
}

static int check_word(void *ctx, const izde_token *tok)
{
    parity *p = ctx;
    char surface[IZDE_WORD_MAX * 2 + 3];
    size_t n = tok->end - tok->start;
    if (n > IZDE_WORD_MAX * 2)
        return 0;
    /* The word as written in the file, as a query: its stem term, and as a
     * quoted phrase its word term, must both be terms of the document.  The
     * query does not know the language: it also searches the stem in the
     * other one (Kyrgyz and Russian), which the document need not have;
     * but the document's own stem must be among its terms. */
    izde_terms dt;
    izde_word_terms(tok, &dt);
    char zstem[IZDE_WORD_MAX + 8];
    snprintf(zstem, sizeof zstem, "%s%s", IZDE_PFX_STEM, dt.stem);
    surface[0] = '"';
    memcpy(surface + 1, tok->text + tok->start, n);
    surface[n + 1] = '"';
    surface[n + 2] = '\0';
    for (int phrase = 0; phrase < 2; phrase++) {
        izde_query q;
        const char *text = phrase ? surface : surface + 1;
        if (!phrase)
            surface[n + 1] = '\0';
        izde_error err;
        ck_assert_msg(izde_query_build(p->qan, NULL, text, 0, &q, &err) == IZDE_OK,
                      "%s: %s", text, err.msg);
        ck_assert_msg(q.nterms >= 1, "%s: no terms", text);
        size_t indexed = 0;
        for (size_t i = 0; i < q.nterms; i++) {
            int in = has(p->doc, q.terms[i]);
            indexed += in;
            ck_assert_msg(in || (!phrase && !strncmp(q.terms[i], IZDE_PFX_STEM, 1)),
                          "query %s searches %s, not indexed", text, q.terms[i]);
        }
        ck_assert_msg(indexed >= 1, "query %s: no term indexed", text);
        if (!phrase && !(tok->flags & IZDE_TOK_NUMBER))
            ck_assert_msg(has_str(q.terms, q.nterms, zstem) && has(p->doc, zstem),
                          "query %s lacks the document's stem %s", text, zstem);
        izde_query_free(&q);
        surface[n + 1] = '"';
    }
    /* What lib/snippet.c's pre-check relies on: the first two letters of a
     * word's stem and keyboard stem, less the stem's last letter (уб → уп),
     * begin the word as a Russian keyboard writes it. */
    izde_terms t;
    char kw[IZDE_WORD_MAX + 1], ks[IZDE_WORD_MAX + 1];
    izde_word_terms(tok, &t);
    size_t kwl = izde_keyboard_fold(t.raw, t.raw_len, kw);
    const struct { const char *stem; size_t sl; } c[] = {{t.stem, t.stem_len}, {t.kbd, t.kbd_len}};
    for (size_t k = 0; k < 2; k++) {
        size_t sl = c[k].sl, lead = 0;
        while (sl && ((unsigned char)c[k].stem[--sl] & 0xC0) == 0x80)
            ;
        for (int letters = 0; lead < sl && letters < 2; letters++)
            do
                lead++;
            while (lead < sl && ((unsigned char)c[k].stem[lead] & 0xC0) == 0x80);
        size_t ksl = izde_keyboard_fold(c[k].stem, lead, ks);
        ck_assert_msg(ksl <= kwl && !memcmp(ks, kw, ksl),
                      "the stem %s does not begin as its word %s", c[k].stem, t.raw);
    }
    p->checked++;
    return 0;
}

static void parity_file(izde_analyzer *an, izde_analyzer *qan, const char *path,
                        size_t *words)
{
    izde_article a;
    izde_article_init(&a);
    ck_assert_int_eq(izde_article_read_file(path, "x", &a, NULL), IZDE_OK);
    xap_doc *doc;
    ck_assert_int_eq(xap_doc_new(&doc, NULL), XAP_OK);
    ck_assert_int_eq(izde_document_build(an, NULL, &a, doc, NULL), IZDE_OK);
    izde_analyzer_set_langs(an, izde_lang_from_code(a.lang));
    termset ts = {0};
    ck_assert_int_eq(xap_doc_terms(doc, collect_term, &ts, NULL), XAP_OK);
    qsort(ts.t, ts.n, sizeof *ts.t, cmp_str);
    parity p = {.qan = qan, .doc = &ts};
    ck_assert_int_eq(izde_analyze(an, a.body, strlen(a.body), 1, check_word, &p, NULL, NULL), 0);
    ck_assert_int_eq(izde_analyze(an, a.title, strlen(a.title), 1, check_word, &p, NULL, NULL), 0);
    *words += p.checked;
    for (size_t i = 0; i < ts.n; i++)
        free(ts.t[i]);
    free(ts.t);
    xap_doc_free(doc);
    izde_article_clear(&a);
}

START_TEST(index_query_parity)
{
    const char *top = getenv("IZDE_TOP");
    /* corpus/ (Kyrgyz) and the test archive of tests/lang (Kyrgyz and
     * Russian: both languages' stems). */
    const char *dirs[] = {"corpus/seed", "corpus/articles", "corpus/plain",
                          "tests/lang/archive/ky", "tests/lang/archive/ru"};
    izde_analyzer *an, *qan;
    ck_assert_int_eq(izde_analyzer_new(&an, NULL), IZDE_OK);
    ck_assert_int_eq(izde_analyzer_new(&qan, NULL), IZDE_OK);
    size_t words = 0, files = 0;
    for (size_t d = 0; d < sizeof dirs / sizeof dirs[0]; d++) {
        char dir[512];
        snprintf(dir, sizeof dir, "%s/%s", top ? top : ".", dirs[d]);
        DIR *dh = opendir(dir);
        ck_assert_ptr_nonnull(dh);
        struct dirent *e;
        while ((e = readdir(dh))) {
            if (!strstr(e->d_name, ".txt"))
                continue;
            char path[1024];
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            parity_file(an, qan, path, &words);
            files++;
        }
        closedir(dh);
    }
    ck_assert_uint_eq(files, 25 + 44 + 10);
    ck_assert_uint_gt(words, 5000);
    izde_analyzer_free(an);
    izde_analyzer_free(qan);
}
END_TEST

Suite *search_suite(void)
{
    Suite *s = suite_create("search");
    TCase *tc = tcase_create("queries");
    tcase_add_unchecked_fixture(tc, make_db, drop_db);
    tcase_add_loop_test(tc, query_cases, 0, sizeof queries / sizeof queries[0]);
    tcase_add_test(tc, exact_form_first);
    tcase_add_test(tc, no_words);
    tcase_add_test(tc, unknown_word_matches_nothing);
    tcase_add_test(tc, stub_files);
    tcase_add_test(tc, filters_and_reopen);
    suite_add_tcase(s, tc);
    tc = tcase_create("snippets");
    tcase_add_test(tc, snippet_marks_inflected_forms);
    tcase_add_test(tc, russian_stem_in_russian_articles);
    tcase_add_test(tc, snippet_never_splits_characters);
    tcase_add_test(tc, snippet_query_with_more_terms_than_words);
    tcase_add_test(tc, snippet_memo_changes_nothing);
    tcase_add_test(tc, snippet_regions_change_nothing);
    tcase_add_test(tc, snippet_regions_change_nothing_kyrgyz_text);
    tcase_add_test(tc, snippet_keys_fit_every_word);
    suite_add_tcase(s, tc);
    tc = tcase_create("parity");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, index_query_parity);
    tcase_add_test(tc, single_word_counted_in_a_second_pass);
    tcase_add_test(tc, long_query_probe);
    suite_add_tcase(s, tc);
    return s;
}
