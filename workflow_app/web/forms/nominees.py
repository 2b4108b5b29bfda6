"""The nominee list's forms, shared by every kind that has nominees: one row, and the Excel import."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, Form, HiddenField, RadioField, SelectField, StringField, TextAreaField

from .common import choices

BLANK_NOMINEE = {"kind": "individual", "full_name": "", "gender": "", "position": "", "organization": "",
                 "award": "", "achievement": "", "citizen_id": ""}


class NomineeForm(Form):
    kind = SelectField(_l("Loại"), choices=choices([("individual", _l("Cá nhân")), ("collective", _l("Tập thể")),
                                                    ("household", _l("Hộ gia đình"))]),
                       validate_choice=False)
    full_name = StringField(_l("Họ và tên / tên tập thể, hộ gia đình"))
    gender = SelectField(_l("Giới tính"), choices=choices([("", "—"), ("male", _l("Nam")), ("female", _l("Nữ"))]),
                         validate_choice=False)
    position = StringField(_l("Chức vụ"))
    organization = StringField(_l("Đơn vị"))
    award = SelectField(_l("Hình thức khen thưởng"), validate_choice=False)
    achievement = TextAreaField(_l("Thành tích"))
    # optional, individuals only (domain/validation.citizen_id); never printed
    citizen_id = StringField(_l("Số CCCD (không bắt buộc)"),
                             render_kw={"inputmode": "numeric", "autocomplete": "off", "maxlength": 20})


class ImportForm(FlaskForm):
    version = HiddenField()
    file = FileField(_l("Tệp Excel (.xlsx)"))
    replace = BooleanField(_l("Thay thế toàn bộ danh sách hiện có (nếu không: thêm vào cuối)"))
    # a form posted without it (an older page) skips them too: importing a file twice doubles nothing
    duplicates = RadioField(_l("Dòng trùng họ tên và đơn vị với danh sách hiện có hoặc với dòng trước trong tệp"),
                            choices=choices([("skip", _l("Bỏ qua, không nhập lại")),
                                             ("keep", _l("Vẫn nhập (ví dụ: hai người trùng tên cùng đơn vị)"))]),
                            default="skip")
