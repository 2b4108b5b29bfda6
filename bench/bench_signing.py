"""PAdES signing and validation figures (issue 16): ms per signature and per verification.

    python bench/bench_signing.py [--rounds 20] [--docx FILE]

Target: < 100 ms a signature and a verification (pyHanko, EC P-256 keys from a demo CA), the
LibreOffice conversion and the field placement (pdftotext) not counted: they are printed apart.
The PDF is the demo plan's approved document, rendered and converted once (PDF/A-2b).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cryptography.hazmat.primitives.serialization import Encoding  # noqa: E402

from workflow_app.services import demo_pki, pdf_signing, signature_check, signers  # noqa: E402
from workflow_app.services.pdf_convert import Converter  # noqa: E402


def _approved_docx() -> bytes:
    """The demo plan's approved .docx, rendered in a throwaway database."""
    from flask_migrate import upgrade

    from tests.factories import advance, build_world, new_plan
    from workflow_app import create_app
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app({"TESTING": True, "SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI":
                          f"sqlite:///{tmp}/bench.sqlite3", "PDF_QUEUE": "off"})
        with app.app_context():
            upgrade()
            world = build_world()
            plan = new_plan(world)
            advance(world, plan, "approved", generate=True)
            return next(f.content for f in plan.files if f.step == "approved")


def ms(samples: list[float]) -> str:
    return f"median {statistics.median(samples) * 1000:.1f} ms, max {max(samples) * 1000:.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--docx", type=Path, default=None)
    args = parser.parse_args()
    now = datetime.now(timezone.utc)
    ca = demo_pki.make_ca(now)
    leader = signers.Pkcs12Signer(demo_pki.issue_pkcs12(ca, "Phạm Minh Tuấn", "123456", now), "123456")
    org = signers.Pkcs12Signer(demo_pki.issue_pkcs12(ca, "Ủy ban nhân dân huyện Càng Long", "x", now), "x")
    roots = [ca.cert.public_bytes(Encoding.DER)]

    docx = args.docx.read_bytes() if args.docx else _approved_docx()
    converter = Converter()
    started = time.perf_counter()
    pdf, how = converter.convert(docx, pdfa=True)
    print(f"conversion ({how}, first, includes starting LibreOffice): {(time.perf_counter() - started) * 1000:.0f} ms")
    started = time.perf_counter()
    layout = pdf_signing.find_layout(pdf, "Phạm Minh Tuấn")
    prepared = pdf_signing.prepare(pdf, layout)
    print(f"field placement (pdftotext) and preparation: {(time.perf_counter() - started) * 1000:.0f} ms")
    converter.close()

    appearance = pdf_signing.Appearance("Ký bởi: Phạm Minh Tuấn\nPhó Chủ tịch UBND huyện Càng Long\n"
                                        "Thời gian: 2026-12-01T09:05:07+07:00")
    seal = pdf_signing.Appearance("", image_png=pdf_signing.seal_png())
    leader.sign(prepared, pdf_signing.LEADER_FIELD, appearance, certify=True)   # warm-up: font, imports
    first, second, verify = [], [], []
    for _ in range(args.rounds):
        t = time.perf_counter()
        signed = leader.sign(prepared, pdf_signing.LEADER_FIELD, appearance, certify=True)
        first.append(time.perf_counter() - t)
        t = time.perf_counter()
        final = org.sign(signed, pdf_signing.ORG_FIELD, seal,
                         fill={"so_ky_hieu": "67", "ngay_ban_hanh": "ngày 01 tháng 12 năm 2026"})
        second.append(time.perf_counter() - t)
        t = time.perf_counter()
        reports = signature_check.validate(final, roots)
        verify.append(time.perf_counter() - t)
        assert len(reports) == 2 and all(r.ok for r in reports), reports
    print(f"approver's certification signature: {ms(first)}")
    print(f"number, day and seal (approval signature): {ms(second)}")
    print(f"verification of both signatures: {ms(verify)} ({ms([v / 2 for v in verify])} a signature)")
    print(f"PDF {len(pdf)} bytes → signed twice {len(final)} bytes")


if __name__ == "__main__":
    main()
