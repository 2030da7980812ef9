from zidoc.cli.commands import main

if __name__ == "__main__":  # guarded: process-pool workers ('spawn') import this module
    main(prog_name="zidoc")
