/* izde — the configuration file of the CGI. */
#include "izde/config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "izde/utf8.h"

#define DEFAULT_CACHE 300u

/* `name` relative to the folder of `base` (unless absolute); malloc()ed. */
static char *resolve(const char *base, const char *name)
{
    const char *slash = strrchr(base, '/');
    if (name[0] == '/' || !slash)
        return strdup(name);
    size_t dir = (size_t)(slash - base) + 1, n = strlen(name);
    char *p = malloc(dir + n + 1);
    if (p) {
        memcpy(p, base, dir);
        memcpy(p + dir, name, n + 1);
    }
    return p;
}

/* Reads a whole (small, UTF-8) file into a malloc()ed string. */
static izde_status slurp(const char *path, char **out, izde_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return izde_fail(err, IZDE_ERR_IO, "%s: %s", path, strerror(errno));
    /* Sized by the file (a CGI reads it on every request), one byte more to
     * see a file that grew past the limit meanwhile. */
    struct stat st;
    size_t cap = fstat(fileno(f), &st) == 0 && st.st_size >= 0 &&
                 (unsigned long long)st.st_size < IZDE_CONFIG_MAX_FILE
                     ? (size_t)st.st_size + 1 : IZDE_CONFIG_MAX_FILE + 1;
    char *buf = malloc(cap + 1);
    size_t n = buf ? fread(buf, 1, cap, f) : 0;
    int bad = ferror(f);
    fclose(f);
    if (!buf)
        return izde_fail(err, IZDE_ERR_NOMEM, "out of memory");
    if (bad || n == cap || izde_utf8_invalid(buf, n) || memchr(buf, 0, n)) {
        free(buf);
        return izde_fail(err, bad ? IZDE_ERR_IO : IZDE_ERR_FORMAT, "%s: %s", path,
                         bad ? "read error" : n == cap ? "larger than 1 MB, or growing"
                                                      : "not UTF-8 text");
    }
    buf[n] = '\0';
    *out = buf;
    return IZDE_OK;
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        s[--n] = '\0';
    return s;
}

/* A site path or an http(s) URL: not "//host" (another site by any scheme),
 * nor javascript: or data: links. */
static int url_pattern_ok(const char *u)
{
    return (u[0] == '/' && u[1] != '/') || !strncmp(u, "http://", 7) || !strncmp(u, "https://", 8);
}

/* One "key = value" line. */
static izde_status setting(const char *path, const char *key, const char *val,
                           izde_config *c, unsigned lineno, izde_error *err)
{
    char **file = NULL;
    if (!strcmp(key, "db")) {
        if (c->ndbs == IZDE_CONFIG_MAX_DBS)
            return izde_fail(err, IZDE_ERR_FORMAT, "%s:%u: at most %d databases", path,
                             lineno, IZDE_CONFIG_MAX_DBS);
        if (!(c->dbs[c->ndbs] = resolve(path, val)))
            return izde_fail(err, IZDE_ERR_NOMEM, "out of memory");
        c->ndbs++;
        return IZDE_OK;
    }
    if (!strcmp(key, "url") || !strcmp(key, "css_url") || !strcmp(key, "pdf_url")) {
        if (!url_pattern_ok(val))
            return izde_fail(err, IZDE_ERR_FORMAT,
                             "%s:%u: %s must start with /, http:// or https:// (not //)", path,
                             lineno, key);
        char **dst = key[0] == 'u' ? &c->url : key[0] == 'p' ? &c->pdf_url : &c->css_url;
        free(*dst);
        return (*dst = strdup(val)) ? IZDE_OK : izde_fail(err, IZDE_ERR_NOMEM, "out of memory");
    }
    if (!strcmp(key, "cache")) {
        char *end;
        errno = 0;
        unsigned long v = strtoul(val, &end, 10);
        if (errno || *end || !*val || *val == '-' || v > 31536000)
            return izde_fail(err, IZDE_ERR_FORMAT,
                             "%s:%u: cache must be seconds (0 to 31536000)", path, lineno);
        c->cache_seconds = (unsigned)v;
        return IZDE_OK;
    }
    if (!strcmp(key, "allow_partial")) {
        int yes = !strcmp(val, "yes"), no = !strcmp(val, "no");
        if (!yes && !no)
            return izde_fail(err, IZDE_ERR_FORMAT, "%s:%u: allow_partial must be yes or no",
                             path, lineno);
        c->allow_partial = yes;
        return IZDE_OK;
    }
    if (!strcmp(key, "template"))
        file = &c->template_text;
    else if (!strcmp(key, "css"))
        file = &c->css_text;
    else
        return izde_fail(err, IZDE_ERR_FORMAT,
                         "%s:%u: unknown setting '%.40s' (db, url, pdf_url, template, css, "
                         "css_url, cache, allow_partial)", path, lineno, key);
    char *full = resolve(path, val);
    if (!full)
        return izde_fail(err, IZDE_ERR_NOMEM, "out of memory");
    free(*file);
    *file = NULL;
    izde_status rc = slurp(full, file, err);
    free(full);
    return rc;
}

izde_status izde_config_load(const char *path, izde_config *out, izde_error *err)
{
    memset(out, 0, sizeof *out);
    out->cache_seconds = DEFAULT_CACHE;
    char *text;
    izde_status rc = slurp(path, &text, err);
    if (rc != IZDE_OK)
        return rc;
    unsigned lineno = 0;
    for (char *line = text, *next; line && rc == IZDE_OK; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        lineno++;
        char *s = trim(line);
        if (!*s || *s == '#')
            continue;
        char *eq = strchr(s, '=');
        if (!eq) {
            rc = izde_fail(err, IZDE_ERR_FORMAT, "%s:%u: expected 'key = value'", path, lineno);
            break;
        }
        *eq = '\0';
        char *key = trim(s), *val = trim(eq + 1);
        if (!*val)
            rc = izde_fail(err, IZDE_ERR_FORMAT, "%s:%u: '%.40s' has no value", path, lineno, key);
        else
            rc = setting(path, key, val, out, lineno, err);
    }
    free(text);
    if (rc == IZDE_OK && out->ndbs == 0)
        rc = izde_fail(err, IZDE_ERR_FORMAT, "%s: no database (db = PATH)", path);
    if (rc != IZDE_OK)
        izde_config_free(out);
    return rc;
}

void izde_config_free(izde_config *c)
{
    for (size_t i = 0; i < c->ndbs; i++)
        free(c->dbs[i]);
    free(c->url);
    free(c->pdf_url);
    free(c->template_text);
    free(c->css_text);
    free(c->css_url);
    memset(c, 0, sizeof *c);
}
