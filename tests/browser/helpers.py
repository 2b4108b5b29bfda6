"""Shared steps for the browser tests."""
from __future__ import annotations

import io
import itertools
import re

from openpyxl import Workbook
from sqlalchemy import select

HEADER = ["STT", "Cá nhân/Tập thể", "Họ và tên / Tên tập thể", "Giới tính", "Chức vụ", "Đơn vị",
          "Hình thức khen thưởng", "Thành tích"]


def document_id(page) -> int:
    return int(re.search(r"/documents/(\d+)", page.url).group(1))


def fire(page, name: str, comment: str = "") -> None:
    """Open a transition's confirmation on the document page and confirm it."""
    page.click(f"summary[data-transition={name}]")
    form = page.locator(f"form[action$='/transitions/{name}']")
    if comment:
        form.locator("textarea[name=comment]").fill(comment)
    form.locator(f"button[data-transition={name}]").click()
    page.wait_for_load_state()


def flash_text(page) -> str:
    """The page's messages, once one is shown: read at once after a click, on a busy machine the
    next page may not be there yet (a flake seen under load)."""
    page.locator(".alert").first.wait_for(state="visible", timeout=15_000)
    return " ".join(page.locator(".alert").all_inner_texts())


def transition_buttons(page) -> set[str]:
    return {b.get_attribute("data-transition") for b in page.locator("summary[data-transition]").all()}


def download_file(page, file_name: str, step_label: str, target) -> None:
    """Click "Tải về" for the generated file `file_name` of the step whose state label is given."""
    item = (page.locator("section[aria-labelledby=files-heading] li")
            .filter(has_text=file_name).filter(has_text=step_label).first)
    with page.expect_download() as download:
        item.get_by_role("link", name="Tải về").click()
    download.value.save_as(target)


def xlsx(rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def seed_documents():
    """(the seed plan 67/KH-UBND, the commune's draft proposal) — call inside the app context."""
    from workflow_app.extensions import db
    from workflow_app.models import Document
    plan = db.session.scalar(select(Document).where(Document.kind == "plan").order_by(Document.id))
    proposal = db.session.scalar(select(Document).where(Document.kind == "commendation").order_by(Document.id))
    return plan.id, proposal.id


def many_nominees(count: int, school: str = "Trường Tiểu học An Trường") -> list[dict]:
    """`count` nominees with mixed kinds and awards: every 10th a collective (Tập thể lao động tiên
    tiến), every 7th other a Lao động tiên tiến, the rest Giấy khen; names with accents, numbered.
    `school` is their unit: proposals of other units are other people (not flagged as proposed twice)."""
    rows = []
    for i in range(1, count + 1):
        if i % 10 == 0:
            rows.append({"kind": "collective", "full_name": f"Tổ Chuyên Môn Số {i:03d}",
                         "organization": school, "award": "tap_the_lao_dong_tien_tien",
                         "achievement": "Tập thể hoàn thành xuất sắc nhiệm vụ năm học, "
                                        "nhiều năm liền dẫn đầu phong trào thi đua."})
        else:
            rows.append({"kind": "individual", "full_name": f"Trần Thị Được Đề Nghị {i:03d}", "gender": "female",
                         "position": "Giáo viên", "organization": school,
                         "award": "lao_dong_tien_tien" if i % 7 == 0 else "giay_khen",
                         "achievement": "Đã có thành tích xuất sắc trong phong trào xây dựng xã hội học tập, "
                                        "tham gia tích cực công tác khuyến học, khuyến tài ở địa phương."})
    return rows


_SCHOOLS = itertools.count(1)


def submitted_proposal(count: int) -> int:
    """A proposal of the commune with `count` nominees (many_nominees), submitted to the district:
    on the reviewer's desk. Call inside the app context."""
    from workflow_app.services import accounts, demo_data, documents
    from workflow_app.services.transitions import apply_transition
    plan_id, _ = seed_documents()
    commune = accounts.find_user("drafter.antruong")
    proposal = documents.create(commune, {
        "kind": "commendation", "title": f"Đề nghị tặng Giấy khen cho {count} trường hợp",
        "body": {**demo_data.COMMENDATION_BODY, "plan_id": plan_id},
        "nominees": many_nominees(count, f"Trường Tiểu học An Trường {next(_SCHOOLS)}")})
    apply_transition(proposal, "submit", accounts.find_user("approver.antruong"), generate=False)   # its Chủ tịch
    return proposal.id
