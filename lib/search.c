/* izde — searching one or more databases as one. */
#include "izde/search.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "izde/dbset.h"
#include "izde/lang.h"
#include "izde/query.h"
#include "izde/schema.h"
#include "izde/spelling.h"
#include "izde/xapian.h"

/* Matches are counted exactly up to this many (check_at_least), which also
 * makes facet counts exact. */
#define EXACT_COUNT 10000
#define FACETS_MAX 50
/* Did-you-mean scans part of the vocabulary per unknown word: not for
 * queries with more unknown words than this. */
#define SUGGEST_MAX_WORDS 5

unsigned long izde_search_count_passes;

struct izde_searcher {
    izde_dbset *set;
    xap_db *db;        /* the set's databases as one */
    izde_analyzer *an;
};

static izde_status db_fail(izde_error *err, const char *what, const xap_error *xe)
{
    char m[600];
    return izde_fail(err, xe->code == XAP_ERR_NOMEM     ? IZDE_ERR_NOMEM
                          : xe->code == XAP_ERR_NETWORK ? IZDE_ERR_NETWORK
                                                        : IZDE_ERR_DB,
                     "%s: %s", what, xap_error_text(xe, m, sizeof m));
}

/* An error that a reader racing an indexer's commit can meet: the
 * revision it reads was discarded (DatabaseModifiedError), or a block of it
 * was already reused ("DatabaseCorruptError: Expected block N to be level
 * 1", seen in tests/e2e/readers.sh).  Reopening reads the new revision; a
 * database that is really corrupt fails every retry and is reported. */
static int stale(const xap_error *xe)
{
    return xe->code == XAP_ERR_MODIFIED || xe->code == XAP_ERR_CORRUPT;
}

/* Searches (and opens) again from the latest commit this many times when an
 * indexer's commits discard the revision being read. */
#define MODIFIED_RETRIES 3

izde_status izde_searcher_open(const char *const *paths, size_t n,
                               izde_searcher **out, izde_error *err)
{
    return izde_searcher_open_partial(paths, n, 0, out, err);
}

izde_status izde_searcher_open_partial(const char *const *paths, size_t n, int allow_partial,
                                       izde_searcher **out, izde_error *err)
{
    *out = NULL;
    izde_searcher *s = calloc(1, sizeof *s);
    if (!s)
        return izde_fail(err, IZDE_ERR_NOMEM, "out of memory");
    izde_status rc = izde_analyzer_new(&s->an, err);
    if (rc == IZDE_OK)
        rc = izde_dbset_open(paths, n, allow_partial, &s->set, err);
    if (rc != IZDE_OK) {
        izde_searcher_close(s);
        return rc;
    }
    s->db = izde_dbset_db(s->set);
    *out = s;
    return IZDE_OK;
}

const char *izde_searcher_warning(const izde_searcher *s)
{
    return izde_dbset_warning(s->set);
}

void izde_searcher_close(izde_searcher *s)
{
    if (!s)
        return;
    izde_dbset_close(s->set);
    izde_analyzer_free(s->an);
    free(s);
}

izde_status izde_searcher_reopen(izde_searcher *s, izde_error *err)
{
    izde_status rc = izde_dbset_reopen(s->set, err);
    s->db = izde_dbset_db(s->set);
    return rc;
}

static izde_status fill_hit(izde_searcher *s, xap_mset *ms, unsigned i,
                            const izde_query *q, const izde_search_opts *o,
                            izde_snippet_memo *memo, izde_hit *h, int *modified,
                            izde_error *err)
{
    xap_error xe;
    xap_hit xh;
    const char *data;
    size_t len;
    if (xap_mset_hit(ms, i, &xh, &xe) != XAP_OK ||
        xap_mset_data(ms, i, &data, &len, &xe) != XAP_OK) {
        *modified = stale(&xe);
        return db_fail(err, "reading a hit", &xe);
    }
    h->rank = xh.rank + 1;
    h->score = xh.weight;
    if (izde_docdata_decode(data, len, &h->data) != IZDE_OK)
        return izde_fail(err, IZDE_ERR_NOMEM, "out of memory");
    if (!o->snippet_bytes || !h->data.text)
        return IZDE_OK;
    /* The text's words stemmed as the index stemmed them: in the article's
     * language, Kyrgyz unless Russian (izde_document_build). */
    unsigned saved = izde_analyzer_langs(s->an);
    if (h->data.lang)
        izde_analyzer_set_langs(s->an, izde_lang_from_code(h->data.lang) == IZDE_LANG_RU
                                           ? IZDE_LANG_RU : IZDE_LANG_KY);
    izde_status rc = izde_snippet_make(s->an, h->data.text, h->data.text_len, q,
                                       o->snippet_bytes, memo, &h->snippet, err);
    izde_analyzer_set_langs(s->an, saved);
    return rc;
}

/* Filters q->xq by `f` (which stays the caller's). */
static izde_status filter_by(izde_query *q, xap_query *f, izde_error *err)
{
    xap_query *v[2] = {q->xq, f}, *both = NULL;
    xap_error xe;
    if (xap_query_combine(XAP_OP_FILTER, v, 2, 0, &both, &xe) != XAP_OK)
        return izde_fail(err, IZDE_ERR_NOMEM, "query: %s", xe.msg);
    xap_query_free(q->xq);
    q->xq = both;
    return IZDE_OK;
}

/* Filters q->xq by the boolean term prefix + value. */
static izde_status filter_term(izde_query *q, const char *prefix, const char *value,
                               size_t n, izde_error *err)
{
    char term[256];
    xap_query *t = NULL;
    xap_error xe;
    snprintf(term, sizeof term, "%s%.*s", prefix, (int)n, value);
    if (xap_query_term(term, strlen(term), 1, 0, &t, &xe) != XAP_OK)
        return izde_fail(err, IZDE_ERR_NOMEM, "query: %s", xe.msg);
    izde_status rc = filter_by(q, t, err);
    xap_query_free(t);
    return rc;
}

/* Adds the from/to, rubric and year filters to q->xq: the same terms and
 * ranges as the query language's 2021..2022, rubric: and year:. */
static izde_status add_filters(izde_query *q, const izde_search_opts *o,
                               izde_error *err)
{
    izde_status rc = IZDE_OK;
    if (o->from || o->to) {
        xap_query *range = NULL;
        rc = izde_date_range_query(o->from ? o->from : "", o->from ? strlen(o->from) : 0,
                                   o->to ? o->to : "", o->to ? strlen(o->to) : 0,
                                   &range, err);
        if (rc != IZDE_OK)
            return izde_fail(err, IZDE_ERR_USAGE, "--from/--to: %s", err ? err->msg : "");
        rc = filter_by(q, range, err);
        xap_query_free(range);
    }
    if (rc == IZDE_OK && o->rubric) {
        char folded[240];
        size_t n = izde_fold_string(o->rubric, strlen(o->rubric), folded, sizeof folded);
        if (!n)
            return izde_fail(err, IZDE_ERR_USAGE, "--rubric: empty or too long");
        rc = filter_term(q, IZDE_PFX_RUBRIC, folded, n, err);
    }
    if (rc == IZDE_OK && o->year) {
        const char *y = o->year;
        if (strlen(y) != 4 || strspn(y, "0123456789") != 4)
            return izde_fail(err, IZDE_ERR_USAGE, "--year: '%.40s' is not a year (YYYY)", y);
        rc = filter_term(q, IZDE_PFX_YEAR, y, 4, err);
    }
    return rc;
}

/* A query of only spaces with a filter: every document, to be filtered. */
static izde_status match_all(const char *text, const izde_search_opts *o,
                             izde_query *q, izde_error *err)
{
    memset(q, 0, sizeof *q);
    if (text[strspn(text, " \t\r\n")] != '\0' ||
        !(o->from || o->to || o->rubric || o->year))
        return IZDE_ERR_QUERY;
    xap_error xe;
    if (xap_query_match_all(&q->xq, &xe) != XAP_OK)
        return izde_fail(err, IZDE_ERR_NOMEM, "query: %s", xe.msg);
    return IZDE_OK;
}

typedef struct facet_list {
    izde_facet *v;
    size_t n;
    int oom;
} facet_list;

static int add_facet(void *ctx, const char *val, size_t len, unsigned count)
{
    facet_list *f = ctx;
    if (!(f->v[f->n].value = strndup(val, len))) {
        f->oom = 1;
        return 1;
    }
    f->v[f->n++].count = count;
    return f->n == FACETS_MAX;
}

static izde_status read_facets(xap_spy *spy, izde_facet **out, size_t *n,
                               izde_error *err)
{
    facet_list f = {.v = calloc(FACETS_MAX, sizeof *f.v)};
    xap_error xe;
    if (!f.v)
        return izde_fail(err, IZDE_ERR_NOMEM, "out of memory");
    *out = f.v;
    xap_status xs = xap_spy_values(spy, FACETS_MAX, add_facet, &f, &xe);
    *n = f.n;
    if (f.oom)
        return izde_fail(err, IZDE_ERR_NOMEM, "out of memory");
    return xs == XAP_OK ? IZDE_OK : db_fail(err, "facets", &xe);
}

/* Counts the matches of q exactly up to `exact` (Xapian's check_at_least),
 * unweighed: the postings are read, not weighed; the spies (facets), if
 * any, see every match counted. */
static izde_status count_matches(izde_searcher *s, xap_query *q, unsigned exact,
                                 xap_spy *years, xap_spy *rubrics, unsigned *total,
                                 int *modified, izde_error *err)
{
    xap_error xe;
    xap_enquire *enq = NULL;
    xap_mset *ms = NULL;
    xap_query *unweighed = NULL;
    izde_status rc = IZDE_OK;
    /* Scaled by 0, every weight is 0 and Xapian drops what only adds
     * weight (AND_MAYBE's right: the forms as typed, the glossary's terms). */
    if (xap_query_scale(q, 0.0, &unweighed, &xe) != XAP_OK ||
        xap_enquire_new(s->db, &enq, &xe) != XAP_OK ||
        xap_enquire_set_query(enq, unweighed, &xe) != XAP_OK ||
        (years && (xap_enquire_add_spy(enq, years, &xe) != XAP_OK ||
                   xap_enquire_add_spy(enq, rubrics, &xe) != XAP_OK)) ||
        xap_enquire_get_mset(enq, 0, 1, exact, &ms, &xe) != XAP_OK) {
        *modified = stale(&xe);
        rc = db_fail(err, "search", &xe);
    } else {
        *total = xap_mset_estimated(ms);
    }
    xap_mset_free(ms);
    xap_enquire_free(enq);
    xap_query_free(unweighed);
    return rc;
}

/* Runs q and fills the hits (and facets) of `out`, counting matches
 * exactly up to `exact` (beyond, out->total is an estimate).  *modified is
 * set when an indexer's commits discarded the revision being read
 * (DatabaseModifiedError: get_mset retries by itself, reading hits not).
 *
 * A long query's probe (query.h) goes first.  The hits and the count come
 * from one pass, or for a single word from two: ranked by Xapian, which
 * stops once no other match can rank among them (about half the work of
 * checking them all: the word's form as typed and its glossary terms only
 * add weight), then counted with no weights (count_matches), unless the
 * first pass saw every match.  Words in an AND gain nothing from the first
 * pass's shortcut, and would pay for a second. */
static izde_status run_once(izde_searcher *s, const izde_query *q,
                            const izde_search_opts *o, unsigned exact,
                            izde_results *out, int *modified, izde_error *err)
{
    xap_error xe;
    xap_enquire *enq = NULL;
    xap_mset *ms = NULL;
    xap_spy *years = NULL, *rubrics = NULL;
    izde_snippet_memo *memo = NULL;
    izde_status rc = IZDE_OK;
    int one_pass = o->sort_date || !q->single_word;
    if (q->probe) {
        unsigned some;
        rc = count_matches(s, q->probe, 1, NULL, NULL, &some, modified, err);
        if (rc != IZDE_OK || some == 0)
            goto done; /* its rarest words match nothing together: nor does it */
    }
    if ((o->facets && (xap_spy_new(IZDE_SLOT_YEAR, &years, &xe) != XAP_OK ||
                       xap_spy_new(IZDE_SLOT_RUBRIC, &rubrics, &xe) != XAP_OK)) ||
        xap_enquire_new(s->db, &enq, &xe) != XAP_OK ||
        xap_enquire_set_query(enq, q->xq, &xe) != XAP_OK ||
        (o->sort_date && xap_enquire_sort_by_value(enq, IZDE_SLOT_DATE, 1, &xe) != XAP_OK) ||
        (one_pass && years && (xap_enquire_add_spy(enq, years, &xe) != XAP_OK ||
                               xap_enquire_add_spy(enq, rubrics, &xe) != XAP_OK)) ||
        xap_enquire_get_mset(enq, o->offset, o->count, one_pass ? exact : 0, &ms, &xe) !=
            XAP_OK) {
        *modified = stale(&xe);
        rc = db_fail(err, "search", &xe);
        goto done;
    }
    out->total = xap_mset_estimated(ms);
    if (!one_pass && (years || xap_mset_lower_bound(ms) != xap_mset_upper_bound(ms))) {
        izde_search_count_passes++;
        rc = count_matches(s, q->xq, exact, years, rubrics, &out->total, modified, err);
        if (rc != IZDE_OK)
            goto done;
    }
    unsigned n = xap_mset_size(ms);
    out->hits = calloc(n ? n : 1, sizeof *out->hits);
    if (n && o->snippet_bytes)
        memo = izde_snippet_memo_new();
    if (!out->hits || (n && o->snippet_bytes && !memo)) {
        rc = izde_fail(err, IZDE_ERR_NOMEM, "out of memory");
        goto done;
    }
    for (unsigned i = 0; i < n && rc == IZDE_OK; i++, out->nhits++)
        rc = fill_hit(s, ms, i, q, o, memo, &out->hits[i], modified, err);
    if (rc == IZDE_OK && o->facets) {
        rc = read_facets(years, &out->years, &out->nyears, err);
        if (rc == IZDE_OK)
            rc = read_facets(rubrics, &out->rubrics, &out->nrubrics, err);
    }
done:
    izde_snippet_memo_free(memo);
    xap_mset_free(ms);
    xap_enquire_free(enq);
    xap_spy_free(years);
    xap_spy_free(rubrics);
    return rc;
}

static izde_status run(izde_searcher *s, const izde_query *q,
                       const izde_search_opts *o, unsigned exact,
                       izde_results *out, izde_error *err)
{
    unsigned offset = out->offset;
    for (int attempt = 0;; attempt++) {
        int modified = 0;
        izde_status rc = run_once(s, q, o, exact, out, &modified, err);
        if (rc == IZDE_OK || !modified || attempt == MODIFIED_RETRIES)
            return rc;
        izde_results_free(out);
        out->offset = offset;
        xap_error xe;
        if (xap_db_reopen(s->db, &xe) != XAP_OK)
            return db_fail(err, "reopening", &xe);
    }
}

/* The query with each unknown word replaced by its nearest indexed form,
 * or NULL if no word has one. */
static char *corrected_query(izde_searcher *s, const char *text, const izde_query *q);

typedef struct fix_ctx {
    izde_searcher *s;
    const izde_query *q;
    const char *text;
    char *out;
    size_t o, cap, from;
    int changed, failed;
} fix_ctx;

/* Appends s[0..n) to f->out, growing it. */
static int put(fix_ctx *f, const char *s, size_t n)
{
    if (f->o + n + 1 > f->cap) {
        size_t cap = (f->o + n + 1) * 2;
        char *p = realloc(f->out, cap);
        if (!p)
            return -1;
        f->out = p;
        f->cap = cap;
    }
    memcpy(f->out + f->o, s, n);
    f->o += n;
    f->out[f->o] = '\0';
    return 0;
}

static int fix_word(void *ctx, const izde_token *tok)
{
    fix_ctx *f = ctx;
    if (tok->text != f->text) {
        f->failed = 1; /* offsets into a normalised copy: not corrected */
        return 1;
    }
    for (size_t i = 0; i < f->q->nunknown; i++) {
        if (strcmp(f->q->unknown[i], tok->word) != 0)
            continue;
        char near[IZDE_WORD_MAX + 1];
        if (izde_spelling_nearest(f->s->db, tok->word, tok->len, near, sizeof near) != 1)
            return 0;
        if (put(f, f->text + f->from, tok->start - f->from) || put(f, near, strlen(near))) {
            f->failed = 1;
            return 1;
        }
        f->from = tok->end;
        f->changed = 1;
        return 0;
    }
    return 0;
}

static char *corrected_query(izde_searcher *s, const char *text, const izde_query *q)
{
    size_t len = strlen(text);
    fix_ctx f = {.s = s, .q = q, .text = text};
    if (izde_analyze(s->an, text, len, 1, fix_word, &f, NULL, NULL) != 0 || !f.changed ||
        f.failed || put(&f, text + f.from, len - f.from)) {
        free(f.out);
        return NULL;
    }
    return f.out;
}

static unsigned query_flags(const izde_search_opts *o)
{
    return (o->any ? IZDE_QUERY_ANY : 0u) | (o->lang_expand ? IZDE_QUERY_EXPAND : 0u);
}

/* Did-you-mean: kept only if the corrected query has hits of its own (one
 * match counted is enough: the count is 0 only when there are none). */
static void suggest(izde_searcher *s, const char *text, const izde_query *q,
                    const izde_search_opts *o, izde_results *out)
{
    if (!q->nunknown || q->nunknown > SUGGEST_MAX_WORDS)
        return;
    char *fixed = corrected_query(s, text, q);
    if (!fixed)
        return;
    izde_query fq;
    izde_results fr = {0};
    izde_search_opts fo = *o;
    fo.count = 0;
    fo.offset = 0;
    fo.facets = 0;
    if (izde_query_build(s->an, s->db, fixed, query_flags(o), &fq, NULL) == IZDE_OK) {
        if (add_filters(&fq, o, NULL) == IZDE_OK && run(s, &fq, &fo, 1, &fr, NULL) == IZDE_OK &&
            fr.total > 0) {
            out->suggestion = fixed;
            fixed = NULL;
        }
        izde_query_free(&fq);
    }
    izde_results_free(&fr);
    free(fixed);
}

izde_status izde_search(izde_searcher *s, const char *query,
                        const izde_search_opts *o, izde_results *out,
                        izde_error *err)
{
    memset(out, 0, sizeof *out);
    out->offset = o->offset;
    izde_query q;
    izde_status rc = match_all(query, o, &q, err);
    if (rc == IZDE_ERR_QUERY)
        rc = izde_query_build(s->an, s->db, query, query_flags(o), &q, err);
    if (rc != IZDE_OK)
        return rc;
    rc = add_filters(&q, o, err);
    if (rc == IZDE_OK)
        rc = run(s, &q, o, EXACT_COUNT, out, err);
    if (rc == IZDE_OK && o->suggest)
        suggest(s, query, &q, o, out);
    izde_query_free(&q);
    if (rc != IZDE_OK)
        izde_results_free(out);
    return rc;
}

static void free_facets(izde_facet *f, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(f[i].value);
    free(f);
}

void izde_results_free(izde_results *r)
{
    for (size_t i = 0; i < r->nhits; i++) {
        izde_docdata_free(&r->hits[i].data);
        izde_snippet_free(&r->hits[i].snippet);
    }
    free(r->hits);
    free(r->suggestion);
    free_facets(r->years, r->nyears);
    free_facets(r->rubrics, r->nrubrics);
    memset(r, 0, sizeof *r);
}
