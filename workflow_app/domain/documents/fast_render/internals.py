"""Every docxtpl and python-docx internal the fast path relies on, in one place.

An internal is what the libraries do not document as their API: a private name, a method
docxtpl's render() calls on itself (cached_template.py overrides eight of them), a
constructor's arguments, the order a save writes in, a zipfile default. The list was
checked against the versions in CHECKED_AGAINST, those pinned in requirements.txt.

Two tests hold it: tests/domain/test_fast_render_internals.py fails when a version differs
from CHECKED_AGAINST or an entry no longer resolves, is no longer called in the order given,
no longer sets what it set, or holds another value; tests/domain/test_render_shortcuts.py
fails when the behaviour imitated changed (the fast bytes stop matching stock docxtpl's).
After an upgrade: run both, fix or drop what fails (DOCUMENT_RENDERER=reference meanwhile),
then update CHECKED_AGAINST.
"""
from __future__ import annotations

import importlib
import importlib.metadata
import inspect
from dataclasses import dataclass

CHECKED_AGAINST = {"python-docx": "1.2.0", "docxtpl": "0.20.2"}

_ANY = object()


@dataclass(frozen=True)
class Internal:
    name: str                      # module.attribute.attribute...
    use: str                       # what the fast path does with it, and where
    calls: tuple[str, ...] = ()    # names the function still uses, first uses in this order
    sets: tuple[str, ...] = ()     # attributes the function still assigns on self
    value: object = _ANY           # the value it still has


_TPL = "docxtpl.DocxTemplate"
INTERNALS: tuple[Internal, ...] = (
    # docxtpl: the render sequence cached_template.CachedTemplate hooks into.
    Internal(f"{_TPL}.render", "the sequence our overrides rely on being called in",
             calls=("render_init", "build_xml", "fix_tables", "fix_docpr_ids", "map_tree",
                    "build_headers_footers_xml", "map_headers_footers_xml", "render_properties")),
    Internal(f"{_TPL}.__init__", "CachedTemplate calls it, then replaces the attributes it sets",
             sets=("template_file", "docx", "is_rendered")),
    Internal(f"{_TPL}.render_init", "calls init_docx (overridden: the Document from cached parts)",
             calls=("init_docx",)),
    Internal(f"{_TPL}.init_docx", "overridden (cached_template.CachedTemplate.init_docx)"),
    Internal(f"{_TPL}.build_xml", "overridden: patch_xml and the Jinja compile cached per master",
             calls=("get_xml", "patch_xml", "render_xml_part")),
    Internal(f"{_TPL}.get_xml", "called: the body as docxtpl serializes it"),
    Internal(f"{_TPL}.patch_xml", "called once per master and part, its result cached"),
    Internal(f"{_TPL}.render_xml_part", "imitated: compile_part and CachedTemplate._finish do its steps",
             calls=("sub", "from_string", "render", "replace", "resolve_listing")),
    Internal(f"{_TPL}.resolve_listing", "overridden: skipped when no value holds \\t \\n \\a \\f"),
    Internal(f"{_TPL}.fix_tables", "overridden: the body parsed straight into a new root (no column tags)"),
    Internal(f"{_TPL}.map_tree", "overridden: nothing to move when fix_tables built the root"),
    Internal(f"{_TPL}.fix_docpr_ids", "overridden: skipped when the master has no drawing"),
    Internal(f"{_TPL}.build_headers_footers_xml", "overridden: untagged parts skipped, compile cached",
             calls=("get_headers_footers", "get_part_xml", "patch_xml", "render_xml_part")),
    Internal(f"{_TPL}.get_headers_footers", "called: the header and footer parts of the body"),
    Internal(f"{_TPL}.get_part_xml", "called: a header or footer as docxtpl serializes it"),
    Internal(f"{_TPL}.render_properties", "overridden: nothing (render.py writes the core properties)"),
    # python-docx: a Document built from a master's cached parts (cached_template.open_document).
    Internal("docx.opc.pkgreader.PackageReader.from_file", "the master's zip read once, kept per sha256"),
    Internal("docx.opc.package.Unmarshaller.unmarshal", "builds a Package from the kept reader",
             calls=("_unmarshal_parts", "_unmarshal_relationships", "after_unmarshal")),
    Internal("docx.opc.part.PartFactory", "called (partname, content_type, reltype, blob, package) for a new part"),
    Internal("docx.opc.part.XmlPart.load", "a classmethod: a part class that keeps it is built from its XML alone"),
    Internal("docx.opc.part.XmlPart.__init__", "(partname, content_type, element, package): a cached tree's copy",
             sets=("_element",)),
    Internal("docx.package.Package", "an empty package to unmarshal into"),
    Internal("docx.opc.package.OpcPackage.main_document_part", "the document part of the new package"),
    Internal("docx.oxml.parser.parse_xml", "parses the rendered body inside the master's root"),
    # python-docx: its save, done by docx_out.docx_bytes.
    Internal("docx.opc.package.OpcPackage.save", "imitated: before_marshal on every part, then the writer",
             calls=("parts", "before_marshal", "write")),
    Internal("docx.opc.pkgwriter.PackageWriter.write", "imitated: the order of the zip's members",
             calls=("_write_content_types_stream", "_write_pkg_rels", "_write_parts")),
    Internal("docx.opc.pkgwriter.PackageWriter._write_parts", "imitated: each part, then its rels if any",
             calls=("write", "partname", "blob", "len", "rels", "rels_uri", "xml")),
    Internal("docx.opc.pkgwriter._ContentTypesItem.from_parts", "called: [Content_Types].xml of the parts"),
    Internal("docx.opc.pkgwriter._ContentTypesItem.blob", "its bytes"),
    Internal("docx.opc.packuri.CONTENT_TYPES_URI", "the content types member's name"),
    Internal("docx.opc.packuri.PACKAGE_URI", "the package rels member's name (its rels_uri)"),
    Internal("docx.opc.packuri.PackURI.membername", "a part's name in the zip"),
    Internal("docx.opc.packuri.PackURI.rels_uri", "a part's rels' name"),
    # zipfile, as python-docx's save writes through it (docx_out.py, zip_records.py).
    Internal("zipfile.DEFAULT_VERSION", "docx_out._VERSION: 'version made by/needed' of a deflated member",
             value=20),
    Internal("zipfile.ZIP64_LIMIT", "docx_out._ZIP64_LIMIT: beyond it python-docx's save is used", value=(1 << 31) - 1),
    Internal("zipfile.ZIP_FILECOUNT_LIMIT", "docx_out._COUNT_LIMIT: likewise", value=(1 << 16) - 1),
    Internal("zipfile.ZipFile.writestr", "imitated: a member's date (time.localtime(time.time())), "
             "attributes (0o600 << 16) and compression", calls=("time", "localtime", "external_attr")),
)


def installed_versions() -> dict[str, str]:
    return {name: importlib.metadata.version(name) for name in CHECKED_AGAINST}


def resolve(dotted: str):
    """The object `dotted` names: the longest importable module prefix, then attributes."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            target = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attribute in parts[cut:]:
            target = inspect.getattr_static(target, attribute)
        return target
    raise ImportError(dotted)


def _function(target):
    target = getattr(target, "__func__", target)          # classmethod, staticmethod
    return getattr(target, "fget", target)                # property


def problems() -> list[str]:
    """What no longer holds of INTERNALS, [] when all of it does."""
    found = []
    for internal in INTERNALS:
        try:
            target = resolve(internal.name)
        except (ImportError, AttributeError) as exc:
            found.append(f"{internal.name}: gone ({type(exc).__name__}: {exc}); used for: {internal.use}")
            continue
        if internal.calls:
            names = list(_function(target).__code__.co_names)
            missing = [n for n in internal.calls if n not in names]
            if missing:
                found.append(f"{internal.name}: no longer uses {', '.join(missing)}; used for: {internal.use}")
            elif [names.index(n) for n in internal.calls] != sorted(names.index(n) for n in internal.calls):
                found.append(f"{internal.name}: uses {', '.join(internal.calls)} in another order; "
                             f"used for: {internal.use}")
        if internal.sets:
            source = inspect.getsource(_function(target))
            unset = [a for a in internal.sets if f"self.{a} =" not in source]
            if unset:
                found.append(f"{internal.name}: no longer sets {', '.join(unset)}; used for: {internal.use}")
        if internal.value is not _ANY and target != internal.value:
            found.append(f"{internal.name}: is {target!r}, not {internal.value!r}; used for: {internal.use}")
    return found
