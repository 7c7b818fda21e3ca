"""Outgoing mail: sent by a background job over SMTP when MAIL_SERVER is set, otherwise written to the log."""
from __future__ import annotations

import smtplib
from email.message import EmailMessage

from flask import current_app


def send_mail(to: str, subject: str, body: str) -> None:
    """Queue a plain-text message (a failing SMTP server never breaks the page), or log it with no server."""
    cfg = current_app.config
    if not cfg.get("MAIL_SERVER"):
        current_app.logger.warning("Mail not configured; message to %s: %s\n%s", to, subject, body)
        return
    from matchmaker.jobs import enqueue

    enqueue("mail", {"to": to, "subject": subject, "body": body}, label=subject)  # no address: organisers see jobs


def deliver(to: str, subject: str, body: str) -> None:
    """Send the message now over SMTP (called by the mail job; raises on SMTP errors so the queue retries)."""
    cfg = current_app.config
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = cfg["MAIL_SENDER"], to, subject
    msg.set_content(body)
    with smtplib.SMTP(cfg["MAIL_SERVER"], cfg["MAIL_PORT"], timeout=20) as smtp:
        if cfg.get("MAIL_USE_TLS"):
            smtp.starttls()
        if cfg.get("MAIL_USERNAME"):
            smtp.login(cfg["MAIL_USERNAME"], cfg["MAIL_PASSWORD"])
        smtp.send_message(msg)
