"""``python -m tbdialogue`` = the ``tbdialogue`` command."""

from .cli import main

main()
