"""Keep one file's hash for a package in a hashed lock: `pip --require-hashes` then accepts
exactly that file (the model's published wheel), never another artifact of the same version.

    python scripts/pin_wheel.py requirements.lock PACKAGE SHA256
"""

import re
import sys
from pathlib import Path


def main(lock: str, package: str, sha256: str) -> int:
    path = Path(lock)
    text = path.read_text("utf-8")
    block = re.compile(
        rf"^{re.escape(package)}==\S+ \\\n(?:    --hash=sha256:\w+(?: \\)?\n)+", re.M
    )
    found = block.search(text)
    if not found:
        sys.exit(f"{package} is not in {lock}")
    if f"sha256:{sha256}" not in found.group():
        sys.exit(
            f"{lock} has no file of {package} with sha256 {sha256}: the published file changed"
        )
    head = found.group().split(" \\\n")[0]
    path.write_text(text.replace(found.group(), f"{head} \\\n    --hash=sha256:{sha256}\n"))
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
