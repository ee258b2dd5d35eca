/* izde — searching one or more databases as one. */
#include "izde/search.h"

#include <stdlib.h>
#include <string.h>

#include "izde/query.h"
#include "izde/xapian.h"

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
                            izde_hit *h, izde_error *err)
{
    xap_error xe;
    xap_hit xh;
    const char *data;
    size_t len;
    if (xap_mset_hit(ms, i, &xh, &xe) != XAP_OK ||
        xap_mset_data(ms, i, &data, &len, &xe) != XAP_OK)
        return db_fail(err, "reading a hit", &xe);
    h->rank = xh.rank + 1;
    h->score = xh.weight;
    if (izde_docdata_decode(data, len, &h->data) != IZDE_OK)
        return izde_fail(err, IZDE_ERR_NOMEM, "out of memory");
    if (o->snippet_bytes && h->data.text)
        return izde_snippet_make(s->an, h->data.text, h->data.text_len, q,
                                 o->snippet_bytes, &h->snippet, err);
    return IZDE_OK;
}

izde_status izde_search(izde_searcher *s, const char *query,
                        const izde_search_opts *o, izde_results *out,
                        izde_error *err)
{
    memset(out, 0, sizeof *out);
    out->offset = o->offset;
    izde_query q;
    izde_status rc = izde_query_build(s->an, s->db, query, o->any, &q, err);
    if (rc != IZDE_OK)
        return rc;
    xap_error xe;
    xap_enquire *enq = NULL;
    xap_mset *ms = NULL;
    if (xap_enquire_new(s->db, &enq, &xe) != XAP_OK ||
        xap_enquire_set_query(enq, q.xq, &xe) != XAP_OK ||
        xap_enquire_get_mset(enq, o->offset, o->count, 1000, &ms, &xe) != XAP_OK) {
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
        rc = fill_hit(s, ms, i, &q, o, &out->hits[i], err);
done:
    xap_mset_free(ms);
    xap_enquire_free(enq);
    izde_query_free(&q);
    if (rc != IZDE_OK)
        izde_results_free(out);
    return rc;
}

void izde_results_free(izde_results *r)
{
    for (size_t i = 0; i < r->nhits; i++) {
        izde_docdata_free(&r->hits[i].data);
        izde_snippet_free(&r->hits[i].snippet);
    }
    free(r->hits);
    memset(r, 0, sizeof *r);
}
