"""Where the project's data lives: the `models/` folder, found once, explicitly."""

from __future__ import annotations

import os
from pathlib import Path

MODELS_ENV = "BRIEFS_MODELS_DIR"


class ResourceError(Exception):
    """The models folder or one of its files is missing."""


def models_dir(explicit: str | os.PathLike | None = None) -> Path:
    """Return the models folder: `explicit`, else $BRIEFS_MODELS_DIR, else the checkout's `models/`.

    The package is installed in editable mode from the checkout (`make` does
    this), so the default is the `models/` folder beside the package.
    """
    candidate = explicit or os.environ.get(MODELS_ENV)
    path = Path(candidate) if candidate else Path(__file__).resolve().parent.parent / "models"
    if not (path / "pipeline.cfg").is_file():
        raise ResourceError(
            f"{path}: not a models folder (no pipeline.cfg); pass --models or set {MODELS_ENV}"
        )
    return path


def component_setting(factory: str, key: str, models: str | os.PathLike | None = None) -> str:
    """A setting of one of the project's components as `models/pipeline.cfg` writes it
    (`${paths.models}` being the models folder): what a factory uses for a file
    setting left empty, so `nlp.add_pipe("briefs_dates")` needs no config.

    >>> component_setting("briefs_dates", "patterns").endswith("patterns/dates.jsonl")
    True
    """
    from confection import Config  # spaCy's config reader; loaded when a factory needs it

    folder = models_dir(models)
    config = Config().from_disk(folder / "pipeline.cfg", overrides={"paths.models": str(folder)})
    try:
        return str(config["components"][factory][key])
    except KeyError:
        raise ResourceError(f"{folder / 'pipeline.cfg'}: no setting {key!r} for {factory}") from None
