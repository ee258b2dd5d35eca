/* Tests of the C binding of libxapian (include/izde/xapian.h) against real
 * Xapian databases in a fresh mkdtemp() directory under /tmp. */
#define _XOPEN_SOURCE 700 /* nftw */
#include <check.h>
#include <ftw.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "izde/xapian.h"

/* ---- fixture: a temporary directory ------------------------------------- */

static char tmpdir[256];

static void setup(void)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/izde-xapian-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static int rm_entry(const char *path, const struct stat *sb, int flag,
                    struct FTW *ftw)
{
    (void)sb, (void)flag, (void)ftw;
    return remove(path);
}

static void teardown(void)
{
    nftw(tmpdir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static const char *dbpath(const char *name)
{
    static char buf[4][320];
    static int n;
    char *p = buf[n++ % 4];
    snprintf(p, sizeof buf[0], "%s/%s", tmpdir, name);
    return p;
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

#define OK(call)                                                            \
    do {                                                                    \
        xap_error e_;                                                       \
        xap_status s_ = (call);                                             \
        ck_assert_msg(s_ == XAP_OK, "%s -> %d %s: %s", #call, s_,           \
                      e_.klass, e_.msg);                                    \
    } while (0)
/* The OK macro's err argument: */
#define E (&e_)

/* ---- a test stemmer: drops the accusative -ди/-ды, then a plural ---------- */

static int ends_with(const char *w, size_t len, const char *suf)
{
    size_t n = strlen(suf);
    return len > n && memcmp(w + len - n, suf, n) == 0;
}

static size_t test_stem(void *ctx, const char *word, size_t len, char *out,
                        size_t cap)
{
    if (ctx)
        ++*(int *)ctx;
    static const char *const cases[] = {"ди", "ды"};
    static const char *const plurals[] = {"лар", "лер", "тар", "тер", "дар", "дер"};
    for (size_t i = 0; i < 2; i++)
        if (ends_with(word, len, cases[i])) {
            len -= strlen(cases[i]);
            break;
        }
    for (size_t i = 0; i < 6; i++)
        if (ends_with(word, len, plurals[i])) {
            len -= strlen(plurals[i]);
            break;
        }
    if (len > cap)
        return len;
    memcpy(out, word, len);
    return len;
}

static size_t too_long_stem(void *ctx, const char *word, size_t len, char *out,
                            size_t cap)
{
    (void)ctx, (void)word, (void)len, (void)out;
    return cap + 1;
}

static xap_stem *make_test_stem(int *calls)
{
    xap_stem *st = NULL;
    OK(xap_stem_new_custom(test_stem, calls, "kytest", &st, E));
    return st;
}

/* ---- helpers -------------------------------------------------------------- */

static xap_db *open_w(const char *name)
{
    xap_db *db = NULL;
    OK(xap_db_open_write(dbpath(name), XAP_DB_CREATE_OR_OPEN, 0, 0, &db, E));
    ck_assert_ptr_nonnull(db);
    return db;
}

static xap_db *open_r(const char *name)
{
    xap_db *db = NULL;
    OK(xap_db_open_read(dbpath(name), &db, E));
    ck_assert_ptr_nonnull(db);
    return db;
}

/* Indexes lower-case space-separated `text`: each word as a positional
 * term plus "Z"+stem; uid "Q"+uid; value 1 = date, value 2 = category
 * (also boolean term "XC"+category); data = `data`. */
static xap_docid add_doc(xap_db *db, const char *uid, const char *text,
                         const char *date, const char *cat, const char *data)
{
    xap_doc *doc = NULL;
    OK(xap_doc_new(&doc, E));
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", text);
    unsigned pos = 1;
    for (char *save = NULL, *w = strtok_r(buf, " ", &save); w;
         w = strtok_r(NULL, " ", &save)) {
        OK(xap_doc_add_posting(doc, w, strlen(w), pos++, 1, E));
        char z[256] = "Z";
        size_t n = test_stem(NULL, w, strlen(w), z + 1, sizeof z - 2);
        OK(xap_doc_add_term(doc, z, n + 1, 1, E));
    }
    char term[256];
    snprintf(term, sizeof term, "Q%s", uid);
    OK(xap_doc_add_boolean_term(doc, term, E));
    if (date)
        OK(xap_doc_set_value(doc, 1, date, strlen(date), E));
    if (cat) {
        OK(xap_doc_set_value(doc, 2, cat, strlen(cat), E));
        char c[256];
        snprintf(c, sizeof c, "XC%s", cat);
        OK(xap_doc_add_boolean_term(doc, c, E));
    }
    if (data)
        OK(xap_doc_set_data(doc, data, strlen(data), E));
    xap_docid id = 0;
    OK(xap_db_replace_document(db, term, doc, &id, E));
    ck_assert_uint_gt(id, 0);
    xap_doc_free(doc);
    return id;
}

static unsigned doccount(xap_db *db)
{
    unsigned n = 0;
    OK(xap_db_doccount(db, &n, E));
    return n;
}

static xap_mset *search(xap_db *db, xap_query *q, unsigned max)
{
    xap_enquire *enq = NULL;
    xap_mset *ms = NULL;
    OK(xap_enquire_new(db, &enq, E));
    OK(xap_enquire_set_query(enq, q, E));
    OK(xap_enquire_get_mset(enq, 0, max, 0, &ms, E));
    xap_enquire_free(enq); /* the mset keeps what it needs */
    return ms;
}

/* Number of matches of `q` (exact: check_at_least = doccount). */
static unsigned count_matches(xap_db *db, xap_query *q)
{
    xap_enquire *enq = NULL;
    xap_mset *ms = NULL;
    OK(xap_enquire_new(db, &enq, E));
    OK(xap_enquire_set_query(enq, q, E));
    OK(xap_enquire_get_mset(enq, 0, 1000, 1000, &ms, E));
    unsigned n = xap_mset_size(ms);
    ck_assert_uint_eq(xap_mset_estimated(ms), n);
    xap_mset_free(ms);
    xap_enquire_free(enq);
    return n;
}

static char *describe(const xap_query *q)
{
    char *s = NULL;
    OK(xap_query_describe(q, &s, E));
    ck_assert_ptr_nonnull(s);
    return s;
}

static xap_query *parse(xap_qparser *qp, const char *text, int flags)
{
    xap_query *q = NULL;
    OK(xap_qparser_parse(qp, text, flags, NULL, &q, E));
    ck_assert_ptr_nonnull(q);
    return q;
}

static xap_query *term_q(const char *t)
{
    xap_query *q = NULL;
    OK(xap_query_term(t, strlen(t), 1, 0, &q, E));
    return q;
}

/* Collects the terms an xap_term_fn is given ("term:freq," each). */
struct collect {
    char buf[2048];
    int n, stop_after;
};

static int collect_fn(void *ctx, const char *term, size_t len, unsigned freq)
{
    struct collect *c = ctx;
    size_t used = strlen(c->buf);
    ck_assert_int_eq(term[len], '\0'); /* NUL-terminated too */
    snprintf(c->buf + used, sizeof c->buf - used, "%.*s:%u,", (int)len, term,
             freq);
    c->n++;
    return c->stop_after && c->n >= c->stop_after;
}

/* An xap_want_fn: terms over 12 bytes. */
static int want_long(void *ctx, const char *term, size_t len)
{
    (void)ctx;
    ck_assert_int_eq(term[len], '\0');
    return len > 12;
}

/* ---- errors --------------------------------------------------------------- */

START_TEST(error_text_formats)
{
    xap_error err = {XAP_ERR_LOCKED, "DatabaseLockError", "Unable to get lock"};
    char buf[128];
    ck_assert_str_eq(xap_error_text(&err, buf, sizeof buf),
                     "DatabaseLockError: Unable to get lock");
    char small[9];
    ck_assert_str_eq(xap_error_text(&err, small, sizeof small), "Database");
    ck_assert_str_eq(xap_error_text(NULL, buf, sizeof buf), "");
    ck_assert_ptr_null(xap_error_text(&err, NULL, 0));
}
END_TEST

START_TEST(open_read_missing)
{
    xap_error err;
    memset(&err, 0, sizeof err);
    xap_db *db = (xap_db *)&err; /* must be reset to NULL */
    xap_status st = xap_db_open_read(dbpath("nope"), &db, &err);
    ck_assert_int_eq(st, XAP_ERR_OPENING);
    ck_assert_int_eq(err.code, XAP_ERR_OPENING);
    ck_assert_ptr_null(db);
    ck_assert_uint_gt(strlen(err.msg), 0);
    ck_assert_ptr_nonnull(strstr(err.klass, "Database"));
    /* err may be NULL */
    ck_assert_int_eq(xap_db_open_read(dbpath("nope"), &db, NULL), XAP_ERR_OPENING);
    /* a missing database cannot be opened for writing with XAP_DB_OPEN */
    ck_assert_int_eq(xap_db_open_write(dbpath("nope"), XAP_DB_OPEN, 0, 0, &db, &err),
                     XAP_ERR_OPENING);
    ck_assert_ptr_null(db);
    /* bad arguments */
    ck_assert_int_eq(xap_db_open_write(dbpath("x"), 42, 0, 0, &db, &err),
                     XAP_ERR_INVALID);
    ck_assert_str_eq(err.klass, "InvalidArgumentError");
    ck_assert_int_eq(xap_db_open_read(NULL, &db, &err), XAP_ERR_INVALID);
    /* a block size glass does not take, which Xapian would quietly make 8 KB */
    static const unsigned bad_sizes[] = {1024, 3000, 4095, 131072};
    for (size_t i = 0; i < sizeof bad_sizes / sizeof bad_sizes[0]; i++) {
        ck_assert_int_eq(xap_db_open_write(dbpath("x"), XAP_DB_CREATE_OR_OPEN, bad_sizes[i], 0,
                                           &db, &err),
                         XAP_ERR_INVALID);
        char src[512];
        snprintf(src, sizeof src, "%s", dbpath("x"));
        const char *srcs[] = {src};
        ck_assert_int_eq(xap_db_compact(srcs, 1, dbpath("y"), bad_sizes[i], &err),
                         XAP_ERR_INVALID);
    }
    ck_assert_ptr_null(db);
}
END_TEST

START_TEST(success_leaves_err_untouched)
{
    xap_error err;
    memset(&err, 0x5a, sizeof err);
    xap_doc *doc = NULL;
    ck_assert_int_eq(xap_doc_new(&doc, &err), XAP_OK);
    ck_assert_int_eq(xap_doc_set_data(doc, "x", 1, &err), XAP_OK);
    unsigned char *p = (unsigned char *)&err;
    for (size_t i = 0; i < sizeof err; i++)
        ck_assert_uint_eq(p[i], 0x5a);
    xap_doc_free(doc);
}
END_TEST

START_TEST(free_null_is_noop)
{
    xap_db_close(NULL);
    xap_doc_free(NULL);
    xap_stem_free(NULL);
    xap_query_free(NULL);
    xap_qparser_free(NULL);
    xap_enquire_free(NULL);
    xap_mset_free(NULL);
    xap_spy_free(NULL);
    ck_assert_uint_eq(xap_mset_size(NULL), 0);
    ck_assert_int_eq(xap_query_is_empty(NULL), 1);
    ck_assert_str_eq(xap_qparser_corrected(NULL), "");
}
END_TEST

/* ---- locking -------------------------------------------------------------- */

START_TEST(second_writer_is_locked)
{
    xap_db *a = open_w("db");
    xap_db *b = NULL;
    xap_error err;
    ck_assert_int_eq(xap_db_open_write(dbpath("db"), XAP_DB_CREATE_OR_OPEN, 0, 0,
                                       &b, &err), XAP_ERR_LOCKED);
    ck_assert_ptr_null(b);
    ck_assert_str_eq(err.klass, "DatabaseLockError");
    ck_assert_uint_gt(strlen(err.msg), 0);

    double t0 = now_ms();
    ck_assert_int_eq(xap_db_open_write(dbpath("db"), XAP_DB_CREATE_OR_OPEN, 0, 300,
                                       &b, &err), XAP_ERR_LOCKED);
    ck_assert_double_ge(now_ms() - t0, 250.0);
    ck_assert_ptr_null(b);

    /* a reader is not blocked by the writer */
    xap_db *r = open_r("db");
    xap_db_close(r);

    xap_db_close(a); /* releases the lock */
    OK(xap_db_open_write(dbpath("db"), XAP_DB_OPEN, 0, 0, &b, E));
    xap_db_close(b);
}
END_TEST

static void *close_later(void *arg)
{
    struct timespec ts = {0, 150 * 1000000L};
    nanosleep(&ts, NULL);
    xap_db_close(arg);
    return NULL;
}

START_TEST(waiting_writer_gets_lock_when_released)
{
    xap_db *a = open_w("db");
    pthread_t th;
    ck_assert_int_eq(pthread_create(&th, NULL, close_later, a), 0);
    xap_db *b = NULL;
    OK(xap_db_open_write(dbpath("db"), XAP_DB_OPEN, 0, 5000, &b, E));
    ck_assert_ptr_nonnull(b);
    pthread_join(th, NULL);
    xap_db_close(b);
}
END_TEST

/* ---- documents ------------------------------------------------------------- */

START_TEST(doc_build_and_read)
{
    xap_doc *doc = NULL;
    OK(xap_doc_new(&doc, E));
    OK(xap_doc_add_posting(doc, "китеп", strlen("китеп"), 1, 1, E));
    OK(xap_doc_add_posting(doc, "китеп", strlen("китеп"), 3, 1, E));
    OK(xap_doc_add_term(doc, "Zкитеп", strlen("Zкитеп"), 2, E));
    OK(xap_doc_add_term(doc, "a\0b", 3, 1, E)); /* a term with a NUL byte */
    OK(xap_doc_add_boolean_term(doc, "Qid1", E));
    OK(xap_doc_set_value(doc, 1, "20210305", 8, E));
    OK(xap_doc_set_data(doc, "da\0ta", 5, E));

    const char *p;
    size_t len;
    OK(xap_doc_get_data(doc, &p, &len, E));
    ck_assert_uint_eq(len, 5);
    ck_assert_mem_eq(p, "da\0ta", 5);
    OK(xap_doc_get_value(doc, 1, &p, &len, E));
    ck_assert_uint_eq(len, 8);
    ck_assert_str_eq(p, "20210305");
    OK(xap_doc_get_value(doc, 7, &p, &len, E));
    ck_assert_uint_eq(len, 0);

    struct collect c = {0};
    OK(xap_doc_terms(doc, collect_fn, &c, E));
    /* sorted by bytes; wdf: 2 postings, 2 for Z, 0 for the boolean term */
    ck_assert_int_eq(c.n, 4);
    ck_assert_str_eq(c.buf, "Qid1:0,Zкитеп:2,a:1,китеп:2,");
    c = (struct collect){.stop_after = 2};
    OK(xap_doc_terms(doc, collect_fn, &c, E));
    ck_assert_int_eq(c.n, 2);

    xap_error err;
    ck_assert_int_eq(xap_doc_set_data(NULL, "x", 1, &err), XAP_ERR_INVALID);
    xap_doc_free(doc);
}
END_TEST

/* The terms of one document go through one reused buffer: a short term
 * after a long one is the short one, whole. */
START_TEST(doc_terms_long_then_short)
{
    xap_doc *doc = NULL;
    OK(xap_doc_new(&doc, E));
    const char *lng = "теңдештирүүчү", *zlng = "Zтеңдештирүүчү";
    OK(xap_doc_add_posting(doc, lng, strlen(lng), 1, 1, E));
    OK(xap_doc_add_term(doc, "Zтең", strlen("Zтең"), 1, E));
    OK(xap_doc_add_posting(doc, "те", strlen("те"), 2, 1, E));
    OK(xap_doc_add_term(doc, zlng, strlen(zlng), 1, E));
    OK(xap_doc_add_term(doc, "Zтең", strlen("Zтең"), 2, E));
    struct collect c = {0};
    OK(xap_doc_terms(doc, collect_fn, &c, E));
    ck_assert_str_eq(c.buf, "Zтең:3,Zтеңдештирүүчү:1,те:1,теңдештирүүчү:1,");
    xap_doc_free(doc);
}
END_TEST

START_TEST(replace_find_delete)
{
    xap_db *db = open_w("db");
    xap_docid id1 = add_doc(db, "a", "биринчи", NULL, NULL, "one");
    xap_docid id2 = add_doc(db, "a", "экинчи", NULL, NULL, "two");
    ck_assert_uint_eq(id1, id2);
    ck_assert_uint_eq(doccount(db), 1);
    add_doc(db, "b", "үчүнчү", NULL, NULL, "three");
    ck_assert_uint_eq(doccount(db), 2);

    xap_doc *doc = NULL;
    OK(xap_db_find_document(db, "Qa", &doc, E));
    const char *p;
    size_t len;
    OK(xap_doc_get_data(doc, &p, &len, E));
    ck_assert_str_eq(p, "two");
    xap_doc_free(doc);

    OK(xap_db_get_document(db, id1, &doc, E));
    OK(xap_doc_get_data(doc, &p, &len, E));
    ck_assert_str_eq(p, "two");
    xap_doc_free(doc);

    xap_error err;
    doc = (xap_doc *)&err;
    ck_assert_int_eq(xap_db_find_document(db, "Qnone", &doc, &err), XAP_ERR_NOT_FOUND);
    ck_assert_ptr_null(doc);
    ck_assert_str_eq(err.klass, "DocNotFoundError");
    ck_assert_int_eq(xap_db_get_document(db, 999, &doc, &err), XAP_ERR_NOT_FOUND);
    ck_assert_int_eq(xap_db_get_document(db, 0, &doc, &err), XAP_ERR_INVALID);

    OK(xap_db_delete_document(db, "Qa", E));
    ck_assert_uint_eq(doccount(db), 1);
    OK(xap_db_delete_document(db, "Qa", E)); /* none: not an error */
    ck_assert_int_eq(xap_db_find_document(db, "Qa", &doc, &err), XAP_ERR_NOT_FOUND);
    OK(xap_db_commit(db, E));
    xap_db_close(db);

    /* read-only handles refuse writes */
    db = open_r("db");
    ck_assert_uint_eq(doccount(db), 1);
    OK(xap_doc_new(&doc, E));
    ck_assert_int_eq(xap_db_replace_document(db, "Qc", doc, NULL, &err), XAP_ERR_INVALID);
    ck_assert_int_eq(xap_db_delete_document(db, "Qb", &err), XAP_ERR_INVALID);
    ck_assert_int_eq(xap_db_commit(db, &err), XAP_ERR_INVALID);
    ck_assert_int_eq(xap_db_begin(db, &err), XAP_ERR_INVALID);
    xap_doc_free(doc);
    xap_db_close(db);
}
END_TEST

/* Collects docids (xap_db_postings) or "docid=value" (xap_db_values). */
typedef struct collected {
    char buf[256];
    int stop_after; /* 0 = never stop */
    int calls;
} collected;

static int collect_docid(void *ctx, xap_docid id)
{
    collected *c = ctx;
    size_t n = strlen(c->buf);
    snprintf(c->buf + n, sizeof c->buf - n, "%s%u", n ? " " : "", id);
    return ++c->calls == c->stop_after;
}

static int collect_value(void *ctx, xap_docid id, const char *val, size_t len)
{
    collected *c = ctx;
    size_t n = strlen(c->buf);
    snprintf(c->buf + n, sizeof c->buf - n, "%s%u=%.*s", n ? " " : "", id,
             (int)len, val);
    return ++c->calls == c->stop_after;
}

/* The docids of term's postings, in order, are `want` ("1 3"). */
static void expect_postings(xap_db *db, const char *term, const char *want)
{
    collected got = {0};
    OK(xap_db_postings(db, term, collect_docid, &got, E));
    ck_assert_msg(strcmp(got.buf, want) == 0, "%s: %s, want %s", term, got.buf, want);
}

START_TEST(postings_values_by_docid)
{
    xap_db *db = open_w("db");
    xap_docid a = add_doc(db, "a", "бир", NULL, "x", NULL);
    xap_docid b = add_doc(db, "b", "эки", NULL, NULL, NULL);
    xap_docid c = add_doc(db, "c", "үч", NULL, "y", NULL);
    OK(xap_db_commit(db, E));
    ck_assert_uint_eq(a, 1);
    ck_assert_uint_eq(b, 2);
    ck_assert_uint_eq(c, 3);

    expect_postings(db, "XCx", "1");
    expect_postings(db, "XCnone", "");

    /* values: documents without one are skipped; fn's non-zero stops */
    collected got = {0};
    OK(xap_db_values(db, 2, collect_value, &got, E));
    ck_assert_str_eq(got.buf, "1=x 3=y");
    memset(&got, 0, sizeof got);
    got.stop_after = 1;
    OK(xap_db_values(db, 2, collect_value, &got, E));
    ck_assert_str_eq(got.buf, "1=x");

    /* a fetched document with a new value, written back under its docid */
    xap_doc *doc = NULL;
    OK(xap_db_get_document(db, c, &doc, E));
    OK(xap_doc_set_value(doc, 2, "z", 1, E));
    OK(xap_db_replace_docid(db, c, doc, E));
    xap_doc_free(doc);
    memset(&got, 0, sizeof got);
    OK(xap_db_values(db, 2, collect_value, &got, E));
    ck_assert_str_eq(got.buf, "1=x 3=z");
    expect_postings(db, "Qc", "3"); /* terms kept */

    /* delete by docid; a missing one is NOT_FOUND, docid 0 invalid */
    xap_error err;
    OK(xap_db_delete_docid(db, a, E));
    ck_assert_uint_eq(doccount(db), 2);
    ck_assert_int_eq(xap_db_delete_docid(db, a, &err), XAP_ERR_NOT_FOUND);
    ck_assert_int_eq(xap_db_delete_docid(db, 0, &err), XAP_ERR_INVALID);
    OK(xap_db_commit(db, E));
    xap_db_close(db);

    /* read-only handles read but refuse the writes */
    db = open_r("db");
    memset(&got, 0, sizeof got);
    OK(xap_db_values(db, 2, collect_value, &got, E));
    ck_assert_str_eq(got.buf, "3=z");
    OK(xap_doc_new(&doc, E));
    ck_assert_int_eq(xap_db_replace_docid(db, b, doc, &err), XAP_ERR_INVALID);
    ck_assert_int_eq(xap_db_delete_docid(db, b, &err), XAP_ERR_INVALID);
    ck_assert_int_eq(xap_db_postings(db, "Qb", NULL, NULL, &err), XAP_ERR_INVALID);
    ck_assert_int_eq(xap_db_values(NULL, 2, collect_value, &got, &err), XAP_ERR_INVALID);
    xap_doc_free(doc);
    xap_db_close(db);
}
END_TEST

START_TEST(overwrite_flag)
{
    xap_db *db = open_w("db");
    add_doc(db, "a", "сөз", NULL, NULL, NULL);
    xap_db_close(db); /* close commits */
    db = open_r("db");
    ck_assert_uint_eq(doccount(db), 1);
    xap_db_close(db);
    OK(xap_db_open_write(dbpath("db"), XAP_DB_CREATE_OR_OVERWRITE, 0, 0, &db, E));
    ck_assert_uint_eq(doccount(db), 0);
    xap_db_close(db);
}
END_TEST

/* A database written in place (a new generation's): what is committed
 * over several commits reads back whole once it is closed. */
START_TEST(in_place_commits_read_back)
{
    xap_db *db = NULL;
    OK(xap_db_open_write(dbpath("inplace"),
                         XAP_DB_CREATE_OR_OVERWRITE | XAP_DB_IN_PLACE | XAP_DB_NO_SYNC, 0, 0, &db, E));
    add_doc(db, "a", "бир эки", NULL, "x", NULL);
    add_doc(db, "b", "эки үч", NULL, NULL, NULL);
    OK(xap_db_commit(db, E));
    add_doc(db, "c", "үч эки", NULL, "x", NULL);
    OK(xap_db_commit(db, E));
    add_doc(db, "d", "төрт", NULL, NULL, NULL);
    xap_db_close(db); /* close commits */
    db = open_r("inplace");
    ck_assert_uint_eq(doccount(db), 4);
    expect_postings(db, "эки", "1 2 3");
    expect_postings(db, "XCx", "1 3");
    expect_postings(db, "төрт", "4");
    xap_db_close(db);
}
END_TEST

START_TEST(transactions)
{
    xap_db *db = open_w("db");
    xap_db *r = open_r("db");

    OK(xap_db_begin(db, E));
    add_doc(db, "kept", "сакталат", NULL, NULL, NULL);
    OK(xap_db_commit_transaction(db, E));
    OK(xap_db_reopen(r, E));
    ck_assert_uint_eq(doccount(r), 1);

    OK(xap_db_begin(db, E));
    add_doc(db, "gone", "жоголот", NULL, NULL, NULL);
    ck_assert_uint_eq(doccount(db), 2);
    OK(xap_db_cancel_transaction(db, E));
    ck_assert_uint_eq(doccount(db), 1);
    OK(xap_db_commit(db, E));
    OK(xap_db_reopen(r, E));
    ck_assert_uint_eq(doccount(r), 1);
    xap_doc *doc = NULL;
    xap_error err;
    ck_assert_int_eq(xap_db_find_document(r, "Qgone", &doc, &err), XAP_ERR_NOT_FOUND);
    OK(xap_db_find_document(r, "Qkept", &doc, E));
    xap_doc_free(doc);

    /* no transaction in progress: InvalidOperationError */
    ck_assert_int_eq(xap_db_commit_transaction(db, &err), XAP_ERR);
    ck_assert_str_eq(err.klass, "InvalidOperationError");
    OK(xap_db_begin(db, E));
    ck_assert_int_eq(xap_db_begin(db, &err), XAP_ERR); /* nested */
    OK(xap_db_cancel_transaction(db, E));
    xap_db_close(r);
    xap_db_close(db);
}
END_TEST

START_TEST(metadata_round_trip)
{
    xap_db *db = open_w("db");
    OK(xap_db_set_metadata(db, "schema", "v\0001", 3, E));
    OK(xap_db_commit(db, E));
    xap_db *r = open_r("db");
    char *v = NULL;
    size_t len = 99;
    OK(xap_db_get_metadata(r, "schema", &v, &len, E));
    ck_assert_uint_eq(len, 3);
    ck_assert_mem_eq(v, "v\0001", 3);
    free(v);
    OK(xap_db_get_metadata(r, "unset", &v, &len, E));
    ck_assert_uint_eq(len, 0);
    ck_assert_str_eq(v, "");
    free(v);
    xap_error err;
    ck_assert_int_eq(xap_db_set_metadata(db, "", "x", 1, &err), XAP_ERR_INVALID);
    ck_assert_int_eq(xap_db_set_metadata(r, "k", "x", 1, &err), XAP_ERR_INVALID);
    xap_db_close(r);
    xap_db_close(db);
}
END_TEST

START_TEST(termfreq_and_allterms)
{
    xap_db *db = open_w("db");
    add_doc(db, "1", "китеп окуу", NULL, NULL, NULL);
    add_doc(db, "2", "китептер окуу", NULL, NULL, NULL);
    add_doc(db, "3", "кино", NULL, NULL, NULL);
    unsigned f = 0;
    OK(xap_db_termfreq(db, "окуу", &f, E));
    ck_assert_uint_eq(f, 2);
    OK(xap_db_termfreq(db, "Zкитеп", &f, E));
    ck_assert_uint_eq(f, 2);
    OK(xap_db_termfreq(db, "жок", &f, E));
    ck_assert_uint_eq(f, 0);

    struct collect c = {0};
    OK(xap_db_allterms(db, "ки", collect_fn, &c, E));
    ck_assert_str_eq(c.buf, "кино:1,китеп:1,китептер:1,");
    c = (struct collect){.stop_after = 1};
    OK(xap_db_allterms(db, "Q", collect_fn, &c, E));
    ck_assert_str_eq(c.buf, "Q1:1,");
    c = (struct collect){0};
    OK(xap_db_allterms(db, NULL, collect_fn, &c, E));
    /* Q1..Q3; Zкино Zкитеп Zокуу; кино китеп китептер окуу */
    ck_assert_int_eq(c.n, 3 + 3 + 4);
    /* Only the terms `want` accepts, with their frequencies. */
    c = (struct collect){0};
    OK(xap_db_allterms_where(db, "ки", want_long, collect_fn, &c, E));
    ck_assert_str_eq(c.buf, "китептер:1,");
    c = (struct collect){0};
    OK(xap_db_allterms_where(db, "Z", NULL, collect_fn, &c, E));
    ck_assert_str_eq(c.buf, "Zкино:1,Zкитеп:2,Zокуу:2,");
    xap_db_close(db);
}
END_TEST

START_TEST(reopen_sees_later_commit)
{
    xap_db *w = open_w("db");
    add_doc(w, "1", "бир", NULL, NULL, NULL);
    OK(xap_db_commit(w, E));
    xap_db *r = open_r("db");
    ck_assert_uint_eq(doccount(r), 1);
    add_doc(w, "2", "эки", NULL, NULL, NULL);
    OK(xap_db_commit(w, E));
    ck_assert_uint_eq(doccount(r), 1); /* still the old revision */
    OK(xap_db_reopen(r, E));
    ck_assert_uint_eq(doccount(r), 2);
    xap_db_close(r);
    xap_db_close(w);
}
END_TEST

START_TEST(add_database_searches_both)
{
    xap_db *w1 = open_w("one"), *w2 = open_w("two");
    add_doc(w1, "1", "китеп окуу", NULL, NULL, "from one");
    add_doc(w2, "2", "китептер жазуу", NULL, NULL, "from two");
    add_doc(w2, "3", "жазуу", NULL, NULL, NULL);
    xap_db_close(w1);
    OK(xap_db_commit(w2, E));
    xap_db *r1 = open_r("one"), *r2 = open_r("two");
    OK(xap_db_add_database(r1, r2, E));
    ck_assert_uint_eq(doccount(r1), 3);
    xap_query *q = term_q("Zкитеп");
    xap_mset *ms = search(r1, q, 10);
    ck_assert_uint_eq(xap_mset_size(ms), 2);
    int seen_one = 0, seen_two = 0;
    for (unsigned i = 0; i < 2; i++) {
        const char *d;
        OK(xap_mset_data(ms, i, &d, NULL, E));
        seen_one |= !strcmp(d, "from one");
        seen_two |= !strcmp(d, "from two");
    }
    ck_assert(seen_one && seen_two);
    xap_mset_free(ms);
    xap_query_free(q);

    xap_error err;
    ck_assert_int_eq(xap_db_add_database(w2, r1, &err), XAP_ERR_INVALID);
    ck_assert_int_eq(xap_db_add_database(r1, NULL, &err), XAP_ERR_INVALID);
    xap_db_close(r1);
    /* closing the combined handle leaves the added one usable */
    ck_assert_uint_eq(doccount(r2), 2);
    xap_db_close(r2);
    xap_db_close(w2);
}
END_TEST

/* ---- spelling and synonyms ------------------------------------------------ */

START_TEST(spelling_suggestion)
{
    xap_db *w = open_w("db");
    OK(xap_db_add_spelling(w, "гранттарды", 1, E));
    OK(xap_db_commit(w, E));
    xap_db *r = open_r("db");
    char *s = NULL;
    OK(xap_db_spelling_suggestion(r, "грантарды", 2, &s, E));
    ck_assert_str_eq(s, "гранттарды");
    free(s);
    OK(xap_db_spelling_suggestion(r, "гранттарды", 2, &s, E));
    ck_assert_str_eq(s, ""); /* a known word has no suggestion */
    free(s);
    OK(xap_db_spelling_suggestion(r, "мүлдө башка", 2, &s, E));
    ck_assert_str_eq(s, "");
    free(s);

    /* the query parser corrects through the database */
    xap_qparser *qp = NULL;
    OK(xap_qparser_new(&qp, E));
    OK(xap_qparser_set_database(qp, r, E));
    ck_assert_str_eq(xap_qparser_corrected(qp), "");
    xap_query *q = parse(qp, "жаңы грантарды", XAP_QP_DEFAULT | XAP_QP_SPELLING_CORRECTION);
    ck_assert_str_eq(xap_qparser_corrected(qp), "жаңы гранттарды");
    xap_query_free(q);
    xap_qparser_free(qp);
    xap_error err;
    ck_assert_int_eq(xap_db_add_spelling(r, "x", 1, &err), XAP_ERR_INVALID);
    xap_db_close(r);
    xap_db_close(w);
}
END_TEST

START_TEST(synonyms_in_query_parser)
{
    xap_db *w = open_w("db");
    add_doc(w, "1", "китеп", NULL, NULL, NULL);
    add_doc(w, "2", "басылма", NULL, NULL, NULL);
    OK(xap_db_add_synonym(w, "китеп", "басылма", E));
    OK(xap_db_commit(w, E));
    xap_db *r = open_r("db");
    xap_qparser *qp = NULL;
    OK(xap_qparser_new(&qp, E));
    OK(xap_qparser_set_database(qp, r, E));

    xap_query *plain = parse(qp, "китеп", XAP_QP_DEFAULT);
    char *d = describe(plain);
    ck_assert_ptr_null(strstr(d, "басылма"));
    free(d);
    ck_assert_uint_eq(count_matches(r, plain), 1);

    xap_query *syn = parse(qp, "китеп", XAP_QP_DEFAULT | XAP_QP_AUTO_SYNONYMS);
    d = describe(syn);
    ck_assert_ptr_nonnull(strstr(d, "SYNONYM"));
    ck_assert_ptr_nonnull(strstr(d, "басылма"));
    free(d);
    ck_assert_uint_eq(count_matches(r, syn), 2);

    /* explicit synonym operator ~ */
    xap_query *tilde = parse(qp, "~китеп", XAP_QP_DEFAULT | XAP_QP_SYNONYM);
    ck_assert_uint_eq(count_matches(r, tilde), 2);

    xap_query_free(plain);
    xap_query_free(syn);
    xap_query_free(tilde);
    xap_qparser_free(qp);
    xap_db_close(r);
    xap_db_close(w);
}
END_TEST

/* ---- stemmers ------------------------------------------------------------- */

START_TEST(stem_lang)
{
    xap_stem *st = NULL;
    OK(xap_stem_new_lang("english", &st, E));
    char *s = NULL;
    OK(xap_stem_apply(st, "running", &s, E));
    ck_assert_str_eq(s, "run");
    free(s);
    xap_stem_free(st);
    OK(xap_stem_new_lang("russian", &st, E));
    OK(xap_stem_apply(st, "книгами", &s, E));
    ck_assert_str_eq(s, "книг");
    free(s);
    xap_stem_free(st);
    xap_error err;
    st = (xap_stem *)&err;
    ck_assert_int_eq(xap_stem_new_lang("klingon", &st, &err), XAP_ERR_INVALID);
    ck_assert_ptr_null(st);
    ck_assert_uint_gt(strlen(err.msg), 0);
}
END_TEST

START_TEST(stem_custom_apply)
{
    int calls = 0;
    xap_stem *st = make_test_stem(&calls);
    char *s = NULL;
    OK(xap_stem_apply(st, "балдар", &s, E));
    ck_assert_str_eq(s, "бал");
    free(s);
    OK(xap_stem_apply(st, "китептерди", &s, E));
    ck_assert_str_eq(s, "китеп");
    free(s);
    OK(xap_stem_apply(st, "окушат", &s, E));
    ck_assert_str_eq(s, "окушат");
    free(s);
    ck_assert_int_eq(calls, 3); /* ctx is passed through */
    xap_stem_free(st);

    /* a stem longer than the buffer: the word comes back unchanged */
    OK(xap_stem_new_custom(too_long_stem, NULL, "long", &st, E));
    OK(xap_stem_apply(st, "китептер", &s, E));
    ck_assert_str_eq(s, "китептер");
    free(s);
    xap_stem_free(st);

    xap_error err;
    ck_assert_int_eq(xap_stem_new_custom(NULL, NULL, "x", &st, &err), XAP_ERR_INVALID);
}
END_TEST

START_TEST(stem_custom_in_query_parser)
{
    int calls = 0;
    xap_stem *st = make_test_stem(&calls);
    xap_qparser *qp = NULL;
    OK(xap_qparser_new(&qp, E));
    OK(xap_qparser_set_stemmer(qp, st, XAP_STEM_SOME, E));
    xap_stem_free(st); /* the parser holds its own reference */

    xap_query *q = parse(qp, "китептер", XAP_QP_DEFAULT);
    char *d = describe(q);
    ck_assert_msg(strstr(d, "Zкитеп@1") != NULL, "%s", d);
    free(d);
    xap_query_free(q);
    ck_assert_int_gt(calls, 0);

    /* a capitalised word is not stemmed with STEM_SOME */
    q = parse(qp, "Китептер", XAP_QP_DEFAULT);
    d = describe(q);
    ck_assert_msg(strstr(d, "Z") == NULL && strstr(d, "китептер@1"), "%s", d);
    free(d);
    xap_query_free(q);

    /* STEM_ALL: unprefixed stems */
    st = make_test_stem(NULL);
    OK(xap_qparser_set_stemmer(qp, st, XAP_STEM_ALL, E));
    q = parse(qp, "китептер", XAP_QP_DEFAULT);
    d = describe(q);
    ck_assert_msg(strstr(d, "Z") == NULL && strstr(d, "китеп@1"), "%s", d);
    free(d);
    xap_query_free(q);

    xap_error err;
    ck_assert_int_eq(xap_qparser_set_stemmer(qp, st, 99, &err), XAP_ERR_INVALID);
    xap_stem_free(st);
    xap_qparser_free(qp);
}
END_TEST

/* ---- the query parser ----------------------------------------------------- */

START_TEST(qparser_errors)
{
    xap_qparser *qp = NULL;
    OK(xap_qparser_new(&qp, E));
    xap_query *q = (xap_query *)qp;
    xap_error err;
    /* Xapian 1.4 re-parses plain "parse error"s without flags, so "title:("
     * and "\"unbalanced" are accepted; dangling operators are not. */
    ck_assert_int_eq(xap_qparser_parse(qp, "китеп AND", XAP_QP_BOOLEAN, NULL, &q, &err),
                     XAP_ERR_QUERY);
    ck_assert_ptr_null(q);
    ck_assert_str_eq(err.klass, "QueryParserError");
    ck_assert_uint_gt(strlen(err.msg), 0);
    ck_assert_int_eq(xap_qparser_parse(qp, "NOT китеп", XAP_QP_BOOLEAN, NULL, &q, &err),
                     XAP_ERR_QUERY);
    q = parse(qp, "NOT китеп", XAP_QP_BOOLEAN | XAP_QP_PURE_NOT);
    xap_query_free(q);
    q = parse(qp, "title:(", XAP_QP_BOOLEAN);
    xap_query_free(q);

    /* with a range processor, a range no processor accepts */
    OK(xap_qparser_add_date_range(qp, 1, E));
    ck_assert_int_eq(xap_qparser_parse(qp, "2021..20x", XAP_QP_DEFAULT, NULL, &q, &err),
                     XAP_ERR_QUERY);
    ck_assert_str_eq(err.msg, "Unknown range operation");

    ck_assert_int_eq(xap_qparser_parse(qp, "x", 1 << 20, NULL, &q, &err), XAP_ERR_INVALID);
    ck_assert_int_eq(xap_qparser_parse(qp, NULL, 0, NULL, &q, &err), XAP_ERR_INVALID);
    xap_qparser_free(qp);
}
END_TEST

START_TEST(qparser_prefixes_stopwords_default_op)
{
    xap_qparser *qp = NULL;
    OK(xap_qparser_new(&qp, E));
    OK(xap_qparser_add_prefix(qp, "title", "S", E));
    OK(xap_qparser_add_boolean_prefix(qp, "cat", "XC", E));
    static const char *const stop[] = {"жана"};
    OK(xap_qparser_set_stopwords(qp, stop, 1, E));

    xap_query *q = parse(qp, "title:китеп cat:илим", XAP_QP_DEFAULT);
    char *d = describe(q);
    ck_assert_msg(strstr(d, "Sкитеп@1") && strstr(d, "FILTER XCилим"), "%s", d);
    free(d);
    xap_query_free(q);

    q = parse(qp, "китеп жана дептер", XAP_QP_DEFAULT);
    d = describe(q);
    ck_assert_msg(!strstr(d, "жана") && strstr(d, "китеп") && strstr(d, " OR "), "%s", d);
    free(d);
    xap_query_free(q);

    OK(xap_qparser_set_default_op(qp, XAP_OP_AND, E));
    q = parse(qp, "китеп дептер", XAP_QP_DEFAULT);
    d = describe(q);
    ck_assert_msg(strstr(d, " AND ") && !strstr(d, " OR "), "%s", d);
    free(d);
    xap_query_free(q);

    /* default prefix */
    OK(xap_qparser_parse(qp, "китеп", XAP_QP_DEFAULT, "S", &q, E));
    d = describe(q);
    ck_assert_msg(strstr(d, "Sкитеп"), "%s", d);
    free(d);
    xap_query_free(q);

    xap_error err;
    ck_assert_int_eq(xap_qparser_set_default_op(qp, (xap_op)77, &err), XAP_ERR_INVALID);
    xap_qparser_free(qp);
}
END_TEST

static xap_db *dated_db(void)
{
    xap_db *w = open_w("db");
    add_doc(w, "a", "китеп гранттар", "20210305", "илим", "A");
    add_doc(w, "b", "китеп", "20191201", "маданият", "B");
    add_doc(w, "c", "китептер гранттарды", "20230110", "илим", "C");
    add_doc(w, "d", "спорт", "20211231", "спорт", "D");
    OK(xap_db_commit(w, E));
    return w;
}

START_TEST(qparser_date_range)
{
    xap_db *db = dated_db();
    xap_qparser *qp = NULL;
    OK(xap_qparser_new(&qp, E));
    OK(xap_qparser_add_date_range(qp, 1, E));
    xap_query *q = parse(qp, "2021-01-01..2021-12-31", XAP_QP_DEFAULT);
    char *d = describe(q);
    ck_assert_msg(strstr(d, "VALUE_RANGE 1 20210101 20211231"), "%s", d);
    free(d);
    ck_assert_uint_eq(count_matches(db, q), 2); /* a, d */
    xap_query_free(q);
    q = parse(qp, "китеп 2019-01-01..2020-01-01", XAP_QP_DEFAULT);
    ck_assert_uint_eq(count_matches(db, q), 1); /* b */
    xap_query_free(q);
    xap_qparser_free(qp);
    xap_db_close(db);
}
END_TEST

START_TEST(qparser_wildcard)
{
    xap_db *db = dated_db();
    xap_qparser *qp = NULL;
    OK(xap_qparser_new(&qp, E));
    OK(xap_qparser_set_database(qp, db, E));
    xap_query *q = parse(qp, "грант*", XAP_QP_DEFAULT | XAP_QP_WILDCARD);
    ck_assert_uint_eq(count_matches(db, q), 2);
    xap_query_free(q);
    q = parse(qp, "грант*", XAP_QP_DEFAULT); /* no flag: the literal word */
    ck_assert_uint_eq(count_matches(db, q), 0);
    xap_query_free(q);
    xap_qparser_free(qp);
    xap_db_close(db);
}
END_TEST

/* ---- query building ------------------------------------------------------- */

START_TEST(query_builders)
{
    xap_db *db = dated_db();
    xap_query *kitep = term_q("китеп"), *grant = term_q("гранттар");
    xap_query *subs[2] = {kitep, grant}, *q = NULL;

    static const struct { xap_op op; unsigned n; } cases[] = {
        {XAP_OP_AND, 1}, {XAP_OP_OR, 2}, {XAP_OP_AND_NOT, 1},
        {XAP_OP_XOR, 1}, {XAP_OP_AND_MAYBE, 2}, {XAP_OP_FILTER, 1},
        {XAP_OP_NEAR, 1}, {XAP_OP_PHRASE, 1}, {XAP_OP_ELITE_SET, 2},
        {XAP_OP_SYNONYM, 2}, {XAP_OP_MAX, 2},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        OK(xap_query_combine(cases[i].op, subs, 2, 0, &q, E));
        ck_assert_msg(count_matches(db, q) == cases[i].n, "op %d", (int)cases[i].op);
        xap_query_free(q);
    }
    /* the subqueries are not consumed */
    ck_assert_uint_eq(count_matches(db, kitep), 2);
    char *d = describe(kitep);
    ck_assert_str_eq(d, "Query(китеп)");
    free(d);

    xap_error err;
    ck_assert_int_eq(xap_query_combine((xap_op)99, subs, 2, 0, &q, &err), XAP_ERR_INVALID);
    ck_assert_ptr_null(q);

    OK(xap_query_wildcard("грант", 0, &q, E));
    ck_assert_uint_eq(count_matches(db, q), 2);
    xap_query_free(q);

    OK(xap_query_scale(kitep, 2.5, &q, E));
    d = describe(q);
    ck_assert_msg(strstr(d, "2.5 * китеп"), "%s", d);
    free(d);
    xap_query_free(q);
    ck_assert_int_eq(xap_query_scale(kitep, -1.0, &q, &err), XAP_ERR_INVALID);

    OK(xap_query_match_all(&q, E));
    ck_assert(!xap_query_is_empty(q));
    ck_assert_uint_eq(count_matches(db, q), 4);
    xap_query_free(q);
    OK(xap_query_match_nothing(&q, E));
    ck_assert(xap_query_is_empty(q));
    ck_assert_uint_eq(count_matches(db, q), 0);
    xap_query_free(q);
    ck_assert(!xap_query_is_empty(kitep));

    xap_query_free(kitep);
    xap_query_free(grant);
    xap_db_close(db);
}
END_TEST

START_TEST(query_value_range)
{
    xap_db *db = dated_db();
    static const struct { const char *lo, *hi; unsigned n; const char *op; } cases[] = {
        {"20210101", "20211231", 2, "VALUE_RANGE"},
        {NULL, "20211231", 3, "VALUE_LE"},
        {"20210101", NULL, 3, "VALUE_GE"},
        {NULL, NULL, 4, "<alldocuments>"},
    };
    for (size_t i = 0; i < 4; i++) {
        xap_query *q = NULL;
        OK(xap_query_value_range(1, cases[i].lo, cases[i].hi, &q, E));
        char *d = describe(q);
        ck_assert_msg(strstr(d, cases[i].op), "%s", d);
        free(d);
        ck_assert_uint_eq(count_matches(db, q), cases[i].n);
        xap_query_free(q);
    }
    xap_db_close(db);
}
END_TEST

/* ---- searching ------------------------------------------------------------ */

START_TEST(mset_hits)
{
    xap_db *db = dated_db();
    xap_query *q = term_q("Zкитеп");
    xap_enquire *enq = NULL;
    xap_mset *ms = NULL;
    OK(xap_enquire_new(db, &enq, E));
    OK(xap_enquire_set_query(enq, q, E));
    OK(xap_enquire_get_mset(enq, 0, 10, 0, &ms, E));
    ck_assert_uint_eq(xap_mset_size(ms), 3);
    ck_assert_uint_eq(xap_mset_estimated(ms), 3);
    ck_assert_uint_eq(xap_mset_lower_bound(ms), 3);
    ck_assert_uint_eq(xap_mset_upper_bound(ms), 3);
    double last = 1e300;
    for (unsigned i = 0; i < 3; i++) {
        xap_hit h;
        OK(xap_mset_hit(ms, i, &h, E));
        ck_assert_uint_eq(h.rank, i);
        ck_assert_uint_gt(h.docid, 0);
        ck_assert_double_le(h.weight, last);
        ck_assert_double_gt(h.weight, 0);
        ck_assert_int_gt(h.percent, 0);
        ck_assert_int_le(h.percent, 100);
        last = h.weight;
        const char *data, *val;
        size_t dlen, vlen;
        OK(xap_mset_data(ms, i, &data, &dlen, E));
        OK(xap_mset_value(ms, i, 1, &val, &vlen, E));
        ck_assert_uint_eq(dlen, 1);
        ck_assert_uint_eq(vlen, 8);
        /* data and value agree with the document */
        xap_doc *doc = NULL;
        OK(xap_db_get_document(db, h.docid, &doc, E));
        const char *dd;
        OK(xap_doc_get_data(doc, &dd, NULL, E));
        ck_assert_str_eq(dd, data);
        xap_doc_free(doc);
    }
    xap_hit h0;
    OK(xap_mset_hit(ms, 0, &h0, E));
    ck_assert_int_eq(h0.percent, 100);
    xap_error err;
    xap_hit h;
    ck_assert_int_eq(xap_mset_hit(ms, 3, &h, &err), XAP_ERR_INVALID);
    const char *p;
    ck_assert_int_eq(xap_mset_data(ms, 3, &p, NULL, &err), XAP_ERR_INVALID);
    xap_mset_free(ms);

    /* paging: first = 1 */
    OK(xap_enquire_get_mset(enq, 1, 10, 0, &ms, E));
    ck_assert_uint_eq(xap_mset_size(ms), 2);
    OK(xap_mset_hit(ms, 0, &h, E));
    ck_assert_uint_eq(h.rank, 1);
    xap_mset_free(ms);

    xap_enquire_free(enq);
    xap_query_free(q);
    xap_db_close(db);
}
END_TEST

static void dates_in_order(xap_enquire *enq, const char *const *want)
{
    xap_mset *ms = NULL;
    OK(xap_enquire_get_mset(enq, 0, 10, 0, &ms, E));
    ck_assert_uint_eq(xap_mset_size(ms), 4);
    for (unsigned i = 0; i < 4; i++) {
        const char *v;
        OK(xap_mset_value(ms, i, 1, &v, NULL, E));
        ck_assert_str_eq(v, want[i]);
    }
    xap_mset_free(ms);
}

START_TEST(sort_by_value)
{
    xap_db *db = dated_db();
    xap_query *q = NULL;
    OK(xap_query_match_all(&q, E));
    xap_enquire *enq = NULL;
    OK(xap_enquire_new(db, &enq, E));
    OK(xap_enquire_set_query(enq, q, E));
    OK(xap_enquire_sort_by_value(enq, 1, 1, E));
    static const char *const desc[] = {"20230110", "20211231", "20210305", "20191201"};
    dates_in_order(enq, desc);
    OK(xap_enquire_sort_by_value(enq, 1, 0, E));
    static const char *const asc[] = {"20191201", "20210305", "20211231", "20230110"};
    dates_in_order(enq, asc);
    OK(xap_enquire_sort_by_relevance(enq, E));
    xap_mset *ms = NULL;
    OK(xap_enquire_get_mset(enq, 0, 10, 0, &ms, E));
    ck_assert_uint_eq(xap_mset_size(ms), 4);
    xap_mset_free(ms);
    xap_enquire_free(enq);
    xap_query_free(q);
    xap_db_close(db);
}
END_TEST

START_TEST(bm25_params)
{
    xap_db *w = open_w("db");
    add_doc(w, "many", "алма алма алма", NULL, NULL, NULL);
    add_doc(w, "one", "алма өрүк жүзүм", NULL, NULL, NULL); /* same length */
    add_doc(w, "other", "банан", NULL, NULL, NULL);
    xap_query *q = term_q("алма");
    xap_enquire *enq = NULL;
    xap_mset *ms = NULL;
    xap_hit a, b;
    OK(xap_enquire_new(w, &enq, E));
    OK(xap_enquire_set_query(enq, q, E));

    OK(xap_enquire_get_mset(enq, 0, 10, 0, &ms, E));
    OK(xap_mset_hit(ms, 0, &a, E));
    OK(xap_mset_hit(ms, 1, &b, E));
    ck_assert_double_gt(a.weight, b.weight * 1.01); /* wdf 3 beats wdf 1 */
    xap_mset_free(ms);

    /* k1 = 0: the wdf no longer matters */
    OK(xap_enquire_set_bm25(enq, 0, 0, 1, 0.5, 0.5, E));
    OK(xap_enquire_get_mset(enq, 0, 10, 0, &ms, E));
    OK(xap_mset_hit(ms, 0, &a, E));
    OK(xap_mset_hit(ms, 1, &b, E));
    ck_assert_double_eq_tol(a.weight, b.weight, 1e-9);
    xap_mset_free(ms);

    /* Xapian clamps negative parameters to 0 (no error): same as k1 = 0 */
    OK(xap_enquire_set_bm25(enq, -1, 0, 1, 0.5, 0.5, E));
    OK(xap_enquire_get_mset(enq, 0, 10, 0, &ms, E));
    OK(xap_mset_hit(ms, 0, &a, E));
    OK(xap_mset_hit(ms, 1, &b, E));
    ck_assert_double_eq_tol(a.weight, b.weight, 1e-9);
    xap_mset_free(ms);
    /* back to the defaults (1, 0, 1, 0.5, 0.5): the wdf counts again */
    OK(xap_enquire_set_bm25(enq, 1, 0, 1, 0.5, 0.5, E));
    OK(xap_enquire_get_mset(enq, 0, 10, 0, &ms, E));
    OK(xap_mset_hit(ms, 0, &a, E));
    OK(xap_mset_hit(ms, 1, &b, E));
    ck_assert_double_gt(a.weight, b.weight * 1.01);
    xap_mset_free(ms);
    /* BoolWeight: the same matches, every weight 0 */
    OK(xap_enquire_set_bool_weight(enq, E));
    OK(xap_enquire_get_mset(enq, 0, 10, 0, &ms, E));
    ck_assert_uint_eq(xap_mset_size(ms), 2);
    OK(xap_mset_hit(ms, 0, &a, E));
    OK(xap_mset_hit(ms, 1, &b, E));
    ck_assert_double_eq(a.weight, 0);
    ck_assert_double_eq(b.weight, 0);
    xap_mset_free(ms);
    xap_error err;
    ck_assert_int_eq(xap_enquire_set_bool_weight(NULL, &err), XAP_ERR_INVALID);
    ck_assert_int_eq(xap_enquire_set_bm25(NULL, 1, 0, 1, 0.5, 0.5, &err), XAP_ERR_INVALID);
    xap_enquire_free(enq);
    xap_query_free(q);
    xap_db_close(w);
}
END_TEST

static int spy_fn(void *ctx, const char *val, size_t len, unsigned count)
{
    void **args = ctx;
    xap_db *db = args[0];
    int *n = args[1];
    char term[256];
    snprintf(term, sizeof term, "XC%.*s", (int)len, val);
    /* the count equals the number of matches of "Zкитеп FILTER XC<value>" */
    xap_query *sub[2];
    sub[0] = term_q("Zкитеп");
    sub[1] = term_q(term);
    xap_query *q = NULL;
    OK(xap_query_combine(XAP_OP_FILTER, sub, 2, 0, &q, E));
    ck_assert_uint_eq(count, count_matches(db, q));
    xap_query_free(q);
    xap_query_free(sub[0]);
    xap_query_free(sub[1]);
    ++*n;
    return 0;
}

START_TEST(spy_counts)
{
    xap_db *db = dated_db();
    xap_query *q = term_q("Zкитеп");
    xap_spy *spy = NULL;
    xap_enquire *enq = NULL;
    xap_mset *ms = NULL;
    OK(xap_spy_new(2, &spy, E));
    OK(xap_enquire_new(db, &enq, E));
    OK(xap_enquire_set_query(enq, q, E));
    OK(xap_enquire_add_spy(enq, spy, E));
    OK(xap_enquire_get_mset(enq, 0, 10, 100, &ms, E));

    struct collect c = {0};
    OK(xap_spy_values(spy, 10, collect_fn, &c, E));
    ck_assert_str_eq(c.buf, "илим:2,маданият:1,"); /* most frequent first */
    c = (struct collect){0};
    OK(xap_spy_values(spy, 1, collect_fn, &c, E));
    ck_assert_str_eq(c.buf, "илим:2,");
    int n = 0;
    void *args[2] = {db, &n};
    OK(xap_spy_values(spy, 10, spy_fn, args, E));
    ck_assert_int_eq(n, 2);

    xap_mset_free(ms);
    xap_enquire_free(enq);
    xap_spy_free(spy);
    xap_query_free(q);
    xap_db_close(db);
}
END_TEST

START_TEST(snippet_with_custom_stemmer)
{
    xap_db *w = open_w("db");
    const char *text = "Балдар китептерди окушат";
    add_doc(w, "1", "балдар китептерди окушат", NULL, NULL, text);
    xap_stem *st = make_test_stem(NULL);
    xap_qparser *qp = NULL;
    OK(xap_qparser_new(&qp, E));
    OK(xap_qparser_set_stemmer(qp, st, XAP_STEM_SOME, E));
    xap_query *q = parse(qp, "китептер", XAP_QP_DEFAULT); /* Zкитеп */
    xap_mset *ms = search(w, q, 10);
    ck_assert_uint_eq(xap_mset_size(ms), 1);

    char *s = NULL;
    OK(xap_mset_snippet(ms, text, strlen(text), 200, st, 0, "[", "]", "…", &s, E));
    ck_assert_str_eq(s, "Балдар [китептерди] окушат");
    free(s);
    /* without the stemmer the Z term matches nothing in the text */
    OK(xap_mset_snippet(ms, text, strlen(text), 200, NULL, 0, "[", "]", "…", &s, E));
    ck_assert_str_eq(s, "Балдар китептерди окушат");
    free(s);
    OK(xap_mset_snippet(ms, text, strlen(text), 200, NULL,
                        XAP_SNIPPET_EMPTY_WITHOUT_MATCH, "[", "]", "…", &s, E));
    ck_assert_str_eq(s, "");
    free(s);
    /* NULL markers: Xapian's defaults; the text is HTML-escaped */
    OK(xap_mset_snippet(ms, "a<b китептер", strlen("a<b китептер"), 200, st, 0,
                        NULL, NULL, NULL, &s, E));
    ck_assert_str_eq(s, "a&lt;b <b>китептер</b>");
    free(s);
    xap_error err;
    ck_assert_int_eq(xap_mset_snippet(ms, text, strlen(text), 200, st, 1 << 20,
                                      NULL, NULL, NULL, &s, &err), XAP_ERR_INVALID);

    xap_mset_free(ms);
    xap_query_free(q);
    xap_qparser_free(qp);
    xap_stem_free(st);
    xap_db_close(w);
}
END_TEST

START_TEST(enquire_survives_writer_commits)
{
    /* A reader whose revision a writer has moved past: the search either
     * succeeds on its revision or reopens (DatabaseModifiedError) and
     * retries; it must not fail. */
    xap_db *w = open_w("db");
    for (int i = 0; i < 50; i++) {
        char uid[16];
        snprintf(uid, sizeof uid, "%d", i);
        add_doc(w, uid, "эски сөз", NULL, NULL, NULL);
    }
    OK(xap_db_commit(w, E));
    xap_db *r = open_r("db");
    xap_enquire *enq = NULL;
    OK(xap_enquire_new(r, &enq, E));
    xap_query *q = term_q("сөз");
    OK(xap_enquire_set_query(enq, q, E));
    for (int c = 0; c < 5; c++) {
        for (int i = 0; i < 50; i++) {
            char uid[16];
            snprintf(uid, sizeof uid, "%d", i);
            add_doc(w, uid, "жаңы сөз", NULL, NULL, NULL);
        }
        OK(xap_db_commit(w, E));
    }
    xap_mset *ms = NULL;
    OK(xap_enquire_get_mset(enq, 0, 100, 100, &ms, E));
    ck_assert_uint_eq(xap_mset_size(ms), 50);
    xap_mset_free(ms);
    xap_enquire_free(enq);
    xap_query_free(q);
    xap_db_close(r);
    xap_db_close(w);
}
END_TEST

Suite *xapian_suite(void)
{
    Suite *s = suite_create("xapian");
    TCase *tc = tcase_create("binding");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, error_text_formats);
    tcase_add_test(tc, open_read_missing);
    tcase_add_test(tc, success_leaves_err_untouched);
    tcase_add_test(tc, free_null_is_noop);
    tcase_add_test(tc, second_writer_is_locked);
    tcase_add_test(tc, waiting_writer_gets_lock_when_released);
    tcase_add_test(tc, doc_build_and_read);
    tcase_add_test(tc, doc_terms_long_then_short);
    tcase_add_test(tc, replace_find_delete);
    tcase_add_test(tc, postings_values_by_docid);
    tcase_add_test(tc, overwrite_flag);
    tcase_add_test(tc, in_place_commits_read_back);
    tcase_add_test(tc, transactions);
    tcase_add_test(tc, metadata_round_trip);
    tcase_add_test(tc, termfreq_and_allterms);
    tcase_add_test(tc, reopen_sees_later_commit);
    tcase_add_test(tc, add_database_searches_both);
    tcase_add_test(tc, spelling_suggestion);
    tcase_add_test(tc, synonyms_in_query_parser);
    tcase_add_test(tc, stem_lang);
    tcase_add_test(tc, stem_custom_apply);
    tcase_add_test(tc, stem_custom_in_query_parser);
    tcase_add_test(tc, qparser_errors);
    tcase_add_test(tc, qparser_prefixes_stopwords_default_op);
    tcase_add_test(tc, qparser_date_range);
    tcase_add_test(tc, qparser_wildcard);
    tcase_add_test(tc, query_builders);
    tcase_add_test(tc, query_value_range);
    tcase_add_test(tc, mset_hits);
    tcase_add_test(tc, sort_by_value);
    tcase_add_test(tc, bm25_params);
    tcase_add_test(tc, spy_counts);
    tcase_add_test(tc, snippet_with_custom_stemmer);
    tcase_add_test(tc, enquire_survives_writer_commits);
    suite_add_tcase(s, tc);
    return s;
}
