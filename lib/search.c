/* izde — searching one or more databases as one. */
#include "izde/search.h"

#include <stdlib.h>
#include <string.h>

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

struct izde_searcher {
    xap_db *db;        /* the first database; the others are added to it */
    xap_db **subs;
    size_t nsubs;
    izde_analyzer *an;
};

static izde_status db_fail(izde_error *err, const char *what, const xap_error *xe)
{
    char m[600];
    return izde_fail(err, xe->code == XAP_ERR_NOMEM ? IZDE_ERR_NOMEM : IZDE_ERR_DB,
                     "%s: %s", what, xap_error_text(xe, m, sizeof m));
}

izde_status izde_searcher_open(const char *const *paths, size_t n,
                               izde_searcher **out, izde_error *err)
{
    xap_error xe;
    if (n == 0)
        return izde_fail(err, IZDE_ERR_USAGE, "no database given");
    izde_searcher *s = calloc(1, sizeof *s);
    if (!s || !(s->subs = calloc(n, sizeof *s->subs))) {
        free(s);
        return izde_fail(err, IZDE_ERR_NOMEM, "out of memory");
    }
    izde_status rc = izde_analyzer_new(&s->an, err);
    if (rc == IZDE_OK && xap_db_open_read(paths[0], &s->db, &xe) != XAP_OK)
        rc = db_fail(err, paths[0], &xe);
    for (size_t i = 1; i < n && rc == IZDE_OK; i++) {
        if (xap_db_open_read(paths[i], &s->subs[s->nsubs], &xe) != XAP_OK)
            rc = db_fail(err, paths[i], &xe);
        else if (xap_db_add_database(s->db, s->subs[s->nsubs++], &xe) != XAP_OK)
            rc = db_fail(err, paths[i], &xe);
    }
    if (rc != IZDE_OK) {
        izde_searcher_close(s);
        return rc;
    }
    *out = s;
    return IZDE_OK;
}

void izde_searcher_close(izde_searcher *s)
{
    if (!s)
        return;
    xap_db_close(s->db);
    for (size_t i = 0; i < s->nsubs; i++)
        xap_db_close(s->subs[i]);
    free(s->subs);
    izde_analyzer_free(s->an);
    free(s);
}

static izde_status fill_hit(izde_searcher *s, xap_mset *ms, unsigned i,
                            const izde_query *q, const izde_search_opts *o,
                            izde_hit *h, int *modified, izde_error *err)
{
    xap_error xe;
    xap_hit xh;
    const char *data;
    size_t len;
    if (xap_mset_hit(ms, i, &xh, &xe) != XAP_OK ||
        xap_mset_data(ms, i, &data, &len, &xe) != XAP_OK) {
        *modified = xe.code == XAP_ERR_MODIFIED;
        return db_fail(err, "reading a hit", &xe);
    }
    h->rank = xh.rank + 1;
    h->score = xh.weight;
    if (izde_docdata_decode(data, len, &h->data) != IZDE_OK)
        return izde_fail(err, IZDE_ERR_NOMEM, "out of memory");
    if (o->snippet_bytes && h->data.text)
        return izde_snippet_make(s->an, h->data.text, h->data.text_len, q,
                                 o->snippet_bytes, &h->snippet, err);
    return IZDE_OK;
}

/* Adds the --from/--to filter to q->xq. */
static izde_status add_date_filter(izde_query *q, const izde_search_opts *o,
                                   izde_error *err)
{
    if (!o->from && !o->to)
        return IZDE_OK;
    xap_query *range = NULL, *both = NULL;
    izde_status rc = izde_date_range_query(o->from ? o->from : "", o->from ? strlen(o->from) : 0,
                                           o->to ? o->to : "", o->to ? strlen(o->to) : 0,
                                           &range, err);
    if (rc != IZDE_OK)
        return izde_fail(err, IZDE_ERR_USAGE, "--from/--to: %s", err ? err->msg : "");
    xap_query *v[2] = {q->xq, range};
    xap_error xe;
    if (xap_query_combine(XAP_OP_FILTER, v, 2, 0, &both, &xe) != XAP_OK)
        rc = izde_fail(err, IZDE_ERR_NOMEM, "query: %s", xe.msg);
    xap_query_free(range);
    if (rc == IZDE_OK) {
        xap_query_free(q->xq);
        q->xq = both;
    }
    return rc;
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

/* Runs `xq` and fills the hits (and facets) of `out`.  *modified is set
 * when an indexer's commits discarded the revision being read
 * (DatabaseModifiedError: get_mset retries by itself, reading hits not). */
static izde_status run_once(izde_searcher *s, const izde_query *q,
                            const izde_search_opts *o, izde_results *out,
                            int *modified, izde_error *err)
{
    xap_error xe;
    xap_enquire *enq = NULL;
    xap_mset *ms = NULL;
    xap_spy *years = NULL, *rubrics = NULL;
    izde_status rc = IZDE_OK;
    if (xap_enquire_new(s->db, &enq, &xe) != XAP_OK ||
        xap_enquire_set_query(enq, q->xq, &xe) != XAP_OK ||
        (o->sort_date && xap_enquire_sort_by_value(enq, IZDE_SLOT_DATE, 1, &xe) != XAP_OK) ||
        (o->facets && (xap_spy_new(IZDE_SLOT_YEAR, &years, &xe) != XAP_OK ||
                       xap_spy_new(IZDE_SLOT_RUBRIC, &rubrics, &xe) != XAP_OK ||
                       xap_enquire_add_spy(enq, years, &xe) != XAP_OK ||
                       xap_enquire_add_spy(enq, rubrics, &xe) != XAP_OK)) ||
        xap_enquire_get_mset(enq, o->offset, o->count, EXACT_COUNT, &ms, &xe) != XAP_OK) {
        *modified = xe.code == XAP_ERR_MODIFIED;
        rc = db_fail(err, "search", &xe);
        goto done;
    }
    out->total = xap_mset_estimated(ms);
    unsigned n = xap_mset_size(ms);
    out->hits = calloc(n ? n : 1, sizeof *out->hits);
    if (!out->hits) {
        rc = izde_fail(err, IZDE_ERR_NOMEM, "out of memory");
        goto done;
    }
    for (unsigned i = 0; i < n && rc == IZDE_OK; i++, out->nhits++)
        rc = fill_hit(s, ms, i, q, o, &out->hits[i], modified, err);
    if (rc == IZDE_OK && o->facets) {
        rc = read_facets(years, &out->years, &out->nyears, err);
        if (rc == IZDE_OK)
            rc = read_facets(rubrics, &out->rubrics, &out->nrubrics, err);
    }
done:
    xap_mset_free(ms);
    xap_enquire_free(enq);
    xap_spy_free(years);
    xap_spy_free(rubrics);
    return rc;
}

/* Searches again from the latest commit this many times when an indexer's
 * commits discard the revision a search is reading. */
#define MODIFIED_RETRIES 3

static izde_status run(izde_searcher *s, const izde_query *q,
                       const izde_search_opts *o, izde_results *out,
                       izde_error *err)
{
    unsigned offset = out->offset;
    for (int attempt = 0;; attempt++) {
        int modified = 0;
        izde_status rc = run_once(s, q, o, out, &modified, err);
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

/* Did-you-mean: kept only if the corrected query has hits of its own. */
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
        if (add_date_filter(&fq, o, NULL) == IZDE_OK && run(s, &fq, &fo, &fr, NULL) == IZDE_OK &&
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
    izde_status rc = izde_query_build(s->an, s->db, query, query_flags(o), &q, err);
    if (rc != IZDE_OK)
        return rc;
    rc = add_date_filter(&q, o, err);
    if (rc == IZDE_OK)
        rc = run(s, &q, o, out, err);
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
