"""The 'Sign in with …' widget on real Qt widgets offscreen, against the local authorization server:
a click opens the (test) browser, the sign-in lands in the keyring, the state line says so, a
revoked sign-in shows a clear message, and a refused sign-in leaves nothing behind."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from bouncedesk import store
from bouncedesk.accounts.oauthconfig import token_provider
from bouncedesk.mail.oauth import REFRESH_KIND, SignInRequired
from bouncedesk.mail.secrets import SecretStore
from tests.gui.conftest import NOW
from tests.integration.oauth_server import AuthServer, browse

pytestmark = pytest.mark.oauth


@pytest.fixture
def idp(data_dir):
    server = AuthServer()
    (data_dir / "oauth_providers.json").write_text(json.dumps({"oauth_providers": {"testidp": server.provider_config()}}))
    yield server
    server.close()


@pytest.fixture
def widget(qtbot, ctx, idp, keyring_file):
    from bouncedesk.ui.oauth_signin import OAuthSignInController

    opened: list[str] = []

    def browser(url: str) -> bool:
        opened.append(url)
        browse(url)
        return True

    store.add_account(ctx.conn, now=NOW, name="work", host="127.0.0.1", username="alice", auth_method="oauth2")
    view, ctl = OAuthSignInController.create(ctx, email=lambda: "alice@example.test", account="work",
                                             secrets_factory=SecretStore.open, open_browser=browser, timeout=10)
    qtbot.addWidget(view)
    view.show()
    yield view, ctl, opened
    ctx.pool.waitForDone()


def test_buttons_come_from_the_provider_data(widget):
    view, ctl, _ = widget
    assert {"google", "microsoft", "testidp"} <= set(view.buttons)
    assert view.buttons["google"].text() == "Sign in with Google"
    assert view.buttons["microsoft"].text() == "Sign in with Microsoft"
    ctl._show_help("google")
    assert "verification" in view.help.text() and view.client_secret.isEnabled()
    assert ctl.state == "signed-out" and view.state.text() == "Not signed in."


def test_click_signs_in_and_keeps_the_refresh_token(qtbot, widget, idp, ctx):
    view, ctl, opened = widget
    view.client_id.setText(idp.client_id)
    with qtbot.waitSignal(ctl.signed_in, timeout=15000) as sig:
        qtbot.mouseClick(view.buttons["testidp"], Qt.MouseButton.LeftButton)
    assert sig.args == ["testidp"] and len(opened) == 1 and "login_hint=alice%40example.test" in opened[0]
    assert ctl.state == "signed-in" and "Signed in with Test Identity" in view.state.text()
    secrets = SecretStore.open()
    assert secrets.get("work", REFRESH_KIND) in idp.refresh
    # The account now renews its own tokens; revoking it shows the plain message.
    assert token_provider(ctx.conn, secrets, "work").access_token(NOW) in idp.access
    idp.revoke_all()
    with pytest.raises(SignInRequired) as exc:
        token_provider(ctx.conn, secrets, "work").access_token(NOW + 7200)
    ctl.show_problem(exc.value)
    assert ctl.state == "expired" and "expired or was revoked" in view.state.text()
    assert all(b.isEnabled() for b in view.buttons.values())


def test_missing_client_id_and_refusal_are_shown(qtbot, widget, idp):
    view, ctl, opened = widget
    with qtbot.waitSignal(ctl.failed, timeout=2000) as sig:
        qtbot.mouseClick(view.buttons["testidp"], Qt.MouseButton.LeftButton)
    assert "client ID" in sig.args[0] and not opened
    view.client_id.setText(idp.client_id)
    idp.deny = True
    with qtbot.waitSignal(ctl.failed, timeout=15000) as sig:
        qtbot.mouseClick(view.buttons["testidp"], Qt.MouseButton.LeftButton)
    assert "refused or cancelled" in sig.args[0] and "Sign-in not completed" in view.state.text()
    assert SecretStore.open().get("work", REFRESH_KIND) is None


def test_cancel_while_the_browser_is_open(qtbot, widget, idp):
    view, ctl, _ = widget
    ctl.open_browser = lambda url: True  # the user never finishes in the browser
    view.client_id.setText(idp.client_id)
    qtbot.mouseClick(view.buttons["testidp"], Qt.MouseButton.LeftButton)
    assert ctl.state == "waiting" and view.cancel.isVisible() and not view.buttons["testidp"].isEnabled()
    with qtbot.waitSignal(ctl.failed, timeout=5000) as sig:
        qtbot.mouseClick(view.cancel, Qt.MouseButton.LeftButton)
    assert "cancelled" in sig.args[0] and ctl.state == "signed-out" and not view.cancel.isVisible()


# --- in the account dialog -------------------------------------------------------------------------

@pytest.fixture
def oauth_dovecot(idp):
    from tests.integration.conftest import _need_dovecot
    from tests.integration.dovecot import running

    _need_dovecot()
    with running(oauth=idp) as d:
        yield d


@pytest.mark.imap
def test_account_dialog_signs_in_tests_and_saves(make_gui, data_dir, idp, oauth_dovecot, keyring_file, tmp_path):
    from PySide6.QtTest import QTest

    from bouncedesk.intake.poller import sync_accounts
    from tests.integration import mailgen

    gui = make_gui(data_dir)
    page = gui.open("accounts")
    QTest.mouseClick(page.view.add, Qt.MouseButton.LeftButton)
    c = gui.c.account_dialog
    d, box = c.d, c.signin
    assert not box.view.isVisibleTo(d)  # no provider known for the address yet: asked for in the details
    d.use_signin.setChecked(True)
    assert box.view.isVisibleTo(d) and box.auth_method() == "password"
    d.name.setText("Office")
    d.address.setText("alice@example.test")
    d.host.setText("127.0.0.1")
    d.security.setCurrentIndex(d.security.findData("plain"))
    d.port.setValue(oauth_dovecot.port)
    d.username.setText("alice")
    box.ctl.open_browser = lambda url: browse(url) and True
    box.view.client_id.setText(idp.client_id)
    with gui.qtbot.waitSignal(box.ctl.signed_in, timeout=15_000):
        QTest.mouseClick(box.view.buttons["testidp"], Qt.MouseButton.LeftButton)
    assert box.auth_method() == "oauth2" and "kept when you save" in box.view.state.text()

    with gui.qtbot.waitSignal(c.tested, timeout=30_000) as sig:  # XOAUTH2 against Dovecot, no password
        QTest.mouseClick(d.test_button, Qt.MouseButton.LeftButton)
    assert sig.args[0], sig.args[1]
    assert c.save()
    gui.idle()
    row = store.get_account(gui.ctx.conn, "Office")
    assert row.auth_method == "oauth2" and row.address == "alice@example.test"
    secrets = SecretStore.open()
    assert secrets.get("Office", REFRESH_KIND) in idp.refresh and secrets.get("Office") is None
    dump = "\n".join(gui.ctx.conn.iterdump())
    assert not any(t in dump for t in idp.issued)

    # The saved account syncs with its sign-in, renewing the token when it is due.
    oauth_dovecot.append([mailgen.dsn(1, "dialog")])
    idp.expire_access_tokens()
    conn = store.connect(data_dir / "bouncedesk.sqlite3")
    try:
        [report] = sync_accounts(conn, secrets, ["Office"], clock=lambda: NOW + 7200)
    finally:
        conn.close()
    assert report.totals.new_bounces == 1 and idp.counts["refresh"] == 1

    # Reopened, the dialog shows the account as signed in.
    c2 = gui.c.open_account("Office")
    assert c2.signin.ctl.state == "signed-in" and "Test Identity" in c2.signin.view.state.text()
    c2.d.reject()

    # Revoked at the provider: the next sync says "sign in again", and so does the dialog.
    idp.revoke_all()
    idp.expire_access_tokens()
    conn = store.connect(data_dir / "bouncedesk.sqlite3")
    try:
        with pytest.raises(SignInRequired, match="sign in again"):
            sync_accounts(conn, secrets, ["Office"], clock=lambda: NOW + 3 * 7200)
    finally:
        conn.close()
    c3 = gui.c.open_account("Office")
    assert c3.signin.ctl.state == "expired" and "expired or was revoked" in c3.signin.view.state.text()
    c3.signin.ctl.open_browser = lambda url: browse(url) and True
    c3.signin.view.client_id.setText(idp.client_id)
    with gui.qtbot.waitSignal(c3.signin.ctl.signed_in, timeout=15_000):
        QTest.mouseClick(c3.signin.view.buttons["testidp"], Qt.MouseButton.LeftButton)
    assert c3.signin.ctl.state == "signed-in"  # kept at once for an existing account
    conn = store.connect(data_dir / "bouncedesk.sqlite3")
    try:
        [report] = sync_accounts(conn, SecretStore.open(), ["Office"], clock=lambda: NOW + 3 * 7200)
    finally:
        conn.close()
    assert report.cancelled is False

    # Renamed in the dialog, the account keeps its sign-in.
    c4 = gui.c.open_account("Office")
    c4.d.name.setText("Front desk")
    assert c4.save()
    secrets = SecretStore.open()
    assert secrets.get("Front desk", REFRESH_KIND) and secrets.get("Office", REFRESH_KIND) is None
    conn = store.connect(data_dir / "bouncedesk.sqlite3")
    try:
        oauth_dovecot.append([mailgen.dsn(2, "dialog")])
        [report] = sync_accounts(conn, secrets, ["Front desk"], clock=lambda: NOW + 4 * 7200)
    finally:
        conn.close()
    assert report.totals.new_bounces == 1

    # No token in any file but the keyring: store, logs, the GUI's settings (QSettings .ini), ...
    gui.close()
    files = [f for f in tmp_path.rglob("*") if f.is_file() and "keyring" not in f.parts]
    assert any(f.suffix == ".ini" for f in files) and any(f.name.endswith(".sqlite3") for f in files)
    for f in files:
        data = f.read_bytes()
        assert not any(t.encode() in data for t in idp.issued), f


def test_typed_address_fills_the_preset(make_gui, data_dir, keyring_file):
    from PySide6.QtTest import QTest

    gui = make_gui(data_dir)
    page = gui.open("accounts")
    QTest.mouseClick(page.view.add, Qt.MouseButton.LeftButton)
    c = gui.c.account_dialog
    c.d.address.setText("someone@web.de")
    c.d.address.editingFinished.emit()
    assert (c.d.host.text(), c.d.port.value(), c.d.security.currentData()) == ("imap.web.de", 993, "tls")
    assert (c.d.smtp_host.text(), c.d.smtp_port.value(), c.d.smtp_security.currentData()) == ("smtp.web.de", 587,
                                                                                              "starttls")
    assert c.d.username.text() == "someone@web.de" and c.d.name.text() == "WEB.DE"
    assert "POP3/IMAP" in c.signin.view.help.text()
