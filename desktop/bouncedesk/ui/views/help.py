"""Help (F1): what status codes, reasons, states and kinds mean, the retry schedule as the user set
it, Needs review and trust, and where the data lives — in the UI language.

The meanings come from where the rest of the app reads them (classify.codes, classify.explain,
policy.provenance, the user's PolicySettings), so Help never disagrees with the detail pane.
Every piece is escaped before it reaches the text browser: Help shows text, never markup.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from bouncedesk import store as st
from bouncedesk.accounts import registry
from bouncedesk.classify import codes
from bouncedesk.classify.explain import explain_reason, known_reasons, term
from bouncedesk.classify.receivers import load_listings
from bouncedesk.mail.secrets import PLAINTEXT_FILENAME
from bouncedesk.policy import provenance as pv
from bouncedesk.policy.mailings import MIN_ALERT_SENT
from bouncedesk.policy.settings import PolicySettings
from bouncedesk.store.mailings import MIN_LISTED
from bouncedesk.ui import format as fmt
from bouncedesk.ui.context import AppContext

_t = QCoreApplication.translate
HOUR = 3600


@dataclass
class Section:
    """One heading with its paragraphs and (label, text) entries."""

    title: str
    paragraphs: list[str] = field(default_factory=list)
    entries: list[tuple[str, str]] = field(default_factory=list)
    after: list[str] = field(default_factory=list)  # paragraphs below the entries


def duration(hours: int) -> str:
    """'6 hours', '2 days' (whole days from 24 h on)."""
    if hours >= 24 and hours % 24 == 0:
        return _t("Help", "%n day(s)", None, hours // 24)
    return _t("Help", "%n hour(s)", None, hours)


def render_html(sections: list[Section]) -> str:
    """Our own minimal markup around escaped text: headings, paragraphs, bold labels."""
    e = lambda s: html.escape(s, quote=False)  # noqa: E731
    out: list[str] = []
    for s in sections:
        out.append(f"<h3>{e(s.title)}</h3>")
        out += [f"<p>{e(p)}</p>" for p in s.paragraphs]
        out += [f"<p><b>{e(label)}</b> — {e(text)}</p>" if text else f"<p><b>{e(label)}</b></p>"
                for label, text in s.entries]  # fmt: skip
        out += [f"<p>{e(p)}</p>" for p in s.after]
    return "\n".join(out)


def render_text(sections: list[Section]) -> str:
    """The same content as plain text (what Copy puts on the clipboard, and what tests read)."""
    out: list[str] = []
    for s in sections:
        out += [s.title, ""]
        out += [p + "\n" for p in s.paragraphs]
        out += [f"{label} — {text}" if text else label for label, text in s.entries]
        out += ["\n" + p for p in s.after]
        out.append("")
    return "\n".join(out).strip() + "\n"


class HelpView(QDialog):
    """Layout only: a read-only text browser and a Close button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("BounceDesk Help"))
        self.setObjectName("HelpDialog")
        self.resize(760, 640)
        self.browser = QTextBrowser()
        self.browser.setObjectName("HelpText")
        self.browser.setOpenLinks(False)  # there are none; nothing may load anything
        self.browser.setOpenExternalLinks(False)
        self.browser.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.browser.setAccessibleName(self.tr("Help text"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        lay = QVBoxLayout(self)
        lay.addWidget(self.browser, 1)
        lay.addWidget(self.buttons)
        self.buttons.rejected.connect(self.reject)


class HelpController(QObject):
    """Builds the help text from the app's own sources of meaning and the user's settings."""

    def __init__(self, ctx: AppContext, view: HelpView, log_dir: Path | None = None) -> None:
        super().__init__(view)
        self.ctx = ctx
        self.view = view
        self.log_dir = log_dir
        self.sections: list[Section] = []
        ctx.signals.changed.connect(self._store_changed)
        view.destroyed.connect(lambda *_a: self._disconnect())
        self.reload()

    def _disconnect(self) -> None:
        try:
            self.ctx.signals.changed.disconnect(self._store_changed)
        except (RuntimeError, TypeError):
            pass

    def _store_changed(self, what: str) -> None:
        if what in ("settings", "accounts"):
            self.reload()

    @property
    def lang(self) -> str:
        return "de" if self.ctx.language == "de" else "en"

    def reload(self) -> None:
        self.sections = self.build()
        bar = self.view.browser.verticalScrollBar()
        pos = bar.value()
        self.view.browser.setHtml(render_html(self.sections))
        bar.setValue(pos)

    def text(self) -> str:
        return render_text(self.sections)

    # --- the sections ----------------------------------------------------------------------------

    def build(self) -> list[Section]:
        p = st.load_policy_settings(self.ctx.conn)  # read once: Retries and Needs review both show it
        return [self._codes(), self._subjects(), self._reasons(), self._states(), self._kinds(), self._retries(p),
                self._recovery(p), self._review(p), self._mailings(p), self._providers(), self._data()]  # fmt: skip

    def _codes(self) -> Section:
        lang = self.lang
        s = Section(_t("Help", "Status codes"))
        s.paragraphs.append(_t("Help", "A bounce usually carries a status code such as 5.1.1: class, subject, "
                               "detail. The class says only what the server did with your message; what "
                               "BounceDesk does next depends on the reason and on your settings."))  # fmt: skip
        for cls in sorted(codes.CLASSES):
            s.entries.append((f"{cls}.x.x", codes.class_label(cls, lang)))
        return s

    def _subjects(self) -> Section:
        lang = self.lang
        s = Section(_t("Help", "The subject of a code"))
        s.paragraphs.append(_t("Help", "The second number says what the problem is about."))
        for n in sorted(codes.SUBJECTS):
            s.entries.append((f"x.{n}.x", codes.subject_label(n, lang)))
        return s

    def _reasons(self) -> Section:
        lang = self.lang
        s = Section(_t("Help", "Reasons"))
        s.paragraphs.append(_t("Help", "BounceDesk reads the server's words and names the reason a message "
                               "bounced. The lists and the detail pane use these words."))  # fmt: skip
        for r in known_reasons():
            s.entries.append((term("reason", r, lang), explain_reason(r, lang)))
        return s

    def _states(self) -> Section:
        meaning = {
            "active": _t("Help", "Mail goes out normally."),
            "retrying": _t("Help", "A soft bounce came back; BounceDesk sends its own copy again when the next "
                           "retry is due."),
            "inactive": _t("Help", "The last allowed retry bounced too; BounceDesk no longer sends to the address."),
            "suppressed": _t("Help", "BounceDesk never sends to the address again (hard bounce, complaint or your "
                             "decision) until you unsuppress it."),
            "paused": _t("Help", "You paused the address: nothing is sent or retried until you resume it."),
        }  # fmt: skip
        return self._glossary(_t("Help", "Recipient states"), "state", meaning)

    def _kinds(self) -> Section:
        meaning = {
            "bounce": _t("Help", "A report that a message could not be delivered."),
            "hard": _t("Help", "A bounce saying the address itself does not work (no such mailbox or domain, "
                       "moved, takes no mail)."),
            "soft": _t("Help", "A bounce whose cause may pass or lies elsewhere; the address is not known to be bad."),
            "delay": _t("Help", "A warning that delivery is still being tried; nothing failed yet."),
            "complaint": _t("Help", "The recipient marked your message as spam."),
            "auto-reply": _t("Help", "An automatic answer such as an out-of-office note; the message arrived."),
            "delivered": _t("Help", "A report that the message was delivered."),
        }  # fmt: skip
        return self._glossary(_t("Help", "Kinds of result"), "kind", meaning)

    def _glossary(self, title: str, group: str, meaning: dict[str, str]) -> Section:
        """One entry per key: the glossary's word for it (classify.explain.term), then its meaning."""
        return Section(title, entries=[(term(group, key, self.lang), text) for key, text in meaning.items()])

    def _retries(self, p: PolicySettings) -> Section:
        lang = self.lang
        s = Section(_t("Help", "Retries (your settings)"))
        s.paragraphs.append(
            _t("Help", "After a soft bounce of mail you sent, BounceDesk sends its own copy of the message "
               "again, at most %n time(s):", None, p.max_attempts)
        )  # fmt: skip
        for k in range(p.max_attempts):
            wait = duration(p.delay_after(k) // HOUR)
            if k == 0:
                text = _t("Help", "%1 after the bounce").replace("%1", wait)
            else:
                text = _t("Help", "%1 after attempt %2").replace("%1", wait).replace("%2", str(k))
            s.entries.append((_t("Help", "Attempt %1").replace("%1", str(k + 1)), text))
        for reason, hours in sorted(p.reason_first_hours.items()):
            s.after.append(
                _t("Help", "After “%1” the first retry comes %2 after the bounce.")
                .replace("%1", term("reason", reason, lang)).replace("%2", duration(int(hours)))
            )  # fmt: skip
        s.after.append(
            _t("Help", "If the last attempt bounces too, the address becomes “%1”. No new bounce by the time the "
               "next attempt would be due, or a delivery report, makes it “%2” again.")
            .replace("%1", term("state", "inactive", lang)).replace("%2", term("state", "active", lang))
        )  # fmt: skip
        s.after.append(
            _t("Help", "A soft bounce that is already older than %1 when it arrives is history: it is recorded and "
               "counted, never retried.").replace("%1", duration(p.history_span // HOUR))
        )  # fmt: skip
        s.after.append(
            _t("Help", "%1 bounces in %2 days mark a recipient as frequent.")
            .replace("%1", str(p.frequent_count)).replace("%2", str(p.frequent_days))
        )  # fmt: skip
        s.after.append(_t("Help", "You change the schedule, the number of attempts and the action for each "
                          "reason and code under Settings."))  # fmt: skip
        return s

    def _recovery(self, p: PolicySettings) -> Section:
        """What makes a bounced address active again, and what never does by itself."""
        lang = self.lang
        active, retrying, inactive = (term("state", k, lang) for k in ("active", "retrying", "inactive"))
        s = Section(_t("Help", "Recovery: when an address counts as working again"))
        s.paragraphs.append(
            _t("Help", "One bad week does not make an address dead for ever. A recipient that is “%1” or “%2” "
               "becomes “%3” again when:").replace("%1", retrying).replace("%2", inactive).replace("%3", active)
        )  # fmt: skip
        s.entries.append((_t("Help", "A delivery report"), _t(
            "Help", "a report that your message was delivered arrives and names a message you sent to this "
            "address.")))  # fmt: skip
        reply = _t("Help", "the person answers your mail: a message from this very address whose In-Reply-To or "
                   "References names a message you sent to it, dated after the bounce. BounceDesk reads only its "
                   "header fields; it marks nothing as read and moves nothing.")  # fmt: skip
        if not p.recover_on_reply:
            reply += " " + _t("Help", "(Switched off under Settings.)")
        s.entries.append((_t("Help", "A reply"), reply))
        s.after.append(_t(
            "Help", "Nothing else recovers an address. Anyone can write any From line, so a reply that names no "
            "message you sent, or one you sent to somebody else, changes nothing; so does a delivery report that is "
            "not tied to your mail (it waits in Needs review)."))  # fmt: skip
        s.after.append(_t(
            "Help", "A suppressed address never recovers by itself: a hard bounce, a complaint or your own decision "
            "put it there, and only you unsuppress it. A paused address stays paused until you resume it."))  # fmt: skip
        s.after.append(_t(
            "Help", "The detail pane says when and why a recipient recovered; “Undo recovery” there (on the command "
            "line: bouncedesk undo ADDRESS) puts it back exactly as it was. The same reply read again "
            "never recovers it twice. “Frequent” counts only the bounces within its window, so it passes by itself."))  # fmt: skip
        return s

    def _mailings(self, p: PolicySettings) -> Section:
        """What a mailing is, how its rates are counted, and where the alert levels come from."""
        s = Section(_t("Help", "Mailings (your settings)"))
        s.paragraphs.append(_t(
            "Help", "BounceDesk groups the mail in your Sent folder into mailings: messages with the same campaign "
            "header (such as X-Campaign-ID) form one mailing; messages of one mailing list (List-Id) or with the "
            "same subject and sender form one while they were sent within %1. Replies (“Re:”) and BounceDesk's own "
            "retries are kept apart. The list shows mailings to at least %2 recipients; choose “All” for single "
            "messages too.").replace("%1", duration(int(p.mailing_window_hours))).replace("%2", str(MIN_LISTED)))  # fmt: skip
        s.paragraphs.append(_t(
            "Help", "Sent counts the recipients a mailing went to. Bounced counts each recipient once (a hard bounce "
            "before a sender-side problem before a soft bounce), only from bounces that name a message of the "
            "mailing. The bounce rate is bounced divided by sent; the complaint rate is complaints divided by sent."))  # fmt: skip
        s.entries.append((_t("Help", "Warning at %1 % bounces").replace("%1", fmt.decimal(p.mailing_warn_percent)), _t(
            "Help", "Amazon SES puts a sending account under review when its bounce rate reaches 5 %.")))  # fmt: skip
        s.entries.append((_t("Help", "Urgent at %1 % bounces").replace("%1", fmt.decimal(p.mailing_high_percent)), _t(
            "Help", "At 10 % Amazon SES may pause the account's sending. SES counts only hard bounces; BounceDesk "
            "counts every bounced recipient, so it warns a little earlier.")))  # fmt: skip
        s.entries.append((_t("Help", "Alert at %1 % complaints").replace("%1", fmt.decimal(p.mailing_complaint_percent)), _t(
            "Help", "Since 2024 Google and Yahoo require bulk senders to keep the share of recipients who mark their "
            "mail as spam below 0.3 % (Google advises staying under 0.1 %); above it, mail is refused or filtered.")))  # fmt: skip
        s.after.append(_t("Help", "Mailings to fewer than %1 recipients raise no alert: one bounce would already be "
                          "several per cent. You change the levels and the time span under Settings → Mailings.")
                       .replace("%1", str(MIN_ALERT_SENT)))  # fmt: skip
        return s

    def _providers(self) -> Section:
        """Provider health: how a provider is recognised, and every named sender-side problem with its page."""
        s = Section(_t("Help", "Providers"))
        s.paragraphs.append(_t(
            "Help", "Providers groups your sent mail and bounces by the receiving provider: by the recipient's "
            "domain, or by the server that refused the mail (a company domain hosted at Google or Microsoft). "
            "A sender-side bounce is named precisely when it says which blocklist or check refused it; "
            "below, each with the page where you ask for removal or read how to fix it."))  # fmt: skip
        for item in load_listings().entries.values():
            fix = item.text("fix", self.lang)
            s.entries.append((item.text("name", self.lang), f"{fix} ({item.page})" if item.page else fix))
        return s

    def _review(self, p: PolicySettings) -> Section:
        lang = self.lang
        s = Section(_t("MainWindow", "Needs review"))
        s.paragraphs.append(_t("Help", "Anyone can send mail to the mailbox BounceDesk reads. So a bounce changes "
                               "a recipient only when it is evidence about a message you sent; the others wait "
                               "under Needs review and change nothing until you decide."))  # fmt: skip
        s.entries += [
            (pv.word(pv.VERIFIED, lang), _t("Help", "The bounce names a message you sent to this address.")),
            (pv.word(pv.PLAUSIBLE, lang), _t("Help", "The bounce only looks like yours (your domain or your "
                                             "address), but names no message you sent to this address.")),
            (pv.word(pv.UNVERIFIED, lang), _t("Help", "Nothing ties the bounce to your mail; it may be forged.")),
            (term("action", "trust", lang), _t("Help", "Let the bounce act as if it were verified (you can undo "
                                               "this).")),
            (term("action", "dismiss", lang), _t("Help", "Keep the bounce as information only; it changes "
                                                 "nothing.")),
        ]  # fmt: skip
        mode = {
            pv.TRUST_VERIFIED: _t("Help", "Your setting: only verified bounces act by themselves."),
            pv.TRUST_PLAUSIBLE: _t("Help", "Your setting: verified and plausible bounces act by themselves."),
            pv.TRUST_ALL: _t("Help", "Your setting: every bounce acts by itself, without this check."),
        }.get(p.trust, "")
        if mode:
            s.after.append(mode)
        return s

    def _data(self) -> Section:
        s = Section(_t("Help", "Where your data lives"))
        s.entries.append((_t("Help", "Data folder"), str(self.ctx.data_dir)))
        s.entries.append((_t("Help", "Store"), str(self.ctx.db_path)))
        s.entries.append((
            _t("Help", "Log files"),
            str(self.log_dir) if self.log_dir is not None else _t("Help", "none in this session (only the Log page)"),
        ))  # fmt: skip
        if st.get_setting(self.ctx.conn, registry.PLAINTEXT_SECRETS_KEY, False):
            pw = _t("Help", "in a plain-text file, as you chose: %1").replace(
                "%1", str(Path(self.ctx.data_dir) / PLAINTEXT_FILENAME))
        else:
            pw = _t("Help", "in the system keyring, never in the store or the logs")
        s.entries.append((_t("Help", "Passwords"), pw))
        if self.ctx.demo:
            # Only the demo loads the demo package (it is not needed for a normal start).
            from bouncedesk.demo.userfiles import LIST_FILE, MAILCHIMP_UNSUBSCRIBED

            s.entries.append((_t("Help", "Demo files to try"), _t(
                "Help", "%1 (File → Check a mailing list…), %2 (Suppressions → Import list…), in the data folder")
                .replace("%1", LIST_FILE).replace("%2", MAILCHIMP_UNSUBSCRIBED)))  # fmt: skip
        s.after.append(_t("Help", "Updating or removing the program keeps these files."))
        return s
