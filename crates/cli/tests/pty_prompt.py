"""Pseudo-terminal driver for the new-article prompts (run by scaffold.rs).

Usage: pty_prompt.py BINARY NEWSROOM_ROOT SCENARIO
Scenario "all": types a title, moves to the second author with the down arrow, accepts the
first desk. Scenario "slug": gives a CJK title on the command line and types the slug asked
for. Then prints everything the program wrote and exits with its exit code.
"""

import os
import pty
import select
import sys
import time

binary, root, scenario = sys.argv[1], sys.argv[2], sys.argv[3]
arguments = [binary, "new-article", "--date", "2026-05-06T14:25:00Z"]
if scenario == "slug":
    arguments += ["東京の新しいAI", "--author", "maya-okafor", "--desk", "ai"]

pid, fd = pty.fork()
if pid == 0:
    os.chdir(root)
    os.environ["TERM"] = "xterm"
    os.environ.pop("VISUAL", None)
    os.environ.pop("EDITOR", None)
    os.execv(binary, arguments)

transcript = b""
seen = 0


def read_some(deadline):
    global transcript
    ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.time()))
    if not ready:
        return False
    try:
        data = os.read(fd, 4096)
    except OSError:
        return False
    if not data:
        return False
    transcript += data
    return True


def expect(pattern, timeout=30.0):
    global seen
    deadline = time.time() + timeout
    while pattern not in transcript[seen:]:
        if not read_some(deadline):
            sys.stdout.write(transcript.decode("utf-8", "replace"))
            sys.exit("gave up waiting for %r" % pattern)
    seen = transcript.index(pattern, seen) + len(pattern)
    # Let the prompt switch the terminal to raw mode before keys arrive.
    time.sleep(0.3)


if scenario == "slug":
    expect(b"Slug")
    os.write(fd, b"tokyo-new-ai\r")
else:
    expect(b"Title")
    os.write(fd, b"Prompted Story\r")
    expect(b"Author")
    os.write(fd, b"\x1b[B")
    time.sleep(0.2)
    os.write(fd, b"\r")
    expect(b"Desk")
    os.write(fd, b"\r")

deadline = time.time() + 30.0
while read_some(deadline):
    pass
_, status = os.waitpid(pid, 0)
sys.stdout.write(transcript.decode("utf-8", "replace"))
sys.exit(os.waitstatus_to_exitcode(status))
