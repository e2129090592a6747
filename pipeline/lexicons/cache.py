"""A start-up cache for word lists that take long to build (the gazetteer: ~75,000 places).

`cached_build` returns what `build()` returns, from a pickle written by an earlier
process when its key still matches, else by calling `build()` and writing the
pickle for the next one. The key is a SHA-256 over the bytes of every file the
build may read (whole folders: a file added to `models/gazetteers/` changes it)
and of the Python source that builds it, plus the Python version; so a changed
word list or a changed reader is never answered from an old pickle, and nothing
but speed depends on the cache being there.

The cache lives beside the models folder (`<models>/../.cache/`, or
`$BRIEFS_CACHE_DIR`), never inside it: the run's fingerprint hashes `models/`.
A folder that cannot be written, or a pickle that cannot be read, means the
build runs as if there were no cache; setting `BRIEFS_CACHE_DIR=off` turns the
cache off.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

CACHE_ENV = "BRIEFS_CACHE_DIR"
FORMAT = 1  # bump when what is pickled changes shape without its source changing

T = TypeVar("T")


def cache_dir(models: Path) -> Path | None:
    """Where the caches of a models folder go (None: caching turned off)."""
    explicit = os.environ.get(CACHE_ENV)
    if explicit:
        return None if explicit.lower() == "off" else Path(explicit)
    return Path(models).resolve().parent / ".cache"


def digest(paths: Iterable[Path]) -> str:
    """SHA-256 over the relative paths and bytes of every file under `paths` (files or folders), sorted,
    skipping hidden files and `__pycache__`; with the Python version and `FORMAT`.

    >>> len(digest([Path(__file__)]))
    64
    """
    h = hashlib.sha256(f"{FORMAT} {sys.version_info[:2]} {pickle.HIGHEST_PROTOCOL}".encode())
    for root in paths:
        root = Path(root)
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        for path in files:
            rel = path.relative_to(root.parent if root.is_file() else root)
            if any(part.startswith(".") or part == "__pycache__" for part in rel.parts):
                continue
            h.update(f"{root.name}/{rel.as_posix()}".encode("utf-8") + b"\0")
            h.update(path.read_bytes())
            h.update(b"\0")
    return h.hexdigest()


def cached_build(name: str, inputs: Iterable[Path], build: Callable[[], T], folder: Path | None) -> T:
    """`build()`, or the pickle of an earlier identical build in `folder` (see the module docstring).

    `inputs` are the files and folders whose bytes decide the result (data and source).
    Older pickles of the same `name` are removed when a new one is written.
    """
    if folder is None:
        return build()
    key = digest(inputs)
    path = folder / f"{name}-{key[:32]}.pickle"
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except FileNotFoundError:
        pass
    except Exception:  # noqa: BLE001  (a damaged or foreign pickle: build again and replace it)
        pass
    value = build()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # Written whole under a temporary name, then renamed: a concurrent reader sees the old file or the new.
        with tempfile.NamedTemporaryFile("wb", dir=folder, prefix=f".{name}-", suffix=".tmp", delete=False) as tmp:
            try:
                pickle.dump(value, tmp, protocol=pickle.HIGHEST_PROTOCOL)
            except BaseException:
                Path(tmp.name).unlink(missing_ok=True)
                raise
        os.replace(tmp.name, path)
        for old in folder.glob(f"{name}-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only place or a full disk: no cache, same result
    return value
