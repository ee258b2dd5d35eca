"""Checks of izde.cgi's HTML pages, shared by tests/e2e/*.sh and xss.py.

problems(body) lists what is wrong with a page:
  - it is not valid HTML5 syntax (html5lib in strict mode: any parse error);
  - an element or attribute outside the few the renderer writes (a <script>,
    an <img>, an on*= handler, a style= would be injected markup);
  - a link or form action that is not relative ("?…", "/…") or http(s):
    no javascript:, data:, or "//host".
Run as a program: checks the files named, prints the problems, exit 1 if any.
"""
import html.parser
import sys

TAGS = {"html", "head", "meta", "title", "link", "body", "header", "a", "span", "form",
        "label", "input", "select", "option", "button", "div", "main", "aside", "footer",
        "p", "ol", "ul", "li", "h1", "h2", "time", "mark", "nav", "section", "code",
        "strong"}
ATTRS = {"lang", "charset", "name", "content", "href", "rel", "class", "method", "role",
         "for", "type", "id", "value", "placeholder", "autocomplete", "selected", "checked", "start",
         "datetime", "title", "aria-label", "aria-current"}


class Collector(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self.inputs = {}      # name -> value of <input>s
        self.links = []       # every href

    def handle_starttag(self, tag, attrs):
        if tag not in TAGS:
            self.problems.append(f"element <{tag}>")
        for name, value in attrs:
            if name not in ATTRS:
                self.problems.append(f"attribute {name}= on <{tag}>")
            if name == "href":
                self.links.append(value)
                v = (value or "").strip().lower()
                if not (v.startswith("?") or (v.startswith("/") and not v.startswith("//"))
                        or v.startswith("http://") or v.startswith("https://")):
                    self.problems.append(f"link {value!r}")
        if tag == "input":
            a = dict(attrs)
            self.inputs.setdefault(a.get("name"), a.get("value"))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)


def parse(body):
    c = Collector()
    c.feed(body)
    c.close()
    return c


def problems(body):
    c = parse(body)
    out = list(c.problems)
    try:
        import html5lib
    except ImportError:
        # make deps installs python3-html5lib for Debian's python3; another
        # python3 first on PATH (pyenv) does not look there by itself.
        sys.path.append("/usr/lib/python3/dist-packages")
    try:
        import html5lib
    except ImportError:
        out.append("html5lib is not installed: cannot check HTML5 syntax")
        return out
    p = html5lib.HTMLParser(strict=False)
    p.parse(body)
    for pos, code, data in p.errors:
        out.append(f"HTML5 parse error {code} at {pos} {data}")
    return out


if __name__ == "__main__":
    bad = 0
    for path in sys.argv[1:]:
        with open(path, encoding="utf-8") as f:
            for p in problems(f.read()):
                print(f"{path}: {p}")
                bad = 1
    sys.exit(bad)
