"""The model's matrix products through numpy's BLAS annotate exactly as through thinc's BLIS."""

import json

import numpy
import pytest
import spacy
from thinc.api import NumpyOps, use_ops
from threadpoolctl import threadpool_info

from pipeline import threads
from pipeline.annotate import build_nlp, load_config
from pipeline.resources import models_dir

from ..conftest import ROOT


def _texts() -> list[str]:
    """Every brief of the dev gold sets (75 briefs from three regions), headline and lede."""
    texts = []
    for path in sorted((ROOT / "tests" / "golden" / "dev").glob("*/briefs.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            texts.append(f"{record.get('headline') or ''}\n{record['text']}")
    return texts


def _annotations(doc) -> list[tuple]:
    return [(t.pos_, str(t.morph), t.dep_, t.head.i, t.lemma_, t.ent_iob_, t.ent_type_) for t in doc]


def test_the_project_model_multiplies_through_numpy(nlp):
    assert load_config(models_dir())["base"]["gemm"] == "numpy"
    for name in ("tok2vec", "morphologizer", "parser", "ner"):
        ops = nlp.get_pipe(name).model.ops
        assert isinstance(ops, NumpyOps) and not ops.use_blis, name


def test_same_annotations_as_blis_on_real_briefs(nlp):
    base = load_config(models_dir())["base"]
    with use_ops("numpy", use_blis=True):
        blis = spacy.load(base["model"], exclude=list(base["exclude"]))
    assert blis.get_pipe("ner").model.ops.use_blis
    project = [name for name in nlp.pipe_names if name.startswith("briefs_")]
    texts = _texts()
    assert len(texts) >= 75
    with nlp.select_pipes(disable=project), threads.for_run():
        ours = [_annotations(doc) for doc in nlp.pipe(texts)]
    theirs = [_annotations(doc) for doc in blis.pipe(texts)]
    assert ours == theirs


def test_a_run_allows_blas_one_thread_and_restores_the_limit():
    numpy.ones(1)  # numpy's BLAS is loaded
    blas = [pool for pool in threadpool_info() if pool["user_api"] == "blas"]
    if not blas:
        pytest.skip("numpy has no BLAS threadpoolctl can see")
    before = [pool["num_threads"] for pool in blas]
    with threads.for_run():
        assert all(pool["num_threads"] == 1 for pool in threadpool_info() if pool["user_api"] == "blas")
    assert [pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"] == before
