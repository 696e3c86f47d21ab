"""Resident memory a worker process pays for places (issue 23): the app created and the real
briefs of tests/corpus/dev extracted twice, with the place step on or switched off, each in a
fresh process (a gunicorn worker and a bulk-ingest worker are such processes).

    .venv/bin/python bench/place_memory.py
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = """
import glob, os, sys
import extract as X
from extract.places import DocPlaces
if sys.argv[1] == "off":
    X.find_places = lambda ctx: DocPlaces([])
from api import create_app
create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "JSON_LOGS": False})
texts = [open(f).read() for f in sorted(glob.glob("tests/corpus/dev/*.txt"))]
for t in texts * 2:
    X.extract(t)
pages = int(open("/proc/self/statm").read().split()[1])
print(pages * os.sysconf("SC_PAGE_SIZE") / 1e6)
"""


def rss(mode: str) -> float:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, mode], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    runs = {mode: sorted(rss(mode) for _ in range(3)) for mode in ("off", "on")}
    off, on = runs["off"][1], runs["on"][1]
    print(f"resident memory, median of 3 processes: places off {off:.1f} MB, on {on:.1f} MB")
    print(f"places cost {on - off:+.1f} MB per worker (target <= 20 MB)")
    sys.path.insert(0, str(ROOT))
    from extract.places.gazetteer import gazetteer

    index = gazetteer().path
    print(f"index {index.name}: {index.stat().st_size / 1e6:.1f} MB")
    data = ROOT / "extract" / "data" / "gazetteer.tsv.gz"
    print(f"data file {data.name}: {data.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
