"""Stance: praise and criticism of a named actor, coded as SUPPORT, ACCUSE or REJECT.

Two readings: an evaluative construction ("X called Y's plan a 'stunt'", "X hailed Y as a hero",
"X attacked the inquiry as 'garbage'"), and a quotation whose speaker judges an actor named in it or
referred to by a pronoun ("He was a tyrant," said X). Polarity comes from the VADER sentiment lexicon
(C.J. Hutto, MIT) plus a small data file of political evaluation words VADER leaves neutral.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from newsgraph.document import Document, Event, Quote, Span
from newsgraph.events.arguments import Context, actor_ids, child, is_passive, verb_source
from newsgraph.events.codebook import QUADS, STANCE_CODES
from newsgraph.events.context import Dating, event_date, event_place, sentence_dates
from newsgraph.events.lexicon import Lexicon
from newsgraph.knowledge import data_rows, per_knowledge
from newsgraph.rules import fires, scope, tag

#: The datings a speaker's own latest dated sentence betters (see ``speaker_date``): the story's lead or
#: publication, not a date of the statement's paragraph or its present tense.
SPEAKER_DATED = {"published", "lead"}
#: Least score of a short evaluation ("a 'stunt'") and of a clause inside a quotation.
PREDICATE_FLOOR = 0.3
CLAUSE_FLOOR = 0.45
#: Prepositions inside an evaluated thing that name its owner ("the visit by Y", "the deal between A and B").
OWNER_PREPS = {"by", "of", "from", "between"}
#: Pronouns that refer to a person named just before ("He was ruthless").
THIRD_PERSON = {"he", "she", "him", "her", "his"}
NEGATIONS = {"not", "no", "never", "n't", "nothing", "hardly"}
SUBJECT_DEPS = ("nsubj", "nsubjpass")
#: Dependencies that open a clause of its own below the judged one.
CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "acl", "parataxis", "csubj"}
#: Quotes in quotation marks: the speaker's own words (reported speech is the reporter's wording).
QUOTED = {"direct", "partial"}
#: What an "as" phrase evaluates with: a noun ("as a 'stunt'"), or an adjective the parse hangs on "as"
#: ("described the plan as unacceptable").
AS_OBJECTS = {"pobj", "amod", "acomp"}
#: "Y was described by X as a 'hero'": a passive evaluation with its agent named.
PASSIVE_RULE = "evaluated-by"
#: Most events from one evaluation (coordinated sources times targets).
MAX_PAIRS = 4


@dataclass(frozen=True)
class Word:
    score: float
    kind: str


@dataclass(frozen=True)
class StanceLexicon:
    #: Verbs of evaluation and the polarity they give on their own (+1, -1 or 0).
    verbs: dict[str, int]
    #: Evaluation words and phrases (lower case) VADER leaves neutral.
    words: dict[str, Word]
    analyzer: SentimentIntensityAnalyzer


@dataclass(frozen=True)
class Judgement:
    """The polarity of an evaluation and whether it denies validity (a rejection)."""

    score: float
    validity: bool

    @property
    def type(self) -> str:
        if self.score > 0:
            return "SUPPORT"
        return "REJECT" if self.validity else "ACCUSE"


@per_knowledge
def load_stance() -> StanceLexicon:
    leans = {"+": 1, "-": -1}
    rows = [r for name in ("stance_verbs_wordnet.tsv", "stance_verbs.tsv") for r in data_rows(name) if len(r) >= 2]
    verbs = {r[0].lower(): leans.get(r[1], 0) for r in rows}  # the hand-written file last: it wins
    words = {r[0].lower(): Word(float(r[1]), r[2]) for r in data_rows("stance_words.tsv") if len(r) >= 3}
    return StanceLexicon(verbs=verbs, words=words, analyzer=SentimentIntensityAnalyzer())


# ------------------------------------------------------------------ polarity
def judge(tokens: list[Token], stance: StanceLexicon) -> Judgement:
    """VADER's compound score of the words plus the listed evaluation words (a negation within the three
    words before flips one); validity where a listed validity word decides the sign."""
    words = [t for t in tokens if not t.is_punct or t.text in "-"]
    text = " ".join(t.text for t in words)
    score = float(stance.analyzer.polarity_scores(text)["compound"]) if text else 0.0
    validity = False
    for hit, word in _listed(words, stance):
        sign = -1.0 if any(w.lower_ in NEGATIONS for w in words[max(0, hit - 3):hit]) else 1.0
        score += sign * word.score
        validity = validity or (word.kind == "validity" and sign * word.score < 0)
    return Judgement(max(-1.0, min(1.0, score)), validity)


def _listed(words: list[Token], stance: StanceLexicon) -> Iterator[tuple[int, Word]]:
    lowered = [w.lower_ for w in words]
    taken: set[int] = set()
    for phrase, word in sorted(stance.words.items(), key=lambda kv: -len(kv[0].split())):
        parts = phrase.split()
        for i in range(len(lowered) - len(parts) + 1):
            span = range(i, i + len(parts))
            if lowered[i:i + len(parts)] == parts and not taken & set(span):
                taken.update(span)
                yield i, word


# ------------------------------------------------------------------ evaluative constructions
def evaluation_events(sent: SpacySpan, ctx: Context, stance: StanceLexicon) -> list[Event]:
    """"X called Y's plan a 'stunt'", "X hailed as 'heroes' A and B", "X attacked the inquiry as 'garbage'"."""
    events: list[Event] = []
    for verb in sent:
        lean = stance.verbs.get(verb.lemma_.lower())
        if lean is None or verb.pos_ != "VERB" or child(verb, "neg") is not None:
            continue
        if is_passive(verb) and not fires(PASSIVE_RULE, child(verb, "agent") is not None):
            continue
        events.extend(_evaluation(verb, lean, ctx, stance))
    return events


def _evaluation(verb: Token, lean: int, ctx: Context, stance: StanceLexicon) -> list[Event]:
    predicate = _predicate(verb)
    if not predicate:
        return []
    judgement = _with_verb(judge(predicate, stance), verb, ctx)
    if lean and judgement.score * lean < 0:
        return []  # the verb and its predicate disagree ("attacked as a success"): not read
    if abs(judgement.score) < PREDICATE_FLOOR:
        if not lean:
            return []
        judgement = Judgement(0.5 * lean, judgement.validity)
    skip = {t.i for t in predicate}
    targets = actor_ids(child(verb, "nsubjpass"), ctx) if is_passive(verb) else _evaluated(verb, skip, ctx)
    sources = verb_source(verb, ctx)
    form = f"{'as' if _as_object(verb) is not None else 'oprd'}{'-passive' if is_passive(verb) else ''}"
    rule = tag(f"stance:{verb.lemma_.lower()}-{form}", [PASSIVE_RULE] if is_passive(verb) else [])
    return _events(sources, targets, judgement, verb, ctx, rule)


def _with_verb(judgement: Judgement, verb: Token, ctx: Context) -> Judgement:
    """A verb the event lexicon reads as a rejection denies validity whatever its predicate says ("rejected
    the result as fraudulent" is a rejection, not only criticism)."""
    rejects = any(e.type == "REJECT" for e in ctx.lexicon.verbs.get(verb.lemma_.lower(), ()))
    return Judgement(judgement.score, judgement.validity or rejects)


def _as_object(verb: Token) -> Token | None:
    """The object of the verb's "as" phrase; also of an "as" right after the verb that the parse hung
    elsewhere ("hailed as 'heroes' A and B ... killed": "as" read as the mark of "killed")."""
    obj = child(verb, "dobj")
    for head in (verb, *([obj] if obj is not None else [])):  # "described the plan of Y as ...": on the object
        found = next((p for c in head.children if c.dep_ == "prep" and c.lower_ == "as"
                      for p in c.children if p.dep_ in AS_OBJECTS), None)
        if found is not None:
            return found
    after = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    if after is not None and after.lower_ == "as" and after.sent == verb.sent:
        return next((p for p in after.children if p.dep_ in AS_OBJECTS), None)
    return None


def _predicate(verb: Token) -> list[Token]:
    """The words that evaluate: the object's complement ("a 'turning point'"), the "as" phrase, or the
    quoted words that follow the object ("called the deal 'null and void'")."""
    oprd = child(verb, "oprd", "xcomp")
    if oprd is not None and oprd.dep_ == "oprd":
        return _own_words(oprd)
    as_object = _as_object(verb)
    if as_object is not None:
        return [t for t in as_object.subtree if t.dep_ != "appos" and not _under_appos(t, as_object)]
    obj = child(verb, "dobj")
    return _quoted_after(obj) if obj is not None else []


def _own_words(head: Token) -> list[Token]:
    return [t for t in head.subtree if not (t.dep_ == "prep" and t.head.i == head.i and t.lower_ != "of")
            and not any(a.dep_ == "prep" and a.head.i == head.i and a.lower_ != "of" for a in t.ancestors)]


def _under_appos(token: Token, head: Token) -> bool:
    return any(a.dep_ == "appos" and a.head.i == head.i for a in token.ancestors) or (
        token.dep_ == "appos" and token.head.i == head.i)


def _quoted_after(obj: Token) -> list[Token]:
    """The words in quotation marks that open right after the object phrase, in the same sentence."""
    sent = obj.sent
    after = [t for t in sent if t.i > obj.i]
    start = next((k for k, t in enumerate(after) if t.is_quote), None)
    if start is None or any(t.pos_ in ("VERB", "AUX") for t in after[:start]):
        return []
    inside: list[Token] = []
    for t in after[start + 1:]:
        if t.is_quote:
            return inside
        inside.append(t)
    return []


def _evaluated(verb: Token, skip: set[int], ctx: Context) -> tuple[str, ...]:
    """The actor evaluated: the object itself, else the owner of the evaluated thing ("Y's plan", "the
    visit by Y", "the deal between A and B"), else (for "hailed as heroes A and B") the named apposition."""
    obj = child(verb, "dobj")
    if obj is not None and obj.i not in skip:
        if obj.lower_ == "it":
            return _antecedent_thing(verb, ctx)
        found = actor_ids(obj, ctx) or _owners(obj, ctx)
        if found or obj.pos_ == "PRON":
            return found
        return _verb_by(verb, ctx)
    as_object = _as_object(verb)
    appos = next((c for c in as_object.children if c.dep_ == "appos"), None) if as_object is not None else None
    return actor_ids(appos, ctx) if appos is not None else ()


def _antecedent_thing(verb: Token, ctx: Context) -> tuple[str, ...]:
    """"commented on the deal between A and B, calling it 'illegal'": "it" is the thing the verb this
    participle hangs from acts on, and the evaluated actors are its owners."""
    head = verb.head
    if verb.dep_ not in ("advcl", "xcomp", "conj") or head.i == verb.i:
        return ()
    things = [c for c in head.children if c.dep_ == "dobj"]
    things += [p for c in head.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
    for thing in things[:1]:
        return actor_ids(thing, ctx) or _owners(thing, ctx)
    return ()


def _owners(obj: Token, ctx: Context) -> tuple[str, ...]:
    ids = [i for c in obj.children if c.dep_ == "prep" and c.lower_ in OWNER_PREPS
           for p in c.children if p.dep_ == "pobj" for i in actor_ids(p, ctx)]
    return tuple(dict.fromkeys(ids))


def _verb_by(verb: Token, ctx: Context) -> tuple[str, ...]:
    """"attacked the inquiry by the council as ...": a "by" phrase the parse hangs on an active verb
    belongs to its object."""
    ids = [i for c in verb.children if c.dep_ == "prep" and c.lower_ == "by"
           for p in c.children if p.dep_ == "pobj" for i in actor_ids(p, ctx)]
    return tuple(dict.fromkeys(ids))


# ------------------------------------------------------------------ quotations
def quote_events(parsed: Doc, document: Document, ctx: Context, stance: StanceLexicon) -> list[Event]:
    """A quotation whose speaker judges an actor: the clauses whose subject is that actor (by name or by
    a pronoun for the person named just before), all of one clear polarity."""
    return [e for quote, span in spoken_quotations(parsed, document) for e in _quote_events(quote, span, ctx, stance)]


def spoken_quotations(parsed: Doc, document: Document) -> Iterator[tuple[Quote, SpacySpan]]:
    """The story's quotations in quotation marks with a speaker, each with its tokens."""
    for quote in document.quotes:
        if quote.speaker is None or quote.kind not in QUOTED or document.is_set_aside(quote.start, quote.end):
            continue
        span = parsed.char_span(quote.start, quote.end, alignment_mode="contract")
        if span is not None and len(span):
            yield quote, span


def _quote_events(quote: Quote, span: SpacySpan, ctx: Context, stance: StanceLexicon) -> list[Event]:
    speaker = quote.speaker or ""
    scores: dict[str, list[tuple[Judgement, Token]]] = {}
    marks: dict[str, set[str]] = {}
    for subject in (t for t in span if t.dep_ in SUBJECT_DEPS and span.start <= t.head.i < span.end):
        with scope() as ids:
            target = _subject_actor(subject, quote, ctx)
            if target is None or own_side(speaker, target, ctx.document):
                continue
        marks.setdefault(target, set()).update(ids)
        clause = [t for t in _clause(subject.head) if span.start <= t.i < span.end]
        scores.setdefault(target, []).append((judge(clause, stance), subject.head))
    events: list[Event] = []
    for target, found in scores.items():
        judgement = _overall(j for j, _ in found)
        if judgement is not None:
            verb = next(v for j, v in found if j.score * judgement.score > 0)
            rule = tag(f"stance:quote-{quote.id}", marks.get(target, ()))
            events.extend(_events((speaker,), (target,), judgement, verb, ctx, rule))
    return events


def _clause(verb: Token) -> list[Token]:
    """The clause without its subject and without the clauses below it ("He was ruthless", not "... to
    help the army stop the aggression")."""
    return [t for t in verb.subtree if t.i == verb.i or not _crosses_clause(t, verb)]


def _crosses_clause(token: Token, verb: Token) -> bool:
    for t in (token, *token.ancestors):
        if t.i == verb.i:
            return False
        if (t.head.i == verb.i and t.dep_ in SUBJECT_DEPS) or t.dep_ in CLAUSE_DEPS or (
                t.dep_ == "conj" and t.pos_ in ("VERB", "AUX")):
            return True
    return True


def _overall(judgements: Iterable[Judgement]) -> Judgement | None:
    """The clear polarity of the clauses about one actor; None where weak or mixed."""
    strong = [j for j in judgements if abs(j.score) >= CLAUSE_FLOOR]
    if not strong or len({j.score > 0 for j in strong}) > 1:
        return None
    best = max(strong, key=lambda j: abs(j.score))
    return Judgement(best.score, any(j.validity for j in strong))


def own_side(speaker: str, target: str, document: Document) -> bool:
    """The speaker, or the state the speaker belongs to ("Arnor will not allow ..." said by Arnor's minister)."""
    if speaker == target:
        return True
    who, whom = document.actor(speaker), document.actor(target)
    return who is not None and whom is not None and whom.kind == "country" and whom.country == who.country


def _subject_actor(subject: Token, quote: Quote, ctx: Context) -> str | None:
    if subject.lower_ in THIRD_PERSON:  # resolved by the quotes stage (actors.pronouns.quoted_pronouns)
        found_at = ctx.actor_at(subject.idx, subject.idx + len(subject))
        return found_at.id if found_at is not None else None
    if subject.pos_ == "PRON":
        return None
    found = actor_ids(subject, ctx) or _owners(subject, ctx)
    return found[0] if len(found) == 1 else None


# ------------------------------------------------------------------ events
def _events(sources: tuple[str, ...], targets: tuple[str, ...], judgement: Judgement, token: Token,
            ctx: Context, rule: str) -> list[Event]:
    event_type = judgement.type
    code = STANCE_CODES[event_type]
    row = ctx.lexicon.cameo_row(code)
    dating = event_date(token, ctx.document)
    if dating.kind in SPEAKER_DATED and len(set(sources)) == 1:
        dating = speaker_date(token, sources[0], ctx.document) or dating
    span = Span(token.idx, token.idx + len(token), ctx.document.text[token.idx:token.idx + len(token)])
    reason = f"{rule}:vader={judgement.score:+.2f}:{dating.rule}"
    pairs = [(s, t) for s in sources for t in targets if s != t][:MAX_PAIRS]
    return [Event(id="", type=event_type, source=s, target=t, trigger=span, evidence=token.sent.text.strip(),
                  spans=[span], cameo=code, quad=row.quad if row else QUADS[event_type],
                  intensity=row.goldstein if row else None, date=dating.value, location=event_place(token),
                  reason=reason, dated_by=dating.kind, origin="stance")
            for s, t in pairs]


def speaker_date(token: Token, speaker: str, document: Document) -> Dating | None:
    """The date of the speaker's latest dated sentence before this one, for a statement that names no time
    of its own ("Yesterday, X announced an inquiry. ... X called it a 'breach'"): the story is still
    telling that day."""
    actor = document.actor(speaker)
    if actor is None:
        return None
    start = token.sent.start_char
    for sent in reversed([s for s in token.doc.sents if s.end_char <= start]):
        if not any(_subject_at(sent, m.start) for m in actor.mentions if sent.start_char <= m.start < sent.end_char):
            continue
        dates = [d for d in sentence_dates(sent, document) if d.value]
        if dates:
            return Dating(str(dates[0].value), f"speaker-date:{dates[0].text}", "speaker")
    return None


def _subject_at(sent: SpacySpan, start: int) -> bool:
    """True where the character at ``start`` lies in the subject of the sentence's main verb."""
    subject = next((c for c in sent.root.children if c.dep_ in SUBJECT_DEPS), None)
    return subject is not None and subject.left_edge.idx <= start <= subject.right_edge.idx


def find_stance(parsed: Doc, document: Document, lexicon: Lexicon) -> list[Event]:
    """Stance events of the whole document: evaluative constructions in each sentence, then quotations."""
    stance = load_stance()
    ctx = Context(document=document, lexicon=lexicon, triggers={})
    events: list[Event] = []
    for sent in parsed.sents:
        if not document.is_set_aside(sent.start_char, sent.end_char) and sent.text.strip():
            events.extend(evaluation_events(sent, ctx, stance))
    return events + quote_events(parsed, document, ctx, stance)
