/* izde — the C binding of libxapian.
 *
 * Thin adapters over Xapian's C++ API (the .cc files of lib/xapian are the only C++ in
 * izde).  Rules:
 *   - every handle is opaque and created/freed in pairs (_new/_free,
 *     _open/_close); freeing NULL is a no-op;
 *   - no C++ exception crosses into C: every call that can fail returns an
 *     xap_status (0 = XAP_OK, negative = error) and, when `err` is not NULL,
 *     fills it with the Xapian error class and message;
 *   - strings are UTF-8 with explicit lengths where they may hold NUL bytes
 *     (terms, values, data); plain C strings elsewhere;
 *   - strings returned through `const char **` stay valid until the next call
 *     on the same handle or until it is freed; `char **` results are
 *     malloc()ed and the caller free()s them.
 * This module wraps Xapian concepts only; izde's logic lives in C.
 */
#ifndef IZDE_XAPIAN_H
#define IZDE_XAPIAN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum xap_status {
    XAP_OK = 0,
    XAP_ERR = -1,           /* any other Xapian error (see err->klass) */
    XAP_ERR_NOMEM = -2,     /* std::bad_alloc */
    XAP_ERR_INVALID = -3,   /* InvalidArgumentError / bad argument from C */
    XAP_ERR_OPENING = -4,   /* DatabaseOpeningError / NotFound: no such database */
    XAP_ERR_LOCKED = -5,    /* DatabaseLockError: another writer holds the lock */
    XAP_ERR_CORRUPT = -6,   /* DatabaseCorruptError */
    XAP_ERR_MODIFIED = -7,  /* DatabaseModifiedError that survived the retries */
    XAP_ERR_QUERY = -8,     /* QueryParserError: the query text is malformed */
    XAP_ERR_NOT_FOUND = -9, /* DocNotFoundError, or no document has the term */
    XAP_ERR_NETWORK = -10,  /* NetworkError (remote backends) */
} xap_status;

typedef struct xap_error {
    xap_status code;
    char klass[48];    /* Xapian's class name: "DatabaseLockError", ... */
    char msg[512];     /* Xapian's message (truncated if longer) */
} xap_error;

/* "DatabaseLockError: Unable to get write lock on ...": for messages. */
const char *xap_error_text(const xap_error *err, char *buf, size_t cap);

typedef unsigned xap_docid;
typedef unsigned xap_slot;

typedef struct xap_db xap_db;
typedef struct xap_doc xap_doc;
typedef struct xap_stem xap_stem;
typedef struct xap_query xap_query;
typedef struct xap_qparser xap_qparser;
typedef struct xap_enquire xap_enquire;
typedef struct xap_mset xap_mset;
typedef struct xap_spy xap_spy;

/* ---- databases ---------------------------------------------------------- */

enum xap_db_flags {
    XAP_DB_CREATE_OR_OPEN = 1,      /* create if missing, else open */
    XAP_DB_CREATE_OR_OVERWRITE = 2, /* replace any existing database */
    XAP_DB_OPEN = 3,                /* must exist */
    /* Or'ed in: commits do not wait for the disk (Xapian's DB_NO_SYNC), for
     * a database that is thrown away if the process dies (the parts of a
     * parallel build: Xapian's compact syncs what it merges them into). */
    XAP_DB_NO_SYNC = 0x100,
    /* Or'ed in: changed blocks are written over the old ones, not copied
     * (Xapian's DB_DANGEROUS): less to write and to find room for, but no
     * reader may open it and a process that dies leaves it unusable; for
     * the parts of a parallel build too. */
    XAP_DB_IN_PLACE = 0x200,
};

/* Opens a database read-only (a directory, a stub file, ...). */
xap_status xap_db_open_read(const char *path, xap_db **out, xap_error *err);
/* Opens the database a xapian-tcpsrv serves at host:port (Xapian's remote
 * backend), read-only; `timeout_ms` bounds the connection and each reply.
 * XAP_ERR_NETWORK if it cannot be reached. */
xap_status xap_db_open_remote(const char *host, unsigned port, unsigned timeout_ms,
                              xap_db **out, xap_error *err);
/* Database::compact: the `n` databases `srcs` merged (docids renumbered,
 * in order) into a new, fully compacted database at `dest`, of blocks of
 * `block_size` bytes (as xap_db_open_write's). */
xap_status xap_db_compact(const char *const *srcs, size_t n, const char *dest,
                          unsigned block_size, xap_error *err);
/* Adds `sub` (opened read-only) to `db` so that both are searched as one;
 * `sub` stays owned by the caller and must outlive `db`. */
xap_status xap_db_add_database(xap_db *db, xap_db *sub, xap_error *err);
/* Opens a database for writing.  A database it creates has blocks of
 * `block_size` bytes (a power of 2 from 2048 to 65536; 0: Xapian's default,
 * 8192); one that exists keeps its own.  If another writer holds the lock,
 * retries every 50 ms for up to `wait_ms` milliseconds (0 = fail at once)
 * and then returns XAP_ERR_LOCKED. */
xap_status xap_db_open_write(const char *path, int flags, unsigned block_size,
                             unsigned wait_ms, xap_db **out, xap_error *err);
void xap_db_close(xap_db *db);
/* Re-reads the latest committed revision (read-only handles). */
xap_status xap_db_reopen(xap_db *db, xap_error *err);

xap_status xap_db_begin(xap_db *db, xap_error *err);  /* flushed transaction */
xap_status xap_db_commit_transaction(xap_db *db, xap_error *err);
xap_status xap_db_cancel_transaction(xap_db *db, xap_error *err);
xap_status xap_db_commit(xap_db *db, xap_error *err); /* outside transactions */

/* Adds or replaces the document indexed by the unique term `uid` (e.g.
 * "Q" + path).  `docid` may be NULL. */
xap_status xap_db_replace_document(xap_db *db, const char *uid,
                                   const xap_doc *doc, xap_docid *docid,
                                   xap_error *err);
/* Deletes every document indexed by `uid`; none is not an error. */
xap_status xap_db_delete_document(xap_db *db, const char *uid, xap_error *err);
/* Fetches the first document indexed by `uid`: XAP_ERR_NOT_FOUND if none. */
xap_status xap_db_find_document(xap_db *db, const char *uid, xap_doc **out,
                                xap_error *err);
xap_status xap_db_get_document(xap_db *db, xap_docid id, xap_doc **out,
                               xap_error *err);
/* Replaces document `id` (adding it under that docid if there is none):
 * e.g. a document fetched, given a new value, and written back. */
xap_status xap_db_replace_docid(xap_db *db, xap_docid id, const xap_doc *doc,
                                xap_error *err);
/* Deletes document `id`: XAP_ERR_NOT_FOUND if there is none. */
xap_status xap_db_delete_docid(xap_db *db, xap_docid id, xap_error *err);

/* Calls `fn` with each document indexed by `term`, in docid order, until it
 * returns non-zero.  A term no document has is not an error. */
typedef int (*xap_docid_fn)(void *ctx, xap_docid id);
xap_status xap_db_postings(xap_db *db, const char *term, xap_docid_fn fn,
                           void *ctx, xap_error *err);
/* Calls `fn` with the value in `slot` of each document that has one, in
 * docid order (one sequential read of the slot), until it returns
 * non-zero.  `val` is valid during the call only. */
typedef int (*xap_value_fn)(void *ctx, xap_docid id, const char *val,
                            size_t len);
xap_status xap_db_values(xap_db *db, xap_slot slot, xap_value_fn fn,
                         void *ctx, xap_error *err);

xap_status xap_db_doccount(xap_db *db, unsigned *count, xap_error *err);
xap_status xap_db_termfreq(xap_db *db, const char *term, unsigned *freq,
                           xap_error *err);
/* Calls `fn` for each term starting with `prefix` (in sorted order) until
 * it returns non-zero. */
typedef int (*xap_term_fn)(void *ctx, const char *term, size_t len,
                           unsigned termfreq);
xap_status xap_db_allterms(xap_db *db, const char *prefix, xap_term_fn fn,
                           void *ctx, xap_error *err);
/* The same, but only the terms `want` accepts (non-zero) go to `fn`: the
 * others' frequencies are not read, which makes a scan much cheaper. */
typedef int (*xap_want_fn)(void *ctx, const char *term, size_t len);
xap_status xap_db_allterms_where(xap_db *db, const char *prefix, xap_want_fn want,
                                 xap_term_fn fn, void *ctx, xap_error *err);

/* Metadata: `*val` is malloc()ed (empty string if the key is unset). */
xap_status xap_db_get_metadata(xap_db *db, const char *key, char **val,
                               size_t *len, xap_error *err);
xap_status xap_db_set_metadata(xap_db *db, const char *key, const char *val,
                               size_t len, xap_error *err);

/* Spelling and synonyms (write handles add, read handles use). */
xap_status xap_db_add_spelling(xap_db *db, const char *word, unsigned inc,
                               xap_error *err);
xap_status xap_db_add_synonym(xap_db *db, const char *term,
                              const char *synonym, xap_error *err);
/* Removes every synonym of `term`. */
xap_status xap_db_clear_synonyms(xap_db *db, const char *term, xap_error *err);
/* Calls `fn` for each synonym of `term` (the key: one term, or several
 * separated by single spaces), in sorted order, until it returns non-zero
 * (the termfreq argument is 0). */
xap_status xap_db_synonyms(xap_db *db, const char *term, xap_term_fn fn,
                           void *ctx, xap_error *err);
/* Calls `fn` for each synonym key starting with `prefix` ("" = all). */
xap_status xap_db_synonym_keys(xap_db *db, const char *prefix, xap_term_fn fn,
                               void *ctx, xap_error *err);
/* `*out` is malloc()ed: "" when there is no suggestion. */
xap_status xap_db_spelling_suggestion(xap_db *db, const char *word,
                                      unsigned max_edit_distance, char **out,
                                      xap_error *err);

/* ---- documents ---------------------------------------------------------- */

xap_status xap_doc_new(xap_doc **out, xap_error *err);
void xap_doc_free(xap_doc *doc);
xap_status xap_doc_add_posting(xap_doc *doc, const char *term, size_t len,
                               unsigned pos, unsigned wdfinc, xap_error *err);
xap_status xap_doc_add_term(xap_doc *doc, const char *term, size_t len,
                            unsigned wdfinc, xap_error *err);
/* A boolean (filter) term: wdf 0, no effect on the weight. */
xap_status xap_doc_add_boolean_term(xap_doc *doc, const char *term,
                                    xap_error *err);
xap_status xap_doc_set_value(xap_doc *doc, xap_slot slot, const char *val,
                             size_t len, xap_error *err);
xap_status xap_doc_set_data(xap_doc *doc, const char *data, size_t len,
                            xap_error *err);
/* Results point into the handle (valid until the next call on it). */
xap_status xap_doc_get_data(xap_doc *doc, const char **data, size_t *len,
                            xap_error *err);
xap_status xap_doc_get_value(xap_doc *doc, xap_slot slot, const char **val,
                             size_t *len, xap_error *err);
/* Calls `fn` for each term of the document, in sorted order (the termfreq
 * argument is the term's wdf here). */
xap_status xap_doc_terms(xap_doc *doc, xap_term_fn fn, void *ctx,
                         xap_error *err);

/* ---- stemmers ----------------------------------------------------------- */

/* A C stemmer: writes the stem of `word` (UTF-8, lower case, `len` bytes)
 * to `out` (capacity `cap`) and returns its length; returning a length over
 * `cap` means "too long": the word is used unstemmed. */
typedef size_t (*xap_stem_fn)(void *ctx, const char *word, size_t len,
                              char *out, size_t cap);

/* Adapts `fn` into a Xapian::StemImplementation, so that Xapian's query
 * parser, TermGenerator and snippet highlighter stem through it. */
xap_status xap_stem_new_custom(xap_stem_fn fn, void *ctx,
                               const char *description, xap_stem **out,
                               xap_error *err);
/* One of Xapian's own stemmers ("russian", "english", "none", ...). */
xap_status xap_stem_new_lang(const char *lang, xap_stem **out, xap_error *err);
void xap_stem_free(xap_stem *stem);
/* Stems one word through the Xapian::Stem (a test of the adapter);
 * `*out` is malloc()ed. */
xap_status xap_stem_apply(xap_stem *stem, const char *word, char **out,
                          xap_error *err);

/* Stems `len` bytes of `word` into `out` (capacity `cap`; NUL-terminated
 * when room remains) and sets *out_len to the stem's length: the indexer's
 * per-word call.  No malloc() of its own (the handle keeps a scratch input
 * buffer, so it is not thread-safe: one handle per thread); Xapian's own
 * std::string result may allocate for stems over 15 bytes.  A stem that
 * does not fit in `cap` is XAP_ERR_INVALID with *out_len set to its
 * length. */
xap_status xap_stem_into(xap_stem *stem, const char *word, size_t len,
                         char *out, size_t cap, size_t *out_len,
                         xap_error *err);

/* ---- queries ------------------------------------------------------------ */

typedef enum xap_op {
    XAP_OP_AND, XAP_OP_OR, XAP_OP_AND_NOT, XAP_OP_XOR, XAP_OP_AND_MAYBE,
    XAP_OP_FILTER, XAP_OP_NEAR, XAP_OP_PHRASE, XAP_OP_ELITE_SET,
    XAP_OP_SYNONYM, XAP_OP_MAX,
} xap_op;

/* A term query; `wqf` within-query frequency, `pos` query position
 * (1-based; 0 = none). */
xap_status xap_query_term(const char *term, size_t len, unsigned wqf,
                          unsigned pos, xap_query **out, xap_error *err);
/* Combines `n` subqueries with `op`; `window` is for NEAR/PHRASE (0 =
 * number of subqueries).  The subqueries are not consumed. */
xap_status xap_query_combine(xap_op op, xap_query *const *subs, size_t n,
                             unsigned window, xap_query **out, xap_error *err);
/* Every term starting with `prefix` (a trailing wildcard); at most
 * `max_expansion` terms, the most frequent ones (0 = no limit). */
xap_status xap_query_wildcard(const char *prefix, unsigned max_expansion,
                              xap_query **out, xap_error *err);
/* Documents whose value in `slot` is in [lo, hi] (string order; NULL = open
 * end). */
xap_status xap_query_value_range(xap_slot slot, const char *lo,
                                 const char *hi, xap_query **out,
                                 xap_error *err);
/* Scales the weight of `q` by `factor` (OP_SCALE_WEIGHT). */
xap_status xap_query_scale(xap_query *q, double factor, xap_query **out,
                           xap_error *err);
xap_status xap_query_match_all(xap_query **out, xap_error *err);
/* The empty query (matches nothing). */
xap_status xap_query_match_nothing(xap_query **out, xap_error *err);
int xap_query_is_empty(const xap_query *q);
/* Query::get_description(); `*out` is malloc()ed. */
xap_status xap_query_describe(const xap_query *q, char **out, xap_error *err);
void xap_query_free(xap_query *q);

/* ---- the query parser --------------------------------------------------- */

enum xap_qp_flags { /* Xapian::QueryParser::feature_flag, same meaning */
    XAP_QP_BOOLEAN = 1, XAP_QP_PHRASE = 2, XAP_QP_LOVEHATE = 4,
    XAP_QP_BOOLEAN_ANY_CASE = 8, XAP_QP_WILDCARD = 16, XAP_QP_PURE_NOT = 32,
    XAP_QP_PARTIAL = 64, XAP_QP_SPELLING_CORRECTION = 128,
    XAP_QP_SYNONYM = 256, XAP_QP_AUTO_SYNONYMS = 512,
    XAP_QP_DEFAULT = 1 | 2 | 4,
};
enum xap_stem_strategy {
    XAP_STEM_NONE, XAP_STEM_SOME, XAP_STEM_ALL, XAP_STEM_ALL_Z,
    XAP_STEM_SOME_FULL_POS,
};

xap_status xap_qparser_new(xap_qparser **out, xap_error *err);
void xap_qparser_free(xap_qparser *qp);
/* The stemmer is shared (reference counted): free it when you like. */
xap_status xap_qparser_set_stemmer(xap_qparser *qp, xap_stem *stem,
                                   int strategy, xap_error *err);
xap_status xap_qparser_set_stopwords(xap_qparser *qp,
                                     const char *const *words, size_t n,
                                     xap_error *err);
/* The database for wildcards and spelling; must outlive the parser. */
xap_status xap_qparser_set_database(xap_qparser *qp, xap_db *db,
                                    xap_error *err);
xap_status xap_qparser_set_default_op(xap_qparser *qp, xap_op op,
                                      xap_error *err);
xap_status xap_qparser_add_prefix(xap_qparser *qp, const char *field,
                                  const char *prefix, xap_error *err);
xap_status xap_qparser_add_boolean_prefix(xap_qparser *qp, const char *field,
                                          const char *prefix,
                                          xap_error *err);
/* Date ranges "2021-01-01..2021-12-31" over a YYYYMMDD value slot. */
xap_status xap_qparser_add_date_range(xap_qparser *qp, xap_slot slot,
                                      xap_error *err);
/* Parses `text`; XAP_ERR_QUERY with the parser's message on a syntax error. */
xap_status xap_qparser_parse(xap_qparser *qp, const char *text, int flags,
                             const char *default_prefix, xap_query **out,
                             xap_error *err);
/* After a parse with XAP_QP_SPELLING_CORRECTION: "" if none. */
const char *xap_qparser_corrected(xap_qparser *qp);

/* ---- searching ---------------------------------------------------------- */

xap_status xap_enquire_new(xap_db *db, xap_enquire **out, xap_error *err);
void xap_enquire_free(xap_enquire *enq);
xap_status xap_enquire_set_query(xap_enquire *enq, const xap_query *q,
                                 xap_error *err);
/* BM25 with Xapian's parameters (k1, k2, k3, b, min_normlen). */
xap_status xap_enquire_set_bm25(xap_enquire *enq, double k1, double k2,
                                double k3, double b, double min_normlen,
                                xap_error *err);
/* Xapian::BoolWeight: every match weighs 0 (for counting matches). */
xap_status xap_enquire_set_bool_weight(xap_enquire *enq, xap_error *err);
xap_status xap_enquire_sort_by_relevance(xap_enquire *enq, xap_error *err);
/* Sort by the value in `slot` (then relevance); `descending` reverses. */
xap_status xap_enquire_sort_by_value(xap_enquire *enq, xap_slot slot,
                                     int descending, xap_error *err);
/* Counts the values in `slot` over all matches (facets). The spy is owned
 * by the caller and must outlive the enquire's get_mset. */
xap_status xap_spy_new(xap_slot slot, xap_spy **out, xap_error *err);
void xap_spy_free(xap_spy *spy);
xap_status xap_enquire_add_spy(xap_enquire *enq, xap_spy *spy, xap_error *err);
/* Calls `fn` for each value counted (most frequent first, at most `max`). */
xap_status xap_spy_values(xap_spy *spy, size_t max, xap_term_fn fn, void *ctx,
                          xap_error *err);

/* Runs the search.  A DatabaseModifiedError (a writer committed meanwhile)
 * reopens the database and retries. */
xap_status xap_enquire_get_mset(xap_enquire *enq, unsigned first,
                                unsigned max, unsigned check_at_least,
                                xap_mset **out, xap_error *err);
void xap_mset_free(xap_mset *ms);
unsigned xap_mset_size(const xap_mset *ms);
unsigned xap_mset_estimated(const xap_mset *ms);  /* matches estimated */
unsigned xap_mset_lower_bound(const xap_mset *ms);
unsigned xap_mset_upper_bound(const xap_mset *ms);

typedef struct xap_hit {
    xap_docid docid;
    unsigned rank;   /* 0-based rank among all matches */
    double weight;
    int percent;
} xap_hit;
xap_status xap_mset_hit(xap_mset *ms, unsigned i, xap_hit *hit,
                        xap_error *err);
/* Data and values of hit `i`; pointers valid until the next call on `ms`. */
xap_status xap_mset_data(xap_mset *ms, unsigned i, const char **data,
                         size_t *len, xap_error *err);
xap_status xap_mset_value(xap_mset *ms, unsigned i, xap_slot slot,
                          const char **val, size_t *len, xap_error *err);

enum xap_snippet_flags { /* Xapian::MSet::snippet flags */
    XAP_SNIPPET_BACKGROUND_MODEL = 1, XAP_SNIPPET_EXHAUSTIVE = 2,
    XAP_SNIPPET_EMPTY_WITHOUT_MATCH = 4, XAP_SNIPPET_CJK_NGRAM = 2048,
};
/* MSet::snippet(): a passage of `text` of about `length` bytes around the
 * query's terms, with matches wrapped in hi_start/hi_end.  `stem` must be
 * the stemmer the index and query used. `*out` is malloc()ed. */
xap_status xap_mset_snippet(xap_mset *ms, const char *text, size_t len,
                            size_t length, xap_stem *stem, int flags,
                            const char *hi_start, const char *hi_end,
                            const char *omit, char **out, xap_error *err);

#ifdef __cplusplus
}
#endif
#endif
