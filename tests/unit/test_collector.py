"""The run's garbage-collector settings are scoped: a caller's process is left as it was."""

import gc

from pipeline import collector


def test_for_run_raises_the_young_threshold_then_restores_it():
    saved = gc.get_threshold()
    with collector.for_run():
        assert gc.get_threshold()[0] >= collector.YOUNG_THRESHOLD
        assert gc.get_threshold()[1:] == saved[1:]
    assert gc.get_threshold() == saved


def test_settle_freezes_what_is_loaded_until_the_run_ends():
    assert gc.get_freeze_count() == 0
    with collector.for_run():
        collector.settle()
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0


def test_a_callers_own_frozen_objects_stay_frozen():
    gc.freeze()
    try:
        before = gc.get_freeze_count()
        with collector.for_run():
            collector.settle()
        assert gc.get_freeze_count() >= before > 0
    finally:
        gc.unfreeze()


def test_settings_are_restored_when_the_run_raises():
    saved = gc.get_threshold()
    try:
        with collector.for_run():
            collector.settle()
            raise RuntimeError("a failing run")
    except RuntimeError:
        pass
    assert gc.get_threshold() == saved
    assert gc.get_freeze_count() == 0
