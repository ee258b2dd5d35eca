/* izde-index — the files the database holds, with their fingerprints, read
 * in one pass over the fingerprint slot (izde/fingerprint.h), so that the
 * walk can tell new, changed, unchanged and gone files apart without
 * touching the database once per file. */
#ifndef IZDE_INDEXER_CATALOG_H
#define IZDE_INDEXER_CATALOG_H

#include <stddef.h>

#include "izde/fingerprint.h"
#include "izde/status.h"
#include "izde/xapian.h"

typedef struct catalog_entry {
    char *id;             /* file id */
    unsigned root;        /* number of the root it was found under */
    izde_fingerprint fp;
    unsigned articles;    /* documents holding it */
    int mixed;            /* its documents disagree (an interrupted update):
                             never "unchanged" */
    int seen;             /* met by this run's walk */
} catalog_entry;

typedef struct catalog {
    catalog_entry *v;     /* sorted by id */
    size_t n, cap;
    size_t next;          /* catalog_find()'s first guess */
} catalog;

/* Reads every file of `db` (documents without a fingerprint, as written by
 * an older izde, are not listed: they are replaced when their file is read
 * again, and never deleted by a walk). */
izde_status catalog_load(xap_db *db, catalog *c, izde_error *err);
catalog_entry *catalog_find(catalog *c, const char *id);
void catalog_free(catalog *c);

#endif
