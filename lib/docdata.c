/* izde — encoding and decoding of the document data. */
#include "izde/docdata.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "izde/status.h"

static size_t put_field(char *out, const char *key, const char *val)
{
    if (!val || !*val)
        return 0;
    size_t o = 0, k = strlen(key);
    if (out) {
        memcpy(out, key, k);
        out[k] = '=';
    }
    o = k + 1;
    for (const char *p = val; *p; p++, o++)
        if (out)
            out[o] = (*p == '\n' || *p == '\r') ? ' ' : *p;
    if (out)
        out[o] = '\n';
    return o + 1;
}

static size_t put_all(char *out, const izde_article *a)
{
    size_t o = 0;
    o += put_field(out ? out + o : NULL, "title", a->title);
    o += put_field(out ? out + o : NULL, "date", a->date);
    o += put_field(out ? out + o : NULL, "rubric", a->rubric);
    o += put_field(out ? out + o : NULL, "issue", a->issue);
    o += put_field(out ? out + o : NULL, "capture_issue", a->capture_issue);
    o += put_field(out ? out + o : NULL, "author", a->author);
    o += put_field(out ? out + o : NULL, "pages", a->pages);
    o += put_field(out ? out + o : NULL, "lang", a->lang);
    o += put_field(out ? out + o : NULL, "path", a->id);
    size_t t = a->body ? strlen(a->body) : 0;
    if (out) {
        memcpy(out + o, "text=", 5);
        if (t)
            memcpy(out + o + 5, a->body, t);
    }
    return o + 5 + t;
}

char *izde_docdata_encode(const izde_article *a, size_t *len)
{
    size_t n = put_all(NULL, a);
    char *out = malloc(n + 1);
    if (!out)
        return NULL;
    put_all(out, a);
    out[n] = '\0';
    *len = n;
    return out;
}

int izde_docdata_decode(const char *data, size_t len, izde_docdata *out)
{
    memset(out, 0, sizeof *out);
    out->buf = malloc(len + 1);
    if (!out->buf)
        return IZDE_ERR_NOMEM;
    memcpy(out->buf, data, len);
    out->buf[len] = '\0';
    static const char *const keys[] = {"title", "date", "rubric", "issue",
                                       "capture_issue", "author", "pages",
                                       "lang", "path"};
    const char **slots[] = {&out->title, &out->date, &out->rubric,
                            &out->issue, &out->capture_issue, &out->author,
                            &out->pages, &out->lang, &out->path};
    char *p = out->buf, *end = out->buf + len;
    while (p < end) {
        if (strncmp(p, "text=", 5) == 0) {
            out->text = p + 5;
            out->text_len = (size_t)(end - p - 5);
            break;
        }
        char *nl = memchr(p, '\n', (size_t)(end - p));
        char *eq = memchr(p, '=', (size_t)(end - p));
        if (!nl || !eq || eq > nl)
            break; /* not ours: stop rather than guess */
        *nl = *eq = '\0';
        for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
            if (strcmp(p, keys[i]) == 0)
                *slots[i] = eq + 1;
        p = nl + 1;
    }
    return IZDE_OK;
}

void izde_docdata_free(izde_docdata *d)
{
    free(d->buf);
    memset(d, 0, sizeof *d);
}

unsigned izde_docdata_page(const izde_docdata *d)
{
    if (!d->pages || d->pages[0] < '1' || d->pages[0] > '9')
        return 0;
    unsigned long p = strtoul(d->pages, NULL, 10);
    return p > 999999 ? 0 : (unsigned)p;
}

size_t izde_docdata_cite(const izde_docdata *d, char *out, size_t cap)
{
    out[0] = '\0';
    if (!izde_docdata_page(d) || cap < 2)
        return 0;
    const char *dash = strchr(d->pages, '-');
    int n = d->issue && d->issue[0]
                ? snprintf(out, cap, "№ %s, б. ", d->issue)
                : snprintf(out, cap, "б. ");
    if (n < 0 || (size_t)n >= cap)
        return out[0] = '\0', 0;
    n += dash ? snprintf(out + n, cap - (size_t)n, "%.*s–%s", (int)(dash - d->pages), d->pages,
                         dash + 1)
              : snprintf(out + n, cap - (size_t)n, "%s", d->pages);
    return (size_t)n < cap ? (size_t)n : strlen(out);
}
