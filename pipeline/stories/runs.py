"""The story stage in a run: read the run's tables, attach story ids to its events, write the stories;
and `explain_run` for `python -m pipeline stories --explain`."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from ..records import SCHEMAS
from .names import NameData
from .table import build_stories, with_story_ids

BRIEF_COLUMNS = ["brief_id", "reference_date", "source", "headline", "text"]
MENTION_COLUMNS = ["brief_id", "kind", "text", "normalized", "value", "unit", "country", "place_kind"]


def attach_stories(tables, models: Path | None) -> int:
    """Compute the stories of a local run from its staged tables; rewrite events with `story_id`, write stories.

    `tables` is the run's `emit.TableSet`, every brief already written. Returns the number of stories.
    """
    import pyarrow.parquet as pq

    briefs = pq.read_table(tables.finished("briefs"), columns=BRIEF_COLUMNS)
    mentions = pq.read_table(tables.finished("mentions"), columns=MENTION_COLUMNS)
    old_events = tables.reread("events")
    events = pq.read_table(old_events)
    result = build_stories(events, briefs, mentions, NameData.from_models(models))
    writer = tables.writers["events"]
    for offset in range(0, events.num_rows, 5000):
        chunk = events.slice(offset, 5000)
        writer.write_table(with_story_ids(chunk, result.story_ids.slice(offset, chunk.num_rows)))
    old_events.unlink(missing_ok=True)
    tables.writers["stories"].write_table(result.table)
    return result.table.num_rows


def attach_stories_parts(stage: Path, models: Path | None) -> int:
    """The same for a Dask run: tables are folders of `part-*.parquet` under `stage`; stories go to one part."""
    import pyarrow.parquet as pq

    from ..emit import TableWriter

    def read(name: str, columns=None) -> tuple[list[Path], pa.Table]:
        parts = sorted((stage / name).glob("part-*.parquet"))
        tables_ = [pq.read_table(p, columns=columns) for p in parts]
        schema = SCHEMAS[name] if columns is None else pa.schema([SCHEMAS[name].field(c) for c in columns])
        return parts, pa.concat_tables(tables_) if tables_ else schema.empty_table()

    _, briefs = read("briefs", BRIEF_COLUMNS)
    _, mentions = read("mentions", MENTION_COLUMNS)
    parts, events = read("events")
    result = build_stories(events, briefs, mentions, NameData.from_models(models))
    offset = 0
    for part in parts:
        rows = pq.read_metadata(part).num_rows
        table = with_story_ids(events.slice(offset, rows), result.story_ids.slice(offset, rows))
        offset += rows
        writer = TableWriter(part.parent, part.stem, SCHEMAS["events"], formats=("parquet",))
        try:
            writer.write_table(table)
            writer.commit()
        except BaseException:
            writer.abort()
            raise
    (stage / "stories").mkdir(exist_ok=True)
    writer = TableWriter(stage / "stories", "part-00000", SCHEMAS["stories"], formats=("parquet",))
    try:
        writer.write_table(result.table)
        writer.commit()
    except BaseException:
        writer.abort()
        raise
    return result.table.num_rows


def read_run_table(out_dir: Path, name: str, columns=None) -> pa.Table:
    """One table of a finished run: `<name>.parquet` (local run) or `<name>/part-*.parquet` (Dask run)."""
    import pyarrow.parquet as pq

    single = out_dir / f"{name}.parquet"
    if single.is_file():
        return pq.read_table(single, columns=columns)
    parts = sorted((out_dir / name).glob("part-*.parquet"))
    if not parts:
        raise FileNotFoundError(f"{out_dir}: no {name} table")
    return pa.concat_tables([pq.read_table(p, columns=columns) for p in parts])


def explain_run(out_dir: Path, wanted: str, models: Path | None = None) -> str:
    """Why the events of story `wanted` of the run in `out_dir` were grouped (recomputed from its tables)."""
    events = read_run_table(out_dir, "events")
    briefs = read_run_table(out_dir, "briefs", BRIEF_COLUMNS)
    mentions = read_run_table(out_dir, "mentions", MENTION_COLUMNS)
    result = build_stories(events, briefs, mentions, NameData.from_models(models), explain=True)
    return result.explain(wanted, events)
