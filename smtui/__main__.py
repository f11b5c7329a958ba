"""`python -m smtui` runs the smtui command."""

import sys

from .cli import main

sys.exit(main())
