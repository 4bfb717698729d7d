"""A stand-in of remote file servers for NWBKit's tests and benchmarks, on 127.0.0.1 only.

    python3 Tests/RemoteStandIn/standin.py --root FOLDER [--latency-ms N] [--max-seconds S]

Prints "PORT <n>" once it listens (port 0: the system picks one), then serves until its standard input
closes (the test that started it ended), --max-seconds pass, or it is sent SIGTERM. With --dandi the line is
"PORT <n> BLOBS <m>": the blob store listens on another origin, http://127.0.0.2:<m> (127.0.0.1 where
127.0.0.2 cannot be bound), as the archive's S3 bucket is another host than its API.

Routes (every file below --root, by its path relative to it):
  GET/HEAD /files/PATH        the file, with Range (206 and Content-Range; 416 past the end), ETag,
                              Last-Modified, Accept-Ranges
  GET      /redirect/PATH     302 to /files/PATH (as the archive's download URL redirects to its blob)
  GET      /moved/B/PATH      with --dandi, 307 to the blob origin's /files/PATH (an S3 endpoint that sends a
                              request to another host; B, a bucket name, is ignored)
  GET      /no-ranges/PATH    the whole file, 200, whatever Range says
  GET      /changing/PATH     the file, with another ETag on every answer (a file replaced while read)
  GET      /big-header/PATH   the file, with a 150 KB header line
  GET      /fault/MODE/PATH   the first request for PATH fails as MODE says, later ones are served:
             503   503 with Retry-After: 1
             reset the headers and half the body, then the connection is reset
             short the headers (full Content-Length) and half the body, then the connection closes
             stall the headers, then nothing for 60 s (every request, not only the first)
             stall-once  the first request stalls as stall, later ones are served
             403   403 (every request)
  /api/…                      with --dandi CONFIG, the DANDI API (see dandi_api.py)
  /blobs/…                    with --dandi CONFIG, the blob store, on the blob origin only (the API's origin
                              answers 404); the blob origin also answers /api/ (a listing's "next" may
                              point there: "foreign_next" in CONFIG)
  GET      /_fault?mode=M&count=N   the next N API requests fail as M says (503, 429, reset, stall)
  GET      /s3/BUCKET/PATH    with --s3-key ID:SECRET, PATH (the bucket is ignored) only for a request signed
                              with AWS Signature Version 4 by that key (else 403 AccessDenied or
                              SignatureDoesNotMatch, as S3)
  GET      /_stats            {"requests": n, "bytes": n, "api": n, "blobs": n, "paths": {...},
                              "log": [[method, path, range, authorization, host, x-amz-security-token,
                              origin role ("api" or "blobs")], ...]} since the last /_reset
  GET      /_reset            sets the counts to zero
Counts leave out /_stats and /_reset.
"""
import argparse
import email.utils
import hashlib
import http.server
import json
import os
import socket
import sys
import threading
import time
import urllib.parse

import dandi_api

lock = threading.Lock()
stats = {"requests": 0, "bytes": 0, "api": 0, "blobs": 0, "paths": {}, "log": []}
failed_once = set()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # TCP_NODELAY, as nginx's tcp_nodelay: without it a small body written after its headers waits for the
    # client's delayed ACK (about 40 ms a request on loopback), a cost no real server adds.
    disable_nagle_algorithm = True
    root = "."
    latency = 0.0
    role = "api"
    blob_origin = None

    def log_message(self, format, *args):
        pass

    def count(self, sent):
        with lock:
            stats["requests"] += 1
            stats["bytes"] += sent
            stats["paths"][self.path] = stats["paths"].get(self.path, 0) + 1
            if self.path.startswith("/api/"):
                stats["api"] += 1
            if self.path.startswith("/blobs/"):
                stats["blobs"] += 1
            if len(stats["log"]) < 100000:
                stats["log"].append([self.command, self.path, self.headers.get("Range"), self.headers.get("Authorization"),
                                     self.headers.get("Host"), self.headers.get("x-amz-security-token"), self.role])

    s3_key = None

    def s3_signature_problem(self, split):
        """None when the request carries a valid SigV4 signature by --s3-key, else S3's error code."""
        import hmac
        header = self.headers.get("Authorization", "")
        if not header.startswith("AWS4-HMAC-SHA256 "):
            return "AccessDenied"
        fields = dict(part.strip().split("=", 1) for part in header[len("AWS4-HMAC-SHA256 "):].split(","))
        key_id, _, scope = fields["Credential"].partition("/")
        if key_id != self.s3_key[0]:
            return "InvalidAccessKeyId"
        names = fields["SignedHeaders"].split(";")
        canonical_headers = "".join(f"{name}:{self.headers.get(name, '').strip()}\n" for name in names)
        query = "&".join(sorted(split.query.split("&"))) if split.query else ""
        canonical = "\n".join([self.command, split.path, query, canonical_headers, fields["SignedHeaders"],
                               self.headers.get("x-amz-content-sha256", "")])
        stamp = self.headers.get("x-amz-date", "")
        to_sign = "\n".join(["AWS4-HMAC-SHA256", stamp, scope, hashlib.sha256(canonical.encode()).hexdigest()])
        day, region, service, _ = scope.split("/")
        key = ("AWS4" + self.s3_key[1]).encode()
        for part in (day, region, service, "aws4_request"):
            key = hmac.new(key, part.encode(), hashlib.sha256).digest()
        expected = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
        return None if hmac.compare_digest(expected, fields["Signature"]) else "SignatureDoesNotMatch"

    def file_size(self, relative):
        return os.path.getsize(os.path.join(self.root, relative))

    def send_api(self, status, body, headers):
        if status == "reset":
            self.count(0)
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
            self.close_connection = True
            self.connection.close()
            return
        if status == "stall":
            self.count(0)
            time.sleep(60)
            self.close_connection = True
            return
        if status == "trickle":
            # A whole answer's headers, then its body at 2 bytes a second for up to 60 s.
            self.count(0)
            data = json.dumps(body).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            for index in range(0, min(len(data), 120), 2):
                self.wfile.write(data[index:index + 2])
                self.wfile.flush()
                time.sleep(1)
            self.close_connection = True
            return
        self.count(0)
        data = b"" if body is None else json.dumps(body).encode()
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def do_HEAD(self):
        self.handle_request(head=True)

    def do_GET(self):
        self.handle_request(head=False)

    def handle_request(self, head):
        if self.path == "/_stats":
            with lock:
                body = json.dumps(stats).encode()
            return self.send_body(200, body, "application/json")
        if self.path == "/_reset":
            with lock:
                stats.update({"requests": 0, "bytes": 0, "api": 0, "blobs": 0, "paths": {}, "log": []})
                failed_once.clear()
                dandi_api.api_faults.clear()
            return self.send_body(200, b"{}", "application/json")
        split = urllib.parse.urlsplit(self.path)
        query = urllib.parse.parse_qs(split.query)
        if split.path == "/_fault":
            with lock:
                dandi_api.set_fault(query)
            return self.send_body(200, b"{}", "application/json")
        if self.latency:
            time.sleep(self.latency)
        if split.path.startswith("/api/"):
            with lock:
                answer = dandi_api.handle_api(self, split.path, query)
            return self.send_api(*answer)
        if split.path.startswith("/s3/") and self.s3_key:
            problem = self.s3_signature_problem(split)
            if problem:
                self.count(0)
                return self.send_body(403, f"<Error><Code>{problem}</Code></Error>".encode(), "application/xml")
            return self.serve_file(head, "files", None, urllib.parse.unquote(split.path[4:].partition("/")[2]))
        if split.path.startswith("/blobs/") and self.blob_origin and self.role != "blobs":
            self.count(0)
            return self.send_body(404, b"blobs are served on the blob origin\n", "text/plain")
        if split.path.startswith("/blobs/"):
            relative, refused = dandi_api.blob_file(split.path.rstrip("/").split("/")[-1], "X-Amz-Signature" in query)
            if refused:
                self.count(0)
                return self.send_body(refused[0], refused[1].encode(), "application/xml")
            return self.serve_file(head, "files", None, relative)
        parts = self.path.lstrip("/").split("/", 1)
        kind = parts[0]
        rest = parts[1] if len(parts) > 1 else ""
        mode = None
        if kind == "fault":
            mode, _, rest = rest.partition("/")
        if kind == "moved" and self.blob_origin:
            self.count(0)
            self.send_response(307)
            self.send_header("Location", self.blob_origin + "/files/" + rest.partition("/")[2])
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if kind == "redirect":
            self.count(0)
            self.send_response(302)
            self.send_header("Location", "/files/" + rest)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if kind not in ("files", "no-ranges", "fault", "changing", "big-header"):
            self.count(0)
            return self.send_body(404, b"no such route\n", "text/plain")
        return self.serve_file(head, kind, mode, rest)

    def serve_file(self, head, kind, mode, rest):
        path = os.path.realpath(os.path.join(self.root, urllib.parse.unquote(rest)))
        if not path.startswith(os.path.realpath(self.root) + os.sep) or not os.path.isfile(path):
            self.count(0)
            return self.send_body(404, b"not found\n", "text/plain")
        if mode == "403":
            self.count(0)
            return self.send_body(403, b"forbidden\n", "text/plain")
        first_time = False
        if mode in ("503", "reset", "short", "stall-once"):
            with lock:
                first_time = rest not in failed_once
                failed_once.add(rest)
        if mode == "503" and first_time:
            self.count(0)
            self.send_response(503)
            self.send_header("Retry-After", "1")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        size = os.path.getsize(path)
        start, end, status = 0, size, 200
        header = self.headers.get("Range")
        if header and header.startswith("bytes=") and kind != "no-ranges":
            first, _, last = header[6:].partition("-")
            start = int(first) if first else max(0, size - int(last))
            end = min(size, int(last) + 1) if first and last else size
            if start >= size:
                self.count(0)
                self.send_response(416)
                self.send_header("Content-Range", f"bytes */{size}")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            status = 206
        with open(path, "rb") as handle:
            handle.seek(start)
            body = handle.read(end - start)
        stat = os.stat(path)
        self.send_response(status)
        self.send_header("Content-Type", "application/x-hdf5")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Accept-Ranges", "bytes")
        if kind == "changing":
            with lock:
                stats["changes"] = stats.get("changes", 0) + 1
                self.send_header("ETag", f'"version-{stats["changes"]}"')
        else:
            self.send_header("ETag", '"' + hashlib.md5(f"{path}:{stat.st_size}:{stat.st_mtime_ns}".encode()).hexdigest() + '"')
        if kind == "big-header":
            self.send_header("X-Padding", "x" * 150_000)
        self.send_header("Last-Modified", email.utils.formatdate(stat.st_mtime, usegmt=True))
        if status == 206:
            self.send_header("Content-Range", f"bytes {start}-{end - 1}/{size}")
        self.end_headers()
        if head:
            self.count(0)
            return
        if mode == "stall" or (mode == "stall-once" and first_time):
            self.count(0)
            self.wfile.flush()
            time.sleep(60)
            self.close_connection = True
            return
        if mode in ("reset", "short") and first_time:
            half = body[: len(body) // 2]
            self.wfile.write(half)
            self.wfile.flush()
            self.count(len(half))
            if mode == "reset":
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
            self.close_connection = True
            self.connection.close()
            return
        self.wfile.write(body)
        self.count(len(body))

    def send_body(self, status, body, content_type):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # a client that hangs up (a stall given up, a reset) is no error of the stand-in's


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--latency-ms", type=float, default=0)
    parser.add_argument("--max-seconds", type=float, default=900)
    parser.add_argument("--dandi", help="a DANDI API configuration (see dandi_api.py)")
    parser.add_argument("--s3-key", help="ID:SECRET that signs requests to /s3/")
    arguments = parser.parse_args()
    if arguments.s3_key:
        Handler.s3_key = arguments.s3_key.split(":", 1)
    if arguments.dandi:
        dandi_api.load(arguments.dandi)
    Handler.root = arguments.root
    Handler.latency = arguments.latency_ms / 1000
    server = Server(("127.0.0.1", arguments.port), Handler)
    line = f"PORT {server.server_address[1]}"
    if arguments.dandi:
        class BlobHandler(Handler):
            role = "blobs"
        try:
            blobs = Server(("127.0.0.2", 0), BlobHandler)
        except OSError:
            blobs = Server(("127.0.0.1", 0), BlobHandler)
        host, port = blobs.server_address[:2]
        Handler.blob_origin = f"http://{host}:{port}"
        threading.Thread(target=blobs.serve_forever, daemon=True).start()
        line += f" BLOBS {port} {host}"
    print(line, flush=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    deadline = time.monotonic() + arguments.max_seconds

    def watch_stdin():
        sys.stdin.read()
        os._exit(0)

    threading.Thread(target=watch_stdin, daemon=True).start()
    while time.monotonic() < deadline:
        time.sleep(0.5)
    os._exit(0)


if __name__ == "__main__":
    main()
