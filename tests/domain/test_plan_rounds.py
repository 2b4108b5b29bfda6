"""Issue 15, point 1: a plan prints its rounds as its section on criteria and forms of commendation."""
from __future__ import annotations

from workflow_app.domain.documents import generate

try:
    from . import document_samples as s
except ImportError:
    import document_samples as s


def test_the_plan_prints_its_rounds_as_its_last_section():
    paras = s.paragraphs(generate("ke-hoach", s.plan_with_rounds(), s.plan_generation("issued")).content)
    headings = [p for p in paras if p.split(". ")[0] in ("I", "II", "III", "IV", "V")]
    assert headings[-1] == "V. TIÊU CHÍ VÀ HÌNH THỨC KHEN THƯỞNG"
    start = paras.index("V. TIÊU CHÍ VÀ HÌNH THỨC KHEN THƯỞNG")
    section = paras[start + 1:paras.index("Thời gian sơ kết, tổng kết:")]
    assert section[:9] == [
        "1. Sơ kết giai đoạn 2023 - 2025",
        "Thời hạn gửi hồ sơ đề nghị: trước ngày 31 tháng 10 năm 2025.",
        "a) Tập thể:",
        "Tiêu chí:",
        "- Xây dựng và triển khai kịp thời kế hoạch thực hiện Phong trào tại cơ quan, đơn vị, địa phương;",
        "- Có mô hình học tập (gia đình học tập, dòng họ học tập, cộng đồng học tập, đơn vị học tập) hoạt động "
        "hiệu quả, được nhân rộng;",
        "- Hoàn thành các chỉ tiêu xây dựng xã hội học tập giai đoạn 2023 - 2025 được giao.",
        "Hình thức khen thưởng: Giấy khen của Chủ tịch Ủy ban nhân dân huyện Càng Long; danh hiệu “Tập thể lao "
        "động tiên tiến”.",
        "b) Cá nhân:",
    ]
    assert "2. Tổng kết giai đoạn 2023 - 2030" in section
    assert "c) Hộ gia đình:" in section
    assert ("Hình thức khen thưởng: Giấy khen của Chủ tịch Ủy ban nhân dân huyện Càng Long; danh hiệu “Chiến sĩ "
            "thi đua cơ sở”; danh hiệu “Lao động tiên tiến”.") in section


def test_a_plan_without_rounds_prints_no_such_section():
    paras = s.paragraphs(generate("ke-hoach", s.PLAN, s.plan_generation("issued")).content)
    assert not any("TIÊU CHÍ VÀ HÌNH THỨC KHEN THƯỞNG" in p for p in paras)


def test_the_plan_with_rounds_passes_the_format_checker(tmp_path):
    drafts, finals = [], []
    for name in ("ke-hoach", "to-trinh-ke-hoach", "phieu-trinh"):
        for stage in ("draft", "approved", "issued"):
            path = tmp_path / f"plan-rounds-{name}-{stage}.docx"
            content = generate(name, s.plan_with_rounds(), s.plan_generation(stage)).content
            path.write_bytes(content)
            number = next(p for p in s.paragraphs(content) if p.startswith("Số:")).split(":")[1].strip()
            (finals if number[:1].isdigit() else drafts).append(path)
    assert finals and drafts
    failures = {**s.check_format(drafts, draft=True), **s.check_format(finals, draft=False)}
    assert {path: f for path, f in failures.items() if f} == {}


def test_the_plans_submission_names_its_rounds():
    paras = s.paragraphs(generate("to-trinh-ke-hoach", s.plan_with_rounds(), s.plan_generation("draft")).content)
    assert ("Kế hoạch xác định các đợt khen thưởng, tiêu chí và hình thức khen thưởng: Sơ kết giai đoạn 2023 - 2025 "
            "(hạn gửi hồ sơ đề nghị trước ngày 31 tháng 10 năm 2025); Tổng kết giai đoạn 2023 - 2030 (hạn gửi hồ sơ "
            "đề nghị trước ngày 31 tháng 10 năm 2030).") in paras
