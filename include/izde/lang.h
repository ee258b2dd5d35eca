/* izde — languages: the codes izde knows and the Kyrgyz/Russian detector.
 *
 * The magazine publishes in Kyrgyz and Russian; English appears only in
 * queries (and in the glossary).  An article is tagged ky or ru: its
 * Cyrillic words are stemmed by that language's stemmer (ours for Kyrgyz,
 * Xapian's for Russian).  Latin-script words are stemmed in English. */
#ifndef IZDE_LANG_H
#define IZDE_LANG_H

#include <stddef.h>

/* A language, or a set of them (a bit mask). */
enum izde_lang {
    IZDE_LANG_KY = 1,
    IZDE_LANG_RU = 2,
    IZDE_LANG_EN = 4,
};

/* "ky", "ru", "en" → the language; 0 for anything else (case-insensitive). */
unsigned izde_lang_from_code(const char *code);
/* The code of one language ("ky", "ru", "en"); "" for a set or 0. */
const char *izde_lang_code(unsigned lang);

/* Kyrgyz or Russian?  Counts the words that carry a Kyrgyz-only letter
 * (ң ө ү) or are frequent Kyrgyz function words (жана, менен, боюнча, …)
 * against the words that are frequent Russian function words (и, в, на,
 * что, для, …), carry щ ъ ё, or end like a Russian adjective or verb (-ых,
 * -ые, -ий, -ой, -ого, -ому, -ться, -ется) in `len` bytes of UTF-8.  Returns IZDE_LANG_RU when the Russian evidence is
 * larger, else IZDE_LANG_KY (the magazine's language: also for text with no
 * evidence either way).  Reads at most the first 64 KiB. */
unsigned izde_detect_lang(const char *text, size_t len);

#endif
