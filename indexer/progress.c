/* izde-index — the progress bar. */
#include "progress.h"

#include <stdio.h>
#include <time.h>

#define BAR_WIDTH 30

double progress_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void progress_start(progress *p, int on, size_t total)
{
    p->on = on;
    p->total = total;
    p->start = p->last = progress_now();
    p->drawn = 0;
}

static void format_eta(double s, char *out, size_t cap)
{
    if (s < 0 || s > 99 * 3600.0) {
        snprintf(out, cap, "--:--");
        return;
    }
    unsigned long t = (unsigned long)(s + 0.5);
    if (t >= 3600)
        snprintf(out, cap, "%lu:%02lu:%02lu", t / 3600, t / 60 % 60, t % 60);
    else
        snprintf(out, cap, "%lu:%02lu", t / 60, t % 60);
}

void progress_show(progress *p, size_t done, unsigned long articles, int force)
{
    if (!p->on)
        return;
    double now = progress_now();
    if (!force && now - p->last < 0.1)
        return;
    p->last = now;
    double elapsed = now - p->start;
    size_t total = p->total ? p->total : 1;
    size_t filled = done * BAR_WIDTH / total;
    char bar[BAR_WIDTH + 1], eta[32];
    for (size_t i = 0; i < BAR_WIDTH; i++)
        bar[i] = i < filled ? '#' : '.';
    bar[BAR_WIDTH] = '\0';
    double rate = elapsed > 0 ? (double)articles / elapsed : 0;
    format_eta(done && elapsed > 0 ? elapsed / (double)done * (double)(total - done) : -1,
               eta, sizeof eta);
    fprintf(stderr, "\r[%s] %zu/%zu files  %.0f articles/s  ETA %s\033[K", bar, done,
            p->total, rate, eta);
    fflush(stderr);
    p->drawn = 1;
}

void progress_clear(progress *p)
{
    if (p->on && p->drawn) {
        fputs("\r\033[K", stderr);
        fflush(stderr);
        p->drawn = 0;
    }
}
