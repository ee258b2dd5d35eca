/* The analyzer: words, offsets, positions, folding, acronyms, look-alikes,
 * keyboard folding, stopwords, and the terms of a word. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include "izde/analyzer.h"
#include "izde/ky_stem.h"
#include "izde/unichar.h"
#include "test_files.h"

typedef struct seen {
    char words[64][IZDE_WORD_MAX + 1];
    char stems[64][IZDE_WORD_MAX + 1];
    char kbd[64][IZDE_WORD_MAX + 1];
    size_t start[64], end[64];
    unsigned pos[64], flags[64];
    int stop[64];
    const char *text;
    int n;
} seen;

static int record(void *ctx, const izde_token *t)
{
    seen *s = ctx;
    if (s->n == 64)
        return 1;
    izde_terms terms;
    izde_word_terms(t, &terms);
    strcpy(s->words[s->n], t->word);
    strcpy(s->stems[s->n], terms.stem);
    strcpy(s->kbd[s->n], terms.kbd);
    s->stop[s->n] = terms.stopword;
    s->start[s->n] = t->start;
    s->end[s->n] = t->end;
    s->pos[s->n] = t->pos;
    s->flags[s->n] = t->flags;
    s->text = t->text;
    s->n++;
    return 0;
}

static seen *analyze(const char *text, unsigned first, size_t *repaired)
{
    izde_analyzer *a;
    izde_error err;
    ck_assert_int_eq(izde_analyzer_new(&a, &err), IZDE_OK);
    seen *s = calloc(1, sizeof *s);
    int rc = izde_analyze(a, text, strlen(text), first, record, s, repaired, &err);
    ck_assert_int_eq(rc, 0);
    /* The offsets must point at the words in the text they refer to; keep
     * a copy since that text may be the analyzer's. */
    static char copy[4096];
    if (s->text != text) {
        snprintf(copy, sizeof copy, "%s", s->text);
        s->text = copy;
    }
    izde_analyzer_free(a);
    return s;
}

START_TEST(words_offsets_positions)
{
    const char *t = "Бишкек шаарында, 2021-жылдын 25-февралында: ЖӨБ жана КРнын!";
    seen *s = analyze(t, 7, NULL);
    const char *want[] = {"бишкек", "шаарында", "2021", "жылдын", "25",
                          "февралында", "жөб", "жана", "крнын"};
    ck_assert_int_eq(s->n, 9);
    for (int i = 0; i < s->n; i++) {
        ck_assert_str_eq(s->words[i], want[i]);
        ck_assert_uint_eq(s->pos[i], 7u + (unsigned)i);
        ck_assert_ptr_eq(s->text, t); /* valid NFC: offsets into the input */
    }
    ck_assert_int_eq(memcmp(t + s->start[1], "шаарында", strlen("шаарында")), 0);
    ck_assert_uint_eq(s->end[1] - s->start[1], strlen("шаарында"));
    ck_assert_int_eq(memcmp(t + s->start[8], "КРнын", strlen("КРнын")), 0);
    ck_assert_uint_eq(s->flags[2], IZDE_TOK_NUMBER);
    ck_assert_uint_eq(s->flags[6], IZDE_TOK_ACRONYM);
    ck_assert_uint_eq(s->flags[8], IZDE_TOK_ACRONYM);
    ck_assert_uint_eq(s->flags[1], 0);
    free(s);
}
END_TEST

START_TEST(acronyms)
{
    seen *s = analyze("ЖӨБдүн КРнын ГЭСтерди БУУнун ТЕГЕРЕК РЕЗОЛЮЦИЯСЫ Бишкек", 1, NULL);
    /* The same acronyms bare, typed in lower case. */
    seen *bare = analyze("жөб кр гэс буу жоб", 1, NULL);
    ck_assert_int_eq(s->n, 7);
    ck_assert_str_eq(s->words[0], "жөбдүн");
    for (int i = 0; i < 4; i++) {
        ck_assert_uint_eq(s->flags[i], IZDE_TOK_ACRONYM);
        ck_assert_str_eq(s->stems[i], bare->stems[i]);
    }
    ck_assert_uint_eq(s->flags[4], 0);          /* a heading in capitals */
    ck_assert_uint_eq(s->flags[5], 0);
    ck_assert_uint_eq(s->flags[6], 0);
    /* ЖӨБ's keyboard form is that of the acronym typed as жоб. */
    ck_assert_str_eq(s->kbd[0], bare->stems[4]);
    free(s);
    free(bare);
}
END_TEST

START_TEST(lookalikes)
{
    /* cалык with a Latin c; Aдамды with a Latin A; P2P and Bishkek Latin:
     * the code P2P becomes the Cyrillic р2р (see codes_in_either_script),
     * the name stays Latin. */
    seen *s = analyze("c\xd0\xb0лык Aдамды P2P Bishkek", 1, NULL);
    ck_assert_int_eq(s->n, 4);
    ck_assert_str_eq(s->words[0], "салык");
    ck_assert_str_eq(s->words[1], "адамды");
    ck_assert_str_eq(s->words[2], "р2р");
    ck_assert_str_eq(s->words[3], "bishkek");
    free(s);
}
END_TEST

START_TEST(codes_in_either_script)
{
    /* A title's "Р2Р" typed in Cyrillic and the body's "P2P" in Latin are
     * one code, in any case and mixed; so are MP3/МР3 and B2B/В2В. */
    seen *s = analyze("Р2Р P2P p2p Р2P р2p MP3 МР3 mp3 B2B в2в H2O Н2О", 1, NULL);
    const char *want[] = {"р2р", "р2р", "р2р", "р2р", "р2р", "мр3", "мр3",
                          "мр3", "в2в", "в2в", "н2о", "н2о"};
    ck_assert_int_eq(s->n, 12);
    for (int i = 0; i < s->n; i++)
        ck_assert_str_eq(s->words[i], want[i]);
    ck_assert_str_eq(s->stems[0], s->stems[1]);
    free(s);
    /* Without a digit, or with a letter that has no twin, nothing moves:
     * COP is an English word, COVID19 and G20 are Latin codes. */
    s = analyze("COP Hotel COVID19 G20", 1, NULL);
    ck_assert_int_eq(s->n, 4);
    ck_assert_str_eq(s->words[0], "cop");
    ck_assert_str_eq(s->words[1], "hotel");
    ck_assert_str_eq(s->words[2], "covid19");
    ck_assert_str_eq(s->words[3], "g20");
    free(s);
}
END_TEST

START_TEST(footnote_digits)
{
    /* "аймагы1": a footnote mark glued to the word is not part of it; the
     * word is stemmed as a word and its offsets leave the digit out. */
    const char *t = "айыл аймагы1 быйыл, Бишкекте12 жана";
    seen *s = analyze(t, 1, NULL);
    seen *plain = analyze("аймагы Бишкекте", 1, NULL);
    ck_assert_int_eq(s->n, 5);
    ck_assert_str_eq(s->words[1], "аймагы");
    ck_assert_uint_eq(s->flags[1], 0);
    ck_assert_str_eq(s->stems[1], plain->stems[0]);
    ck_assert_uint_eq(s->end[1] - s->start[1], strlen("аймагы"));
    ck_assert_int_eq(memcmp(t + s->start[1], "аймагы", strlen("аймагы")), 0);
    ck_assert_str_eq(s->words[3], "бишкекте");
    ck_assert_str_eq(s->stems[3], plain->stems[1]);
    ck_assert_uint_eq(s->pos[4], 5u); /* no position for the mark */
    free(s);
    free(plain);
    /* Units, short words, codes in capitals, years and three digits keep
     * their digits. */
    s = analyze("м2 км2 сөз1 КамАЗ5320 жылы2021 бети123", 1, NULL);
    const char *want[] = {"м2", "км2", "сөз1", "камаз5320", "жылы2021", "бети123"};
    ck_assert_int_eq(s->n, 6);
    for (int i = 0; i < s->n; i++)
        ck_assert_str_eq(s->words[i], want[i]);
    free(s);
}
END_TEST

START_TEST(nfc_and_repair)
{
    /* й written as и + combining breve, and a stray invalid byte. */
    size_t repaired = 99;
    seen *s = analyze("жаи\xcc\x86 \xff суу", 1, &repaired);
    ck_assert_uint_eq(repaired, 1);
    ck_assert_int_eq(s->n, 2);
    ck_assert_str_eq(s->words[0], "жай");
    ck_assert_str_eq(s->words[1], "суу");
    /* Offsets refer to the normalised copy. */
    ck_assert_int_eq(memcmp(s->text + s->start[1], "суу", strlen("суу")), 0);
    free(s);
}
END_TEST

START_TEST(keyboard)
{
    char out[64];
    ck_assert_uint_eq(izde_keyboard_fold("теңдештирүүчү", strlen("теңдештирүүчү"), out),
                      strlen("тендештируучу"));
    ck_assert_str_eq(out, "тендештируучу");
    izde_keyboard_fold("ӨКМ Үй Ңаа", strlen("ӨКМ Үй Ңаа"), out);
    ck_assert_str_eq(out, "ОКМ Уй Наа");
    izde_keyboard_fold("болот", strlen("болот"), out);
    ck_assert_str_eq(out, "болот");
    seen *s = analyze("көл кол", 1, NULL);
    ck_assert_str_eq(s->kbd[0], "кол"); /* көл has a keyboard form */
    ck_assert_str_eq(s->kbd[1], "");    /* кол has none */
    free(s);
}
END_TEST

/* The analyzer keeps recent Kyrgyz stems: what it answers must be what
 * ky_stem() says, before the cache, the first time a word is seen and
 * every time after. */
typedef struct {
    int words, checked;
} cache_check;

static int check_cached_stem(void *ctx, const izde_token *t)
{
    cache_check *c = ctx;
    izde_terms terms;
    char direct[IZDE_WORD_MAX + 1];
    izde_word_terms(t, &terms);
    c->words++;
    if (t->flags & (IZDE_TOK_NUMBER | IZDE_TOK_ACRONYM) || (unsigned char)t->word[0] < 0x80)
        return 0;
    size_t n = ky_stem(t->word, t->len, direct, IZDE_WORD_MAX);
    direct[n] = '\0';
    ck_assert_str_eq(terms.stem, direct);
    c->checked++;
    return 0;
}

START_TEST(stem_cache)
{
    FILE *f = fopen("corpus/seed/000_68d1a355e32fe76a.txt", "rb");
    ck_assert_ptr_nonnull(f);
    static char text[1 << 16];
    size_t len = fread(text, 1, sizeof text, f);
    fclose(f);
    izde_analyzer *a;
    izde_error err;
    ck_assert_int_eq(izde_analyzer_new(&a, &err), IZDE_OK);
    izde_analyzer_set_langs(a, IZDE_LANG_KY);
    cache_check c = {0, 0};
    /* The cache starts after 20 000 words (analyzer.c): the seed's ~750 a
     * pass, 60 times, are half before and half through it. */
    for (int pass = 0; pass < 60; pass++)
        ck_assert_int_eq(izde_analyze(a, text, len, 1, check_cached_stem, &c, NULL, &err), 0);
    ck_assert_int_gt(c.checked, 2 * 20000);
    izde_analyzer_free(a);
}
END_TEST

START_TEST(stopwords)
{
    seen *s = analyze("Жана менен үчүн бюджет", 1, NULL);
    ck_assert_int_eq(s->stop[0], 1);
    ck_assert_int_eq(s->stop[1], 1);
    ck_assert_int_eq(s->stop[2], 1);
    ck_assert_int_eq(s->stop[3], 0);
    free(s);
    ck_assert(!izde_is_stopword("жанабы", strlen("жанабы")));
    ck_assert(!izde_is_stopword("", 0));
}
END_TEST

START_TEST(long_words)
{
    /* A 300-letter word cannot be a term: skipped, positions go on. */
    char text[1024];
    memset(text, 'a', 300);
    strcpy(text + 300, " суу");
    seen *s = analyze(text, 1, NULL);
    ck_assert_int_eq(s->n, 1);
    ck_assert_str_eq(s->words[0], "суу");
    free(s);
    /* A 100-letter Kyrgyz word (200 bytes) is kept whole. */
    char word[256] = "";
    for (int i = 0; i < 100; i++)
        strcat(word, "ү");
    s = analyze(word, 1, NULL);
    ck_assert_int_eq(s->n, 1);
    ck_assert_uint_eq(strlen(s->words[0]), 200);
    free(s);
}
END_TEST

/* ICU's case folding of `w` (UTF-16) in UTF-8. */
static void icu_fold(const UChar *w, int32_t n, char *out, size_t cap)
{
    UChar f[64];
    UErrorCode st = U_ZERO_ERROR;
    int32_t fn = u_strFoldCase(f, 64, w, n, U_FOLD_CASE_DEFAULT, &st), n8 = 0;
    u_strToUTF8(out, (int32_t)cap, &n8, f, fn, &st);
    ck_assert(U_SUCCESS(st));
}

START_TEST(folding_without_icu)
{
    /* The analyzer folds the letters of ASCII, Latin-1 and the Cyrillic
     * block by itself (but ß and µ): each such letter or digit, alone,
     * doubled and (a letter) after a lower-case letter of its script, folds
     * as ICU folds it; so does a word with another letter, which goes to
     * ICU (ǅ, Ǆ). */
    UChar cps[512];
    size_t n = 0;
    for (UChar c = 0x20; c < 0x100; c++)
        cps[n++] = c;
    for (UChar c = 0x400; c < 0x500; c++)
        cps[n++] = c;
    static const UChar more[] = {0x1C5, 0x1C4};
    for (size_t i = 0; i < sizeof more / sizeof more[0]; i++)
        cps[n++] = more[i];
    size_t letters = 0;
    for (size_t i = 0; i < n; i++) {
        if (!u_isalnum(cps[i]))
            continue;
        const UChar forms[3][2] = {{cps[i]}, {cps[i], cps[i]},
                                   {cps[i] < 0x400 ? 'a' : 0x430, cps[i]}};
        for (int f = 0; f < (u_isalpha(cps[i]) ? 3 : 2); f++) {
            int32_t len = f == 0 ? 1 : 2, n8 = 0;
            char text[16], want[16];
            UErrorCode st = U_ZERO_ERROR;
            u_strToUTF8(text, sizeof text, &n8, forms[f], len, &st);
            icu_fold(forms[f], len, want, sizeof want);
            seen *s = analyze(text, 1, NULL);
            ck_assert_msg(s->n == 1, "U+%04X: %d words", cps[i], s->n);
            ck_assert_msg(strcmp(s->words[0], want) == 0, "U+%04X form %d: %s, ICU %s",
                          cps[i], f, s->words[0], want);
            free(s);
        }
        letters++;
    }
    /* ASCII's 62 letters and digits, Latin-1's 65 letters and ² ³ ¹ (not
     * alnum), the Cyrillic block's 248 letters, ǅ Ǆ. */
    ck_assert_uint_eq(letters, 62 + 65 + 248 + 2);
}
END_TEST

START_TEST(longest_word)
{
    /* A term is under IZDE_WORD_MAX (240) bytes, whichever way its word is
     * folded: by the analyzer (a, ж) or by ICU (a word with é or ӂ). */
    static const struct { const char *first, *rest; size_t n; int kept; } c[] = {
        {"a", "a", 238, 1}, {"a", "a", 239, 0}, {"é", "a", 237, 1}, {"é", "a", 238, 0},
        {"ж", "ж", 118, 1}, {"ж", "ж", 119, 0}, {"ӂ", "ж", 118, 1}, {"ӂ", "ж", 119, 0},
        {"A", "a", 238, 1}, {"A", "a", 239, 0}, {"Ж", "ж", 118, 1}, {"Ж", "ж", 119, 0},
        {"Ө", "ж", 118, 1}, {"Ө", "ж", 119, 0}, {"1", "2", 238, 1}, {"1", "2", 239, 0},
    };
    for (size_t k = 0; k < sizeof c / sizeof c[0]; k++) {
        char text[1024];
        strcpy(text, c[k].first);
        for (size_t i = 0; i < c[k].n; i++)
            strcat(text, c[k].rest);
        seen *s = analyze(text, 1, NULL);
        ck_assert_msg(s->n == c[k].kept, "%s + %zu × %s: %d words", c[k].first, c[k].n,
                      c[k].rest, s->n);
        if (s->n)
            ck_assert_uint_eq(strlen(s->words[0]), strlen(text));
        free(s);
    }
}
END_TEST

START_TEST(fold_string)
{
    char out[64];
    ck_assert_uint_eq(izde_fold_string("Көңүл Чордонунда", strlen("Көңүл Чордонунда"),
                                       out, sizeof out), strlen("көңүл чордонунда"));
    ck_assert_str_eq(out, "көңүл чордонунда");
    ck_assert_uint_eq(izde_fold_string("Көңүл", strlen("Көңүл"), out, 4), 0);
}
END_TEST

/* ---- izde's word rules against ICU's iterator ------------------------------ */

typedef struct tokens {
    char *s;
    size_t n, cap;
} tokens;

/* Everything a token tells its caller, one line each. */
static int write_token(void *ctx, const izde_token *t)
{
    tokens *b = ctx;
    char line[IZDE_WORD_MAX + 128];
    int n = snprintf(line, sizeof line, "%zu-%zu @%u f%u a%zu %s\n", t->start, t->end, t->pos,
                     t->flags, t->acronym_len, t->word);
    if (b->n + (size_t)n + 1 > b->cap) {
        b->cap = 2 * (b->n + (size_t)n + 1);
        b->s = realloc(b->s, b->cap);
        ck_assert_ptr_nonnull(b->s);
    }
    memcpy(b->s + b->n, line, (size_t)n + 1);
    b->n += (size_t)n;
    return 0;
}

/* Whether izde knows every character of the text (its own rules split it). */
static int known_text(const char *s, size_t len)
{
    for (int32_t i = 0, n = (int32_t)len; i < n;) {
        UChar32 c;
        U8_NEXT(s, i, n, c);
        if (c < 0 || izde_uc_wb((uint32_t)c) == IZDE_WB_ICU)
            return 0;
    }
    return 1;
}

typedef struct two_ways {
    izde_analyzer *own, *icu;
    tokens a, b;
    size_t texts, known, words, bad;
} two_ways;

/* Splits the text both ways; a difference is printed (the first 10). */
static void compare_ways(two_ways *w, const char *text, size_t len, unsigned first)
{
    w->a.n = w->b.n = 0;
    ck_assert_int_eq(izde_analyze(w->own, text, len, first, write_token, &w->a, NULL, NULL), 0);
    ck_assert_int_eq(izde_analyze(w->icu, text, len, first, write_token, &w->b, NULL, NULL), 0);
    w->texts++;
    w->known += known_text(text, len);
    for (size_t i = 0; i < w->a.n; i++)
        w->words += w->a.s[i] == '\n';
    if ((w->a.n != w->b.n || (w->a.n && memcmp(w->a.s, w->b.s, w->a.n) != 0)) && w->bad++ < 10)
        fprintf(stderr, "text «%.*s»:\n izde:\n%.*s ICU:\n%.*s", (int)len, text, (int)w->a.n,
                w->a.n ? w->a.s : "", (int)w->b.n, w->b.n ? w->b.s : "");
}

static void open_ways(two_ways *w)
{
    memset(w, 0, sizeof *w);
    ck_assert_int_eq(izde_analyzer_new(&w->own, NULL), IZDE_OK);
    ck_assert_int_eq(izde_analyzer_new(&w->icu, NULL), IZDE_OK);
    izde_analyzer_always_icu(w->icu, 1);
}

static void close_ways(two_ways *w)
{
    ck_assert_msg(w->bad == 0, "%zu of %zu texts split unlike ICU (the first 10 above)", w->bad,
                  w->texts);
    izde_analyzer_free(w->own);
    izde_analyzer_free(w->icu);
    free(w->a.s);
    free(w->b.s);
}

START_TEST(own_rules_are_icus_on_kyrgyz_text)
{
    /* Every line of ../shared/kyrgyz-text (its news and sentences): the
     * same words, offsets, positions and flags by izde's rules as by ICU's
     * iterator; nearly every line is split by izde's own. */
    size_t len, files;
    char *text = test_kyrgyz_text(&len, &files);
    if (!text)
        return;
    two_ways w;
    open_ways(&w);
    for (char *line = text, *end; *line; line = end + 1) {
        end = strchr(line, '\n');
        compare_ways(&w, line, (size_t)(end - line), (unsigned)(line - text) % 1000);
    }
    fprintf(stderr, "analyzer: %zu lines of kyrgyz-text (%zu words), %zu by izde's own rules\n",
            w.texts, w.words, w.known);
    ck_assert_uint_gt(w.words, 300000);
    ck_assert_uint_gt(w.known * 10, w.texts * 9);
    close_ways(&w);
    free(text);
}
END_TEST

START_TEST(own_rules_are_icus_letter_by_letter)
{
    /* Each letter and digit izde knows under U+0500 (the analyzer takes
     * small letters of one script, digits, and a capital before small
     * letters of its script without its full way) at the start, middle and
     * end of words of small letters, capitals and digits of both scripts. */
    static const char *const around[][2] = {
        {"", ""}, {"", "ар"}, {"", "ab"}, {"", "ңүө"}, {"", "12"}, {"", "Ар"}, {"", "АР"},
        {"ар", ""}, {"ab", ""}, {"Ар", ""}, {"12", ""}, {"ар", "ар"}, {"Ab", "ab"},
        {"Ар", "ар"}, {"А", ""}, {"A", ""}, {"1", "1"}, {"ар", ".ар"}, {"ар.", ""},
    };
    two_ways w;
    open_ways(&w);
    for (UChar32 c = 0; c < 0x500; c++) {
        if (!izde_uc_isalnum(c) || izde_uc_wb((uint32_t)c) == IZDE_WB_ICU)
            continue;
        char ch[8];
        int32_t n = 0;
        U8_APPEND_UNSAFE(ch, n, c);
        ch[n] = '\0';
        for (size_t k = 0; k < sizeof around / sizeof around[0]; k++) {
            char text[64];
            int len = snprintf(text, sizeof text, "%s%s%s %s%s%s", around[k][0], ch,
                               around[k][1], around[k][0], ch, around[k][1]);
            compare_ways(&w, text, (size_t)len, (unsigned)c);
        }
    }
    ck_assert_uint_eq(w.known, w.texts);
    ck_assert_uint_gt(w.texts, 350 * 19);
    close_ways(&w);
}
END_TEST

START_TEST(own_rules_are_icus_at_every_offset)
{
    /* A character izde leaves to ICU, or bytes that are not UTF-8, at each
     * offset of a text (the analyzer reads known text sixteen bytes at a
     * time), and the text cut at each offset: ICU splits all of those. */
    static const char base[] = "Бишкек шаарындагы ЖӨБдүн 2021-жылы «Ала-Тоо» аянтында: "
                               "ҮЙ-БҮЛӨ, мектеп; cалык — 12,5 % (Ѡѡ) word’s end";
    static const char *const odd[] = {
        "\x80", "\xBF", "\xD0", "\xD1", "\xD0 ", "\xD0\xD0", "\xC0\x80", "\xC1\xBF",
        "\xC2\xAD", "\xCC\x81", "\xD2\x83", "\xD4\x80", "\xE2\x80\x8D", "\xE2\x80",
        "\xE3\x80\x80", "\xED\xA0\x80", "\xF0\x9F\x98\x80", "\xFF", "\xE2\x8C\xA9",
    };
    const size_t n = sizeof base - 1;
    two_ways w;
    open_ways(&w);
    for (size_t p = 0; p <= n; p++) {
        compare_ways(&w, base, p, (unsigned)p);
        for (size_t k = 0; k < sizeof odd / sizeof odd[0]; k++) {
            char text[sizeof base + 8];
            size_t ol = strlen(odd[k]);
            memcpy(text, base, p);
            memcpy(text + p, odd[k], ol);
            memcpy(text + p + ol, base + p, n - p);
            compare_ways(&w, text, n + ol, (unsigned)k);
        }
    }
    ck_assert_uint_gt(w.known, n / 2);
    close_ways(&w);
}
END_TEST

START_TEST(own_rules_are_icus_on_random_text)
{
    /* Random strings of the characters the rules turn on: letters of each
     * script and case, digits, each joiner, _, spaces and other
     * punctuation, symbols, and some izde leaves to ICU (é is known, a
     * combining accent is not, nor 〈 or the circled ⓐ). */
    static const char *const pieces[] = {
        "a", "Z", "б", "Ң", "ө", "Ӏ", "ӏ", "À", "é", "ß", "µ", "ª", "1", "0", ".", ",", ";",
        ":", "'", "’", "‘", "․", "_", "‿", "⁄", "·", "‧", " ", "\n", "\r", "\t", "-", "—",
        "«", "\"", "@", "№", "҂", "×", "©", "\xC2\xA0", "\xCC\x81", "\xD2\x83", "\xE2\x80\x8D",
        "−", "→", "∑", "⚠", "✓", "⠀", "\xE2\x8C\xA9" /* 〈: NFC makes it U+3008 */, "ⓐ",
    };
    const size_t np = sizeof pieces / sizeof pieces[0];
    two_ways w;
    open_ways(&w);
    unsigned long long x = 88172645463325252ull; /* xorshift64: the same strings every run */
    for (int k = 0; k < 60000; k++) {
        char text[128];
        size_t n = 0;
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        int len = 1 + (int)(x % 14);
        for (int i = 0; i < len; i++) {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            /* Letters and digits half of the time: runs to join. */
            size_t p = x % 2 ? (x >> 8) % 14 : (x >> 8) % np;
            size_t pl = strlen(pieces[p]);
            memcpy(text + n, pieces[p], pl);
            n += pl;
        }
        text[n] = '\0';
        compare_ways(&w, text, n, (unsigned)k);
    }
    ck_assert_uint_gt(w.known, 30000);
    close_ways(&w);
}
END_TEST

Suite *analyzer_suite(void)
{
    Suite *s = suite_create("analyzer");
    TCase *tc = tcase_create("words");
    tcase_set_timeout(tc, 120); /* ICU against izde over 4 MB, under the sanitizers */
    tcase_add_test(tc, words_offsets_positions);
    tcase_add_test(tc, acronyms);
    tcase_add_test(tc, lookalikes);
    tcase_add_test(tc, codes_in_either_script);
    tcase_add_test(tc, footnote_digits);
    tcase_add_test(tc, nfc_and_repair);
    tcase_add_test(tc, keyboard);
    tcase_add_test(tc, stopwords);
    tcase_add_test(tc, stem_cache);
    tcase_add_test(tc, long_words);
    tcase_add_test(tc, folding_without_icu);
    tcase_add_test(tc, longest_word);
    tcase_add_test(tc, fold_string);
    tcase_add_test(tc, own_rules_are_icus_on_kyrgyz_text);
    tcase_add_test(tc, own_rules_are_icus_letter_by_letter);
    tcase_add_test(tc, own_rules_are_icus_at_every_offset);
    tcase_add_test(tc, own_rules_are_icus_on_random_text);
    suite_add_tcase(s, tc);
    return s;
}
