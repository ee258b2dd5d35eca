/* izde — xap_doc: building and reading documents. */
#include "internal.h"

using xapb::guard;

extern "C" {

xap_status xap_doc_new(xap_doc **out, xap_error *err)
{
    if (out)
        *out = nullptr;
    return guard(err, [&] {
        XAPB_REQUIRE(out != nullptr);
        *out = new xap_doc();
    });
}

void xap_doc_free(xap_doc *doc)
{
    delete doc;
}

xap_status xap_doc_add_posting(xap_doc *doc, const char *term, size_t len,
                               unsigned pos, unsigned wdfinc, xap_error *err)
{
    return guard(err, [&] {
        XAPB_REQUIRE(doc != nullptr);
        XAPB_REQUIRE(term != nullptr);
        doc->term.assign(term, len);
        doc->doc.add_posting(doc->term, pos, wdfinc);
    });
}

xap_status xap_doc_add_term(xap_doc *doc, const char *term, size_t len,
                            unsigned wdfinc, xap_error *err)
{
    return guard(err, [&] {
        XAPB_REQUIRE(doc != nullptr);
        XAPB_REQUIRE(term != nullptr);
        doc->term.assign(term, len);
        doc->doc.add_term(doc->term, wdfinc);
    });
}

xap_status xap_doc_add_boolean_term(xap_doc *doc, const char *term,
                                    xap_error *err)
{
    return guard(err, [&] {
        XAPB_REQUIRE(doc != nullptr);
        XAPB_REQUIRE(term != nullptr);
        doc->doc.add_boolean_term(term);
    });
}

xap_status xap_doc_set_value(xap_doc *doc, xap_slot slot, const char *val,
                             size_t len, xap_error *err)
{
    return guard(err, [&] {
        XAPB_REQUIRE(doc != nullptr);
        XAPB_REQUIRE(val != nullptr || len == 0);
        doc->doc.add_value(slot, std::string(val ? val : "", len));
    });
}

xap_status xap_doc_set_data(xap_doc *doc, const char *data, size_t len,
                            xap_error *err)
{
    return guard(err, [&] {
        XAPB_REQUIRE(doc != nullptr);
        XAPB_REQUIRE(data != nullptr || len == 0);
        doc->doc.set_data(std::string(data ? data : "", len));
    });
}

xap_status xap_doc_get_data(xap_doc *doc, const char **data, size_t *len,
                            xap_error *err)
{
    return guard(err, [&] {
        XAPB_REQUIRE(doc != nullptr);
        XAPB_REQUIRE(data != nullptr);
        doc->data = doc->doc.get_data();
        *data = doc->data.c_str();
        if (len)
            *len = doc->data.size();
    });
}

xap_status xap_doc_get_value(xap_doc *doc, xap_slot slot, const char **val,
                             size_t *len, xap_error *err)
{
    return guard(err, [&] {
        XAPB_REQUIRE(doc != nullptr);
        XAPB_REQUIRE(val != nullptr);
        doc->value = doc->doc.get_value(slot);
        *val = doc->value.c_str();
        if (len)
            *len = doc->value.size();
    });
}

xap_status xap_doc_terms(xap_doc *doc, xap_term_fn fn, void *ctx,
                         xap_error *err)
{
    return guard(err, [&] {
        XAPB_REQUIRE(doc != nullptr);
        XAPB_REQUIRE(fn != nullptr);
        for (Xapian::TermIterator it = doc->doc.termlist_begin();
             it != doc->doc.termlist_end(); ++it) {
            const std::string term = *it;
            if (fn(ctx, term.c_str(), term.size(), it.get_wdf()))
                break;
        }
    });
}

} /* extern "C" */
