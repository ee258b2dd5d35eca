/* izde — status codes and error text shared by every module.
 *
 * Functions return IZDE_OK (0) or a negative izde_status and, when given an
 * izde_error, leave a message there that names the file, parameter or query
 * involved.  Programs print it once, prefixed with their name. */
#ifndef IZDE_STATUS_H
#define IZDE_STATUS_H

#include <stddef.h>

typedef enum izde_status {
    IZDE_OK = 0,
    IZDE_ERR_NOMEM = -1,   /* out of memory */
    IZDE_ERR_IO = -2,      /* a file could not be read or written */
    IZDE_ERR_FORMAT = -3,  /* input that is not what it claims to be */
    IZDE_ERR_DB = -4,      /* the database failed (open, lock, write) */
    IZDE_ERR_QUERY = -5,   /* a query that cannot be parsed */
    IZDE_ERR_USAGE = -6,   /* a bad parameter */
    IZDE_ERR_LOCKED = -7,  /* another writer holds the database */
    IZDE_ERR_ICU = -8,     /* ICU refused the text */
    IZDE_ERR_NETWORK = -9, /* a remote database cannot be reached */
} izde_status;

typedef struct izde_error {
    izde_status code;
    char msg[640];
} izde_error;

/* Fills `err` (if not NULL) with `code` and a printf-style message; returns
 * `code` so that callers can write `return izde_fail(err, ...)`. */
izde_status izde_fail(izde_error *err, izde_status code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The program name used as the prefix of messages ("izde-index"). */
void izde_set_progname(const char *name);
/* Prints "progname: message\n" to stderr. */
void izde_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
