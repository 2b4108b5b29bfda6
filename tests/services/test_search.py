"""Full-text search (issue 14, point 6): titles, numbers, body text and nominees' names,
accent-insensitive, by words and the prefix of the last one, on each database's own index;
never a document the user may not see."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import insert, select, text

from tests.factories import add_user, advance, new_commendation, new_plan
from workflow_app.domain.text import SEARCH_TEXT_MAX, search_text
from workflow_app.extensions import db
from workflow_app.models import Document
from workflow_app.services import bulk_load, documents, full_text


def found(user, q: str, **filters) -> list[int]:
    return [d.id for d in documents.search(user, q=q, per_page=200, **filters).items]


def assert_the_index_agrees_with_the_documents():
    """SQLite: FTS5 compares its index with documents.search_text (raises if they differ).
    PostgreSQL's index is a generated column: it cannot differ."""
    if db.session.get_bind().dialect.name == "sqlite":
        db.session.execute(text("INSERT INTO documents_fts (documents_fts, rank) VALUES ('integrity-check', 1)"))


def test_a_nominee_s_name_finds_the_proposal_without_accents(world):
    proposal = new_commendation(world)   # nominees: Huỳnh Văn Ẩn, Nguyễn Thị Ngọc Ánh, ...
    drafter = world.users["commune_drafter"]
    assert found(drafter, "huynh van an") == [proposal.id]
    assert found(drafter, "NGUYỄN THỊ NGỌC ÁNH") == [proposal.id]
    assert found(drafter, "Đặng Văn Ước") == found(drafter, "dang van uoc") == [proposal.id]
    assert found(drafter, "nguyen thi ngoc a") == [proposal.id]      # the last word as a prefix
    assert found(drafter, "an van huynh") == []                       # the words in their order


def test_words_of_a_plan_s_body_find_it(world):
    plan = new_plan(world, title="Kế hoạch năm", body={
        "legal_bases": ["Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022."],
        "sections": [{"heading": "MỤC ĐÍCH, YÊU CẦU",
                      "paragraphs": ["Đẩy mạnh hoạt động của các trung tâm học tập cộng đồng."]}],
        "milestones": [{"name": "Sơ kết giai đoạn đầu", "due": None}],
        "recipients": ["Sở Giáo dục và Đào tạo"]})
    other = new_plan(world, title="Kế hoạch khác", body={})
    drafter = world.users["drafter"]
    assert found(drafter, "trung tam hoc tap cong dong") == [plan.id]       # a paragraph
    assert found(drafter, "muc dich yeu cau") == [plan.id]                  # a heading
    assert found(drafter, "luat thi dua khen thuong") == [plan.id]          # a legal basis
    assert found(drafter, "so ket giai doan dau") == [plan.id]              # a milestone
    assert found(drafter, "so giao duc va dao tao") == []                   # not its recipients
    assert found(drafter, "trung tam hoc ta") == [plan.id]                  # prefix
    assert found(drafter, "ke hoach") == [other.id, plan.id]                # newest first


def test_a_proposal_s_reason_and_round_find_it(world):
    proposal = new_commendation(world)
    drafter = world.users["commune_drafter"]
    documents.update(proposal, drafter, {"version": proposal.version,
                                         "body": {**proposal.body, "period": "Tổng kết đợt đặc biệt"}})
    assert found(drafter, "tong ket dot dac biet") == [proposal.id]         # its round
    assert found(drafter, "tren dia ban xa an truong") == [proposal.id]     # its reason
    assert found(drafter, "van dong dong bao khmer") == []                  # not a nominee's achievement


def test_the_index_follows_edits_numbers_and_deletes(world):
    drafter = world.users["drafter"]
    plan = new_plan(world, title="Kế hoạch về phong trào Hoa Sen")
    assert found(drafter, "phong trao hoa sen") == [plan.id]
    documents.update(plan, drafter, {"version": plan.version, "title": "Kế hoạch về an toàn giao thông"})
    assert found(drafter, "phong trao hoa sen") == []
    assert found(drafter, "an toan giao thong") == [plan.id]
    advance(world, plan, "issued")
    assert found(drafter, "01/KH-UBND") == found(drafter, "01 kh ubnd") == [plan.id]
    draft = new_plan(world, title="Kế hoạch sẽ xoá", body={})
    assert found(drafter, "ke hoach se xoa") == [draft.id]
    documents.delete(draft, drafter)
    assert found(drafter, "ke hoach se xoa") == []
    assert_the_index_agrees_with_the_documents()


def test_replacing_the_nominees_changes_what_finds_the_proposal(world):
    proposal = new_commendation(world)
    drafter = world.users["commune_drafter"]
    nominee = {"kind": "individual", "full_name": "Võ Thị Sáu", "gender": "female", "position": "Giáo viên",
               "organization": "xã An Trường", "award": "giay_khen", "achievement": "Thành tích."}
    documents.update(proposal, drafter, {"version": proposal.version, "nominees": [nominee]})
    assert found(drafter, "vo thi sau") == [proposal.id]
    assert found(drafter, "huynh van an") == []


def test_what_a_user_may_not_see_is_never_found(world):
    draft = new_plan(world, title="Kế hoạch mật danh Hoa Sen")
    commune_drafter, reviewer, approver = (world.users[n] for n in ("commune_drafter", "reviewer", "approver"))
    outsider = add_user("other.unit", world.district, ["drafter"], "VP")
    assert found(world.users["drafter"], "hoa sen") == [draft.id]
    # A draft is its unit's: the commune, the approver and a drafter of another unit do not find it.
    assert found(commune_drafter, "hoa sen") == found(approver, "hoa sen") == found(outsider, "hoa sen") == []
    advance(world, draft, "issued")
    assert found(commune_drafter, "hoa sen") == found(approver, "hoa sen") == [draft.id]
    # The commune's draft proposal: its nominees' names find nothing for the district yet.
    proposal = new_commendation(world)
    assert found(reviewer, "huynh van an") == found(world.users["drafter"], "huynh van an") == []
    advance(world, proposal, "submitted")
    assert found(reviewer, "huynh van an") == [proposal.id]
    assert documents.search(reviewer, q="huynh van an", actionable=True).total == 1


def test_search_keeps_the_other_filters_and_pages(world):
    for i in range(7):
        new_plan(world, title=f"Kế hoạch phong trào Hoa Sen {i}", body={})
    issued = new_plan(world, title="Kế hoạch phong trào Hoa Sen đã ban hành")
    advance(world, issued, "issued")
    drafter = world.users["drafter"]
    first = documents.search(drafter, q="hoa sen", per_page=5)
    second = documents.search(drafter, q="hoa sen", per_page=5, page=2)
    assert (first.total, len(first.items), second.total, len(second.items)) == (8, 5, 8, 3)
    assert not {d.id for d in first.items} & {d.id for d in second.items}
    assert found(drafter, "hoa sen", state="issued") == [issued.id]
    assert found(drafter, "hoa sen", kind="commendation") == []


def test_a_query_without_words_finds_nothing(world):
    new_plan(world)
    for q in ("%", "“…”", "--", "_"):
        page = documents.search(world.users["drafter"], q=q)
        assert (page.total, page.items) == (0, []), q


def test_search_syntax_is_only_text(world):
    """FTS5 and tsquery operators in a query are words or nothing, never syntax (nor a 500)."""
    plan = new_plan(world, title="Kế hoạch NEAR trung tâm OR cộng đồng AND xã", body={})
    drafter = world.users["drafter"]
    for q in ('"', "a OR b", "NEAR(a b)", "title:x", "x*", "-x", "a & b | !c", "a <-> b", "'", ":*", "^x"):
        documents.search(drafter, q=q)
    assert found(drafter, "near trung tam or cong dong and") == [plan.id]
    assert found(drafter, 'ke hoach "NEAR" trung') == [plan.id]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=st.text(max_size=60))
def test_any_query_is_answered(world, q):
    page = documents.search(world.users["drafter"], q=q)
    assert page.total >= 0


def test_a_very_long_document_is_indexed_up_to_the_limit(world):
    """PostgreSQL refuses a tsvector over 1 MiB: the text indexed is capped, the document saved."""
    paragraphs = [f"đoạn {i} " + "chữ " * 2000 for i in range(60)]     # ~600k characters
    plan = new_plan(world, title="Kế hoạch rất dài", body={"sections": [{"heading": "Mục", "paragraphs": paragraphs}]})
    assert len(plan.search_text) <= SEARCH_TEXT_MAX
    assert found(world.users["drafter"], "ke hoach rat dai") == [plan.id]


def test_rows_written_by_a_bulk_load_are_found(app, world):
    """Restores and benchmarks insert rows with the core, not the ORM: the index follows them."""
    drafter = world.users["drafter"]
    row = {"kind": "plan", "state": "draft", "version": 1, "organization_id": world.district.id,
           "owner_organization_id": world.district.id, "unit_id": drafter.unit_id, "created_by_id": drafter.id,
           "body": {}, "ever_submitted": False}
    with db.engine.connect() as conn, conn.begin():
        with bulk_load.counts_rebuilt_after(conn):
            conn.execute(insert(Document), [
                {**row, "title": f"Văn bản nạp {i}", "search_text": search_text(f"Văn bản nạp {i}", "Nguyễn Văn Mười")}
                for i in range(3)])
    ids = set(db.session.scalars(select(Document.id)))
    assert set(found(drafter, "nguyen van muoi")) == ids and len(ids) == 3
    assert len(found(drafter, "van ban nap 2")) == 1
    assert_the_index_agrees_with_the_documents()


def test_many_matches_are_counted_up_to_the_limit_and_paged_newest_first(world, monkeypatch):
    """Past full_text.COUNT_LIMIT the total says "at least" and the page walks the newest-first
    index: the same documents, in the same order, as when the matches are few."""
    plans = [new_plan(world, title=f"Kế hoạch Hoa Sen số {i}", body={}) for i in range(5)]
    drafter = world.users["drafter"]
    newest_first = [p.id for p in reversed(plans)]
    few = [d.id for n in (1, 2, 3) for d in documents.search(drafter, q="hoa sen", per_page=2, page=n).items]
    monkeypatch.setattr(full_text, "COUNT_LIMIT", 3)
    pages = [documents.search(drafter, q="hoa sen", per_page=2, page=n) for n in (1, 2, 3, 4)]
    assert [(p.total, p.more) for p in pages] == [(3, True)] * 4
    assert [d.id for p in pages for d in p.items] == few == newest_first
    exact = documents.search(drafter, q="hoa sen so 4")
    assert (exact.total, exact.more, [d.id for d in exact.items]) == (1, False, [plans[4].id])
