"""The registry of treaty bodies (``bodies.toml``): names, symbol stems, how symbols are inferred.

Adding a body is one entry in ``bodies.toml``; the parser, the symbol rules and the corpus's
filters read it from here.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from .normalize import squash

INFER_RULES = ("plain", "year", "session", "never")


@dataclass(frozen=True)
class TreatyBody:
    name: str  # short name: CMW, CESCR, A/C.3
    committee: tuple[str, ...]
    treaty: tuple[str, ...]
    symbol_stem: str | None
    infer_symbol: str
    infer_note: str | None
    #: (first_year, opens_in_month) when the session follows from the date.
    session_from_date: tuple[int, int] | None

    def session_at(self, date: str) -> int | None:
        """The session held at ``date`` (YYYY-MM-DD), for bodies whose sessions follow the calendar."""
        if self.session_from_date is None:
            return None
        first_year, opens = self.session_from_date
        year, month = int(date[:4]), int(date[5:7])
        return year - first_year + (1 if month >= opens else 0)


@dataclass(frozen=True)
class Registry:
    bodies: dict[str, TreatyBody]
    known_first: frozenset[str]
    states_parties: re.Pattern[str]
    not_country_codes: frozenset[str]
    site_body: re.Pattern[str]
    committee_names: tuple[tuple[str, str], ...]  # (squashed name, body), longest first
    treaty_names: tuple[tuple[str, str], ...]
    stems: tuple[tuple[str, str], ...]  # (symbol stem + "/", body), longest first

    def get(self, name: str | None) -> TreatyBody | None:
        return self.bodies.get(name) if name else None


@cache
def registry() -> Registry:
    raw = tomllib.loads(resources.files(__package__).joinpath("bodies.toml").read_text("utf-8"))
    bodies: dict[str, TreatyBody] = {}
    for name, v in raw.items():
        if not isinstance(v, dict):
            continue
        rule = v.get("infer_symbol", "never")
        if rule not in INFER_RULES:
            raise ValueError(f"bodies.toml [{name}]: infer_symbol must be one of {', '.join(INFER_RULES)}")
        sfd = v.get("session_from_date")
        bodies[name] = TreatyBody(
            name=name,
            committee=tuple(v.get("committee", [])),
            treaty=tuple(v.get("treaty", [])),
            symbol_stem=v.get("symbol_stem"),
            infer_symbol=rule,
            infer_note=v.get("infer_note"),
            session_from_date=(sfd["first_year"], sfd["opens_in_month"]) if sfd else None,
        )

    def names(key: str) -> tuple[tuple[str, str], ...]:
        pairs = [(squash(n.replace("’", "'")), b.name) for b in bodies.values() for n in getattr(b, key)]
        return tuple(sorted(pairs, key=lambda p: len(p[0]), reverse=True))

    stems = [(b.symbol_stem + "/", b.name) for b in bodies.values() if b.symbol_stem]
    return Registry(
        bodies=bodies,
        known_first=frozenset(raw.get("known_first", [])),
        states_parties=re.compile(raw.get("states_parties", "(?!)")),
        not_country_codes=frozenset(raw.get("not_country_codes", [])),
        site_body=re.compile(raw.get("site_body", "(?!)"), re.IGNORECASE),
        committee_names=names("committee"),
        treaty_names=names("treaty"),
        stems=tuple(sorted(stems, key=lambda p: len(p[0]), reverse=True)),
    )


def body_names() -> list[str]:
    """Short names of every body in the registry."""
    return list(registry().bodies)
