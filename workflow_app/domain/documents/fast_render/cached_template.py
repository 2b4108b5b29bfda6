"""docxtpl's DocxTemplate with its per-render fixed costs cached (the fast path's render step).

Stock docxtpl re-reads the master's zip (every part inflated, content types and
relationships parsed, every XML part parsed), re-runs patch_xml (a dozen regexes over
the whole body) and recompiles the Jinja template on every render. All depend only on
the master's bytes, so they are cached under the master's sha256 (content-addressed,
hence never stale; each render gets its own copy of the XML trees), with one Jinja
environment (jinja_env.py). The result is the document stock docxtpl renders
(../reference_render.py); the docxtpl and python-docx internals used here are listed
in internals.py.
"""
from __future__ import annotations

import copy
import io
import re
import threading
from dataclasses import dataclass
from typing import Callable

import jinja2
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.package import Unmarshaller
from docx.opc.part import PartFactory, XmlPart
from docx.opc.pkgreader import PackageReader
from docx.oxml.parser import parse_xml
from docx.package import Package
from docxtpl import DocxTemplate
from lxml import etree

from ..jinja_env import new_environment

ENV = new_environment()
_COMPILED: dict[tuple[str, str], jinja2.Template] = {}


@dataclass(frozen=True)
class _MasterFacts:
    column_tags: bool        # {%tc %}, colspan, hm, vm: docxtpl must repair the table grids
    drawings: bool           # pictures whose ids docxtpl renumbers
    body_fonts: bool         # the body sets fonts on runs (a master edited in Word): pin them too
    root_open: str           # '<w:document xmlns:…>' of the master, to parse the body into
    body_open: str           # '<w:body xmlns:…>' as the rendered body starts (all namespaces declared)
    stock_body_open: str     # the same without the declarations the root already makes, as stock
                             # docxtpl's map_tree leaves it (lxml drops them when it moves the body in)


_MASTER_FACTS: dict[str, _MasterFacts] = {}
_READERS: dict[str, PackageReader] = {}   # the master's parts as read from its zip (bytes, never changed)
# (sha256, partname) -> (part class, XML tree as parsed): every render gets its own copy.
_PARSED_PARTS: dict[tuple[str, str], tuple[type, object]] = {}
_LOCK = threading.Lock()
_LISTING_CHARS = re.compile("[\t\n\a\f]")
# docxtpl tags that change a table's column count; only they need docxtpl's fix_tables.
_COLUMN_TAGS = re.compile(r"\{%-?\s*(?:tc\s|colspan\s|hm\s*-?%|vm\s*-?%)")
_BODY_OPEN = re.compile(r"<w:body\b[^>]*>")
_DECLARATION = re.compile(r'\sxmlns(?::([\w.-]+))?="([^"]*)"')


def _without_declarations_of(root, start_tag: str) -> str:
    """`start_tag` less the namespace declarations `root` makes alike."""
    declared = root.nsmap
    return _DECLARATION.sub(lambda m: "" if declared.get(m.group(1)) == m.group(2) else m.group(0), start_tag)


def compile_part(sha256: str, key: str, patched_xml: Callable[[], str]) -> jinja2.Template:
    """The compiled Jinja template of one part of one master (built once)."""
    template = _COMPILED.get((sha256, key))
    if template is None:
        source = re.sub(r"<w:p([ >])", r"\n<w:p\1", patched_xml())   # as docxtpl's render_xml_part
        template = ENV.from_string(source)
        with _LOCK:
            _COMPILED[(sha256, key)] = template
    return template


def _package_reader(content: bytes, sha256: str) -> PackageReader:
    reader = _READERS.get(sha256)
    if reader is None:
        reader = PackageReader.from_file(io.BytesIO(content))
        with _LOCK:
            _READERS[sha256] = reader
    return reader


def _copying_part_factory(sha256: str):
    """PartFactory, except that an XML part read before is a copy of its tree as first parsed
    (copying a tree costs about half of parsing it)."""
    def make(partname, content_type, reltype, blob, package):
        key = (sha256, partname)
        known = _PARSED_PARTS.get(key)
        if known is not None:
            part_class, element = known
            return part_class(partname, content_type, copy.deepcopy(element), package)
        part = PartFactory(partname, content_type, reltype, blob, package)
        if _built_from_xml_alone(type(part)):
            with _LOCK:
                _PARSED_PARTS[key] = (type(part), copy.deepcopy(part.element))
        return part
    return make


def _built_from_xml_alone(part_class) -> bool:
    """A part python-docx builds with XmlPart.load from its parsed XML, and nothing else."""
    return (issubclass(part_class, XmlPart) and part_class.load.__func__ is XmlPart.load.__func__
            and part_class.__init__ is XmlPart.__init__)


def open_document(content: bytes, sha256: str):
    """docx.Document(BytesIO(content)), built from the master's cached parts: a fresh,
    independent python-docx Document each time (its XML trees are copies, never shared)."""
    package = Package()
    Unmarshaller.unmarshal(_package_reader(content, sha256), package, _copying_part_factory(sha256))
    document_part = package.main_document_part
    if document_part.content_type != CT.WML_DOCUMENT_MAIN:
        raise ValueError(f"not a Word file: the main part is {document_part.content_type}")
    return document_part.document


class CachedTemplate(DocxTemplate):
    """A DocxTemplate for one render of a master known by its bytes and sha256."""

    def __init__(self, content: bytes, sha256: str) -> None:
        super().__init__(io.BytesIO(content))
        self._sha256 = sha256
        self._content = content
        self._own_root = False      # True once the rendered body was parsed into a root of its own

    def init_docx(self, reload: bool = True):
        if not self.docx or (self.is_rendered and reload):
            self.docx = open_document(self._content, self._sha256)
            self.is_rendered = False

    @property
    def facts(self) -> _MasterFacts:
        """What the rendered master's body contains (known after render())."""
        return _MASTER_FACTS[self._sha256]

    def _finish(self, xml: str) -> str:
        """docxtpl's post-render steps, with str.replace where a regex is not needed."""
        xml = xml.replace("\n<w:p ", "<w:p ").replace("\n<w:p>", "<w:p>")
        if "{_" in xml or "_}" in xml:
            xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
        return self.resolve_listing(xml)

    def build_xml(self, context, jinja_env=None):
        def patched():
            raw = self.get_xml()
            body_open = _BODY_OPEN.match(raw).group(0)
            _MASTER_FACTS[self._sha256] = _MasterFacts(
                column_tags=bool(_COLUMN_TAGS.search(re.sub(r"<[^>]+>", "", raw))),
                drawings="docPr" in raw,
                body_fonts="rFonts" in raw,
                root_open=etree.tostring(self.docx.element, encoding="unicode").split("<w:body", 1)[0],
                body_open=body_open,
                stock_body_open=_without_declarations_of(self.docx.element, body_open))
            return self.patch_xml(raw)
        template = compile_part(self._sha256, "body", patched)
        return self._finish(template.render(context))

    def fix_tables(self, xml):
        """Parse the rendered body straight into a new document root.

        docxtpl parses with a forgiving parser, repairs column counts (only needed for
        column tags) and then moves the tree into the document node by node. Here the body
        is parsed once, strictly (clean, escaped values leave no excuse for bad XML: an
        error means a broken master and is raised), already inside its root.
        """
        facts = _MASTER_FACTS[self._sha256]
        self._own_root = not facts.column_tags
        if not self._own_root:
            return super().fix_tables(xml)
        if xml.startswith(facts.body_open):
            xml = facts.stock_body_open + xml[len(facts.body_open):]
        root = parse_xml(facts.root_open + xml + "</w:document>")
        part = self.docx.part
        part._element = root
        self.docx = part.document
        return root.body

    def map_tree(self, tree):
        if not self._own_root:
            super().map_tree(tree)

    def fix_docpr_ids(self, tree):
        if _MASTER_FACTS[self._sha256].drawings:      # an XPath over the whole body otherwise
            super().fix_docpr_ids(tree)

    def build_headers_footers_xml(self, context, uri, jinja_env=None):
        for rel_key, part in self.get_headers_footers(uri):
            if b"{" not in part.blob:            # no tag at all: the part stays as it is
                continue
            template = compile_part(self._sha256, f"part:{part.partname}",
                                    lambda part=part: self.patch_xml(self.get_part_xml(part)))
            yield rel_key, self._finish(template.render(context)).encode("utf-8")

    def render_properties(self, context, jinja_env=None) -> None:
        """Core properties are written from the document's data after rendering, not templated."""

    def resolve_listing(self, xml: str) -> str:
        # The regex walk over every paragraph only matters when a value holds \t \n \a \f;
        # cleaned contexts normally hold none.
        if _LISTING_CHARS.search(xml) is None:
            return xml
        return super().resolve_listing(xml)


def render_master(content: bytes, sha256: str, context: dict) -> CachedTemplate:
    """Render `context` into a copy of the master; the result's .docx is a python-docx Document."""
    template = CachedTemplate(content, sha256)
    template.render(context, jinja_env=ENV, autoescape=True)
    return template

