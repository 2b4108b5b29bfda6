"""Admin forms: users, units, the body's settings. The service checks the values."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    Form,
    FormField,
    HiddenField,
    PasswordField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.widgets import CheckboxInput, ListWidget

from ...domain import register
from ...domain.documents.certificate_contexts import CERTIFICATES
from ...domain.i18n import N_
from ...domain.workflows.definitions import ROLE_LABELS
from .common import CappedFieldList, choices

# the labels of domain/council.py's LEVELS and BASES, as the admin page shows them
BODY_LEVELS = {"tinh": N_("Cấp tỉnh (tinh)"), "huyen": N_("Cấp huyện (huyen)"), "xa": N_("Cấp xã (xa)"),
               "co_quan": N_("Cơ quan, đơn vị (co_quan)")}
THRESHOLD_BASES = {"members": N_("tổng số thành viên"), "present": N_("số thành viên có mặt")}


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class UserForm(FlaskForm):
    username = StringField(_l("Tên đăng nhập"))
    full_name = StringField(_l("Họ và tên"))
    position = StringField(_l("Chức vụ"))
    email = StringField(_l("Thư điện tử"))
    organization_id = SelectField(_l("Cơ quan"), coerce=int, validate_choice=False)
    unit_id = SelectField(_l("Đơn vị"), coerce=int, validate_choice=False)
    roles = CheckboxesField(_l("Vai trò"), choices=choices([(k, _l(v)) for k, v in ROLE_LABELS.items()]),
                            validate_choice=False)
    heads_unit = BooleanField(_l("Trưởng đơn vị (ký và trình tờ trình của đơn vị)"), default=False)
    active = BooleanField(_l("Đang hoạt động"), default=True)
    password = PasswordField(_l("Mật khẩu (ít nhất 8 ký tự)"))

    def set_choices(self, organizations) -> None:
        self.organization_id.choices = choices((o.id, o.name) for o in organizations)
        self.unit_id.choices = choices([(0, _l("— Không thuộc đơn vị —"))] + [
            (u.id, f"{u.name} ({o.name})" if len(organizations) > 1 else u.name)
            for o in organizations for u in o.units])


class UnitForm(FlaskForm):
    code = StringField(_l("Mã"))
    name = StringField(_l("Tên đơn vị"))
    abbreviation = StringField(_l("Chữ viết tắt (dòng “Lưu: VT, …”)"))


BLANK_AWARD = {"code": "", "label": "", "certificate": "", "requires": "", "requires_basis": "",
               "threshold_percent": "", "threshold_of": "members", "given_by": ""}


class AwardForm(Form):
    """One row of a body's award list: the certificate it gets ("" none)."""
    code = StringField(_l("Mã"))
    label = StringField(_l("Tên hình thức khen thưởng"))
    certificate = SelectField(_l("Giấy chứng nhận"), validate_choice=False, choices=choices(
        [("", _l("Không cấp giấy"))] + [(key, c.label) for key, c in CERTIFICATES.items()]))
    # the codes of the awards the same person must also hold in the same year, comma-separated
    # ("lao_dong_tien_tien" for "Chiến sĩ thi đua cơ sở": Luật Thi đua, khen thưởng 2022, Điều 23)
    requires = StringField(_l("Cần có cùng năm (mã)"))
    requires_basis = HiddenField()   # the legal basis the refusal cites; kept as it was stored
    # the council's vote it needs (domain/council.py): 80 % of all members for CSTĐCS (NĐ 98/2023 Đ30(7))
    threshold_percent = StringField(_l("Tỷ lệ phiếu cần đạt (%)"))
    threshold_of = SelectField(_l("Tính trên"), validate_choice=False, choices=choices(
        [(k, _l(v)) for k, v in THRESHOLD_BASES.items()]))
    # the levels of the bodies that may give it, comma-separated codes ("tinh, huyen")
    given_by = StringField(_l("Cấp được tặng (mã)"))


class OrganizationForm(FlaskForm):
    name = StringField(_l("Tên cơ quan (dùng trong câu)"))
    name_lines = TextAreaField(_l("Tên cơ quan trên văn bản (mỗi dòng một dòng in hoa)"))
    parent_line = StringField(_l("Cơ quan chủ quản (dòng trên tên cơ quan, có thể để trống)"))
    place_name = StringField(_l("Địa danh"))
    abbreviation = StringField(_l("Chữ viết tắt tên cơ quan (ví dụ UBND)"))
    collective = BooleanField(_l("Cơ quan làm việc theo chế độ tập thể (ký TM.)"))
    collective_title = StringField(_l("Tên tập thể (sau TM.)"))
    head_title = StringField(_l("Chức danh người đứng đầu"))
    deputy_title = StringField(_l("Chức danh cấp phó"))
    address = StringField(_l("Địa chỉ"))
    legal_bases = TextAreaField(_l("Căn cứ pháp lý (mỗi căn cứ một dòng, kèm ngày có hiệu lực nếu có)"))
    awards = CappedFieldList(FormField(AwardForm), "awards")
    # Radio buttons, short labels and an example under each: a select cut the example off on a phone.
    numbering_scheme = RadioField(_l("Cách đánh số văn bản"), choices=choices([
        (register.PER_TYPE, _l("Mỗi loại văn bản một sổ")),
        (register.SHARED, _l("Một sổ chung cho mọi loại"))]), validate_choice=False)
    allow_combined_duties = BooleanField(_l("Cho phép kiêm nhiệm (cơ quan ít người)"))
    level = SelectField(_l("Cấp của cơ quan"), validate_choice=False, choices=choices(
        [("", _l("Chưa khai báo"))] + [(k, _l(v)) for k, v in BODY_LEVELS.items()]))

    LISTS = {"awards": BLANK_AWARD}
    NUMBERING_EXAMPLES = {
        register.PER_TYPE: _l("Kế hoạch và quyết định đếm riêng, ví dụ 67/KH-UBND, 12/QĐ-UBND."),
        register.SHARED: _l("Mọi văn bản đếm chung một dãy số, ví dụ 67/KH-UBND, 68/QĐ-UBND."),
    }
