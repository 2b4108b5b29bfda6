"""E-mail over SMTP with the standard library's smtplib, set up from the environment (config.py).

No library beyond the standard one: a notice's e-mail is one plain-text message to one address,
which smtplib and email.message do completely (STARTTLS, implicit TLS, login, UTF-8 headers).
`send_all` never raises: it gives, per message, None when the server took it or the reason it
did not, so that a mail server that is down or slow costs a step no more than MAIL_TIMEOUT.
"""
from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from datetime import datetime, timezone
from email.header import Header
from email.mime.text import MIMEText
from email.utils import format_datetime, formataddr, make_msgid, parseaddr


@dataclass(frozen=True)
class Outgoing:
    to: str
    subject: str
    text: str


def configured(config) -> bool:
    return bool(config.get("MAIL_SERVER"))


def _connect(config) -> smtplib.SMTP:
    host, port, timeout = config["MAIL_SERVER"], config["MAIL_PORT"], config["MAIL_TIMEOUT"]
    if config.get("MAIL_USE_SSL"):
        smtp = smtplib.SMTP_SSL(host, port, timeout=timeout, context=ssl.create_default_context())
    else:
        smtp = smtplib.SMTP(host, port, timeout=timeout)
        if config.get("MAIL_USE_TLS"):
            smtp.starttls(context=ssl.create_default_context())
    if config.get("MAIL_USERNAME"):
        smtp.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD") or "")
    return smtp


def _message(outgoing: Outgoing, sender: str) -> MIMEText:
    """The message in the compat32 API: email.policy.default (EmailMessage) folds a long Vietnamese
    subject into encoded words with the space between two of them outside both, so that readers
    join the words ("học tập,đẩy mạnh"); email.header.Header keeps every space inside its word."""
    message = MIMEText(outgoing.text, "plain", "utf-8")
    name, address = parseaddr(sender)
    message["From"] = formataddr((name, address), charset="utf-8") if name else address
    message["To"] = outgoing.to
    message["Subject"] = Header(outgoing.subject, "utf-8")
    message["Date"] = format_datetime(datetime.now(timezone.utc))
    # the sender's own domain: make_msgid() would otherwise ask the DNS for this host's name
    message["Message-ID"] = make_msgid(domain=address.rpartition("@")[2] or "localhost")
    message["Auto-Submitted"] = "auto-generated"   # RFC 3834: no vacation replies, please
    return message


def _reason(exc: Exception) -> str:
    return f"{exc.__class__.__name__}: {exc}"[:500]


def send_all(config, messages: list[Outgoing]) -> list[str | None]:
    """Send `messages` over one connection; per message None (sent) or why it was not."""
    if not messages:
        return []
    try:
        smtp = _connect(config)
    except (OSError, smtplib.SMTPException) as exc:   # refused, timed out, TLS or login failed
        return [_reason(exc)] * len(messages)
    results: list[str | None] = []
    try:
        for outgoing in messages:
            try:
                smtp.send_message(_message(outgoing, config["MAIL_FROM"]))
                results.append(None)
            except (smtplib.SMTPRecipientsRefused, smtplib.SMTPDataError, smtplib.SMTPSenderRefused,
                    ValueError) as exc:   # this message only: the next may pass
                results.append(_reason(exc))
            except (OSError, smtplib.SMTPException) as exc:   # the connection is gone
                results += [_reason(exc)] * (len(messages) - len(results))
                break
    finally:
        try:
            smtp.quit()
        except (OSError, smtplib.SMTPException):
            smtp.close()
    return results
