"""Tests for the evaluation metrics, eval-file loading, worst errors and the two anchors."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from namekit.errors import InputError
from namekit.evaluation import (
    ErrorKind,
    bcubed_metrics,
    cluster_breakdown,
    cluster_within_groups,
    concat_tables,
    evaluate_cluster_file,
    evaluate_clusters,
    evaluate_pair_file,
    format_report,
    load_cluster_table,
    pair_file_metrics,
    pair_metrics,
    pair_metrics_touching,
    worst_false_merges,
    worst_missed_pairs,
)

REPO_ROOT = Path(__file__).resolve().parents[1]
EVAL_DIR = REPO_ROOT.parent / "shared" / "eval"
# bench/ is a folder of scripts, not a package: put it on the path to test the anchors.
sys.path.insert(0, str(REPO_ROOT / "bench"))

from anchors import (  # noqa: E402
    connected_components,
    fingerprint_clusters,
    fingerprint_key,
    token_sort_cluster,
    token_sort_clusters,
)

needs_eval_data = pytest.mark.skipif(
    not EVAL_DIR.is_dir(), reason=f"labelled eval data not found at {EVAL_DIR}"
)

TRUTH = ["a", "a", "a", "b", "b", "c"]  # 3 + 1 + 0 = 4 true pairs


@dataclass(frozen=True)
class FakeScore:
    """A pair scorer's result, as namekit.scoring returns it."""

    score: float
    reason: str


def casefold_cluster(names: list[str], score_cutoff: float) -> list[str]:
    """Stand-in matcher: names equal after casefolding are one person."""
    return [name.casefold() for name in names]


def equal_casefold_scorer(lefts: Sequence[str], rights: Sequence[str]) -> list[FakeScore]:
    """Stand-in pair scorer: 100 for names equal after casefolding, else 0."""
    return [
        FakeScore(100.0 if left.casefold() == right.casefold() else 0.0, "casefold")
        for left, right in zip(lefts, rights, strict=True)
    ]


def test_perfect_clustering_scores_one() -> None:
    metrics = pair_metrics(TRUTH, ["x", "x", "x", "y", "y", "z"])
    assert (metrics.precision, metrics.recall, metrics.f1) == (1.0, 1.0, 1.0)
    assert metrics.true_pairs == metrics.predicted_pairs == metrics.correct_pairs == 4
    assert bcubed_metrics(TRUTH, ["x", "x", "x", "y", "y", "z"]).f1 == 1.0


def test_all_singletons_have_zero_recall() -> None:
    metrics = pair_metrics(TRUTH, ["1", "2", "3", "4", "5", "6"])
    assert metrics.recall == 0.0
    assert metrics.f1 == 0.0
    assert metrics.predicted_pairs == 0


def test_all_in_one_has_precision_true_over_all_pairs() -> None:
    metrics = pair_metrics(TRUTH, ["x"] * 6)
    assert metrics.predicted_pairs == 15
    assert metrics.precision == pytest.approx(4 / 15)
    assert metrics.recall == 1.0


def test_partial_clustering_counts_pairs_by_hand() -> None:
    # Predicted {0,1} {2,3} {4,5}: only pair (0,1) is true.
    metrics = pair_metrics(TRUTH, ["x", "x", "y", "y", "z", "z"])
    assert (metrics.true_pairs, metrics.predicted_pairs, metrics.correct_pairs) == (4, 3, 1)
    assert metrics.f1 == pytest.approx(2 * (1 / 3) * (1 / 4) / (1 / 3 + 1 / 4))


def test_blank_predicted_ids_are_singletons_not_one_cluster() -> None:
    metrics = pair_metrics(["a", "a", "b"], ["", "", ""])
    assert metrics.predicted_pairs == 0


def test_bcubed_known_values() -> None:
    # All in one: each row's precision is |own truth cluster| / 6, recall 1.
    bcubed = bcubed_metrics(TRUTH, ["x"] * 6)
    assert bcubed.precision == pytest.approx((3 * 3 + 2 * 2 + 1 * 1) / 36)
    assert bcubed.recall == 1.0
    # All singletons: precision 1, each row's recall is 1 / |own truth cluster|.
    singles = bcubed_metrics(TRUTH, ["1", "2", "3", "4", "5", "6"])
    assert singles.precision == 1.0
    assert singles.recall == pytest.approx((3 * (1 / 3) + 2 * (1 / 2) + 1) / 6)


def test_bcubed_over_some_rows_averages_only_those() -> None:
    bcubed = bcubed_metrics(TRUTH, ["1", "2", "3", "4", "5", "6"], [False] * 5 + [True])
    assert (bcubed.recall, bcubed.rows) == (1.0, 1)


def test_pairs_touching_a_subset_ignore_pairs_among_the_rest() -> None:
    # One person (rows 0-2) among three other people (rows 3-5), everything merged.
    truth = ["p", "p", "p", "o1", "o2", "o3"]
    focus = [True, True, True, False, False, False]
    merged = pair_metrics_touching(truth, ["x"] * 6, focus)
    assert merged.true_pairs == 3
    # 15 pairs in all, minus the 3 among the others.
    assert merged.predicted_pairs == 12
    assert merged.precision == pytest.approx(3 / 12)
    # A false merge among the others alone does not count.
    clean = pair_metrics_touching(truth, ["x", "x", "x", "y", "y", "z"], focus)
    assert (clean.precision, clean.recall) == (1.0, 1.0)


def test_breakdown_recall_counts_pairs_touching_each_value() -> None:
    truth = ["a", "a", "a"]
    predicted = ["x", "x", "y"]
    kinds = ["primary", "aka", "aka;disjoint"]
    rows = {row.value: row.metrics for row in cluster_breakdown(truth, predicted, kinds)}
    assert rows["aka;disjoint"].recall == 0.0
    assert rows["primary"].recall == pytest.approx(1 / 2)
    assert rows["aka"].true_pairs == 2


def test_pair_file_metrics() -> None:
    metrics = pair_file_metrics([True, True, False, False], [True, False, True, False])
    assert (metrics.precision, metrics.recall, metrics.merged_share) == (0.5, 0.5, 0.5)


def test_cluster_within_groups_never_merges_across_groups() -> None:
    predicted = cluster_within_groups(["Li Wei", "Li Wei"], ["g1", "g2"], casefold_cluster, 90.0)
    assert predicted[0] != predicted[1]


def test_worst_errors_name_the_costliest_pairs_first() -> None:
    names = ["Kim Jong-il", "KIM JONG IL", "Kim Jong-un", "Li Peng", "Li Peng", "Li P."]
    truth = ["il", "il", "un", "peng", "peng", "peng"]
    predicted = ["k", "k", "k", "p", "p", "q"]
    merges = worst_false_merges(names, truth, predicted, limit=5)
    assert [(e.name_a, e.name_b, e.row_pairs) for e in merges] == [
        ("Kim Jong-il", "Kim Jong-un", 2)
    ]
    missed = worst_missed_pairs(names, truth, predicted, limit=5)
    assert [(e.kind, e.name_b, e.row_pairs) for e in missed] == [
        (ErrorKind.MISSED_PAIR, "Li P.", 2)
    ]


def test_worst_errors_stay_bounded_when_everything_is_merged() -> None:
    names = [f"person {index}" for index in range(3000)]
    merges = worst_false_merges(names, names, ["one"] * 3000, limit=7)
    assert len(merges) == 7


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


CLUSTER_CSV = (
    "cluster_id,name,lang_or_script,variant_kind,source\n"
    "1,Wu Yanan,Latn,primary,news\n"
    "1,WU YANAN,Latn,case,news\n"
    "1,Chen Simao,Latn,aka;disjoint,news\n"
    "2,NA,Latn,primary,news\n"
)


def test_exclude_tag_drops_only_whole_tag_words(tmp_path: Path) -> None:
    path = write(tmp_path / "people.csv", CLUSTER_CSV)
    kept = load_cluster_table(path, exclude_tags=["disjoint"])
    assert kept.names == ("Wu Yanan", "WU YANAN", "NA")
    assert load_cluster_table(path, exclude_tags=["disj"]).names == load_cluster_table(path).names


def test_cluster_file_report_with_stand_in(tmp_path: Path) -> None:
    path = write(tmp_path / "people.csv", CLUSTER_CSV)
    report = evaluate_cluster_file(
        path,
        cluster=casefold_cluster,
        score_cutoff=90.0,
        group_column="source",
        by="variant_kind",
        sweep_cutoffs=[80.0, 90.0],
        show_errors=3,
        scorer=equal_casefold_scorer,
    )
    assert (report.pairs.true_pairs, report.pairs.correct_pairs) == (3, 1)
    # One example stands for both rows of the "Wu Yanan" cell against "Chen Simao".
    assert [(e.truth_a, e.row_pairs) for e in report.missed_pairs] == [("1", 2)]
    assert report.missed_pairs[0].reason == "casefold"
    text = format_report(report)
    assert "by variant_kind" in text
    assert "'Wu Yanan' ~ 'Chen Simao'" in text


def test_missing_truth_column_names_the_fix(tmp_path: Path) -> None:
    path = write(tmp_path / "people.csv", "id,name\n1,Wu\n")
    with pytest.raises(InputError, match=r"column 'cluster_id' not found .* Use --truth\."):
        load_cluster_table(path)


def test_pair_file_report(tmp_path: Path) -> None:
    path = write(
        tmp_path / "pairs.csv",
        "name_a,name_b,same,kind\nWu Yanan,wu yanan,1,case\nLi Wu,Lu Wu,0,near\nA B,B A,1,order\n",
    )
    report = evaluate_pair_file(
        path, scorer=equal_casefold_scorer, score_cutoff=90.0, by="kind", show_errors=5
    )
    assert (report.metrics.precision, report.metrics.recall) == (1.0, 0.5)
    assert [(e.name_a, e.score) for e in report.missed_pairs] == [("A B", 0.0)]
    assert {row.value for row in report.breakdown} == {"case", "near", "order"}


def test_bad_same_label_names_the_fix(tmp_path: Path) -> None:
    path = write(tmp_path / "pairs.csv", "name_a,name_b,same\nA,B,maybe\n")
    with pytest.raises(InputError, match="use 1 or 0"):
        evaluate_pair_file(path, scorer=equal_casefold_scorer, score_cutoff=90.0)


def test_fingerprint_merges_order_and_case_but_not_different_names() -> None:
    labels = fingerprint_clusters(["Wu, Yanan", "yanan wu", "Song Yanchao", "Wú Yànán"])
    assert labels[0] == labels[1] == labels[3]
    assert labels[2] != labels[0]
    assert fingerprint_key("Ya-nan WU") == "wu yanan"


def test_token_sort_components_chain_and_respect_cutoff() -> None:
    # Ends score 93, links 96: at cutoff 95 only the chain joins the ends.
    names = ["Muammar Qaddafi", "Muammar Qadafi", "Muamar Qadafi", "Li Peng", "Muammar Qaddafi"]
    by_cutoff = token_sort_clusters(names, [95.0, 100.0])
    loose, strict = by_cutoff[95.0], by_cutoff[100.0]
    assert loose[0] == loose[1] == loose[2] != loose[3]
    assert strict[0] == strict[4] != strict[1]
    assert token_sort_cluster(names, 95.0) == loose


def test_connected_components_follow_long_chains() -> None:
    import numpy as np

    sources = np.arange(0, 99, dtype=np.int64)[::-1].copy()
    labels = connected_components(101, sources, sources + 1)
    assert set(labels[:100].tolist()) == {0}
    assert labels[100] == 100


cluster_labels = st.lists(st.sampled_from("abcde"), min_size=1, max_size=30)


@given(cluster_labels, st.data())
def test_metrics_ignore_how_clusters_are_named(truth: list[str], data: st.DataObject) -> None:
    predicted = data.draw(
        st.lists(st.sampled_from("vwxyz"), min_size=len(truth), max_size=len(truth))
    )
    rename = {label: f"renamed-{ord(label) * 7 % 11}-{label}" for label in "abcdevwxyz"}
    renamed_truth = [rename[label] for label in truth]
    renamed_predicted = [rename[label] for label in predicted]
    assert pair_metrics(truth, predicted) == pair_metrics(renamed_truth, renamed_predicted)
    assert bcubed_metrics(truth, predicted) == bcubed_metrics(renamed_truth, renamed_predicted)
    # Swapping truth and prediction swaps precision and recall.
    swapped = pair_metrics(predicted, truth)
    assert swapped.precision == pair_metrics(truth, predicted).recall


@needs_eval_data
def test_every_eval_cluster_file_loads_with_its_groups() -> None:
    for path in sorted(EVAL_DIR.glob("*.csv")):
        if path.stem.endswith("_pairs"):
            continue
        table = load_cluster_table(path, group_column="source", exclude_tags=["disjoint"])
        assert table.names and all(table.truth)
        assert not any("disjoint" in kind for kind in table.columns["variant_kind"])


@needs_eval_data
def test_eval_pair_files_score_with_stand_in() -> None:
    for path in sorted(EVAL_DIR.glob("*_pairs.csv")):
        report = evaluate_pair_file(path, scorer=equal_casefold_scorer, score_cutoff=90.0)
        assert report.metrics.pairs > 0
        assert 0.0 <= report.metrics.merged_share <= 1.0


@needs_eval_data
def test_one_person_among_ofac_names_is_hurt_by_merging_everything() -> None:
    from quality import distractors

    focus = load_cluster_table(EVAL_DIR / "gnu_grep_khadafy.csv")
    crowd_only = distractors(load_cluster_table(EVAL_DIR / "ofac_sdn_2021.csv"), focus)
    # OFAC's own "QADHAFI, Muammar" is the same man: it must not be a distractor.
    focus_keys = {fingerprint_key(name) for name in focus.names}
    assert not focus_keys & {fingerprint_key(name) for name in crowd_only.names}
    crowd = concat_tables([focus, crowd_only], label="crowd")
    rows = [True] * len(focus.names) + [False] * len(crowd_only.names)
    merged = evaluate_clusters(
        crowd, cluster=lambda names, _: ["x"] * len(names), score_cutoff=0.0, focus=rows
    )
    assert merged.pairs.recall == 1.0
    assert merged.pairs.precision < 0.05
