"""The 'Sign in with …' widget on real Qt widgets offscreen, against the local authorization server:
a click opens the (test) browser, the sign-in lands in the keyring, the state line says so, a
revoked sign-in shows a clear message, and a refused sign-in leaves nothing behind."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from bouncedesk import store
from bouncedesk.mail.oauth import REFRESH_KIND, SignInRequired
from bouncedesk.mail.secrets import SecretStore
from bouncedesk.oauth_accounts import token_provider
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
