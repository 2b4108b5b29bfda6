"""Who holds a signing key: the Signer interface and its PKCS#12 implementation.

A Signer signs one field of a prepared PDF (services/pdf_signing.py). Only Pkcs12Signer exists:
the key is in a PIN-protected PKCS#12 kept as uploaded, opened with the PIN at signing time and
never written anywhere else. A USB token (pyHanko's PKCS11Signer) or a remote signing service
(CSC) is another class with the same `sign`, built around its own pyHanko `Signer`.
"""
from __future__ import annotations

import hashlib
import threading
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from . import pdf_signing
from .pdf_signing import Appearance


class WrongPin(Exception):
    """The PIN does not open the PKCS#12 (or the file is no PKCS#12 with a key and certificate)."""


class Signer(Protocol):
    subject_name: str
    certificate: "CertificateInfo"

    def sign(self, pdf: bytes, field: str, appearance: Appearance, *, certify: bool = False,
             fill: dict[str, str] | None = None, timestamper=None) -> bytes: ...


@dataclass(frozen=True)
class CertificateInfo:
    subject: str         # the certificate's common name (or its whole subject)
    issuer: str
    serial: str          # hex
    not_before: datetime
    not_after: datetime
    sha256: str          # of the certificate's DER
    der: bytes


def _common_name(name) -> str:
    """The name's common name (or the whole name), without control characters: a certificate may
    carry a NUL, which PostgreSQL refuses in text (and no name shown to anyone needs one)."""
    from cryptography.x509.oid import NameOID
    found = name.get_attributes_for_oid(NameOID.COMMON_NAME)
    text = str(found[0].value) if found else name.rfc4514_string()
    return "".join(c for c in text if unicodedata.category(c) != "Cc")


def certificate_info(cert) -> CertificateInfo:
    """What is kept of a certificate (a cryptography x509.Certificate) beside it."""
    from cryptography.hazmat.primitives.serialization import Encoding
    der = cert.public_bytes(Encoding.DER)
    return CertificateInfo(subject=_common_name(cert.subject), issuer=_common_name(cert.issuer),
                           serial=format(cert.serial_number, "x"), not_before=cert.not_valid_before_utc,
                           not_after=cert.not_valid_after_utc, sha256=hashlib.sha256(der).hexdigest(), der=der)


def _password(pin: str | bytes) -> bytes | None:
    return (pin.encode("utf-8") if isinstance(pin, str) else pin) or None


def open_pkcs12(data: bytes, pin: str | bytes):
    """(key, certificate, other certificates) of a PKCS#12; WrongPin if the PIN does not open it."""
    from cryptography.hazmat.primitives.serialization import pkcs12
    try:
        key, cert, chain = pkcs12.load_key_and_certificates(data, _password(pin))
    except (ValueError, TypeError) as exc:
        raise WrongPin("Mã PIN không đúng hoặc tệp không phải PKCS#12.") from exc
    if key is None or cert is None:
        raise WrongPin("Tệp PKCS#12 không có khóa bí mật và chứng thư.")
    return key, cert, list(chain or [])


def inspect_pkcs12(data: bytes, pin: str) -> CertificateInfo:
    """The certificate of a PKCS#12 the PIN opens (checked at upload; the PIN is not kept)."""
    return certificate_info(open_pkcs12(data, pin)[1])


class Pkcs12Signer:
    """Signs with the key of a PIN-protected PKCS#12. Constructing it checks the PIN (WrongPin)."""

    def __init__(self, data: bytes, pin: str | bytes):
        from pyhanko.keys.internal import (
            translate_pyca_cryptography_cert_to_asn1,
            translate_pyca_cryptography_key_to_asn1,
        )
        from pyhanko.sign import signers
        from pyhanko_certvalidator.registry import SimpleCertificateStore
        # decrypted once (the key derivation is most of the cost): pyHanko's SimpleSigner is built
        # from the same key and certificates; the PKCS#12's other certificates go into the
        # signature, so a validator finds the path to the root.
        key, cert, chain = open_pkcs12(data, pin)
        self.certificate = certificate_info(cert)
        self.subject_name = self.certificate.subject
        registry = SimpleCertificateStore()
        registry.register_multiple({translate_pyca_cryptography_cert_to_asn1(c) for c in chain})
        self._cms = signers.SimpleSigner(signing_key=translate_pyca_cryptography_key_to_asn1(key),
                                         signing_cert=translate_pyca_cryptography_cert_to_asn1(cert),
                                         cert_registry=registry)

    def sign(self, pdf: bytes, field: str, appearance: Appearance, *, certify: bool = False,
             fill: dict[str, str] | None = None, timestamper=None) -> bytes:
        return pdf_signing.sign(pdf, self._cms, field, appearance, certify=certify, fill=fill,
                                timestamper=timestamper)


# The bodies' seal signers, opened once per process. A seal's key is held by the server (its
# passphrase derives from the server's secret), so keeping it unlocked in memory adds nothing an
# attacker of the process would not have; an approver's key is PIN-locked and is never cached.
# Keyed by the credential row, the PKCS#12's hash and the passphrase's: a new seal (a new row) or a
# changed secret opens anew; forget_seals() drops all (the admin uploaded a seal).
_SEALS: dict[tuple[int, str, str], Pkcs12Signer] = {}
SEALS_KEPT = 256
_SEALS_LOCK = threading.Lock()


def seal_signer(credential_id: int, data: bytes, passphrase: bytes) -> Pkcs12Signer:
    """The seal signer of this credential, from the cache or opened now (WrongPin as the class)."""
    key = (credential_id, hashlib.sha256(data).hexdigest(), hashlib.sha256(passphrase).hexdigest())
    found = _SEALS.get(key)
    if found is None:
        found = Pkcs12Signer(data, passphrase)
        with _SEALS_LOCK:
            for old in [k for k in _SEALS if k[0] == credential_id]:
                del _SEALS[old]
            if len(_SEALS) >= SEALS_KEPT:   # seals replaced in another process stay here until then
                _SEALS.clear()
            _SEALS[key] = found
    return found


def forget_seals() -> None:
    with _SEALS_LOCK:
        _SEALS.clear()
