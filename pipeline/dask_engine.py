"""Dask engine: the same stages over partitions of briefs, on a Dask cluster.

`python -m pipeline extract --engine dask [--scheduler ADDRESS]`. This process
(the client) reads and segments the feed with the same accounting and
duplicate detection as a local run, cuts the briefs into partitions of
`PARTITION_BRIEFS`, and submits each partition as one task. A worker process
loads the spaCy pipeline, gazetteers and lexicons once (a per-process cache,
see `worker_state`), never per task: a task carries only its briefs. Each task
writes its partition's three tables itself, so output bandwidth scales with
the cluster:

    OUT/briefs/part-00000.parquet   OUT/mentions/part-00000.parquet   OUT/events/part-00000.parquet
    OUT/briefs/part-00001.parquet   …

with the schemas of a local run (`records.SCHEMAS`); part k holds the k-th
slice of the feed, so reading a folder in file-name order gives the rows of a
local run in the same order (`pandas.read_parquet("OUT/mentions")`). Parts are
written in the run's staging folder (`OUT/.staging-*/`, locked and recovered as
in a local run) and moved into place only when every task has succeeded;
`run.json` and `rejected.csv` are written as in a local run. OUT must
be a path every worker can write to (the same folder on a shared file system)
when the cluster spans several machines. CSV copies are not written.
"""

from __future__ import annotations

import functools
import os
import shutil
import threading
import time
import uuid
from collections import Counter
from pathlib import Path

from .emit import TableSet, TableWriter, json_bytes, rejections_csv
from .parallel import Failure, ModelInfo, chunked, load_state, replay, sendable
from .records import SCHEMAS, brief_row
from .resources import models_dir
from .stories import attach_stories_parts
from .run import (
    RunError, RunOptions, RunSummary, _reject_failed, close_summary, find_inputs, manifest, read_briefs,
)

PARTITION_BRIEFS = 2000  # briefs per task and per Parquet part: ~1 MB parts, seconds of work each
TASKS_AHEAD = 2  # tasks queued per worker thread, so the client reads no faster than the cluster works

_states: dict[tuple[str, int | None], tuple] = {}
_states_lock = threading.Lock()


def worker_state(models: str, batch_size: int | None) -> tuple[threading.Lock, tuple]:
    """This worker process's pipeline, loaded on its first task and kept for the next ones.

    Returns (lock, (nlp, normalizer, extractor)); the lock serialises the use of
    one `Language` by several threads of a worker (run workers with one thread).
    """
    key = (models, batch_size)
    with _states_lock:
        if key not in _states:
            _states[key] = (threading.Lock(), load_state(models, batch_size))
        return _states[key]


def process_partition(briefs: list, models: str, staging: str, part: int, batch_size: int | None) -> dict:
    """Run the stages over one partition on a worker and write its three Parquet parts.

    Returns the rows written per table and the briefs that failed (as `Failure`s,
    rejected by the client like a local run rejects them).
    """
    from .run import process

    lock, state = worker_state(models, batch_size)
    failures: list[Failure] = []
    with lock:
        results = list(process(*state, briefs, lambda brief, exc: failures.append(Failure(brief, sendable(exc)))))
    rows = {
        "briefs": [brief_row(r.brief) for r in results],
        "mentions": [m for r in results for m in r.mentions],
        "events": [e for r in results for e in r.events],
    }
    for name, table_rows in rows.items():
        writer = TableWriter(Path(staging) / name, f"part-{part:05d}", SCHEMAS[name], formats=("parquet",))
        try:
            writer.write(table_rows)
            writer.commit()
        except BaseException:
            writer.abort()
            raise
    return {"rows": {name: len(table_rows) for name, table_rows in rows.items()}, "failures": failures}


def connect(options: RunOptions):
    """A client of the scheduler at `options.scheduler`, or of a new local cluster of `options.workers`."""
    import logging

    from distributed import Client, LocalCluster

    if options.scheduler:
        return Client(options.scheduler)
    cluster = LocalCluster(
        n_workers=options.workers, threads_per_worker=1, processes=True,
        dashboard_address=None, silence_logs=logging.ERROR,
    )
    return Client(cluster)


def extract_dask(options: RunOptions) -> RunSummary:
    """Run the pipeline on a Dask cluster; write partitioned Parquet tables, rejected.csv and run.json.

    The output folder is locked, staged and committed as in a local run
    (`emit.TableSet`); the table folders are moved into place just before
    `run.json` and `rejected.csv` are committed.
    """
    from distributed import as_completed

    started = time.perf_counter()
    summary = RunSummary(out_dir=options.out_dir, strict=options.strict)
    found = find_inputs(options)
    models = models_dir(options.models)
    counts: Counter = Counter()
    with TableSet(options.out_dir, formats=()) as tables:
        summary.recovered = tables.recovered
        for name in SCHEMAS:
            (tables.stage / name).mkdir()
        client = connect(options)
        try:
            threads = sum(client.nthreads().values()) or 1
            pending = as_completed(with_results=False)
            ids: dict[str, list[str]] = {}
            on_error = functools.partial(_reject_failed, summary)
            briefs = read_briefs(options, summary, found)
            for part, chunk in enumerate(chunked(briefs, PARTITION_BRIEFS)):
                future = client.submit(
                    process_partition, chunk, str(models), str(tables.stage), part, options.batch_size,
                    key=f"briefs-partition-{tables.stage.name}-{part}", pure=False,
                )
                ids[future.key] = [b.brief_id for b in chunk]
                pending.add(future)
                if pending.count() >= TASKS_AHEAD * threads:
                    _collect(next(pending), ids, counts, summary, on_error)
            for future in pending:
                _collect(future, ids, counts, summary, on_error)
        finally:
            _close(client, options)
        counts["stories"] = attach_stories_parts(tables.stage, models)  # from every event, after the last part
        close_summary(options, summary, counts, started)
        document = manifest(options, summary, ModelInfo.from_models(models))
        document["engine"] = {"name": "dask", "scheduler": options.scheduler or "local cluster",
                              "layout": "<table>/part-NNNNN.parquet", "partition_briefs": PARTITION_BRIEFS}
        tables.add_file("rejected.csv", rejections_csv(summary.rejections))
        tables.add_file("run.json", json_bytes(document))
        for name in SCHEMAS:
            _replace_dir(tables.stage / name, options.out_dir / name)
        tables.commit()
    return summary


def _collect(future, ids: dict[str, list[str]], counts: Counter, summary: RunSummary, on_error) -> None:
    """Add a finished partition to the run: its rows, its briefs written, its failures rejected."""
    result = future.result()
    counts.update(result["rows"])
    failed = {f.brief.brief_id for f in result["failures"]}
    list(replay(result["failures"], on_error))
    for brief_id in ids.pop(future.key):
        if brief_id not in failed:
            summary.files[summary.origins[brief_id][0]].briefs_written += 1


def _replace_dir(new: Path, target: Path) -> None:
    """Move a finished table folder into place; the previous one is removed only after."""
    old = None
    if target.is_dir() and not target.is_symlink():
        old = target.with_name(f".{target.name}.old-{uuid.uuid4().hex[:8]}")
        os.replace(target, old)
    elif target.exists() or target.is_symlink():
        raise RunError(f"{target}: exists and is not a table folder")
    os.replace(new, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _close(client, options: RunOptions) -> None:
    cluster = client.cluster if not options.scheduler else None
    client.close()
    if cluster is not None:
        cluster.close()
