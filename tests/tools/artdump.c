/* artdump FILE...: reads each file as izde-index would and prints the
 * article's fields and warnings (for tests and for looking at a parse). */
#include <stdio.h>

#include "izde/article.h"

static int dump(void *ctx, izde_article *a)
{
    (void)ctx;
    printf("id: %s\ntitle: %s\ndate: %s\nrubric: %s\nauthor: %s\nissue: %s\nlang: %s\n", a->id,
           a->title, a->date, a->rubric ? a->rubric : "(none)", a->author ? a->author : "(none)",
           a->issue ? a->issue : "(none)", a->lang);
    if (a->pages) /* a printed issue's page */
        printf("pages: %s\n", a->pages);
    printf("warnings:\n%sbody:\n%s\n", a->warnings ? a->warnings : "", a->body);
    return 0;
}

int main(int argc, char **argv)
{
    int rc = 0;
    for (int i = 1; i < argc; i++) {
        izde_error err;
        if (izde_read_articles(argv[i], argv[i], dump, NULL, &err) < 0) {
            fprintf(stderr, "artdump: %s\n", err.msg);
            rc = 1;
        }
    }
    return rc;
}
