"""The demo: UBND huyện Càng Long (Trà Vinh) in 2023, plan 67/KH-UBND. Data, not design."""
from __future__ import annotations

# Each award says which certificate it gets (domain/documents/certificate_contexts.CERTIFICATES):
# none for the titles "Lao động tiên tiến" (Ministry of Home Affairs, 14/11/2023: the law prescribes
# no certificate; the decision and its reward recognise it).
AWARDS = [
    {"code": "giay_khen", "label": "Giấy khen", "certificate": "giay_khen"},
    {"code": "lao_dong_tien_tien", "label": "Lao động tiên tiến", "certificate": None},
    # "requires": the awards the same person must also hold in the same year (services/nominee_checks.py):
    # a CSTĐCS meets the LĐTT standard first (Luật Thi đua, khen thưởng 2022, Điều 23).
    # "vote_threshold": the council must vote, and a CSTĐCS needs 80 % of ALL its members (absent
    # members' written opinions count): Nghị định 98/2023/NĐ-CP, Điều 30 khoản 7 (services/council.py).
    # "given_by": the levels whose head may give it: Luật Thi đua, khen thưởng 2022, Điều 80 (a
    # commune's Chủ tịch gives Giấy khen and Lao động tiên tiến, not CSTĐCS).
    {"code": "chien_si_thi_dua_co_so", "label": "Chiến sĩ thi đua cơ sở", "certificate": "chien_si_thi_dua_co_so",
     "requires": ["lao_dong_tien_tien"], "requires_basis": "Luật Thi đua, khen thưởng 2022, Điều 23",
     "vote_threshold": {"percent": 80, "of": "members"}, "given_by": ["tinh", "huyen"]},
    {"code": "tap_the_lao_dong_tien_tien", "label": "Tập thể lao động tiên tiến", "certificate": None},
]

# Both generations of the bodies' standing legal bases, each with the days it is in force
# (domain/legal_bases.py; "in_force_until" is the last day it applies): from 1/7/2025 Nghị định
# 152/2025/NĐ-CP (14/6/2025) replaced Nghị định 98/2023/NĐ-CP and the Luật Tổ chức chính quyền
# địa phương of 16/6/2025 that of 2015 (shared/notes/rounds.md §0, vn-admin-documents.md §0).
# The Luật Thi đua, khen thưởng 2022 stays. So the 2023 plan's decisions and a 2026 decision
# each cite what was in force on their date. No start date is given where none was checked.
DECISION_LEGAL_BASES = [
    {"text": "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung "
             "một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 "
             "năm 2019;",
     "in_force_from": None, "in_force_until": "2025-06-30"},
    {"text": "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
     "in_force_from": "2025-07-01", "in_force_until": None},
    {"text": "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
     "in_force_from": None, "in_force_until": None},
    {"text": "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi "
             "hành một số điều của Luật Thi đua, khen thưởng;",
     "in_force_from": None, "in_force_until": "2025-06-30"},
    {"text": "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định chi tiết và "
             "hướng dẫn thi hành một số điều của Luật Thi đua, khen thưởng;",
     "in_force_from": "2025-07-01", "in_force_until": None},
]

DISTRICT = {
    "code": "UBND-CL", "name": "Ủy ban nhân dân huyện Càng Long",
    "name_lines": ["ỦY BAN NHÂN DÂN", "HUYỆN CÀNG LONG"], "parent_line": "",
    "place_name": "Càng Long", "abbreviation": "UBND", "collective": True,
    "collective_title": "Ủy ban nhân dân", "head_title": "Chủ tịch", "deputy_title": "Phó Chủ tịch",
    "address": "Thị trấn Càng Long, huyện Càng Long, tỉnh Trà Vinh", "numbering_scheme": "per_type",
    "legal_bases": DECISION_LEGAL_BASES, "awards": AWARDS, "level": "huyen",
    "allow_combined_duties": False,   # a district has a Phòng Nội vụ, leaders and a văn thư apart
}
DISTRICT_UNITS = [
    {"code": "VP", "name": "Văn phòng HĐND và UBND huyện", "abbreviation": "VP"},
    {"code": "NV", "name": "Phòng Nội vụ", "abbreviation": "NV"},
    {"code": "GDDT", "name": "Phòng Giáo dục và Đào tạo", "abbreviation": "GDĐT"},
]
COMMUNE = {
    "code": "UBND-AT", "name": "Ủy ban nhân dân xã An Trường",
    "name_lines": ["ỦY BAN NHÂN DÂN", "XÃ AN TRƯỜNG"], "parent_line": "",
    "place_name": "An Trường", "abbreviation": "UBND", "collective": True,
    "collective_title": "Ủy ban nhân dân", "head_title": "Chủ tịch", "deputy_title": "Phó Chủ tịch",
    "address": "Xã An Trường, huyện Càng Long, tỉnh Trà Vinh", "numbering_scheme": "per_type",
    "legal_bases": DECISION_LEGAL_BASES, "awards": AWARDS, "level": "xa",
    # Off as well: the commune only drafts here (its proposals are reviewed, approved and issued by
    # the district, whose rule holds), and relaxing the rule is its admin's deliberate choice.
    "allow_combined_duties": False,
}
COMMUNE_UNITS = [{"code": "VP", "name": "Văn phòng - Thống kê", "abbreviation": "VP"}]

# (username, full name, position, body code, unit code, roles)
USERS = [
    ("drafter", "Trần Thị Thu Hà", "Chuyên viên", "UBND-CL", "NV", ["drafter"]),
    ("reviewer", "Nguyễn Văn Hùng", "Trưởng phòng Nội vụ", "UBND-CL", "NV", ["reviewer"]),
    ("approver", "Phạm Minh Tuấn", "Phó Chủ tịch", "UBND-CL", None, ["approver"]),
    ("archivist", "Võ Thị Kim Loan", "Văn thư", "UBND-CL", "VP", ["archivist"]),
    ("admin", "Quản trị hệ thống", "Chuyên viên công nghệ thông tin", "UBND-CL", "VP", ["admin"]),
    ("drafter.antruong", "Thạch Thị Sô Phi", "Công chức Văn phòng - Thống kê", "UBND-AT", "VP", ["drafter"]),
    ("approver.antruong", "Thạch Sa Rươl", "Chủ tịch", "UBND-AT", None, ["approver"]),
]
# The heads of their unit (users.heads_unit): the Trưởng phòng Nội vụ signs the unit's Tờ trình.
UNIT_HEADS = ("reviewer",)

# The district's KH register for 2023 continued a paper register that had reached 66.
REGISTER_STARTS = [("UBND-CL", 2023, "KH", 66)]

PLAN_TITLE = ("Thực hiện Phong trào “Cả nước thi đua xây dựng xã hội học tập, đẩy mạnh học tập suốt đời "
              "giai đoạn 2023 - 2030” trên địa bàn huyện Càng Long")
PLAN_BODY = {
    "legal_bases": [
        "Căn cứ Quyết định số 1373/QĐ-TTg ngày 30 tháng 7 năm 2021 của Thủ tướng Chính phủ phê duyệt Đề án "
        "“Xây dựng xã hội học tập giai đoạn 2021 - 2030”;",
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022.",
    ],
    "sections": [
        {"heading": "MỤC ĐÍCH, YÊU CẦU", "paragraphs": [
            "Phát huy sức mạnh của cả hệ thống chính trị trong việc tuyên truyền, nâng cao nhận thức của người "
            "dân về vai trò, ý nghĩa và sự cần thiết của khuyến học, khuyến tài, học tập suốt đời, xây dựng xã "
            "hội học tập, để từ đó các cơ quan, đơn vị, địa phương, doanh nghiệp và mọi người dân chủ động, tích "
            "cực tham gia bằng những hành động và việc làm cụ thể, góp phần thực hiện thành công chủ trương, chính "
            "sách của Đảng và Nhà nước về đổi mới căn bản, toàn diện giáo dục và đào tạo, học tập suốt đời, xây "
            "dựng xã hội học tập, đáp ứng yêu cầu phát triển của huyện, của tỉnh.",
            "Việc triển khai thực hiện các nội dung, hình thức của phong trào thi đua phải đảm bảo tính thiết "
            "thực, hiệu quả, đúng mục đích, linh hoạt, sáng tạo phù hợp với điều kiện thực tế của địa phương, cơ "
            "quan, tổ chức, doanh nghiệp, cộng đồng; gắn kết với cuộc vận động phong trào thi đua “Toàn dân đoàn "
            "kết xây dựng đời sống văn hóa”.",
        ]},
        {"heading": "NỘI DUNG THI ĐUA", "paragraphs": [
            "Tuyên truyền, phổ biến, nâng cao nhận thức và hiệu quả của công tác khuyến học, khuyến tài, học tập "
            "suốt đời, xây dựng xã hội học tập và mô hình học tập trong điều kiện nền kinh tế số, xã hội số; thi "
            "đua học tập suốt đời; phát huy sáng kiến, sáng tạo, giải pháp, khuyến khích và phát triển văn hóa "
            "học tập trong cộng đồng.",
            "Rà soát, theo thẩm quyền xây dựng hoặc đề xuất hoàn thiện các cơ chế, chính sách hỗ trợ tạo điều "
            "kiện thuận lợi, cơ hội học tập cho mọi người dân trên địa bàn. Đẩy mạnh hoạt động của các thiết chế "
            "giáo dục chính quy và không chính quy, thiết chế văn hóa, các trung tâm học tập cộng đồng, tạo cơ "
            "hội và điều kiện thuận lợi cho các đối tượng học tập suốt đời.",
            "Triển khai toàn diện, đồng bộ các giải pháp và tập trung nguồn lực, huy động sự tham gia, phối hợp "
            "của các tổ chức, cá nhân trong việc thúc đẩy xây dựng xã hội học tập và học tập suốt đời, hoàn thành "
            "các mục tiêu đã đề ra.",
            "Thi đua nâng cao năng lực sử dụng các công nghệ học tập hiện đại, chuyển đổi số trong các hoạt động "
            "học tập suốt đời; nâng cao năng lực số và năng lực sử dụng ngoại ngữ cho người dân, thực hiện học "
            "tập mọi lúc, mọi nơi bằng nhiều phương pháp để phục vụ cho công việc đạt hiệu quả.",
            "Thi đua đẩy mạnh phong trào học tập suốt đời trong gia đình, dòng họ, cộng đồng, đơn vị, địa phương "
            "và xây dựng mô hình công dân học tập; xây dựng văn hóa học tập.",
            "Thi đua tiếp cận kịp thời các xu thế và kinh nghiệm của các huyện, thành phố trong và ngoài tỉnh thực "
            "hiện tốt trong lĩnh vực giáo dục, học tập suốt đời, học tập trực tuyến trong hệ thống giáo dục mở, "
            "học tập từ xa.",
        ]},
        {"heading": "KHEN THƯỞNG", "paragraphs": [
            "Tổ chức sơ kết giai đoạn 2023 - 2025 và tổng kết giai đoạn 2023 - 2030; căn cứ tiêu chí thi đua đối "
            "với từng nhóm đối tượng, khen thưởng kịp thời, đúng đối tượng các tập thể, cá nhân có thành tích "
            "tiêu biểu trong phong trào.",
        ]},
        {"heading": "TỔ CHỨC THỰC HIỆN", "paragraphs": [
            "Phòng Nội vụ (cơ quan thường trực Hội đồng Thi đua - Khen thưởng huyện) chủ trì, phối hợp với Phòng "
            "Giáo dục và Đào tạo hướng dẫn, theo dõi, đôn đốc việc thực hiện Kế hoạch; tham mưu sơ kết, tổng kết "
            "và khen thưởng theo quy định.",
            "Các cơ quan, ban, ngành, đoàn thể huyện và Ủy ban nhân dân các xã, thị trấn căn cứ Kế hoạch này xây "
            "dựng kế hoạch triển khai phù hợp với điều kiện thực tế của cơ quan, đơn vị, địa phương.",
        ]},
    ],
    "milestones": [
        {"name": "Sơ kết giai đoạn 2023 - 2025", "due": "2025-12-31"},
        {"name": "Tổng kết giai đoạn 2023 - 2030", "due": "2030-12-31"},
    ],
    # The plan's commendation rounds: printed as its section "Tiêu chí và hình thức khen thưởng",
    # and, once it is issued, what the communes' proposals answer.
    "rounds": [
        {"key": "so-ket-2025", "name": "Sơ kết giai đoạn 2023 - 2025", "proposals_due": "2025-10-31", "groups": [
            {"name": "Tập thể", "kind": "collective", "awards": ["giay_khen", "tap_the_lao_dong_tien_tien"],
             "criteria": [
                 "Xây dựng và triển khai kịp thời kế hoạch thực hiện Phong trào tại cơ quan, đơn vị, địa phương",
                 "Có mô hình học tập (gia đình học tập, dòng họ học tập, cộng đồng học tập, đơn vị học tập) hoạt "
                 "động hiệu quả, được nhân rộng",
                 "Hoàn thành các chỉ tiêu xây dựng xã hội học tập giai đoạn 2023 - 2025 được giao",
             ]},
            {"name": "Cá nhân", "kind": "individual", "awards": ["giay_khen", "lao_dong_tien_tien"],
             "criteria": [
                 "Gương mẫu học tập suốt đời; tích cực tham gia và vận động người dân tham gia học tập",
                 "Có sáng kiến, cách làm hay trong công tác khuyến học, khuyến tài, xây dựng xã hội học tập",
                 "Hoàn thành tốt nhiệm vụ được giao",
             ]},
        ]},
        {"key": "tong-ket-2030", "name": "Tổng kết giai đoạn 2023 - 2030", "proposals_due": "2030-10-31",
         "groups": [
            {"name": "Tập thể", "kind": "collective", "awards": ["giay_khen", "tap_the_lao_dong_tien_tien"],
             "criteria": [
                 "Thực hiện tốt Phong trào trong cả giai đoạn 2023 - 2030; đạt hoặc vượt các chỉ tiêu được giao",
                 "Có mô hình học tập tiêu biểu, được công nhận và nhân rộng trên địa bàn huyện",
             ]},
            {"name": "Cá nhân", "kind": "individual",
             "awards": ["giay_khen", "chien_si_thi_dua_co_so", "lao_dong_tien_tien"],
             "criteria": [
                 "Có thành tích xuất sắc, tiêu biểu trong xây dựng xã hội học tập giai đoạn 2023 - 2030",
                 "Có sáng kiến được công nhận, áp dụng hiệu quả trong công tác khuyến học, khuyến tài",
             ]},
            {"name": "Hộ gia đình", "kind": "household", "awards": ["giay_khen"],
             "criteria": [
                 "Đạt danh hiệu “Gia đình học tập” liên tục từ 03 năm trở lên",
                 "Các thành viên trong độ tuổi đi học được đến trường; tích cực tham gia các hoạt động khuyến học",
             ]},
        ]},
    ],
    "recipients": [
        "Ban Thi đua - Khen thưởng tỉnh",
        "TT. Huyện ủy, TT. HĐND huyện",
        "CT, các PCT UBND huyện",
        "Các cơ quan, ban, ngành, đoàn thể huyện",
        "UBND các xã, thị trấn",
    ],
}
# (transition, actor, ISO time UTC, comment, extra)
PLAN_HISTORY = [
    ("submit", "reviewer", "2023-05-25T02:00:00+00:00", "Kính trình lãnh đạo xem xét ban hành Kế hoạch.", {}),
    ("review", "reviewer", "2023-05-26T03:00:00+00:00",
     "Phòng Nội vụ đã rà soát, thống nhất nội dung; kính trình Chủ tịch UBND huyện xem xét.", {}),
    ("approve", "approver", "2023-05-29T08:00:00+00:00", "Đồng ý ban hành.", {"signer_form": "KT"}),
    ("issue", "archivist", "2023-05-30T01:30:00+00:00", "", {"issued_on": "2023-05-30"}),
]

COMMENDATION_TITLE = ("Đề nghị tặng Giấy khen cho tập thể, cá nhân có thành tích trong Phong trào “Cả nước "
                      "thi đua xây dựng xã hội học tập, đẩy mạnh học tập suốt đời” giai đoạn 2023 - 2025")
COMMENDATION_BODY = {
    "period": "Sơ kết giai đoạn 2023 - 2025",
    "reason": "Đã có thành tích xuất sắc trong thực hiện Phong trào “Cả nước thi đua xây dựng xã hội học tập, "
              "đẩy mạnh học tập suốt đời” giai đoạn 2023 - 2025 trên địa bàn xã An Trường.",
    "recipients": ["Phòng Nội vụ huyện"],
}
NOMINEES = [
    {"kind": "individual", "full_name": "Huỳnh Văn Ẩn", "gender": "male", "position": "Chủ tịch Hội Khuyến học xã",
     "organization": "xã An Trường", "award": "giay_khen",
     "achievement": "Đã có thành tích xuất sắc trong xây dựng xã hội học tập."},
    {"kind": "individual", "full_name": "Nguyễn Thị Ngọc Ánh", "gender": "female", "position": "Giáo viên",
     "organization": "Trường THCS An Trường", "award": "giay_khen",
     "achievement": "Đã có thành tích xuất sắc trong công tác khuyến học, khuyến tài."},
    {"kind": "individual", "full_name": "Đặng Văn Ước", "gender": "male", "position": "Trưởng ấp",
     "organization": "Ấp 1, xã An Trường", "award": "giay_khen",
     "achievement": "Đã có thành tích xuất sắc trong xây dựng mô hình gia đình học tập."},
    {"kind": "individual", "full_name": "Trương Thị Mỹ Hạnh", "gender": "female",
     "position": "Giám đốc Trung tâm học tập cộng đồng", "organization": "xã An Trường", "award": "giay_khen",
     "achievement": "Đã có thành tích xuất sắc trong tổ chức học tập suốt đời cho người dân."},
    {"kind": "individual", "full_name": "Lê Hoàng Phúc", "gender": "male", "position": "Công chức Văn hóa - Xã hội",
     "organization": "Ủy ban nhân dân xã An Trường", "award": "giay_khen",
     "achievement": "Đã có thành tích xuất sắc trong chuyển đổi số phục vụ học tập cộng đồng."},
    {"kind": "individual", "full_name": "Thạch Thị Sa Rinh", "gender": "female", "position": "Hội viên Hội Khuyến học",
     "organization": "Ấp Đại Đức, xã An Trường", "award": "giay_khen",
     "achievement": "Đã có thành tích xuất sắc trong vận động đồng bào Khmer tham gia học tập suốt đời."},
]
