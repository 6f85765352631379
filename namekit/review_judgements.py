"""What recorded decisions imply, and which rows a new decision adds.

Judgements are data: the rows of the alias tables. Read together they form groups of
name forms that are one person (canonical and alias rows, joined transitively) and
"different" and "unsure" links between groups. So A=B and B=C give A=C, and A=B with
B!=C give A!=C: a pair whose answer follows from earlier decisions is never asked.
A suggestion's person ids (from `namekit dedupe`) join a name to the person dedupe put
it in, so a decision about one name of a person covers its other names too.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from namekit.aliases import AliasRow, Relation, name_key
from namekit.decisions import Change, Stamp, Verdict, apply_change, diff_rows
from namekit.dedupe import person_id_for
from namekit.errors import ConflictError

SOURCE = "review"
_NAMED = (Relation.CANONICAL, Relation.ALIAS)


@dataclass(frozen=True)
class Side:
    """One side of a suggestion: the name, dedupe's person id and canonical name, its rows."""

    name: str
    person_id: str = ""
    canonical: str = ""
    rows: int = 0

    @property
    def display_name(self) -> str:
        """The person's canonical name as dedupe chose it, else the name itself."""
        return self.canonical or self.name


class Judgements:
    """Recorded decisions read as groups of one person and links between groups."""

    def __init__(self, rows: Sequence[AliasRow], sides: Iterable[Side] = ()) -> None:
        self.rows = tuple(rows)
        self._parent: dict[str, str] = {}
        self.table_keys = {name_key(r.name) for r in self.rows if r.relation in _NAMED}
        self.canonical: dict[str, AliasRow] = {
            r.person_id: r for r in self.rows if r.relation is Relation.CANONICAL
        }
        for row in self.rows:
            if row.relation in _NAMED:
                self._union(f"p:{row.person_id}", f"k:{name_key(row.name)}")
        for side in sides:
            self._union(self.node(side), f"k:{name_key(side.name)}")
        self._person: dict[str, str] = {self._find(f"p:{p}"): p for p in self.canonical}
        self._links: dict[tuple[frozenset[str], Relation], AliasRow] = {}
        for row in self.rows:
            if row.relation in (Relation.DIFFERENT, Relation.UNSURE):
                self._links.setdefault((self.roots_of(row), row.relation), row)

    def _find(self, node: str) -> str:
        """The root of a node's group (a node never seen is its own group)."""
        parent = self._parent.setdefault(node, node)
        while parent != node:
            grand = self._parent[parent]
            self._parent[node] = grand
            node, parent = parent, self._parent.setdefault(grand, grand)
        return node

    def _union(self, a: str, b: str) -> None:
        """Put two nodes in one group."""
        root_a, root_b = self._find(a), self._find(b)
        if root_a != root_b:
            self._parent[root_b] = root_a

    def roots_of(self, row: AliasRow) -> frozenset[str]:
        """The groups a "different" or "unsure" row links: its person's and its name's."""
        return frozenset((self._find(f"p:{row.person_id}"), self.root_of_name(row.name)))

    def node(self, side: Side) -> str:
        """The node a side stands for: its name if a table knows it, else dedupe's person."""
        key = name_key(side.name)
        if key in self.table_keys or not side.person_id:
            return f"k:{key}"
        return f"p:{side.person_id}"

    def root(self, side: Side) -> str:
        """The group of a side."""
        return self._find(self.node(side))

    def root_of_name(self, name: str) -> str:
        """The group of a bare name form."""
        return self._find(f"k:{name_key(name)}")

    def person(self, root: str) -> str | None:
        """The alias-table person of a group, if it has one."""
        return self._person.get(root)

    def link(self, a: Side, b: Side, relation: Relation) -> AliasRow | None:
        """The row recording `relation` between the groups of two sides, if any."""
        return self._links.get((frozenset((self.root(a), self.root(b))), relation))

    def verdict(self, a: Side, b: Side) -> tuple[Verdict, AliasRow | None] | None:
        """What the tables already say about two sides, with the row saying it, or None."""
        if self.root(a) == self.root(b):
            return Verdict.SAME, self._same_evidence(a, b)
        for verdict in (Verdict.DIFFERENT, Verdict.UNSURE):
            row = self.link(a, b, Relation(verdict.value))
            if row is not None:
                return verdict, row
        return None

    def _same_evidence(self, a: Side, b: Side) -> AliasRow | None:
        """A table row putting one of the sides in their shared person, for messages."""
        person = self.person(self.root(a))
        keys = {name_key(a.name), name_key(b.name)}
        return next(
            (
                r
                for r in self.rows
                if r.relation in _NAMED and r.person_id == person and name_key(r.name) in keys
            ),
            None,
        )


def describe_row(row: AliasRow | None) -> str:
    """Where a row is, for messages."""
    return f" ({row.where})" if row is not None and row.line else ""


def plan_decision(
    fixed: Sequence[AliasRow],
    own: Sequence[AliasRow],
    a: Side,
    b: Side,
    verdict: Verdict,
    stamp: Stamp,
    *,
    canonical: str | None = None,
    sides: Iterable[Side] = (),
) -> Change:
    """The rows to add to and remove from the user's table (`own`) to record a decision.

    `fixed` are the other tables' rows, `sides` the other suggestions (for the person ids
    dedupe gave their names). Raises ConflictError when the decision contradicts a
    recorded one. Returns an empty change when the tables already say the same.
    """
    judgements = Judgements([*fixed, *own], [a, b, *sides])
    planner = _Planner(judgements, own, stamp)
    if verdict is Verdict.SAME:
        return planner.same(a, b, canonical)
    return planner.apart(a, b, Relation(verdict.value))


class _Planner:
    """Builds the rows of one decision against the current judgements."""

    def __init__(self, judgements: Judgements, own: Sequence[AliasRow], stamp: Stamp) -> None:
        self.j = judgements
        self.own = list(own)
        self.stamp = stamp
        self.used_ids = {r.person_id for r in judgements.rows}

    def row(self, person_id: str, name: str, relation: Relation) -> AliasRow:
        """A new decision row stamped with who, when and the score."""
        return AliasRow(
            person_id,
            name.strip(),
            relation,
            SOURCE,
            self.stamp.added_by,
            self.stamp.added_at,
            self.stamp.score,
        )

    def new_person_id(self, side: Side, names: Iterable[str]) -> str:
        """Dedupe's id for the side's person when still free, else one derived from the names."""
        if side.person_id and side.person_id not in self.used_ids:
            return side.person_id
        return person_id_for(name_key(n) for n in names)

    def same(self, a: Side, b: Side, canonical: str | None) -> Change:
        """Rows making a and b one person."""
        if self.j.root(a) == self.j.root(b):
            return self._edit_canonical(self.j.person(self.j.root(a)), canonical)
        refusal = self.j.link(a, b, Relation.DIFFERENT)
        if refusal is not None:
            raise ConflictError(
                f"refused: '{a.name}' and '{b.name}' were recorded as different people"
                f"{describe_row(refusal)}: {refusal.person_id} is not '{refusal.name}'; "
                "delete that row first if they are the same person"
            )
        unsure = self._own_link_rows(a, b, Relation.UNSURE)
        person_a, person_b = self.j.person(self.j.root(a)), self.j.person(self.j.root(b))
        if person_a is None and person_b is None:
            first, second = (a, b) if a.rows >= b.rows else (b, a)
            display = (canonical or first.display_name).strip()
            self._check_free(display)
            names = [display, first.name, second.name]
            person = self.new_person_id(first, names)
            added = [self.row(person, display, Relation.CANONICAL)]
            added += self._aliases(person, [first.name, second.name], {name_key(display)})
            return Change(tuple(added), tuple(unsure))
        if person_a is not None and person_b is not None:
            merge = self._merge(person_a, person_b, a, b)
            rows = apply_change(self.own, Change(merge.added, (*unsure, *merge.removed)))
            edit = self._edit_canonical(merge.survivor, canonical, rows)
            return diff_rows(self.own, apply_change(rows, edit))
        owner, other = (person_a, b) if person_a is not None else (person_b or "", a)
        rows = apply_change(self.own, Change(tuple(self._aliases(owner, [other.name], set()))))
        rows = apply_change(rows, Change(removed=tuple(unsure)))
        return diff_rows(self.own, apply_change(rows, self._edit_canonical(owner, canonical, rows)))

    def _aliases(self, person: str, names: Iterable[str], taken: set[str]) -> list[AliasRow]:
        """Alias rows for names whose keys are not taken yet."""
        out = []
        for name in names:
            key = name_key(name)
            if key and key not in taken and key not in self.j.table_keys:
                taken.add(key)
                out.append(self.row(person, name, Relation.ALIAS))
        return out

    def _own_link_rows(self, a: Side, b: Side, relation: Relation) -> list[AliasRow]:
        """The user's rows recording `relation` between the groups of a and b."""
        roots = frozenset((self.j.root(a), self.j.root(b)))
        return [r for r in self.own if r.relation is relation and self.j.roots_of(r) == roots]

    def _edit_canonical(
        self, person: str | None, canonical: str | None, rows: Sequence[AliasRow] | None = None
    ) -> Change:
        """Rows making `canonical` the display name of an existing person in the user's table."""
        if person is None or not canonical or not canonical.strip():
            return Change()
        canonical = canonical.strip()
        rows = self.own if rows is None else rows
        current = next(
            (r for r in rows if r.person_id == person and r.relation is Relation.CANONICAL), None
        )
        if current is None:
            where = describe_row(self.j.canonical.get(person))
            raise ConflictError(
                f"the canonical name of {person} is set in another table{where}, not in your "
                "table; edit it there"
            )
        if current.name == canonical:
            return Change()
        key = name_key(canonical)
        self._check_free(canonical, person)
        removed = [current] + [
            r
            for r in rows
            if r.person_id == person and r.relation is Relation.ALIAS and name_key(r.name) == key
        ]
        added = [self.row(person, canonical, Relation.CANONICAL)]
        if name_key(current.name) != key:
            added.append(self.row(person, current.name, Relation.ALIAS))
        return Change(tuple(added), tuple(removed))

    def _check_free(self, name: str, person: str | None = None) -> None:
        """Raise ConflictError when a name is already a name form of another person."""
        other = self.j.person(self.j.root_of_name(name))
        if name_key(name) in self.j.table_keys and other not in (None, person):
            raise ConflictError(f"'{name}' is already a name of {other}; choose another name")

    def _merge(self, person_a: str, person_b: str, a: Side, b: Side) -> _Merge:
        """Move one person's rows (all in the user's table) to the other."""
        owned = {p for p in (person_a, person_b) if self._all_own(p)}
        if not owned:
            raise ConflictError(
                f"'{a.name}' is {person_a}{describe_row(self.j.canonical.get(person_a))} and "
                f"'{b.name}' is {person_b}{describe_row(self.j.canonical.get(person_b))}; "
                "namekit merges two people only when one of them is entirely in your table: "
                "edit the tables by hand"
            )
        keep_a = person_b in owned and (a.rows >= b.rows or person_a not in owned)
        moved = person_b if keep_a else person_a
        survivor = person_a if moved == person_b else person_b
        removed = tuple(r for r in self.own if r.person_id == moved)
        added = tuple(
            AliasRow(
                survivor,
                r.name,
                Relation.ALIAS if r.relation is Relation.CANONICAL else r.relation,
                r.source,
                r.added_by,
                r.added_at,
                r.score,
                r.note,
            )
            for r in removed
        )
        return _Merge(survivor, added, removed)

    def _all_own(self, person: str) -> bool:
        """Whether every row of a person is in the user's table."""
        own = [r for r in self.own if r.person_id == person]
        return len(own) == sum(1 for r in self.j.rows if r.person_id == person)

    def apart(self, a: Side, b: Side, relation: Relation) -> Change:
        """Rows recording that a and b are different people, or that the reviewer is unsure."""
        root_a, root_b = self.j.root(a), self.j.root(b)
        if root_a == root_b:
            evidence = self.j.verdict(a, b)
            row = evidence[1] if evidence else None
            raise ConflictError(
                f"refused: '{a.name}' and '{b.name}' are recorded as the same person"
                f"{describe_row(row)}; remove that row first if they are different people"
            )
        if self.j.link(a, b, relation) is not None:
            return Change()
        refusal = self.j.link(a, b, Relation.DIFFERENT)
        if refusal is not None:  # only an unsure answer can get here
            raise ConflictError(
                f"refused: '{a.name}' and '{b.name}' were recorded as different people"
                f"{describe_row(refusal)}; delete that row first to mark them unsure"
            )
        removed = self._own_link_rows(a, b, Relation.UNSURE)
        added: list[AliasRow] = []
        person_a, person_b = self.j.person(root_a), self.j.person(root_b)
        if person_a is not None:
            person, other = person_a, b
        elif person_b is not None:
            person, other = person_b, a
        else:
            # Pin a's person in the table so the decision still applies when dedupe runs again.
            person, other = self.new_person_id(a, [a.display_name]), b
            added.append(self.row(person, a.display_name, Relation.CANONICAL))
        added.append(self.row(person, other.name, relation))
        return Change(tuple(added), tuple(removed))


@dataclass(frozen=True)
class _Merge:
    """The result of moving one person into another."""

    survivor: str
    added: tuple[AliasRow, ...]
    removed: tuple[AliasRow, ...]
