"""Is an event asserted, negated, hypothetical or future? Read off the parse around it.

The predicate and the chain of words that govern it are checked in turn: a negation
on the predicate or on a verb that takes it ("did not agree to meet"), a conditional
or a modal ("if China blockades", "could invade"), a noun of intent that holds it ("an
effort by China to blockade Taiwan would be..."), a future auxiliary or a verb of
intent ("will visit", "plans to visit", "threatened to impose"), and questions.
"""

from __future__ import annotations

from spacy.tokens import Token

from flashpoint.events.patterns import Cues
from flashpoint.model import Modality

__all__ = ["modality_of"]

# Dependencies through which a governing word's mood reaches the predicate.
_PASS_UP = frozenset(
    {"xcomp", "conj", "acl", "relcl", "advcl", "ccomp", "pcomp", "pobj", "prep", "dobj"}
)
_MAX_STEPS = 6


def _has_child(token: Token, deps: set[str], lemmas: frozenset[str]) -> bool:
    return any(
        c.dep_ in deps and (not lemmas or c.lower_ in lemmas or c.lemma_.lower() in lemmas)
        for c in token.children
    )


def _own(token: Token, cues: Cues, *, is_predicate: bool) -> Modality | None:
    # Negation counts on the event word or a verb above it, not on any word on the way
    # ("look no further than the call" does not deny the call).
    negatable = is_predicate or token.pos_ in {"VERB", "AUX"}
    if negatable and (
        _has_child(token, {"neg"}, frozenset())
        or _has_child(token, {"advmod", "det", "neg"}, cues.negation)
    ):
        return "negated"
    if _has_child(token, {"mark"}, cues.conditional_marks):
        return "hypothetical"
    if _has_child(token, {"aux", "auxpass"}, cues.hypothetical_aux):
        return "hypothetical"
    if _has_child(token, {"aux", "auxpass"}, cues.future_aux):
        return "future"
    return None


def _reports(token: Token, cues: Cues) -> bool:
    return token.lemma_.lower() in cues.report_verbs


def _is_noun(token: Token) -> bool:
    return token.pos_ in {"NOUN", "PROPN"}


def _asked(token: Token, cues: Cues) -> bool:
    """Is ``token`` something its governor asks of someone rather than reports as done?"""
    head = token.head
    if head.lemma_.lower() not in cues.request_verbs:
        return False
    # "urged Japan to retract", "demanded that Tokyo retract": asked for, not done; but
    # "warned that ships had entered" reports what happened.
    if token.dep_ == "xcomp" or (token.dep_ == "ccomp" and not _reports(head, cues)):
        return True
    # "demanded an apology", "called for a boycott": the event named is asked for.
    if _is_noun(token) and token.dep_ == "dobj":
        return True
    return (
        token.dep_ == "prep"
        and token.lower_ == "for"
        and any(c.dep_ == "pobj" and _is_noun(c) for c in token.children)
    )


def _governor(token: Token, cues: Cues) -> Modality | None:
    """What the word above the predicate says about it ("plans to", "an effort to")."""
    head = token.head.lemma_.lower()
    nominal = token.dep_ in {"acl", "xcomp", "relcl"}
    # "refused to back down", "failed to reach a deal"; "Moscow's refusal to withdraw"
    if (token.dep_ == "xcomp" and head in cues.negative_verbs) or (
        nominal and head in cues.negative_nouns
    ):
        return "negated"
    if token.dep_ == "xcomp" and head in cues.future_verbs:
        return "future"
    if _asked(token, cues) or (nominal and head in cues.hypothetical_nouns):
        return "hypothetical"
    return None


def modality_of(predicate: Token, cues: Cues) -> Modality:
    """The mood of the event whose predicate is ``predicate`` (a verb or an event noun)."""
    if predicate.sent.text.rstrip().endswith("?"):
        return "hypothetical"
    token = predicate
    for _ in range(_MAX_STEPS):
        found = _own(token, cues, is_predicate=token is predicate) or _governor(token, cues)
        if found is not None:
            return found
        if token.dep_ not in _PASS_UP or token.head is token:
            break
        # A reported event keeps its own mood: "X said it would retaliate" is the
        # retaliation's future, but "X will say Y attacked" does not make the attack future.
        if token.dep_ == "ccomp" and token.head.lemma_.lower() in cues.report_verbs:
            break
        token = token.head
    return "asserted"
