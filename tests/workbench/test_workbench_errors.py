"""Bad input is a 400 page saying what is wrong, a missing page a 404, a database that is down a 503 — never a 500."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import closing, suppress
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url
from starlette.testclient import TestClient

from monitor.store import Database
from monitor.workbench.app import create_app
from monitor.workbench.security import CONTENT_SECURITY_POLICY
from tests.workbench.conftest import write_config

# (URL, a few words the 400 page must say)
BAD_QUERIES = [
    ("/events?kind=不存在的类型", "未知的类型"),
    ("/events?status=maybe", "未知的状态"),
    ("/events?sort=secret", "未知的排序"),
    ("/events?order=sideways", "未知的顺序"),
    ("/events?place=火星", "unknown place"),
    ("/events?min_amount=很多", "cannot read amount"),
    ("/events?min_amount=nan", "不是有效金额"),
    ("/events?min_amount=inf", "不是有效金额"),
    ("/events?min_amount=-5", "不是有效金额"),
    ("/events?from=2024-13-01", "YYYY-MM-DD"),
    ("/events?from=2024-05-01&to=2024-01-01", "from is after to"),
    ("/events?source=nowhere", "未知的来源"),
    ("/events?page=0", "page"),
    ("/events?page=abc", "page"),
    ("/events?per_page=100000", "per_page"),
    ("/events?format=pdf", "未知的格式"),
    ("/events?colour=red", "未知的参数"),
    ("/events?place=a&place=b", "出现了两次"),
    ("/events?place=%FF%FE", "UTF-8"),
    ("/events?q=%00", "控制字符"),
    ("/events?q=" + "长" * 201, "过长"),
    ("/sources?format=pdf", "未知的格式"),
    ("/articles/1?format=csv", "未知的格式"),
    ("/subscriptions?x=1", "未知的参数"),
]


@pytest.mark.parametrize(("url", "said"), BAD_QUERIES)
def test_bad_queries_are_a_400_page_naming_the_problem(client: TestClient, url: str, said: str) -> None:
    response = client.get(url)
    assert response.status_code == 400
    assert said in response.text
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    twin = client.get("/api/v1" + url)  # the JSON API says the same, as JSON
    assert twin.status_code == 400 and said in twin.json()["error"]


@pytest.mark.parametrize("url", ["/api/v1/events?status=maybe", "/events?status=maybe&format=json"])
def test_bad_queries_asked_as_json_answer_json(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 400 and response.json()["status"] == 400
    assert "未知的状态" in response.json()["error"]


@pytest.mark.parametrize(
    "url",
    [
        "/events/999999",
        "/articles/999999",
        "/articles/999999/raw",
        "/nowhere",
        # past any BIGINT: not found, not the driver's overflow
        "/articles/99999999999999999999",
        "/events/99999999999999999999",
        "/articles/99999999999999999999/raw",
    ],
)
def test_what_does_not_exist_is_a_404_page(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 404 and "404" in response.text


class Relay:
    """A TCP relay on 127.0.0.1 to a database server, which a test can cut and restore."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.up = True
        self.connections: list[socket.socket] = []
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if not self.up:
                client.close()
                continue
            server = socket.create_connection(self.target)
            with self.lock:
                self.connections += [client, server]
            for source, sink in ((client, server), (server, client)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        with closing(source), closing(sink):
            try:
                while data := source.recv(65536):
                    sink.sendall(data)
            except OSError:
                return

    def cut(self) -> None:
        """The database goes away: open connections drop, new ones are refused."""
        self.up = False
        with self.lock:
            for connection in self.connections:
                with suppress(OSError):  # already closed by its other end
                    connection.shutdown(socket.SHUT_RDWR)
            self.connections.clear()

    def restore(self) -> None:
        """The database is back."""
        self.up = True

    def close(self) -> None:
        """Stop the relay."""
        self.cut()
        self.listener.close()


@pytest.fixture
def relay(postgres_url: str) -> Iterator[tuple[Relay, str]]:
    """A relay to the test PostgreSQL server and the URL of a migrated schema through it."""
    url = make_url(postgres_url)
    forwarder = Relay((url.host or "127.0.0.1", url.port or 5432))
    direct = Database(postgres_url)
    direct.upgrade()
    direct.dispose()
    try:
        yield forwarder, url.set(host="127.0.0.1", port=forwarder.port).render_as_string(hide_password=False)
    finally:
        forwarder.close()


@pytest.mark.postgres
def test_a_database_that_goes_down_is_a_503_and_the_workbench_recovers(
    relay: tuple[Relay, str], tmp_path: Path
) -> None:
    forwarder, url = relay
    database = Database(url)
    settings = write_config(tmp_path, url)
    with TestClient(create_app(settings, database)) as client:
        assert client.get("/events").status_code == 200
        forwarder.cut()
        for page in ("/events", "/sources", "/events?format=json"):
            down = client.get(page)
            assert down.status_code == 503, page
            assert "数据库" in down.text and down.headers["retry-after"] == "30"
        forwarder.restore()
        assert client.get("/events").status_code == 200
        assert client.get("/sources?format=json").status_code == 200
    database.dispose()


def test_a_database_that_never_answers_is_a_503(tmp_path: Path) -> None:
    closed = socket.create_server(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()  # nothing listens there now
    url = f"postgresql+psycopg://signwatch@127.0.0.1:{port}/none"
    settings = write_config(tmp_path, url)
    database = Database(url)
    with TestClient(create_app(settings, database)) as client:
        response = client.get("/events")
        assert response.status_code == 503 and "数据库暂时无法连接" in response.text
        assert client.get("/api/v1/events").json()["status"] == 503
    database.dispose()
