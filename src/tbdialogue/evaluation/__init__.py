"""Measuring tbdialogue: the parser against expected values (``parsing``), question analysis against
annotated gold files (``questions``, with calibration and cross-validation), annotators against each
other (``agreement``) and the linker's errors listed (``link_errors``).

Not part of the runtime path: the command line imports it only for ``eval-parse``, ``eval`` and
``agreement``. Calibration needs numpy (the ``embeddings`` extra installs it).
"""
