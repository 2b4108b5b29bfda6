"""pyHanko's synchronous calls (sign_pdf, validate_pdf_signature) wrap asyncio.run(), which refuses
to start in a thread whose event loop is already running (a request served inside an async host,
or Playwright's sync API in the same process: seen in the test suite). Such a call is then made in a
short-lived thread of its own, in a copy of the caller's context (contextvars: what the caller set,
such as pdf_verification's quiet logging, holds there too); anywhere else it runs where it is."""
from __future__ import annotations

import asyncio
import contextvars
from concurrent.futures import ThreadPoolExecutor
from typing import Callable, TypeVar

T = TypeVar("T")


def call(fn: Callable[..., T], *args, **kwargs) -> T:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return fn(*args, **kwargs)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(contextvars.copy_context().run, fn, *args, **kwargs).result()
