#!/usr/bin/env python3
"""Where a receiver's CPU went, from a JFR recording with JDK 25's CPU-time sampler (every thread).

Usage: jfr_breakdown.py x.jfr [event]   (event: jdk.CPUTimeSample, the default, or jdk.ExecutionSample)
Needs JDK 25's `jfr` (JFR env variable, or /usr/lib/jvm/temurin-25-jdk-amd64/bin/jfr). Prints the
share of samples by thread, by what the sample was doing (the first category matching from the leaf
frame up, as in docs/BENCHMARKS.md), the leaf frames, and the receiver's methods inclusive. THREAD=regex
keeps the threads whose name matches. See docs/BENCHMARKS.md ("Second pass") for how to record.
"""
import collections
import json
import os
import re
import subprocess
import sys

JFR = os.environ.get("JFR", "/usr/lib/jvm/temurin-25-jdk-amd64/bin/jfr")
CATEGORIES = [
    ("HMAC", r"WebhookSignature|HmacCore|javax\.crypto"),
    ("replay id (SHA-256)", r"ReplayIds"),
    ("fingerprint", r"Fingerprints|dev\.jahiz\.fingerprint"),
    ("error class", r"ErrorClassifier"),
    ("report JSON written for storage", r"ReportJson\.toJson"),
    ("report JSON read and validated", r"ReportJson\.parse|ReportLimits"),
    ("access log, metrics and monitoring after the answer", r"logRequest|ch\.qos\.logback"),
    ("JSON answer", r"Json\.respond"),
    ("metrics", r"io\.micrometer|ReceiverMetrics|WebhookMeters"),
    ("monitoring", r"RequestMonitor|WebhookRecorder|MonitoringStore|WebhookMonitoring"),
    ("request id", r"RequestIds|RandomIds"),
    ("body read", r"RequestBodies"),
    ("database work (SQLite, PostgreSQL, pool)", r"ReportInserts|org\.sqlite|org\.postgresql|com\.zaxxer|WriteTransaction"),
    ("group commit hand-off", r"GroupCommit"),
    ("delivery worker", r"DeliveryWorker|DeliveryQueue"),
    ("Javalin", r"io\.javalin"),
    ("Jetty", r"org\.eclipse\.jetty"),
    ("JFR", r"jdk\.jfr"),
]


def main():
    path = sys.argv[1]
    event = sys.argv[2] if len(sys.argv) > 2 else "jdk.CPUTimeSample"
    out = subprocess.run([JFR, "print", "--json", "--stack-depth", "128", "--events", event, path],
                         capture_output=True, text=True, check=True).stdout
    keep = os.environ.get("THREAD")
    threads, categories, leaves, inclusive = (collections.Counter() for _ in range(4))
    by_category_thread = collections.defaultdict(collections.Counter)
    n = 0
    for e in json.loads(out)["recording"]["events"]:
        v = e["values"]
        thread = (v.get("sampledThread") or v.get("eventThread") or {}).get("javaName") or "?"
        if keep and not re.search(keep, thread):
            continue
        group = re.sub(r"\d+", "#", thread)
        frames = [f["method"]["type"]["name"].replace("/", ".") + "." + f["method"]["name"]
                  for f in (v.get("stackTrace") or {"frames": []})["frames"]]
        n += 1
        threads[group] += 1
        category = next((name for frame in frames for name, rx in CATEGORIES if re.search(rx, frame)), "other")
        categories[category] += 1
        by_category_thread[category][group] += 1
        if frames:
            leaves[frames[0]] += 1
        for frame in set(f for f in frames if f.startswith("dev.jahiz")):
            inclusive[frame] += 1
    if n == 0:
        sys.exit("no samples")
    print(f"samples: {n}")
    print("-- by thread")
    for k, c in threads.most_common(10):
        print(f"  {c * 100 / n:5.1f}%  {k}")
    print("-- by what it was doing (first match from the leaf)")
    for k, c in categories.most_common():
        where = ", ".join(f"{t}: {x}" for t, x in by_category_thread[k].most_common(3))
        print(f"  {c * 100 / n:5.1f}%  {k:52s} {where}")
    print("-- leaf frames")
    for k, c in leaves.most_common(30):
        print(f"  {c * 100 / n:5.1f}%  {k}")
    print("-- dev.jahiz methods, inclusive")
    for k, c in inclusive.most_common(30):
        print(f"  {c * 100 / n:5.1f}%  {k}")


if __name__ == "__main__":
    main()
