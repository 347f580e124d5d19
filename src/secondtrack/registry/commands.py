"""The registry's CLI verbs (design §5): import, export-registry and merge. Called from
secondtrack/cli.py once Django is set up."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from secondtrack.audit import services as audit
from secondtrack.core.registry_file import RegistryFileError
from secondtrack.registry import services
from secondtrack.registry.export import export_registry
from secondtrack.registry.merge import MergeError, merge_people
from secondtrack.registry.models import Organisation, Person, Source


def default_source(path: Path) -> str:
    """A file's source when none is named: its name, lower-cased ("IMA Registry.json" →
    "ima-registry")."""
    name = re.sub(r"[^a-z0-9_.-]+", "-", path.stem.lower()).strip("-.") or "import"
    return name[:60] if name != "app" else "app-file"


def run_import(path: Path, data: object, source: str | None, dry_run: bool) -> int:
    where = str(path.resolve())
    name = source or default_source(path)
    known = Source.objects.filter(name=name).first()
    if source is None and known and known.file_name and known.file_name != where:
        print(
            f"error: source {name!r} was imported from {known.file_name}, not from {where}."
            f" Pass --source {name} to update that source from this file, or --source"
            " NEW-NAME to import it as a source of its own. Nothing was changed.",
            file=sys.stderr,
        )
        return 1
    try:
        summary = services.import_registry(data, name, file_name=where, dry_run=dry_run)
    except RegistryFileError as error:
        print(f"error: {path} was not imported; nothing was changed.", file=sys.stderr)
        for problem in error.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print("\n".join(summary.lines()))
    return 0


def run_export(out: Path) -> int:
    data = export_registry(Person.objects.all(), Organisation.objects.all())
    audit.record(None, "registry_exported", detail=f"{len(data['people'])} people, from the CLI")
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False)
    if str(out) == "-":
        print(text)
    else:
        out.write_text(text + "\n", encoding="utf-8")
        out.chmod(0o600)  # it holds e-mail addresses and affiliations
        people, orgs = len(data["people"]), len(data["organisations"])
        print(f"Wrote {people} people and {orgs} organisations to {out}.")
    return 0


def _person(ref: str) -> Person:
    """A person by database id ("12") or by SOURCE:ID ("ima:p1")."""
    if ref.isdigit():
        found = Person.objects.filter(id=int(ref)).first()
    elif ":" in ref:
        source, external = ref.split(":", 1)
        found = Person.objects.filter(source=source, external_id=external).first()
    else:
        found = None
    if found is None:
        raise MergeError(f"{ref!r} is not a person: give a person id (12) or SOURCE:ID (ima:p1).")
    return found


def run_merge(survivor_ref: str, merged_ref: str) -> int:
    try:
        survivor, merged = _person(survivor_ref), _person(merged_ref)
        outcome = merge_people(survivor, merged, by=None)
    except MergeError as error:
        print(f"error: {error} Nothing was changed.", file=sys.stderr)
        return 1
    moved = ", ".join(f"{n} {kind}" for kind, n in outcome.moved.items())
    print(f"Merged {outcome.merged_name} into person {survivor.id} ({survivor.name}): {moved}.")
    return 0
