/* izde-index — the files the database holds. */
#include "catalog.h"

#include <stdlib.h>
#include <string.h>

#include "izde/schema.h"

typedef struct loader {
    catalog *c;
    izde_error *err;
    izde_status rc;
} loader;

static int add_value(void *ctx, xap_docid id, const char *val, size_t len)
{
    (void)id;
    loader *l = ctx;
    catalog *c = l->c;
    catalog_entry e = {0};
    const char *fid;
    size_t fid_len;
    if (izde_fingerprint_parse(val, len, &e.fp, &e.root, &fid, &fid_len) != IZDE_OK)
        return 0; /* not ours: leave the document alone */
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 1024;
        catalog_entry *v = realloc(c->v, cap * sizeof *v);
        if (!v)
            goto nomem;
        c->v = v;
        c->cap = cap;
    }
    if (!(e.id = strndup(fid, fid_len)))
        goto nomem;
    e.articles = 1;
    c->v[c->n++] = e;
    return 0;
nomem:
    l->rc = izde_fail(l->err, IZDE_ERR_NOMEM, "reading the indexed files: out of memory");
    return 1;
}

static int by_id(const void *a, const void *b)
{
    return strcmp(((const catalog_entry *)a)->id, ((const catalog_entry *)b)->id);
}

static int same_fingerprint(const catalog_entry *a, const catalog_entry *b)
{
    return a->root == b->root && a->fp.hash == b->fp.hash &&
           izde_fingerprint_same_stat(&a->fp, &b->fp);
}

/* One entry per file: the articles of a file are merged, and a file whose
 * articles carry different fingerprints is marked mixed. */
static void merge_articles(catalog *c)
{
    size_t out = 0;
    for (size_t i = 0; i < c->n; i++) {
        if (out > 0 && !strcmp(c->v[out - 1].id, c->v[i].id)) {
            catalog_entry *keep = &c->v[out - 1];
            keep->articles++;
            if (!same_fingerprint(keep, &c->v[i]))
                keep->mixed = 1;
            free(c->v[i].id);
        } else {
            c->v[out++] = c->v[i];
        }
    }
    c->n = out;
}

izde_status catalog_load(xap_db *db, catalog *c, izde_error *err)
{
    loader l = {c, err, IZDE_OK};
    xap_error xe;
    /* Room for every document at once: grown by doubling, 20 000 entries
     * were copied (and their pages touched) again and again. */
    unsigned docs = 0;
    if (xap_db_doccount(db, &docs, &xe) == XAP_OK && docs > c->cap - c->n) {
        catalog_entry *v = realloc(c->v, (c->n + docs) * sizeof *v);
        if (v) {
            c->v = v;
            c->cap = c->n + docs;
        }
    }
    if (xap_db_values(db, IZDE_SLOT_FINGERPRINT, add_value, &l, &xe) != XAP_OK &&
        l.rc == IZDE_OK) {
        char m[600];
        l.rc = izde_fail(err, IZDE_ERR_DB, "reading the indexed files: %s",
                         xap_error_text(&xe, m, sizeof m));
    }
    if (l.rc != IZDE_OK) {
        catalog_free(c);
        return l.rc;
    }
    /* The slot comes in docid order, which is mostly the walk's, i.e. by
     * id: a sorted catalog (the common case) costs one pass, not a sort. */
    size_t i = 1;
    while (i < c->n && strcmp(c->v[i - 1].id, c->v[i].id) <= 0)
        i++;
    if (i < c->n)
        qsort(c->v, c->n, sizeof *c->v, by_id);
    merge_articles(c);
    c->next = 0;
    return IZDE_OK;
}

catalog_entry *catalog_find(catalog *c, const char *id)
{
    /* The walk asks in id order, mostly: try the entry after the last one
     * found before a binary search. */
    if (c->next < c->n && !strcmp(c->v[c->next].id, id))
        return &c->v[c->next++];
    catalog_entry key = {.id = (char *)id};
    catalog_entry *e = c->n ? bsearch(&key, c->v, c->n, sizeof *c->v, by_id) : NULL;
    if (e)
        c->next = (size_t)(e - c->v) + 1;
    return e;
}

void catalog_free(catalog *c)
{
    for (size_t i = 0; i < c->n; i++)
        free(c->v[i].id);
    free(c->v);
    c->v = NULL;
    c->n = c->cap = c->next = 0;
}
