/* izde — the configuration file of the CGI (izde.cgi).
 *
 * Its path comes from the environment the web server sets (IZDE_CONFIG),
 * or the default below: never from a request.  Lines "key = value"; "#"
 * starts a comment line; blank lines are skipped:
 *
 *   db = /var/lib/izde/izde.db     the database (repeat: searched as one)
 *   url = /archive/{path}          an article's link: {path} its path as
 *                                  indexed, {base} without the extension;
 *                                  starts with "/" (not "//"), "http://"
 *                                  or "https://"
 *   pdf_url = /pdf/{path}#page={page}  a printed issue's hit: {path} the
 *                                  PDF, {page} its first page (without
 *                                  {page}, "#page=N" is appended); default
 *                                  url
 *   template = izde.html           the page (placeholders: render.h)
 *   css = izde.css                 the stylesheet the program serves
 *   css_url = /static/izde.css     serve it from elsewhere instead
 *   cache = 300                    Cache-Control max-age of result pages
 *   allow_partial = yes            search the shards that can be reached
 *                                  when others cannot (no: fail, 503)
 *
 * Relative paths are relative to the configuration file's folder.  Only
 * db is required; without template or css the built-in ones are used. */
#ifndef IZDE_CONFIG_H
#define IZDE_CONFIG_H

#include <stddef.h>

#include "izde/status.h"

#define IZDE_CONFIG_ENV "IZDE_CONFIG"
#define IZDE_CONFIG_DEFAULT "/etc/izde/izde.conf"
#define IZDE_CONFIG_MAX_DBS 16
/* Template and stylesheet files larger than this are refused. */
#define IZDE_CONFIG_MAX_FILE (1024u * 1024u)

typedef struct izde_config {
    char *dbs[IZDE_CONFIG_MAX_DBS]; /* absolute or relative to the cwd */
    size_t ndbs;
    char *url;            /* NULL: titles are not links */
    char *pdf_url;        /* NULL: url, for PDF hits too */
    char *template_text;  /* the template file's contents, or NULL */
    char *css_text;       /* the stylesheet's contents, or NULL */
    char *css_url;        /* NULL: the program serves css_text itself */
    unsigned cache_seconds;
    int allow_partial;
} izde_config;

/* Reads the file and the template and stylesheet it names.  IZDE_ERR_IO
 * if a file cannot be read, IZDE_ERR_FORMAT for a bad line (the message
 * names the file and the line). */
izde_status izde_config_load(const char *path, izde_config *out,
                             izde_error *err);
void izde_config_free(izde_config *c);

#endif
