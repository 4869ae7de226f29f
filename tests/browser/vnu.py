"""The Nu Html Checker (vnu.jar from npm's vnu-jar, run with Java 17) on pages as the
browser received them. axe no longer reports duplicate ids or invalid nesting; this
does. `make vnu` installs the jar under .tools/ (the test target does it first)."""

import json
import subprocess
import tempfile
from pathlib import Path

import pytest

JAR = Path(__file__).resolve().parents[2] / ".tools/vnu/node_modules/vnu-jar/build/dist/vnu.jar"


def html_errors(pages):
    """{name: [message, …]} for every error the checker finds in `pages` ({name: html}),
    checked in one Java run."""
    if not JAR.exists():
        pytest.fail(f"The Nu Html Checker is missing ({JAR}): run `make vnu`.")
    with tempfile.TemporaryDirectory() as folder:
        files = []
        for name, html in pages.items():
            path = Path(folder) / f"{name}.html"
            path.write_text(html, encoding="utf-8")
            files.append(str(path))
        command = ["java", "-jar", str(JAR), "--errors-only", "--format", "json", *files]
        # Our own fixed command on files we wrote: no untrusted input.
        result = subprocess.run(  # noqa: S603
            command, capture_output=True, text=True, timeout=180, check=False
        )
    # The checker writes its JSON report to stderr.
    report = json.loads(result.stderr or '{"messages": []}')
    errors = {}
    for message in report["messages"]:
        name = Path(message.get("url", "")).stem
        line = message.get("lastLine", "?")
        errors.setdefault(name, []).append(f"line {line}: {message['message']}")
    return errors


def assert_valid_html(html):
    """Zero Nu Html Checker errors in `html` (a string, or {name: html} for many pages)."""
    pages = html if isinstance(html, dict) else {"page": html}
    errors = html_errors(pages)
    assert errors == {}, errors
