"""Reaching a recipient another way: contact details and a notice by mail or the mail client."""

from __future__ import annotations

from email import message_from_bytes

from bouncedesk import store
from bouncedesk.act.notice import LANGUAGES, mailto_url, notice_message, render_notice
from bouncedesk.act.outcome import USER, Outcome
from bouncedesk.act.retries import FAILED, SENT
from bouncedesk.errors import InputError, MailError, SecretStoreError
from bouncedesk.mail.smtp import send_message

CONTACT_CHANNELS = ("mailto", "smtp")


class Contacting:
    """Contact details and notices. Mixed into `Actions`."""

    def set_contact(
        self,
        address: str,
        now: int,
        *,
        alt_email: str | None = None,
        phone: str | None = None,
        note: str | None = None,
        who: str = USER,
    ) -> Outcome:
        """Store other ways to reach a recipient; None leaves a field as it was, "" clears it."""
        rec = store.require_recipient(self.conn, address)
        if alt_email:
            alt_email = store.normalize_email(alt_email)
            if alt_email == rec.email:
                raise InputError("the alternative address must differ from the bounced one")
        with store.transaction(self.conn):
            self.conn.execute(
                "INSERT INTO contacts(recipient_id, alt_email, phone, note, updated_at) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT(recipient_id) DO UPDATE SET alt_email = coalesce(excluded.alt_email, alt_email),"
                " phone = coalesce(excluded.phone, phone), note = coalesce(excluded.note, note),"
                " updated_at = excluded.updated_at",
                (rec.id, alt_email, phone, note, now),
            )
            changed = ", ".join(k for k, v in (("e-mail", alt_email), ("phone", phone), ("note", note)) if v is not None)
            event_id = store.log_event(self.conn, at=now, recipient_id=rec.id, actor=who, action="contact-info",
                                       why=f"updated {changed or 'nothing'}", before=rec.policy, after=rec.policy)
        return Outcome(rec.email, "contact-info", rec.state, f"{rec.email}: contact details saved", event_id)

    def contact_info(self, address: str) -> dict[str, str | None]:
        rec = store.require_recipient(self.conn, address)
        row = self.conn.execute("SELECT alt_email, phone, note FROM contacts WHERE recipient_id = ?", (rec.id,)).fetchone()
        return {"alt_email": row[0], "phone": row[1], "note": row[2]} if row else {"alt_email": None, "phone": None,
                                                                                    "note": None}

    def contact(
        self,
        address: str,
        now: int,
        *,
        lang: str = "en",
        via: str = "mailto",
        who: str = USER,
        sender_name: str | None = None,
    ) -> Outcome:
        """Tell the recipient, at their alternative address, that our mail bounces.

        via='mailto': returns a mailto: link for the user's mail client; via='smtp': sends the
        notice through the account's SMTP server. Either way a contact attempt is recorded.
        """
        if via not in CONTACT_CHANNELS:
            raise InputError(f"contact via {via!r}? Use one of {', '.join(CONTACT_CHANNELS)}")
        if lang not in LANGUAGES:
            raise InputError(f"no contact template for language {lang!r} (available: {', '.join(LANGUAGES)})")
        rec = store.require_recipient(self.conn, address)
        alt = self.contact_info(rec.email)["alt_email"]
        if not alt:
            raise InputError(f"no alternative address for {rec.email}; add one first (contact details)")
        account = sender = None
        if via == "smtp" or sender_name is None:
            try:
                account = self._account_for(self._source(rec.id), rec)
                smtp_settings, sender = self.smtp_settings(account)
            except InputError:
                if via == "smtp":
                    raise
        notice = render_notice(lang, address=rec.email, reason=rec.last_reason or "",
                               sender_name=sender_name if sender_name is not None else (sender or ""))
        if via == "mailto":
            url = mailto_url(alt, notice)
            event_id = self._record_contact(rec, now, "mailto", alt, lang, "handed to mail client", "", who)
            return Outcome(rec.email, "contact", rec.state, f"{rec.email}: notice ready for your mail client ({alt})",
                           event_id, mailto=url)
        assert account is not None and sender is not None
        data = notice_message(notice, sender=sender, to=alt, now=now)
        try:
            result = send_message(smtp_settings, self.smtp_auth(account, smtp_settings), sender, [alt], data)
        except (MailError, SecretStoreError) as exc:
            self._record_contact(rec, now, "smtp", alt, lang, FAILED, str(exc), who)
            raise
        event_id = self._record_contact(rec, now, "smtp", alt, lang, SENT, "", who,
                                        note=f"{result.code} {result.reply}"[:500])
        mid = message_from_bytes(data).get("Message-ID", "")
        self._record_sent(account.id, str(mid), now, notice.subject, sender, alt)  # its own transaction
        return Outcome(rec.email, "contact", rec.state, f"{rec.email}: notice sent to {alt}", event_id,
                       queue_id=result.queue_id)

    def _record_contact(
        self, rec: store.Recipient, now: int, channel: str, to: str, lang: str, status: str, error: str, who: str,
        note: str = "",
    ) -> int:
        with store.transaction(self.conn):
            self.conn.execute(
                "INSERT INTO contact_attempts(recipient_id, at, channel, to_address, language, status, error, note)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (rec.id, now, channel, to, lang, status, error[:1000], note),
            )
            action = "contact" if status != FAILED else "contact-failed"
            why = f"notice ({lang}) to {to} via {channel}: {status}" + (f" ({error})" if error else "")
            return store.log_event(self.conn, at=now, recipient_id=rec.id, actor=who, action=action, why=why[:1000],
                                   before=rec.policy, after=rec.policy)
