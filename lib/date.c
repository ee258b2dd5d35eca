/* izde — dates written in text: "2024-02-13", "13.02.2024",
 * "13 Февраль 2024", "31 Января 2024", "5 Жалган куран 2021". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "izde/analyzer.h"
#include "izde/article.h"

/* Here rather than in article.c: the query language checks dates too, and
 * whatever links the query side (izde-search, izde.cgi) would otherwise pull
 * in the article readers and with them libxml2 (a CGI loads it on every
 * request). */
int izde_date_valid(const char *s, size_t len)
{
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (len != 10 || s[4] != '-' || s[7] != '-')
        return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return 0;
    int y = atoi(s), m = (s[5] - '0') * 10 + s[6] - '0',
        d = (s[8] - '0') * 10 + s[9] - '0';
    if (y < 1900 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
        return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return !(m == 2 && d == 29 && !leap);
}

/* Case-folded month names: Russian nominative and genitive (the site writes
 * "13 Февраль 2024" in its Kyrgyz pages and "31 Января 2024" in Russian
 * ones), the Kyrgyz names, and the Kyrgyz genitive-like "февралы". */
static const char *const months[12][5] = {
    {"январь", "января", "үчтүн айы", "январы", NULL},
    {"февраль", "февраля", "бирдин айы", "февралы", NULL},
    {"март", "марта", "жалган куран", "марты", NULL},
    {"апрель", "апреля", "чын куран", "апрели", NULL},
    {"май", "мая", "бугу", "майы", NULL},
    {"июнь", "июня", "кулжа", "июну", NULL},
    {"июль", "июля", "теке", "июлу", NULL},
    {"август", "августа", "баш оона", "августу", NULL},
    {"сентябрь", "сентября", "аяк оона", "сентябры", NULL},
    {"октябрь", "октября", "тогуздун айы", "октябры", NULL},
    {"ноябрь", "ноября", "жетинин айы", "ноябры", NULL},
    {"декабрь", "декабря", "бештин айы", "декабры", NULL},
};

static int month_of(const char *w, size_t n)
{
    char f[64];
    size_t fl = izde_fold_string(w, n, f, sizeof f);
    if (fl == 0)
        return 0;
    for (int m = 0; m < 12; m++)
        for (int k = 0; months[m][k]; k++)
            if (strlen(months[m][k]) == fl && memcmp(months[m][k], f, fl) == 0)
                return m + 1;
    return 0;
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* Spaces (ASCII or no-break) at s[i..): returns the index after them. */
static size_t skip_spaces(const char *s, size_t len, size_t i)
{
    for (;;) {
        if (i < len && (s[i] == ' ' || s[i] == '\t'))
            i++;
        else if (i + 1 < len && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA0)
            i += 2;
        else
            return i;
    }
}

/* A word: bytes up to a space, digit or ASCII punctuation. */
static size_t word_end(const char *s, size_t len, size_t i)
{
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        if (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] == 0xA0)
            break;
        if (c < 0x80 && !((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
            break;
        i++;
    }
    return i;
}

static size_t finish(const char *s, size_t len, size_t end, int y, int m, int d,
                     char out[11])
{
    if (end < len && is_digit(s[end]))
        return 0;
    char buf[16];
    snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    if (!izde_date_valid(buf, 10))
        return 0;
    memcpy(out, buf, 11);
    return end;
}

static int number(const char *s, size_t from, size_t to)
{
    int v = 0;
    for (size_t i = from; i < to; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

size_t izde_date_from_text(const char *s, size_t len, char out[11])
{
    size_t i = 0;
    while (i < len && is_digit(s[i]) && i < 5)
        i++;
    if (i == 4 && len >= 10 && s[4] == '-' && izde_date_valid(s, 10))
        return finish(s, len, 10, number(s, 0, 4), number(s, 5, 7), number(s, 8, 10), out);
    if (i < 1 || i > 2)
        return 0;
    int d = number(s, 0, i);
    /* 13.02.2024 */
    if (i + 8 <= len && s[i] == '.' && is_digit(s[i + 1]) && is_digit(s[i + 2]) &&
        s[i + 3] == '.' && is_digit(s[i + 4]) && is_digit(s[i + 5]) && is_digit(s[i + 6]) &&
        is_digit(s[i + 7]))
        return finish(s, len, i + 8, number(s, i + 4, i + 8), number(s, i + 1, i + 3), d, out);
    /* 13 Февраль 2024, 5 Жалган куран 2021 */
    size_t w = skip_spaces(s, len, i);
    if (w == i)
        return 0;
    size_t we = word_end(s, len, w);
    if (we == w)
        return 0;
    int m = month_of(s + w, we - w);
    if (!m) { /* a two-word Kyrgyz name */
        size_t w2 = skip_spaces(s, len, we);
        size_t we2 = word_end(s, len, w2);
        if (w2 == we || we2 == w2 || we2 - w > 48)
            return 0;
        char two[64];
        size_t n1 = we - w, n2 = we2 - w2;
        memcpy(two, s + w, n1);
        two[n1] = ' ';
        memcpy(two + n1 + 1, s + w2, n2);
        if (!(m = month_of(two, n1 + 1 + n2)))
            return 0;
        we = we2;
    }
    size_t y = skip_spaces(s, len, we);
    if (y == we || y + 4 > len)
        return 0;
    for (size_t k = y; k < y + 4; k++)
        if (!is_digit(s[k]))
            return 0;
    return finish(s, len, y + 4, number(s, y, y + 4), m, d, out);
}
