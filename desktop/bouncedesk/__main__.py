"""`python -m bouncedesk` runs the command-line front."""

import sys

from bouncedesk.cli.main import main

sys.exit(main())
