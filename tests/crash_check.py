#!/usr/bin/env python3
"""Checks an izde database against the archive it was built from (the crash
test, tests/crash-test.sh).

usage: crash_check.py DB ARCHIVE complete
       crash_check.py DB ARCHIVE committed VERBOSE-LOG

complete:  the database holds exactly the archive's .txt files, each with
           the words of its current version (its last zq... marker).
committed: every file that VERBOSE-LOG (izde-index -v output of a killed
           run) lists as added or updated before its last "commit" line is
           there with its current text, every one listed as deleted is gone.
Both: one document per id.  Prints a one-line summary; exit 1 on failure."""
import os
import re
import subprocess
import sys

MARK = re.compile(r"zq\d+[a-z]\w*")


def db_terms(db):
    out = subprocess.run(["xapian-delve", "-a", "-1", db], capture_output=True,
                         text=True, check=True).stdout
    return set(out.split("\n"))


def doccount(db):
    out = subprocess.run(["xapian-delve", db], capture_output=True, text=True,
                         check=True).stdout
    return int(re.search(r"number of documents = (\d+)", out).group(1))


def marker(path):
    with open(path, encoding="utf-8") as fh:
        return MARK.findall(fh.read())[-1].lower()


def main():
    db, arch, mode = sys.argv[1:4]
    terms = db_terms(db)
    ids = {t[1:] for t in terms if t.startswith("Q")}
    errors = []
    if doccount(db) != len(ids):
        errors.append("%d documents for %d ids" % (doccount(db), len(ids)))
    checked = 0
    if mode == "complete":
        files = set()
        for root, _, names in os.walk(arch):
            for n in names:
                if n.endswith(".txt"):
                    files.add(os.path.relpath(os.path.join(root, n), arch))
        if files != ids:
            errors.append("missing %s, extra %s" % (sorted(files - ids)[:5], sorted(ids - files)[:5]))
        for f in files & ids:
            checked += 1
            if marker(os.path.join(arch, f)) not in terms:
                errors.append("%s: not its current text" % f)
    else:
        lines = open(sys.argv[4], encoding="utf-8").read().split("\n")
        last = max([i for i, l in enumerate(lines) if l.startswith("commit ")], default=0)
        prefix = arch.rstrip("/") + "/"
        for l in lines[:last]:
            action, _, path = l.partition(" ")
            if action not in ("add", "update", "delete"):
                continue
            rel = path[len(prefix):] if path.startswith(prefix) else path
            checked += 1
            if action == "delete":
                if rel in ids:
                    errors.append("%s: deleted and committed, still there" % rel)
            elif rel not in ids:
                errors.append("%s: %s and committed, not there" % (rel, action))
            elif marker(path) not in terms:
                errors.append("%s: %s and committed, old text" % (rel, action))
    print("%s: %d documents, %d files checked, %d errors" % (mode, len(ids), checked, len(errors)))
    for e in errors[:10]:
        print("  " + e)
    sys.exit(1 if errors else 0)


main()
