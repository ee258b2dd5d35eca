/* izde-index — the archive walk. */
#include "walk.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* Adds a file; takes `path` and `id` (malloc()ed), freed on failure. */
static izde_status push(walk_list *l, char *path, char *id, const struct stat *st, size_t ri,
                        izde_error *err)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 256;
        walk_file *v = realloc(l->v, cap * sizeof *v);
        if (!v) {
            izde_status rc = izde_fail(err, IZDE_ERR_NOMEM, "%s: out of memory", path);
            free(path);
            free(id);
            return rc;
        }
        l->v = v;
        l->cap = cap;
    }
    walk_file *f = &l->v[l->n++];
    f->path = path;
    f->id = id;
    f->st = *st;
    f->root = ri;
    return IZDE_OK;
}

/* push() of copies. */
static izde_status push_copy(walk_list *l, const char *path, const char *id,
                             const struct stat *st, size_t ri, izde_error *err)
{
    char *p = strdup(path), *i = strdup(id);
    if (!p || !i) {
        free(p);
        free(i);
        return izde_fail(err, IZDE_ERR_NOMEM, "%s: out of memory", path);
    }
    return push(l, p, i, st, ri, err);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void free_names(char **names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

/* The visible names of the open directory `d`, sorted; NULL with *n = 0 on
 * error (an empty directory gives a non-NULL array). */
static char **list_dir(DIR *d, size_t *n, int *nomem)
{
    *n = 0;
    *nomem = 0;
    size_t cap = 16;
    char **names = malloc(cap * sizeof *names);
    struct dirent *e;
    while (names && (e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue; /* ., .., and hidden files */
        if (*n == cap) {
            char **p = realloc(names, (cap *= 2) * sizeof *p);
            if (!p) {
                free_names(names, *n);
                names = NULL;
                break;
            }
            names = p;
        }
        if (!(names[*n] = strdup(e->d_name))) {
            free_names(names, *n);
            names = NULL;
            break;
        }
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

typedef struct walker {
    walk_root *root;
    size_t ri;
    walk_list *out;
    unsigned *failed;
    izde_error *err;
} walker;

static izde_status walk_dir(walker *w, const char *dir, const char *rel);

/* One directory entry, `name` in the directory open as `dfd` (stat relative
 * to it spares resolving the whole path): a subdirectory is walked, a
 * regular file (or a symbolic link to one) listed; anything else ignored.
 * Takes `path` and `id` (malloc()ed): a listed file keeps them. */
static izde_status walk_entry(walker *w, int dfd, const char *name, char *path, char *id)
{
    struct stat st;
    izde_status rc = IZDE_OK;
    if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
        izde_warn("%s: %s", path, strerror(errno));
        ++*w->failed;
        w->root->incomplete = 1;
    } else if (S_ISDIR(st.st_mode)) {
        rc = walk_dir(w, path, id);
    } else if (S_ISLNK(st.st_mode) && fstatat(dfd, name, &st, 0) != 0) {
        /* A link that loops or points nowhere. */
        izde_warn("%s: broken symbolic link: %s", path, strerror(errno));
        ++*w->failed;
    } else if (S_ISREG(st.st_mode)) { /* a file, or a link to one (not to a
                                         directory: not followed, no loops) */
        return push(w->out, path, id, &st, w->ri, w->err);
    }
    free(path);
    free(id);
    return rc;
}

static izde_status walk_dir(walker *w, const char *dir, const char *rel)
{
    size_t n = 0;
    int nomem = 0;
    DIR *d = opendir(dir);
    char **names = d ? list_dir(d, &n, &nomem) : NULL;
    if (nomem) {
        closedir(d);
        return izde_fail(w->err, IZDE_ERR_NOMEM, "%s: out of memory", dir);
    }
    if (!names) { /* opendir failed */
        izde_warn("%s: cannot read directory: %s", dir, strerror(errno));
        ++*w->failed;
        w->root->incomplete = 1;
        return IZDE_OK;
    }
    izde_status rc = IZDE_OK;
    for (size_t i = 0; i < n && rc == IZDE_OK; i++) {
        char *path = join(dir, names[i]), *id = join(rel, names[i]);
        if (path && id) {
            rc = walk_entry(w, dirfd(d), names[i], path, id);
        } else {
            free(path);
            free(id);
            rc = izde_fail(w->err, IZDE_ERR_NOMEM, "%s: out of memory", dir);
        }
    }
    free_names(names, n);
    closedir(d);
    return rc;
}

izde_status walk_root_files(walk_root *r, size_t ri, walk_list *out,
                            unsigned *failed, izde_error *err)
{
    walker w = {r, ri, out, failed, err};
    r->first = out->n;
    izde_status rc;
    if (r->is_dir) {
        char *dir = strdup(r->arg);
        if (!dir)
            return izde_fail(err, IZDE_ERR_NOMEM, "%s: out of memory", r->arg);
        size_t n = strlen(dir);
        while (n > 1 && dir[n - 1] == '/')
            dir[--n] = '\0';
        rc = walk_dir(&w, dir, "");
        free(dir);
    } else {
        struct stat st;
        const char *base = strrchr(r->arg, '/');
        if (stat(r->arg, &st) != 0) {
            izde_warn("%s: %s", r->arg, strerror(errno));
            ++*failed;
            rc = IZDE_OK;
        } else {
            rc = push_copy(out, r->arg, base ? base + 1 : r->arg, &st, ri, err);
        }
    }
    r->count = out->n - r->first;
    return rc;
}

void walk_list_free(walk_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->v[i].path);
        free(l->v[i].id);
    }
    free(l->v);
    l->v = NULL;
    l->n = l->cap = 0;
}
