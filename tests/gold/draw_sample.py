"""How the gold papers were drawn (run once, by hand, with ../shared present; not needed at run time).

40 papers from the seed listing and 24 each from the Hugging Face daily papers and arXiv listings
corpora, chosen with a fixed seed, written as unannotated batches for the annotators."""

import gzip
import json
import random
import sys
from pathlib import Path

from analysis.sources import read_listing
from analysis.sources.records import clean_text

SEED = 20261127
SHARED = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared")
OUT = Path(__file__).parent / "work"


def hf_items():
    for path in sorted((SHARED / "corpora/hf-daily-papers").glob("*.json.gz")):
        data = json.load(gzip.open(path))
        data = data["data"] if isinstance(data, dict) else data
        for item in data:
            if isinstance(item, dict) and isinstance(item.get("paper"), dict):
                paper = item["paper"]
                yield {
                    "paper_id": paper["id"],
                    "source": f"hf-daily-papers/{path.name}",
                    "title": paper["title"],
                    "abstract": paper["summary"],
                    "github_repo": paper.get("githubRepo") or None,
                }


def arxiv_items():
    for path in sorted((SHARED / "corpora/arxiv-listings").glob("*.jsonl.gz")):
        for line in gzip.open(path, "rt"):
            record = json.loads(line)
            yield {
                "paper_id": record["id"],
                "source": f"arxiv-listings/{path.name}",
                "title": record["title"],
                "abstract": record["summary"],
                "github_repo": None,
            }


def main():
    rng = random.Random(SEED)
    seed_papers = [
        {
            "paper_id": p.paper_id,
            "source": "seeds/000_9964d31bbc2f217b.txt",
            "title": p.title,
            "abstract": p.abstract,
            "github_repo": None,
        }
        for p in read_listing(SHARED / "seeds/000_9964d31bbc2f217b.txt")
    ]
    chosen = rng.sample(seed_papers, 40)
    for items in (hf_items(), arxiv_items()):
        unique = {item["paper_id"]: item for item in items}
        chosen += rng.sample(sorted(unique.values(), key=lambda item: item["paper_id"]), 24)
    for item in chosen:
        item["title"], item["abstract"] = clean_text(item["title"]), clean_text(item["abstract"])
    OUT.mkdir(exist_ok=True)
    for batch in range(4):
        with open(OUT / f"batch{batch + 1}.jsonl", "w", encoding="utf-8") as out:
            for item in chosen[batch::4]:
                out.write(json.dumps(item, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
