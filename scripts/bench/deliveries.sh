#!/usr/bin/env bash
# Delivery throughput per sink kind (release build): a JSON Lines file; a webhook (a Python
# ThreadingHTTPServer on loopback answering 204, keep-alive); an SMTP server (Debian's
# python3-aiosmtpd, its Sink handler) one message per alert and batched. Loopback only.
# Usage: scripts/bench/deliveries.sh [alerts=20000] [email-alerts=2000]
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/env.sh
scripts/install-deps.sh --tests
alerts="${1:-20000}"; mails="${2:-2000}"
swift build -c release --product feedwatch-bench >/dev/null
bench="$(swift build -c release --show-bin-path)/feedwatch-bench"
smtp_port=18025; http_port=18088
/usr/bin/python3 -m aiosmtpd -n -l "127.0.0.1:$smtp_port" -c aiosmtpd.handlers.Sink 2>/dev/null &
smtp=$!
/usr/bin/python3 - "$http_port" <<'PY' &
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
class Hook(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(204); self.send_header("Content-Length", "0"); self.end_headers()
    def log_message(self, *args): pass
ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Hook).serve_forever()
PY
hook=$!
trap 'kill $smtp $hook 2>/dev/null || true' EXIT
sleep 1
"$bench" deliveries --kind jsonl --alerts "$alerts"
"$bench" deliveries --kind webhook --alerts "$mails" --url "http://127.0.0.1:$http_port/hook"
"$bench" deliveries --kind email --alerts "$mails" --url "smtp://127.0.0.1:$smtp_port"
"$bench" deliveries --kind email-batch --alerts "$alerts" --url "smtp://127.0.0.1:$smtp_port"
