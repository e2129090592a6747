"""Dask engine: the same stages over partitions of briefs, on a Dask cluster.

`python -m pipeline extract --engine dask [--scheduler ADDRESS]`. This process
(the client) reads and segments the feed with the same accounting and
duplicate detection as a local run (that is the run's work, `pipeline.run`); this engine cuts the briefs into partitions of
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
in a local run) and moved into place by the run only when every task has succeeded;
`run.json` and `rejected.csv` are written as in a local run. OUT must
be a path every worker can write to (the same folder on a shared file system)
when the cluster spans several machines. CSV copies are not written.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

from .. import threads
from ..annotate import model_meta
from ..emit import TableWriter
from ..records import SCHEMAS, Brief, brief_row
from ..stages import Failure, Stages
from . import Stored, chunked, sendable

PARTITION_BRIEFS = 2000  # briefs per task and per Parquet part: ~1 MB parts, seconds of work each
TASKS_AHEAD = 2  # tasks queued per worker thread, so the client reads no faster than the cluster works

_states: dict[tuple[str, int | None], tuple[threading.Lock, Stages]] = {}
_states_lock = threading.Lock()


class DaskEngine:
    """Partitions of briefs as tasks on a Dask cluster; each task writes its Parquet parts into `stage`."""

    name = "dask"
    partitioned = True

    def __init__(
        self,
        models: str | Path,
        stage: Path,
        workers: int = 1,
        scheduler: str | None = None,
        batch_size: int | None = None,
    ):
        self.models = Path(models)
        self.stage = Path(stage)
        self.workers = workers
        self.scheduler = scheduler
        self.batch_size = batch_size

    @property
    def meta(self) -> dict:
        return model_meta(self.models)

    def describe(self) -> dict | None:
        return {"name": "dask", "scheduler": self.scheduler or "local cluster",
                "layout": "<table>/part-NNNNN.parquet", "partition_briefs": PARTITION_BRIEFS}

    def run(self, briefs: Iterable[Brief]) -> Iterator[Stored | Failure]:
        """Submit partitions as the briefs arrive; yield each brief's outcome as its partition finishes.

        Partitions finish in any order; part k holds the k-th slice of the feed
        whatever the order, so the tables are those of a local run.
        """
        from distributed import as_completed

        for name in SCHEMAS:
            (self.stage / name).mkdir(exist_ok=True)
        client = connect(self.workers, self.scheduler)
        try:
            threads = sum(client.nthreads().values()) or 1
            pending = as_completed(with_results=False)
            for part, chunk in enumerate(chunked(briefs, PARTITION_BRIEFS)):
                future = client.submit(
                    process_partition, chunk, str(self.models), str(self.stage), part, self.batch_size,
                    key=f"briefs-partition-{self.stage.name}-{part}", pure=False,
                )
                pending.add(future)
                if pending.count() >= TASKS_AHEAD * threads:
                    yield from next(pending).result()
            for future in pending:
                yield from future.result()
        finally:
            _close(client, self.scheduler)


def worker_state(models: str, batch_size: int | None) -> tuple[threading.Lock, Stages]:
    """This worker process's stages, loaded on its first task and kept for the next ones.

    Returns (lock, stages); the lock serialises the use of one `Language` by
    several threads of a worker (run workers with one thread).
    """
    key = (models, batch_size)
    with _states_lock:
        if key not in _states:
            threads.for_worker()  # one BLAS thread per worker process, as in the processes engine
            _states[key] = (threading.Lock(), Stages.from_models(models, batch_size))
        return _states[key]


def process_partition(briefs: list, models: str, staging: str, part: int, batch_size: int | None) -> list:
    """Run the stages over one partition on a worker and write its three Parquet parts.

    Returns one outcome per brief: `Stored` (its row counts) or `Failure`
    (rejected by the client like a local run rejects it).
    """
    lock, stages = worker_state(models, batch_size)
    with lock:
        outcomes = list(stages.process(briefs, keep_going=True))
    results = [o for o in outcomes if not isinstance(o, Failure)]
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
    return [
        Failure(o.brief, sendable(o.error)) if isinstance(o, Failure)
        else Stored(o.brief.brief_id, len(o.mentions), len(o.events))
        for o in outcomes
    ]


def connect(workers: int, scheduler: str | None):
    """A client of the scheduler at `scheduler`, or of a new local cluster of `workers` processes."""
    import logging

    from distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler)
    cluster = LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True,
        dashboard_address=None, silence_logs=logging.ERROR,
    )
    return Client(cluster)


def _close(client, scheduler: str | None) -> None:
    cluster = client.cluster if not scheduler else None
    client.close()
    if cluster is not None:
        cluster.close()
