/* izde — an article becomes a Xapian document. */
#include "izde/document.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "izde/docdata.h"
#include "izde/glossary.h"
#include "izde/lang.h"
#include "izde/schema.h"
#include "izde/unichar.h"

/* Xapian refuses terms over 245 bytes. */
#define TERM_MAX 245
/* The longest glossary term looked for, in words (data/glossary.tsv's
 * longest has 12, stopwords included). */
#define RING_WORDS 16

/* The last words of a text that are not stopwords, as Z terms, for finding
 * the glossary's terms (glossary.h). */
typedef struct ring {
    char z[RING_WORDS][TERM_MAX + 1];
    size_t len[RING_WORDS];
    unsigned lang[RING_WORDS];
    size_t n; /* words seen; the last is z[(n - 1) % RING_WORDS] */
} ring;

typedef struct builder {
    xap_doc *doc;
    const char *pfx_raw, *pfx_stem; /* "" and "Z", or "S" and "ZS" */
    unsigned wdf;
    unsigned last_pos;
    const izde_glossary_terms *terms; /* NULL: not looked for */
    unsigned lang;                    /* the article's: IZDE_LANG_KY or _RU */
    ring *ring;
    xap_error xerr;
    int failed;
} builder;

static int add(builder *b, const char *pfx, const char *t, size_t n,
               unsigned pos)
{
    char term[TERM_MAX + 1];
    size_t pl = strlen(pfx);
    if (n == 0 || pl + n > TERM_MAX)
        return 0;
    memcpy(term, pfx, pl);
    memcpy(term + pl, t, n);
    xap_status rc = pos ? xap_doc_add_posting(b->doc, term, pl + n, pos, b->wdf, &b->xerr)
                        : xap_doc_add_term(b->doc, term, pl + n, b->wdf, &b->xerr);
    if (rc != XAP_OK)
        b->failed = 1;
    return rc != XAP_OK;
}

/* The word k places before the last (0: the last). */
static size_t ring_at(const ring *r, size_t k) { return (r->n - 1 - k) % RING_WORDS; }

/* Adds the word's glossary terms for a use of the term made of the last
 * `words` words: one for each word (a word the term repeats, once). */
static int add_use(builder *b, size_t words, unsigned lang)
{
    const ring *r = b->ring;
    const char *code = izde_lang_code(lang);
    for (size_t k = 0; k < words; k++) {
        size_t i = ring_at(r, k), again = 0;
        for (size_t j = k + 1; j < words && !again; j++) {
            size_t o = ring_at(r, j);
            again = r->len[o] == r->len[i] && memcmp(r->z[o], r->z[i], r->len[i]) == 0;
        }
        char key[TERM_MAX + 1];
        int n = snprintf(key, sizeof key, "%s%s%.*s", code, IZDE_GLOSSARY_WORD_TAG,
                         (int)r->len[i], r->z[i]);
        if (!again && n > 0 && (size_t)n < sizeof key &&
            add(b, IZDE_PFX_GLOSSARY, key, (size_t)n, 0))
            return 1;
    }
    return 0;
}

/* A word that is not a stopword, after the others of its text: the
 * glossary's terms that end with it, in its language (English for a word in
 * Latin letters). */
static int find_terms(builder *b, const izde_terms *t)
{
    ring *r = b->ring;
    size_t zl = strlen(IZDE_PFX_STEM) + t->stem_len;
    if (zl > TERM_MAX) {
        r->n = 0; /* no term has it: none runs across it */
        return 0;
    }
    size_t at = r->n++ % RING_WORDS;
    memcpy(r->z[at], IZDE_PFX_STEM, strlen(IZDE_PFX_STEM));
    memcpy(r->z[at] + strlen(IZDE_PFX_STEM), t->stem, t->stem_len);
    r->len[at] = zl;
    r->lang[at] = izde_uc_ascii_letter((unsigned char)t->raw[0]) ? IZDE_LANG_EN : b->lang;
    size_t most = izde_glossary_terms_ending(b->terms, r->z[at], zl);
    char key[TERM_MAX + 1];
    size_t kl = zl;
    memcpy(key, r->z[at], zl);
    for (size_t words = 2; words <= most && words <= RING_WORDS && words <= r->n; words++) {
        size_t i = ring_at(r, words - 1);
        if (r->lang[i] != r->lang[at] || kl + 1 + r->len[i] > TERM_MAX)
            break;
        memmove(key + r->len[i] + 1, key, kl);
        memcpy(key, r->z[i], r->len[i]);
        key[r->len[i]] = ' ';
        kl += r->len[i] + 1;
        if ((izde_glossary_terms_langs(b->terms, key, kl) & r->lang[at]) &&
            add_use(b, words, r->lang[at]))
            return 1;
    }
    return 0;
}

static int add_word(void *ctx, const izde_token *tok)
{
    builder *b = ctx;
    izde_terms t;
    izde_word_terms(tok, &t);
    b->last_pos = tok->pos;
    return add(b, b->pfx_raw, t.raw, t.raw_len, tok->pos) ||
           add(b, b->pfx_stem, t.stem, t.stem_len, 0) ||
           add(b, b->pfx_stem, t.stem2, t.stem2_len, 0) ||
           add(b, IZDE_PFX_KBD, t.kbd, t.kbd_len, 0) ||
           (b->terms && !t.stopword && t.stem_len && find_terms(b, &t));
}

static izde_status index_text(izde_analyzer *an, builder *b, const char *text,
                              unsigned first_pos, izde_error *err)
{
    if (b->ring)
        b->ring->n = 0; /* a term does not run from the title into the body */
    int rc = izde_analyze(an, text, strlen(text), first_pos, add_word, b, NULL, err);
    if (b->failed) {
        char m[600];
        return izde_fail(err, IZDE_ERR_DB, "%s", xap_error_text(&b->xerr, m, sizeof m));
    }
    return rc < 0 ? (izde_status)rc : IZDE_OK;
}

static izde_status add_bool(xap_doc *doc, const char *pfx, const char *val,
                            int fold, izde_error *err)
{
    char term[TERM_MAX + 1];
    size_t pl = strlen(pfx), n;
    memcpy(term, pfx, pl);
    if (fold)
        n = izde_fold_string(val, strlen(val), term + pl, sizeof term - pl);
    else {
        n = strlen(val);
        if (pl + n > TERM_MAX)
            n = 0;
        else
            memcpy(term + pl, val, n + 1);
    }
    if (n == 0)
        return IZDE_OK; /* too long to be a filter: the field still shows */
    xap_error xe;
    if (xap_doc_add_boolean_term(doc, term, &xe) != XAP_OK) {
        char m[600];
        return izde_fail(err, IZDE_ERR_DB, "%s", xap_error_text(&xe, m, sizeof m));
    }
    return IZDE_OK;
}

static izde_status set_value(xap_doc *doc, xap_slot slot, const char *v,
                             izde_error *err)
{
    xap_error xe;
    if (xap_doc_set_value(doc, slot, v, strlen(v), &xe) != XAP_OK) {
        char m[600];
        return izde_fail(err, IZDE_ERR_DB, "%s", xap_error_text(&xe, m, sizeof m));
    }
    return IZDE_OK;
}

static izde_status build(izde_analyzer *an, const izde_glossary_terms *terms,
                         unsigned lang, const izde_article *a, xap_doc *doc, izde_error *err);

/* The author field, and each author of a field "A; B" (author:B finds it). */
static izde_status add_authors(xap_doc *doc, const char *authors, izde_error *err)
{
    izde_status rc = add_bool(doc, IZDE_PFX_AUTHOR, authors, 1, err);
    if (!strstr(authors, "; "))
        return rc;
    char one[TERM_MAX + 1];
    for (const char *p = authors; rc == IZDE_OK && *p;) {
        const char *e = strstr(p, "; ");
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (n && n < sizeof one) {
            memcpy(one, p, n);
            one[n] = '\0';
            rc = add_bool(doc, IZDE_PFX_AUTHOR, one, 1, err);
        }
        p += n + (e ? 2 : 0);
    }
    return rc;
}

/* The issue "2 (148)" (a double one "2-3 (100-101)"): XI terms of its
 * serial numbers (issue:148), the first one zero-padded in its slot. */
static izde_status add_issue(xap_doc *doc, const char *issue, izde_error *err)
{
    const char *p = strchr(issue, '(');
    izde_status rc = IZDE_OK;
    for (int first = 1; p && rc == IZDE_OK; first = 0) {
        char *end;
        unsigned long serial = strtoul(p + 1, &end, 10);
        if (end == p + 1 || serial > 999999)
            break;
        char t[16];
        snprintf(t, sizeof t, "%lu", serial);
        rc = add_bool(doc, IZDE_PFX_ISSUE, t, 0, err);
        snprintf(t, sizeof t, "%06lu", serial);
        if (rc == IZDE_OK && first)
            rc = set_value(doc, IZDE_SLOT_ISSUE, t, err);
        p = *end == '-' ? end : NULL;
    }
    return rc;
}

izde_status izde_document_uid(const char *id, char *out, size_t cap,
                              izde_error *err)
{
    size_t n = strlen(id);
    if (n + 1 > TERM_MAX || n + 2 > cap)
        return izde_fail(err, IZDE_ERR_USAGE, "%s: path too long for an id (%zu bytes)", id, n);
    out[0] = 'Q';
    memcpy(out + 1, id, n + 1);
    return IZDE_OK;
}

izde_status izde_document_build(izde_analyzer *an, const izde_glossary_terms *terms,
                                const izde_article *art, xap_doc *doc, izde_error *err)
{
    /* The article's language decides its stemmer; an article read without
     * one gets the detector's verdict (a shallow copy carries it into the
     * document data). */
    izde_article copy = *art;
    const izde_article *a = &copy;
    izde_article_detect_lang(&copy);
    unsigned lang = izde_lang_from_code(a->lang);
    unsigned saved = izde_analyzer_langs(an);
    lang = lang == IZDE_LANG_RU ? IZDE_LANG_RU : IZDE_LANG_KY;
    izde_analyzer_set_langs(an, lang);
    izde_status rc = build(an, terms, lang, a, doc, err);
    izde_analyzer_set_langs(an, saved);
    return rc;
}

static izde_status build(izde_analyzer *an, const izde_glossary_terms *terms,
                         unsigned lang, const izde_article *a, xap_doc *doc, izde_error *err)
{
    char uid[TERM_MAX + 1];
    izde_status rc = izde_document_uid(a->id, uid, sizeof uid, err);
    if (rc == IZDE_OK)
        rc = add_bool(doc, "", uid, 0, err);

    /* The title: S terms with positions and ZS stems for title: searches,
     * and the same words unprefixed with a higher wdf so that a plain query
     * ranks a title match above a body one. */
    builder b = {.doc = doc, .pfx_raw = IZDE_PFX_TITLE,
                 .pfx_stem = IZDE_PFX_TITLE_STEM, .wdf = 1};
    if (rc == IZDE_OK && a->title)
        rc = index_text(an, &b, a->title, 1, err);
    unsigned title_end = b.last_pos;
    /* The title and the body, each: the glossary's terms too. */
    ring words;
    b = (builder){.doc = doc, .pfx_raw = "", .pfx_stem = IZDE_PFX_STEM,
                  .wdf = IZDE_TITLE_WDF, .terms = terms, .lang = lang,
                  .ring = terms ? &words : NULL};
    if (rc == IZDE_OK && a->title)
        rc = index_text(an, &b, a->title, 1, err);
    b.wdf = 1;
    if (rc == IZDE_OK && a->body)
        rc = index_text(an, &b, a->body, title_end + IZDE_TITLE_BODY_GAP, err);

    if (rc == IZDE_OK && a->rubric) {
        rc = add_bool(doc, IZDE_PFX_RUBRIC, a->rubric, 1, err);
        if (rc == IZDE_OK)
            rc = set_value(doc, IZDE_SLOT_RUBRIC, a->rubric, err);
    }
    if (rc == IZDE_OK && a->author)
        rc = add_authors(doc, a->author, err);
    if (rc == IZDE_OK && a->lang[0])
        rc = add_bool(doc, IZDE_PFX_LANG, a->lang, 0, err);
    if (rc == IZDE_OK && a->issue)
        rc = add_issue(doc, a->issue, err);
    if (rc == IZDE_OK && a->date[0]) {
        char ymd[9], t[16];
        memcpy(ymd, a->date, 4);
        memcpy(ymd + 4, a->date + 5, 2);
        memcpy(ymd + 6, a->date + 8, 2);
        ymd[8] = '\0';
        snprintf(t, sizeof t, "%.8s", ymd);
        rc = add_bool(doc, IZDE_PFX_DATE, t, 0, err);
        snprintf(t, sizeof t, "%.6s", ymd);
        if (rc == IZDE_OK)
            rc = add_bool(doc, IZDE_PFX_MONTH, t, 0, err);
        snprintf(t, sizeof t, "%.4s", ymd);
        if (rc == IZDE_OK)
            rc = add_bool(doc, IZDE_PFX_YEAR, t, 0, err);
        if (rc == IZDE_OK)
            rc = set_value(doc, IZDE_SLOT_DATE, ymd, err);
        if (rc == IZDE_OK)
            rc = set_value(doc, IZDE_SLOT_YEAR, t, err);
    }
    if (rc != IZDE_OK)
        return rc;

    size_t len;
    char *data = izde_docdata_encode(a, &len);
    if (!data)
        return izde_fail(err, IZDE_ERR_NOMEM, "%s: out of memory", a->id);
    xap_error xe;
    xap_status xs = xap_doc_set_data(doc, data, len, &xe);
    free(data);
    if (xs != XAP_OK) {
        char m[600];
        return izde_fail(err, IZDE_ERR_DB, "%s", xap_error_text(&xe, m, sizeof m));
    }
    return IZDE_OK;
}
