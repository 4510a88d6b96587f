#!/usr/bin/env python3
"""An `aws` for shells in tests: runs the command in the AWS CLI driver (aws-cli-driver.py), or
the real CLI when the driver cannot run it as the real one would.

The real CLI runs when a command names a device (`lambda invoke ... /dev/stdout` writes to the
driver's own stdout otherwise), follows a log (`logs tail --follow` never ends), or the driver is
not there. Its environment: LOCAL_CLOUD_AWS_CLI (the real `aws`), LOCAL_CLOUD_AWS_CLI_SOCKET.
"""

import json
import os
import socket
import sys

real_cli = os.environ["LOCAL_CLOUD_AWS_CLI"]
socket_path = os.environ.get("LOCAL_CLOUD_AWS_CLI_SOCKET", "")
argv = sys.argv[1:]


def run_real_cli():
    os.execv(real_cli, [real_cli, *argv])


if socket_path == "" or "--follow" in argv or any("/dev/" in argument for argument in argv):
    run_real_cli()

try:
    client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    client.connect(socket_path)
except OSError:
    run_real_cli()

environment = {name: value for name, value in os.environ.items() if not name.startswith("LOCAL_CLOUD_AWS_CLI")}
request = {"argv": argv, "env": environment, "cwd": os.getcwd()}
client.sendall((json.dumps(request) + "\n").encode("utf-8"))
chunks = []
while True:
    chunk = client.recv(65536)
    if not chunk:
        break
    chunks.append(chunk)
answer = json.loads(b"".join(chunks))
sys.stdout.write(answer["stdout"])
sys.stderr.write(answer["stderr"])
sys.exit(answer["code"])
