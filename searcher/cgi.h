/* izde.cgi — one request in, one response out, whatever carries them (CGI
 * or FastCGI: cgi_main.c).  Internal to the program. */
#ifndef IZDE_SEARCHER_CGI_H
#define IZDE_SEARCHER_CGI_H

#include <stddef.h>

#include "izde/config.h"
#include "izde/search.h"

/* The built-in page and stylesheet (searcher/izde.html, searcher/izde.css,
 * compiled in by the Makefile). */
extern const char izde_cgi_default_template[];
extern const char izde_cgi_default_css[];

/* A request's environment: getenv() under CGI, FCGX_GetParam() under
 * FastCGI. */
typedef const char *(*cgi_env_fn)(void *ctx, const char *name);
/* Where messages for the server's error log go. */
typedef void (*cgi_log_fn)(void *ctx, const char *msg);

typedef struct cgi_app {
    const char *config_path;
    int persistent;          /* FastCGI: keep the database open */
    izde_config conf;
    int have_conf;
    izde_searcher *searcher;
    cgi_log_fn log;
    void *log_ctx;
} cgi_app;

typedef struct cgi_response {
    int head;                /* HEAD: headers only */
    char *headers;           /* "Status: …\r\n…\r\n\r\n" */
    size_t headers_len;
    char *body;
    size_t body_len;
} cgi_response;

void cgi_app_init(cgi_app *app, const char *config_path, int persistent,
                  cgi_log_fn log, void *log_ctx);
void cgi_app_free(cgi_app *app);

/* Answers one request.  Always fills `resp` (a 503 if even that failed
 * for memory); free it with cgi_response_free. */
void cgi_handle(cgi_app *app, cgi_env_fn env, void *env_ctx, cgi_response *resp);
void cgi_response_free(cgi_response *resp);

#endif
