"""Entry point of the frozen app: the same `bouncedesk` command the Python package installs."""

import sys

from bouncedesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
