/* izde — the databases a searcher reads, opened as one. */
#include "izde/dbset.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "izde/dbdir.h"

#define LINE_MAX_BYTES 4096

struct izde_dbset {
    char **paths;
    size_t npaths;
    int allow_partial;
    xap_db **dbs; /* dbs[0] holds the others (xap_db_add_database) */
    size_t ndbs, cap;
    char *warning; /* what was left out, or NULL */
};

static izde_status nomem(izde_error *err)
{
    return izde_fail(err, IZDE_ERR_NOMEM, "opening the databases: out of memory");
}

static void close_dbs(izde_dbset *set)
{
    /* The first holds the others: it goes first. */
    for (size_t i = 0; i < set->ndbs; i++)
        xap_db_close(set->dbs[i]);
    free(set->dbs);
    set->dbs = NULL;
    set->ndbs = set->cap = 0;
    free(set->warning);
    set->warning = NULL;
}

void izde_dbset_close(izde_dbset *set)
{
    if (!set)
        return;
    close_dbs(set);
    for (size_t i = 0; i < set->npaths; i++)
        free(set->paths[i]);
    free(set->paths);
    free(set);
}

xap_db *izde_dbset_db(const izde_dbset *set)
{
    return set->ndbs ? set->dbs[0] : NULL;
}

const char *izde_dbset_warning(const izde_dbset *set)
{
    return set->warning;
}

/* Appends "; msg" (or msg) to the warning. */
static izde_status warn(izde_dbset *set, const char *msg, izde_error *err)
{
    size_t old = set->warning ? strlen(set->warning) : 0, n = old + strlen(msg) + 3;
    char *w = realloc(set->warning, n);
    if (!w)
        return nomem(err);
    snprintf(w + old, n - old, "%s%s", old ? "; " : "", msg);
    set->warning = w;
    return IZDE_OK;
}

/* Adds `db` (opened; NULL if `xs` failed) to the set; `what` names it. */
static izde_status add(izde_dbset *set, xap_db *db, xap_status xs, const xap_error *xe,
                       const char *what, izde_error *err)
{
    if (xs != XAP_OK) {
        char m[600], msg[sizeof err->msg];
        snprintf(msg, sizeof msg, "%s: %s", what, xap_error_text(xe, m, sizeof m));
        izde_status code = xe->code == XAP_ERR_NETWORK ? IZDE_ERR_NETWORK
                           : xe->code == XAP_ERR_NOMEM ? IZDE_ERR_NOMEM : IZDE_ERR_DB;
        if (set->allow_partial && code != IZDE_ERR_NOMEM)
            return warn(set, msg, err);
        return izde_fail(err, code, "%s", msg);
    }
    if (set->ndbs == set->cap) {
        size_t cap = set->cap ? 2 * set->cap : 8;
        xap_db **v = realloc(set->dbs, cap * sizeof *v);
        if (!v) {
            xap_db_close(db);
            return nomem(err);
        }
        set->dbs = v;
        set->cap = cap;
    }
    xap_error ae;
    if (set->ndbs && xap_db_add_database(set->dbs[0], db, &ae) != XAP_OK) {
        char m[600];
        xap_db_close(db);
        return izde_fail(err, IZDE_ERR_DB, "%s: %s", what, xap_error_text(&ae, m, sizeof m));
    }
    set->dbs[set->ndbs++] = db;
    return IZDE_OK;
}

/* Opens tried again when they race a commit. */
#define OPEN_RETRIES 3

static izde_status add_local(izde_dbset *set, const char *path, const char *what,
                             izde_error *err)
{
    xap_db *db = NULL;
    xap_error xe;
    xap_status xs;
    /* An open racing an indexer's commit (DatabaseModifiedError, or
     * DatabaseCorruptError "Expected block N to be level 1" on a reused
     * block) reads the new revision when tried again. */
    for (int attempt = 0;; attempt++) {
        xs = xap_db_open_read(path, &db, &xe);
        if (xs == XAP_OK || (xe.code != XAP_ERR_MODIFIED && xe.code != XAP_ERR_CORRUPT) ||
            attempt == OPEN_RETRIES)
            break;
    }
    return add(set, db, xs, &xe, what, err);
}

/* "HOST:PORT" or "[HOST]:PORT" into host (cap bytes) and *port. */
static int parse_hostport(const char *s, char *host, size_t cap, unsigned *port)
{
    const char *colon = strrchr(s, ':');
    if (!colon || colon == s)
        return 0;
    const char *h = s, *he = colon;
    if (*h == '[' && he[-1] == ']')
        h++, he--;
    char *end;
    errno = 0;
    unsigned long p = strtoul(colon + 1, &end, 10);
    if (*end || errno || !isdigit((unsigned char)colon[1]) || p == 0 || p > 65535 ||
        he <= h || (size_t)(he - h) >= cap)
        return 0;
    memcpy(host, h, (size_t)(he - h));
    host[he - h] = '\0';
    *port = (unsigned)p;
    return 1;
}

/* A stub's line: its type (auto, remote, ...) and its argument. */
typedef struct entry {
    char type[16];
    const char *arg;
} entry;

/* Splits `line` (its newline removed); 0 for a blank or comment line. */
static int split(char *line, entry *e)
{
    line[strcspn(line, "\r\n")] = '\0';
    char *p = line + strspn(line, " \t");
    if (!*p || *p == '#')
        return 0;
    size_t tl = strcspn(p, " \t");
    snprintf(e->type, sizeof e->type, "%.*s", (int)(tl < sizeof e->type ? tl : 0), p);
    e->arg = p + tl + strspn(p + tl, " \t");
    return 1;
}

static int is_local(const entry *e)
{
    return !strcmp(e->type, "auto") || !strcmp(e->type, "glass") || !strcmp(e->type, "chert");
}

static int is_tcp(const entry *e)
{
    return !strcmp(e->type, "remote") && e->arg[0] != ':';
}

/* Whether every line of the stub is one izde opens itself. */
static int stub_supported(FILE *f)
{
    char line[LINE_MAX_BYTES];
    entry e;
    int ok = 1;
    while (ok && fgets(line, sizeof line, f))
        ok = !split(line, &e) || ((is_local(&e) || is_tcp(&e)) && *e.arg);
    rewind(f);
    return ok;
}

/* Opens each line of the stub file `stub`. */
static izde_status open_stub(izde_dbset *set, const char *stub, FILE *f, izde_error *err)
{
    const char *slash = strrchr(stub, '/');
    int dirlen = slash ? (int)(slash - stub) : 1;
    const char *dir = slash ? stub : ".";
    char line[LINE_MAX_BYTES], what[LINE_MAX_BYTES + 64];
    izde_status rc = IZDE_OK;
    entry e;
    for (unsigned no = 1; rc == IZDE_OK && fgets(line, sizeof line, f); no++) {
        if (!split(line, &e))
            continue;
        snprintf(what, sizeof what, "%s line %u: %s %s", stub, no, e.type, e.arg);
        if (is_local(&e)) {
            size_t n = (size_t)dirlen + strlen(e.arg) + 2;
            char *path = malloc(n);
            if (!path)
                return nomem(err);
            if (e.arg[0] == '/')
                snprintf(path, n, "%s", e.arg);
            else
                snprintf(path, n, "%.*s/%s", dirlen, dir, e.arg);
            rc = add_local(set, path, what, err);
            free(path);
        } else {
            char host[256];
            unsigned port;
            xap_db *db = NULL;
            xap_error xe;
            if (!parse_hostport(e.arg, host, sizeof host, &port))
                return izde_fail(err, IZDE_ERR_FORMAT, "%s: not HOST:PORT", what);
            xap_status xs = xap_db_open_remote(host, port, IZDE_REMOTE_TIMEOUT_MS, &db, &xe);
            rc = add(set, db, xs, &xe, what, err);
        }
    }
    return rc;
}

/* The stub file a path stands for (a stub, or izde's DB/XAPIANDB when DB
 * is not a plain database), malloc()ed; NULL if none (or no memory:
 * *oom). */
static char *stub_of(const char *path, int *oom)
{
    struct stat st;
    *oom = 0;
    if (stat(path, &st) != 0)
        return NULL;
    if (S_ISREG(st.st_mode)) {
        char *p = strdup(path);
        *oom = !p;
        return p;
    }
    size_t n = strlen(path) + sizeof IZDE_DBDIR_STUB + 16;
    char *p = malloc(n);
    if (!p) {
        *oom = 1;
        return NULL;
    }
    snprintf(p, n, "%s/iamglass", path);
    int plain = stat(p, &st) == 0;
    snprintf(p, n, "%s/%s", path, IZDE_DBDIR_STUB);
    if (plain || stat(p, &st) != 0 || !S_ISREG(st.st_mode)) {
        free(p);
        return NULL;
    }
    return p;
}

static izde_status open_path(izde_dbset *set, const char *path, izde_error *err)
{
    int oom;
    char *stub = stub_of(path, &oom);
    if (oom)
        return nomem(err);
    FILE *f = stub ? fopen(stub, "re") : NULL;
    izde_status rc;
    if (f && stub_supported(f))
        rc = open_stub(set, stub, f, err);
    else
        rc = add_local(set, path, path, err);
    if (f)
        fclose(f);
    free(stub);
    return rc;
}

static izde_status open_all(izde_dbset *set, izde_error *err)
{
    izde_status rc = IZDE_OK;
    for (size_t i = 0; i < set->npaths && rc == IZDE_OK; i++)
        rc = open_path(set, set->paths[i], err);
    if (rc == IZDE_OK && set->ndbs == 0)
        rc = izde_fail(err, IZDE_ERR_NETWORK, "no database could be opened: %s",
                       set->warning ? set->warning : "none given");
    if (rc != IZDE_OK)
        close_dbs(set);
    return rc;
}

izde_status izde_dbset_open(const char *const *paths, size_t n, int allow_partial,
                            izde_dbset **out, izde_error *err)
{
    *out = NULL;
    if (n == 0)
        return izde_fail(err, IZDE_ERR_USAGE, "no database given");
    izde_dbset *set = calloc(1, sizeof *set);
    if (!set || !(set->paths = calloc(n, sizeof *set->paths))) {
        free(set);
        return nomem(err);
    }
    set->allow_partial = allow_partial;
    for (; set->npaths < n; set->npaths++)
        if (!(set->paths[set->npaths] = strdup(paths[set->npaths]))) {
            izde_dbset_close(set);
            return nomem(err);
        }
    izde_status rc = open_all(set, err);
    if (rc != IZDE_OK) {
        izde_dbset_close(set);
        return rc;
    }
    *out = set;
    return IZDE_OK;
}

izde_status izde_dbset_reopen(izde_dbset *set, izde_error *err)
{
    xap_error xe;
    xap_status xs = set->warning || !set->ndbs ? XAP_ERR_NETWORK
                                               : xap_db_reopen(set->dbs[0], &xe);
    if (xs == XAP_OK)
        return IZDE_OK;
    if (xs != XAP_ERR_NETWORK) {
        char m[600];
        return izde_fail(err, xs == XAP_ERR_NOMEM ? IZDE_ERR_NOMEM : IZDE_ERR_DB,
                         "reopening the database: %s", xap_error_text(&xe, m, sizeof m));
    }
    close_dbs(set);
    return open_all(set, err);
}
