"""Ctrl+C at a chosen moment of a real `zidoc` process, as a console sends it (SIGINT to the
whole process group). Used by tests/test_interrupts.py; `python tests/interrupts.py N` runs N
moments and prints what it saw (the 200-run figure in benchmarks/RESULTS.md)."""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Run:
    moment: str  # "start-up 0.042 s", "after the last line", "0.310 s"
    code: int
    stdout: str
    stderr: str

    @property
    def traceback(self) -> bool:
        text = self.stdout + self.stderr
        return "Traceback" in text or "KeyboardInterrupt" in text or "Exception ignored" in text

    @property
    def before_zidoc(self) -> bool:
        """A traceback of the interpreter's own start-up (the site module, runpy finding the
        zidoc package): printed before any of zidoc's code runs, so no code of zidoc's can
        prevent it."""
        text = self.stdout + self.stderr
        return self.traceback and "zidoc" not in text.replace("zidoc package", "") and (
            "init_import_site" in text or "Could not import runpy module" in text
            or all(line.strip().startswith(('File "<frozen', "Traceback", "KeyboardInterrupt",
                                            "^", "Fatal Python", "Python runtime"))
                   or not line.startswith(" ") for line in text.splitlines()))

    @property
    def lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.strip()]


def _start(args: list[str], cwd: Path) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(REPO / "pipeline"), PYTHONIOENCODING="utf-8")
    return subprocess.Popen(
        [sys.executable, "-m", "zidoc", *args], cwd=cwd, env=env, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, start_new_session=True,  # its own group, as a console's job
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))  # as a console does


def _interrupt(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGINT)
    except ProcessLookupError:  # already gone
        pass


def after(args: list[str], cwd: Path, seconds: float, label: str = "") -> Run:
    """Ctrl+C `seconds` after the start."""
    process = _start(args, cwd)
    timer = threading.Timer(seconds, _interrupt, (process,))
    timer.start()
    try:
        stdout, stderr = process.communicate(timeout=120)
    finally:
        timer.cancel()
    return Run(label or f"{seconds:.3f} s", process.returncode, stdout.decode("utf-8", "replace"),
               stderr.decode("utf-8", "replace"))


def at_the_end(args: list[str], cwd: Path, last: str, delay: float = 0.0) -> Run:
    """Ctrl+C `delay` seconds after the line containing `last` is printed (stdout): the work
    is done, the command returns and Python shuts down."""
    process = _start(args, cwd)
    seen = []
    for raw in process.stdout:
        seen.append(raw)
        if last.encode() in raw:
            time.sleep(delay)
            _interrupt(process)
            break
    stdout, stderr = process.communicate(timeout=120)
    return Run(f"shutdown {delay:.3f} s after the last line", process.returncode,
               b"".join(seen).decode("utf-8", "replace") + stdout.decode("utf-8", "replace"),
               stderr.decode("utf-8", "replace"))


def moments(count: int, duration: float, seed: int = 22) -> list[tuple[str, float, bool]]:
    """`count` moments (label, seconds, counted from the last line): a third during start-up
    (the first 0.3 s), a third at shutdown (0-0.1 s after the last line), a third anywhere
    within `duration`."""
    rng = random.Random(seed)
    chosen: list[tuple[str, float, bool]] = []
    for n in range(count):
        kind = n % 3
        if kind == 0:
            at = rng.uniform(0.0, 0.3)
            chosen.append((f"start-up {at:.3f} s", at, False))
        elif kind == 1:
            at = rng.uniform(0.0, 0.1)
            chosen.append((f"shutdown {at:.3f} s after the last line", at, True))
        else:
            at = rng.uniform(0.0, duration)
            chosen.append((f"{at:.3f} s", at, False))
    return chosen


def run_moments(args: list[str], cwd: Path, last: str, count: int, duration: float,
                parallel: int = 2) -> list[Run]:
    from concurrent.futures import ThreadPoolExecutor

    def one(moment):
        label, at, from_end = moment
        return at_the_end(args, cwd, last, at) if from_end else after(args, cwd, at, label)

    with ThreadPoolExecutor(parallel) as pool:
        return list(pool.map(one, moments(count, duration)))


def main() -> None:  # pragma: no cover - the measurement for benchmarks/RESULTS.md
    import shutil
    import tempfile

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    sys.path.insert(0, str(REPO / "tests"))
    from xlsx_edit import example_bytes

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        shutil.copy(REPO / "config.toml", folder / "config.toml")
        shutil.copytree(REPO / "templates" / "docx", folder / "templates" / "docx")
        (folder / "contoh.xlsx").write_bytes(example_bytes())
        args = ["build", "contoh.xlsx", "--out", "hasil"]
        started = time.perf_counter()
        whole = after(args, folder, 120)
        duration = time.perf_counter() - started
        runs = run_moments(args, folder, "sumber-contoh.xlsx", count, duration)
    bad = [r for r in runs if not r.before_zidoc and (
        r.traceback or r.code not in (0, 130, -2) or len(r.lines) > 1)]
    codes: dict[int, int] = {}
    for r in runs:
        codes[r.code] = codes.get(r.code, 0) + 1
    print(f"{count} runs of 'zidoc build' ({duration:.2f} s uninterrupted, exit {whole.code}): "
          f"exit codes {dict(sorted(codes.items()))}; tracebacks "
          f"{sum(r.traceback for r in runs)} (of which in the interpreter's start-up, before zidoc's "
          f"code: {sum(r.before_zidoc for r in runs)}); more than one line "
          f"{sum(len(r.lines) > 1 and not r.before_zidoc for r in runs)}")
    for kind in ("start-up", "shutdown", ""):
        some = [r for r in runs if r.moment.startswith(kind) and (kind or r.moment[0].isdigit())]
        print(f"  {kind or 'anywhere'}: " + ", ".join(
            f"exit {c}: {sum(r.code == c for r in some)}" for c in sorted({r.code for r in some}))
            + f"; tracebacks {sum(r.traceback for r in some)} "
            f"(interpreter start-up {sum(r.before_zidoc for r in some)})")
    for r in bad[:10]:
        print("---", r.moment, r.code, r.stderr[:1500])


if __name__ == "__main__":
    main()
