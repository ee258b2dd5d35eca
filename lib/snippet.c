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
    unsigned flags = tok->flags | (unsigned)tok->acronym_len << 8 | tok->langs << 16;
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
 * `lens` holds the terms' lengths (an expanded query has dozens).  A term
 * only Russian articles match counts in a text the analyzer reads as
 * Russian (langs, the token's). */
static unsigned matched_term(const izde_query *q, const size_t *lens, const izde_terms *t,
                             unsigned langs)
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
            if (lens[i] == pl + cand[c].n && memcmp(q->terms[i], buf, lens[i]) == 0 &&
                (!q->russian[i] || (langs & IZDE_LANG_RU)))
                return (unsigned)i + 1;
    }
    return 0;
}

/* The query term the token's word matched, as matched_term() gives it,
 * into *term (remembered in the memo).  -1 when out of memory. */
static int term_of(collect *c, const izde_token *tok, unsigned *term)
{
    *term = 0;
    if (!may_match(c, tok))
        return 0;
    int fresh;
    memo_entry *x = memo_find(c->memo, tok, &fresh);
    if (!x) {
        c->oom = 1;
        return -1;
    }
    if (fresh) {
        izde_terms t;
        izde_word_terms(tok, &t);
        x->term = matched_term(c->q, c->lens, &t, tok->langs);
    }
    *term = x->term;
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
    unsigned term;
    if (term_of(c, tok, &term))
        return 1;
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
 * Most of a snippet's time is the analysis of its text (word breaks, and
 * the stems of the words that may match).  A scan of the bytes finds the
 * candidates: the words whose first letters fit a query term's key (the
 * letters every word matching the term starts with).  It errs towards
 * candidates — a letter it does not know makes one — so every word that
 * matches is one.  Each candidate's own word, analysed alone, says whether
 * and which term it matches.  A window holds its matches within max_bytes
 * of its first one, so the matches within max_bytes after a match bound
 * the score of every window whose first match it is; and all those windows
 * lie within max_bytes of it.  The text is analysed around the matches,
 * highest bound first, until the best window found beats every bound left
 * (or ties it and starts earlier, as the best window does on ties): a text
 * where the query's word is everywhere is analysed where it is densest,
 * not whole.  The snippet is the one the whole text gives (test_search.c
 * compares the two over corpus/ and ../shared/kyrgyz-text, and checks the
 * keys against every word there). */

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
static inline int joins(UChar32 c)
{
    if (c < 0x80)
        return c >= 0 && (izde_uc_ascii_letter(c) || (uint32_t)(c - '0') < 10);
    if (izde_uc_basic_cyrillic(c))
        return 1;
    return ((c >= 0xC0 && c <= 0x24F) || (c >= 0x400 && c <= 0x4FF)) && izde_uc_isalpha_any(c);
}

/* The code point at s[*i..len), *i moved past it; negative if not UTF-8
 * (ICU's U8_NEXT, but ASCII and two-byte characters inline: the scan
 * reads every character of a hit's text). */
static inline __attribute__((always_inline)) UChar32 next_char(const uint8_t *s, size_t len,
                                                               size_t *i)
{
    size_t k = *i;
    unsigned b = s[k];
    if (b < 0x80) {
        *i = k + 1;
        return (UChar32)b;
    }
    if (b >= 0xC2 && b <= 0xDF && k + 1 < len && (s[k + 1] & 0xC0) == 0x80) {
        *i = k + 2;
        return (UChar32)(((b & 0x1F) << 6) | (s[k + 1] & 0x3F));
    }
    int32_t j = (int32_t)k;
    UChar32 c;
    U8_NEXT(s, j, (int32_t)len, c);
    *i = (size_t)j;
    return c;
}

#define SKEYS_MAX 64
#define SKEY_LETTERS 6

/* A query term's key for the scan: the first letters every word that
 * matches the term starts with, as skel() gives them (none: every word
 * fits). */
typedef struct skey {
    UChar32 c[SKEY_LETTERS];
    int n;
} skey;

/* A word that may match: its first letter's offset, the query term it
 * matched (as matched_term() gives it; UNVERIFIED: any), and the bound of
 * the windows whose first match it is. */
typedef struct cand {
    size_t at;
    unsigned term;
    long bound;
} cand;

#define UNVERIFIED UINT32_MAX

typedef struct span {
    size_t from, to;
} span;

static int is_space(char ch) { return ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r'; }

/* The key of a term's word w[0..n): a word form's or a wildcard's letters;
 * a stem's (`stem`) but its last two, or its last one if it has 3 letters
 * or fewer: a word's stem may differ from the word there (салыгы → салык,
 * орду → орун, балдар → бала, бою → бой), but not in the digits it starts
 * with (3 of 3-декабрь, 2021): those it keeps, or a number's empty key
 * would make every word of a text a candidate.  At most SKEY_LETTERS, and
 * none from a letter skel() does not know on. */
static skey skey_of(const char *w, size_t n, int stem)
{
    skey k = {{0}, 0};
    size_t letters = 0, digits = 0;
    for (size_t i = 0; i < n; i++)
        letters += ((unsigned char)w[i] & 0xC0) != 0x80;
    while (digits < n && w[digits] >= '0' && w[digits] <= '9')
        digits++;
    size_t keep = !stem ? letters : letters > 3 ? letters - 2 : letters ? letters - 1 : 0;
    if (keep < digits)
        keep = digits;
    for (int32_t j = 0, len = (int32_t)n; j < len && (size_t)k.n < keep && k.n < SKEY_LETTERS;) {
        UChar32 c;
        U8_NEXT((const uint8_t *)w, j, len, c);
        if (c < 0 || !(c = skel(c)))
            break;
        k.c[k.n++] = c;
    }
    return k;
}

/* The word's first letters as skel() gives them, into sw (at most
 * SKEY_LETTERS; *n of them), from its first letter at s[0..len) on.
 * Returns 1 if the word surely ends after them (white space, the text's
 * end, or a punctuation mark no word runs across), 0 if it goes on or may
 * (a letter skel() does not know, an apostrophe, a hyphen...). */
static int word_skel(const uint8_t *s, size_t len, UChar32 *sw, int *n)
{
    size_t i = 0;
    *n = 0;
    while (i < len && *n < SKEY_LETTERS) {
        UChar32 c = next_char(s, len, &i);
        UChar32 k = c >= 0 ? skel(c) : 0;
        if (!k)
            return c > 0 && c < 0x80 && (is_space((char)c) || strchr(",;!?()\"", (int)c));
        sw[(*n)++] = k;
    }
    return i >= len;
}

/* Whether a word whose first letters are sw[0..n) (ending there if
 * `ends`) may start with key k. */
static int fits(const skey *k, const UChar32 *sw, int n, int ends)
{
    for (int i = 0; i < k->n; i++)
        if (i >= n)
            return !ends;
        else if (k->c[i] != sw[i])
            return 0;
    return 1;
}

int izde_snippet_key_fits(const char *term, const char *s, size_t len)
{
    const char *w = term_word(term);
    skey k = skey_of(w, strlen(w), w != term);
    UChar32 sw[SKEY_LETTERS];
    int nw, ends = word_skel((const uint8_t *)s, len, sw, &nw);
    return nw == 0 || fits(&k, sw, nw, ends);
}

/* The distinct keys of the query's terms and wildcards into sk; 0 if there
 * are too many: then the whole text is analysed. */
static size_t skeys_of(const izde_query *q, skey *sk)
{
    size_t nsk = 0;
    for (size_t i = 0; i < q->nterms + q->nwild; i++) {
        skey k;
        if (i < q->nterms) {
            const char *w = term_word(q->terms[i]);
            k = skey_of(w, strlen(w), w != q->terms[i]);
        } else {
            k = skey_of(q->wild[i - q->nterms], strlen(q->wild[i - q->nterms]), 0);
        }
        size_t s = 0;
        while (s < nsk && !(sk[s].n == k.n && !memcmp(sk[s].c, k.c, sizeof k.c)))
            s++;
        if (s == nsk) {
            if (nsk == SKEYS_MAX)
                return 0;
            sk[nsk++] = k;
        }
    }
    return nsk;
}

/* The candidates of text[0..len) in order, into *out (malloc()ed; *n of
 * them).  -1 when out of memory. */
static int scan(const char *text, size_t len, const skey *sk, size_t nsk, cand **out,
                size_t *n)
{
    cand *c = NULL;
    size_t nc = 0, cap = 0;
    const uint8_t *u = (const uint8_t *)text;
    int inside = 0; /* the character before joins the next letter */
    for (size_t i = 0; i < len;) {
        /* Inside a word, its small Cyrillic letters а..я (most of a text)
         * in two bytes each: D0 B0..D0 BF, D1 80..D1 8F. */
        while (inside && i + 1 < len &&
               ((u[i] == 0xD0 && u[i + 1] >= 0xB0 && u[i + 1] <= 0xBF) ||
                (u[i] == 0xD1 && u[i + 1] >= 0x80 && u[i + 1] <= 0x8F)))
            i += 2;
        if (i >= len)
            break;
        size_t at = i;
        UChar32 ch = next_char(u, len, &i);
        int was_inside = inside;
        inside = joins(ch);
        if (was_inside || ch < 0 || (ch < 0x80 ? !inside : !izde_uc_isalnum(ch)))
            continue;
        /* Most words fail on their first letter. */
        UChar32 c1 = skel(ch);
        size_t k = 0;
        while (k < nsk && c1 && sk[k].n && sk[k].c[0] != c1)
            k++;
        if (k == nsk)
            continue;
        UChar32 sw[SKEY_LETTERS];
        int nw, ends = word_skel(u + at, len - at, sw, &nw);
        while (k < nsk && !(nw == 0 || fits(&sk[k], sw, nw, ends)))
            k++;
        if (k == nsk)
            continue;
        if (nc == cap) {
            cap = cap ? 2 * cap : 64;
            cand *g = realloc(c, cap * sizeof *c);
            if (!g) {
                free(c);
                return -1;
            }
            c = g;
        }
        c[nc++] = (cand){at, UNVERIFIED, 0};
    }
    *out = c;
    *n = nc;
    return 0;
}

/* Each candidate's bound: the matches from it to max_bytes after it, of
 * as many distinct terms as they have (an unverified one counting as a
 * term of its own).  -1 when out of memory. */
static int bound(cand *c, size_t n, size_t nterms, size_t max_bytes)
{
    unsigned *count = calloc(nterms + 1, sizeof *count);
    if (!count)
        return -1;
    long distinct = 0;
    for (size_t i = 0, j = 0; i < n; i++) {
        for (; j < n && c[j].at <= c[i].at + max_bytes; j++)
            if (c[j].term == UNVERIFIED || count[c[j].term - 1]++ == 0)
                distinct++;
        long in = (long)(j - i);
        c[i].bound = (in < distinct ? in : distinct) * 1000 + in;
        if (c[i].term == UNVERIFIED || --count[c[i].term - 1] == 0)
            distinct--;
    }
    free(count);
    return 0;
}

/* The first word of text[at..): white space ends it, whatever the text
 * around (a word never runs across white space, and the scan took `at`
 * for a word's start). */
typedef struct first_word {
    collect *c;
    const char *from;
    unsigned term;
} first_word;

static int on_first_word(void *ctx, const izde_token *tok)
{
    first_word *f = ctx;
    if (tok->start != 0 || tok->text != f->from)
        return 1; /* not the candidate's own word: left unverified */
    term_of(f->c, tok, &f->term);
    return 1;
}

/* Keeps the candidates whose own word matches a query term, each with its
 * term: analysing a candidate's word alone costs a fraction of the text
 * around it, and the bounds become the matches' own.  A word whose
 * analysis alone is in doubt stays, UNVERIFIED. */
static int verify(izde_analyzer *an, const char *text, size_t len, collect *c, cand *cd,
                  size_t *n, izde_error *err)
{
    size_t k = 0;
    for (size_t i = 0; i < *n; i++) {
        size_t end = cd[i].at;
        while (end < len && !is_space(text[end]))
            end++;
        first_word f = {c, text + cd[i].at, UNVERIFIED};
        int rc = izde_analyze(an, f.from, end - cd[i].at, 1, on_first_word, &f, NULL, err);
        if (rc < 0)
            return rc;
        if (c->oom)
            return 0;
        if (f.term) {
            cd[k] = cd[i];
            cd[k++].term = f.term;
        }
    }
    *n = k;
    return 0;
}

/* Highest bound first, then the earliest. */
static int by_bound(const void *a, const void *b)
{
    const cand *x = a, *y = b;
    if (x->bound != y->bound)
        return x->bound > y->bound ? -1 : 1;
    return (x->at > y->at) - (x->at < y->at);
}

/* The text within max_bytes of `at`, widened to white space (a word is
 * never cut, and a space always ends one). */
static span around(const char *text, size_t len, size_t at, size_t max_bytes)
{
    size_t from = at > max_bytes ? at - max_bytes : 0;
    size_t to = at + max_bytes < len ? at + max_bytes : len;
    while (from > 0 && !is_space(text[from - 1]))
        from--;
    while (to < len && !is_space(text[to]))
        to++;
    return (span){from, to};
}

/* Analyses text[from..to) (from and to at white space or the text's ends),
 * appending its words to c. */
static int analyse_part(izde_analyzer *an, const char *text, size_t from, size_t to,
                        collect *c, izde_error *err)
{
    c->region = text + from;
    c->shift = from;
    return izde_analyze(an, c->region, to - from, 1, on_word, c, NULL, err);
}

/* Puts c's words from n0 on (in order among themselves) in order among
 * the others.  -1 when out of memory. */
static int merge_words(collect *c, size_t n0)
{
    if (n0 == 0 || n0 == c->n || c->w[n0 - 1].start < c->w[n0].start)
        return 0;
    word *t = malloc(c->n * sizeof *t);
    if (!t)
        return -1;
    for (size_t i = 0, j = n0, k = 0; k < c->n; k++)
        t[k] = j == c->n || (i < n0 && c->w[i].start < c->w[j].start) ? c->w[i++] : c->w[j++];
    memcpy(c->w, t, c->n * sizeof *t);
    free(t);
    return 0;
}

/* Adds s to the spans (in order, merged where they meet).  -1 when out of
 * memory. */
static int add_span(span **v, size_t *n, size_t *cap, span s)
{
    if (*n == *cap) {
        size_t nc = *cap ? 2 * *cap : 16;
        span *g = realloc(*v, nc * sizeof *g);
        if (!g)
            return -1;
        *v = g;
        *cap = nc;
    }
    span *sp = *v;
    size_t i = 0;
    while (i < *n && sp[i].to < s.from)
        i++;
    size_t j = i;
    for (; j < *n && sp[j].from <= s.to; j++) {
        if (sp[j].from < s.from)
            s.from = sp[j].from;
        if (sp[j].to > s.to)
            s.to = sp[j].to;
    }
    memmove(sp + i + 1, sp + j, (*n - j) * sizeof *sp);
    sp[i] = s;
    *n = *n - (j - i) + 1;
    return 0;
}

/* The index of the first of the n words that starts at or after `at`. */
static size_t first_word_at(const word *w, size_t n, size_t at)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (w[mid].start < at)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static long best_from(const word *w, size_t n, size_t f0, size_t f1, size_t nterms,
                      size_t max_bytes, size_t *first, size_t *last);

typedef struct spans {
    span *v;
    size_t n, cap;
} spans;

/* Analyses the parts of s no span covers yet, then adds s to the spans.
 * Returns the analyzer's status; c->oom when out of memory. */
static int analyse_span(izde_analyzer *an, const char *text, span s, collect *c, spans *sp,
                        izde_error *err)
{
    size_t n0 = c->n, pos = s.from;
    int rc = 0;
    for (size_t t = 0; t < sp->n && pos < s.to && rc == 0; t++) {
        const span *o = &sp->v[t];
        if (o->to <= pos)
            continue;
        if (o->from >= s.to)
            break;
        if (o->from > pos)
            rc = analyse_part(an, text, pos, o->from, c, err);
        pos = o->to;
    }
    if (pos < s.to && rc == 0)
        rc = analyse_part(an, text, pos, s.to, c, err);
    if (rc == 0 && !c->oom && !c->moved && (merge_words(c, n0) || add_span(&sp->v, &sp->n, &sp->cap, s)))
        c->oom = 1;
    return rc;
}

/* Analyses the text around its candidates, highest bound first, until the
 * best window found can no longer be beaten (see above): the words into c,
 * the text analysed into sp (in order).  sp->n is 0 when the scan cannot
 * tell (a key it cannot compare): the text is then analysed whole.  When
 * no word matches, the text's first 2 × max_bytes are analysed too and
 * *none is set: the snippet is the text's beginning.  Returns the
 * analyzer's status; c->oom when out of memory. */
static int analyse_regions(izde_analyzer *an, const char *text, size_t len, collect *c,
                           size_t max_bytes, spans *sp, int *none, izde_error *err)
{
    skey sk[SKEYS_MAX];
    size_t nsk = skeys_of(c->q, sk), ncd = 0;
    cand *cd = NULL;
    *none = 0;
    if (nsk == 0)
        return 0;
    if (scan(text, len, sk, nsk, &cd, &ncd)) {
        c->oom = 1;
        return 0;
    }
    int rc = verify(an, text, len, c, cd, &ncd, err);
    if (rc == 0 && !c->oom && bound(cd, ncd, c->q->nterms, max_bytes))
        c->oom = 1;
    if (ncd)
        qsort(cd, ncd, sizeof *cd, by_bound);
    long best = -1;
    size_t best_at = 0;
    for (size_t k = 0; k < ncd && rc == 0 && !c->oom && !c->moved; k++) {
        if (cd[k].bound < best || (cd[k].bound == best && cd[k].at > best_at + max_bytes))
            break;
        span s = around(text, len, cd[k].at, max_bytes);
        rc = analyse_span(an, text, s, c, sp, err);
        if (rc || c->oom || c->moved)
            break;
        size_t f0 = first_word_at(c->w, c->n, s.from), f1 = first_word_at(c->w, c->n, s.to);
        size_t f = f0, l;
        long score = f0 < f1 ? best_from(c->w, c->n, f0, f1, c->q->nterms, max_bytes, &f, &l)
                             : -1;
        if (score > best || (score == best && score >= 0 && c->w[f].start < best_at)) {
            best = score;
            best_at = c->w[f].start;
        }
    }
    free(cd);
    /* No match found (so every candidate was analysed: no bound is below
     * 1001): the snippet is the text's first max_bytes, which twice as
     * much holds unless the first word starts late. */
    if (best <= 0 && rc == 0 && !c->oom && !c->moved) {
        span s = {0, 2 * max_bytes < len ? 2 * max_bytes : len};
        while (s.to < len && !is_space(text[s.to]))
            s.to++;
        *none = 1;
        rc = analyse_span(an, text, s, c, sp, err);
    }
    return rc;
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

/* The best window of words w[f..r], at most max_bytes long, among those
 * whose first word is one of w[f0..f1) (f0 < f1): the most distinct matched
 * terms, then the most matches, the earliest on ties.  Returns its score
 * (distinct terms × 1000 + matches). */
static long best_from(const word *w, size_t n, size_t f0, size_t f1, size_t nterms,
                      size_t max_bytes, size_t *first, size_t *last)
{
    /* Matches per query term; index nterms is every wildcard's. */
    unsigned *count = calloc(nterms + 1, sizeof *count);
    long best = -1;
    size_t distinct = 0, hits = 0;
    *first = f0;
    *last = f0;
    for (size_t f = f0, r = f0; f < f1; f++) {
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
            *last = r > f ? r - 1 : f;
        }
        if (r > f && w[f].term && count) {
            hits--;
            if (--count[w[f].term - 1] == 0)
                distinct--;
        }
    }
    free(count);
    return best;
}

/* The window of words [*first, *last] the snippet shows: the best (above),
 * its matches centred. */
static void best_window(const word *w, size_t n, size_t nterms,
                        size_t max_bytes, size_t *first, size_t *last)
{
    best_from(w, n, 0, n, nterms, max_bytes, first, last);
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
    size_t l = f;
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
    /* A long text: its regions (see above); whole if they find no match or
     * the analyzer had to normalise the text. */
    spans reg = {NULL, 0, 0};
    int rc = 0, none = 0, before = 0, after = 0;
    if (izde_snippet_regions && len > 4 * max_bytes)
        rc = analyse_regions(an, text, len, &c, max_bytes, &reg, &none, err);
    /* The regions hold the snippet if they have a match or, when no word
     * matches, the text's first words. */
    int holds = none ? c.n > 0 && c.w[0].start <= max_bytes : c.n > 0;
    if (reg.n && rc == 0 && !c.moved && !c.oom && holds) {
        c.base = text;
        izde_snippet_regions_used++;
        before = word_in(text, 0, reg.v[0].from);
        after = word_in(text, reg.v[reg.n - 1].to, len);
    } else if (!c.oom && (rc == 0 || c.moved)) {
        c.n = 0;
        c.moved = 0;
        c.base = text;
        rc = analyse_part(an, text, 0, len, &c, err);
    }
    free(reg.v);
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
