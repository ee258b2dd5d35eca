/* Files the unit tests read (test_files.h). */
#include "test_files.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *test_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t cap = 0, n = 0, r;
    do {
        if (n == cap) {
            cap = cap ? 2 * cap : 1 << 16;
            buf = realloc(buf, cap + 1);
            ck_assert_ptr_nonnull(buf);
        }
        r = fread(buf + n, 1, cap - n, f);
        n += r;
    } while (r > 0);
    fclose(f);
    buf[n] = '\0';
    *len = n;
    return buf;
}

char *test_kyrgyz_text(size_t *len, size_t *files)
{
    static const char *const names[] = {
        "24kg-topics/24kg_topics_test.jsonl", "24kg-topics/24kg_topics_train.jsonl",
        "kyrgyz-news-summarization/news_summ.jsonl", "ntrex128-kir/ntrex_kir_docs.jsonl",
        "sib200-kir/sib200_kir_Cyrl.jsonl", "ud-kyrgyz-ktmu/ud_ktmu_sentences.jsonl",
        "xwmt-ky/xwmt_test_ky.txt",
    };
    const char *shared = getenv("IZDE_SHARED"), *top = getenv("IZDE_TOP");
    char dir[1024], path[1200];
    if (shared)
        snprintf(dir, sizeof dir, "%s/kyrgyz-text/raw", shared);
    else
        snprintf(dir, sizeof dir, "%s/../shared/kyrgyz-text/raw", top ? top : ".");
    char *all = NULL;
    size_t n = 0;
    *files = 0;
    for (size_t f = 0; f < sizeof names / sizeof names[0]; f++) {
        size_t flen;
        snprintf(path, sizeof path, "%s/%s", dir, names[f]);
        char *text = test_slurp(path, &flen);
        if (!text)
            continue;
        all = realloc(all, n + flen + 2);
        ck_assert_ptr_nonnull(all);
        memcpy(all + n, text, flen);
        n += flen;
        all[n++] = '\n';
        all[n] = '\0';
        free(text);
        (*files)++;
    }
    if (*files == 0)
        fprintf(stderr, "%s missing: its texts are not compared\n", dir);
    *len = n;
    return all;
}
