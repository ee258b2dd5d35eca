/* izde — did-you-mean from the index's vocabulary. */
#include "izde/spelling.h"

#include <string.h>

#include "izde/utf8.h"

#define MAX_LETTERS 64

/* Decodes UTF-8 into code points; returns the count, or 0 if too long. */
static size_t decode(const char *s, size_t n, unsigned *cp)
{
    size_t k = 0;
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        size_t l = izde_utf8_seq(p + i, n - i);
        if (!l || k == MAX_LETTERS)
            return 0;
        unsigned c = l == 1 ? p[i] : l == 2 ? p[i] & 0x1Fu : l == 3 ? p[i] & 0x0Fu : p[i] & 0x07u;
        for (size_t j = 1; j < l; j++)
            c = (c << 6) | (p[i + j] & 0x3Fu);
        cp[k++] = c;
        i += l;
    }
    return k;
}

static unsigned min3(unsigned a, unsigned b, unsigned c)
{
    unsigned m = a < b ? a : b;
    return m < c ? m : c;
}

unsigned izde_edit_distance(const char *a, size_t an, const char *b,
                            size_t bn, unsigned max)
{
    unsigned x[MAX_LETTERS], y[MAX_LETTERS];
    size_t n = decode(a, an, x), m = decode(b, bn, y);
    if ((!n && an) || (!m && bn))
        return max + 1;
    if ((n > m ? n - m : m - n) > max)
        return max + 1;
    /* Three rows of the optimal-string-alignment matrix. */
    unsigned rows[3][MAX_LETTERS + 1];
    unsigned *pp = rows[0], *prev = rows[1], *cur = rows[2];
    for (size_t j = 0; j <= m; j++)
        prev[j] = (unsigned)j;
    for (size_t i = 1; i <= n; i++) {
        cur[0] = (unsigned)i;
        unsigned best = cur[0];
        for (size_t j = 1; j <= m; j++) {
            unsigned cost = x[i - 1] != y[j - 1];
            cur[j] = min3(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
            if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1] &&
                pp[j - 2] + 1 < cur[j])
                cur[j] = pp[j - 2] + 1;
            if (cur[j] < best)
                best = cur[j];
        }
        if (best > max)
            return max + 1;
        unsigned *t = pp;
        pp = prev;
        prev = cur;
        cur = t;
    }
    return prev[m] > max ? max + 1 : prev[m];
}

typedef struct nearest {
    const char *word;
    size_t len;
    unsigned max, dist, best_dist, best_freq; /* dist: of the term wanted */
    char *out;
    size_t cap;
    int found;
} nearest;

/* A term near enough to be a candidate (its frequency is read only then). */
static int near_enough(void *ctx, const char *term, size_t len)
{
    nearest *n = ctx;
    if (len >= n->cap || (len == n->len && memcmp(term, n->word, len) == 0))
        return 0;
    n->dist = izde_edit_distance(n->word, n->len, term, len, n->max);
    return n->dist <= n->max;
}

static int consider(void *ctx, const char *term, size_t len, unsigned freq)
{
    nearest *n = ctx;
    unsigned d = n->dist;
    if (!n->found || d < n->best_dist || (d == n->best_dist && freq > n->best_freq)) {
        memcpy(n->out, term, len);
        n->out[len] = '\0';
        n->best_dist = d;
        n->best_freq = freq;
        n->found = 1;
    }
    return 0;
}

int izde_spelling_nearest(xap_db *db, const char *word, size_t len,
                          char *out, size_t cap)
{
    unsigned cp[MAX_LETTERS];
    size_t letters = decode(word, len, cp);
    size_t first = izde_utf8_seq((const unsigned char *)word, len);
    if (!letters || !first || letters < 3)
        return 0;
    char prefix[8];
    memcpy(prefix, word, first);
    prefix[first] = '\0';
    if ((unsigned char)prefix[0] >= 'A' && (unsigned char)prefix[0] <= 'Z')
        return 0; /* that would scan prefixed terms */
    nearest n = {.word = word, .len = len, .max = letters <= 4 ? 1 : 2,
                 .out = out, .cap = cap};
    if (xap_db_allterms_where(db, prefix, near_enough, consider, &n, NULL) != XAP_OK)
        return -1;
    return n.found;
}
