"""The detail pane tells one story: a retried 5.2.2 shows its real retry, never "permanent failure".

The store is filled through the real ingest path with a bounce of a message we sent (verified), so
the policy really schedules the retry the pane must name.
"""

from __future__ import annotations

import os
from pathlib import Path

from bouncedesk import store
from bouncedesk.policy.story import when
from bouncedesk.store.db import connect
from tests.bounce_factory import bounce, ingest
from tests.gui.conftest import NOW

FULL = "anna@full.example"
HOUR = 3600


def _seed(data_dir: Path) -> None:
    conn = connect(data_dir / "bouncedesk.sqlite3")
    try:
        data = bounce(FULL, at=NOW - 2 * HOUR, status="5.2.2", diagnostic="552 5.2.2 Mailbox full, quota exceeded",
                      message_id="<invoice-77@shop.example>")  # fmt: skip
        ingest(conn, data, NOW)  # ours=True: the Sent folder holds the original, the bounce is verified
    finally:
        conn.close()


def _select(c, ctx):
    """Open Recipients and click its only row, as a user would."""
    c.show_page("recipients")
    ctx.drain()
    page = c.pages["recipients"]
    assert page.model.rowCount() == 1
    page.select_rows([0])
    ctx.drain()
    return page


def test_a_retried_5_2_2_names_its_retry_in_english_and_german(qapp, data_dir, tmp_path):
    from bouncedesk.ui.app import GuiApp, setup_logging
    from bouncedesk.ui.context import AppContext
    from bouncedesk.ui.i18n import install_language
    from bouncedesk.ui.prefs import Prefs

    _seed(data_dir)
    shots = Path(os.environ.get("BOUNCEDESK_STORY_SHOTS", tmp_path))
    ctx = AppContext.open(data_dir, clock=lambda: NOW)
    install_language("en")
    app = GuiApp(ctx, Prefs(tmp_path / "p.ini"), setup_logging(None))
    try:
        for lang in ("en", "de"):
            if lang == "de":
                app.change_language("de")
            c = app.controller
            app.window.resize(1280, 820)
            app.window.show()
            page = _select(c, ctx)
            rec = store.get_recipient(ctx.conn, FULL)
            assert rec.state == "retrying" and rec.policy.attempts == 0
            assert rec.policy.next_retry_at == NOW - 2 * HOUR + 24 * HOUR  # the policy's first step
            v = page.detail.view
            assert v.email.text() == FULL
            code, explanation, nxt = v.code.text(), v.explanation.text(), v.next.text()
            shown = f"{code}\n{explanation}\n{nxt}"
            assert "permanent" not in shown.lower() and "dauerhaft" not in shown.lower(), shown
            retry = when(rec.policy.next_retry_at, NOW, lang)  # local time, as the pane shows it
            if lang == "en":
                assert code == "5.2.2 — Mailbox full · soft bounce"
                assert nxt.startswith(f"BounceDesk retries on {retry} (attempt 1 of 4).")
                assert "Code 5.2.2: Mailbox full (the server refused)." in explanation
            else:
                assert code == "5.2.2 — Postfach voll · weicher Bounce"
                assert nxt.startswith(f"BounceDesk wiederholt am {retry} (Versuch 1 von 4).")
                assert v.next_title.text() == "Was zu tun ist"
            assert v.next_title.isVisible() and v.next.isVisible()
            assert v.evidence.text().startswith("Verified" if lang == "en" else "Bestätigt")
            app.window.grab().save(str(shots / f"detail-story-{lang}.png"))
    finally:
        app.shutdown()
        app.window.close()
        install_language("en")
        ctx.close()
