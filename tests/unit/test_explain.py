"""Reason explanations and next steps: every vocabulary reason in en and de, and the combined text."""

from __future__ import annotations

import json

import pytest

from bouncedesk.classify import explain as ex
from bouncedesk.config import resources_dir
from bouncedesk.errors import BounceDeskError

# The reason vocabulary from the corpus README (a spec list, copied here on purpose).
VOCABULARY = (
    "userunknown", "hostunknown", "hasmoved", "notaccept", "mailboxfull", "suspend", "systemfull",
    "exceedlimit", "mesgtoobig", "expired", "networkerror", "blocked", "badreputation", "requireptr",
    "authfailure", "rejected", "norelaying", "spamdetected", "virusdetected", "filtered",
    "policyviolation", "securityerror", "failedstarttls", "contenterror", "notcompliantrfc",
    "syntaxerror", "speeding", "toomanyconn", "systemerror", "mailererror", "onhold", "undefined",
    "feedback", "vacation", "delivered",
)


def test_texts_cover_exactly_the_vocabulary() -> None:
    assert len(VOCABULARY) == 35
    assert set(ex.known_reasons()) == set(VOCABULARY)


@pytest.mark.parametrize("reason", VOCABULARY)
def test_every_reason_has_en_and_de_explanation_and_next_step(reason: str) -> None:
    en, de = ex.explain_reason(reason, "en"), ex.explain_reason(reason, "de")
    en_next, de_next = ex.next_step(reason, "en"), ex.next_step(reason, "de")
    for text in (en, de, en_next, de_next):
        assert text.strip()
        assert text.rstrip().endswith((".", "!"))
        # One or two sentences, as the UI has room for.
        assert len(text) < 260
    assert en != de and en_next != de_next
    assert en != en_next


def test_explanations_are_not_copies_of_each_other() -> None:
    for lang in ("en", "de"):
        texts = [ex.explain_reason(r, lang) for r in VOCABULARY]
        assert len(set(texts)) == len(texts), lang


def test_specific_reasons_say_the_right_thing() -> None:
    assert "full" in ex.explain_reason("mailboxfull")
    assert "voll" in ex.explain_reason("mailboxfull", "de")
    assert "PTR" in ex.next_step("requireptr")
    assert "SPF" in ex.next_step("authfailure", "de")
    # Sender-side reasons must not blame the recipient's address.
    assert "not at fault" in ex.explain_reason("blocked")


def test_language_fallbacks() -> None:
    assert ex.explain_reason("mailboxfull", "de-AT") == ex.explain_reason("mailboxfull", "de")
    assert ex.explain_reason("mailboxfull", "fr") == ex.explain_reason("mailboxfull", "en")
    assert ex.explain_reason("no-such-reason") == ex.explain_reason("undefined")
    assert ex.next_step("no-such-reason", "de") == ex.next_step("undefined", "de")


def test_explain_combines_code_and_reason() -> None:
    text = ex.explain("5.2.2", "mailboxfull")
    assert text.startswith("5.2.2 Mailbox full (the server refused). ")
    assert text.endswith(ex.explain_reason("mailboxfull"))
    de = ex.explain("4.2.2", "mailboxfull", "de")
    assert de.startswith("4.2.2 Postfach voll (Server hat vorerst abgelehnt). ")
    assert de.endswith(ex.explain_reason("mailboxfull", "de"))


def test_explain_with_missing_parts() -> None:
    assert ex.explain("", "userunknown") == ex.explain_reason("userunknown")
    assert ex.explain("5.1.1", "") == "5.1.1 Recipient address does not exist (the server refused)."
    assert ex.explain("5.9.99", "") == "5.9.99 The server refused."
    assert ex.explain("", "") == ""
    assert ex.explain("bogus", "").startswith("Not a valid status code")


def test_resource_file_is_valid_json_with_both_languages() -> None:
    data = json.loads((resources_dir() / "rules" / "explanations.json").read_text(encoding="utf-8"))
    for reason, langs in data["reasons"].items():
        assert {"en", "de"} <= set(langs), reason
        for lang in ("en", "de"):
            assert set(langs[lang]) == {"explain", "next"}, (reason, lang)


def test_broken_resource_file_is_a_clear_error(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "explanations.json").write_text("{ not json", encoding="utf-8")
    monkeypatch.setattr(ex, "resources_dir", lambda: tmp_path)
    ex._texts.cache_clear()
    try:
        with pytest.raises(BounceDeskError, match="cannot read the reason texts"):
            ex.explain_reason("mailboxfull")
    finally:
        monkeypatch.undo()
        ex._texts.cache_clear()
    assert ex.explain_reason("mailboxfull")


def test_texts_are_loaded_once() -> None:
    ex._texts.cache_clear()
    ex.explain_reason("blocked")
    ex.next_step("vacation", "de")
    ex.explain("5.1.1", "userunknown")
    assert ex._texts.cache_info().misses == 1
