"""Command line: `flask --app wsgi seed-demo`, `users ...`, `templates check`, `backup ...`, `notices send`,
`rounds remind`, `pdf-worker`, `pdf-backfill`."""
from __future__ import annotations

import time
from datetime import datetime, timezone
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup
from sqlalchemy import select

from .domain.documents import check_all_masters
from .domain.errors import WorkflowError
from .domain.workflows.definitions import ROLES
from .extensions import db
from .models import Organization, User
from .services import accounts, backup, notices, pdf_renditions, round_desk, seed, signatures

users_cli = AppGroup("users", help="Tài khoản người dùng.")
templates_cli = AppGroup("templates", help="Mẫu văn bản .docx (document_templates/).")
backup_cli = AppGroup("backup", help="Sao lưu và khôi phục toàn bộ hệ thống (cơ sở dữ liệu cùng các tệp).")
notices_cli = AppGroup("notices", help="Thông báo và thư điện tử thông báo.")
rounds_cli = AppGroup("rounds", help="Đợt khen thưởng.")
signing_cli = AppGroup("signing", help="Ký số: chứng thư của người ký, của cơ quan, CA tin cậy.")


@click.command("seed-demo")
@click.option("--password", default=None, help="One password for every demo user (default: random).")
@click.option("--pin", default=None, help="One signing PIN for every demo approver (default: random).")
def seed_demo_command(password, pin):
    """Create the Càng Long demo (idempotent)."""
    try:
        created = seed.seed_demo(password)
    except WorkflowError as exc:
        raise click.ClickException(f"{exc.message} {exc.fields or ''}") from exc
    pins = seed.seed_signing(datetime.now(timezone.utc), pin)
    if created:
        click.echo("Tài khoản demo đã tạo (mật khẩu chỉ hiện một lần):")
        for username, pw in created.items():
            click.echo(f"  {username:<18} {pw}")
    if pins:
        click.echo("Mã PIN ký số demo (chứng thư của CA DEMO, không có giá trị pháp lý; chỉ hiện một lần):")
        for username, pin in pins.items():
            click.echo(f"  {username:<18} {pin}")
    if not created and not pins:
        click.echo("Dữ liệu demo đã có sẵn; không thay đổi gì.")


@users_cli.command("create")
@click.argument("username")
@click.option("--full-name", required=True)
@click.option("--organization", "org_code", required=True, help="Mã cơ quan, ví dụ UBND-CL.")
@click.option("--role", "roles", multiple=True, type=click.Choice(ROLES),
              help="Ít nhất một; lặp lại cho mỗi vai trò.")
@click.option("--position", default="")
@click.option("--unit", "unit_code", default=None)
@click.option("--email", default="", help="Địa chỉ nhận thư thông báo.")
@click.option("--password", default=None, help="Default: a random password, printed once.")
def create_user_command(username, full_name, org_code, roles, position, unit_code, email, password):
    org = db.session.scalar(select(Organization).where(Organization.code == org_code))
    if org is None:
        raise click.ClickException(f"Không có cơ quan mã {org_code}.")
    unit = next((u for u in org.units if u.code == unit_code), None)
    if unit_code and unit is None:
        raise click.ClickException(f"Cơ quan {org_code} không có đơn vị {unit_code}.")
    password = password or accounts.new_password()
    try:
        accounts.create_user(username, password, full_name=full_name, organization=org,
                             roles=list(roles), position=position, unit=unit, email=email)
    except WorkflowError as exc:
        raise click.ClickException(" ".join([exc.message, *exc.fields.values()])) from exc
    click.echo(f"Đã tạo {username}; mật khẩu: {password}")


@users_cli.command("set-password")
@click.argument("username")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
def set_password_command(username, password):
    user = accounts.find_user(username)
    if user is None:
        raise click.ClickException(f"Không có tài khoản {username}.")
    try:
        accounts.set_password(user, password)
    except WorkflowError as exc:
        raise click.ClickException(f"{exc.message} {exc.fields}") from exc
    click.echo(f"Đã đổi mật khẩu của {username}.")


@users_cli.command("list")
def list_users_command():
    for user in db.session.scalars(select(User).order_by(User.username)):
        click.echo(f"{user.username:<20} {user.full_name:<28} {user.organization.code:<10} "
                   f"{','.join(sorted(user.roles))}")


@templates_cli.command("check")
def check_templates_command():
    """Open every master, check its syntax and variables, render sample data, run the format rules."""
    results = check_all_masters(Path(current_app.config["DOCUMENT_TEMPLATES"]),
                                current_app.config["DOCUMENT_RENDERER"])
    broken = [(name, problems) for name, problems in results if problems]
    for name, problems in results:
        click.echo(f"{'LỖI' if problems else 'OK ':<4} {name}")
        for problem in problems:
            click.echo(f"       - {problem}")
    if broken:
        raise click.ClickException(f"{len(broken)}/{len(results)} mẫu có lỗi.")
    click.echo(f"Tất cả {len(results)} mẫu hợp lệ.")


def _backup_summary(manifest) -> str:
    rows = sum(t.rows for t in manifest.tables)
    return (f"{len(manifest.tables)} bảng, {rows} dòng, {len(manifest.files)} tệp; revision "
            f"{manifest.alembic_revision}; sổ đăng ký {manifest.register_digest[:16]}…")


def _run_backup_step(step, path):
    try:
        return step(path)
    except backup.BackupError as exc:
        raise click.ClickException(str(exc)) from exc
    except OSError as exc:   # an unwritable directory, a full disk: the operator's to fix, not a bug
        raise click.ClickException(f"Lỗi tệp / file error: {exc}") from exc


@backup_cli.command("create")
@click.argument("path", type=click.Path(dir_okay=False))
def backup_create_command(path):
    """Write the whole database (generated files included) to PATH, a new .zip."""
    manifest = _run_backup_step(backup.create_backup, path)
    click.echo(f"Đã sao lưu vào {path}: {_backup_summary(manifest)}")


@backup_cli.command("verify")
@click.argument("path", type=click.Path(dir_okay=False))
def backup_verify_command(path):
    """Check an archive's tables, row counts, register digest and file hashes, without restoring."""
    manifest = _run_backup_step(backup.verify_backup, path)
    click.echo(f"Bản sao lưu toàn vẹn: {_backup_summary(manifest)}")


@backup_cli.command("restore")
@click.argument("path", type=click.Path(dir_okay=False))
def backup_restore_command(path):
    """Restore PATH into this empty, migrated database; verified before it commits."""
    manifest = _run_backup_step(backup.restore_backup, path)
    click.echo(f"Đã khôi phục và kiểm tra: {_backup_summary(manifest)}")


@notices_cli.command("send")
def notices_send_command():
    """Send again the notices' e-mails that failed (or that a stopped process left unsent): for cron."""
    if not current_app.config.get("MAIL_SERVER"):
        raise click.ClickException("Chưa cấu hình máy chủ thư (MAIL_SERVER).")
    sent, failed = notices.send_waiting()
    click.echo(f"Đã gửi {sent} thư; {failed} thư chưa gửi được (sẽ thử lại, tối đa {notices.MAX_ATTEMPTS} lần).")


MAX_REMINDER_DAYS = 366    # a deadline further than a year ahead is a typo (and past 3.6M days, no date)


def _reminder_days(text: str) -> set[int]:
    try:
        days = {int(part) for part in text.split(",") if part.strip()}
    except ValueError:
        days = set()
    if not days or min(days) < 0 or max(days) > MAX_REMINDER_DAYS:
        raise click.ClickException(f"Số ngày nhắc không hợp lệ: “{text}” (ví dụ 7,3,1; mỗi số từ 0 đến "
                                   f"{MAX_REMINDER_DAYS}).")
    return days


@rounds_cli.command("remind")
@click.option("--days", default=None, help="Số ngày trước hạn nộp hồ sơ, cách nhau bởi dấu phẩy "
                                           "(mặc định ROUND_REMINDER_DAYS, 7,3,1).")
def rounds_remind_command(days):
    """Remind the bodies and units that have not proposed in a round whose deadline is N days away:
    a notice, and an e-mail when MAIL_SERVER is set. Once a day (cron); running it again the same
    day sends nothing twice."""
    wanted = _reminder_days(days or current_app.config.get("ROUND_REMINDER_DAYS") or "7,3,1")
    done = round_desk.remind_due(wanted)
    for round_, reminded in done:
        for name, told in reminded.sent:
            click.echo(f"Đã nhắc {name} (đợt “{round_.name}”, {told} người nhận).")
        for name in reminded.skipped:
            click.echo(f"Bỏ qua {name} (đợt “{round_.name}”): đã nhắc hôm nay.")
    if not done:
        click.echo("Không có đợt nào cần nhắc hôm nay.")


@click.command("pdf-worker")
@click.option("--burst", is_flag=True, help="Làm hết việc đang chờ rồi dừng (không chờ việc mới).")
@click.option("--name", default=None, help="Tên worker trong RQ (mặc định: tự đặt).")
def pdf_worker_command(burst, name):
    """Make the PDFs of generated files: an RQ worker on REDIS_URL (run as many as wanted, on any
    machine sharing the database and Redis), with one LibreOffice kept warm per worker. Without
    REDIS_URL: convert the pending PDFs in the database (those recorded from the command line)."""
    if current_app.config["REDIS_URL"]:
        worker = pdf_renditions.rq_worker(name=name)
        click.echo(f"RQ worker {worker.name}: hàng đợi {current_app.config['PDF_QUEUE_NAME']} "
                   f"trên {current_app.config['REDIS_URL']}")
        try:
            worker.work(burst=burst, with_scheduler=True)   # the scheduler runs the retries' delays
        finally:
            pdf_renditions.pdf_convert.close_all()
        return
    if not burst:
        click.echo("Không có REDIS_URL: chuyển các bản PDF đang chờ trong cơ sở dữ liệu (Ctrl-C để dừng).")
    try:
        while True:
            done = pdf_renditions.run_pending()
            for file_id, status in done.items():
                click.echo(f"tệp {file_id}: {status}")
            if burst:
                return
            time.sleep(float(current_app.config["PDF_SWEEP_SECONDS"]))
    finally:
        pdf_renditions.pdf_convert.close_all()


@click.command("pdf-backfill")
@click.option("--limit", type=int, default=None, help="Tối đa bao nhiêu tệp (mặc định: tất cả).")
def pdf_backfill_command(limit):
    """Ask for the PDF of every generated file that has none, and queue again the pending ones
    nobody is working on (after Redis was down, or for files made before the PDFs existed)."""
    created, queued = pdf_renditions.backfill(limit)
    click.echo(f"Đã ghi nhận {created} bản PDF cần tạo; {queued} bản đang chờ đã được đưa vào hàng đợi "
               f"({current_app.config['PDF_QUEUE']}).")


@signing_cli.command("import-p12")
@click.argument("username")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--pin", prompt="Mã PIN của tệp PKCS#12", hide_input=True,
              help="Chỉ để kiểm tra tệp; không được lưu.")
def signing_import_p12_command(username, path, pin):
    """Store USERNAME's signing key (a PIN-protected PKCS#12, kept as it is; the PIN is not kept)."""
    user = accounts.find_user(username)
    if user is None:
        raise click.ClickException(f"Không có người dùng {username}.")
    try:
        row = signatures.import_personal(user, path.read_bytes(), pin)
    except WorkflowError as exc:
        raise click.ClickException(exc.message) from exc
    db.session.commit()
    click.echo(f"Đã nạp chứng thư ký số của {username}: {row.subject} (cấp bởi {row.issuer}, "
               f"hết hạn {row.not_after:%d/%m/%Y}).")


@signing_cli.command("import-seal")
@click.argument("org_code")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--pin", prompt="Mã PIN của tệp PKCS#12", hide_input=True)
def signing_import_seal_command(org_code, path, pin):
    """Store the body ORG_CODE's seal key (its organisation certificate), which signs at issue."""
    org = db.session.scalar(select(Organization).where(Organization.code == org_code))
    if org is None:
        raise click.ClickException(f"Không có cơ quan {org_code}.")
    try:
        row = signatures.import_seal(org, path.read_bytes(), pin)
    except WorkflowError as exc:
        raise click.ClickException(exc.message) from exc
    db.session.commit()
    click.echo(f"Đã nạp chứng thư của cơ quan {org_code}: {row.subject}.")


@signing_cli.command("add-root")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def signing_add_root_command(path):
    """Trust the CA certificate at PATH (PEM or DER) when validating signatures."""
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding
    data = path.read_bytes()
    try:
        cert = x509.load_pem_x509_certificate(data) if data.lstrip().startswith(b"-----") \
            else x509.load_der_x509_certificate(data)
    except ValueError as exc:
        raise click.ClickException(f"Tệp {path.name} không phải chứng thư số X.509 (PEM hoặc DER).") from exc
    row = signatures.add_trust_root(cert.public_bytes(Encoding.DER))
    db.session.commit()
    click.echo(f"Đã thêm CA tin cậy: {row.subject}.")


def register_cli(app: Flask) -> None:
    app.cli.add_command(pdf_worker_command)
    app.cli.add_command(pdf_backfill_command)
    app.cli.add_command(seed_demo_command)
    app.cli.add_command(users_cli)
    app.cli.add_command(templates_cli)
    app.cli.add_command(backup_cli)
    app.cli.add_command(notices_cli)
    app.cli.add_command(rounds_cli)
    app.cli.add_command(signing_cli)
