#!/usr/bin/env python3
"""Cross-language search quality: MRR@10 per query language, with and
without --lang-expand (bench/lang.sh; `make bench-lang`).

    lang_mrr.py NEEDS.tsv IZDE-SEARCH DB [--label L] [--json OUT] [--detail]

NEEDS.tsv: need, relevant article ids (space-separated file names without
.txt), the need asked in Kyrgyz, Russian, English.  A hit counts when its
path's file name is one of the relevant ids."""
import json, os, subprocess, sys

def run(search, db, query, expand):
    args = [search, '-d', db, '--format', 'jsonl', '--fields', 'path', '-n', '10']
    if expand:
        args.append('--lang-expand')
    out = subprocess.run(args + ['--', query], capture_output=True, text=True)
    if out.returncode not in (0, 1):
        sys.exit(f'{query}: izde-search exit {out.returncode}: {out.stderr}')
    return [os.path.basename(json.loads(l)['path'])[:-4] for l in out.stdout.splitlines() if l]

def main():
    a = sys.argv[1:]
    needs_path, search, db = a[:3]
    label = a[a.index('--label') + 1] if '--label' in a else ''
    needs = []
    for line in open(needs_path, encoding='utf-8'):
        if line.startswith('#') or not line.strip():
            continue
        nid, rel, ky, ru, en = line.rstrip('\n').split('\t')
        needs.append((nid, set(rel.split()), {'ky': ky, 'ru': ru, 'en': en}))
    res = {}
    detail = []
    for expand in (0, 1):
        for lang in ('ky', 'ru', 'en'):
            rr = []
            for nid, rel, q in needs:
                hits = run(search, db, q[lang], expand)
                r = next((1.0 / (i + 1) for i, h in enumerate(hits) if h in rel), 0.0)
                rr.append(r)
                detail.append((nid, lang, expand, r, q[lang], hits[:3]))
            res[f'{lang}{"+x" if expand else ""}'] = sum(rr) / len(rr)
    print(f'{label:14} {"":4}' + ''.join(f'{l:>8}' for l in ('ky', 'ru', 'en')) + '   ru/ky   en/ky')
    for expand in (0, 1):
        k = lambda l: res[f'{l}{"+x" if expand else ""}']
        ky = k('ky') or 1e-9
        print(f'{label:14} {"exp" if expand else "no":4}' + ''.join(f'{k(l):8.3f}' for l in ('ky', 'ru', 'en'))
              + f'   {k("ru") / ky:5.2f}   {k("en") / ky:5.2f}')
    if '--detail' in a:
        for d in detail:
            if d[3] < 1:
                print(f'  {d[0]} {d[1]} {"x" if d[2] else "-"} RR {d[3]:.2f}  {d[4]}  → {d[5]}')
    if '--json' in a:
        out = a[a.index('--json') + 1]
        try:
            allres = json.load(open(out))
        except (OSError, ValueError):
            allres = {}
        allres[label or 'default'] = {'needs': len(needs), 'mrr@10': {k: round(v, 4) for k, v in res.items()}}
        json.dump(allres, open(out, 'w'), indent=1, ensure_ascii=False)

main()
