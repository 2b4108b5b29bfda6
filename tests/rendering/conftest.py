"""Rendering tests: real conversions with LibreOffice (slow, need soffice and poppler-utils)."""


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "libreoffice: converts documents with LibreOffice (soffice) and reads the PDF with poppler")
