"""Who signs an approved document and in which form (Decree 30/2020: KT., Q., TL., TUQ.).

The forms, their labels and the default are kept here only: the transition service checks
the form, the web form offers it, the API schema lists it.
"""
from __future__ import annotations

from .errors import ValidationFailed
from .i18n import N_

# The code stored in Document.signer_form -> how the web offers it.
SIGNER_FORMS = {
    "": N_("Ký trực tiếp (người đứng đầu)"), "KT": N_("KT. (ký thay)"), "Q": N_("Q. (quyền)"),
    "TL": N_("TL. (thừa lệnh)"), "TUQ": N_("TUQ. (thừa ủy quyền)"),
}


def is_head(position: str | None, head_title: str | None) -> bool:
    return (position or "").strip().lower() == (head_title or "").strip().lower()


def default_signer_form(position: str | None, head_title: str | None) -> str:
    """The head of the body signs in their own name (""); anyone else signs for the head ("KT")."""
    return "" if is_head(position, head_title) else "KT"


def signer_form(value, position: str | None, head_title: str | None) -> str:
    """The form asked for, or the default when none is; refused unless it is one of SIGNER_FORMS
    and agrees with who signs (Decree 30/2020 Art. 13): only the head signs in their own name
    (TM. for a collective body), and the head never signs for the head (KT., Q., TL., TUQ.)."""
    if value is None:
        return default_signer_form(position, head_title)
    if not isinstance(value, str) or value not in SIGNER_FORMS:
        allowed = ", ".join(code or "(trống)" for code in SIGNER_FORMS)
        raise ValidationFailed("Hình thức ký không hợp lệ.", {"signer_form": f"Chọn một trong: {allowed}."})
    head = head_title or "người đứng đầu"
    if value == "" and not is_head(position, head_title):
        raise ValidationFailed(
            f"{position or 'Người ký'} không phải {head}: không ký trực tiếp thay người đứng đầu.",
            {"signer_form": f"Chọn KT. (ký thay {head}) hoặc Q., TL., TUQ. theo phân công."})
    if value != "" and is_head(position, head_title):
        raise ValidationFailed(
            f"{head} ký trực tiếp, không ký thay, quyền, thừa lệnh hay thừa ủy quyền cho chính mình.",
            {"signer_form": "Chọn “Ký trực tiếp (người đứng đầu)”."})
    return value
