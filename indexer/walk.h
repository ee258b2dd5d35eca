/* izde-index — the archive walk: which files there are, before any is read
 * (so that the progress bar knows the total). */
#ifndef IZDE_INDEXER_WALK_H
#define IZDE_INDEXER_WALK_H

#include <stddef.h>

#include "izde/fingerprint.h"
#include "izde/status.h"

/* A PATH of the command line. */
typedef struct walk_root {
    const char *arg;    /* as given */
    char *real;         /* realpath(): the root's identity in the database */
    int is_dir;
    unsigned number;    /* the root's number in the database; 0 for a file */
    int incomplete;     /* part of it could not be read: delete nothing */
    size_t first, count; /* its files in the walk_list */
} walk_root;

typedef struct walk_file {
    char *path;         /* as walked: ARG/relative/path */
    const char *id;     /* the file id, the tail of path: relative to the
                           root (a file: its name) */
    izde_fingerprint fp; /* of the walk's lstat(), followed for a symlink:
                           size and mtime (no hash); 20 000 struct stats
                           were 3 MB of page faults */
    size_t root;        /* index into the roots */
} walk_file;

typedef struct walk_list {
    walk_file *v;
    size_t n, cap;
} walk_list;

/* Lists the regular files under root `r` (index `ri`) in name order,
 * skipping hidden names and symbolic links to directories; a file root is
 * itself.  Up to `threads` threads share a directory root's entries (the
 * order is the same).  Unreadable parts are reported (counted in *failed)
 * and mark the root incomplete.  IZDE_ERR_NOMEM is the only error. */
izde_status walk_root_files(walk_root *r, size_t ri, walk_list *out, unsigned threads,
                            unsigned *failed, izde_error *err);
void walk_list_free(walk_list *l);

#endif
