"""`python -m zidoc` and the `zidoc` console script (`run`): Ctrl+C at any moment, start-up
and shutdown included, gives one Indonesian line at most and exit status 130 (0 when the work
was done), never a traceback.

- From this module's first line until the command starts, Ctrl+C ends the process at once
  with one line: nothing has been written yet (`_stop_at_start`).
- While the command runs, Ctrl+C is a KeyboardInterrupt, handled by the command line
  (cli/commands.py: one line, 130) and by the writes (fs/files.py: never half a file).
- Once the command has returned, Ctrl+C is ignored: Python's shutdown (atexit handlers,
  threads, flushing) cannot be interrupted into a traceback, and work that is done stays a
  success (exit 0).

Before the handler is in place only modules the interpreter has already loaded are imported
(`_signal`, not `signal`, whose import alone takes milliseconds). Python's own start-up (the
`site` module, runpy, finding the zidoc package) comes before any of zidoc's code: a Ctrl+C
there is the interpreter's, some 20-40 ms after the command is typed. Process-pool workers
('spawn') import this module under another name: nothing runs for them."""
import _signal as signal  # the C module the interpreter has already loaded
import os
import sys

EXIT_INTERRUPTED = 130
_STOPPED = "Dihentikan (Ctrl+C) sebelum mulai bekerja; tidak ada berkas yang ditulis.\n"


def _stop_at_start(_signum, _frame) -> None:
    try:
        os.write(2, _STOPPED.encode("ascii", "replace"))
    except OSError:
        pass
    os._exit(EXIT_INTERRUPTED)


def _ignore_interrupts() -> None:
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    except (ValueError, OSError):  # not the main thread, or no signals here
        pass


def run() -> None:
    """The program: start-up, the command, shutdown (see the module docstring)."""
    try:
        signal.signal(signal.SIGINT, _stop_at_start)
    except (ValueError, OSError):
        pass
    code: object = 0
    try:
        try:
            from zidoc.cli.commands import main

            signal.signal(signal.SIGINT, signal.default_int_handler)
            main(prog_name="zidoc")
        finally:
            _ignore_interrupts()  # the command is over, whatever its outcome
    except SystemExit as exc:
        code = exc.code
    except KeyboardInterrupt:  # between start-up and the command's own handling
        _ignore_interrupts()
        from zidoc.cli.crash import INTERRUPTED, say

        say(INTERRUPTED)
        code = EXIT_INTERRUPTED
    sys.exit(code)


if __name__ == "__main__":
    run()
