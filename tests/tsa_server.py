"""A real RFC 3161 time-stamping authority over HTTP, for the PAdES B-T tests: pyHanko's
DummyTimeStamper ("acts as its own TSA ... for testing") answers behind a WSGI server on a free
local port, so the product reaches it as it would reach a national TSA (requests over HTTP)."""
from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone

from werkzeug.serving import make_server

TSA_NAME = "Máy chủ cấp dấu thời gian thử nghiệm"


def tsa_identity(ca):
    """(certificate, key) of a TSA under the demo CA `ca` (services/demo_pki): EKU timeStamping,
    critical; RSA (pyHanko's DummyTimeStamper signs with RSA only)."""
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
    key = rsa.generate_private_key(65537, 2048)
    now = datetime.now(timezone.utc)
    cert = (x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, TSA_NAME)]))
            .issuer_name(ca.cert.subject).public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=365))
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
            .sign(ca.key, hashes.SHA256()))
    der_key = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    return (asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER)),
            asn1_keys.PrivateKeyInfo.load(der_key))


class TsaServer:
    """Serves time-stamp requests at `url` until stop(); `answering = False` makes it fail (503)."""

    def __init__(self, ca):
        from asn1crypto import x509 as asn1_x509
        from cryptography.hazmat.primitives.serialization import Encoding
        from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
        from pyhanko_certvalidator.registry import SimpleCertificateStore
        cert, key = tsa_identity(ca)
        ca_cert = asn1_x509.Certificate.load(ca.cert.public_bytes(Encoding.DER))
        self._stamper = DummyTimeStamper(cert, key, certs_to_embed=SimpleCertificateStore.from_certs([ca_cert]))
        self.answering = True
        self.requests = 0
        self._server = make_server("127.0.0.1", 0, self._app, threaded=True)
        self.url = f"http://127.0.0.1:{self._server.server_port}/tsa"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def _app(self, environ, start_response):
        from asn1crypto import tsp
        self.requests += 1
        if not self.answering:
            start_response("503 Service Unavailable", [("Content-Type", "text/plain")])
            return [b"down"]
        size = int(environ.get("CONTENT_LENGTH") or 0)
        request = tsp.TimeStampReq.load(environ["wsgi.input"].read(size))
        answer = self._stamper.request_tsa_response(request).dump()
        start_response("200 OK", [("Content-Type", "application/timestamp-reply"),
                                  ("Content-Length", str(len(answer)))])
        return [answer]

    def stop(self) -> None:
        self._server.shutdown()
        self._thread.join(timeout=5)
