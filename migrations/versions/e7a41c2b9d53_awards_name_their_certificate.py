"""awards name their certificate: Giấy khen, the CSTĐCS certificate, or none (issue 13, point 1)

Revision ID: e7a41c2b9d53
Revises: 332538c3089a
Create Date: 2026-12-01 09:00:00

Each award of a body's list (organizations.awards, [{"code", "label"}]) gains "certificate":
"giay_khen", "chien_si_thi_dua_co_so" or null. Until now the issue step printed a Giấy khen for
every awardee, whatever the award. An award is given the certificate its code or label names: a
Giấy khen ("giay_khen", "Giấy khen …") the Giấy khen, "Chiến sĩ thi đua cơ sở" its own; any other
("Lao động tiên tiến", "Tập thể lao động tiên tiến", a body's own) none: the law prescribes no
certificate for them (Ministry of Home Affairs, 14/11/2023), and the admin may choose one.
Awards that already say which certificate they get are left as they are.
"""
import unicodedata

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e7a41c2b9d53'
down_revision = '332538c3089a'
branch_labels = None
depends_on = None

organizations = sa.table("organizations", sa.column("id", sa.Integer), sa.column("awards", sa.JSON))


def _folded(text) -> str:
    """'Chiến sĩ  thi đua' -> 'chien si thi dua' (no accents, one space, lower case)."""
    decomposed = unicodedata.normalize("NFD", str(text or "").replace("đ", "d").replace("Đ", "D"))
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower().split())


def _certificate(award: dict):
    code, label = str(award.get("code") or ""), _folded(award.get("label"))
    if code == "giay_khen" or label.startswith("giay khen"):
        return "giay_khen"
    if code == "chien_si_thi_dua_co_so" or "chien si thi dua co so" in label:
        return "chien_si_thi_dua_co_so"
    return None


def _rewrite(change) -> None:
    conn = op.get_bind()
    for org_id, awards in conn.execute(sa.select(organizations.c.id, organizations.c.awards)).all():
        if not isinstance(awards, list):
            continue
        new = [change(a) if isinstance(a, dict) else a for a in awards]
        if new != awards:
            conn.execute(organizations.update().where(organizations.c.id == org_id).values(awards=new))


def upgrade():
    _rewrite(lambda a: a if "certificate" in a else {**a, "certificate": _certificate(a)})


def downgrade():
    _rewrite(lambda a: {k: v for k, v in a.items() if k != "certificate"})
