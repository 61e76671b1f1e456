"""Presets and sign-in providers from data; PKCE and the authorization URL. No servers."""

from __future__ import annotations

import json
import urllib.parse

import pytest

from bouncedesk.errors import InputError
from bouncedesk.mail.oauth import authorization_url, make_pkce, pkce_challenge, xoauth2_string
from bouncedesk.mail.providers import oauth_provider, oauth_providers, preset_for_address, presets


@pytest.mark.parametrize(
    ("address", "key", "imap_host", "auth"),
    [
        ("someone@gmail.com", "gmail", "imap.gmail.com", "oauth2"),
        ("Someone@GoogleMail.com", "gmail", "imap.gmail.com", "oauth2"),
        ("a.b@outlook.com", "outlook", "outlook.office365.com", "oauth2"),
        ("x@hotmail.de", "outlook", "outlook.office365.com", "oauth2"),
        ("x@yahoo.de", "yahoo", "imap.mail.yahoo.com", "password"),
        ("x@me.com", "icloud", "imap.mail.me.com", "password"),
        ("x@gmx.net", "gmx", "imap.gmx.net", "password"),
        ("x@web.de", "webde", "imap.web.de", "password"),
        ("x@t-online.de", "tonline", "secureimap.t-online.de", "password"),
    ],
)
def test_preset_for_address(address, key, imap_host, auth):
    p = preset_for_address(address)
    assert p is not None and p.key == key
    assert p.imap.host == imap_host and p.imap.port == 993 and p.imap.security == "tls"
    assert p.auth_method == auth
    assert p.username_for(address) == address
    assert p.help("en") and p.help("de") and p.help("en") != p.help("de")


def test_unknown_domain_and_bad_address():
    assert preset_for_address("me@example.org") is None
    for bad in ("", "no-at-sign", "a@b", "a @gmail.com", "@gmail.com"):
        with pytest.raises(InputError):
            preset_for_address(bad)


def test_every_preset_is_complete_and_smtp_is_encrypted():
    found = presets()
    assert {"gmail", "outlook", "microsoft365", "yahoo", "icloud", "gmx", "webde", "tonline", "ionos"} <= set(found)
    providers = oauth_providers()
    for p in found.values():
        assert p.smtp.security in ("tls", "starttls") and p.smtp.port in (465, 587), p.key
        if p.auth_method == "oauth2":
            assert p.oauth_provider in providers, p.key
    # No two presets claim the same domain.
    domains = [d for p in found.values() for d in p.domains]
    assert len(domains) == len(set(domains))


def test_builtin_providers_and_scopes():
    ms = oauth_provider("microsoft")
    assert ms.authorize_url.startswith("https://login.microsoftonline.com/common/")
    assert set(ms.scopes) == {
        "https://outlook.office.com/IMAP.AccessAsUser.All", "https://outlook.office.com/SMTP.Send", "offline_access"}
    g = oauth_provider("Google")
    assert g.scopes == ("https://mail.google.com/",) and g.client_secret_required
    assert "verification" in g.help("en") and "geprüft" in g.help("de")
    with pytest.raises(InputError, match="client ID"):
        g.check_client()  # no shared Google client: the user brings their own
    with pytest.raises(InputError, match="unknown sign-in provider"):
        oauth_provider("nosuch")


def test_third_provider_is_a_config_entry(tmp_path):
    (tmp_path / "oauth_providers.json").write_text(json.dumps({"oauth_providers": {"fastidp": {
        "title": "Fast", "authorize_url": "https://id.example/auth", "token_url": "https://id.example/token",
        "scopes": "mail offline", "client_id": "cid"}}}))
    p = oauth_provider("fastidp", tmp_path)
    assert (p.title, p.scopes, p.client_id) == ("Fast", ("mail", "offline"), "cid")
    assert "google" in oauth_providers(tmp_path)  # the bundled ones stay
    (tmp_path / "oauth_providers.json").write_text(json.dumps({"oauth_providers": {"bad": {
        "authorize_url": "http://id.example/auth", "token_url": "https://id.example/token", "scopes": []}}}))
    with pytest.raises(InputError, match="https"):
        oauth_providers(tmp_path)


def test_pkce_rfc7636_vector_and_fresh_pairs():
    # RFC 7636 appendix B.
    assert pkce_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk") == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
    v1, c1 = make_pkce()
    v2, _ = make_pkce()
    assert v1 != v2 and 43 <= len(v1) <= 128 and pkce_challenge(v1) == c1


def test_authorization_url_carries_challenge_not_verifier():
    p = oauth_provider("microsoft").with_client("my-app-id")
    verifier, challenge = make_pkce()
    url = authorization_url(p, "http://127.0.0.1:5555/", "st4te", challenge, "me@outlook.com")
    q = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(url).query))
    assert q["client_id"] == "my-app-id" and q["redirect_uri"] == "http://127.0.0.1:5555/"
    assert q["code_challenge"] == challenge and q["code_challenge_method"] == "S256" and q["state"] == "st4te"
    assert q["login_hint"] == "me@outlook.com" and "offline_access" in q["scope"].split()
    assert verifier not in url


def test_xoauth2_string():
    assert xoauth2_string("a@b.c", "tok") == "user=a@b.c\x01auth=Bearer tok\x01\x01"


def test_redirect_host_from_data():
    assert oauth_provider("microsoft").redirect_host == "localhost"  # what Entra ID registrations take
    assert oauth_provider("google").redirect_host == "127.0.0.1"  # RFC 8252's choice
