/* izde-index — reads the archive and writes the search database. */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "izde/article.h"
#include "izde/document.h"
#include "izde/status.h"
#include "izde/xapian.h"

enum { EXIT_SOME_FAILED = 1, EXIT_USAGE = 2, EXIT_DB = 3 };

/* Commit after this many articles, so that a crash loses little and
 * memory stays bounded. */
#define COMMIT_EVERY 1000

static const char usage[] =
    "Usage: izde-index -d DB [OPTIONS] PATH...\n"
    "Index the archive files under each PATH (files, or directories walked\n"
    "recursively) into the Xapian database DB, created if missing.\n"
    "An article's id is its path relative to the PATH it was found under; a\n"
    "file indexed again replaces its old version.\n"
    "\n"
    "Formats: .txt (the site's text export, or plain text whose first line\n"
    "is the title), .html/.htm (the site's pages).  UTF-8, UTF-16 with a BOM,\n"
    "Windows-1251 and KOI8-R are read.  Other files are skipped.\n"
    "\n"
    "Options:\n"
    "  -d, --db DB        the database directory (required)\n"
    "  -w, --wait SECONDS wait up to SECONDS for another writer's lock (0)\n"
    "      --max-size BYTES  refuse files larger than BYTES (default 16777216)\n"
    "  -v, --verbose      print each file and what was done with it\n"
    "  -q, --quiet        print only errors\n"
    "  -h, --help         this help\n"
    "\n"
    "Prints one summary line: articles indexed, skipped, failed.\n"
    "\n"
    "Exit status: 0 all indexed, 1 some files failed (the others were\n"
    "indexed), 2 bad usage, 3 database error (cannot open, locked).\n"
    "\n"
    "Example:\n"
    "  izde-index -d izde.db corpus\n";

typedef struct run {
    xap_db *db;
    izde_analyzer *an;
    int verbose, quiet;
    unsigned indexed, skipped, failed, pending;
    int db_failed;
} run;

static void report_db(const char *what, const xap_error *xe)
{
    char m[600];
    izde_warn("%s: %s", what, xap_error_text(xe, m, sizeof m));
}

/* Adds one article to the database; non-zero stops the run (database). */
static int add_article(void *ctx, izde_article *a)
{
    run *r = ctx;
    izde_error err = {0};
    xap_doc *doc = NULL;
    xap_error xe;
    char uid[256];
    /* What was wrong but readable: one line each, naming the file. */
    for (const char *w = a->warnings; w && *w;) {
        const char *nl = strchr(w, '\n');
        int n = nl ? (int)(nl - w) : (int)strlen(w);
        izde_warn("%.*s", n, w);
        w += n + (nl != NULL);
    }
    izde_status rc = IZDE_OK;
    if (xap_doc_new(&doc, &xe) != XAP_OK)
        rc = izde_fail(&err, IZDE_ERR_NOMEM, "%s: out of memory", a->path);
    if (rc == IZDE_OK)
        rc = izde_document_build(r->an, a, doc, &err);
    if (rc == IZDE_OK)
        rc = izde_document_uid(a->id, uid, sizeof uid, &err);
    if (rc == IZDE_OK && xap_db_replace_document(r->db, uid, doc, NULL, &xe) != XAP_OK) {
        report_db(a->path, &xe);
        r->db_failed = 1;
    }
    xap_doc_free(doc);
    if (r->db_failed)
        return 1;
    if (rc != IZDE_OK) {
        r->failed++;
        izde_warn("%s", err.msg);
        return 0;
    }
    r->indexed++;
    if (r->verbose)
        printf("add %s\n", a->id);
    if (++r->pending >= COMMIT_EVERY) {
        if (xap_db_commit(r->db, &xe) != XAP_OK) {
            report_db("commit", &xe);
            r->db_failed = 1;
            return 1;
        }
        r->pending = 0;
    }
    return 0;
}

static void index_file(run *r, const char *path, const char *id)
{
    if (!izde_article_is_supported(path)) {
        r->skipped++;
        if (r->verbose)
            printf("skip %s (not a format izde reads)\n", path);
        return;
    }
    izde_error err = {0};
    int rc = izde_read_articles(path, id, add_article, r, &err);
    if (rc < 0) {
        r->failed++;
        izde_warn("%s", err.msg);
    }
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Walks `dir` in name order; `rel` is its path relative to the root.
 * Symbolic links to directories are not followed (no loops). */
static void walk(run *r, const char *dir, const char *rel)
{
    DIR *d = opendir(dir);
    if (!d) {
        izde_warn("%s: cannot read directory: %s", dir, strerror(errno));
        r->failed++;
        return;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue; /* ., .., and hidden files */
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            char **p = realloc(names, cap * sizeof *p);
            if (!p)
                break;
            names = p;
        }
        if (!(names[n] = strdup(e->d_name)))
            break;
        n++;
    }
    closedir(d);
    qsort(names, n, sizeof *names, by_name);
    for (size_t i = 0; i < n && !r->db_failed; i++) {
        size_t pl = strlen(dir) + strlen(names[i]) + 2;
        size_t rl = strlen(rel) + strlen(names[i]) + 2;
        char *path = malloc(pl), *id = malloc(rl);
        if (path && id) {
            snprintf(path, pl, "%s/%s", dir, names[i]);
            snprintf(id, rl, "%s%s%s", rel, *rel ? "/" : "", names[i]);
            struct stat st;
            if (lstat(path, &st) != 0) {
                izde_warn("%s: %s", path, strerror(errno));
                r->failed++;
            } else if (S_ISDIR(st.st_mode)) {
                walk(r, path, id);
            } else if (S_ISREG(st.st_mode) ||
                       (S_ISLNK(st.st_mode) && stat(path, &st) == 0 &&
                        S_ISREG(st.st_mode))) {
                index_file(r, path, id);
            } else if (S_ISLNK(st.st_mode) && stat(path, &st) != 0) {
                /* A link that loops or points nowhere. */
                izde_warn("%s: broken symbolic link: %s", path, strerror(errno));
                r->failed++;
            } else if (r->verbose) {
                printf("skip %s (not a regular file)\n", path);
            }
        }
        free(path);
        free(id);
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

static void index_path(run *r, const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        izde_warn("%s: %s", path, strerror(errno));
        r->failed++;
        return;
    }
    if (S_ISDIR(st.st_mode)) {
        size_t n = strlen(path);
        char *dir = strdup(path);
        if (!dir)
            return;
        while (n > 1 && dir[n - 1] == '/')
            dir[--n] = '\0';
        walk(r, dir, "");
        free(dir);
    } else {
        const char *base = strrchr(path, '/');
        index_file(r, path, base ? base + 1 : path);
    }
}

int main(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},
        {"wait", required_argument, NULL, 'w'},
        {"max-size", required_argument, NULL, 'M'},
        {"verbose", no_argument, NULL, 'v'},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {0, 0, 0, 0},
    };
    izde_set_progname("izde-index");
    const char *dbpath = NULL;
    unsigned long wait_s = 0;
    run r = {0};
    int c;
    while ((c = getopt_long(argc, argv, "d:w:vqh", opts, NULL)) != -1) {
        char *end;
        switch (c) {
        case 'd': dbpath = optarg; break;
        case 'w':
            errno = 0;
            wait_s = strtoul(optarg, &end, 10);
            if (errno || *end || !*optarg || wait_s > 86400) {
                izde_warn("--wait: '%s' is not a number of seconds (0..86400)", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'M': {
            errno = 0;
            unsigned long long m = strtoull(optarg, &end, 10);
            if (errno || *end || !*optarg || m == 0 || *optarg == '-') {
                izde_warn("--max-size: '%s' is not a number of bytes (> 0)", optarg);
                return EXIT_USAGE;
            }
            izde_article_set_max_size(m);
            break;
        }
        case 'v': r.verbose = 1; break;
        case 'q': r.quiet = 1; break;
        case 'h': fputs(usage, stdout); return 0;
        default: fputs(usage, stderr); return EXIT_USAGE;
        }
    }
    if (!dbpath || optind >= argc) {
        izde_warn("%s", !dbpath ? "no database given (-d DB)" : "no PATH to index");
        fputs(usage, stderr);
        return EXIT_USAGE;
    }

    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    xap_error xe;
    izde_error err;
    if (xap_db_open_write(dbpath, XAP_DB_CREATE_OR_OPEN, (unsigned)wait_s * 1000u,
                          &r.db, &xe) != XAP_OK) {
        report_db(dbpath, &xe);
        return EXIT_DB;
    }
    if (izde_analyzer_new(&r.an, &err) != IZDE_OK) {
        izde_warn("%s", err.msg);
        xap_db_close(r.db);
        return EXIT_DB;
    }
    for (int i = optind; i < argc && !r.db_failed; i++)
        index_path(&r, argv[i]);
    if (!r.db_failed && xap_db_commit(r.db, &xe) != XAP_OK) {
        report_db("commit", &xe);
        r.db_failed = 1;
    }
    izde_analyzer_free(r.an);
    xap_db_close(r.db);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    if (!r.quiet)
        printf("izde-index: %u articles indexed, %u skipped, %u failed (%.2f s)\n",
               r.indexed, r.skipped, r.failed, secs);
    return r.db_failed ? EXIT_DB : r.failed ? EXIT_SOME_FAILED : 0;
}
