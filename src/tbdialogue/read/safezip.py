"""Defensive checks on ZIP-based documents (DOCX, ODT) before any XML parser sees them.

A DOCX is a ZIP of XML parts. Three attacks hide there, all refused here, before any text is built:
- a zip bomb (a few KB that expand to gigabytes), or headers that lie about sizes: the sizes the
  archive declares are checked first, then every member is inflated in 1 MB steps and counted, so
  that a member that inflates beyond what it declared is refused with the memory of one step (a
  plain ``ZipFile.read`` asks zlib for up to 2 GB at once);
- XML with a DTD (entity expansion, "billion laughs", or external entities that read local files
  or the network): every XML part is parsed once with one hardened parser — no DTD loaded, no
  entity resolved, no network, no huge trees — whatever its encoding (UTF-8, UTF-16) or wherever
  its DOCTYPE sits, and a part that has a DTD at all is refused (Office documents never carry one);
- a damaged part: malformed XML, refused in one line ("damaged"), never an internal error.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from ..errors import UnreadableInput

#: Refuse archives that would expand beyond this many bytes (a summary record's DOCX: ~0.1–2 MB).
MAX_UNCOMPRESSED_BYTES = 64 * 1024 * 1024
#: Refuse an XML part larger than this (lxml holds ~10 bytes of tree per byte of XML).
MAX_XML_PART_BYTES = 24 * 1024 * 1024
#: Refuse archives with more members than this.
MAX_MEMBERS = 5000
#: Bytes inflated at a time while checking a member.
_STEP = 1 << 20


def open_checked(data: bytes, kind: str = "DOCX") -> zipfile.ZipFile:
    """Open ``data`` as a ZIP after checking its size, member count and XML parts."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError):
        raise UnreadableInput(f"not a readable {kind} file (corrupt or truncated archive); download it again") from None
    if len(infos) > MAX_MEMBERS:
        raise UnreadableInput(f"the {kind} archive has {len(infos):,} parts (limit {MAX_MEMBERS:,}): refusing it")
    total = sum(i.file_size for i in infos)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise _too_big(kind, total)
    for info in infos:
        xml = info.filename.endswith((".xml", ".rels"))
        if xml and info.file_size > MAX_XML_PART_BYTES:
            raise UnreadableInput(
                f"the {kind} part {info.filename} is {info.file_size / 1e6:,.0f} MB of XML "
                f"(limit {MAX_XML_PART_BYTES / 1e6:,.0f} MB): not a summary record; refusing it"
            )
        raw = _inflate(zf, info, kind, keep=xml)
        if xml:
            check_xml(raw, info.filename, kind)
    return zf


def check_file_size(size: int, kind: str = "DOCX") -> None:
    """Refuse an archive file larger than its parts may expand to (compressed parts are no larger
    than what they expand to, but for their headers): from its size on disk, before it is read."""
    if size > MAX_UNCOMPRESSED_BYTES + 256 * MAX_MEMBERS:
        raise UnreadableInput(
            f"the {kind} file is {size / 1e6:,.0f} MB, more than its parts may expand to "
            f"(limit {MAX_UNCOMPRESSED_BYTES / 1e6:,.0f} MB): not a summary record; refusing it"
        )


def _too_big(kind: str, size: int) -> UnreadableInput:
    return UnreadableInput(
        f"the {kind} would expand to {size / 1e6:,.0f} MB (limit {MAX_UNCOMPRESSED_BYTES / 1e6:,.0f} MB): "
        "a zip bomb or not a summary record; refusing it"
    )


def _inflate(zf: zipfile.ZipFile, info: zipfile.ZipInfo, kind: str, keep: bool) -> bytes:
    """The member's bytes (``keep``) or none, inflated step by step, never beyond what it declared."""
    parts: list[bytes] = []
    size = 0
    try:
        with zf.open(info) as member:
            while chunk := member.read(_STEP):
                size += len(chunk)
                if size > info.file_size or size > MAX_UNCOMPRESSED_BYTES:
                    raise UnreadableInput(
                        f"the {kind} part {info.filename} inflates beyond the size its archive declares "
                        "(a zip bomb or a damaged file): refusing it"
                    )
                if keep:
                    parts.append(chunk)
    except UnreadableInput:
        raise
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error, NotImplementedError, RuntimeError):
        raise UnreadableInput(
            f"not a readable {kind} file (part {info.filename} is damaged, truncated or encrypted); download it again"
        ) from None
    return b"".join(parts)


def hardened_parser():
    """The one XML parser for document parts: no DTD, no entities, no network, no huge trees."""
    from lxml import etree

    return etree.XMLParser(
        resolve_entities=False, load_dtd=False, dtd_validation=False, no_network=True, huge_tree=False
    )


def check_xml(raw: bytes, name: str, kind: str):
    """Parse one XML part with :func:`hardened_parser`; refuse a DTD or damaged XML. The tree."""
    from lxml import etree

    dtd = UnreadableInput(
        f"the {kind} part {name} carries a DTD with entity declarations (an XML-entity attack, or a "
        "damaged file): refusing it"
    )
    try:
        root = etree.fromstring(raw, hardened_parser())
    except (etree.XMLSyntaxError, ValueError) as exc:
        if "entit" in str(exc).lower() or _declares_dtd(raw):
            raise dtd from None
        raise UnreadableInput(f"the {kind} part {name} is damaged (not well-formed XML); download it again") from None
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None or info.externalDTD is not None:
        raise dtd
    return root


def _declares_dtd(raw: bytes) -> bool:
    """A DOCTYPE or ENTITY declaration anywhere in the part, in UTF-8 or UTF-16 (for the message)."""
    texts = [raw]
    if b"\x00" in raw[:200]:
        texts += [raw.decode(enc, "ignore").encode() for enc in ("utf-16-le", "utf-16-be")]
    return any(b"<!DOCTYPE" in t.upper() or b"<!ENTITY" in t.upper() for t in texts)
