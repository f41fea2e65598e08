"""`python -m qa` runs the CLI."""
import sys

from qa.interfaces.cli import main

sys.exit(main())
