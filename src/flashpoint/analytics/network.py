"""The signed network of who does what to whom, and structural balance in triads.

Nodes are countries (``level="country"``) or full actor codes (``level="actor"``);
an edge joins two nodes that had events between them in the window, undirected
unless asked, with the events' count, Goldstein sum and mean, how many cooperated
(quad classes 1-2) and how many conflicted (3-4), and a sign: +1 cooperative, −1
hostile, 0 mixed (see :func:`flashpoint.analytics.tension.edge_sign`). Events within
one node (a government and its own protesters at country level) are left out.

A triad of three nodes is *balanced* when the product of its three signs is positive
(Heider, F. (1946), "Attitudes and Cognitive Organization", *Journal of Psychology*
21: 107-112; Cartwright, D. and Harary, F. (1956), "Structural Balance: A
Generalization of Heider's Theory", *Psychological Review* 63(5): 277-293): friends
of friends are friends, enemies of enemies are friends. A zero sign makes the product
zero, so a triad with a mixed or missing tie is not balanced.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import duckdb

from flashpoint.analytics.dyad import modality_marks
from flashpoint.analytics.tension import edge_sign
from flashpoint.errors import ConfigError
from flashpoint.store import Store

__all__ = ["Edge", "Network", "Node", "Triad", "network", "to_graphml", "to_json", "triad"]

#: Level → the events columns naming the source and the target node. An actor with a
#: role but no country ("---REB": rebels, whoever's) is no one node: it is left out.
_LEVELS: Final = {
    "country": ("source_country", "target_country"),
    "actor": (
        "if(starts_with(source_code, '---'), NULL, source_code)",
        "if(starts_with(target_code, '---'), NULL, target_code)",
    ),
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Node:
    code: str
    label: str
    events: int  # events on the node's edges


@dataclass(frozen=True, slots=True, kw_only=True)
class Edge:
    a: str  # the source when directed, else the smaller code
    b: str
    events: int
    goldstein_sum: float
    goldstein_mean: float
    sign: int
    cooperation: int  # quad 1-2 events
    conflict: int  # quad 3-4 events


@dataclass(frozen=True, slots=True, kw_only=True)
class Network:
    level: str
    directed: bool
    date_from: dt.date | None
    date_to: dt.date | None
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Triad:
    nodes: tuple[str, str, str]
    edges: tuple[Edge, Edge, Edge]  # a-b, a-c, b-c
    product: int
    balanced: bool
    middle: str | None
    explanation: str


_EDGES = """
WITH hits AS (
    SELECT {src} AS s, {tgt} AS t, quad_class, goldstein
    FROM events
    WHERE {src} IS NOT NULL AND {tgt} IS NOT NULL AND {src} <> {tgt}
      AND modality IN ({marks})
      AND (CAST(? AS DATE) IS NULL OR date >= ?) AND (CAST(? AS DATE) IS NULL OR date <= ?)
)
SELECT {a} AS a, {b} AS b, count(*) AS events,
       sum(goldstein) AS goldstein_sum, avg(goldstein) AS goldstein_mean,
       count(*) FILTER (WHERE quad_class <= 2) AS cooperation,
       count(*) FILTER (WHERE quad_class >= 3) AS conflict,
       coalesce(sum(goldstein) FILTER (WHERE goldstein > 0), 0) AS positive,
       coalesce(-sum(goldstein) FILTER (WHERE goldstein < 0), 0) AS negative
FROM hits GROUP BY ALL HAVING count(*) >= ? ORDER BY a, b
"""

# A country's label is the commonest name of an actor coded as the bare country
# ("China" for CHN); an actor's is the commonest name its code was given.
_LABELS = """
SELECT node, first(name ORDER BY n DESC, name) AS label FROM (
    SELECT node, name, count(*) AS n FROM (
        SELECT {src} AS node, source_name AS name FROM events WHERE {src_named}
        UNION ALL
        SELECT {tgt} AS node, target_name AS name FROM events WHERE {tgt_named}
    ) WHERE name IS NOT NULL GROUP BY ALL
) GROUP BY node
"""


def _edges(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> list[Edge]:
    cursor = con.execute(sql, params)
    names = [d[0] for d in cursor.description or ()]
    edges = []
    for row in cursor.fetchall():
        r = dict(zip(names, row, strict=True))
        sign = edge_sign(r.pop("positive"), r.pop("negative"))
        edges.append(Edge(**r, sign=sign))
    return edges


def _labels(con: duckdb.DuckDBPyConnection, level: str) -> dict[str, str]:
    src, tgt = _LEVELS[level]
    bare = level == "country"
    sql = _LABELS.format(
        src=src,
        tgt=tgt,
        src_named="source_code = source_country" if bare else "source_code IS NOT NULL",
        tgt_named="target_code = target_country" if bare else "target_code IS NOT NULL",
    )
    return {row[0]: row[1] for row in con.execute(sql).fetchall()}


def network(
    store: Store,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    level: str = "country",
    min_events: int = 1,
    *,
    directed: bool = False,
    modality: Sequence[str] = ("asserted",),
) -> Network:
    """The network of events in ``[date_from, date_to]`` (module docstring)."""
    if level not in _LEVELS:
        raise ConfigError(f"unknown level {level!r}: choose from {', '.join(_LEVELS)}")
    if min_events < 1:
        raise ConfigError(f"min_events must be at least 1, not {min_events}")
    src, tgt = _LEVELS[level]
    ends = ("s", "t") if directed else ("least(s, t)", "greatest(s, t)")
    sql = _EDGES.format(src=src, tgt=tgt, marks=modality_marks(modality), a=ends[0], b=ends[1])
    params = [*modality, date_from, date_from, date_to, date_to, min_events]
    edges = _edges(store.con, sql, params)
    labels = _labels(store.con, level)
    weight: Counter[str] = Counter()
    for edge in edges:
        weight[edge.a] += edge.events
        weight[edge.b] += edge.events
    nodes = tuple(
        Node(code=code, label=labels.get(code, code), events=weight[code])
        for code in sorted(weight)
    )
    return Network(
        level=level,
        directed=directed,
        date_from=date_from,
        date_to=date_to,
        nodes=nodes,
        edges=tuple(edges),
    )


def _empty(a: str, b: str) -> Edge:
    return Edge(
        a=a,
        b=b,
        events=0,
        goldstein_sum=0.0,
        goldstein_mean=0.0,
        sign=0,
        cooperation=0,
        conflict=0,
    )


_TIE = {1: "cooperative", 0: "mixed or no", -1: "hostile"}


def _middle(
    nodes: tuple[str, str, str], edges: dict[frozenset[str], Edge]
) -> tuple[str | None, str]:
    """Who sits between the other two, and why (see :func:`triad`)."""

    def tie(x: str, y: str) -> Edge:
        return edges[frozenset((x, y))]

    hostile = [pair for pair, e in edges.items() if e.sign < 0]
    if len(hostile) == 1:  # then the third node's two ties are not hostile
        y, z = sorted(hostile[0])
        (x,) = set(nodes) - {y, z}
        return x, (
            f"{x} has {_TIE[tie(x, y).sign]} ties with {y} and {_TIE[tie(x, z).sign]} ties "
            f"with {z}, which are in conflict with each other"
        )
    if all(e.events == 0 for e in edges.values()):
        return None, "no events among the three"
    spread = {
        x: abs(tie(x, y).goldstein_mean - tie(x, z).goldstein_mean)
        for x in nodes
        for y, z in [sorted(set(nodes) - {x})]
    }
    x = min(nodes, key=lambda n: (-spread[n], n))
    y, z = sorted(set(nodes) - {x})
    return x, (
        f"{x}'s ties differ most: mean Goldstein {tie(x, y).goldstein_mean:+.1f} with {y}, "
        f"{tie(x, z).goldstein_mean:+.1f} with {z}"
    )


def triad(
    store: Store,
    a: str,
    b: str,
    c: str,
    *,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    level: str = "country",
    modality: Sequence[str] = ("asserted",),
) -> Triad:
    """The signs, balance and "middle" node of the triad ``a``, ``b``, ``c``.

    The middle node is the one with non-hostile ties to two nodes that are hostile to
    each other; failing that, the one whose two ties differ most in mean Goldstein.
    """
    nodes = (a, b, c)
    if len(set(nodes)) != 3:
        raise ConfigError(f"a triad needs three different nodes, not {nodes}")
    net = network(store, date_from, date_to, level, modality=modality)
    found = {frozenset((e.a, e.b)): e for e in net.edges}
    pairs = ((a, b), (a, c), (b, c))
    edges = tuple(found.get(frozenset(p)) or _empty(*sorted(p)) for p in pairs)
    ties = {frozenset(p): e for p, e in zip(pairs, edges, strict=True)}
    product = edges[0].sign * edges[1].sign * edges[2].sign
    middle, why = _middle(nodes, ties)
    return Triad(
        nodes=nodes,
        edges=(edges[0], edges[1], edges[2]),
        product=product,
        balanced=product > 0,
        middle=middle,
        explanation=why,
    )


def to_json(net: Network) -> dict[str, Any]:
    """The network as JSON-ready builtins: an export, so plain dicts are fine here."""
    return {
        "level": net.level,
        "directed": net.directed,
        "date_from": net.date_from.isoformat() if net.date_from else None,
        "date_to": net.date_to.isoformat() if net.date_to else None,
        "nodes": [{"code": n.code, "label": n.label, "events": n.events} for n in net.nodes],
        "edges": [
            {
                "a": e.a,
                "b": e.b,
                "events": e.events,
                "goldstein_sum": e.goldstein_sum,
                "goldstein_mean": e.goldstein_mean,
                "sign": e.sign,
                "cooperation": e.cooperation,
                "conflict": e.conflict,
            }
            for e in net.edges
        ],
    }


def to_graphml(net: Network, path: str | Path) -> Path:
    """Write the network as GraphML (readable by networkx, Gephi, igraph, yEd)."""
    import networkx as nx

    graph = nx.DiGraph() if net.directed else nx.Graph()
    for node in net.nodes:
        graph.add_node(node.code, label=node.label, events=node.events)
    for e in net.edges:
        graph.add_edge(
            e.a,
            e.b,
            events=e.events,
            goldstein_sum=e.goldstein_sum,
            goldstein_mean=e.goldstein_mean,
            sign=e.sign,
            cooperation=e.cooperation,
            conflict=e.conflict,
        )
    target = Path(path)
    nx.write_graphml(graph, target)
    return target
