/* izde-search — searches the database from a shell. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "izde/render.h"
#include "izde/search.h"

enum { EXIT_NO_HITS = 1, EXIT_USAGE = 2, EXIT_DB = 3, EXIT_NETWORK = 4 };
enum { FMT_TEXT, FMT_JSON, FMT_JSONL, FMT_CSV };
#define MAX_DBS 64
#define SNIPPET_BYTES 300

static const char usage[] =
    "Usage: izde-search -d DB [OPTIONS] QUERY...\n"
    "Search the izde database DB.  The words of QUERY are joined with spaces.\n"
    "\n"
    "Query language:\n"
    "  word word       every word required, in any inflected form (гранттар\n"
    "                  finds гранттарды, грант); --any: any word, ranked\n"
    "  \"a phrase\"      these exact word forms in this order (also «…», “…”)\n"
    "  a NEAR b        both words within 10 words of each other (NEAR/n:\n"
    "                  within n; NEAR/1: next to each other), exact forms\n"
    "  a ADJ b         the same, in this order (ADJ/n)\n"
    "  a AND b, a OR b, a NOT b, ( )   boolean operators, in capitals\n"
    "  +word -word     word required / excluded\n"
    "  грант*          every word form starting with грант\n"
    "  title:word      in the title;  rubric:Финансы  rubric:\"Көңүл чордонунда\"\n"
    "  author:\"Name\"  issue:148  year:2021  year:2019..2021  lang:ky\n"
    "  2021-01-01..2021-12-31, 2021..2023, 2021.., ..2020   date ranges\n"
    "Function words (жана, менен, үчүн …) are not required; capitals do not\n"
    "matter; a word typed with н, о, у for ң, ө, ү finds the correct spelling.\n"
    "Ranking: BM25; title words and the form as typed count more; a one-word\n"
    "query ranks articles using the glossary's terms with that word higher.\n"
    "\n"
    "Options:\n"
    "  -d, --db DB          database to search (repeat to search several as one):\n"
    "                       a directory, or a Xapian stub file listing shards,\n"
    "                       local (auto PATH) or served by xapian-tcpsrv\n"
    "                       (remote HOST:PORT)\n"
    "      --allow-partial  search the shards that can be reached, with a\n"
    "                       warning naming the others, instead of failing\n"
    "  -n, --limit N        show N hits (default 10, at most 10000)\n"
    "      --offset K       skip the first K hits (default 0)\n"
    "      --any            any word may match (ranked), not every word\n"
    "      --lang-expand    also search each word's Kyrgyz, Russian and English\n"
    "                       counterparts from the glossary (multi-word terms\n"
    "                       too) and, for names it does not know, their\n"
    "                       transliteration (Arashan = Арашан), weighted at half\n"
    "                       the words typed\n"
    "      --sort ORDER     relevance (default) or date (newest first)\n"
    "      --from DATE      only articles of DATE or later (YYYY[-MM[-DD]])\n"
    "      --to DATE        only articles of DATE or earlier\n"
    "      --rubric RUBRIC  only articles of this rubric (as rubric:\"RUBRIC\")\n"
    "      --year YYYY      only articles of this year (as year:YYYY)\n"
    "      --facets         count the matches per year and per rubric\n"
    "      --format FORMAT  text (default), json, jsonl or csv\n"
    "      --fields LIST    the fields of json, jsonl and csv, e.g. rank,title,date\n"
    "                       (rank id path title date rubric issue page pages\n"
    "                       author lang score snippet; default all but author\n"
    "                       and lang)\n"
    "      --count          print only the number of matches\n"
    "  -h, --help           this help\n"
    "\n"
    "JSON: {\"query\", \"total\", \"offset\", \"suggestion\", \"facets\" (with --facets:\n"
    "{\"year\": {...}, \"rubric\": {...}}), \"hits\": [{\"rank\", \"id\", \"path\", \"title\",\n"
    "\"date\", \"rubric\", \"issue\", \"page\", \"pages\", \"score\", \"snippet\"}]}; the\n"
    "words that matched are in <mark>…</mark> in the snippet; unknown values\n"
    "are null; page (a number) and pages (\"14-17\") are a printed issue's\n"
    "(PDF) hit's, whose text output cites it: \"№ 2 (148), б. 14\".  CSV: RFC\n"
    "4180 with a header row.  \"suggestion\" is a corrected query, given only\n"
    "when it has hits.\n"
    "\n"
    "Exit status: 0 hits found, 1 no hits, 2 bad usage or query (the message\n"
    "says where), 3 database error (or ICU missing, for a query with characters\n"
    "beyond izde's own tables), 4 a remote shard cannot be reached (the\n"
    "message names it; see --allow-partial).\n"
    "\n"
    "Examples:\n"
    "  izde-search -d izde.db 'теңдештирүүчү гранттарды'\n"
    "  izde-search -d izde.db --format json -n 3 бюджет\n"
    "  izde-search -d izde.db '\"тегерек стол\"'\n"
    "  izde-search -d izde.db 'шайлоо NOT референдум'\n"
    "  izde-search -d izde.db --sort date --facets 'шайл*'\n"
    "  izde-search -d izde.db --format csv --fields rank,date,title 'rubric:Финансы'\n"
    "  izde-search -d izde.db --count 2018..2019\n";

static int parse_uint(const char *opt, const char *s, unsigned max, unsigned *out)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (errno || *end || !*s || *s == '-' || v > max) {
        izde_warn("%s: '%s' is not a number from 0 to %u", opt, s, max);
        return -1;
    }
    *out = (unsigned)v;
    return 0;
}

/* The query words joined with spaces; NULL on OOM. */
static char *join_args(int argc, char **argv)
{
    size_t n = 1;
    for (int i = 0; i < argc; i++)
        n += strlen(argv[i]) + 1;
    char *q = malloc(n), *p = q;
    if (!q)
        return NULL;
    *p = '\0';
    for (int i = 0; i < argc; i++)
        p += sprintf(p, "%s%s", i ? " " : "", argv[i]);
    return q;
}

static int pick(const char *opt, const char *v, const char *const *names, int n)
{
    for (int i = 0; i < n; i++)
        if (strcmp(v, names[i]) == 0)
            return i;
    izde_warn("%s: '%s' is not one of the choices (see --help)", opt, v);
    return -1;
}

/* Returns the exit status. */
static int search_and_print(izde_searcher *s, const char *query, const izde_search_opts *o,
                            izde_render_opts *ro, int format, int total_only)
{
    izde_results r;
    izde_error err = {0};
    if (izde_search(s, query, o, &r, &err) != IZDE_OK) {
        izde_warn("%s", err.msg);
        return err.code == IZDE_ERR_QUERY || err.code == IZDE_ERR_USAGE ? EXIT_USAGE
               : err.code == IZDE_ERR_NETWORK                          ? EXIT_NETWORK
                                                                        : EXIT_DB;
    }
    ro->color = isatty(STDOUT_FILENO);
    if (total_only)
        printf("%u\n", r.total);
    else if (format == FMT_JSON)
        izde_render_json(stdout, query, &r, ro);
    else if (format == FMT_JSONL)
        izde_render_jsonl(stdout, &r, ro);
    else if (format == FMT_CSV)
        izde_render_csv(stdout, &r, ro);
    else
        izde_render_text(stdout, query, &r, ro);
    int status = r.total ? 0 : EXIT_NO_HITS;
    izde_results_free(&r);
    return status;
}

int main(int argc, char **argv)
{
    enum { O_OFFSET = 256, O_ANY, O_EXPAND, O_FORMAT, O_SORT, O_FROM, O_TO, O_FACETS,
           O_FIELDS, O_TOTAL, O_RUBRIC, O_YEAR, O_PARTIAL };
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},
        {"limit", required_argument, NULL, 'n'},
        {"offset", required_argument, NULL, O_OFFSET},
        {"any", no_argument, NULL, O_ANY},
        {"lang-expand", no_argument, NULL, O_EXPAND},
        {"format", required_argument, NULL, O_FORMAT},
        {"sort", required_argument, NULL, O_SORT},
        {"from", required_argument, NULL, O_FROM},
        {"to", required_argument, NULL, O_TO},
        {"rubric", required_argument, NULL, O_RUBRIC},
        {"year", required_argument, NULL, O_YEAR},
        {"facets", no_argument, NULL, O_FACETS},
        {"fields", required_argument, NULL, O_FIELDS},
        {"count", no_argument, NULL, O_TOTAL},
        {"allow-partial", no_argument, NULL, O_PARTIAL},
        {"help", no_argument, NULL, 'h'},
        {0, 0, 0, 0},
    };
    static const char *const formats[] = {"text", "json", "jsonl", "csv"};
    static const char *const sorts[] = {"relevance", "date"};
    izde_set_progname("izde-search");
    const char *dbs[MAX_DBS];
    size_t ndb = 0;
    izde_search_opts o = {.count = 10, .snippet_bytes = SNIPPET_BYTES, .suggest = 1};
    izde_render_opts ro;
    izde_render_defaults(&ro);
    int format = FMT_TEXT, total_only = 0, allow_partial = 0, c;
    izde_error err = {0};
    while ((c = getopt_long(argc, argv, "d:n:h", opts, NULL)) != -1) {
        switch (c) {
        case 'd':
            if (ndb == MAX_DBS) {
                izde_warn("-d: at most %d databases", MAX_DBS);
                return EXIT_USAGE;
            }
            dbs[ndb++] = optarg;
            break;
        case 'n':
            if (parse_uint("-n", optarg, 10000, &o.count))
                return EXIT_USAGE;
            break;
        case O_OFFSET:
            if (parse_uint("--offset", optarg, 1000000, &o.offset))
                return EXIT_USAGE;
            break;
        case O_ANY: o.any = 1; break;
        case O_EXPAND: o.lang_expand = 1; break;
        case O_FORMAT:
            if ((format = pick("--format", optarg, formats, 4)) < 0)
                return EXIT_USAGE;
            break;
        case O_SORT: {
            int s = pick("--sort", optarg, sorts, 2);
            if (s < 0)
                return EXIT_USAGE;
            o.sort_date = s == 1;
            break;
        }
        case O_FROM: o.from = optarg; break;
        case O_TO: o.to = optarg; break;
        case O_RUBRIC: o.rubric = optarg; break;
        case O_YEAR: o.year = optarg; break;
        case O_FACETS: o.facets = 1; break;
        case O_FIELDS: {
            unsigned mask;
            if (izde_fields_parse(optarg, &mask, ro.order, &ro.norder, &err) != IZDE_OK) {
                izde_warn("%s", err.msg);
                return EXIT_USAGE;
            }
            break;
        }
        case O_TOTAL: total_only = 1; break;
        case O_PARTIAL: allow_partial = 1; break;
        case 'h': fputs(usage, stdout); return 0;
        default: fputs(usage, stderr); return EXIT_USAGE;
        }
    }
    if (ndb == 0 || optind >= argc) {
        izde_warn("%s", ndb == 0 ? "no database given (-d DB)" : "no query given");
        fputs(usage, stderr);
        return EXIT_USAGE;
    }
    if (total_only) {
        o.count = 0;
        o.suggest = 0;
        o.facets = 0;
    }
    if (format != FMT_TEXT || total_only)
        o.suggest = format == FMT_JSON && o.suggest;
    char *query = join_args(argc - optind, argv + optind);
    if (!query) {
        izde_warn("out of memory");
        return EXIT_DB;
    }
    izde_searcher *s = NULL;
    int status;
    if (izde_searcher_open_partial(dbs, ndb, allow_partial, &s, &err) != IZDE_OK) {
        izde_warn("%s", err.msg);
        status = err.code == IZDE_ERR_NETWORK ? EXIT_NETWORK : EXIT_DB;
    } else {
        if (izde_searcher_warning(s))
            izde_warn("warning: partial results, left out: %s", izde_searcher_warning(s));
        status = search_and_print(s, query, &o, &ro, format, total_only);
    }
    izde_searcher_close(s);
    free(query);
    if (fflush(stdout) != 0 && status == 0)
        status = EXIT_DB;
    return status;
}
