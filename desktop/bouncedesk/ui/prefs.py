"""Per-user UI preferences (window geometry, last view, language, theme) in QSettings.

Store-related settings (retry schedule, actions per reason) live in the store; these are only
how the app looks. Tests and the self-test use an ini file in a temp folder, never the user's.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings


class Prefs:
    def __init__(self, path: Path | None = None) -> None:
        if path is None:
            self.qs = QSettings("BounceDesk", "BounceDesk")
        else:
            self.qs = QSettings(str(path), QSettings.Format.IniFormat)

    def get(self, key: str, default: Any = None, type_: type | None = None) -> Any:
        if type_ is not None:
            return self.qs.value(key, default, type=type_)
        return self.qs.value(key, default)

    def set(self, key: str, value: Any) -> None:
        self.qs.setValue(key, value)

    def sync(self) -> None:
        self.qs.sync()

    @property
    def language(self) -> str | None:
        v = self.get("ui/language", "")
        return str(v) if v else None

    @language.setter
    def language(self, value: str) -> None:
        self.set("ui/language", value)

    @property
    def theme(self) -> str:
        return str(self.get("ui/theme", "system"))

    @theme.setter
    def theme(self, value: str) -> None:
        self.set("ui/theme", value)

    @property
    def tray(self) -> bool:
        return bool(self.get("ui/tray", False, bool))

    @tray.setter
    def tray(self, value: bool) -> None:
        self.set("ui/tray", bool(value))
