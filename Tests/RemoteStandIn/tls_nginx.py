"""Debian's nginx serving a folder over HTTPS on 127.0.0.1, with certificates this script makes, for
NWBKit's TLS tests: one server per kind of certificate.

    python3 Tests/RemoteStandIn/tls_nginx.py --root FOLDER [--max-seconds S]

Makes, in a new temporary folder: a certificate authority (ca.pem), a folder of it hashed as
SSL_CERT_DIR wants (cadir/), and server certificates for 127.0.0.1 that are
  good       signed by the authority, for 127.0.0.1 and localhost
  self       self-signed
  otherhost  signed by the authority, for example.org only
  expired    signed by the authority, valid from two years ago to one year ago
then starts nginx (daemon off, its files in that folder) with one TLS server per certificate, each serving
FOLDER with byte ranges (and a folder's listing as an HTML page). Prints one JSON line {"ports": {kind: port}, "ca": path, "cadir": path} once every
server answers, and runs until its standard input closes, --max-seconds pass, or SIGTERM; then nginx is
stopped and the folder removed. Exits 3 (printing why) when nginx is not installed.
"""
import argparse
import datetime
import ipaddress
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID


def name(common):
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common)])


def key():
    return ec.generate_private_key(ec.SECP256R1())


def write(folder, stem, certificate, private):
    with open(os.path.join(folder, stem + ".pem"), "wb") as handle:
        handle.write(certificate.public_bytes(serialization.Encoding.PEM))
    with open(os.path.join(folder, stem + ".key"), "wb") as handle:
        handle.write(private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))


def certificate(subject, subject_key, issuer, issuer_key, names, start, end, authority=False):
    builder = (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer)
               .public_key(subject_key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(start).not_valid_after(end)
               .add_extension(x509.BasicConstraints(ca=authority, path_length=None), critical=True))
    if names:
        builder = builder.add_extension(x509.SubjectAlternativeName(names), critical=False)
    return builder.sign(issuer_key, hashes.SHA256())


def make_certificates(folder):
    now = datetime.datetime.now(datetime.timezone.utc)
    day = datetime.timedelta(days=1)
    ca_key = key()
    ca = certificate(name("NWBKit test authority"), ca_key, name("NWBKit test authority"), ca_key, None,
                     now - day, now + 30 * day, authority=True)
    write(folder, "ca", ca, ca_key)
    local = [x509.IPAddress(ipaddress.ip_address("127.0.0.1")), x509.DNSName("localhost")]
    for stem, names, start, end, self_signed in [
        ("good", local, now - day, now + 30 * day, False),
        ("self", local, now - day, now + 30 * day, True),
        ("otherhost", [x509.DNSName("example.org")], now - day, now + 30 * day, False),
        ("expired", local, now - 730 * day, now - 365 * day, False),
    ]:
        server_key = key()
        issuer, issuer_key = (name("127.0.0.1"), server_key) if self_signed else (ca.subject, ca_key)
        write(folder, stem, certificate(name("127.0.0.1"), server_key, issuer, issuer_key, names, start, end), server_key)
    # SSL_CERT_DIR: the authority under its subject hash, as `openssl rehash` names it.
    cadir = os.path.join(folder, "cadir")
    os.mkdir(cadir)
    digest = subprocess.run(["openssl", "x509", "-hash", "-noout", "-in", os.path.join(folder, "ca.pem")],
                            capture_output=True, text=True, check=True).stdout.strip()
    shutil.copy(os.path.join(folder, "ca.pem"), os.path.join(cadir, digest + ".0"))
    return cadir


def free_ports(count):
    sockets = [socket.socket() for _ in range(count)]
    for item in sockets:
        item.bind(("127.0.0.1", 0))
    ports = [item.getsockname()[1] for item in sockets]
    for item in sockets:
        item.close()
    return ports


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", required=True)
    parser.add_argument("--max-seconds", type=float, default=600)
    arguments = parser.parse_args()
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None)
    if nginx is None:
        print("nginx is not installed (scripts/bootstrap installs Debian's)", flush=True)
        sys.exit(3)
    folder = tempfile.mkdtemp(prefix="nwbkit-tls-")
    try:
        cadir = make_certificates(folder)
        kinds = ["good", "self", "otherhost", "expired"]
        ports = dict(zip(kinds, free_ports(len(kinds))))
        servers = "".join(f"""
    server {{
        listen 127.0.0.1:{ports[kind]} ssl;
        ssl_certificate {folder}/{kind}.pem;
        ssl_certificate_key {folder}/{kind}.key;
        root {os.path.abspath(arguments.root)};
        location / {{ autoindex on; }}
    }}""" for kind in kinds)
        user = "user root;\n" if os.geteuid() == 0 else ""
        config = f"""{user}worker_processes 1;
error_log {folder}/error.log;
pid {folder}/nginx.pid;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    default_type application/octet-stream;{servers}
}}
"""
        with open(os.path.join(folder, "nginx.conf"), "w") as handle:
            handle.write(config)
        process = subprocess.Popen([nginx, "-p", folder, "-c", os.path.join(folder, "nginx.conf"), "-g", "daemon off;"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                for port in ports.values():
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if process.poll() is not None:
                    print("nginx did not start: " + open(os.path.join(folder, "error.log")).read()[-500:], flush=True)
                    sys.exit(3)
                time.sleep(0.1)
        print(json.dumps({"ports": ports, "ca": os.path.join(folder, "ca.pem"), "cadir": cadir}), flush=True)
        done = threading.Event()
        threading.Thread(target=lambda: (sys.stdin.read(), done.set()), daemon=True).start()
        signal.signal(signal.SIGTERM, lambda *_: done.set())
        done.wait(arguments.max_seconds)
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
