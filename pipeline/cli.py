"""Command line: `python -m pipeline extract …` and `python -m pipeline eval …`."""

from __future__ import annotations

import argparse
import datetime as dt
import signal
import sys
import threading
from pathlib import Path

from .version import __version__


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
    _add_extract(sub)
    _add_report(sub)
    _add_eval(sub)
    _add_stories(sub)
    return parser


def _add_extract(sub) -> None:
    """`extract`: read briefs, write the tables."""
    ex = sub.add_parser("extract", help="read briefs and write the briefs, mentions and events tables")
    ex.add_argument("inputs", nargs="*", type=Path, default=[Path("seeds")],
                    help="files or folders read recursively (default: seeds/): text (.txt, .html, .docx), "
                         "tables (.jsonl, .csv, .tsv), feeds (.rss, .atom, .xml); other files are rejected")
    ex.add_argument("--columns", type=_columns, default={}, metavar="FIELD=NAME,...",
                    help="column names of CSV/JSONL inputs for fields the known French and English names "
                         "miss, e.g. text=Texte,date=Publié (fields: text, headline, date, id, source)")
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
    ex.add_argument("--full", action="store_true",
                    help="extract every brief again; by default a brief the previous run in --out already "
                         "extracted (same text, same reference date, same models, code and versions) is "
                         "read back from its tables")
    ex.add_argument("--quiet", action="store_true", help="no progress bar")
    ex.add_argument("--no-report", action="store_true", help="do not write OUT/report.html")
    ex.add_argument("--spreadsheet-safe", action="store_true",
                    help="also write OUT/<table>.xlsx-safe.csv, where text cells that a spreadsheet would "
                         "run as formulas (starting with = + - @) are prefixed with an apostrophe")


def _add_report(sub) -> None:
    """`report`: the HTML report of an existing run."""
    rp = sub.add_parser("report", help="write OUT/report.html (and spreadsheet-safe CSV) from a run's tables")
    rp.add_argument("--out", type=Path, default=Path("outputs"), help="folder of the run (default: outputs/)")
    rp.add_argument("--spreadsheet-safe", action="store_true",
                    help="also write OUT/<table>.xlsx-safe.csv (see extract --help)")


def _add_eval(sub) -> None:
    """`eval`: score a run, or every gold set."""
    ev = sub.add_parser("eval", help="score a run's tables against gold briefs, or extract and score every gold set")
    which = ev.add_mutually_exclusive_group(required=True)
    which.add_argument("--gold", type=Path, help="gold JSONL scored against the run in --out "
                       "(see tests/golden/seed.gold.jsonl)")
    which.add_argument("--sets", type=Path, help="list of gold sets (tests/golden/sets.tsv): extract each set's "
                       "input into OUT/<set>/ and score it; prints one table per set, the dev total, its "
                       "event-type confusion matrix and type precision by confidence band")
    ev.add_argument("--out", type=Path, default=Path("outputs"),
                    help="folder of the run to score, or with --sets the folder for the sets' runs "
                         "(default: outputs/)")
    ev.add_argument("--diff", action="store_true",
                    help="also list the organisations and places missed or extra and every event field that "
                         "disagrees with the gold")
    ev.add_argument("--pairs", type=Path, default=None,
                    help="also score same-story decisions against a pairs file (tests/golden/stories/pairs.jsonl)")


def _add_stories(sub) -> None:
    """`stories --explain`: why a story's events were grouped."""
    st = sub.add_parser("stories", help="explain why the events of a story were grouped")
    st.add_argument("--explain", required=True, metavar="STORY_ID", help="a story_id of the run's stories table")
    st.add_argument("--out", type=Path, default=Path("outputs"), help="folder of the run (default: outputs/)")
    st.add_argument("--models", type=Path, default=None, help="models folder (default: the checkout's models/)")


def _columns(value: str) -> dict[str, str]:
    """`text=Texte,date=Publié` as {"text": "Texte", "date": "Publié"}; fields are checked."""
    from .ingest import RECORD_FIELDS

    out = {}
    for part in filter(None, (p.strip() for p in value.split(","))):
        field, sep, name = part.partition("=")
        field = field.strip().lower()
        if not sep or not name.strip() or field not in RECORD_FIELDS:
            raise argparse.ArgumentTypeError(f"{part!r}: expected FIELD=NAME with FIELD one of {', '.join(RECORD_FIELDS)}")
        out[field] = name.strip()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "extract" and args.scheduler and args.engine != "dask":
        parser.error("--scheduler needs --engine dask")
    if args.command == "extract":
        return _extract(args)
    if args.command == "stories":
        return _stories(args)
    if args.command == "report":
        return _report(args)
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
    from .staging import OutputError
    from .ingest import InputError
    from .resources import ResourceError
    from .accounting import RunError
    from .run import RunOptions, extract

    options = RunOptions(
        inputs=list(args.inputs),
        out_dir=args.out,
        reference_date=args.reference_date,
        columns=args.columns,
        models=args.models,
        batch_size=args.batch_size,
        strict=args.strict,
        progress=not args.quiet,
        workers=args.workers,
        engine=args.engine,
        scheduler=args.scheduler,
        full=args.full,
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
    for name in summary.left_alone:
        print(f"warning: {args.out / name}: not written by this project; left as it is", file=sys.stderr)
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
    # Written right after the tables' commit, from the committed tables (so every engine gets one).
    return _report(args, report=not args.no_report, verbose=False)


def _report(args: argparse.Namespace, report: bool = True, verbose: bool = True) -> int:
    """Write report.html and, when asked, the spreadsheet-safe CSV from a run's tables."""
    from .report import REPORT_NAME, ReportInputError, write_report
    from .report.spreadsheet import write_spreadsheet_safe

    try:
        if report:
            path = write_report(args.out)
            if verbose:
                print(f"report: {path}")
        if args.spreadsheet_safe:
            for path in write_spreadsheet_safe(args.out):
                if verbose:
                    print(f"spreadsheet-safe: {path}")
    except (ReportInputError, OSError) as exc:
        if report:  # never leave the previous run's page beside the new tables
            (args.out / REPORT_NAME).unlink(missing_ok=True)
        print(f"error: report not written: {exc}", file=sys.stderr)
        return 2
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
    """Exit 0 when scored, 1 when a run's briefs do not match its gold's (segmentation), 2 on error."""
    if args.sets is not None:
        return _eval_sets(args)
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
        for line in diff(gold, briefs, mentions, events):
            print(line)
    figures = report.figures()
    figures.update(_story_scores(args, gold, briefs, events))
    write_json(args.out / "eval.json", figures)
    return _segmentation_status(report)


def _story_scores(args: argparse.Namespace, gold: list[dict], briefs, events, prefix: str = "") -> dict[str, float]:
    """Pairwise same-story scores: of the gold set's `story` labels, and of `--pairs` when given."""
    from .stories_eval import score_gold_stories, score_pairs_file

    figures: dict[str, float] = {}
    if "story_id" not in events.columns:
        return figures
    scores = [("stories (gold)", score_gold_stories(gold, briefs, events), f"{prefix}story")]
    if args.pairs is not None and not prefix:
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


def _segmentation_status(report) -> int:
    if report.segmentation.get("ok"):
        return 0
    seg = report.segmentation
    print(f"error: the run's briefs do not match the gold's: {seg.get('matched', 0)} of {seg.get('gold', 0)} "
          f"gold briefs found, {seg.get('predicted', 0)} briefs in the run", file=sys.stderr)
    return 1


def _eval_sets(args: argparse.Namespace) -> int:
    from .emit import write_json
    from .evaluate import bands_table, combine, confusion, diff, evaluate, load_gold, load_run, load_sets, set_figures
    from .run import RunOptions, extract

    try:
        sets = load_sets(args.sets)
    except (OSError, ValueError) as exc:
        print(f"error: {args.sets}: {exc}", file=sys.stderr)
        return 2
    figures: dict[str, float] = {}
    dev_reports = []
    status = 0
    for gold_set in sets:
        out = args.out / gold_set.name
        extract(RunOptions(inputs=[gold_set.input], out_dir=out, progress=False))
        gold = load_gold(gold_set.gold)
        briefs, mentions, events = load_run(out)
        report = evaluate(gold, briefs, mentions, events)
        print(f"== {gold_set.name} ({len(gold)} briefs) ==")
        print(report.table())
        for err in report.errors:
            print(f"warning: {gold_set.name}: {err}", file=sys.stderr)
        if args.diff:
            for line in diff(gold, briefs, mentions, events):
                print(f"{gold_set.name}: {line}")
        figures.update(set_figures(gold_set.name, report))
        figures.update(_story_scores(args, gold, briefs, events, prefix=f"{gold_set.name}_"))
        status = max(status, _segmentation_status(report))
        if gold_set.is_dev:
            dev_reports.append(report)
        print()
    if dev_reports:
        total = combine(dev_reports)
        print(f"== dev total ({len(total.types)} gold events in {len(dev_reports)} sets) ==")
        print(total.table())
        print()
        print(confusion(total))
        print()
        print(bands_table(total))
        figures.update(set_figures("dev", total))
    if args.pairs is not None:
        figures.update(_story_pairs(args))
    write_json(args.out / "eval.json", figures)
    return status


def _story_pairs(args: argparse.Namespace) -> dict[str, float]:
    """With --sets: extract the pairs file's briefs (beside it, briefs.jsonl) into OUT/stories/ and score them."""
    from .evaluate import load_run
    from .run import RunOptions, extract
    from .stories_eval import score_pairs_file

    out = args.out / "stories"
    extract(RunOptions(inputs=[args.pairs.parent / "briefs.jsonl"], out_dir=out, progress=False))
    briefs, _, events = load_run(out)
    score = score_pairs_file(args.pairs, briefs, events)
    print(score.line("stories (pairs)"))
    if args.diff:
        for line in score.wrong:
            print(f"stories (pairs): {line}")
    return score.figures("story_pairs")
