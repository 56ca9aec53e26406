"""Who is who in one record: a person identified once keeps that side when later named bare.

Why: a label's parentheses are printed when a speaker is introduced, not every time. Records of
the 1990s give a delegate's State in one label ("M. DUPONT (Pérou) dit …") and then only the name
("Répondant à une question de M. Bhagwati, M. DUPONT précise …"); a bare name would otherwise take
the default side (the committee's). The same person is the same printed name (case, accents and
spacing aside) with the same title; the record says who it is in a placed label, in the stage
direction that seats the delegation ("M. LONSENY FALL et M. CAMARA (Guinée) prennent place …") or on
the cover ("Temporary Chair: Mr. Salama (Representative of …)"); a function that names no
organization ("(Director of Public Liberties)") only suggests a side, which anything surer overrides.
When the record gives one name two sides, or a bare name only partly matches someone identified on
another side, the side is left unknown (``None``) with a warning, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..lexicon.normalize import fold

Key = tuple[str, tuple[str, ...]]  # (title, words of the name), folded
_MAX_WORDS = 9  # a title and at most 8 words: longer is no one's name (labels read at most 7)


def person_key(name: str) -> Key | None:
    """ "M. DUPONT" and "M. Dupont" and "M.  Dupont" give one key; None without a surname."""
    words = fold(name, lower=True).replace("’", "'").split()
    if not 2 <= len(words) <= _MAX_WORDS:
        return None
    return words[0].rstrip("."), tuple(re.sub(r"[.,;:]+$", "", w) for w in words[1:])


@dataclass(frozen=True)
class Named:
    """A person named with a title, and the parentheses after the name ("M. CAMARA (Guinée)")."""

    name: str
    paren: str | None


@dataclass
class People:
    """The sides the record gives each identified person, and where it said so."""

    #: key → side → evidence, for each name as printed
    whole: dict[Key, dict[str, str]] = field(default_factory=dict)
    #: (title, words in a row of a longer name) → side → evidence: "M. FALL" in "M. LONSENY FALL",
    #: looked up in one step however many people the record names
    parts: dict[Key, dict[str, str]] = field(default_factory=dict)
    #: key → side → evidence, from labels whose parentheses only suggest a side (a function that
    #: names no organization): used when nothing surer is said of the name
    guessed: dict[Key, dict[str, str]] = field(default_factory=dict)

    def identify(self, name: str, side: str | None, evidence: str, sure: bool = True) -> None:
        key = person_key(name)
        if key is None or side is None:
            return
        if not sure:
            self.guessed.setdefault(key, {}).setdefault(side, evidence)
            return
        self.whole.setdefault(key, {}).setdefault(side, evidence)
        title, words = key
        n = len(words)
        for size in range(1, n):
            for i in range(n - size + 1):
                self.parts.setdefault((title, words[i : i + size]), {}).setdefault(side, evidence)

    def side_of(self, name: str, default: str | None) -> tuple[str | None, str | None]:
        """(side, warning or None) of a person named without parentheses."""
        key = person_key(name)
        if key is None:
            return default, None
        exact = self.whole.get(key)
        if exact:
            if len(exact) == 1:
                return next(iter(exact)), None
            return None, f"speaker {name}: the record gives this name two sides, {_said(exact)}; side left unknown"
        guessed = self.guessed.get(key)
        if guessed and len(guessed) == 1:
            return next(iter(guessed)), None
        partial = self.parts.get(key)
        if not partial or set(partial) == {default}:
            return default, None
        if default is None:
            return None, None  # unknown already (a General Assembly committee's bare name)
        return None, f"speaker {name}: the name is part of a name identified as {_said(partial)}; side left unknown"


def _said(sides: dict[str, str]) -> str:
    return "; ".join(f"{side} ({why})" for side, why in sides.items())
