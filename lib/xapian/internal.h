/* izde — internals of the C binding of libxapian (the .cc files of lib/xapian).
 *
 * Why the binding looks the way it does:
 *   - It is the only C++ in izde.  Everything above it is C11, so every
 *     extern "C" function is a thin adapter: convert the C arguments, call
 *     one Xapian method, convert the result.  No izde logic lives here.
 *   - No C++ exception may cross into C.  Every function that can throw runs
 *     its body through xapb::guard(), which catches everything and maps the
 *     Xapian::Error subclass to an xap_status (see error.cc).  Functions that
 *     return a plain value (xap_mset_size, ...) catch locally.
 *   - Argument errors detected here (NULL handle, unknown flag, ...) are
 *     raised as Xapian::InvalidArgumentError inside the guard, so they come
 *     out like Xapian's own: XAP_ERR_INVALID, klass "InvalidArgumentError".
 *   - Convention for `err`: it may be NULL.  ON SUCCESS `err` IS LEFT
 *     UNTOUCHED; it is only written on failure (code, klass, message).  Test
 *     the returned xap_status, not err->code.
 *   - Convention for `out` handles/strings: `*out` is set to NULL on entry,
 *     so it is NULL after any failure and safe to free.
 *   - Handles are plain structs owning Xapian objects by value.  Xapian's
 *     objects are reference counted handles themselves, so copies (a Stem
 *     given to a QueryParser, the Database inside an Enquire) share state.
 *   - Strings handed back through `const char **` live in std::string
 *     members of the handle and stay valid until the next call of the same
 *     kind on that handle.  Strings handed back through `char **` are
 *     malloc()ed (NUL-terminated, caller free()s).
 *   - Freeing NULL is a no-op everywhere.
 */
#ifndef IZDE_LIB_XAPIAN_INTERNAL_H
#define IZDE_LIB_XAPIAN_INTERNAL_H

#include <cstring>
#include <memory>
#include <string>
#include <type_traits>
#include <xapian.h>

#include "izde/xapian.h"

struct xap_db {
    /* The searching view.  When opened for writing it is a
     * Xapian::WritableDatabase (which is-a Database) and `w` points to it. */
    std::unique_ptr<Xapian::Database> db;
    Xapian::WritableDatabase *w = nullptr;
};

struct xap_doc {
    Xapian::Document doc;
    std::string data;   /* backing store of xap_doc_get_data */
    std::string value;  /* backing store of xap_doc_get_value */
    std::string term;   /* scratch of xap_doc_add_posting/term: keeps its
                         * capacity, so that a term is no malloc */
};

struct xap_stem {
    Xapian::Stem stem;
    std::string in; /* scratch input of xap_stem_into (keeps its capacity) */
};

struct xap_query {
    Xapian::Query q;
};

struct xap_qparser {
    Xapian::QueryParser qp;
    std::string corrected; /* backing store of xap_qparser_corrected */
};

struct xap_enquire {
    Xapian::Enquire enq;
    xap_db *db; /* reopened when a search meets DatabaseModifiedError */
    xap_enquire(xap_db *d) : enq(*d->db), db(d) {}
};

struct xap_mset {
    Xapian::MSet ms; /* holds a reference to the Enquire's internals */
    std::string data;  /* backing store of xap_mset_data */
    std::string value; /* backing store of xap_mset_value */
};

struct xap_spy {
    Xapian::ValueCountMatchSpy spy;
    explicit xap_spy(xap_slot slot) : spy(slot) {}
};

namespace xapb {

/* Fills `err` (if not NULL) from the exception being handled and returns its
 * status.  Call only inside a catch block. */
xap_status fail_current(xap_error *err) noexcept;

/* Runs `f` (returning void or xap_status) with every exception mapped. */
template <class F>
xap_status guard(xap_error *err, F &&f) noexcept
{
    try {
        if constexpr (std::is_void_v<decltype(f())>) {
            f();
            return XAP_OK;
        } else {
            return f();
        }
    } catch (...) {
        return fail_current(err);
    }
}

/* Throws InvalidArgumentError("bad argument: <cond>") unless `cond` (a
 * lambda's __func__ is "operator()", so the condition text names the
 * argument instead). */
#define XAPB_REQUIRE(cond)                                                  \
    do {                                                                    \
        if (!(cond))                                                        \
            throw Xapian::InvalidArgumentError("bad argument: " #cond);     \
    } while (0)

/* A C flag and the Xapian flag it stands for. */
struct flag_map {
    int c;
    unsigned x;
};

/* The Xapian flags for the C `flags`; InvalidArgumentError for bits that
 * are not in `map`. */
template <std::size_t N>
unsigned map_flags(int flags, const flag_map (&map)[N])
{
    unsigned x = 0;
    int seen = 0;
    for (const auto &m : map) {
        if (flags & m.c) {
            x |= m.x;
            seen |= m.c;
        }
    }
    XAPB_REQUIRE(flags == seen); /* no unknown bits */
    return x;
}

/* A malloc()ed, NUL-terminated copy; throws std::bad_alloc. */
char *dup_string(const std::string &s);

/* The writable database behind `db`, or InvalidArgumentError. */
Xapian::WritableDatabase &writable(xap_db *db);

/* The integer value of a C enum argument, read without loading it as the
 * C++ enum type: C may pass any int (e.g. 77 for an xap_op), which is
 * outside the C++ enum's range and UB to load (UBSan: -fsanitize=enum). */
template <class E>
std::underlying_type_t<E> enum_value(const E &e) noexcept
{
    std::underlying_type_t<E> v;
    std::memcpy(&v, &e, sizeof v);
    return v;
}

/* The Xapian operator of an xap_op, or InvalidArgumentError.  Takes a
 * reference so that an out-of-range value is never loaded as an xap_op. */
Xapian::Query::op query_op(const xap_op &op);

} // namespace xapb

#endif
