/* izde — snippets around the words that matched. */
#include "izde/snippet.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/utf8.h>

#include "izde/schema.h"
#include "izde/unichar.h"

int izde_snippet_regions = 1;
unsigned long izde_snippet_regions_used;

typedef struct word {
    size_t start, end;
    unsigned term; /* 1 + index of the query term it matched, 0 if none */
} word;

/* The first two letters of a word or a term's word, as a Russian keyboard
 * writes them: a word can only match a query term (its stem, its keyboard
 * stem, itself) whose key is its own key or a prefix of it, which spares
 * stemming almost every word of a text (most of a query's time). */
typedef struct key {
    char s[12];
    size_t n;
} key;

static key lead_key(const char *w, size_t n)
{
    key k = {.n = 0};
    size_t end = 0;
    for (int letters = 0; end < n && letters < 2; letters++)
        do
            end++;
        while (end < n && ((unsigned char)w[end] & 0xC0) == 0x80);
    if (end < sizeof k.s)
        k.n = izde_keyboard_fold(w, end, k.s);
    return k;
}

/* The memo: an open-addressing hash table of word forms (their bytes in
 * `bytes`) and the query term each matched. */
typedef struct memo_entry {
    size_t off, len;    /* the word in m->bytes; len 0: a free slot */
    unsigned flags;     /* the token's flags and acronym length */
    uint32_t hash;
    unsigned term;      /* as matched_term() gives it */
} memo_entry;

struct izde_snippet_memo {
    memo_entry *e;
    size_t cap, n;      /* cap is a power of two, at least twice n */
    char *bytes;
    size_t nbytes, bytes_cap;
};

izde_snippet_memo *izde_snippet_memo_new(void)
{
    izde_snippet_memo *m = calloc(1, sizeof *m);
    if (m && !(m->e = calloc(m->cap = 256, sizeof *m->e))) {
        free(m);
        return NULL;
    }
    return m;
}

void izde_snippet_memo_free(izde_snippet_memo *m)
{
    if (!m)
        return;
    free(m->e);
    free(m->bytes);
    free(m);
}

static uint32_t word_hash(const izde_token *tok, unsigned flags)
{
    uint32_t h = 2166136261u ^ flags; /* FNV-1a */
    for (size_t i = 0; i < tok->len; i++)
        h = (h ^ (unsigned char)tok->word[i]) * 16777619u;
    return h;
}

static memo_entry *slot_of(memo_entry *e, size_t cap, uint32_t hash)
{
    size_t i = hash & (cap - 1);
    while (e[i].len)
        i = (i + 1) & (cap - 1);
    return &e[i];
}

static int memo_grow(izde_snippet_memo *m)
{
    size_t cap = m->cap * 2;
    memo_entry *e = calloc(cap, sizeof *e);
    if (!e)
        return -1;
    for (size_t i = 0; i < m->cap; i++)
        if (m->e[i].len)
            *slot_of(e, cap, m->e[i].hash) = m->e[i];
    free(m->e);
    m->e = e;
    m->cap = cap;
    return 0;
}

/* The entry of the token's word form; a new one (len set, term to be
 * filled in) sets *fresh.  NULL when out of memory. */
static memo_entry *memo_find(izde_snippet_memo *m, const izde_token *tok, int *fresh)
{
    unsigned flags = tok->flags | (unsigned)tok->acronym_len << 8;
    uint32_t h = word_hash(tok, flags);
    size_t i = h & (m->cap - 1);
    *fresh = 0;
    for (; m->e[i].len; i = (i + 1) & (m->cap - 1)) {
        memo_entry *x = &m->e[i];
        if (x->hash == h && x->len == tok->len && x->flags == flags &&
            memcmp(m->bytes + x->off, tok->word, tok->len) == 0)
            return x;
    }
    if ((m->n + 1) * 2 > m->cap && memo_grow(m))
        return NULL;
    if (m->nbytes + tok->len > m->bytes_cap) {
        size_t cap = (m->nbytes + tok->len) * 2 + 1024;
        char *b = realloc(m->bytes, cap);
        if (!b)
            return NULL;
        m->bytes = b;
        m->bytes_cap = cap;
    }
    memo_entry *x = slot_of(m->e, m->cap, h);
    memcpy(m->bytes + m->nbytes, tok->word, tok->len);
    *x = (memo_entry){m->nbytes, tok->len, flags, h, 0};
    m->nbytes += tok->len;
    m->n++;
    *fresh = 1;
    return x;
}

typedef struct collect {
    const izde_query *q;
    izde_snippet_memo *memo;
    const char *base;
    word *w;
    size_t n, cap;
    key *keys;   /* of every query term and wildcard */
    size_t nkeys;
    size_t *lens; /* of every query term */
    const char *region; /* the text analysed now: a region of the text */
    size_t shift;       /* its offset in the text */
    int moved;          /* the analyzer gave another text (not NFC) */
    int oom;
} collect;

/* The term without its prefix (upper-case ASCII letters). */
static const char *term_word(const char *t)
{
    while (*t >= 'A' && *t <= 'Z')
        t++;
    return t;
}

static int may_match(const collect *c, const izde_token *tok)
{
    key k = lead_key(tok->word, tok->len);
    for (size_t i = 0; i < c->nkeys; i++)
        if (c->keys[i].n <= k.n && memcmp(c->keys[i].s, k.s, c->keys[i].n) == 0)
            return 1;
    return 0;
}

/* Index of the query term this word's terms match, plus one; 0 for none.
 * `lens` holds the terms' lengths (an expanded query has dozens). */
static unsigned matched_term(const izde_query *q, const size_t *lens, const izde_terms *t)
{
    char buf[IZDE_WORD_MAX + 8];
    struct { const char *pfx, *s; size_t n; } cand[] = {
        {"", t->raw, t->raw_len},
        {IZDE_PFX_STEM, t->stem, t->stem_len},
        {IZDE_PFX_STEM, t->stem2, t->stem2_len},
        {IZDE_PFX_KBD, t->kbd, t->kbd_len},
    };
    if (izde_query_has_prefix_of(q, t->raw, t->raw_len))
        return (unsigned)q->nterms + 1; /* a wildcard: one "term" for all */
    for (size_t c = 0; c < sizeof cand / sizeof cand[0]; c++) {
        size_t pl = strlen(cand[c].pfx);
        if (!cand[c].n)
            continue;
        memcpy(buf, cand[c].pfx, pl);
        memcpy(buf + pl, cand[c].s, cand[c].n);
        for (size_t i = 0; i < q->nterms; i++)
            if (lens[i] == pl + cand[c].n && memcmp(q->terms[i], buf, lens[i]) == 0)
                return (unsigned)i + 1;
    }
    return 0;
}

static int on_word(void *ctx, const izde_token *tok)
{
    collect *c = ctx;
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 256;
        word *w = realloc(c->w, cap * sizeof *w);
        if (!w) {
            c->oom = 1;
            return 1;
        }
        c->w = w;
        c->cap = cap;
    }
    unsigned term = 0;
    if (may_match(c, tok)) {
        int fresh;
        memo_entry *x = memo_find(c->memo, tok, &fresh);
        if (!x) {
            c->oom = 1;
            return 1;
        }
        if (fresh) {
            izde_terms t;
            izde_word_terms(tok, &t);
            x->term = matched_term(c->q, c->lens, &t);
        }
        term = x->term;
    }
    if (tok->text != c->region) {
        c->moved = 1;
        if (c->shift)
            return 1;
    }
    c->base = tok->text;
    c->w[c->n++] = (word){tok->start + c->shift, tok->end + c->shift, term};
    return 0;
}

/* ---- regions ----------------------------------------------------------------
 *
 * Most of a snippet's time is the analysis of its whole text (ICU's word
 * breaks, and the stems of the words that may match).  A window with a
 * match lies within max_bytes of that match, so a long text is analysed
 * only around its candidates: the words whose first two letters may be a
 * query term's key, found by a scan of the bytes.  The scan errs towards
 * candidates — any letter it does not know makes one — so every word that
 * matches is in a region and the snippet is the one the whole text gives
 * (test_search.c compares the two over corpus/). */

/* A letter as the keys compare it: lower case, Latin look-alikes as their
 * Cyrillic twins (the analyzer maps them in Cyrillic words and in codes),
 * ң ө ү as н о у (the keys are in Russian-keyboard spelling); 0 for a
 * character the scan does not know. */
static UChar32 skel(UChar32 c)
{
    /*                          a      b      c      d  e      f  g  h      i  j  k      l  m */
    static const UChar32 twin[26] = {0x430, 0x432, 0x441, 0, 0x435, 0, 0, 0x43D, 0, 0, 0x43A, 0, 0x43C,
                                     0, 0x43E, 0x440, 0, 0, 0, 0x442, 0, 0, 0, 0x445, 0x443, 0};
    /*                               n  o      p      q  r  s  t      u  v  w  x      y      z */
    if (c < 0x80) {
        if (c >= 'A' && c <= 'Z')
            c += 0x20;
        if (c >= 'a' && c <= 'z' && twin[c - 'a'])
            return twin[c - 'a'];
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ? c : 0;
    }
    if (c < 0x400 || c > 0x4FF)
        return 0;
    c = izde_uc_tolower(c);
    return c == 0x4A3 ? 0x43D : c == 0x4E9 ? 0x43E : c == 0x4AF ? 0x443 : c;
}

/* A character no word boundary separates from a letter after it: ASCII
 * letters and digits, Latin and Cyrillic letters (Unicode's word-break
 * rules join ALetter and Numeric runs). */
static int joins(UChar32 c)
{
    if (c < 0x80)
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    return ((c >= 0xC0 && c <= 0x24F) || (c >= 0x400 && c <= 0x4FF)) && izde_uc_isalpha(c);
}

typedef struct skey {
    UChar32 c[2];
    int n;
} skey;

static int is_space(char ch) { return ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r'; }

typedef struct span {
    size_t from, to;
} span;

#define WHOLE ((size_t)-1)

/* The regions of text[0..len) to analyse, into r (at most cap); 0 if no
 * word may match; WHOLE when the whole text should be analysed (a key the
 * scan cannot compare, or regions that would cover most of it). */
static size_t find_regions(const char *text, size_t len, const key *keys, size_t nkeys,
                           size_t max_bytes, span *r, size_t cap)
{
    skey sk[64];
    size_t nsk = 0;
    for (size_t i = 0; i < nkeys; i++) {
        int32_t j = 0, n = (int32_t)keys[i].n;
        skey k = {{0, 0}, 0};
        while (j < n && k.n < 2) {
            UChar32 c;
            U8_NEXT((const uint8_t *)keys[i].s, j, n, c);
            if (c < 0 || !(k.c[k.n++] = skel(c)))
                return WHOLE;
        }
        if (k.n == 0 || nsk == sizeof sk / sizeof sk[0])
            return WHOLE;
        sk[nsk++] = k;
    }
    size_t nr = 0, covered = 0;
    UChar32 prev = 0;
    for (int32_t i = 0, n = (int32_t)len; i < n;) {
        int32_t at = i;
        UChar32 c;
        U8_NEXT((const uint8_t *)text, i, n, c);
        if (joins(prev) || c < 0 || (c < 0x80 ? !joins(c) : !izde_uc_isalnum(c))) {
            prev = c;
            continue;
        }
        prev = c;
        UChar32 c1 = skel(c), c2 = 0;
        if (i < n) {
            int32_t k = i;
            U8_NEXT((const uint8_t *)text, k, n, c2);
            c2 = skel(c2);
        }
        int cand = !c1;
        for (size_t k = 0; k < nsk && !cand; k++)
            cand = sk[k].c[0] == c1 && (sk[k].n < 2 || !c2 || sk[k].c[1] == c2);
        if (!cand)
            continue;
        size_t from = (size_t)at > max_bytes ? (size_t)at - max_bytes : 0;
        size_t to = (size_t)at + max_bytes < len ? (size_t)at + max_bytes : len;
        while (from > 0 && !is_space(text[from - 1]))
            from--;
        while (to < len && !is_space(text[to]))
            to++;
        if (nr && from <= r[nr - 1].to) {
            covered += to > r[nr - 1].to ? to - r[nr - 1].to : 0;
            if (to > r[nr - 1].to)
                r[nr - 1].to = to;
        } else {
            if (nr == cap)
                return WHOLE;
            r[nr++] = (span){from, to};
            covered += to - from;
        }
        if (covered * 10 > len * 7)
            return WHOLE;
    }
    return nr;
}

/* Whether a word (a letter or digit) is in text[from..to). */
static int word_in(const char *text, size_t from, size_t to)
{
    for (int32_t i = (int32_t)from, n = (int32_t)to; i < n;) {
        UChar32 c;
        U8_NEXT((const uint8_t *)text, i, n, c);
        if (c >= 0 && izde_uc_isalnum(c))
            return 1;
    }
    return 0;
}

/* The window of words [*first, *last] at most max_bytes long with the most
 * distinct matched terms, then the most matches; the earliest on ties. */
static void best_window(const word *w, size_t n, size_t nterms,
                        size_t max_bytes, size_t *first, size_t *last)
{
    /* Matches per query term; index nterms is every wildcard's. */
    unsigned *count = calloc(nterms + 1, sizeof *count);
    long best = -1;
    size_t distinct = 0, hits = 0, l = 0;
    *first = 0;
    *last = 0;
    for (size_t f = 0, r = 0; f < n; f++) {
        if (r < f)
            r = f;
        while (r < n && w[r].end - w[f].start <= max_bytes) {
            if (w[r].term && count) {
                hits++;
                if (count[w[r].term - 1]++ == 0)
                    distinct++;
            }
            r++;
        }
        long score = (long)distinct * 1000 + (long)hits;
        if (score > best) {
            best = score;
            *first = f;
            l = r > f ? r - 1 : f;
            *last = l;
        }
        if (r > f && w[f].term && count) {
            hits--;
            if (--count[w[f].term - 1] == 0)
                distinct--;
        }
    }
    free(count);

    /* Centre the matches: the best window found first has them at its end. */
    size_t hs = *first, he = *last;
    while (hs < *last && !w[hs].term)
        hs++;
    while (he > hs && !w[he].term)
        he--;
    if (!w[hs].term)
        return; /* no match: the text's beginning */
    size_t centre = (w[hs].start + w[he].end) / 2;
    size_t f = *first;
    while (f < hs && w[f].start + max_bytes / 2 < centre)
        f++;
    l = f;
    while (l + 1 < n && w[l + 1].end - w[f].start <= max_bytes)
        l++;
    if (l >= he) {
        *first = f;
        *last = l;
    }
}

/* Appends text[from..to) with white-space runs collapsed to one space. */
static size_t put_collapsed(char *out, size_t o, const char *s, size_t from,
                            size_t to)
{
    for (size_t i = from; i < to; i++) {
        char ch = s[i];
        int space = ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r';
        if (space) {
            if (o && out[o - 1] != ' ')
                out[o++] = ' ';
        } else {
            out[o++] = ch;
        }
    }
    return o;
}

izde_status izde_snippet_make(izde_analyzer *an, const char *text, size_t len,
                              const izde_query *q, size_t max_bytes,
                              izde_snippet_memo *memo, izde_snippet *out,
                              izde_error *err)
{
    memset(out, 0, sizeof *out);
    izde_snippet_memo *own = memo ? NULL : izde_snippet_memo_new();
    collect c = {.q = q, .memo = memo ? memo : own, .base = text};
    c.keys = c.memo ? malloc((q->nterms + q->nwild + 1) * sizeof *c.keys) : NULL;
    c.lens = malloc((q->nterms + 1) * sizeof *c.lens);
    if (!c.keys || !c.lens) {
        free(c.keys);
        free(c.lens);
        izde_snippet_memo_free(own);
        return izde_fail(err, IZDE_ERR_NOMEM, "snippet: out of memory");
    }
    for (size_t i = 0; i < q->nterms; i++) {
        c.lens[i] = strlen(q->terms[i]);
        const char *w = term_word(q->terms[i]);
        size_t n = strlen(w);
        /* A stem's last letter may differ from its word's (уб → уп, г/б
         * restored to к/п): it is not part of a stem's key. */
        if (w != q->terms[i] && n) {
            do
                n--;
            while (n && ((unsigned char)w[n] & 0xC0) == 0x80);
        }
        c.keys[c.nkeys++] = lead_key(w, n);
    }
    for (size_t i = 0; i < q->nwild; i++)
        c.keys[c.nkeys++] = lead_key(q->wild[i], strlen(q->wild[i]));
    /* A long text: its regions, if they spare most of it; whole if they
     * find no match or the analyzer had to normalise the text. */
    span reg[32];
    size_t nreg = izde_snippet_regions && len > 4 * max_bytes
                      ? find_regions(text, len, c.keys, c.nkeys, max_bytes, reg, 32)
                      : WHOLE;
    /* No word may match: the snippet is the text's first max_bytes, which
     * twice as much holds unless the first word starts late. */
    int none = nreg == 0;
    if (none) {
        reg[0] = (span){0, 2 * max_bytes < len ? 2 * max_bytes : len};
        while (reg[0].to < len && !is_space(text[reg[0].to]))
            reg[0].to++;
        nreg = 1;
    }
    int rc = 0, before = 0, after = 0;
    for (size_t i = 0; nreg != WHOLE && i < nreg && rc == 0 && !c.moved; i++) {
        c.region = text + reg[i].from;
        c.shift = reg[i].from;
        rc = izde_analyze(an, c.region, reg[i].to - reg[i].from, 1, on_word, &c, NULL, err);
    }
    /* The regions hold the snippet if they have a match or, when no word
     * may match, the text's first words. */
    int matched = 0;
    for (size_t i = 0; i < c.n && !matched; i++)
        matched = c.w[i].term != 0;
    int holds = none ? c.n > 0 && c.w[0].start <= max_bytes : matched;
    if (nreg != WHOLE && rc == 0 && !c.moved && holds) {
        c.base = text;
        izde_snippet_regions_used++;
        before = word_in(text, 0, reg[0].from);
        after = word_in(text, reg[nreg - 1].to, len);
    } else if (rc == 0 || (c.moved && !c.oom)) {
        c.n = 0;
        c.moved = 0;
        c.shift = 0;
        c.region = text;
        c.base = text;
        rc = izde_analyze(an, text, len, 1, on_word, &c, NULL, err);
    }
    free(c.keys);
    free(c.lens);
    izde_snippet_memo_free(own);
    if (c.oom || rc > 0) {
        free(c.w);
        return izde_fail(err, IZDE_ERR_NOMEM, "snippet: out of memory");
    }
    if (rc < 0) {
        free(c.w);
        return (izde_status)rc;
    }
    size_t first = 0, last = 0;
    if (c.n)
        best_window(c.w, c.n, q->nterms, max_bytes, &first, &last);
    /* Words, the gaps between them, and "…" at each end: 2 spans a word. */
    out->text = malloc(max_bytes + 16 + (c.n ? c.w[last].end - c.w[first].start : 0));
    out->spans = malloc((2 * (last - first + 1) + 3) * sizeof *out->spans);
    if (!out->text || !out->spans) {
        free(c.w);
        izde_snippet_free(out);
        return izde_fail(err, IZDE_ERR_NOMEM, "snippet: out of memory");
    }
    size_t o = 0, ns = 0;
    if (c.n) {
        static const char ell[] = "\xE2\x80\xA6 "; /* "… " */
        const char *b = c.base;
        size_t text_end = c.base == text ? len : strlen(c.base);
        if (first > 0 || before) {
            memcpy(out->text, ell, 4);
            o = 4;
            out->spans[ns++] = (izde_span){0, 4, 0};
        }
        size_t prev = c.w[first].start;
        for (size_t i = first; i <= last; i++) {
            size_t from = o;
            o = put_collapsed(out->text, o, b, prev, c.w[i].start);
            if (o > from)
                out->spans[ns++] = (izde_span){from, o, 0};
            from = o;
            o = put_collapsed(out->text, o, b, c.w[i].start, c.w[i].end);
            out->spans[ns++] = (izde_span){from, o, c.w[i].term != 0};
            prev = c.w[i].end;
        }
        /* Keep the punctuation right after the last word (a full stop). */
        size_t tail = prev;
        while (tail < text_end && tail - prev < 3 && b[tail] &&
               strchr(".,;:!?)", b[tail]))
            tail++;
        size_t from = o;
        o = put_collapsed(out->text, o, b, prev, tail);
        if (last + 1 < c.n || after) {
            memcpy(out->text + o, " \xE2\x80\xA6", 4);
            o += 4;
        }
        if (o > from)
            out->spans[ns++] = (izde_span){from, o, 0};
    }
    out->text[o] = '\0';
    out->len = o;
    out->nspans = ns;
    free(c.w);
    return IZDE_OK;
}

void izde_snippet_free(izde_snippet *s)
{
    free(s->text);
    free(s->spans);
    memset(s, 0, sizeof *s);
}
