/* izde — xap_query: building queries. */
#include <vector>

#include "internal.h"

using xapb::guard;

namespace {

Xapian::Query::op to_op(const xap_op &op_arg)
{
    switch (xapb::enum_value(op_arg)) {
    case XAP_OP_AND: return Xapian::Query::OP_AND;
    case XAP_OP_OR: return Xapian::Query::OP_OR;
    case XAP_OP_AND_NOT: return Xapian::Query::OP_AND_NOT;
    case XAP_OP_XOR: return Xapian::Query::OP_XOR;
    case XAP_OP_AND_MAYBE: return Xapian::Query::OP_AND_MAYBE;
    case XAP_OP_FILTER: return Xapian::Query::OP_FILTER;
    case XAP_OP_NEAR: return Xapian::Query::OP_NEAR;
    case XAP_OP_PHRASE: return Xapian::Query::OP_PHRASE;
    case XAP_OP_ELITE_SET: return Xapian::Query::OP_ELITE_SET;
    case XAP_OP_SYNONYM: return Xapian::Query::OP_SYNONYM;
    case XAP_OP_MAX: return Xapian::Query::OP_MAX;
    }
    throw Xapian::InvalidArgumentError("bad argument: op is not an xap_op");
}

} // namespace

namespace xapb {
Xapian::Query::op query_op(const xap_op &op) { return to_op(op); }
} // namespace xapb

extern "C" {

xap_status xap_query_term(const char *term, size_t len, unsigned wqf,
                          unsigned pos, xap_query **out, xap_error *err)
{
    if (out)
        *out = nullptr;
    return guard(err, [&] {
        XAPB_REQUIRE(term != nullptr);
        XAPB_REQUIRE(out != nullptr);
        *out = new xap_query{Xapian::Query(std::string(term, len), wqf, pos)};
    });
}

xap_status xap_query_combine(xap_op op, xap_query *const *subs, size_t n,
                             unsigned window, xap_query **out, xap_error *err)
{
    if (out)
        *out = nullptr;
    return guard(err, [&] {
        XAPB_REQUIRE(subs != nullptr || n == 0);
        XAPB_REQUIRE(out != nullptr);
        std::vector<Xapian::Query> v;
        v.reserve(n);
        for (size_t i = 0; i < n; i++) {
            XAPB_REQUIRE(subs[i] != nullptr);
            v.push_back(subs[i]->q);
        }
        *out = new xap_query{Xapian::Query(to_op(op), v.begin(), v.end(), window)};
    });
}

xap_status xap_query_wildcard(const char *prefix, unsigned max_expansion,
                              xap_query **out, xap_error *err)
{
    if (out)
        *out = nullptr;
    return guard(err, [&] {
        XAPB_REQUIRE(prefix != nullptr);
        XAPB_REQUIRE(out != nullptr);
        *out = new xap_query{Xapian::Query(
            Xapian::Query::OP_WILDCARD, prefix, max_expansion,
            max_expansion ? Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT
                          : Xapian::Query::WILDCARD_LIMIT_ERROR)};
    });
}

xap_status xap_query_value_range(xap_slot slot, const char *lo,
                                 const char *hi, xap_query **out,
                                 xap_error *err)
{
    if (out)
        *out = nullptr;
    return guard(err, [&] {
        XAPB_REQUIRE(out != nullptr);
        Xapian::Query q;
        if (lo && hi)
            q = Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, lo, hi);
        else if (lo)
            q = Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, lo);
        else if (hi)
            q = Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, hi);
        else
            q = Xapian::Query::MatchAll;
        *out = new xap_query{q};
    });
}

xap_status xap_query_scale(xap_query *q, double factor, xap_query **out,
                           xap_error *err)
{
    if (out)
        *out = nullptr;
    return guard(err, [&] {
        XAPB_REQUIRE(q != nullptr);
        XAPB_REQUIRE(out != nullptr);
        /* negative factor → InvalidArgumentError */
        *out = new xap_query{Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q->q, factor)};
    });
}

xap_status xap_query_match_all(xap_query **out, xap_error *err)
{
    if (out)
        *out = nullptr;
    return guard(err, [&] {
        XAPB_REQUIRE(out != nullptr);
        *out = new xap_query{Xapian::Query::MatchAll};
    });
}

xap_status xap_query_match_nothing(xap_query **out, xap_error *err)
{
    if (out)
        *out = nullptr;
    return guard(err, [&] {
        XAPB_REQUIRE(out != nullptr);
        *out = new xap_query{Xapian::Query::MatchNothing};
    });
}

int xap_query_is_empty(const xap_query *q)
{
    return !q || q->q.empty();
}

xap_status xap_query_describe(const xap_query *q, char **out, xap_error *err)
{
    if (out)
        *out = nullptr;
    return guard(err, [&] {
        XAPB_REQUIRE(q != nullptr);
        XAPB_REQUIRE(out != nullptr);
        *out = xapb::dup_string(q->q.get_description());
    });
}

void xap_query_free(xap_query *q)
{
    delete q;
}

} /* extern "C" */
