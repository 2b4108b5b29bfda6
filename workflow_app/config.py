"""Configuration from the environment, with safe defaults for one-command local use."""
from __future__ import annotations

import os
import secrets
from pathlib import Path

from .domain.documents.render import FAST, RENDERERS


def _instance_secret_key(instance_path: Path) -> str:
    """A random key kept in instance/ so sessions survive restarts without a configured key."""
    key_file = instance_path / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    instance_path.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key


def _document_renderer() -> str:
    """DOCUMENT_RENDERER: "fast" (default) or "reference" (stock docxtpl, the same bytes, slower;
    for when a docxtpl or python-docx upgrade breaks the fast path: domain/documents/render.py)."""
    value = os.environ.get("DOCUMENT_RENDERER") or FAST
    if value not in RENDERERS:
        raise ValueError(f"DOCUMENT_RENDERER={value!r}: expected one of {', '.join(RENDERERS)}")
    return value


def _mail_settings() -> dict:
    """SMTP for the notices' e-mails (services/mail.py); off while MAIL_SERVER is unset.

    MAIL_USE_TLS=1: STARTTLS on the plain port (587 by default); MAIL_USE_SSL=1: TLS from the
    first byte (465 by default); neither: plain SMTP (25 by default), for a relay on the same host
    or network. PUBLIC_URL (https://tdkt.example.vn) is where the links in the e-mails point;
    unset, they take the address the step's request came to."""
    use_tls = os.environ.get("MAIL_USE_TLS", "") == "1"
    use_ssl = os.environ.get("MAIL_USE_SSL", "") == "1"
    username = os.environ.get("MAIL_USERNAME") or ""
    return {
        "MAIL_SERVER": os.environ.get("MAIL_SERVER") or "",
        "MAIL_PORT": int(os.environ.get("MAIL_PORT") or (465 if use_ssl else 587 if use_tls else 25)),
        "MAIL_USE_TLS": use_tls,
        "MAIL_USE_SSL": use_ssl,
        "MAIL_USERNAME": username,
        "MAIL_PASSWORD": os.environ.get("MAIL_PASSWORD") or "",
        "MAIL_FROM": os.environ.get("MAIL_FROM") or username or "no-reply@localhost",
        "MAIL_TIMEOUT": float(os.environ.get("MAIL_TIMEOUT") or 5),
        "PUBLIC_URL": os.environ.get("PUBLIC_URL") or "",
    }


def _pdf_settings() -> dict:
    """The PDF renditions of generated files (services/pdf_renditions.py).

    REDIS_URL set: jobs go to RQ, run by `flask pdf-worker`; unset: a thread in each app process
    runs them (PDF_QUEUE overrides: rq, thread, eager, manual, off). PDF_CONVERTER: auto (a warm
    unoserver when LibreOffice's Python has uno, else soffice per file), unoserver, soffice.
    UNOSERVER_URL (http://127.0.0.1:2003): use that running unoserver instead of starting one."""
    redis_url = os.environ.get("REDIS_URL") or ""
    delays = os.environ.get("PDF_RETRY_DELAYS") or "10,60"
    return {
        "REDIS_URL": redis_url,
        "PDF_QUEUE": os.environ.get("PDF_QUEUE") or ("rq" if redis_url else "thread"),
        "PDF_QUEUE_NAME": os.environ.get("PDF_QUEUE_NAME") or "pdf-renditions",
        "PDF_CONVERTER": os.environ.get("PDF_CONVERTER") or "auto",
        "UNOSERVER_URL": os.environ.get("UNOSERVER_URL") or "",
        "PDF_CONVERSION_TIMEOUT": int(os.environ.get("PDF_CONVERSION_TIMEOUT") or 120),
        "PDF_MAX_ATTEMPTS": int(os.environ.get("PDF_MAX_ATTEMPTS") or 3),
        "PDF_RETRY_DELAYS": tuple(int(d) for d in delays.split(",") if d.strip()),
        "PDF_LEASE_SECONDS": int(os.environ.get("PDF_LEASE_SECONDS") or 600),
        "PDF_SWEEP_SECONDS": float(os.environ.get("PDF_SWEEP_SECONDS") or 30),
        # The preview's page images (services/page_images.py): at most this many pages a file.
        "PDF_PREVIEW_MAX_PAGES": int(os.environ.get("PDF_PREVIEW_MAX_PAGES") or 40),
    }


def _verification_settings() -> dict:
    """Public verification of issued files (services/verification.py, /xac-thuc, /api/v1/verify).

    SIGNING_TRUST_ROOTS: PEM files of the CA certificates whose signers are trusted, separated by
    the OS path separator (":"); the signing work can add roots in code (add_trust_root_provider).
    VERIFY_RATE_LIMIT: look-ups by hash or code per client address; VERIFY_UPLOAD_RATE_LIMIT:
    files sent to be checked. VERIFY_TIME_BUDGET (seconds) and VERIFY_MAX_SIGNATURES bound the
    checking of one file; VERIFICATION_QR=0 stops stamping the QR on issued PDFs."""
    return {
        "SIGNING_TRUST_ROOTS": os.environ.get("SIGNING_TRUST_ROOTS") or "",
        "VERIFY_RATE_LIMIT": os.environ.get("VERIFY_RATE_LIMIT") or "60 per minute",
        "VERIFY_UPLOAD_RATE_LIMIT": os.environ.get("VERIFY_UPLOAD_RATE_LIMIT") or "10 per minute",
        "VERIFY_TIME_BUDGET": float(os.environ.get("VERIFY_TIME_BUDGET") or 20),
        "VERIFY_MAX_SIGNATURES": int(os.environ.get("VERIFY_MAX_SIGNATURES") or 10),
        "VERIFICATION_QR": os.environ.get("VERIFICATION_QR", "1") != "0",
    }


def config_from_environment(instance_path: Path) -> dict:
    """Everything that differs between machines comes from environment variables."""
    database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{instance_path / 'workflow.sqlite3'}"
    storage_uri = os.environ.get("RATELIMIT_STORAGE_URI") or "memory://"
    return {
        "SECRET_KEY": os.environ.get("SECRET_KEY") or _instance_secret_key(instance_path),
        # Issue 16: what the bodies' seal keys are encrypted with at rest (services/signatures.py);
        # empty: derived from SECRET_KEY (then keep SECRET_KEY with a restored backup).
        "SIGNING_SEAL_SECRET": os.environ.get("SIGNING_SEAL_SECRET", ""),
        # Issue 16: the RFC 3161 time-stamping authority for PAdES B-T (services/timestamping.py);
        # empty: signatures without a timestamp (B-B).
        "SIGNING_TSA_URL": os.environ.get("SIGNING_TSA_URL", ""),
        "SIGNING_TSA_TIMEOUT": float(os.environ.get("SIGNING_TSA_TIMEOUT") or 10),
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "MAX_CONTENT_LENGTH": int(os.environ.get("MAX_CONTENT_LENGTH", 16 * 1024 * 1024)),
        "DOCUMENT_TEMPLATES": os.environ.get(
            "DOCUMENT_TEMPLATES", str(Path(__file__).resolve().parent.parent / "document_templates")),
        "DOCUMENT_RENDERER": _document_renderer(),
        # `flask rounds remind` (cron, daily): remind those not yet proposed when a round's deadline
        # is this many days away ("7,3,1": a week, three days and the day before).
        "ROUND_REMINDER_DAYS": os.environ.get("ROUND_REMINDER_DAYS") or "7,3,1",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": os.environ.get("SESSION_COOKIE_SECURE", "") == "1",
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": os.environ.get("SESSION_COOKIE_SECURE", "") == "1",
        # Failed sign-ins per (client address, username), web and API together (Flask-Limiter).
        "RATELIMIT_STORAGE_URI": storage_uri,
        "RATELIMIT_STRATEGY": "moving-window",
        # Storage down (Redis unreachable): count in this process's memory and log it, rather than
        # fail every sign-in; /healthz reports "rate_limit_storage": "degraded" meanwhile.
        "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,
        "RATELIMIT_SWALLOW_ERRORS": True,
        # ... and a Redis that does not answer costs a sign-in at most this, not the OS's minutes.
        "RATELIMIT_STORAGE_OPTIONS": ({"socket_connect_timeout": 1.0, "socket_timeout": 1.0}
                                      if storage_uri.startswith(("redis://", "rediss://")) else {}),
        "SIGN_IN_RATE_LIMIT": os.environ.get("SIGN_IN_RATE_LIMIT") or "10 per 5 minutes",
        # Failed sign-ins per client address whatever the username (one password sprayed over many).
        "SIGN_IN_ADDRESS_RATE_LIMIT": os.environ.get("SIGN_IN_ADDRESS_RATE_LIMIT") or "30 per 5 minutes",
        # How many reverse proxies stand in front (nginx: 1). Their X-Forwarded-For/-Proto are then
        # believed, so the throttle keys on the client, not the proxy. 0: nothing forwarded is trusted.
        "TRUSTED_PROXIES": int(os.environ.get("TRUSTED_PROXIES") or 0),
        **_mail_settings(),
        **_pdf_settings(),
        **_verification_settings(),
    }
