/* Transliteration (lib/translit.c) against ICU's transliterators with the
 * rules izde used before: the same output on the words of data/glossary.tsv,
 * on the words of ../shared/kyrgyz-text (when it is there), on every
 * character of Unicode's first two planes, alone and between letters, and
 * on random words made of what the rules look at; the words where izde
 * differs on purpose are listed below, and they, only they, differ. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/utf8.h>
#include <unicode/utrans.h>
#include <unicode/ustring.h>

#include "izde/analyzer.h"
#include "izde/translit.h"
#include "test_files.h"

static const char *const icu_rules[3] = {
    "::NFC; ::Lower; j > ж; ö > ө; ü > ү; ::Latin-Russian/BGN;",
    "::Lower; ::Kirghiz-Latin/BGN; ::Latin-ASCII; ['ʹ] > ;",
    "::Lower; ::Russian-Latin/BGN; ::Latin-ASCII; ['ʹ·] > ;",
};
static UTransliterator *icu[3];

static void open_icu(void)
{
    for (int i = 0; i < 3; i++) {
        UChar rules[256], id[] = {'t', 0};
        int32_t n = 0;
        UErrorCode st = U_ZERO_ERROR;
        UParseError pe;
        u_strFromUTF8(rules, 256, &n, icu_rules[i], -1, &st);
        icu[i] = utrans_openU(id, -1, UTRANS_FORWARD, rules, n, &pe, &st);
        ck_assert_msg(U_SUCCESS(st), "ICU: %s", u_errorName(st));
    }
}

static void close_icu(void)
{
    for (int i = 0; i < 3; i++)
        utrans_close(icu[i]);
}

/* What the old izde_translit returned: ICU's output, "" when it failed. */
static const char *icu_translit(const char *w, size_t len, unsigned which)
{
    static char out[4 * IZDE_WORD_MAX];
    UChar buf[4 * IZDE_WORD_MAX + 8];
    int32_t n = 0, limit, n8 = 0;
    UErrorCode st = U_ZERO_ERROR;
    out[0] = '\0';
    u_strFromUTF8(buf, IZDE_WORD_MAX + 1, &n, w, (int32_t)len, &st);
    if (U_FAILURE(st))
        return out;
    limit = n;
    utrans_transUChars(icu[which], buf, &n, (int32_t)(sizeof buf / sizeof buf[0]), 0, &limit, &st);
    if (U_SUCCESS(st))
        u_strToUTF8(out, (int32_t)sizeof out - 1, &n8, buf, n, &st);
    out[U_SUCCESS(st) ? n8 : 0] = '\0';
    return out;
}

static const char *izde(const char *w, size_t len, unsigned which)
{
    static char out[4 * IZDE_WORD_MAX];
    if (!izde_translit(w, len, which, out, sizeof out))
        out[0] = '\0';
    return out;
}

/* ---- where izde differs on purpose ------------------------------------------ */

/* Latin "yo" after a consonant is ё: Fyodor, Pyotr, Semyon are the English
 * spellings of Фёдор, Пётр, Семён; ICU's Latin-Russian/BGN has no "yo" and
 * reads y after a consonant as ы (фыодор), which no Russian word has.  The
 * words of ../shared/kyrgyz-text it changes are Japanese and Korean names,
 * where neither is the Russian spelling (Токио, СсангЙонг). */
#define YO "yo after a consonant is ё (ICU: ы + о)"
static const struct { const char *word; unsigned which; const char *want, *why; } differ[] = {
    {"Fyodor", 0, "фёдор", YO},
    {"Pyotr", 0, "пётр", YO},
    {"Semyonov", 0, "семёнов", YO},
    {"ARTYOM", 0, "артём", YO},
    {"Khrushchyov", 0, "хрущёв", YO},
    /* in ../shared/kyrgyz-text, as written and folded */
    {"Tokyo", 0, "токё", YO " (ICU: токыо; Russian: Токио)"},
    {"tokyo", 0, "токё", YO},
    {"SsangYong", 0, "ссангёнг", YO " (ICU: ссангыонг; Russian: СсангЙонг)"},
    {"ssangyong", 0, "ссангёнг", YO},
};

static int listed(const char *w, unsigned which)
{
    for (size_t i = 0; i < sizeof differ / sizeof differ[0]; i++)
        if (differ[i].which == which && strcmp(differ[i].word, w) == 0)
            return 1;
    return 0;
}

START_TEST(listed_words_differ)
{
    open_icu();
    for (size_t i = 0; i < sizeof differ / sizeof differ[0]; i++) {
        const char *w = differ[i].word;
        char mine[4 * IZDE_WORD_MAX];
        snprintf(mine, sizeof mine, "%s", izde(w, strlen(w), differ[i].which));
        ck_assert_msg(strcmp(mine, differ[i].want) == 0, "%s: %s, want %s", w, mine,
                      differ[i].want);
        ck_assert_msg(strcmp(mine, icu_translit(w, strlen(w), differ[i].which)) != 0,
                      "%s: ICU agrees (%s): not a difference (%s)", w, mine, differ[i].why);
    }
    /* Where ICU is right, izde is too: yo at a word's start, after a vowel. */
    ck_assert_str_eq(izde("York", 4, 0), "йорк");
    ck_assert_str_eq(izde("Mayor", 5, 0), "майор");
    close_icu();
}
END_TEST

/* ---- words ----------------------------------------------------------------- */

/* A set of distinct words (open addressing; the words are kept). */
typedef struct {
    char **v;
    size_t cap, n;
} wordset;

static unsigned long hash(const char *s, size_t n)
{
    unsigned long h = 1469598103934665603UL;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211UL;
    return h;
}

static void add_word(wordset *ws, const char *w, size_t n)
{
    if (n == 0 || n > IZDE_WORD_MAX)
        return;
    if (2 * (ws->n + 1) > ws->cap) {
        wordset bigger = {calloc(ws->cap ? 2 * ws->cap : 1024, sizeof(char *)),
                          ws->cap ? 2 * ws->cap : 1024, 0};
        ck_assert_ptr_nonnull(bigger.v);
        for (size_t i = 0; i < ws->cap; i++)
            if (ws->v[i]) {
                size_t j = hash(ws->v[i], strlen(ws->v[i])) & (bigger.cap - 1);
                while (bigger.v[j])
                    j = (j + 1) & (bigger.cap - 1);
                bigger.v[j] = ws->v[i];
                bigger.n++;
            }
        free(ws->v);
        *ws = bigger;
    }
    size_t j = hash(w, n) & (ws->cap - 1);
    for (; ws->v[j]; j = (j + 1) & (ws->cap - 1))
        if (strlen(ws->v[j]) == n && memcmp(ws->v[j], w, n) == 0)
            return;
    ws->v[j] = strndup(w, n);
    ck_assert_ptr_nonnull(ws->v[j]);
    ws->n++;
}

static void free_words(wordset *ws)
{
    for (size_t i = 0; i < ws->cap; i++)
        free(ws->v[i]);
    free(ws->v);
}

/* Each word of a text as written (capitals and all) and as the query side
 * gives it to izde_translit (folded). */
static int collect(void *ctx, const izde_token *t)
{
    add_word(ctx, t->text + t->start, t->end - t->start);
    add_word(ctx, t->word, t->len);
    return 0;
}

static void add_text(wordset *ws, izde_analyzer *an, char *text, size_t len)
{
    /* JSON's escapes are not letters of the word after them (\nБишкек). */
    for (size_t i = 0; i + 1 < len; i++)
        if (text[i] == '\\' && strchr("nt\"\\/", text[i + 1]))
            text[i] = text[i + 1] = ' ';
    ck_assert_int_eq(izde_analyze(an, text, len, 0, collect, ws, NULL, NULL), 0);
}

/* Every word in all three directions: izde's output is ICU's, or the word
 * is listed.  Returns how many words were compared. */
static size_t compare_words(const wordset *ws, const char *what)
{
    size_t compared = 0, bad = 0;
    for (size_t i = 0; i < ws->cap; i++) {
        const char *w = ws->v[i];
        if (!w)
            continue;
        compared++;
        for (unsigned which = 0; which < 3; which++) {
            char want[4 * IZDE_WORD_MAX];
            snprintf(want, sizeof want, "%s", icu_translit(w, strlen(w), which));
            const char *got = izde(w, strlen(w), which);
            if (strcmp(got, want) != 0 && !listed(w, which) && bad++ < 20)
                fprintf(stderr, "%s: %s in direction %u: izde %s, ICU %s\n", what, w, which,
                        got, want);
        }
    }
    ck_assert_msg(bad == 0, "%s: %zu disagreements with ICU (the first 20 above)", what, bad);
    return compared;
}

static const char *top(void)
{
    const char *t = getenv("IZDE_TOP");
    return t ? t : ".";
}

START_TEST(glossary_words)
{
    char path[1024];
    size_t len;
    snprintf(path, sizeof path, "%s/data/glossary.tsv", top());
    char *text = test_slurp(path, &len);
    ck_assert_msg(text != NULL, "%s", path);
    /* The comment lines are English and Kyrgyz prose: words too. */
    wordset ws = {0};
    izde_analyzer *an;
    ck_assert_int_eq(izde_analyzer_new(&an, NULL), IZDE_OK);
    add_text(&ws, an, text, len);
    open_icu();
    size_t n = compare_words(&ws, "glossary.tsv");
    ck_assert_uint_gt(n, 2000);
    close_icu();
    izde_analyzer_free(an);
    free_words(&ws);
    free(text);
}
END_TEST

/* The real Kyrgyz text of ../shared (read here, never copied into the
 * repository): its distinct words, Kyrgyz and Russian names and the Latin
 * ones of its sources. */
START_TEST(kyrgyz_text_words)
{
    size_t len, found;
    char *text = test_kyrgyz_text(&len, &found);
    if (!text)
        return;
    wordset ws = {0};
    izde_analyzer *an;
    ck_assert_int_eq(izde_analyzer_new(&an, NULL), IZDE_OK);
    add_text(&ws, an, text, len);
    izde_analyzer_free(an);
    free(text);
    open_icu();
    size_t n = compare_words(&ws, "kyrgyz-text");
    ck_assert_uint_gt(n, 1000 * found); /* the files were read */
    close_icu();
    free_words(&ws);
}
END_TEST

/* ---- every character ------------------------------------------------------- */

/* Each code point of planes 0 and 1 alone and in words that put it where
 * the rules look at a neighbour: after a Latin letter (accents go), before
 * e and after a (word start), between Cyrillic е (ye after a vowel), before
 * y and a consonant. */
START_TEST(every_character)
{
    static const char *const frame[][2] = {{"", ""}, {"a", "e"}, {"\u0435", "\u0435"}, {"", "yk"}};
    open_icu();
    size_t bad = 0;
    for (UChar32 c = 0; c < 0x20000; c++) {
        if (U_IS_SURROGATE(c) || c == 0)
            continue;
        for (size_t f = 0; f < sizeof frame / sizeof frame[0]; f++) {
            char w[32];
            size_t n = strlen(frame[f][0]);
            memcpy(w, frame[f][0], n);
            U8_APPEND_UNSAFE(w, n, c);
            memcpy(w + n, frame[f][1], strlen(frame[f][1]));
            n += strlen(frame[f][1]);
            for (unsigned which = 0; which < 3; which++) {
                char want[4 * IZDE_WORD_MAX];
                snprintf(want, sizeof want, "%s", icu_translit(w, n, which));
                const char *got = izde(w, n, which);
                if (strcmp(got, want) != 0 && bad++ < 20)
                    fprintf(stderr, "U+%04X in \"%.*s\", direction %u: izde \"%s\", ICU \"%s\"\n",
                            (unsigned)c, (int)n, w, which, got, want);
            }
        }
    }
    ck_assert_msg(bad == 0, "%zu disagreements with ICU (the first 20 above)", bad);
    close_icu();
}
END_TEST

/* Words of up to 8 pieces drawn from what the rules look at: the letters of
 * the digraphs and the contexts (sh·ch, yy, word-initial e and y, е after a
 * vowel or a sign, нг, й and ё that Kirghiz-Latin decomposes), the signs and
 * their primes, the dot, accents that come and go, capitals, letters ICU
 * lower-cases by context (Σ) or into two characters (İ).  A fixed sequence:
 * a failure repeats.  "yo" is izde's own (listed above), so not here. */
static unsigned long long xorshift(unsigned long long *x)
{
    *x ^= *x << 13;
    *x ^= *x >> 7;
    *x ^= *x << 17;
    return *x;
}

START_TEST(random_words)
{
    static const char *const piece[] = {
        "a", "e", "i", "o", "u", "y", "k", "h", "t", "s", "c", "z", "j", "n", "g", "b",
        "ë", "ö", "ü", "·", "ʹ", "ʺ", "'", "-", "1", "A", "E", "Y", "SH", "é", "\u0301",
        "а", "е", "ё", "и", "о", "у", "ы", "э", "ю", "я", "й", "ъ", "ь", "т", "с", "ш",
        "ч", "н", "г", "ж", "ң", "ө", "ү", "Е", "Ё", "Ы", "Э", "Й", "Ъ", "х", "ц", "щ",
        "\u0308", "\u0306", "і", "ß", "İ", "Σ",
    };
    const size_t np = sizeof piece / sizeof piece[0];
    unsigned long long x = 88172645463325252ULL;
    size_t bad = 0;
    open_icu();
    for (int k = 0; k < 100000; k++) {
        char w[8 * 4 + 1];
        size_t n = 0, len = 1 + xorshift(&x) % 8;
        for (size_t j = 0; j < len; j++) {
            const char *p = piece[(xorshift(&x) >> 11) % np];
            memcpy(w + n, p, strlen(p));
            n += strlen(p);
        }
        w[n] = '\0';
        for (unsigned which = 0; which < 3; which++) {
            if (which == 0 && (strstr(w, "yo") || strstr(w, "Yo") || strstr(w, "yO") ||
                               strstr(w, "YO")))
                continue;
            char want[4 * IZDE_WORD_MAX];
            snprintf(want, sizeof want, "%s", icu_translit(w, n, which));
            const char *got = izde(w, n, which);
            if (strcmp(got, want) != 0 && bad++ < 20)
                fprintf(stderr, "\"%s\", direction %u: izde \"%s\", ICU \"%s\"\n", w, which,
                        got, want);
        }
    }
    ck_assert_msg(bad == 0, "%zu disagreements with ICU (the first 20 above)", bad);
    close_icu();
}
END_TEST

/* ---- the contract ---------------------------------------------------------- */

START_TEST(contract)
{
    char out[64];
    ck_assert_uint_eq(izde_translit("Bishkek", 7, 0, out, sizeof out), strlen("бишкек"));
    ck_assert_str_eq(out, "бишкек");
    ck_assert_uint_eq(izde_translit("Bishkek", 7, 0, out, strlen("бишкек") + 1), strlen("бишкек"));
    ck_assert_uint_eq(izde_translit("Bishkek", 7, 0, out, strlen("бишкек")), 0); /* no room for NUL */
    ck_assert_uint_eq(izde_translit("x", 1, 3, out, sizeof out), 0);
    ck_assert_uint_eq(izde_translit("\xd0", 1, 1, out, sizeof out), 0); /* not UTF-8 */
    ck_assert_uint_eq(izde_translit("x", 1, 0, out, 0), 0);
    char big[IZDE_WORD_MAX + 2];
    memset(big, 'a', sizeof big);
    ck_assert_uint_eq(izde_translit(big, IZDE_WORD_MAX + 1, 0, out, sizeof out), 0);
    /* BGN/PCGN's contexts, in capitals too. */
    ck_assert_str_eq(izde("ЕЛЬЦИН", strlen("ЕЛЬЦИН"), 2), "yeltsin");
    ck_assert_str_eq(izde("Подъезд", strlen("Подъезд"), 2), "pod\"yezd");
    ck_assert_str_eq(izde("Жаңы-Жол", strlen("Жаңы-Жол"), 1), "jangy-jol");
    ck_assert_str_eq(izde("SHCHUKIN", 8, 0), "щукин");
    ck_assert_str_eq(izde("Ekaterinburg", 12, 0), "экатеринбург");
    ck_assert_str_eq(izde("Krasnyy", 7, 0), "красный");
    ck_assert_str_eq(izde("Özgür", strlen("Özgür"), 0), "өзгүр");
    ck_assert_str_eq(izde("Élysée", strlen("Élysée"), 1), "elysee");
}
END_TEST

Suite *translit_suite(void)
{
    Suite *s = suite_create("translit");
    TCase *tc = tcase_create("translit");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, contract);
    tcase_add_test(tc, listed_words_differ);
    tcase_add_test(tc, glossary_words);
    tcase_add_test(tc, kyrgyz_text_words);
    tcase_add_test(tc, every_character);
    tcase_add_test(tc, random_words);
    suite_add_tcase(s, tc);
    return s;
}
