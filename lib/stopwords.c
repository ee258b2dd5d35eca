/* izde — Kyrgyz stopwords: not required in a plain query, kept in the index
 * for phrases.  Reviewed from ../shared/eval/stopword-candidates.tsv: its
 * conjunctions, postpositions, particles, pronouns and auxiliaries; content
 * words that happen to be frequent there (жок, бар, керек, көп, быйыл,
 * эртең …) and the corpus noise (аэропорттон, кызылга …) are left out, since
 * a reader who types them means them.  Sorted (strcmp order) for bsearch. */
#include <stdlib.h>
#include <string.h>

#include "izde/analyzer.h"

static const char *const stopwords[] = {
    "ага", "ал", "алар", "аларды", "алардын", "анан", "анда", "андан",
    "анткени", "аны", "анын", "ар", "арасында", "аркылуу", "б", "беле",
    "бери", "би", "бир", "бирок", "бу", "бул", "бы", "бү", "га", "гана",
    "ге", "го", "да", "дагы", "де", "деле", "деп", "жана", "же", "жөнүндө",
    "карата", "катары", "ким", "мен", "менен", "мени", "менин", "мына",
    "ошол", "сен", "сени", "сенин", "соң", "тарабынан", "тууралуу", "ушул",
    "чейин", "эгер", "эле", "эмес", "эми", "үчүн",
};

static int cmp(const void *key, const void *elem)
{
    return strcmp(key, *(const char *const *)elem);
}

int izde_is_stopword(const char *word, size_t len)
{
    char buf[32];
    if (len >= sizeof buf)
        return 0;
    memcpy(buf, word, len);
    buf[len] = '\0';
    return bsearch(buf, stopwords, sizeof stopwords / sizeof stopwords[0],
                   sizeof stopwords[0], cmp) != NULL;
}
