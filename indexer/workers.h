/* izde-index — building in parallel: fork()ed worker processes, each
 * writing databases of its own (Xapian and ICU objects are never shared
 * between processes), reporting their counts and progress through shared
 * memory. */
#ifndef IZDE_INDEXER_WORKERS_H
#define IZDE_INDEXER_WORKERS_H

#include <stddef.h>

#include "progress.h"

/* What a run did, for the summary line. */
typedef struct index_counts {
    unsigned added, updated, deleted, unchanged, failed, skipped;
    unsigned long articles; /* articles written */
} index_counts;

/* A worker's counts and files done so far (shared memory: the worker
 * writes, the parent reads). */
typedef struct worker_state {
    index_counts n;
    size_t done;
} worker_state;

/* A worker's job: returns its exit status (0 = all good). */
typedef int (*worker_fn)(void *ctx, unsigned worker, worker_state *state);

/* Runs fn(ctx, w, state) in `n` fork()ed processes (w = 0..n-1), which
 * die with the parent (a kill -9 of the run ends them too), and waits for
 * them, drawing `bar` with their files done.  Their counts are added to
 * *sum.  Returns 0 if every worker exited 0; else the first non-zero
 * status (128 + signal for one killed), after killing the others; -1 if
 * no worker could be started.  Each failure is reported on stderr. */
int workers_run(unsigned n, worker_fn fn, void *ctx, progress *bar, index_counts *sum);

#endif
