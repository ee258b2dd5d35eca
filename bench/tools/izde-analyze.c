/* izde-analyze — the analyzer alone over text files (bench, not a test).
 *
 *   izde-analyze [-h|-d|-t REPS] FILE...
 *
 * Runs izde_analyze() over every line of each FILE (as test_analyzer splits
 * ../shared/kyrgyz-text: a line is an article or a sentence), with a
 * callback that only counts each token, so that under
 * `valgrind --tool=callgrind` the cost is the analyzer's.  Prints bytes,
 * lines and words.  -h also hashes every token's word, offsets, position,
 * flags and acronym length and prints the hash (the same before and after
 * a change: the same tokens); -d prints every token, one a line (offsets,
 * position, flags, acronym length, the word and the text it was), to
 * compare by diff; -t REPS analyses it all REPS times and prints the CPU
 * time of a pass, a look at the time beside callgrind's count. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "izde/analyzer.h"

typedef struct {
    unsigned long long words;
    uint64_t hash;
    int dump;
} count_ctx;

static uint64_t mix(uint64_t h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        h = (h ^ b[i]) * 1099511628211ull; /* FNV-1a, 64 bits */
    return h;
}

static int on_word(void *ctx, const izde_token *t)
{
    count_ctx *c = ctx;
    c->words++;
    if (!c->dump) /* next to nothing: the analyzer's own cost is measured */
        return 0;
    size_t f[5] = {t->start, t->end, t->pos, t->flags, t->acronym_len};
    c->hash = mix(mix(c->hash, t->word, t->len + 1), f, sizeof f);
    if (c->dump > 1)
        printf("%zu %zu %u %u %zu %s %.*s\n", t->start, t->end, t->pos, t->flags,
               t->acronym_len, t->word, (int)(t->end - t->start), t->text + t->start);
    return 0;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0, r;
    char *buf = malloc(cap + 1);
    while (buf && (r = fread(buf + n, 1, cap - n, f)) > 0)
        if ((n += r) == cap && !(buf = realloc(buf, (cap *= 2) + 1)))
            break;
    fclose(f);
    if (buf)
        buf[n] = '\0';
    *len = n;
    return buf;
}

int main(int argc, char **argv)
{
    count_ctx c = {.hash = 14695981039346656037ull};
    int first = 1;
    long reps = 1;
    for (; first < argc && argv[first][0] == '-'; first++) {
        if (strcmp(argv[first], "-h") == 0 || strcmp(argv[first], "-d") == 0)
            c.dump = argv[first][1] == 'h' ? 1 : 2;
        else if (strcmp(argv[first], "-t") == 0 && first + 1 < argc && atol(argv[first + 1]) > 0)
            reps = atol(argv[++first]);
        else
            break;
    }
    if (argc <= first || (reps > 1 && c.dump)) {
        fprintf(stderr, "usage: izde-analyze [-h|-d|-t REPS] FILE...\n");
        return 2;
    }
    izde_analyzer *a;
    izde_error err;
    if (izde_analyzer_new(&a, &err) != IZDE_OK) {
        fprintf(stderr, "izde-analyze: %s\n", err.msg);
        return 1;
    }
    int nfiles = argc - first;
    char **texts = calloc((size_t)nfiles, sizeof *texts);
    size_t *lens = calloc((size_t)nfiles, sizeof *lens);
    unsigned long long bytes = 0, lines = 0;
    for (int f = 0; texts && lens && f < nfiles; f++) {
        if (!(texts[f] = slurp(argv[first + f], &lens[f]))) {
            fprintf(stderr, "izde-analyze: cannot read %s\n", argv[first + f]);
            return 1;
        }
        bytes += lens[f];
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
    for (long r = 0; r < reps; r++) {
        c.words = 0;
        lines = 0;
        for (int f = 0; f < nfiles; f++) {
            char *text = texts[f];
            size_t len = lens[f];
            for (char *line = text, *end; line < text + len; line = end + 1) {
                end = memchr(line, '\n', (size_t)(text + len - line));
                if (!end)
                    end = text + len;
                lines++;
                int rc = izde_analyze(a, line, (size_t)(end - line), (unsigned)(lines % 1000),
                                      on_word, &c, NULL, &err);
                if (rc < 0) {
                    fprintf(stderr, "izde-analyze: %s: %s\n", argv[first + f], err.msg);
                    return 1;
                }
            }
        }
    }
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1);
    FILE *out = c.dump > 1 ? stderr : stdout;
    fprintf(out, "bytes %llu lines %llu words %llu", bytes, lines, c.words);
    if (c.dump)
        fprintf(out, " hash %016llx", (unsigned long long)c.hash);
    if (reps > 1) {
        double ns = (double)(t1.tv_sec - t0.tv_sec) * 1e9 + (double)(t1.tv_nsec - t0.tv_nsec);
        fprintf(out, " cpu %.1f ms per pass, %.2f ns per byte, %.1f ns per word", ns / reps / 1e6,
                ns / reps / (double)bytes, ns / reps / (double)c.words);
    }
    fprintf(out, "\n");
    for (int f = 0; f < nfiles; f++)
        free(texts[f]);
    free(texts);
    free(lens);
    izde_analyzer_free(a);
    return 0;
}
