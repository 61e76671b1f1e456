"""No OS keyring: the GUI says so, offers the plain-text file explicitly, and Cancel stores nothing.

The "no keyring" is real: keyring's own fail backend chosen through a keyringrc.cfg (the way a user
or a distribution configures keyring), not a mock of our SecretStore.
"""

from __future__ import annotations

import base64
import logging
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from bouncedesk import store
from bouncedesk.accounts import registry
from bouncedesk.mail.secrets import PLAINTEXT_FILENAME, SERVICE, plaintext_backend
from tests.integration.smtpd import PASSWORD, USER, start_server


@pytest.fixture
def no_keyring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """keyring.backends.fail.Keyring, selected in keyringrc.cfg: there is no keyring at all."""
    import keyring
    import keyring.core
    from keyring.util import platform_

    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    rc = Path(platform_.config_root()) / "keyringrc.cfg"
    assert str(rc).startswith(str(tmp_path))
    rc.parent.mkdir(parents=True)
    rc.write_text("[backend]\ndefault-keyring=keyring.backends.fail.Keyring\n", encoding="utf-8")
    monkeypatch.setattr(keyring.core, "_keyring_backend", None)
    assert type(keyring.get_keyring()).__module__ == "keyring.backends.fail"


@pytest.fixture
def log_file(tmp_path: Path):
    """Everything BounceDesk logs in the test, in a file (as the app's rotating log would hold it)."""
    path = tmp_path / "logs" / "bouncedesk.log"
    path.parent.mkdir()
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setLevel(logging.DEBUG)
    root = logging.getLogger()
    old = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield path
    root.removeHandler(handler)
    root.setLevel(old)
    handler.close()


def fill_account(c, smtp_port: int | None = None) -> None:
    d = c.d
    d.address.setText(USER)
    d.password.setText(PASSWORD)
    d.name.setText("shop")
    d.show_details(True)
    d.host.setText("imap.shop.example")
    d.username.setText(USER)
    if smtp_port:
        d.smtp_host.setText("127.0.0.1")
        d.smtp_security.setCurrentIndex(d.smtp_security.findData("plain"))
        d.smtp_port.setValue(smtp_port)


def click_save(gui, c) -> None:
    c.d.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    gui.idle()


def files_holding(root: Path, secret: str, skip: tuple[Path, ...] = ()) -> list[Path]:
    """Every file under `root` (the store, its WAL, logs, prefs...) that holds the secret, as is or base64."""
    needles = (secret.encode(), base64.b64encode(secret.encode()), secret.encode("utf-16-le"))
    return [p for p in root.rglob("*") if p.is_file() and p not in skip
            and any(n in p.read_bytes() for n in needles)]  # fmt: skip


def test_saving_an_account_without_a_keyring_asks_and_cancel_stores_nothing(
    make_gui, data_dir, no_keyring, tmp_path, log_file
):
    gui = make_gui(data_dir)
    c = gui.c.open_account()
    fill_account(c)
    click_save(gui, c)

    box = gui.c.accounts.keyring_question
    assert box is not None and box.isVisible()
    text = box.text()
    assert "no usable system keyring" in text
    assert str(data_dir / PLAINTEXT_FILENAME) in text  # where the file would go
    assert "not encrypted" in text and "anyone who can read your user account's files" in text
    assert box.store_button.text() == "Store in a file anyway"
    assert box.defaultButton() is box.cancel_button  # Enter does not take the risk
    assert c.d.result.text().startswith("✗ no keyring is available")  # the dialog says it too

    box.cancel_button.click()
    gui.idle()
    assert c.d.isVisible()  # the account dialog stays, with everything typed
    assert store.list_accounts(gui.ctx.conn) == []
    assert not (data_dir / PLAINTEXT_FILENAME).exists()
    assert store.get_setting(gui.ctx.conn, registry.PLAINTEXT_SECRETS_KEY) is None
    gui.ctx.conn.execute("PRAGMA wal_checkpoint(FULL)")
    assert files_holding(tmp_path, PASSWORD) == []  # nowhere: not the store, not the logs, not a file


def test_store_in_a_file_anyway_saves_the_password_only_in_the_plaintext_file(
    make_gui, data_dir, no_keyring, tmp_path, log_file
):
    gui = make_gui(data_dir)
    c = gui.c.open_account()
    fill_account(c)
    click_save(gui, c)
    box = gui.c.accounts.keyring_question
    with gui.qtbot.waitSignal(c.saved, timeout=5000):
        box.store_button.click()
    gui.idle()

    assert [a.name for a in store.list_accounts(gui.ctx.conn)] == ["shop"]
    assert store.get_setting(gui.ctx.conn, registry.PLAINTEXT_SECRETS_KEY) is True  # remembered, as the CLI does
    secrets_file = data_dir / PLAINTEXT_FILENAME
    assert plaintext_backend(data_dir).get_password(SERVICE, "shop:password") == PASSWORD
    assert secrets_file.stat().st_mode & 0o077 == 0  # readable by the user only
    gui.ctx.conn.execute("PRAGMA wal_checkpoint(FULL)")
    log_text = log_file.read_text(encoding="utf-8")
    assert "plain-text file" in log_text  # the log says where secrets go, never what they are
    assert files_holding(tmp_path, PASSWORD) == [secrets_file]
    # Later opens use the file without asking again (the remembered choice).
    assert registry.open_secrets(gui.ctx.conn, data_dir).get("shop") == PASSWORD


def test_contact_send_without_a_keyring_asks_then_sends_with_the_file(
    make_gui, data_dir, no_keyring, tmp_path, log_file
):
    """Contact → Send: Cancel sends nothing; "Store in a file anyway" sends with the password kept
    in the plain-text file (the account was saved there, but the choice was not remembered)."""
    from tests.gui.conftest import seed_bounces

    srv = start_server("plain")
    try:
        conn = store.connect(data_dir / "bouncedesk.sqlite3")
        acc = store.add_account(conn, now=0, name="shop", host="imap.shop.example", username=USER,
                                smtp_host="127.0.0.1", smtp_port=srv.port, smtp_security="none",
                                smtp_username=USER, address="mailer@shop.example")  # fmt: skip
        seed_bounces(conn, 4, account_id=acc.id)
        conn.close()
        plaintext_backend(data_dir).set_password(SERVICE, "shop:password", PASSWORD)
        gui = make_gui(data_dir)
        rid = gui.ctx.conn.execute("SELECT id FROM recipients ORDER BY id LIMIT 1").fetchone()[0]
        c = gui.c.open_contact(rid)
        c.d.alt_email.setText("other@home.example")

        c.d.send.click()
        gui.idle()
        box = c.keyring_question
        assert box is not None and box.isVisible() and "no usable system keyring" in box.text()
        box.cancel_button.click()
        gui.idle()
        assert srv.handler.received == []
        assert store.get_setting(gui.ctx.conn, registry.PLAINTEXT_SECRETS_KEY) is None

        c.d.send.click()
        gui.idle()
        box = c.keyring_question
        with gui.qtbot.waitSignal(c.contacted, timeout=10_000):
            box.store_button.click()
        gui.idle()
        assert [m.rcpt_tos for m in srv.handler.received] == [["other@home.example"]]
        assert store.get_setting(gui.ctx.conn, registry.PLAINTEXT_SECRETS_KEY) is True
        gui.ctx.conn.execute("PRAGMA wal_checkpoint(FULL)")
        assert files_holding(tmp_path, PASSWORD) == [data_dir / PLAINTEXT_FILENAME]
    finally:
        srv.stop()


def test_the_demo_sends_a_contact_notice_without_any_keyring(qtbot, no_keyring, tmp_path):
    """The demo's Contact → Send goes through the demo's own actions (its local receiver), so it
    needs no keyring and asks nothing."""
    from bouncedesk.ui.app import DemoSession, GuiApp, setup_logging
    from bouncedesk.ui.context import AppContext
    from bouncedesk.ui.prefs import Prefs
    from tests.gui.conftest import NOW

    demo = DemoSession()
    ctx = app = None
    try:
        demo.build(NOW)
        ctx = AppContext.open(demo.dir, clock=lambda: NOW, demo=True)
        app = GuiApp(ctx, Prefs(tmp_path / "p.ini"), setup_logging(None), actions_factory=demo.actions_factory())
        rid = ctx.conn.execute("SELECT id FROM recipients WHERE state = 'retrying' LIMIT 1").fetchone()[0]
        c = app.controller.open_contact(rid)
        c.d.alt_email.setText("alt@home.example")
        with qtbot.waitSignal(c.contacted, timeout=10_000):
            c.d.send.click()
        ctx.drain()
        assert c.keyring_question is None
        assert [m.rcpt_to for m in demo.smtp.messages] == [["alt@home.example"]]
        assert not (demo.dir / PLAINTEXT_FILENAME).exists()
    finally:
        if app is not None:
            app.shutdown()
        if ctx is not None:
            ctx.close()
        demo.close()
