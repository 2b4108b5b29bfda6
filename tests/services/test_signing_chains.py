"""A signing key whose PKCS#12 carries a real-sized chain (issue 16): the signature holds the whole
chain (so that a validator finds the root), and its room in the PDF must be sized from it. A national
CA's chain of three RSA-4096 certificates is more than the fixed 4 KB the signature first had."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from tests.verification_support import minimal_pdf
from workflow_app.services import pdf_verification, signers
from workflow_app.services.pdf_signing import Appearance


def _chain_pkcs12(depth: int, bits: int, pin: str = "1") -> tuple[bytes, object]:
    """A PKCS#12: key and certificate of a signer under `depth - 1` CAs (RSA of `bits`), with the
    CAs' certificates; and the root (asn1crypto) to trust."""
    from asn1crypto import x509 as asn1_x509
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, Encoding, pkcs12
    from cryptography.x509.oid import NameOID
    now = datetime.now(timezone.utc)
    keys = [rsa.generate_private_key(65537, bits) for _ in range(depth)]
    certs = []
    for i, key in enumerate(keys):
        issuer = certs[i - 1] if i else None
        name = x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
                          x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Trung tâm Chứng thực điện tử thử nghiệm"),
                          x509.NameAttribute(NameOID.COMMON_NAME, f"CA cấp {i}" if i < depth - 1 else "Nguyễn Văn An")])
        leaf = i == depth - 1
        builder = (x509.CertificateBuilder().subject_name(name)
                   .issuer_name(issuer.subject if issuer else name).public_key(key.public_key())
                   .serial_number(x509.random_serial_number())
                   .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=365))
                   .add_extension(x509.BasicConstraints(ca=not leaf, path_length=None), critical=True)
                   .add_extension(x509.KeyUsage(digital_signature=leaf, content_commitment=leaf, key_encipherment=False,
                                                data_encipherment=False, key_agreement=False, key_cert_sign=not leaf,
                                                crl_sign=not leaf, encipher_only=False, decipher_only=False),
                                  critical=True)
                   .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
                   .add_extension(x509.CRLDistributionPoints([x509.DistributionPoint(
                       [x509.UniformResourceIdentifier(f"http://ca.example.vn/crl/cap{i}.crl")], None, None, None)]),
                       critical=False))
        if issuer is not None:
            builder = builder.add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(keys[i - 1].public_key()), critical=False)
        certs.append(builder.sign(keys[i - 1] if i else key, hashes.SHA256()))
    p12 = pkcs12.serialize_key_and_certificates(b"signer", keys[-1], certs[-1], certs[:-1][::-1],
                                                BestAvailableEncryption(pin.encode()))
    return p12, asn1_x509.Certificate.load(certs[0].public_bytes(Encoding.DER))


@pytest.mark.parametrize("depth,bits", [(3, 4096), (4, 2048)])
def test_a_long_chain_still_signs_and_validates(depth, bits):
    p12, root = _chain_pkcs12(depth, bits)
    signed = signers.Pkcs12Signer(p12, "1").sign(minimal_pdf(), "SigLeader", Appearance("Ký bởi: Nguyễn Văn An"),
                                                 certify=True)
    check = pdf_verification.check_signatures(signed, [root])
    assert check.all_valid, check.reasons + [r for s in check.signatures for r in s.reasons]
