"""moto's S3 server (PyPI moto[server]) on 127.0.0.1 with signature checking on, for NWBKit's S3 tests.

    python3 Tests/RemoteStandIn/moto_s3.py --file PATH [--key KEY] [--max-seconds S]

Starts moto's server, creates (with checking still off) a private bucket `nwbkit` holding PATH under KEY
(default: its name), an IAM user `reader` allowed s3:GetObject on it, a user `stranger` allowed nothing,
an access key for each, and temporary credentials of a role `reading` allowed to read (STS AssumeRole), then turns signature
checking on (`POST /moto-api/reset-auth` with 0) and prints one JSON line:
    {"endpoint": "http://127.0.0.1:PORT", "bucket": "nwbkit", "key": KEY,
     "reader": [id, secret], "stranger": [id, secret], "session": [id, secret, token]}
It serves until its standard input closes, --max-seconds pass, or SIGTERM. Exits 3 (printing why) when
moto or boto3 is not installed.
"""
import argparse
import json
import os
import signal
import socket
import sys
import threading
import urllib.request


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--file", required=True)
    parser.add_argument("--key")
    parser.add_argument("--max-seconds", type=float, default=600)
    arguments = parser.parse_args()
    try:
        import boto3
        from moto.server import ThreadedMotoServer
    except ImportError as error:
        print(f"moto[server] and boto3 are needed ({error}); pip install 'moto[server]'", flush=True)
        sys.exit(3)
    finder = socket.socket()
    finder.bind(("127.0.0.1", 0))
    port = finder.getsockname()[1]
    finder.close()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    import logging
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    setup = dict(endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="setup", aws_secret_access_key="setup")
    key = arguments.key or os.path.basename(arguments.file)
    s3 = boto3.client("s3", **setup)
    s3.create_bucket(Bucket="nwbkit")
    s3.upload_file(arguments.file, "nwbkit", key)
    iam = boto3.client("iam", **setup)
    policy = iam.create_policy(PolicyName="read-nwbkit", PolicyDocument=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": ["arn:aws:s3:::nwbkit/*"]}]}))
    users = {}
    for user in ["reader", "stranger"]:
        iam.create_user(UserName=user)
        if user == "reader":
            iam.attach_user_policy(UserName=user, PolicyArn=policy["Policy"]["Arn"])
        made = iam.create_access_key(UserName=user)["AccessKey"]
        users[user] = [made["AccessKeyId"], made["SecretAccessKey"]]
    # Temporary credentials: a role allowed to read, assumed (moto checks assumed roles' session tokens).
    role = iam.create_role(RoleName="reading", AssumeRolePolicyDocument=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}]}))
    iam.attach_role_policy(RoleName="reading", PolicyArn=policy["Policy"]["Arn"])
    sts = boto3.client("sts", endpoint_url=endpoint, region_name="us-east-1",
                       aws_access_key_id=users["reader"][0], aws_secret_access_key=users["reader"][1])
    temporary = sts.assume_role(RoleArn=role["Role"]["Arn"], RoleSessionName="nwbkit")["Credentials"]
    session = [temporary["AccessKeyId"], temporary["SecretAccessKey"], temporary["SessionToken"]]
    request = urllib.request.Request(endpoint + "/moto-api/reset-auth", data=b"0", method="POST",
                                     headers={"Content-Type": "text/plain"})
    urllib.request.urlopen(request).read()
    print(json.dumps({"endpoint": endpoint, "bucket": "nwbkit", "key": key, "reader": users["reader"],
                      "stranger": users["stranger"], "session": session}), flush=True)
    done = threading.Event()
    threading.Thread(target=lambda: (sys.stdin.read(), done.set()), daemon=True).start()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    done.wait(arguments.max_seconds)
    server.stop()
    os._exit(0)


if __name__ == "__main__":
    main()
