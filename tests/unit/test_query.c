/* The query language: what each construct parses to (Xapian's description
 * of the query), and the message for each syntax error. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "izde/query.h"

static char *describe(const char *text, int any, izde_error *err, izde_status *rc)
{
    izde_analyzer *an;
    izde_query q;
    ck_assert_int_eq(izde_analyzer_new(&an, NULL), IZDE_OK);
    *rc = izde_query_build(an, NULL, text, any, &q, err);
    char *d = NULL;
    if (*rc == IZDE_OK) {
        ck_assert_int_eq(xap_query_describe(q.xq, &d, NULL), XAP_OK);
        izde_query_free(&q);
    }
    izde_analyzer_free(an);
    return d;
}

/* Each query and a fragment its description must contain.  EX: the
 * form as typed, scaled by IZDE_EXACT_WEIGHT (0.1 as Xapian writes it). */
#define EX "0.10000000000000000555 * "
static const struct { const char *q; int any; const char *has; } ok[] = {
    {"бюджет", 0, "(Zбюджет@1 AND_MAYBE " EX "бюджет@1)"}, /* stem, and the form as typed */
    {"бюджет грант", 0, "((Zбюджет@1 AND_MAYBE " EX "бюджет@1) AND (Zгрант@2 AND_MAYBE " EX "грант@2))"},
    {"бюджет грант", 1, "((Zбюджет@1 AND_MAYBE " EX "бюджет@1) OR (Zгрант@2 AND_MAYBE " EX "грант@2))"},
    {"бюджет OR грант", 0, "((Zбюджет@1 AND_MAYBE " EX "бюджет@1) OR (Zгрант@2 AND_MAYBE " EX "грант@2))"},
    {"бюджет AND грант", 1, "((Zбюджет@1 AND_MAYBE " EX "бюджет@1) AND (Zгрант@2 AND_MAYBE " EX "грант@2))"},
    {"бюджет NOT грант", 0, "((Zбюджет@1 AND_MAYBE " EX "бюджет@1) AND_NOT Zгрант@2)"},
    {"бюджет -грант", 0, "((Zбюджет@1 AND_MAYBE " EX "бюджет@1) AND_NOT Zгрант@2)"},
    {"бюджет +грант", 1, "((Zгрант@2 AND_MAYBE " EX "грант@2) AND_MAYBE (Zбюджет@1 AND_MAYBE " EX "бюджет@1))"},
    {"бюджет жана грант", 0, "AND_MAYBE (Zжана@2 AND_MAYBE " EX "жана@2)"},
    {"\"тегерек стол\"", 0, "(тегерек@1 PHRASE 2 стол@2)"},
    {"«тегерек стол»", 0, "(тегерек@1 PHRASE 2 стол@2)"},
    {"тегерек NEAR стол", 0, "(тегерек@1 NEAR 11 стол@2)"},
    {"тегерек NEAR/3 стол", 0, "(тегерек@1 NEAR 4 стол@2)"},
    {"тегерек ADJ стол", 0, "(тегерек@1 PHRASE 11 стол@2)"},
    {"грант*", 0, "WILDCARD SYNONYM грант"},
    {"title:бюджет", 0, "ZSбюджет"},
    {"title:\"тегерек стол\"", 0, "(Sтегерек@1 PHRASE 2 Sстол@2)"},
    {"rubric:Финансы", 0, "0 * XRфинансы"},
    {"rubric:\"Көңүл чордонунда\"", 0, "0 * XRкөңүл чордонунда"},
    {"lang:KY", 0, "0 * Lky"},
    {"issue:148", 0, "0 * XI148"},
    {"year:2021", 0, "0 * Y2021"},
    {"year:2019..2021", 0, "VALUE_RANGE 0 20190101 20211231"},
    {"2021-02..2021-02", 0, "VALUE_RANGE 0 20210201 20210228"},
    {"2024-02..2024-02", 0, "VALUE_RANGE 0 20240201 20240229"},
    {"2021..", 0, "VALUE_GE 0 20210101"},
    {"..2020-06-30", 0, "VALUE_LE 0 20200630"},
    {"бюджет 2021..2022", 0, "((Zбюджет@1 AND_MAYBE " EX "бюджет@1) FILTER VALUE_RANGE 0 20210101 20221231)"},
    {"(бюджет OR грант) AND шайлоо", 0, "(((Zбюджет@1 AND_MAYBE " EX "бюджет@1) OR (Zгрант@2 AND_MAYBE " EX "грант@2)) AND ((Zшайла@3 SYNONYM Zшайло@3) AND_MAYBE " EX "шайлоо@3))"},
    {"-грант", 0, "(<alldocuments> AND_NOT Zгрант@1)"},
    {"and or not", 0, "Zand@1"}, /* lower case: words */
    {"foo:бар", 0, "Zfoo@1"},    /* an unknown field is words */
};

START_TEST(parses)
{
    izde_error err;
    izde_status rc;
    char *d = describe(ok[_i].q, ok[_i].any, &err, &rc);
    ck_assert_msg(rc == IZDE_OK, "%s: %s", ok[_i].q, err.msg);
    ck_assert_msg(strstr(d, ok[_i].has) != NULL, "%s: %s lacks %s", ok[_i].q, d, ok[_i].has);
    free(d);
}
END_TEST

/* Each malformed query and its message. */
static const struct { const char *q; const char *msg; } bad[] = {
    {"AND", "AND needs a word before it at character 1"},
    {"бюджет AND", "AND needs a word after it at character 8"},
    {"OR бюджет", "OR needs a word before it at character 1"},
    {"бюджет OR", "OR needs a word after it at character 8"},
    {"NOT", "NOT needs a word after it at character 1"},
    {"(бюджет", "'(' is not closed at character 1"},
    {"бюджет)", "')' without '(' at character 7"},
    {"()", "empty brackets at character 1"},
    {"*", "'*' must end a word of at least two letters at character 1"},
    {"а*", "'*' must end a word of at least two letters"},
    {"грант* NEAR бюджет", "NEAR and ADJ take words, not wildcards"},
    {"бюджет NEAR", "NEAR and ADJ need a word on each side"},
    {"rubric:", "a field needs a value after its ':'"},
    {"year:21", "year: needs a year (YYYY) or a range"},
    {"issue:x", "issue: needs an issue number"},
    {"2021-13..2022", "is not a date range"},
    {"2021-02-30..", "is not a date range"},
    {"title:rubric:x", "a field inside a field"},
    {"...", "has no words to search"},
    {"жана ,,,", NULL},  /* a stopword alone is searched: no error */
};

START_TEST(errors)
{
    izde_error err = {0};
    izde_status rc;
    char *d = describe(bad[_i].q, 0, &err, &rc);
    if (!bad[_i].msg) {
        ck_assert_msg(rc == IZDE_OK, "%s: %s", bad[_i].q, err.msg);
    } else {
        ck_assert_msg(rc == IZDE_ERR_QUERY, "%s: parsed as %s", bad[_i].q, d ? d : "?");
        ck_assert_msg(strstr(err.msg, bad[_i].msg) != NULL, "%s: message '%s'", bad[_i].q, err.msg);
    }
    free(d);
}
END_TEST

START_TEST(deep_and_long)
{
    izde_error err;
    izde_status rc;
    /* 1 000 OR'd words; brackets nested 1 000 deep; a 10 000-letter word. */
    size_t cap = 40000;
    char *q = calloc(1, cap);
    for (int i = 0; i < 1000; i++)
        strcat(q, i ? " OR сөз" : "сөз");
    free(describe(q, 0, &err, &rc));
    ck_assert_int_eq(rc, IZDE_OK);
    memset(q, 0, cap);
    memset(q, '(', 1000);
    strcat(q, "сөз");
    memset(q + strlen(q), ')', 1000);
    free(describe(q, 0, &err, &rc));
    ck_assert_int_eq(rc, IZDE_ERR_QUERY);
    ck_assert(strstr(err.msg, "nested too deeply"));
    memset(q, 'a', 10000);
    q[10000] = '\0';
    free(describe(q, 0, &err, &rc));
    ck_assert_int_eq(rc, IZDE_ERR_QUERY); /* too long to be a word: none */
    free(q);
}
END_TEST

Suite *query_suite(void)
{
    Suite *s = suite_create("query");
    TCase *tc = tcase_create("language");
    tcase_add_loop_test(tc, parses, 0, sizeof ok / sizeof ok[0]);
    tcase_add_loop_test(tc, errors, 0, sizeof bad / sizeof bad[0]);
    tcase_add_test(tc, deep_and_long);
    suite_add_tcase(s, tc);
    return s;
}
