/* izde — the database directory: writers' lock, generations, swap. */
#define _XOPEN_SOURCE 700 /* nftw */
#include "izde/dbdir.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define LOCK_RETRY_MS 100

struct izde_dblock {
    int fd;
};

/* "dir/name", malloc()ed; NULL when out of memory. */
static char *join(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s", dir, name);
    return p;
}

static izde_status make_dir(const char *db, izde_error *err)
{
    if (mkdir(db, 0777) == 0 || errno == EEXIST) {
        struct stat st;
        if (stat(db, &st) == 0 && S_ISDIR(st.st_mode))
            return IZDE_OK;
        return izde_fail(err, IZDE_ERR_IO, "%s: not a directory (an izde database is one)", db);
    }
    return izde_fail(err, IZDE_ERR_IO, "%s: cannot create the database directory: %s", db,
                     strerror(errno));
}

static void sleep_ms(unsigned ms)
{
    struct timespec ts = {ms / 1000u, (long)(ms % 1000u) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
}

/* The holder's "PID NAME" from the lock file, for the refusal message. */
static void read_holder(int fd, char *out, size_t cap)
{
    char buf[128];
    ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
    long pid = 0;
    char name[64] = "";
    if (n > 0) {
        buf[n] = '\0';
        if (sscanf(buf, "%ld %63s", &pid, name) < 1)
            pid = 0;
    }
    if (pid > 0)
        snprintf(out, cap, "%s pid %ld", *name ? name : "a writer", pid);
    else
        snprintf(out, cap, "a writer that has not written its pid yet");
}

static izde_status write_holder(int fd, const char *lockpath, const char *who,
                                izde_error *err)
{
    char buf[128];
    int n = snprintf(buf, sizeof buf, "%ld %s\n", (long)getpid(), who ? who : "izde");
    if (ftruncate(fd, 0) != 0 || pwrite(fd, buf, (size_t)n, 0) != n)
        return izde_fail(err, IZDE_ERR_IO, "%s: cannot write: %s", lockpath, strerror(errno));
    return IZDE_OK;
}

izde_status izde_dblock_take(const char *db, unsigned wait_ms, const char *who,
                             izde_dblock **out, izde_error *err)
{
    *out = NULL;
    izde_status rc = make_dir(db, err);
    if (rc != IZDE_OK)
        return rc;
    char *path = join(db, IZDE_DBDIR_LOCK);
    if (!path)
        return izde_fail(err, IZDE_ERR_NOMEM, "%s: out of memory", db);
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
        rc = izde_fail(err, IZDE_ERR_IO, "%s: cannot open the lock file: %s", path,
                       strerror(errno));
        free(path);
        return rc;
    }
    for (unsigned waited = 0;; waited += LOCK_RETRY_MS) {
        if (flock(fd, LOCK_EX | LOCK_NB) == 0)
            break;
        if ((errno != EWOULDBLOCK && errno != EINTR) || waited >= wait_ms) {
            char holder[128];
            if (errno == EWOULDBLOCK) {
                read_holder(fd, holder, sizeof holder);
                rc = izde_fail(err, IZDE_ERR_LOCKED,
                               "%s: locked by %s (another run is writing it)%s", db, holder,
                               wait_ms ? "; waited in vain" : "; --wait SECONDS waits for it");
            } else {
                rc = izde_fail(err, IZDE_ERR_IO, "%s: cannot lock: %s", path, strerror(errno));
            }
            close(fd);
            free(path);
            return rc;
        }
        sleep_ms(LOCK_RETRY_MS);
    }
    rc = write_holder(fd, path, who, err);
    free(path);
    izde_dblock *lock = rc == IZDE_OK ? malloc(sizeof *lock) : NULL;
    if (!lock) {
        close(fd); /* releases the flock */
        return rc != IZDE_OK ? rc : izde_fail(err, IZDE_ERR_NOMEM, "%s: out of memory", db);
    }
    lock->fd = fd;
    *out = lock;
    return IZDE_OK;
}

void izde_dblock_release(izde_dblock *lock)
{
    if (!lock)
        return;
    /* The pid is left in the file: harmless, and truncating first would
     * race a waiter reading it.  Closing drops the flock. */
    close(lock->fd);
    free(lock);
}

/* Whether `name` is "gen-" followed by digits only; its number in *n. */
static int is_generation(const char *name, unsigned long *n)
{
    size_t pl = strlen(IZDE_DBDIR_GEN_PREFIX);
    if (strncmp(name, IZDE_DBDIR_GEN_PREFIX, pl) != 0 || !name[pl])
        return 0;
    char *end;
    errno = 0;
    unsigned long v = strtoul(name + pl, &end, 10);
    if (*end || errno || name[pl] < '0' || name[pl] > '9')
        return 0;
    *n = v;
    return 1;
}

/* Reads DB/XAPIANDB: "auto gen-N\n" into name (cap bytes); 0 if absent. */
static izde_status read_stub(const char *db, char *name, size_t cap, int *found,
                             izde_error *err)
{
    *found = 0;
    char *path = join(db, IZDE_DBDIR_STUB);
    if (!path)
        return izde_fail(err, IZDE_ERR_NOMEM, "%s: out of memory", db);
    FILE *f = fopen(path, "re");
    if (!f) {
        izde_status rc = errno == ENOENT ? IZDE_OK
                                         : izde_fail(err, IZDE_ERR_IO, "%s: cannot read: %s",
                                                     path, strerror(errno));
        free(path);
        return rc;
    }
    char line[256], extra[8];
    unsigned long n;
    int ok = fgets(line, sizeof line, f) && strncmp(line, "auto ", 5) == 0 &&
             !fgets(extra, sizeof extra, f);
    fclose(f);
    if (ok) {
        line[strcspn(line, "\n")] = '\0';
        ok = is_generation(line + 5, &n) && strlen(line + 5) < cap;
    }
    if (!ok) {
        izde_status rc = izde_fail(err, IZDE_ERR_FORMAT,
                                   "%s: not a stub izde wrote (\"auto gen-N\")", path);
        free(path);
        return rc;
    }
    snprintf(name, cap, "%s", line + 5);
    free(path);
    *found = 1;
    return IZDE_OK;
}

izde_status izde_dbdir_current(const char *db, char **out, izde_error *err)
{
    *out = NULL;
    char gen[64];
    int found;
    izde_status rc = read_stub(db, gen, sizeof gen, &found, err);
    if (rc != IZDE_OK)
        return rc;
    *out = found ? join(db, gen) : strdup(db);
    return *out ? IZDE_OK : izde_fail(err, IZDE_ERR_NOMEM, "%s: out of memory", db);
}

izde_status izde_dbdir_new_generation(const char *db, char **out, izde_error *err)
{
    *out = NULL;
    izde_status rc = make_dir(db, err);
    if (rc != IZDE_OK)
        return rc;
    DIR *d = opendir(db);
    if (!d)
        return izde_fail(err, IZDE_ERR_IO, "%s: cannot read: %s", db, strerror(errno));
    unsigned long max = 0, n;
    struct dirent *e;
    while ((e = readdir(d)))
        if (is_generation(e->d_name, &n) && n > max)
            max = n;
    closedir(d);
    char name[64];
    snprintf(name, sizeof name, "%s%lu", IZDE_DBDIR_GEN_PREFIX, max + 1);
    char *path = join(db, name);
    if (!path)
        return izde_fail(err, IZDE_ERR_NOMEM, "%s: out of memory", db);
    if (mkdir(path, 0777) != 0) {
        rc = izde_fail(err, IZDE_ERR_IO, "%s: cannot create: %s", path, strerror(errno));
        free(path);
        return rc;
    }
    *out = path;
    return IZDE_OK;
}

static izde_status fsync_path(const char *path, int flags, izde_error *err)
{
    int fd = open(path, flags | O_CLOEXEC);
    if (fd < 0 || fsync(fd) != 0) {
        izde_status rc = izde_fail(err, IZDE_ERR_IO, "%s: cannot sync: %s", path, strerror(errno));
        if (fd >= 0)
            close(fd);
        return rc;
    }
    close(fd);
    return IZDE_OK;
}

/* Writes "auto NAME\n" to `tmp`, durably. */
static izde_status write_stub(const char *tmp, const char *name, izde_error *err)
{
    FILE *f = fopen(tmp, "we");
    if (!f)
        return izde_fail(err, IZDE_ERR_IO, "%s: cannot create: %s", tmp, strerror(errno));
    int bad = fprintf(f, "auto %s\n", name) < 0;
    bad |= fflush(f) != 0 || fsync(fileno(f)) != 0;
    bad |= fclose(f) != 0;
    return bad ? izde_fail(err, IZDE_ERR_IO, "%s: cannot write: %s", tmp, strerror(errno))
               : IZDE_OK;
}

izde_status izde_dbdir_swap(const char *db, const char *gen, izde_error *err)
{
    const char *slash = strrchr(gen, '/');
    const char *name = slash ? slash + 1 : gen;
    unsigned long n;
    if (!is_generation(name, &n))
        return izde_fail(err, IZDE_ERR_USAGE, "%s: not a generation of %s", gen, db);
    char *stub = join(db, IZDE_DBDIR_STUB), *tmp = join(db, IZDE_DBDIR_STUB ".tmp"),
         *plain = join(db, "iamglass");
    izde_status rc = stub && tmp && plain ? IZDE_OK
                                          : izde_fail(err, IZDE_ERR_NOMEM, "%s: out of memory", db);
    if (rc == IZDE_OK)
        rc = write_stub(tmp, name, err);
    if (rc == IZDE_OK && rename(tmp, stub) != 0)
        rc = izde_fail(err, IZDE_ERR_IO, "%s: cannot rename to %s: %s", tmp, stub,
                       strerror(errno));
    /* Xapian prefers DB/iamglass to the stub: until it is gone, readers
     * still open the old plain database, which is whole. */
    if (rc == IZDE_OK && unlink(plain) != 0 && errno != ENOENT)
        rc = izde_fail(err, IZDE_ERR_IO, "%s: cannot remove: %s", plain, strerror(errno));
    if (rc == IZDE_OK)
        rc = fsync_path(db, O_RDONLY | O_DIRECTORY, err);
    free(stub);
    free(tmp);
    free(plain);
    return rc;
}

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb, (void)flag, (void)ftw;
    return remove(path) != 0 && errno != ENOENT;
}

/* What a plain Xapian (glass) database keeps at its top level. */
static int is_plain_table(const char *name)
{
    size_t n = strlen(name);
    return !strcmp(name, "iamglass") || !strcmp(name, "flintlock") ||
           (n > 6 && !strcmp(name + n - 6, ".glass")) ||
           (n > 10 && !strcmp(name + n - 10, ".glass.tmp"));
}

izde_status izde_dbdir_clean(const char *db, izde_error *err)
{
    char current[64] = "";
    int found;
    izde_status rc = read_stub(db, current, sizeof current, &found, err);
    if (rc != IZDE_OK)
        return rc;
    DIR *d = opendir(db);
    if (!d)
        return errno == ENOENT ? IZDE_OK
                               : izde_fail(err, IZDE_ERR_IO, "%s: cannot read: %s", db,
                                           strerror(errno));
    struct dirent *e;
    unsigned long n;
    while (rc == IZDE_OK && (e = readdir(d))) {
        int stale = (is_generation(e->d_name, &n) && strcmp(e->d_name, current) != 0) ||
                    (found && is_plain_table(e->d_name)) ||
                    !strcmp(e->d_name, IZDE_DBDIR_STUB ".tmp");
        if (!stale)
            continue;
        char *path = join(db, e->d_name);
        if (!path)
            rc = izde_fail(err, IZDE_ERR_NOMEM, "%s: out of memory", db);
        else if (nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS) != 0 && errno != ENOENT)
            rc = izde_fail(err, IZDE_ERR_IO, "%s: cannot remove: %s", path, strerror(errno));
        free(path);
    }
    closedir(d);
    return rc;
}
