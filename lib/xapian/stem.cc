/* izde — xap_stem: Xapian's stemmers and C stemmers adapted to them. */
#include "internal.h"

using xapb::guard;

namespace {

/* A C stemming function as a Xapian::StemImplementation, so that the
 * QueryParser, TermGenerator and MSet::snippet() stem through it. */
class CStemmer : public Xapian::StemImplementation {
    xap_stem_fn fn_;
    void *ctx_;
    std::string desc_;

  public:
    CStemmer(xap_stem_fn fn, void *ctx, std::string desc)
        : fn_(fn), ctx_(ctx), desc_(std::move(desc)) {}

    std::string operator()(const std::string &word) override
    {
        char buf[1024];
        size_t n = fn_(ctx_, word.data(), word.size(), buf, sizeof buf);
        if (n > sizeof buf)
            return word; /* "too long": leave the word unstemmed */
        return std::string(buf, n);
    }

    std::string get_description() const override { return desc_; }
};

} // namespace

extern "C" {

xap_status xap_stem_new_custom(xap_stem_fn fn, void *ctx,
                               const char *description, xap_stem **out,
                               xap_error *err)
{
    if (out)
        *out = nullptr;
    return guard(err, [&] {
        XAPB_REQUIRE(fn != nullptr);
        XAPB_REQUIRE(out != nullptr);
        auto impl = new CStemmer(fn, ctx, description ? description : "custom");
        /* Xapian::Stem takes ownership (reference counted) at once. */
        Xapian::Stem stem(impl);
        *out = new xap_stem{stem, {}};
    });
}

xap_status xap_stem_new_lang(const char *lang, xap_stem **out, xap_error *err)
{
    if (out)
        *out = nullptr;
    return guard(err, [&] {
        XAPB_REQUIRE(lang != nullptr);
        XAPB_REQUIRE(out != nullptr);
        Xapian::Stem stem(lang); /* unknown language → InvalidArgumentError */
        *out = new xap_stem{stem, {}};
    });
}

void xap_stem_free(xap_stem *stem)
{
    delete stem;
}

xap_status xap_stem_apply(xap_stem *stem, const char *word, char **out,
                          xap_error *err)
{
    if (out)
        *out = nullptr;
    return guard(err, [&] {
        XAPB_REQUIRE(stem != nullptr);
        XAPB_REQUIRE(word != nullptr);
        XAPB_REQUIRE(out != nullptr);
        *out = xapb::dup_string(stem->stem(word));
    });
}

xap_status xap_stem_into(xap_stem *stem, const char *word, size_t len,
                         char *out, size_t cap, size_t *out_len,
                         xap_error *err)
{
    return guard(err, [&]() -> xap_status {
        XAPB_REQUIRE(stem != nullptr);
        XAPB_REQUIRE(word != nullptr || len == 0);
        XAPB_REQUIRE(out != nullptr);
        XAPB_REQUIRE(out_len != nullptr);
        stem->in.assign(word, len);
        const std::string r = stem->stem(stem->in);
        *out_len = r.size();
        if (r.size() > cap)
            throw Xapian::InvalidArgumentError("stem longer than the buffer");
        std::memcpy(out, r.data(), r.size());
        if (r.size() < cap)
            out[r.size()] = '\0';
        return XAP_OK;
    });
}

} /* extern "C" */
