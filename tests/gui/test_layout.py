"""Layout and readability at the sizes people use (1280×820 default, 1024×640, a 1366×768 laptop)
in English and German: no label cut off, table headers readable, the columns a user acts on on
screen, and the account dialog without overlapping fields.

Set BOUNCEDESK_SHOTS=DIR to keep the screenshots these tests take (to look at them).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QLabel, QTableView, QWidget

from tests.gui.conftest import seed_bounces

SIZES = {"default": (1280, 820), "small": (1024, 640)}


def shot(widget: QWidget, name: str) -> None:
    folder = os.environ.get("BOUNCEDESK_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(folder) / f"{name}.png"))


@pytest.fixture
def lang_gui(make_gui, monkeypatch):
    """make_gui(data_dir, lang): the app's window in `lang` (the real translator and ctx.language)."""
    from bouncedesk.ui import i18n
    from bouncedesk.ui.context import AppContext

    real_install, real_open = i18n.install_language, AppContext.open.__func__
    made = []

    def make(data_dir: Path, lang: str = "en"):
        monkeypatch.setattr(i18n, "install_language", lambda _l: real_install(lang))
        monkeypatch.setattr(AppContext, "open", classmethod(
            lambda cls, *a, **kw: _with_language(real_open(cls, *a, **kw), lang)))
        g = make_gui(data_dir)
        made.append(g)
        return g

    from PySide6.QtWidgets import QApplication

    from bouncedesk.ui import theme
    from bouncedesk.ui.app import configure_pyqtgraph

    app = QApplication.instance()
    sheet, palette, style = app.styleSheet(), app.palette(), app.style().name()
    configure_pyqtgraph(theme.apply_theme(app, "light"))  # as the app looks
    yield make
    real_install("en")
    app.setStyleSheet(sheet)
    app.setPalette(palette)
    app.setStyle(style)


def _with_language(ctx, lang: str):
    ctx.language = lang
    return ctx


def visible_labels(root: QWidget) -> list[QLabel]:
    return [w for w in root.findChildren(QLabel) if w.isVisibleTo(root) and w.text().strip()]


def elided_labels(root: QWidget) -> list[str]:
    """Labels whose one-line text is wider than the label (Qt cuts it off without a sign)."""
    out = []
    for lab in visible_labels(root):
        if lab.wordWrap() or lab.textFormat() == Qt.TextFormat.RichText or lab.pixmap() is not None and not lab.pixmap().isNull():
            continue
        if "\n" in lab.text():
            continue
        shown = lab.text().replace("&&", "\0").replace("&", "").replace("\0", "&") if lab.buddy() else lab.text()
        need = lab.fontMetrics().horizontalAdvance(shown)
        m = lab.contentsMargins()
        have = lab.contentsRect().width() - lab.indent() * 0
        if need > have + 1:
            out.append(f"{lab.text()!r}: needs {need}px, has {have}px (margins {m.left()}+{m.right()})")
    return out


def wrapped_too_tight(root: QWidget) -> list[str]:
    """Word-wrapped labels that are shorter than their text needs at their width (text cut at the bottom)."""
    out = []
    for lab in visible_labels(root):
        if not lab.wordWrap():
            continue
        need = lab.heightForWidth(lab.width())
        if need > lab.height() + 2:
            out.append(f"{lab.text()[:40]!r}: needs {need}px high, has {lab.height()}px")
    return out


def cut_headers(table: QTableView) -> list[str]:
    hh = table.horizontalHeader()
    model = table.model()
    out = []
    for i in range(model.columnCount()):
        if table.isColumnHidden(i):
            continue
        text = str(model.headerData(i, Qt.Orientation.Horizontal))
        need = hh.fontMetrics().horizontalAdvance(text) + 12
        if need > hh.sectionSize(i):
            out.append(f"{text!r}: {hh.sectionSize(i)}px < {need}px")
        # and the column is on screen (not scrolled off to the right)
        if hh.sectionViewportPosition(i) + hh.sectionSize(i) > table.viewport().width() + 1:
            out.append(f"{text!r} is beyond the right edge")
    return out


def combo_need(c: QComboBox, text: str) -> int:
    """The width the style needs to show `text` in the combo box whole (frame, padding, arrow)."""
    from PySide6.QtCore import QSize
    from PySide6.QtWidgets import QStyle, QStyleOptionComboBox

    opt = QStyleOptionComboBox()
    c.initStyleOption(opt)
    content = QSize(c.fontMetrics().horizontalAdvance(text), c.fontMetrics().height())
    return c.style().sizeFromContents(QStyle.ContentsType.CT_ComboBox, opt, content, c).width()


def cut_combos(root: QWidget) -> list[str]:
    out = []
    for c in root.findChildren(QComboBox):
        if not c.isVisibleTo(root) or not c.currentText():
            continue
        need = combo_need(c, c.currentText())
        if need > c.width():
            out.append(f"{c.currentText()!r}: {c.width()}px < {need}px")
    return out


# --- the lists ------------------------------------------------------------------------------------

LIST_PAGES = ("retries", "recipients", "bounces", "suppressions", "review")
ACTED_ON = {  # the columns a user reads before acting: never hidden, whatever the width
    "retries": {"email", "status", "attempt", "due"},
    "recipients": {"email", "state", "status"},
    "bounces": {"email", "kind", "status"},
    "suppressions": {"email", "why", "status"},
    "review": {"email", "status", "why"},
}


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("size", ["default", "small"])
def test_lists_show_the_columns_a_user_acts_on(lang_gui, data_dir, lang, size):
    from bouncedesk.store.db import connect

    conn = connect(data_dir / "bouncedesk.sqlite3")
    seed_bounces(conn, 40)
    conn.close()
    gui = lang_gui(data_dir, lang)
    gui.window.resize(*SIZES[size])
    problems = []
    for name in LIST_PAGES:
        page = gui.open(name)
        gui.qtbot.wait(20)
        table = page.view.table
        shown = {c.key for i, c in enumerate(page.model.spec.columns) if not table.isColumnHidden(i)}
        missing = ACTED_ON[name] - shown
        if missing:
            problems.append(f"{name}: hidden {sorted(missing)}")
        problems += [f"{name}: header {p}" for p in cut_headers(table)]
        if size == "default":
            problems += [f"{name}: {p}" for p in elided_labels(page.view)]
            problems += [f"{name}: {p}" for p in cut_combos(page.view)]
        shot(gui.window, f"{name}-{lang}-{size}")
    assert not problems, "\n".join(problems)


# --- the dashboard --------------------------------------------------------------------------------


def _seed(data_dir: Path, n: int = 40) -> None:
    from bouncedesk.store.db import connect

    conn = connect(data_dir / "bouncedesk.sqlite3")
    seed_bounces(conn, n)
    conn.close()


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("size", ["default", "small"])
def test_dashboard_labels_fit_and_tiles_line_up(lang_gui, data_dir, lang, size):
    _seed(data_dir)
    gui = lang_gui(data_dir, lang)
    gui.window.resize(*SIZES[size])
    dash = gui.open("dashboard")
    gui.qtbot.waitUntil(lambda: dash.data is not None and dash.data.codes is not None)
    gui.qtbot.wait(50)
    v = dash.view
    shot(gui.window, f"dashboard-{lang}-{size}")
    problems = []
    if size == "default":
        problems += elided_labels(v)
        problems += wrapped_too_tight(v)
        for bars in (v.reasons, v.codes, v.domains):
            problems += [f"{bars.accessibleName()}: {t!r} cut off" for t in bars.elided_labels()]
    tiles = [v.tile_today, v.tile_week, v.tile_due, v.tile_suppressed, v.tile_inactive]
    assert len({t.height() for t in tiles}) == 1, [t.height() for t in tiles]
    assert len({t.value.mapTo(v, t.value.rect().topLeft()).y() for t in tiles}) == 1
    assert not v.empty_card.isVisible() and v.chart_card.isVisible()
    assert not problems, "\n".join(problems)


def test_codes_that_share_a_text_are_told_apart(gui):
    """4.2.1 and 5.2.1 have the same words; the code is shown by itself, before them, never cut."""
    dash = gui.open("dashboard")
    gui.qtbot.waitUntil(lambda: dash.data is not None and dash.data.codes is not None)
    rows = dash.view.codes.rows
    assert rows and all(r.code == r.key for r in rows)
    assert all(not r.label.startswith(r.code) for r in rows)


def test_empty_dashboard_says_what_to_do(lang_gui, data_dir, monkeypatch):
    gui = lang_gui(data_dir, "en")
    dash = gui.open("dashboard")
    gui.qtbot.waitUntil(lambda: dash.data is not None)
    v = dash.view
    shot(gui.window, "dashboard-empty-en")
    assert v.empty_card.isVisible() and not v.chart_card.isVisible() and not v.breakdowns.isVisible()
    triggered = []
    gui.window.act_import.triggered.disconnect()
    gui.window.act_import.triggered.connect(lambda: triggered.append("import"))
    gui.window.act_add_account.triggered.disconnect()
    gui.window.act_add_account.triggered.connect(lambda: triggered.append("account"))
    v.import_files.click()
    v.add_account.click()
    assert triggered == ["import", "account"]
    started = []
    monkeypatch.setattr("PySide6.QtCore.QProcess.startDetached", lambda exe, args: started.append(args) or (True, 1))
    assert dash.open_demo() and started and "--demo" in started[0]


def test_chart_axes_name_months_and_count_whole_bounces(lang_gui, data_dir):
    from bouncedesk.ui.charts import DayAxis, day_tick_label

    dec_1 = 1_764_547_200  # 2025-12-01 UTC
    _seed(data_dir)
    gui = lang_gui(data_dir, "de")
    assert day_tick_label(dec_1) in ("1. Dez", "1. Dez.")
    assert day_tick_label(dec_1 + 2 * 86400) == "3"
    dash = gui.open("dashboard")
    gui.qtbot.waitUntil(lambda: dash.data is not None)
    axis = dash.view.chart.getAxis("bottom")
    assert isinstance(axis, DayAxis)
    (_spacing, values), = axis.tickValues(dec_1 - 10 * 86400, dec_1 + 20 * 86400, 700)
    labels = axis.tickStrings(values, 1, 86400)
    assert any(t.startswith("1. Dez") for t in labels) and "Dec" not in " ".join(labels), labels
    # 90 and 365 days: the months, by name
    (_s, values), = axis.tickValues(dec_1 - 200 * 86400, dec_1 + 40 * 86400, 700)
    months = axis.tickStrings(values, 1, 86400)
    assert any(m.startswith("Dez") for m in months) and any(m.startswith("Jan") and "2026" in m for m in months), months
    # whole bounces on the count axis, also with almost nothing to show
    left = dash.view.chart.getAxis("left")
    ticks = [v for _s, vals in left.tickValues(0, 4.0, 200) for v in vals]
    assert ticks and all(float(t).is_integer() for t in ticks), ticks
    assert dash.view.rate.maximumHeight() <= 220


# --- settings -------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "de"])
def test_settings_actions_read_as_words_and_nothing_is_cut(lang_gui, data_dir, lang):
    gui = lang_gui(data_dir, lang)
    c = gui.c.open_settings()
    d = c.d
    gui.qtbot.waitExposed(d)
    problems = []
    for i in range(d.tabs.count()):
        d.tabs.setCurrentIndex(i)
        gui.qtbot.wait(20)
        page = d.tabs.widget(i)
        problems += [f"tab {i}: {p}" for p in elided_labels(page) + wrapped_too_tight(page) + cut_combos(page)]
        shot(d, f"settings-{i}-{lang}")
    t = d.reasons
    words = [t.item(r, 0).text() for r in range(t.rowCount())]
    assert words and not any("(" in w for w in words), words  # no "(userunknown)"
    combos = [t.cellWidget(r, 1) for r in range(t.rowCount())]
    texts = {cb.itemText(j) for cb in combos for j in range(cb.count())}
    assert not any("classifier" in x or "Klassifizierer" in x for x in texts), texts
    # every combo, also those scrolled out of sight, is as wide as its longest choice
    for table in (d.reasons, d.codes):
        for r in range(table.rowCount()):
            cb = table.cellWidget(r, 1)
            need = max(combo_need(cb, cb.itemText(j)) for j in range(cb.count()))
            assert table.columnWidth(1) >= need, (cb.currentText(), table.columnWidth(1), need)
    d.reject()
    assert not problems, "\n".join(problems)


# --- the account dialog ---------------------------------------------------------------------------

LAPTOP = (1366, 768)


def overlaps(root: QWidget) -> list[str]:
    """Visible sibling widgets whose rectangles intersect (fields squeezed on top of each other)."""
    out = []
    parents = [root] + root.findChildren(QWidget)
    for parent in parents:
        kids = [w for w in parent.children() if isinstance(w, QWidget) and not w.isWindow() and w.isVisibleTo(root)
                and w.width() > 0 and w.height() > 0]
        for i, a in enumerate(kids):
            for b in kids[i + 1:]:
                inter = a.geometry().intersected(b.geometry())
                if inter.width() > 1 and inter.height() > 1:
                    out.append(f"{type(a).__name__}({_name(a)}) × {type(b).__name__}({_name(b)}) in "
                               f"{type(parent).__name__}: {inter}")
    return out


def squeezed(root: QWidget) -> list[str]:
    """Visible widgets shorter than they need to be (a line edit or a label cut in height)."""
    out = []
    for w in root.findChildren(QWidget):
        if not w.isVisibleTo(root) or w.isWindow() or isinstance(w.parentWidget(), QAbstractSpinBox | QComboBox):
            continue  # a spin box's or combo's own line edit: the box sizes it
        need = w.minimumSizeHint().height()
        if isinstance(w, QLabel) and w.wordWrap():
            need = w.heightForWidth(w.width())
        if need > 0 and w.height() + 1 < need:
            out.append(f"{type(w).__name__}({_name(w)}): {w.height()}px < {need}px")
    return out


def _name(w: QWidget) -> str:
    return (getattr(w, "text", lambda: "")() if callable(getattr(w, "text", None)) else "")[:30] or w.objectName()


def _open_account_dialog(gui, lang: str):
    from PySide6.QtTest import QTest

    page = gui.open("accounts")
    QTest.mouseClick(page.view.add, Qt.MouseButton.LeftButton)
    c = gui.c.account_dialog
    gui.qtbot.waitExposed(c.d)
    return c


def _fits_laptop(d: QWidget) -> None:
    hint = d.sizeHint()
    assert hint.width() <= LAPTOP[0] - 100 and hint.height() <= LAPTOP[1] - 120, hint  # title bar, panel, room


@pytest.mark.parametrize("lang", ["en", "de"])
def test_account_dialog_fits_a_laptop_and_nothing_overlaps_on_an_error(lang_gui, data_dir, keyring_file, lang):
    gui = lang_gui(data_dir, lang)
    c = _open_account_dialog(gui, lang)
    d = c.d
    d.adjustSize()
    gui.qtbot.wait(20)
    shot(d, f"account-new-{lang}")
    _fits_laptop(d)
    assert d.address.isVisible() and d.password.isVisible() and not d.details.isVisible()
    assert not c.signin.view.isVisible()  # no provider sign-in for an address we do not know yet

    # A Gmail address: the servers are there at once (typed, not left), and only Google's button shows.
    for ch in "someone@gmail.com":
        d.address.insert(ch)
    assert d.host.text() == "imap.gmail.com" and d.smtp_host.text() == "smtp.gmail.com"
    assert c.signin.view.isVisible()
    shown = [n for n, b in c.signin.view.buttons.items() if b.isVisible()]
    assert shown == ["google"], shown
    _fits_laptop(d)
    gui.qtbot.wait(20)
    shot(d, f"account-gmail-{lang}")
    problems = overlaps(d) + squeezed(d) + elided_labels(d) + wrapped_too_tight(d)
    assert not problems, "\n".join(problems)

    # Another provider's address replaces what the first one filled in.
    d.address.setText("someone@web.de")
    assert d.host.text() == "imap.web.de" and not c.signin.view.isVisible()

    # The error state, with the server details open: a long message wraps below the fields.
    d.show_details(True)
    c._show_result(False, "The server said: " + "authentication failed, check the user name and password. " * 4)
    d.resize(d.sizeHint())
    gui.qtbot.wait(20)
    shot(d, f"account-error-{lang}")
    _fits_laptop(d)
    problems = overlaps(d) + squeezed(d) + elided_labels(d) + wrapped_too_tight(d)
    assert not problems, "\n".join(problems)
    assert d.result.isVisible() and d.result.geometry().bottom() < d.buttons.geometry().top() + d.buttons.y()
    d.reject()


def test_account_dialog_without_a_server_opens_the_details(lang_gui, data_dir, keyring_file):
    gui = lang_gui(data_dir, "en")
    c = _open_account_dialog(gui, "en")
    d = c.d
    d.address.setText("me@unknown-provider.example")
    d.password.setText("pw")
    assert not c.save()
    assert d.details.isVisible() and "IMAP server" in d.result.text()
    d.reject()
