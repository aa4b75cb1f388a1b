"""Batch coding at scale: inputs cut into units, coded on a Dask cluster into Parquet.

:mod:`flashpoint.scale.units` and :mod:`flashpoint.scale.work` need no Dask;
:mod:`flashpoint.scale.cluster` (``run_batch``) is the only module that imports it,
so the ``dask`` extra is needed only to run a batch, not to load one.
"""

from __future__ import annotations

from flashpoint.scale.units import Plan, Unit, plan_units, read_unit
from flashpoint.scale.work import (
    BatchLoad,
    UnitReport,
    done_units,
    is_batch,
    load_batch,
    run_unit,
)

__all__ = [
    "BatchLoad",
    "Plan",
    "Unit",
    "UnitReport",
    "done_units",
    "is_batch",
    "load_batch",
    "plan_units",
    "read_unit",
    "run_unit",
]
