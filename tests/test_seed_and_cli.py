"""seed-demo builds the Càng Long demo once; the users commands manage accounts."""
from datetime import date

from sqlalchemy import func, select

from workflow_app.extensions import db
from workflow_app.models import Document, Organization, User
from workflow_app.services import accounts


def row_counts() -> dict[str, int]:
    return {t.name: db.session.scalar(select(func.count()).select_from(t)) for t in db.metadata.sorted_tables}


def test_seed_demo_twice_changes_nothing(app):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["seed-demo", "--password", "CangLong@2023"])
    assert first.exit_code == 0, first.output
    assert "drafter.antruong" in first.output
    counts = row_counts()
    second = runner.invoke(args=["seed-demo"])
    assert second.exit_code == 0, second.output
    assert "không thay đổi" in second.output
    assert row_counts() == counts

    plan = db.session.scalar(select(Document).where(Document.kind == "plan"))
    assert (plan.state, plan.number, plan.issued_on) == ("issued", "67/KH-UBND", date(2023, 5, 30))
    assert [e.transition for e in plan.events] == ["submit", "review", "approve", "issue"]
    assert plan.signer_form == "KT" and plan.signer_position == "Phó Chủ tịch"
    # its Tờ trình was signed by the head of Phòng Nội vụ; the commune's Chủ tịch signs the proposal's
    assert (plan.events[0].actor.username, plan.proposal_signer_name) == ("reviewer", "Nguyễn Văn Hùng")
    assert accounts.find_user("reviewer").heads_unit and "approver" in accounts.find_user("approver.antruong").roles
    assert [f.file_name for f in plan.files if f.step == "issued"] == ["ke-hoach.docx"]
    proposal = db.session.scalar(select(Document).where(Document.kind == "commendation"))
    assert proposal.state == "draft" and len(proposal.nominees) == 6
    assert proposal.body["plan_id"] == plan.id
    assert {n.full_name for n in proposal.nominees} == {
        "Nguyễn Thị Ngọc Ánh", "Đặng Văn Ước", "Trương Thị Mỹ Hạnh", "Lê Hoàng Phúc", "Huỳnh Văn Ẩn",
        "Thạch Thị Sa Rinh"}
    commune = db.session.scalar(select(Organization).where(Organization.code == "UBND-AT"))
    assert commune.parent.code == "UBND-CL"
    assert accounts.authenticate("approver", "CangLong@2023").full_name == "Phạm Minh Tuấn"


def test_seed_demo_prints_random_passwords_once(app):
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    line = next(ln for ln in result.output.splitlines() if ln.strip().startswith("reviewer "))
    password = line.split()[-1]
    assert len(password) >= 12 and accounts.authenticate("reviewer", password)


def test_users_commands(app):
    runner = app.test_cli_runner()
    runner.invoke(args=["seed-demo", "--password", "CangLong@2023"])
    created = runner.invoke(args=["users", "create", "vanthu2", "--full-name", "Lý Thị Mai",
                                  "--organization", "UBND-CL", "--role", "archivist", "--unit", "VP",
                                  "--password", "mat-khau-moi-1"])
    assert created.exit_code == 0, created.output
    assert accounts.authenticate("vanthu2", "mat-khau-moi-1").roles == {"archivist"}
    bad_org = runner.invoke(args=["users", "create", "x", "--full-name", "X", "--organization", "KHONG",
                                  "--role", "drafter"])
    assert bad_org.exit_code != 0 and "Không có cơ quan" in bad_org.output
    duplicate = runner.invoke(args=["users", "create", "vanthu2", "--full-name", "X",
                                    "--organization", "UBND-CL", "--role", "drafter"])
    assert duplicate.exit_code != 0 and "đã có" in duplicate.output
    for username in ("Nguyễn An", "an truong"):   # issue 14, point 7
        spaced = runner.invoke(args=["users", "create", username, "--full-name", "Nguyễn An",
                                     "--organization", "UBND-CL", "--role", "drafter"])
        assert spaced.exit_code != 0
        assert "Tên đăng nhập không hợp lệ. Chỉ gồm chữ thường không dấu" in spaced.output
    no_role = runner.invoke(args=["users", "create", "an.truong", "--full-name", "Nguyễn An",
                                  "--organization", "UBND-CL"])
    assert no_role.exit_code != 0
    assert "Tài khoản chưa có vai trò nào. Chọn ít nhất một vai trò." in no_role.output
    assert accounts.find_user("an.truong") is None
    changed = runner.invoke(args=["users", "set-password", "vanthu2"], input="mat-khau-khac-2\nmat-khau-khac-2\n")
    assert changed.exit_code == 0, changed.output
    assert accounts.authenticate("vanthu2", "mat-khau-khac-2")
    assert not accounts.authenticate("vanthu2", "mat-khau-moi-1")
    short = runner.invoke(args=["users", "set-password", "vanthu2"], input="ngan\nngan\n")
    assert short.exit_code != 0 and "ngắn" in short.output
    listing = runner.invoke(args=["users", "list"])
    assert "vanthu2" in listing.output and "archivist" in listing.output
    assert db.session.scalar(select(func.count()).select_from(User)) == 8


def test_passwords_are_hashed_with_a_current_kdf(app):
    app.test_cli_runner().invoke(args=["seed-demo", "--password", "CangLong@2023"])
    user = accounts.find_user("admin")
    assert user.password_hash.startswith("scrypt:") and "CangLong" not in user.password_hash
    assert accounts.authenticate("admin", "sai-mat-khau") is None
    assert accounts.authenticate("khong-co", "CangLong@2023") is None
    assert accounts.authenticate(None, 5) is None
