"""A dev sample for results2 (run from the project root: python docs/notes/results2-dev/draw_dev.py /work/shared):
60 papers of the dense pool drawn after every gold draw; it replays the draws of tests/gold/draw_test_sample.py,
checks the replay gives results-tuning-b exactly, and excludes every drawn paper, so no test-part paper is in it."""
import json, random, sys
sys.argv = ["x", sys.argv[1] if len(sys.argv) > 1 else "../shared", "/tmp/results2-none"]
sys.path.insert(0, "tests/gold")
import draw_test_sample as d
from draw_sample import arxiv_items, hf_items
rng = random.Random(d.SEED)
exclude = d.already_in_gold()
hf, arxiv = d.pool(list(hf_items()), exclude), d.pool(list(arxiv_items()), exclude)
entities = rng.sample(hf, 55) + rng.sample(arxiv, 55)
exclude |= {i["paper_id"] for i in entities}
numbered = [i for i in d.pool(hf + arxiv, exclude) if d.HAS_NUMBER.search(i["abstract"] or "")]
results = rng.sample(numbered, 100)
exclude |= {i["paper_id"] for i in results}
more = rng.sample(d.pool(hf, exclude), 28) + rng.sample(d.pool(arxiv, exclude), 28)
exclude |= {i["paper_id"] for i in more}
dense = [i for i in d.pool(hf + arxiv, exclude) if len(d.HAS_NUMBER.findall(i["abstract"] or "")) >= 2]
testb = rng.sample(dense, 80)
exclude |= {i["paper_id"] for i in testb}
tb = {json.loads(l)["paper_id"] for l in open("tests/gold/results-tuning-b.jsonl")}
left = [i for i in dense if i["paper_id"] not in exclude]
tuningb = rng.sample(left, 60)
assert {i["paper_id"] for i in tuningb} == tb, "replay differs"
exclude |= tb
left = [i for i in dense if i["paper_id"] not in exclude]
dev = random.Random(1902).sample(left, 60)
with open("/tmp/results2-dev.jsonl", "w") as out:
    for i in dev:
        i["title"], i["abstract"] = d.clean_text(i["title"]), d.clean_text(i["abstract"])
        out.write(json.dumps(i, ensure_ascii=False) + "\n")
print(len(left), len(dev))
