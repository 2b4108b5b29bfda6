"""Signing forms: one list, one default (the head signs in their own name, anyone else KT.)."""
from __future__ import annotations

import pytest

from workflow_app.domain.errors import ValidationFailed
from workflow_app.domain.signing import default_signer_form, signer_form


def test_the_head_signs_in_their_own_name_and_anyone_else_for_the_head():
    assert default_signer_form("Chủ tịch", "Chủ tịch") == ""
    assert default_signer_form("  chủ tịch ", "Chủ tịch") == ""
    assert default_signer_form("Phó Chủ tịch", "Chủ tịch") == "KT"
    assert default_signer_form(None, "Chủ tịch") == "KT"


def test_a_form_given_is_kept_and_none_takes_the_default():
    assert [signer_form(f, "Phó Chủ tịch", "Chủ tịch") for f in ("KT", "Q", "TL", "TUQ")] == ["KT", "Q", "TL", "TUQ"]
    assert signer_form("", "Chủ tịch", "Chủ tịch") == ""
    assert signer_form(None, "Chủ tịch", "Chủ tịch") == ""
    assert signer_form(None, "Phó Chủ tịch", "Chủ tịch") == "KT"


def test_a_deputy_is_never_printed_as_the_head():
    """Decree 30: the head signs in their own name (TM. for a collective body); anyone else signs
    for the head (KT., Q., TL., TUQ.). "" from a Phó Chủ tịch printed him as the Chủ tịch."""
    with pytest.raises(ValidationFailed) as refused:
        signer_form("", "Phó Chủ tịch", "Chủ tịch")
    assert set(refused.value.fields) == {"signer_form"}
    assert "Phó Chủ tịch" in refused.value.message and "KT." in refused.value.fields["signer_form"]


@pytest.mark.parametrize("form", ["KT", "Q", "TL", "TUQ"])
def test_the_head_does_not_sign_for_himself(form):
    with pytest.raises(ValidationFailed) as refused:
        signer_form(form, "Chủ tịch", "Chủ tịch")
    assert set(refused.value.fields) == {"signer_form"}


@pytest.mark.parametrize("bad", ["TM", "kt", "KT.", 1, []])
def test_an_unknown_form_is_refused(bad):
    with pytest.raises(ValidationFailed) as refused:
        signer_form(bad, "Chủ tịch", "Chủ tịch")
    assert refused.value.fields == {"signer_form": "Chọn một trong: (trống), KT, Q, TL, TUQ."}
