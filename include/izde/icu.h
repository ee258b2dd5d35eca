/* izde — ICU, loaded when a text first needs it.
 *
 * Nearly every text of the archive and every query is made of characters
 * izde knows without ICU (see unichar.h), and linking libicuuc costs every
 * process about a millisecond before main(): mapping and relocating the
 * library and its data.  The query side (izde-search, izde.cgi) therefore
 * reaches ICU only through this table, which izde_icu() fills by dlopen()
 * the first time a text needs ICU (a letter outside the known ranges, a
 * combining mark, invalid UTF-8).  The indexer's readers (encodings, text
 * repair) call ICU directly: a program that links them loads it anyway.
 */
#ifndef IZDE_ICU_H
#define IZDE_ICU_H

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>

/* X(return type, function, parameters): the ICU functions the table holds.
 * The names are ICU's own; ICU's headers give them their version suffix
 * (ubrk_open → ubrk_open_72), which is the name looked up. */
#define IZDE_ICU_FUNCTIONS(X)                                                        \
    X(const char *, u_errorName, (UErrorCode))                                       \
    X(UBreakIterator *, ubrk_open,                                                   \
      (UBreakIteratorType, const char *, const UChar *, int32_t, UErrorCode *))      \
    X(void, ubrk_close, (UBreakIterator *))                                          \
    X(void, ubrk_setText, (UBreakIterator *, const UChar *, int32_t, UErrorCode *))  \
    X(int32_t, ubrk_first, (UBreakIterator *))                                       \
    X(int32_t, ubrk_next, (UBreakIterator *))                                        \
    X(int32_t, ubrk_getRuleStatus, (UBreakIterator *))                               \
    X(const UNormalizer2 *, unorm2_getNFCInstance, (UErrorCode *))                   \
    X(const UNormalizer2 *, unorm2_getNFDInstance, (UErrorCode *))                   \
    X(UBool, unorm2_isNormalized,                                                    \
      (const UNormalizer2 *, const UChar *, int32_t, UErrorCode *))                  \
    X(int32_t, unorm2_normalize,                                                     \
      (const UNormalizer2 *, const UChar *, int32_t, UChar *, int32_t, UErrorCode *)) \
    X(UChar *, u_strFromUTF8,                                                        \
      (UChar *, int32_t, int32_t *, const char *, int32_t, UErrorCode *))            \
    X(UChar *, u_strFromUTF8WithSub,                                                 \
      (UChar *, int32_t, int32_t *, const char *, int32_t, UChar32, int32_t *,       \
       UErrorCode *))                                                                \
    X(char *, u_strToUTF8,                                                           \
      (char *, int32_t, int32_t *, const UChar *, int32_t, UErrorCode *))            \
    X(int32_t, u_strFoldCase,                                                        \
      (UChar *, int32_t, const UChar *, int32_t, uint32_t, UErrorCode *))            \
    X(int32_t, u_strToLower,                                                         \
      (UChar *, int32_t, const UChar *, int32_t, const char *, UErrorCode *))        \
    X(UBool, u_isalpha, (UChar32))                                                   \
    X(UBool, u_isalnum, (UChar32))                                                   \
    X(UBool, u_islower, (UChar32))                                                   \
    X(UBool, u_isupper, (UChar32))                                                   \
    X(UBool, u_isULowercase, (UChar32))                                              \
    X(UBool, u_isUUppercase, (UChar32))                                              \
    X(UChar32, u_tolower, (UChar32))                                                 \
    X(int8_t, u_charType, (UChar32))                                                 \
    X(UScriptCode, uscript_getScript, (UChar32, UErrorCode *))

#define IZDE_ICU_MEMBER(ret, name, params) ret(*name) params;
typedef struct izde_icu_api {
    IZDE_ICU_FUNCTIONS(IZDE_ICU_MEMBER)
} izde_icu_api;
#undef IZDE_ICU_MEMBER

/* The table, loaded on the first call (thread-safe); NULL if libicuuc
 * cannot be loaded, and then izde_icu_error() says why, naming it. */
const izde_icu_api *izde_icu(void);
const char *izde_icu_error(void);

#endif
