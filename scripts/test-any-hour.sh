#!/usr/bin/env bash
# The whole suite where the machine's day is not Vietnam's office day: in the time zones at
# both ends of the world, and with every process's clock (app, gunicorn, LibreOffice,
# Chromium) moved to 31 December 23:30 UTC, when Vietnam is already at 06:30 on 1 January.
# Green means no test reads the machine's date or time zone. Usage: make test-any-hour
set -euo pipefail
cd "$(dirname "$0")/.."
PYTEST=(.venv/bin/python -m pytest -q -p no:cacheprovider ${PYTEST_ARGS:-})

if ! command -v faketime >/dev/null; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq faketime >/dev/null
  else
    echo "faketime is missing (apt-get install faketime)" >&2; exit 1
  fi
fi

failed=()
echo "== TZ=Etc/GMT+11 (UTC-11)"
TZ=Etc/GMT+11 "${PYTEST[@]}" || failed+=("TZ=Etc/GMT+11")
echo "== TZ=Etc/GMT-14 (UTC+14)"
TZ=Etc/GMT-14 "${PYTEST[@]}" || failed+=("TZ=Etc/GMT-14")
# An offset, not a start time, so that every process the tests start shares one clock. The
# monotonic clock moves with it: faking only the wall clock makes Python's time.sleep() fail
# with EINVAL under libfaketime.
target=$(date -u -d "$(date -u +%Y)-12-31 23:30:00" +%s)
offset=$(( target - $(date -u +%s) ))
echo "== clock moved to $(date -u -d "@$target" '+%Y-%m-%d %H:%M') UTC"
[ "$offset" -ge 0 ] && offset="+$offset"
faketime -f "${offset}s" "${PYTEST[@]}" || failed+=("31 December 23:30 UTC")
if [ ${#failed[@]} -gt 0 ]; then
  echo "The suite failed at: ${failed[*]}" >&2
  exit 1
fi
echo "Green at every hour and time zone tried."
