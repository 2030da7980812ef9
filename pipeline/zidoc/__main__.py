import sys

if __name__ == "__main__":  # guarded: process-pool workers ('spawn') import this module
    try:
        from zidoc.cli.commands import main
    except KeyboardInterrupt:  # Ctrl+C while starting: still one line, no traceback
        sys.stderr.write("Dihentikan (Ctrl+C).\n")
        sys.exit(130)
    main(prog_name="zidoc")
