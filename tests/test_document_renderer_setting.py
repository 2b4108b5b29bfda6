"""DOCUMENT_RENDERER: which path renders the documents (workflow_app/domain/documents/render.py)."""
import pytest

from workflow_app.config import config_from_environment


def test_the_document_renderer_comes_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("DOCUMENT_RENDERER", raising=False)
    assert config_from_environment(tmp_path)["DOCUMENT_RENDERER"] == "fast"
    monkeypatch.setenv("DOCUMENT_RENDERER", "reference")
    assert config_from_environment(tmp_path)["DOCUMENT_RENDERER"] == "reference"


def test_an_unknown_document_renderer_stops_the_start(monkeypatch, tmp_path):
    monkeypatch.setenv("DOCUMENT_RENDERER", "faster")
    with pytest.raises(ValueError, match="DOCUMENT_RENDERER='faster'"):
        config_from_environment(tmp_path)
