"""What the Data page says after an import or a restore (web/pages/data.py), in the viewer's
language: the sentences the CLI prints (cli/journal_data.py, cli/journal_views.py) for the same
result, so a web import and a command-line import report alike."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...i18n import _, ngettext
from ...services.journal_external import ExternalResult
from ...services.journal_transfer import JsonObject
from ..context import PROFILE


@dataclass(frozen=True)
class FileLines:
    """One file of an import report: its counts, its skip reasons and example rows."""

    text: str
    reasons: list[str]
    examples: list[str]


@dataclass(frozen=True)
class ImportReport:
    summary: list[str]
    files: list[FileLines]
    notes: list[str]


def _file_lines(item: dict[str, Any]) -> FileLines:
    read = ngettext("{count} row", "{count} rows", item["read"]).format(count=item["read"])
    params = {
        "file": item["file"],
        "kind": item["kind_text"],
        "read": read,
        "used": item["used"],
        "ignored": item["ignored"],
        "skipped": item["skipped_total"],
    }
    text = (
        _(
            "{file} ({kind}): {read} read, {used} used, {ignored} ignored (another file "
            "gives those days), {skipped} skipped."
        )
        if item["ignored"]
        else _("{file} ({kind}): {read} read, {used} used, {skipped} skipped.")
    ).format(**params)
    reasons = [
        _("Skipped, {reason}: {count}").format(reason=reason, count=count)
        for reason, count in item["skipped_text"].items()
    ]
    examples = [
        _("Line {line}: {reason} {detail}")
        .format(line=e["line"], reason=e["reason_text"], detail=e["detail"])
        .strip()
        for e in item["examples"]
    ]
    return FileLines(text, reasons, examples)


def _identity_lines(result: ExternalResult) -> list[str]:
    """What the import left, replaced and stopped counting (the CLI says the same)."""
    lines = []
    if result.already_imported:
        lines.append(
            ngettext(
                "{count} entry was already in the journal and was left as it is.",
                "{count} entries were already in the journal and were left as they are.",
                result.already_imported,
            ).format(count=result.already_imported)
        )
    if result.replaced:
        on_days = ngettext("on {days} day", "on {days} days", result.replaced_days).format(
            days=result.replaced_days
        )
        lines.append(
            ngettext(
                "Replaced {entries} earlier imported entry {on_days} with this export's version.",
                "Replaced {entries} earlier imported entries {on_days} with this export's version.",
                result.replaced,
            ).format(entries=result.replaced, on_days=on_days)
        )
    if result.shadowed:
        lines.append(
            ngettext(
                "{count} imported entry is kept but not counted: another export gives that "
                "day's nutrients.",
                "{count} imported entries are kept but not counted: another export gives those "
                "days' nutrients.",
                result.shadowed,
            ).format(count=result.shadowed)
        )
    if not result.changed:
        lines.append(_("Nothing changed: the journal already holds everything in these files."))
    return lines


def import_report(result: ExternalResult) -> ImportReport:
    data = result.as_dict()
    summary = _("Imported {foods} and {supplements} over {days}.").format(
        foods=ngettext("{count} food entry", "{count} food entries", result.foods).format(
            count=result.foods
        ),
        supplements=ngettext("{count} supplement", "{count} supplements", result.supplements)
        .format(count=result.supplements),
        days=ngettext("{count} day", "{count} days", result.days).format(count=result.days),
    )  # fmt: skip
    return ImportReport(
        [summary, *_identity_lines(result)],
        [_file_lines(item) for item in data["report"]["files"]],
        [note["text"] for note in data["report"]["notes"]],
    )


def restored_lines(counts: dict[str, int], document: JsonObject, dropped: bool) -> list[str]:
    lines = [
        _("Imported {profiles} and {entries}.").format(
            profiles=ngettext("{count} profile", "{count} profiles", counts["profiles"]).format(
                count=counts["profiles"]
            ),
            entries=ngettext("{count} entry", "{count} entries", counts["entries"]).format(
                count=counts["entries"]
            ),
        )
    ]
    names = [str(p.get("name")) for p in document.get("profiles", []) if isinstance(p, dict)]
    if names and PROFILE not in names:
        lines.append(
            _(
                "The pages show the profile named {name}; this file has {profiles}. The "
                "others are kept, and the command line shows them."
            ).format(name=PROFILE, profiles=", ".join(names))
        )
    if dropped:
        lines.append(
            _(
                "The file's own foods, recipes and food counts were not imported: on a shared "
                "server they would be every account's."
            )
        )
    return lines
