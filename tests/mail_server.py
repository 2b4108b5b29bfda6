"""A real SMTP server for the tests (aiosmtpd on 127.0.0.1), and the app pointed at it.

Not a mock: the app's smtplib talks SMTP over TCP to it, and what it receives is parsed back
into e-mail messages. It also counts connections, so a test can show that none was made.
"""
from __future__ import annotations

import socket
from email import message_from_bytes, policy

from aiosmtpd.controller import Controller

MAIL_KEYS = ("MAIL_SERVER", "MAIL_PORT", "MAIL_USE_TLS", "MAIL_USE_SSL", "MAIL_USERNAME", "MAIL_PASSWORD",
             "MAIL_FROM", "MAIL_TIMEOUT", "PUBLIC_URL")
PUBLIC_URL = "https://tdkt.example.vn"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Inbox:
    """aiosmtpd's handler: keeps every message it is given."""

    def __init__(self):
        self.envelopes = []
        self.connections = 0
        self.port = 0

    async def handle_DATA(self, server, session, envelope):  # noqa: N802  (aiosmtpd's hook name)
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"

    @property
    def messages(self) -> list:
        return [message_from_bytes(e.original_content, policy=policy.default) for e in self.envelopes]

    def to(self, address: str) -> list:
        return [m for m, e in zip(self.messages, self.envelopes) if address in e.rcpt_tos]


class CountingController(Controller):
    def factory(self):   # once per connection
        self.handler.connections += 1
        return super().factory()


def start(inbox: Inbox) -> CountingController:
    inbox.port = free_port()
    controller = CountingController(inbox, hostname="127.0.0.1", port=inbox.port)
    controller.start()
    inbox.connections = 0   # start() made one connection of its own, to see the server up
    return controller


def settings(port: int, **overrides) -> dict:
    return {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": port, "MAIL_USE_TLS": False, "MAIL_USE_SSL": False,
            "MAIL_USERNAME": "", "MAIL_PASSWORD": "", "MAIL_FROM": "Thi đua – Khen thưởng <no-reply@ubnd.example.vn>",
            "MAIL_TIMEOUT": 5.0, "PUBLIC_URL": PUBLIC_URL, **overrides}


def body(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()
