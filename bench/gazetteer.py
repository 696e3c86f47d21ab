"""The gazetteer's costs (issue 23): data file size, index build time and size, lookup rate, and
a process's resident memory before and after opening it and doing lookups.

    .venv/bin/python bench/gazetteer.py [--lookups 10000]

Builds the index in a fresh temporary cache folder (so the build is timed), then, in a second
process that only opens it, as a worker does once another process has built it, measures memory
(from after `import extract`, which a worker has done anyway) and lookups: half of them names of
the file, half those names reversed (mostly misses), then 1,000 of them ten times over.
Linux (/proc) for the memory figures.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def rss_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def sample_names(n: int, seed: int = 23) -> list[str]:
    with gzip.open(ROOT / "extract" / "data" / "gazetteer.tsv.gz", "rt", encoding="utf-8") as lines:
        next(lines)
        names = [line.split("\t", 3)[2] for line in lines]
    rng = random.Random(seed)
    # Half real names (every one a hit), half the same names reversed (mostly misses).
    picked = rng.sample(names, n // 2)
    return picked + [name[::-1] for name in picked]


def measure(cache: str, names_file: str) -> dict:
    """Runs in a process of its own: open the built index and look names up."""
    names = Path(names_file).read_text(encoding="utf-8").splitlines()
    import extract  # noqa: F401  (a worker has the extractor loaded before it opens the gazetteer)

    before = rss_kb()
    from extract.places.gazetteer import open_gazetteer

    t0 = time.perf_counter()
    places = open_gazetteer(cache_dir=Path(cache))
    opened = time.perf_counter() - t0
    after_open = rss_kb()
    t0 = time.perf_counter()
    hits = sum(1 for name in names if places.lookup(name))
    cold = time.perf_counter() - t0
    hot = names[:1000] * 10  # a brief's names recur: these hit the lookup cache
    t0 = time.perf_counter()
    for name in hot:
        places.lookup(name)
    warm = time.perf_counter() - t0
    return {
        "open_ms": round(opened * 1000, 1),
        "lookups": len(names),
        "hits": hits,
        "lookups_per_s_distinct_names": round(len(names) / cold),
        "lookups_per_s_repeated_names": round(len(hot) / warm),
        "rss_before_kb": before,
        "rss_after_open_kb": after_open,
        "rss_after_lookups_kb": rss_kb(),
        "rss_added_mb": round((rss_kb() - before) / 1024, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lookups", type=int, default=10_000)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--names", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child, args.names)))
        return 0

    from extract.places.gazetteer import CURATED_FILE, GEONAMES_FILE, open_gazetteer

    with tempfile.TemporaryDirectory() as cache:
        before = rss_kb()
        t0 = time.perf_counter()
        places = open_gazetteer(cache_dir=Path(cache))
        built = time.perf_counter() - t0
        report = {
            "data_file_bytes": GEONAMES_FILE.stat().st_size,
            "curated_file": CURATED_FILE.exists(),
            "index_bytes": places.path.stat().st_size,
            "index_build_s": round(built, 2),
            "builder_rss_added_mb": round((rss_kb() - before) / 1024, 1),
        }
        names = Path(cache) / "names.txt"
        names.write_text("\n".join(sample_names(args.lookups)), encoding="utf-8")
        child = subprocess.run(
            [sys.executable, __file__, "--child", cache, "--names", str(names)],
            check=True,
            capture_output=True,
            text=True,
            env=os.environ,
        )
        report |= json.loads(child.stdout)
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
