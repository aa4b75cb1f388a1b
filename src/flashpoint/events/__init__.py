"""Events: CAMEO-coded predicates with their source and target actors and modality."""

from flashpoint.events.classifier import EventClassifier, load_classifier
from flashpoint.events.coder import code_doc
from flashpoint.events.patterns import Cues, PatternSet, load_cues, load_patterns
from flashpoint.events.settle import Coded

__all__ = [
    "Coded",
    "Cues",
    "EventClassifier",
    "PatternSet",
    "code_doc",
    "load_classifier",
    "load_cues",
    "load_patterns",
]
