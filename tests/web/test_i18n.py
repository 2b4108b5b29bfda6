"""The English catalog covers every UI text and its compiled .mo matches the .po."""
from __future__ import annotations

import io
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
CATALOG = ROOT / "translations" / "en" / "LC_MESSAGES"
BABEL_CFG = ROOT / "translations" / "babel.cfg"   # what `pybabel extract` reads, read the same way here
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None, "N_": None}


def _source_msgids() -> set[str]:
    found = set()
    with BABEL_CFG.open() as cfg:
        methods, options = parse_mapping_cfg(cfg)
    for _, _, message, _, _ in extract_from_dir(str(ROOT), methods, options_map=options, keywords=KEYWORDS):
        found.add(message if isinstance(message, str) else message[0])
    return found


def test_every_ui_text_has_an_english_translation():
    po = read_po((CATALOG / "messages.po").open("rb"), locale="en")
    translated = {m.id for m in po if m.id and m.string and not m.fuzzy}
    missing = sorted(_source_msgids() - translated)
    assert not missing, "untranslated (run the pybabel steps in messages.po's header):\n" + "\n".join(missing)


def test_compiled_catalog_matches_the_po():
    po = read_po((CATALOG / "messages.po").open("rb"), locale="en")
    mo = read_mo(io.BytesIO((CATALOG / "messages.mo").read_bytes()))
    expected = {m.id: m.string for m in po if m.id and m.string and not m.fuzzy}
    compiled = {m.id: m.string for m in mo if m.id}
    assert compiled == expected, "run: pybabel compile -d translations -l en"


def test_labels_kept_as_data_are_extracted():
    from workflow_app.domain.signing import SIGNER_FORMS
    from workflow_app.domain.workflows import DEFINITIONS
    from workflow_app.domain.workflows.definitions import ROLE_LABELS
    from workflow_app.web.presenters import GENDERS, NOMINEE_KINDS, REVIEW_STATUSES
    labels = {label for d in DEFINITIONS.values()
              for label in (d.label, d.compose_label, *(s.label for s in d.states),
                            *(t.label for t in d.transitions)) if label}   # a kind never composed has none
    labels |= {*ROLE_LABELS.values(), *SIGNER_FORMS.values(), *NOMINEE_KINDS.values(),
               *REVIEW_STATUSES.values(), *GENDERS.values()} - {"—"}
    assert not labels - _source_msgids()
