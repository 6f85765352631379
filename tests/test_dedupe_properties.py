"""Properties of normalisation, scoring and dedupe that must hold for any names."""

from __future__ import annotations

import random
from collections.abc import Sequence

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from namekit import DedupeResult, dedupe_names, load_aliases, normalize_name, score_names

# Latin with accents, separators names really contain, CJK and Cyrillic.
ALPHABET = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    "éèêëáàâäãåçñóòôöõøúùûüíìîïýÿłßæœŠšŽžČčĆćŁ"
    "   ,-'’."
    "吴亚男习近平李明黎宋彦超陈思懋王张刘"
    "АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЫЭЮЯабвгдежзийклмнопрстуфхцчшщыэюяіїєґ"
)
REAL_NAMES = [
    "Wu Yanan", "Yanan Wu", "WU, Yanan", "Wu Ya-nan", "Wu Yaman", "Wu Yenan", "吴亚男",
    "Song Yanchao", "Michael Chase", "Chen Simao", "Perosi", "Nancy Pelosi", "Paparo",
    "Commander Paparo", "Adm. Samuel J. Paparo", "Samuel Paparo", "Maria Paparo",
    "Kim Jong-il", "Kim Jong-un", "Li Peng", "Li Ping", "John A. Smith", "John A. Smith Jr.",
    "Bill Clinton", "William Clinton", "Mao Zedong", "Mao Tse-tung", "Володимир Зеленський",
    "Volodymyr Zelensky", "José Pérez", "Jose Perez", "Li Wu", "Lu Wu", "",
]  # fmt: skip

random_text = st.text(alphabet=ALPHABET, max_size=24)
names = st.one_of(st.sampled_from(REAL_NAMES), random_text)
# Lists that repeat names often, so clusters and repeats actually occur.
name_lists = st.lists(names, min_size=1, max_size=25)

NO_ALIASES = load_aliases((), use_default=False)
BUNDLED = load_aliases()
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def partition(items: Sequence[str], person_ids: Sequence[str]) -> set[frozenset[str]]:
    """The groups of items that share a person id (blank ids are nobody)."""
    groups: dict[str, set[str]] = {}
    for item, person in zip(items, person_ids, strict=True):
        if person:
            groups.setdefault(person, set()).add(item)
    return {frozenset(g) for g in groups.values()}


def person_of(names: Sequence[str], result: DedupeResult) -> dict[str, str]:
    """Name -> person id; every row of one name must get the same id."""
    out: dict[str, str] = {}
    for name, person in zip(names, result.person_ids, strict=True):
        assert out.setdefault(name, person) == person, name
    return out


@FAST
@given(names)
def test_normalising_twice_changes_nothing(name: str) -> None:
    once = normalize_name(name)
    assert normalize_name(once) == once


@FAST
@given(names, names)
def test_scores_are_symmetric_and_within_0_100(a: str, b: str) -> None:
    forward, backward = score_names(a, b), score_names(b, a)
    assert 0.0 <= forward.score <= 100.0
    assert forward == backward
    assert forward.reason.strip()


@FAST
@given(names)
def test_a_name_scores_100_against_itself_unless_blank(name: str) -> None:
    match = score_names(name, name)
    assert match.score == (100.0 if normalize_name(name) else 0.0)


@FAST
@given(name_lists, st.randoms(use_true_random=False))
def test_dedupe_is_deterministic_and_independent_of_row_order(
    rows: list[str], rnd: random.Random
) -> None:
    first = dedupe_names(rows, aliases=NO_ALIASES)
    assert dedupe_names(rows, aliases=NO_ALIASES) == first
    shuffled = rows[:]
    rnd.shuffle(shuffled)
    again = dedupe_names(shuffled, aliases=NO_ALIASES)
    assert partition(shuffled, again.person_ids) == partition(rows, first.person_ids)
    # Blank names are nobody, whatever their position.
    assert all(not p for n, p in zip(rows, first.person_ids, strict=True) if not n.strip())
    assert all(p for n, p in zip(rows, first.person_ids, strict=True) if n.strip())


@FAST
@given(name_lists, name_lists)
def test_people_who_did_not_change_keep_their_ids(base: list[str], added: list[str]) -> None:
    """Ids derive from a person's names: rerunning on a grown input keeps unchanged people's."""
    before = person_of(base, dedupe_names(base, aliases=NO_ALIASES))
    grown = base + added
    after = person_of(grown, dedupe_names(grown, aliases=NO_ALIASES))
    members_before = {p: {n for n, q in before.items() if q == p} for p in before.values() if p}
    members_after = {p: {n for n, q in after.items() if q == p} for p in after.values() if p}
    for person, members in members_after.items():
        unchanged = [p for p, m in members_before.items() if m == members]
        if unchanged:  # the same set of names is the same person: same id
            assert unchanged == [person]


@FAST
@given(name_lists)
def test_alias_table_people_keep_the_table_id(rows: list[str]) -> None:
    """Whatever else is in the input, a name the alias table knows gets the table's id."""
    result = dedupe_names(rows, aliases=BUNDLED)
    for name, person in zip(rows, result.person_ids, strict=True):
        known = BUNDLED.person_for(name) if name.strip() else None
        if known is not None:
            assert person == known, name


@FAST
@given(name_lists, st.lists(st.integers(min_value=1, max_value=4), min_size=25, max_size=25))
def test_repeated_rows_change_nothing_but_the_row_count(
    rows: list[str], repeats: list[int]
) -> None:
    once = dedupe_names(rows, aliases=NO_ALIASES)
    # Every row three times: the same frequencies, so the very same result per name.
    tripled = dedupe_names([n for n in rows for _ in range(3)], aliases=NO_ALIASES)
    assert tripled.person_ids == [p for p in once.person_ids for _ in range(3)]
    assert tripled.canonical_names == [c for c in once.canonical_names for _ in range(3)]
    assert tripled.match_scores == [s for s in once.match_scores for _ in range(3)]
    assert tripled.match_reasons == [r for r in once.match_reasons for _ in range(3)]
    # Uneven repeats: the same people with the same ids; names are scored once each.
    uneven_rows = [n for n, k in zip(rows, repeats, strict=False) for _ in range(k)]
    uneven = dedupe_names(uneven_rows, aliases=NO_ALIASES)
    assert person_of(uneven_rows, uneven) == person_of(rows, once)
    assert uneven.candidate_pairs == once.candidate_pairs == tripled.candidate_pairs
    assert uneven.distinct_names == once.distinct_names == len({n for n in rows if n.strip()})


def test_a_linked_name_says_which_name_it_joined_through() -> None:
    result = dedupe_names(["Maria Kowalczyk", "M. Kowalczyk", "Maria Kowalczyk", "Ewa Nowak"])
    assert result.explanations[0] == result.explanations[2] == "the canonical name"
    assert result.explanations[1].endswith("(via Maria Kowalczyk)")
    assert "m. = maria" in result.explanations[1]
    assert result.explanations[3] == "a person seen under this name only"


def test_a_name_at_the_far_end_of_a_link_names_the_other_end() -> None:
    # "Smith, John" (two rows) is the display name; "John Smith" holds no link of its own.
    result = dedupe_names(["John Smith", "Smith, John", "Smith, John"])
    assert result.canonical_names[0] == "Smith, John"
    assert result.explanations[0].endswith("(via Smith, John)")
