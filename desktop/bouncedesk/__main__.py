"""`python -m bouncedesk` runs the command-line front."""

import sys

from bouncedesk.cli import main

sys.exit(main())
