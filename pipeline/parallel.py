"""Multi-process engine: the same stages over chunks of briefs in worker processes.

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
import pickle
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from .records import Brief, BriefResult

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

_worker_state: tuple[str, tuple] | None = None  # (models path, (nlp, normalizer, extractor))


@dataclass(frozen=True)
class ModelInfo:
    """The base model's `meta` (name, version), read without loading its weights.

    Stands in for the `Language` object where only `.meta` is needed (the run
    manifest), so a process that does no annotation does not load the model.
    """

    meta: dict

    @classmethod
    def from_models(cls, models: Path) -> "ModelInfo":
        """Read the base model's meta.json through the package spaCy would load."""
        from spacy.util import get_model_meta, get_package_path

        from .annotate import load_config

        name = load_config(models)["base"]["model"]
        return cls(meta=get_model_meta(get_package_path(name)))


def chunked(items: Iterable, size: int) -> Iterator[list]:
    """Consecutive lists of `size` items (the last may be shorter).

    >>> list(chunked(range(5), 2))
    [[0, 1], [2, 3], [4]]
    """
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


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


def load_state(models: str | Path, batch_size: int | None = None) -> tuple:
    """Load what annotating needs (pipeline, normaliser, event extractor) from `models/`."""
    from .annotate import build_nlp
    from .events import EventExtractor
    from .normalize import Normalizer

    models = Path(models)
    nlp = build_nlp(models)
    if batch_size:
        nlp.batch_size = batch_size
    return nlp, Normalizer.from_models(models), EventExtractor.from_models(models)


def _init_worker(models: str, batch_size: int | None) -> None:
    global _worker_state
    if _worker_state is None or _worker_state[0] != models:
        _worker_state = (models, load_state(models))
    if batch_size:
        _worker_state[1][0].batch_size = batch_size


def _preload() -> None:
    """In the forkserver: load the pipeline named by `PRELOAD_ENV`, for every worker forked later."""
    global _worker_state
    models = json.loads(os.environ[PRELOAD_ENV])
    try:
        _worker_state = (models, load_state(models))
    except Exception:  # noqa: BLE001  (a worker's initializer loads again and reports the error)
        _worker_state = None


@dataclass(frozen=True)
class Failure:
    """A brief whose normalisation or events raised in a worker, sent back to be rejected."""

    brief: Brief
    error: Exception


def process_chunk(briefs: list[Brief]) -> list[BriefResult | Failure]:
    """Annotate one chunk in a worker with the state its initializer loaded.

    Returns one item per brief, in order: its result, or the `Failure` that
    `run.process` reported for it.
    """
    from .run import process

    assert _worker_state is not None, "worker not initialised"
    out: list[BriefResult | Failure] = []
    for result in process(*_worker_state[1], briefs, lambda brief, exc: out.append(Failure(brief, sendable(exc)))):
        out.append(result)
    return out


def sendable(exc: Exception) -> Exception:
    """The exception itself if it survives pickling, else a RuntimeError with its type and message."""
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:  # noqa: BLE001  (any pickling failure: send a plain copy instead)
        return RuntimeError(f"{type(exc).__name__}: {exc}")
    return exc


def replay(items: Iterable[BriefResult | Failure], on_error) -> Iterator[BriefResult]:
    """Yield the results of a worker's chunk; hand failures to `on_error(brief, exc)`, or raise them."""
    for item in items:
        if isinstance(item, Failure):
            if on_error is None:
                raise item.error
            on_error(item.brief, item.error)
        else:
            yield item


def process_parallel(
    briefs: Iterable[Brief],
    models: Path,
    workers: int,
    batch_size: int | None = None,
    chunk_size: int = CHUNK_BRIEFS,
    start_method: str = "forkserver",
    on_error=None,
) -> Iterator[BriefResult]:
    """Process briefs in `workers` processes; yield results in input order.

    At most `CHUNKS_AHEAD * workers` chunks are in flight, so briefs are read
    no faster than they are processed. A brief whose normalisation or events
    raise goes to `on_error(brief, exception)` in its place in the order, as in
    `run.process`; other worker exceptions are raised here.
    """
    models = str(models)
    context = multiprocessing.get_context(start_method)
    if start_method == "forkserver":
        context.set_forkserver_preload([__name__])
    with worker_env(models if start_method == "forkserver" else None):
        executor = ProcessPoolExecutor(
            max_workers=workers, mp_context=context, initializer=_init_worker, initargs=(str(models), batch_size)
        )
        try:
            pending: deque[Future] = deque()
            for chunk in chunked(briefs, chunk_size):
                pending.append(executor.submit(process_chunk, chunk))
                if len(pending) >= CHUNKS_AHEAD * workers:
                    yield from replay(pending.popleft().result(), on_error)
            while pending:
                yield from replay(pending.popleft().result(), on_error)
        finally:
            executor.shutdown(wait=True, cancel_futures=True)


if os.environ.get(PRELOAD_ENV) and multiprocessing.parent_process() is None and _worker_state is None:
    # Imported by the forkserver (set_forkserver_preload) while a pool starts: load the pipeline here.
    _preload()
