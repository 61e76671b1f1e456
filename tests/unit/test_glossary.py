"""docs/GLOSSARY.md is the app's vocabulary: every label in both languages uses its words.

Checked without Qt: ui/format.py is read as source (its QT_TRANSLATE_NOOP tables), the German
from resources/translations/bouncedesk_de.ts, the core's words from explanations.json's `terms`.
"""

from __future__ import annotations

import ast
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from bouncedesk.classify import codes
from bouncedesk.classify.explain import known_reasons, term, terms
from bouncedesk.config import resources_dir
from bouncedesk.policy.provenance import word

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = ROOT / "docs" / "GLOSSARY.md"
FORMAT_PY = ROOT / "desktop" / "bouncedesk" / "ui" / "format.py"
TS_DE = ROOT / "resources" / "translations" / "bouncedesk_de.ts"
SECTIONS = {"States": "state", "Kinds": "kind", "Reasons": "reason", "Actions": "action", "Trust words": "trust"}
FORMAT_TABLES = {"STATES": "state", "KINDS": "kind", "REASONS": "reason"}
_ROW = re.compile(r"^\| `([^`]+)` \| ([^|]+) \| ([^|]+) \| ([^|]+) \|$")


def _glossary() -> dict[str, dict[str, tuple[str, str]]]:
    out: dict[str, dict[str, tuple[str, str]]] = {}
    group = None
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            group = next((g for title, g in SECTIONS.items() if line[3:].startswith(title)), None)
            continue
        m = _ROW.match(line)
        if m and group:
            assert m[4].strip(), f"{m[1]}: every term says what it means"
            out.setdefault(group, {})[m[1]] = (m[2].strip(), m[3].strip())
    return out


def _format_tables() -> dict[str, dict[str, str]]:
    """The English labels of ui/format.py, read from its source (no Qt import)."""
    tree = ast.parse(FORMAT_PY.read_text(encoding="utf-8"))
    out = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict):
            name = node.targets[0].id if isinstance(node.targets[0], ast.Name) else ""
            if name in FORMAT_TABLES:
                out[FORMAT_TABLES[name]] = {
                    k.value: v.args[1].value for k, v in zip(node.value.keys, node.value.values, strict=True)
                }
    return out


def _german(context: str) -> dict[str, str]:
    root = ET.parse(TS_DE).getroot()
    for ctx in root.iter("context"):
        if ctx.findtext("name") == context:
            return {m.findtext("source"): (m.find("translation").text or "") for m in ctx.iter("message")
                    if m.find("translation").get("type") != "unfinished"}  # fmt: skip
    return {}


GLOSS = _glossary()


def test_glossary_has_every_section_and_the_whole_reason_vocabulary() -> None:
    assert set(GLOSS) == set(SECTIONS.values())
    assert set(GLOSS["reason"]) == set(known_reasons())
    assert set(GLOSS["state"]) == {"active", "retrying", "inactive", "suppressed", "paused"}


@pytest.mark.parametrize("group", list(SECTIONS.values()))
def test_core_terms_are_the_glossary(group: str) -> None:
    assert {k: (v["en"], v["de"]) for k, v in terms(group).items()} == GLOSS[group]
    for key, (en, de) in GLOSS[group].items():
        assert term(group, key, "en") == en and term(group, key, "de_DE") == de


@pytest.mark.parametrize("group", list(FORMAT_TABLES.values()))
def test_gui_labels_and_their_german_are_the_glossary(group: str) -> None:
    english = _format_tables()[group]
    german = _german("Format")
    assert set(english) == set(GLOSS[group])
    for key, source in english.items():
        en, de = GLOSS[group][key]
        assert source == en, key
        assert german.get(source) == de, (key, source, german.get(source))


def test_action_buttons_and_trust_words_are_the_glossary() -> None:
    lists, window = _german("Lists"), _german("MainWindow")
    for source, key in (("Suppress", "suppress"), ("Unsuppress", "unsuppress"), ("Pause", "pause"),
                        ("Resume", "resume"), ("Retry now", "retry")):  # fmt: skip
        assert GLOSS["action"][key][1].lower() in lists[source].lower(), source
    assert window["Run due retries"] == GLOSS["action"]["run-due"][1]
    for key, (en, de) in GLOSS["trust"].items():
        assert word(key, "en") == en and word(key, "de") == de, key


def _german_texts() -> list[str]:
    data = json.loads((resources_dir() / "rules" / "explanations.json").read_text(encoding="utf-8"))
    texts = [t for langs in data["reasons"].values() for t in langs["de"].values()]
    texts += [info.de for info in codes.REGISTRY.values()] + [c[2] for c in codes.CLASSES.values()]
    return texts + [de for _en, de in GLOSS["reason"].values()]


def test_gesperrt_means_only_suppressed() -> None:
    """'gesperrt' is BounceDesk's suppression; a disabled mailbox is 'deaktiviert', a block 'blockiert'."""
    offenders = [t for t in _german_texts() if re.search(r"(?i)gesperrt|sperrliste", t)]
    assert offenders == []
    assert GLOSS["state"]["suppressed"][1] == "gesperrt"
    assert GLOSS["reason"]["suspend"][1] == "Postfach deaktiviert"
    assert codes.lookup("5.2.1").de.startswith("Postfach deaktiviert")


def test_no_code_or_reason_text_promises_permanence() -> None:
    """What BounceDesk does is the policy's: a code's class never says 'permanent' (5.2.2 is retried)."""
    data = json.loads((resources_dir() / "rules" / "explanations.json").read_text(encoding="utf-8"))
    english = [t for langs in data["reasons"].values() for t in langs["en"].values()]
    english += [info.en for info in codes.REGISTRY.values()] + [c[1] for c in codes.CLASSES.values()]
    for text in english + _german_texts():
        assert not re.search(r"(?i)permanent|dauerhaft|in a few weeks|in einigen wochen", text), text
