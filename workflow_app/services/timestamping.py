"""The trusted time of a signature (PAdES B-T). With SIGNING_TSA_URL set (the time-stamping authority
the deployment can reach, e.g. the national CA's), every signature made here (the approver's at
approve, the seal at issue) carries an RFC 3161 token from it over the signature value: when it was
signed is then attested by the TSA, not only claimed by the server's clock. Unset (the default, and
`make run`): PAdES B-B, as before. A TSA that does not answer refuses the step, with nothing changed
(services/pdf_signing.py raises SigningError). Verifiers trust the token when the TSA's root is among
the trust roots (`flask signing add-root`)."""
from __future__ import annotations

from functools import lru_cache

from flask import current_app


@lru_cache(maxsize=4)   # pyHanko advises one TimeStamper per TSA (it keeps what it learnt of it)
def _http_stamper(url: str, timeout: float):
    from pyhanko.sign.timestamps import HTTPTimeStamper
    return HTTPTimeStamper(url, timeout=timeout)


def timestamper():
    """pyHanko's TimeStamper for the configured TSA, or None (no timestamps)."""
    url = (current_app.config.get("SIGNING_TSA_URL") or "").strip()
    if not url:
        return None
    return _http_stamper(url, float(current_app.config.get("SIGNING_TSA_TIMEOUT") or 10))
