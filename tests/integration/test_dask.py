"""The Dask engine on a small local cluster gives the same rows as a local run, in partitioned Parquet."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from pipeline.engines import dask as dask_engine
from pipeline.records import SCHEMAS
from pipeline.run import RunOptions, extract

distributed = pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parents[2]
FEED = [ROOT / "seeds" / "000_65776baa6f31d072.txt", ROOT / "tests" / "fixtures" / "engine_briefs.jsonl"]


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        yield cluster


@pytest.fixture(scope="module")
def runs(cluster, tmp_path_factory):
    out = tmp_path_factory.mktemp("runs")
    local = extract(RunOptions(inputs=FEED, out_dir=out / "local", progress=False))
    patch = pytest.MonkeyPatch()
    patch.setattr(dask_engine, "PARTITION_BRIEFS", 5)  # several partitions from a few briefs
    try:
        dask = extract(RunOptions(inputs=FEED, out_dir=out / "dask", progress=False, engine="dask",
                                  scheduler=cluster.scheduler_address))
    finally:
        patch.undo()
    return out, local, dask


def _read_parts(folder: Path) -> pd.DataFrame:
    parts = sorted(folder.glob("part-*.parquet"))
    return pd.concat([pd.read_parquet(p) for p in parts], ignore_index=True)


@pytest.mark.parametrize("table", sorted(SCHEMAS))
def test_dask_rows_equal_local_rows(runs, table):
    out, _, _ = runs
    local = pd.read_parquet(out / "local" / f"{table}.parquet")
    dask = _read_parts(out / "dask" / table)
    pd.testing.assert_frame_equal(local, dask)


@pytest.mark.parametrize("table", sorted(SCHEMAS))
def test_dask_parts_keep_the_schema(runs, table):
    out, _, _ = runs
    parts = sorted((out / "dask" / table).glob("part-*.parquet"))
    # 25 unique briefs in partitions of 5; stories are computed from every event at once: one part
    assert len(parts) == (1 if table == "stories" else 5)
    for part in parts:
        assert pq.read_schema(part).equals(SCHEMAS[table], check_metadata=False)


def test_dask_run_accounts_like_a_local_run(runs):
    out, local, dask = runs
    assert (dask.briefs, dask.mentions, dask.events) == (local.briefs, local.mentions, local.events)
    manifests = {name: json.loads((out / name / "run.json").read_text()) for name in ("local", "dask")}
    assert manifests["dask"]["totals"] == manifests["local"]["totals"]
    assert manifests["dask"]["files"] == manifests["local"]["files"]
    assert manifests["dask"]["totals"]["briefs_rejected"] == 1  # the repeated Peruvian brief
    assert manifests["dask"]["engine"]["name"] == "dask"
    assert not list((out / "dask").glob(".dask-*"))  # staging folder removed


def test_dask_stories_equal_local_stories(runs):
    """Stories are a function of the events: the Dask run groups the same events under the same ids."""
    out, local, dask = runs
    local_events = pd.read_parquet(out / "local" / "events.parquet")
    dask_events = _read_parts(out / "dask" / "events")
    assert local_events["story_id"].notna().all()
    assert list(local_events["story_id"]) == list(dask_events["story_id"])
    assert local.stories == dask.stories > 0


def test_worker_state_is_loaded_once_per_process(cluster):
    with distributed.Client(cluster.scheduler_address) as client:
        models = str(ROOT / "models")
        ids = client.gather([client.submit(_state_id, models, pure=False) for _ in range(3)])
    assert len(set(ids)) == 1


def _state_id(models: str) -> int:
    _, stages = dask_engine.worker_state(models, 256)
    return id(stages.nlp)


def test_dask_reuses_its_own_partitioned_tables(runs, cluster, tmp_path: Path):
    """A second Dask run over the same folder reads the partitioned Parquet back and reuses every
    brief; its parts equal the first run's."""
    out, _, _ = runs
    again = tmp_path / "dask"
    patch = pytest.MonkeyPatch()
    patch.setattr(dask_engine, "PARTITION_BRIEFS", 5)
    try:
        for _ in range(2):
            extract(RunOptions(inputs=FEED, out_dir=again, progress=False, engine="dask",
                               scheduler=cluster.scheduler_address))
    finally:
        patch.undo()
    assert json.loads((again / "run.json").read_text())["incremental"]["reused"] == 25
    for table in SCHEMAS:
        pd.testing.assert_frame_equal(_read_parts(out / "dask" / table), _read_parts(again / table))
