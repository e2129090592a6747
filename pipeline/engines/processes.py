"""Process engine: the same stages over chunks of briefs in worker processes (`--workers N`).

Each worker process loads the spaCy pipeline, the gazetteers and the cue
lexicon once (in its initializer), then turns chunks of briefs into small
`BriefResult` records. The main process only reads, segments and writes: it
submits a bounded number of chunks ahead and yields results in input order, so
tables are identical to a one-process run and memory stays flat however long
the feed.

Workers are started with the 'forkserver' method: a fresh, single-threaded
server process is started once, loads the pipeline once (it imports this module
with `PRELOAD_ENV` set), and forks each worker from there, so workers start with
the model already loaded and share its pages copy-on-write. Nothing is forked
from the main process, which may hold threads. If the server was already
running without the pipeline (or the preload failed), each worker loads it in
its initializer instead. Every process gets one BLAS/OpenMP thread, so N
workers use N cores and no more. As with any 'spawn'/'forkserver' pool, a
script calling `extract(..., workers=N)` needs the `if __name__ == "__main__":`
guard.
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from .. import collector, threads
from ..annotate import model_meta
from ..records import Brief, BriefResult
from ..stages import Failure, Stages
from . import chunked, portable

# Environment variables read by BLAS/OpenMP runtimes when a process starts.
SINGLE_THREAD_ENV = {
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "BLIS_NUM_THREADS": "1",
    "VECLIB_MAXIMUM_THREADS": "1",
    "NUMEXPR_NUM_THREADS": "1",
}
PRELOAD_ENV = "BRIEFS_PARALLEL_PRELOAD"  # JSON models path: the forkserver loads this pipeline
CHUNK_BRIEFS = 64  # briefs per task: as fast per brief as 256 (CPU time), and a short tail at the end
CHUNKS_AHEAD = 2  # chunks in flight per worker: enough to keep each busy, few enough to stay small

_worker_state: tuple[str, Stages] | None = None  # (models path, its stages) in a worker process


class ProcessEngine:
    """`workers` processes on this machine, each with its own `Stages`; results come back in input order."""

    name = "processes"
    partitioned = False

    def __init__(
        self,
        models: str | Path,
        workers: int,
        batch_size: int | None = None,
        chunk_size: int = CHUNK_BRIEFS,
        start_method: str = "forkserver",
    ):
        self.models = Path(models)
        self.workers = workers
        self.batch_size = batch_size
        self.chunk_size = chunk_size
        self.start_method = start_method

    @property
    def meta(self) -> dict:
        # Read from the model package's meta.json: this process loads no model.
        return model_meta(self.models)

    def run(self, briefs: Iterable[Brief]) -> Iterator[BriefResult | Failure]:
        """Process briefs in the worker processes; yield outcomes in input order.

        At most `CHUNKS_AHEAD * workers` chunks are in flight, so briefs are read
        no faster than they are processed. A brief whose normalisation or events
        raise comes back as a `Failure` in its place; other worker exceptions are
        raised here.
        """
        models = str(self.models)
        context = multiprocessing.get_context(self.start_method)
        if self.start_method == "forkserver":
            context.set_forkserver_preload([__name__])
        with worker_env(models if self.start_method == "forkserver" else None):
            executor = ProcessPoolExecutor(
                max_workers=self.workers, mp_context=context, initializer=_init_worker,
                initargs=(models, self.batch_size),
            )
            try:
                pending: deque[Future] = deque()
                for chunk in chunked(briefs, self.chunk_size):
                    pending.append(executor.submit(process_chunk, chunk))
                    if len(pending) >= CHUNKS_AHEAD * self.workers:
                        yield from pending.popleft().result()
                while pending:
                    yield from pending.popleft().result()
            finally:
                executor.shutdown(wait=True, cancel_futures=True)

    def describe(self) -> dict | None:
        return None


@contextlib.contextmanager
def worker_env(models: Path | None = None) -> Iterator[None]:
    """Set one-thread BLAS/OpenMP variables (and the pipeline to preload) while worker
    processes are started, then restore the environment as it was."""
    values = dict(SINGLE_THREAD_ENV)
    if models is not None:
        values[PRELOAD_ENV] = json.dumps(str(models))
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _init_worker(models: str, batch_size: int | None) -> None:
    global _worker_state
    collector.for_worker()
    threads.for_worker()
    if _worker_state is None or _worker_state[0] != models:
        _worker_state = (models, Stages.from_models(models))
    if batch_size:
        _worker_state[1].nlp.batch_size = batch_size
    collector.settle()


def _preload() -> None:
    """In the forkserver: load the pipeline named by `PRELOAD_ENV`, for every worker forked later."""
    global _worker_state
    models = json.loads(os.environ[PRELOAD_ENV])
    try:
        _worker_state = (models, Stages.from_models(models))
    except Exception:  # noqa: BLE001  (a worker's initializer loads again and reports the error)
        _worker_state = None


def process_chunk(briefs: list[Brief]) -> list[BriefResult | Failure]:
    """Annotate one chunk in a worker with the stages its initializer loaded.

    Returns one outcome per brief, in order: its result, or its `Failure`
    (with an error that survives pickling).
    """
    assert _worker_state is not None, "worker not initialised"
    return portable(_worker_state[1].process(briefs, keep_going=True))


if os.environ.get(PRELOAD_ENV) and multiprocessing.parent_process() is None and _worker_state is None:
    # Imported by the forkserver (set_forkserver_preload) while a pool starts: load the pipeline here.
    _preload()
