"""The Nu Html Checker (vnu-jar, run with the system's java) for the browser tests.

`make vnu` (called by `make test`) installs vnu-jar into node_modules/. One JVM start
checks any number of documents, so pass them all at once where you can."""

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings

VNU_JAR = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def html_errors(documents):
    """{name: [message, …]} of the checker's errors for {name: html}."""
    java = shutil.which("java")
    assert java, "java saknas: Nu Html Checker behöver java"
    assert VNU_JAR.exists(), f"{VNU_JAR} saknas: kör `make vnu`"
    with tempfile.TemporaryDirectory() as folder:
        paths = {}
        for n, (name, html) in enumerate(documents.items()):
            path = Path(folder) / f"{n}.html"
            path.write_text(html, encoding="utf-8")
            paths[str(path)] = name
        result = subprocess.run(  # noqa: S603 - fixed tool, our own files
            [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *paths],
            capture_output=True,
            text=True,
            check=False,
        )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = {}
    for message in messages:
        name = paths.get(message.get("url", "").removeprefix("file:"), message.get("url"))
        line = message.get("lastLine", "?")
        errors.setdefault(name, []).append(f"line {line}: {message.get('message')}")
    return errors


def assert_valid_html(html):
    """Zero Nu Html Checker errors in `html` (a string, or {name: html} for many pages)."""
    documents = html if isinstance(html, dict) else {"page": html}
    errors = html_errors(documents)
    assert errors == {}, json.dumps(errors, ensure_ascii=False, indent=2)
