"""``python -m tbdialogue`` = the ``tbdialogue`` command."""

from __future__ import annotations

import sys


def run() -> None:
    """The command, with a Ctrl-C while its modules load ending it quietly (exit 130), as a Ctrl-C
    at any later moment does, rather than with a traceback of the import machinery."""
    try:
        from .cli import main
    except KeyboardInterrupt:
        sys.exit(130)
    main()


if __name__ == "__main__":
    run()
