/* izde — the parameters of a CGI search request. */
#include "izde/cgi.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "izde/url.h"
#include "izde/utf8.h"

#define RUBRIC_MAX 200u

static izde_status bad(izde_error *err, const char *fmt, const char *name)
{
    return izde_fail(err, IZDE_ERR_USAGE, fmt, name);
}

/* A decimal number 1..max, or 0. */
static unsigned number(const char *v, unsigned max)
{
    unsigned long n = 0;
    if (!*v || strlen(v) > 9 || strspn(v, "0123456789") != strlen(v))
        return 0;
    n = strtoul(v, NULL, 10);
    return n <= max ? (unsigned)n : 0;
}

/* YYYY, YYYY-MM or YYYY-MM-DD by shape; the calendar is checked by the
 * search (a bad day is IZDE_ERR_USAGE there). */
static int date_shape(const char *v)
{
    static const char *const shapes[] = {"dddd", "dddd-dd", "dddd-dd-dd"};
    for (size_t s = 0; s < 3; s++) {
        size_t n = strlen(shapes[s]), i = 0;
        if (strlen(v) != n)
            continue;
        while (i < n && (shapes[s][i] == 'd' ? v[i] >= '0' && v[i] <= '9' : v[i] == '-'))
            i++;
        if (i == n)
            return 1;
    }
    return 0;
}

static izde_status take(izde_cgi_params *p, const char *name, char *v, izde_error *err)
{
    char **slot = NULL;
    if (!strcmp(name, "q")) {
        if (*p->q) /* the first counts */
            return IZDE_OK;
        if (strlen(v) > IZDE_CGI_QUERY_MAX)
            return izde_fail(err, IZDE_ERR_USAGE,
                             "Сурам өтө узун: %u байттан ашпашы керек.", IZDE_CGI_QUERY_MAX);
        slot = &p->q;
    } else if (!strcmp(name, "from") || !strcmp(name, "to")) {
        if (!date_shape(v))
            return bad(err, "«%s» параметри туура эмес: ЖЖЖЖ, ЖЖЖЖ-АА же ЖЖЖЖ-АА-КК "
                       "түрүндөгү дата күтүлөт.", name);
        slot = name[0] == 'f' ? &p->from : &p->to;
    } else if (!strcmp(name, "rubric")) {
        if (strlen(v) > RUBRIC_MAX)
            return bad(err, "«%s» параметри өтө узун.", name);
        slot = &p->rubric;
    } else if (!strcmp(name, "year")) {
        if (strlen(v) != 4 || strspn(v, "0123456789") != 4)
            return bad(err, "«%s» параметри туура эмес: ЖЖЖЖ түрүндөгү жыл күтүлөт.", name);
        slot = &p->year;
    }
    if (slot) {
        if (*slot && **slot)
            return IZDE_OK;
        free(*slot);
        *slot = strdup(v);
        return *slot ? IZDE_OK : izde_fail(err, IZDE_ERR_NOMEM, "out of memory");
    }
    return IZDE_OK;
}

/* The small parameters, kept as flags and numbers; `seen` makes the first
 * of repeated ones count. */
static izde_status take_flag(izde_cgi_params *p, const char *name, const char *v,
                             unsigned *seen, izde_error *err)
{
    static const char *const names[] = {"page", "n", "sort", "format", "facets", "expand"};
    const size_t nnames = sizeof names / sizeof names[0];
    size_t k = 0;
    while (k < nnames && strcmp(name, names[k]))
        k++;
    if (k == nnames || (*seen & (1u << k)))
        return IZDE_OK;
    *seen |= 1u << k;
    switch (k) {
    case 0:
        if (!(p->page = number(v, 999999)))
            return bad(err, "«%s» параметри туура эмес: 1, 2, 3… бет номери күтүлөт.", name);
        break;
    case 1:
        if (!(p->n = number(v, IZDE_CGI_PER_PAGE_MAX)))
            return izde_fail(err, IZDE_ERR_USAGE,
                             "«n» параметри туура эмес: 1 … %u аралыгындагы сан күтүлөт.",
                             IZDE_CGI_PER_PAGE_MAX);
        break;
    case 2:
        if (strcmp(v, "relevance") && strcmp(v, "date"))
            return bad(err, "«%s» параметри туура эмес: relevance же date күтүлөт.", name);
        p->sort_date = v[0] == 'd';
        break;
    case 3:
        if (strcmp(v, "html") && strcmp(v, "json"))
            return bad(err, "«%s» параметри туура эмес: html же json күтүлөт.", name);
        p->json = v[0] == 'j';
        break;
    case 4:
        if (strcmp(v, "0") && strcmp(v, "1"))
            return bad(err, "«%s» параметри туура эмес: 0 же 1 күтүлөт.", name);
        p->facets = v[0] == '1';
        break;
    case 5:
        if (strcmp(v, "0") && strcmp(v, "1"))
            return bad(err, "«%s» параметри туура эмес: 0 же 1 күтүлөт.", name);
        p->no_expand = v[0] == '0';
        break;
    }
    return IZDE_OK;
}

/* Decodes s[0..n) and checks that it is text. */
static izde_status decode(const char *s, size_t n, char **out, izde_error *err)
{
    size_t len;
    if (izde_url_decode(s, n, out, &len, NULL) != IZDE_OK)
        return izde_fail(err, IZDE_ERR_USAGE,
                         "Даректеги %%-коддоо туура эмес (%% белгисинен кийин эки "
                         "он алтылык цифра болушу керек).");
    if (!*out)
        return izde_fail(err, IZDE_ERR_NOMEM, "out of memory");
    if (memchr(*out, '\0', len) || izde_utf8_invalid(*out, len)) {
        free(*out);
        *out = NULL;
        return izde_fail(err, IZDE_ERR_USAGE,
                         "Сурамда туура эмес белгилер бар: текст UTF-8 коддоосунда "
                         "болушу керек.");
    }
    return IZDE_OK;
}

izde_status izde_cgi_parse(const char *qs, izde_cgi_params *out, izde_error *err)
{
    memset(out, 0, sizeof *out);
    out->page = 1;
    out->n = 10;
    if (!(out->q = strdup("")))
        return izde_fail(err, IZDE_ERR_NOMEM, "out of memory");
    if (!qs)
        qs = "";
    if (strlen(qs) > IZDE_CGI_QUERY_STRING_MAX)
        return izde_fail(err, IZDE_ERR_USAGE, "Дарек өтө узун: параметрлер %u байттан ашпашы керек.",
                         IZDE_CGI_QUERY_STRING_MAX);
    izde_status rc = IZDE_OK;
    unsigned seen = 0;
    for (const char *s = qs; *s && rc == IZDE_OK;) {
        size_t n = strcspn(s, "&;");
        const char *eq = memchr(s, '=', n);
        size_t nlen = eq ? (size_t)(eq - s) : n;
        char *name = NULL, *val = NULL;
        if (n && (rc = decode(s, nlen, &name, err)) == IZDE_OK &&
            (rc = decode(eq ? eq + 1 : "", eq ? n - nlen - 1 : 0, &val, err)) == IZDE_OK &&
            *val) {
            rc = take(out, name, val, err);
            if (rc == IZDE_OK)
                rc = take_flag(out, name, val, &seen, err);
        }
        free(name);
        free(val);
        s += n + (s[n] != '\0');
    }
    if (rc == IZDE_OK && (unsigned long)out->page * out->n > IZDE_CGI_HITS_MAX)
        rc = izde_fail(err, IZDE_ERR_USAGE,
                       "Бет өтө алыс: алгачкы %u натыйжа гана көрсөтүлөт. Сурамды "
                       "тактап көрүңүз.", IZDE_CGI_HITS_MAX);
    return rc;
}

void izde_cgi_params_free(izde_cgi_params *p)
{
    free(p->q);
    free(p->from);
    free(p->to);
    free(p->rubric);
    free(p->year);
    memset(p, 0, sizeof *p);
}
