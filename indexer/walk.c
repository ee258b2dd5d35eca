/* izde-index — the archive walk. */
#include "walk.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* "a/b", or "b" if a is empty.  (Not snprintf(): twice for each of 20 000
 * files, it was a tenth of a one-issue run's instructions.) */
static char *join(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    char *p = malloc(na + nb + 2);
    if (!p)
        return NULL;
    memcpy(p, a, na);
    if (na)
        p[na++] = '/';
    memcpy(p + na, b, nb + 1);
    return p;
}

/* Adds a file; takes `path` (malloc()ed; `id` is its tail), freed on
 * failure. */
static izde_status push(walk_list *l, char *path, const char *id, const struct stat *st,
                        size_t ri, izde_error *err)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 256;
        walk_file *v = realloc(l->v, cap * sizeof *v);
        if (!v) {
            izde_status rc = izde_fail(err, IZDE_ERR_NOMEM, "%s: out of memory", path);
            free(path);
            return rc;
        }
        l->v = v;
        l->cap = cap;
    }
    walk_file *f = &l->v[l->n++];
    f->path = path;
    f->id = id;
    izde_fingerprint_from_stat(st, &f->fp);
    f->root = ri;
    return IZDE_OK;
}

/* A directory entry: its name and, when the file system says, its type
 * (DT_DIR spares the stat of a subdirectory). */
typedef struct entry {
    char *name;
    unsigned char type;
} entry;

static int by_name(const void *a, const void *b)
{
    return strcmp(((const entry *)a)->name, ((const entry *)b)->name);
}

static void free_names(entry *names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(names[i].name);
    free(names);
}

/* The visible entries of the open directory `d`, sorted by name; NULL with
 * *n = 0 on error (an empty directory gives a non-NULL array). */
static entry *list_dir(DIR *d, size_t *n, int *nomem)
{
    *n = 0;
    *nomem = 0;
    size_t cap = 16;
    entry *names = malloc(cap * sizeof *names);
    struct dirent *e;
    while (names && (e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue; /* ., .., and hidden files */
        if (*n == cap) {
            entry *p = realloc(names, (cap *= 2) * sizeof *p);
            if (!p) {
                free_names(names, *n);
                names = NULL;
                break;
            }
            names = p;
        }
        if (!(names[*n].name = strdup(e->d_name))) {
            free_names(names, *n);
            names = NULL;
            break;
        }
        names[*n].type = e->d_type;
        ++*n;
    }
    if (!names) {
        *nomem = 1;
        *n = 0;
        return NULL;
    }
    qsort(names, *n, sizeof *names, by_name);
    return names;
}

/* One walk, or one thread's part of it: what it finds goes to its own
 * list and counts, merged in order at the end (walk_top()). */
typedef struct walker {
    size_t ri;
    size_t id_at;   /* a file's id: its path from this offset on */
    walk_list *out;
    unsigned failed;
    int incomplete; /* part of the root could not be read */
    izde_error *err;
} walker;

static izde_status walk_dir(walker *w, const char *dir);

/* One directory entry `e` in the directory open as `dfd` (stat relative to
 * it spares resolving the whole path): a subdirectory is walked, a regular
 * file (or a symbolic link to one) listed; anything else ignored.  Takes
 * `path` (malloc()ed): a listed file keeps it. */
static izde_status walk_entry(walker *w, int dfd, const entry *e, char *path)
{
    struct stat st;
    izde_status rc = IZDE_OK;
    if (e->type == DT_DIR) { /* a directory, not a link to one */
        rc = walk_dir(w, path);
    } else if (fstatat(dfd, e->name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
        izde_warn("%s: %s", path, strerror(errno));
        w->failed++;
        w->incomplete = 1;
    } else if (S_ISDIR(st.st_mode)) {
        rc = walk_dir(w, path);
    } else if (S_ISLNK(st.st_mode) && fstatat(dfd, e->name, &st, 0) != 0) {
        /* A link that loops or points nowhere. */
        izde_warn("%s: broken symbolic link: %s", path, strerror(errno));
        w->failed++;
    } else if (S_ISREG(st.st_mode)) { /* a file, or a link to one (not to a
                                         directory: not followed, no loops) */
        return push(w->out, path, path + w->id_at, &st, w->ri, w->err);
    }
    free(path);
    return rc;
}

/* Entries [from, to) of directory `dir` (open as `dfd`). */
static izde_status walk_entries(walker *w, int dfd, const char *dir, const entry *names,
                                size_t from, size_t to)
{
    izde_status rc = IZDE_OK;
    for (size_t i = from; i < to && rc == IZDE_OK; i++) {
        char *path = join(dir, names[i].name);
        rc = path ? walk_entry(w, dfd, &names[i], path)
                  : izde_fail(w->err, IZDE_ERR_NOMEM, "%s: out of memory", dir);
    }
    return rc;
}

/* Opens and lists `dir`: NULL if it cannot be read (a warning, counted) or
 * on IZDE_ERR_NOMEM (*rc). */
static entry *open_dir(walker *w, const char *dir, DIR **d, size_t *n, izde_status *rc)
{
    int nomem = 0;
    *n = 0;
    *rc = IZDE_OK;
    *d = opendir(dir);
    entry *names = *d ? list_dir(*d, n, &nomem) : NULL;
    if (nomem) {
        closedir(*d);
        *rc = izde_fail(w->err, IZDE_ERR_NOMEM, "%s: out of memory", dir);
    } else if (!names) { /* opendir failed */
        izde_warn("%s: cannot read directory: %s", dir, strerror(errno));
        w->failed++;
        w->incomplete = 1;
    }
    return names;
}

/* Walks the n listed entries of `dir` (open as `d`), then frees the list
 * and closes the directory. */
static izde_status walk_listed(walker *w, DIR *d, const char *dir, entry *names, size_t n)
{
    izde_status rc = walk_entries(w, dirfd(d), dir, names, 0, n);
    free_names(names, n);
    closedir(d);
    return rc;
}

static izde_status walk_dir(walker *w, const char *dir)
{
    size_t n;
    DIR *d;
    izde_status rc;
    entry *names = open_dir(w, dir, &d, &n, &rc);
    return names ? walk_listed(w, d, dir, names, n) : rc;
}

/* A thread's share of the root's entries. */
typedef struct part {
    walker w;
    walk_list out;
    izde_error err;
    int dfd;
    const char *dir;
    const entry *names;
    size_t from, to;
    izde_status rc;
    pthread_t thread;
    int started;
} part;

static void *walk_part(void *arg)
{
    part *p = arg;
    p->rc = walk_entries(&p->w, p->dfd, p->dir, p->names, p->from, p->to);
    return NULL;
}

/* Appends `from`'s files to `to` (moved: `from` is left empty). */
static izde_status move_files(walk_list *to, walk_list *from, izde_error *err)
{
    if (to->cap - to->n < from->n) {
        size_t cap = to->n + from->n;
        walk_file *v = realloc(to->v, cap * sizeof *v);
        if (!v) {
            walk_list_free(from);
            return izde_fail(err, IZDE_ERR_NOMEM, "out of memory");
        }
        to->v = v;
        to->cap = cap;
    }
    if (from->n)
        memcpy(to->v + to->n, from->v, from->n * sizeof *from->v);
    to->n += from->n;
    free(from->v);
    from->v = NULL;
    from->n = from->cap = 0;
    return IZDE_OK;
}

/* The root directory, its entries shared among `threads` threads, each a
 * run of consecutive names, so that the files come out in the order one
 * thread would list them.  Most of a walk is the kernel's work, a stat()
 * a file (20 000 of them: a fifth of a one-issue run's time), and path
 * lookups run in parallel. */
static izde_status walk_top(walker *w, const char *dir, unsigned threads)
{
    size_t n;
    DIR *d;
    izde_status rc;
    entry *names = open_dir(w, dir, &d, &n, &rc);
    if (!names)
        return rc;
    if (threads > n)
        threads = n ? (unsigned)n : 1;
    part *parts = threads > 1 ? calloc(threads, sizeof *parts) : NULL;
    if (!parts) /* one thread (or no memory for more) */
        return walk_listed(w, d, dir, names, n);
    for (unsigned k = 0; k < threads; k++) {
        part *p = &parts[k];
        /* Part 0 lists straight into `out`: only the others are moved. */
        p->w = (walker){.ri = w->ri, .id_at = w->id_at, .out = k ? &p->out : w->out,
                        .err = k ? &p->err : w->err};
        p->dfd = dirfd(d);
        p->dir = dir;
        p->names = names;
        p->from = n * k / threads;
        p->to = n * (k + 1) / threads;
        /* Part 0 is this thread's; a part whose thread cannot start is
         * walked here after it. */
        p->started = k > 0 && pthread_create(&p->thread, NULL, walk_part, p) == 0;
    }
    for (unsigned k = 0; k < threads; k++) {
        part *p = &parts[k];
        if (p->started)
            pthread_join(p->thread, NULL);
        else
            walk_part(p);
    }
    for (unsigned k = 0; k < threads; k++) {
        part *p = &parts[k];
        w->failed += p->w.failed;
        w->incomplete |= p->w.incomplete;
        if (rc == IZDE_OK && p->rc != IZDE_OK) {
            rc = p->rc;
            if (k)
                *w->err = p->err;
        }
        if (rc == IZDE_OK)
            rc = move_files(w->out, &p->out, w->err);
        walk_list_free(&p->out);
    }
    free(parts);
    free_names(names, n);
    closedir(d);
    return rc;
}

izde_status walk_root_files(walk_root *r, size_t ri, walk_list *out, unsigned threads,
                            unsigned *failed, izde_error *err)
{
    walker w = {.ri = ri, .out = out, .err = err};
    r->first = out->n;
    izde_status rc;
    if (r->is_dir) {
        char *dir = strdup(r->arg);
        if (!dir)
            return izde_fail(err, IZDE_ERR_NOMEM, "%s: out of memory", r->arg);
        size_t n = strlen(dir);
        while (n > 1 && dir[n - 1] == '/')
            dir[--n] = '\0';
        w.id_at = n + 1; /* past "DIR/" (join()) */
        rc = walk_top(&w, dir, threads);
        free(dir);
    } else {
        struct stat st;
        const char *base = strrchr(r->arg, '/');
        if (stat(r->arg, &st) != 0) {
            izde_warn("%s: %s", r->arg, strerror(errno));
            w.failed++;
            rc = IZDE_OK;
        } else {
            char *path = strdup(r->arg);
            rc = path ? push(out, path, path + (base ? base + 1 - r->arg : 0), &st, ri, err)
                      : izde_fail(err, IZDE_ERR_NOMEM, "%s: out of memory", r->arg);
        }
    }
    *failed += w.failed;
    if (w.incomplete)
        r->incomplete = 1;
    r->count = out->n - r->first;
    return rc;
}

void walk_list_free(walk_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->v[i].path);
    }
    free(l->v);
    l->v = NULL;
    l->n = l->cap = 0;
}
