"""The Ray runner: the same pure per-batch function as the local runner, mapped with Ray Data on an actor pool.

Each actor loads the model once (``process.warm``) and then runs ``fn(batch, settings)`` on one of
our batches at a time. Batches travel pickled, one Ray Data row (and one block) per batch, and
come back in order. A worker that dies (a crash, the OOM killer) is restarted and its batch tried
again, ``TASK_RETRIES`` times; the items of a batch that still fails are tried one by one. An item
that kills its worker alone, and an item whose ``fn`` raises, become ``InputFailure`` records for the
run to report: one poison article never fails the job, nor the other articles of its batch.
"""

from __future__ import annotations

import logging
import os
import pickle
import socket
import warnings
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator, Sequence, TypeVar

from newsevents.batch.local import BatchFn
from newsevents.errors import SettingsError
from newsevents.process import warm
from newsevents.records import InputFailure
from newsevents.settings import Settings

T = TypeVar("T")
R = TypeVar("R")

#: tries of a batch whose worker died, after the first (RayRunner's default)
TASK_RETRIES = 2
#: batches handed to Ray Data as one dataset: the driver holds this many, pickled, at a time, and each
#: window gets a fresh actor pool (so the model loads once per worker per window: 8,192 articles at batch size 32)
WINDOW = 256


class BatchActor:
    """One worker of the pool: sets up once, then maps ``fn`` over the batches it is given."""

    def __init__(self, settings: Settings, fn: BatchFn, setup: Callable[[Settings], None] | None) -> None:
        self.settings, self.fn = settings, fn
        if setup is not None:
            setup(settings)  # the model and tables load here, once per worker

    def __call__(self, rows: dict[str, Any]) -> dict[str, Any]:
        """Rows of (index, pickled batch) in; rows of (index, pickled results) out."""
        results = [pickle.dumps(self._run(pickle.loads(raw)), protocol=pickle.HIGHEST_PROTOCOL) for raw in rows["batch"]]
        return {"index": rows["index"], "results": results}

    def _run(self, batch: Sequence[Any]) -> list[Any]:
        try:
            return self.fn(batch, self.settings)
        except Exception:  # noqa: BLE001 - find the item that fails, keep the others
            return [self._run_one(item) for item in batch]

    def _run_one(self, item: Any) -> Any:
        try:
            (result,) = self.fn([item], self.settings)
            return result
        except Exception as exc:  # noqa: BLE001 - a poison item is reported, never fatal
            return InputFailure(_origin(item), f"{_name(item)} failed in a Ray worker ({type(exc).__name__}: {exc}); please report this with the input")


#: per-batch functions that use the model: their actors load it (``process.warm``) before the first batch
NEEDS_MODEL = {"newsevents.process.annotate_batch"}


class RayRunner:
    """The Runner protocol (batch/runners.py) on Ray: a context manager whose ``map`` runs on Ray Data actors.

    ``address`` (else ``settings.ray_address``) names a running cluster (``ray start --head``); empty starts a
    local Ray with ``settings.workers`` CPUs, stopped on exit. Each ``map`` call makes one actor pool of
    ``settings.workers`` actors, which set up once (the model, for functions in ``NEEDS_MODEL``).
    """

    def __init__(self, settings: Settings, address: str | None = None, retries: int = TASK_RETRIES) -> None:
        self.settings, self.address, self.retries = settings, address or settings.ray_address or None, retries
        self._ray: Any = None
        self._started = False

    def __enter__(self) -> "RayRunner":
        self._ray = _import_ray()
        self._started = _connect(self._ray, self.address, self.settings)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._started:
            self._ray.shutdown()
            self._started = False

    def map(self, fn: BatchFn, batches: Iterable[Sequence[T]], setup: Callable[[Settings], None] | None = None) -> Iterator[list[R]]:
        """Yield ``fn(batch, settings)`` for each batch, in order; ``setup`` (default: by ``NEEDS_MODEL``) runs once per actor.

        ``batches`` is read ``WINDOW`` batches at a time, so a streaming source stays bounded.
        """
        if self._ray is None:
            raise RuntimeError("use RayRunner as a context manager: with RayRunner(settings) as runner: runner.map(...)")
        if setup is None and f"{fn.__module__}.{fn.__qualname__}" in NEEDS_MODEL:
            setup = warm
        for window in _windows(batches, WINDOW):
            yield from _map_window(self._ray, window, _Map(self.settings, fn, setup, self.retries))


@dataclass(frozen=True)
class _Map:
    """What one ``RayRunner.map`` call maps, and how often a batch whose worker died is tried again."""

    settings: Settings
    fn: BatchFn
    setup: Callable[[Settings], None] | None
    retries: int


def _map_window(ray: Any, window: list[Sequence[Any]], job: _Map) -> Iterator[list[Any]]:
    """Map one window of batches, in order; the items of a batch Ray gave up on are tried again one by one.

    From the first lost batch on, results are held back until its items have been retried, so the order
    holds; an item that still kills its worker alone is reported, and its batch-mates keep their results.
    """
    held: list[tuple[int, list[Any] | None]] = []
    for index, results in _mapped(ray, window, job):
        if results is None or held:
            held.append((index, results))
            continue
        yield results
    if not held:
        return
    lost = [i for i, results in held if results is None]
    alone = [[item] for i in lost if len(window[i]) > 1 for item in window[i]]
    again = iter([results for _, results in _mapped(ray, alone, job)] if alone else [])
    retried: dict[int, list[Any]] = {}
    for i in lost:
        if len(window[i]) == 1:  # it was alone already
            retried[i] = _lost(window[i], job.retries)
            continue
        retried[i] = []
        for item in window[i]:
            retried[i] += next(again) or _lost([item], job.retries)
    for index, results in held:
        yield retried[index] if results is None else results


def _mapped(ray: Any, window: list[Sequence[Any]], job: _Map) -> Iterator[tuple[int, list[Any] | None]]:
    """(index, results) for each batch of ``window``, in order, on one actor pool; None for a batch whose worker died on every try."""
    from ray.data import ActorPoolStrategy, DataContext

    with warnings.catch_warnings():
        # Ray 2.60 warns about its own deprecated context fields, and about ray_remote_args, still the only way to set task retries
        warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"ray\.")
        warnings.filterwarnings("ignore", message=".*ray_remote_args.* is deprecated")
        context = DataContext.get_current()
        context.execution_options.preserve_order = True
        context.max_errored_blocks = -1  # a batch whose worker kept dying is dropped by Ray Data and comes back as None
        context.enable_progress_bars = False
        rows = [{"index": i, "batch": pickle.dumps(list(b), protocol=pickle.HIGHEST_PROTOCOL)} for i, b in enumerate(window)]
        dataset = ray.data.from_items(rows, override_num_blocks=len(rows))
        mapped = dataset.map_batches(
            BatchActor, fn_constructor_kwargs={"settings": job.settings, "fn": job.fn, "setup": job.setup}, batch_size=1, num_cpus=1,
            # one batch in flight per actor: a worker that dies takes only its own batch's tries with it
            compute=ActorPoolStrategy(size=min(job.settings.workers, len(rows)), max_tasks_in_flight_per_actor=1),
            batch_format="numpy", zero_copy_batch=True,
            max_restarts=-1, max_task_retries=job.retries,
        )  # fmt: skip
    expected = 0
    for row in mapped.iter_rows():
        index = int(row["index"])
        yield from ((lost, None) for lost in range(expected, index))
        yield index, pickle.loads(row["results"])
        expected = index + 1
    yield from ((lost, None) for lost in range(expected, len(window)))


def _lost(batch: Sequence[Any], retries: int) -> list[InputFailure]:
    """The failures of items whose Ray worker died on every try, alone."""
    return [InputFailure(_origin(item), f"{_name(item)}: its Ray worker died on each of {retries + 1} tries, with it alone in "
                                        "the batch (a crash or out of memory); run it with --runner local to see why") for item in batch]  # fmt: skip


def _origin(item: Any) -> str:
    return str(getattr(item, "origin", "") or getattr(item, "id", ""))


def _name(item: Any) -> str:
    ident = getattr(item, "id", None)
    return f"article {ident}" if ident else f"input {_origin(item)}"


def _windows(batches: Iterable[Sequence[T]], size: int) -> Iterator[list[Sequence[T]]]:
    window: list[Sequence[T]] = []
    for batch in batches:
        window.append(batch)
        if len(window) == size:
            yield window
            window = []
    if window:
        yield window


def _check_reachable(address: str) -> None:
    """Fail at once when nothing listens at ``host:port`` (Ray itself would retry for minutes)."""
    host, _, port = address.rpartition(":")
    if not host or not port.isdigit():
        return  # "auto" and the like: Ray finds the cluster itself
    try:
        socket.create_connection((host, int(port)), timeout=5).close()
    except OSError as exc:
        raise SettingsError(f"no Ray cluster answers at {address!r} ({exc.strerror or exc}); start one with `ray start --head`, "
                            "or leave --address empty to start a local Ray") from exc  # fmt: skip


def _import_ray() -> Any:
    """Ray, or an error that says how to install it."""
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError as exc:
        raise SettingsError(f"--runner ray needs Ray ({exc}); install it with: pip install 'newsevents[ray]', or use --runner local") from exc
    return ray


def _connect(ray: Any, address: str | None, settings: Settings) -> bool:
    """Join the cluster at ``address``, or start a quiet local Ray; True when this call started it."""
    if ray.is_initialized():
        return False
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    os.environ.setdefault("RAY_DATA_DISABLE_PROGRESS_BARS", "1")
    quiet = {"include_dashboard": False, "log_to_driver": False, "logging_level": "ERROR", "configure_logging": True}
    try:
        if address:
            _check_reachable(address)
            ray.init(address=address, **quiet)
        else:
            ray.init(num_cpus=settings.workers, _temp_dir=os.environ.get("RAY_TMPDIR", "/tmp/ray"), **quiet)
    except ConnectionError as exc:
        raise SettingsError(f"no Ray cluster answers at {address!r} ({exc}); start one with `ray start --head`, or leave --address empty") from exc
    # Ray Data logs each dropped block with its traceback; the run reports those batches as failures instead
    logging.getLogger("ray.data").setLevel(logging.CRITICAL)
    return True
