#!/usr/bin/env python
"""Document generation speed, in-process: medians over >= 20 runs, beside a bare docxtpl render.

    .venv/bin/python bench/bench_documents.py [--runs N] [--strict]

"ours" is generate(): context building, cleaning, the fast render (fast_render/:
cached docxtpl, line fitting, fonts, core properties, zip). "reference" is the same
generate() on stock docxtpl (DOCUMENT_RENDERER=reference: the same bytes). "bare docxtpl"
renders the same master with the same (already built and cleaned) context the way
docxtpl's documentation does it, with no post-processing: the floor without our caches.
--strict exits 1 when a median misses its target (timings on a busy machine vary).
"""
from __future__ import annotations

import argparse
import gc
import io
import statistics
import sys
import time
from functools import partial
from pathlib import Path

from docxtpl import DocxTemplate

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "domain")]

import document_samples as samples  # noqa: E402

from workflow_app.domain.documents import REFERENCE, generate  # noqa: E402
from workflow_app.domain.documents.clean import clean_tree  # noqa: E402
from workflow_app.domain.documents.contexts import build_context  # noqa: E402
from workflow_app.domain.documents.jinja_env import new_environment  # noqa: E402
from workflow_app.domain.documents.masters import load_master  # noqa: E402


def bare_render(content: bytes, context: dict) -> bytes:
    """Stock docxtpl, as documented, with nothing after the render."""
    template = DocxTemplate(io.BytesIO(content))
    template.render(context, jinja_env=new_environment(), autoescape=True)
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()


def median_ms(fn, runs: int) -> float:
    fn()                                   # warm-up: compiles and caches the master
    gc.collect()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def cases():
    issued = samples.commendation_generation("issued")
    fifty = samples.commendation_with(samples.many_nominees(50))
    thousand = samples.commendation_with(samples.many_nominees(1000))
    return [
        ("issued plan 67/KH-UBND", "ke-hoach", samples.PLAN, samples.plan_generation("issued"), 25),
        ("decision + list, 50 nominees", "quyet-dinh-khen-thuong", fifty, issued, 40),
        ("decision + list, 1000 nominees", "quyet-dinh-khen-thuong", thousand, issued, 150),
        ("1000 Giấy khen (one file)", "giay-khen", thousand, issued, 1000),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--strict", action="store_true")
    args = parser.parse_args()
    runs = max(20, args.runs)
    print(f"median of {runs} runs, milliseconds\n")
    print(f"{'case':34} {'ours':>9} {'reference':>10} {'bare docxtpl':>13} {'target':>8}  verdict")
    missed = 0
    for label, template, content, gen, target in cases():
        ours = median_ms(partial(generate, template, content, gen), runs)
        reference = median_ms(partial(generate, template, content, gen, renderer=REFERENCE), runs)
        context = clean_tree(build_context(template, content, gen)[0])
        bare = median_ms(partial(bare_render, load_master(template).content, context), runs)
        verdict = "ok" if ours <= target else "OVER"
        missed += verdict != "ok"
        print(f"{label:34} {ours:9.1f} {reference:10.1f} {bare:13.1f} {target:8d}  {verdict}")
    return 1 if args.strict and missed else 0


if __name__ == "__main__":
    sys.exit(main())
