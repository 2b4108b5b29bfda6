"""Vietnam's calendar day. Official dates (issue, register, "ngày … tháng …") are local dates,
while timestamps are stored in UTC: between 00:00 and 07:00 local time the two days differ."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

# Indochina Time, UTC+7 all year (no daylight saving): a fixed offset needs no tz database.
VIETNAM_TIME = timezone(timedelta(hours=7), "ICT")


def local_date(moment: datetime) -> date:
    """The Vietnamese calendar day of a moment (naive moments are taken as UTC)."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
    return aware.astimezone(VIETNAM_TIME).date()


def local_today() -> date:
    return local_date(datetime.now(timezone.utc))
