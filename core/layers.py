"""The project's layers, and the imports between its apps read from the source.

Each app may import only from apps in lower layers (and from itself). The table below is
the one statement of the architecture; `manage.py import_graph` prints the graph and
`manage.py import_graph --check` (run by `make lint` and the test suite) fails on an
import that goes sideways or up.
"""

import ast
from collections import defaultdict
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

# Bottom (0) to top. accessibility stands beside the domain apps and uses core only.
LAYERS = {
    "core": 0,
    "outbox": 1,
    "municipalities": 2,
    "accessibility": 2,
    "promises": 3,
    "followup": 4,
    # Site level: the search index, the public site (its pages and the page cache), and
    # the apps that publish the same data in other forms through the page cache.
    "search": 5,
    "portal": 6,
    "alerts": 7,
    "opendata": 7,
    "config": 8,
}


def imported_apps(path: Path) -> set[str]:
    """The project apps a Python file imports, absolute imports only (relative ones stay
    inside the app)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return {name.split(".")[0] for name in names} & LAYERS.keys()


def import_graph(base_dir: Path = BASE_DIR) -> dict[str, dict[str, list[str]]]:
    """{app: {imported app: [files that import it]}} for every app in LAYERS."""
    graph = defaultdict(lambda: defaultdict(list))
    for app in LAYERS:
        for path in sorted((base_dir / app).rglob("*.py")):
            for other in imported_apps(path) - {app}:
                graph[app][other].append(str(path.relative_to(base_dir)))
    return graph


def violations(graph) -> list[str]:
    """Every import from an app to one at the same or a higher layer."""
    found = []
    for app, targets in sorted(graph.items()):
        for other, files in sorted(targets.items()):
            if LAYERS[other] >= LAYERS[app]:
                found += [
                    f"{file}: {app} (layer {LAYERS[app]}) imports {other} (layer {LAYERS[other]})"
                    for file in files
                ]
    return found
