/* izde-index — reads the archive and writes the search database.
 *
 * A run: take the writers' lock (izde/dbdir.h), list the files under each
 * PATH (walk.h), read what the database holds (catalog.h), then for each
 * file decide from its fingerprint (izde/fingerprint.h) whether it is new
 * (add), changed (update in place), unchanged (nothing, or a new mtime
 * recorded), and finally delete the files of a walked directory that are
 * gone.  Commits come every N articles or T seconds, between files, so
 * that a killed run leaves each file whole at its old or its new version
 * and the next run takes up from there; inside an issue file that alone
 * reaches the limit, between two of its articles, with its articles marked
 * unfinished until its end (commit_inside).  --full writes a new
 * generation of the database and swaps it in when it is complete. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "catalog.h"
#include "izde/article.h"
#include "izde/dbdir.h"
#include "izde/document.h"
#include "izde/fingerprint.h"
#include "izde/glossary.h"
#include "izde/pdf.h"
#include "izde/schema.h"
#include "izde/status.h"
#include "izde/xapian.h"
#include "progress.h"
#include "walk.h"
#include "workers.h"

enum { EXIT_SOME_FAILED = 1, EXIT_USAGE = 2, EXIT_DB = 3 };

/* Xapian refuses terms over 245 bytes. */
#define TERM_MAX 245
/* The metadata key listing the indexed directories, one real path a line;
 * a root's number is its line number. */
#define ROOTS_KEY "izde.roots"
#define JOBS_MAX 64
/* Threads of the walk (at most --jobs): it waits on the kernel's path
 * lookups, which more than a few threads do not speed up. */
#define WALK_THREADS 4

static const char usage[] =
    "Usage: izde-index -d DB [OPTIONS] PATH...\n"
    "Index the archive files under each PATH (files, or directories walked\n"
    "recursively) into the Xapian database DB, created if missing.\n"
    "An article's id is its path relative to the PATH it was found under.\n"
    "\n"
    "Incremental: a file whose size and mtime (or, if they changed, content)\n"
    "are those indexed is not read again; a changed file is re-indexed in\n"
    "place; a file gone from a directory PATH is removed from the database.\n"
    "\n"
    "Formats: .txt (the site's text export, or plain text whose first line\n"
    "is the title), .html/.htm (the site's pages), .xml (an issue and its\n"
    "articles, each its own document FILE#ID, validated against the issue\n"
    "schema izde-issue.rng; an issue with an error anywhere is not indexed),\n"
    ".pdf (the printed issues: an article an entry of its issue XML's map or\n"
    "of its contents page, else a hit a page).  UTF-8, UTF-16 with a BOM,\n"
    "Windows-1251 and KOI8-R are read.  Other files are skipped.\n"
    "\n"
    "Options:\n"
    "  -d, --db DB            the database directory (required)\n"
    "  -w, --wait SECONDS     wait up to SECONDS for another run's lock (0)\n"
    "      --full             rebuild from scratch into a new database and\n"
    "                         swap it in when complete (readers never see a\n"
    "                         half-built index)\n"
    "      --shards N         split the database into N shards (1..256), each\n"
    "                         file's articles in the shard a hash of its id\n"
    "                         picks; DB/XAPIANDB, a Xapian stub, lists them.\n"
    "                         A database keeps its number of shards: another\n"
    "                         N is refused unless --full, which rebuilds\n"
    "                         into N (default: the number it has, 1 for new)\n"
    "  -j, --jobs N           processes building a new database (--full or a\n"
    "                         first build) in parallel (default: the number\n"
    "                         of CPUs); with one shard their parts are merged\n"
    "                         (Xapian's compact).  -j 1 builds a first\n"
    "                         database of one shard in place, resumable.\n"
    "                         Also the threads that list the files (4 at\n"
    "                         most), in every run\n"
    "      --no-delete        keep the articles of files that are gone\n"
    "      --commit-every N   commit after N articles (1000; 500 in a new\n"
    "                         database built whole, --full or a parallel\n"
    "                         first build, which readers see only when it\n"
    "                         is swapped in)\n"
    "      --commit-seconds T commit at least every T seconds (60; 0 = off)\n"
    "      --max-size BYTES   refuse files (an issue XML's articles) larger\n"
    "                         than BYTES (default 16777216)\n"
    "      --max-pdf-size BYTES  refuse PDFs larger than BYTES (default 268435456)\n"
    "      --max-pages N      read at most the first N pages of a PDF (2000)\n"
    "  -g, --glossary FILE    the Kyrgyz-Russian-English glossary to write into\n"
    "                         DB as synonyms for izde-search --lang-expand\n"
    "                         (default: the built-in data/glossary.tsv)\n"
    "      --no-glossary      remove the glossary's synonyms from DB\n"
    "  -v, --verbose          print each file and its action: add, update,\n"
    "                         same, touch (only its mtime changed), delete,\n"
    "                         skip, fail; and each commit\n"
    "  -q, --quiet            print only errors\n"
    "  -h, --help             this help\n"
    "\n"
    "On a terminal a progress bar shows files done/total, articles/s and the\n"
    "time left; otherwise only warnings and one summary line are printed:\n"
    "files added, updated, deleted, unchanged, failed, skipped; seconds.\n"
    "\n"
    "Exit status: 0 all good, 1 some files failed (the others were\n"
    "indexed), 2 bad usage, a malformed glossary, or --shards N other than\n"
    "the database's without --full, 3 database or lock error (another run\n"
    "holds the lock: the message names its pid; a failed rebuild leaves\n"
    "the database as it was).\n"
    "\n"
    "Examples:\n"
    "  izde-index -d izde.db corpus\n"
    "  izde-index -q -w 600 -d izde.db corpus\n"
    "  izde-index --full -d izde.db corpus\n"
    "  izde-index --full --shards 4 -d izde.db corpus\n";

typedef struct run {
    /* options */
    const char *dbpath;
    int verbose, quiet, full, no_delete;
    unsigned shards; /* --shards N; 0: as the database has */
    unsigned jobs;   /* --jobs N */
    unsigned long commit_every; /* --commit-every N; 0: the default */
    double commit_seconds;
    izde_glossary *glossary; /* written as synonyms; NULL: --no-glossary */
    /* state */
    xap_db **dbs;  /* the databases written: a file goes to
                      dbs[izde_dbdir_shard_of(id, ndbs)]; NULL: another
                      worker's */
    unsigned ndbs;
    unsigned char *part_of; /* instead: the database of each walked file
                               (parts to merge), or NULL */
    xap_db *db;    /* the one the current file goes to */
    worker_state *report; /* a worker's counts and progress, or NULL */
    izde_analyzer *an;
    izde_glossary_terms *terms; /* the glossary's, made at the first article */
    catalog cat;
    walk_root *roots;
    size_t nroots;
    walk_list files;
    index_counts n;
    unsigned long pending; /* changes since the last commit */
    double last_commit;
    int db_failed;
    progress bar;
    /* the file being read */
    xap_docid *docids;     /* its documents written so far */
    size_t ndocids, capdocids;
    int file_failed;
    unsigned file_root;
    const char *file_id;
    int unfinished; /* committed before its end: its fingerprints are zero */
    char value[TERM_MAX + 128]; /* its fingerprint value */
    size_t value_len;
    char file_term[TERM_MAX + 1]; /* "XP" + file id */
} run;

/* ---- messages ------------------------------------------------------------- */

/* An error: always printed. */
static void complain(run *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void complain(run *r, const char *fmt, ...)
{
    char m[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(m, sizeof m, fmt, ap);
    va_end(ap);
    progress_clear(&r->bar);
    izde_warn("%s", m);
}

/* A warning: not under -q. */
#define note(r, ...)                                                        \
    do {                                                                    \
        if (!(r)->quiet)                                                    \
            complain((r), __VA_ARGS__);                                     \
    } while (0)

static void db_error(run *r, const char *what, const xap_error *xe)
{
    char m[600];
    complain(r, "%s: %s", what, xap_error_text(xe, m, sizeof m));
    r->db_failed = 1;
}

/* -v: one line per file (or commit), flushed line by line. */
static void say(run *r, const char *action, const char *path, const char *id)
{
    if (!r->verbose)
        return;
    size_t n = strlen(path);
    while (id && n > 1 && path[n - 1] == '/')
        n--; /* "corpus/" + "/" + id */
    printf("%s %.*s%s%s\n", action, (int)n, path, id ? "/" : "", id ? id : "");
}

/* ---- commits ---------------------------------------------------------------- */

static void commit(run *r)
{
    xap_error xe;
    for (unsigned k = 0; k < r->ndbs; k++)
        if (r->dbs[k] && xap_db_commit(r->dbs[k], &xe) != XAP_OK) {
            db_error(r, "commit", &xe);
            return;
        }
    /* Only commits readers see: a new generation's are not. */
    if (r->verbose && !r->full)
        printf("commit %lu\n", r->pending);
    r->pending = 0;
    r->last_commit = progress_now();
}

/* Articles between commits, unless --commit-every says: readers see each
 * commit of a database in place; a new generation is seen, whole, only at
 * its swap, and its commits only bound what Xapian buffers.  Left to itself
 * Xapian buffers 10 000 documents' postings before it flushes, and inserting
 * into maps that large cost a parallel build of 20 000 articles 59 s of CPU
 * instead of 37 (make bench); 500 rather than 1000 took 6 to 11 % less CPU
 * again (10 000 resampled articles, -j 1, two builds side by side). */
#define COMMIT_EVERY 1000
#define COMMIT_EVERY_NEW 500

/* Parts to merge are written in blocks of Xapian's default size, and their
 * merge writes IZDE_BLOCK_SIZE ones: half the system calls of 4 KB blocks
 * while a part is built (20 000 resampled articles, -j 2: 1.9 s of system
 * CPU instead of 2.6-3.7; 16 and 32 KB gained nothing more). */
#define PART_BLOCK_SIZE 8192u

static int commit_due(const run *r)
{
    unsigned long every = r->commit_every ? r->commit_every
                        : r->full         ? COMMIT_EVERY_NEW
                                          : COMMIT_EVERY;
    return r->pending >= every ||
           (r->commit_seconds > 0 && progress_now() - r->last_commit >= r->commit_seconds);
}

/* Between files: a file's articles are committed together (but see
 * commit_inside). */
static void maybe_commit(run *r, int force)
{
    if (r->db_failed || r->pending == 0)
        return;
    if (force || commit_due(r))
        commit(r);
}

/* ---- one file's documents ---------------------------------------------------- */

/* Points r->db at the database of file `id` (walked file `f`, if not
 * NULL): 0 if it is another worker's. */
static int select_db(run *r, const char *id, const walk_file *f)
{
    r->db = r->dbs[f && r->part_of ? r->part_of[f - r->files.v] : izde_dbdir_shard_of(id, r->ndbs)];
    return r->db != NULL;
}

static int set_file_term(run *r, const char *id)
{
    int n = snprintf(r->file_term, sizeof r->file_term, "%s%s", IZDE_PFX_FILE, id);
    return n > 0 && (size_t)n < sizeof r->file_term;
}

static int push_docid(void *ctx, xap_docid id)
{
    run *r = ctx;
    if (r->ndocids == r->capdocids) {
        size_t cap = r->capdocids ? r->capdocids * 2 : 16;
        xap_docid *v = realloc(r->docids, cap * sizeof *v);
        if (!v)
            return 1;
        r->docids = v;
        r->capdocids = cap;
    }
    r->docids[r->ndocids++] = id;
    return 0;
}

/* The documents of the current file (r->file_term) into r->docids. */
static int list_file_docs(run *r)
{
    xap_error xe;
    r->ndocids = 0;
    if (xap_db_postings(r->db, r->file_term, push_docid, r, &xe) != XAP_OK) {
        db_error(r, r->file_term + strlen(IZDE_PFX_FILE), &xe);
        return -1;
    }
    return 0;
}

/* Writes r->value into the fingerprint slot of r->docids[0..n). */
static void rewrite_fingerprints(run *r, const char *path)
{
    xap_error xe;
    for (size_t i = 0; i < r->ndocids && !r->db_failed; i++) {
        xap_doc *doc = NULL;
        if (xap_db_get_document(r->db, r->docids[i], &doc, &xe) != XAP_OK ||
            xap_doc_set_value(doc, IZDE_SLOT_FINGERPRINT, r->value, r->value_len, &xe) != XAP_OK ||
            xap_db_replace_docid(r->db, r->docids[i], doc, &xe) != XAP_OK)
            db_error(r, path, &xe);
        xap_doc_free(doc);
    }
    r->pending += r->ndocids;
}

static int set_value(run *r, const izde_fingerprint *fp, unsigned root, const char *id)
{
    r->value_len = izde_fingerprint_format(fp, root, id, r->value, sizeof r->value);
    return r->value_len > 0;
}

/* A file of many articles (an issue of thousands) is not held in memory
 * whole: a commit that falls due between two of its articles is made, its
 * articles written so far marked unfinished first (a zero fingerprint, as
 * the rest of it will be written), so that a run killed before its end
 * reads it again; index_file() writes the real fingerprint at the end. */
static void commit_inside(run *r, const char *path)
{
    if (!r->unfinished) {
        izde_fingerprint zero = {0};
        set_value(r, &zero, r->file_root, r->file_id);
        rewrite_fingerprints(r, path);
        r->unfinished = 1;
    }
    if (!r->db_failed)
        commit(r);
}

/* Adds one article of the current file; non-zero stops the reading (the
 * database failed). */
static int add_article(void *ctx, izde_article *a)
{
    run *r = ctx;
    if (r->ndocids && commit_due(r)) /* not the file's first article */
        commit_inside(r, a->path);
    if (r->db_failed)
        return 1;
    izde_error err = {0};
    xap_doc *doc = NULL;
    xap_error xe;
    char uid[TERM_MAX + 1];
    xap_docid docid = 0;
    /* What was wrong but readable: one line each, naming the file. */
    for (const char *w = a->warnings; w && *w;) {
        const char *nl = strchr(w, '\n');
        int n = nl ? (int)(nl - w) : (int)strlen(w);
        note(r, "%.*s", n, w);
        w += n + (nl != NULL);
    }
    izde_status rc = IZDE_OK;
    if (xap_doc_new(&doc, &xe) != XAP_OK)
        rc = izde_fail(&err, IZDE_ERR_NOMEM, "%s: out of memory", a->path);
    /* The glossary's terms are stemmed for the first article, not for a
     * run that reads none. */
    if (rc == IZDE_OK && r->glossary && !r->terms)
        rc = izde_glossary_terms_new(r->glossary, r->an, &r->terms, &err);
    if (rc == IZDE_OK)
        rc = izde_document_build(r->an, r->terms, a, doc, &err);
    if (rc == IZDE_OK)
        rc = izde_document_uid(a->id, uid, sizeof uid, &err);
    if (rc == IZDE_OK &&
        (xap_doc_add_boolean_term(doc, r->file_term, &xe) != XAP_OK ||
         xap_doc_set_value(doc, IZDE_SLOT_FINGERPRINT, r->value, r->value_len, &xe) != XAP_OK ||
         xap_db_replace_document(r->db, uid, doc, &docid, &xe) != XAP_OK))
        db_error(r, a->path, &xe);
    xap_doc_free(doc);
    if (r->db_failed)
        return 1;
    if (rc != IZDE_OK) {
        r->file_failed = 1;
        complain(r, "%s", err.msg);
        return 0;
    }
    if (push_docid(r, docid)) {
        complain(r, "%s: out of memory", a->path);
        r->db_failed = 1;
        return 1;
    }
    r->n.articles++;
    r->pending++;
    return 0;
}

static int written_now(const run *r, xap_docid id, size_t nwritten)
{
    for (size_t i = 0; i < nwritten; i++)
        if (r->docids[i] == id)
            return 1;
    return 0;
}

/* After an update: the articles the file no longer has. */
static void delete_stale_articles(run *r, const char *path)
{
    size_t nwritten = r->ndocids;
    if (xap_db_postings(r->db, r->file_term, push_docid, r, NULL) != XAP_OK) {
        complain(r, "%s: cannot list its old articles", path);
        r->db_failed = 1;
        return;
    }
    xap_error xe;
    for (size_t i = nwritten; i < r->ndocids && !r->db_failed; i++)
        if (!written_now(r, r->docids[i], nwritten)) {
            if (xap_db_delete_docid(r->db, r->docids[i], &xe) != XAP_OK)
                db_error(r, path, &xe);
            r->pending++;
        }
}

/* Reads the file and writes its articles (added or, same Q id, replaced). */
static void index_file(run *r, const walk_file *f, const izde_fingerprint *fp,
                       unsigned root, int known)
{
    izde_error err = {0};
    r->ndocids = 0;
    r->file_failed = 0;
    r->unfinished = 0;
    r->file_root = root;
    r->file_id = f->id;
    if (!set_file_term(r, f->id) || !set_value(r, fp, root, f->id)) {
        r->n.failed++;
        complain(r, "%s: the path is too long for an id (%d bytes at most)", f->path,
                 TERM_MAX - 2);
        say(r, "fail", f->path, NULL);
        return;
    }
    int rc = izde_read_articles(f->path, f->id, add_article, r, &err);
    if (r->db_failed)
        return;
    if (rc < 0 || r->file_failed) {
        r->n.failed++;
        if (rc < 0)
            complain(r, "%s", err.msg);
        say(r, "fail", f->path, NULL);
        /* Articles already written must not look up to date: a zero
         * fingerprint makes the next run read the file again. */
        izde_fingerprint zero = {0};
        if (r->ndocids && set_value(r, &zero, root, f->id))
            rewrite_fingerprints(r, f->path);
        return;
    }
    if (r->unfinished && set_value(r, fp, root, f->id)) /* whole now */
        rewrite_fingerprints(r, f->path);
    if (known)
        delete_stale_articles(r, f->path);
    if (known)
        r->n.updated++;
    else
        r->n.added++;
    say(r, known ? "update" : "add", f->path, NULL);
}

/* Same content, new mtime (or found under another root): record the new
 * fingerprint so that the next run takes the fast path again. */
static void touch_file(run *r, const walk_file *f, const izde_fingerprint *fp, unsigned root)
{
    if (!set_file_term(r, f->id) || !set_value(r, fp, root, f->id) || list_file_docs(r))
        return;
    rewrite_fingerprints(r, f->path);
    r->n.unchanged++;
    say(r, "touch", f->path, NULL);
}

/* Returns 0 if the file is another worker's. */
static int process_file(run *r, const walk_file *f)
{
    const walk_root *root = &r->roots[f->root];
    if (!select_db(r, f->id, f))
        return 0;
    if (!izde_article_is_supported(f->path)) {
        r->n.skipped++;
        say(r, "skip", f->path, NULL);
        return 1;
    }
    catalog_entry *e = catalog_find(&r->cat, f->id);
    if (e)
        e->seen = 1;
    int comparable = e && !e->mixed && e->root == root->number;
    izde_fingerprint fp = f->fp;
    if (comparable && izde_fingerprint_same_stat(&e->fp, &fp)) {
        r->n.unchanged++;
        say(r, "same", f->path, NULL);
        return 1;
    }
    /* A file over the limit is not hashed: reading it fails with the
     * reason. */
    if (fp.size <= IZDE_MAX_FILE_SIZE) {
        izde_error err = {0};
        if (izde_hash_file(f->path, &fp.hash, &err) != IZDE_OK) {
            r->n.failed++;
            complain(r, "%s", err.msg);
            say(r, "fail", f->path, NULL);
            return 1;
        }
        if (e && !e->mixed && e->fp.hash == fp.hash && e->fp.size == fp.size) {
            touch_file(r, f, &fp, root->number);
            return 1;
        }
    }
    index_file(r, f, &fp, root->number, e != NULL);
    return 1;
}

/* ---- files gone ------------------------------------------------------------------ */

static void delete_gone(run *r, const walk_root *root)
{
    if (r->no_delete || !root->is_dir || r->db_failed)
        return;
    size_t gone = 0;
    for (size_t i = 0; i < r->cat.n; i++)
        gone += r->cat.v[i].root == root->number && !r->cat.v[i].seen;
    if (gone == 0)
        return;
    if (root->incomplete) {
        note(r, "%s: part of it could not be read: its %zu files not found are kept", root->arg,
             gone);
        return;
    }
    if (root->count == 0) {
        note(r, "%s: is empty: its %zu indexed files are kept (an archive not mounted?); "
                "--full rebuilds without them", root->arg, gone);
        return;
    }
    xap_error xe;
    for (size_t i = 0; i < r->cat.n && !r->db_failed; i++) {
        catalog_entry *e = &r->cat.v[i];
        if (e->root != root->number || e->seen)
            continue;
        if (!set_file_term(r, e->id) || !select_db(r, e->id, NULL))
            continue; /* cannot have been indexed */
        if (xap_db_delete_document(r->db, r->file_term, &xe) != XAP_OK) {
            db_error(r, e->id, &xe);
            break;
        }
        r->n.deleted++;
        r->pending++;
        say(r, "delete", root->arg, e->id);
        maybe_commit(r, 0);
    }
}

/* ---- roots ------------------------------------------------------------------------ */

/* Numbers the directory roots by the database's list (ROOTS_KEY), adding
 * the new ones. */
static int number_roots(run *r)
{
    xap_error xe;
    char *list = NULL;
    size_t len = 0;
    if (xap_db_get_metadata(r->db, ROOTS_KEY, &list, &len, &xe) != XAP_OK) {
        db_error(r, r->dbpath, &xe);
        return -1;
    }
    int changed = 0;
    for (size_t i = 0; i < r->nroots; i++) {
        walk_root *root = &r->roots[i];
        if (!root->is_dir)
            continue;
        unsigned number = 1;
        const char *line = list;
        size_t rl = strlen(root->real);
        for (; *line; number++) {
            const char *nl = strchr(line, '\n');
            size_t ll = nl ? (size_t)(nl - line) : strlen(line);
            if (ll == rl && !memcmp(line, root->real, rl))
                break;
            line = nl ? nl + 1 : line + ll;
        }
        if (!*line) { /* a new root: append it */
            size_t n = strlen(list) + rl + 2;
            char *more = realloc(list, n);
            if (!more) {
                free(list);
                complain(r, "%s: out of memory", root->arg);
                r->db_failed = 1;
                return -1;
            }
            list = more;
            strcat(strcat(list, root->real), "\n");
            changed = 1;
        }
        root->number = number;
    }
    for (unsigned k = 0; changed && k < r->ndbs && !r->db_failed; k++)
        if (r->dbs[k] && xap_db_set_metadata(r->dbs[k], ROOTS_KEY, list, strlen(list), &xe) != XAP_OK)
            db_error(r, r->dbpath, &xe);
    r->pending += changed;
    free(list);
    return r->db_failed ? -1 : 0;
}

/* The PATHs given: stat()ed, real paths, duplicates dropped. */
static int resolve_roots(run *r, char **args, int n)
{
    r->roots = calloc((size_t)n, sizeof *r->roots);
    if (!r->roots)
        return -1;
    for (int i = 0; i < n; i++) {
        struct stat st;
        if (stat(args[i], &st) != 0) {
            complain(r, "%s: %s", args[i], strerror(errno));
            r->n.failed++;
            continue;
        }
        if (!S_ISDIR(st.st_mode) && !S_ISREG(st.st_mode)) {
            /* A FIFO or a device: opening it could block the run. */
            complain(r, "%s: not a regular file", args[i]);
            r->n.failed++;
            continue;
        }
        char *real = realpath(args[i], NULL);
        if (!real)
            return -1;
        int dup = 0;
        for (size_t j = 0; j < r->nroots && !dup; j++)
            dup = !strcmp(r->roots[j].real, real);
        if (dup) {
            free(real);
            continue;
        }
        walk_root *root = &r->roots[r->nroots++];
        root->arg = args[i];
        root->real = real;
        root->is_dir = S_ISDIR(st.st_mode);
    }
    return 0;
}

static void free_roots(run *r)
{
    for (size_t i = 0; i < r->nroots; i++)
        free(r->roots[i].real);
    free(r->roots);
}

/* ---- the run ------------------------------------------------------------------------ */

static int walk_all(run *r)
{
    izde_error err = {0};
    for (size_t i = 0; i < r->nroots; i++)
        if (walk_root_files(&r->roots[i], i, &r->files, r->jobs < WALK_THREADS ? r->jobs : WALK_THREADS,
                            &r->n.failed, &err) != IZDE_OK) {
            complain(r, "%s", err.msg);
            r->db_failed = 1;
            return -1;
        }
    return 0;
}

/* The files of this process's databases, then the gone ones. */
static void index_all(run *r)
{
    size_t done = 0;
    for (size_t i = 0; i < r->nroots && !r->db_failed; i++) {
        const walk_root *root = &r->roots[i];
        for (size_t k = 0; k < root->count && !r->db_failed; k++) {
            if (!process_file(r, &r->files.v[root->first + k]))
                continue;
            maybe_commit(r, 0);
            progress_show(&r->bar, ++done, r->n.articles, 0);
            if (r->report) {
                r->report->n = r->n;
                r->report->done = done;
            }
        }
        delete_gone(r, root);
    }
    maybe_commit(r, 1);
    progress_show(&r->bar, done, r->n.articles, 1);
    progress_clear(&r->bar);
    if (r->report)
        r->report->n = r->n;
}

/* Opens paths[k] for writing as r->dbs[k] (a NULL path: not this
 * process's). */
static int open_dbs(run *r, char *const *paths, unsigned n, int flags, unsigned block_size,
                    unsigned wait_ms)
{
    if (!(r->dbs = calloc(n, sizeof *r->dbs))) {
        complain(r, "%s: out of memory", r->dbpath);
        return -1;
    }
    r->ndbs = n;
    for (unsigned k = 0; k < n; k++) {
        xap_error xe;
        if (!paths[k])
            continue;
        if (xap_db_open_write(paths[k], flags, block_size, wait_ms, &r->dbs[k], &xe) != XAP_OK) {
            char m[600];
            if (xe.code == XAP_ERR_LOCKED)
                complain(r, "%s: locked by a writer that is not izde-index (%s)", r->dbpath,
                         xap_error_text(&xe, m, sizeof m));
            else
                complain(r, "%s: %s", paths[k], xap_error_text(&xe, m, sizeof m));
            return -1;
        }
        if (!r->db)
            r->db = r->dbs[k];
    }
    return 0;
}

static void close_dbs(run *r)
{
    for (unsigned k = 0; k < r->ndbs; k++)
        xap_db_close(r->dbs[k]);
    free(r->dbs);
    r->dbs = NULL;
    r->ndbs = 0;
    r->db = NULL;
}

static int had_articles(xap_db *db)
{
    unsigned n = 0;
    return xap_db_doccount(db, &n, NULL) == XAP_OK && n > 0;
}

/* Writes the glossary into each open database, reads what they hold
 * (incremental runs), numbers the roots and indexes the files. */
static void index_into_dbs(run *r)
{
    izde_error err = {0};
    xap_error xe;
    if (izde_analyzer_new(&r->an, &err) != IZDE_OK) {
        complain(r, "%s", err.msg);
        r->db_failed = 1;
        return;
    }
    xap_db *first = r->db;
    int told = 0;
    for (unsigned k = 0; k < r->ndbs && !r->db_failed; k++) {
        size_t pairs = 0;
        if (!r->dbs[k])
            continue;
        /* Of parts to merge only the first gets the glossary (Xapian's
         * compact merges synonyms): each copy cost a part 0.1 s. */
        int glossary = !(r->part_of && k > 0);
        if (glossary && izde_glossary_install(r->glossary, r->an, r->dbs[k], &pairs, &err) != IZDE_OK) {
            complain(r, "%s", err.msg);
            r->db_failed = 1;
        } else if (pairs && xap_db_commit(r->dbs[k], &xe) != XAP_OK) {
            complain(r, "%s: glossary: %s", r->dbpath, xe.msg);
            r->db_failed = 1;
        } else if (pairs && !told && !r->full && had_articles(r->dbs[k])) {
            /* The articles' glossary terms (glossary.h) are the old one's. */
            note(r, "%s: the glossary changed: one-word queries rank the articles indexed "
                    "before by the old one's terms until izde-index --full",
                 r->dbpath);
            told = 1;
        }
        if (!r->db_failed && !r->full && catalog_load(r->dbs[k], &r->cat, &err) != IZDE_OK) {
            complain(r, "%s: %s", r->dbpath, err.msg);
            r->db_failed = 1;
        }
    }
    r->db = first;
    r->last_commit = progress_now();
    if (!r->db_failed && number_roots(r) == 0)
        index_all(r);
}

/* ---- a new generation --------------------------------------------------------------- */

/* How a new generation is built: `nparts` databases, each by one of
 * `nworkers` processes (part k by worker k % nworkers), then, if there are
 * more parts than shards, compacted into one. */
typedef struct build {
    run *r;
    char **parts;
    unsigned nparts, nworkers;
} build;

static int build_worker(void *ctx, unsigned w, worker_state *state)
{
    build *b = ctx;
    run *r = b->r;
    char **mine = calloc(b->nparts, sizeof *mine);
    if (!mine) {
        complain(r, "%s: out of memory", r->dbpath);
        return EXIT_DB;
    }
    for (unsigned k = w; k < b->nparts; k += b->nworkers)
        mine[k] = b->parts[k];
    if (state) { /* a fork()ed worker: the parent draws and counts */
        r->report = state;
        r->bar.on = 0;
        memset(&r->n, 0, sizeof r->n);
    }
    /* A new generation is thrown away if its build fails and nobody reads
     * it before its swap: written in place (10 000 resampled articles, -j 1:
     * 126 MB instead of 185, 6-10 % less CPU in 2 of 3 pairs).  Parts to
     * merge are thrown away whatever happens: no syncs either. */
    int flags = XAP_DB_CREATE_OR_OVERWRITE | XAP_DB_IN_PLACE |
                (r->part_of ? XAP_DB_NO_SYNC : 0);
    if (open_dbs(r, mine, b->nparts, flags, r->part_of ? PART_BLOCK_SIZE : IZDE_BLOCK_SIZE, 0) == 0)
        index_into_dbs(r);
    else
        r->db_failed = 1;
    close_dbs(r);
    free(mine);
    return r->db_failed ? EXIT_DB : 0;
}

/* Parts to merge: consecutive runs of the walked files, of about equal
 * bytes, so that the merged database numbers the articles in walk order,
 * as one process would (equal scores rank in that order). */
static unsigned char *split_files(const walk_list *files, unsigned parts)
{
    unsigned char *part = malloc(files->n ? files->n : 1);
    double total = 0, before = 0;
    for (size_t i = 0; i < files->n; i++)
        total += (double)files->v[i].fp.size + 1;
    for (size_t i = 0; part && i < files->n; i++) {
        unsigned k = (unsigned)(before * parts / total);
        part[i] = (unsigned char)(k < parts ? k : parts - 1);
        before += (double)files->v[i].fp.size + 1;
    }
    return part;
}

/* Builds DB/gen-N with `nshards` shards from the walked files and swaps it
 * in.  Returns 0 or EXIT_DB. */
static int build_generation(run *r, unsigned nshards)
{
    izde_error err = {0};
    char *gen = NULL;
    if (izde_dbdir_new_generation(r->dbpath, &gen, &err) != IZDE_OK) {
        complain(r, "%s", err.msg);
        return EXIT_DB;
    }
    /* One shard built by several workers: a part each, merged after. */
    int merge = nshards == 1 && r->jobs > 1;
    build b = {.r = r, .nparts = merge ? r->jobs : nshards};
    b.nworkers = r->jobs < b.nparts ? r->jobs : b.nparts;
    int status = 0;
    if (!(b.parts = calloc(b.nparts, sizeof *b.parts)) ||
        (merge && !(r->part_of = split_files(&r->files, b.nparts))))
        status = EXIT_DB;
    for (unsigned k = 0; k < b.nparts && !status; k++) {
        char name[32];
        snprintf(name, sizeof name, "part-%u", k);
        char *p = malloc(strlen(gen) + sizeof name + 1);
        if (p)
            sprintf(p, "%s/%s", gen, name);
        if (!(b.parts[k] = merge ? p : izde_dbdir_shard_path(gen, k)))
            status = EXIT_DB;
        if (!merge)
            free(p);
    }
    if (status)
        complain(r, "%s: out of memory", r->dbpath);
    if (!status && b.nworkers == 1)
        status = build_worker(&b, 0, NULL);
    else if (!status) {
        status = workers_run(b.nworkers, build_worker, &b, &r->bar, &r->n);
        progress_clear(&r->bar);
        if (status)
            complain(r, "%s: the rebuild failed: the database is as it was", r->dbpath);
        status = status ? EXIT_DB : 0;
    }
    if (!status && merge) {
        xap_error xe;
        char *dest = izde_dbdir_shard_path(gen, 0);
        if (!dest || xap_db_compact((const char *const *)b.parts, b.nparts, dest, IZDE_BLOCK_SIZE,
                                    &xe) != XAP_OK) {
            char m[600];
            complain(r, "%s: merging the parts: %s", gen,
                     dest ? xap_error_text(&xe, m, sizeof m) : "out of memory");
            status = EXIT_DB;
        }
        for (unsigned k = 0; k < b.nparts && !status; k++)
            if (izde_dbdir_remove(b.parts[k], &err) != IZDE_OK) {
                complain(r, "%s", err.msg);
                status = EXIT_DB;
            }
        free(dest);
    }
    if (!status && izde_dbdir_swap(r->dbpath, gen, nshards, &err) != IZDE_OK) {
        complain(r, "%s", err.msg);
        status = EXIT_DB;
    }
    if (!status && r->verbose) /* readers see the articles now */
        printf("commit %lu\n", r->n.articles);
    free(r->part_of);
    r->part_of = NULL;
    for (unsigned k = 0; b.parts && k < b.nparts; k++)
        free(b.parts[k]);
    free(b.parts);
    free(gen);
    return status;
}

/* ---- the run ------------------------------------------------------------------------ */

static unsigned long total_docs(run *r)
{
    unsigned long total = 0;
    for (unsigned k = 0; k < r->ndbs; k++) {
        unsigned n = 0;
        xap_error xe;
        if (xap_db_doccount(r->dbs[k], &n, &xe) != XAP_OK)
            return 1; /* not empty as far as we know: no rebuild */
        total += n;
    }
    return total;
}

/* Updates the current databases in place, or, for --full, a first build
 * (an empty database) or a new number of shards, builds a new generation.
 * Returns the exit status. */
static int index_locked(run *r, unsigned wait_ms)
{
    izde_error err = {0};
    izde_dbdir_shards cur = {0};
    if (izde_dbdir_clean(r->dbpath, &err) != IZDE_OK ||
        izde_dbdir_current(r->dbpath, &cur, &err) != IZDE_OK) {
        complain(r, "%s", err.msg);
        return EXIT_DB;
    }
    unsigned nshards = r->shards ? r->shards : cur.n;
    int status = 0;
    if (!r->full) {
        /* Creates an empty DB if there is none: a first build killed
         * before its swap leaves a database that opens. */
        if (open_dbs(r, cur.path, cur.n, XAP_DB_CREATE_OR_OPEN, IZDE_BLOCK_SIZE, wait_ms) != 0)
            status = EXIT_DB;
        else if (total_docs(r) == 0 && (r->jobs > 1 || nshards != cur.n))
            r->full = 1; /* a first build: as --full, in parallel */
        else if (nshards != cur.n) {
            complain(r, "%s: has %u shard%s; --shards %u needs --full (which rebuilds it "
                        "into %u)", r->dbpath, cur.n, cur.n == 1 ? "" : "s", nshards, nshards);
            status = EXIT_USAGE;
        } else {
            index_into_dbs(r);
            status = r->db_failed ? EXIT_DB : 0;
        }
        close_dbs(r);
    }
    izde_dbdir_shards_free(&cur);
    if (r->full && !status)
        status = build_generation(r, nshards);
    return status;
}

/* Locks, walks, indexes, unlocks.  Returns the exit status. */
static int run_locked(run *r, unsigned wait_ms)
{
    izde_error err = {0};
    izde_dblock *lock = NULL;
    double t0 = progress_now();
    if (izde_dblock_take(r->dbpath, wait_ms, "izde-index", &lock, &err) != IZDE_OK) {
        complain(r, "%s", err.msg);
        return EXIT_DB;
    }
    unsigned waited = (unsigned)((progress_now() - t0) * 1000);
    int status = EXIT_DB;
    if (walk_all(r) == 0) {
        progress_start(&r->bar, r->bar.on, r->files.n);
        status = index_locked(r, wait_ms > waited ? wait_ms - waited : 0);
    }
    izde_dblock_release(lock);
    return status;
}

/* A whole number in [min, max] for option `name`; -1 if it is not one. */
static long parse_number(const char *name, const char *s, long min, long max)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || *end || !*s || v < min || v > max) {
        izde_warn("%s: '%s' is not a whole number in %ld..%ld", name, s, min, max);
        return -1;
    }
    return v;
}

enum { OPT_FULL = 256, OPT_NO_DELETE, OPT_COMMIT_EVERY, OPT_COMMIT_SECONDS, OPT_MAX_SIZE,
       OPT_MAX_PDF_SIZE, OPT_MAX_PAGES, OPT_NO_GLOSSARY, OPT_SHARDS };

int main(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},
        {"wait", required_argument, NULL, 'w'},
        {"full", no_argument, NULL, OPT_FULL},
        {"shards", required_argument, NULL, OPT_SHARDS},
        {"jobs", required_argument, NULL, 'j'},
        {"no-delete", no_argument, NULL, OPT_NO_DELETE},
        {"commit-every", required_argument, NULL, OPT_COMMIT_EVERY},
        {"commit-seconds", required_argument, NULL, OPT_COMMIT_SECONDS},
        {"max-size", required_argument, NULL, OPT_MAX_SIZE},
        {"max-pdf-size", required_argument, NULL, OPT_MAX_PDF_SIZE},
        {"max-pages", required_argument, NULL, OPT_MAX_PAGES},
        {"glossary", required_argument, NULL, 'g'},
        {"no-glossary", no_argument, NULL, OPT_NO_GLOSSARY},
        {"verbose", no_argument, NULL, 'v'},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {0, 0, 0, 0},
    };
    izde_set_progname("izde-index");
    run r = {.commit_seconds = 60};
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    r.jobs = cpus < 1 ? 1 : cpus > JOBS_MAX ? JOBS_MAX : (unsigned)cpus;
    long wait_s = 0, v;
    int c, no_glossary = 0;
    const char *glossary_path = NULL;
    while ((c = getopt_long(argc, argv, "d:w:j:g:vqh", opts, NULL)) != -1) {
        switch (c) {
        case 'd': r.dbpath = optarg; break;
        case 'g': glossary_path = optarg; break;
        case OPT_NO_GLOSSARY: no_glossary = 1; break;
        case 'w':
            if ((wait_s = parse_number("--wait", optarg, 0, 86400)) < 0)
                return EXIT_USAGE;
            break;
        case OPT_FULL: r.full = 1; break;
        case OPT_SHARDS:
            if ((v = parse_number("--shards", optarg, 1, IZDE_DBDIR_SHARDS_MAX)) < 0)
                return EXIT_USAGE;
            r.shards = (unsigned)v;
            break;
        case 'j':
            if ((v = parse_number("--jobs", optarg, 1, JOBS_MAX)) < 0)
                return EXIT_USAGE;
            r.jobs = (unsigned)v;
            break;
        case OPT_NO_DELETE: r.no_delete = 1; break;
        case OPT_COMMIT_EVERY:
            if ((v = parse_number("--commit-every", optarg, 1, 100000000)) < 0)
                return EXIT_USAGE;
            r.commit_every = (unsigned long)v;
            break;
        case OPT_COMMIT_SECONDS:
            if ((v = parse_number("--commit-seconds", optarg, 0, 86400)) < 0)
                return EXIT_USAGE;
            r.commit_seconds = (double)v;
            break;
        case OPT_MAX_SIZE:
        case OPT_MAX_PDF_SIZE: {
            char *end;
            errno = 0;
            unsigned long long m = strtoull(optarg, &end, 10);
            if (errno || *end || !*optarg || m == 0 || *optarg == '-') {
                izde_warn("--%s: '%s' is not a number of bytes (> 0)",
                          c == OPT_MAX_SIZE ? "max-size" : "max-pdf-size", optarg);
                return EXIT_USAGE;
            }
            if (c == OPT_MAX_SIZE)
                izde_article_set_max_size(m);
            else
                izde_pdf_set_max_size(m);
            break;
        }
        case OPT_MAX_PAGES:
            if ((v = parse_number("--max-pages", optarg, 1, 1000000)) < 0)
                return EXIT_USAGE;
            izde_pdf_set_max_pages((unsigned)v);
            break;
        case 'v': r.verbose = 1; break;
        case 'q': r.quiet = 1; break;
        case 'h': fputs(usage, stdout); return 0;
        default: fputs(usage, stderr); return EXIT_USAGE;
        }
    }
    if (!r.dbpath || optind >= argc) {
        izde_warn("%s", !r.dbpath ? "no database given (-d DB)" : "no PATH to index");
        fputs(usage, stderr);
        return EXIT_USAGE;
    }
    if (r.verbose)
        setvbuf(stdout, NULL, _IOLBF, 0); /* each action visible as it happens */
    r.bar.on = !r.verbose && !r.quiet && isatty(STDERR_FILENO);

    izde_error gerr;
    if (!no_glossary && (glossary_path ? izde_glossary_load(glossary_path, &r.glossary, &gerr)
                                       : izde_glossary_builtin(&r.glossary, &gerr)) != IZDE_OK) {
        izde_warn("%s", gerr.msg);
        return EXIT_USAGE;
    }
    double t0 = progress_now();
    int status;
    if (resolve_roots(&r, argv + optind, argc - optind) != 0) {
        complain(&r, "out of memory");
        status = EXIT_DB;
    } else {
        status = run_locked(&r, (unsigned)wait_s * 1000u);
    }
    izde_analyzer_free(r.an);
    izde_glossary_terms_free(r.terms);
    izde_glossary_free(r.glossary);
    catalog_free(&r.cat);
    walk_list_free(&r.files);
    free_roots(&r);
    free(r.docids);
    if (status == EXIT_DB || status == EXIT_USAGE)
        return status;
    if (!r.quiet)
        printf("izde-index: files: %u added, %u updated, %u deleted, %u unchanged, "
               "%u failed, %u skipped; %lu articles written (%.2f s)\n",
               r.n.added, r.n.updated, r.n.deleted, r.n.unchanged, r.n.failed, r.n.skipped,
               r.n.articles, progress_now() - t0);
    return r.n.failed ? EXIT_SOME_FAILED : 0;
}
