"""What an admin edits: the users, units and settings of their body and the bodies below it."""
from __future__ import annotations

import re

from sqlalchemy import select

from ..domain.council import LEVELS, award_rules
from ..domain.documents.certificate_contexts import CERTIFICATES
from ..domain.errors import Forbidden, NotFound, ValidationFailed
from ..domain.legal_bases import LegalBasis, LegalBasisError, from_stored, parse_line, to_stored
from ..domain.register import SCHEMES
from ..domain.text import clean
from ..domain.validation import LIMITS, MAX_ITEMS, too_many
from ..extensions import db
from ..models import Organization, Unit, User, UserRole
from . import accounts, register

_CODE = re.compile(r"^[a-z0-9_]{1,64}$")
# A body's abbreviation becomes part of every number it gives (67/KH-UBND, 12/QĐ-UBND-VP).
_BODY_ABBREVIATION = re.compile(r"^[A-Za-zĐđ0-9]+(?:-[A-Za-zĐđ0-9]+)*$")
AWARD_LABEL_MAX = 200
SETTINGS_LIMITS = {"name": 200, "parent_line": 200, "place_name": 100, "abbreviation": 20,
                   "collective_title": 100, "head_title": 100, "deputy_title": 100, "address": 300}


def require_admin(user) -> None:
    if "admin" not in user.roles:
        raise Forbidden("Chỉ quản trị mới được thực hiện thao tác này.")


def organizations(admin) -> list[Organization]:
    """The admin's own body first, then the bodies directly below it."""
    require_admin(admin)
    own = admin.organization
    return [own, *sorted(own.children, key=lambda o: o.name)]


def organization(admin, organization_id: int) -> Organization:
    found = next((o for o in organizations(admin) if o.id == organization_id), None)
    if found is None:
        raise NotFound("Không tìm thấy cơ quan.")
    return found


def users(admin) -> list[User]:
    ids = [o.id for o in organizations(admin)]
    return list(db.session.scalars(select(User).where(User.organization_id.in_(ids))
                                   .order_by(User.organization_id, User.username)))


def user(admin, user_id: int) -> User:
    found = next((u for u in users(admin) if u.id == user_id), None)
    if found is None:
        raise NotFound("Không tìm thấy người dùng.")
    return found


def _unit(org: Organization, unit_id) -> Unit | None:
    if unit_id in (None, "", 0):
        return None
    unit = next((u for u in org.units if u.id == unit_id), None)
    if unit is None:
        raise ValidationFailed("Đơn vị không thuộc cơ quan đã chọn.", {"unit_id": "Chọn đơn vị của cơ quan."})
    return unit


def _roles(roles) -> list[str]:
    return accounts.check_roles(roles)


def _check_head(user_id: int | None, unit: Unit | None, heads_unit: bool) -> None:
    """A unit's head (who signs its Tờ trình) belongs to it, and a unit has one."""
    if not heads_unit:
        return
    if unit is None:
        raise ValidationFailed("Trưởng đơn vị phải thuộc một đơn vị.",
                               {"heads_unit": "Chọn đơn vị của người này trước."})
    other = db.session.scalar(select(User).where(User.unit_id == unit.id, User.heads_unit, User.active,
                                                 User.id != (user_id or 0)))
    if other is not None:
        raise ValidationFailed(f"{unit.name} đã có trưởng đơn vị: {other.full_name}.",
                               {"heads_unit": f"Bỏ đánh dấu ở tài khoản {other.username} trước."})


def create_user(admin, *, username: str, password: str, full_name: str, position: str,
                organization_id: int, unit_id, roles, email: str = "", heads_unit: bool = False) -> User:
    """Every field's problem at once (username, roles, name), each next to its field."""
    org = organization(admin, organization_id)
    problems, messages = {}, []
    if not clean(full_name):
        problems["full_name"], messages = "Không được để trống.", ["Chưa nhập họ tên."]
    for check, value in ((accounts.check_username, username), (accounts.check_roles, roles)):
        try:
            check(value)
        except ValidationFailed as exc:
            problems.update(exc.fields)
            messages.append(exc.message)
    if problems:
        raise ValidationFailed(messages[0] if len(messages) == 1 else
                               "Tài khoản chưa hợp lệ, vui lòng kiểm tra các trường được đánh dấu.", problems)
    unit = _unit(org, unit_id)
    _check_head(None, unit, bool(heads_unit))
    user = accounts.create_user(username, password, full_name=full_name, organization=org,
                                roles=_roles(roles), position=position, unit=unit, email=email)
    if heads_unit:
        user.heads_unit = True
        db.session.commit()
    return user


def update_user(admin, target: User, *, full_name: str, position: str, unit_id, roles, active: bool,
                password: str | None = None, email: str | None = None, heads_unit: bool | None = None) -> User:
    """All checks first, then every change in one commit (a new password too, when given)."""
    require_admin(admin)
    roles = _roles(roles)
    if password and len(password) < accounts.MIN_PASSWORD_LENGTH:
        raise ValidationFailed("Mật khẩu quá ngắn.",
                               {"password": f"Ít nhất {accounts.MIN_PASSWORD_LENGTH} ký tự."})
    if target.id == admin.id and ("admin" not in roles or not active):
        raise ValidationFailed("Không thể tự bỏ quyền quản trị hoặc tự khoá tài khoản của mình.",
                               {"roles": "Giữ vai trò quản trị cho chính mình."})
    if not clean(full_name) or len(clean(full_name)) > 120:
        raise ValidationFailed("Họ tên không hợp lệ.", {"full_name": "1–120 ký tự."})
    unit = _unit(target.organization, unit_id)
    if heads_unit is None:   # left as it is; a head taken out of every unit heads none
        heads_unit = target.heads_unit and unit is not None
    _check_head(target.id, unit, heads_unit)
    if email is not None:   # None: left as it is
        target.email = accounts.email_address(email)
    target.full_name, target.position = clean(full_name), clean(position)[:120]
    target.unit = unit
    target.heads_unit = heads_unit
    accounts.set_active(target, active)
    kept = [row for row in target.role_rows if row.role in roles]   # unchanged rows stay as they are
    target.role_rows = kept + [UserRole(role=r) for r in roles if r not in {row.role for row in kept}]
    if password:
        accounts.set_password(target, password)   # commits everything above with it
    else:
        db.session.commit()
    return target


def _unit_fields(org: Organization, code: str, name: str, abbreviation: str, unit: Unit | None) -> dict:
    code, name, abbreviation = clean(code).upper(), clean(name), clean(abbreviation)
    problems = {}
    if not code or len(code) > 32:
        problems["code"] = "1–32 ký tự."
    elif any(u.code == code and u is not unit for u in org.units):
        problems["code"] = "Mã đã có trong cơ quan."
    if not name or len(name) > 200:
        problems["name"] = "1–200 ký tự."
    if not abbreviation or len(abbreviation) > 20:
        problems["abbreviation"] = "1–20 ký tự (dùng trong “Lưu: VT, …”)."
    if problems:
        raise ValidationFailed("Dữ liệu đơn vị chưa hợp lệ.", problems)
    return {"code": code, "name": name, "abbreviation": abbreviation}


def create_unit(admin, org: Organization, *, code: str, name: str, abbreviation: str) -> Unit:
    require_admin(admin)
    unit = Unit(organization=org, **_unit_fields(org, code, name, abbreviation, None))
    db.session.add(unit)
    db.session.commit()
    return unit


def unit(admin, unit_id: int) -> Unit:
    for org in organizations(admin):
        for found in org.units:
            if found.id == unit_id:
                return found
    raise NotFound("Không tìm thấy đơn vị.")


def update_unit(admin, target: Unit, *, code: str, name: str, abbreviation: str) -> Unit:
    require_admin(admin)
    for key, value in _unit_fields(target.organization, code, name, abbreviation, target).items():
        setattr(target, key, value)
    db.session.commit()
    return target


def _row_of(rows: list[dict], award: dict) -> int:
    """The table row (0-based) an award of parse_awards came from (blank rows are dropped)."""
    return next(i for i, row in enumerate(rows) if clean(row.get("code") or "") == award["code"])


def _threshold_of_row(row: dict):
    """A row's vote threshold: stored ({"percent", "of"}) or typed (threshold_percent, threshold_of);
    None when the percent is left blank."""
    if "vote_threshold" in row:
        return row["vote_threshold"]
    percent = row.get("threshold_percent")
    if percent is None or (isinstance(percent, str) and not percent.strip()):
        return None
    return {"percent": percent.strip() if isinstance(percent, str) else percent,
            "of": row.get("threshold_of") or "members"}


def parse_awards(rows: list[dict]) -> list[dict]:
    """The award table's rows ({"code", "label", "certificate", "requires"}) -> the body's award list.
    "requires" (comma-separated codes, or a list) names the other awards of the list the same
    person must hold in the same year (services/nominee_checks.py); stored only when given.
    "threshold_percent"/"threshold_of" (or a stored "vote_threshold") and "given_by" (level codes,
    comma-separated or a list): the council's rules for it (domain/council.py); stored only when given.

    A row left wholly blank is dropped; every problem names its row and column
    (`awards[1].code`), so the form shows it in its cell."""
    if len(rows) > MAX_ITEMS["awards"]:
        raise ValidationFailed("Danh mục khen thưởng chưa hợp lệ.", {"awards": too_many("awards")})
    awards, problems, first_row = [], {}, {}
    for i, row in enumerate(rows):
        code, label = clean(row.get("code") or ""), clean(row.get("label") or "")
        certificate = row.get("certificate") or None
        if not code and not label:
            continue
        if not code:
            problems[f"awards[{i}].code"] = "Chưa nhập mã."
        elif not _CODE.match(code):
            problems[f"awards[{i}].code"] = ("Mã gồm chữ thường không dấu, chữ số và dấu gạch dưới, "
                                             "tối đa 64 ký tự, ví dụ giay_khen.")
        elif code in first_row:
            problems[f"awards[{i}].code"] = f"Mã “{code}” trùng với dòng {first_row[code] + 1}."
        first_row.setdefault(code, i)
        if not label:
            problems[f"awards[{i}].label"] = "Chưa nhập tên hình thức khen thưởng."
        elif len(label) > AWARD_LABEL_MAX:
            problems[f"awards[{i}].label"] = f"Dài quá {AWARD_LABEL_MAX} ký tự."
        if certificate is not None and certificate not in CERTIFICATES:
            problems[f"awards[{i}].certificate"] = "Chọn một loại giấy trong danh sách."
        award = {"code": code, "label": label, "certificate": certificate}
        requires = row.get("requires") or []
        if isinstance(requires, str):
            requires = [clean(part) for part in requires.replace(";", ",").split(",")]
        requires = list(dict.fromkeys(r for r in requires if r))
        if requires:   # stored only when set: an award without it is as before
            award["requires"] = requires
            basis = clean(row.get("requires_basis") or "")[:AWARD_LABEL_MAX]
            if basis:
                award["requires_basis"] = basis
        rules, rule_problems = award_rules({"vote_threshold": _threshold_of_row(row), "given_by": row.get("given_by")})
        award.update(rules)    # stored only when set (domain/council.py)
        for key, why in rule_problems.items():
            problems[f"awards[{i}].{'threshold_percent' if key == 'vote_threshold' else key}"] = why
        awards.append(award)
    known = {a["code"] for a in awards}
    for award in awards:
        unknown = [r for r in award.get("requires", ()) if r not in known or r == award["code"]]
        if unknown:
            problems[f"awards[{_row_of(rows, award)}].requires"] = (
                "Mã " + ", ".join(f"“{r}”" for r in unknown) + " không phải hình thức khác trong danh mục.")
    if not awards and not problems:
        problems["awards"] = "Cần ít nhất một hình thức khen thưởng."
    if problems:
        raise ValidationFailed("Danh mục khen thưởng chưa hợp lệ.", problems)
    return awards


def parse_legal_bases(items) -> tuple[list[LegalBasis], dict[str, str]]:
    """A body's legal bases from the settings: lines "Căn cứ …; | từ 01/07/2025 | đến 30/06/2030"
    (domain/legal_bases.parse_line), or entries already in the stored form. Blank lines are
    skipped but counted, so "legal_bases[i]" names the line the admin typed."""
    bases, problems = [], {}
    for i, item in enumerate(items or []):
        if isinstance(item, str):
            if not clean(item):
                continue
            try:
                basis = parse_line(item)
            except LegalBasisError as exc:
                problems[f"legal_bases[{i}]"] = exc.message
                continue
        else:
            basis = from_stored(item)
            basis = LegalBasis(clean(basis.text), basis.in_force_from, basis.in_force_until)
            if not basis.text:
                continue
        if len(basis.text) > LIMITS["legal_basis"]:
            problems[f"legal_bases[{i}]"] = f"Dài quá {LIMITS['legal_basis']:,} ký tự.".replace(",", ".")
        bases.append(basis)
    if len(bases) > MAX_ITEMS["legal_bases"]:
        problems["legal_bases"] = too_many("legal_bases")
    return bases, problems


def update_settings(admin, org: Organization, *, name_lines: list[str], legal_bases: list,
                    awards: list[dict], numbering_scheme: str, collective: bool, allow_combined_duties: bool,
                    level=..., **texts: str) -> Organization:
    """Name lines, place name, abbreviations, legal bases (parse_legal_bases), awards (rows of parse_awards) and
    numbering of a body, and whether its people may combine duties that separation of duties
    keeps apart (a small commune). `level` (domain/council.py LEVELS, "" none; not given: kept):
    which awards of its list it may give."""
    require_admin(admin)
    problems = {}
    cleaned = {key: clean(texts.get(key, "")) for key in SETTINGS_LIMITS}
    for key, limit in SETTINGS_LIMITS.items():
        if len(cleaned[key]) > limit:
            problems[key] = f"Dài quá {limit} ký tự."
        elif not cleaned[key] and key in ("name", "place_name", "abbreviation", "head_title"):
            problems[key] = "Không được để trống."
    if "abbreviation" not in problems and not _BODY_ABBREVIATION.match(cleaned["abbreviation"]):
        problems["abbreviation"] = ("Chỉ gồm chữ cái (kể cả Đ), chữ số và dấu gạch ngang giữa các phần, "
                                    "ví dụ UBND, UBND-VP.")
    name_lines = [clean(line) for line in name_lines if clean(line)]
    if not name_lines:
        problems["name_lines"] = "Cần ít nhất một dòng tên cơ quan."
    if numbering_scheme not in SCHEMES:
        problems["numbering_scheme"] = "Chọn một cách đánh số."
    level = org.level if level is ... else (level or None)    # not given: as it was
    if level is not None and level not in LEVELS:
        problems["level"] = "Chọn một cấp trong danh sách."
    parsed_bases, base_problems = parse_legal_bases(legal_bases)
    problems.update(base_problems)
    try:
        parsed_awards = parse_awards(awards)
    except ValidationFailed as exc:
        problems.update(exc.fields)
        parsed_awards = []
    if problems:
        raise ValidationFailed("Thiết lập chưa hợp lệ, vui lòng kiểm tra các trường được đánh dấu.", problems)
    for key, value in cleaned.items():
        setattr(org, key, value)
    org.name_lines = name_lines
    org.legal_bases = [to_stored(basis) for basis in parsed_bases]
    org.awards = parsed_awards
    if numbering_scheme != org.numbering_scheme:
        register.continue_after_given(org.id, numbering_scheme)
    org.numbering_scheme = numbering_scheme
    org.collective = bool(collective)
    org.allow_combined_duties = bool(allow_combined_duties)
    org.level = level
    db.session.commit()
    return org
