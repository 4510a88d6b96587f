"""Runs AWS CLI commands in one long-lived Python process, for tests that run hundreds of them.

Each `aws` process spends about half a second of CPU importing botocore and loading its models
before it sends a request. This process pays that once: it imports the CLI of the interpreter it
runs under (the `aws` script's own), then serves one command per connection on a Unix socket,
each with a fresh CLI driver, so each command reads its environment, arguments and working folder
as a new process would.

Protocol: the client sends one JSON line {"argv": [...], "env": {...}, "cwd": "..."}; the answer
is one JSON line {"code": N, "stdout": "...", "stderr": "..."}, then the connection closes.

Usage: python aws-cli-driver.py SOCKET_PATH IDLE_SECONDS
It prints "ready" once it listens, and exits after IDLE_SECONDS without a command, or when its
stdin closes (the process that started it is gone).
"""

import io
import json
import os
import socket
import sys
import threading
import traceback

from awscli.clidriver import create_clidriver

# Importing awscli adds its own data folder to AWS_DATA_PATH, which each command's environment
# replaces; a new process would have it, so every command gets it too.
IMPORT_ENVIRONMENT = {name: os.environ[name] for name in ("AWS_DATA_PATH",) if name in os.environ}


def exit_when_parent_goes():
    sys.stdin.buffer.read()
    os._exit(0)


def captured_stream():
    return io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="replace", write_through=True)


def text_of(stream):
    stream.flush()
    return stream.buffer.getvalue().decode("utf-8", errors="replace")


def exit_code_of(exit):
    if exit.code is None:
        return 0
    if isinstance(exit.code, int):
        return exit.code
    sys.stderr.write(f"{exit.code}\n")
    return 1


def run(request):
    os.environ.clear()
    os.environ.update(request["env"])
    os.environ.update(IMPORT_ENVIRONMENT)
    os.chdir(request["cwd"])
    stdout, stderr = captured_stream(), captured_stream()
    saved = sys.stdin, sys.stdout, sys.stderr
    # stdin is empty, as for a command run with </dev/null.
    sys.stdin, sys.stdout, sys.stderr = io.StringIO(""), stdout, stderr
    try:
        code = create_clidriver().main(request["argv"])
    except SystemExit as exit:
        code = exit_code_of(exit)
    except BaseException:
        traceback.print_exc()
        code = 255
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved
    return {"code": code if isinstance(code, int) else 0, "stdout": text_of(stdout), "stderr": text_of(stderr)}


def read_line(connection):
    chunks = []
    while True:
        chunk = connection.recv(65536)
        if not chunk:
            break
        chunks.append(chunk)
        if chunk.endswith(b"\n"):
            break
    return b"".join(chunks)


def serve(socket_path, idle_seconds):
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(socket_path)
    server.listen(16)
    server.settimeout(idle_seconds)
    print("ready", flush=True)
    while True:
        try:
            connection, _ = server.accept()
        except socket.timeout:
            break
        with connection:
            connection.settimeout(None)
            try:
                answer = run(json.loads(read_line(connection)))
            except Exception as error:
                answer = {"code": 255, "stdout": "", "stderr": f"aws-cli-driver: {error}\n"}
            connection.sendall((json.dumps(answer) + "\n").encode("utf-8"))
    server.close()
    os.unlink(socket_path)


if __name__ == "__main__":
    socket_path, idle_seconds = sys.argv[1], float(sys.argv[2])
    # argparse names the program after argv[0] in its usage errors: `aws`, as the real one.
    sys.argv = ["aws"]
    threading.Thread(target=exit_when_parent_goes, daemon=True).start()
    serve(socket_path, idle_seconds)
