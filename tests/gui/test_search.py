"""The Bounces page's search over the server's words and subjects, on a real store, offscreen."""

from __future__ import annotations

import pytest

from bouncedesk.store import search as fts
from tests.gui.conftest import seed_bounces


@pytest.fixture
def page(qtbot, ctx):
    from bouncedesk.ui.i18n import install_language
    from bouncedesk.ui.views.bounces import BouncesController

    install_language("en")
    seed_bounces(ctx.conn)
    p = BouncesController(ctx)
    qtbot.addWidget(p.view)
    p.view.resize(1100, 600)
    p.view.show()
    p.reload()
    qtbot.waitUntil(lambda: p.model.rowCount() == 40 and not p.model.is_loading)
    return p


def _type(qtbot, page, text: str) -> None:
    with qtbot.waitSignal(page.model.loaded, timeout=10_000):
        qtbot.keyClicks(page.words.field, text)


def _said(page) -> list[str]:
    return [page.model.value(r, "diagnostic") for r in range(page.model.rowCount())]


def test_typing_words_narrows_the_list_newest_first(qtbot, page) -> None:
    assert "server's words" in page.words.field.placeholderText()
    _type(qtbot, page, "mailbox tempo")  # the last word is still being typed
    said = _said(page)
    assert len(said) == 10 and all("Mailbox temporarily disabled" in s for s in said)
    ids = page.model.ids().tolist()
    assert ids == sorted(ids, reverse=True)
    # "10 matches" once the English plural forms are extracted
    assert page.view.count.text().startswith("10 match")
    page.words.field.clear()
    qtbot.waitUntil(lambda: page.model.rowCount() == 40 and not page.model.is_loading)
    assert page.view.count.text() == "40 reports"


def test_words_combine_with_the_address_search_and_kind(qtbot, page) -> None:
    _type(qtbot, page, "mailbox")
    assert page.model.rowCount() == 20  # "Mailbox full" and "Mailbox temporarily disabled"
    with qtbot.waitSignal(page.model.loaded, timeout=10_000):
        page.view.search.setText("mail1.example")
    assert page.model.rowCount() > 0
    assert all(page.model.value(r, "email").endswith("@mail1.example") for r in range(page.model.rowCount()))
    assert all("Mailbox" in s for s in _said(page))


@pytest.mark.parametrize("text", ['"', "AND OR", "NEAR(", "-*", "words:", "'); --"])
def test_hostile_typing_never_breaks_the_list(qtbot, page, text: str) -> None:
    failed: list[str] = []
    page.model.loadFailed.connect(failed.append)
    page.words.field.setText(text)
    page.apply_filter()
    qtbot.waitUntil(lambda: not page.model.is_loading)
    page.ctx.drain()
    assert failed == []
    if fts.words(text):
        assert page.model.rowCount() == 0
        assert page.view.count.text().startswith("0 match")
    else:  # nothing searchable: the whole list
        assert page.model.rowCount() == 40


def test_many_matches_say_only_the_newest(qtbot, page, monkeypatch) -> None:
    monkeypatch.setattr(fts, "SEARCH_LIMIT", 5)
    _type(qtbot, page, "order")  # every subject says it
    assert page.model.rowCount() == 5
    assert page.view.count.text() == "the newest 5 matches (there may be more: add a word)"
    newest = [r[0] for r in page.ctx.conn.execute("SELECT id FROM results ORDER BY id DESC LIMIT 5")]
    assert page.model.ids().tolist() == newest


def test_store_without_index_is_indexed_once_in_a_worker(qtbot, page) -> None:
    conn = page.ctx.conn
    conn.execute("INSERT INTO search_index(search_index) VALUES ('delete-all')")
    conn.execute("UPDATE search_state SET indexed_upto = 0")
    said: list[str] = []
    page.words.indexing.connect(said.append)
    _type(qtbot, page, "blocklist")
    assert said[0].startswith("Indexing the server's words") and said[-1] == ""
    assert fts.behind(conn) == 0
    assert page.model.rowCount() == 10 and all("blocklist" in s for s in _said(page))
