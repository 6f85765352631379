"""Clustering rules a user notices in dedupe output: who ends up as one person."""

from __future__ import annotations

from namekit.dedupe import dedupe_names


def people(names: list[str]) -> list[set[str]]:
    """The names grouped by the person dedupe gives them, largest group first."""
    result = dedupe_names(names)
    groups: dict[str, set[str]] = {}
    for name, person in zip(names, result.person_ids, strict=True):
        groups.setdefault(person, set()).add(name)
    return sorted(groups.values(), key=len, reverse=True)


def test_surname_mention_joins_after_initials_have_found_their_person() -> None:
    # "В. В. Путин" rests on initials; once it has joined Vladimir Putin it is not a second
    # bearer of the family name, so "Президент Путин" has one person to join.
    names = ["Vladimir Putin", "Putin, Vladimir Vladimirovich", "В. В. Путин", "Президент Путин"]
    assert people(names) == [set(names)]


def test_surname_mention_with_two_bearers_stays_apart() -> None:
    names = ["Vladimir Putin", "Lyudmila Putina", "Igor Putin", "Президент Путин"]
    groups = people(names)
    assert {"Президент Путин"} in groups
