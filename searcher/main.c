/* izde-search — searches the database from a shell. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "izde/render.h"
#include "izde/search.h"

enum { EXIT_NO_HITS = 1, EXIT_USAGE = 2, EXIT_DB = 3 };
#define MAX_DBS 64
#define SNIPPET_BYTES 300

static const char usage[] =
    "Usage: izde-search -d DB [OPTIONS] QUERY...\n"
    "Search the izde database DB.  The words of QUERY are joined with spaces.\n"
    "\n"
    "Query: every word is required, in any inflected form (гранттар finds\n"
    "гранттарды, грант); \"quoted words\" (also «…») are an exact phrase;\n"
    "function words (жана, менен, үчүн …) are not required; a word typed\n"
    "with н, о, у for ң, ө, ү finds the correct spelling.\n"
    "\n"
    "Options:\n"
    "  -d, --db DB          database to search (repeat to search several as one)\n"
    "  -n, --count N        show N hits (default 10, at most 10000)\n"
    "      --offset K       skip the first K hits (default 0)\n"
    "      --any            any word may match (ranked), not every word\n"
    "      --format FORMAT  text (default) or json\n"
    "  -h, --help           this help\n"
    "\n"
    "JSON: {\"query\", \"total\", \"offset\", \"hits\": [{\"rank\", \"id\", \"path\",\n"
    "\"title\", \"date\", \"rubric\", \"issue\", \"score\", \"snippet\"}]}; the words\n"
    "that matched are in <mark>…</mark> in the snippet.\n"
    "\n"
    "Exit status: 0 hits found, 1 no hits, 2 bad usage or query, 3 database\n"
    "error.\n"
    "\n"
    "Examples:\n"
    "  izde-search -d izde.db 'теңдештирүүчү гранттарды'\n"
    "  izde-search -d izde.db --format json -n 3 бюджет\n"
    "  izde-search -d izde.db '\"тегерек стол\"'\n";

static int parse_uint(const char *opt, const char *s, unsigned max, unsigned *out)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (errno || *end || !*s || *s == '-' || v > max) {
        fprintf(stderr, "izde-search: %s: '%s' is not a number from 0 to %u\n", opt, s, max);
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

int main(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},
        {"count", required_argument, NULL, 'n'},
        {"offset", required_argument, NULL, 'o'},
        {"any", no_argument, NULL, 'a'},
        {"format", required_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},
        {0, 0, 0, 0},
    };
    izde_set_progname("izde-search");
    const char *dbs[MAX_DBS];
    size_t ndb = 0;
    izde_search_opts o = {.count = 10, .snippet_bytes = SNIPPET_BYTES};
    int json = 0, c;
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
        case 'o':
            if (parse_uint("--offset", optarg, 1000000, &o.offset))
                return EXIT_USAGE;
            break;
        case 'a': o.any = 1; break;
        case 'f':
            if (strcmp(optarg, "json") == 0)
                json = 1;
            else if (strcmp(optarg, "text") != 0) {
                izde_warn("--format: '%s' is not text or json", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'h': fputs(usage, stdout); return 0;
        default: fputs(usage, stderr); return EXIT_USAGE;
        }
    }
    if (ndb == 0 || optind >= argc) {
        izde_warn("%s", ndb == 0 ? "no database given (-d DB)" : "no query given");
        fputs(usage, stderr);
        return EXIT_USAGE;
    }
    char *query = join_args(argc - optind, argv + optind);
    if (!query) {
        izde_warn("out of memory");
        return EXIT_DB;
    }
    izde_error err = {0};
    izde_searcher *s = NULL;
    izde_results r;
    int status;
    if (izde_searcher_open(dbs, ndb, &s, &err) != IZDE_OK) {
        izde_warn("%s", err.msg);
        status = EXIT_DB;
    } else if (izde_search(s, query, &o, &r, &err) != IZDE_OK) {
        izde_warn("%s", err.msg);
        status = err.code == IZDE_ERR_QUERY ? EXIT_USAGE : EXIT_DB;
    } else {
        if (json)
            izde_render_json(stdout, query, &r);
        else
            izde_render_text(stdout, query, &r, isatty(STDOUT_FILENO));
        status = r.total ? 0 : EXIT_NO_HITS;
        izde_results_free(&r);
    }
    izde_searcher_close(s);
    free(query);
    if (fflush(stdout) != 0 && status == 0)
        status = EXIT_DB;
    return status;
}
