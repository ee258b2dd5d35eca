/* izde — the change fingerprint of an archive file (DESIGN.md "Document
 * scheme": value slot IZDE_SLOT_FINGERPRINT), read by incremental reindex.
 *
 * A file is unchanged when its size and mtime are those stored (the fast
 * path: no read), or, when they differ, when the hash of its content is the
 * one stored (a touch, a copy that kept the bytes).  The hash is FNV-1a 64:
 * small, streaming, no table, and far faster than the parsing and Xapian
 * writes it saves; it only has to tell an edit apart, nobody attacks it. */
#ifndef IZDE_FINGERPRINT_H
#define IZDE_FINGERPRINT_H

#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#include "izde/status.h"

#define IZDE_FNV1A64_INIT 0xcbf29ce484222325ull

/* FNV-1a 64 of `n` bytes continuing from `h` (IZDE_FNV1A64_INIT to start):
 * feeding a text in pieces gives the hash of the whole. */
uint64_t izde_fnv1a64(uint64_t h, const void *data, size_t n);

typedef struct izde_fingerprint {
    unsigned long long size;
    long long mtime_sec;
    long mtime_nsec;
    uint64_t hash; /* FNV-1a 64 of the content */
} izde_fingerprint;

/* Size and mtime from `st`; the hash is left 0. */
void izde_fingerprint_from_stat(const struct stat *st, izde_fingerprint *fp);
/* Whether size and mtime agree (the fast path). */
int izde_fingerprint_same_stat(const izde_fingerprint *a,
                               const izde_fingerprint *b);

/* FNV-1a 64 of the content of `path`; IZDE_ERR_IO names the file. */
izde_status izde_hash_file(const char *path, uint64_t *out, izde_error *err);

/* The value stored with every article of a file: its fingerprint, the
 * number of the indexed root it was found under (0: named on the command
 * line, not under a root) and its file id (the path relative to the root),
 * as text: "SIZE MTIME.NSEC HASH16 ROOT FILE-ID".  Keeping the file id in
 * the value lets one sequential read of the slot list every indexed file.
 * Writes at most `cap` bytes with a NUL; returns the length, or 0 if `cap`
 * is too small. */
size_t izde_fingerprint_format(const izde_fingerprint *fp, unsigned root,
                               const char *file_id, char *out, size_t cap);
/* Parses a value written by izde_fingerprint_format; `*file_id` points into
 * `val` (`*file_id_len` bytes).  IZDE_ERR_FORMAT if it is not one. */
izde_status izde_fingerprint_parse(const char *val, size_t len,
                                   izde_fingerprint *fp, unsigned *root,
                                   const char **file_id, size_t *file_id_len);

#endif
