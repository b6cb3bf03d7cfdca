"""Actor coding: roles as written, country (ISO alpha-3) and sector, read from the text first.

A person's premodifiers ("Iranian President", "Iraq's paramilitary chief") and appositions
("X, a senior research fellow at Chatham House") give roles and state; the role lexicon gives the
sector; the people lexicon fills a state the text does not give. Organizations take their state from
a possessive or demonym in or before their name, and their sector from the words of the name.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Span, Token

from newsgraph.actors.lexicon import Lexicon, data_rows, key, lexicon, org_words
from newsgraph.knowledge import per_knowledge

SECTOR_ORDER = ("GOV", "MIL", "COP", "SPY", "JUD", "LEG", "IGO", "OPP", "PTY", "REB", "BUS", "MED", "EDU",
                "HLH", "NGO", "CVL", "REL")
PREMOD_DEPS = {"compound", "amod", "poss", "nmod", "case", "punct", "det", "prep", "pobj", "appos", "nummod"}


@per_knowledge
def known_orgs() -> dict[str, tuple[str | None, str, str]]:
    return {key(r[0]): (None if r[1] == "-" else r[1], r[2], r[3]) for r in data_rows("organizations.tsv")}


@lru_cache(maxsize=512)
def state_name(iso3: str) -> str:
    import pycountry

    country = pycountry.countries.get(alpha_3=iso3)
    if country is None:
        return iso3
    return str(getattr(country, "common_name", None) or country.name)


@per_knowledge
def not_actors() -> tuple[frozenset[str], frozenset[str]]:
    rows = data_rows("not_actors.tsv")
    return (frozenset(key(r[1]) for r in rows if r[0] == "word"),
            frozenset(key(r[1]) for r in rows if r[0] == "name"))


def is_org_name(ent: Span, lex: Lexicon) -> bool:
    """An ORG entity worth an actor: capitalised, not a law, event or platform, not part of a role."""
    text = ent.text
    words, names = not_actors()
    if not text[:1].isupper() or key(text) in names or key(text.split()[-1]) in words:
        return False
    return not (len(ent) == 1 and key(text) in lex.roles) and not in_role(ent, lex)


def in_role(ent: Span, lex: Lexicon) -> bool:
    """An entity that is only part of a role phrase ("Supreme" of "Supreme Leader", "State" of "Secretary
    of State")."""
    doc = ent.doc
    n = lex.max_role_words
    for left in range(max(0, ent.start - n), ent.start + 1):
        for right in range(ent.end, min(len(doc), ent.end + n) + 1):
            if (left, right) != (ent.start, ent.end) and key(doc[left:right].text) in lex.roles:
                return True
    return False


def named_by_state(ent: Span, lex: Lexicon) -> bool:
    """A name the model took for a nationality that is a state's demonym before a singular proper name
    ("Saudi Aramco"), not a people ("Iraqi Kurds") nor a group ("Afghan police")."""
    if len(ent) < 2 or lex.state(ent[0].text) is None or ent[-1].tag_ != "NNP" or not ent[-1].text[:1].isupper():
        return False
    return all(lex.state(t.text) is None and key(t.text) not in lex.groups for t in ent[1:])


STATE_HEADS = {"state", "government", "administration", "regime"}


def state_body(ent: Span, lex: Lexicon) -> Span | None:
    """"Zimbabwean State", "Iranian Government": a state named by its demonym and a state word."""
    if len(ent) >= 2 and key(ent[-1].text) in STATE_HEADS and lex.state(ent[:-1].text) is not None:
        return ent
    return None


def has_org_word(span: Span) -> bool:
    return any(key(t.text) in org_words() for t in span)


def known_org(text: str) -> tuple[str | None, str, str] | None:
    """A well-known organization by its name, or by a leading acronym ("IRNA news agency")."""
    found = known_orgs().get(key(text))
    first = text.split()[0] if text.split() else ""
    if found is None and first.isupper() and len(first) > 1:
        found = known_orgs().get(key(first))
    return found


def org_key(text: str) -> str:
    """The key one organization goes by under all its names: a known organization's canonical name; a
    state's name or demonym before the rest of a name as its ISO code ("U.S. Navy", "United States Navy")."""
    known = known_org(text)
    if known:
        return key(known[2])

    words = text.split()
    for n in (3, 2, 1):
        place = lexicon().sovereign(" ".join(words[:n])) if len(words) > n else None
        if place is not None and words[n][:1].isupper() and words[n].lower() not in ("of", "and"):
            return f"{place.iso3.lower()} {key(' '.join(words[n:]))}"
    return key(text)


def org_name(text: str) -> str:
    known = known_org(text)
    return known[2] if known else text


@per_knowledge
def org_suffixes() -> frozenset[str]:
    return frozenset(key(r[0]) for r in data_rows("org_suffixes.tsv"))


def without_suffix(name: str) -> str | None:
    """An organization's name without its corporate or legal suffix ("Arnor Media Corporation" -> "Arnor
    Media", "Rohan Steel Co., Ltd." -> "Rohan Steel"), if it has one and a capitalised name is left."""
    words = name.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    cut = len(words)
    while cut > 1 and key(words[cut - 1].strip(",")) in org_suffixes():
        cut -= 1
    short = " ".join(words[:cut]).rstrip(",&").strip()
    if cut == len(words) or len(short) < 3 or not short[:1].isupper():
        return None
    return short


def acronym_after(span: Span) -> str | None:
    """"Syrian Democratic Forces (SDF)" -> "SDF"."""
    doc = span.doc
    if span.end + 2 < len(doc) and doc[span.end].text == "(" and doc[span.end + 2].text == ")":
        word = doc[span.end + 1].text
        if word.isupper() and 2 <= len(word) <= 8:
            return word
    return None


def initials(okey: str) -> str:
    return "".join(w[0] for w in okey.replace("-", " ").split() if w not in {"of", "the", "and", "for", "de"})


def short_form_of(okey: str, keys: list[str]) -> str | None:
    """The one organization key that ``okey`` is a short form of: a prefix ("nbc" of "nbc news"; among
    several, the one it heads: "house" of "house of representatives", not of "house judiciary
    committee"), its initials ("sdf"), its head word with some of its other words ("expediency
    council"), or its "of" phrase turned round ("state department" of "department of state"), tried in
    that order; last, a prefix of the name after the state or region that owns it ("house" of "usa house
    of representatives", "supreme court" of "wisconsin supreme court")."""
    words = okey.split()
    longer = [k for k in keys if k != okey and len(k.split()) > len(words)]
    tests = (
        lambda theirs, other: theirs[:len(words)] == words,
        lambda theirs, other: len(words) == 1 and initials(other) == okey,
        lambda theirs, other: set(words) <= set(theirs) and words[-1] == theirs[-1],
        lambda theirs, other: len(words) == 2 and f" {words[1]} of {words[0]}" in f" {other}",
        lambda theirs, other: theirs[1:len(words) + 1] == words and lexicon().state(theirs[0].upper()) is not None,
    )
    for test in tests:
        found = [k for k in longer if test(k.split(), k)]
        if len(found) > 1 and test in (tests[0], tests[-1]):
            after = len(words) + (test is tests[-1])
            found = [k for k in found if k.split()[after:after + 1] in (["of"], ["for"])]
        if len(found) == 1:
            return found[0]
        if found:
            return None
    return None


def split_owner(ent: Span, lex: Lexicon) -> tuple[Span, tuple[Span, str] | None]:
    """"Iraq's National Intelligence Service" -> (National Intelligence Service, (Iraq, IRQ))."""
    for i in range(ent.start, min(ent.end - 1, ent.start + 4)):
        if ent.doc[i + 1].text in ("’s", "'s") and i + 2 < ent.end:
            owner = ent.doc[ent.start:i + 1]
            place = lex.state(owner.text)
            if place is not None:
                return Span(ent.doc, i + 2, ent.end, label=ent.label_), (owner, place.iso3)
    return ent, None


# ------------------------------------------------------------------ people
#: Lowercase particles inside a person's name ("Arnel dela Vega", "Ursula von der Leyen").
NAME_PARTICLES = {"dela", "de", "del", "della", "da", "van", "von", "der", "den", "bin", "ibn", "di", "du", "dos",
                  "das", "le", "la"}


def whole_person_names(ents: list[Span], lex: Lexicon) -> list[Span]:
    """Person entities the model cut short, run on over the name words after them in the same noun phrase
    that no entity holds ("Superintendent Graciano" + "Mijares", "Elena" + "de la Vega")."""
    out: list[Span] = []
    for ent in ents:
        start, end = ent.start, ent.end
        while ent.label_ == "PERSON" and end < ent.sent.end and name_word(ent.doc[end], ent.doc[start:end], lex):
            end += 1
        while end > ent.end and ent.doc[end - 1].lower_ in NAME_PARTICLES:
            end -= 1  # a name ends in a capitalised word
        before = out[-1] if out else None
        if ent.label_ == "PERSON" and ent[0].lower_ in NAME_PARTICLES and before is not None \
                and before.end == start and len(before) == 1 and given_name(before[0], lex):
            start = out.pop().start  # "Arnel" + "dela Vega": a given name the model took for another kind
        out.append(Span(ent.doc, start, end, label="PERSON") if (start, end) != (ent.start, ent.end) else ent)
    return out


def given_name(token: Token, lex: Lexicon) -> bool:
    return token.pos_ == "PROPN" and token.is_alpha and token.text[:1].isupper() and not token.text.isupper() \
        and key(token.text) not in lex.roles and lex.state(token.text) is None and key(token.text) not in org_words()


def name_word(token: Token, span: Span, lex: Lexicon) -> bool:
    """A word of the same name: a capitalised proper noun (or a name particle) in no entity, joined to the
    name by the parse, and no title, state or organization word."""
    if token.ent_type_ or not token.is_alpha or key(token.text) in lex.roles or lex.state(token.text) is not None:
        return False
    if not ((token.pos_ == "PROPN" and token.text[:1].isupper() and not token.is_sent_start)
            or token.lower_ in NAME_PARTICLES) or key(token.text) in org_words():
        return False
    joined = token.head.i in range(span.start, span.end) or any(t.head.i == token.i for t in span)
    return joined and token.dep_ in ("compound", "flat", "ROOT", "nsubj", "nsubjpass", "dobj", "pobj", "appos")


def roles_in(tokens: list[Token], lex: Lexicon) -> list[str]:
    """Role phrases among tokens, longest match first, as written (lowercase)."""
    words = [key(t.text) for t in tokens]
    found: list[str] = []
    i = 0
    while i < len(words):
        for n in range(min(lex.max_role_words, len(words) - i), 0, -1):
            phrase = " ".join(words[i:i + n])
            if phrase in lex.roles:
                if lex.roles[phrase] != "-":
                    found.append(phrase)
                i += n
                break
        else:
            i += 1
    return found


def states_in(tokens: list[Token], lex: Lexicon) -> list[str]:
    """ISO codes of states named among tokens (two- and three-word names first)."""
    out: list[str] = []
    words = [t.text for t in tokens]
    i = 0
    while i < len(words):
        for n in (3, 2, 1):
            place = lex.state(" ".join(words[i:i + n])) if i + n <= len(words) else None
            if place is not None and not backer(tokens, i + n) and not posted_to(tokens, i):
                out.append(place.iso3)
                i += n
                break
        else:
            i += 1
    return out


def backer(tokens: list[Token], i: int) -> bool:
    """A state named as backer, not owner: "Iran-backed", "US-led"."""
    return (i + 1 < len(tokens) and tokens[i].text == "-" and tokens[i + 1].lower_.endswith("ed")
            and tokens[i].idx == tokens[i - 1].idx + len(tokens[i - 1]))


def posted_to(tokens: list[Token], i: int) -> bool:
    """A state named as where one is sent, not whom one serves: "ambassador to Germany", "envoy to Syria"."""
    first = tokens[i]
    before = first.doc[first.i - 2:first.i] if first.i >= 2 else None
    return before is not None and before[1].lower_ == "to" and before[0].pos_ in ("NOUN", "PROPN")


def sector_of(roles: list[str], lex: Lexicon) -> str | None:
    sectors = [lex.roles[r] for r in roles if lex.roles.get(r, "-") != "-"]
    return min(sectors, key=SECTOR_ORDER.index) if sectors else None


def premodifiers(span: Span) -> list[Token]:
    """The tokens of the noun phrase before a name: 'Iran's Supreme Leader' in front of 'Ali Khamenei'."""
    doc = span.doc
    root = span.root
    left = root.left_edge.i
    head = root.head
    if root.dep_ in ("appos", "compound") and head.i > span.end - 1 and head.pos_ in ("NOUN", "PROPN"):
        left = min(left, head.left_edge.i)
    left = min(left, surface_left(span))
    toks = [t for t in doc[left:span.start] if not t.is_space and t.i >= span.sent.start]
    cut = max((i + 1 for i, t in enumerate(toks) if t.pos_ == "CCONJ" or t.text in (",", ";")), default=0)
    return toks[cut:] if cut and any(t.ent_type_ in ("GPE", "NORP") for t in toks[cut:]) else toks


NP_POS = {"PROPN", "NOUN", "ADJ", "PART", "NUM"}


def surface_left(span: Span, limit: int = 7) -> int:
    """Where the noun phrase before a name starts, by the words alone (for parses that split it)."""
    doc = span.doc
    i = span.start
    while i > max(span.sent.start, span.start - limit):
        token = doc[i - 1]
        if not (token.pos_ in NP_POS or token.text in ("'s", "’s", "-")) or token.is_space:
            break
        i -= 1
    return i


def appositions(span: Span) -> list[Span]:
    """Appositive phrases of a name ('X, the president of Y') and the role noun it is apposed to; not one
    headed by another person's name ('X appointed Postmaster General Y') or by a plural ('officers')."""
    out: list[tuple[Token, Span]] = []
    root = span.root
    for child in root.children:
        if child.dep_ == "appos" and child.i >= span.end:
            out.append((child, span.doc[child.left_edge.i:child.right_edge.i + 1]))
    if root.dep_ == "appos" and root.head.i < span.start:
        out.append((root.head, span.doc[root.head.left_edge.i:span.start]))
    return [s for head, s in out if len(s) <= 14 and own_apposition(head, s)]


def own_apposition(head: Token, phrase: Span) -> bool:
    """An apposition describes the name's own bearer: its head is a singular noun, not a person's name, and
    no other person is named before it but as an owner ("Angela Merkel's spokesperson")."""
    if head.ent_type_ == "PERSON" or head.tag_ in ("NNS", "NNPS"):
        return False
    doc = phrase.doc
    return not any(t.ent_type_ == "PERSON" and t.i < head.i and doc[t.i + 1].ent_type_ != "PERSON"
                   and doc[t.i + 1].text not in ("'s", "’s") for t in phrase)


def role_text(phrase: Span) -> str:
    words = [t for t in phrase if not t.is_punct or t.text == "-"]
    while words and words[0].lower_ in ("the", "a", "an"):
        words = words[1:]
    return phrase.doc[words[0].i:words[-1].i + 1].text if words else ""
