"""The project's version, in a module of its own: any module reads it without importing the package
(whose `__init__` offers `pipeline.extract`, which imports the run)."""

__version__ = "0.1.0"
