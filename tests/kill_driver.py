"""Builds killed with SIGKILL at chosen and at random moments (run by test_drafts' kill test).

Run as its own process, with the working folder as cwd: `python kill_driver.py SEED`. zidoc is
imported once here; every build runs in a forked child (the real `zidoc build` command, no
threads in this process, so fork is safe) that is killed either by itself at a chosen step of
writing its files (before or after a file is moved into place, or half-way through writing a
temporary file), or from here after a random delay. Before each build the workbook is changed,
so every build writes documents that differ from the ones on disk.

After every kill the files on disk are checked: every .docx opens, and every .docx is one the
manifest recognises as zidoc's own (so no later build takes it for a staff edit). One JSON
object is printed at the end: the kills made and the problems found."""
from __future__ import annotations

import json
import os
import random
import signal
import sys
import time
from pathlib import Path

OUT = Path("outputs")
WORKBOOK = Path("inputs") / "2024" / "contoh.xlsx"


def kill_self() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def install(kind: str, n: int) -> None:
    """In the child: SIGKILL at the n-th write into the outputs ('before-replace',
    'after-replace': the n-th file moved into place; 'mid-write': the n-th file opened for
    writing, half written and flushed to disk)."""
    out = str(OUT.resolve())
    real_open, real_fdopen, real_replace = os.open, os.fdopen, os.replace
    counts = {"open": 0, "replace": 0}
    halved: set[int] = set()

    def ours(path) -> bool:
        return str(Path(path).resolve()).startswith(out)

    def open_(path, flags, *args, **kwargs):
        fd = real_open(path, flags, *args, **kwargs)
        if ours(path) and flags & (os.O_WRONLY | os.O_RDWR):
            counts["open"] += 1
            if kind == "mid-write" and counts["open"] == n:
                halved.add(fd)
        return fd

    class HalfWriter:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def write(self, data):
            self.handle.write(data[: len(data) // 2])
            self.handle.flush()
            os.fsync(self.handle.fileno())
            kill_self()

    def fdopen(fd, *args, **kwargs):
        handle = real_fdopen(fd, *args, **kwargs)
        return HalfWriter(handle) if fd in halved else handle

    def replace(src, dst):
        counted = ours(dst)
        if counted:
            counts["replace"] += 1
            if kind == "before-replace" and counts["replace"] == n:
                kill_self()
        real_replace(src, dst)
        if counted and kind == "after-replace" and counts["replace"] == n:
            kill_self()

    os.open, os.fdopen, os.replace = open_, fdopen, replace


def build_in_child(kind: str | None = None, n: int = 0) -> int:
    """Fork; the child runs `zidoc build` (killing itself at the chosen step). Returns the pid."""
    pid = os.fork()
    if pid == 0:  # the child
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.dup2(devnull, 2)
            if kind:
                install(kind, n)
            from zidoc.cli.commands import main

            try:
                main(["build"], prog_name="zidoc", standalone_mode=True)
            except SystemExit as exc:
                os._exit(exc.code if isinstance(exc.code, int) else 1)
            os._exit(0)
        finally:
            os._exit(70)  # anything else: an error the parent reports
    return pid


def wait(pid: int) -> str:
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        return "killed" if os.WTERMSIG(status) == signal.SIGKILL else f"signal {os.WTERMSIG(status)}"
    return f"exit {os.WEXITSTATUS(status)}"


def change_workbook(n: int) -> None:
    from drafts_helpers import rewrite_workbook

    rewrite_workbook(WORKBOOK, WORKBOOK, identitas={"penandatangan_nama": f"Penandatangan {n}"})


def check(after: str) -> list[str]:
    """Problems on disk after a kill: a .docx that does not open, or one zidoc would take for
    a staff edit (its hash not in its manifest entry)."""
    import hashlib

    from docx import Document

    problems = []
    documents = sorted(OUT.rglob("*.docx"))
    if not documents:
        problems.append(f"{after}: no document on disk")
    for path in documents:
        try:
            Document(str(path))
        except Exception as exc:  # noqa: BLE001 - any failure to open is the finding
            problems.append(f"{after}: {path.name} is damaged: {exc}")
        # The satker folder's manifest (a meeting's pack is in its subfolder rapat/<kode>/).
        folder = next(p for p in path.parents if p.parent.parent.name == "outputs")
        name = path.relative_to(folder).as_posix()
        try:
            record = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            problems.append(f"{after}: manifest beside {name} unreadable: {exc}")
            continue
        entry = [e for e in record["dokumen"] if e["berkas"] == name]
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if not entry or digest not in {entry[0].get("sha256"), entry[0].get("sha256_baru")}:
            problems.append(f"{after}: {path.name} would look edited (manifest {entry})")
    return problems


def first_build() -> int:
    """The first build, complete, in this process: every module a build needs is then loaded
    before the children are forked."""
    import contextlib
    import io

    from zidoc.cli.commands import main

    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        try:
            main(["build"], prog_name="zidoc", standalone_mode=False)
        except SystemExit as exc:
            return exc.code if isinstance(exc.code, int) else 1
    return 0


def main(seed: int) -> dict:
    rng = random.Random(seed)
    kills, problems = [], []
    code = first_build()
    if code != 0:
        return {"kills": kills, "problems": [f"first build: exit {code}"]}
    started = time.monotonic()  # a complete build in a child: only to spread the random kills
    status = wait(build_in_child())
    duration = time.monotonic() - started
    if status != "exit 0":
        return {"kills": kills, "problems": [f"second build: {status}"]}
    # Rebuilding writes, in order: the pending manifest, the three documents, the workbook
    # copy, the final manifest. Kill after each of them is in place, and inside the first
    # document's write (temporary file complete but not moved; half written).
    points = [("after-replace", n) for n in range(1, 7)]
    points += [("before-replace", 2), ("mid-write", 2), ("mid-write", 1)]
    points += [("random", n) for n in range(4)]
    for round_, (kind, n) in enumerate(points, 1):
        change_workbook(round_)
        if kind == "random":  # half anywhere in the build, half in its second half
            delay = rng.uniform(0, duration) if n % 2 else rng.uniform(duration / 2, duration)
            pid = build_in_child()
            time.sleep(delay)
            os.kill(pid, signal.SIGKILL)
            status = wait(pid)
            if status not in ("killed", "exit 0"):
                problems.append(f"random kill after {delay:.2f}s: {status}")
        else:
            status = wait(build_in_child(kind, n))
            if status != "killed":  # the chosen step was never reached
                problems.append(f"{kind} {n}: the build was not killed ({status})")
        kills.append(f"{kind} {n}: {status}")
        problems += check(f"{kind} {n}")
    return {"kills": kills, "problems": problems}


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    print(json.dumps(main(int(sys.argv[1]))))
