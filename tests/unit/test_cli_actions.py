"""The action commands: one line of output, bad input gives one line on stderr and exit 2."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from bouncedesk import store
from bouncedesk.cli.main import main
from tests.bounce_factory import bounce, original

ANN = "ann@example.org"


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A store with one soft bounce for ANN, imported through the `import` command with the sent
    message it is about (so it is verified and acts)."""
    d = tmp_path / "home"
    mail = tmp_path / "bounce.eml"
    at = int(time.time()) - 3600
    mail.write_bytes(bounce(ANN, at=at))
    sent = tmp_path / "sent.eml"
    sent.write_bytes(original(ANN, "<order-1@shop.example>", at - 600))
    assert main(["import", "--data-dir", str(d), "--sent", str(sent), str(mail)]) == 0
    return d


def run(home: Path, capsys, *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main([args[0], "--data-dir", str(home), *args[1:]])
    out, err = capsys.readouterr()
    return code, out, err


def test_state_commands_and_undo(home: Path, capsys) -> None:
    assert run(home, capsys, "pause", ANN, "--why", "on holiday") == (0, f"{ANN}: retrying → paused\n", "")
    assert run(home, capsys, "resume", ANN)[1] == f"{ANN}: paused → retrying\n"
    code, out, _ = run(home, capsys, "undo", ANN)
    assert code == 0 and "undid resume" in out
    assert run(home, capsys, "suppress", "Bob@Example.org")[1] == "bob@example.org: new → suppressed\n"
    assert run(home, capsys, "unsuppress", "bob@example.org")[0] == 0
    conn = store.open_store(home)
    rec = store.require_recipient(conn, ANN)
    assert rec.state == "paused"
    assert store.events_for(conn, rec.id)[-2].why == "on holiday"  # [-1] is the import's policy event
    conn.close()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("pause", "nobody@example.org"), "no recipient nobody@example.org"),
        (("resume", ANN), "not paused"),
        (("undo", ANN), "nothing to undo"),
        (("retry", ANN, "--no-sent-folder"), "no account with an SMTP server"),
        (("mark-resent", "not-an-address"), "not an e-mail address"),
        (("contact", ANN), "no alternative address"),
        (("smtp", "nope", "--host", "smtp.example.org"), "no account named 'nope'"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(home: Path, capsys, args, message) -> None:
    code, out, err = run(home, capsys, *args)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("bouncedesk: ") and message in err


def test_contact_prints_a_mailto_link(home: Path, capsys) -> None:
    code, out, _ = run(home, capsys, "contact-info", ANN, "--email", "ann.alt@example.net", "--phone", "+1 555 0100")
    assert code == 0 and "alt_email: ann.alt@example.net" in out and "phone: +1 555 0100" in out
    code, out, _ = run(home, capsys, "contact", ANN, "--lang", "de", "--sender-name", "Laden")
    lines = out.splitlines()
    assert code == 0 and lines[1].startswith("mailto:ann.alt@example.net?subject=")
    assert run(home, capsys, "undo", ANN)[0] == 0


def test_run_due_and_attempts(home: Path, capsys) -> None:
    code, out, _ = run(home, capsys, "run-due", "--json", "--no-sent-folder")
    report = json.loads(out)
    assert code == 0 and report["due"] == 0 and report["sent"] == 0  # the bounce is an hour old: due in 23 h
    assert run(home, capsys, "mark-resent", ANN)[1].startswith(f"{ANN}: attempt 1 counted")
    code, out, _ = run(home, capsys, "attempts", ANN, "--json")
    (row,) = [json.loads(line) for line in out.splitlines()]
    assert (row["attempt"], row["status"], row["original"]) == (1, "manual", "<order-1@shop.example>")
