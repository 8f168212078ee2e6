"""Issue 19's goals against what one `bench_build.py` run measured: met, or missed by how much and why.

Each goal is judged only at the sizes it names (size and speed at 10,000 and 100,000 records, the
preview at 10,000; a smaller size is reported but not judged). The "why" of a miss is read from the
same run: for size, the outputs that take the most bytes a record; for speed, where the build's time
went (our phases, the rest being MkDocs and the theme) against the floor's whole time.
"""

from __future__ import annotations

from dataclasses import dataclass, field

BUDGET_KB = 10.0  # the whole site, KB a record on average
PARALLEL_MAX = 0.5  # the parallel build ÷ the floor
SERIAL_MAX = 1.0  # the serial build ÷ the floor
LARGE_SECONDS = 600  # 100,000 records, on this 2-core machine
LARGE_MB = 6000  # the largest process, 100,000 records
PREVIEW_SECONDS = 2.0  # from saving an edit to the served page showing it, 10,000 records
JUDGED = (10_000, 100_000)


@dataclass
class Run:
    """What bench_build measured at one size (None: not measured in this run)."""

    records: int
    kb_by_kind: dict[str, float] = field(default_factory=dict)  # KB a record by output kind
    floor: float | None = None
    parallel: float | None = None
    serial: float | None = None
    peak_mb: float | None = None
    phases: dict[str, float] = field(default_factory=dict)  # the parallel build's, seconds
    serial_phases: dict[str, float] = field(default_factory=dict)


def verdicts(runs: list[Run], preview: tuple[int, list[float]] | None = None) -> list[list[str]]:
    """Rows: goal, records, measured, verdict ('met' or 'missed by …'), why (for a miss)."""
    rows = []
    for run in (r for r in runs if _judged(r.records)):
        if run.kb_by_kind:
            total = sum(run.kb_by_kind.values())
            largest = sorted(run.kb_by_kind.items(), key=lambda item: -item[1])[:3]
            rows.append(_row(f"≤ {BUDGET_KB:g} KB a record", run.records, f"{total:.2f} KB", total, BUDGET_KB, "KB",
                             ", ".join(f"{kind} {kb:.2f} KB" for kind, kb in largest)))
        if run.floor and run.parallel:
            rows.append(_row(f"parallel ≤ {PARALLEL_MAX:g}× the floor", run.records,
                             f"{run.parallel / run.floor:.2f}× ({run.parallel:.1f} s ÷ {run.floor:.1f} s)",
                             run.parallel / run.floor, PARALLEL_MAX, "×", _time_why(run, run.phases)))
        if run.floor and run.serial:
            rows.append(_row(f"serial ≤ {SERIAL_MAX:g}× the floor", run.records,
                             f"{run.serial / run.floor:.2f}× ({run.serial:.1f} s ÷ {run.floor:.1f} s)",
                             run.serial / run.floor, SERIAL_MAX, "×", _time_why(run, run.serial_phases)))
        if run.records >= 100_000 and run.parallel:
            rows.append(_row(f"built in < {LARGE_SECONDS // 60} min", run.records, f"{run.parallel:.0f} s",
                             run.parallel, LARGE_SECONDS, "s", _time_why(run, run.phases)))
        if run.records >= 100_000 and run.peak_mb:
            rows.append(_row(f"largest process < {LARGE_MB / 1000:g} GB", run.records, f"{run.peak_mb:,.0f} MB",
                             run.peak_mb, LARGE_MB, "MB", ""))
    if preview and preview[0] >= JUDGED[0]:
        slowest = max(preview[1])
        rows.append(_row(f"preview ≤ {PREVIEW_SECONDS:g} s", preview[0],
                         ", ".join(f"{s:.2f}" for s in preview[1]) + " s", slowest, PREVIEW_SECONDS, "s",
                         "the slowest of the edits counts"))
    return rows


def _judged(records: int) -> bool:
    return records in JUDGED or records >= JUDGED[-1]


def _row(goal: str, records: int, measured: str, value: float, limit: float, unit: str, why: str) -> list[str]:
    if value <= limit:
        return [goal, f"{records:,}", measured, "met", ""]
    by = value - limit
    amount = f"{by:.2f}×" if unit == "×" else f"{by:,.2f} {unit}" if unit in ("KB", "s") else f"{by:,.0f} {unit}"
    return [goal, f"{records:,}", measured, f"**missed by {amount}**", why]


def _time_why(run: Run, phases: dict[str, float]) -> str:
    """Where a build's time went: our largest phases (in a parallel build, the parent's share), and
    what plain MkDocs with the theme takes on the same pages."""
    if not phases:
        return ""
    ours = sorted(phases.items(), key=lambda item: -item[1])[:3]
    why = "our largest phases " + ", ".join(f"{name} {s:.1f} s" for name, s in ours)
    return why + (f"; plain MkDocs and the theme on the same pages take {run.floor:.1f} s" if run.floor else "")
