/* izde.cgi — the website's search: a CGI/1.1 program that also answers
 * FastCGI requests in a loop when a FastCGI manager starts it (stdin a
 * listening socket), keeping the database open between requests. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fcgiapp.h>

#include "cgi.h"

static const char usage[] =
    "Usage: izde.cgi                   (run by a web server: CGI or FastCGI)\n"
    "       izde.cgi --print-template  the built-in page template\n"
    "       izde.cgi --print-css       the built-in stylesheet\n"
    "\n"
    "The web server runs izde.cgi as a CGI program, or as a FastCGI program\n"
    "(then it answers requests in a loop).  Its configuration file is\n"
    "$" IZDE_CONFIG_ENV " or " IZDE_CONFIG_DEFAULT ": see izde.cgi(8).  Its db may\n"
    "be a Xapian stub file of shards, local or served by xapian-tcpsrv\n"
    "(remote HOST:PORT); allow_partial = yes searches those that answer.\n"
    "\n"
    "Requests: GET or HEAD with q, page, n (at most 100), sort=relevance|date,\n"
    "from, to (YYYY[-MM[-DD]]), rubric, year, format=html|json, facets=1,\n"
    "expand=0 (no Russian/English counterparts: on by default).\n"
    "Responses: 200 a page; 400 a bad parameter or query (with a message);\n"
    "404 another path; 405 another method; 503 the database or configuration\n"
    "is unusable (details in the server's error log).\n"
    "\n"
    "Exit status: 0, or 2 when run from a shell without a known option.\n";

static const char *config_path(void)
{
    const char *p = getenv(IZDE_CONFIG_ENV);
    return p && *p ? p : IZDE_CONFIG_DEFAULT;
}

/* ---- CGI ------------------------------------------------------------------------ */

static const char *cgi_env(void *ctx, const char *name)
{
    (void)ctx;
    return getenv(name);
}

static void cgi_log(void *ctx, const char *msg)
{
    (void)ctx;
    fprintf(stderr, "izde.cgi: %s\n", msg);
}

static int run_cgi(void)
{
    cgi_app app;
    cgi_response resp;
    cgi_app_init(&app, config_path(), 0, cgi_log, NULL);
    cgi_handle(&app, cgi_env, NULL, &resp);
    fwrite(resp.headers, 1, resp.headers_len, stdout);
    if (!resp.head)
        fwrite(resp.body, 1, resp.body_len, stdout);
    int rc = fflush(stdout) ? 1 : 0;
    cgi_response_free(&resp);
    cgi_app_free(&app);
    return rc;
}

/* ---- FastCGI -------------------------------------------------------------------- */

static const char *fcgi_env(void *ctx, const char *name)
{
    return FCGX_GetParam(name, ((FCGX_Request *)ctx)->envp);
}

static void fcgi_log(void *ctx, const char *msg)
{
    FCGX_Request *rq = ctx;
    if (rq->err)
        FCGX_FPrintF(rq->err, "izde.cgi: %s\n", msg);
    else
        fprintf(stderr, "izde.cgi: %s\n", msg);
}

static int run_fastcgi(void)
{
    FCGX_Request rq;
    cgi_app app;
    /* A client gone before its answer is written must not kill the
     * process (the write fails, the loop goes on). */
    signal(SIGPIPE, SIG_IGN);
    if (FCGX_Init() != 0 || FCGX_InitRequest(&rq, 0, 0) != 0) {
        fputs("izde.cgi: cannot initialise FastCGI\n", stderr);
        return 1;
    }
    cgi_app_init(&app, config_path(), 1, fcgi_log, &rq);
    while (FCGX_Accept_r(&rq) >= 0) {
        cgi_response resp;
        cgi_handle(&app, fcgi_env, &rq, &resp);
        FCGX_PutStr(resp.headers, (int)resp.headers_len, rq.out);
        if (!resp.head)
            FCGX_PutStr(resp.body, (int)resp.body_len, rq.out);
        cgi_response_free(&resp);
        FCGX_Finish_r(&rq);
    }
    cgi_app_free(&app);
    FCGX_Free(&rq, 1);
    return 0;
}

int main(int argc, char **argv)
{
    if (!FCGX_IsCGI())
        return run_fastcgi();
    /* Under CGI, arguments may come from a query string without "=" (the
     * old ISINDEX convention): never options then. */
    if (getenv("GATEWAY_INTERFACE"))
        return run_cgi();
    if (argc == 2 && !strcmp(argv[1], "--print-template"))
        return fputs(izde_cgi_default_template, stdout) < 0;
    if (argc == 2 && !strcmp(argv[1], "--print-css"))
        return fputs(izde_cgi_default_css, stdout) < 0;
    if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")))
        return fputs(usage, stdout) < 0;
    fputs(usage, stderr);
    return 2;
}
