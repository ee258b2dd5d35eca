/* izde — the article model, file reading, and the text-export parser. */
#include "izde/article.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "izde/utf8.h"

void izde_article_init(izde_article *a)
{
    memset(a, 0, sizeof *a);
    memcpy(a->lang, "ky", 3);
}

void izde_article_clear(izde_article *a)
{
    free(a->id);
    free(a->path);
    free(a->title);
    free(a->rubric);
    free(a->issue);
    free(a->capture_issue);
    free(a->author);
    free(a->body);
    izde_article_init(a);
}

int izde_date_valid(const char *s, size_t len)
{
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (len != 10 || s[4] != '-' || s[7] != '-')
        return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return 0;
    int y = atoi(s), m = (s[5] - '0') * 10 + s[6] - '0',
        d = (s[8] - '0') * 10 + s[9] - '0';
    if (y < 1900 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
        return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return !(m == 2 && d == 29 && !leap);
}

/* ---- files --------------------------------------------------------------- */

/* The formats of one article a file, by file name extension: each parses
 * valid UTF-8 into the article. */
typedef izde_status (*text_parser)(const char *buf, size_t len,
                                   izde_article *a, izde_error *err);
static const struct format {
    const char *ext;
    text_parser parse;
} formats[] = {
    {".txt", izde_parse_text_export},
};

static const struct format *format_of(const char *path)
{
    size_t n = strlen(path);
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
        size_t e = strlen(formats[i].ext);
        if (n > e && strcasecmp(path + n - e, formats[i].ext) == 0)
            return &formats[i];
    }
    return NULL;
}

int izde_article_is_supported(const char *path) { return format_of(path) != NULL; }

static izde_status read_all(const char *path, char **out, size_t *out_len,
                            izde_error *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return izde_fail(err, IZDE_ERR_IO, "%s: cannot open: %s", path, strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return izde_fail(err, IZDE_ERR_IO, "%s: not a regular file", path);
    }
    if ((unsigned long long)st.st_size > IZDE_MAX_FILE_SIZE) {
        close(fd);
        return izde_fail(err, IZDE_ERR_FORMAT,
                         "%s: %lld bytes is over the limit of %u bytes", path,
                         (long long)st.st_size, IZDE_MAX_FILE_SIZE);
    }
    size_t cap = (size_t)st.st_size + 1, n = 0;
    char *buf = malloc(cap);
    if (!buf) {
        close(fd);
        return izde_fail(err, IZDE_ERR_NOMEM, "%s: out of memory", path);
    }
    for (;;) {
        ssize_t r = read(fd, buf + n, cap - 1 - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            int e = errno;
            free(buf);
            close(fd);
            return izde_fail(err, IZDE_ERR_IO, "%s: read error: %s", path, strerror(e));
        }
        if (r == 0 || n + (size_t)r == cap - 1) {
            n += (size_t)r;
            break; /* a file that grew meanwhile is read to its old size */
        }
        n += (size_t)r;
    }
    close(fd);
    buf[n] = '\0';
    *out = buf;
    *out_len = n;
    return IZDE_OK;
}

izde_status izde_article_read_file(const char *path, const char *id,
                                   izde_article *a, izde_error *err)
{
    const struct format *fmt = format_of(path);
    if (!fmt)
        return izde_fail(err, IZDE_ERR_FORMAT, "%s: not a format izde reads", path);
    char *raw = NULL;
    size_t len = 0;
    izde_status rc = read_all(path, &raw, &len, err);
    if (rc != IZDE_OK)
        return rc;
    const char *text = raw;
    if (len >= 3 && memcmp(raw, "\xEF\xBB\xBF", 3) == 0) { /* BOM */
        text += 3;
        len -= 3;
    }
    if (len == 0 || memchr(text, '\0', len)) {
        free(raw);
        return izde_fail(err, IZDE_ERR_FORMAT, "%s: %s", path,
                         len == 0 ? "empty file" : "binary file (NUL bytes)");
    }
    size_t fixed_len;
    char *fixed = izde_utf8_repair(text, len, &fixed_len, &a->repaired);
    free(raw);
    if (!fixed)
        return izde_fail(err, IZDE_ERR_NOMEM, "%s: out of memory", path);
    rc = fmt->parse(fixed, fixed_len, a, err);
    free(fixed);
    if (rc != IZDE_OK)
        return rc;
    free(a->id);
    free(a->path);
    a->id = strdup(id);
    a->path = strdup(path);
    if (!a->id || !a->path)
        return izde_fail(err, IZDE_ERR_NOMEM, "%s: out of memory", path);
    if (a->title[0] == '\0' && a->body[0] == '\0')
        return izde_fail(err, IZDE_ERR_FORMAT, "%s: no text", path);
    return IZDE_OK;
}

int izde_read_articles(const char *path, const char *id, izde_article_fn fn,
                       void *ctx, izde_error *err)
{
    izde_article a;
    izde_article_init(&a);
    int rc = izde_article_read_file(path, id, &a, err);
    if (rc == IZDE_OK)
        rc = fn(ctx, &a);
    izde_article_clear(&a);
    return rc;
}
