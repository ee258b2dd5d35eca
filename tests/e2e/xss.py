#!/usr/bin/env python3
"""The XSS suite of izde.cgi: every payload through every parameter, and
hostile article text (title, rubric, body, file name) in the index; asserts
that nothing comes out unescaped.

    xss.py cgi PROGRAM CONFIG   runs PROGRAM as a CGI (the exact bytes)
    xss.py http URL             asks a server (FastCGI under lighttpd)

For every response: status 200 or 400 (never 5xx), Content-Type with
charset=utf-8, nosniff, a CSP with default-src 'none' and no script source,
Cache-Control; an HTML page must be valid HTML5 made only of the elements
and attributes the renderer writes, with relative or http(s) links only
(htmlcheck.py); the search box must give back exactly what was typed; a
JSON body must parse, hold no "<" but <mark>, and give back the query.
Prints "N requests, M problems"; exit 1 on any problem.
"""
import http.client
import json
import os
import subprocess
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import htmlcheck  # noqa: E402

# Text payloads: sent percent-encoded, must come back as text.
TEXT = [
    "<script>alert(1)</script>",
    "\"><script>alert(1)</script>",
    "'><img src=x onerror=alert(1)>",
    "\" autofocus onfocus=\"alert(1)",
    "' onmouseover='alert(1)' x='",
    "javascript:alert(1)",
    " JaVaScRiPt:alert(document.domain)//",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "</title><script>alert(1)</script>",
    "</textarea><svg onload=alert(1)>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "+ADw-script+AD4-alert(1)+ADw-/script+AD4-",            # UTF-7
    "\u201cтегерек стол\u201d <script>",                      # curly quotes
    "\u00abшайлоо\u00bb \u201e\u043a\u201c '\u2018x\u2019'",  # « » „ “ ‘ ’
    "{{main}}{{form}}{{css}}",                                # template syntax
    "&lt;script&gt;&amp;&#x3C;",                              # must be escaped again
    "rubric:\"<b>x</b>\" AND title:<i>",
    "\u2028\u2029</script><!--",
    "%3Cscript%3E",                                           # text, not decoded twice
    "гранттар <style>*{}</style>",
]
# Raw query-string values: sent as they are; all must be 400.
RAW_BAD = [
    "%C0%BCscript%C0%BE",      # overlong "<" and ">"
    "%E0%80%BC",               # overlong, 3 bytes
    "%ED%A0%80",               # a surrogate
    "%FF%FE%3Cscript%3E",      # not UTF-8
    "%3Cscr%00ipt%3E",         # NUL
    "%00",
    "%ZZ",                     # bad percent-encoding
    "%3",
]
PARAMS = ["q", "page", "n", "sort", "from", "to", "rubric", "year", "format", "facets", "expand", "x"]
SEARCH = "кыйчык"   # a word of the hostile article


class CGI:
    def __init__(self, program, config):
        self.program, self.config = program, config

    def get(self, qs, method="GET", script="/cgi-bin/izde.cgi"):
        env = {"GATEWAY_INTERFACE": "CGI/1.1", "REQUEST_METHOD": method,
               "QUERY_STRING": qs, "SCRIPT_NAME": script, "SERVER_PROTOCOL": "HTTP/1.1",
               "IZDE_CONFIG": self.config, "PATH": os.environ.get("PATH", "")}
        for k in ("ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"):
            if k in os.environ:
                env[k] = os.environ[k]
        p = subprocess.run([self.program], env=env, capture_output=True, timeout=60)
        if p.returncode != 0 or p.stderr:
            raise AssertionError(f"exit {p.returncode}: {p.stderr.decode(errors='replace')[:500]}")
        head, _, body = p.stdout.partition(b"\r\n\r\n")
        headers = {}
        for line in head.decode().split("\r\n"):
            k, _, v = line.partition(":")
            headers[k.strip().lower()] = v.strip()
        status = int(headers.get("status", "200").split()[0])
        return status, headers, body


class HTTP:
    def __init__(self, url):
        u = urllib.parse.urlsplit(url)
        self.host, self.port, self.path = u.hostname, u.port, u.path

    def get(self, qs, method="GET", script=None):
        c = http.client.HTTPConnection(self.host, self.port, timeout=60)
        c.request(method, self.path + ("?" + qs if qs else ""))
        r = c.getresponse()
        body = r.read()
        headers = {k.lower(): v for k, v in r.getheaders()}
        c.close()
        return r.status, headers, body


problems = []
requests = 0


def check(what, status, headers, body, typed=None):
    def bad(msg):
        problems.append(f"{what}: {msg}")

    if status not in (200, 400):
        bad(f"status {status}")
    ctype = headers.get("content-type", "")
    if "charset=utf-8" not in ctype:
        bad(f"Content-Type {ctype!r}")
    if headers.get("x-content-type-options") != "nosniff":
        bad("no X-Content-Type-Options: nosniff")
    csp = headers.get("content-security-policy", "")
    if not csp.startswith("default-src 'none'") or "script-src" in csp or "unsafe" in csp:
        bad(f"CSP {csp!r}")
    if "cache-control" not in headers:
        bad("no Cache-Control")
    if ctype.startswith("application/json"):
        text = body.decode("utf-8")
        try:
            j = json.loads(text)
        except ValueError as e:
            return bad(f"JSON does not parse: {e}")
        if "<" in text.replace("<mark>", "").replace("</mark>", ""):
            bad("a raw '<' in JSON")
        if typed is not None and status == 200 and j.get("query") != typed:
            bad(f"JSON query {j.get('query')!r} is not {typed!r}")
        return
    if not ctype.startswith("text/html"):
        return bad(f"Content-Type {ctype!r}")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return bad("the page is not UTF-8")
    if not text.startswith("<!DOCTYPE html>") or '<meta charset="utf-8">' not in text[:300]:
        bad("no doctype or charset declaration at the start")
    for p in htmlcheck.problems(text):
        bad(p)
    if typed is not None:
        page = htmlcheck.parse(text)
        name, value = typed
        got = page.inputs.get(name)
        if got != value:
            bad(f"input {name} holds {got!r}, not {value!r}")


def run(client):
    global requests
    for param in PARAMS:
        base = "" if param == "q" else "q=" + urllib.parse.quote(SEARCH) + "&"
        for fmt in ("", "&format=json"):
            if param == "format" and fmt:
                continue
            for payload in TEXT:
                qs = base + param + "=" + urllib.parse.quote(payload, safe="") + fmt
                status, headers, body = client.get(qs)
                requests += 1
                typed = None
                if param == "q":
                    typed = payload if fmt else ("q", payload)
                elif param == "rubric" and not fmt and status == 200:
                    typed = ("rubric", payload)
                check(f"{param}={payload!r}{fmt}", status, headers, body, typed)
            for raw in RAW_BAD:
                qs = base + param + "=" + raw + fmt
                status, headers, body = client.get(qs)
                requests += 1
                check(f"{param}={raw}{fmt}", status, headers, body)
                if param in ("q", "rubric", "x") and status != 400:
                    problems.append(f"{param}={raw}{fmt}: status {status}, not 400")
    # Names are decoded and checked too; other methods; pages of hostile hits.
    for raw in ("%3Cq%3E=1", "q%00=1", "%C0%BC=1", "%ZZ=1"):
        status, headers, body = client.get(raw)
        requests += 1
        check(f"name {raw}", status, headers, body)
    for method in ("POST", "PUT", "DELETE", "OPTIONS", "<script>"):
        try:
            status, headers, body = client.get("q=x", method=method)
        except (http.client.HTTPException, OSError):
            continue   # a server may refuse a method name outright
        requests += 1
        if status != 405 and not (method == "<script>" and status in (400, 501)):
            problems.append(f"method {method}: status {status}")
    for qs in ("q=" + urllib.parse.quote(SEARCH), "q=" + urllib.parse.quote(SEARCH) + "&sort=date",
               "rubric=" + urllib.parse.quote("<b onmouseover=alert(1)>Рубрика</b>")):
        status, headers, body = client.get(qs)
        requests += 1
        check(qs, status, headers, body)
        if status != 200 or b"&lt;script&gt;alert(" not in body:
            problems.append(f"{qs}: the hostile article is not on the page ({status})")
    if isinstance(client, CGI):   # the server's SCRIPT_NAME is escaped as well
        status, headers, body = client.get("q=x", script='/cgi-bin/izde.cgi"><script>x</script>')
        requests += 1
        check("SCRIPT_NAME", status, headers, body)


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "cgi":
        client = CGI(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 3 and sys.argv[1] == "http":
        client = HTTP(sys.argv[2])
    else:
        sys.exit(__doc__)
    try:
        run(client)
    except AssertionError as e:
        problems.append(f"izde.cgi failed: {e}")
    for p in problems[:50]:
        print("XSS:", p, file=sys.stderr)
    print(f"xss.py {sys.argv[1]}: {requests} requests, {len(problems)} problems")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
