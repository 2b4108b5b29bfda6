"""clean_text and friends: what reaches a document is NFC, XML-safe and bounded."""
from __future__ import annotations

import unicodedata

import pytest
from lxml import etree

from workflow_app.domain.documents.clean import MAX_TEXT, Record, clean_line, clean_paragraphs, clean_text, clean_tree


@pytest.mark.parametrize("raw, expected", [
    (None, ""),
    (42, "42"),
    ("Càng Long", "Càng Long"),
    ("Nguye\u0302\u0303n Va\u0306n", "Nguyễn Văn"),                 # NFD -> NFC
    ("a\x00b\x01c\x08d\x0be\x0cf\x1fg\x7fh\x9fi", "abcdefghi"),    # C0 and C1 controls
    ("x\ufffey\uffffz\ud800", "xyz"),                              # non-characters, lone surrogate
    ("a\r\nb\rc\u2028d", "a\nb\nc\nd"),                            # newlines normalised, kept
    ("\ttab", "\ttab"),
    ("A & B <c> ]]> 😀", "A & B <c> ]]> 😀"),                      # escaping is the template's job
    ("Số:      /KH-UBND", "Số:      /KH-UBND"),                    # spaces kept
])
def test_clean_text(raw, expected):
    assert clean_text(raw) == expected


def test_clean_text_output_is_always_xml_safe():
    every_bmp = "".join(chr(c) for c in range(0, 0x10000, 7)) + "\U0001F600"
    cleaned = clean_text(every_bmp)
    etree.fromstring(f"<t>{cleaned.replace('&', '&amp;').replace('<', '&lt;')}</t>".encode())
    assert unicodedata.is_normalized("NFC", cleaned)


def test_clean_text_bounds_the_length():
    assert len(clean_text("x" * 20_000)) == 20_000
    cut = clean_text("y" * (MAX_TEXT + 1))
    assert len(cut) == MAX_TEXT and cut.endswith("…")
    assert clean_text("abcdef", max_len=4) == "abc…"


def test_clean_line_and_paragraphs():
    assert clean_line("  Phòng \t Nội\nvụ \u00a0 ") == "Phòng Nội vụ"
    assert clean_paragraphs("một\r\n\r\n  hai  \n\x0c\nba") == ["một", "hai", "ba"]
    assert clean_paragraphs(None) == []


def test_clean_tree_cleans_nested_values_and_reads_as_attributes():
    tree = clean_tree({"a": ["x\x00", ("Nguye\u0302\u0303n", 3)], "b": {"c": None}})
    assert tree == {"a": ["x", ["Nguyễn", 3]], "b": {"c": None}}
    assert isinstance(tree["b"], Record) and tree["b"].c is None
    with pytest.raises(AttributeError):
        _ = tree.missing
