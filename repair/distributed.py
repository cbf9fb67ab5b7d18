"""Corpora beyond one machine, on Dask.

Each Dask worker process holds its own :class:`~repair.pipeline.Repairer` (its own LanguageTool
server and model), built once when the worker first needs it and closed when the worker
stops. Documents travel in batches; results come back as :class:`~repair.records.Result`, in
input order, identical to a local run.

Why Dask: it is a pure-Python ``pip install``, runs the same code on a laptop
(``LocalCluster``) and on a cluster (``dask-scheduler`` / ``dask-worker``, Kubernetes, YARN,
SLURM via dask-jobqueue), and its worker plugins give each worker one long-lived Repairer
without a home-made scheduler.

Local cluster::

    from repair.distributed import fix_corpus
    for result in fix_corpus(texts, n_workers=2):
        ...

A real cluster (start ``dask scheduler`` and ``dask worker tcp://HOST:8786`` on the
machines, each with ``pip install repair[dist] && repair setup``)::

    for result in fix_corpus(texts, address="tcp://HOST:8786"):
        ...
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import asdict
from typing import Any

from .errors import SetupError
from .records import Result

PLUGIN_NAME = "repair-repairer"


def _require_dask():
    try:
        import distributed
    except ImportError as exc:  # pragma: no cover - exercised only without the extra
        raise SetupError("the distributed engine needs Dask: pip install 'repair[dist]'") from exc
    return distributed


def _plugin_class():
    distributed = _require_dask()

    class RepairerPlugin(distributed.WorkerPlugin):
        """Gives a worker one Repairer, built lazily, closed at teardown."""

        name = PLUGIN_NAME

        def __init__(self, config: dict[str, Any]) -> None:
            self.config = config
            self.repairer = None

        def setup(self, worker) -> None:
            self.worker = worker

        def get(self):
            if self.repairer is None:
                from .pipeline import Options, Repairer

                cfg = dict(self.config)
                options = Options(**cfg.pop("options", {}))
                self.repairer = Repairer(options=options, **cfg)
            return self.repairer

        def teardown(self, worker) -> None:
            if self.repairer is not None:
                self.repairer.close()
                self.repairer = None

    return RepairerPlugin


def _fix_batch(texts: list[str], options: dict[str, Any]) -> list[dict[str, Any]]:
    from distributed import get_worker

    plugin = get_worker().plugins[PLUGIN_NAME]
    repairer = plugin.get()
    return [repairer.fix(t, **options).to_dict() for t in texts]


def fix_corpus(
    texts: Iterable[str],
    *,
    client=None,
    address: str | None = None,
    n_workers: int = 2,
    batch_size: int = 8,
    repairer: dict[str, Any] | None = None,
    **options: Any,
) -> Iterator[Result]:
    """Repair ``texts`` on a Dask cluster; yields one Result per text, in order.

    ``client``: an existing ``distributed.Client``; else ``address`` of a scheduler; else a
    ``LocalCluster`` of ``n_workers`` processes is started (and stopped at the end).
    ``repairer``: keyword arguments for each worker's Repairer (e.g. ``{"rule_files": [...]}``;
    ``{"options": {...}}`` sets its default Options). ``options`` are per-call fix options.
    """
    distributed = _require_dask()
    own_cluster = own_client = None
    if client is None:
        if address:
            client = own_client = distributed.Client(address)
        else:
            own_cluster = distributed.LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True,
                                                   dashboard_address=None, host="127.0.0.1")
            client = own_client = distributed.Client(own_cluster)
    try:
        config = dict(repairer or {})
        for key in ("rule_files", "phrasebook_files", "reference_files"):
            if key in config:
                config[key] = tuple(str(p) for p in config[key])
        if "options" in config and not isinstance(config["options"], dict):
            config["options"] = asdict(config["options"])
        client.register_plugin(_plugin_class()(config), name=PLUGIN_NAME)
        futures = []
        batch: list[str] = []
        for t in texts:
            batch.append(t)
            if len(batch) >= batch_size:
                futures.append(client.submit(_fix_batch, batch, options, pure=False))
                batch = []
        if batch:
            futures.append(client.submit(_fix_batch, batch, options, pure=False))
        for fut in futures:  # in order; later batches keep running meanwhile
            for d in fut.result():
                yield Result.from_dict(d)
            fut.release()
    finally:
        if own_client is not None:
            own_client.close()
        if own_cluster is not None:
            own_cluster.close()
