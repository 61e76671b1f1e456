"""Entry point of the frozen app: the same `bouncedesk` command the Python package installs."""

import multiprocessing
import sys

from bouncedesk.cli.main import main

if __name__ == "__main__":
    # A sync parses in spawned worker processes (bouncedesk.intake.parsepool): in the frozen app they
    # start this same executable, and this call turns such a start into a worker.
    multiprocessing.freeze_support()
    sys.exit(main())
