/* izde — the databases a searcher reads, opened as one.
 *
 * Each path given is a database directory (plain, or izde's DB holding a
 * stub DB/XAPIANDB), or a Xapian stub file.  A stub is read here, line by
 * line, rather than handed whole to Xapian, so that a shard that cannot be
 * opened is named in the message, and can be left out (allow_partial):
 *
 *   auto PATH, glass PATH, chert PATH   a local database (PATH relative to
 *                                        the stub's directory)
 *   remote HOST:PORT                     a xapian-tcpsrv (Xapian 1.4's
 *                                        syntax; [IPv6]:PORT)
 *   # ...                                a comment; blank lines are skipped
 *
 * A stub with another kind of line (remote :PROGRAM, inmemory) is opened
 * by Xapian whole.  Xapian merges the statistics of the databases, so
 * that a document ranks as it would in one database holding them all. */
#ifndef IZDE_DBSET_H
#define IZDE_DBSET_H

#include <stddef.h>

#include "izde/status.h"
#include "izde/xapian.h"

/* How long a remote shard may take to connect or to answer. */
#define IZDE_REMOTE_TIMEOUT_MS 10000

typedef struct izde_dbset izde_dbset;

/* Opens the `n` paths as one database.  IZDE_ERR_NETWORK (a remote shard)
 * or IZDE_ERR_DB (a local one) naming the stub, its line and the cause if
 * one cannot be opened; with `allow_partial` those are left out and
 * listed in izde_dbset_warning() instead, and only all of them failing is
 * an error. */
izde_status izde_dbset_open(const char *const *paths, size_t n, int allow_partial,
                            izde_dbset **out, izde_error *err);
void izde_dbset_close(izde_dbset *set);

/* The databases as one (owned by the set; it changes on reopen). */
xap_db *izde_dbset_db(const izde_dbset *set);

/* What was left out ("STUB line N: remote HOST:PORT: cause; ..."), or
 * NULL if nothing was. */
const char *izde_dbset_warning(const izde_dbset *set);

/* Re-reads the latest revision of each database.  A set that left shards
 * out, or whose reopen fails on the network, is opened again from its
 * paths (a shard back up rejoins, one gone down is left out under
 * allow_partial). */
izde_status izde_dbset_reopen(izde_dbset *set, izde_error *err);

#endif
