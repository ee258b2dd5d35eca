/* izde — text, JSON, JSON-lines and CSV renderers. */
#include "izde/render.h"

#include <string.h>

#include "izde/csv.h"
#include "izde/json.h"
#include "izde/utf8.h"

static const char *const field_names[] = {"rank", "id", "path", "title",
                                          "date", "rubric", "issue", "page",
                                          "pages", "author", "lang", "score",
                                          "snippet"};
#define NFIELDS (sizeof field_names / sizeof field_names[0])

izde_status izde_fields_parse(const char *list, unsigned *mask,
                              unsigned *order, size_t *norder, izde_error *err)
{
    *mask = 0;
    *norder = 0;
    for (const char *p = list; *p;) {
        size_t n = strcspn(p, ",");
        size_t f = 0;
        while (f < NFIELDS && !(strlen(field_names[f]) == n && !memcmp(p, field_names[f], n)))
            f++;
        if (f == NFIELDS)
            return izde_fail(err, IZDE_ERR_USAGE,
                             "--fields: unknown field '%.*s' (fields: rank, id, path, title, "
                             "date, rubric, issue, page, pages, author, lang, score, "
                             "snippet)", (int)n, p);
        if (!(*mask & (1u << f)) && *norder < 16) {
            *mask |= 1u << f;
            order[(*norder)++] = 1u << f;
        }
        p += n + (p[n] == ',');
    }
    if (!*mask)
        return izde_fail(err, IZDE_ERR_USAGE, "--fields: no field given");
    return IZDE_OK;
}

void izde_render_defaults(izde_render_opts *o)
{
    memset(o, 0, sizeof *o);
    for (size_t f = 0; f < NFIELDS; f++)
        if (IZDE_F_DEFAULT & (1u << f))
            o->order[o->norder++] = 1u << f;
}

static const char *field_name(unsigned bit)
{
    for (size_t f = 0; f < NFIELDS; f++)
        if (bit == 1u << f)
            return field_names[f];
    return "";
}

/* The string value of a field of a hit, NULL when unknown. */
static const char *hit_string(const izde_hit *h, unsigned bit)
{
    const izde_docdata *d = &h->data;
    const char *v = NULL;
    switch (bit) {
    case IZDE_F_ID: case IZDE_F_PATH: v = d->path; break;
    case IZDE_F_TITLE: v = d->title; break; /* null when the page has none */
    case IZDE_F_DATE: v = d->date; break;
    case IZDE_F_RUBRIC: v = d->rubric; break;
    case IZDE_F_ISSUE: v = d->issue; break;
    case IZDE_F_PAGES: v = d->pages; break;
    case IZDE_F_AUTHOR: v = d->author; break;
    case IZDE_F_LANG: v = d->lang; break;
    }
    return v && *v ? v : NULL;
}

/* ---- text ------------------------------------------------------------------- */

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

static void put_plain_str(FILE *out, const char *s)
{
    if (s)
        put_plain(out, s, strlen(s));
}

static void text_facets(FILE *out, const char *name, const izde_facet *f, size_t n)
{
    if (!n)
        return;
    fprintf(out, "%s:\n", name);
    for (size_t i = 0; i < n; i++) {
        fprintf(out, "  %6u  ", f[i].count);
        put_plain_str(out, f[i].value);
        fputc('\n', out);
    }
}

void izde_render_text(FILE *out, const char *query, const izde_results *r,
                      const izde_render_opts *o)
{
    (void)query;
    for (size_t i = 0; i < r->nhits; i++) {
        const izde_hit *h = &r->hits[i];
        const char *date = hit_string(h, IZDE_F_DATE);
        fprintf(out, "%u. %s  ", h->rank, date ? date : "----------");
        fputs(o->color ? "\033[1m" : "", out);
        put_plain_str(out, hit_string(h, IZDE_F_TITLE));
        fputs(o->color ? "\033[0m" : "", out);
        const char *rubric = hit_string(h, IZDE_F_RUBRIC);
        if (rubric) {
            fputs(" / ", out);
            put_plain_str(out, rubric);
        }
        fputs("\n   ", out);
        put_plain_str(out, hit_string(h, IZDE_F_PATH));
        char cite[128];
        if (izde_docdata_cite(&h->data, cite, sizeof cite)) {
            fputs("  ", out);
            put_plain_str(out, cite);
        }
        fputc('\n', out);
        if (h->snippet.len) {
            fputs("   ", out);
            for (size_t k = 0; k < h->snippet.nspans; k++) {
                const izde_span *sp = &h->snippet.spans[k];
                fputs(sp->hit && o->color ? "\033[1m" : "", out);
                put_plain(out, h->snippet.text + sp->start, sp->end - sp->start);
                fputs(sp->hit && o->color ? "\033[0m" : "", out);
            }
            fputc('\n', out);
        }
    }
    fprintf(out, "%u %s\n", r->total, r->total == 1 ? "match" : "matches");
    if (r->suggestion) {
        fputs("Did you mean: ", out);
        put_plain_str(out, r->suggestion);
        fputc('\n', out);
    }
    text_facets(out, "Years", r->years, r->nyears);
    text_facets(out, "Rubrics", r->rubrics, r->nrubrics);
}

/* ---- JSON --------------------------------------------------------------------- */

/* A snippet as a JSON string with <mark> around matched words; the text is
 * escaped by the JSON escaper, which also turns < > & into \u escapes, so
 * only our own marks are markup. */
static void json_snippet(FILE *out, const izde_snippet *s)
{
    putc('"', out);
    for (size_t k = 0; k < s->nspans; k++) {
        const izde_span *sp = &s->spans[k];
        fputs(sp->hit ? "<mark>" : "", out);
        izde_json_chars(out, s->text + sp->start, sp->end - sp->start);
        fputs(sp->hit ? "</mark>" : "", out);
    }
    putc('"', out);
}

static void json_hit(FILE *out, const izde_hit *h, const izde_render_opts *o)
{
    putc('{', out);
    for (size_t i = 0; i < o->norder; i++) {
        unsigned bit = o->order[i];
        fputs(i ? ", \"" : "\"", out);
        fputs(field_name(bit), out);
        fputs("\": ", out);
        if (bit == IZDE_F_RANK)
            fprintf(out, "%u", h->rank);
        else if (bit == IZDE_F_SCORE)
            fprintf(out, "%.4f", h->score);
        else if (bit == IZDE_F_SNIPPET)
            json_snippet(out, &h->snippet);
        else if (bit == IZDE_F_PAGE && izde_docdata_page(&h->data))
            fprintf(out, "%u", izde_docdata_page(&h->data));
        else
            izde_json_cstr(out, hit_string(h, bit));
    }
    putc('}', out);
}

static void json_facets(FILE *out, const char *name, const izde_facet *f, size_t n)
{
    fprintf(out, "\"%s\": {", name);
    for (size_t i = 0; i < n; i++) {
        fputs(i ? ", " : "", out);
        izde_json_cstr(out, f[i].value);
        fprintf(out, ": %u", f[i].count);
    }
    putc('}', out);
}

void izde_render_json(FILE *out, const char *query, const izde_results *r,
                      const izde_render_opts *o)
{
    fputs("{\"query\": ", out);
    izde_json_cstr(out, query);
    fprintf(out, ", \"total\": %u, \"offset\": %u, \"suggestion\": ", r->total, r->offset);
    izde_json_cstr(out, r->suggestion);
    if (r->years || r->rubrics) {
        fputs(", \"facets\": {", out);
        json_facets(out, "year", r->years, r->nyears);
        fputs(", ", out);
        json_facets(out, "rubric", r->rubrics, r->nrubrics);
        putc('}', out);
    }
    fputs(", \"hits\": [", out);
    for (size_t i = 0; i < r->nhits; i++) {
        fputs(i ? ", " : "", out);
        json_hit(out, &r->hits[i], o);
    }
    fputs("]}\n", out);
}

void izde_render_jsonl(FILE *out, const izde_results *r, const izde_render_opts *o)
{
    for (size_t i = 0; i < r->nhits; i++) {
        json_hit(out, &r->hits[i], o);
        putc('\n', out);
    }
}

/* ---- CSV ---------------------------------------------------------------------- */

void izde_render_csv(FILE *out, const izde_results *r, const izde_render_opts *o)
{
    for (size_t i = 0; i < o->norder; i++)
        fprintf(out, "%s%s", i ? "," : "", field_name(o->order[i]));
    fputs("\r\n", out);
    for (size_t k = 0; k < r->nhits; k++) {
        const izde_hit *h = &r->hits[k];
        for (size_t i = 0; i < o->norder; i++) {
            unsigned bit = o->order[i];
            fputs(i ? "," : "", out);
            if (bit == IZDE_F_RANK)
                fprintf(out, "%u", h->rank);
            else if (bit == IZDE_F_SCORE)
                fprintf(out, "%.4f", h->score);
            else if (bit == IZDE_F_PAGE && izde_docdata_page(&h->data))
                fprintf(out, "%u", izde_docdata_page(&h->data));
            else if (bit == IZDE_F_SNIPPET)
                izde_csv_field(out, h->snippet.text ? h->snippet.text : "", h->snippet.len);
            else {
                const char *v = hit_string(h, bit);
                izde_csv_field(out, v ? v : "", v ? strlen(v) : 0);
            }
        }
        fputs("\r\n", out);
    }
}
