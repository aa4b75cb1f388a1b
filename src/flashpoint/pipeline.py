"""The stages in order: an Article is parsed once, then each stage reads what it needs.

Stages never import each other; this module is where they meet. It holds no state of
its own beyond what the stages cache per process (the spaCy pipeline, the actor
lexicon), so it is safe to call from many threads' worth of batches in turn.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from flashpoint.actors import resolver_for
from flashpoint.config import Settings
from flashpoint.model import Actor, Article
from flashpoint.nlp import load_pipeline

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["ArticleActors", "article_actors", "parse_texts"]


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleActors:
    article: Article
    actors: tuple[Actor, ...]


def parse_texts(texts: Iterable[str], settings: Settings) -> Iterator[Doc]:
    """spaCy Docs for texts, streamed in small batches (larger ones bought nothing here)."""
    yield from load_pipeline(settings.model).pipe(texts, batch_size=16)


def _day(article: Article) -> dt.date:
    # Without a publication date, roles are checked against today: the best guess for news.
    return article.published or dt.date.today()


def article_actors(articles: Iterable[Article], settings: Settings) -> Iterator[ArticleActors]:
    """Every resolved actor of every article; bylines and the outlet are never actors."""
    nlp = load_pipeline(settings.model)
    resolver = resolver_for(nlp, settings.actors)
    pairs = nlp.pipe(((a.text, a) for a in articles), as_tuples=True, batch_size=16)
    for doc, article in pairs:
        exclude = tuple(x for x in (article.site, article.author) if x)
        actors = resolver.resolve(doc, day=_day(article), exclude=exclude)
        yield ArticleActors(article=article, actors=tuple(actors))
