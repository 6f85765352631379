"""`namekit serve`: the reconciliation service over HTTP (Starlette app, run by uvicorn).

Routes (all read-only except /reload):

- `GET|POST /reconcile`: without `queries`, the service manifest; with `queries` (a JSON
  batch, in the query string or a form body), the results. `callback` wraps either in
  JSONP. An invalid batch gets HTTP 400 with `{"error": "..."}`.
- `GET /suggest/entity?prefix=...`: typeahead over the people's name forms.
- `GET /preview?id=...` and `GET /view/{id}`: a small HTML page about one person.
- `POST /reload`: re-read the tables (new review decisions show up without a restart).

The service reads only the tables it was started with, never a path from a request.
Bodies over MAX_BODY_BYTES get 413 and batches over MAX_QUERIES get 400. With
`reload_on_change`, each request first checks the tables' modification times; a table
that became invalid is reported on stderr and the last good tables keep serving.
"""

from __future__ import annotations

import re
import socket
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from urllib.parse import parse_qs

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from namekit.errors import NamekitError, QueryError, ServeError
from namekit.reconcile import ReconIndex, manifest, parse_query_batch

MAX_BODY_BYTES = 1_000_000
_CALLBACK = re.compile(r"^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$")

Loader = Callable[[], ReconIndex]


class TableService:
    """The loaded tables, reloaded on demand or when their files change."""

    def __init__(self, load: Loader, watched: Sequence[Path], *, reload_on_change: bool) -> None:
        """Load the tables once; a broken table raises its NamekitError here."""
        self._load = load
        self._watched = tuple(watched)
        self._reload_on_change = reload_on_change
        self._lock = threading.Lock()
        self._stamps = self._stat()
        self._index = load()

    def _stat(self) -> tuple[tuple[float, int], ...]:
        """Modification time and size of each watched file (missing: zeros)."""
        stamps = []
        for path in self._watched:
            try:
                info = path.stat()
                stamps.append((info.st_mtime, info.st_size))
            except OSError:
                stamps.append((0.0, 0))
        return tuple(stamps)

    @property
    def index(self) -> ReconIndex:
        """The current tables, reloaded first if watching and a file changed."""
        if self._reload_on_change and self._stat() != self._stamps:
            try:
                self.reload()
            except NamekitError as error:
                print(f"namekit serve: kept the previous tables: {error}", file=sys.stderr)
        return self._index

    def reload(self) -> ReconIndex:
        """Re-read the tables now; on error the previous tables stay in use."""
        with self._lock:
            stamps = self._stat()
            index = self._load()
            self._index, self._stamps = index, stamps
            return index


def _jsonp_or_json(request: Request, body: object, status: int = 200) -> Response:
    """JSON, or JSONP when the request names a callback."""
    callback = request.query_params.get("callback")
    if callback is None:
        return JSONResponse(body, status_code=status)
    if not _CALLBACK.match(callback) or len(callback) > 100:
        return JSONResponse({"error": "callback must be a JavaScript identifier"}, 400)
    text = bytes(JSONResponse(body).body).decode("utf-8")
    return Response(
        f"/**/{callback}({text});", status_code=status, media_type="application/javascript"
    )


async def _form(request: Request) -> dict[str, str]:
    """The url-encoded form of a POST body, read up to MAX_BODY_BYTES (QueryError past it)."""
    size = request.headers.get("content-length")
    if size is not None and size.isdigit() and int(size) > MAX_BODY_BYTES:
        raise _TooLarge()
    chunks = bytearray()
    async for chunk in request.stream():
        chunks += chunk
        if len(chunks) > MAX_BODY_BYTES:
            raise _TooLarge()
    text = bytes(chunks).decode("utf-8", errors="replace")
    return {key: values[-1] for key, values in parse_qs(text).items()}


class _TooLarge(Exception):
    """A request body over MAX_BODY_BYTES."""


def create_app(service: TableService) -> Starlette:
    """The Starlette application serving one TableService."""

    async def reconcile(request: Request) -> Response:
        params = dict(request.query_params)
        if request.method == "POST":
            try:
                params.update(await _form(request))
            except _TooLarge:
                return JSONResponse(
                    {"error": f"request body over {MAX_BODY_BYTES} bytes; send smaller batches"},
                    413,
                )
        queries = params.get("queries")
        if queries is None:
            return _jsonp_or_json(request, manifest(str(request.base_url).rstrip("/")))
        try:
            batch = parse_query_batch(queries)
        except QueryError as error:
            return JSONResponse({"error": str(error)}, 400)
        return _jsonp_or_json(request, service.index.reconcile(batch))

    async def suggest_entity(request: Request) -> Response:
        prefix = request.query_params.get("prefix", "")
        return _jsonp_or_json(request, service.index.suggest(prefix))

    async def preview(request: Request) -> Response:
        return _person_page(request.query_params.get("id", ""))

    async def view(request: Request) -> Response:
        return _person_page(str(request.path_params["person_id"]))

    def _person_page(person_id: str) -> Response:
        page = service.index.preview_html(person_id)
        if page is None:
            return PlainTextResponse(f"no person with id {person_id!r}", 404)
        return HTMLResponse(page)

    async def reload(request: Request) -> Response:
        try:
            index = service.reload()
        except NamekitError as error:
            return JSONResponse({"error": f"kept the previous tables: {error}"}, 500)
        return JSONResponse({"status": "reloaded", "people": len(index.entities)})

    async def root(request: Request) -> Response:
        return PlainTextResponse("namekit reconciliation service: use /reconcile\n")

    return Starlette(
        routes=[
            Route("/", root),
            Route("/reconcile", reconcile, methods=["GET", "POST"]),
            Route("/suggest/entity", suggest_entity),
            Route("/preview", preview),
            Route("/view/{person_id:path}", view),
            Route("/reload", reload, methods=["POST"]),
        ]
    )


def table_service(
    *,
    alias_paths: Sequence[Path] = (),
    use_default: bool = True,
    people_path: Path | None = None,
    column: str | None = None,
    reload_on_change: bool = False,
) -> TableService:
    """A TableService over alias tables and, optionally, a dedupe result."""
    from namekit.aliases import bundled_table_path, load_aliases
    from namekit.people import read_people

    def load() -> ReconIndex:
        people = read_people(people_path, column=column) if people_path is not None else []
        return ReconIndex(load_aliases(alias_paths, use_default=use_default), people)

    watched = [*alias_paths, *([people_path] if people_path is not None else [])]
    if use_default:
        watched.append(bundled_table_path())
    return TableService(load, watched, reload_on_change=reload_on_change)


def check_port(host: str, port: int) -> None:
    """Raise ServeError when the address cannot be bound (in use, or not this machine's)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            raise ServeError(
                f"cannot listen on {host}:{port} ({error.strerror or error}); "
                "choose another --port (or --host)"
            ) from None


def run(
    service: TableService,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    on_ready: Callable[[str], None] | None = None,
) -> None:
    """Serve until interrupted (Ctrl-C)."""
    import uvicorn

    check_port(host, port)
    if on_ready is not None:
        on_ready(f"http://{host}:{port}/reconcile")
    uvicorn.run(create_app(service), host=host, port=port, log_level="warning")
