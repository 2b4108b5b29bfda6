"""Admin forms for digital signing (issue 16): a user's PKCS#12, a body's seal and its setting."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, PasswordField


class CredentialForm(FlaskForm):
    pkcs12 = FileField(_l("Tệp chứng thư ký số (PKCS#12: .p12, .pfx)"))
    pin = PasswordField(_l("Mã PIN của tệp"))


class OrganizationSigningForm(FlaskForm):
    signs_digitally = BooleanField(_l("Cơ quan ký số văn bản (phê duyệt: chữ ký số của lãnh đạo; "
                                      "ban hành: chữ ký số của cơ quan)"))
    pkcs12 = FileField(_l("Tệp chứng thư ký số của cơ quan (PKCS#12), nếu nạp mới"))
    pin = PasswordField(_l("Mã PIN của tệp"))
