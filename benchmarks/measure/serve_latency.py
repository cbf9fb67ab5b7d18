"""Latency of `repair fix` on a short file: cold in-process vs through a warm `repair serve`.

Each call is a real `repair fix` process, as a user runs it (Python start-up included). The
cold calls use --no-server (LanguageTool starts and the model loads in each); the warm calls
go through one `repair serve` started beforehand (its start-up is shown on its own row); the
last row is the request alone, sent from this process. The reports are compared byte for byte.

    python benchmarks/measure/serve_latency.py --cold 2 --warm 10
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHORT = "Putin confirmed that he was a open dialogue.\nRussia will comply with long -term peace, he added.\n"


def repair(*args: str, env: dict[str, str]) -> float:
    """Seconds one `repair` process takes (it must succeed)."""
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "repair.cli", *args], env=env, capture_output=True, text=True)
    took = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"repair {' '.join(args)} failed ({proc.returncode}):\n{proc.stderr}")
    return took


def row(mode: str, times: list[float]) -> str:
    return (f"| {mode} | {len(times)} | {statistics.median(times):.2f} | {min(times):.2f} | "
            f"{max(times):.2f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cold", type=int, default=2, help="cold in-process calls")
    parser.add_argument("--warm", type=int, default=10, help="calls through the warm server")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="repair-serve-bench-") as tmp:
        d = Path(tmp)
        src = d / "short.txt"
        src.write_text(SHORT, encoding="utf-8")
        sock = d / "s.sock"
        env = {**os.environ, "PYTHONPATH": str(ROOT), "REPAIR_SERVER": str(sock), "NO_COLOR": "1"}
        env.pop("REPAIR_LT_URL", None)

        cold = [repair("fix", str(src), "--no-server", "--report", str(d / "cold.json"), env=env)
                for _ in range(args.cold)]

        start = time.perf_counter()
        server = subprocess.Popen([sys.executable, "-m", "repair.cli", "serve", "--socket", str(sock)],
                                  env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        for line in server.stderr:
            if "ready on" in line:
                break
        else:
            sys.exit("repair serve did not start")
        ready = time.perf_counter() - start
        try:
            warm = [repair("fix", str(src), "--report", str(d / "warm.json"), env=env) for _ in range(args.warm)]
            os.environ["PYTHONPATH"] = str(ROOT)
            sys.path.insert(0, str(ROOT))
            from repair import server as client

            remote = client.RemoteRepairer(str(sock), {})
            calls = []
            for _ in range(args.warm):
                start = time.perf_counter()
                remote.fix(SHORT)
                calls.append(time.perf_counter() - start)
        finally:
            subprocess.run([sys.executable, "-m", "repair.cli", "serve", "--stop"], env=env, capture_output=True)
            server.wait(timeout=120)
        same = (d / "cold.json").read_bytes() == (d / "warm.json").read_bytes()

    print("| mode | calls | median_s | min_s | max_s |")
    print("| --- | --- | --- | --- | --- |")
    print(row("cold in-process (--no-server)", cold))
    print(row("repair serve start-up (once)", [ready]))
    print(row("warm, through repair serve", warm))
    print(row("warm, the request alone (no process start)", calls))
    print(f"\nreports byte-identical: {'yes' if same else 'NO'}; {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
