"""`namekit aliases import`: mapping CSV, nomenklatura judgements, OpenRefine clusters."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import Run, WriteTable, assert_clean_error, read_records

from namekit.aliases import read_alias_table

MINE = [
    ["person_id", "name", "relation", "source"],
    ["nk-xi-jinping", "Xi Jinping", "canonical", "test"],
    ["nk-xi-jinping", "Hsi Chin-p'ing", "alias", "test"],
    ["nk-xi-jinping", "Xi Yuanping", "different", "test"],
    ["nk-bob", "-Bob", "canonical", "test"],
]


def names_of(path: Path) -> set[tuple[str, str, str]]:
    """(person, name, relation) of every row of an alias table."""
    return {(r.person_id, r.name, r.relation.value) for r in read_alias_table(path)}


def test_mapping_csv_becomes_alias_rows_joining_known_people(
    run: Run, write_table: WriteTable, tmp_path: Path
) -> None:
    mapping = write_table(
        "map.csv",
        [
            ["alias", "canonical"],
            ["Wu Yaman", "Wu Yanan"],
            ["Wu Ya-nan", "Wu Yanan"],
            ["Chou En-lai", "Zhou Enlai"],
            ["'-Bobby", "Robert"],
        ],
    )
    out = tmp_path / "mine.csv"
    result = run("aliases", "import", mapping, "--format", "mapping-csv", "-o", out)
    assert result.exit_code == 0, result.output
    assert result.stderr.strip() == f"imported 4 rows (2 already known) into {out}"
    assert names_of(out) == {
        ("nk-zhou-enlai", "Zhou Enlai", "canonical"),
        ("nk-zhou-enlai", "Chou En-lai", "alias"),
        ("nk-robert", "Robert", "canonical"),
        ("nk-robert", "-Bobby", "alias"),  # the spreadsheet escape is undone
    }
    again = run("aliases", "import", mapping, "--format", "mapping-csv", "-o", out)
    assert again.stderr.strip() == f"imported 0 rows (6 already known) into {out}"


def test_conflicts_are_listed_by_line_and_nothing_is_written(
    run: Run, write_table: WriteTable, tmp_path: Path
) -> None:
    mapping = write_table(
        "map.csv",
        [
            ["alias", "canonical"],
            ["Wu Yaman", "Wu Yanan"],
            ["Perosi", "Li Peng"],
            ["Wu Yaman", "Xi Jinping"],
        ],
    )
    out = tmp_path / "mine.csv"
    result = run("aliases", "import", mapping, "-f", "mapping-csv", "-o", out)
    assert_clean_error(
        result,
        f"2 conflict(s) in {mapping}; nothing was written. Fix the lines listed above, "
        "then import again.",
    )
    assert result.stderr.splitlines()[:2] == [
        f"{mapping}:4: 'Wu Yaman' is mapped to 'Xi Jinping' here but to another person at line 2",
        f"{mapping}:3: 'Perosi' is Nancy Pelosi (nk-nancy-pelosi) in the alias tables, "
        "not 'Li Peng'; map it to 'Nancy Pelosi' or leave it out",
    ]
    assert not out.exists()


def test_resolver_jsonl_round_trips_the_alias_table(
    run: Run, write_table: WriteTable, tmp_path: Path
) -> None:
    mine = write_table("mine.csv", MINE)
    judgements = tmp_path / "judgements.jsonl"
    back = tmp_path / "back.csv"
    assert (
        run(
            "export",
            "--no-default-aliases",
            "--aliases",
            mine,
            "-f",
            "resolver-jsonl",
            "-o",
            judgements,
        ).exit_code
        == 0
    )
    result = run(
        "aliases", "import", judgements, "-f", "resolver-jsonl", "--no-default-aliases", "-o", back
    )
    assert result.exit_code == 0, result.output
    exported = run("export", "--no-default-aliases", "--aliases", mine, "--no-formula-escape")
    assert back.read_text(encoding="utf-8") == exported.stdout


def test_plain_nomenklatura_judgements_import(write_table: WriteTable, tmp_path: Path) -> None:
    from namekit.importing import import_file

    lines = [
        {
            "target": "NK-1",
            "source": "Kim Jong-un",
            "judgement": "positive",
            "score": None,
            "user": "ana",
            "timestamp": "2024-01-02T03:04:05",
        },
        {
            "target": "NK-1",
            "source": "Kim Jong Un",
            "judgement": "positive",
            "score": 0.9,
            "user": "ana",
            "timestamp": "2024-01-02T03:04:06",
        },
        ["NK-1", "Kim Jong-il", "negative", None, "ana", "2024-01-02T03:04:07"],
        {"target": "NK-1", "source": "x", "judgement": "no_judgement"},
    ]
    path = tmp_path / "r.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    result = import_file(path, "resolver-jsonl")
    assert result.problems == []
    assert [(r.person_id, r.name, r.relation.value, r.added_by) for r in result.rows] == [
        ("NK-1", "Kim Jong-un", "canonical", "ana"),
        ("NK-1", "Kim Jong Un", "alias", "ana"),
        ("NK-1", "Kim Jong-il", "different", "ana"),
    ]


def test_openrefine_clusters_import_checked_clusters(run: Run, tmp_path: Path) -> None:
    document = {
        "projectName": "mentions",
        "columnName": "name",
        "timeStamp": "2024-05-01T10:00:00Z",
        "clusterMethod": "binning",
        "keyingFunction": "fingerprint",
        "clusters": [
            {
                "edit": True,
                "choices": [{"v": "Kim Jong Un", "c": 3}, {"v": "Kim Jong-un", "c": 1}],
                "value": "Kim Jong-un",
                "size": 2,
                "rowCount": 4,
            },
            {
                "edit": False,
                "choices": [{"v": "Lee Myung-bak", "c": 1}, {"v": "Myung-bak Lee", "c": 1}],
                "value": "Lee Myung-bak",
                "size": 2,
                "rowCount": 2,
            },
        ],
    }
    clusters = tmp_path / "clusters.json"
    clusters.write_text(json.dumps(document), encoding="utf-8")
    result = run("aliases", "import", clusters, "-f", "openrefine-clusters", "-o", "-")
    assert result.exit_code == 0, result.output
    assert [(r["person_id"], r["name"], r["relation"]) for r in read_records(result.stdout)] == [
        ("nk-kim-jong-un", "Kim Jong-un", "canonical"),
        ("nk-kim-jong-un", "Kim Jong Un", "alias"),
    ]
    everything = run("aliases", "import", clusters, "-f", "openrefine-clusters", "--all-clusters")
    assert "nk-lee-myung-bak,Lee Myung-bak,canonical" in everything.stdout


def test_unchecked_clusters_name_the_fix(run: Run, tmp_path: Path) -> None:
    clusters = tmp_path / "c.json"
    clusters.write_text(
        json.dumps({"clusters": [{"edit": False, "choices": [{"v": "A", "c": 1}], "value": "A"}]}),
        encoding="utf-8",
    )
    assert_clean_error(
        run("aliases", "import", clusters, "-f", "openrefine-clusters"),
        f"{clusters}: no cluster has its 'Merge?' box checked. Check the clusters to import in "
        "OpenRefine before exporting them, or use --all-clusters.",
    )


def test_mapping_csv_without_recognisable_columns(run: Run, write_table: WriteTable) -> None:
    bad = write_table("bad.csv", [["a", "b", "c"], ["1", "2", "3"]])
    assert_clean_error(
        run("aliases", "import", bad, "-f", "mapping-csv"),
        f"{bad}:1: cannot find the alias and canonical columns; columns are: a, b, c. "
        "Name them alias,canonical (or name,canonical_name).",
    )
