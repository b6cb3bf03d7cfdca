"""Quotes with speakers: direct, partial and indirect (reported) speech.

Quotations (their spans) are found once, before the actors stage (``quotations.py``), and attributed here,
after it; a paragraph that continues an unclosed quotation keeps its speaker. Each quote's cue verb is found through the
dependency parse (the cue that governs the quote, else the nearest cue in its sentence), its speaker is the
cue's subject resolved to an actor with ``Document.actor_at`` (a subject naming no actor: its maker, ``an email
sent by X``, ``X released a statement which read``; its owner, ``X's campaign``; the one actor whose surname it
is; pronouns: the previous quote's speaker when no other person is named in between, else the previous
sentence's subject or the most recent person). A quotation that opens its sentence takes any verb with a subject
just after it as its cue (``"...," Hannity pressed``, the comma inside or outside the marks), a quotation
that ends its sentence with a full stop is not attributed by a following verb that reports something else,
and a short verbless label before a colon names the speaker (``Ted Cruz: "..."``). A quote with no cue of its
own continues the previous quote's speaker. Indirect speech is the complement clause of a reporting verb
(``X said that ...``; one wholly inside quotation marks is the quotation itself), the clause a speech tag is
set into (``The talks, X said, failed``; ``as X noted, ...``), or a sentence sourced with
``according to X``, and what an appeal calls for (``X called for Y``, ``X called on Y to ...``). Cue verbs and
pronouns live in ``data/quote_cues.tsv`` (by hand; built lists beside it: ``quote_cues_wordnet.tsv``,
``quote_cues_polnear.tsv``) and ``data/quote_pronouns.tsv``.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from types import MappingProxyType

from spacy.tokens import Doc, Span, Token

from newsgraph.document import Actor, Document, MentionIndex, Quote
from newsgraph.knowledge import data_rows, per_knowledge
from newsgraph.quotations import QUOTE_MARKS, Quotation, Quotations, find_quotations

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
PASS_ON = ("xcomp", "advcl", "conj", "pcomp", "acl")
STRIP = " \t\n,;:–—-"
MIN_INDIRECT_WORDS = 3
ANCESTOR_LIMIT = 12
PRONOUN_LOOKBACK = 4
FOLLOW_CHARS = 40
#: A quotation ending on one of these, followed within this many tokens by a verb with a subject, is that verb's.
TRAILING_ENDS = ",?!—"
TRAILING_TOKENS = 4
SENTENCE_ENDS = ".!?…"
#: A label before a colon (``Ted Cruz: "..."``) has at most this many words, from the last of these on.
LABEL_WORDS = 8
LABEL_STARTS = (". ", "! ", "? ", " - ", " – ", " — ", "\n")
#: A quotation's frame reaches at most this far either side, so run-on text with many quotes stays linear.
FRAME_CHARS = 600
#: ... and past at most this many other quotations, so text crowded with quotation marks stays linear too.
FRAME_QUOTATIONS = 3
_FAR = 1 << 62


# ---------------------------------------------------------------- data


@dataclass(frozen=True)
class Cues:
    """Cue lemmas and their use ('clause', 'quote' or 'source'), and speaker pronouns."""

    uses: MappingProxyType[str, str]
    pronouns: MappingProxyType[str, str]

    def is_cue(self, token: Token) -> bool:
        return self.uses.get(token.lemma_.lower()) in ("clause", "quote") and token.pos_ in ("VERB", "AUX")

    def takes_clause(self, token: Token) -> bool:
        return self.uses.get(token.lemma_.lower()) == "clause" and token.pos_ == "VERB"

    def is_source(self, token: Token) -> bool:
        return self.uses.get(token.lower_) == "source"

    def appeal(self, token: Token) -> Token | None:
        """``called for X``, ``called on X to ...``: the preposition (or clause marker) of an appeal cue."""
        if token.pos_ != "VERB":
            return None
        words = [c for c in token.rights if c.dep_ == "prep"]
        words += [m for c in token.rights if c.dep_ == "advcl" for m in c.children if m.dep_ == "mark"]
        lemma = token.lemma_.lower()
        return next((w for w in words if self.uses.get(f"{lemma} {w.lower_}") == "appeal"), None)


@per_knowledge
def load_cues() -> Cues:
    learned = {row[0].lower(): row[1] for name in ("quote_cues_wordnet.tsv", "quote_cues_polnear.tsv")
               for row in data_rows(name) if len(row) > 1}
    uses = learned | {row[0].lower(): row[1] for row in data_rows("quote_cues.tsv") if len(row) > 1}
    pronouns = {row[0].strip().lower(): row[1].strip() for row in data_rows("quote_pronouns.tsv") if len(row) > 1}
    return Cues(MappingProxyType(uses), MappingProxyType(pronouns))


# ---------------------------------------------------------------- the working context


@dataclass
class Context:
    parsed: Doc
    document: Document
    cues: Cues
    paras: list[tuple[int, int]]
    sent_starts: list[int] = field(default_factory=list)
    sents: list[Span] = field(default_factory=list)
    persons: list[tuple[int, str]] = field(default_factory=list)
    actors_by_end: list[tuple[int, str]] = field(default_factory=list)
    quoted: list[tuple[int, int]] = field(default_factory=list)
    mentions: MentionIndex = field(init=False)
    #: Each quotation's frame (``_frame``), by its opening mark, computed once.
    frames: dict[int, list[Token]] = field(default_factory=dict)

    found: tuple[Quotation, ...] = ()

    @classmethod
    def build(cls, parsed: Doc, document: Document, quotations: Quotations) -> Context:
        ctx = cls(parsed, document, load_cues(), list(quotations.paras), found=quotations.found)
        ctx.quoted = quotations.spans
        ctx.sents = list(parsed.sents)
        ctx.sent_starts = [s.start_char for s in ctx.sents]
        mentions = [(m.end, a.id, a.kind) for a in document.actors for m in a.mentions
                    if not document.is_set_aside(m.start, m.end)]
        ctx.actors_by_end = sorted((end, aid) for end, aid, _ in mentions)
        ctx.persons = sorted((end, aid) for end, aid, kind in mentions if kind == "person")
        ctx.mentions = MentionIndex(document)
        return ctx

    def actor_at(self, start: int, end: int) -> Actor | None:
        return self.mentions.actor_at(start, end)

    def sentence_at(self, pos: int) -> int:
        return max(0, bisect_right(self.sent_starts, pos) - 1)

    def sentence_start(self, token: Token) -> int:
        """``token.sent.start_char`` through the index of sentences (``.sent`` walks the sentence)."""
        return self.sent_starts[self.sentence_at(token.idx)] if self.sents else 0

    def before(self, f: Quotation) -> tuple[int, str]:
        """Where the text before quotation ``f`` in its paragraph starts (at most FRAME_CHARS back), and that
        text with trailing space stripped."""
        start = max(self.paras[f.para][0], f.open - FRAME_CHARS)
        return start, self.document.text[start:f.open].rstrip()

    def in_quote(self, pos: int) -> bool:
        i = bisect_right(self.quoted, (pos, _FAR)) - 1
        return i >= 0 and self.quoted[i][0] <= pos < self.quoted[i][1]


# ---------------------------------------------------------------- speakers


@dataclass
class Speaker:
    actor: str | None
    cue: str | None
    reason: str
    #: The person pronoun ('he', 'she') the cue's subject is, when it is one.
    pronoun: str | None = None


def _noun_span(token: Token) -> tuple[int, int]:
    """The subject's own noun phrase: the head with its left modifiers (no possessor, apposition or clause)."""
    left = [t for t in token.lefts if t.dep_ in ("compound", "amod", "det", "flat", "nmod")]
    start = min([token.idx, *(t.left_edge.idx for t in left)])
    return start, token.idx + len(token.text)


def _span_of(token: Token) -> tuple[int, int]:
    return token.idx, token.idx + len(token.text)


def _named_actor(ctx: Context, token: Token) -> tuple[str | None, str]:
    """The actor a subject names: its own mention, its apposition, its phrase, or a person inside it."""
    spans = _subject_spans(token)
    for start, end, how in spans[:-1]:
        actor = ctx.actor_at(start, end)
        if actor is not None:
            return actor.id, how
    inside = [a for t in _inside(token) if (a := ctx.actor_at(*_span_of(t))) is not None]
    person = next((a for a in inside if a.kind == "person"), None)
    if person is not None:
        return person.id, "person named inside the subject"
    phrase = ctx.actor_at(*spans[-1][:2]) or (inside[0] if inside else None)
    if phrase is not None:
        return phrase.id, "subject phrase"
    agent = _agent(ctx, token) or _maker(ctx, token)
    if agent is not None:
        return agent.id, "agent of the subject"
    owner = _possessor(ctx, token)
    if owner is not None:
        return owner.id, "owner of the subject"
    named = _surname(ctx, token)
    return (named.id, "surname of an actor") if named else (None, "subject names no actor")


def _agent(ctx: Context, token: Token) -> Actor | None:
    """``a statement released by X``, ``an email sent out by X``: the actor who made what the subject names."""
    for clause in (c for c in token.children if c.dep_ == "acl"):
        for agent in (c for c in clause.children if c.dep_ == "agent"):
            found = [a for t in agent.subtree if (a := ctx.actor_at(*_span_of(t))) is not None]
            if found:
                return found[0]
    return None


def _maker(ctx: Context, token: Token) -> Actor | None:
    """``X released a statement which read "..."``: the subject of the verb whose object the subject is."""
    if token.dep_ != "dobj" or token.head.pos_ != "VERB":
        return None
    for subject in (c for c in token.head.children if c.dep_ == "nsubj"):
        for start, end, _ in _subject_spans(subject):
            if (actor := ctx.actor_at(start, end)) is not None:
                return actor
    return None


def _surname(ctx: Context, token: Token) -> Actor | None:
    """A capitalised one-word subject that is the last word of an actor's name (``O'Donnell`` for Brett
    O'Donnell, where the actors stage missed the repeat): that actor, its latest mention before first."""
    if not token.text[:1].isupper() or token.pos_ not in ("PROPN", "NOUN"):
        return None
    word = _name_word(token.text)
    named = [a for a in ctx.document.actors if a.kind in ("person", "organization")
             and len(a.name.split()) > 1 and _name_word(a.name.split()[-1]) == word]
    if len({a.id for a in named}) != 1:
        return None  # two actors of that surname: which one speaks is not known
    return named[0]


def _name_word(word: str) -> str:
    return word.replace("’", "'").lower()


def _possessor(ctx: Context, token: Token) -> Actor | None:
    """``X's campaign``, ``X's spokesman``: the actor named by the subject's possessor."""
    for owner in (c for c in token.children if c.dep_ == "poss"):
        found = [a for t in owner.subtree if (a := ctx.actor_at(*_span_of(t))) is not None]
        if found:
            return found[-1]
    return None


def _inside(token: Token) -> list[Token]:
    """The subject's words, without its possessor and relative or participial clauses."""
    skip = {t.i for c in token.children if c.dep_ in ("poss", "relcl", "acl") for t in c.subtree}
    return [t for t in token.subtree if t.i != token.i and t.i not in skip]


def _subject_spans(token: Token) -> list[tuple[int, int, str]]:
    spans = [(*_span_of(token), "subject")]
    if token.ent_type_:
        start, end = _entity_bounds(token)
        spans.append((start, end, "subject entity"))
    spans += [(*_span_of(t), "subject apposition") for t in token.children if t.dep_ == "appos"]
    spans.append((*_noun_span(token), "subject phrase"))
    return spans


def _entity_bounds(token: Token) -> tuple[int, int]:
    doc, first, last = token.doc, token.i, token.i
    while doc[first].ent_iob_ == "I" and first > 0:
        first -= 1
    while last + 1 < len(doc) and doc[last + 1].ent_iob_ == "I":
        last += 1
    return doc[first].idx, doc[last].idx + len(doc[last].text)


def _actor_for(ctx: Context, token: Token, anchor: int) -> tuple[str | None, str]:
    """The actor a subject token stands for; pronouns go back from ``anchor`` (where the quote starts)."""
    actor, how = _named_actor(ctx, token)
    kind = ctx.cues.pronouns.get(token.lower_)
    if actor is None and kind is not None:
        return _resolve_pronoun(ctx, token.lower_, kind, min(anchor, token.idx))
    return actor, how


def _resolve_pronoun(ctx: Context, pronoun: str, kind: str, anchor: int) -> tuple[str | None, str]:
    """The subject of the previous sentence (following pronoun chains), else the most recent fitting actor."""
    k = ctx.sentence_at(anchor)
    for back in range(k - 1, max(-1, k - 1 - PRONOUN_LOOKBACK), -1):
        sent = ctx.sents[back]
        words = [t for t in sent if t.is_alpha and not ctx.in_quote(t.idx)]
        if not words or ctx.document.is_set_aside(sent.start_char, sent.end_char):
            continue
        actor, subject = _sentence_subject(ctx, sent)
        if actor is not None and (kind == "any" or _kind(ctx, actor) == "person"):
            return actor, f"pronoun '{pronoun}': subject of a previous sentence"
        if subject is None or ctx.cues.pronouns.get(subject.lower_) != kind:
            break
    return _recent_actor(ctx, pronoun, kind, ctx.sent_starts[k] if ctx.sents else anchor)


def _recent_actor(ctx: Context, pronoun: str, kind: str, anchor: int) -> tuple[str | None, str]:
    pool = ctx.persons if kind == "person" else ctx.actors_by_end
    i = bisect_right(pool, (anchor, ""))
    while i > 0:
        end, actor = pool[i - 1]
        if not ctx.in_quote(end - 1):
            return actor, f"pronoun '{pronoun}': most recent {kind} mentioned"
        i -= 1
    return None, f"pronoun '{pronoun}' unresolved"


def _kind(ctx: Context, actor_id: str) -> str | None:
    actor = ctx.document.actor(actor_id)
    return actor.kind if actor else None


def _sentence_subject(ctx: Context, sent: Span) -> tuple[str | None, Token | None]:
    """The actor named by the subject of a sentence's main verb (or of its first clause with one)."""
    outside = [t for t in sent if t.dep_ in SUBJECTS and not ctx.in_quote(t.idx)]
    subjects = [t for t in outside if t.head.i == sent.root.i] or outside
    if not subjects:
        return None, None
    return _named_actor(ctx, subjects[0])[0], subjects[0]


def _subjects_of(ctx: Context, token: Token) -> list[Token]:
    """The cue's subjects outside quotations; for a cue without one (xcomp, conj, participle), the governing verb's."""
    for _ in range(4):
        subjects = [t for t in token.children if t.dep_ in SUBJECTS and not ctx.in_quote(t.idx)]
        agent = next((t for t in token.children if t.dep_ == "agent"), None)
        if agent is not None:
            subjects += [t for t in agent.children if t.dep_ == "pobj"]
        if subjects:
            return sorted(subjects, key=lambda t: abs(t.i - token.i))
        if token.dep_ not in PASS_ON or token.head is token:
            return []
        token = token.head
    return []


def _relative_head(subject: Token, cue: Token) -> Token:
    """``X, who said ...`` (or ``X, who endorsed Y and said ...``): the relative pronoun stands for the noun the
    clause hangs from."""
    while cue.dep_ == "conj" and cue.head is not cue:
        cue = cue.head
    if subject.tag_ in ("WP", "WDT") and cue.dep_ == "relcl":
        return cue.head
    return subject


def speaker_from_cue(ctx: Context, cue: Token, *, anchor: int | None = None) -> Speaker:
    lemma = cue.lemma_.lower()
    anchor = cue.idx if anchor is None else anchor
    for subject in _subjects_of(ctx, cue):
        head = _relative_head(subject, cue)
        actor, how = _actor_for(ctx, head, anchor)
        if actor is not None:
            pronoun = head.lower_ if ctx.cues.pronouns.get(head.lower_) == "person" else None
            return Speaker(actor, lemma, f"cue '{lemma}', {how}", pronoun)
    if _subjects_of(ctx, cue):
        return Speaker(None, lemma, f"cue '{lemma}', subject names no actor")
    return _nearest_before(ctx, cue, lemma)


def _nearest_before(ctx: Context, cue: Token, lemma: str) -> Speaker:
    """A cue the parse left without subject: the nearest actor before it in its sentence, a person first."""
    start = max(ctx.sentence_start(cue), cue.idx - FRAME_CHARS)
    before = [t for t in _tokens_between(ctx.parsed, start, cue.idx) if t.i < cue.i and not ctx.in_quote(t.idx)]
    found = [a for t in reversed(before) if (a := ctx.actor_at(*_span_of(t))) is not None]
    best = next((a for a in found if a.kind == "person"), found[0] if found else None)
    if best is None:
        return Speaker(None, lemma, f"cue '{lemma}' has no subject")
    return Speaker(best.id, lemma, f"cue '{lemma}' without parsed subject: nearest actor before it")


def speaker_from_source(ctx: Context, according: Token) -> Speaker:
    """``according to X`` (or ``according to a statement by X``): a person in the phrase, else its first actor."""
    tokens = [t for t in according.subtree if t.i != according.i and t.dep_ != "prep"]
    found = [a for t in tokens if (a := ctx.actor_at(t.idx, t.idx + len(t.text))) is not None]
    person = next((a for a in found if a.kind == "person"), None)
    best = person or (found[0] if found else None)
    if best is None:
        pronoun = next((t for t in tokens if t.lower_ in ctx.cues.pronouns), None)
        if pronoun is not None:
            actor, how = _resolve_pronoun(ctx, pronoun.lower_, ctx.cues.pronouns[pronoun.lower_], according.idx)
            return Speaker(actor, "according to", f"according to: {how}")
        return Speaker(None, "according to", "according to: no actor named")
    return Speaker(best.id, "according to", "according to: actor named in the phrase")


# ---------------------------------------------------------------- quotations: cue, speaker, kind


def _tokens_between(parsed: Doc, start: int, end: int) -> list[Token]:
    span = parsed.char_span(start, end, alignment_mode="expand")
    return list(span) if span is not None else []


def _governing_cue(ctx: Context, f: Quotation) -> Token | None:
    """The cue verb that the quotation hangs from in the parse, outside every quotation."""
    lo, hi = ctx.paras[f.para]
    inside = _tokens_between(ctx.parsed, f.start, f.end)
    for token in (t for t in inside if not f.open <= t.head.idx <= f.close):
        head = token.head
        for _ in range(ANCESTOR_LIMIT):
            if not lo <= head.idx < hi:
                break
            if ctx.cues.is_cue(head) and not ctx.in_quote(head.idx):
                return head
            if head.head is head:
                break
            head = head.head
    return None


def _frame(ctx: Context, f: Quotation) -> list[Token]:
    """Tokens of the quotation's sentences (and of the sentence its closing mark ends) outside every quotation,
    at most FRAME_CHARS and FRAME_QUOTATIONS other quotations either side."""
    if f.open not in ctx.frames:
        ctx.frames[f.open] = _frame_tokens(ctx, f)
    return ctx.frames[f.open]


def _frame_tokens(ctx: Context, f: Quotation) -> list[Token]:
    lo, hi = ctx.paras[f.para]
    after = f.after
    while after < min(hi - 1, f.after + FRAME_CHARS) and ctx.document.text[after].isspace():
        after += 1
    first, last = ctx.sentence_at(f.open), ctx.sentence_at(min(after, hi - 1))
    k = bisect_right(ctx.quoted, (f.open, _FAR)) - 1
    earlier = ctx.quoted[k - FRAME_QUOTATIONS][1] if k >= FRAME_QUOTATIONS else lo
    later = ctx.quoted[k + FRAME_QUOTATIONS][0] if k + FRAME_QUOTATIONS < len(ctx.quoted) else hi
    start = max(lo, ctx.sents[first].start_char, f.open - FRAME_CHARS, earlier)
    end = min(hi, ctx.sents[last].end_char, after + FRAME_CHARS, later)
    window = ctx.parsed.char_span(start, end, alignment_mode="expand")
    tokens = list(window) if window is not None else []
    return [t for t in tokens if lo <= t.idx < hi and not ctx.in_quote(t.idx)]


def _nearest_cues(ctx: Context, f: Quotation) -> list[Token]:
    def distance(t: Token) -> int:
        return min(abs(t.idx - f.open), abs(t.idx - f.close))

    frame = [t for t in _frame(ctx, f) if ctx.cues.is_cue(t)]
    # A quotation ending its own sentence with a full stop is not attributed by a verb after it that reports
    # something else ('"... campaign." Kasich said he would have ...').
    ended = ctx.document.text[f.start:f.end].rstrip(QUOTE_MARKS + " ").endswith(".")
    near = [t for t in frame if t.idx < f.close or ctx.sentence_start(t) <= f.close
            or (distance(t) <= FOLLOW_CHARS and not (ended and _reports_own(t)))]
    return sorted(near, key=distance)


def _reports_own(cue: Token) -> bool:
    return any(c.dep_ in ("ccomp", "xcomp", "dobj") for c in cue.children)


def _colon_intro(ctx: Context, f: Quotation) -> Token | None:
    """``X said:`` or ``X <verb> ...:`` just before the quotation; the verb whose subject speaks."""
    lo, before = ctx.before(f)
    if not before.endswith(":"):
        return _colon_sentence_cue(ctx, f)
    colon = ctx.parsed.char_span(lo + len(before) - 1, lo + len(before), alignment_mode="expand")
    if colon is None:
        return None
    start = max(ctx.sentence_start(colon[0]), colon[0].idx - FRAME_CHARS)
    verbs = [t for t in _tokens_between(ctx.parsed, start, colon[0].idx)
             if t.idx < colon[0].idx and t.pos_ in ("VERB", "AUX") and _subjects_of(ctx, t)]
    return next((t for t in reversed(verbs) if ctx.cues.is_cue(t)), verbs[-1] if verbs else None)


def _comma_intro(ctx: Context, f: Quotation) -> Token | None:
    """``X continued, "..."``: a verb with its subject just before the comma that opens the quotation."""
    lo, before = ctx.before(f)
    if not before.endswith(","):
        return None
    words = ctx.parsed.char_span(lo, lo + len(before) - 1, alignment_mode="expand")
    verb = words[-1] if words is not None and len(words) else None
    if verb is None or verb.pos_ != "VERB" or ctx.in_quote(verb.idx) or not _subjects_of(ctx, verb):
        return None
    return verb


def _trailing_speaker(ctx: Context, f: Quotation) -> Speaker | None:
    """``"...," Hannity pressed`` / ``"...," mused X``: a quotation that opens its sentence, ends on a comma,
    question or exclamation mark and is followed, in its sentence, by a short clause whose verb has a subject
    (the parser makes an inverted one the verb's object): that verb is the cue, whatever it is."""
    text, hi = ctx.document.text, ctx.paras[f.para][1]
    inner, before = text[f.start:f.end].rstrip(), ctx.before(f)[1]
    if not inner or f.after >= hi or (inner[-1] not in TRAILING_ENDS and text[f.after] != ","):
        return None  # '"...," X said', or with the comma outside the marks: '"...", X said'
    if before and before[-1] not in SENTENCE_ENDS + ":" + QUOTE_MARKS:
        return None  # a quotation inside a sentence: the words after it need not be its attribution
    words = ctx.parsed.char_span(f.after, min(hi, f.after + FOLLOW_CHARS), alignment_mode="contract")
    for n, token in enumerate(t for t in (words or []) if not t.is_space):
        if n >= TRAILING_TOKENS or (token.is_punct and token.text != ","):
            return None
        if token.pos_ != "VERB" or ctx.in_quote(token.idx):
            continue
        if _subjects_of(ctx, token):
            who = speaker_from_cue(ctx, token, anchor=min(f.open, token.idx))
            return Speaker(who.actor, who.cue, who.reason.replace("',", "' after the quote,", 1), who.pronoun)
        inverted = next((c for c in token.rights if c.dep_ == "dobj"), None)
        if n == 0 and inverted is not None:
            actor, how = _named_actor(ctx, inverted)
            return Speaker(actor, token.lemma_.lower(), f"cue '{token.lemma_.lower()}' after the quote, inverted {how}")
        return None
    return None


def _label_speaker(ctx: Context, f: Quotation) -> Speaker | None:
    """``Ted Cruz: "..."`` (headlines, transcripts): a short label with no verb before the colon that opens the
    quotation names its speaker (the label's head, its prepositional phrases left out)."""
    lo, before = ctx.before(f)
    if not before.endswith(":"):
        return None
    start = max([lo] + [lo + before.rfind(sep) + len(sep) for sep in LABEL_STARTS if sep in before])
    label = ctx.parsed.char_span(start, lo + len(before) - 1, alignment_mode="expand")
    if label is None or not len(label) or ctx.in_quote(label[0].idx):
        return None
    words = [t for t in label if t.is_alpha]
    if not words or len(words) > LABEL_WORDS or any(t.pos_ in ("VERB", "AUX") for t in label):
        return None
    skip = {t.i for c in label.root.children if c.dep_ == "prep" for t in c.subtree}
    found = [a for t in label if t.i not in skip and (a := ctx.actor_at(*_span_of(t))) is not None]
    best = next((a for a in found if a.kind == "person"), found[0] if found else None)
    return Speaker(best.id, None, "label before the colon") if best is not None else None


def _colon_sentence_cue(ctx: Context, f: Quotation) -> Token | None:
    """``X said:`` ending the previous paragraph."""
    k = ctx.sentence_at(f.open)
    if k == 0:
        return None
    sent = ctx.sents[k - 1]
    start = max(sent.start_char, sent.end_char - FRAME_CHARS)
    if ctx.document.text[start:sent.end_char].rstrip()[-1:] != ":" or ctx.document.is_set_aside(start, sent.end_char):
        return None
    tokens = sent if start == sent.start_char else _tokens_between(ctx.parsed, start, sent.end_char)
    return next((t for t in tokens if ctx.cues.is_cue(t) and not ctx.in_quote(t.idx)), None)


def quotation_speaker(ctx: Context, f: Quotation, previous: Quote | None) -> Speaker:
    if not f.continues:
        first = _unique([_governing_cue(ctx, f), _comma_intro(ctx, f)])
        later = [t for t in _unique([*_nearest_cues(ctx, f), _colon_intro(ctx, f)]) if t not in first]
        found = [speaker_from_cue(ctx, cue, anchor=min(f.open, cue.idx)) for cue in first]
        found += [who for who in [_trailing_speaker(ctx, f)] if who is not None]
        found += [speaker_from_cue(ctx, cue, anchor=min(f.open, cue.idx)) for cue in later]
        found += [who for who in [_label_speaker(ctx, f)] if who is not None]
        best = next((who for who in found if who.actor is not None), found[0] if found else None)
        if best is not None:
            return _same_speaker(ctx, f, best, previous)
        source = next((t for t in _frame(ctx, f) if ctx.cues.is_source(t) and ctx.sentence_start(t) <= f.close),
                      None)
        if source is not None:
            return speaker_from_source(ctx, source)
    if previous is not None and previous.kind != "indirect":
        para = _para_of(ctx, previous.start)
        if para >= f.para - 1:
            how = "continues the previous paragraph's quote" if f.continues else "no cue: previous quote's speaker"
            return Speaker(previous.speaker, previous.cue, how)
    return Speaker(None, None, "no cue and no previous quote")


def _same_speaker(ctx: Context, f: Quotation, who: Speaker, previous: Quote | None) -> Speaker:
    """``"A," Sanders wrote. / "B," he continued.``: a person pronoun speaking next after a quote, with no other
    person named in between, is the previous quote's speaker."""
    if who.pronoun is None or previous is None or previous.kind == "indirect" or previous.speaker is None:
        return who
    if _kind(ctx, previous.speaker) != "person" or _para_of(ctx, previous.start) < f.para - 1:
        return who
    lo, hi = bisect_right(ctx.persons, (previous.end, "")), bisect_right(ctx.persons, (f.open, ""))
    if any(aid != previous.speaker and not ctx.in_quote(end - 1) for end, aid in ctx.persons[lo:hi]):
        return who
    return Speaker(previous.speaker, who.cue, f"cue '{who.cue}', pronoun '{who.pronoun}': the previous quote's speaker")


def _unique(tokens: list[Token | None]) -> list[Token]:
    seen: set[int] = set()
    out = []
    for t in tokens:
        if t is not None and t.i not in seen:
            seen.add(t.i)
            out.append(t)
    return out


def _para_of(ctx: Context, pos: int) -> int:
    return max(0, bisect_right(ctx.paras, (pos, _FAR)) - 1)


def quotation_kind(text: str, f: Quotation, para_start: int) -> str:
    """direct when the quotation is a whole statement: it opens a sentence or follows a colon or comma."""
    inner = text[f.start:f.end]
    first = next((ch for ch in inner if ch.isalnum()), "")
    before = text[max(para_start, f.open - FRAME_CHARS):f.open].rstrip()
    opens_statement = not before or before[-1] in ".:!?,…" or before[-1] in QUOTE_MARKS
    if len(inner.split()) > 1 and (first.isupper() or first.isdigit()) and opens_statement:
        return "direct"
    return "partial"


#: The most words a scare quote has: a word set off by quotation marks, not anyone's statement (the
#: annotation guidelines' "one-word scare quotes"; two words cost validation quote precision).
SCARE_WORDS = 1


def scare_quote(inner: str, kind: str, who: Speaker) -> bool:
    """A word in quotation marks inside a sentence that no one is said to have said ("the so-called
    'reforms'", a nickname): marked off, not quoted (a word someone is said to use stays: "X called the
    plan a 'disaster'")."""
    return kind == "partial" and who.actor is None and len(inner.split()) <= SCARE_WORDS


def marked_quotes(ctx: Context) -> list[Quote]:
    text, out = ctx.document.text, []
    previous: Quote | None = None
    for f in ctx.found:
        kind = quotation_kind(text, f, ctx.paras[f.para][0])
        who = quotation_speaker(ctx, f, previous)
        marks_note = "unclosed at paragraph end; " if f.unclosed else ""
        if scare_quote(text[f.start:f.end], kind, who):
            continue
        quote = Quote(f.start, f.end, text[f.start:f.end], kind=kind, speaker=who.actor, cue=who.cue,
                      reason=f"{kind}: quotation marks; {marks_note}speaker: {who.reason}")
        out.append(quote)
        previous = quote
    return out


# ---------------------------------------------------------------- indirect speech


def _clause_span(tokens: list[Token], skip: set[int]) -> tuple[int, int] | None:
    """The contiguous run of ``tokens`` from the first kept word up to the first skipped token."""
    tokens = sorted(tokens, key=lambda t: t.i)
    run: list[Token] = []
    for t in tokens:
        if t.i in skip:
            if run:
                break
            continue
        if not run and (t.dep_ in ("mark", "cc", "punct") or t.is_space):
            continue
        if run and t.i != run[-1].i + 1:
            break
        run.append(t)
    while run and (run[-1].dep_ in ("punct", "cc") or run[-1].is_space) and run[-1].text not in QUOTE_MARKS:
        run.pop()
    if sum(1 for t in run if t.is_alpha) < MIN_INDIRECT_WORDS:
        return None
    return run[0].idx, run[-1].idx + len(run[-1].text)


def _own_clause_conjuncts(token: Token) -> list[Token]:
    return [c for c in token.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")
            and any(s.dep_ in SUBJECTS for s in c.children)]


def _excluded(head: Token, cues: Cues) -> set[int]:
    """Tokens that are not part of the reported clause: its own-subject conjuncts and 'according to' phrases."""
    skip: set[int] = set()
    for c in _own_clause_conjuncts(head):
        skip.update(t.i for t in c.subtree)
        skip.update(t.i for t in head.children if t.dep_ == "cc" and t.i < c.i)
    for t in head.subtree:
        if cues.is_source(t):
            skip.update(s.i for s in t.subtree)
    return skip


def reported_clauses(cue: Token, cues: Cues) -> list[tuple[int, int]]:
    """The clauses a reporting verb introduces: its complement and clauses coordinated with it, or the clause
    a parenthetical tag interrupts or follows (``X, officials said, is ...``; ``as X noted, ...``)."""
    heads = [c for c in cue.children if c.dep_ == "ccomp"]
    if heads:
        heads += [c for h in list(heads) for c in _own_clause_conjuncts(h)]
        heads += [c for c in _own_clause_conjuncts(cue) if not cues.is_cue(c) and c.i > heads[0].i]
    spans = [_clause_span(_with_object(cue, h), _excluded(h, cues)) for h in heads]
    if not heads and _tag_of(cue):
        spans.append(_around_tag(cue, cues))
    elif not heads:
        spans.append(_object_clause(cue, cues))
    return [s for s in spans if s is not None]


def _around_tag(cue: Token, cues: Cues) -> tuple[int, int] | None:
    """The clause a speech tag is set into: its words before and after the tag, over the tag where it
    interrupts the clause (the clause's words are on both sides)."""
    clause, tag = list(cue.head.subtree), {t.i for t in cue.subtree}
    skip = _excluded(cue.head, cues) - tag
    before = _clause_span([t for t in clause if t.i < cue.left_edge.i], skip)
    after = _clause_span([t for t in clause if t.i > cue.right_edge.i], skip)
    if before is not None and after is not None:
        return before[0], after[1]
    return before or after


def _tag_of(cue: Token) -> bool:
    """A speech tag set into the clause it reports: a parenthetical with its own subject (``X, many argue,
    could ...``) or an ``as`` clause (``as X pointed out, ...``), the clause being a verb's."""
    if cue.head is cue or cue.head.pos_ not in ("VERB", "AUX") or not any(c.dep_ in SUBJECTS for c in cue.children):
        return False
    if any(c.dep_ == "ccomp" for c in cue.children):
        return False  # the cue reports its own complement
    if cue.dep_ == "parataxis":
        return True
    return cue.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.children)


def _with_object(cue: Token, head: Token) -> list[Token]:
    """The complement's words; where the parse made the complement's subject the cue's object (``announced the
    region would ...``: a complement with no subject of its own after an object), the object's words too."""
    objects = [c for c in cue.children if c.dep_ == "dobj" and c.i < head.i]
    if objects and not any(c.dep_ in (*SUBJECTS, "expl") for c in head.children):
        return list(cue.doc[objects[-1].left_edge.i:head.right_edge.i + 1])
    return list(head.subtree)


def _object_clause(cue: Token, cues: Cues) -> tuple[int, int] | None:
    """``maintained an inquiry is what ...``: the parse made the complement's subject the cue's object and its
    verb a conjunct of the cue with no subject of its own; the object and that conjunct are the clause."""
    objects = [c for c in cue.children if c.dep_ == "dobj"]
    verbs = [c for c in cue.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and c.lemma_ == "be"
             and objects and c.i > objects[-1].i and not any(s.dep_ in SUBJECTS for s in c.children)]
    if not verbs or any(t.dep_ == "cc" and objects[-1].i < t.i < verbs[0].i for t in cue.children):
        return None
    return _clause_span(list(cue.doc[objects[-1].left_edge.i:verbs[0].right_edge.i + 1]), _excluded(verbs[0], cues))


def _unquoted_word(ctx: Context, start: int, end: int, *, tag: tuple[int, int] = (0, 0)) -> bool:
    """Whether a word of ``text[start:end]``, the speech tag ``tag`` aside, lies outside every quotation (a
    clause wholly in marks is the quote, ``"A," he said, "B."`` too)."""
    text = ctx.document.text
    return any(text[pos].isalnum() and not ctx.in_quote(pos) and not tag[0] <= pos < tag[1]
               for pos in range(start, end))


def _acceptable(ctx: Context, start: int, end: int, *, tag: tuple[int, int] = (0, 0)) -> bool:
    text = ctx.document.text[start:end]
    return "\n\n" not in text and not ctx.document.is_set_aside(start, end) and \
        _unquoted_word(ctx, start, end, tag=tag)


def indirect_quotes(ctx: Context) -> list[Quote]:
    out: list[Quote] = []
    for token in ctx.parsed:
        if not ctx.cues.takes_clause(token) or ctx.in_quote(token.idx):
            continue
        if ctx.document.is_set_aside(token.idx, token.idx + len(token.text)):
            continue
        tag = (token.left_edge.idx, token.right_edge.idx + len(token.right_edge)) if _tag_of(token) else (0, 0)
        spans = [s for s in reported_clauses(token, ctx.cues) if _acceptable(ctx, *s, tag=tag)]
        if not spans:
            continue
        who = speaker_from_cue(ctx, token)
        out += [_indirect(ctx, s, who) for s in spans]
    out += appeals(ctx)
    out += according_to(ctx, out)
    return out


def appeals(ctx: Context) -> list[Quote]:
    """``X called for Y (to ...)``, ``X called on Y to ...``: what the appeal asks for, as reported speech."""
    out: list[Quote] = []
    for token in ctx.parsed:
        word = ctx.cues.appeal(token)
        if word is None or ctx.in_quote(token.idx) or ctx.document.is_set_aside(token.idx, token.idx + 1):
            continue
        tokens = [t for t in word.head.subtree if t.i > word.i] if word.dep_ == "mark" else [
            t for c in token.rights if c.i >= word.i and c.dep_ in ("prep", "xcomp", "advcl") for t in c.subtree
            if t.i > word.i]
        span = _clause_span(tokens, set())
        if span is not None and _acceptable(ctx, *span):
            who = speaker_from_cue(ctx, token)
            out.append(_indirect(ctx, span, Speaker(who.actor, f"{who.cue} {word.lower_}", who.reason)))
    return out


def _indirect(ctx: Context, span: tuple[int, int], who: Speaker) -> Quote:
    start, end = span
    return Quote(start, end, ctx.document.text[start:end], kind="indirect", speaker=who.actor, cue=who.cue,
                 reason=f"indirect: reported clause; speaker: {who.reason}")


def according_to(ctx: Context, found: list[Quote]) -> list[Quote]:
    """Clauses sourced with ``according to X`` that no quotation or reporting verb already covers: the longer
    side of the phrase in its sentence (``A, and according to X B``: B only)."""
    out: list[Quote] = []
    for token in ctx.parsed:
        if not ctx.cues.is_source(token) or ctx.in_quote(token.idx):
            continue
        clause = _sourced_clause(token)
        skip = {t.i for t in token.subtree}
        before = _clause_span([t for t in clause if t.i < token.i], skip)
        after = _clause_span([t for t in clause if t.i > token.i], skip)
        sides = [s for s in (before, after) if s is not None and _acceptable(ctx, *s)
                 and not any(q.start < s[1] and s[0] < q.end for q in found)]
        if sides:
            span = max(sides, key=lambda s: s[1] - s[0])
            out.append(_indirect(ctx, span, speaker_from_source(ctx, token)))
    return out


def _sourced_clause(according: Token) -> list[Token]:
    """The words an ``according to`` phrase sources: its sentence, or the coordinated clause it opens."""
    head = according.head
    if head.pos_ in ("VERB", "AUX") and head.dep_ == "conj" and according.i < head.i:
        return list(head.subtree)
    return list(according.sent)


# ---------------------------------------------------------------- the stage


def find_quotes(parsed: Doc, document: Document, *, quotations: Quotations | None = None) -> list[Quote]:
    """Every direct, partial and indirect quote in the story text, with its speaker where one is found;
    ``quotations`` are the spans the quotations stage found (found here when not given)."""
    found = quotations if quotations is not None else find_quotations(document)
    ctx = Context.build(parsed, document, found)
    quotes = sorted(marked_quotes(ctx) + indirect_quotes(ctx), key=lambda q: (q.start, q.end))
    for n, quote in enumerate(quotes, 1):
        quote.id = f"q{n}"
    return quotes
