""".docx bytes → PDF bytes with LibreOffice; knows nothing of documents, the database or Flask.

One LibreOffice is kept warm per process behind unoserver (about 0.1-0.3 s a file instead of
1-1.5 s for a fresh soffice): the unoserver server must run under the Python that has LibreOffice's
`uno` module (Debian: /usr/bin/python3 with python3-uno), so it is started as a child process
with that interpreter, on free loopback ports, with its own profile directory, and talked to over
XML-RPC from here. It serves one conversion at a time (calls here are serialised by a lock); a
process that wants more runs more workers, each with its own LibreOffice.

Where uno or unoserver is missing, or the warm server cannot be started, each file is converted
by a fresh `soffice --headless --convert-to pdf` (own profile directory, a timeout, the whole
process group killed when it hangs), so nothing breaks on a machine without them.

PDF/A-2b: LibreOffice's writer_pdf_Export filter option SelectPdfVersion=2.
"""
from __future__ import annotations

import atexit
import logging
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import xmlrpc.client
from functools import lru_cache
from http.client import HTTPConnection
from pathlib import Path

log = logging.getLogger(__name__)

PDFA_2B = "2"   # SelectPdfVersion: 0 = PDF 1.7, 1 = PDF/A-1b, 2 = PDF/A-2b, 3 = PDF/A-3b
# Read the input as Word 2007+ only: LibreOffice would otherwise take a broken .docx for plain
# text and make a PDF of its bytes.
DOCX_FILTER = "MS Word 2007 XML"


class ConversionError(Exception):
    """The file could not be converted (a bad document, a timeout, LibreOffice missing or dead)."""


def page_count(pdf: bytes) -> int:
    """Pages of a PDF LibreOffice wrote (its page objects are not in object streams)."""
    return len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", pdf))


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@lru_cache(maxsize=None)
def uno_python() -> str | None:
    """An interpreter that can `import uno` (LibreOffice's Python bridge), or None."""
    candidates = [os.environ.get("UNO_PYTHON") or "", "/usr/bin/python3", shutil.which("python3") or ""]
    for python in dict.fromkeys(c for c in candidates if c):
        try:
            subprocess.run([python, "-c", "import uno"], check=True, capture_output=True, timeout=30)
            return python
        except (OSError, subprocess.SubprocessError):
            continue
    return None


def _unoserver_package() -> Path | None:
    try:
        import unoserver
    except ImportError:
        return None
    return Path(unoserver.__file__).resolve().parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _die_with_parent() -> None:
    """In the child, before exec: SIGTERM when the process (thread) that started it is gone, so a
    server killed without running its atexit handlers leaves no LibreOffice behind (Linux only)."""
    try:
        import ctypes
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)   # PR_SET_PDEATHSIG
    except Exception:
        pass


class _TimeoutTransport(xmlrpc.client.Transport):
    def __init__(self, timeout: float):
        super().__init__()
        self._timeout = timeout

    def make_connection(self, host):
        conn = super().make_connection(host)
        if isinstance(conn, HTTPConnection):
            conn.timeout = self._timeout
        return conn


def _proxy(url: str, timeout: float) -> xmlrpc.client.ServerProxy:
    return xmlrpc.client.ServerProxy(url, allow_none=True, transport=_TimeoutTransport(timeout))


def _filter_options(pdfa: bool) -> list[str]:
    return [f"SelectPdfVersion={PDFA_2B}"] if pdfa else []


def _convert_over_xmlrpc(url: str, data: bytes, pdfa: bool, timeout: float) -> bytes:
    """One conversion by the unoserver at `url`. OSError: the server is not there (or died)."""
    from unoserver.client import API_VERSION
    proxy = _proxy(url, timeout)
    info = proxy.info()
    if str(info.get("api")) != API_VERSION:
        raise ConversionError(f"unoserver API {info.get('api')} (expected {API_VERSION})")
    try:
        result = proxy.convert(None, xmlrpc.client.Binary(data), None, "pdf", None,
                               _filter_options(pdfa), True, DOCX_FILTER, None)
    except xmlrpc.client.Fault as fault:
        raise ConversionError(f"LibreOffice không chuyển được tệp: {fault.faultString[:300]}") from fault
    pdf = result.data if isinstance(result, xmlrpc.client.Binary) else result
    if not pdf or not bytes(pdf).startswith(b"%PDF"):
        raise ConversionError("LibreOffice không trả về tệp PDF.")
    return bytes(pdf)


class WarmServer:
    """A unoserver (and its LibreOffice) started by this process, stopped with it."""

    def __init__(self, python: str, timeout: float):
        self.python = python
        self.timeout = timeout
        self.proc: subprocess.Popen | None = None
        self.workdir: Path | None = None
        self.url = ""
        self.owner_pid = os.getpid()

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def start(self, wait: float = 60.0) -> None:
        package = _unoserver_package()
        if package is None:
            raise ConversionError("unoserver is not installed")
        self.stop()
        self.workdir = Path(tempfile.mkdtemp(prefix="unoserver-"))
        # Only unoserver itself (and its metadata) on the path of LibreOffice's Python.
        path_dir = self.workdir / "py"
        path_dir.mkdir()
        (path_dir / "unoserver").symlink_to(package)
        for meta in package.parent.glob("unoserver-*.dist-info"):
            (path_dir / meta.name).symlink_to(meta)
        port, uno_port = _free_port(), _free_port()
        env = {**os.environ, "PYTHONPATH": str(path_dir)}
        cmd = [self.python, "-m", "unoserver.server", "--interface", "127.0.0.1", "--port", str(port),
               "--uno-interface", "127.0.0.1", "--uno-port", str(uno_port),
               "--user-installation", str(self.workdir / "profile"),
               "--conversion-timeout", str(int(self.timeout))]
        logfile = open(self.workdir / "unoserver.log", "wb")
        try:
            self.proc = subprocess.Popen(cmd, env=env, stdin=subprocess.DEVNULL, stdout=logfile,
                                         stderr=subprocess.STDOUT, start_new_session=True,
                                         preexec_fn=_die_with_parent if os.name == "posix" else None)
        finally:
            logfile.close()
        self.owner_pid = os.getpid()
        self.url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                break
            try:
                _proxy(self.url, 5).info()
                log.info("unoserver ready at %s (pid %s)", self.url, self.proc.pid)
                return
            except OSError:
                time.sleep(0.2)
        tail = (self.workdir / "unoserver.log").read_bytes()[-400:].decode(errors="replace")
        self.stop()
        raise ConversionError(f"unoserver did not start: {tail}")

    def stop(self) -> None:
        if self.proc is not None and os.getpid() == self.owner_pid:
            if self.proc.poll() is None:
                try:
                    os.killpg(self.proc.pid, signal.SIGTERM)
                    self.proc.wait(10)
                except (ProcessLookupError, subprocess.TimeoutExpired):
                    try:
                        os.killpg(self.proc.pid, signal.SIGKILL)
                    except ProcessLookupError:
                        pass
                    self.proc.wait()
            self.proc = None
        if self.workdir is not None and os.getpid() == self.owner_pid:
            shutil.rmtree(self.workdir, ignore_errors=True)
            self.workdir = None

    def convert(self, data: bytes, pdfa: bool) -> bytes:
        return _convert_over_xmlrpc(self.url, data, pdfa, self.timeout + 15)


def convert_with_soffice(data: bytes, pdfa: bool, timeout: float) -> bytes:
    """One fresh `soffice --headless --convert-to pdf` for one file (the slow, dependable way)."""
    soffice = _soffice()
    if soffice is None:
        raise ConversionError("LibreOffice (soffice) không được cài đặt.")
    work = Path(tempfile.mkdtemp(prefix="soffice-"))
    try:
        source = work / "document.docx"
        source.write_bytes(data)
        target = "pdf"
        if pdfa:
            target = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"%s"}}' % PDFA_2B
        cmd = [soffice, "--headless", "--norestore", "--nolockcheck",
               f"-env:UserInstallation={(work / 'profile').as_uri()}", f"--infilter={DOCX_FILTER}",
               "--convert-to", target, "--outdir", str(work / "out"), str(source)]
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                start_new_session=True)
        try:
            _, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)   # a hung soffice holds its profile: kill the group
            proc.communicate()
            raise ConversionError(f"LibreOffice quá {int(timeout)} giây chưa chuyển xong.") from None
        pdf = work / "out" / "document.pdf"
        if proc.returncode != 0 or not pdf.exists():
            detail = err.decode(errors="replace").strip()[-300:]
            raise ConversionError("LibreOffice không chuyển được tệp" + (f": {detail}" if detail else "."))
        return pdf.read_bytes()
    finally:
        shutil.rmtree(work, ignore_errors=True)


class Converter:
    """Converts one file at a time: through an outside unoserver (`server_url`), else a warm
    unoserver of its own (`mode` "auto" or "unoserver"), else soffice per file."""

    def __init__(self, mode: str = "auto", server_url: str = "", timeout: float = 120):
        self.mode = mode
        self.server_url = server_url
        self.timeout = timeout
        self._lock = threading.Lock()
        self._server: WarmServer | None = None
        self._warm_failed = False

    def _warm(self) -> WarmServer | None:
        if self.mode == "soffice" or self._warm_failed:
            return None
        if self._server is not None and self._server.alive():
            return self._server
        python = uno_python()
        if python is None or _unoserver_package() is None:
            if self.mode == "unoserver":
                raise ConversionError("unoserver needs LibreOffice's Python with uno (apt-get install python3-uno)")
            self._warm_failed = True
            log.warning("no uno/unoserver here: converting with a fresh soffice per file")
            return None
        server = self._server or WarmServer(python, self.timeout)
        try:
            server.start()
        except ConversionError:
            if self.mode == "unoserver":
                raise
            self._warm_failed = True
            log.warning("unoserver did not start: converting with a fresh soffice per file", exc_info=True)
            return None
        self._server = server
        return server

    def convert(self, data: bytes, *, pdfa: bool = False) -> tuple[bytes, str]:
        """(PDF bytes, "unoserver" or "soffice"). Raises ConversionError."""
        with self._lock:
            if self.server_url:
                try:
                    return _convert_over_xmlrpc(self.server_url, data, pdfa, self.timeout + 15), "unoserver"
                except OSError as exc:
                    raise ConversionError(f"unoserver at {self.server_url} unreachable: {exc}") from exc
            server = self._warm()
            if server is None:
                return convert_with_soffice(data, pdfa, self.timeout), "soffice"
            try:
                return server.convert(data, pdfa), "unoserver"
            except (OSError, xmlrpc.client.ProtocolError) as exc:
                # The server died (a conversion timeout makes unoserver exit): start it again once.
                log.warning("unoserver failed (%s); starting it again", exc)
                server.stop()
                server = self._warm()
                if server is None:
                    return convert_with_soffice(data, pdfa, self.timeout), "soffice"
                try:
                    return server.convert(data, pdfa), "unoserver"
                except (OSError, xmlrpc.client.ProtocolError) as again:
                    server.stop()
                    raise ConversionError(f"unoserver failed: {again}") from again

    def close(self) -> None:
        with self._lock:
            if self._server is not None:
                self._server.stop()
                self._server = None


_converters: dict[tuple, Converter] = {}
_converters_lock = threading.Lock()


def converter(mode: str = "auto", server_url: str = "", timeout: float = 120) -> Converter:
    """This process's converter for these settings (one warm LibreOffice each)."""
    key = (mode, server_url, timeout, os.getpid())
    with _converters_lock:
        found = _converters.get(key)
        if found is None:
            found = _converters[key] = Converter(mode, server_url, timeout)
        return found


@atexit.register
def close_all() -> None:
    for key, conv in list(_converters.items()):
        if key[-1] == os.getpid():
            conv.close()
    _converters.clear()
