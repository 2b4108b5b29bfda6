"""A real deployment on loopback for the concurrency tests and bench/bench_load.py.

`migrate(url)` runs `flask db upgrade` (a subprocess, as production does); `LiveServer`
runs gunicorn with 4 sync workers on 127.0.0.1:<free port> against that database,
waits for /healthz, and stops it (SIGTERM, then SIGKILL). `Client` speaks the JSON API
with http.client, one connection per request, loopback only.
"""
from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SECRET_KEY = "concurrency-test-secret"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def base_env(url: str, **extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WORKFLOW_TEST_FAULTS")}
    env.update(DATABASE_URL=url, SECRET_KEY=SECRET_KEY, PYTHONPATH=str(ROOT), FLASK_APP="wsgi",
               PDF_QUEUE="off")   # no LibreOffice in the background of the timing and fault tests
    env.update(extra)
    return env


def migrate(url: str) -> None:
    done = subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", "db", "upgrade"], cwd=ROOT,
                          env=base_env(url), capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise RuntimeError(f"flask db upgrade failed:\n{done.stdout}\n{done.stderr}")


def request(port: int, method: str, path: str, *, token: str | None = None, body=None,
            timeout: float = 60.0, headers: dict | None = None) -> tuple[int, object, float]:
    """(status, JSON or text, seconds) of one request on 127.0.0.1:port."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    hdrs = dict(headers or {})
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        hdrs["Content-Type"] = "application/json"
    if token:
        hdrs["Authorization"] = f"Bearer {token}"
    t0 = time.perf_counter()
    try:
        conn.request(method, path, body=data, headers=hdrs)
        response = conn.getresponse()
        raw = response.read()
    finally:
        conn.close()
    elapsed = time.perf_counter() - t0
    kind = response.getheader("Content-Type") or ""
    payload = json.loads(raw) if "json" in kind and raw else raw.decode("utf-8", "replace")
    return response.status, payload, elapsed


class LiveServer:
    def __init__(self, url: str, *, workers: int = 4, app: str = "wsgi:app", env: dict | None = None,
                 log_path: Path | None = None):
        self.url, self.workers, self.app = url, workers, app
        self.env = base_env(url, **(env or {}))
        self.port = free_port()
        self.log_path = log_path
        self.proc: subprocess.Popen | None = None
        self.tokens: dict[str, str] = {}

    def start(self, timeout: float = 60.0) -> "LiveServer":
        log = open(self.log_path, "ab") if self.log_path else subprocess.DEVNULL
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py"),
             "-w", str(self.workers), "-b", f"127.0.0.1:{self.port}",
             "--timeout", "120", "--graceful-timeout", "2", self.app],
            cwd=ROOT, env=self.env, stdout=log, stderr=log)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.proc.returncode} (log: {self.log_path})")
            try:
                status, _, _ = request(self.port, "GET", "/healthz", timeout=2)
                if status == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError("gunicorn did not answer /healthz in time")

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)

    def worker_pids(self) -> list[int]:
        """The gunicorn workers: the children of the master process."""
        children = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children")
        return [int(p) for p in children.read_text().split()]

    def token(self, username: str, password: str) -> str:
        if username not in self.tokens:
            status, body, _ = request(self.port, "POST", "/api/v1/auth/token",
                                      body={"username": username, "password": password})
            assert status == 201, (status, body)
            self.tokens[username] = body["token"]
        return self.tokens[username]

    def call(self, method: str, path: str, user: str | None = None, body=None, **kw):
        token = self.tokens[user] if user else None
        return request(self.port, method, path, token=token, body=body, **kw)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0
