"""The Dask engine on a local cluster: each worker has its own Repairer; results equal a local run."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed", reason="the distributed engine needs: pip install 'repair[dist]'")

from repair.distributed import fix_corpus  # noqa: E402

DEV = Path(__file__).resolve().parents[2] / "shared" / "mlqe-pe" / "dev" / "ro-en.jsonl.gz"


def _texts(n: int) -> list[str]:
    if DEV.exists():
        with gzip.open(DEV, "rt", encoding="utf-8") as fh:
            rows = [json.loads(line)["mt"] for _, line in zip(range(n), fh)]
    else:  # the repository alone: sentences written here
        rows = [f"Sentence {i}: he was a open man and the 40 -month war went on ." for i in range(n)]
    return ["\n".join(rows[i:i + 4]) for i in range(0, len(rows), 4)]


def test_local_cluster_gives_the_local_results(repairer):
    texts = _texts(24)
    local = [repairer.fix(t) for t in texts]
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  host="127.0.0.1") as cluster, distributed.Client(cluster) as client:
        remote = list(fix_corpus(texts, client=client, batch_size=3))
        workers = client.run(lambda dask_worker: "repair-repairer" in dask_worker.plugins)
    assert remote == local
    assert all(workers.values())

