/* izde-latency — in-process query latency of libizde (bench, not a test).
 *
 *   izde-latency DB all|any REPS SNIPPET_BYTES QUERYFILE
 *
 * Opens DB once with izde_searcher_open, then runs every line of QUERYFILE
 * through izde_search (top 10, with snippets of SNIPPET_BYTES as
 * izde-search makes them; 0 = none; did-you-mean on, as izde-search --format
 * json has it): one warm-up pass, then REPS passes, each
 * query timed with clock_gettime(CLOCK_MONOTONIC), and its CPU time
 * (CLOCK_THREAD_CPUTIME_ID: what it costs, whatever else the machine runs).
 * Prints "p50_ms p95_ms runs cpu_p50_ms cpu_p95_ms" over all timed runs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "izde/search.h"

static double ms_of(const struct timespec *a, const struct timespec *b)
{
    return (double)(b->tv_sec - a->tv_sec) * 1e3 + (double)(b->tv_nsec - a->tv_nsec) / 1e6;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    if (argc != 6) {
        fprintf(stderr, "usage: izde-latency DB all|any REPS SNIPPET_BYTES QUERYFILE\n");
        return 2;
    }
    int reps = atoi(argv[3]);
    izde_search_opts o = {.count = 10, .any = strcmp(argv[2], "any") == 0,
                          .snippet_bytes = (size_t)atol(argv[4]), .suggest = 1};
    FILE *f = fopen(argv[5], "r");
    if (!f || reps < 1) {
        perror(argv[5]);
        return 2;
    }
    char **q = NULL;
    size_t nq = 0, cap = 0;
    char *line = NULL;
    size_t lcap = 0;
    ssize_t n;
    while ((n = getline(&line, &lcap, f)) > 0) {
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if (n == 0)
            continue;
        if (nq == cap) {
            cap = cap ? 2 * cap : 128;
            q = realloc(q, cap * sizeof *q);
            if (!q)
                return 3;
        }
        q[nq++] = strdup(line);
    }
    free(line);
    fclose(f);

    izde_searcher *s;
    izde_error err;
    const char *db = argv[1];
    if (izde_searcher_open(&db, 1, &s, &err) != IZDE_OK) {
        fprintf(stderr, "izde-latency: %s\n", err.msg);
        return 3;
    }
    double *ms = malloc(sizeof *ms * nq * (size_t)reps);
    double *cpu = malloc(sizeof *cpu * nq * (size_t)reps);
    size_t nms = 0, hits = 0;
    for (int r = -1; r < reps; r++) { /* r == -1: warm-up */
        for (size_t i = 0; i < nq; i++) {
            struct timespec t0, t1, c0, c1;
            izde_results res;
            clock_gettime(CLOCK_MONOTONIC, &t0);
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c0);
            izde_status rc = izde_search(s, q[i], &o, &res, &err);
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c1);
            clock_gettime(CLOCK_MONOTONIC, &t1);
            if (rc == IZDE_OK) {
                hits += res.nhits;
                izde_results_free(&res);
            } else if (rc != IZDE_ERR_QUERY) {
                fprintf(stderr, "izde-latency: %s\n", err.msg);
                return 3;
            }
            if (r >= 0) {
                cpu[nms] = ms_of(&c0, &c1);
                ms[nms++] = ms_of(&t0, &t1);
            }
        }
    }
    qsort(ms, nms, sizeof *ms, cmp);
    qsort(cpu, nms, sizeof *cpu, cmp);
    printf("%.4f %.4f %zu %.4f %.4f\n", ms[nms / 2], ms[nms * 95 / 100], nms, cpu[nms / 2],
           cpu[nms * 95 / 100]);
    izde_searcher_close(s);
    for (size_t i = 0; i < nq; i++)
        free(q[i]);
    free(q);
    free(ms);
    free(cpu);
    return hits == (size_t)-1;
}
