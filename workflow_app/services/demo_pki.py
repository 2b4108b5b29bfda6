"""A demo certificate authority and PKCS#12 files (seed-demo and the tests): no legal value.

EC P-256 keys (fast to make and to sign with). Leaf certificates carry digitalSignature and
nonRepudiation (pyHanko's default key-usage check for signing).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

DEMO_CA_NAME = "DEMO CA ký số thử nghiệm"   # DEMO: no legal value


@dataclass
class DemoCa:
    key: object
    cert: object

    @property
    def pem(self) -> bytes:
        from cryptography.hazmat.primitives.serialization import Encoding
        return self.cert.public_bytes(Encoding.PEM)


def _at_most_64_bytes(value: str) -> str:
    """X.509 names are at most 64 bytes here (cryptography counts UTF-8 bytes)."""
    while len(value.encode("utf-8")) > 64:
        value = value[:-1]
    return value


def _name(common_name: str, organization: str = ""):
    from cryptography import x509
    from cryptography.x509.oid import NameOID
    parts = [x509.NameAttribute(NameOID.COUNTRY_NAME, "VN")]
    if organization:
        parts.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, _at_most_64_bytes(organization)))
    parts.append(x509.NameAttribute(NameOID.COMMON_NAME, _at_most_64_bytes(common_name)))
    return x509.Name(parts)


def make_ca(now: datetime, name: str = DEMO_CA_NAME, years: int = 10) -> DemoCa:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    key = ec.generate_private_key(ec.SECP256R1())
    subject = _name(name)
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=365 * years))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=False, content_commitment=False, key_encipherment=False,
                                         data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                         crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .sign(key, hashes.SHA256()))
    return DemoCa(key, cert)


def issue_pkcs12(ca: DemoCa, common_name: str, pin: str, now: datetime, organization: str = "",
                 years: int = 3) -> bytes:
    """A PKCS#12 (key, certificate, the CA's certificate) for `common_name`, protected by `pin`."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (x509.CertificateBuilder().subject_name(_name(common_name, organization)).issuer_name(ca.cert.subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=365 * years))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                                         data_encipherment=False, key_agreement=False, key_cert_sign=False,
                                         crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.key.public_key()), critical=False)
            .sign(ca.key, hashes.SHA256()))
    return pkcs12.serialize_key_and_certificates(common_name.encode("utf-8"), key, cert, [ca.cert],
                                                 BestAvailableEncryption(pin.encode("utf-8")))
