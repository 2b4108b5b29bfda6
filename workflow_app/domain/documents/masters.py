"""The .docx masters: where they are, and loading them (cached by file identity).

Checking a master before use is master_check.py.
"""
from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass
from pathlib import Path

from .contexts import master_spec, template_names

DEFAULT_TEMPLATE_DIR = Path(__file__).resolve().parents[3] / "document_templates"


@dataclass(frozen=True)
class Master:
    name: str                 # "ke-hoach"
    path: Path
    content: bytes
    sha256: str


_CACHE: dict[Path, tuple[tuple[int, int], Master]] = {}
_LOCK = threading.Lock()


def master_path(name: str, template_dir: Path | None = None) -> Path:
    master_spec(name)                           # unknown names are refused before touching the disk
    return Path(template_dir or DEFAULT_TEMPLATE_DIR) / f"{name}.docx"


def load_master(name: str, template_dir: Path | None = None) -> Master:
    """The master's bytes and sha256, re-read only when the file changed (mtime or size)."""
    path = master_path(name, template_dir)
    stat = path.stat()
    identity = (stat.st_mtime_ns, stat.st_size)
    cached = _CACHE.get(path)
    if cached is not None and cached[0] == identity:
        return cached[1]
    content = path.read_bytes()
    master = Master(name, path, content, hashlib.sha256(content).hexdigest())
    with _LOCK:
        _CACHE[path] = (identity, master)
    return master


def master_fingerprints(template_dir: Path | None = None) -> dict[str, str]:
    """name -> sha256 of every master present (stored with each generated file)."""
    out = {}
    for name in template_names():
        try:
            out[name] = load_master(name, template_dir).sha256
        except OSError:
            continue
    return out
