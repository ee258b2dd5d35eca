/* izde — the database directory: one lock for every writer, and the atomic
 * swap of a rebuilt database.
 *
 * DB (the path every program is given) is always a directory.  Either it
 * is a plain Xapian database, or, once a rebuild (izde-index --full) has
 * been swapped in, it holds a Xapian stub file DB/XAPIANDB ("auto gen-N")
 * naming the current generation DB/gen-N.  Xapian opens either form by the
 * path DB, so readers need nothing from this module.  A rebuild writes
 * DB/gen-N+1 beside the current one and renames a new stub over the old:
 * a reader opens the old database or the new one, never a half-built one,
 * and one that opened the old keeps reading it (a stub is resolved once, at
 * open) until the next writer's run removes it.
 *
 * A generation may be split into shards, DB/gen-N/shard-0 .. shard-(K-1),
 * each a Xapian database: the stub then lists them, one "auto
 * gen-N/shard-K" line each (Xapian's stub format), so that Xapian (and
 * quest, xapian-delve) open DB as all the shards searched as one.  A file's
 * articles live in the shard izde_dbdir_shard_of(file id) picks.
 *
 * The lock is flock(2) on DB/izde.lock, which also holds the holder's pid
 * and name for the message of whoever is refused.  The kernel releases a
 * flock when its process dies, however it dies: a crash never leaves the
 * database locked.  Xapian's own write lock does not say who holds it. */
#ifndef IZDE_DBDIR_H
#define IZDE_DBDIR_H

#include "izde/status.h"

#define IZDE_DBDIR_LOCK "izde.lock"
#define IZDE_DBDIR_STUB "XAPIANDB"
#define IZDE_DBDIR_GEN_PREFIX "gen-"
#define IZDE_DBDIR_SHARD_PREFIX "shard-"
#define IZDE_DBDIR_SHARDS_MAX 256

typedef struct izde_dblock izde_dblock;

/* Creates the directory `db` if missing and takes its writers' lock,
 * retrying for up to `wait_ms` milliseconds.  `who` names the taker in the
 * lock file ("izde-index").  IZDE_ERR_LOCKED with a message naming the
 * holder's pid; IZDE_ERR_IO if the directory or lock file cannot be made. */
izde_status izde_dblock_take(const char *db, unsigned wait_ms, const char *who,
                             izde_dblock **out, izde_error *err);
/* Releases the lock (NULL: no-op). */
void izde_dblock_release(izde_dblock *lock);

/* The Xapian databases of DB, shard 0 first: DB itself (a plain
 * database, or none yet), DB/gen-N, or DB/gen-N/shard-0.. as its stub
 * says. */
typedef struct izde_dbdir_shards {
    char **path; /* malloc()ed, each malloc()ed */
    unsigned n;
} izde_dbdir_shards;

/* The databases a writer opens (see izde_dbdir_shards).  IZDE_ERR_FORMAT
 * if DB/XAPIANDB is not a stub izde wrote. */
izde_status izde_dbdir_current(const char *db, izde_dbdir_shards *out, izde_error *err);
void izde_dbdir_shards_free(izde_dbdir_shards *s);

/* "GEN/shard-K" (malloc()ed; NULL when out of memory). */
char *izde_dbdir_shard_path(const char *gen, unsigned k);

/* The shard (0..n-1) of the articles of the file `file_id` (the article
 * id up to its '#'): FNV-1a (32 bits) of its bytes, modulo n.  Stable:
 * the same id and n give the same shard on every machine and run. */
unsigned izde_dbdir_shard_of(const char *file_id, unsigned n);

/* Makes a new, empty directory for a rebuild: DB/gen-N, N one more than
 * any generation there.  `*out` is malloc()ed. */
izde_status izde_dbdir_new_generation(const char *db, char **out,
                                      izde_error *err);

/* Makes the closed, committed generation `gen` (from
 * izde_dbdir_new_generation) the one DB opens: `gen` itself if `shards`
 * is 0, else its `shards` databases gen/shard-K.  A new stub is renamed
 * over DB/XAPIANDB; a plain database's DB/iamglass is then removed so that
 * Xapian reads the stub.  Hold the lock. */
izde_status izde_dbdir_swap(const char *db, const char *gen, unsigned shards,
                            izde_error *err);

/* Removes what a swap or an interrupted rebuild left behind: generations
 * other than the current one, the tables of a plain database a stub has
 * replaced, a stub's temporary file.  Hold the lock. */
izde_status izde_dbdir_clean(const char *db, izde_error *err);

/* Removes the file or directory tree `path` (gone already is no error). */
izde_status izde_dbdir_remove(const char *path, izde_error *err);

#endif
