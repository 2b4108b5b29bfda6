"""PDF renditions: seconds per document and pages per second, one warm LibreOffice (unoserver)
against a fresh soffice per file, and one warm worker against two.

    .venv/bin/python bench/bench_pdf.py [--rounds 3] [--skip-soffice]

The documents are those a plan and a commendation generate (tests/domain/document_samples.py),
the issued ones as PDF/A-2b, as the workers make them (services/pdf_convert.py).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "domain")]

import document_samples as s  # noqa: E402

from workflow_app.domain.documents import generate  # noqa: E402
from workflow_app.services import pdf_convert  # noqa: E402

DOCUMENTS = {
    "plan (draft)": ("ke-hoach", s.PLAN, s.plan_generation("draft"), False),
    "plan (issued)": ("ke-hoach", s.PLAN, s.plan_generation("issued"), True),
    "plan submission": ("to-trinh-ke-hoach", s.PLAN, s.plan_generation("draft"), False),
    "proposal": ("to-trinh-khen-thuong", s.COMMENDATION, s.commendation_generation("draft"), False),
    "minutes": ("bien-ban-xet-khen-thuong", s.COMMENDATION, s.commendation_generation("approved"), False),
    "decision (issued)": ("quyet-dinh-khen-thuong", s.COMMENDATION, s.commendation_generation("issued"), True),
    "certificates (issued)": ("giay-khen", s.COMMENDATION, s.commendation_generation("issued"), True),
}


def _sources() -> list[tuple[str, bytes, bool]]:
    return [(name, generate(t, content, gen).content, pdfa) for name, (t, content, gen, pdfa) in DOCUMENTS.items()]


def _per_document(label: str, convert, sources, rounds: int) -> tuple[float, int]:
    print(f"\n{label}")
    total_time, total_pages = 0.0, 0
    for name, data, pdfa in sources:
        times = []
        for _ in range(rounds):
            t0 = time.perf_counter()
            pdf = convert(data, pdfa)
            times.append(time.perf_counter() - t0)
        pages = pdf_convert.page_count(pdf)
        median = statistics.median(times)
        total_time += median
        total_pages += pages
        print(f"  {name:<24} {pages:>3} pages  {median:6.3f} s  {pages / median:6.1f} pages/s"
              f"{'  PDF/A-2b' if pdfa else ''}")
    print(f"  {'all':<24} {total_pages:>3} pages  {total_time:6.3f} s  {total_pages / total_time:6.1f} pages/s")
    return total_time, total_pages


def _parallel(workers: int, sources, repeat: int) -> None:
    converters = [pdf_convert.Converter("unoserver", timeout=120) for _ in range(workers)]
    for c in converters:   # warm up: start each LibreOffice, first conversion
        c.convert(sources[0][1])
    jobs = [src for _ in range(repeat) for src in sources]
    lock = threading.Lock()
    pages = [0]

    def run(conv):
        while True:
            with lock:
                if not jobs:
                    return
                _, data, pdfa = jobs.pop()
            pdf, _ = conv.convert(data, pdfa=pdfa)
            with lock:
                pages[0] += pdf_convert.page_count(pdf)

    count = len(jobs)
    t0 = time.perf_counter()
    threads = [threading.Thread(target=run, args=(c,)) for c in converters]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    for c in converters:
        c.close()
    print(f"  {workers} warm worker(s): {count} documents, {pages[0]} pages in {elapsed:.2f} s: "
          f"{count / elapsed:.1f} documents/s, {pages[0] / elapsed:.1f} pages/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="conversions per document (median)")
    parser.add_argument("--repeat", type=int, default=4, help="the document set, times, for the workers' run")
    parser.add_argument("--skip-soffice", action="store_true", help="only the warm unoserver")
    args = parser.parse_args()
    sources = _sources()
    if pdf_convert.uno_python() is None:
        sys.exit("LibreOffice's Python with uno is missing (apt-get install python3-uno)")

    warm = pdf_convert.Converter("unoserver", timeout=120)
    t0 = time.perf_counter()
    warm.convert(sources[0][1])
    print(f"unoserver start and first conversion: {time.perf_counter() - t0:.2f} s")
    warm_time, _ = _per_document("warm LibreOffice (unoserver), per document:",
                                 lambda data, pdfa: warm.convert(data, pdfa=pdfa)[0], sources, args.rounds)
    warm.close()
    if not args.skip_soffice:
        cold_time, _ = _per_document("fresh soffice per file:",
                                     lambda data, pdfa: pdf_convert.convert_with_soffice(data, pdfa, 120),
                                     sources, 1)
        print(f"\nwarm is {cold_time / warm_time:.1f}x as fast as a fresh soffice per file")
    print("\nworkers, each with its own warm LibreOffice:")
    for workers in (1, 2):
        _parallel(workers, sources, args.repeat)


if __name__ == "__main__":
    main()
