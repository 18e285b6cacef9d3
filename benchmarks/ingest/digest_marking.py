#!/usr/bin/env python3
"""What marking a storm's digest delivered costs SQLite, with each report's JSON in its row or apart.

Builds a database with the receiver's reports table and its indexes (as migrations V1-V12 leave them;
`inline` keeps `report_json` in the row, as before V12; `split` keeps it in `report_bodies`), stores
N reports of one failure (benchmarks/ingest/report.json, batches of 20, synchronous=FULL, WAL), then
marks 10,000 of them delivered as DeliveryQueue does: by id, in transactions of SLICE reports. Prints
the time and the log written. Usage: digest_marking.py inline|split [N=30000] [SLICE=50]
"""
import os
import sqlite3
import sys
import tempfile
import time
import uuid

layout = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 30000
slice_size = int(sys.argv[3]) if len(sys.argv) > 3 else 50
split = layout == "split"
path = os.path.join(tempfile.mkdtemp(), "marking.db")
c = sqlite3.connect(path, isolation_level=None)
c.execute("pragma journal_mode=wal")
c.execute("pragma synchronous=full")
c.execute("pragma wal_autocheckpoint=0")
body = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "report.json")).read()
columns = """event_id VARCHAR(36) NOT NULL {key}, received_at BIGINT NOT NULL, occurred_at BIGINT NOT NULL,
 first_seen BIGINT NOT NULL, occurrences INTEGER NOT NULL, fingerprint VARCHAR(128) NOT NULL,
 severity VARCHAR(16) NOT NULL, app_name VARCHAR(2048), environment VARCHAR(2048), error_type VARCHAR(2048),
 error_message TEXT NOT NULL, {json} status VARCHAR(16) NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
 delivered_at BIGINT, failure_reason VARCHAR(2048), error_class VARCHAR(32), message_id BIGINT, reply_to VARCHAR(128)"""
if split:
    c.execute("create table reports (id INTEGER PRIMARY KEY, " + columns.format(key="UNIQUE", json="") + ")")
    c.execute("create table report_bodies (report_id INTEGER PRIMARY KEY, report_json TEXT NOT NULL)")
else:
    c.execute("create table reports (" + columns.format(key="PRIMARY KEY", json="report_json TEXT NOT NULL,") + ")")
for index in ["reports_status_received ON reports (status, received_at)",
              "reports_fingerprint_status ON reports (fingerprint, status, delivered_at)",
              "reports_received ON reports (received_at)",
              "reports_error_class ON reports (error_class, received_at)",
              "reports_message_id ON reports (message_id) WHERE message_id IS NOT NULL",
              "reports_fingerprint_occurred ON reports (fingerprint, occurred_at, occurrences)",
              "reports_status_fingerprint ON reports (status, fingerprint, received_at)"]:
    c.execute("create index " + index)

ids = [str(uuid.uuid4()) for _ in range(n)]
insert = ("insert into reports (event_id, received_at, occurred_at, first_seen, occurrences, fingerprint, severity,"
          " app_name, environment, error_type, error_message, {json} status, error_class)"
          " values (?,?,?,?,?,?,?,?,?,?,?,{json_value} 'pending','timeout_error') on conflict (event_id) do nothing")
started = time.time()
for b in range(0, n, 20):
    c.execute("begin immediate")
    for i in range(b, min(n, b + 20)):
        values = (ids[i], 1000 + i, 1000 + i, 1000, 1, "fp-storm", "critical", "app", "production",
                  "java.lang.IllegalStateException", "Payment failed " * 5)
        json = body.replace("ord_67890", str(i))
        if split:
            row = c.execute(insert.format(json="", json_value="") + " returning id", values).fetchone()[0]
            c.execute("insert into report_bodies values (?, ?)", (row, json))
        else:
            c.execute(insert.format(json="report_json,", json_value="?,"), values + (json,))
    c.execute("commit")
    if b % 2000 == 0:
        c.execute("pragma wal_checkpoint(truncate)")
c.execute("pragma wal_checkpoint(truncate)")
print(f"{layout}: stored {n} reports, {(time.time() - started) / n * 1e6:.0f} µs a report (Python included)")

started = time.time()
for b in range(0, 10000, slice_size):
    part = ids[b:b + slice_size]
    c.execute("begin immediate")
    c.execute("update reports set status='delivered', delivered_at=1, message_id=5, attempts=attempts+1,"
              " failure_reason=NULL where event_id in (%s) and +status='pending'" % ",".join("?" * len(part)), part)
    c.execute("commit")
print(f"{layout}: marked 10,000 delivered in slices of {slice_size}: {time.time() - started:.3f} s,"
      f" {os.path.getsize(path + '-wal') / 1e6:.1f} MB of log")
