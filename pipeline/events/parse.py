"""Read a Doc's parse as plain arrays: spaCy string hashes → strings, cached across Docs.

`BriefContext` reads the parse with one `Doc.to_array` call; these caches turn
the hash columns into strings only for the tokens the rules read.
"""

from __future__ import annotations

from spacy.attrs import DEP, HEAD, IDX, LEMMA, LOWER, MORPH, POS, SENT_START

# One array read gives the parse; read as signed integers (a head is an offset, SENT_START may be -1),
# so the string hashes come out as their signed 64-bit equivalents.
PARSE_ATTRS = (HEAD, SENT_START, POS, IDX, DEP, LEMMA, LOWER, MORPH)
UNSIGNED = (1 << 64) - 1
# Bound of each hash → string cache: words keep coming over a long run, labels do not.
MAX_CACHED = 100_000


class StringCache(dict):
    """Signed hash → string (optionally transformed), kept from the StringStore's first answer.

    A dict read costs a fraction of a StringStore look-up, and a hash names the
    same string in every StringStore, so one cache serves every Doc.
    """

    def __init__(self, transform=None):
        super().__init__()
        self.transform = transform

    def read(self, key: int, store) -> object:
        """The string of `key` from `store` (transformed), kept for the next time."""
        if len(self) > MAX_CACHED:
            self.clear()
        value = store[key & UNSIGNED]
        if self.transform is not None:
            value = self.transform(value)
        self[key] = value
        return value

    def column(self, keys, store) -> list:
        """The strings of a column of hashes."""
        values = list(map(self.get, keys))
        if None in values:
            values = [self.read(key, store) if value is None else value for key, value in zip(keys, values)]
        return values


class LazyColumn(dict):
    """Token index → its string, looked up on first use: most tokens are never read."""

    __slots__ = ("keys", "strings", "store")

    def __init__(self, keys, strings: StringCache, store):
        super().__init__()
        self.keys, self.strings, self.store = keys, strings, store

    def __missing__(self, i: int) -> str:
        key = self.keys[i]
        value = self.strings.get(key)
        if value is None:
            value = self.strings.read(key, self.store)
        self[i] = value
        return value


def _features(feats: str) -> dict[str, tuple[str, ...]]:
    """"Mood=Cnd|VerbForm=Fin" → {"Mood": ["Cnd"], "VerbForm": ["Fin"]}, as `MorphAnalysis.get` reads them."""
    out: dict[str, list[str]] = {}
    for feat in feats.split("|") if feats else ():
        name, _, values = feat.partition("=")
        out[name] = tuple(values.split(","))
    return out


# One cache per column kind, shared by every Doc of the run.
DEPS, LEMMAS, LOWERS, MORPHS = StringCache(), StringCache(str.lower), StringCache(), StringCache(_features)
RAW_LEMMAS = StringCache()
NO_FEATURES: tuple[str, ...] = ()

def positions(values: list, value) -> list[int]:
    """Indices of `value` in `values`, found by `list.count` and `list.index` (C scans, for a value that is rare)."""
    out, i = [], -1
    for _ in range(values.count(value)):
        i = values.index(value, i + 1)
        out.append(i)
    return out
