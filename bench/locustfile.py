"""Load test (issue 8): reviewers open articles, confirm figures and save claims.

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/claimdesk_scale
    .venv/bin/python bench/scale.py prepare-load --users 50
    make serve-prod PROD_DB=claimdesk_scale              # gunicorn on 127.0.0.1:8000
    .venv/bin/locust -f bench/locustfile.py --headless -u 50 -r 5 --run-time 2m \\
        --reset-stats --host http://127.0.0.1:8000 --csv bench/out/load --only-summary
    .venv/bin/python bench/scale.py check-load

Each simulated reviewer is its own user (load01..load50, logged in by prepare-load: see
bench/out/load-plan.json)
and works through its own articles, so no two reviewers touch the same figure (a 409 would
then be a real error, not a race the test made): it opens an article's workspace, confirms
its suggested figures one by one as the workspace's buttons do (htmx POST with the figure's
version), and now and then saves a new claim over a sentence with its figures. A reviewer
reads for 1 to 4 seconds between actions. Every write the server acknowledges (a 200) is
appended to bench/out/load-acks.jsonl; `scale.py check-load` then finds each one in the
database. Only loopback hosts are accepted: this sends traffic to a server on this machine.
"""

from __future__ import annotations

import itertools
import json
from http.cookiejar import Cookie
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlencode, urlparse

from locust import between, events, task
from locust.contrib.fasthttp import FastHttpUser
from locust.env import Environment

if TYPE_CHECKING:
    from scale import Plan, PlanArticle  # bench/scale.py, which writes the plan

OUT = Path(__file__).resolve().parent / "out"
PLAN: Plan = json.loads((OUT / "load-plan.json").read_text())
ACKS = (OUT / "load-acks.jsonl").open("a", encoding="utf-8")
NAMES = itertools.cycle(sorted(PLAN["users"]))
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


@events.test_start.add_listener
def _only_loopback(environment: Environment, **kwargs: object) -> None:
    host = urlparse(environment.host or "").hostname
    if host not in LOOPBACK:
        raise SystemExit(f"Refusing to load-test {host!r}: only a server on this machine.")


@events.test_stop.add_listener
def _close_acks(environment: Environment, **kwargs: object) -> None:
    ACKS.flush()


def _cookie(name: str, value: str) -> Cookie:
    return Cookie(
        0,
        name,
        value,
        None,
        False,
        "127.0.0.1",
        False,
        False,
        "/",
        True,
        False,
        None,
        False,
        None,
        None,
        {},
    )


def _ack(record: dict[str, object]) -> None:
    ACKS.write(json.dumps(record) + "\n")
    ACKS.flush()


class Reviewer(FastHttpUser):
    wait_time = between(1, 4)

    def on_start(self) -> None:
        self.username = next(NAMES)
        self.articles: list[PlanArticle] = [a.copy() for a in PLAN["users"][self.username]]
        self.current = 0
        self.saved = 0
        # A session made by `scale.py prepare-load` (the login page's PBKDF2 is not what
        # this measures); the first page sets the CSRF cookie the POSTs send back.
        self.client.cookiejar.set_cookie(_cookie("sessionid", PLAN["sessions"][self.username]))
        with self.client.get("/", name="/ (home)", catch_response=True) as response:
            if "Log out" not in response.text:
                response.failure(f"{self.username} is not logged in")
        self.open_article()

    def _csrf(self) -> str:
        for cookie in self.client.cookiejar:
            if cookie.name == "csrftoken":
                return str(cookie.value)
        return ""

    def _headers(self) -> dict[str, str]:
        return {
            "HX-Request": "true",
            "X-CSRFToken": self._csrf(),
            "Content-Type": "application/x-www-form-urlencoded",
        }

    @property
    def article(self) -> PlanArticle:
        return self.articles[self.current % len(self.articles)]

    @task(3)
    def open_article(self) -> None:
        self.client.get(f"/articles/{self.article['id']}/", name="/articles/[id]/")

    @task(4)
    def confirm_figure(self) -> None:
        article = self.article
        if not article["figures"]:
            self.current += 1
            self.open_article()
            return
        figure = article["figures"].pop(0)
        with self.client.post(
            "/figures/state/",
            data=urlencode({"figure_action": f"confirm:{figure}:1"}),
            headers=self._headers(),
            name="/figures/state/ (confirm)",
            catch_response=True,
        ) as response:
            if response.status_code == 200:
                _ack({"kind": "figure", "id": figure, "user": self.username})

    @task(1)
    def save_claim(self) -> None:
        article = self.article
        if not article["claims"]:
            return
        span = article["claims"].pop(0)
        self.saved += 1
        note = f"load:{PLAN['run']}:{self.username}:{self.saved}"
        data: dict[str, object] = {
            "start": span["start"],
            "end": span["end"],
            "attribution": "paraphrase",
            "status": "draft",
            "verdict": "unchecked",  # reviewers' claim form has the verdict field
            "note": note,
            "figures": span["figures"],
        }
        with self.client.post(
            f"/articles/{article['id']}/claims/new/",
            data=urlencode(data, doseq=True),
            headers=self._headers(),
            name="/articles/[id]/claims/new/",
            catch_response=True,
        ) as response:
            if response.status_code == 200:
                _ack(
                    {
                        "kind": "claim",
                        "note": note,
                        "article": article["id"],
                        "start": span["start"],
                        "end": span["end"],
                        "user": self.username,
                    }
                )
