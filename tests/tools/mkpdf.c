/* mkpdf OUT.pdf < SCRIPT: sets text into an A4 PDF with cairo and pango (the
 * tests' and the benchmark's printed issues; DejaVu fonts for ң ө ү).
 *
 * The script is UTF-8 text.  Lines starting with "=" are directives, the
 * others text; in flow mode (the default) lines up to a blank line are one
 * paragraph, wrapped to the column's width; in lines mode each line is set
 * as one printed line, as it is (so a line may end with a print hyphen).
 *
 *   =page          a new page
 *   =cols N        a new band of N columns (1-4) below what is set
 *   =h TEXT        a heading across the page (bold, larger), a new band
 *   =head TEXT     a running head at the top of each page from now on
 *                  ("=head" alone: none)
 *   =folio on|off  the page number at the foot of each page
 *   =outline on|off  text drawn as outlines: no text layer (a scan)
 *   =size PT       the body font size (default 10)
 *   =lines, =flow  the mode
 *   =pages N TEXT  N pages each holding TEXT as one line
 *   =next          the next column
 *   # ...          a comment
 *
 * Columns fill top to bottom, then the next column; after the last
 * column a new page starts. */
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAGE_W 595.0
#define PAGE_H 842.0
#define MARGIN 56.0
#define GUTTER 18.0

typedef struct state {
    cairo_t *cr;
    int page;          /* 1-based; 0 before the first */
    int cols, col;
    double band_top, y, band_bottom; /* band_bottom: lowest y set in the band */
    double size;
    int outline, folio, lines_mode;
    char head[512];
    GString *para;
} state;

static double col_width(const state *s)
{
    return (PAGE_W - 2 * MARGIN - (s->cols - 1) * GUTTER) / s->cols;
}

static PangoLayout *layout(state *s, const char *text, double size, int bold, double width)
{
    PangoLayout *l = pango_cairo_create_layout(s->cr);
    pango_cairo_context_set_resolution(pango_layout_get_context(l), 72); /* 1 pt a unit */
    pango_layout_context_changed(l);
    PangoFontDescription *fd = pango_font_description_from_string("DejaVu Serif");
    pango_font_description_set_size(fd, (int)(size * PANGO_SCALE));
    if (bold)
        pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
    if (width > 0) {
        pango_layout_set_width(l, (int)(width * PANGO_SCALE));
        pango_layout_set_wrap(l, PANGO_WRAP_WORD);
    }
    pango_layout_set_text(l, text, -1);
    return l;
}

/* Draws one layout line with its top-left corner at x, y. */
static void draw_line(state *s, PangoLayoutLine *line, double x, double y, double ascent)
{
    cairo_move_to(s->cr, x, y + ascent);
    if (s->outline) {
        pango_cairo_layout_line_path(s->cr, line);
        cairo_fill(s->cr);
    } else {
        pango_cairo_show_layout_line(s->cr, line);
    }
}

static void draw_text(state *s, const char *text, double size, double x, double y, int center)
{
    PangoLayout *l = layout(s, text, size, 0, 0);
    PangoRectangle ink, log;
    pango_layout_get_pixel_extents(l, &ink, &log);
    PangoLayoutLine *line = pango_layout_get_line_readonly(l, 0);
    double asc = pango_layout_get_baseline(l) / (double)PANGO_SCALE;
    if (line)
        draw_line(s, line, center ? x - log.width / 2.0 : x, y, asc);
    g_object_unref(l);
}

static void new_page(state *s)
{
    if (s->page)
        cairo_show_page(s->cr);
    s->page++;
    if (s->head[0])
        draw_text(s, s->head, 8, MARGIN, MARGIN - 30, 0);
    if (s->folio) {
        char n[16];
        snprintf(n, sizeof n, "%d", s->page);
        draw_text(s, n, 8, PAGE_W / 2, PAGE_H - MARGIN + 20, 1);
    }
    s->band_top = s->y = s->band_bottom = MARGIN;
    s->col = 0;
}

static void next_column(state *s)
{
    if (++s->col >= s->cols)
        new_page(s);
    else
        s->y = s->band_top;
}

/* Sets the layout's lines into the columns; `across`: the whole width. */
static void set_layout(state *s, PangoLayout *l, int across)
{
    double asc = pango_layout_get_baseline(l) / (double)PANGO_SCALE;
    int n = pango_layout_get_line_count(l);
    for (int i = 0; i < n; i++) {
        PangoLayoutLine *line = pango_layout_get_line_readonly(l, i);
        PangoRectangle log;
        pango_layout_line_get_pixel_extents(line, NULL, &log);
        double h = log.height;
        if (s->y + h > PAGE_H - MARGIN)
            next_column(s);
        double x = across ? MARGIN : MARGIN + s->col * (col_width(s) + GUTTER);
        draw_line(s, line, x, s->y, asc);
        s->y += h;
        if (s->y > s->band_bottom)
            s->band_bottom = s->y;
    }
}

static void flush_para(state *s)
{
    if (!s->para->len)
        return;
    if (!s->page)
        new_page(s);
    PangoLayout *l = layout(s, s->para->str, s->size, 0, s->lines_mode ? 0 : col_width(s));
    set_layout(s, l, 0);
    g_object_unref(l);
    s->y += s->size * 0.6; /* the gap between paragraphs */
    g_string_truncate(s->para, 0);
}

/* A new band below everything set so far. */
static void new_band(state *s, int cols)
{
    flush_para(s);
    if (!s->page)
        new_page(s);
    s->band_top = s->y = s->band_bottom + (s->band_bottom > MARGIN ? s->size : 0);
    s->cols = cols;
    s->col = 0;
}

static void directive(state *s, char *d)
{
    char *arg = strchr(d, ' ');
    if (arg)
        *arg++ = '\0';
    else
        arg = d + strlen(d);
    if (!strcmp(d, "=page")) {
        flush_para(s);
        new_page(s);
    } else if (!strcmp(d, "=cols")) {
        int n = atoi(arg);
        new_band(s, n < 1 ? 1 : n > 4 ? 4 : n);
    } else if (!strcmp(d, "=h")) {
        new_band(s, 1);
        PangoLayout *l = layout(s, arg, s->size * 1.6, 1, PAGE_W - 2 * MARGIN);
        set_layout(s, l, 1);
        g_object_unref(l);
        s->band_bottom = s->y;
        new_band(s, 1);
    } else if (!strcmp(d, "=head")) {
        snprintf(s->head, sizeof s->head, "%s", arg);
    } else if (!strcmp(d, "=folio")) {
        s->folio = !strcmp(arg, "on");
    } else if (!strcmp(d, "=outline")) {
        flush_para(s);
        s->outline = !strcmp(arg, "on");
    } else if (!strcmp(d, "=size")) {
        flush_para(s);
        s->size = atof(arg) > 4 ? atof(arg) : 10;
    } else if (!strcmp(d, "=lines") || !strcmp(d, "=flow")) {
        flush_para(s);
        s->lines_mode = d[1] == 'l';
    } else if (!strcmp(d, "=next")) {
        flush_para(s);
        next_column(s);
    } else if (!strcmp(d, "=pages")) {
        flush_para(s);
        long n = strtol(arg, &arg, 10);
        while (*arg == ' ')
            arg++;
        for (long i = 0; i < n; i++) {
            new_page(s);
            draw_text(s, arg, s->size, MARGIN, PAGE_H / 2, 0);
        }
    } else {
        fprintf(stderr, "mkpdf: unknown directive %s\n", d);
        exit(2);
    }
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fputs("usage: mkpdf OUT.pdf < SCRIPT\n", stderr);
        return 2;
    }
    cairo_surface_t *surf = cairo_pdf_surface_create(argv[1], PAGE_W, PAGE_H);
    if (cairo_surface_status(surf) != CAIRO_STATUS_SUCCESS) {
        fprintf(stderr, "mkpdf: %s: %s\n", argv[1],
                cairo_status_to_string(cairo_surface_status(surf)));
        return 1;
    }
    state s = {.cr = cairo_create(surf), .cols = 1, .size = 10, .para = g_string_new(NULL)};
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, stdin)) >= 0) {
        while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if (line[0] == '#')
            continue;
        if (line[0] == '=') {
            directive(&s, line);
        } else if (!line[0]) {
            flush_para(&s);
        } else {
            if (s.para->len)
                g_string_append_c(s.para, s.lines_mode ? '\n' : ' ');
            g_string_append(s.para, line);
        }
    }
    flush_para(&s);
    if (!s.page)
        new_page(&s);
    free(line);
    g_string_free(s.para, TRUE);
    cairo_destroy(s.cr);
    cairo_surface_finish(surf);
    int rc = cairo_surface_status(surf) != CAIRO_STATUS_SUCCESS;
    if (rc)
        fprintf(stderr, "mkpdf: %s: %s\n", argv[1],
                cairo_status_to_string(cairo_surface_status(surf)));
    cairo_surface_destroy(surf);
    return rc;
}
