/* izde — exception → xap_status mapping and error formatting. */
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>

#include "internal.h"

namespace {

void copy_field(char *dst, size_t cap, const char *src)
{
    std::snprintf(dst, cap, "%s", src ? src : "");
}

xap_status set_err(xap_error *err, xap_status code, const char *klass,
                   const char *msg, const char *context = nullptr)
{
    if (err) {
        err->code = code;
        copy_field(err->klass, sizeof err->klass, klass);
        if (context && *context)
            std::snprintf(err->msg, sizeof err->msg, "%s (%s)", msg, context);
        else
            copy_field(err->msg, sizeof err->msg, msg);
    }
    return code;
}

xap_status from_xapian(xap_error *err, xap_status code, const Xapian::Error &e)
{
    return set_err(err, code, e.get_type(), e.get_msg().c_str(),
                   e.get_context().c_str());
}

} // namespace

namespace xapb {

xap_status fail_current(xap_error *err) noexcept
{
    try {
        throw;
    } catch (const Xapian::DatabaseLockError &e) { /* before OpeningError */
        return from_xapian(err, XAP_ERR_LOCKED, e);
    } catch (const Xapian::DatabaseOpeningError &e) { /* incl. NotFound */
        return from_xapian(err, XAP_ERR_OPENING, e);
    } catch (const Xapian::DatabaseCorruptError &e) {
        return from_xapian(err, XAP_ERR_CORRUPT, e);
    } catch (const Xapian::DatabaseModifiedError &e) {
        return from_xapian(err, XAP_ERR_MODIFIED, e);
    } catch (const Xapian::QueryParserError &e) {
        return from_xapian(err, XAP_ERR_QUERY, e);
    } catch (const Xapian::DocNotFoundError &e) {
        return from_xapian(err, XAP_ERR_NOT_FOUND, e);
    } catch (const Xapian::InvalidArgumentError &e) {
        return from_xapian(err, XAP_ERR_INVALID, e);
    } catch (const Xapian::NetworkError &e) {
        return from_xapian(err, XAP_ERR_NETWORK, e);
    } catch (const Xapian::Error &e) {
        return from_xapian(err, XAP_ERR, e);
    } catch (const std::bad_alloc &) {
        return set_err(err, XAP_ERR_NOMEM, "std::bad_alloc", "out of memory");
    } catch (const std::exception &e) {
        return set_err(err, XAP_ERR, "std::exception", e.what());
    } catch (...) {
        return set_err(err, XAP_ERR, "unknown", "unknown C++ exception");
    }
}

char *dup_string(const std::string &s)
{
    char *p = static_cast<char *>(std::malloc(s.size() + 1));
    if (!p)
        throw std::bad_alloc();
    std::memcpy(p, s.data(), s.size());
    p[s.size()] = '\0';
    return p;
}

} // namespace xapb

extern "C" const char *xap_error_text(const xap_error *err, char *buf,
                                      size_t cap)
{
    if (!buf || cap == 0)
        return buf;
    if (!err)
        buf[0] = '\0';
    else
        std::snprintf(buf, cap, "%s: %s", err->klass, err->msg);
    return buf;
}
