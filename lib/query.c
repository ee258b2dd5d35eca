/* izde — query text → Xapian query through the index's analyzer. */
#include "izde/query.h"

#include <stdlib.h>
#include <string.h>

#include "izde/schema.h"

/* Clauses of the query being built. */
typedef struct build {
    izde_query *q;
    xap_db *db;
    xap_query **req, **opt;  /* required clauses; optional (stopwords) */
    size_t nreq, nopt, cap_req, cap_opt;
    xap_query **phrase;      /* raw terms of the phrase being read */
    size_t nphrase, cap_phrase;
    int failed;              /* out of memory or a Xapian error */
    xap_error xerr;
} build;

static int push(xap_query ***v, size_t *n, size_t *cap, xap_query *x)
{
    if (*n == *cap) {
        size_t c = *cap ? *cap * 2 : 8;
        xap_query **p = realloc(*v, c * sizeof *p);
        if (!p)
            return -1;
        *v = p;
        *cap = c;
    }
    (*v)[(*n)++] = x;
    return 0;
}

static void free_all(xap_query **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        xap_query_free(v[i]);
    free(v);
}

/* Records `pfx`+`t` as a query term (for highlighting) and makes its query. */
static xap_query *term(build *b, const char *pfx, const char *t, size_t n,
                       unsigned pos)
{
    char buf[IZDE_WORD_MAX + 8];
    size_t pl = strlen(pfx);
    memcpy(buf, pfx, pl);
    memcpy(buf + pl, t, n);
    buf[pl + n] = '\0';
    if (!izde_query_has_term(b->q, buf, pl + n)) {
        char **p = realloc(b->q->terms, (b->q->nterms + 1) * sizeof *p);
        char *s = strdup(buf);
        if (!p || !s) {
            free(s);
            if (p)
                b->q->terms = p;
            b->failed = 1;
            return NULL;
        }
        b->q->terms = p;
        p[b->q->nterms++] = s;
    }
    xap_query *x = NULL;
    if (xap_query_term(buf, pl + n, 1, pos, &x, &b->xerr) != XAP_OK)
        b->failed = 1;
    return x;
}

static unsigned termfreq(build *b, const char *pfx, const char *t, size_t n)
{
    char buf[IZDE_WORD_MAX + 8];
    unsigned f = 0;
    size_t pl = strlen(pfx);
    memcpy(buf, pfx, pl);
    memcpy(buf + pl, t, n);
    buf[pl + n] = '\0';
    if (!b->db || xap_db_termfreq(b->db, buf, &f, NULL) != XAP_OK)
        return 0;
    return f;
}

/* н, о, у: the letters a Russian keyboard writes for ң, ө, ү. */
static int has_keyboard_letter(const char *w, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++)
        if ((unsigned char)w[i] == 0xD0 &&
            ((unsigned char)w[i + 1] == 0xBD || (unsigned char)w[i + 1] == 0xBE))
            return 1;
        else if ((unsigned char)w[i] == 0xD1 && (unsigned char)w[i + 1] == 0x83)
            return 1;
    return 0;
}

/* One word outside a phrase: its stem, widened to the Russian-keyboard
 * spelling when the word as typed is unknown to the index. */
static xap_query *word_query(build *b, const izde_terms *t, unsigned pos)
{
    xap_query *z = term(b, IZDE_PFX_STEM, t->stem, t->stem_len, pos);
    if (!z || t->kbd_len || !has_keyboard_letter(t->stem, t->stem_len) ||
        termfreq(b, IZDE_PFX_STEM, t->stem, t->stem_len) > 0 ||
        termfreq(b, IZDE_PFX_KBD, t->stem, t->stem_len) == 0)
        return z;
    xap_query *k = term(b, IZDE_PFX_KBD, t->stem, t->stem_len, pos), *x = NULL;
    if (k) {
        xap_query *both[2] = {z, k};
        if (xap_query_combine(XAP_OP_SYNONYM, both, 2, 0, &x, &b->xerr) != XAP_OK)
            b->failed = 1;
    }
    xap_query_free(z);
    xap_query_free(k);
    return x;
}

static int on_word(void *ctx, const izde_token *tok)
{
    build *b = ctx;
    izde_terms t;
    izde_word_terms(tok, &t);
    int stop = t.stopword;
    xap_query *x = word_query(b, &t, tok->pos);
    if (!x || (stop ? push(&b->opt, &b->nopt, &b->cap_opt, x)
                    : push(&b->req, &b->nreq, &b->cap_req, x))) {
        xap_query_free(x);
        b->failed = 1;
        return 1;
    }
    return 0;
}

static int on_phrase_word(void *ctx, const izde_token *tok)
{
    build *b = ctx;
    xap_query *x = term(b, "", tok->word, tok->len, tok->pos);
    if (!x || push(&b->phrase, &b->nphrase, &b->cap_phrase, x)) {
        xap_query_free(x);
        b->failed = 1;
        return 1;
    }
    return 0;
}

/* Closes the phrase read so far into one required clause. */
static void end_phrase(build *b)
{
    xap_query *x = NULL;
    if (b->nphrase == 1) {
        x = b->phrase[0];
        b->nphrase = 0;
    } else if (b->nphrase > 1 &&
               xap_query_combine(XAP_OP_PHRASE, b->phrase, b->nphrase, 0, &x,
                                 &b->xerr) != XAP_OK)
        b->failed = 1;
    for (size_t i = 0; i < b->nphrase; i++)
        xap_query_free(b->phrase[i]);
    b->nphrase = 0;
    if (x && push(&b->req, &b->nreq, &b->cap_req, x)) {
        xap_query_free(x);
        b->failed = 1;
    }
}

/* Length of the quotation mark at s (", «, », “, ”, „), or 0. */
static size_t quote_len(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    if (p[0] == '"')
        return 1;
    if (n >= 2 && p[0] == 0xC2 && (p[1] == 0xAB || p[1] == 0xBB))
        return 2;
    if (n >= 3 && p[0] == 0xE2 && p[1] == 0x80 && p[2] >= 0x9C && p[2] <= 0x9E)
        return 3;
    return 0;
}

izde_status izde_query_build(izde_analyzer *an, xap_db *db, const char *text,
                             int any, izde_query *out, izde_error *err)
{
    memset(out, 0, sizeof *out);
    build b = {.q = out, .db = db};
    size_t len = strlen(text), seg = 0;
    int in_phrase = 0;
    unsigned pos = 1;
    for (size_t i = 0; i <= len && !b.failed;) {
        size_t ql = i < len ? quote_len(text + i, len - i) : 0;
        if (i < len && !ql) {
            i++;
            continue;
        }
        /* text[seg..i) is a run of words or a phrase's inside. */
        size_t before = b.nreq + b.nopt + b.nphrase;
        int rc = izde_analyze(an, text + seg, i - seg, pos,
                              in_phrase ? on_phrase_word : on_word, &b, NULL, err);
        if (rc < 0 && !b.failed) {
            izde_query_free(out);
            free_all(b.req, b.nreq);
            free_all(b.opt, b.nopt);
            free_all(b.phrase, b.nphrase);
            return (izde_status)rc;
        }
        pos += (unsigned)(b.nreq + b.nopt + b.nphrase - before) + 1;
        if (in_phrase)
            end_phrase(&b);
        in_phrase = !in_phrase;
        i += ql ? ql : 1;
        seg = i;
    }

    izde_status rc = IZDE_OK;
    if (b.failed)
        rc = izde_fail(err, IZDE_ERR_NOMEM, "query: out of memory or Xapian error: %s", b.xerr.msg);
    else if (b.nreq + b.nopt == 0)
        rc = izde_fail(err, IZDE_ERR_QUERY, "query \"%.200s\" has no words to search", text);
    else {
        xap_query *req = NULL, *opt = NULL;
        xap_status xs = XAP_OK;
        if (any || b.nreq == 0) {
            /* Everything optional, ranked; stopwords alone are required. */
            for (size_t i = 0; i < b.nopt && xs == XAP_OK; i++)
                if (push(&b.req, &b.nreq, &b.cap_req, b.opt[i]))
                    xs = XAP_ERR_NOMEM;
                else
                    b.opt[i] = NULL;
            b.nopt = 0;
            if (xs == XAP_OK)
                xs = xap_query_combine(any ? XAP_OP_OR : XAP_OP_AND, b.req,
                                       b.nreq, 0, &out->xq, &b.xerr);
        } else {
            xs = xap_query_combine(XAP_OP_AND, b.req, b.nreq, 0, &req, &b.xerr);
            if (xs == XAP_OK && b.nopt) {
                xs = xap_query_combine(XAP_OP_OR, b.opt, b.nopt, 0, &opt, &b.xerr);
                xap_query *both[2] = {req, opt};
                if (xs == XAP_OK)
                    xs = xap_query_combine(XAP_OP_AND_MAYBE, both, 2, 0,
                                           &out->xq, &b.xerr);
                xap_query_free(req);
            } else {
                out->xq = req;
            }
            xap_query_free(opt);
        }
        if (xs != XAP_OK)
            rc = izde_fail(err, IZDE_ERR_NOMEM, "query: %s", b.xerr.msg);
    }
    free_all(b.req, b.nreq);
    free_all(b.opt, b.nopt);
    free_all(b.phrase, b.nphrase);
    if (rc != IZDE_OK)
        izde_query_free(out);
    return rc;
}

void izde_query_free(izde_query *q)
{
    xap_query_free(q->xq);
    for (size_t i = 0; i < q->nterms; i++)
        free(q->terms[i]);
    free(q->terms);
    memset(q, 0, sizeof *q);
}

int izde_query_has_term(const izde_query *q, const char *term, size_t len)
{
    for (size_t i = 0; i < q->nterms; i++)
        if (strlen(q->terms[i]) == len && memcmp(q->terms[i], term, len) == 0)
            return 1;
    return 0;
}
