"""The reconciliation service's logic (Reconciliation Service API 0.2), without a web server.

OpenRefine sends a batch of queries (`{"q0": {"query": "Wu Yenan", "limit": 3}, ...}`) and
gets back, per query, candidate people with an `id`, `name`, `score` (0-100, namekit's
score of the query against the person's closest name form) and `match`. `match` is true
only when the best candidate scores at or above the auto-merge cutoff, rests on more than
an initial or a lone surname, and beats the runner-up by a clear margin: OpenRefine
accepts a `match` without asking, so a near tie between two people is left to the user.
`features` carry the parts of the score (the name score, the margin over the runner-up,
whether the alias table decided, the kind of match) and `description` says why in words.

Candidates come from the same blocking keys dedupe uses, so a query is scored against a
few name forms, not all of them. A name form recorded as "different" from a person never
returns that person.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, process

from namekit.aliases import AliasIndex, Relation
from namekit.blocking_keys import name_keys, sketch
from namekit.errors import QueryError
from namekit.normalize import ParsedName, parse_name
from namekit.people import PersonRecord
from namekit.scoring import DEFAULT_SCORE_CUTOFF, NameMatch, score_parsed

SERVICE_NAME = "namekit people"
IDENTIFIER_SPACE = "urn:namekit:person-id"
SCHEMA_SPACE = "urn:namekit:schema"
PERSON_TYPE = {"id": "Person", "name": "Person"}
DEFAULT_LIMIT = 5
MAX_LIMIT = 50
MAX_QUERIES = 500
MATCH_MARGIN = 5.0
MIN_CANDIDATE_SCORE = 50.0
_MAX_FORMS_SCORED = 300
_QUERY_FIELDS = ("query", "type", "limit", "properties", "type_strict")
_TYPE_STRICT = ("any", "should", "all")


@dataclass(frozen=True)
class Entity:
    """A person the service can return: id, display name and every known name form."""

    person_id: str
    name: str
    forms: tuple[str, ...]
    sources: tuple[str, ...] = ()
    rows: int = 0


@dataclass(frozen=True)
class Query:
    """One validated reconciliation query."""

    text: str | None
    types: tuple[str, ...] = ()
    limit: int = DEFAULT_LIMIT


@dataclass(frozen=True)
class Candidate:
    """One candidate person for a query, as the API returns it."""

    person_id: str
    name: str
    score: float
    match: bool
    features: tuple[tuple[str, float | bool], ...]
    description: str

    def as_json(self) -> dict[str, Any]:
        """The candidate as a result object of the API."""
        return {
            "id": self.person_id,
            "name": self.name,
            "score": self.score,
            "match": self.match,
            "type": [PERSON_TYPE],
            "description": self.description,
            "features": [{"id": key, "value": value} for key, value in self.features],
        }


@dataclass
class ReconIndex:
    """People from alias tables (and optionally a dedupe result), indexed for lookups."""

    aliases: AliasIndex
    people: Sequence[PersonRecord] = ()
    score_cutoff: float = DEFAULT_SCORE_CUTOFF
    entities: dict[str, Entity] = field(init=False)
    _forms: list[tuple[ParsedName, str]] = field(init=False)
    _keys: dict[str, list[int]] = field(init=False)

    def __post_init__(self) -> None:
        """Collect every person's name forms and index them by blocking key."""
        forms: dict[str, dict[str, None]] = {}
        names: dict[str, str] = {}
        sources: dict[str, dict[str, None]] = {}
        rows: dict[str, int] = {}
        for row in self.aliases.rows:
            if row.relation in (Relation.CANONICAL, Relation.ALIAS):
                forms.setdefault(row.person_id, {})[row.name] = None
                sources.setdefault(row.person_id, {})[row.source] = None
        names.update(self.aliases.canonical_of)
        for person in self.people:
            names.setdefault(person.person_id, person.canonical_name)
            forms.setdefault(person.person_id, {}).update(
                dict.fromkeys(n for n, _ in person.name_forms)
            )
            rows[person.person_id] = person.rows
        self.entities = {
            pid: Entity(
                pid, names[pid], tuple(forms[pid]), tuple(sources.get(pid, {})), rows.get(pid, 0)
            )
            for pid in sorted(forms)
            if pid in names
        }
        self._forms = [
            (parse_name(form), entity.person_id)
            for entity in self.entities.values()
            for form in entity.forms
        ]
        self._keys = {}
        for position, (parsed, _) in enumerate(self._forms):
            for key in name_keys(parsed):
                self._keys.setdefault(key, []).append(position)

    def candidates(self, text: str, *, limit: int = DEFAULT_LIMIT) -> list[Candidate]:
        """Candidate people for one name, best first."""
        query = parse_name(text)
        if not query.tokens or limit <= 0:
            return []
        best: dict[str, NameMatch] = {}
        for position in self._form_positions(query):
            parsed, person = self._forms[position]
            match = score_parsed(query, parsed)
            if person not in best or match.score > best[person].score:
                best[person] = match
        owner = self.aliases.person_for(text)
        if owner is not None and owner in self.entities:
            best[owner] = NameMatch(100.0, "alias", "the alias table links this name form")
        ranked = sorted(
            (
                (match, person)
                for person, match in best.items()
                if match.score >= MIN_CANDIDATE_SCORE
                and not self.aliases.is_different(person, text)
            ),
            key=lambda item: (-item[0].score, self.entities[item[1]].name, item[1]),
        )
        out = []
        for rank, (match, person) in enumerate(ranked[:limit]):
            runner_up = ranked[1][0].score if len(ranked) > 1 else 0.0
            margin = match.score - runner_up if rank == 0 else 0.0
            is_match = (
                rank == 0
                and match.score >= self.score_cutoff
                and match.decisive
                and margin >= MATCH_MARGIN
            )
            out.append(
                Candidate(
                    person,
                    self.entities[person].name,
                    match.score,
                    is_match,
                    (
                        ("name_score", match.score),
                        ("margin_over_runner_up", round(margin, 1)),
                        ("alias_table", match.reason == "alias"),
                        ("decisive", match.decisive),
                        (f"reason_{match.reason}", True),
                    ),
                    f"{match.reason}: {match.explanation}",
                )
            )
        return out

    def _form_positions(self, query: ParsedName) -> list[int]:
        """Name forms sharing a blocking key with the query; the closest few when many do."""
        positions = sorted({p for key in name_keys(query) for p in self._keys.get(key, ())})
        if len(positions) <= _MAX_FORMS_SCORED:
            return positions
        # A common name part (Wang, Muhammad) shares a key with very many forms; score only
        # those whose cheap sketch is closest, as dedupe's blocking does.
        sketches = [sketch(self._forms[p][0]) for p in positions]
        top = process.extract(
            sketch(query), sketches, scorer=fuzz.token_set_ratio, limit=_MAX_FORMS_SCORED
        )
        return sorted(positions[i] for _, _, i in top)

    def reconcile(self, batch: Mapping[str, Query]) -> dict[str, Any]:
        """Results for a validated batch, keyed like the batch."""
        results: dict[str, Any] = {}
        for key, query in batch.items():
            wrong_type = query.types and PERSON_TYPE["id"] not in query.types
            if query.text is None or wrong_type:
                results[key] = {"result": []}  # only people, and only by name, are known
                continue
            found = self.candidates(query.text, limit=query.limit)
            results[key] = {"result": [c.as_json() for c in found]}
        return results

    def suggest(self, prefix: str, *, limit: int = 10) -> dict[str, Any]:
        """People whose name forms start with prefix (or have a part that does), for typeahead."""
        wanted = prefix.strip().casefold()
        wanted_key = " ".join(parse_name(prefix).tokens)
        found = []
        for entity in self.entities.values():
            if not wanted:
                break
            if any(
                form.casefold().startswith(wanted)
                or (wanted_key and any(t.startswith(wanted_key) for t in _parts(form)))
                for form in entity.forms
            ):
                found.append(entity)
        return {
            "result": [
                {
                    "id": e.person_id,
                    "name": e.name,
                    "description": _forms_line(e),
                    "notable": [PERSON_TYPE],
                }
                for e in found[: max(0, limit)]
            ]
        }

    def preview_html(self, person_id: str) -> str | None:
        """A small HTML page about one person, or None for an unknown id."""
        entity = self.entities.get(person_id)
        if entity is None:
            return None
        forms = "".join(f"<li>{html.escape(form)}</li>" for form in entity.forms)
        sources = ", ".join(html.escape(s) for s in entity.sources) or "a dedupe result"
        rows = f"<p>{entity.rows} rows in the dedupe result</p>" if entity.rows else ""
        return (
            '<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
            f"<title>{html.escape(entity.name)}</title></head>"
            '<body style="font-family: sans-serif; font-size: 13px; margin: 4px">'
            f'<h3 style="margin: 0">{html.escape(entity.name)}</h3>'
            f'<p style="color: #666; margin: 2px 0">{html.escape(entity.person_id)}</p>'
            f'<ul style="margin: 2px 0">{forms}</ul>{rows}'
            f'<p style="color: #666; margin: 2px 0">from: {sources}</p></body></html>\n'
        )


def _parts(form: str) -> list[str]:
    """The normalised parts of a name form, plus the whole (for multi-part prefixes)."""
    tokens = parse_name(form).tokens
    return [*tokens, " ".join(tokens)]


def _forms_line(entity: Entity) -> str:
    """A person's other name forms on one line."""
    others = [f for f in entity.forms if f != entity.name]
    return "also: " + "; ".join(others) if others else "no other name forms"


def manifest(base_url: str) -> dict[str, Any]:
    """The service manifest, with URLs under base_url (the server's root, no trailing /)."""
    return {
        "versions": ["0.2"],
        "name": SERVICE_NAME,
        "identifierSpace": IDENTIFIER_SPACE,
        "schemaSpace": SCHEMA_SPACE,
        "defaultTypes": [PERSON_TYPE],
        "view": {"url": f"{base_url}/view/{{{{id}}}}"},
        "preview": {"url": f"{base_url}/preview?id={{{{id}}}}", "width": 400, "height": 200},
        "suggest": {"entity": {"service_url": base_url, "service_path": "/suggest/entity"}},
    }


def parse_query_batch(text: str, *, max_queries: int = MAX_QUERIES) -> dict[str, Query]:
    """Validate a `queries` batch (JSON text) as the 0.2 schema does; QueryError says why."""
    try:
        batch = json.loads(text)
    except ValueError as error:
        raise QueryError(f"queries is not valid JSON ({error})") from None
    if not isinstance(batch, dict):
        raise QueryError('queries must be a JSON object like {"q0": {"query": "Wu Yanan"}}')
    if len(batch) > max_queries:
        raise QueryError(f"{len(batch)} queries in one batch; send at most {max_queries}")
    return {str(key): _parse_query(str(key), value) for key, value in batch.items()}


def _parse_query(key: str, value: Any) -> Query:
    """One query of a batch, checked field by field."""
    if not isinstance(value, dict):
        raise QueryError(f"query '{key}' must be an object with a 'query' string")
    unknown = [f for f in value if f not in _QUERY_FIELDS]
    if unknown:
        raise QueryError(
            f"query '{key}': unknown field '{unknown[0]}'; fields are: {', '.join(_QUERY_FIELDS)}"
        )
    text = value.get("query")
    if text is not None and not isinstance(text, str):
        raise QueryError(f"query '{key}': 'query' must be a string")
    properties = value.get("properties")
    if properties is not None:
        _check_properties(key, properties)
    if text is None and not properties:
        raise QueryError(f"query '{key}' has neither a 'query' string nor any 'properties'")
    types = value.get("type")
    if isinstance(types, str):
        types = [types]
    if types is not None and not (
        isinstance(types, list) and all(isinstance(t, str) for t in types)
    ):
        raise QueryError(f"query '{key}': 'type' must be a string or a list of strings")
    limit = value.get("limit", DEFAULT_LIMIT)
    if isinstance(limit, bool) or not isinstance(limit, (int, float)):
        raise QueryError(f"query '{key}': 'limit' must be a number")
    strict = value.get("type_strict")
    if strict is not None and strict not in _TYPE_STRICT:
        raise QueryError(f"query '{key}': 'type_strict' must be one of: {', '.join(_TYPE_STRICT)}")
    return Query(text, tuple(types or ()), max(0, min(int(limit), MAX_LIMIT)))


def _check_properties(key: str, properties: Any) -> None:
    """Raise QueryError unless properties is a list of {pid, v} objects."""
    if not isinstance(properties, list):
        raise QueryError(f"query '{key}': 'properties' must be a list")
    for item in properties:
        if not isinstance(item, dict) or not isinstance(item.get("pid"), str) or "v" not in item:
            raise QueryError(f"query '{key}': each property needs a 'pid' string and a 'v'")
        values = item["v"] if isinstance(item["v"], list) else [item["v"]]
        for v in values:
            ok = isinstance(v, (str, int, float, bool)) or (
                isinstance(v, dict) and isinstance(v.get("id"), str)
            )
            if not ok:
                raise QueryError(
                    f"query '{key}': property '{item['pid']}' has a value that is not a "
                    'string, number, boolean or {"id": ...} object'
                )
