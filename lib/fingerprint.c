/* izde — change fingerprints of archive files. */
#include "izde/fingerprint.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define FNV1A64_PRIME 0x100000001b3ull

uint64_t izde_fnv1a64(uint64_t h, const void *data, size_t n)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= FNV1A64_PRIME;
    }
    return h;
}

void izde_fingerprint_from_stat(const struct stat *st, izde_fingerprint *fp)
{
    fp->size = (unsigned long long)st->st_size;
    fp->mtime_sec = (long long)st->st_mtim.tv_sec;
    fp->mtime_nsec = st->st_mtim.tv_nsec;
    fp->hash = 0;
}

int izde_fingerprint_same_stat(const izde_fingerprint *a,
                               const izde_fingerprint *b)
{
    return a->size == b->size && a->mtime_sec == b->mtime_sec &&
           a->mtime_nsec == b->mtime_nsec;
}

izde_status izde_hash_file(const char *path, uint64_t *out, izde_error *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return izde_fail(err, IZDE_ERR_IO, "%s: cannot open: %s", path, strerror(errno));
    unsigned char buf[65536];
    uint64_t h = IZDE_FNV1A64_INIT;
    for (;;) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            int e = errno;
            close(fd);
            return izde_fail(err, IZDE_ERR_IO, "%s: cannot read: %s", path, strerror(e));
        }
        if (n == 0)
            break;
        h = izde_fnv1a64(h, buf, (size_t)n);
    }
    close(fd);
    *out = h;
    return IZDE_OK;
}

size_t izde_fingerprint_format(const izde_fingerprint *fp, unsigned root,
                               const char *file_id, char *out, size_t cap)
{
    int n = snprintf(out, cap, "%llu %lld.%09ld %016" PRIx64 " %u %s", fp->size,
                     fp->mtime_sec, fp->mtime_nsec, fp->hash, root, file_id);
    return n < 0 || (size_t)n >= cap ? 0 : (size_t)n;
}

/* Reads an unsigned decimal (or hex) field ending at a space or a dot.
 * catalog_load() parses five fields of every indexed file: up to 19
 * decimal or 16 hex digits cannot overflow, so only longer fields are
 * checked, a digit at a time. */
static int field_u64(const char **p, const char *end, int base, uint64_t *v)
{
    const char *s = *p, *safe = s + (base == 16 ? 16 : 19);
    uint64_t x = 0;
    for (; s < end; s++) {
        unsigned d = (unsigned)(unsigned char)*s - '0';
        if (d > 9) {
            unsigned h = (unsigned)(unsigned char)*s - 'a';
            if (base != 16 || h > 5)
                break;
            d = h + 10;
        }
        if (s < safe)
            x = x * (uint64_t)base + d;
        else if (__builtin_mul_overflow(x, (uint64_t)base, &x) ||
                 __builtin_add_overflow(x, (uint64_t)d, &x))
            return -1;
    }
    if (s == *p || (s < end && *s != ' ' && *s != '.'))
        return -1;
    *p = s;
    *v = x;
    return 0;
}

static int expect(const char **p, const char *end, char c)
{
    if (*p == end || **p != c)
        return -1;
    ++*p;
    return 0;
}

izde_status izde_fingerprint_parse(const char *val, size_t len,
                                   izde_fingerprint *fp, unsigned *root,
                                   const char **file_id, size_t *file_id_len)
{
    const char *p = val, *end = val + len;
    uint64_t size, sec, nsec, hash, r;
    if (field_u64(&p, end, 10, &size) || expect(&p, end, ' '))
        return IZDE_ERR_FORMAT;
    int before_1970 = expect(&p, end, '-') == 0; /* an mtime may be < 0 */
    if (field_u64(&p, end, 10, &sec) || expect(&p, end, '.') ||
        field_u64(&p, end, 10, &nsec) || expect(&p, end, ' ') ||
        field_u64(&p, end, 16, &hash) || expect(&p, end, ' ') ||
        field_u64(&p, end, 10, &r) || expect(&p, end, ' ') || p == end ||
        nsec > 999999999u || sec > INT64_MAX || r > UINT32_MAX)
        return IZDE_ERR_FORMAT;
    fp->size = size;
    fp->mtime_sec = before_1970 ? -(long long)sec : (long long)sec;
    fp->mtime_nsec = (long)nsec;
    fp->hash = hash;
    *root = (unsigned)r;
    *file_id = p;
    *file_id_len = (size_t)(end - p);
    return IZDE_OK;
}
