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


def test_short_form_does_not_chain_people_whose_middle_names_differ() -> None:
    # Two women named Nawal Haddad with different fathers; the mentions without a father's
    # name fit both, so they must not pull the two into one person, however many there are.
    mahir = ["Nawal Mahir Haddad", "Nawal Mahir Hadad", "Nawaal Mahir al-Haddad"]
    fuad = ["Nawal Fuad Haddad", "Nawal Fouad Haddad"]
    short = ["Nawal Haddad", "Nawal Hadad", "Nawaal Haddad", "NAWAL HADDAD", "Nawal El Haddad"]
    groups = people(mahir + fuad + short)
    assert not any(set(mahir) & group and set(fuad) & group for group in groups)


def test_a_short_form_of_one_person_joins_that_person() -> None:
    names = ["Nawal Mahir Haddad", "Nawal Mahir Hadad", "Nawal Haddad", "Nawaal Haddad"]
    assert people(names) == [set(names)]


def test_initials_that_fit_one_person_join_even_when_written_several_ways() -> None:
    # "L. Lopez" and "Lopez, L." are one mention written twice; together they still fit one
    # person only, so both join Laura Lopez.
    names = ["Laura Lopez", "Laura Lopes", "L. Lopez", "Lopez, L.", "Luis Garcia"]
    groups = people(names)
    assert {"Laura Lopez", "Laura Lopes", "L. Lopez", "Lopez, L."} in groups


def test_initials_that_fit_one_another_and_one_person_join_that_person() -> None:
    # "T. Ilse Brandt" fits both Teodora Ilse Brandt and "Brandt, T. I.", which fits her
    # too: the two clusters could be one person, so this is one fit, not two people.
    names = ["Teodora Ilse Brandt", "Teodora I. Brandt", "T. Ilse Brandt", "Brandt, T. I."]
    assert people(names) == [set(names)]


def test_initials_that_also_fit_a_second_person_stay_apart() -> None:
    teodora = ["Teodora Ilse Brandt", "Teodora I. Brandt", "T. Ilse Brandt"]
    groups = people([*teodora, "Brandt, T. I.", "Tobias Brandt"])
    assert {"Brandt, T. I."} in groups


def test_initials_that_fit_two_people_stay_apart() -> None:
    names = ["Laura Lopez", "Luisa Lopez", "L. Lopez"]
    groups = people(names)
    assert {"L. Lopez"} in groups


def test_surname_mention_suggests_the_few_people_it_may_be() -> None:
    names = ["Vladimir Putin", "Lyudmila Putina", "Igor Putin", "Putin"]
    suggested = {(s.name_a, s.name_b) for s in dedupe_names(names).suggestions}
    assert {("Putin", "Vladimir Putin"), ("Putin", "Igor Putin")} <= suggested


def test_surname_mention_shared_by_too_many_people_brings_no_suggestions() -> None:
    # A reviewer cannot tell which of a dozen Kims a lone "Kim" means from the name.
    given = ["Ji-ho", "Min-jun", "Seo-yeon", "Do-yun", "Ha-eun", "Ye-jun", "Su-ah", "Eun-woo"]
    given += ["Ji-woo", "Si-woo", "Ha-yoon", "Joo-won"]
    result = dedupe_names([f"Kim {g}" for g in given] + ["Kim"])
    assert len(set(result.person_ids)) == len(given) + 1
    assert not [s for s in result.suggestions if "Kim" in (s.name_a, s.name_b)]


def test_nickname_that_fits_one_person_joins_that_person() -> None:
    names = ["Anthony Marsh", "ANTHONY MARSH", "Tony Marsh", "Laura Chen"]
    assert {"Anthony Marsh", "ANTHONY MARSH", "Tony Marsh"} in people(names)


def test_nickname_that_fits_two_people_stays_apart() -> None:
    # Lisa is short for Elizabeth and for Melissa: with both in the data, a reviewer decides.
    names = ["Elizabeth Marsh", "Melissa Marsh", "Lisa Marsh"]
    assert {"Lisa Marsh"} in people(names)
