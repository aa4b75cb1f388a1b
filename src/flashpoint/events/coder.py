"""The dependency-pattern coder: predicates, their source and target actors, and modality.

For each sentence, every verb or noun that a pattern knows becomes a candidate event.
Its source is the verb's subject (the ``by`` agent in the passive; for a noun, its
possessor, modifier, ``by`` phrase or the subject of a light verb such as "held
talks"); its target is where the pattern says (direct object, a preposition's object,
both sides of "between"). Arguments are mapped to the actors resolved earlier by
position, coordination yields one event per actor ("Xi and Trump met" both ways
where the pattern is symmetric), and a reported event wins over the bare statement
that reports it, as CAMEO coding does. Where no pattern codes the reported act, a bare
statement ("..., an official said") does not stop the classifier's fallback: the
fallback codes the reported clause, with that clause's actors, and the statement is
kept only when the classifier codes nothing else.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from flashpoint.events.classifier import EventClassifier
from flashpoint.events.combine import FALLBACK_WEIGHT, blended, fallback_root
from flashpoint.events.modality import modality_of
from flashpoint.events.patterns import Cues, NounPattern, PatternSet, VerbPattern
from flashpoint.events.recode import demanded_clause, recoded
from flashpoint.events.settle import Coded, backgrounded, subsumed
from flashpoint.model import Actor

__all__ = ["Coded", "code_doc"]

_STATEMENT_ROOT = "01"
_BARE_STATEMENT = "010"
# Saying you intend or threaten to do something is itself the event, not a future one.
_SAYING_ROOTS = frozenset({"03", "13"})
# Roots whose act is the saying itself, so the saying's mood is the event's: a statement,
# an appeal, an intent, a demand, disapproval, a rejection, a threat.
_VOICED_ROOTS = frozenset({"01", "02", "03", "10", "11", "12", "13"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_MODIFIER_SLOTS = frozenset({"poss", "amod", "compound", "nmod"})
_TIME_PREPS = frozenset({"after", "before", "following", "during", "since"})
_PLACE_PREPS = frozenset({"in", "at", "near", "off", "outside", "inside", "around"})


@dataclass(frozen=True, slots=True)
class _Args:
    sources: list[Actor]
    targets: list[Actor]
    pairs: list[Actor]


class _Actors:
    """Resolved actors looked up by the tokens of a parse."""

    def __init__(self, actors: Sequence[Actor]) -> None:
        self._actors = sorted(actors, key=lambda a: (a.span.start, a.span.end))
        self._starts = [a.span.start for a in self._actors]
        # Every token of a sentence is looked up; scanning all actors each time cost
        # more than the rest of the coder.
        self._covering: dict[int, list[Actor]] = {}
        for actor in self._actors:
            for offset in range(actor.span.start, actor.span.end):
                self._covering.setdefault(offset, []).append(actor)

    def at(self, token: Token) -> list[Actor]:
        """Actors for an argument: the one at its head word, else those in its phrase."""
        exact = self._covering.get(token.idx)
        if exact:
            return [*exact, *(a for e in exact for a in self._coordinated(e, token))]
        start, end = token.left_edge.idx, token.right_edge.idx + len(token.right_edge)
        first = bisect.bisect_left(self._starts, start)
        for actor in self._actors[first:]:
            if actor.span.start >= end:
                break
            if actor.span.end <= end:
                return [actor, *self._coordinated(actor, token)]
        return []

    def _coordinated(self, actor: Actor, phrase: Token) -> list[Actor]:
        """Actors joined to ``actor`` inside a phrase: "the ambassadors of A, B and C"."""
        inside = [t for t in phrase.subtree if actor.span.start <= t.idx < actor.span.end]
        found: list[Actor] = []
        for conjunct in (c for t in inside for c in t.conjuncts):
            for other in self._covering.get(conjunct.idx, []):
                if other is not actor and other not in found:
                    found.append(other)
        return found

    def of_all(self, tokens: Iterable[Token]) -> list[Actor]:
        found: list[Actor] = []
        for token in tokens:
            for actor in self.at(token):
                if actor not in found:
                    found.append(actor)
        return found


def _with_conjuncts(token: Token) -> list[Token]:
    return [token, *token.conjuncts]


def _prep_objects(token: Token, prep: str) -> list[Token]:
    return [
        obj
        for child in token.children
        if child.dep_ in {"prep", "agent", "dative"} and child.lower_ == prep
        for obj in child.children
        if obj.dep_ == "pobj"
        for obj in _with_conjuncts(obj)
    ]


def _participle(verb: Token) -> bool:
    """A passive participle without a subject: "ships seized by X", "Rebuked by X, Y ..."."""
    return verb.tag_ == "VBN" and verb.dep_ in {"acl", "advcl"}


def _undergoer(verb: Token) -> list[Token]:
    """Who a subjectless passive participle happens to: the noun or subject it describes."""
    if verb.dep_ == "acl":
        return _with_conjuncts(verb.head)
    return [c for c in verb.head.children if c.dep_ in {"nsubj", "nsubjpass"}][:1]


def _subject(verb: Token) -> list[Token]:
    """The doer: the subject, the passive's agent, or the subject of the verb it hangs on."""
    for child in verb.children:
        if child.dep_ in {"nsubj", "csubj"}:
            return _with_conjuncts(child)
    agents = _prep_objects(verb, "by")
    if agents and (_participle(verb) or any(c.dep_ == "nsubjpass" for c in verb.children)):
        return agents
    if verb.dep_ == "xcomp":
        # "urged Japan to withdraw": the one asked is the doer (object control).
        asked = [c for c in verb.head.children if c.dep_ == "dobj"]
        if asked:
            return _with_conjuncts(asked[0])
    # "Arnor is about to restore ties": the doer is the subject of the word it hangs on.
    if verb.dep_ in {"xcomp", "conj", "advcl", "acomp"} and verb.head is not verb:
        return _subject(verb.head)
    passive = _participle(verb) or any(c.dep_ == "nsubjpass" for c in verb.children)
    # "forces attacking the town": the noun described does it; "the town attacked": not.
    if verb.dep_ in {"relcl", "acl"} and not passive:
        return [verb.head]
    return []


def _slot(token: Token, slot: str) -> list[Token]:
    if slot == "dobj":
        found = [c for c in token.children if c.dep_ in {"dobj", "nsubjpass"}]
        if not found and _participle(token):
            return _undergoer(token)
        return [t for c in found for t in _with_conjuncts(c)]
    if slot == "dative":
        # spaCy marks "to" in "sent aid to Kyiv" as the dative: the target is its object.
        datives = [c for c in token.children if c.dep_ == "dative"]
        heads = [
            o
            for d in datives
            for o in (d.children if d.pos_ == "ADP" else [d])
            if o.dep_ in {"pobj", "dative"}
        ]
        return [t for c in heads for t in _with_conjuncts(c)]
    found = _prep_objects(token, slot)
    if not found:
        # "boosted ties with Manila": the preposition hangs off the object, not the verb.
        for obj in (c for c in token.children if c.dep_ == "dobj"):
            found += _prep_objects(obj, slot)
    return found


def _target(token: Token, slots: Sequence[str], actors: _Actors) -> list[Actor]:
    # A slot that holds no actor gives way to the next: "warned the public about X".
    for slot in slots:
        found = actors.of_all(_slot(token, slot))
        if found:
            return found
    return []


def _object_words(obj: Token, quantities: frozenset[str]) -> list[Token]:
    """The object and what it counts or names: "dozens of activists", "oil paintings"."""
    words = [obj, *(c for c in obj.children if c.dep_ == "compound")]
    counted = obj.pos_ == "NUM" or obj.lemma_.lower() in quantities
    return words + (_prep_objects(obj, "of") if counted else [])


def _verb_pattern(token: Token, patterns: PatternSet) -> VerbPattern | None:
    candidates = patterns.verbs.get(token.lemma_.lower(), ())
    kids = {c.lower_ for c in token.children if c.dep_ in {"prt", "prep", "agent", "dative"}}
    objects = {
        w.lemma_.lower()
        for c in token.children
        if c.dep_ in {"dobj", "nsubjpass"}
        for w in _object_words(c, patterns.quantities)
    }
    fitting = [
        p
        for p in candidates
        if set(p.extras) <= kids
        and (not p.objects or p.objects & objects)
        and not p.unless & objects
    ]
    return max(fitting, key=lambda p: p.specificity, default=None)


def _noun_pattern(token: Token, patterns: PatternSet) -> NounPattern | None:
    candidates = patterns.nouns.get(token.lemma_.lower(), ())
    modifiers = {c.lemma_.lower() for c in token.children if c.dep_ in {"compound", "amod"}}
    fitting = [p for p in candidates if not p.modifiers or p.modifiers & modifiers]
    return max(fitting, key=lambda p: p.specificity, default=None)


def _noun_sources(noun: Token, pattern: NounPattern) -> list[Token]:
    tokens: list[Token] = []
    for slot in pattern.source:
        if slot in _MODIFIER_SLOTS:
            # "telephone" in "telephone call" names the event, not who made it.
            # spaCy labels a proper-noun modifier ("Trump and Xi meeting") nmod, not compound.
            deps = {slot, "nmod"} if slot == "compound" else {slot}
            tokens += [
                t
                for c in noun.children
                if c.dep_ in deps and c.lemma_.lower() not in pattern.modifiers
                for t in _with_conjuncts(c)
            ]
        else:
            tokens += _prep_objects(noun, slot)
    if noun.dep_ in {"dobj", "nsubjpass"} and noun.head.lemma_.lower() in pattern.light_verbs:
        tokens += _subject(noun.head)
    if not tokens and noun.dep_ == "pobj" and noun.head.lower_ in _TIME_PREPS:
        # "X spoke to reporters after a call with Y": the call was X's.
        tokens += _subject(noun.head.head) if noun.head.head.pos_ in {"VERB", "AUX"} else []
    return tokens


def _noun_targets(noun: Token, pattern: NounPattern, actors: _Actors) -> list[Actor]:
    found = _target(noun, pattern.target, actors)
    if not found and noun.dep_ == "dobj" and noun.head.lemma_.lower() in pattern.light_verbs:
        found = _target(noun.head, pattern.target, actors)
    return found


def _sources(verb: Token, actors: _Actors) -> list[Actor]:
    """The subject's actors; "X said it would ..." makes X the doer of an unresolved "it"."""
    found = actors.of_all(_subject(verb))
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if not found and verb.dep_ == "ccomp" and subjects and subjects[0].pos_ == "PRON":
        found = actors.of_all(_subject(verb.head))
    return found


def _date_text(predicate: Token, ents: Sequence[Span]) -> str | None:
    dates = [e for e in ents if e.label_ == "DATE"]
    if not dates:
        return None
    inside = [
        e for e in dates if predicate.left_edge.i <= e.start and e.end <= predicate.right_edge.i + 1
    ]
    chosen = inside or sorted(dates, key=lambda e: abs(e.start - predicate.i))
    return chosen[0].text


def _place_text(predicate: Token, ents: Sequence[Span], used: list[Actor]) -> str | None:
    # Only "in/at/near X" hanging off the predicate itself: "met in Busan", not a place
    # mentioned somewhere further down the sentence.
    for ent in ents:
        if ent.label_ not in _PLACE_LABELS or ent.root.dep_ != "pobj":
            continue
        prep = ent.root.head
        taken = any(a.span.start <= ent.start_char < a.span.end for a in used)
        # The parser often hangs "in Busan" on the object ("met Trump in Busan").
        anchored = prep.head == predicate or (
            prep.head.head == predicate and prep.head.dep_ in {"dobj", "nsubj", "nsubjpass"}
        )
        if anchored and prep.lower_ in _PLACE_PREPS and not taken:
            return ent.text
    return None


def _both_ways(a: Actor, b: Actor, symmetric: bool) -> list[tuple[Actor | None, Actor | None]]:
    return [(a, b), (b, a)] if symmetric else [(a, b)]


def _pairs(args: _Args, symmetric: bool) -> list[tuple[Actor | None, Actor | None]]:
    """(source, target) pairs: "between A and B", "A and B met", or sources times targets."""
    if len(args.pairs) >= 2:
        return _both_ways(args.pairs[0], args.pairs[1], symmetric)
    if symmetric and len(args.sources) >= 2 and not args.targets:
        return [(a, b) for a in args.sources for b in args.sources if a is not b]
    pairs: list[tuple[Actor | None, Actor | None]] = []
    sources: list[Actor | None] = [*args.sources] or [None]
    targets: list[Actor | None] = [*args.targets] or [None]
    for source in sources:
        for target in targets:
            if source is not None and target is not None:
                if source.span != target.span:
                    pairs += _both_ways(source, target, symmetric)
            elif source is not None or target is not None:
                pairs.append((source, target))
    return pairs


def _confidence(source: Actor | None, target: Actor | None, noun: bool, cameo: str) -> float:
    # Documented in the README: both actors found, a verb rather than a noun, a specific code.
    score = 0.4 + (0.2 if source else 0) + (0.2 if target else 0) + (0.1 if len(cameo) >= 3 else 0)
    return round(score - (0.1 if noun else 0), 2)


def _code_for(
    pattern: VerbPattern | NounPattern, cameo: str, source: Actor | None, roles: frozenset[str]
) -> str:
    """A state's protest is lodged with another government, not marched in the street:
    patterns with an ``official`` code use it when the source is a government role or the
    bare state itself."""
    if pattern.official is None or source is None:
        return cameo
    official = source.role in roles or (source.role is None and source.code == source.country)
    return pattern.official if official else cameo


def _reading(
    token: Token, actors: _Actors, patterns: PatternSet
) -> tuple[VerbPattern | NounPattern, _Args] | None:
    """The pattern that codes ``token`` and the actors it takes."""
    verb = _verb_pattern(token, patterns) if token.pos_ in {"VERB", "AUX"} else None
    if verb is not None:
        args = _Args(_sources(token, actors), _target(token, verb.target, actors), [])
        demand = demanded_clause(token, verb.cameo)
        if demand is None:
            return verb, args
        # "X said Y must withdraw": a demand on Y, whatever Y must do.
        clause, cameo = demand
        targets = actors.of_all(_subject(clause)) or args.targets
        return dataclasses.replace(verb, cameo=cameo), _Args(args.sources, targets, [])
    noun = _noun_pattern(token, patterns) if token.pos_ in {"NOUN", "PROPN"} else None
    if noun is None:
        return None
    pairs = actors.of_all(t for p in noun.pair for t in _prep_objects(token, p))
    sources = actors.of_all(_noun_sources(token, noun))
    return noun, _Args(sources, _noun_targets(token, noun, actors), pairs)


def _events(
    token: Token, ents: Sequence[Span], actors: _Actors, patterns: PatternSet, cues: Cues
) -> list[Coded]:
    reading = _reading(token, actors, patterns)
    if reading is None:
        return []
    pattern, args = reading
    cameo, symmetric = pattern.cameo, pattern.symmetric
    mood = modality_of(token, cues)
    if (recoding := recoded(token, cameo, mood, cues)) != (cameo, mood):
        # An intent or a refusal is one actor's word, never reciprocal.
        (cameo, mood), symmetric = recoding, False
    if mood == "future" and cameo[:2] in _SAYING_ROOTS:
        mood = "asserted"
    sent = token.sent
    used = args.sources + args.targets + args.pairs
    noun = isinstance(pattern, NounPattern)
    roles = patterns.official_roles
    return [
        Coded(
            rule=pattern.id,
            cameo=(code := _code_for(pattern, cameo, source, roles)),
            source=source,
            target=target,
            modality=mood,
            predicate=(token.idx, token.idx + len(token)),
            sentence=(sent.start_char, sent.end_char),
            date_text=_date_text(token, ents),
            place_text=_place_text(token, ents, used),
            confidence=_confidence(source, target, noun, code),
        )
        for source, target in _pairs(args, symmetric)
        if source is not None or target is not None
    ]


def _reported(verb: Token, cues: Cues) -> Token:
    """The act a report verb reports ("said the rebels attacked" gives "attacked"), else itself."""
    while verb.lemma_.lower() in cues.report_verbs:
        clauses = [c for c in verb.children if c.dep_ == "ccomp" and c.pos_ in {"VERB", "AUX"}]
        if not clauses:
            break
        verb = clauses[0]
    return verb


def _reported_act(saying: Token, cues: Cues) -> Token | None:
    """The act a statement only reports: its clause ("said Y attacked") or the clause it
    comments on ("Y attacked, X said"); None when the statement is its own act."""
    if saying.lemma_.lower() not in cues.report_verbs:
        return None  # "expressed condolences", "declared a disaster area"
    act = _reported(saying, cues)
    if act is not saying:
        return act
    return saying.head if saying.dep_ == "parataxis" else None


def _fallback(
    sent: Span,
    ents: Sequence[Span],
    actors: _Actors,
    scores: Mapping[str, float],
    cues: Cues,
    *,
    act: Token,
    saying: Token,
) -> list[Coded]:
    """The classifier's event for a sentence the patterns left uncoded (see combine).

    CAMEO codes the reported act, not the saying: the event's actors are those of
    ``act`` (the speaker stands in for its pronoun subject: "X said it would ..."; the
    sentence's first actor when it names nobody). A root that is itself a saying (a
    statement, a threat) takes the mood of ``saying``, any other root that of ``act``."""
    chosen = fallback_root(scores)
    found = actors.of_all(sent)
    if chosen is None or not found:
        return []
    root, probability = chosen
    sources = _sources(act, actors) or found[:1]
    # The clause's "she" is the speaker again, not a target.
    codes = {a.code for a in sources}
    targets = [a for a in actors.of_all(t for t in act.subtree) if a.code not in codes]
    target = targets[0] if targets else None
    # "X said it would not accept Y": the rejection was said, whatever the clause's mood.
    # An act's own clause may still make it a promise, a threat or a refusal (recode).
    cameo, mood = recoded(act, f"{root}0", modality_of(act, cues), cues)
    if cameo == f"{root}0" and root in _VOICED_ROOTS:
        mood = modality_of(saying, cues)
    return [
        Coded(
            rule=f"classifier.{root}",
            cameo=cameo,
            source=sources[0],
            target=target,
            modality=mood,
            predicate=(act.idx, act.idx + len(act)),
            sentence=(sent.start_char, sent.end_char),
            date_text=_date_text(act, ents),
            place_text=_place_text(act, ents, [sources[0], *targets[:1]]),
            confidence=round(probability * FALLBACK_WEIGHT, 2),
        )
    ]


def _statement_act(
    words: Mapping[int, Token], statements: Sequence[Coded], cues: Cues
) -> Token | None:
    """The act the sentence's statements only report, if every one of them reports one."""
    acts = [_reported_act(words[e.predicate[0]], cues) for e in statements]
    return acts[0] if acts and all(acts) else None


def _instead_of_statements(
    sent: Span,
    ents: Sequence[Span],
    lookup: _Actors,
    scores: Mapping[str, float],
    cues: Cues,
    *,
    found: Sequence[Coded],
    words: Mapping[int, Token],
) -> list[Coded]:
    """The classifier's code for the act that a sentence's bare statements report.

    Such statements do not stop the classifier coding that act, and give way to it:
    the saying is the event only when nothing else is coded."""
    if not all(e.cameo.startswith(_STATEMENT_ROOT) for e in found):
        return []
    act = _statement_act(words, found, cues)
    if act is None:
        return []
    saying = words[found[0].predicate[0]]
    fallback = _fallback(sent, ents, lookup, scores, cues, act=act, saying=saying)
    return [e for e in fallback if not e.cameo.startswith(_STATEMENT_ROOT)]


def _is_report(event: Coded, words: Mapping[int, Token], cues: Cues) -> bool:
    """A bare statement (010) or one that reports a clause; not a statement that is its
    own act, such as condolences (018) or a claim of responsibility (015)."""
    if not event.cameo.startswith(_STATEMENT_ROOT):
        return False
    return (
        event.cameo == _BARE_STATEMENT or _reported_act(words[event.predicate[0]], cues) is not None
    )


def _sentence_events(
    sent: Span,
    ents: Sequence[Span],
    lookup: _Actors,
    patterns: PatternSet,
    cues: Cues,
    *,
    scores: Mapping[str, float],
) -> list[Coded]:
    words = {t.idx: t for t in sent}
    found = backgrounded(
        [event for token in sent for event in _events(token, ents, lookup, patterns, cues)],
        words,
    )
    # A report that only reports another (asserted) event in the sentence is not an
    # event itself; a report about what might happen is the event that happened. A
    # statement that is its own act ("expressed condolences") stays.
    if any(not e.cameo.startswith(_STATEMENT_ROOT) and e.modality == "asserted" for e in found):
        found = [e for e in found if not _is_report(e, words, cues)]
    if not scores:
        return subsumed(found)
    if not found:
        act = _reported(sent.root, cues)
        return _fallback(sent, ents, lookup, scores, cues, act=act, saying=sent.root)
    return _instead_of_statements(sent, ents, lookup, scores, cues, found=found, words=words) or [
        dataclasses.replace(e, confidence=blended(e.confidence, e.cameo, scores))
        for e in subsumed(found)
    ]


def code_doc(
    doc: Doc,
    actors: Sequence[Actor],
    patterns: PatternSet,
    cues: Cues,
    classifier: EventClassifier | None = None,
) -> list[Coded]:
    """Every event the patterns (and the classifier, if given) find in a parsed article."""
    lookup = _Actors(actors)
    sents = list(doc.sents)
    # spaCy finds a span's entities by walking the whole document; walk it once.
    doc_ents = doc.ents
    scores = classifier.scores(sents) if classifier else [{} for _ in sents]
    coded: list[Coded] = []
    for sent, sent_scores in zip(sents, scores, strict=True):
        ents = [e for e in doc_ents if sent.start <= e.start and e.end <= sent.end]
        coded += _sentence_events(sent, ents, lookup, patterns, cues, scores=sent_scores)
    return coded
