"""Texts that come from data (workflow definitions, presenters) rather than templates.

Never imported at run time: `pybabel extract` reads these N_() calls so the English
catalog carries the labels that presenters.py translates with gettext(label).
"""


def N_(text: str) -> str:  # noqa: N802  (the conventional marker name)
    return text


STATE_LABELS = [N_("Dự thảo"), N_("Đã trình"), N_("Đã thẩm định"), N_("Đã phê duyệt"), N_("Đã ban hành")]
TRANSITION_LABELS = [N_("Trình duyệt"), N_("Rút lại"), N_("Thẩm định"), N_("Phê duyệt"), N_("Ban hành"),
                     N_("Trả lại")]
ROLE_LABELS = [N_("Chuyên viên soạn thảo"), N_("Thẩm định"), N_("Lãnh đạo phê duyệt"), N_("Văn thư"),
               N_("Quản trị")]
KIND_LABELS = [N_("Kế hoạch"), N_("Đề nghị khen thưởng")]
OTHER_LABELS = [N_("Cá nhân"), N_("Tập thể"), N_("Nam"), N_("Nữ"), N_("Chưa thẩm định"),
                N_("Đồng ý đề nghị"), N_("Không đề nghị"), N_("Ký trực tiếp (người đứng đầu)"),
                N_("KT. (ký thay)"), N_("Q. (quyền)"), N_("TL. (thừa lệnh)"), N_("TUQ. (thừa ủy quyền)")]
