"""Official numbers: consecutive, per series, restarting each year, never repeated, even across processes."""
import json
import os
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from tests.factories import advance, build_world, new_plan
from workflow_app.domain.errors import ValidationFailed
from workflow_app.domain.register import SHARED, RegisterKey
from workflow_app.extensions import db
from workflow_app.models import RegisterEntry
from workflow_app.services import register
from workflow_app.services.transitions import apply_transition

ROOT = Path(__file__).resolve().parents[2]


def issue(world, at: datetime, **extra):
    plan = new_plan(world)
    advance(world, plan, "approved", at=at)
    apply_transition(plan, "issue", world.users["archivist"], generate=False, at=at, **extra)
    return plan


def test_numbers_are_consecutive_from_one(world):
    at = datetime.now(timezone.utc)
    numbers = [issue(world, at).number for _ in range(11)]
    assert numbers == [f"{i:02d}/KH-UBND" for i in range(1, 12)]


def test_register_restarts_each_year(world):
    last_2023 = issue(world, datetime(2023, 12, 31, 9, tzinfo=timezone.utc), issued_on="2023-12-31")
    first_2024 = issue(world, datetime(2024, 1, 2, 2, tzinfo=timezone.utc), issued_on="2024-01-02")
    second_2024 = issue(world, datetime(2024, 1, 3, 2, tzinfo=timezone.utc), issued_on="2024-01-03")
    assert (last_2023.number, first_2024.number, second_2024.number) == ("01/KH-UBND", "01/KH-UBND",
                                                                       "02/KH-UBND")
    assert [e.year for e in (last_2023.number_entry, first_2024.number_entry)] == [2023, 2024]


def test_a_register_continues_where_the_paper_one_stopped(world):
    register.set_start(RegisterKey(world.district.id, 2023, "KH"), 66)
    db.session.commit()
    plan = issue(world, datetime(2023, 5, 30, 2, tzinfo=timezone.utc), issued_on="2023-05-30")
    assert plan.number == "67/KH-UBND"


def test_each_type_has_its_own_series(world):
    at = datetime.now(timezone.utc)
    for _ in range(3):
        register.allocate(RegisterKey(world.district.id, at.year, "QĐ"))
    db.session.commit()
    assert issue(world, at).number == "01/KH-UBND"
    key = RegisterKey(world.district.id, at.year, "QĐ")
    assert register.allocate(key) == 4


def test_a_shared_series_numbers_every_type_together(world):
    world.district.numbering_scheme = SHARED
    db.session.commit()
    at = datetime.now(timezone.utc)
    register.allocate(RegisterKey(world.district.id, at.year, "*"))
    db.session.commit()
    plan = issue(world, at)
    assert plan.number == "02/KH-UBND"
    assert plan.number_entry.series == "*"


def test_the_database_refuses_a_duplicate_number(world):
    plan = issue(world, datetime.now(timezone.utc))
    entry = plan.number_entry
    db.session.add(RegisterEntry(organization_id=entry.organization_id, year=entry.year, series=entry.series,
                                 seq=entry.seq, number=entry.number, type_abbr="KH", document_id=plan.id,
                                 purpose="issued", issued_on=entry.issued_on, title="trùng"))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_a_refused_issue_gives_back_nothing(world):
    at = datetime.now(timezone.utc)
    plan = new_plan(world)
    advance(world, plan, "approved")
    with pytest.raises(ValidationFailed) as refused:   # an issue date in the future
        apply_transition(plan, "issue", world.users["archivist"], generate=False, issued_on="2999-01-01")
    assert set(refused.value.fields) == {"issued_on"}
    assert db.session.scalar(select(RegisterEntry.id)) is None
    assert issue(world, at).number == "01/KH-UBND"


ALLOCATE_SCRIPT = """
import json, os, sys, time
from pathlib import Path
from workflow_app import create_app
from workflow_app.domain.register import RegisterKey
from workflow_app.extensions import db
from workflow_app.services.register import allocate
app = create_app({"SQLALCHEMY_DATABASE_URI": sys.argv[1], "SECRET_KEY": "x"})
key = RegisterKey(int(sys.argv[2]), 2024, "KH")
go = Path(sys.argv[3])
while not go.exists():
    time.sleep(0.005)
got = []
with app.app_context():
    for _ in range(50):
        got.append(allocate(key))
        db.session.commit()
print(json.dumps(got))
"""


def test_two_processes_allocating_at_once_get_distinct_consecutive_numbers(pg_app, tmp_path):
    world = build_world()
    url = db.engine.url.render_as_string(hide_password=False)
    go = tmp_path / "go"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen([sys.executable, "-c", ALLOCATE_SCRIPT, url, str(world.district.id), str(go)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
             for _ in range(2)]
    time.sleep(1.5)   # both processes are up and waiting
    go.touch()
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        results.append(json.loads(out))
    assert all(len(r) == 50 and r == sorted(r) for r in results)
    assert sorted(results[0] + results[1]) == list(range(1, 101))


# --- issue 12, point 3: a scheme or abbreviation change never gives a number twice ----------

def change_settings(world, **changes):
    """The body's settings as they are, with `changes`, through the admin service."""
    from workflow_app.services import admin
    org = world.district
    values = {key: getattr(org, key) or "" for key in admin.SETTINGS_LIMITS}
    values.update(name_lines=list(org.name_lines), legal_bases=list(org.legal_bases or []),
                  awards=list(org.awards), collective=org.collective,
                  numbering_scheme=org.numbering_scheme, allow_combined_duties=org.allow_combined_duties)
    values.update(changes)
    admin.update_settings(world.users["admin"], org, **values)


def test_a_number_is_unique_in_a_bodys_year_whatever_its_series(world):
    """The number itself is constrained: "01/KH-UBND" cannot be written twice in a year, even by
    two different series (per type "KH" and shared "*")."""
    plan = issue(world, datetime.now(timezone.utc))
    entry = plan.number_entry
    db.session.add(RegisterEntry(organization_id=entry.organization_id, year=entry.year, series="*",
                                 seq=entry.seq, number=entry.number, type_abbr="KH", document_id=plan.id,
                                 purpose="issued", issued_on=entry.issued_on, title="trùng"))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_switching_to_a_shared_series_mid_year_continues_after_the_highest_number(world):
    """The probe's case: per-type series, then one shared series: the next issue got 01/KH-UBND,
    which another document already had. It continues after every number given that year."""
    at = datetime.now(timezone.utc)
    given = [issue(world, at).number for _ in range(3)]
    for _ in range(5):
        register.allocate(RegisterKey(world.district.id, at.year, "QĐ"))   # QĐ numbers 1..5 given
    db.session.commit()
    change_settings(world, numbering_scheme=SHARED)
    after = [issue(world, at).number for _ in range(2)]
    assert given == ["01/KH-UBND", "02/KH-UBND", "03/KH-UBND"]
    assert after == ["06/KH-UBND", "07/KH-UBND"]


def test_switching_back_to_per_type_series_continues_each_type(world):
    at = datetime.now(timezone.utc)
    first = [issue(world, at).number for _ in range(2)]                 # per type: 01, 02/KH
    change_settings(world, numbering_scheme=SHARED)
    register.allocate(RegisterKey(world.district.id, at.year, "*"))      # a QĐ took 03 meanwhile
    db.session.commit()
    shared = [issue(world, at).number for _ in range(2)]                # 04, 05/KH
    change_settings(world, numbering_scheme="per_type")
    back = issue(world, at).number
    assert first == ["01/KH-UBND", "02/KH-UBND"] and shared == ["04/KH-UBND", "05/KH-UBND"]
    assert back == "06/KH-UBND"                                          # not 03: 03..05 were given


def test_a_scheme_change_also_continues_an_earlier_year(world):
    """A document issued now may carry last year's date (issued_on): that year continues too."""
    assert issue(world, datetime(2023, 12, 30, 2, tzinfo=timezone.utc), issued_on="2023-12-30").number == "01/KH-UBND"
    change_settings(world, numbering_scheme=SHARED)
    assert issue(world, datetime(2023, 12, 31, 2, tzinfo=timezone.utc), issued_on="2023-12-31").number == "02/KH-UBND"


def test_an_abbreviation_change_continues_the_series(world):
    at = datetime.now(timezone.utc)
    numbers = [issue(world, at).number]
    change_settings(world, abbreviation="UBND-VP")
    numbers.append(issue(world, at).number)
    change_settings(world, abbreviation="UBND")
    numbers.append(issue(world, at).number)
    assert numbers == ["01/KH-UBND", "02/KH-UBND-VP", "03/KH-UBND"]
