#!/usr/bin/env python3
"""Drives `copydesk lsp` over stdio and times didChange -> publishDiagnostics.

Usage: bench/lsp.py COPYDESK NEWSROOM ARTICLE [--rounds N]

Opens ARTICLE (a path inside NEWSROOM), then sends N full-text changes (each appends one
word, so every change is new text) and waits for the diagnostics of each before the next.
Prints the startup time (spawn to the first diagnostics), the change latencies (median, p95,
max), and for comparison the wall time of `copydesk lint --stdin-filename` on the same text.
A benchmark, not a test: it asserts nothing.
"""

import json
import os
import statistics
import subprocess
import sys
import time


def frame(message):
    body = json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n%s" % (len(body), body)


def read(stream):
    length = None
    while True:
        line = stream.readline()
        if not line:
            return None
        line = line.strip()
        if not line:
            break
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    return json.loads(stream.read(length))


def main():
    args = sys.argv[1:]
    rounds = 50
    if "--rounds" in args:
        at = args.index("--rounds")
        rounds = int(args[at + 1])
        del args[at : at + 2]
    copydesk, newsroom, article = args
    newsroom = os.path.abspath(newsroom)
    article = os.path.abspath(article)
    uri = "file://" + article
    text = open(article, encoding="utf-8").read()

    started = time.perf_counter()
    server = subprocess.Popen(
        [copydesk, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=newsroom
    )

    def send(message):
        server.stdin.write(frame(message))
        server.stdin.flush()

    def wait_diagnostics():
        while True:
            message = read(server.stdout)
            if message is None:
                sys.exit("server closed its output")
            if message.get("method") == "textDocument/publishDiagnostics" and message["params"]["uri"] == uri:
                return message["params"]["diagnostics"]

    send({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
        "processId": None, "rootUri": "file://" + newsroom, "capabilities": {}}})
    while read(server.stdout).get("id") != 1:
        pass
    send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri, "languageId": "markdown", "version": 1, "text": text}}})
    findings = wait_diagnostics()
    startup = time.perf_counter() - started

    latencies = []
    for version in range(2, rounds + 2):
        text = text + " word"
        began = time.perf_counter()
        send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"text": text}]}})
        wait_diagnostics()
        latencies.append((time.perf_counter() - began) * 1000)
    # The server's peak resident memory so far (Linux: VmHWM), read before it exits.
    peak_rss = None
    try:
        with open(f"/proc/{server.pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    peak_rss = int(line.split()[1]) // 1024
    except OSError:
        pass
    send({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
    send({"jsonrpc": "2.0", "method": "exit"})
    server.wait()

    cli = []
    for _ in range(5):
        began = time.perf_counter()
        subprocess.run([copydesk, "lint", "--quiet", "--stdin-filename", article],
                       input=text.encode(), stdout=subprocess.DEVNULL, cwd=newsroom)
        cli.append((time.perf_counter() - began) * 1000)

    latencies.sort()
    p95 = latencies[max(0, int(round(0.95 * len(latencies))) - 1)]
    median = statistics.median(latencies)
    cli_median = statistics.median(cli)
    print(f"words in the article: {len(text.split())}; findings at open: {len(findings)}")
    print(f"startup to first diagnostics: {startup * 1000:.0f} ms")
    print(f"didChange -> publishDiagnostics over {rounds} changes: median {median:.1f} ms, "
          f"p95 {p95:.1f} ms, max {latencies[-1]:.1f} ms")
    print(f"copydesk lint --stdin-filename, same text: median {cli_median:.0f} ms "
          f"({cli_median / median:.0f}x the server's median)")
    if peak_rss is not None:
        print(f"server peak RSS: {peak_rss} MB")


if __name__ == "__main__":
    main()
