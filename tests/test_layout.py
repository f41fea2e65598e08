"""The layout holds: no import circles, imports run one way between the stages, no file over 300 lines."""
import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("qa", "eval", "ui", "embeddings")
HEAVY_EDGES = {"gradio", "fastapi", "uvicorn", "pydantic", "mcp"}


def modules() -> dict[str, Path]:
    out = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


def imports(path: Path) -> set[str]:
    """Every name imported anywhere in the file (function-level and TYPE_CHECKING imports too)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names |= {node.module} | {f"{node.module}.{a.name}" for a in node.names}
    return names


def graph() -> dict[str, set[str]]:
    """Project module -> the project modules it imports ("qa.types.Hit" resolves to "qa.types")."""
    known = modules()

    def resolve(name: str) -> str | None:
        while name and name not in known:
            name = name.rpartition(".")[0]
        return name or None

    return {m: {r for r in map(resolve, imports(p)) if r and r != m} for m, p in known.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index, low, stack, found = {}, {}, [], []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = stack[stack.index(v):]
            del stack[stack.index(v):]
            if len(component) > 1:
                found.append(sorted(component))

    for v in edges:
        if v not in index:
            visit(v)
    return found


def test_no_import_circles():
    assert cycles(graph()) == []


def test_imports_run_one_way():
    wrong = []
    for module, targets in graph().items():
        below_interfaces = module.startswith("qa") and not module.startswith(("qa.interfaces", "qa.__main__"))
        for target in targets:
            if module.startswith("embeddings") and not target.startswith("embeddings"):
                wrong.append((module, target))
            if below_interfaces and target.startswith(("eval", "ui", "qa.interfaces")):
                wrong.append((module, target))
            if module.startswith(("qa.reading", "qa.retrieval")) and target.startswith(("qa.assistant", "qa.training")):
                wrong.append((module, target))
            if module.startswith("qa.reading") and target.startswith("qa.retrieval") or \
                    module.startswith("qa.retrieval") and target.startswith("qa.reading"):
                wrong.append((module, target))
    assert wrong == []


def test_nothing_below_the_interfaces_imports_a_web_framework():
    heavy = {m: {i.split(".")[0] for i in imports(p)} & HEAVY_EDGES for m, p in modules().items()
             if m.startswith("qa") and not m.startswith("qa.interfaces")}
    assert {m: h for m, h in heavy.items() if h} == {}


def test_no_python_file_over_300_lines():
    paths = [p for d in (*PACKAGES, "tests") for p in (ROOT / d).rglob("*.py")]
    long = {str(p.relative_to(ROOT)): n for p in paths if (n := len(p.read_text(encoding="utf-8").splitlines())) > 300}
    assert long == {}
