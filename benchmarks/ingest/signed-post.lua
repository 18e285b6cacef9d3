-- wrk script: POSTs benchmarks/ingest/report.json, signed with X-Signature (sha256=HMAC of the body)
-- computed once by compare.sh and passed as SIGNATURE; the body has no event_id, so every request
-- stores a new report.
local f = assert(io.open(os.getenv("REPORT") or "benchmarks/ingest/report.json", "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Signature"] = os.getenv("SIGNATURE")
