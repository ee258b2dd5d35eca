/* Files the unit tests read: the repository's (IZDE_TOP, default ".") and
 * the real Kyrgyz text of ../shared (IZDE_SHARED), read where it is and
 * never copied into the repository. */
#ifndef IZDE_TEST_FILES_H
#define IZDE_TEST_FILES_H

#include <stddef.h>

/* The whole file, NUL-terminated (malloc'd), or NULL if it cannot be read. */
char *test_slurp(const char *path, size_t *len);

/* ../shared/kyrgyz-text's news, sentences and summaries (its .jsonl and
 * .txt files), one after another with a newline between; *files is how many
 * were found (0: ../shared is missing, and NULL is returned). */
char *test_kyrgyz_text(size_t *len, size_t *files);

#endif
