"""Evidence attached by background jobs: a PDF longer than the setting, with its progress, and
a web address fetched with trafilatura from a local test server; an address the server cannot
reach is refused with a clear message and nothing is stored."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.models import Job
from claims.evidence.extract import DocumentRefused
from claims.evidence.jobs import check_address, fetched_name
from claims.models import EvidenceDocument, EvidenceFigure

from . import documents

pytestmark = pytest.mark.django_db

PAGE = (
    "<html><head><title>Enforcement statement</title></head><body><article>"
    "<h1>Annual enforcement statement 2023</h1>"
    "<p>In 2023 the office removed 1,396,000 posts from social media platforms, "
    "following complaints from the public and its own monitoring of accounts.</p>"
    "<p>It closed 71,500 accounts in 2023 after finding repeated breaches of the rules "
    "on impersonation and fraud, the office said in its annual report.</p>"
    "</article></body></html>"
)
ROUTES = {
    "/statement.html": (200, "text/html; charset=utf-8", PAGE.encode()),
    "/table.csv": (200, "text/csv", b"What,Count\nPosts removed,\"1,396,000\"\n"),
}


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        status, kind, body = ROUTES.get(self.path, (404, "text/plain", b"no such page"))
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:  # quiet
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def private_ok(settings):
    settings.CLAIMDESK_EVIDENCE_FETCH_PRIVATE = True
    settings.CLAIMDESK_EVIDENCE_FETCH_TIMEOUT = 5


def attach(target: str, *args: str) -> str:
    out = StringIO()
    call_command("attach_document", target, "--collection", "desk", *args, stdout=out)
    return out.getvalue()


def test_a_long_pdf_is_attached_by_a_job_with_its_progress(
    collection, alice, tmp_path, settings, _media
):
    settings.CLAIMDESK_EVIDENCE_BACKGROUND_PAGES = 2
    path = tmp_path / "annual.pdf"
    path.write_bytes(documents.pdf(["Contents", "Summary", documents.ROAD_TEXT]))
    output = attach(str(path))
    job = Job.objects.get()
    document = EvidenceDocument.objects.get()
    assert job.kind == "evidence" and job.status == "succeeded" and job.created_by == alice
    assert (job.done, job.total, job.params["pages"]) == (3, 3, 3)
    assert job.report["document"] == document.pk and job.report["pages"] == 3
    assert output.startswith(f"Job {job.pk}: Document {document.pk}, annual.pdf: 3 page(s)")
    assert document.figures.filter(value=1624).exists()
    # The upload kept for the job is gone; only the document's own file is stored.
    stored = [p for p in Path(_media).rglob("*") if p.is_file()]
    assert stored == [Path(_media) / document.file.name]


def test_a_short_pdf_is_attached_at_once(collection, tmp_path, settings):
    settings.CLAIMDESK_EVIDENCE_BACKGROUND_PAGES = 2
    path = tmp_path / "short.pdf"
    path.write_bytes(documents.pdf([documents.ROAD_TEXT]))
    assert attach(str(path)).startswith("Document ")
    assert not Job.objects.exists() and EvidenceDocument.objects.count() == 1


def test_an_address_is_fetched_by_a_job_and_read_as_a_web_page(
    collection, private_ok, server, alice
):
    url = f"{server}/statement.html"
    output = attach(url)
    document = EvidenceDocument.objects.get()
    job = Job.objects.get()
    assert job.status == "succeeded" and job.params["url"] == url
    assert f"Job {job.pk}: Document {document.pk}" in output
    assert document.kind == "html" and document.source_url == url
    assert "1,396,000" in document.text
    assert set(document.figures.values_list("surface", flat=True)) >= {"1,396,000", "71,500"}


def test_a_fetched_csv_is_read_as_a_table(collection, private_ok, server):
    attach(f"{server}/table.csv")
    figure = EvidenceFigure.objects.get(surface="1,396,000")
    assert figure.document.kind == "csv" and figure.locator["row_header"] == "Posts removed"


@pytest.mark.parametrize(
    ("path", "problem"),
    [
        ("/missing.html", "could not be fetched: the server answered 404."),
        (None, "could not be fetched: the server cannot reach it"),
    ],
)
def test_an_address_the_server_cannot_fetch_is_refused_and_nothing_stored(
    collection, private_ok, server, path, problem
):
    if path is None:  # a port nobody listens on
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        url = f"http://127.0.0.1:{port}/statement.html"
    else:
        url = f"{server}{path}"
    with pytest.raises(CommandError) as refused:
        attach(url)
    assert url in str(refused.value) and problem in str(refused.value)
    job = Job.objects.get()
    assert job.status == "failed" and url in job.error and problem in job.error
    assert not EvidenceDocument.objects.exists() and not EvidenceFigure.objects.exists()


def test_a_local_address_is_refused_unless_allowed(collection, settings, server):
    settings.CLAIMDESK_EVIDENCE_FETCH_TIMEOUT = 5
    with pytest.raises(CommandError, match="addresses on private or local networks are refused"):
        attach(f"{server}/statement.html")
    assert not EvidenceDocument.objects.exists()


@pytest.mark.parametrize("url", ["ftp://example.org/a.csv", "https://", "file:///etc/passwd"])
def test_what_is_not_a_web_address_is_refused_before_any_job(url):
    with pytest.raises(DocumentRefused, match="not an http:// or https:// address"):
        check_address(url)


def test_a_fetched_document_is_named_by_what_the_server_says_it_is():
    assert fetched_name("https://x.org/report", "application/pdf") == "report.pdf"
    assert fetched_name("https://x.org/data/table.xlsx", "application/octet-stream") == "table.xlsx"
    assert fetched_name("https://x.org/news/item", "text/html") == "item.html"
    assert fetched_name("https://x.org/", "") == "x.org.html"
