"""The enhanced status code registry: completeness, texts, lookup, fallbacks and syntax."""

from __future__ import annotations

import pytest

from bouncedesk.classify import codes
from bouncedesk.classify.codes import REGISTRY, describe, is_valid, lookup

# Details registered per subject in the IANA registry today (X.0.0 .. X.7.30).
EXPECTED_DETAILS = {0: 0, 1: 10, 2: 4, 3: 6, 4: 7, 5: 6, 6: 10, 7: 30}


def test_registry_holds_every_registered_code_and_nothing_else() -> None:
    expected = {f"X.{s}.{d}" for s, top in EXPECTED_DETAILS.items() for d in range(top + 1)}
    assert set(REGISTRY) == expected
    assert len(REGISTRY) == 81


@pytest.mark.parametrize("key", sorted(REGISTRY))
def test_every_code_has_distinct_en_and_de_texts_and_valid_classes(key: str) -> None:
    info = REGISTRY[key]
    assert info.code == key
    assert info.name.strip() and info.en.strip() and info.de.strip()
    assert info.en != info.de
    assert info.classes and set(info.classes) <= {2, 4, 5}
    assert info.refs and all(r.startswith(("RFC", "draft-")) for r in info.refs)


def test_texts_are_unique_within_a_language() -> None:
    # Two codes sharing one text would hide a copy-paste slip in the table.
    for lang in ("en", "de"):
        texts = [info.text(lang) for info in REGISTRY.values()]
        assert len(texts) == len(set(texts)), lang


def test_class_and_subject_meanings_exist_in_both_languages() -> None:
    assert set(codes.CLASSES) == {2, 4, 5}
    assert set(codes.SUBJECTS) == set(range(8))
    for table in (codes.CLASSES, codes.SUBJECTS):
        for _iana, en, de in table.values():
            assert en and de and en != de
    assert codes.class_label(5, "de") == "Server hat abgelehnt"  # what the server did, no promise
    assert codes.class_label(3) == ""
    assert codes.subject_label(2, "en") == "Problem with the recipient's mailbox"
    assert codes.subject_label(8) == ""


def test_known_codes_by_iana_name() -> None:
    info = lookup("5.1.1")
    assert info is not None
    assert info.code == "5.1.1" and info.status_class == 5
    assert info.name == "Bad destination mailbox address"
    assert info.class_registered
    full = lookup("4.2.2")
    assert full is not None and full.en == "Mailbox full" and full.de == "Postfach voll"
    disabled = lookup("4.2.1")
    assert disabled is not None and disabled.name == "Mailbox disabled, not accepting messages"
    assert lookup("5.1.10").name == "Recipient address has null MX"  # type: ignore[union-attr]
    assert lookup("5.7.27").name == "Sender address has null MX"  # type: ignore[union-attr]
    assert lookup("2.1.5").classes == (2,)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("5.7.20", "No passing DKIM signature found"),
        ("5.7.21", "No acceptable DKIM signature found"),
        ("5.7.22", "No valid author-matched DKIM signature found"),
        ("5.7.23", "SPF validation failed"),
        ("4.7.24", "SPF validation error"),
        ("5.7.25", "Reverse DNS validation failed"),
        ("5.7.26", "Multiple authentication checks failed"),
        ("5.7.29", "ARC validation failure"),
        ("5.7.30", "REQUIRETLS support required"),
    ],
)
def test_rfc7372_and_later_security_codes(code: str, name: str) -> None:
    info = lookup(code)
    assert info is not None and info.name == name
    assert info.class_registered


def test_x_7_30_is_requiretls_from_rfc8689() -> None:
    info = REGISTRY["X.7.30"]
    assert info.refs == ("RFC8689",)
    assert "REQUIRETLS" in info.name


def test_deprecated_duplicate_is_marked() -> None:
    assert REGISTRY["X.6.10"].deprecated
    assert not REGISTRY["X.6.8"].deprecated
    assert sum(i.deprecated for i in REGISTRY.values()) == 1


def test_lookup_applies_the_class_and_reports_unusual_classes() -> None:
    temp, perm = lookup("4.1.1"), lookup("5.1.1")
    assert temp is not None and perm is not None
    assert temp.code == "4.1.1" and perm.code == "5.1.1"
    assert temp.en == perm.en
    # Microsoft sends 5.4.1 although the registry only knows X.4.1 as transient.
    odd = lookup("5.4.1")
    assert odd is not None and not odd.class_registered
    assert REGISTRY["X.4.1"].status_class is None


def test_lookup_tolerates_spaces_and_leading_zeros() -> None:
    info = lookup("  5.01.001 ")
    assert info is not None and info.code == "5.1.1"


@pytest.mark.parametrize("code", ["5.9.99", "5.1.11", "4.7.31", "2.0.1", "", "5.1", "abc", "3.1.1", "5.1.1x"])
def test_lookup_unknown_or_invalid_is_none(code: str) -> None:
    assert lookup(code) is None


def test_describe_specific_text_with_class() -> None:
    assert describe("5.2.2") == "Mailbox full (the server refused)"
    assert describe("4.2.2", "de") == "Postfach voll (Server hat vorerst abgelehnt)"
    assert describe("2.1.5", "de_DE") == "Empfängeradresse ist gültig (Erfolg)"
    assert describe("5.2.2", "fr") == describe("5.2.2", "en")


def test_describe_falls_back_to_subject_and_class() -> None:
    assert describe("5.2.99") == "Problem with the recipient's mailbox (the server refused)"
    assert describe("4.4.900", "de") == "Netzwerk- oder Zustellwegproblem (Server hat vorerst abgelehnt)"
    # Subject 9 is not registered at all: only the class is left to say.
    assert describe("5.9.99") == "The server refused"
    assert describe("4.9.99", "de") == "Server hat vorerst abgelehnt"


def test_describe_empty_and_garbage() -> None:
    assert describe("") == ""
    assert describe("") == describe("", "de") == ""
    assert "7.1.1" in describe("7.1.1")
    assert describe("x.y.z", "de").startswith("Kein gültiger Statuscode")


@pytest.mark.parametrize(
    ("code", "ok"),
    [
        ("2.0.0", True),
        ("4.7.30", True),
        ("5.999.999", True),
        ("5.0.0", True),
        ("5.01.1", True),
        ("1.1.1", False),
        ("3.1.1", False),
        ("6.0.0", False),
        ("5.1000.1", False),
        ("5.1.1000", False),
        ("5..1", False),
        ("5.1.", False),
        ("5.1", False),
        ("5.1.1.1", False),
        (" 5.1.1", False),
        ("5.1.1\n", False),
        ("5.-1.1", False),
        ("5.１.1", False),  # fullwidth digit
        ("", False),
    ],
)
def test_is_valid(code: str, ok: bool) -> None:
    assert is_valid(code) is ok


def test_is_valid_rejects_non_strings() -> None:
    assert is_valid(None) is False  # type: ignore[arg-type]
    assert is_valid(511) is False  # type: ignore[arg-type]


def test_registry_is_read_only() -> None:
    with pytest.raises(TypeError):
        REGISTRY["X.9.9"] = REGISTRY["X.0.0"]  # type: ignore[index]
