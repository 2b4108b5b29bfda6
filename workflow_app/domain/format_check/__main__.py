"""python -m workflow_app.domain.format_check FILE.docx [FILE.docx …] [--draft] [--json]

Exit status 0 when every file passes every rule, 1 otherwise, 2 on a usage error."""
from __future__ import annotations

import json
import sys

from . import check_document


def main(argv: list[str]) -> int:
    files = [a for a in argv if not a.startswith("--")]
    flags = {a for a in argv if a.startswith("--")}
    if not files or flags - {"--draft", "--json"}:
        print(__doc__, file=sys.stderr)
        return 2
    all_ok = True
    for path in files:
        report = check_document(path, draft="--draft" in flags)
        all_ok &= report.ok
        if "--json" in flags:
            print(json.dumps({"file": path, "ok": report.ok, "passed": len(report.passed),
                              "failures": [{"rule": f.rule, "why": f.why} for f in report.failures]},
                             ensure_ascii=False))
        else:
            print(f"{path}: {'OK' if report.ok else 'FAIL'} "
                  f"({len(report.passed)} checks passed, {len(report.failures)} failed)")
            for failure in report.failures:
                print(f"  {failure}")
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
