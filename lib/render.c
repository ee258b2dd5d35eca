/* izde — text and JSON renderers. */
#include "izde/render.h"

#include <string.h>

#include "izde/json.h"
#include "izde/utf8.h"

static const char *or_empty(const char *s) { return s ? s : ""; }

/* Writes s[0..n) for a terminal: control characters (an ESC in a title
 * could drive the terminal) become spaces, invalid UTF-8 becomes U+FFFD. */
static void put_plain(FILE *out, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        size_t k = izde_utf8_seq(p + i, n - i);
        if (k == 0) {
            fputs("\xEF\xBF\xBD", out);
            i++;
        } else if (k == 1 && (p[i] < 0x20 || p[i] == 0x7F)) {
            putc(' ', out);
            i++;
        } else {
            fwrite(p + i, 1, k, out);
            i += k;
        }
    }
}

void izde_render_text(FILE *out, const char *query, const izde_results *r,
                      int color)
{
    (void)query;
    for (size_t i = 0; i < r->nhits; i++) {
        const izde_hit *h = &r->hits[i];
        const char *date = h->data.date;
        fprintf(out, "%u. %s  ", h->rank, date && *date ? date : "----------");
        const char *title = or_empty(h->data.title);
        if (color)
            fputs("\033[1m", out);
        put_plain(out, title, strlen(title));
        if (color)
            fputs("\033[0m", out);
        fputs("\n   ", out);
        put_plain(out, or_empty(h->data.path), strlen(or_empty(h->data.path)));
        fputc('\n', out);
        if (h->snippet.len) {
            fputs("   ", out);
            for (size_t k = 0; k < h->snippet.nspans; k++) {
                const izde_span *sp = &h->snippet.spans[k];
                if (sp->hit && color)
                    fputs("\033[1m", out);
                put_plain(out, h->snippet.text + sp->start, sp->end - sp->start);
                if (sp->hit && color)
                    fputs("\033[0m", out);
            }
            fputc('\n', out);
        }
    }
    fprintf(out, "%u %s\n", r->total, r->total == 1 ? "match" : "matches");
}

/* A snippet as a JSON string with <mark> around matched words; the text is
 * escaped by the JSON escaper, which also turns < > & into \u escapes, so
 * only our own marks are markup. */
static void json_snippet(FILE *out, const izde_snippet *s)
{
    putc('"', out);
    for (size_t k = 0; k < s->nspans; k++) {
        const izde_span *sp = &s->spans[k];
        if (sp->hit)
            fputs("<mark>", out);
        izde_json_chars(out, s->text + sp->start, sp->end - sp->start);
        if (sp->hit)
            fputs("</mark>", out);
    }
    putc('"', out);
}

void izde_render_json(FILE *out, const char *query, const izde_results *r)
{
    fputs("{\"query\": ", out);
    izde_json_cstr(out, query);
    fprintf(out, ", \"total\": %u, \"offset\": %u, \"hits\": [", r->total, r->offset);
    for (size_t i = 0; i < r->nhits; i++) {
        const izde_hit *h = &r->hits[i];
        const izde_docdata *d = &h->data;
        fprintf(out, "%s{\"rank\": %u, \"id\": ", i ? ", " : "", h->rank);
        izde_json_cstr(out, d->path);
        fputs(", \"path\": ", out);
        izde_json_cstr(out, d->path);
        fputs(", \"title\": ", out);
        izde_json_cstr(out, or_empty(d->title));
        fputs(", \"date\": ", out);
        izde_json_cstr(out, d->date && *d->date ? d->date : NULL);
        fputs(", \"rubric\": ", out);
        izde_json_cstr(out, d->rubric && *d->rubric ? d->rubric : NULL);
        fputs(", \"issue\": ", out);
        izde_json_cstr(out, d->issue && *d->issue ? d->issue : NULL);
        fprintf(out, ", \"score\": %.4f, \"snippet\": ", h->score);
        json_snippet(out, &h->snippet);
        putc('}', out);
    }
    fputs("]}\n", out);
}
