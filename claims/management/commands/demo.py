"""`python manage.py demo`: the demo users, collection, tags, sources and sample article.

Idempotent: running it again changes nothing that is already there.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from articles.importers.text import import_plain_text_file
from articles.models import Collection
from claims.alignments.demo import relate_demo_original
from claims.evidence.demo import attach_demo_evidence
from claims.models import Source, Tag
from claims.review.demo import double_annotate

# The sample article lives with the articles app (articles/demo/), which the demo fills.
SAMPLE = Path(settings.BASE_DIR) / "articles" / "demo" / "cac-self-media-2023-05-28.txt"

# (username, password, group, full name)
DEMO_USERS = [
    ("alice", "alice-claimdesk-demo", "Editors", "Alice Editor"),
    ("bob", "bob-claimdesk-demo", "Reviewers", "Bob Reviewer"),
    ("carol", "carol-claimdesk-demo", "Annotators", "Carol Annotator"),
    ("dave", "dave-claimdesk-demo", "Annotators", "Dave Annotator"),
]

GUIDELINES = """\
1. Confirm every figure the article quotes; reject numbers that are not quoted figures.
2. Mark one claim per statement, spanning the whole sentence that makes the figure its point.
3. Source: who made the claim (e.g. the State Internet Information Office). Via: who reported it (e.g. Reuters).
4. Link repeats of the same figure, parts to their whole, and figures that contradict each other.
5. Tag each claim: enforcement for removals and closures, scope for campaign-wide totals.
"""

TAGS = [
    (
        "Enforcement",
        "enforcement",
        "#b91c1c",
        "1",
        "Posts removed, accounts closed, people penalised.",
    ),
    ("Scope", "scope", "#1d4ed8", "2", "How large the campaign was overall."),
    ("Official figure", "official-figure", "#047857", "3", "A figure from a government statement."),
    ("Unverified", "unverified", "#a16207", "4", "No independent source for the figure."),
]

SOURCES: list[tuple[str, str, str, str | None]] = [
    (
        "Government of the People's Republic of China",
        Source.Kind.GOVERNMENT,
        "Chinese government\nCCP\nBeijing",
        None,
    ),
    (
        "Cyberspace Administration of China",
        Source.Kind.REGULATOR,
        "CAC\nState Internet Information Office\nState Internet Information Office (CAC)\nChina‘s State Internet Information Office (CAC)",
        "Government of the People's Republic of China",
    ),
    ("Reuters", Source.Kind.NEWS_AGENCY, "", None),
]


class Command(BaseCommand):
    help = "Create the demo users, the CAC self-media collection and its sample article."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--url",
            default="http://127.0.0.1:8000/",
            help="Where the site is served, for the log-in line (make run passes its HOST and PORT).",
        )

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        User = get_user_model()
        for username, password, group_name, full_name in DEMO_USERS:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": full_name.split()[0],
                    "last_name": full_name.split()[1],
                    "is_staff": True,
                    "email": f"{username}@claimdesk.example",
                },
            )
            if created:
                user.set_password(password)
                user.save()
            user.groups.add(Group.objects.get(name=group_name))

        alice = User.objects.get(username="alice")
        collection, _ = Collection.objects.get_or_create(
            slug="cac-self-media",
            defaults={
                "name": "CAC self-media campaign",
                "description": "Figures quoted in reports on China's 2023 campaign against 'self-media' accounts.",
                "guidelines": GUIDELINES,
                "created_by": alice,
            },
        )
        for name, slug, colour, key, description in TAGS:
            Tag.objects.get_or_create(
                collection=collection,
                slug=slug,
                defaults={"name": name, "colour": colour, "key": key, "description": description},
            )
        for name, kind, aliases, parent in SOURCES:
            Source.objects.get_or_create(
                name=name,
                defaults={
                    "kind": kind,
                    "aliases": aliases,
                    "parent": Source.objects.get(name=parent) if parent else None,
                },
            )
        article, created = import_plain_text_file(
            SAMPLE,
            collection=collection,
            title="China's regulator says 1.4 million 'self-media' posts removed in campaign",
            outlet="The Epoch Times (translated)",
            created_by=alice,
        )
        verb = "Loaded" if created else "Already loaded"
        self.stdout.write(f"{verb} the sample article: /articles/{article.pk}/")
        # Review workflow (issue 5): carol and dave annotate the sample article differently.
        if double_annotate(article):
            self.stdout.write(
                f"Double-annotated it (carol, dave): /collections/{collection.slug}/agreement/"
            )
        # Evidence (issue 19): a PDF and a CSV written for the demo, checked against the claims.
        for document, _ in attach_demo_evidence(collection, alice):
            self.stdout.write(
                f"Attached the demo evidence document {document.pk}, {document.title} "
                f"(/evidence/documents/{document.pk}/)"
            )
        self.stdout.write(f"Check them: manage.py check_evidence --collection {collection.slug}")
        # Translations (issue 18): a Chinese passage written for the demo, as the original.
        relation, _ = relate_demo_original(article, alice)
        self.stdout.write(
            "Related a Chinese passage written for the demo as its original: "
            f"/articles/{article.pk}/compare/{relation.original_id}/"
        )
        self.stdout.write(f"Demo users (log in at {options['url']}):")
        for username, password, group_name, _ in DEMO_USERS:
            self.stdout.write(f"  {username:<6} {password:<22} {group_name}")
