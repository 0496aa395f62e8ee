"""A ``.po`` catalog compiled into ``.mo`` bytes, as Babel's ``read_po`` and ``write_mo`` do.

Read: ``msgctxt``, ``msgid``, ``msgid_plural``, ``msgstr`` and ``msgstr[n]`` with their
continuation lines and escapes (``\\n``, ``\\t``, ``\\r``, ``\\\\``, ``\\"``); flags from
``#,`` lines; obsolete (``#~``) entries dropped. The header entry (``msgid ""``) is written as
it stands and gives the number of plural forms. Written: the header, then every entry with a
translation that is not fuzzy (a plural entry with an empty form gets its msgid or plural
msgid there), sorted by msgid and context, little-endian, without a hash table.
"""

from __future__ import annotations

import array
import re
import struct
from dataclasses import dataclass, field

LE_MAGIC = 0x950412DE
_ESCAPE = re.compile(r'\\([\\trn"])')
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r"}
_PLURALS = re.compile(r"nplurals\s*=\s*(\d+)")
DEFAULT_PLURALS = 2


class PoError(ValueError):
    """A ``.po`` file this reader cannot read."""


def unescape(quoted: str) -> str:
    """A PO string's text: the quotes taken off and its escapes replaced."""
    return _ESCAPE.sub(lambda match: _ESCAPES.get(match.group(1), match.group(1)), quoted[1:-1])


@dataclass(slots=True)
class Entry:
    """One message while it is read: its parts' quoted lines, and its flags."""

    context: list[str] | None = None
    ids: list[list[str]] = field(default_factory=list)  # msgid, then msgid_plural
    strings: list[tuple[int, list[str]]] = field(default_factory=list)  # (index, lines)
    flags: set[str] = field(default_factory=set)
    obsolete: bool = False
    target: list[str] | None = None  # where a continuation line goes

    def text(self, lines: list[str]) -> str:
        return "".join(unescape(line) for line in lines)


@dataclass(frozen=True, slots=True)
class Message:
    context: str | None
    id: str | tuple[str, ...]
    string: str | tuple[str, ...]
    fuzzy: bool

    def sort_key(self) -> tuple[str, str]:
        return (self.id if isinstance(self.id, str) else self.id[0], self.context or "")


def read_po(po: bytes) -> tuple[Message, list[Message]]:
    """The header entry and the other entries of a UTF-8 ``.po`` file, in file order."""
    entries: list[Entry] = []
    current = Entry()
    for number, raw in enumerate(po.decode("utf-8").splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        obsolete = line.startswith("#~")
        if line.startswith("#") and not obsolete:
            current = _finished(current, entries)
            if line.startswith("#,"):
                current.flags.update(flag.strip() for flag in line[2:].split(","))
            continue
        if obsolete:
            line = line[2:].lstrip()
        try:
            current = _read_line(current, line, obsolete, entries)
        except (ValueError, IndexError) as error:
            raise PoError(f"line {number}: {raw!r}") from error
    _finished(current, entries)
    kept = [entry for entry in entries if not entry.obsolete]
    header = next((entry for entry in kept if not entry.ids[0] and not entry.context), None)
    header_text = header.text(header.strings[0][1]) if header and header.strings else ""
    found = _PLURALS.search(header_text)
    plurals = int(found.group(1)) if found else DEFAULT_PLURALS
    messages = [_message(entry, plurals) for entry in kept if entry is not header]
    return Message(None, "", header_text, "fuzzy" in (header.flags if header else ())), messages


def _finished(entry: Entry, entries: list[Entry]) -> Entry:
    """A new entry when ``entry`` has its msgid (kept in ``entries``), else ``entry`` itself."""
    if not entry.ids:
        return entry
    entries.append(entry)
    return Entry()


def _read_line(entry: Entry, line: str, obsolete: bool, entries: list[Entry]) -> Entry:
    if line.startswith('"'):
        if entry.target is None:
            raise PoError("a continuation line outside msgid, msgstr or msgctxt")
        entry.target.append(line)
        return entry
    keyword, _space, argument = line.partition(" ")
    argument = argument.strip()
    if keyword in ("msgid", "msgctxt"):
        entry = _finished(entry, entries)
    entry.obsolete = obsolete
    lines = [argument] if argument and argument != '""' else []
    if keyword in ("msgid", "msgid_plural"):
        entry.ids.append(lines)
    elif keyword == "msgctxt":
        entry.context = lines
    elif keyword == "msgstr" or keyword.startswith("msgstr["):
        index = int(keyword[7:-1]) if keyword != "msgstr" else 0
        entry.strings.append((index, lines))
    else:
        raise PoError(f"unknown keyword {keyword!r}")
    entry.target = lines
    return entry


def _message(entry: Entry, plurals: int) -> Message:
    context = entry.text(entry.context) if entry.context is not None else None
    fuzzy = "fuzzy" in entry.flags
    if not entry.strings:
        entry.strings.append((0, []))
    if len(entry.ids) == 1:
        return Message(context, entry.text(entry.ids[0]), entry.text(entry.strings[0][1]), fuzzy)
    forms = [""] * plurals
    for index, lines in sorted(entry.strings, key=lambda item: item[0]):
        if index < plurals:
            forms[index] = entry.text(lines)
    return Message(context, tuple(entry.text(part) for part in entry.ids), tuple(forms), fuzzy)


def _encoded(message: Message) -> tuple[bytes, bytes]:
    if isinstance(message.id, tuple):
        strings = [text or message.id[min(index, 1)] for index, text in enumerate(message.string)]
        key, value = "\0".join(message.id), "\0".join(strings)
    else:
        key, value = message.id, str(message.string)
    if message.context:
        key = f"{message.context}\x04{key}"
    return key.encode("utf-8"), value.encode("utf-8")


def compile_po(po: bytes) -> bytes:
    """The ``.mo`` bytes of ``po``, as Babel's ``write_mo(read_po(po))`` writes them."""
    header, messages = read_po(po)
    unique = {(message.context, message.sort_key()[0]): message for message in messages}
    # a plural entry's forms are a tuple: written even when all are empty (as Babel's are)
    written = [header] + [m for m in unique.values() if m.string and not m.fuzzy]
    written.sort(key=Message.sort_key)
    ids = bytearray()
    strs = bytearray()
    offsets: list[tuple[int, int, int, int]] = []
    for message in written:
        key, value = _encoded(message)
        offsets.append((len(ids), len(key), len(strs), len(value)))
        ids += key + b"\0"
        strs += value + b"\0"
    keystart = 7 * 4 + 16 * len(written)
    valuestart = keystart + len(ids)
    table = [number for o1, l1, _o2, _l2 in offsets for number in (l1, o1 + keystart)]
    table += [number for _o1, _l1, o2, l2 in offsets for number in (l2, o2 + valuestart)]
    head = struct.pack("Iiiiiii", LE_MAGIC, 0, len(written), 28, 28 + len(written) * 8, 0, 0)
    return head + array.array("i", table).tobytes() + bytes(ids) + bytes(strs)
