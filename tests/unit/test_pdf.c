/* The PDF reader's pieces that need no PDF set by mkpdf (tests/e2e/pdf.sh
 * reads those): the file-name convention, the citation of a hit, and a
 * hand-written PDF with a broken cross-reference table read from memory by
 * the real poppler. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "izde/docdata.h"
#include "izde/pdf.h"

START_TEST(name_convention)
{
    int y = 0, n = 0, s = 0;
    ck_assert(izde_pdf_name_issue("archive/2024/2024-02-148.pdf", &y, &n, &s));
    ck_assert_int_eq(y, 2024);
    ck_assert_int_eq(n, 2);
    ck_assert_int_eq(s, 148);
    ck_assert(izde_pdf_name_issue("2021-11-121.PDF", &y, &n, &s));
    ck_assert_int_eq(n, 11);
    static const char *const no[] = {"2024-02.pdf", "2024-02-148.txt", "x2024-02-148.pdf",
                                     "2024-02-148a.pdf", "2024-00-148.pdf", "24-02-148.pdf",
                                     "2024-02-148.pdf/x", "issue.pdf"};
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        ck_assert_msg(!izde_pdf_name_issue(no[i], &y, &n, &s), "%s", no[i]);
}
END_TEST

static const char *cite(const char *issue, const char *pages)
{
    static char out[128];
    izde_docdata d = {.issue = issue, .pages = pages};
    izde_docdata_cite(&d, out, sizeof out);
    return out;
}

START_TEST(citation)
{
    ck_assert_str_eq(cite("2 (148)", "14"), "№ 2 (148), б. 14");
    ck_assert_str_eq(cite("2 (148)", "14-17"), "№ 2 (148), б. 14–17");
    ck_assert_str_eq(cite(NULL, "3"), "б. 3");
    ck_assert_str_eq(cite("2 (148)", NULL), "");
    ck_assert_str_eq(cite("2 (148)", "x"), "");
    izde_docdata d = {.pages = "14-17"};
    ck_assert_uint_eq(izde_docdata_page(&d), 14);
}
END_TEST

typedef struct seen {
    char ids[4][64], bodies[4][256];
    int n;
} seen;

static int keep(void *ctx, izde_article *a)
{
    seen *s = ctx;
    if (s->n < 4) {
        snprintf(s->ids[s->n], sizeof s->ids[0], "%s %s", a->id, a->pages);
        snprintf(s->bodies[s->n], sizeof s->bodies[0], "%s", a->body);
    }
    s->n++;
    return 0;
}

/* tests/fuzz/regressions/fuzz_pdf/minimal-bad-xref.pdf: two pages that are
 * one page object, every offset wrong; a page number at the foot. */
START_TEST(broken_xref_from_memory)
{
    const char *top = getenv("IZDE_TOP");
    char path[512];
    snprintf(path, sizeof path, "%s/tests/fuzz/regressions/fuzz_pdf/minimal-bad-xref.pdf",
             top ? top : ".");
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "%s", path);
    char buf[4096];
    size_t len = fread(buf, 1, sizeof buf, f);
    fclose(f);
    seen s = {0};
    izde_error err;
    ck_assert_int_eq(izde_pdf_read_data(buf, len, "x.pdf", "x.pdf", keep, &s, &err), 0);
    ck_assert_int_eq(s.n, 2);
    ck_assert_str_eq(s.ids[0], "x.pdf#p1 1");
    ck_assert_str_eq(s.ids[1], "x.pdf#p2 2");
    /* The foot's "7" is a page number, not text; "2021-"/"jyly" keeps its
     * hyphen (a digit before it). */
    ck_assert_msg(strstr(s.bodies[0], "2021-jyly 14") != NULL, "%s", s.bodies[0]);
    ck_assert_msg(strchr(s.bodies[0], '7') == NULL, "%s", s.bodies[0]);
    /* Not a PDF, and empty: a message naming it. */
    ck_assert_int_eq(izde_pdf_read_data("hello", 5, "y.pdf", "y.pdf", keep, &s, &err),
                     IZDE_ERR_FORMAT);
    ck_assert_msg(strncmp(err.msg, "y.pdf: not a PDF that can be read", 33) == 0, "%s", err.msg);
}
END_TEST

Suite *pdf_suite(void)
{
    Suite *s = suite_create("pdf");
    TCase *tc = tcase_create("pdf");
    tcase_add_test(tc, name_convention);
    tcase_add_test(tc, citation);
    tcase_add_test(tc, broken_xref_from_memory);
    suite_add_tcase(s, tc);
    return s;
}
