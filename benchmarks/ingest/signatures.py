"""Writes what signed-post.lua sends: N distinct reports, each with its own X-Signature.

The receiver stores a byte-identical signed request once (a replay is a duplicate, see ReplayIds),
so every request must differ: request i is report.json with metadata.seq = <run>-<i>, signed with
HMAC-SHA256(WEBHOOK_SECRET, body). The body is written as two halves around the sequence number
(head.txt, tail.txt) and the signatures one per line (sigs.txt), so wrk builds each body itself
instead of holding N copies of 3 KB. Usage: signatures.py <dir> <N>
"""
import hashlib
import hmac
import json
import os
import sys
import uuid

out, n = sys.argv[1], int(sys.argv[2])
secret = os.environ["WEBHOOK_SECRET"].encode()
report = json.load(open(os.path.join(os.path.dirname(__file__), "report.json")))
report["metadata"]["seq"] = "@SEQ@"
head, tail = json.dumps(report, separators=(",", ":")).split('"@SEQ@"')
run = uuid.uuid4().hex[:8]
head += '"' + run + "-"
tail = '"' + tail
with open(os.path.join(out, "head.txt"), "w") as f:
    f.write(head)
with open(os.path.join(out, "tail.txt"), "w") as f:
    f.write(tail)
with open(os.path.join(out, "sigs.txt"), "w") as f:
    for i in range(n):
        body = (head + str(i) + tail).encode()
        f.write("sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest() + "\n")
