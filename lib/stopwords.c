/* izde — stopwords: not required in a plain query, kept in the index for
 * phrases.  Kyrgyz ones, and the Russian and English function words that a
 * cross-language query (--lang-expand) carries.  Kyrgyz:  Reviewed from ../shared/eval/stopword-candidates.tsv: its
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

/* Russian: prepositions, conjunctions, particles, pronouns, forms of быть;
 * от and из are Kyrgyz words too ("fire, grass", "trace"), but a stopword
 * is only optional, not ignored; left out он ("ten" in Kyrgyz, and rare in
 * queries).  бы, да, же are in the Kyrgyz list. */
static const char *const ru_stopwords[] = {
    "а", "без", "более", "был", "была", "были", "было", "быть", "в", "во",
    "вот", "все", "всех", "где", "для", "до", "его", "ее", "если", "есть",
    "еще", "за", "и", "из", "или", "им", "их", "к", "как", "когда", "кто", "ли",
    "между", "мы", "на", "над", "не", "нет", "ни", "но", "о", "об", "однако",
    "она", "они", "от", "по", "под", "при", "с", "со", "так", "также", "то",
    "того", "только", "том", "у", "уже", "чем", "что", "чтобы", "эти", "этих",
    "это", "этого", "этой", "этом",
};

static const char *const en_stopwords[] = {
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "how",
    "in", "is", "it", "of", "on", "or", "the", "to", "what", "which", "with",
};

static int cmp(const void *key, const void *elem)
{
    return strcmp(key, *(const char *const *)elem);
}

#define IN(list) (bsearch(buf, list, sizeof list / sizeof list[0], sizeof list[0], cmp) != NULL)

unsigned izde_stopword_langs(const char *word, size_t len)
{
    char buf[32];
    if (len >= sizeof buf)
        return 0;
    memcpy(buf, word, len);
    buf[len] = '\0';
    return (IN(stopwords) ? IZDE_LANG_KY : 0) | (IN(ru_stopwords) ? IZDE_LANG_RU : 0) |
           (IN(en_stopwords) ? IZDE_LANG_EN : 0);
}

int izde_is_stopword(const char *word, size_t len)
{
    return izde_stopword_langs(word, len) != 0;
}
