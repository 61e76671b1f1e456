"""Refresh resources/translations/*.ts from the GUI's source (run by `make translations-update`).

Why our own extractor: pyside6-lupdate misses numerus forms and multi-line calls through the
`_t = QCoreApplication.translate` alias the code uses. This reads the source with `ast`:

    self.tr("text"[, disambiguation, n])          context = the class the method is written in
    _t("Context", "text"[, disambiguation, n])    also QCoreApplication.translate(...)
    QT_TRANSLATE_NOOP("Context", "text")

Existing translations are kept; new strings are added as unfinished; strings gone from the
source are dropped. The files stay standard Qt .ts (open them in Qt Linguist, compile with
pyside6-lrelease). For English only the numerus strings are listed (their plural forms).
"""

from __future__ import annotations

import ast
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "desktop" / "bouncedesk" / "ui"
TRANSLATIONS = ROOT / "resources" / "translations"
LANGS = {"de": "de_DE", "en": "en_US"}
FORMS = {"de": 2, "en": 2}


@dataclass
class Message:
    context: str
    source: str
    numerus: bool
    locations: list[tuple[str, int]] = field(default_factory=list)


def _str(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


class _Finder(ast.NodeVisitor):
    def __init__(self, path: str) -> None:
        self.path = path
        self.classes: list[str] = []
        self.found: list[Message] = []

    def visit_ClassDef(self, node: ast.ClassDef) -> None:  # noqa: N802
        self.classes.append(node.name)
        self.generic_visit(node)
        self.classes.pop()

    def visit_Call(self, node: ast.Call) -> None:  # noqa: N802
        f = node.func
        name = f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""
        args = node.args
        if (
            name == "tr"
            and isinstance(f, ast.Attribute)
            and isinstance(f.value, ast.Name)
            and f.value.id == "self"
        ):
            text = _str(args[0]) if args else None
            if text is not None and self.classes:
                self._add(self.classes[-1], text, len(args) >= 3, node)
        elif name in ("_t", "translate", "QT_TRANSLATE_NOOP") and len(args) >= 2:
            ctx, text = _str(args[0]), _str(args[1])
            if ctx is not None and text is not None:
                self._add(ctx, text, len(args) >= 4, node)
        self.generic_visit(node)

    def _add(self, ctx: str, text: str, numerus: bool, node: ast.AST) -> None:
        self.found.append(Message(ctx, text, numerus, [(self.path, node.lineno)]))


def extract() -> dict[tuple[str, str], Message]:
    out: dict[tuple[str, str], Message] = {}
    for path in sorted(SOURCES.rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        finder = _Finder(rel)
        finder.visit(ast.parse(path.read_text(encoding="utf-8"), rel))
        for m in finder.found:
            key = (m.context, m.source)
            if key in out:
                out[key].locations += m.locations
                out[key].numerus = out[key].numerus or m.numerus
            else:
                out[key] = m
    return out


def read_ts(path: Path) -> dict[tuple[str, str], ET.Element]:
    if not path.exists():
        return {}
    root = ET.parse(path).getroot()
    return {
        (ctx.findtext("name") or "", m.findtext("source") or ""): m.find("translation")
        for ctx in root.iter("context")
        for m in ctx.iter("message")
    }


def write_ts(lang: str, messages: dict[tuple[str, str], Message]) -> tuple[int, int]:
    path = TRANSLATIONS / f"bouncedesk_{lang}.ts"
    old = read_ts(path)
    root = ET.Element("TS", version="2.1", language=LANGS[lang])
    done = todo = 0
    by_ctx: dict[str, list[Message]] = {}
    for m in messages.values():
        if lang == "en" and not m.numerus:
            continue  # English source texts need no translation, only plural forms
        by_ctx.setdefault(m.context, []).append(m)
    for ctx_name in sorted(by_ctx):
        ctx = ET.SubElement(root, "context")
        ET.SubElement(ctx, "name").text = ctx_name
        for m in sorted(by_ctx[ctx_name], key=lambda m: m.source):
            msg = ET.SubElement(ctx, "message")
            if m.numerus:
                msg.set("numerus", "yes")
            for file, line in m.locations:
                ET.SubElement(msg, "location", filename="../../" + file, line=str(line))
            ET.SubElement(msg, "source").text = m.source
            prev = old.get((ctx_name, m.source))
            tr = ET.SubElement(msg, "translation")
            forms = [f.text or "" for f in prev.iter("numerusform")] if prev is not None else []
            text = (prev.text or "") if prev is not None else ""
            finished = prev is not None and prev.get("type") != "unfinished"
            if m.numerus:
                forms = (forms + [""] * FORMS[lang])[: FORMS[lang]]
                for f in forms:
                    ET.SubElement(tr, "numerusform").text = f
                finished = finished and all(forms)
            else:
                tr.text = text
                finished = finished and bool(text)
            if finished:
                done += 1
            else:
                tr.set("type", "unfinished")
                todo += 1
    ET.indent(root, space="    ")
    body = ET.tostring(root, encoding="unicode")
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")
    return done, todo


def main() -> int:
    messages = extract()
    TRANSLATIONS.mkdir(parents=True, exist_ok=True)
    for lang in LANGS:
        done, todo = write_ts(lang, messages)
        print(f"bouncedesk_{lang}.ts: {done} translated, {todo} unfinished")
    return 0


if __name__ == "__main__":
    sys.exit(main())
