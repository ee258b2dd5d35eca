/* izde-issue-read — reads files as izde-index does (izde_read_articles:
 * for an issue XML, the streaming, validating reader), without a database
 * (bench, not a test).  Prints "articles bytes" (the bytes of titles and
 * bodies handed over); exit 1 if a file failed.
 *
 *   izde-issue-read FILE... */
#include <stdio.h>
#include <string.h>

#include "izde/article.h"

typedef struct count {
    unsigned long long articles, bytes;
} count;

static int add(void *ctx, izde_article *a)
{
    count *c = ctx;
    c->articles++;
    c->bytes += strlen(a->title) + strlen(a->body);
    return 0;
}

int main(int argc, char **argv)
{
    count c = {0, 0};
    int rc = 0;
    for (int i = 1; i < argc; i++) {
        izde_error err;
        if (izde_read_articles(argv[i], argv[i], add, &c, &err) < 0) {
            fprintf(stderr, "izde-issue-read: %s\n", err.msg);
            rc = 1;
        }
    }
    printf("%llu %llu\n", c.articles, c.bytes);
    return rc;
}
