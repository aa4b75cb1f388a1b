"""Events: CAMEO-coded predicates with their source and target actors and modality."""

from flashpoint.events.coder import Coded, code_doc
from flashpoint.events.patterns import Cues, PatternSet, load_cues, load_patterns

__all__ = ["Coded", "Cues", "PatternSet", "code_doc", "load_cues", "load_patterns"]
