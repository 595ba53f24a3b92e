"""Synapsor Runner app-owned writeback handler (Python FastAPI + psycopg 3).

Performs every check of the helper by hand: POST, body size, bearer, HMAC signature over the raw
bytes, issued-at skew, JSON, shape, protocol, proposal hash, action, tenant policy; then one
transaction: idempotency lookup, row lock by primary key + tenant, version check, dry-run
rollback, the action, the receipt row. Env: SYNAPSOR_APP_WRITEBACK_TOKEN,
SYNAPSOR_APP_WRITEBACK_SIGNING_SECRET, DATABASE_URL.
"""
import hashlib
import hmac
import json
import os
from datetime import datetime, timezone

import psycopg
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

app = FastAPI()
MAX_BODY = 1024 * 1024
SKEW_SECONDS = 300
ACTIONS = {"orders.propose_refund_review"}


def failed(status: int, code: str) -> JSONResponse:
    return JSONResponse(status_code=status, content={"status": "failed", "safe_error_code": code,
                                                     "rows_affected": 0, "source_database_mutated": False})


def jcs(value) -> str:
    """RFC 8785 canonical JSON (sufficient for change sets: strings, ints, bools, null)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


@app.post("/synapsor/writeback")
async def writeback(request: Request):
    raw = await request.body()
    if len(raw) > MAX_BODY:
        return failed(413, "BODY_TOO_LARGE")
    token = os.environ.get("SYNAPSOR_APP_WRITEBACK_TOKEN")
    if not token:
        return failed(500, "HANDLER_TOKEN_MISSING")
    if not hmac.compare_digest(request.headers.get("authorization", ""), f"Bearer {token}"):
        return failed(401, "UNAUTHORIZED")
    secret = os.environ.get("SYNAPSOR_APP_WRITEBACK_SIGNING_SECRET")
    if not secret:
        return failed(500, "HANDLER_SIGNING_SECRET_MISSING")
    expected = "sha256=" + hmac.new(secret.encode(), raw, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(request.headers.get("x-synapsor-signature", ""), expected):
        return failed(401, "INVALID_SIGNATURE")
    issued_at = request.headers.get("x-synapsor-issued-at", "")
    try:
        issued = datetime.fromisoformat(issued_at.replace("Z", "+00:00"))
        if abs((datetime.now(timezone.utc) - issued).total_seconds()) > SKEW_SECONDS:
            raise ValueError
    except ValueError:
        return failed(401, "INVALID_ISSUED_AT")
    try:
        body = json.loads(raw)
    except ValueError:
        return failed(400, "BAD_JSON")
    if not isinstance(body, dict) or body.get("issued_at") != issued_at \
            or body.get("proposal_id") != request.headers.get("x-synapsor-proposal-id") \
            or body.get("idempotency_key") != request.headers.get("idempotency-key") \
            or not isinstance(body.get("change_set"), dict) or not isinstance(body.get("target"), dict):
        return failed(400, "BAD_WRITEBACK_REQUEST")
    if body.get("protocol_version") != "1.0" or body.get("schema_version") != "synapsor.handler-writeback.v1":
        return failed(400, "UNSUPPORTED_PROTOCOL_VERSION")
    change_set = dict(body["change_set"])
    integrity = change_set.pop("integrity", {})
    digest = "sha256:" + hashlib.sha256(jcs(change_set).encode()).hexdigest()
    if digest != body.get("proposal_hash") or integrity.get("proposal_hash") != digest \
            or body.get("patch") != change_set.get("patch") or body.get("tenant_guard") != change_set["guards"]["tenant"]:
        return failed(400, "PROPOSAL_HASH_MISMATCH")
    if body.get("action") not in ACTIONS:
        return failed(400, "UNSUPPORTED_ACTION")
    tenant = body.get("tenant_guard") or {}
    if tenant.get("value") not in os.environ.get("APP_TENANTS", "").split(","):  # your tenant policy
        return failed(403, "TENANT_NOT_ALLOWED")
    return apply_in_transaction(body)


def apply_in_transaction(body: dict) -> JSONResponse:
    key, target, tenant = body["idempotency_key"], body["target"], body["tenant_guard"]
    expected = body["guards"]["expected_version"]
    with psycopg.connect(os.environ["DATABASE_URL"]) as conn, conn.cursor() as cur:
        cur.execute("SELECT status, receipt_json FROM synapsor_handler_receipts WHERE idempotency_key = %s FOR UPDATE", (key,))
        stored = cur.fetchone()
        if stored:
            conn.rollback()
            if stored[0] == "conflict":
                return JSONResponse(content=stored[1])
            return JSONResponse(content={"status": "already_applied", "rows_affected": 0,
                                         "source_database_mutated": False, "details": {"original_receipt": stored[1]}})
        # Identifiers come from the verified request and match ^[A-Za-z_][A-Za-z0-9_]*$ (checked by the hash + runner).
        cur.execute(f'SELECT CAST("{expected["column"]}" AS text) FROM "{target["schema"]}"."{target["table"]}" '
                    f'WHERE "{target["primary_key"]["column"]}" = %s AND "{tenant["column"]}" = %s FOR UPDATE',
                    (target["primary_key"]["value"], tenant["value"]))
        row = cur.fetchone()

        def conflict(code, previous=None):
            receipt = {"status": "conflict", "safe_error_code": code, "rows_affected": 0,
                       "source_database_mutated": False, "previous_version": previous}
            if body["dry_run"]:
                conn.rollback()
            else:
                store(cur, body, "conflict", receipt)
                conn.commit()
            return JSONResponse(content=receipt)

        if row is None:
            return conflict("ROW_NOT_FOUND_OR_WRONG_TENANT")
        cur.execute("SELECT %s::timestamptz = %s::timestamptz", (row[0], expected["value"]))
        if not cur.fetchone()[0]:
            return conflict("ROW_CHANGED_AFTER_PROPOSAL", row[0])
        if body["dry_run"]:
            conn.rollback()
            return JSONResponse(content={"status": "applied", "rows_affected": 0,
                                         "source_database_mutated": False, "details": {"dry_run": True}})
        try:
            cur.execute("UPDATE orders SET status = 'refund_requested', updated_at = clock_timestamp() "
                        "WHERE id = %s AND tenant_id = %s", (target["primary_key"]["value"], tenant["value"]))
            cur.execute("INSERT INTO refund_reviews (order_id, tenant_id, idempotency_key) VALUES (%s, %s, %s)",
                        (target["primary_key"]["value"], tenant["value"], key))
        except psycopg.Error:
            conn.rollback()
            return failed(500, "HANDLER_BUSINESS_ERROR")  # nothing stored: a retry may succeed
        receipt = {"status": "applied", "rows_affected": 2, "source_database_mutated": True, "previous_version": row[0]}
        store(cur, body, "applied", receipt)
        conn.commit()
        return JSONResponse(content=receipt)


def store(cur, body: dict, status: str, receipt: dict) -> None:
    cur.execute("INSERT INTO synapsor_handler_receipts (idempotency_key, proposal_id, writeback_job_id, action, status, "
                "receipt_json, completed_at) VALUES (%s, %s, %s, %s, %s, %s, now())",
                (body["idempotency_key"], body["proposal_id"], body["writeback_job_id"], body["action"], status,
                 json.dumps(receipt)))
