"""Contact notices: both languages render from the template files, and mailto: links round-trip."""

from __future__ import annotations

import urllib.parse
from email import message_from_bytes
from email.policy import default

import pytest

from bouncedesk.act.notice import LANGUAGES, mailto_url, notice_message, render_notice
from bouncedesk.config import resources_dir
from bouncedesk.errors import InputError


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_language_renders_every_placeholder(lang: str) -> None:
    n = render_notice(lang, address="ann@example.org", reason="mailboxfull", sender_name="Shop Team", name="Ann")
    assert "ann@example.org" in n.subject
    assert "ann@example.org" in n.body and "Shop Team" in n.body and " Ann," in n.body
    assert "$" not in n.subject + n.body
    full = {"en": "the mailbox is full", "de": "das Postfach ist voll"}[lang]
    assert full in n.body
    # An unknown reason falls back to the language's default phrase, not to English.
    other = render_notice(lang, address="a@b.example", reason="no-such-reason")
    assert {"en": "refused it", "de": "abgelehnt"}[lang] in other.body


def test_templates_are_files_under_resources() -> None:
    for lang in LANGUAGES:
        assert (resources_dir() / "templates" / f"contact_{lang}.txt").is_file()


def test_unknown_language_is_an_input_error() -> None:
    with pytest.raises(InputError, match="available: en, de"):
        render_notice("fr", address="a@b.example")


def test_mailto_link_carries_subject_and_body() -> None:
    n = render_notice("de", address="ann@example.org", reason="suspend", sender_name="Laden")
    url = mailto_url("ann.alt@example.net", n)
    parts = urllib.parse.urlsplit(url)
    assert parts.scheme == "mailto" and parts.path == "ann.alt@example.net"
    q = urllib.parse.parse_qs(parts.query)
    assert q["subject"] == [n.subject] and q["body"] == [n.body]
    assert " " not in url and "+" not in url  # spaces as %20: mail clients do not decode '+'


def test_notice_message_is_a_complete_mail() -> None:
    n = render_notice("de", address="ann@example.org", sender_name="Laden")
    raw = notice_message(n, sender="Laden <shop@shop.example>", to="ann.alt@example.net", now=1717412400)
    msg = message_from_bytes(raw, policy=default)
    assert msg["To"] == "ann.alt@example.net" and msg["Subject"] == n.subject
    assert msg["Message-ID"].endswith("@shop.example>")
    assert msg.get_content().strip() == n.body.strip()
