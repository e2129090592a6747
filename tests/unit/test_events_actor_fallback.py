"""The actor fallback when the parser gives the trigger no subject: the name right before the verb group."""

from __future__ import annotations

from types import SimpleNamespace

from pipeline.events.linear import name_before

# "Le 4 mai, Énergie du Mali (EDM) a raccordé …" as the parser sometimes reads it: the company hung on the
# date chain, so "raccordé" has no subject; tokens 0-5 are the dateline.
WORDS = ["le", "4", "mai", ",", "énergie", "du", "mali", "(", "edm", ")", "a", "raccordé"]
VERB = 11


def _ctx(names: dict[int, str]) -> SimpleNamespace:
    mentions = {i: SimpleNamespace(kind="ORG", place_kind=None, normalized=n) for i, n in names.items()}
    return SimpleNamespace(
        lower=WORDS,
        dep=["det", "obl:mod", "nmod", "punct", "conj", "case", "nmod", "punct", "nmod", "punct", "aux:tense", "ROOT"],
        children={VERB: [10]},
        name_at=mentions.get,
    )


def test_name_before_skips_the_acronym_in_brackets():
    found = name_before(_ctx({6: "Énergie du Mali"}), VERB)
    assert found is not None and found.normalized == "Énergie du Mali"


def test_name_before_without_brackets_reads_the_next_token_only():
    words = WORDS[:7] + WORDS[10:]
    ctx = SimpleNamespace(lower=words, dep=["x"] * 7 + ["aux:tense", "ROOT"], children={8: [7]},
                          name_at={6: SimpleNamespace(kind="ORG", place_kind=None, normalized="Énergie du Mali")}.get)
    assert name_before(ctx, 8).normalized == "Énergie du Mali"
    ctx.name_at = {}.get
    assert name_before(ctx, 8) is None
