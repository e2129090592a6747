"""Command line: `python -m pipeline extract …` and `python -m pipeline eval …`."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import signal
import sys
import threading
from pathlib import Path

from . import __version__


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {text!r}") from None


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {text!r}")
    return int(text)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m pipeline",
        description="Extract entities, dates, quantities and events from French news briefs.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    ex = sub.add_parser("extract", help="read briefs and write the briefs, mentions and events tables")
    ex.add_argument("inputs", nargs="*", type=Path, default=[Path("seeds")],
                    help="files (.txt, .jsonl, .csv) or folders read recursively (default: seeds/)")
    ex.add_argument("--out", type=Path, default=Path("outputs"),
                    help="folder for the tables, rejected.csv and run.json (default: outputs/)")
    ex.add_argument("--reference-date", type=_date, default=None, metavar="YYYY-MM-DD",
                    help="reference date for briefs whose input gives none; relative dates "
                         "('hier', 'lundi dernier') resolve against it (default: none, left unresolved)")
    ex.add_argument("--models", type=Path, default=None,
                    help="models folder with pipeline.cfg, patterns and gazetteers (default: the checkout's models/)")
    ex.add_argument("--batch-size", type=int, default=256, help="briefs per spaCy batch (default: 256)")
    ex.add_argument("--workers", type=_positive, default=1,
                    help="processes that annotate in parallel, each loading the model once; output is "
                         "identical to one process (default: 1). With --engine dask and no --scheduler: "
                         "the size of the local Dask cluster")
    ex.add_argument("--engine", choices=("local", "dask"), default="local",
                    help="'local': this machine; 'dask': partitions on a Dask cluster, tables written as "
                         "partitioned Parquet folders OUT/<table>/part-*.parquet (default: local)")
    ex.add_argument("--scheduler", default=None, metavar="ADDRESS",
                    help="Dask scheduler to use with --engine dask, e.g. tcp://10.0.0.5:8786 "
                         "(default: start a local cluster)")
    ex.add_argument("--strict", action="store_true", help="fail the run on the first rejected record")
    ex.add_argument("--quiet", action="store_true", help="no progress bar")

    ev = sub.add_parser("eval", help="score a run's tables against gold briefs")
    ev.add_argument("--gold", type=Path, required=True, help="gold JSONL (see tests/golden/seed.gold.jsonl)")
    ev.add_argument("--out", type=Path, default=Path("outputs"),
                    help="folder of the run to score (default: outputs/)")
    ev.add_argument("--diff", action="store_true", help="also list what was missed and what was extra")
    ev.add_argument("--pairs", type=Path, default=None,
                    help="also score same-story decisions against a pairs file (tests/golden/stories/pairs.jsonl)")

    st = sub.add_parser("stories", help="explain why the events of a story were grouped")
    st.add_argument("--explain", required=True, metavar="STORY_ID", help="a story_id of the run's stories table")
    st.add_argument("--out", type=Path, default=Path("outputs"), help="folder of the run (default: outputs/)")
    st.add_argument("--models", type=Path, default=None, help="models folder (default: the checkout's models/)")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "extract" and args.scheduler and args.engine != "dask":
        parser.error("--scheduler needs --engine dask")
    if args.command == "extract":
        return _extract(args)
    if args.command == "stories":
        return _stories(args)
    return _eval(args)


def _stories(args: argparse.Namespace) -> int:
    from .resources import models_dir
    from .stories import explain_run

    try:
        print(explain_run(args.out, args.explain, models_dir(args.models)))
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyError:
        print(f"error: no story {args.explain!r} in {args.out}/", file=sys.stderr)
        return 2
    return 0


def _extract(args: argparse.Namespace) -> int:
    from .emit import OutputError
    from .ingest import InputError
    from .resources import ResourceError
    from .run import RunError, RunOptions, extract

    options = RunOptions(
        inputs=list(args.inputs),
        out_dir=args.out,
        reference_date=args.reference_date,
        models=args.models,
        batch_size=args.batch_size,
        strict=args.strict,
        progress=not args.quiet,
        workers=args.workers,
        engine=args.engine,
        scheduler=args.scheduler,
    )
    try:
        with _terminate_as_interrupt():
            summary = extract(options)
    # OSError: disk full, output folder not writable… (raised after the staged files were dropped)
    except (InputError, ResourceError, RunError, OutputError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        print(f"error: nothing written; previous outputs in {args.out}/ left as they were", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted: previous outputs left as they were", file=sys.stderr)
        return 130
    for name, stats in sorted(summary.files.items()):
        for note in stats.notes:
            print(f"note: {name}: {note}", file=sys.stderr)
        if stats.encoding not in (None, "utf-8", "utf-8-sig"):
            print(f"note: {name}: not UTF-8, decoded as {stats.encoding}", file=sys.stderr)
    for rejection in summary.rejections[:20]:
        where = f"{rejection.file}" + (f":{rejection.record}" if rejection.record is not None else "")
        print(f"rejected: {where}: {rejection.reason}", file=sys.stderr)
    if len(summary.rejections) > 20:
        print(f"rejected: … {len(summary.rejections) - 20} more in {args.out}/rejected.csv", file=sys.stderr)
    if summary.rejections:
        print(f"{len(summary.rejections)} records rejected, listed in {args.out}/rejected.csv", file=sys.stderr)
    print(summary.line())
    return 0


class _terminate_as_interrupt:
    """Turn SIGTERM (a scheduler's timeout, `kill`) into KeyboardInterrupt while extracting,
    so the run's staged files are removed at once rather than by the next run."""

    def __enter__(self) -> None:
        self.previous = None
        if threading.current_thread() is threading.main_thread():
            self.previous = signal.signal(signal.SIGTERM, self._raise)

    @staticmethod
    def _raise(signum, frame) -> None:
        raise KeyboardInterrupt

    def __exit__(self, *exc) -> None:
        if self.previous is not None:
            signal.signal(signal.SIGTERM, self.previous)


def _eval(args: argparse.Namespace) -> int:
    from .emit import write_json
    from .evaluate import diff, evaluate, load_gold, load_run

    if not (args.out / "mentions.parquet").is_file():
        print(f"error: {args.out}: no run to score (run `make extract` first)", file=sys.stderr)
        return 2
    gold = load_gold(args.gold)
    briefs, mentions, events = load_run(args.out)
    report = evaluate(gold, briefs, mentions, events)
    print(report.table())
    for err in report.errors:
        print(f"warning: {err}", file=sys.stderr)
    if args.diff:
        for line in diff(gold, briefs, mentions):
            print(line)
    figures = report.figures()
    figures.update(_story_scores(args, gold, briefs, events))
    write_json(args.out / "eval.json", figures)
    return 0


def _story_scores(args: argparse.Namespace, gold: list[dict], briefs, events) -> dict[str, float]:
    """Pairwise same-story scores: of the gold set's `story` labels, and of `--pairs` when given."""
    from .stories_eval import score_gold_stories, score_pairs_file

    figures: dict[str, float] = {}
    if "story_id" not in events.columns:
        return figures
    scores = [("stories (gold)", score_gold_stories(gold, briefs, events), "story")]
    if args.pairs is not None:
        scores.append(("stories (pairs)", score_pairs_file(args.pairs, briefs, events), "story_pairs"))
    for name, score, prefix in scores:
        if score is None:
            continue
        print(score.line(name))
        if args.diff:
            for line in score.wrong:
                print(f"{name}: {line}")
        figures.update(score.figures(prefix))
    return figures
