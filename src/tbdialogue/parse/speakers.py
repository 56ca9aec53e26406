"""Speaker labels: does a paragraph open with one, and who, in what capacity, on which side?

Forms: "Mr. Bazarbaev (Kyrgyzstan) said", "Ms. Dzumhur (Country Rapporteur) said", "The Chair",
"A representative of Kyrgyzstan said", "Mr. ANDO said", "M. Avtonomov (Rapporteur pour le pays)
dit", "La Présidente déclare", "El Sr. Rivas Posada dice", "M me  Evatt" … Bold at the start of the
paragraph confirms a label; without bold, the wording must: a name followed by a speech verb or a
comma (and a speech verb later in the sentence), never by "was", "had", "took" …
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..lexicon.countries import articles, countries
from ..lexicon.names import name_particles
from ..lexicon.normalize import clean
from ..lexicon.profile import Profile
from ..model import Speaker
from .people import Named

_WORD = re.compile(r"[^\s(),;:]+")
_NAME_TOKEN = re.compile(r"[^\W\d_][\w'’.\-]*", re.UNICODE)
_FIRST_SENTENCE = 400  # characters searched for a speech verb after "Mr. X, …,"


@dataclass(frozen=True)
class Label:
    speaker: Speaker
    end: int  # offset in the paragraph text where the label (name and parentheses) ends
    #: The side comes from the label's own words (a presiding title, "A representative of …", a
    #: State, a role or an organization in parentheses); False for a bare name or a function that
    #: names no organization, whose side is only a default until the record says more about that
    #: person (see :mod:`.people`).
    decided: bool = True


def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


class LabelReader:
    """Speaker-label recognition for one language profile (patterns compiled once)."""

    def __init__(self, profile: Profile) -> None:
        self.p = profile
        arts = _alternation(profile.articles + profile.name_articles)
        self._article = re.compile(rf"^(?:{arts})(?:\s+|(?<=['’]))", re.UNICODE) if arts else None
        # After a lead-in the article is in lower case: "Respondiendo a …, el Sr. X dice".
        self._inner_article = re.compile(self._article.pattern, re.UNICODE | re.IGNORECASE) if arts else None
        self._presiding = re.compile(
            rf"^(?P<art>(?:{_alternation(profile.articles)})\s+)?"
            rf"(?P<word>{_alternation(profile.vice_presiding + profile.presiding)})(?![\w-])",
            re.IGNORECASE,
        )
        self._vice = {w.lower() for w in profile.vice_presiding}
        self._name_articles = {a.lower() for a in profile.name_articles}
        titles = sorted(profile.titles, key=len, reverse=True)
        self._title = re.compile(rf"^(?P<title>{'|'.join(re.escape(t) for t in titles)})(?=\s|$)")
        self._title_at = re.compile(rf"(?:{'|'.join(re.escape(t) for t in titles)})(?=\s|$)")
        self._title_anywhere = re.compile(rf"(?<![\w.]){self._title_at.pattern}")
        self._roles = sorted(profile.roles, key=len, reverse=True)

    # -- public ---------------------------------------------------------------------------------
    def read(self, text: str, bold: str = "", body: str | None = None) -> Label | None:
        """The label opening ``text`` (a cleaned paragraph without its number), or None."""
        if not text:
            return None
        return self._label_at(text, bold, body) or self._after_lead_in(text, body)

    def _label_at(self, text: str, bold: str, body: str | None, inner: bool = False) -> Label | None:
        """A label right at the start of ``text``, its article allowed ("El Sr. X dice"; ``inner``:
        after a lead-in, "…, el Sr. X dice")."""
        for attempt in (self._presiding_label, self._representative_label, self._person_label):
            label = attempt(text, bold, body)
            if label:
                return label
        article = self._inner_article if inner else self._article
        m_art = article.match(text) if article else None
        if m_art:
            lead = m_art.end()
            label = self._person_label(text[lead:], bold, body)
            if label:
                return replace(label, end=label.end + lead)
        return None

    def names_in(self, text: str) -> list[Named]:
        """Every person named with a title in ``text``, with the parentheses that follow the name
        ("Sur l'invitation du Président, M. LONSENY FALL et M. CAMARA (Guinée) prennent place")."""
        out: list[Named] = []
        for m in self._title_anywhere.finditer(text):
            rest = self._repair(text[m.start() : m.start() + _FIRST_SENTENCE])
            found = self._name_at(rest)
            if found is None:
                continue
            title, tokens, end = found
            out.append(Named(f"{title} {' '.join(tokens)}", _parenthetical(rest, end)[0]))
        return out

    def side_of(self, paren: str | None, body: str | None) -> tuple[str | None, bool]:
        """The side a label's parentheses give (the default side for none), and whether they
        decide it (see :meth:`_capacity`)."""
        _, _, side, sure = self._capacity(paren, body)
        return side, sure

    def _after_lead_in(self, text: str, body: str | None) -> Label | None:
        """ "After consultations, the CHAIRMAN announced …", "En respuesta a una pregunta del
        Sr. X, la PRESIDENTA dice …": a label after an opening phrase, followed by a speech verb."""
        if not self.p.lead_in.match(text):
            return None
        for comma in re.finditer(r",\s*", text[:_FIRST_SENTENCE]):
            rest = text[comma.end() : comma.end() + 3 * _FIRST_SENTENCE]  # a label needs no more
            label = self._label_at(rest, "", body, inner=True)
            # Only "…, the CHAIRMAN said" ends a lead-in; "…, Mr. X, Mr. Y …" lists names. An
            # apposition may follow the name ("…, M. DUPONT, Ministre de la justice, précise").
            if label is not None and not self._lists_names(rest[label.end :]):
                return replace(label, end=comma.end() + label.end)
        return None

    def _lists_names(self, after: str) -> bool:
        """Does the text after a name go on to another name ("…, Mr. ANDO and the CHAIRPERSON …")?"""
        after = after.lstrip()
        if after[:1] in (":", "…"):
            return True
        if after[:1] != ",":
            return False
        nxt = after[1:].lstrip()
        m_art = self._inner_article.match(nxt) if self._inner_article else None
        nxt = nxt[m_art.end() :] if m_art else nxt
        return bool(self._title.match(nxt) or self._presiding.match(nxt))

    # -- the three label forms ------------------------------------------------------------------
    def _presiding_label(self, text: str, bold: str, body: str | None) -> Label | None:
        m = self._presiding.match(text)
        if not m:
            return None
        end = m.end()
        paren, end2 = _parenthetical(text, end)
        if paren is not None:
            end = end2
        if not self._follows_as_speech(text, end, bold):
            return None
        name = text[: m.end()]
        art = (m.group("art") or "").strip()
        if art.lower() in self._name_articles:
            name = text[m.start("word") : m.end()]  # "Le PRÉSIDENT" → "PRÉSIDENT"
        elif art:
            name = art[0].upper() + name[1:]  # "…, the CHAIRMAN said" → "The CHAIRMAN"
        role = "Vice-Chair" if m.group("word").lower() in self._vice else "Chair"
        # "The CO-CHAIRPERSON (Committee against Torture)": the body the presiding officer is from.
        affiliation = paren if paren and not self._title.match(paren) else None
        return Label(Speaker(name=name, title=None, role=role, affiliation=affiliation, side="committee"), end)

    def _representative_label(self, text: str, bold: str, body: str | None) -> Label | None:
        m = self.p.representative.match(text)
        if not m:
            return None
        who = re.sub(rf"^(?:{articles()})\s*", "", m.group("who").strip(), flags=re.I)
        name = m.group("label")
        art = self._article.match(name) if self._article else None
        if art and name[: art.end()].strip() in self.p.name_articles:
            name = name[art.end() :]
        side = "state" if countries().find(who) else _side_of_affiliation(who, self.p)
        return Label(Speaker(name=name, title=None, role=None, affiliation=who, side=side), m.end("label"))

    def _person_label(self, text: str, bold: str, body: str | None) -> Label | None:
        text = self._repair(text)
        found = self._name_at(text)
        if found is None:
            return None
        title, tokens, end = found
        paren, end2 = _parenthetical(text, end)
        if paren is not None:
            end = end2
        role, affiliation, side, sure = self._capacity(paren, body)
        placed = bool(role) or side == "state" and bool(affiliation)
        if not self._follows_as_speech(text, end, bold, placed):
            return None
        name = f"{title} {' '.join(tokens)}"
        speaker = Speaker(name=name, title=title, role=role, affiliation=affiliation, side=side)
        return Label(speaker, end, decided=sure)

    def _name_at(self, text: str) -> tuple[str, list[str], int] | None:
        """(title, name's words, end offset) of a titled name opening ``text``: capitalised words
        and the particles between them ("Mr. van der Berg"), never ending on a particle."""
        m = self._title.match(text)
        if not m:
            return None
        title = m.group("title")
        pos = m.end()
        tokens: list[str] = []
        last_cap_end = None
        while len(tokens) < 7:
            ws = re.match(r"\s+", text[pos:])
            if not ws:
                break
            tm = _NAME_TOKEN.match(text, pos + ws.end())
            if not tm:
                break
            if tokens and tokens[-1].islower() and self._title_at.match(text, tm.start()):
                break  # "la Sra. ALVES y el Sr. KOROMA": another person's title ends the name
            tok = tm.group(0).rstrip(".") if not tm.group(0).endswith(("Jr.", "Sr.")) else tm.group(0)
            tok_end = tm.start() + len(tok)
            if tok[0].isupper():
                tokens.append(tok)
                pos = tok_end
                last_cap_end = pos
            elif tok.lower() in name_particles() and tok.islower():
                tokens.append(tok)
                pos = tok_end
            else:
                break
        if last_cap_end is None:
            return None
        # Drop trailing particles ("Mr. Smith y" is not a name).
        while tokens and not tokens[-1][0].isupper():
            tokens.pop()
        return title, tokens, last_cap_end

    # -- helpers --------------------------------------------------------------------------------
    def _repair(self, text: str) -> str:
        for rx, repl in self.p.repairs:
            text = rx.sub(repl, text, count=1)
        return text

    def _follows_as_speech(self, text: str, end: int, bold: str, placed: bool = False) -> bool:
        """Is what follows the name the start of reported speech? ``placed``: the label's
        parentheses name a State, a role or a function, as only speaker labels do."""
        rest = text[end:].lstrip()
        if bold and _covers(bold, text[:end]):
            first = _WORD.match(rest)
            return not (first and first.group(0).lower() in self.p.not_verbs)
        if not rest:
            return False
        if rest[0] in ",:" and self._title.match(rest[1:].lstrip()):
            return False  # "Ms. A, Ms. B and Mr. C made the solemn declaration": a list of names
        if placed and rest[0] in ",…":
            return True  # "Mme PAIN (Italie), présentant …", "Ms. Al Haj Ali (Syrian Arab Republic) …"
        if rest[0] in ",:":
            window = rest[1:_FIRST_SENTENCE]
            words = {w.lower() for w in re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)?", window)}
            return bool(words & self.p.verbs)
        first = _WORD.match(rest)
        if not first:
            return False
        word = first.group(0)
        low = word.lower()
        if low in self.p.not_verbs or not word[0].islower():
            return False
        if low in self.p.verbs or placed:
            return True  # with "(Italie)" or "(Country Rapporteur)", any verb will do
        # Two-word verbs in the list ("took note", "went on").
        two = " ".join(rest.split()[:2]).lower()
        if two in self.p.verbs:
            return True
        return bool(self.p.verb_suffix) and low.endswith(self.p.verb_suffix) and len(low) > 4

    def _capacity(
        self, paren: str | None, body: str | None
    ) -> tuple[str | None, str | None, str | None, bool]:
        """(role, affiliation, side, sure) from the label's parentheses; ``sure``: the parentheses
        decide the side, which the record's other mentions of the person do not override."""
        default_side = "committee" if body is None or not body.startswith("A/") else None
        if not paren:
            return None, None, default_side, False
        low = paren.lower()
        for role in self._roles:
            if low.startswith(role.lower()):
                side = (
                    "secretariat" if any(low.startswith(r.lower()) for r in self.p.secretariat_roles) else "committee"
                )
                return paren, None, side, True
        if countries().lookup(paren):
            return None, paren, "state", True
        if any(low.startswith(f.lower()) for f in self.p.functions):
            # "(Chief, Human Rights Treaties Division, Office of the United Nations …)": a function,
            # then the organization it belongs to. A function that names none ("Director of Public
            # Liberties") is "other" only until the record says more (seated with the delegation).
            role, organization = _split_function(paren, self.p.organizations)
            side = _side_of_affiliation(paren, self.p)
            return role, organization, "other" if side == "state" else side, side != "state"
        # "Ombudsman of Kyrgyzstan" is not the delegation, though it names the State.
        return None, paren, _side_of_affiliation(paren, self.p), True


def _split_function(paren: str, organizations: tuple[str, ...]) -> tuple[str, str | None]:
    """ "Chief, Human Rights Treaties Division, Office of the …" → ("Chief, Human Rights Treaties
    Division", "Office of the …"); a function without an organization stays whole."""
    for m in re.finditer(r",\s+", paren):
        rest = paren[m.end() :]
        if any(rest.lower().startswith(o.lower()) for o in organizations):
            return paren[: m.start()], rest
    return paren, None


def _side_of_affiliation(affiliation: str, profile: Profile) -> str:
    low = affiliation.lower()
    if any(k.lower() in low for k in profile.secretariat_affiliations):
        return "secretariat"
    if any(re.search(rf"\b{re.escape(k.lower())}", low) for k in profile.other_affiliations):
        return "other"
    return "state"


def _parenthetical(text: str, pos: int) -> tuple[str | None, int]:
    """A balanced "( … )" right after ``pos`` (spaces allowed): its inside and the end offset."""
    i = pos
    while i < len(text) and text[i] == " ":
        i += 1
    if i >= len(text) or text[i] != "(":
        return None, pos
    depth = 0
    for j in range(i, min(len(text), i + 300)):
        if text[j] == "(":
            depth += 1
        elif text[j] == ")":
            depth -= 1
            if depth == 0:
                return clean(text[i + 1 : j]), j + 1
    return None, pos


def _covers(bold: str, label_text: str) -> bool:
    """The bold run is the label's name (markup hints that the wording is a label)."""
    b = re.sub(r"\W+", "", bold).lower()
    t = re.sub(r"\W+", "", label_text).lower()
    return bool(b) and (t.startswith(b) or b.startswith(t) or b in t)
