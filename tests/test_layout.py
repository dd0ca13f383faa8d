"""The shell's shape, checked by machine: no import cycles (imports inside functions count),
no service importing the worker's task functions, and the engine free of the shell.
"""

from __future__ import annotations

import grimp
import pytest


@pytest.fixture(scope="module")
def graph():
    return grimp.build_graph("hotline", "routing")


def _cycles(graph, modules: set[str]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in graph.find_modules_directly_imported_by(module) & modules:
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for module in sorted(modules):
        if module not in index:
            visit(module)
    return groups


def test_no_module_of_the_shell_takes_part_in_an_import_cycle(graph):
    modules = {m for m in graph.modules if m.startswith(("hotline", "routing"))}
    assert _cycles(graph, modules) == []


def test_no_two_folders_of_the_shell_import_each_other(graph):
    folders = {m for m in graph.modules if m.count(".") == 1 and m.startswith("hotline.")}
    folder_graph = {
        folder: {imported.split(".")[0] + "." + imported.split(".")[1]
                 for module in graph.find_children(folder) | {folder}
                 for imported in graph.find_modules_directly_imported_by(module)
                 if imported.startswith("hotline.") and imported.count(".") >= 1}
        - {folder}
        for folder in folders
    }
    mutual = sorted({tuple(sorted((a, b))) for a, targets in folder_graph.items()
                     for b in targets if a in folder_graph.get(b, set())})
    assert mutual == []


def test_only_the_worker_imports_the_task_functions(graph):
    importers = graph.find_modules_that_directly_import("hotline.worker.tasks")
    assert importers <= {"hotline.jobs", "hotline.worker.run"}, importers


def test_the_engine_imports_nothing_of_the_shell(graph):
    assert not any(imported.startswith("hotline")
                   for module in graph.find_children("routing") | {"routing"}
                   for imported in graph.find_modules_directly_imported_by(module))
