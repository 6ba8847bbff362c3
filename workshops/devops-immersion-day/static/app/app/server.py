"""Sample HTTP service for the AWS DevOps Immersion Day (standard library only)."""
import json
import os
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

VERSION = "1.0.0"


def build_response(path, failure_mode="off"):
    """Return (status, body) for a request path. Pure function, so it is easy to unit test."""
    if path == "/health":
        return 200, {"status": "ok"}
    if path == "/":
        if failure_mode == "on":
            return 500, {"error": "simulated failure", "version": VERSION}
        return 200, {"message": "Hello from the DevOps Immersion Day", "version": VERSION}
    return 404, {"error": "not found"}


def log_request(path, status, latency_ms):
    """One JSON line per request: CloudWatch Logs Insights discovers the fields."""
    print(json.dumps({"path": path, "status": status,
                      "latency_ms": round(latency_ms, 2), "version": VERSION}), flush=True)


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        started = time.monotonic()
        path = self.path.split("?", 1)[0]
        status, body = build_response(path, os.environ.get("FAILURE_MODE", "off"))
        payload = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)
        if path != "/health":
            log_request(path, status, (time.monotonic() - started) * 1000)

    def log_message(self, *args):
        """Silence the default access log; log_request writes structured lines instead."""


if __name__ == "__main__":
    port = int(os.environ.get("PORT", "80"))
    ThreadingHTTPServer(("0.0.0.0", port), Handler).serve_forever()
