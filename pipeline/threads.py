"""One BLAS thread per process while the project annotates.

The model's matrix products go through numpy's BLAS (`gemm = "numpy"` in
`models/pipeline.cfg`; OpenBLAS in numpy's wheels), which by default starts one
thread per core. The project parallelises by processes (`--workers N`): BLAS
threads inside each of them would oversubscribe the cores, and a one-process
run would take cores it was not given. So a run, and each worker for its whole
life, allows BLAS one thread, as thinc's BLIS (single-threaded) had it. The
limit is set and undone through `threadpoolctl`, so a library caller's own
numpy code is left as it was once the run ends.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from threadpoolctl import threadpool_limits

BLAS_THREADS = 1


@contextlib.contextmanager
def for_run() -> Iterator[None]:
    """Allow BLAS `BLAS_THREADS` thread(s) while the block runs; restore the previous limits after."""
    with threadpool_limits(limits=BLAS_THREADS, user_api="blas"):
        yield


def for_worker() -> None:
    """In a worker process that only runs stages: the run's limit for its whole life."""
    threadpool_limits(limits=BLAS_THREADS, user_api="blas")
