"""Signing and verifying inside a thread whose asyncio loop is running (an async host, or
Playwright's sync API earlier in the same process): pyHanko's asyncio.run() used to refuse there."""
from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from tests.verification_support import make_ca, make_signer, minimal_pdf, sign
from workflow_app.services import no_event_loop, pdf_verification


def _with_a_running_loop(fn):
    """fn() called from a coroutine, in a thread of its own (this one may have a loop already)."""
    async def inside():
        return fn()
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, inside()).result()


def test_a_call_made_while_a_loop_runs_is_made_in_a_thread_of_its_own():
    assert _with_a_running_loop(lambda: no_event_loop.call(asyncio.run, asyncio.sleep(0, result="done"))) == "done"


def test_signatures_are_checked_while_an_event_loop_runs():
    ca = make_ca()
    signed = sign(minimal_pdf(), make_signer(ca, "Nguyễn Văn An"))
    check = _with_a_running_loop(lambda: pdf_verification.check_signatures(signed, [ca.asn1]))
    assert check.all_valid and [s.valid for s in check.signatures] == [True]
