"""UI languages: Qt .ts sources in resources/translations, compiled to .qm with lrelease.

`make translations` (run by `make run`/`make test`) compiles them with pyside6-lrelease from
the PySide6 wheel. A source checkout without compiled files still works: the first start
compiles into the user's cache folder. Strings in code are wrapped in tr() / translate().
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from pathlib import Path

import platformdirs
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from bouncedesk.config import APP_NAME, resources_dir

log = logging.getLogger(__name__)

LANGUAGES = {"en": "English", "de": "Deutsch"}
_installed: list[QTranslator] = []


def ts_path(lang: str) -> Path:
    return resources_dir() / "translations" / f"bouncedesk_{lang}.ts"


def lrelease() -> str | None:
    """The lrelease tool that ships with PySide6 (pyside6-lrelease), if we can find it."""
    venv_bin = Path(sys.executable).parent
    for cand in (venv_bin / "pyside6-lrelease", venv_bin / "pyside6-lrelease.exe"):
        if cand.exists():
            return str(cand)
    return shutil.which("pyside6-lrelease") or shutil.which("lrelease")


def compile_ts(ts: Path, qm: Path) -> bool:
    """Compile one .ts to .qm; False (and a log line) when lrelease is missing or fails."""
    tool = lrelease()
    if tool is None:
        log.warning("cannot compile %s: pyside6-lrelease not found", ts.name)
        return False
    qm.parent.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run([tool, "-silent", str(ts), "-qm", str(qm)], capture_output=True, text=True)
    if proc.returncode != 0 or not qm.exists():
        log.warning("lrelease failed for %s: %s", ts.name, proc.stderr.strip()[:300])
        return False
    return True


def qm_path(lang: str) -> Path | None:
    """The compiled translation: next to the .ts (build), else a fresh one in the cache folder."""
    ts = ts_path(lang)
    built = ts.with_suffix(".qm")
    if built.exists() and (not ts.exists() or built.stat().st_mtime >= ts.stat().st_mtime):
        return built
    if not ts.exists():
        return built if built.exists() else None
    cached = Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)) / "translations" / built.name
    if cached.exists() and cached.stat().st_mtime >= ts.stat().st_mtime:
        return cached
    return cached if compile_ts(ts, cached) else (built if built.exists() else None)


def system_language() -> str:
    return "de" if QLocale.system().name().lower().startswith("de") else "en"


def install_language(lang: str) -> str:
    """Install the translator for `lang` on the running application; returns the language in effect."""
    app = QCoreApplication.instance()
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    if lang not in LANGUAGES:
        lang = "en"
    ours = QTranslator(app)
    qm = qm_path(lang)
    loaded = qm is not None and ours.load(str(qm))
    if lang != "en" and not loaded:
        log.warning("no usable translation for %s; showing English", lang)
        return install_language("en")
    if loaded:  # English too: its file holds the plural forms ("1 day", "2 days")
        app.installTranslator(ours)
        _installed.append(ours)
    if lang != "en":
        qt = QTranslator(app)  # Qt's own texts (OK, Cancel, Save) in the same language
        if qt.load(
            QLocale(lang), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        ):
            app.installTranslator(qt)
            _installed.append(qt)
    if lang == "de":
        QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    else:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    return lang
