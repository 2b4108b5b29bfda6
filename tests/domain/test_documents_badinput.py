"""Hostile and odd text in every field still gives a valid document, text preserved (NFC)."""
from __future__ import annotations

import io
import unicodedata
from dataclasses import replace

from docx import Document

from workflow_app.domain.documents import RENDERERS, generate, template_names
from workflow_app.domain.documents.clean import MAX_TEXT

try:
    from . import document_samples as s
except ImportError:
    import document_samples as s

NFD_NAME = unicodedata.normalize("NFD", "Nguyễn Thị Ngọc Ánh")
HOSTILE = ("A & B <script>alert(1)</script> ]]> {{ x }} {% if %} {_{ y }_} {_% z %_} 😀🇻🇳 "
           "\x00\x01\x08\x0b\x0c\x1f\x7f\ufffe\ud800 end")
CLEANED = "A & B <script>alert(1)</script> ]]> {{ x }} {% if %} {_{ y }_} {_% z %_} 😀🇻🇳 end"
LONG = ("Phong trào học tập suốt đời " * 800)[:20_000].strip()


def _bad_plan():
    return replace(s.PLAN, title=f"Kế hoạch {HOSTILE}", legal_bases=(f"Căn cứ {HOSTILE};", "Căn cứ \x07 khác"),
                   sections=((f"{NFD_NAME} {HOSTILE}", (HOSTILE, LONG, "dòng một\r\ndòng hai\rdòng ba\u2028bốn")),
                             ("TỔ CHỨC THỰC HIỆN", ("\f\a\t",))),
                   milestones=((HOSTILE, None),), recipients=(HOSTILE, "- Lưu: VT, XYZ.", "", NFD_NAME))


def _bad_commendation():
    nominees = [replace(n, full_name=f"{NFD_NAME} {HOSTILE}" if i in (0, 2) else n.full_name,
                        achievement=LONG if i == 1 else HOSTILE, note=HOSTILE,
                        award=s.CHIEN_SI if i == 2 else n.award)      # a page in each certificate file
                for i, n in enumerate(s.NOMINEES)]
    return replace(s.COMMENDATION, title=HOSTILE, reason=HOSTILE, period=HOSTILE, plan_reference=HOSTILE,
                   recipients=(HOSTILE,), nominees=tuple(nominees))


def _bad_generation(plan: bool):
    gen = s.plan_generation("issued") if plan else s.commendation_generation("issued")
    signer = s.DEPUTY.__class__(full_name=f"{NFD_NAME}\x00", position=HOSTILE, form="KT")
    return replace(gen, signer=signer, proposal_signer=signer, reviewer=signer, comment=f"{HOSTILE}\n{LONG}",
                   issuer=replace(gen.issuer, name=f"Ủy ban {HOSTILE}", legal_bases=(HOSTILE,)))


def _generate_all():
    for name in template_names():
        plan = name in ("ke-hoach", "to-trinh-ke-hoach")
        yield name, generate(name, _bad_plan() if plan else _bad_commendation(), _bad_generation(plan))


def test_hostile_text_gives_valid_documents_that_pass_the_checker(tmp_path):
    official = []
    for name, doc in _generate_all():
        Document(io.BytesIO(doc.content))                      # reopens
        path = tmp_path / doc.name
        path.write_bytes(doc.content)
        if name not in ("giay-khen", "giay-khen-in-phoi", "chien-si-thi-dua-co-so"):
            official.append(path)
    failures = s.check_format(official, draft=True)
    assert len(failures) == 10 and {p: f for p, f in failures.items() if f} == {}


def test_hostile_text_is_kept_verbatim_and_normalised():
    for name, doc in _generate_all():
        text = s.text(doc.content)
        assert CLEANED in text, name
        assert unicodedata.normalize("NFC", NFD_NAME) in text, name
        assert NFD_NAME not in text or NFD_NAME == unicodedata.normalize("NFC", NFD_NAME)
        assert text == unicodedata.normalize("NFC", text), name
        for bad in ("\x00", "\x01", "\x0b", "\x0c", "\x7f", "\ufffe", "\ud800", "\a", "\f"):
            assert bad not in text, (name, repr(bad))


def test_both_renderers_keep_docxtpls_escape_sequences_as_typed():
    """Issue 13 §7: docxtpl turns '{_{' into '{{' after rendering; a user's own text must not change."""
    plan = replace(s.PLAN, title="Trường học {_{thân thiện}_} {_%a%_}")
    for renderer in RENDERERS:
        text = s.text(generate("ke-hoach", plan, s.plan_generation(), renderer=renderer).content)
        assert "Trường học {_{thân thiện}_} {_%a%_}" in text, renderer


def test_the_long_paragraph_survives_whole_in_its_own_paragraph():
    plan = dict(_generate_all())["ke-hoach"]
    paras = s.paragraphs(plan.content)
    assert LONG in paras
    assert ["dòng một", "dòng hai", "dòng ba", "bốn"] == paras[paras.index(LONG) + 1:paras.index(LONG) + 5]
    assert "- Lưu: VT, NV." in paras and "- Lưu: VT, XYZ.;" not in paras     # one Lưu line, the layout's


def test_text_beyond_the_field_limit_is_cut_not_refused():
    huge = "x" * (MAX_TEXT + 10_000)
    doc = generate("ke-hoach", replace(s.PLAN, sections=(("MỤC ĐÍCH", (huge,)),)), s.plan_generation())
    longest = max(s.paragraphs(doc.content), key=len)
    assert len(longest) == MAX_TEXT and longest.endswith("…")


def test_core_properties_survive_hostile_text():
    doc = dict(_generate_all())["ke-hoach"]
    cp = Document(io.BytesIO(doc.content)).core_properties
    assert cp.author == f"Ủy ban {CLEANED}" and CLEANED in cp.title and "&amp;" not in cp.title
