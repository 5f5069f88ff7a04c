"""An OTLP/HTTP collector that accepts and discards (counting spans' bytes): for measuring what traces cost the server
(#17.5). Usage: python3 bench/otlp_sink.py PORT  (then OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:PORT);
SIGTERM stops it and prints how many posts and bytes arrived."""

import signal
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

received = {"posts": 0, "bytes": 0}


class Sink(BaseHTTPRequestHandler):
    def do_POST(self):
        n = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(n)
        received["posts"] += 1
        received["bytes"] += n
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def _stop(*_):
    raise KeyboardInterrupt


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, _stop)  # a background job started from a script ignores SIGINT
    server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Sink)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        print(f"otlp sink: {received['posts']} posts, {received['bytes']} bytes", flush=True)
