"""The reconciliation service: schema-valid responses, the spec's examples, a real server."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx2
import pytest
from conftest import REPO_ROOT, WriteTable

pytest.importorskip("starlette")
jsonschema = pytest.importorskip("jsonschema")
from starlette.testclient import TestClient  # noqa: E402

from namekit.server import TableService, create_app, table_service  # noqa: E402

RECON_API = REPO_ROOT.parent / "shared" / "recon-api" / "0.2"
MINE = [
    ["person_id", "name", "relation", "source"],
    ["nk-xi-jinping", "Xi Jinping", "canonical", "test"],
    ["nk-xi-jinping", "Hsi Chin-p'ing", "alias", "test"],
]
BATCH = {
    "q0": {"query": "Wu Yenan"},
    "q1": {"query": "Hsi Chin-p'ing", "type": "Person", "limit": 2},
    "q2": {"query": "Paparo"},
    "q3": {"query": "Nobody Atall"},
}


@pytest.fixture
def schemas() -> Path:
    """The Reconciliation API 0.2 schemas; skip when the shared folder is absent."""
    if not (RECON_API / "schemas").is_dir():
        pytest.skip(f"Reconciliation API schemas not found at {RECON_API / 'schemas'}")
    return RECON_API


def validate(api: Path, schema_name: str, document: Any) -> None:
    """Validate against one schema of the spec (with its local $refs resolved)."""
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT7

    registry: Registry[Any] = Registry()
    for path in sorted((api / "schemas").glob("*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        if "$id" in schema:
            resource = Resource.from_contents(schema, default_specification=DRAFT7)
            registry = registry.with_resource(schema["$id"], resource)
    schema = json.loads((api / "schemas" / schema_name).read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema, registry=registry).validate(document)


@pytest.fixture
def client(write_table: WriteTable) -> TestClient:
    mine = write_table("mine.csv", MINE)
    return TestClient(create_app(table_service(alias_paths=[mine])))


def test_manifest_validates(client: TestClient, schemas: Path) -> None:
    manifest = client.get("/reconcile").json()
    validate(schemas, "manifest.json", manifest)
    assert manifest["defaultTypes"] == [{"id": "Person", "name": "Person"}]
    assert "{{id}}" in manifest["view"]["url"] and "{{id}}" in manifest["preview"]["url"]


def test_batch_results_validate_and_match_only_clear_winners(
    client: TestClient, schemas: Path
) -> None:
    response = client.post("/reconcile", data={"queries": json.dumps(BATCH)})
    assert response.status_code == 200
    results = response.json()
    validate(schemas, "reconciliation-result-batch.json", results)
    top = {key: value["result"][0] if value["result"] else None for key, value in results.items()}
    assert top["q0"] is not None and top["q0"]["id"] == "nk-wu-yanan" and top["q0"]["match"]
    assert top["q1"] is not None and top["q1"]["id"] == "nk-xi-jinping" and top["q1"]["match"]
    assert top["q2"] is not None and top["q2"]["id"] == "nk-samuel-paparo"
    assert not top["q2"]["match"]  # a surname alone is never an automatic match
    assert top["q3"] is None
    features = {f["id"]: f["value"] for f in top["q2"]["features"]}
    assert features["name_score"] == top["q2"]["score"] and features["decisive"] is False
    get = client.get("/reconcile", params={"queries": json.dumps(BATCH)})
    assert get.json() == results


def test_spec_examples(client: TestClient, schemas: Path) -> None:
    folder = schemas / "examples" / "reconciliation-query-batch"
    for example in sorted((folder / "valid").glob("*.json")):
        response = client.post("/reconcile", data={"queries": example.read_text(encoding="utf-8")})
        assert response.status_code == 200, (example.name, response.text)
        validate(schemas, "reconciliation-result-batch.json", response.json())
    for example in sorted((folder / "invalid").glob("*.json")):
        response = client.post("/reconcile", data={"queries": example.read_text(encoding="utf-8")})
        assert response.status_code == 400, example.name
        assert response.json()["error"]
    for example in sorted(
        (schemas / "examples" / "reconciliation-result-batch" / "invalid").glob("*.json")
    ):
        with pytest.raises(jsonschema.ValidationError):  # the validator itself is strict enough
            validate(schemas, "reconciliation-result-batch.json", json.loads(example.read_text()))


def test_invalid_requests_get_400_with_a_message(client: TestClient) -> None:
    bad = client.get("/reconcile", params={"queries": "{not json"})
    assert bad.status_code == 400 and bad.json()["error"].startswith("queries is not valid JSON")
    props = client.get("/reconcile", params={"queries": json.dumps({"q0": {"props": []}})})
    assert props.json() == {
        "error": "query 'q0': unknown field 'props'; fields are: query, type, limit, properties, "
        "type_strict"
    }
    many = {f"q{i}": {"query": "x"} for i in range(501)}
    too_many = client.post("/reconcile", data={"queries": json.dumps(many)})
    assert too_many.status_code == 400 and "at most 500" in too_many.json()["error"]
    huge = client.post("/reconcile", content=b"queries=" + b"x" * 1_000_001)
    assert huge.status_code == 413


def test_jsonp_suggest_and_preview(client: TestClient, schemas: Path) -> None:
    jsonp = client.get("/reconcile", params={"callback": "jQuery_1"})
    assert jsonp.text.startswith("/**/jQuery_1({") and jsonp.text.endswith(");")
    assert client.get("/reconcile", params={"callback": "alert(1)//"}).status_code == 400
    suggest = client.get("/suggest/entity", params={"prefix": "hsi"}).json()
    validate(schemas, "suggest-entities-response.json", suggest)
    assert [r["id"] for r in suggest["result"]] == ["nk-xi-jinping"]
    page = client.get("/preview", params={"id": "nk-xi-jinping"})
    assert page.status_code == 200 and "Hsi Chin-p&#x27;ing" in page.text
    assert client.get("/view/../../etc/passwd").status_code == 404


def test_reload_picks_up_new_decisions(write_table: WriteTable) -> None:
    mine = write_table("mine.csv", MINE)
    service = table_service(alias_paths=[mine], reload_on_change=True)
    client = TestClient(create_app(service))
    query = {"queries": json.dumps({"q": {"query": "Chou En-lai"}})}
    assert client.get("/reconcile", params=query).json()["q"]["result"] == []
    write_table(
        "mine.csv",
        [
            *MINE,
            ["nk-zhou", "Zhou Enlai", "canonical", "t"],
            ["nk-zhou", "Chou En-lai", "alias", "t"],
        ],
    )
    assert client.get("/reconcile", params=query).json()["q"]["result"][0]["id"] == "nk-zhou"
    explicit = TestClient(create_app(TableService(service._load, [], reload_on_change=False)))
    assert explicit.post("/reload").json()["status"] == "reloaded"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_real_server_reconciles_a_batch_over_http(write_table: WriteTable, schemas: Path) -> None:
    mine = write_table("mine.csv", MINE)
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "namekit", "serve", "--port", str(port), "--aliases", str(mine)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        url = f"http://127.0.0.1:{port}/reconcile"
        deadline = time.monotonic() + 20
        while True:
            try:
                manifest = httpx2.get(url, timeout=2).json()
                break
            except httpx2.TransportError:
                assert process.poll() is None, process.communicate()[1].decode()
                assert time.monotonic() < deadline, "server did not start"
                time.sleep(0.1)
        validate(schemas, "manifest.json", manifest)
        results = httpx2.post(url, data={"queries": json.dumps(BATCH)}, timeout=10).json()
        validate(schemas, "reconciliation-result-batch.json", results)
        assert results["q1"]["result"][0]["id"] == "nk-xi-jinping"
    finally:
        process.terminate()
        process.wait(timeout=10)
