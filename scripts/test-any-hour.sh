#!/usr/bin/env bash
# The whole suite in the time zones at both ends of the world: green means no test reads the
# machine's time zone. The hour is covered in the suite itself: tests that depend on the
# office day travel (time-machine) to 31 December 17:30 UTC, already 1 January in Vietnam,
# and tests/test_clock_hygiene.py refuses code that reads the machine's date.
# (faketime was tried for moving every process's clock: under libfaketime, Python 3.11's
# time.sleep() fails or hangs in the tests that wait for a subprocess, so it proves nothing.)
# Usage: make test-any-hour
set -euo pipefail
cd "$(dirname "$0")/.."
PYTEST=(.venv/bin/python -m pytest -q -p no:cacheprovider ${PYTEST_ARGS:-})

failed=()
echo "== TZ=Etc/GMT+11 (UTC-11)"
TZ=Etc/GMT+11 "${PYTEST[@]}" || failed+=("TZ=Etc/GMT+11")
echo "== TZ=Etc/GMT-14 (UTC+14)"
TZ=Etc/GMT-14 "${PYTEST[@]}" || failed+=("TZ=Etc/GMT-14")
if [ ${#failed[@]} -gt 0 ]; then
  echo "The suite failed at: ${failed[*]}" >&2
  exit 1
fi
echo "Green in every time zone tried."
