#!/usr/bin/env python3
"""make bench: izde beside its anchors, measured in the same run.

    python3 bench/bench.py [--shared ../shared] [--n 20000] [--runs 3]
                           [--small-runs 3] [--reps 5]

Anchors: omindex -s none (Xapian Omega) and quest; SQLite FTS5 (unicode61,
the sqlite3 CLI); xapian-min (bench/tools/xapian-min.cc: a minimal
single-thread Xapian indexer, TermGenerator with positions, no stemming).
Corpora (bench/tools/bench_corpus.py, in bench/work/, git-ignored): the real
articles of SHARED/kyrgyz-text as text-export files, and N resampled
articles (real paragraphs recombined; for throughput only).

PDF: the real articles set as one printed issue of about 300 pages
(bin/mkpdf); izde-index's pages/s beside pdftotext's (poppler-utils).

Prints one table (izde, each anchor, the ratio izde / anchor) and writes
bench/results/latest.json.  It measures and prints; it never fails on a
time.  Timings on a shared machine are noisy: the load average is recorded,
and runs are interleaved so that a ratio compares runs made side by side.
"""
import argparse
import hashlib
import json
import os
import re
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(HERE, "tools"))
import known_item  # noqa: E402  (the one known-item scorer)

W = os.path.join(HERE, "work")
BIN = os.path.join(TOP, "bin")
TOOLS = os.path.join(TOP, "build", "bench")
IZDE_INDEX = os.path.join(BIN, "izde-index")
IZDE_SEARCH = os.path.join(BIN, "izde-search")
XMIN = os.path.join(TOOLS, "xapian-min")
IZDE_LAT = os.path.join(TOOLS, "izde-latency")
SNIPPET_BYTES = 300  # as izde-search makes them
FTS_SCHEMA = "CREATE VIRTUAL TABLE docs USING fts5(path UNINDEXED, body, tokenize='unicode61');\n"


def log(msg):
    print("bench: " + msg, file=sys.stderr, flush=True)


def loadavg():
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


def tree_bytes(path):
    total = n = 0
    for d, _, files in os.walk(path):
        for f in files:
            total += os.path.getsize(os.path.join(d, f))
            n += 1
    return total, n


def timed(cmd, cwd=None, stdin=None):
    """Runs cmd under GNU time: wall s, CPU s (user+sys), peak RSS MB."""
    out = os.path.join(W, "time.out")
    with open(stdin) if stdin else open(os.devnull) as inp:
        p = subprocess.run(["/usr/bin/time", "-o", out, "-f", "%e %U %S %M"] + cmd, cwd=cwd,
                           stdin=inp, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if p.returncode != 0:
        sys.exit("bench: %s failed (%d): %s" % (" ".join(cmd), p.returncode, p.stderr[-2000:]))
    with open(out) as f:
        e, u, s, m = f.read().split()[-4:]
    return dict(wall=float(e), cpu=float(u) + float(s), rss_mb=int(m) / 1024)


# ---- the systems: build ------------------------------------------------------

def build(system, corpus, db, overwrite=True, extra=()):
    if overwrite:
        shutil.rmtree(db, ignore_errors=True)
        if os.path.exists(db):
            os.unlink(db)
    if system == "izde":
        return timed([IZDE_INDEX, "-q", "-d", db] + list(extra) + [corpus])
    if system == "omindex":
        return timed(["omindex", "-s", "none", "-D", db, "--url", "/"]
                     + (["--overwrite"] if overwrite else []) + [corpus])
    if system == "xapian-min":
        return timed([XMIN, "index", db, corpus])
    if system == "fts5":
        sql = os.path.join(W, "fts5-load.sql")
        with open(sql, "w") as f:
            f.write(FTS_SCHEMA + "BEGIN;\nINSERT INTO docs(path, body) SELECT name, "
                    "CAST(data AS TEXT) FROM fsdir('.') WHERE name GLOB '*.txt';\nCOMMIT;\n")
        return timed(["sqlite3", db], cwd=corpus, stdin=sql)
    raise ValueError(system)


def compact(system, db):
    """Compacted size (MB) and the time compaction took."""
    out = db + ".compact"
    shutil.rmtree(out, ignore_errors=True)
    if system == "fts5":
        shutil.copyfile(db, out)
        sql = os.path.join(W, "fts5-optimize.sql")
        with open(sql, "w") as f:
            f.write("INSERT INTO docs(docs) VALUES('optimize');\nVACUUM;\n")
        t = timed(["sqlite3", out], stdin=sql)
        size = os.path.getsize(out)
        os.unlink(out)
    else:
        t = timed(["xapian-compact", "-q", db, out])
        size = tree_bytes(out)[0]
        shutil.rmtree(out)
    return size / 1e6, t["wall"]


def db_mb(db):
    return (os.path.getsize(db) if os.path.isfile(db) else tree_bytes(db)[0]) / 1e6


# ---- the systems: search -----------------------------------------------------

def fts_match(q, any_mode):
    words = re.findall(r"\w+", q)
    return (" OR " if any_mode else " ").join('"%s"' % w for w in words)


FTS_SQL = ("SELECT path, snippet(docs, 1, '<b>', '</b>', '…', 24) FROM docs "
           "WHERE docs MATCH ? ORDER BY rank LIMIT 10")


def search_cmd(system, db, q, any_mode):
    if system == "izde":
        return [IZDE_SEARCH, "-d", db, "--format", "json", "-n", "10"] + \
            (["--any"] if any_mode else []) + ["--", q]
    if system == "omindex":  # quest on the omindex database
        return ["quest", "-d", db, "-s", "none", "-m", "10", "-o", "or" if any_mode else "and", q]
    if system == "fts5":
        m = fts_match(q, any_mode)
        if not m:
            return None
        return ["sqlite3", "-readonly", db, FTS_SQL.replace("?", "'%s'" % m.replace("'", "''"))]
    raise ValueError(system)


def hits_of(system, db, q, any_mode, con=None):
    """Basenames of the top 10, best first."""
    if system == "izde":
        got = known_item.search(BIN, db, q, any_mode)
        return got[0] if got else []
    if system == "fts5":
        m = fts_match(q, any_mode)
        if not m:
            return []
        return [os.path.basename(r[0]) for r in con.execute(FTS_SQL, (m,))]
    p = subprocess.run(search_cmd(system, db, q, any_mode), capture_output=True, text=True)
    if p.returncode != 0:  # quest: a query its parser rejects
        return []
    return [os.path.basename(line[4:]) for line in p.stdout.splitlines() if line.startswith("url=")]


def pct(v, p):
    v = sorted(v)
    return v[min(len(v) - 1, int(len(v) * p / 100))]


def latency_e2e(systems, queries, reps):
    """Each query run as a new process by each system in turn ({system: db}),
    so that the machine's load moves all alike: wall and CPU (the child's
    user + system time) per run, p50 and p95 per system."""
    ms = {s: [] for s in systems}
    cpu = {s: [] for s in systems}
    null = os.open(os.devnull, os.O_WRONLY)
    quiet = [(os.POSIX_SPAWN_DUP2, null, 1), (os.POSIX_SPAWN_DUP2, null, 2)]
    for _ in range(reps):
        for q in queries:
            for s, db in systems.items():
                cmd = search_cmd(s, db, q, False)
                if cmd is None:
                    continue
                t = time.perf_counter()
                pid = os.posix_spawnp(cmd[0], cmd, os.environ, file_actions=quiet)
                _, _, ru = os.wait4(pid, 0)
                ms[s].append((time.perf_counter() - t) * 1e3)
                cpu[s].append((ru.ru_utime + ru.ru_stime) * 1e3)
    os.close(null)
    return {s: dict(p50=pct(ms[s], 50), p95=pct(ms[s], 95), cpu_p50=pct(cpu[s], 50),
                    cpu_p95=pct(cpu[s], 95), runs=len(ms[s])) for s in systems}


def latency_inproc(system, db, qfile, queries, reps):
    if system == "fts5":
        con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
        ms, cpu = [], []
        for r in range(-1, reps):
            for q in queries:
                m = fts_match(q, False)
                t, c = time.perf_counter(), time.thread_time()
                if m:
                    con.execute(FTS_SQL, (m,)).fetchall()
                if r >= 0:
                    ms.append((time.perf_counter() - t) * 1e3)
                    cpu.append((time.thread_time() - c) * 1e3)
        con.close()
        return dict(p50=pct(ms, 50), p95=pct(ms, 95), runs=len(ms), cpu_p50=pct(cpu, 50),
                    cpu_p95=pct(cpu, 95))
    if system == "izde":
        cmd = [IZDE_LAT, db, "all", str(reps), str(SNIPPET_BYTES), qfile]
    else:  # Xapian's QueryParser + Enquire in-process on the omindex database
        cmd = [XMIN, "query", db, "all", str(reps), qfile]
    p50, p95, n, c50, c95 = subprocess.run(cmd, capture_output=True, text=True,
                                           check=True).stdout.split()
    return dict(p50=float(p50), p95=float(p95), runs=int(n), cpu_p50=float(c50),
                cpu_p95=float(c95))


# ---- shards (issue 9) ----------------------------------------------------------

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_tcpsrv(db):
    """A xapian-tcpsrv serving db on a free 127.0.0.1 port, listening."""
    port = free_port()
    # its own session: on SIGTERM xapian-tcpsrv signals its process group
    p = subprocess.Popen(["xapian-tcpsrv", "--quiet", "--interface", "127.0.0.1", "--port",
                          str(port), db], start_new_session=True,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return p, port
        except OSError:
            time.sleep(0.1)
    p.kill()
    sys.exit("bench: xapian-tcpsrv on port %d did not start" % port)


def shard_latency(rs, qfile, queries, a):
    """The corpus in 2 shards: the same queries over them locally and over two
    xapian-tcpsrv on 127.0.0.1 (a remote stub)."""
    sdb = os.path.join(W, "db", "izde-shards.db")
    log("build izde --shards 2")
    S = dict(build=build("izde", rs, sdb, extra=["--shards", "2"]))
    with open(os.path.join(sdb, "XAPIANDB")) as f:
        shards = [os.path.join(sdb, line.split()[1]) for line in f if line.strip()]
    servers = []
    try:
        stub = os.path.join(W, "db", "izde-remote.stub")
        with open(stub, "w") as f:
            for d in shards:
                p, port = start_tcpsrv(d)
                servers.append(p)
                f.write("remote 127.0.0.1:%d\n" % port)
        for name, db in (("local", sdb), ("tcpsrv", stub)):
            log("query latency izde, 2 %s shards" % name)
            S[name] = dict(inproc=latency_inproc("izde", db, qfile, queries, a.reps),
                           e2e=latency_e2e({"izde": db}, queries, a.e2e_reps)["izde"])
    finally:
        for p in servers:
            p.terminate()
            p.wait()
    return S


# ---- the table ---------------------------------------------------------------

ANCHORS = ["omindex", "xapian-min", "fts5"]


def fmt(v):
    if v is None:
        return "-"
    if isinstance(v, str):
        return v
    a = abs(v)
    return "%.0f" % v if a >= 1000 else "%.1f" % v if a >= 10 else "%.2f" % v if a >= 0.1 else "%.3f" % v


def table(rows, head):
    cols = ["measure", "izde"]
    for a in ANCHORS:
        cols += [a, "x"]
    cols.append("goal")
    lines = [[r["measure"], fmt(r["izde"])] for r in rows]
    for line, r in zip(lines, rows):
        for a in ANCHORS:
            v = r.get(a)
            line.append(fmt(v))
            line.append("%.2f" % (r["izde"] / v) if v and r["izde"] is not None else "-")
        line.append(r.get("goal", ""))
    w = [max(len(c), *(len(x[i]) for x in lines)) for i, c in enumerate(cols)]
    out = list(head)
    out.append("  ".join(c.ljust(w[i]) if i == 0 else c.rjust(w[i]) for i, c in enumerate(cols)))
    out.append("  ".join("-" * x for x in w))
    for x in lines:
        out.append("  ".join(c.ljust(w[i]) if i in (0, len(cols) - 1) else c.rjust(w[i])
                             for i, c in enumerate(x)))
    return "\n".join(out)


def goal(ratio, limit, label):
    if ratio is None:
        return label
    return "%s (%s)" % (label, "met" if ratio <= limit else "not met")


# ---- the printed issues: PDF pages/s ------------------------------------------

MKPDF = os.path.join(BIN, "mkpdf")
PDF_CHARS = 500000  # about 300 two-column pages of these articles


def bench_pdf(real, runs):
    """Sets the real articles (text export) as one printed issue of about 300
    pages, two columns, running heads and page numbers (bin/mkpdf), and
    times izde-index on it, and its PDF reader alone (bin/artdump), against
    pdftotext (poppler's own text extraction, the anchor): median wall and
    CPU s of `runs`, pages/s."""
    d = os.path.join(W, "pdf")
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(os.path.join(d, "issue"))
    script, chars = ["=head Муниципалитет · бенчмарк", "=folio on"], 0
    files = sorted(os.path.join(dp, f) for dp, _, fs in os.walk(real) for f in fs)
    for name in files:
        with open(name, encoding="utf-8", errors="replace") as f:
            lines = [x.strip() for x in f if x.strip()]
        if len(lines) < 2:
            continue
        script += ["=h " + lines[0][:200], "=cols 2"] + [x for p in lines[1:] for x in (p, "")]
        chars += sum(len(x) for x in lines)
        if chars >= PDF_CHARS:
            break
    pdf = os.path.join(d, "issue", "2024-02-148.pdf")
    with open(os.path.join(d, "issue.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(script) + "\n")
    subprocess.run([MKPDF, pdf], stdin=open(os.path.join(d, "issue.txt")), check=True)
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    t = {"izde": [], "reader": [], "pdftotext": []}
    for _ in range(runs):
        shutil.rmtree(os.path.join(d, "db"), ignore_errors=True)
        t["izde"].append(timed([IZDE_INDEX, "-q", "-d", os.path.join(d, "db"),
                                os.path.join(d, "issue")]))
        t["reader"].append(timed([os.path.join(BIN, "artdump"), pdf]))
        t["pdftotext"].append(timed(["pdftotext", pdf, os.path.join(d, "out.txt")]))
    res = dict(pages=pages, mb=os.path.getsize(pdf) / 1e6, runs=runs)
    for k, v in t.items():
        wall = statistics.median(x["wall"] for x in v)
        res[k] = dict(runs=v, wall=wall, pages_s=pages / wall,
                      cpu=statistics.median(x["cpu"] for x in v),
                      rss_mb=statistics.median(x["rss_mb"] for x in v))
    return res


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=os.path.join(TOP, "..", "shared"))
    ap.add_argument("--n", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=8)
    ap.add_argument("--runs", type=int, default=3,
                    help="full builds of the resampled corpus by izde and omindex, interleaved, "
                         "for a median (others: 1)")
    ap.add_argument("--small-runs", type=int, default=3,
                    help="builds of the real articles by izde and omindex (others: 1)")
    ap.add_argument("--reps", type=int, default=5, help="in-process passes over the queries")
    ap.add_argument("--e2e-reps", type=int, default=2, help="end-to-end passes")
    ap.add_argument("--pdf-runs", type=int, default=3, help="indexings of the PDF issue")
    ap.add_argument("--reindex-runs", type=int, default=5,
                    help="rounds of the reindex rows (no change, one issue)")
    ap.add_argument("--out", default=os.path.join(HERE, "results", "latest.json"))
    a = ap.parse_args()
    t_start = time.monotonic()
    os.makedirs(W, exist_ok=True)
    meta = dict(commit=subprocess.run(["git", "rev-parse", "HEAD"], cwd=TOP, capture_output=True,
                                      text=True).stdout.strip(),
                tree_changes=subprocess.run(["git", "status", "--porcelain", "--", "lib", "include",
                                             "indexer", "searcher", "bench"], cwd=TOP,
                                            capture_output=True, text=True).stdout.split("\n")[:-1],
                date=time.strftime("%Y-%m-%dT%H:%M:%S%z"), cpus=os.cpu_count(),
                load_start=loadavg(),
                xapian=subprocess.run(["xapian-config", "--version"], capture_output=True,
                                      text=True).stdout.strip(),
                sqlite=subprocess.run(["sqlite3", "--version"], capture_output=True,
                                      text=True).stdout.split()[0],
                formats="the corpora are text exports (.txt), which every system reads")

    # -- corpora
    real = os.path.join(W, "real")
    rs = os.path.join(W, "resampled")
    extra = os.path.join(W, "extra-issue")
    stamp = os.path.join(W, "resampled.stamp")
    gen = os.path.join(HERE, "tools", "bench_corpus.py")
    with open(gen, "rb") as f:
        key = "n=%d seed=%d gen=%s" % (a.n, a.seed, hashlib.sha1(f.read()).hexdigest())
    if not os.path.isdir(real):
        subprocess.run([sys.executable, gen, "real", a.shared, real], check=True)
    if not (os.path.exists(stamp) and open(stamp).read() == key):
        for d in (rs, extra):
            shutil.rmtree(d, ignore_errors=True)
        subprocess.run([sys.executable, gen, "resampled", a.shared, rs, "--n", str(a.n),
                        "--seed", str(a.seed)], check=True)
        subprocess.run([sys.executable, gen, "resampled", a.shared, extra, "--n", "30",
                        "--first", str(a.n), "--seed", str(a.seed), "--issue",
                        str(a.n // 30 + 2)], check=True)
        with open(stamp, "w") as f:
            f.write(key)
    extra_issue = os.listdir(extra)[0]
    shutil.rmtree(os.path.join(rs, extra_issue), ignore_errors=True)  # a run cut short
    corp = {}
    for name, path in (("real", real), ("resampled", rs)):
        size, n = tree_bytes(path)
        corp[name] = dict(path=os.path.relpath(path, TOP), articles=n, mb=size / 1e6)
        subprocess.run("find %s -type f -print0 | xargs -0 cat >/dev/null" % path, shell=True)
    corp["resampled"]["label"] = "resampled, for throughput only"
    log("corpora: %d real articles (%.1f MB), %d resampled (%.1f MB)" % (
        corp["real"]["articles"], corp["real"]["mb"], corp["resampled"]["articles"],
        corp["resampled"]["mb"]))
    dbs = {s: os.path.join(W, "db", s + (".sqlite" if s == "fts5" else ".db"))
           for s in ["izde"] + ANCHORS}
    rdbs = {s: os.path.join(W, "db", "real-" + s + (".sqlite" if s == "fts5" else ".db"))
            for s in ["izde"] + ANCHORS}
    os.makedirs(os.path.join(W, "db"), exist_ok=True)
    R = dict(meta=meta, corpora=corp)

    # -- full builds: the resampled corpus, then the real articles (interleaved)
    # izde and omindex (the goal's anchor) a.runs times, in turns, for a
    # median: a build takes 15-35 s, and a neighbour on this shared machine
    # can slow one of them by half; the other anchors once.
    big = {s: [] for s in dbs}
    for r in range(a.runs):
        pair = ["izde", "omindex"] if r % 2 == 0 else ["omindex", "izde"]
        for s in pair + (ANCHORS[1:] if r == 0 else []):
            log("build %s, resampled corpus (run %d/%d)" % (s, r + 1, a.runs))
            big[s].append(build(s, rs, dbs[s]))
    # The real articles: izde and omindex (the goals' anchor) a.small_runs
    # times for a median; the other anchors once (their databases serve the
    # quality rows, their times are for information).
    small = {s: [] for s in rdbs}
    for r in range(a.small_runs):
        for s in ["izde"] + ANCHORS:
            if r == 0 or s in ("izde", "omindex"):
                small[s].append(build(s, real, rdbs[s]))
    log("builds of the real articles done")
    B = {}
    for s in dbs:
        med = {k: statistics.median(x[k] for x in big[s]) for k in ("wall", "cpu", "rss_mb")}
        cmb, csecs = compact(s, dbs[s])
        B[s] = dict(runs=big[s], wall=med["wall"], cpu=med["cpu"], rss_mb=med["rss_mb"],
                    articles_s=corp["resampled"]["articles"] / med["wall"],
                    mb_s=corp["resampled"]["mb"] / med["wall"],
                    db_mb=db_mb(dbs[s]), db_compact_mb=cmb, compact_s=csecs,
                    real_runs=small[s],
                    real_wall=statistics.median(x["wall"] for x in small[s]),
                    real_db_mb=db_mb(rdbs[s]))
    # each pair ran back to back: their ratios show what the load did
    B["izde"]["omindex_pair_ratios"] = [round(i["wall"] / o["wall"], 3)
                                        for i, o in zip(big["izde"], big["omindex"])]
    R["build"] = B

    # -- reindex: no change, then one issue (30 new files) added; a.reindex_runs
    # rounds, the two systems taking turns first, medians (each run is a
    # fraction of a second: one sample is noise)
    runs = {s: dict(no_change=[], one_issue=[]) for s in ("izde", "omindex")}
    for r in range(a.reindex_runs):
        order = ("izde", "omindex") if r % 2 == 0 else ("omindex", "izde")
        log("reindex, round %d/%d: no change, one issue added" % (r + 1, a.reindex_runs))
        for s in order:
            runs[s]["no_change"].append(build(s, rs, dbs[s], overwrite=False))
        shutil.copytree(os.path.join(extra, extra_issue), os.path.join(rs, extra_issue))
        try:
            for s in order:
                runs[s]["one_issue"].append(build(s, rs, dbs[s], overwrite=False))
        finally:
            shutil.rmtree(os.path.join(rs, extra_issue))
        for s in order:  # the issue gone again
            build(s, rs, dbs[s], overwrite=False)
    RI = {s: {k: dict(runs=v, wall=statistics.median(x["wall"] for x in v),
                      cpu=statistics.median(x["cpu"] for x in v),
                      rss_mb=statistics.median(x["rss_mb"] for x in v))
              for k, v in runs[s].items()} for s in runs}
    R["reindex"] = RI

    # -- query latency on the resampled databases
    mine = [q.strip() for q in open(os.path.join(HERE, "queries-short.txt"), encoding="utf-8")
            if q.strip()]
    k = (100 - len(mine)) // 2
    summ = []
    for fn in ("queries-summary-short.tsv", "queries-summary.tsv"):
        with open(os.path.join(a.shared, "eval", fn), encoding="utf-8") as f:
            summ += [line.rstrip("\n").split("\t", 1)[1] for line in f if line.strip()][:k]
    queries = mine + summ
    qfile = os.path.join(W, "queries-latency.txt")
    with open(qfile, "w", encoding="utf-8") as f:
        f.write("".join(q + "\n" for q in queries))
    L = dict(queries=len(queries), written=len(mine), summary=len(summ), mode="all words")
    for s in ("izde", "omindex", "fts5"):
        log("query latency %s, in-process" % s)
        L[s] = dict(inproc=latency_inproc(s, dbs[s], qfile, queries, a.reps))
    log("query latency end to end, the systems in turn")
    for s, e2e in latency_e2e({s: dbs[s] for s in ("izde", "omindex", "fts5")}, queries,
                              a.e2e_reps).items():
        L[s]["e2e"] = e2e
    R["latency"] = L
    S = R["shards"] = shard_latency(rs, qfile, queries, a)

    # -- known-item quality on the real articles
    log("search quality")
    Q = []
    con = sqlite3.connect("file:%s?mode=ro" % rdbs["fts5"], uri=True)
    for fn in ("queries-summary-short.tsv", "queries-summary.tsv"):
        with open(os.path.join(a.shared, "eval", fn), encoding="utf-8") as f:
            qs = [line.rstrip("\n").split("\t", 1) for line in f if line.strip()]
        for s in ("izde", "omindex", "fts5"):
            for mode in ("all", "any"):
                ranks = [known_item.rank_of(hits_of(s, rdbs[s], q, mode == "any", con), qid)
                         for qid, q in qs]
                Q.append(dict(system=s, queries=fn[:-4], mode=mode, **known_item.metrics(ranks)))
    con.close()
    R["quality"] = Q

    # -- the printed issues
    log("PDF: izde-index and pdftotext on one issue")
    P = R["pdf"] = bench_pdf(real, a.pdf_runs)
    meta["load_end"] = loadavg()
    meta["bench_seconds"] = round(time.monotonic() - t_start, 1)

    # -- the table
    rows = []
    nrs = corp["resampled"]["articles"]

    def brow(label, key, g=None):
        row = dict(measure=label, izde=B["izde"][key], **{x: B[x][key] for x in ANCHORS})
        if g:
            row["goal"] = goal(B["izde"][key] / B["omindex"][key], *g)
        rows.append(row)
    brow("build %d resampled: wall s, median of %d" % (nrs, a.runs), "wall",
         (0.5, "<=0.5x omindex"))
    brow("  CPU s (user+sys)", "cpu")
    brow("  articles/s", "articles_s")
    brow("  MB/s", "mb_s")
    brow("  peak RSS MB", "rss_mb")
    brow("  DB MB", "db_mb", (0.75, "<=0.75x omindex"))
    brow("  DB MB after compact", "db_compact_mb")
    brow("  compact s", "compact_s")
    brow("build %d real: wall s, median of %d" % (corp["real"]["articles"], a.small_runs)
         + (" (xapian-min, fts5: 1)" if a.small_runs > 1 else ""),
         "real_wall")
    brow("  DB MB", "real_db_mb")
    for key, label, g in (("no_change", "reindex, no change: wall s, median of %d"
                           % a.reindex_runs, (1.0, "<=1.0x omindex")),
                          ("one_issue", "reindex, +1 issue (30 files): wall s, median",
                           (1.0, "<=1.0x omindex"))):
        row = dict(measure=label, izde=RI["izde"][key]["wall"], omindex=RI["omindex"][key]["wall"])
        if g:
            row["goal"] = goal(row["izde"] / row["omindex"], *g)
        rows.append(row)
    for kind, label, ps in (("inproc", "in-process", ("p50", "p95", "cpu_p50", "cpu_p95")),
                            ("e2e", "end to end", ("p50", "p95", "cpu_p50", "cpu_p95"))):
        for p in ps:
            row = dict(measure="query %s %s ms" % (label, p.replace("_", " ")),
                       izde=L["izde"][kind][p], omindex=L["omindex"][kind][p],
                       fts5=L["fts5"][kind][p])
            if kind == "inproc" and p in ("p95", "cpu_p95"):
                row["goal"] = "<=5 ms (%s)" % ("met" if row["izde"] <= 5 else "not met")
            if kind == "e2e":
                row["goal"] = goal(row["izde"] / row["omindex"], 1.0, "<=1.0x quest")
            rows.append(row)
    rows.append(dict(measure="build %d resampled, --shards 2: wall s" % nrs,
                     izde=S["build"]["wall"], omindex=B["omindex"]["wall"],
                     goal="%.2fx one izde DB" % (S["build"]["wall"] / B["izde"]["wall"])))
    for key, where in (("local", "2 local shards"), ("tcpsrv", "2 tcpsrv shards")):
        for kind, label in (("inproc", "in-process"), ("e2e", "end to end")):
            for p in ("p50", "p95"):
                rows.append(dict(measure="query %s %s ms, %s" % (label, p, where),
                                 izde=S[key][kind][p], omindex=L["omindex"][kind][p],
                                 goal="%.2fx one izde DB" % (S[key][kind][p] / L["izde"][kind][p])))
    for qset in ("queries-summary-short", "queries-summary"):
        for mode in ("all", "any"):
            for m, ml in (("mrr10", "MRR@10"), ("success1", "S@1"), ("success10", "S@10")):
                row = dict(measure="%s %s %s" % (ml, qset.replace("queries-", ""), mode))
                for x in Q:
                    if x["queries"] == qset and x["mode"] == mode:
                        row["izde" if x["system"] == "izde" else x["system"]] = x[m]
                rows.append(row)
    head = [
        "make bench at %s (%s), %d CPUs, load average %.1f at start, %.1f at end" % (
            meta["commit"][:10], meta["date"], meta["cpus"], meta["load_start"], meta["load_end"]),
        "resampled: %d articles, %.1f MB (resampled, for throughput only); real: %d articles, "
        "%.1f MB of text export (%s)" % (nrs, corp["resampled"]["mb"], corp["real"]["articles"],
                                        corp["real"]["mb"], meta["formats"]),
        "x = izde / anchor (times, sizes: lower is better; rates, quality: higher is better).  "
        "omindex column: omindex -s none; queries: quest (end to end),",
        "Xapian QueryParser+Enquire (in-process), both on the omindex DB, all words.  "
        "Queries: %d written + %d summary; %d in-process passes, %d end to end." % (
            L["written"], L["summary"], a.reps, a.e2e_reps),
        "In-process cpu: the query's thread CPU time (what it costs whatever else the shared "
        "machine runs); end to end: each query by izde, quest and sqlite3 in turn, cpu the "
        "process's.",
        "Quality: known items on the real articles; izde-search, quest -s none, FTS5 bm25.",
        "Full builds, izde / omindex run by run (each pair back to back): %s." % ", ".join(
            "%.2f" % x for x in B["izde"]["omindex_pair_ratios"]),
        "",
    ]
    text = table(rows, head)
    R["table"] = rows
    print(text)
    print("\nPDF: one issue of %d pages (%.1f MB, two columns; bin/mkpdf from the real articles), "
          "median of %d:" % (P["pages"], P["mb"], P["runs"]))
    for k, label in (("izde", "izde-index (read + index)"), ("reader", "izde's reader alone"),
                     ("pdftotext", "pdftotext (anchor)")):
        x = P[k]
        print("  %-26s %6.2f s wall %6.2f s CPU %5.0f pages/s  peak RSS %4.0f MB  x %.2f" % (
            label, x["wall"], x["cpu"], x["pages_s"], x["rss_mb"],
            x["pages_s"] / P["pdftotext"]["pages_s"]))
    print("\nmake bench: %.0f s" % meta["bench_seconds"])
    os.makedirs(os.path.dirname(a.out), exist_ok=True)
    with open(a.out + ".tmp", "w", encoding="utf-8") as f:
        json.dump(R, f, ensure_ascii=False, indent=1)
        f.write("\n")
    os.replace(a.out + ".tmp", a.out)


if __name__ == "__main__":
    main()
