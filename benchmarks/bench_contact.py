"""Contact function under a bounded local load: every accepted ticket stored and delivered
exactly once, even with the destination down for part of the run.

    .venv/bin/python build.py build                       # writes the form schema the function imports
    .venv/bin/python benchmarks/bench_contact.py [--requests 2000] [--clients 20]

It starts netlify/dev/server.mjs (our functions, Blobs' local server) and a webhook receiver
on loopback, then sends `--requests` multipart submissions from `--clients` concurrent
clients (each over keep-alive HTTP, each request with its own client address so the
per-client rate limit does not apply, a tenth of them sent twice with the same idempotency
key, as a browser retrying after a lost answer). The webhook answers 503 for the first
quarter of the run. Then the scheduled retry runs until nothing is pending. Printed side by
side: the same load of invalid submissions (refused with 422, nothing stored), the baseline
for what validation alone costs.
"""

from __future__ import annotations

import argparse
import http.client
import json
import statistics
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.contact_support import DevServer, Receiver  # noqa: E402
from tests.functions.test_contact_function import multipart, valid  # noqa: E402

PNG = bytes([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + bytes(2000)


def run_load(url: str, count: int, clients: int, make_body, retry_share: float = 0.0, on_progress=None) -> dict:
    target = urlsplit(url)
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    refs: list[str] = []
    lock = threading.Lock()
    counter = iter(range(count))

    def client() -> None:
        connection = http.client.HTTPConnection(target.hostname, target.port, timeout=60)
        while True:
            with lock:
                number = next(counter, None)
            if number is None:
                break
            if on_progress:
                on_progress(number)
            body, content_type = make_body(number)
            key = str(uuid.uuid4())
            sends = 2 if retry_share and number % round(1 / retry_share) == 0 else 1
            for _ in range(sends):
                address = f"10.{number // 65536 % 256}.{number // 256 % 256}.{number % 256}"  # one per customer
                headers = {"Content-Type": content_type, "Accept": "application/json", "Idempotency-Key": key,
                           "X-Nf-Client-Connection-Ip": address}
                started = time.perf_counter()
                connection.request("POST", "/api/contact", body=body, headers=headers)
                response = connection.getresponse()
                answer = response.read()
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    latencies.append(elapsed)
                    statuses[response.status] = statuses.get(response.status, 0) + 1
                    if response.status in (200, 201):
                        refs.append(json.loads(answer)["ref"])
        connection.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    latencies.sort()
    return {"requests": len(latencies), "seconds": seconds, "statuses": statuses, "refs": refs,
            "p50": statistics.median(latencies), "p95": latencies[int(len(latencies) * 0.95) - 1]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=20)
    args = parser.parse_args()
    if not (ROOT / "netlify/generated/form-schema.json").exists():
        print("run `python build.py build` first: the function imports the form schema it writes", file=sys.stderr)
        return 2

    receiver = Receiver()
    hook = receiver.start()
    blobs = Path(tempfile.mkdtemp(prefix="bench-contact-"))
    server = DevServer("http://127.0.0.1:9/", blobs, {
        "HELPCENTER_DELIVERY": "webhook", "WEBHOOK_URL": f"{hook}/hook", "WEBHOOK_SECRET": "bench",
        "HELPCENTER_RETRY_BACKOFF_SECONDS": "0"})
    try:
        def good(number: int):
            files = [("attachments", "screen.png", PNG)] if number % 4 == 0 else []
            return multipart(valid(subject=f"Load test request {number}"), files)

        def bad(number: int):
            return multipart(valid(subject=f"Load test {number}", email="not-an-email"))

        baseline = run_load(server.url, args.requests, args.clients, bad)
        receiver.down = True  # an outage for the first quarter of the run

        def outage_ends(number: int) -> None:
            if number >= args.requests // 4:
                receiver.down = False

        load = run_load(server.url, args.requests, args.clients, good, retry_share=0.1, on_progress=outage_ends)

        # The schedule's job, run until nothing is pending (each run delivers what is due).
        target = urlsplit(server.url)
        retries = 0
        for retries in range(1, 30):  # noqa: B007
            connection = http.client.HTTPConnection(target.hostname, target.port, timeout=300)
            connection.request("POST", "/.netlify/functions/retry-tickets")
            connection.getresponse().read()
            tickets = server.tickets()
            if all(t["status"] == "delivered" for t in tickets):
                break
            time.sleep(0.2)
        tickets = server.tickets()
        delivered_refs = [r.json()["ref"] for r in receiver.requests]
    finally:
        server.stop()
        receiver.stop()

    accepted = set(load["refs"])
    stored = {t["ref"] for t in tickets}
    print(f"{args.requests} submissions from {args.clients} concurrent clients on loopback "
          f"(a tenth sent twice with the same idempotency key; the webhook down for the first part of the run)\n")
    print("| load                          | requests | p50 ms | p95 ms | requests/s | statuses |")
    print("|-------------------------------|----------|--------|--------|------------|----------|")
    for name, result in (("invalid (422, validation only)", baseline), ("valid (stored, then delivered)", load)):
        print(f"| {name:<29} | {result['requests']:>8} | {result['p50']:>6.1f} | {result['p95']:>6.1f} | "
              f"{result['requests'] / result['seconds']:>10.0f} | {json.dumps(result['statuses'])} |")
    print()
    print("| tickets accepted (distinct refs) | stored | delivered | delivered twice | pending | retry runs |")
    print("|----------------------------------|--------|-----------|-----------------|---------|------------|")
    twice = len(delivered_refs) - len(set(delivered_refs))
    pending = sum(1 for t in tickets if t["status"] != "delivered")
    print(f"| {len(accepted):>32} | {len(stored):>6} | {len(set(delivered_refs)):>9} | {twice:>15} | {pending:>7} | "
          f"{retries:>10} |")
    ok = accepted == stored == set(delivered_refs) and twice == 0 and pending == 0 and len(accepted) == args.requests
    print("\nevery accepted ticket stored and delivered exactly once:", "yes" if ok else "NO")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
