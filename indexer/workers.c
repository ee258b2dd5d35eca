/* izde-index — building in parallel. */
#include "workers.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "izde/status.h"

#define POLL_MS 50

static void add_counts(index_counts *to, const index_counts *n)
{
    to->added += n->added;
    to->updated += n->updated;
    to->deleted += n->deleted;
    to->unchanged += n->unchanged;
    to->failed += n->failed;
    to->skipped += n->skipped;
    to->articles += n->articles;
}

static void kill_all(const pid_t *pids, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        if (pids[i] > 0)
            kill(pids[i], SIGKILL);
}

/* Collects the workers that ended; returns how many are still running. */
static unsigned reap(pid_t *pids, unsigned n, int *status)
{
    unsigned left = 0;
    for (unsigned i = 0; i < n; i++) {
        if (pids[i] <= 0)
            continue;
        int ws;
        pid_t p = waitpid(pids[i], &ws, WNOHANG);
        if (p == 0 || (p < 0 && errno == EINTR)) {
            left++;
            continue;
        }
        pids[i] = 0;
        int rc = p < 0 ? 127 : WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws);
        if (p > 0 && WIFSIGNALED(ws) && !*status)
            izde_warn("worker %u (pid %ld) killed by signal %d", i, (long)p, WTERMSIG(ws));
        if (rc && !*status) {
            *status = rc;
            kill_all(pids, n); /* the build has failed: stop the others now */
        }
    }
    return left;
}

int workers_run(unsigned n, worker_fn fn, void *ctx, progress *bar, index_counts *sum)
{
    worker_state *st = mmap(NULL, n * sizeof *st, PROT_READ | PROT_WRITE,
                            MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    pid_t *pids = calloc(n, sizeof *pids);
    if (st == MAP_FAILED || !pids) {
        izde_warn("cannot start the workers: %s", strerror(errno));
        if (st != MAP_FAILED)
            munmap(st, n * sizeof *st);
        free(pids);
        return -1;
    }
    memset(st, 0, n * sizeof *st);
    pid_t parent = getpid();
    int status = 0;
    fflush(stdout); /* or a child would print the parent's buffer again */
    fflush(stderr);
    for (unsigned w = 0; w < n && !status; w++) {
        pid_t pid = fork();
        if (pid < 0) {
            izde_warn("cannot start worker %u: %s", w, strerror(errno));
            status = -1;
            kill_all(pids, w);
        } else if (pid == 0) {
            prctl(PR_SET_PDEATHSIG, SIGKILL);
            if (getppid() != parent) /* the parent died before prctl */
                _exit(127);
            int rc = fn(ctx, w, &st[w]);
            fflush(stdout);
            fflush(stderr);
            _exit(rc);
        } else {
            pids[w] = pid;
        }
    }
    struct timespec poll = {0, POLL_MS * 1000000L};
    while (reap(pids, n, &status) > 0) {
        size_t done = 0;
        unsigned long articles = 0;
        for (unsigned w = 0; w < n; w++) {
            done += st[w].done;
            articles += st[w].n.articles;
        }
        progress_show(bar, done, articles, 0);
        nanosleep(&poll, NULL);
    }
    for (unsigned w = 0; w < n; w++)
        add_counts(sum, &st[w].n);
    munmap(st, n * sizeof *st);
    free(pids);
    return status;
}
