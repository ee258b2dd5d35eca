/* izde — xap_qparser: Xapian's query parser. */
#include "internal.h"

using xapb::guard;

namespace {

/* The C flags have Xapian's values; the map keeps that an explicit fact. */
unsigned to_qp_flags(int flags)
{
    static const xapb::flag_map map[] = {
        {XAP_QP_BOOLEAN, Xapian::QueryParser::FLAG_BOOLEAN},
        {XAP_QP_PHRASE, Xapian::QueryParser::FLAG_PHRASE},
        {XAP_QP_LOVEHATE, Xapian::QueryParser::FLAG_LOVEHATE},
        {XAP_QP_BOOLEAN_ANY_CASE, Xapian::QueryParser::FLAG_BOOLEAN_ANY_CASE},
        {XAP_QP_WILDCARD, Xapian::QueryParser::FLAG_WILDCARD},
        {XAP_QP_PURE_NOT, Xapian::QueryParser::FLAG_PURE_NOT},
        {XAP_QP_PARTIAL, Xapian::QueryParser::FLAG_PARTIAL},
        {XAP_QP_SPELLING_CORRECTION,
         Xapian::QueryParser::FLAG_SPELLING_CORRECTION},
        {XAP_QP_SYNONYM, Xapian::QueryParser::FLAG_SYNONYM},
        {XAP_QP_AUTO_SYNONYMS, Xapian::QueryParser::FLAG_AUTO_SYNONYMS},
    };
    return xapb::map_flags(flags, map);
}

Xapian::QueryParser::stem_strategy to_strategy(int s)
{
    switch (s) {
    case XAP_STEM_NONE: return Xapian::QueryParser::STEM_NONE;
    case XAP_STEM_SOME: return Xapian::QueryParser::STEM_SOME;
    case XAP_STEM_ALL: return Xapian::QueryParser::STEM_ALL;
    case XAP_STEM_ALL_Z: return Xapian::QueryParser::STEM_ALL_Z;
    case XAP_STEM_SOME_FULL_POS: return Xapian::QueryParser::STEM_SOME_FULL_POS;
    }
    throw Xapian::InvalidArgumentError(
        "bad argument: strategy is not an xap_stem_strategy");
}

} // namespace

extern "C" {

xap_status xap_qparser_new(xap_qparser **out, xap_error *err)
{
    if (out)
        *out = nullptr;
    return guard(err, [&] {
        XAPB_REQUIRE(out != nullptr);
        *out = new xap_qparser();
    });
}

void xap_qparser_free(xap_qparser *qp)
{
    delete qp;
}

xap_status xap_qparser_set_stemmer(xap_qparser *qp, xap_stem *stem,
                                   int strategy, xap_error *err)
{
    return guard(err, [&] {
        XAPB_REQUIRE(qp != nullptr);
        XAPB_REQUIRE(stem != nullptr);
        Xapian::QueryParser::stem_strategy s = to_strategy(strategy);
        qp->qp.set_stemmer(stem->stem); /* a shared copy */
        qp->qp.set_stemming_strategy(s);
    });
}

xap_status xap_qparser_set_stopwords(xap_qparser *qp,
                                     const char *const *words, size_t n,
                                     xap_error *err)
{
    return guard(err, [&] {
        XAPB_REQUIRE(qp != nullptr);
        XAPB_REQUIRE(words != nullptr || n == 0);
        auto stopper = std::make_unique<Xapian::SimpleStopper>();
        for (size_t i = 0; i < n; i++) {
            XAPB_REQUIRE(words[i] != nullptr);
            stopper->add(words[i]);
        }
        /* The parser owns it (reference counted) from release() on. */
        qp->qp.set_stopper(stopper.release()->release());
    });
}

xap_status xap_qparser_set_database(xap_qparser *qp, xap_db *db,
                                    xap_error *err)
{
    return guard(err, [&] {
        XAPB_REQUIRE(qp != nullptr);
        XAPB_REQUIRE(db != nullptr);
        qp->qp.set_database(*db->db);
    });
}

xap_status xap_qparser_set_default_op(xap_qparser *qp, xap_op op,
                                      xap_error *err)
{
    return guard(err, [&] {
        XAPB_REQUIRE(qp != nullptr);
        qp->qp.set_default_op(xapb::query_op(op));
    });
}

xap_status xap_qparser_add_prefix(xap_qparser *qp, const char *field,
                                  const char *prefix, xap_error *err)
{
    return guard(err, [&] {
        XAPB_REQUIRE(qp != nullptr);
        XAPB_REQUIRE(field != nullptr);
        XAPB_REQUIRE(prefix != nullptr);
        qp->qp.add_prefix(field, prefix);
    });
}

xap_status xap_qparser_add_boolean_prefix(xap_qparser *qp, const char *field,
                                          const char *prefix, xap_error *err)
{
    return guard(err, [&] {
        XAPB_REQUIRE(qp != nullptr);
        XAPB_REQUIRE(field != nullptr);
        XAPB_REQUIRE(prefix != nullptr);
        qp->qp.add_boolean_prefix(field, prefix);
    });
}

xap_status xap_qparser_add_date_range(xap_qparser *qp, xap_slot slot,
                                      xap_error *err)
{
    return guard(err, [&] {
        XAPB_REQUIRE(qp != nullptr);
        /* The parser owns it (reference counted) from release() on. */
        qp->qp.add_rangeprocessor(
            (new Xapian::DateRangeProcessor(slot))->release());
    });
}

xap_status xap_qparser_parse(xap_qparser *qp, const char *text, int flags,
                             const char *default_prefix, xap_query **out,
                             xap_error *err)
{
    if (out)
        *out = nullptr;
    return guard(err, [&] {
        XAPB_REQUIRE(qp != nullptr);
        XAPB_REQUIRE(text != nullptr);
        XAPB_REQUIRE(out != nullptr);
        unsigned xflags = to_qp_flags(flags);
        Xapian::Query q = qp->qp.parse_query(
            text, xflags, default_prefix ? default_prefix : "");
        *out = new xap_query{q};
    });
}

const char *xap_qparser_corrected(xap_qparser *qp)
{
    if (!qp)
        return "";
    try {
        qp->corrected = qp->qp.get_corrected_query_string();
        return qp->corrected.c_str();
    } catch (...) {
        return "";
    }
}

} /* extern "C" */
