"""Save-to-page time of `copydesk preview`, measured as a browser sees it (run by
bench/preview-refresh.sh).

Usage: python3 bench/preview_refresh.py COPYDESK NEWSROOM ARTICLE [--rounds N]

Starts `COPYDESK preview` on NEWSROOM, opens the article page and its event stream, then
ROUNDS times appends a paragraph to ARTICLE and times, from the write: the `change` event
arriving on the open stream, and the article page fetched again right after it (what the
page's script does). One process does it all, so no polling or process start-up is counted.
Prints one line per round and the medians. A benchmark, not a test: nothing fails.
"""

import argparse
import http.client
import os
import select
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse


def fetch(host, port, path):
    connection = http.client.HTTPConnection(host, port, timeout=30)
    connection.request("GET", path)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, body


class EventStream:
    """The server-sent event stream, read line by line as it arrives."""

    def __init__(self, host, port):
        self.sock = socket.create_connection((host, port))
        self.sock.sendall(
            f"GET /_preview/events HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n".encode())
        self.buffer = b""

    def line(self, timeout):
        """The next line, or None when none arrives within `timeout` seconds."""
        deadline = time.perf_counter() + timeout
        while b"\n" not in self.buffer:
            left = deadline - time.perf_counter()
            if left <= 0 or not select.select([self.sock], [], [], left)[0]:
                return None
            chunk = self.sock.recv(65536)
            if not chunk:
                sys.exit("the event stream closed")
            self.buffer += chunk
        line, _, self.buffer = self.buffer.partition(b"\n")
        return line.strip()

    def next_change(self):
        """Waits for a `change` event; the time it arrived."""
        while True:
            line = self.line(30)
            if line is None:
                sys.exit("no change event within 30 s")
            if line == b"event: change":
                return time.perf_counter()

    def drain(self):
        """Drops what arrives within 0.3 s (a second event for one save), so a round starts
        clean."""
        while self.line(0.3) is not None:
            pass


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("copydesk")
    parser.add_argument("newsroom")
    parser.add_argument("article")
    parser.add_argument("--rounds", type=int, default=9)
    args = parser.parse_args()

    server = subprocess.Popen(
        [args.copydesk, "preview", "--root", args.newsroom, "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        line = server.stdout.readline()
        if not line.startswith("copydesk preview: "):
            sys.exit(f"unexpected first line from the server: {line!r}")
        url = urllib.parse.urlparse(line.split(": ", 1)[1].strip())
        host, port = url.hostname, url.port
        relative = os.path.relpath(args.article, args.newsroom)
        page = "/article/" + urllib.parse.quote(relative)
        status, _ = fetch(host, port, page)
        if status != 200:
            sys.exit(f"the article page answered {status}")

        events = EventStream(host, port)

        event_times, page_times = [], []
        events.drain()
        for round_number in range(1, args.rounds + 1):
            started = time.perf_counter()
            with open(args.article, "a", encoding="utf-8") as article:
                article.write(f"\nAnother paragraph, round {round_number}.\n")
            arrived = events.next_change()
            status, _ = fetch(host, port, page)
            served = time.perf_counter()
            event_ms = (arrived - started) * 1000
            page_ms = (served - started) * 1000
            event_times.append(event_ms)
            page_times.append(page_ms)
            print(f"round {round_number}: change event after {event_ms:.0f} ms, "
                  f"page ({status}) served after {page_ms:.0f} ms")
            # A save that changes other articles' findings sends a second event: drop it.
            events.drain()
        print(f"median over {args.rounds} rounds: change event {statistics.median(event_times):.0f} ms, "
              f"page served {statistics.median(page_times):.0f} ms")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
