"""People's names across languages (``names.toml``): the particles a surname may hold."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources


@cache
def name_particles() -> frozenset[str]:
    raw = tomllib.loads(resources.files(__package__).joinpath("names.toml").read_text("utf-8"))
    return frozenset(raw.get("particles", []))
