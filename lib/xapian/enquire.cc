/* izde — xap_enquire, xap_mset, xap_spy: running searches. */
#include "internal.h"

using xapb::guard;

namespace {

/* Retries of a search that met DatabaseModifiedError (after a reopen). */
constexpr int MODIFIED_RETRIES = 3;

Xapian::MSetIterator hit_at(const xap_mset *ms, unsigned i)
{
    XAPB_REQUIRE(ms != nullptr);
    XAPB_REQUIRE(i < ms->ms.size());
    return ms->ms[i];
}

unsigned to_snippet_flags(int flags)
{
    static const xapb::flag_map map[] = {
        {XAP_SNIPPET_BACKGROUND_MODEL, Xapian::MSet::SNIPPET_BACKGROUND_MODEL},
        {XAP_SNIPPET_EXHAUSTIVE, Xapian::MSet::SNIPPET_EXHAUSTIVE},
        {XAP_SNIPPET_EMPTY_WITHOUT_MATCH,
         Xapian::MSet::SNIPPET_EMPTY_WITHOUT_MATCH},
        {XAP_SNIPPET_CJK_NGRAM, Xapian::MSet::SNIPPET_CJK_NGRAM},
    };
    return xapb::map_flags(flags, map);
}

} // namespace

extern "C" {

xap_status xap_enquire_new(xap_db *db, xap_enquire **out, xap_error *err)
{
    if (out)
        *out = nullptr;
    return guard(err, [&] {
        XAPB_REQUIRE(db != nullptr);
        XAPB_REQUIRE(out != nullptr);
        *out = new xap_enquire(db);
    });
}

void xap_enquire_free(xap_enquire *enq)
{
    delete enq;
}

xap_status xap_enquire_set_query(xap_enquire *enq, const xap_query *q,
                                 xap_error *err)
{
    return guard(err, [&] {
        XAPB_REQUIRE(enq != nullptr);
        XAPB_REQUIRE(q != nullptr);
        enq->enq.set_query(q->q);
    });
}

xap_status xap_enquire_set_bm25(xap_enquire *enq, double k1, double k2,
                                double k3, double b, double min_normlen,
                                xap_error *err)
{
    return guard(err, [&] {
        XAPB_REQUIRE(enq != nullptr);
        /* set_weighting_scheme() clones it. */
        enq->enq.set_weighting_scheme(
            Xapian::BM25Weight(k1, k2, k3, b, min_normlen));
    });
}

xap_status xap_enquire_set_bool_weight(xap_enquire *enq, xap_error *err)
{
    return guard(err, [&] {
        XAPB_REQUIRE(enq != nullptr);
        enq->enq.set_weighting_scheme(Xapian::BoolWeight());
    });
}

xap_status xap_enquire_sort_by_relevance(xap_enquire *enq, xap_error *err)
{
    return guard(err, [&] {
        XAPB_REQUIRE(enq != nullptr);
        enq->enq.set_sort_by_relevance();
    });
}

xap_status xap_enquire_sort_by_value(xap_enquire *enq, xap_slot slot,
                                     int descending, xap_error *err)
{
    return guard(err, [&] {
        XAPB_REQUIRE(enq != nullptr);
        enq->enq.set_sort_by_value_then_relevance(slot, descending != 0);
    });
}

xap_status xap_spy_new(xap_slot slot, xap_spy **out, xap_error *err)
{
    if (out)
        *out = nullptr;
    return guard(err, [&] {
        XAPB_REQUIRE(out != nullptr);
        *out = new xap_spy(slot);
    });
}

void xap_spy_free(xap_spy *spy)
{
    delete spy;
}

xap_status xap_enquire_add_spy(xap_enquire *enq, xap_spy *spy, xap_error *err)
{
    return guard(err, [&] {
        XAPB_REQUIRE(enq != nullptr);
        XAPB_REQUIRE(spy != nullptr);
        enq->enq.add_matchspy(&spy->spy); /* not owned: the caller frees */
    });
}

xap_status xap_spy_values(xap_spy *spy, size_t max, xap_term_fn fn, void *ctx,
                          xap_error *err)
{
    return guard(err, [&] {
        XAPB_REQUIRE(spy != nullptr);
        XAPB_REQUIRE(fn != nullptr);
        for (Xapian::TermIterator it = spy->spy.top_values_begin(max);
             it != spy->spy.top_values_end(max); ++it) {
            const std::string v = *it;
            if (fn(ctx, v.c_str(), v.size(), it.get_termfreq()))
                break;
        }
    });
}

xap_status xap_enquire_get_mset(xap_enquire *enq, unsigned first,
                                unsigned max, unsigned check_at_least,
                                xap_mset **out, xap_error *err)
{
    if (out)
        *out = nullptr;
    return guard(err, [&] {
        XAPB_REQUIRE(enq != nullptr);
        XAPB_REQUIRE(out != nullptr);
        auto h = std::make_unique<xap_mset>();
        for (int attempt = 0;; attempt++) {
            try {
                h->ms = enq->enq.get_mset(first, max, check_at_least);
                break;
            } catch (const Xapian::DatabaseModifiedError &) {
                if (attempt == MODIFIED_RETRIES)
                    throw;
                /* The Enquire's Database shares its internals with ours, so
                 * reopening ours moves the Enquire to the latest revision. */
                enq->db->db->reopen();
            }
        }
        *out = h.release();
    });
}

void xap_mset_free(xap_mset *ms)
{
    delete ms;
}

unsigned xap_mset_size(const xap_mset *ms)
{
    return ms ? ms->ms.size() : 0;
}

unsigned xap_mset_estimated(const xap_mset *ms)
{
    return ms ? ms->ms.get_matches_estimated() : 0;
}

unsigned xap_mset_lower_bound(const xap_mset *ms)
{
    return ms ? ms->ms.get_matches_lower_bound() : 0;
}

unsigned xap_mset_upper_bound(const xap_mset *ms)
{
    return ms ? ms->ms.get_matches_upper_bound() : 0;
}

xap_status xap_mset_hit(xap_mset *ms, unsigned i, xap_hit *hit,
                        xap_error *err)
{
    return guard(err, [&] {
        XAPB_REQUIRE(hit != nullptr);
        Xapian::MSetIterator it = hit_at(ms, i);
        hit->docid = *it;
        hit->rank = it.get_rank();
        hit->weight = it.get_weight();
        hit->percent = it.get_percent();
    });
}

xap_status xap_mset_data(xap_mset *ms, unsigned i, const char **data,
                         size_t *len, xap_error *err)
{
    return guard(err, [&] {
        XAPB_REQUIRE(data != nullptr);
        Xapian::MSetIterator it = hit_at(ms, i);
        ms->data = it.get_document().get_data();
        *data = ms->data.c_str();
        if (len)
            *len = ms->data.size();
    });
}

xap_status xap_mset_value(xap_mset *ms, unsigned i, xap_slot slot,
                          const char **val, size_t *len, xap_error *err)
{
    return guard(err, [&] {
        XAPB_REQUIRE(val != nullptr);
        Xapian::MSetIterator it = hit_at(ms, i);
        ms->value = it.get_document().get_value(slot);
        *val = ms->value.c_str();
        if (len)
            *len = ms->value.size();
    });
}

xap_status xap_mset_snippet(xap_mset *ms, const char *text, size_t len,
                            size_t length, xap_stem *stem, int flags,
                            const char *hi_start, const char *hi_end,
                            const char *omit, char **out, xap_error *err)
{
    if (out)
        *out = nullptr;
    return guard(err, [&] {
        XAPB_REQUIRE(ms != nullptr);
        XAPB_REQUIRE(text != nullptr || len == 0);
        XAPB_REQUIRE(out != nullptr);
        unsigned xflags = to_snippet_flags(flags);
        const std::string s = ms->ms.snippet(
            std::string(text ? text : "", len), length,
            stem ? stem->stem : Xapian::Stem(), xflags,
            hi_start ? hi_start : "<b>", hi_end ? hi_end : "</b>",
            omit ? omit : "...");
        *out = xapb::dup_string(s);
    });
}

} /* extern "C" */
