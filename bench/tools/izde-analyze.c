/* izde-analyze — the analyzer alone over text files (bench, not a test).
 *
 *   izde-analyze [-h|-d] FILE...
 *
 * Runs izde_analyze() over every line of each FILE (as test_analyzer splits
 * ../shared/kyrgyz-text: a line is an article or a sentence), with a
 * callback that only counts and hashes each token, so that under
 * `valgrind --tool=callgrind` the cost is the analyzer's.  Prints bytes,
 * lines and words; -h also a hash of every token's word, offsets, position,
 * flags and acronym length (the same hash before and after a change: the
 * same tokens), and -d prints every token, one a line (offsets, position,
 * flags, acronym length, the word and the text it was), to compare by diff. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    if (argc > 1 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "-d") == 0)) {
        c.dump = argv[1][1] == 'h' ? 1 : 2;
        first = 2;
    }
    if (argc <= first) {
        fprintf(stderr, "usage: izde-analyze [-h|-d] FILE...\n");
        return 2;
    }
    izde_analyzer *a;
    izde_error err;
    if (izde_analyzer_new(&a, &err) != IZDE_OK) {
        fprintf(stderr, "izde-analyze: %s\n", err.msg);
        return 1;
    }
    unsigned long long bytes = 0, lines = 0;
    for (int f = first; f < argc; f++) {
        size_t len;
        char *text = slurp(argv[f], &len);
        if (!text) {
            fprintf(stderr, "izde-analyze: cannot read %s\n", argv[f]);
            return 1;
        }
        bytes += len;
        for (char *line = text, *end; line < text + len; line = end + 1) {
            end = memchr(line, '\n', (size_t)(text + len - line));
            if (!end)
                end = text + len;
            lines++;
            int r = izde_analyze(a, line, (size_t)(end - line), (unsigned)(lines % 1000), on_word,
                                 &c, NULL, &err);
            if (r < 0) {
                fprintf(stderr, "izde-analyze: %s: %s\n", argv[f], err.msg);
                return 1;
            }
        }
        free(text);
    }
    fprintf(c.dump > 1 ? stderr : stdout, "bytes %llu lines %llu words %llu", bytes, lines,
            c.words);
    if (c.dump)
        fprintf(c.dump > 1 ? stderr : stdout, " hash %016llx", (unsigned long long)c.hash);
    fprintf(c.dump > 1 ? stderr : stdout, "\n");
    izde_analyzer_free(a);
    return 0;
}
