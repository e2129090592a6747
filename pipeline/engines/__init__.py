"""Engines: where the stages run. Peers under one small interface; the run picks one.

An engine takes the run's stream of briefs and streams back one outcome per
brief: its `BriefResult` (rows for the run to write), a `Failure` (the run
rejects the brief), or, for an engine that writes its own partitioned tables, a
`Stored` count. Engines import the stages (`pipeline.stages`), never the run:

    local.LocalEngine        this process
    processes.ProcessEngine  N worker processes on this machine (`--workers N`)
    dask.DaskEngine          a Dask cluster (`--engine dask`), partitioned Parquet

To add one: a class with the attributes and `run` of `Engine`, a test that
its tables equal a local run's (tests/integration/test_engines.py), and a
branch in `run.choose_engine`.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Protocol, Union

from ..records import Brief, BriefResult
from ..stages import Failure


@dataclass(frozen=True)
class Stored:
    """A brief whose rows the engine wrote itself into the run's staging folder; only counts come back."""

    brief_id: str
    mentions: int
    events: int


Outcome = Union[BriefResult, Failure, Stored]


class Engine(Protocol):
    """What the run needs of an engine."""

    name: str
    # True when the engine writes `<stage>/<table>/part-*.parquet` itself (the run then
    # moves those folders into place); False when the run writes the rows it gets back.
    partitioned: bool

    @property
    def meta(self) -> dict:
        """The base model's meta (lang, name, version) for run.json."""

    def run(self, briefs: Iterable[Brief]) -> Iterator[Outcome]:
        """One outcome per brief read (a brief's results in input order unless `partitioned`)."""

    def describe(self) -> dict | None:
        """The `engine` entry of run.json, or None to leave it out."""


def chunked(items: Iterable, size: int) -> Iterator[list]:
    """Consecutive lists of `size` items (the last may be shorter).

    >>> list(chunked(range(5), 2))
    [[0, 1], [2, 3], [4]]
    """
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def sendable(exc: Exception) -> Exception:
    """The exception itself if it survives pickling, else a RuntimeError with its type and message."""
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:  # noqa: BLE001  (any pickling failure: send a plain copy instead)
        return RuntimeError(f"{type(exc).__name__}: {exc}")
    return exc


def portable(outcomes: Iterable[BriefResult | Failure]) -> list[BriefResult | Failure]:
    """Outcomes ready to cross a process boundary: every failure's error made picklable."""
    return [Failure(o.brief, sendable(o.error)) if isinstance(o, Failure) else o for o in outcomes]
