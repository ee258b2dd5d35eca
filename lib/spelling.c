/* izde — did-you-mean from the index's vocabulary. */
#include "izde/spelling.h"

#include <stdint.h>
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

/* A word compiled for the bit-parallel distance: for each of its letters,
 * the mask of the positions it holds (a small open-addressing table). */
#define SLOTS 128
typedef struct pattern {
    size_t n;                 /* letters */
    unsigned letter[SLOTS];   /* 0: a free slot (no word holds U+0000) */
    uint64_t mask[SLOTS];
} pattern;

static size_t slot_of(const pattern *p, unsigned c)
{
    size_t s = (c * 2654435761u) >> 25 & (SLOTS - 1);
    while (p->letter[s] && p->letter[s] != c)
        s = (s + 1) & (SLOTS - 1);
    return s;
}

static void compile(pattern *p, const unsigned *cp, size_t n)
{
    memset(p->letter, 0, sizeof p->letter);
    p->n = n;
    for (size_t i = 0; i < n; i++) {
        size_t s = slot_of(p, cp[i]);
        if (!p->letter[s]) {
            p->letter[s] = cp[i];
            p->mask[s] = 0;
        }
        p->mask[s] |= (uint64_t)1 << i;
    }
}

static uint64_t mask_of(const pattern *p, unsigned c)
{
    size_t s = slot_of(p, c);
    return p->letter[s] ? p->mask[s] : 0;
}

/* The optimal-string-alignment distance between the pattern and t[0..m),
 * by Hyyrö's bit-vector algorithm (2003): one column of the matrix per
 * letter of t, as vertical deltas in two words. */
static unsigned distance(const pattern *p, const unsigned *t, size_t m)
{
    if (p->n == 0)
        return (unsigned)m;
    uint64_t vp = ~(uint64_t)0, vn = 0, d0 = 0, pm_prev = 0;
    uint64_t last = (uint64_t)1 << (p->n - 1);
    unsigned d = (unsigned)p->n;
    for (size_t j = 0; j < m; j++) {
        uint64_t pm = mask_of(p, t[j]);
        uint64_t tr = ((~d0 & pm) << 1) & pm_prev;
        d0 = (((pm & vp) + vp) ^ vp) | pm | vn | tr;
        uint64_t hp = vn | ~(d0 | vp), hn = d0 & vp;
        d += (hp & last) != 0;
        d -= (hn & last) != 0;
        hp = (hp << 1) | 1;
        hn <<= 1;
        vp = hn | ~(d0 | hp);
        vn = hp & d0;
        pm_prev = pm;
    }
    return d;
}

unsigned izde_edit_distance(const char *a, size_t an, const char *b,
                            size_t bn, unsigned max)
{
    unsigned x[MAX_LETTERS], y[MAX_LETTERS];
    size_t n = decode(a, an, x), m = decode(b, bn, y);
    if ((!n && an) || (!m && bn) || (n > m ? n - m : m - n) > max)
        return max + 1;
    pattern p;
    compile(&p, x, n);
    unsigned d = distance(&p, y, m);
    return d > max ? max + 1 : d;
}

typedef struct nearest {
    const char *word;
    size_t len, letters;
    pattern p;
    unsigned max, dist, best_dist, best_freq; /* dist: of the term wanted */
    char *out;
    size_t cap;
    int found;
} nearest;

/* A term near enough to be a candidate (its frequency is read only then).
 * Most terms differ too much in length, which the count of their UTF-8
 * lead bytes tells before any decoding. */
static int near_enough(void *ctx, const char *term, size_t len)
{
    nearest *n = ctx;
    if (len >= n->cap || (len == n->len && memcmp(term, n->word, len) == 0))
        return 0;
    size_t letters = 0;
    for (size_t i = 0; i < len; i++)
        letters += ((unsigned char)term[i] & 0xC0) != 0x80;
    if ((letters > n->letters ? letters - n->letters : n->letters - letters) > n->max)
        return 0;
    unsigned cp[MAX_LETTERS];
    size_t m = decode(term, len, cp);
    if (!m)
        return 0;
    n->dist = distance(&n->p, cp, m);
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
    nearest n = {.word = word, .len = len, .letters = letters,
                 .max = letters <= 4 ? 1 : 2, .out = out, .cap = cap};
    compile(&n.p, cp, letters);
    if (xap_db_allterms_where(db, prefix, near_enough, consider, &n, NULL) != XAP_OK)
        return -1;
    return n.found;
}
