/* izde — the parser of the site's text export (and plain text).
 *
 * The archive is mostly the site's article pages saved as text, captured
 * over years through several site designs, in Kyrgyz and in Russian
 * (DESIGN.md, "Input formats").  A page is read as
 *
 *   [masthead] [breadcrumb] [title] [date line] [title again] [credits]
 *   body [related links]
 *
 * where every part but the body may be missing, and each part is
 * recognised by its shape (a date, an issue number, a dash before each
 * crumb, names in capitals before a comma), not by the exact words the
 * site used in one of its designs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "izde/article.h"
#include "izde/text_repair.h"

/* ---- lines -------------------------------------------------------------- */

typedef struct line {
    const char *s;
    size_t n; /* without the newline and trailing white space */
} line;

static int is_blank(line l) { return l.n == 0; }

static int starts_with(line l, const char *p)
{
    size_t n = strlen(p);
    return l.n >= n && memcmp(l.s, p, n) == 0;
}

static int ends_with(line l, const char *p)
{
    size_t n = strlen(p);
    return l.n >= n && memcmp(l.s + l.n - n, p, n) == 0;
}

static int contains(line l, const char *p)
{
    size_t n = strlen(p);
    for (size_t i = 0; i + n <= l.n; i++)
        if (memcmp(l.s + i, p, n) == 0)
            return 1;
    return 0;
}

static int is_space(char c) { return c == ' ' || c == '\t'; }

/* Equal but for runs of white space: a repeated title may be wrapped or
 * spaced differently. */
static int same_words(line a, line b)
{
    size_t i = 0, j = 0;
    for (;;) {
        while (i < a.n && j < b.n && a.s[i] == b.s[j] && !is_space(a.s[i]))
            i++, j++;
        if (i == a.n || j == b.n || !is_space(a.s[i]) || !is_space(b.s[j]))
            return i == a.n && j == b.n;
        while (i < a.n && is_space(a.s[i]))
            i++;
        while (j < b.n && is_space(b.s[j]))
            j++;
    }
}

static line skip_spaces(line l)
{
    while (l.n && is_space(*l.s))
        l.s++, l.n--;
    return l;
}

static line drop_prefix(line l, size_t k) { return (line){l.s + k, l.n - k}; }

/* Splits buf into lines, trimming trailing spaces, tabs, CR and the UTF-8
 * no-break space.  Returns a malloc()ed array. */
static line *split_lines(const char *buf, size_t len, size_t *count)
{
    size_t cap = 1;
    for (size_t i = 0; i < len; i++)
        cap += buf[i] == '\n';
    line *v = malloc(cap * sizeof *v);
    if (!v)
        return NULL;
    size_t n = 0;
    for (size_t i = 0; i <= len && n < cap;) {
        const char *nl = memchr(buf + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - buf) : len;
        line l = {buf + i, end - i};
        for (;;) {
            if (l.n && (l.s[l.n - 1] == ' ' || l.s[l.n - 1] == '\t' ||
                        l.s[l.n - 1] == '\r'))
                l.n--;
            else if (l.n >= 2 && (unsigned char)l.s[l.n - 2] == 0xC2 &&
                     (unsigned char)l.s[l.n - 1] == 0xA0)
                l.n -= 2;
            else
                break;
        }
        v[n++] = l;
        if (!nl)
            break;
        i = end + 1;
    }
    *count = n;
    return v;
}

static char *dup_line(line l)
{
    char *s = malloc(l.n + 1);
    if (s) {
        memcpy(s, l.s, l.n);
        s[l.n] = '\0';
    }
    return s;
}

static size_t next_nonblank(const line *v, size_t i, size_t n)
{
    while (i < n && is_blank(v[i]))
        i++;
    return i;
}

static int is_issue_line(line l);

/* The next line of text: not blank, not an issue line (chrome wherever it
 * stands). */
static size_t next_text_line(const line *v, size_t i, size_t n)
{
    while (i < n && (is_blank(v[i]) || is_issue_line(v[i])))
        i++;
    return i;
}

/* The code point at l.s[*i], advancing *i; U+FFFD for a broken one. */
static UChar32 next_cp(line l, size_t *i)
{
    UChar32 c;
    int32_t k = (int32_t)*i, n = l.n > INT32_MAX ? INT32_MAX : (int32_t)l.n;
    U8_NEXT((const uint8_t *)l.s, k, n, c);
    *i = (size_t)k;
    return c < 0 ? 0xFFFD : c;
}

static UChar32 first_cp(line l)
{
    size_t i = 0;
    return l.n ? next_cp(l, &i) : 0;
}

static size_t count_cps(line l)
{
    size_t n = 0;
    for (size_t i = 0; i < l.n; n++)
        next_cp(l, &i);
    return n;
}

/* Digits at l.s[*i]: at least `min`, at most `max`; their value in *val. */
static int take_digits(line l, size_t *i, int min, int max, int *val)
{
    int k = 0, v = 0;
    while (*i < l.n && k < max && l.s[*i] >= '0' && l.s[*i] <= '9') {
        v = v * 10 + (l.s[*i] - '0');
        (*i)++, k++;
    }
    if (val)
        *val = v;
    return k >= min && !(*i < l.n && l.s[*i] >= '0' && l.s[*i] <= '9');
}

static size_t take_spaces(line l, size_t *i)
{
    size_t from = *i;
    while (*i < l.n && is_space(l.s[*i]))
        (*i)++;
    return *i - from;
}

/* ---- the date line -------------------------------------------------------- */

/* "2021-04-05 / Көңүл чордонунда": the article's date and rubric (the
 * rubric may be missing: "2021-04-05" or "2021-04-05 /"). */
static int is_date_line(line l)
{
    if (l.n < 10 || !izde_date_valid(l.s, 10))
        return 0;
    line rest = skip_spaces(drop_prefix(l, 10));
    return rest.n == 0 || rest.s[0] == '/';
}

static line date_line_rubric(line l)
{
    line rest = skip_spaces(drop_prefix(l, 10));
    if (rest.n && rest.s[0] == '/')
        rest = skip_spaces(drop_prefix(rest, 1));
    return rest;
}

/* ---- the masthead: the site's chrome printed on every page ---------------- */

#define MAGAZINE "Муниципалитет"

/* "Муниципалитет - бул аймактын, …" / "Муниципалитет - это …": the slogan,
 * the masthead's last part. */
static int is_slogan(line l)
{
    static const char *const dashes[] = {" - ", " – ", " — "};
    const char *q = MAGAZINE;
    size_t m = strlen(q);
    if (starts_with(l, "«" MAGAZINE "»"))
        m = strlen("«" MAGAZINE "»");
    else if (!starts_with(l, q))
        return 0;
    line rest = drop_prefix(l, m);
    for (size_t i = 0; i < sizeof dashes / sizeof dashes[0]; i++)
        if (starts_with(rest, dashes[i]))
            return 1;
    return 0;
}

/* "Муниципалитет Илимий-популярдуу журнал", "Муниципалитет Научно-
 * популярный журнал": the magazine's name with its kind, whatever the
 * language. */
static int is_magazine_name(line l)
{
    if (!starts_with(l, MAGAZINE) || l.n > 100 || is_slogan(l))
        return 0;
    for (size_t i = 0; i < l.n; i++)
        if (l.s[i] >= '0' && l.s[i] <= '9')
            return 0;
    return l.n == strlen(MAGAZINE) || contains(l, "журнал");
}

/* The month of a month name, Kyrgyz (the site writes "Февраль", "Март") or
 * Russian in the nominative or the genitive ("Января"): by its first three
 * letters, in any case.  0 if it is none. */
static int month_number(line w)
{
    static const char *const stems[] = {"янв", "фев", "мар", "апр", "ма",
                                        "июн", "июл", "авг", "сен", "окт",
                                        "ноя", "дек"};
    char low[32];
    size_t o = 0, i = 0;
    while (i < w.n) {
        UChar32 c = u_tolower(next_cp(w, &i));
        if (!u_isalpha(c) || o + 4 >= sizeof low)
            return 0;
        U8_APPEND_UNSAFE((uint8_t *)low, o, c);
    }
    low[o] = '\0';
    for (int m = 0; m < 12; m++) {
        size_t k = strlen(stems[m]);
        if (o < k || memcmp(low, stems[m], k) != 0)
            continue;
        /* май, мая (May) but not март, марта (March) */
        if (m == 4 && !(o == 6 && (strcmp(low, "май") == 0 || strcmp(low, "мая") == 0)))
            continue;
        return m + 1;
    }
    return 0;
}

/* An issue line: "2 (148) 13 Февраль 2024", "2 (148) 31 Января 2024", the
 * double issue "2-3(100-101) 12 Март 2020": the issue's number, its serial
 * number in parentheses, its date.  Writes "2 (148) 2024-02-13" to out. */
static int parse_issue_line(line l, char out[64])
{
    size_t i = 0, num_from, num_to, ser_from, ser_to;
    int day, year;
    num_from = i;
    if (!take_digits(l, &i, 1, 2, NULL))
        return 0;
    if (i < l.n && l.s[i] == '-' && (i++, !take_digits(l, &i, 1, 2, NULL)))
        return 0;
    num_to = i;
    take_spaces(l, &i);
    if (i >= l.n || l.s[i] != '(')
        return 0;
    ser_from = ++i;
    if (!take_digits(l, &i, 1, 4, NULL))
        return 0;
    if (i < l.n && l.s[i] == '-' && (i++, !take_digits(l, &i, 1, 4, NULL)))
        return 0;
    ser_to = i;
    if (i >= l.n || l.s[i] != ')')
        return 0;
    i++;
    if (!take_spaces(l, &i) || !take_digits(l, &i, 1, 2, &day) || !take_spaces(l, &i))
        return 0;
    size_t w = i;
    while (i < l.n && !is_space(l.s[i]))
        i++;
    int month = month_number((line){l.s + w, i - w});
    if (!month || !take_spaces(l, &i) || !take_digits(l, &i, 4, 4, &year) || i != l.n)
        return 0;
    char date[11];
    int k = snprintf(date, sizeof date, "%04d-%02d-%02d", year, month, day);
    if (k != 10 || !izde_date_valid(date, 10))
        return 0;
    snprintf(out, 64, "%.*s (%.*s) %s", (int)(num_to - num_from), l.s + num_from,
             (int)(ser_to - ser_from), l.s + ser_from, date);
    return 1;
}

int izde_issue_line(const char *s, size_t len, char out[64])
{
    line l = {s, len};
    return l.n && l.s[0] >= '0' && l.s[0] <= '9' && parse_issue_line(l, out);
}

static int is_issue_line(line l)
{
    char tmp[64];
    return l.n && l.s[0] >= '0' && l.s[0] <= '9' && parse_issue_line(l, tmp);
}

/* "ISSN 1694-7053" (the site has also printed "ISBN"). */
static int is_issn_line(line l)
{
    if (!starts_with(l, "ISSN") && !starts_with(l, "ISBN"))
        return 0;
    for (size_t i = 4; i < l.n; i++)
        if (l.s[i] >= '0' && l.s[i] <= '9')
            return 1;
    return 0;
}

/* "dpi": the alt text of the publisher's logo. */
static int is_dpi(line l) { return l.n == 3 && strncasecmp(l.s, "dpi", 3) == 0; }

/* The Russian slogan wraps over two lines: the wrapped part goes on with a
 * lower-case letter, where a title would start with a capital or a quote. */
static int continues_lowercase(line l) { return l.n && u_islower(first_cp(l)); }

/* A line of the breadcrumb: "- Главная страница /", "- Статьи /",
 * "- Финансы" (the rubric, last). */
static int is_crumb(line l)
{
    return (starts_with(l, "- ") || starts_with(l, "– ")) && l.n > 3;
}

static line crumb_text(line l)
{
    l = skip_spaces(drop_prefix(l, l.s[0] == '-' ? 1 : strlen("–")));
    if (ends_with(l, "/"))
        l.n--;
    while (l.n && is_space(l.s[l.n - 1]))
        l.n--;
    return l;
}

/* A breadcrumb at v[i]: two or more crumbs, each but the last ending with
 * "/" (a bulleted list in the text does not).  Returns the index after it
 * (i if there is none) and its last crumb in *last. */
static size_t breadcrumb_at(const line *v, size_t i, size_t end, line *last)
{
    size_t j = i, crumbs = 0;
    while (j < end && is_crumb(v[j])) {
        if (crumbs && !ends_with(v[j - 1], "/"))
            break;
        crumbs++;
        j++;
    }
    if (crumbs < 2 || !ends_with(v[i], "/"))
        return i;
    *last = v[j - 1];
    return j;
}

/* A line that can only be the masthead's. */
static int is_masthead_item(line l)
{
    return is_magazine_name(l) || is_issue_line(l) || is_issn_line(l) || is_dpi(l);
}

/* Skips the masthead that starts at v[from] (name, issue line, ISSN,
 * registration lines, "dpi", slogan — in whatever order the design used;
 * the registration wording differs between the Kyrgyz and the Russian site,
 * so it is the unrecognised lines between recognised ones).  Returns the
 * index after it, `from` when there is none.  Two recognised parts, or the
 * slogan, make a masthead: a plain text titled "Муниципалитет журналы" is
 * not one. */
static size_t skip_masthead(const line *v, size_t from, size_t end)
{
    size_t after = from, items = 0, unknown = 0;
    int slogan = 0;
    for (size_t i = from; i < end; i++) {
        line l = v[i];
        if (is_blank(l))
            continue;
        if (is_slogan(l)) {
            while (i + 1 < end && continues_lowercase(v[i + 1]))
                i++;
            after = i + 1;
            items += 2;
            slogan = 1;
        } else if (is_masthead_item(l)) {
            items++;
            after = i + 1;
            unknown = 0;
        } else if (slogan || i == from || ++unknown > 3 || is_date_line(l) ||
                   is_crumb(l)) {
            /* After the slogan only what is surely chrome (the newer design
             * prints the issue line there); before it, the registration
             * wording runs two or three lines. */
            break;
        }
    }
    return items >= 2 ? after : from;
}

/* ---- credits: the author lines -------------------------------------------- */

/* "АЙГҮЛ ТОКТОГУЛОВА, …", "А.АСАНОВ, …": two to four names in capitals (an
 * initial with its full stop, or a name of three letters or more — not an
 * abbreviation like КР), a comma, the position. */
static int is_caps_names_credit(line l)
{
    size_t i = 0, names = 0, long_names = 0;
    while (i < l.n) {
        size_t letters = 0, start = i;
        while (i < l.n) {
            size_t at = i;
            UChar32 c = next_cp(l, &i);
            if (u_isupper(c))
                letters++;
            else if (c == '-' && letters)
                continue;
            else {
                i = at;
                break;
            }
        }
        if (letters == 0 || i == start)
            return 0;
        if (letters == 1) {
            if (i >= l.n || l.s[i] != '.')
                return 0; /* a lone capital is an initial: "А." */
            i++;
        } else if (letters == 2) {
            return 0;
        } else {
            long_names++;
        }
        names++;
        take_spaces(l, &i);
        if (i < l.n && l.s[i] == ',')
            return names >= 2 && names <= 4 && long_names >= 1 &&
                   skip_spaces(drop_prefix(l, i + 1)).n > 0;
        if (names > 4)
            return 0;
    }
    return 0;
}

/* "Автор: …", "Авторы: …", "Түзгөндөр: …", "Даярдаган: …": one word and a
 * colon, then a name (a capital letter).  Returns the length of the label
 * with its colon and spaces, 0 if it is not a credit. */
static size_t credit_label_len(line l)
{
    size_t i = 0, letters = 0;
    while (i < l.n) {
        size_t at = i;
        UChar32 c = next_cp(l, &i);
        if (!u_isalpha(c)) {
            i = at;
            break;
        }
        if (letters++ == 0 && !u_isupper(c))
            return 0;
    }
    if (letters < 4 || letters > 16 || i >= l.n || l.s[i] != ':')
        return 0;
    i++;
    take_spaces(l, &i);
    if (i >= l.n || !u_isupper(first_cp(drop_prefix(l, i))))
        return 0;
    return i;
}

/* A credit line (only looked for where the page puts them: around the
 * title and the date line), and the part that goes to the author field. */
static int credit_of(line l, line *who)
{
    if (l.n == 0 || l.n > 240)
        return 0;
    size_t k = credit_label_len(l);
    if (k) {
        *who = drop_prefix(l, k);
        return 1;
    }
    if (is_caps_names_credit(l)) {
        *who = l;
        return 1;
    }
    return 0;
}

/* ---- the related-links tail --------------------------------------------- */

/* "Окшош материалы:" (also "Окшош материалдар"), the Russian "Похожие
 * материалы:", "Читайте также:": a label alone on its line, after which
 * the page lists other articles. */
static int is_related_label(line l)
{
    static const char *const labels[] = {"Окшош материал", "Похожие материал",
                                         "Тектеш материал", "Связанные материал",
                                         "Читайте также", "Дагы окуңуз"};
    if (l.n > 48)
        return 0;
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
        if (starts_with(l, labels[i]))
            return 1;
    return 0;
}

/* ---- the title of a capture without one --------------------------------- */

/* The line after the date line of a capture that starts there reads as the
 * title the classic page repeats, not as the lead: one line of at most 300
 * letters that does not end like a sentence. */
static int reads_as_title(const line *v, size_t i, size_t end)
{
    if (i >= end || is_blank(v[i]))
        return 0;
    line l = v[i];
    char last = l.s[l.n - 1];
    if (last == '.' || last == ',' || last == ';' || last == ':')
        return 0;
    if (count_cps(l) > 300)
        return 0;
    line who;
    return !credit_of(l, &who);
}

/* ---- assembling ----------------------------------------------------------- */

typedef struct credits {
    line who[8];
    size_t n;
} credits;

static void add_credit(credits *c, line who)
{
    if (c->n < sizeof c->who / sizeof c->who[0])
        c->who[c->n++] = who;
}

/* Takes the credit lines from v[i] on (blank lines between them allowed);
 * returns the index after the last one. */
static size_t take_credits(const line *v, size_t i, size_t end, credits *c)
{
    for (;;) {
        size_t j = next_text_line(v, i, end);
        line who;
        if (j >= end || !credit_of(v[j], &who))
            return i;
        add_credit(c, who);
        i = j + 1;
    }
}

/* The credits joined by "; " (NULL when there are none: that is no
 * error). */
static char *join_credits(const credits *c, int *nomem)
{
    if (c->n == 0)
        return NULL;
    size_t total = 1;
    for (size_t i = 0; i < c->n; i++)
        total += c->who[i].n + 2;
    char *s = malloc(total);
    if (!s) {
        *nomem = 1;
        return NULL;
    }
    size_t o = 0;
    for (size_t i = 0; i < c->n; i++) {
        if (i) {
            memcpy(s + o, "; ", 2);
            o += 2;
        }
        memcpy(s + o, c->who[i].s, c->who[i].n);
        o += c->who[i].n;
    }
    s[o] = '\0';
    return s;
}

/* Joins lines [from, to) as the body: blank-line runs collapse to one
 * paragraph break, leading white space of a line is kept (bullets); issue
 * lines are the site's chrome wherever they are. */
static char *join_body(const line *v, size_t from, size_t to)
{
    size_t total = 1;
    for (size_t i = from; i < to; i++)
        total += v[i].n + 1;
    char *s = malloc(total);
    if (!s)
        return NULL;
    size_t o = 0;
    for (size_t i = from; i < to; i++) {
        if (is_blank(v[i]) || is_issue_line(v[i]))
            continue;
        if (o)
            s[o++] = '\n';
        memcpy(s + o, v[i].s, v[i].n);
        o += v[i].n;
    }
    s[o] = '\0';
    return s;
}

/* A function word and its length in bytes. */
typedef struct word {
    const char *s;
    size_t n;
} word;
#define WORD(s) {s, sizeof s - 1}

/* Whether the lower-case word w[0..n) is in the list.  On every word of
 * every text: the length first (Cyrillic words all share their first byte). */
static int in_list(const word *list, size_t count, const char *w, size_t n)
{
    for (size_t i = 0; i < count; i++)
        if (list[i].n == n && memcmp(list[i].s, w, n) == 0)
            return 1;
    return 0;
}

/* The language of a Cyrillic text: words with ң, ө, ү and Kyrgyz function
 * words against words with щ, ъ, ё and Russian function words (a Russian
 * text quotes Kyrgyz names, a Kyrgyz one Russian titles: letters alone are
 * not enough, and a short Kyrgyz text may have few ң, ө, ү).  Leaves `lang`
 * alone when neither side has any evidence. */
static void detect_language(const char *title, const char *body, char lang[3])
{
    static const word ky_words[] = {
        WORD("жана"), WORD("менен"), WORD("бул"), WORD("боюнча"), WORD("деп"),
        WORD("дагы"), WORD("эле"), WORD("бир"), WORD("эмес"), WORD("болуп"),
        WORD("ал"), WORD("анын"), WORD("алар"), WORD("бирок"), WORD("ошол"),
        WORD("тууралуу"), WORD("жылы"), WORD("көп"), WORD("үчүн"), WORD("өз"),
        WORD("жөнүндө")};
    static const word ru_words[] = {
        WORD("и"), WORD("в"), WORD("во"), WORD("на"), WORD("не"), WORD("что"),
        WORD("с"), WORD("со"), WORD("по"), WORD("для"), WORD("из"), WORD("о"),
        WORD("об"), WORD("к"), WORD("от"), WORD("это"), WORD("как"), WORD("а"),
        WORD("но"), WORD("или"), WORD("за"), WORD("при"), WORD("все"), WORD("так"),
        WORD("его"), WORD("их"), WORD("же"), WORD("бы"), WORD("был"), WORD("были"),
        WORD("было"), WORD("уже"), WORD("до")};
    size_t ky = 0, ru = 0;
    const char *parts[] = {title, body};
    for (int p = 0; p < 2; p++) {
        line l = {parts[p], strlen(parts[p])};
        char w[64];
        size_t wn = 0;
        int kyl = 0, rul = 0, ok = 1;
        for (size_t i = 0; i <= l.n;) {
            UChar32 c = i < l.n ? u_tolower(next_cp(l, &i)) : (i++, 0);
            if (c && u_isalpha(c)) {
                if (wn + 4 < sizeof w)
                    U8_APPEND_UNSAFE((uint8_t *)w, wn, c);
                else
                    ok = 0;
                kyl |= c == 0x4A3 || c == 0x4E9 || c == 0x4AF; /* ң ө ү */
                rul |= c == 0x449 || c == 0x44A || c == 0x451; /* щ ъ ё */
                continue;
            }
            if (wn) {
                ky += kyl || (ok && in_list(ky_words, sizeof ky_words / sizeof *ky_words, w, wn));
                ru += rul || (ok && in_list(ru_words, sizeof ru_words / sizeof *ru_words, w, wn));
            }
            wn = 0;
            kyl = rul = 0;
            ok = 1;
        }
    }
    if (ru > ky)
        memcpy(lang, "ru", 3);
    else if (ky)
        memcpy(lang, "ky", 3);
}

/* Replaces *field by the repaired copy of l (print hyphens, missing
 * spaces); 0 on OOM. */
static int set_repaired(char **field, const char *s, size_t n)
{
    char *r = izde_text_repair(s, n, NULL);
    if (!r)
        return 0;
    free(*field);
    *field = r;
    return 1;
}

/* Where the article's head (title, date, credits) must be found after the
 * chrome: a date line further down is text. */
#define HEAD_LINES 8

/* What the head of a page gives: the parts are views into the lines. */
typedef struct head {
    line title, rubric, date;
    credits credits;
    size_t body_from;
} head;

/* The issue current when the page was captured, wherever its line is
 * (masthead, under the slogan, footer); "" if none. */
static void find_capture_issue(const line *v, size_t n, char out[64])
{
    out[0] = '\0';
    for (size_t i = 0; i < n && !out[0]; i++)
        if (v[i].n && v[i].s[0] >= '0' && v[i].s[0] <= '9')
            parse_issue_line(v[i], out);
}

/* Where the page's own end is: the related-links block, or n. */
static size_t related_links_start(const line *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (is_related_label(v[i]))
            return i;
    return n;
}

/* The date line among the first HEAD_LINES lines of text from v[from];
 * `end` if there is none. */
static size_t find_date_line(const line *v, size_t from, size_t end)
{
    for (size_t i = from, seen = 0; i < end && seen < HEAD_LINES; i++) {
        if (is_blank(v[i]))
            continue;
        if (is_date_line(v[i]))
            return i;
        seen++;
    }
    return end;
}

/* A page with a date line at v[date]: the title is the last line above it
 * (credit lines may stand between them), the title may be repeated after
 * it; a capture that starts at the date line has no title above. */
static void read_dated_head(const line *v, size_t top, size_t date, size_t end,
                            head *h)
{
    credits above = {.n = 0};
    for (size_t i = date; i > top; i--) {
        line who;
        if (is_blank(v[i - 1]) || is_issue_line(v[i - 1]))
            continue;
        if (credit_of(v[i - 1], &who)) {
            add_credit(&above, who);
            continue;
        }
        h->title = v[i - 1];
        break;
    }
    for (size_t i = above.n; i > 0; i--) /* they were read upwards */
        add_credit(&h->credits, above.who[i - 1]);
    h->date = (line){v[date].s, 10};
    h->rubric = date_line_rubric(v[date]);
    h->body_from = next_text_line(v, date + 1, end);
    if (h->title.n) {
        if (h->body_from < end && same_words(v[h->body_from], h->title))
            h->body_from++; /* the title repeated after the date line */
    } else if (reads_as_title(v, h->body_from, end)) {
        h->title = v[h->body_from++];
    }
}

/* Reads the head of the page: the chrome above the article (masthead, then
 * breadcrumb), the title, the date line if any, the credits. */
static void read_head(const line *v, size_t end, head *h)
{
    size_t top = skip_masthead(v, next_nonblank(v, 0, end), end);
    line crumb = {"", 0};
    top = breadcrumb_at(v, next_text_line(v, top, end), end, &crumb);
    size_t date = find_date_line(v, top, end);
    if (date < end) {
        read_dated_head(v, top, date, end, h);
    } else {
        /* The newer layout, or plain text: the first line is the title. */
        h->body_from = next_text_line(v, top, end);
        if (h->body_from < end)
            h->title = v[h->body_from++];
    }
    h->body_from = take_credits(v, h->body_from, end, &h->credits);
    if (!h->rubric.n && crumb.n)
        h->rubric = crumb_text(crumb);
}

izde_status izde_parse_text_export(const char *buf, size_t len,
                                   izde_article *a, izde_error *err)
{
    size_t n;
    line *v = split_lines(buf, len, &n);
    if (!v)
        return izde_fail(err, IZDE_ERR_NOMEM, "out of memory");
    char issue[64];
    find_capture_issue(v, n, issue);
    size_t end = related_links_start(v, n);
    head h = {.body_from = 0};
    read_head(v, end, &h);

    int nomem = 0;
    if (h.date.n) {
        memcpy(a->date, h.date.s, 10);
        a->date[10] = '\0';
    }
    if (h.rubric.n) {
        free(a->rubric);
        if (!(a->rubric = dup_line(h.rubric)))
            nomem = 1;
    }
    free(a->author);
    a->author = join_credits(&h.credits, &nomem);
    free(a->capture_issue);
    a->capture_issue = NULL;
    if (issue[0] && !(a->capture_issue = strdup(issue)))
        nomem = 1;
    char *body = join_body(v, h.body_from, end);
    if (!body || !set_repaired(&a->title, h.title.s, h.title.n) ||
        !set_repaired(&a->body, body, strlen(body)))
        nomem = 1;
    free(body);
    free(v);
    if (nomem || !a->title || !a->body)
        return izde_fail(err, IZDE_ERR_NOMEM, "out of memory");
    detect_language(a->title, a->body, a->lang);
    return IZDE_OK;
}
