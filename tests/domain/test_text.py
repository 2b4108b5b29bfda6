"""One rule for invalid characters: input (text.clean) and documents (clean_text) agree."""
from __future__ import annotations

import pytest

from workflow_app.domain.documents.clean import clean_text
from workflow_app.domain.text import clean, fold, strip_invalid


@pytest.mark.parametrize("raw, expected", [
    ("a\x00b\x01c\x08d\x0be\x0cf\x1fg\x7fh\x80i\x9fj", "abcdefghij"),   # C0 (not tab, newline) and C1
    ("x\ufffey\uffffz\ud800", "xyz"),                                   # non-characters, lone surrogate
    ("a\r\nb\rc\u2028d\u2029e\x85f", "a\nb\nc\nd\ne\nf"),                # every line break -> "\n"
    ("\ttab\tkept", "\ttab\tkept"),
    ("Nguye\u0302\u0303n", "Nguyễn"),                                  # NFC
    ("e\x00\u0301", "é"),                                              # NFC after the stripping
])
def test_one_rule_for_input_and_documents(raw, expected):
    assert strip_invalid(raw) == expected
    assert clean_text(raw) == expected
    assert clean(f"  {raw}  ") == expected.strip()


def test_fold_ignores_what_clean_strips():
    assert fold("Xã\x85Hội\x9f Học\x00 Tập") == "xa hoi hoc tap"


def test_search_words_are_folded_letters_and_digits():
    from workflow_app.domain.text import search_words
    assert search_words("Số 67/KH-UBND: “Xã hội học tập”, Đặng Văn Ước_2") == [
        "so", "67", "kh", "ubnd", "xa", "hoi", "hoc", "tap", "dang", "van", "uoc", "2"]
    assert search_words("% — … ") == []


def test_search_text_is_capped_at_a_whole_word():
    from workflow_app.domain.text import SEARCH_TEXT_MAX, search_text
    assert search_text("Kế hoạch", None, "67/KH-UBND", "") == "ke hoach 67 kh ubnd"
    long = search_text("chữ " * (SEARCH_TEXT_MAX // 2))
    assert len(long) <= SEARCH_TEXT_MAX and long.endswith(" chu")
