"""Scores the extractor on the results2 dev sample (python docs/notes/results2-dev/score_dev.py [-v]): on
(benchmark, metric, value) as papertrends eval does, and on (benchmark, value)."""
import json, sys, tempfile
from pathlib import Path
sys.path.insert(0, "docs/notes/results2-dev")
from dev_gold import GOLD, DONTCARE
from analysis.build import build
from analysis.store.db import connect
from analysis.evaluate import _found_rows
papers = [json.loads(l) for l in open("/tmp/results2-dev.jsonl")]
with tempfile.TemporaryDirectory() as d:
    listing = Path(d) / "dev.jsonl"
    with listing.open("w") as out:
        for p in papers:
            out.write(json.dumps({"id": p["paper_id"], "title": p["title"], "abstract": p["abstract"], "github_repo": None}) + "\n")
    build([listing], Path(d) / "dev.duckdb", progress=False)
    with connect(Path(d) / "dev.duckdb", read_only=True) as con:
        found = _found_rows(con)
def key(b, m, v): return (b.casefold(), m, round(float(v), 6))
tp = fp = fn = tp2 = fp2 = fn2 = 0
verbose = "-v" in sys.argv
for n, p in enumerate(papers):
    gold = [key(b, m, v) for i, b, m, v in GOLD if i == n]
    gold2 = [k[0::2] for k in gold]
    dc = [(b, v) for i, b, v in DONTCARE if i == n]
    got = found[p["paper_id"]]["results"]
    rem, rem2 = list(gold), list(gold2)
    for r in sorted(got, key=lambda r: r["start_char"]):
        k = key(r["benchmark"], r["metric"], r["value"])
        ok2 = k[0::2] in rem2
        if ok2: rem2.remove(k[0::2]); tp2 += 1
        if k in rem:
            rem.remove(k); tp += 1
        elif any((b is None or b.casefold() == k[0]) and (v is None or v == k[2]) for b, v in dc):
            continue
        else:
            fp += 1; fp2 += not ok2
            t = p[r["field"]]
            if verbose: print(f"FP {n} {k} {'(bench+value ok)' if ok2 else ''} …{t[max(0,r['start_char']-60):r['start_char']]}[{r['text']}]{t[r['end_char']:r['end_char']+40]}…")
    for k in rem:
        fn += 1
        if verbose: print(f"FN {n} {k}")
    fn2 += len(rem2)
def f(tp, fp, fn):
    P = tp / (tp + fp) if tp + fp else 1; R = tp / (tp + fn) if tp + fn else 1
    return f"P {P:.3f} R {R:.3f} F1 {2*P*R/(P+R) if P+R else 0:.3f} ({tp}/{fp}/{fn})"
print("dev triple ", f(tp, fp, fn))
print("dev bench+value", f(tp2, fp2, fn2))
