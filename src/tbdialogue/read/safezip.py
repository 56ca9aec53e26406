"""Defensive checks on ZIP-based documents (DOCX, ODT) before any XML parser sees them.

A DOCX is a ZIP of XML parts. Two attacks hide there: a zip bomb (a few KB that expand to
gigabytes) and XML with a DTD (entity expansion, "billion laughs", or external entities that read
local files or the network). Sizes are checked from the archive's directory (``zipfile`` never
inflates a member beyond its declared size: a lying header fails its CRC check), and every XML
part that declares a DTD is parsed with defusedxml, which names the attack; Office documents
never carry a DTD, so such a file is refused.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from ..errors import UnreadableInput

#: Refuse archives that would expand beyond this many bytes.
MAX_UNCOMPRESSED_BYTES = 256 * 1024 * 1024
#: Refuse archives with more members than this.
MAX_MEMBERS = 5000


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
        raise UnreadableInput(
            f"the {kind} would expand to {total / 1e6:,.0f} MB (limit {MAX_UNCOMPRESSED_BYTES / 1e6:,.0f} MB): "
            "a zip bomb or not a summary record; refusing it"
        )
    for info in infos:
        if info.filename.endswith((".xml", ".rels")):
            try:
                raw = zf.read(info)
            except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error):
                raise UnreadableInput(
                    f"not a readable {kind} file (part {info.filename} is corrupt or truncated); download it again"
                ) from None
            _check_xml(raw, info.filename, kind)
    return zf


def _check_xml(raw: bytes, name: str, kind: str) -> None:
    head = raw.lstrip()[:4096].upper()
    if b"<!DOCTYPE" not in head and b"<!ENTITY" not in raw.upper():
        return
    import defusedxml.ElementTree as SafeET
    from defusedxml import DefusedXmlException

    try:
        SafeET.fromstring(raw, forbid_dtd=True)
    except DefusedXmlException:
        raise UnreadableInput(
            f"the {kind} part {name} carries a DTD with entity declarations (an XML-entity attack, "
            "or a damaged file): refusing it"
        ) from None
    except Exception:
        raise UnreadableInput(f"the {kind} part {name} is not well-formed XML: refusing it") from None
