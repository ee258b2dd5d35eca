#!/usr/bin/env python3
"""Drives headless Chromium through izde.cgi's search page, as a visitor:
loads the front page, types a query into the search box, presses Enter,
checks the results in the DOM, narrows by a year facet, and saves
screenshots (desktop and phone).  Talks the DevTools protocol over
--remote-debugging-pipe (fds 3 and 4: JSON messages ending in NUL), so it
needs nothing but python3 and chromium.

    cdp.py URL OUTDIR NAME   (URL: the search page; screenshots OUTDIR/NAME-*.png)

Prints what it checked; exit 1 on the first failure.
"""
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

QUERY = "теңдештирүүчү гранттарды"
SEED_TITLE = "Жергиликтүү өз алдынча башкаруу"


class Browser:
    def __init__(self):
        exe = shutil.which("chromium") or shutil.which("chromium-browser")
        if not exe:
            sys.exit("cdp.py: chromium is not installed (make check-browser installs it)")
        self.profile = tempfile.mkdtemp(prefix="izde-chromium.")
        cmd_r, self.cmd_w = os.pipe()
        self.res_r, res_w = os.pipe()

        def fds():  # the child's fd 3 reads commands, fd 4 writes answers
            r, w = os.dup(cmd_r), os.dup(res_w)  # out of the way of 3 and 4 first
            os.dup2(r, 3)
            os.dup2(w, 4)

        self.proc = subprocess.Popen(
            [exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--disable-quic", "--disable-extensions", "--disable-default-apps",
             "--mute-audio", "--hide-scrollbars", "--remote-debugging-pipe",
             f"--user-data-dir={self.profile}", "--window-size=1200,900", "about:blank"],
            preexec_fn=fds, pass_fds=(3, 4),  # kept open after preexec_fn stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)
        os.close(cmd_r)
        os.close(res_w)
        self.buf = b""
        self.next_id = 0
        self.events = []
        self.session = None

    def close(self):
        try:
            self.send("Browser.close", session=False, wait=False)
        except OSError:
            pass
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        shutil.rmtree(self.profile, ignore_errors=True)

    def _read(self, deadline):
        while b"\0" not in self.buf:
            if time.time() > deadline:
                raise TimeoutError("no answer from chromium")
            chunk = os.read(self.res_r, 1 << 16)
            if not chunk:
                raise EOFError("chromium closed the pipe")
            self.buf += chunk
        msg, _, self.buf = self.buf.partition(b"\0")
        return json.loads(msg)

    def send(self, method, session=True, wait=True, timeout=60, **params):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params}
        if session and self.session:
            msg["sessionId"] = self.session
        os.write(self.cmd_w, json.dumps(msg).encode() + b"\0")
        if not wait:
            return None
        deadline = time.time() + timeout
        while True:
            m = self._read(deadline)
            if m.get("id") == self.next_id:
                if "error" in m:
                    raise RuntimeError(f"{method}: {m['error']}")
                return m.get("result", {})
            self.events.append(m)

    def wait_event(self, method, timeout=60):
        deadline = time.time() + timeout
        while True:
            for i, m in enumerate(self.events):
                if m.get("method") == method:
                    del self.events[i]
                    return m
            self.events.append(self._read(deadline))

    def eval(self, js):
        r = self.send("Runtime.evaluate", expression=js, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in r:
            raise RuntimeError(f"JS failed: {r['exceptionDetails']}")
        return r["result"].get("value")

    def screenshot(self, path):
        r = self.send("Page.captureScreenshot", format="png", captureBeyondViewport=True)
        with open(path, "wb") as f:
            f.write(base64.b64decode(r["data"]))


def expect(what, ok, detail=""):
    print(("ok   " if ok else "FAIL ") + what + (f": {detail}" if detail and not ok else ""))
    if not ok:
        raise SystemExit(1)


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    url, outdir, name = sys.argv[1:]
    os.makedirs(outdir, exist_ok=True)
    b = Browser()
    try:
        target = b.send("Target.createTarget", url="about:blank")["targetId"]
        b.session = b.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            b.send(f"{domain}.enable")

        b.send("Page.navigate", url=url)
        b.wait_event("Page.loadEventFired")
        expect("front page has the search box",
               b.eval("!!document.querySelector('form.search input[name=q]')"))
        # Type the query as a visitor does, and press Enter.
        b.eval("document.querySelector('input[name=q]').focus()")
        b.send("Input.insertText", text=QUERY)
        for kind in ("keyDown", "keyUp"):
            b.send("Input.dispatchKeyEvent", type=kind, key="Enter", code="Enter",
                   windowsVirtualKeyCode=13, nativeVirtualKeyCode=13,
                   **({"text": "\r"} if kind == "keyDown" else {}))
        b.wait_event("Page.loadEventFired")
        page = b.eval("""(() => ({
            url: location.href,
            q: document.querySelector('input[name=q]').value,
            count: (document.querySelector('.count') || {}).textContent,
            titles: [...document.querySelectorAll('.hit h2')].map(e => e.textContent),
            marks: [...document.querySelectorAll('.snippet mark')].map(e => e.textContent),
            links: [...document.querySelectorAll('.hit h2 a')].map(e => e.getAttribute('href')),
            years: [...document.querySelectorAll('.facet a')].map(e => e.textContent),
            markBg: document.querySelector('mark') ?
                getComputedStyle(document.querySelector('mark')).backgroundColor : null,
            scripts: document.scripts.length,
        }))()""")
        print("     " + json.dumps(page, ensure_ascii=False)[:400])
        expect("submitted to the search URL", "q=" in page["url"], page["url"])
        expect("the search box keeps the query", page["q"] == QUERY, page["q"])
        expect("the count is shown", "Табылды" in (page["count"] or ""), page["count"])
        expect("the seed article is the first hit",
               bool(page["titles"]) and SEED_TITLE in page["titles"][0], page["titles"])
        expect("matched words are highlighted", "гранттарды" in page["marks"], page["marks"])
        expect("titles link to the site", all(l.startswith("/archive/") for l in page["links"]),
               page["links"])
        expect("the stylesheet applies under the CSP", page["markBg"] == "rgb(255, 242, 168)",
               page["markBg"])
        expect("no script on the page", page["scripts"] == 0)
        b.screenshot(os.path.join(outdir, f"{name}-results.png"))

        # Narrow by a year facet: a link click, as a visitor does.
        b.eval("document.querySelector('.facet a').click()")
        b.wait_event("Page.loadEventFired")
        narrowed = b.eval("""(() => ({url: location.href,
            filter: (document.querySelector('.filters') || {}).textContent || ''}))()""")
        expect("a year facet narrows the search", "year=" in narrowed["url"] and
               "Жыл:" in narrowed["filter"], narrowed)

        # A phone: the page fits the screen's width.
        b.send("Emulation.setDeviceMetricsOverride", width=390, height=844,
               deviceScaleFactor=2, mobile=True)
        b.send("Page.navigate", url=page["url"])
        b.wait_event("Page.loadEventFired")
        w = b.eval("[document.documentElement.scrollWidth, window.innerWidth]")
        expect("readable on a phone (no sideways scrolling)", w[0] <= w[1], w)
        b.screenshot(os.path.join(outdir, f"{name}-phone.png"))

        # Nothing the browser refused (CSP) or failed to load, but a favicon.
        errors = [m["params"]["entry"] for m in b.events if m.get("method") == "Log.entryAdded"
                  and m["params"]["entry"].get("level") == "error"
                  and "favicon" not in m["params"]["entry"].get("url", "")]
        expect("no errors in the browser's log", not errors, errors)
    finally:
        b.close()


if __name__ == "__main__":
    main()
