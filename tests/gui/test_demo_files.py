"""The demo's files to try, in the GUI: Help names them, the file dialogs open in the demo folder,
and the list check shows the demo list's findings with every provider row and column in view."""

from __future__ import annotations

from pathlib import Path

import pytest

from bouncedesk.demo import build_demo_store
from bouncedesk.demo.userfiles import LIST_FILE, MAILCHIMP_UNSUBSCRIBED
from bouncedesk.lists.listcheck import CATEGORIES, check_list

NOW = 1_740_000_000


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("demo-gui")
    build_demo_store(folder, NOW, 7, sent_folder=False)
    return folder


def test_help_names_the_demo_files_and_dialogs_open_in_the_demo_folder(make_gui, demo_dir: Path) -> None:
    g = make_gui(demo_dir)
    assert g.c.demo_folder() == ""  # a user's own store: the dialogs open where they last were
    g.ctx.demo = True
    assert g.c.demo_folder() == str(demo_dir)
    text = g.c.open_help().text()
    assert LIST_FILE in text and MAILCHIMP_UNSUBSCRIBED in text and "Check a mailing list" in text
    assert (demo_dir / LIST_FILE).exists() and (demo_dir / MAILCHIMP_UNSUBSCRIBED).exists()


def test_the_check_dialog_shows_the_demo_lists_findings_whole(make_gui, demo_dir: Path) -> None:
    g = make_gui(demo_dir)
    g.now = NOW
    src = str(demo_dir / LIST_FILE)
    g.c.check_list(src)
    g.qtbot.waitUntil(lambda: getattr(g.c, "list_check_dialog", None) is not None, timeout=10_000)
    d = g.c.list_check_dialog
    direct = check_list(g.ctx.conn, src, now=NOW)
    assert d.report.as_dict() == direct.as_dict()
    total = d.table.rowCount() - 1
    assert d.table.item(total, 0).text() == "Total"
    assert [int(d.table.item(total, c).text()) for c in range(2, 2 + len(CATEGORIES))] == [
        direct.total(c) for c in CATEGORIES
    ]
    g.qtbot.waitUntil(d.isVisible)
    # No scrolling needed: every provider row (and Total) and every column fits.
    t = d.table
    assert t.rowCount() <= 14
    assert not t.horizontalScrollBar().isVisible() and not t.verticalScrollBar().isVisible()
    d.reject()
