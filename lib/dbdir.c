/* izde — the database directory: writers' lock, generations, swap. */
#define _XOPEN_SOURCE 700 /* nftw */
#include "izde/dbdir.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <libgen.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "izde/schema.h"
#include "izde/xapian.h"

#define LOCK_RETRY_MS 100
#define NEW_SUFFIX ".new-" /* DB.new-PID: a database being made */

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

/* Removes the DB.new-PID directories beside `db` whose process is gone: a
 * run killed while it made the database. */
static void remove_dead_new_dirs(const char *db)
{
    char *c1 = strdup(db), *c2 = strdup(db);
    const char *parent = c1 ? dirname(c1) : NULL, *base = c2 ? basename(c2) : NULL;
    DIR *d = parent && base ? opendir(parent) : NULL;
    size_t bl = base ? strlen(base) : 0;
    struct dirent *e;
    while (d && (e = readdir(d))) {
        char *end;
        if (strncmp(e->d_name, base, bl) != 0 ||
            strncmp(e->d_name + bl, NEW_SUFFIX, strlen(NEW_SUFFIX)) != 0)
            continue;
        long pid = strtol(e->d_name + bl + strlen(NEW_SUFFIX), &end, 10);
        if (*end || pid <= 0 || kill((pid_t)pid, 0) == 0 || errno != ESRCH)
            continue; /* not ours, or its run is alive: making it now */
        char *path = join(parent, e->d_name);
        izde_error ignored;
        if (path)
            izde_dbdir_remove(path, &ignored);
        free(path);
    }
    if (d)
        closedir(d);
    free(c1);
    free(c2);
}

/* A new database appears whole: an empty Xapian database is made in
 * DB.new-PID and renamed to DB, so that a run killed at any moment leaves
 * either no DB or one that opens (with xapian-delve too).  A concurrent
 * run that renamed first wins; ours is removed. */
static izde_status create_db(const char *db, izde_error *err)
{
    size_t len = strlen(db);
    while (len > 1 && db[len - 1] == '/')
        len--; /* "db/": its sibling is "db.new-PID", not "db/.new-PID" */
    size_t n = len + sizeof NEW_SUFFIX + 24;
    char *tmp = malloc(n);
    if (!tmp)
        return izde_fail(err, IZDE_ERR_NOMEM, "%s: out of memory", db);
    snprintf(tmp, n, "%.*s", (int)len, db);
    remove_dead_new_dirs(tmp);
    snprintf(tmp + len, n - len, NEW_SUFFIX "%ld", (long)getpid());
    izde_status rc = IZDE_OK;
    xap_db *x = NULL;
    xap_error xe;
    if (mkdir(tmp, 0777) != 0 && errno != EEXIST)
        rc = izde_fail(err, IZDE_ERR_IO, "%s: cannot create the database directory: %s", db,
                       strerror(errno));
    else if (xap_db_open_write(tmp, XAP_DB_CREATE_OR_OVERWRITE, IZDE_BLOCK_SIZE, 0, &x, &xe) != XAP_OK ||
             xap_db_commit(x, &xe) != XAP_OK)
        rc = izde_fail(err, IZDE_ERR_DB, "%s: cannot create the database: %s", db, xe.msg);
    xap_db_close(x);
    if (rc == IZDE_OK && rename(tmp, db) != 0 && errno != EEXIST && errno != ENOTEMPTY)
        rc = izde_fail(err, IZDE_ERR_IO, "%s: cannot create the database directory: %s", db,
                       strerror(errno));
    izde_error ignored;
    if (access(tmp, F_OK) == 0)
        izde_dbdir_remove(tmp, &ignored); /* failed, or another run's DB came first */
    free(tmp);
    return rc;
}

static izde_status make_dir(const char *db, izde_error *err)
{
    struct stat st;
    if (stat(db, &st) != 0 && errno == ENOENT) {
        izde_status rc = create_db(db, err);
        if (rc != IZDE_OK)
            return rc;
    }
    if (stat(db, &st) != 0)
        return izde_fail(err, IZDE_ERR_IO, "%s: %s", db, strerror(errno));
    if (!S_ISDIR(st.st_mode))
        return izde_fail(err, IZDE_ERR_IO, "%s: not a directory (an izde database is one)", db);
    return IZDE_OK;
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

/* Whether `name` is "gen-N" (*shard = -1) or "gen-N/shard-K" (*shard =
 * K); the generation's name into gen (cap bytes). */
static int parse_entry(const char *name, char *gen, size_t cap, long *shard)
{
    const char *slash = strchr(name, '/');
    size_t gl = slash ? (size_t)(slash - name) : strlen(name);
    unsigned long n;
    if (gl >= cap)
        return 0;
    memcpy(gen, name, gl);
    gen[gl] = '\0';
    if (!is_generation(gen, &n))
        return 0;
    *shard = -1;
    if (!slash)
        return 1;
    const char *k = slash + 1;
    size_t pl = strlen(IZDE_DBDIR_SHARD_PREFIX);
    char *end;
    if (strncmp(k, IZDE_DBDIR_SHARD_PREFIX, pl) != 0 || k[pl] < '0' || k[pl] > '9')
        return 0;
    errno = 0;
    unsigned long v = strtoul(k + pl, &end, 10);
    if (*end || errno || v >= IZDE_DBDIR_SHARDS_MAX)
        return 0;
    *shard = (long)v;
    return 1;
}

/* Reads DB/XAPIANDB: "auto gen-N\n", or "auto gen-N/shard-K\n" for K = 0,
 * 1, ...: the generation's name into gen (cap bytes), the number of shards
 * into *shards (0: gen-N is the database itself); *found = 0 if absent. */
static izde_status read_stub(const char *db, char *gen, size_t cap, unsigned *shards,
                             int *found, izde_error *err)
{
    *found = 0;
    *shards = 0;
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
    char line[256], name[64];
    unsigned lines = 0;
    int ok = 1, bare = 0;
    while (ok && fgets(line, sizeof line, f)) {
        long k = 0;
        line[strcspn(line, "\n")] = '\0';
        ok = strncmp(line, "auto ", 5) == 0 && parse_entry(line + 5, name, sizeof name, &k) &&
             (lines == 0 ? snprintf(gen, cap, "%s", name) < (int)cap : !strcmp(gen, name)) &&
             (k < 0 ? lines == 0 : k == (long)lines && !bare);
        bare |= k < 0;
        lines++;
    }
    fclose(f);
    if (!ok || lines == 0) {
        izde_status rc = izde_fail(err, IZDE_ERR_FORMAT,
                                   "%s: not a stub izde wrote (\"auto gen-N\" or \"auto "
                                   "gen-N/shard-K\" lines)", path);
        free(path);
        return rc;
    }
    free(path);
    *shards = bare ? 0 : lines;
    *found = 1;
    return IZDE_OK;
}

char *izde_dbdir_shard_path(const char *gen, unsigned k)
{
    char name[32];
    snprintf(name, sizeof name, "%s%u", IZDE_DBDIR_SHARD_PREFIX, k);
    return join(gen, name);
}

void izde_dbdir_shards_free(izde_dbdir_shards *s)
{
    for (unsigned i = 0; s->path && i < s->n; i++)
        free(s->path[i]);
    free(s->path);
    s->path = NULL;
    s->n = 0;
}

izde_status izde_dbdir_current(const char *db, izde_dbdir_shards *out, izde_error *err)
{
    out->path = NULL;
    out->n = 0;
    char gen[64];
    unsigned shards;
    int found;
    izde_status rc = read_stub(db, gen, sizeof gen, &shards, &found, err);
    if (rc != IZDE_OK)
        return rc;
    char *dir = found ? join(db, gen) : strdup(db);
    out->path = calloc(shards ? shards : 1, sizeof *out->path);
    if (dir && out->path && shards == 0) {
        out->path[out->n++] = dir;
        dir = NULL;
    }
    for (unsigned k = 0; dir && out->path && k < shards; k++) {
        if (!(out->path[k] = izde_dbdir_shard_path(dir, k)))
            break;
        out->n++;
    }
    free(dir);
    if (!out->path || out->n != (shards ? shards : 1)) {
        izde_dbdir_shards_free(out);
        return izde_fail(err, IZDE_ERR_NOMEM, "%s: out of memory", db);
    }
    return IZDE_OK;
}

unsigned izde_dbdir_shard_of(const char *file_id, unsigned n)
{
    if (n <= 1)
        return 0; /* asked for every walked file */
    uint32_t h = 2166136261u; /* FNV-1a */
    for (const unsigned char *p = (const unsigned char *)file_id; *p; p++)
        h = (h ^ *p) * 16777619u;
    return h % n;
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

/* Writes the stub of generation `name` with `shards` shards (0: the
 * generation is the database) to `tmp`, durably. */
static izde_status write_stub(const char *tmp, const char *name, unsigned shards,
                              izde_error *err)
{
    FILE *f = fopen(tmp, "we");
    if (!f)
        return izde_fail(err, IZDE_ERR_IO, "%s: cannot create: %s", tmp, strerror(errno));
    int bad = shards ? 0 : fprintf(f, "auto %s\n", name) < 0;
    for (unsigned k = 0; k < shards; k++)
        bad |= fprintf(f, "auto %s/%s%u\n", name, IZDE_DBDIR_SHARD_PREFIX, k) < 0;
    bad |= fflush(f) != 0 || fsync(fileno(f)) != 0;
    bad |= fclose(f) != 0;
    return bad ? izde_fail(err, IZDE_ERR_IO, "%s: cannot write: %s", tmp, strerror(errno))
               : IZDE_OK;
}

izde_status izde_dbdir_swap(const char *db, const char *gen, unsigned shards,
                            izde_error *err)
{
    const char *slash = strrchr(gen, '/');
    const char *name = slash ? slash + 1 : gen;
    unsigned long n;
    if (!is_generation(name, &n) || shards > IZDE_DBDIR_SHARDS_MAX)
        return izde_fail(err, IZDE_ERR_USAGE, "%s: not a generation of %s", gen, db);
    char *stub = join(db, IZDE_DBDIR_STUB), *tmp = join(db, IZDE_DBDIR_STUB ".tmp"),
         *plain = join(db, "iamglass");
    izde_status rc = stub && tmp && plain ? IZDE_OK
                                          : izde_fail(err, IZDE_ERR_NOMEM, "%s: out of memory", db);
    if (rc == IZDE_OK)
        rc = write_stub(tmp, name, shards, err);
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

izde_status izde_dbdir_remove(const char *path, izde_error *err)
{
    if (nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS) != 0 && errno != ENOENT)
        return izde_fail(err, IZDE_ERR_IO, "%s: cannot remove: %s", path, strerror(errno));
    return IZDE_OK;
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
    unsigned shards;
    int found;
    izde_status rc = read_stub(db, current, sizeof current, &shards, &found, err);
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
        else
            rc = izde_dbdir_remove(path, err);
        free(path);
    }
    closedir(d);
    return rc;
}
