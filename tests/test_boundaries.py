"""Dependencies flow one way: `extract` never imports Flask or SQLAlchemy."""

from __future__ import annotations

import subprocess
import sys


def test_extract_is_framework_free():
    code = (
        "import sys, extract; from extract import extract as run; run('T\\n\\nRussia said so.');"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('flask', 'sqlalchemy', 'flask_smorest', 'api')];"
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_web_app_import_does_not_load_spacy():
    code = "import sys, api; api.create_app(); assert 'spacy' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)
