/* kystem — runs the Kyrgyz stemmer over words, one per line on stdin, and
 * writes "word<TAB>stem" lines (the input of score_stemmer.py).
 * Input is expected lower-case already, as in ky-lemmas.tsv. */
#include <stdio.h>
#include <string.h>

#include "izde/ky_stem.h"

int main(void)
{
    char line[4096];
    char stem[4096];

    while (fgets(line, sizeof line, stdin)) {
        size_t len = strcspn(line, "\r\n");
        line[len] = '\0';
        if (len == 0)
            continue;
        size_t n = ky_stem(line, len, stem, sizeof stem);
        fwrite(line, 1, len, stdout);
        putchar('\t');
        fwrite(stem, 1, n, stdout);
        putchar('\n');
    }
    return ferror(stdout) ? 1 : 0;
}
