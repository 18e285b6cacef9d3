"""The seeds' ingestion path, for comparison with the Java receiver (benchmarks/ingest/compare.sh).

What seed 000 / 004 describe, minimal: FastAPI + uvicorn (one worker), the body's HMAC-SHA256 in
X-Signature checked in constant time, the report validated by a pydantic model of the seed schema,
one INSERT per request into SQLite in WAL mode with synchronous=FULL, answered with the stored id.
Needs Debian's python3-fastapi and python3-uvicorn (run with /usr/bin/python3).
"""
import hashlib
import hmac
import json
import os
import sqlite3
import uuid
from typing import Any, Dict, Optional

from fastapi import FastAPI, HTTPException, Request
from pydantic import BaseModel, Field

SECRET = os.environ["WEBHOOK_SECRET"].encode()
DB = os.environ.get("SEED_DB", "seed.db")

conn = sqlite3.connect(DB, check_same_thread=False, isolation_level=None)
conn.execute("PRAGMA journal_mode=WAL")
conn.execute("PRAGMA synchronous=FULL")
conn.execute("""CREATE TABLE IF NOT EXISTS reports (
  id TEXT PRIMARY KEY, received_at TEXT DEFAULT CURRENT_TIMESTAMP, severity TEXT, error_message TEXT,
  app_name TEXT, environment TEXT, body TEXT NOT NULL)""")


class Context(BaseModel):
    request_url: Optional[str] = None
    request_method: Optional[str] = None
    response_status: Optional[int] = None


class User(BaseModel):
    user_id: Optional[str] = None
    username: Optional[str] = None
    email: Optional[str] = None
    session_id: Optional[str] = None


class Device(BaseModel):
    hostname: Optional[str] = None
    os: Optional[str] = None
    os_version: Optional[str] = None
    cpu_usage: Optional[float] = None
    memory_usage: Optional[float] = None
    disk_usage: Optional[float] = None


class ErrorReport(BaseModel):
    error_message: str = Field(min_length=1, max_length=10000)
    severity: str = Field(default="error", regex="^(critical|error|warning|info)$")
    error_type: Optional[str] = None
    error_code: Optional[str] = None
    stacktrace: Optional[str] = Field(default=None, max_length=200000)
    file_name: Optional[str] = None
    line_number: Optional[int] = None
    function_name: Optional[str] = None
    app_name: Optional[str] = None
    app_version: Optional[str] = None
    environment: Optional[str] = None
    service_name: Optional[str] = None
    component: Optional[str] = None
    context: Optional[Context] = None
    user: Optional[User] = None
    device: Optional[Device] = None
    tags: Dict[str, str] = {}
    metadata: Dict[str, Any] = {}


app = FastAPI()


@app.post("/webhook/error")
async def ingest(request: Request):
    body = await request.body()
    expected = "sha256=" + hmac.new(SECRET, body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, request.headers.get("x-signature", "")):
        raise HTTPException(status_code=401, detail="invalid signature")
    report = ErrorReport.parse_raw(body)  # pydantic 1 (Debian 12); model_validate_json on 2
    report_id = str(uuid.uuid4())
    conn.execute("INSERT INTO reports (id, severity, error_message, app_name, environment, body) VALUES (?,?,?,?,?,?)",
                 (report_id, report.severity, report.error_message, report.app_name, report.environment,
                  body.decode()))
    return {"status": "accepted", "id": report_id}
