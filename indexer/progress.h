/* izde-index — the progress bar on a terminal: files done/total,
 * articles/s, ETA.  Drawn on stderr, at most ten times a second. */
#ifndef IZDE_INDEXER_PROGRESS_H
#define IZDE_INDEXER_PROGRESS_H

#include <stddef.h>

typedef struct progress {
    int on;             /* 0: every call is a no-op */
    size_t total;       /* files */
    double start, last; /* seconds (monotonic) */
    int drawn;
} progress;

void progress_start(progress *p, int on, size_t total);
/* Redraws if a tenth of a second has passed (or `force`). */
void progress_show(progress *p, size_t files_done, unsigned long articles, int force);
/* Erases the bar, so that a message or the summary starts on a clean line. */
void progress_clear(progress *p);

/* Seconds on the monotonic clock. */
double progress_now(void);

#endif
