/* Tests of the database directory (include/izde/dbdir.h): the writers'
 * lock and the swap of a rebuilt database, on real Xapian databases. */
#define _XOPEN_SOURCE 700 /* nftw */
#include <check.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "izde/dbdir.h"
#include "izde/xapian.h"

static char tmpdir[256], db[300];

static void setup(void)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/izde-dbdir-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmpdir));
    snprintf(db, sizeof db, "%s/db", tmpdir);
}

static int rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb, (void)flag, (void)ftw;
    return remove(path);
}

static void teardown(void) { nftw(tmpdir, rm_entry, 16, FTW_DEPTH | FTW_PHYS); }

static int exists(const char *dir, const char *name)
{
    char p[512];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    return access(p, F_OK) == 0;
}

/* A database at `path` holding one document with uid "Q"+`uid`. */
static void make_db(const char *path, const char *uid)
{
    xap_db *w = NULL;
    xap_doc *doc = NULL;
    xap_error e;
    char term[64];
    snprintf(term, sizeof term, "Q%s", uid);
    ck_assert_int_eq(xap_db_open_write(path, XAP_DB_CREATE_OR_OVERWRITE, 0, 0, &w, &e), XAP_OK);
    ck_assert_int_eq(xap_doc_new(&doc, &e), XAP_OK);
    ck_assert_int_eq(xap_doc_add_boolean_term(doc, term, &e), XAP_OK);
    ck_assert_int_eq(xap_db_replace_document(w, term, doc, NULL, &e), XAP_OK);
    xap_doc_free(doc);
    xap_db_close(w); /* commits */
}

/* Whether the database at `path` (opened as a reader would) has uid. */
static int reader_sees(const char *path, const char *uid)
{
    xap_db *r = NULL;
    xap_error e;
    char term[64];
    unsigned freq = 0;
    snprintf(term, sizeof term, "Q%s", uid);
    ck_assert_int_eq(xap_db_open_read(path, &r, &e), XAP_OK);
    ck_assert_int_eq(xap_db_termfreq(r, term, &freq, &e), XAP_OK);
    xap_db_close(r);
    return freq == 1;
}

START_TEST(lock_excludes_and_names_pid)
{
    izde_dblock *lock = NULL, *second = NULL;
    izde_error err = {0};
    ck_assert_int_eq(izde_dblock_take(db, 0, "test-writer", &lock, &err), IZDE_OK);
    ck_assert(exists(db, IZDE_DBDIR_LOCK));
    /* another process is refused, with our pid in the message */
    pid_t child = fork();
    if (child == 0) {
        izde_dblock *l = NULL;
        izde_error e = {0};
        char want[64];
        snprintf(want, sizeof want, "test-writer pid %ld", (long)getppid());
        int rc = izde_dblock_take(db, 0, "other", &l, &e);
        _exit(rc == IZDE_ERR_LOCKED && strstr(e.msg, want) && strstr(e.msg, db) ? 0 : 1);
    }
    int status;
    ck_assert_int_eq(waitpid(child, &status, 0), child);
    ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    izde_dblock_release(lock);
    /* released: taken again at once */
    ck_assert_int_eq(izde_dblock_take(db, 0, "x", &second, &err), IZDE_OK);
    izde_dblock_release(second);
    izde_dblock_release(NULL);
}
END_TEST

START_TEST(lock_of_a_killed_holder_is_free)
{
    int pipefd[2];
    ck_assert_int_eq(pipe(pipefd), 0);
    pid_t child = fork();
    if (child == 0) {
        izde_dblock *l = NULL;
        izde_error e = {0};
        if (izde_dblock_take(db, 0, "victim", &l, &e) != IZDE_OK)
            _exit(1);
        ck_assert_int_eq(write(pipefd[1], "x", 1), 1);
        pause();
        _exit(0);
    }
    char c;
    ck_assert_int_eq(read(pipefd[0], &c, 1), 1);
    izde_dblock *lock = NULL;
    izde_error err = {0};
    ck_assert_int_eq(izde_dblock_take(db, 0, "x", &lock, &err), IZDE_ERR_LOCKED);
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
    ck_assert_int_eq(izde_dblock_take(db, 0, "x", &lock, &err), IZDE_OK);
    izde_dblock_release(lock);
    close(pipefd[0]);
    close(pipefd[1]);
}
END_TEST

START_TEST(lock_waits_for_release)
{
    pid_t child = fork();
    if (child == 0) {
        izde_dblock *l = NULL;
        izde_error e = {0};
        if (izde_dblock_take(db, 0, "brief", &l, &e) != IZDE_OK)
            _exit(1);
        usleep(300000);
        izde_dblock_release(l);
        _exit(0);
    }
    izde_dblock *lock = NULL;
    izde_error err = {0};
    /* wait for the child to hold it */
    while (!exists(db, IZDE_DBDIR_LOCK))
        usleep(10000);
    usleep(50000);
    ck_assert_int_eq(izde_dblock_take(db, 3000, "waiter", &lock, &err), IZDE_OK);
    izde_dblock_release(lock);
    waitpid(child, NULL, 0);
}
END_TEST

START_TEST(lock_needs_a_directory)
{
    char file[320];
    snprintf(file, sizeof file, "%s/file", tmpdir);
    FILE *f = fopen(file, "w");
    fclose(f);
    izde_dblock *lock = NULL;
    izde_error err = {0};
    ck_assert_int_eq(izde_dblock_take(file, 0, "x", &lock, &err), IZDE_ERR_IO);
    ck_assert_ptr_null(lock);
    ck_assert_ptr_nonnull(strstr(err.msg, "not a directory"));
}
END_TEST

/* A new database appears whole (made in DB.new-PID, renamed): it opens as
 * soon as it exists; what a killed run left beside it is removed, what a
 * live run is making is not. */
START_TEST(new_database_appears_whole)
{
    pid_t child = fork();
    if (child == 0)
        _exit(0);
    ck_assert_int_eq(waitpid(child, NULL, 0), child);
    char dead[400], live[400];
    snprintf(dead, sizeof dead, "%s.new-%ld", db, (long)child);
    snprintf(live, sizeof live, "%s.new-%ld", db, (long)getppid());
    ck_assert_int_eq(mkdir(dead, 0777), 0);
    ck_assert_int_eq(mkdir(live, 0777), 0);

    izde_dblock *lock;
    izde_error err;
    ck_assert_int_eq(izde_dblock_take(db, 0, "test", &lock, &err), IZDE_OK);
    xap_db *x = NULL;
    xap_error xe;
    ck_assert_int_eq(xap_db_open_read(db, &x, &xe), XAP_OK);
    xap_db_close(x);
    ck_assert(exists(db, IZDE_DBDIR_LOCK));
    ck_assert_int_ne(access(dead, F_OK), 0);
    ck_assert_int_eq(access(live, F_OK), 0);
    char mine[400];
    snprintf(mine, sizeof mine, "%s.new-%ld", db, (long)getpid());
    ck_assert_int_ne(access(mine, F_OK), 0);
    izde_dblock_release(lock);
    rmdir(live);
}
END_TEST

START_TEST(swap_plain_to_generations)
{
    izde_error err = {0};
    char *gen = NULL, *gen2 = NULL;
    izde_dbdir_shards cur = {0};
    make_db(db, "old");
    ck_assert_int_eq(izde_dbdir_current(db, &cur, &err), IZDE_OK);
    ck_assert_uint_eq(cur.n, 1);
    ck_assert_str_eq(cur.path[0], db);
    izde_dbdir_shards_free(&cur);

    ck_assert_int_eq(izde_dbdir_new_generation(db, &gen, &err), IZDE_OK);
    ck_assert_ptr_nonnull(strstr(gen, "/gen-1"));
    make_db(gen, "new");
    ck_assert(reader_sees(db, "old")); /* not swapped yet */
    ck_assert_int_eq(izde_dbdir_swap(db, gen, 0, &err), IZDE_OK);
    ck_assert(reader_sees(db, "new"));
    ck_assert(!reader_sees(db, "old"));
    ck_assert_int_eq(izde_dbdir_current(db, &cur, &err), IZDE_OK);
    ck_assert_uint_eq(cur.n, 1);
    ck_assert_str_eq(cur.path[0], gen);
    izde_dbdir_shards_free(&cur);
    /* the old tables stay until a clean; then they go */
    ck_assert(exists(db, "postlist.glass"));
    ck_assert_int_eq(izde_dbdir_clean(db, &err), IZDE_OK);
    ck_assert(!exists(db, "postlist.glass"));
    ck_assert(!exists(db, "iamglass"));
    ck_assert(exists(db, "gen-1"));
    ck_assert(reader_sees(db, "new"));

    /* a second rebuild: gen-2; gen-1 kept until the next clean */
    ck_assert_int_eq(izde_dbdir_new_generation(db, &gen2, &err), IZDE_OK);
    ck_assert_ptr_nonnull(strstr(gen2, "/gen-2"));
    make_db(gen2, "newer");
    ck_assert_int_eq(izde_dbdir_swap(db, gen2, 0, &err), IZDE_OK);
    ck_assert(reader_sees(db, "newer"));
    ck_assert(exists(db, "gen-1"));
    ck_assert_int_eq(izde_dbdir_clean(db, &err), IZDE_OK);
    ck_assert(!exists(db, "gen-1"));
    ck_assert(exists(db, "gen-2"));
    /* a writer opens the current generation */
    ck_assert_int_eq(izde_dbdir_current(db, &cur, &err), IZDE_OK);
    ck_assert_str_eq(cur.path[0], gen2);
    izde_dbdir_shards_free(&cur);
    free(gen);
    free(gen2);
}
END_TEST

START_TEST(clean_removes_an_interrupted_rebuild)
{
    izde_error err = {0};
    char *gen = NULL;
    make_db(db, "plain");
    ck_assert_int_eq(izde_dbdir_new_generation(db, &gen, &err), IZDE_OK);
    make_db(gen, "half"); /* never swapped: the run was killed */
    ck_assert_int_eq(izde_dbdir_clean(db, &err), IZDE_OK);
    ck_assert(!exists(db, "gen-1"));
    ck_assert(exists(db, "postlist.glass")); /* the plain database stays */
    ck_assert(reader_sees(db, "plain"));
    free(gen);
}
END_TEST

START_TEST(swap_to_shards)
{
    izde_error err = {0};
    char *gen = NULL;
    izde_dbdir_shards cur = {0};
    ck_assert_int_eq(izde_dbdir_new_generation(db, &gen, &err), IZDE_OK);
    for (unsigned k = 0; k < 3; k++) {
        char *s = izde_dbdir_shard_path(gen, k), word[16];
        snprintf(word, sizeof word, "word%u", k);
        make_db(s, word);
        free(s);
    }
    ck_assert_int_eq(izde_dbdir_swap(db, gen, 3, &err), IZDE_OK);
    /* Xapian itself opens the three as one */
    ck_assert(reader_sees(db, "word0") && reader_sees(db, "word1") && reader_sees(db, "word2"));
    ck_assert_int_eq(izde_dbdir_current(db, &cur, &err), IZDE_OK);
    ck_assert_uint_eq(cur.n, 3);
    ck_assert_ptr_nonnull(strstr(cur.path[2], "/gen-1/shard-2"));
    izde_dbdir_shards_free(&cur);
    ck_assert_int_eq(izde_dbdir_clean(db, &err), IZDE_OK);
    ck_assert(exists(db, "gen-1"));
    free(gen);
}
END_TEST

START_TEST(shard_of_is_stable)
{
    /* FNV-1a: fixed values, the same on every machine */
    ck_assert_uint_eq(izde_dbdir_shard_of("", 7), 2166136261u % 7);
    ck_assert_uint_eq(izde_dbdir_shard_of("a", 1000), 0xe40c292cu % 1000);
    ck_assert_uint_eq(izde_dbdir_shard_of("issue-001/art-00001.txt", 1), 0);
    unsigned seen[4] = {0};
    for (unsigned i = 0; i < 400; i++) {
        char id[32];
        snprintf(id, sizeof id, "issue-%03u/art-%05u.txt", i / 30, i);
        seen[izde_dbdir_shard_of(id, 4)]++;
    }
    for (unsigned k = 0; k < 4; k++)
        ck_assert_uint_gt(seen[k], 60); /* spread over every shard */
}
END_TEST

START_TEST(foreign_stub_is_refused)
{
    ck_assert_int_eq(mkdir(db, 0777), 0);
    char p[400];
    snprintf(p, sizeof p, "%s/XAPIANDB", db);
    FILE *f = fopen(p, "w");
    fputs("remote :127.0.0.1:1234\n", f);
    fclose(f);
    izde_error err = {0};
    izde_dbdir_shards cur = {0};
    ck_assert_int_eq(izde_dbdir_current(db, &cur, &err), IZDE_ERR_FORMAT);
    ck_assert_ptr_null(cur.path);
    ck_assert_ptr_nonnull(strstr(err.msg, "XAPIANDB"));
    ck_assert_int_eq(izde_dbdir_clean(db, &err), IZDE_ERR_FORMAT);
    ck_assert_int_eq(izde_dbdir_swap(db, "elsewhere", 0, &err), IZDE_ERR_USAGE);
    /* shards out of order, or of two generations */
    static const char *const bad[] = {"auto gen-1/shard-1\n",
                                      "auto gen-1/shard-0\nauto gen-2/shard-1\n",
                                      "auto gen-1\nauto gen-1/shard-1\n"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        f = fopen(p, "w");
        fputs(bad[i], f);
        fclose(f);
        ck_assert_int_eq(izde_dbdir_current(db, &cur, &err), IZDE_ERR_FORMAT);
    }
}
END_TEST

Suite *dbdir_suite(void)
{
    Suite *s = suite_create("dbdir");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, lock_excludes_and_names_pid);
    tcase_add_test(tc, lock_of_a_killed_holder_is_free);
    tcase_add_test(tc, lock_waits_for_release);
    tcase_add_test(tc, lock_needs_a_directory);
    tcase_add_test(tc, new_database_appears_whole);
    tcase_add_test(tc, swap_plain_to_generations);
    tcase_add_test(tc, clean_removes_an_interrupted_rebuild);
    tcase_add_test(tc, swap_to_shards);
    tcase_add_test(tc, shard_of_is_stable);
    tcase_add_test(tc, foreign_stub_is_refused);
    suite_add_tcase(s, tc);
    return s;
}
