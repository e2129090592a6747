"""`python -m benchmarks --profile`: where the time of a full extract goes, stage by stage."""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from .bench import ROOT


def profile_stages(corpus: Path, limit: int, top: int = 25) -> dict[str, float]:
    """Time each stage of the full extract over the first `limit` briefs, one stage at a time.

    Stages run one after another over the whole batch (each model component
    through its own `pipe`), so each one's time is its own; then cProfile lists
    the hottest functions of an ordinary `extract` over the same briefs.
    Returns seconds per stage.
    """
    import cProfile
    import pstats
    from itertools import islice

    from pipeline import run, threads
    from pipeline.accounting import RunSummary
    from pipeline.staging import TableSet
    from pipeline.records import brief_row
    from pipeline.resources import models_dir
    from pipeline.stages import Stages

    models = models_dir(None)
    t0 = time.perf_counter()
    stages = Stages.from_models(models)
    nlp, normalizer, extractor = stages.nlp, stages.normalizer, stages.extractor
    seconds = {"load (model, patterns, gazetteers)": time.perf_counter() - t0}

    def timed(stage: str, work):
        t = time.perf_counter()
        value = work()
        seconds[stage] = seconds.get(stage, 0.0) + time.perf_counter() - t
        return value

    summary = RunSummary()
    options = run.RunOptions(inputs=[corpus], out_dir=Path("."), progress=False)
    with threads.for_run():  # one BLAS thread, as a run has it
        briefs = timed("ingest + segment", lambda: list(islice(run.read_briefs(options, summary), limit)))
        docs = timed("annotate: tokenizer", lambda: [nlp.make_doc(b.full_text) for b in briefs])
        for name, component in nlp.pipeline:
            stage = f"annotate: {name}" + ("" if name.startswith("briefs_") else " (model)")
            if hasattr(component, "pipe"):
                docs = timed(stage, lambda c=component, d=docs: list(c.pipe(d, batch_size=nlp.batch_size)))
            else:
                docs = timed(stage, lambda c=component, d=docs: [c(doc) for doc in d])
        mentions = timed("normalise", lambda: [normalizer.mentions(d, b) for d, b in zip(docs, briefs)])
        events = timed("events", lambda: [extractor.events(d, b, m) for d, b, m in zip(docs, briefs, mentions)])

        def emit() -> None:
            with tempfile.TemporaryDirectory(prefix="bench-profile-") as out, TableSet(Path(out)) as tables:
                for start in range(0, len(briefs), run.WRITE_BATCH):
                    end = start + run.WRITE_BATCH
                    tables.write("briefs", [brief_row(b) for b in briefs[start:end]])
                    tables.write("mentions", [m for ms in mentions[start:end] for m in ms])
                    tables.write("events", [e for es in events[start:end] for e in es])
                tables.commit()

        timed("emit", emit)
    model = sum(v for k, v in seconds.items() if k.endswith("(model)") or k == "annotate: tokenizer")
    project = sum(v for k, v in seconds.items() if not k.startswith("load") and k not in ("annotate: tokenizer",)
                  and not k.endswith("(model)"))
    print(f"\nStage profile over {len(briefs)} briefs (seconds, share of the model's own time)\n")
    for stage, value in seconds.items():
        share = "" if stage.startswith("load") else f"{value / model:7.1%}"
        print(f"  {stage:<40} {value:8.2f} s  {share}")
    print(f"  {'model (tokenizer + fr_core_news_md)':<40} {model:8.2f} s")
    print(f"  {'project (everything else)':<40} {project:8.2f} s  {project / model:7.1%}")

    profiler = cProfile.Profile()
    with tempfile.TemporaryDirectory(prefix="bench-profile-") as out, tempfile.TemporaryDirectory() as feed:
        sample = Path(feed) / "sample.jsonl"
        lines = [line for path in sorted(corpus.glob("*.jsonl"))
                 for line in path.read_text(encoding="utf-8").splitlines()][:limit]
        sample.write_text("\n".join(lines) + "\n", encoding="utf-8")
        profiler.enable()
        run.extract(run.RunOptions(inputs=[sample], out_dir=Path(out), progress=False))
        profiler.disable()
    print("\nHottest functions of `extract` over the same briefs (by own time; spaCy's compiled code is "
          "counted in its Python callers)\n")
    stats = pstats.Stats(profiler, stream=sys.stdout)
    stats.sort_stats("tottime").print_stats(top)
    print("Project functions (pipeline/) by cumulative time\n")
    stats.sort_stats("cumulative").print_stats(rf"{ROOT / 'pipeline'}/", top)
    return seconds
