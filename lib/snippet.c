/* izde — snippets around the words that matched. */
#include "izde/snippet.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "izde/schema.h"

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
    c->base = tok->text;
    c->w[c->n++] = (word){tok->start, tok->end, term};
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
    int rc = izde_analyze(an, text, len, 1, on_word, &c, NULL, err);
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
        if (first > 0) {
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
        if (last + 1 < c.n) {
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
