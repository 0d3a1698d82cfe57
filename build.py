#!/usr/bin/env python3
"""docket's entry point: `python build.py [build|serve|check|import] ...` (see --help)."""

import sys

from docket.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
