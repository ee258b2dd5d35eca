/* izde — xap_db: opening, transactions, documents, terms, metadata,
 * spelling and synonyms. */
#include <chrono>
#include <cstring>
#include <thread>

#include "internal.h"

using xapb::guard;

namespace xapb {

Xapian::WritableDatabase &writable(xap_db *db)
{
    XAPB_REQUIRE(db != nullptr);
    if (!db->w)
        throw Xapian::InvalidArgumentError(
            "database was opened read-only (use xap_db_open_write)");
    return *db->w;
}

/* 0 (Xapian's default), or what glass takes: a power of 2, 2 KB to 64 KB
 * (Xapian would quietly use 8 KB for anything else). */
static bool valid_block_size(unsigned n)
{
    return n == 0 || (n >= 2048 && n <= 65536 && (n & (n - 1)) == 0);
}

} // namespace xapb

using xapb::valid_block_size;

extern "C" {

xap_status xap_db_open_read(const char *path, xap_db **out, xap_error *err)
{
    if (out)
        *out = nullptr;
    return guard(err, [&] {
        XAPB_REQUIRE(path != nullptr);
        XAPB_REQUIRE(out != nullptr);
        auto h = std::make_unique<xap_db>();
        h->db = std::make_unique<Xapian::Database>(path);
        *out = h.release();
    });
}

xap_status xap_db_open_remote(const char *host, unsigned port, unsigned timeout_ms,
                              xap_db **out, xap_error *err)
{
    if (out)
        *out = nullptr;
    return guard(err, [&] {
        XAPB_REQUIRE(host != nullptr && *host != '\0');
        XAPB_REQUIRE(port > 0 && port < 65536);
        XAPB_REQUIRE(out != nullptr);
        auto h = std::make_unique<xap_db>();
        h->db = std::make_unique<Xapian::Database>(
            Xapian::Remote::open(host, port, timeout_ms, timeout_ms));
        *out = h.release();
    });
}

xap_status xap_db_compact(const char *const *srcs, size_t n, const char *dest,
                          unsigned block_size, xap_error *err)
{
    return guard(err, [&] {
        XAPB_REQUIRE(srcs != nullptr && n > 0);
        XAPB_REQUIRE(dest != nullptr);
        XAPB_REQUIRE(valid_block_size(block_size));
        Xapian::Database all;
        for (size_t i = 0; i < n; i++) {
            XAPB_REQUIRE(srcs[i] != nullptr);
            all.add_database(Xapian::Database(srcs[i]));
        }
        all.compact(dest, Xapian::Compactor::FULL, int(block_size));
    });
}

xap_status xap_db_add_database(xap_db *db, xap_db *sub, xap_error *err)
{
    return guard(err, [&] {
        XAPB_REQUIRE(db != nullptr);
        XAPB_REQUIRE(sub != nullptr);
        XAPB_REQUIRE(db != sub);
        /* WritableDatabase::add_database takes writable shards only. */
        XAPB_REQUIRE(db->w == nullptr);
        db->db->add_database(*sub->db);
    });
}

xap_status xap_db_open_write(const char *path, int flags, unsigned block_size,
                             unsigned wait_ms, xap_db **out, xap_error *err)
{
    if (out)
        *out = nullptr;
    return guard(err, [&] {
        XAPB_REQUIRE(path != nullptr);
        XAPB_REQUIRE(out != nullptr);
        XAPB_REQUIRE(valid_block_size(block_size));
        int action;
        switch (flags & ~(XAP_DB_NO_SYNC | XAP_DB_IN_PLACE)) {
        case XAP_DB_CREATE_OR_OPEN: action = Xapian::DB_CREATE_OR_OPEN; break;
        case XAP_DB_CREATE_OR_OVERWRITE:
            action = Xapian::DB_CREATE_OR_OVERWRITE;
            break;
        case XAP_DB_OPEN: action = Xapian::DB_OPEN; break;
        default: XAPB_REQUIRE(!"flags is one of enum xap_db_flags");
        }
        using clock = std::chrono::steady_clock;
        const auto deadline = clock::now() + std::chrono::milliseconds(wait_ms);
        auto h = std::make_unique<xap_db>();
        for (;;) {
            try {
                auto w = std::make_unique<Xapian::WritableDatabase>(
                    path, action | (flags & XAP_DB_NO_SYNC ? Xapian::DB_NO_SYNC : 0) |
                              (flags & XAP_DB_IN_PLACE ? Xapian::DB_DANGEROUS : 0),
                    int(block_size));
                h->w = w.get();
                h->db = std::move(w);
                break;
            } catch (const Xapian::DatabaseLockError &) {
                if (clock::now() >= deadline)
                    throw; /* its message names the lock file */
                std::this_thread::sleep_for(std::chrono::milliseconds(50));
            }
        }
        *out = h.release();
    });
}

void xap_db_close(xap_db *db)
{
    if (!db)
        return;
    /* A writer is closed explicitly: that commits and releases the lock now,
     * even if an Enquire or QueryParser still holds a copy of the Database.
     * A reader is only released: its internals may be shared with a
     * database it was added to (xap_db_add_database), and closing would
     * close them there too. */
    if (db->w) {
        try {
            db->w->close();
        } catch (...) {
            /* best effort: a close cannot report */
        }
    }
    delete db;
}

xap_status xap_db_reopen(xap_db *db, xap_error *err)
{
    return guard(err, [&] {
        XAPB_REQUIRE(db != nullptr);
        db->db->reopen();
    });
}

xap_status xap_db_begin(xap_db *db, xap_error *err)
{
    return guard(err, [&] { xapb::writable(db).begin_transaction(true); });
}

xap_status xap_db_commit_transaction(xap_db *db, xap_error *err)
{
    return guard(err, [&] { xapb::writable(db).commit_transaction(); });
}

xap_status xap_db_cancel_transaction(xap_db *db, xap_error *err)
{
    return guard(err, [&] { xapb::writable(db).cancel_transaction(); });
}

xap_status xap_db_commit(xap_db *db, xap_error *err)
{
    return guard(err, [&] { xapb::writable(db).commit(); });
}

xap_status xap_db_replace_document(xap_db *db, const char *uid,
                                   const xap_doc *doc, xap_docid *docid,
                                   xap_error *err)
{
    return guard(err, [&] {
        Xapian::WritableDatabase &w = xapb::writable(db);
        XAPB_REQUIRE(uid != nullptr && *uid != '\0');
        XAPB_REQUIRE(doc != nullptr);
        Xapian::docid id = w.replace_document(uid, doc->doc);
        if (docid)
            *docid = id;
    });
}

xap_status xap_db_delete_document(xap_db *db, const char *uid, xap_error *err)
{
    return guard(err, [&] {
        Xapian::WritableDatabase &w = xapb::writable(db);
        XAPB_REQUIRE(uid != nullptr && *uid != '\0');
        w.delete_document(uid);
    });
}

xap_status xap_db_find_document(xap_db *db, const char *uid, xap_doc **out,
                                xap_error *err)
{
    if (out)
        *out = nullptr;
    return guard(err, [&] {
        XAPB_REQUIRE(db != nullptr);
        XAPB_REQUIRE(uid != nullptr);
        XAPB_REQUIRE(out != nullptr);
        Xapian::PostingIterator it = db->db->postlist_begin(uid);
        if (it == db->db->postlist_end(uid))
            throw Xapian::DocNotFoundError(std::string("no document has the term ") + uid);
        auto h = std::make_unique<xap_doc>();
        h->doc = db->db->get_document(*it);
        *out = h.release();
    });
}

xap_status xap_db_get_document(xap_db *db, xap_docid id, xap_doc **out,
                               xap_error *err)
{
    if (out)
        *out = nullptr;
    return guard(err, [&] {
        XAPB_REQUIRE(db != nullptr);
        XAPB_REQUIRE(out != nullptr);
        auto h = std::make_unique<xap_doc>();
        h->doc = db->db->get_document(id); /* 0 → InvalidArgumentError */
        *out = h.release();
    });
}

xap_status xap_db_replace_docid(xap_db *db, xap_docid id, const xap_doc *doc,
                                xap_error *err)
{
    return guard(err, [&] {
        Xapian::WritableDatabase &w = xapb::writable(db);
        XAPB_REQUIRE(id != 0);
        XAPB_REQUIRE(doc != nullptr);
        w.replace_document(id, doc->doc);
    });
}

xap_status xap_db_delete_docid(xap_db *db, xap_docid id, xap_error *err)
{
    return guard(err, [&] {
        Xapian::WritableDatabase &w = xapb::writable(db);
        XAPB_REQUIRE(id != 0);
        w.delete_document(id); /* none → DocNotFoundError */
    });
}

xap_status xap_db_postings(xap_db *db, const char *term, xap_docid_fn fn,
                           void *ctx, xap_error *err)
{
    return guard(err, [&] {
        XAPB_REQUIRE(db != nullptr);
        XAPB_REQUIRE(term != nullptr);
        XAPB_REQUIRE(fn != nullptr);
        for (Xapian::PostingIterator it = db->db->postlist_begin(term);
             it != db->db->postlist_end(term); ++it)
            if (fn(ctx, *it))
                break;
    });
}

xap_status xap_db_values(xap_db *db, xap_slot slot, xap_value_fn fn,
                         void *ctx, xap_error *err)
{
    return guard(err, [&] {
        XAPB_REQUIRE(db != nullptr);
        XAPB_REQUIRE(fn != nullptr);
        for (Xapian::ValueIterator it = db->db->valuestream_begin(slot);
             it != db->db->valuestream_end(slot); ++it) {
            const std::string v = *it;
            if (fn(ctx, it.get_docid(), v.data(), v.size()))
                break;
        }
    });
}

xap_status xap_db_doccount(xap_db *db, unsigned *count, xap_error *err)
{
    return guard(err, [&] {
        XAPB_REQUIRE(db != nullptr);
        XAPB_REQUIRE(count != nullptr);
        *count = db->db->get_doccount();
    });
}

xap_status xap_db_termfreq(xap_db *db, const char *term, unsigned *freq,
                           xap_error *err)
{
    return guard(err, [&] {
        XAPB_REQUIRE(db != nullptr);
        XAPB_REQUIRE(term != nullptr);
        XAPB_REQUIRE(freq != nullptr);
        *freq = db->db->get_termfreq(term);
    });
}

xap_status xap_db_allterms_where(xap_db *db, const char *prefix, xap_want_fn want,
                                 xap_term_fn fn, void *ctx, xap_error *err)
{
    return guard(err, [&] {
        XAPB_REQUIRE(db != nullptr);
        XAPB_REQUIRE(fn != nullptr);
        const std::string pfx = prefix ? prefix : "";
        for (Xapian::TermIterator it = db->db->allterms_begin(pfx);
             it != db->db->allterms_end(pfx); ++it) {
            const std::string term = *it;
            if (want && !want(ctx, term.c_str(), term.size()))
                continue;
            if (fn(ctx, term.c_str(), term.size(), it.get_termfreq()))
                break;
        }
    });
}

xap_status xap_db_allterms(xap_db *db, const char *prefix, xap_term_fn fn,
                           void *ctx, xap_error *err)
{
    return xap_db_allterms_where(db, prefix, nullptr, fn, ctx, err);
}

xap_status xap_db_get_metadata(xap_db *db, const char *key, char **val,
                               size_t *len, xap_error *err)
{
    if (val)
        *val = nullptr;
    return guard(err, [&] {
        XAPB_REQUIRE(db != nullptr);
        XAPB_REQUIRE(key != nullptr);
        XAPB_REQUIRE(val != nullptr);
        const std::string v = db->db->get_metadata(key);
        *val = xapb::dup_string(v);
        if (len)
            *len = v.size();
    });
}

xap_status xap_db_set_metadata(xap_db *db, const char *key, const char *val,
                               size_t len, xap_error *err)
{
    return guard(err, [&] {
        Xapian::WritableDatabase &w = xapb::writable(db);
        XAPB_REQUIRE(key != nullptr);
        XAPB_REQUIRE(val != nullptr || len == 0);
        w.set_metadata(key, std::string(val ? val : "", len));
    });
}

xap_status xap_db_add_spelling(xap_db *db, const char *word, unsigned inc,
                               xap_error *err)
{
    return guard(err, [&] {
        Xapian::WritableDatabase &w = xapb::writable(db);
        XAPB_REQUIRE(word != nullptr);
        w.add_spelling(word, inc);
    });
}

xap_status xap_db_add_synonym(xap_db *db, const char *term,
                              const char *synonym, xap_error *err)
{
    return guard(err, [&] {
        Xapian::WritableDatabase &w = xapb::writable(db);
        XAPB_REQUIRE(term != nullptr);
        XAPB_REQUIRE(synonym != nullptr);
        w.add_synonym(term, synonym);
    });
}

xap_status xap_db_clear_synonyms(xap_db *db, const char *term, xap_error *err)
{
    return guard(err, [&] {
        Xapian::WritableDatabase &w = xapb::writable(db);
        XAPB_REQUIRE(term != nullptr);
        w.clear_synonyms(term);
    });
}

xap_status xap_db_synonyms(xap_db *db, const char *term, xap_term_fn fn,
                           void *ctx, xap_error *err)
{
    return guard(err, [&] {
        XAPB_REQUIRE(db != nullptr);
        XAPB_REQUIRE(term != nullptr);
        XAPB_REQUIRE(fn != nullptr);
        for (auto i = db->db->synonyms_begin(term); i != db->db->synonyms_end(term); ++i) {
            const std::string &t = *i;
            if (fn(ctx, t.data(), t.size(), 0))
                break;
        }
    });
}

xap_status xap_db_synonym_keys(xap_db *db, const char *prefix, xap_term_fn fn,
                               void *ctx, xap_error *err)
{
    return guard(err, [&] {
        XAPB_REQUIRE(db != nullptr);
        XAPB_REQUIRE(fn != nullptr);
        std::string pfx = prefix ? prefix : "";
        for (auto i = db->db->synonym_keys_begin(pfx); i != db->db->synonym_keys_end(pfx); ++i) {
            const std::string &t = *i;
            if (fn(ctx, t.data(), t.size(), 0))
                break;
        }
    });
}

xap_status xap_db_spelling_suggestion(xap_db *db, const char *word,
                                      unsigned max_edit_distance, char **out,
                                      xap_error *err)
{
    if (out)
        *out = nullptr;
    return guard(err, [&] {
        XAPB_REQUIRE(db != nullptr);
        XAPB_REQUIRE(word != nullptr);
        XAPB_REQUIRE(out != nullptr);
        *out = xapb::dup_string(
            db->db->get_spelling_suggestion(word, max_edit_distance));
    });
}

} /* extern "C" */
