/* izde — the query language (see include/izde/query.h): a lexer, a
 * recursive-descent parser, and the words through the index's analyzer. */
#include "izde/query.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "izde/article.h"
#include "izde/glossary.h"
#include "izde/lang.h"
#include "izde/schema.h"
#include "izde/translit.h"

#define NEAR_WINDOW 10      /* NEAR without /n */
#define MAX_DEPTH 64        /* brackets nested deeper are refused */
#define WILDCARD_MAX 500    /* a wildcard searches its most frequent forms */
/* A word typed with н/о/у also searches the words with ң/ө/ү it may stand
 * for when those are this many times as frequent as the word as typed
 * (кенеш for кеңеш, уй for үй); a real word of its own (болот, кол) is
 * as frequent as its look-alike and is left alone.  Measured by
 * bench/keyboard.sh. */
#define KBD_RATIO 2

/* ---- lexer ----------------------------------------------------------------- */

typedef enum ttype {
    T_END, T_WORDS, T_PHRASE, T_LPAREN, T_RPAREN, T_AND, T_OR, T_NOT,
    T_NEAR, T_ADJ, T_PLUS, T_MINUS, T_FIELD, T_RANGE,
} ttype;

typedef enum field {
    F_NONE, F_TITLE, F_RUBRIC, F_AUTHOR, F_ISSUE, F_YEAR, F_LANG,
} field;

static const char *const field_names[] = {"", "title", "rubric", "author",
                                          "issue", "year", "lang"};

typedef struct tok {
    ttype type;
    const char *s;   /* words, phrase or range text */
    size_t n;
    size_t at;       /* byte offset in the query, for messages */
    int wild;        /* T_WORDS ending in '*' */
    unsigned window; /* T_NEAR, T_ADJ */
    field f;         /* T_FIELD */
} tok;

/* Length of the quotation mark at s (", «, », “, ”, „), or 0. */
static size_t quote_len(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    if (n >= 1 && p[0] == '"')
        return 1;
    if (n >= 2 && p[0] == 0xC2 && (p[1] == 0xAB || p[1] == 0xBB))
        return 2;
    if (n >= 3 && p[0] == 0xE2 && p[1] == 0x80 && p[2] >= 0x9C && p[2] <= 0x9E)
        return 3;
    return 0;
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

typedef struct lexer {
    const char *q;
    size_t len, i;
    tok cur;
} lexer;

static int chunk_is(const char *s, size_t n, const char *word)
{
    return strlen(word) == n && memcmp(s, word, n) == 0;
}

/* "NEAR", "NEAR/5": the window, or 0 if not this operator. */
static unsigned op_window(const char *s, size_t n, const char *op, unsigned dflt)
{
    size_t k = strlen(op);
    if (n < k || memcmp(s, op, k) != 0)
        return 0;
    if (n == k)
        return dflt;
    if (s[k] != '/' || n == k + 1 || n > k + 4)
        return 0;
    unsigned w = 0;
    for (size_t i = k + 1; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        w = w * 10 + (unsigned)(s[i] - '0');
    }
    return w ? w : 0;
}

static void lex_next(lexer *lx)
{
    const char *q = lx->q;
    while (lx->i < lx->len && is_space(q[lx->i]))
        lx->i++;
    tok t = {.at = lx->i, .s = q + lx->i};
    if (lx->i >= lx->len) {
        t.type = T_END;
        lx->cur = t;
        return;
    }
    size_t ql = quote_len(q + lx->i, lx->len - lx->i);
    if (ql) { /* a phrase runs to the next quotation mark, or the end */
        size_t j = lx->i + ql;
        t.s = q + j;
        while (j < lx->len && !quote_len(q + j, lx->len - j))
            j++;
        t.type = T_PHRASE;
        t.n = (size_t)(q + j - t.s);
        lx->i = j < lx->len ? j + quote_len(q + j, lx->len - j) : j;
        lx->cur = t;
        return;
    }
    if (q[lx->i] == '(' || q[lx->i] == ')') {
        t.type = q[lx->i] == '(' ? T_LPAREN : T_RPAREN;
        lx->i++;
        lx->cur = t;
        return;
    }
    size_t j = lx->i;
    while (j < lx->len && !is_space(q[j]) && q[j] != '(' && q[j] != ')' &&
           !quote_len(q + j, lx->len - j))
        j++;
    size_t n = j - lx->i;
    const char *s = q + lx->i;
    lx->i = j;
    t.n = n;
    if (chunk_is(s, n, "AND"))
        t.type = T_AND;
    else if (chunk_is(s, n, "OR"))
        t.type = T_OR;
    else if (chunk_is(s, n, "NOT"))
        t.type = T_NOT;
    else if ((t.window = op_window(s, n, "NEAR", NEAR_WINDOW)))
        t.type = T_NEAR;
    else if ((t.window = op_window(s, n, "ADJ", NEAR_WINDOW)))
        t.type = T_ADJ;
    else if ((s[0] == '+' || s[0] == '-') && n > 1) {
        t.type = s[0] == '+' ? T_PLUS : T_MINUS;
        lx->i = t.at + 1; /* the rest is the next token */
    } else {
        const char *colon = memchr(s, ':', n);
        for (int f = F_TITLE; colon && f <= F_LANG; f++)
            if (chunk_is(s, (size_t)(colon - s), field_names[f])) {
                t.type = T_FIELD;
                t.f = (field)f;
                lx->i = t.at + (size_t)(colon - s) + 1;
                lx->cur = t;
                return;
            }
        /* A range is digits and hyphens around "..": 2021..2023. */
        int range = 0, digits = 0, other = 0;
        for (size_t k = 0; k < n; k++) {
            if (k + 1 < n && s[k] == '.' && s[k + 1] == '.' && !range)
                range = 1, k++;
            else if (s[k] >= '0' && s[k] <= '9')
                digits = 1;
            else if (s[k] != '-')
                other = 1;
        }
        range = range && digits && !other;
        t.type = range ? T_RANGE : T_WORDS;
        t.wild = !range && s[n - 1] == '*';
    }
    lx->cur = t;
}

/* ---- the query being built ------------------------------------------------ */

typedef struct parser {
    izde_analyzer *an;
    xap_db *db;
    izde_query *out;
    lexer lx;
    int any;
    int expand;       /* IZDE_QUERY_EXPAND (and a database to expand from) */
    int unmarked;     /* terms that add weight only: not for highlighting */
    int russian;      /* terms only Russian articles can match (stem_terms) */
    unsigned pos;     /* query position of the next word */
    unsigned words, other_words; /* plain words but function words; others */
    xap_query *probe;   /* the top-level AND's rarest words (see parse_and) */
    int groups;         /* top-level ANDs (OR of them: no probe) */
    int depth;
    izde_error *err;
    izde_status rc;   /* first error */
} parser;

/* The number of characters before byte `at`: error messages count
 * characters, not bytes. */
static size_t char_index(const char *s, size_t at)
{
    size_t n = 0;
    for (size_t i = 0; i < at; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n + 1;
}

static xap_query *syntax(parser *p, size_t at, const char *what)
{
    if (p->rc == IZDE_OK)
        p->rc = izde_fail(p->err, IZDE_ERR_QUERY, "query: %s at character %zu",
                          what, char_index(p->lx.q, at));
    return NULL;
}

static xap_query *oom(parser *p, const xap_error *xe)
{
    if (p->rc == IZDE_OK)
        p->rc = izde_fail(p->err, IZDE_ERR_NOMEM, "query: %s",
                          xe && xe->msg[0] ? xe->msg : "out of memory");
    return NULL;
}

static int push_str(char ***v, size_t *n, const char *s, size_t len)
{
    char **p = realloc(*v, (*n + 1) * sizeof *p);
    if (!p)
        return -1;
    *v = p;
    if (!(p[*n] = strndup(s, len)))
        return -1;
    (*n)++;
    return 0;
}

/* Records a term for highlighting, with whether only Russian articles can
 * match it (unless the query also searches it in every article). */
static int mark(parser *p, const char *t, size_t len)
{
    izde_query *q = p->out;
    for (size_t i = 0; i < q->nterms; i++)
        if (strlen(q->terms[i]) == len && memcmp(q->terms[i], t, len) == 0) {
            q->russian[i] = (unsigned char)(q->russian[i] && p->russian);
            return 0;
        }
    unsigned char *r = realloc(q->russian, q->nterms + 1);
    if (!r)
        return -1;
    q->russian = r;
    r[q->nterms] = (unsigned char)p->russian;
    return push_str(&q->terms, &q->nterms, t, len);
}

/* A term query, recorded for highlighting. */
static xap_query *term(parser *p, const char *pfx, const char *t, size_t n,
                       unsigned pos)
{
    char buf[IZDE_WORD_MAX + 260];
    size_t pl = strlen(pfx);
    if (pl + n > 245)
        return syntax(p, 0, "a word too long to search");
    memcpy(buf, pfx, pl);
    memcpy(buf + pl, t, n);
    buf[pl + n] = '\0';
    if (!p->unmarked && mark(p, buf, pl + n))
        return oom(p, NULL);
    xap_query *x = NULL;
    xap_error xe;
    if (xap_query_term(buf, pl + n, 1, pos, &x, &xe) != XAP_OK)
        return oom(p, &xe);
    return x;
}

static unsigned termfreq(parser *p, const char *pfx, const char *t, size_t n)
{
    char buf[IZDE_WORD_MAX + 8];
    unsigned f = 0;
    size_t pl = strlen(pfx);
    if (!p->db || pl + n >= sizeof buf)
        return 0;
    memcpy(buf, pfx, pl);
    memcpy(buf + pl, t, n);
    buf[pl + n] = '\0';
    if (xap_db_termfreq(p->db, buf, &f, NULL) != XAP_OK)
        return 0;
    return f;
}

static xap_query *combine(parser *p, xap_op op, xap_query **v, size_t n,
                          unsigned window)
{
    xap_query *x = NULL;
    xap_error xe;
    if (n == 1 && op != XAP_OP_PHRASE && op != XAP_OP_NEAR) {
        /* One subquery: itself (a copy, since the caller frees v[0]). */
        if (xap_query_combine(XAP_OP_AND, v, 1, 0, &x, &xe) != XAP_OK)
            return oom(p, &xe);
        return x;
    }
    if (xap_query_combine(op, v, n, window, &x, &xe) != XAP_OK)
        return oom(p, &xe);
    return x;
}

static xap_query *pair(parser *p, xap_op op, xap_query *a, xap_query *b)
{
    xap_query *v[2] = {a, b};
    xap_query *x = combine(p, op, v, 2, 0);
    xap_query_free(a);
    xap_query_free(b);
    return x;
}

/* A filter: matches like `q` but adds no weight. */
static xap_query *as_filter(parser *p, xap_query *q)
{
    xap_query *x = NULL;
    xap_error xe;
    if (q && xap_query_scale(q, 0.0, &x, &xe) != XAP_OK)
        oom(p, &xe);
    xap_query_free(q);
    return x;
}

/* н, о, у: the letters a Russian keyboard writes for ң, ө, ү. */
static int has_keyboard_letter(const char *w, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++) {
        unsigned char a = (unsigned char)w[i], b = (unsigned char)w[i + 1];
        if ((a == 0xD0 && (b == 0xBD || b == 0xBE)) || (a == 0xD1 && b == 0x83))
            return 1;
    }
    return 0;
}

/* ---- words ------------------------------------------------------------------ */

typedef enum cls { C_REQ, C_OPT, C_EXCL, C_FILTER } cls;

typedef struct item {
    xap_query *q;
    cls c;
    izde_terms *t;  /* a plain word's terms (multi-word expansion), or NULL */
    unsigned freq;  /* articles a plain word can match at most, else UINT_MAX */
} item;

typedef struct items {
    item *v;
    size_t n, cap;
} items;

static int add_item_terms(parser *p, items *it, xap_query *q, cls c,
                          const izde_terms *t);

static int add_item(parser *p, items *it, xap_query *q, cls c)
{
    return add_item_terms(p, it, q, c, NULL);
}

static int add_item_terms(parser *p, items *it, xap_query *q, cls c,
                          const izde_terms *t)
{
    if (!q)
        return -1;
    izde_terms *copy = NULL;
    if (t && !(copy = malloc(sizeof *copy))) {
        xap_query_free(q);
        oom(p, NULL);
        return -1;
    }
    if (copy)
        *copy = *t;
    if (it->n == it->cap) {
        size_t cap = it->cap ? it->cap * 2 : 8;
        item *v = realloc(it->v, cap * sizeof *v);
        if (!v) {
            xap_query_free(q);
            free(copy);
            oom(p, NULL);
            return -1;
        }
        it->v = v;
        it->cap = cap;
    }
    it->v[it->n++] = (item){q, c, copy, UINT_MAX};
    return 0;
}

static void free_items(items *it)
{
    for (size_t i = 0; i < it->n; i++) {
        xap_query_free(it->v[i].q);
        free(it->v[i].t);
    }
    free(it->v);
    it->v = NULL;
    it->n = it->cap = 0;
}

/* A word's stem terms under `pfx`: its stem, or the synonym of its Kyrgyz
 * and Russian stems when they differ.  The index stems each article in its
 * own language (document.c), so when the Kyrgyz stem is a word of the
 * texts (`russian`: the word may well be Kyrgyz), the Russian one is
 * searched in Russian articles only: in a Kyrgyz article it is another
 * word's stem.
 * айыл's Russian stem is ай, Kyrgyz "month", which made айыл match 422 of
 * the real articles instead of the 169 that have it.  A word whose Kyrgyz
 * stem no article's text has (бюджета) is Russian: its Russian stem
 * (бюджет) meets the loanword in Kyrgyz articles too.  A title word is
 * told Kyrgyz by the texts too (word_query). */
static xap_query *stem_terms(parser *p, const char *pfx, const izde_terms *t,
                             unsigned pos, int russian)
{
    xap_query *z = term(p, pfx, t->stem, t->stem_len, pos);
    if (!z || !t->stem2_len)
        return z;
    p->russian = russian;
    xap_query *r = term(p, pfx, t->stem2, t->stem2_len, pos);
    p->russian = 0;
    if (r && russian) {
        char lang[8];
        int n = snprintf(lang, sizeof lang, "%s%s", IZDE_PFX_LANG, izde_lang_code(IZDE_LANG_RU));
        xap_query *ru = NULL;
        xap_error xe;
        if (xap_query_term(lang, (size_t)n, 1, 0, &ru, &xe) == XAP_OK) {
            r = pair(p, XAP_OP_FILTER, r, ru);
        } else {
            xap_query_free(r);
            r = oom(p, &xe);
        }
    }
    return r ? pair(p, XAP_OP_SYNONYM, z, r) : (xap_query_free(z), NULL);
}

/* One word outside a phrase: its stems, widened to the Russian-keyboard
 * spelling when the word as typed is unknown to the index.  *freq gets how
 * many articles it can match at most, when the index says (not for a
 * title word). */
static xap_query *word_query(parser *p, const izde_terms *t, field f, unsigned pos,
                             unsigned *freq)
{
    /* articles whose texts have the Kyrgyz stem (stem_terms) */
    unsigned ky = termfreq(p, IZDE_PFX_STEM, t->stem, t->stem_len);
    if (f == F_TITLE)
        return stem_terms(p, IZDE_PFX_TITLE_STEM, t, pos, ky > 0);
    xap_query *z = stem_terms(p, IZDE_PFX_STEM, t, pos, ky > 0);
    if (!z || !p->db)
        return z;
    unsigned typed = ky + (t->stem2_len ? termfreq(p, IZDE_PFX_STEM, t->stem2, t->stem2_len) : 0);
    unsigned kbd = t->kbd_len || !has_keyboard_letter(t->stem, t->stem_len)
                       ? 0 : termfreq(p, IZDE_PFX_KBD, t->stem, t->stem_len);
    *freq = typed + kbd; /* the stems' SYNONYM matches no more */
    if (typed == 0 && kbd == 0) {
        /* Unknown as typed and under the keyboard spelling: did-you-mean. */
        if (push_str(&p->out->unknown, &p->out->nunknown, t->raw, t->raw_len)) {
            xap_query_free(z);
            return oom(p, NULL);
        }
        if (termfreq(p, "", t->raw, t->raw_len))
            return z;
        /* No article has the word in any form: it matches nothing, and an
         * AND of it is known to match nothing before the other words'
         * postings are read (a long query with a typo). */
        xap_query_free(z);
        xap_query *x = NULL;
        xap_error xe;
        return xap_query_match_nothing(&x, &xe) == XAP_OK ? x : oom(p, &xe);
    }
    if (kbd < KBD_RATIO * (unsigned long long)typed || kbd == 0)
        return z;
    xap_query *k = term(p, IZDE_PFX_KBD, t->stem, t->stem_len, pos);
    return k ? pair(p, XAP_OP_SYNONYM, z, k) : (xap_query_free(z), NULL);
}

/* ---- cross-language expansion (--lang-expand) ---------------------------- */

#define EXPAND_SYNS_MAX 32  /* synonyms collected per word or multi-word term */
#define MULTI_MAX 4         /* the longest multi-word term looked up, in words */

typedef struct synlist {
    char *v[EXPAND_SYNS_MAX];
    size_t n;
    int oom;
} synlist;

static void free_syns(synlist *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    l->n = 0;
}

static int add_syn(void *ctx, const char *s, size_t len, unsigned f)
{
    (void)f;
    synlist *l = ctx;
    for (size_t i = 0; i < l->n; i++)
        if (strlen(l->v[i]) == len && memcmp(l->v[i], s, len) == 0)
            return 0;
    if (l->n == EXPAND_SYNS_MAX)
        return 1;
    if (!(l->v[l->n] = strndup(s, len))) {
        l->oom = 1;
        return 1;
    }
    l->n++;
    return 0;
}

static void lookup_syns(parser *p, const char *key, synlist *l)
{
    if (*key)
        xap_db_synonyms(p->db, key, add_syn, l, NULL);
}

/* One synonym ("Zx" or "Zx Zy") as a query: its term, or the AND of its
 * terms; NULL (and no error) when a term is not in the index. */
static xap_query *syn_query(parser *p, const char *syn, unsigned pos)
{
    xap_query *v[MULTI_MAX * 2];
    size_t n = 0;
    for (const char *s = syn; *s && n < MULTI_MAX * 2;) {
        const char *e = strchr(s, ' ');
        size_t len = e ? (size_t)(e - s) : strlen(s);
        if (len > 1 && termfreq(p, "", s, len) == 0)
            break;
        if (len > 1 && !(v[n++] = term(p, "", s, len, pos)))
            break;
        s += len + (e != NULL);
        if (!e) {
            xap_query *x = n ? combine(p, XAP_OP_AND, v, n, 0) : NULL;
            for (size_t i = 0; i < n; i++)
                xap_query_free(v[i]);
            return x;
        }
    }
    for (size_t i = 0; i < n; i++)
        xap_query_free(v[i]);
    return NULL;
}

/* MAX(`typed`, the synonyms' queries scaled by IZDE_EXPAND_WEIGHT): an
 * article counts what was typed or, if better, a counterpart at the lower
 * weight, never both (a run of words and its words' own expansions would
 * otherwise add up to a full weight for the other language).  The synonyms
 * are one SYNONYM when they are single terms.  `typed` itself if none is
 * indexed. */
static xap_query *with_expansions(parser *p, xap_query *typed, synlist *l,
                                  unsigned pos)
{
    xap_query *v[EXPAND_SYNS_MAX];
    size_t n = 0;
    int single = 1;
    for (size_t i = 0; i < l->n && p->rc == IZDE_OK; i++) {
        xap_query *x = syn_query(p, l->v[i], pos);
        if (x) {
            v[n++] = x;
            single &= strchr(l->v[i], ' ') == NULL;
        }
    }
    free_syns(l);
    if (p->rc != IZDE_OK || n == 0) {
        for (size_t i = 0; i < n; i++)
            xap_query_free(v[i]);
        return p->rc == IZDE_OK ? typed : (xap_query_free(typed), NULL);
    }
    xap_query *e = combine(p, single ? XAP_OP_SYNONYM : XAP_OP_OR, v, n, 0);
    for (size_t i = 0; i < n; i++)
        xap_query_free(v[i]);
    xap_query *scaled = NULL;
    xap_error xe;
    if (e && xap_query_scale(e, IZDE_EXPAND_WEIGHT, &scaled, &xe) != XAP_OK)
        oom(p, &xe);
    xap_query_free(e);
    if (!scaled) {
        xap_query_free(typed);
        return NULL;
    }
    return pair(p, XAP_OP_MAX, typed, scaled);
}

/* A glossary key: "ky:Zstem" (see glossary.h). */
static void zkey(char *out, size_t cap, const char *tag, const char *stem, size_t n)
{
    snprintf(out, cap, "%s%s%.*s", tag, IZDE_PFX_STEM, (int)n, stem);
}

/* A name the glossary does not know meets its transliteration: a Latin word
 * its Cyrillic spelling (Kyrgyz and Russian stems, and the Russian-keyboard
 * stems, since the table writes н о у for ң ө ү), a Cyrillic word its
 * Latin spellings; those the index has become the word's synonyms. */
static void translit_syns(parser *p, const izde_terms *t, int latin, synlist *l)
{
    char buf[IZDE_WORD_MAX + 1], key[IZDE_WORD_MAX + 8];
    for (unsigned which = latin ? 0 : 1; which <= (latin ? 0u : 2u); which++) {
        size_t n = izde_translit(t->raw, t->raw_len, which, buf, sizeof buf);
        if (!n || (n == t->raw_len && !memcmp(buf, t->raw, n)))
            continue;
        izde_token tok = {.word = buf, .len = n, .text = buf, .end = n,
                          .langs = IZDE_LANG_KY | IZDE_LANG_RU, .an = p->an};
        izde_terms c;
        izde_word_terms(&tok, &c);
        const struct { const char *pfx, *s; size_t n; } cand[] = {
            {IZDE_PFX_STEM, c.stem, c.stem_len},
            {IZDE_PFX_STEM, c.stem2, c.stem2_len},
            {IZDE_PFX_KBD, c.stem, c.stem_len},
        };
        for (size_t k = 0; k < 3; k++)
            if (cand[k].n && termfreq(p, cand[k].pfx, cand[k].s, cand[k].n) > 0) {
                snprintf(key, sizeof key, "%s%.*s", cand[k].pfx, (int)cand[k].n, cand[k].s);
                add_syn(l, key, strlen(key), 0);
            }
    }
}

static int is_latin(const char *w, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)w[i] >= 0x80)
            return 0;
    return 1;
}

/* One word's expansion: the glossary's counterparts of its stems, or else
 * its transliteration. */
static xap_query *expand_word(parser *p, const izde_terms *t, xap_query *typed,
                              unsigned pos)
{
    synlist l = {.n = 0};
    char key[IZDE_WORD_MAX + 16];
    if (is_latin(t->raw, t->raw_len)) {
        zkey(key, sizeof key, "en:", t->stem, t->stem_len);
        lookup_syns(p, key, &l);
    } else {
        zkey(key, sizeof key, "ky:", t->stem, t->stem_len);
        lookup_syns(p, key, &l);
        if (t->stem2_len)
            zkey(key, sizeof key, "ru:", t->stem2, t->stem2_len);
        else
            zkey(key, sizeof key, "ru:", t->stem, t->stem_len);
        lookup_syns(p, key, &l);
    }
    if (l.n == 0)
        translit_syns(p, t, is_latin(t->raw, t->raw_len), &l);
    if (l.oom) {
        free_syns(&l);
        xap_query_free(typed);
        return oom(p, NULL);
    }
    return with_expansions(p, typed, &l, pos);
}

/* Multi-word terms: a run of 2..MULTI_MAX words of one clause class (function
 * words between them skipped) whose stems are a glossary key becomes
 * MAX((the words), (the key's synonyms, scaled)).  Longest match first. */
static void expand_multiwords(parser *p, items *it)
{
    for (size_t i = 0; i < it->n && p->rc == IZDE_OK; i++) {
        item *a = &it->v[i];
        if (!a->t || a->t->stopword || (a->c != C_REQ && a->c != C_OPT))
            continue;
        size_t idx[MULTI_MAX], nw = 0;
        for (size_t j = i; j < it->n && nw < MULTI_MAX; j++) {
            item *b = &it->v[j];
            if (!b->t || b->c != a->c)
                break;
            if (!b->t->stopword)
                idx[nw++] = j;
        }
        for (size_t n = nw; n >= 2; n--) {
            synlist l = {.n = 0};
            /* The run in Kyrgyz (the words' first stems), in Russian (their
             * Russian stems) and, if Latin, in English. */
            int latin = 1;
            for (size_t w = 0; w < n; w++)
                latin &= is_latin(it->v[idx[w]].t->raw, it->v[idx[w]].t->raw_len);
            static const char *const tags[] = {"ky:", "ru:", "en:"};
            for (int lang = latin ? 2 : 0; lang < (latin ? 3 : 2) && !l.oom; lang++) {
                char key[MULTI_MAX * (IZDE_WORD_MAX + 2) + 8];
                size_t o = (size_t)snprintf(key, sizeof key, "%s", tags[lang]);
                for (size_t w = 0; w < n && o < sizeof key; w++) {
                    const izde_terms *t = it->v[idx[w]].t;
                    const char *st = lang == 1 && t->stem2_len ? t->stem2 : t->stem;
                    o += (size_t)snprintf(key + o, sizeof key - o, "%s%s%s", w ? " " : "",
                                          IZDE_PFX_STEM, st);
                }
                if (o < sizeof key)
                    lookup_syns(p, key, &l);
            }
            if (l.oom) {
                free_syns(&l);
                oom(p, NULL);
                return;
            }
            if (l.n == 0)
                continue;
            xap_query *v[MULTI_MAX];
            for (size_t w = 0; w < n; w++)
                v[w] = it->v[idx[w]].q;
            xap_query *typed = combine(p, a->c == C_REQ ? XAP_OP_AND : XAP_OP_OR, v, n, 0);
            xap_query *x = typed ? with_expansions(p, typed, &l, 0) : (free_syns(&l), NULL);
            if (!x)
                return;
            /* The run's first word holds the whole; the others are gone. */
            for (size_t w = 0; w < n; w++) {
                xap_query_free(it->v[idx[w]].q);
                it->v[idx[w]].q = NULL;
                free(it->v[idx[w]].t);
                it->v[idx[w]].t = NULL;
            }
            a->q = x;
            size_t k = 0;
            for (size_t j = 0; j < it->n; j++)
                if (it->v[j].q)
                    it->v[k++] = it->v[j];
            it->n = k;
            break;
        }
    }
}

/* ---- a one-word query and the glossary's terms that contain it ------------- */

static int any_syn(void *ctx, const char *s, size_t len, unsigned f)
{
    (void)s, (void)len, (void)f;
    *(int *)ctx = 1;
    return 1;
}

/* A query of one word (function words aside) says little about what it is
 * after; the glossary says which senses of the word the archive is about.
 * The articles that use one of the glossary's multi-word terms with the
 * word (грант: теңдештирүүчү грант, стимулдаштыруучу грант) rank higher:
 * AND_MAYBE(the word, the word's glossary term "XGky+Zгрант", see
 * glossary.h, scaled by IZDE_EXPAND_WEIGHT).  It adds weight, never
 * matches.  In the word's languages (Kyrgyz and Russian for Cyrillic,
 * English for Latin), for the words that are keys of the glossary the
 * database holds now: none after izde-index --no-glossary. */
static void boost_one_word(parser *p, items *it)
{
    item *a = NULL;
    for (size_t i = 0; i < it->n; i++) {
        item *b = &it->v[i];
        if (b->c != C_REQ && b->c != C_OPT)
            continue;
        if (b->t && b->t->stopword)
            continue;
        if (a || !b->t)
            return;
        a = b;
    }
    if (!a || !p->db)
        return;
    const izde_terms *t = a->t;
    xap_query *v[2];
    size_t n = 0;
    int latin = is_latin(t->raw, t->raw_len);
    p->unmarked = 1; /* not a word of the text: nothing for a snippet to mark */
    for (int lang = latin ? 2 : 0; lang < (latin ? 3 : 2) && p->rc == IZDE_OK; lang++) {
        static const char *const codes[] = {"ky", "ru", "en"};
        const char *st = lang == 1 && t->stem2_len ? t->stem2 : t->stem;
        char key[IZDE_WORD_MAX + 16];
        int kl = snprintf(key, sizeof key, "%s%s%s%s", codes[lang], IZDE_GLOSSARY_WORD_TAG,
                          IZDE_PFX_STEM, st);
        int known = 0;
        if (kl <= 0 || (size_t)kl >= sizeof key ||
            xap_db_synonyms(p->db, key, any_syn, &known, NULL) != XAP_OK || !known ||
            !termfreq(p, IZDE_PFX_GLOSSARY, key, (size_t)kl))
            continue;
        if ((v[n] = term(p, IZDE_PFX_GLOSSARY, key, (size_t)kl, 0)))
            n++;
    }
    p->unmarked = 0;
    if (n == 0)
        return;
    xap_query *o = combine(p, XAP_OP_OR, v, n, 0), *scaled = NULL;
    for (size_t i = 0; i < n; i++)
        xap_query_free(v[i]);
    xap_error xe;
    if (o && xap_query_scale(o, IZDE_EXPAND_WEIGHT, &scaled, &xe) != XAP_OK)
        oom(p, &xe);
    xap_query_free(o);
    if (scaled)
        a->q = pair(p, XAP_OP_AND_MAYBE, a->q, scaled);
}

typedef struct words_ctx {
    parser *p;
    items *it;
    field f;
    cls c;          /* the class of the words' clause */
    int phrase;     /* collect raw terms, positional */
} words_ctx;

static int on_word(void *ctx, const izde_token *tok)
{
    words_ctx *w = ctx;
    izde_terms t;
    izde_word_terms(tok, &t);
    parser *p = w->p;
    unsigned pos = p->pos++;
    xap_query *q;
    unsigned freq = UINT_MAX; /* articles the word can match at most */
    int plain = !w->phrase && w->f == F_NONE;
    if (!plain)
        p->other_words++;
    else if (!t.stopword)
        p->words++;
    if (w->phrase)
        q = term(p, w->f == F_TITLE ? IZDE_PFX_TITLE : "", t.raw, t.raw_len, pos);
    else
        q = word_query(p, &t, w->f, pos, &freq);
    /* The form as typed adds IZDE_EXACT_WEIGHT: it ranks an article that
     * has it above one that has only other forms of the word.  An article
     * with the form has its stems too (document.c indexes them together),
     * so it adds weight, never matches: AND_MAYBE, which a count without
     * weights (search.c) drops. */
    if (q && plain && (w->c == C_REQ || w->c == C_OPT) && !xap_query_is_empty(q)) {
        xap_query *r = term(p, "", t.raw, t.raw_len, pos), *x = NULL;
        xap_error xe;
        if (r && xap_query_scale(r, IZDE_EXACT_WEIGHT, &x, &xe) != XAP_OK)
            oom(p, &xe);
        xap_query_free(r);
        q = x ? pair(p, XAP_OP_AND_MAYBE, q, x) : (xap_query_free(q), NULL);
    }
    if (q && plain && p->expand && !t.stopword && !(tok->flags & IZDE_TOK_NUMBER))
        q = expand_word(p, &t, q, pos);
    /* A stopword is optional where a plain word would be required. */
    cls c = w->c == C_REQ && t.stopword && !w->phrase ? C_OPT : w->c;
    if (add_item_terms(p, w->it, q, c, plain ? &t : NULL))
        return 1;
    w->it->v[w->it->n - 1].freq = freq;
    return 0;
}

/* Analyzes text[0..n) into items, one a word (or raw terms for a phrase). */
static int analyze_into(parser *p, const char *s, size_t n, words_ctx *w)
{
    int rc = izde_analyze(p->an, s, n, p->pos, on_word, w, NULL, p->err);
    if (rc < 0 && p->rc == IZDE_OK)
        p->rc = (izde_status)rc;
    return p->rc == IZDE_OK ? 0 : -1;
}

/* ---- fields and ranges ---------------------------------------------------- */

/* A date or year "YYYY", "YYYY-MM", "YYYY-MM-DD" → YYYYMMDD, the low end
 * (first day) or the high end (last day).  0 if not a date. */
static int date_bound(const char *s, size_t n, int high, char out[9])
{
    char d[11];
    if (n == 4)
        snprintf(d, sizeof d, "%.4s-%s", s, high ? "12-31" : "01-01");
    else if (n == 7)
        snprintf(d, sizeof d, "%.7s-%s", s, high ? "31" : "01");
    else if (n == 10)
        memcpy(d, s, 10), d[10] = '\0';
    else
        return 0;
    if (n == 7 && high) { /* the month's last day */
        static const char *const ends[] = {"31", "30", "29", "28"};
        for (size_t k = 0; k < 4; k++) {
            memcpy(d + 8, ends[k], 2);
            if (izde_date_valid(d, 10))
                break;
        }
    }
    if (!izde_date_valid(d, 10))
        return 0;
    memcpy(out, d, 4);
    memcpy(out + 4, d + 5, 2);
    memcpy(out + 6, d + 8, 2);
    out[8] = '\0';
    return 1;
}

izde_status izde_date_range_query(const char *lo, size_t lo_n, const char *hi,
                                  size_t hi_n, xap_query **out, izde_error *err)
{
    char a[9], b[9];
    if ((lo_n && !date_bound(lo, lo_n, 0, a)) || (hi_n && !date_bound(hi, hi_n, 1, b)))
        return izde_fail(err, IZDE_ERR_QUERY, "'%.*s..%.*s' is not a date range "
                         "(YYYY, YYYY-MM or YYYY-MM-DD)", (int)lo_n, lo, (int)hi_n, hi);
    xap_error xe;
    if (xap_query_value_range(IZDE_SLOT_DATE, lo_n ? a : NULL, hi_n ? b : NULL,
                              out, &xe) != XAP_OK)
        return izde_fail(err, IZDE_ERR_NOMEM, "query: %s", xe.msg);
    return IZDE_OK;
}

static xap_query *range_query(parser *p, const tok *t)
{
    const char *dots = NULL;
    for (size_t k = 0; k + 1 < t->n && !dots; k++)
        if (t->s[k] == '.' && t->s[k + 1] == '.')
            dots = t->s + k;
    size_t lo_n = (size_t)(dots - t->s), hi_n = t->n - lo_n - 2;
    if (!lo_n && !hi_n)
        return syntax(p, t->at, "'..' needs a date on at least one side");
    xap_query *q = NULL;
    izde_error e;
    if (izde_date_range_query(t->s, lo_n, dots + 2, hi_n, &q, &e) != IZDE_OK) {
        char m[700];
        snprintf(m, sizeof m, "%s", e.msg);
        return syntax(p, t->at, m);
    }
    return as_filter(p, q);
}

/* rubric:, author:, issue:, year:, lang: → a boolean term of the value. */
static xap_query *field_value(parser *p, field f, const tok *t)
{
    static const char *const pfx[] = {"", "", IZDE_PFX_RUBRIC, IZDE_PFX_AUTHOR,
                                      IZDE_PFX_ISSUE, IZDE_PFX_YEAR, IZDE_PFX_LANG};
    char val[240];
    size_t n;
    if (t->type != T_WORDS && t->type != T_PHRASE)
        return syntax(p, t->at, "a field needs a value after its ':'");
    if (f == F_RUBRIC || f == F_AUTHOR || f == F_LANG) {
        n = izde_fold_string(t->s, t->n, val, sizeof val);
        if (!n)
            return syntax(p, t->at, "the field's value is empty or too long");
    } else {
        if (t->n == 0 || t->n >= sizeof val)
            return syntax(p, t->at, "the field's value is empty or too long");
        for (size_t i = 0; i < t->n; i++)
            if (t->s[i] < '0' || t->s[i] > '9')
                return syntax(p, t->at, f == F_YEAR ? "year: needs a year (YYYY) or a range"
                                                    : "issue: needs an issue number");
        if (f == F_YEAR && t->n != 4)
            return syntax(p, t->at, "year: needs a year (YYYY) or a range");
        memcpy(val, t->s, t->n);
        n = t->n;
    }
    xap_query *q = NULL;
    char buf[256];
    xap_error xe;
    snprintf(buf, sizeof buf, "%s%.*s", pfx[f], (int)n, val);
    if (xap_query_term(buf, strlen(buf), 1, 0, &q, &xe) != XAP_OK)
        return oom(p, &xe);
    return as_filter(p, q);
}

/* ---- the grammar ------------------------------------------------------------ */

static xap_query *parse_or(parser *p);
static int parse_unary(parser *p, items *it, cls c, field f);

typedef struct one_word {
    char raw[IZDE_WORD_MAX + 1];
    size_t n;
    int count;
} one_word;

static int on_one_word(void *ctx, const izde_token *tok)
{
    one_word *w = ctx;
    if (w->count++ == 0) {
        memcpy(w->raw, tok->word, tok->len + 1);
        w->n = tok->len;
    }
    return 0;
}

/* A trailing wildcard: every indexed word form starting with the word. */
static xap_query *wildcard(parser *p, const tok *t, field f)
{
    one_word w = {.count = 0};
    int rc = izde_analyze(p->an, t->s, t->n - 1, 1, on_one_word, &w, NULL, p->err);
    if (rc < 0)
        return p->rc = (izde_status)rc, NULL;
    /* Two letters at least: a Cyrillic letter is two bytes, Latin one. */
    if (w.count != 1 || w.n < 3)
        return syntax(p, t->at, "'*' must end a word of at least two letters");
    if (push_str(&p->out->wild, &p->out->nwild, w.raw, w.n))
        return oom(p, NULL);
    char buf[IZDE_WORD_MAX + 8];
    snprintf(buf, sizeof buf, "%s%s", f == F_TITLE ? IZDE_PFX_TITLE : "", w.raw);
    xap_query *q = NULL;
    xap_error xe;
    if (xap_query_wildcard(buf, WILDCARD_MAX, &q, &xe) != XAP_OK)
        return oom(p, &xe);
    p->pos++;
    return q;
}

/* The operand of NEAR/ADJ: one word, its exact form (Xapian 1.4 takes only
 * terms there, so neither stems nor wildcards). */
static xap_query *near_operand(parser *p, field f)
{
    tok t = p->lx.cur;
    if (t.type != T_WORDS)
        return syntax(p, t.at, "NEAR and ADJ need a word on each side");
    lex_next(&p->lx);
    if (t.wild)
        return syntax(p, t.at, "NEAR and ADJ take words, not wildcards");
    items tmp = {0};
    words_ctx w = {.p = p, .it = &tmp, .f = f, .c = C_REQ, .phrase = 1};
    if (analyze_into(p, t.s, t.n, &w)) {
        free_items(&tmp);
        return NULL;
    }
    if (tmp.n != 1) {
        free_items(&tmp);
        return syntax(p, t.at, "NEAR and ADJ need a single word on each side");
    }
    xap_query *q = tmp.v[0].q;
    tmp.v[0].q = NULL;
    free_items(&tmp);
    return q;
}

/* word (NEAR|ADJ word)+ : the first operand is the current token. */
static xap_query *parse_near(parser *p, field f)
{
    xap_query *ops[64];
    size_t n = 0;
    int ordered = 0;
    unsigned window = 0;
    ops[n++] = near_operand(p, f);
    while (ops[n - 1] && (p->lx.cur.type == T_NEAR || p->lx.cur.type == T_ADJ)) {
        ordered |= p->lx.cur.type == T_ADJ;
        if (p->lx.cur.window > window)
            window = p->lx.cur.window;
        lex_next(&p->lx);
        if (n == 64) {
            ops[n - 1] = syntax(p, p->lx.cur.at, "too many NEAR/ADJ operands");
            break;
        }
        ops[n++] = near_operand(p, f);
    }
    xap_query *x = NULL;
    int ok = 1;
    for (size_t i = 0; i < n; i++)
        ok &= ops[i] != NULL;
    if (ok)
        x = combine(p, ordered ? XAP_OP_PHRASE : XAP_OP_NEAR, ops, n,
                    window + (unsigned)n - 1);
    for (size_t i = 0; i < n; i++)
        xap_query_free(ops[i]);
    return x;
}

/* Is the token after the current T_WORDS a NEAR/ADJ?  (One token of
 * look-ahead, on a copy of the lexer.) */
static int near_follows(const parser *p)
{
    lexer copy = p->lx;
    lex_next(&copy);
    return copy.cur.type == T_NEAR || copy.cur.type == T_ADJ;
}

/* A primary: words, "phrase", (group), field:primary, range, NEAR chain.
 * Adds its items to `it` with class `c`. */
static int parse_primary(parser *p, items *it, cls c, field f)
{
    tok t = p->lx.cur;
    switch (t.type) {
    case T_LPAREN: {
        if (++p->depth > MAX_DEPTH) {
            syntax(p, t.at, "brackets nested too deeply");
            return -1;
        }
        lex_next(&p->lx);
        if (p->lx.cur.type == T_RPAREN) {
            syntax(p, t.at, "empty brackets");
            return -1;
        }
        xap_query *q = parse_or(p);
        p->depth--;
        if (!q) {
            if (p->rc == IZDE_OK)
                syntax(p, t.at, "no word inside the brackets");
            return -1;
        }
        if (p->lx.cur.type != T_RPAREN) {
            xap_query_free(q);
            syntax(p, t.at, "'(' is not closed");
            return -1;
        }
        lex_next(&p->lx);
        return add_item(p, it, q, c);
    }
    case T_PHRASE: {
        lex_next(&p->lx);
        items tmp = {0};
        words_ctx w = {.p = p, .it = &tmp, .f = f, .c = C_REQ, .phrase = 1};
        if (analyze_into(p, t.s, t.n, &w)) {
            free_items(&tmp);
            return -1;
        }
        if (tmp.n == 0) {
            free_items(&tmp);
            return 0; /* "" or "..." with no word: nothing */
        }
        xap_query **v = malloc(tmp.n * sizeof *v);
        xap_query *q = NULL;
        if (v) {
            for (size_t i = 0; i < tmp.n; i++)
                v[i] = tmp.v[i].q;
            q = tmp.n == 1 ? combine(p, XAP_OP_AND, v, 1, 0)
                           : combine(p, XAP_OP_PHRASE, v, tmp.n, 0);
            free(v);
        } else {
            oom(p, NULL);
        }
        free_items(&tmp);
        return add_item(p, it, q, c);
    }
    case T_WORDS: {
        if (near_follows(p))
            return add_item(p, it, parse_near(p, f), c);
        lex_next(&p->lx);
        if (t.wild)
            return add_item(p, it, wildcard(p, &t, f), c);
        words_ctx w = {.p = p, .it = it, .f = f, .c = c};
        return analyze_into(p, t.s, t.n, &w);
    }
    case T_RANGE:
        lex_next(&p->lx);
        if (f != F_NONE && f != F_YEAR) {
            syntax(p, t.at, "a date range cannot follow this field");
            return -1;
        }
        return add_item(p, it, range_query(p, &t), c == C_EXCL ? C_EXCL : C_FILTER);
    case T_FIELD: {
        if (f != F_NONE) {
            syntax(p, t.at, "a field inside a field");
            return -1;
        }
        lex_next(&p->lx);
        tok v = p->lx.cur;
        if (t.f == F_TITLE)
            return parse_primary(p, it, c, F_TITLE);
        if (t.f == F_YEAR && v.type == T_RANGE)
            return parse_primary(p, it, c, F_YEAR);
        lex_next(&p->lx);
        return add_item(p, it, field_value(p, t.f, &v), c == C_EXCL ? C_EXCL : C_FILTER);
    }
    default:
        syntax(p, t.at, t.type == T_END ? "the query ends where a word was expected"
                                        : "a word was expected");
        return -1;
    }
}

static int parse_unary(parser *p, items *it, cls c, field f)
{
    ttype t = p->lx.cur.type;
    if (t == T_PLUS || t == T_MINUS) {
        lex_next(&p->lx);
        return parse_primary(p, it, t == T_PLUS ? C_REQ : C_EXCL, f);
    }
    return parse_primary(p, it, c, f);
}

static int starts_operand(ttype t)
{
    return t == T_WORDS || t == T_PHRASE || t == T_LPAREN || t == T_PLUS ||
           t == T_MINUS || t == T_FIELD || t == T_RANGE;
}

/* Combines the clauses of one AND level (see query.h for the rules). */
static xap_query *combine_items(parser *p, items *it)
{
    xap_query **req = malloc((it->n + 1) * sizeof *req);
    xap_query **opt = malloc((it->n + 1) * sizeof *opt);
    xap_query **excl = malloc((it->n + 1) * sizeof *excl);
    xap_query **filt = malloc((it->n + 1) * sizeof *filt);
    size_t nr = 0, no = 0, nx = 0, nf = 0;
    xap_query *main = NULL;
    if (!req || !opt || !excl || !filt) {
        oom(p, NULL);
        goto done;
    }
    for (size_t i = 0; i < it->n; i++) {
        xap_query *q = it->v[i].q;
        switch (it->v[i].c) {
        case C_REQ: req[nr++] = q; break;
        case C_OPT: opt[no++] = q; break;
        case C_EXCL: excl[nx++] = q; break;
        case C_FILTER: filt[nf++] = q; break;
        }
    }
    if (nr) {
        main = combine(p, XAP_OP_AND, req, nr, 0);
        if (main && no)
            main = pair(p, XAP_OP_AND_MAYBE, main, combine(p, XAP_OP_OR, opt, no, 0));
    } else if (no) {
        /* Nothing required: any word, ranked; all stopwords of an
         * all-words query are required after all. */
        main = combine(p, p->any ? XAP_OP_OR : XAP_OP_AND, opt, no, 0);
    }
    if (nf) {
        xap_query *f = combine(p, XAP_OP_AND, filt, nf, 0);
        main = main ? pair(p, XAP_OP_FILTER, main, f) : f;
    }
    if (nx && p->rc == IZDE_OK) {
        if (!main) {
            xap_error xe;
            if (xap_query_match_all(&main, &xe) != XAP_OK)
                oom(p, &xe);
        }
        if (main)
            main = pair(p, XAP_OP_AND_NOT, main, combine(p, XAP_OP_OR, excl, nx, 0));
    }
done:
    free(req);
    free(opt);
    free(excl);
    free(filt);
    free_items(it);
    return p->rc == IZDE_OK ? main : (xap_query_free(main), NULL);
}

/* A long all-words query (a pasted sentence) is often matched by no
 * article, which Xapian learns only after opening every word's postings.
 * Its rarest words, ANDed, are a probe: if they match nothing, neither
 * does the query (search.c tries it first).  Words only: expanded words
 * match more than their counts say. */
static void make_probe(parser *p, items *it)
{
    enum { PROBE_MIN_WORDS = 8, PROBE_WORDS = 3 };
    if (p->expand || !p->db)
        return;
    size_t pick[PROBE_WORDS], np = 0, nreq = 0;
    for (size_t i = 0; i < it->n; i++) {
        const item *a = &it->v[i];
        if (a->c != C_REQ || a->freq == UINT_MAX || !a->t)
            continue;
        /* a word's stems once (a sentence repeats its words) */
        size_t seen = 0;
        while (seen < i && !(it->v[seen].c == C_REQ && it->v[seen].t &&
                             !strcmp(it->v[seen].t->stem, a->t->stem) &&
                             !strcmp(it->v[seen].t->stem2, a->t->stem2)))
            seen++;
        if (seen < i)
            continue;
        nreq++;
        /* insert i among the rarest kept so far */
        size_t k = np < PROBE_WORDS ? np++ : PROBE_WORDS;
        if (k == PROBE_WORDS && a->freq >= it->v[pick[PROBE_WORDS - 1]].freq)
            continue;
        if (k == PROBE_WORDS)
            k--;
        while (k > 0 && it->v[pick[k - 1]].freq > a->freq) {
            pick[k] = pick[k - 1];
            k--;
        }
        pick[k] = i;
    }
    if (nreq < PROBE_MIN_WORDS)
        return;
    xap_query *v[PROBE_WORDS];
    for (size_t k = 0; k < np; k++)
        v[k] = it->v[pick[k]].q;
    p->probe = combine(p, XAP_OP_AND, v, np, 0);
}

/* and_expr: unary ((AND | NOT | implicit) unary)* */
static xap_query *parse_and(parser *p)
{
    items it = {0};
    cls dflt = p->any ? C_OPT : C_REQ;
    while (p->rc == IZDE_OK) {
        ttype t = p->lx.cur.type;
        if (t == T_AND || t == T_NOT) {
            size_t at = p->lx.cur.at;
            if (t == T_AND && it.n == 0) {
                syntax(p, at, "AND needs a word before it");
                break;
            }
            lex_next(&p->lx);
            if (!starts_operand(p->lx.cur.type)) {
                syntax(p, at, t == T_AND ? "AND needs a word after it" : "NOT needs a word after it");
                break;
            }
            /* AND binds the clause before it too: required even with --any. */
            if (t == T_AND && it.v[it.n - 1].c == C_OPT)
                it.v[it.n - 1].c = C_REQ;
            parse_unary(p, &it, t == T_AND ? C_REQ : C_EXCL, F_NONE);
        } else if (starts_operand(t)) {
            parse_unary(p, &it, dflt, F_NONE);
        } else {
            break;
        }
    }
    if (p->rc == IZDE_OK && p->expand)
        expand_multiwords(p, &it);
    if (p->rc == IZDE_OK)
        boost_one_word(p, &it);
    if (p->rc == IZDE_OK && p->depth == 0 && p->groups++ == 0)
        make_probe(p, &it);
    if (p->rc != IZDE_OK) {
        free_items(&it);
        return NULL;
    }
    return combine_items(p, &it);
}

static xap_query *parse_or(parser *p)
{
    size_t at = p->lx.cur.at;
    if (p->lx.cur.type == T_OR)
        return syntax(p, at, "OR needs a word before it");
    xap_query *left = parse_and(p);
    while (p->rc == IZDE_OK && p->lx.cur.type == T_OR) {
        at = p->lx.cur.at;
        lex_next(&p->lx);
        if (!starts_operand(p->lx.cur.type)) {
            xap_query_free(left);
            return syntax(p, at, "OR needs a word after it");
        }
        xap_query *right = parse_and(p);
        if (!right) {
            xap_query_free(left);
            return NULL;
        }
        left = left ? pair(p, XAP_OP_OR, left, right) : right;
    }
    return left;
}

izde_status izde_query_build(izde_analyzer *an, xap_db *db, const char *text,
                             unsigned flags, izde_query *out, izde_error *err)
{
    memset(out, 0, sizeof *out);
    parser p = {.an = an, .db = db, .out = out, .any = (flags & IZDE_QUERY_ANY) != 0,
                .expand = db && (flags & IZDE_QUERY_EXPAND), .pos = 1, .err = err,
                .lx = {.q = text, .len = strlen(text)}};
    lex_next(&p.lx);
    xap_query *q = parse_or(&p);
    if (p.rc == IZDE_OK && p.lx.cur.type != T_END) {
        xap_query_free(q);
        q = syntax(&p, p.lx.cur.at, p.lx.cur.type == T_RPAREN ? "')' without '('"
                                                              : "unexpected text");
    }
    if (p.rc == IZDE_OK && !q)
        p.rc = izde_fail(err, IZDE_ERR_QUERY, "query \"%.200s\" has no words to search", text);
    if (p.rc != IZDE_OK) {
        xap_query_free(q);
        xap_query_free(p.probe);
        izde_query_free(out);
        return p.rc;
    }
    out->xq = q;
    out->single_word = p.words == 1 && p.other_words == 0;
    if (p.groups == 1) {
        out->probe = p.probe;
        p.probe = NULL;
    }
    xap_query_free(p.probe);
    return IZDE_OK;
}

static void free_strs(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

void izde_query_free(izde_query *q)
{
    xap_query_free(q->xq);
    xap_query_free(q->probe);
    free_strs(q->terms, q->nterms);
    free(q->russian);
    free_strs(q->wild, q->nwild);
    free_strs(q->unknown, q->nunknown);
    memset(q, 0, sizeof *q);
}

int izde_query_has_prefix_of(const izde_query *q, const char *word, size_t len)
{
    for (size_t i = 0; i < q->nwild; i++) {
        size_t n = strlen(q->wild[i]);
        if (n <= len && memcmp(q->wild[i], word, n) == 0)
            return 1;
    }
    return 0;
}
