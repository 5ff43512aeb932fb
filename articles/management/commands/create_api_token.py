from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.models import ApiToken


class Command(BaseCommand):
    help = (
        "Create a token for the JSON API (/api/v1/) acting as USERNAME, with that user's "
        "permissions. The token is printed once; only its SHA-256 is stored."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="What the token is for (e.g. 'notebook').")

    def handle(self, *args: Any, **options: Any) -> None:
        User = get_user_model()
        username = options["username"]
        user = User.objects.filter(**{User.USERNAME_FIELD: username}).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        if not user.is_active:
            raise CommandError(f"User {username!r} is inactive: a token for it would not work.")
        name = options["name"]
        max_length = ApiToken._meta.get_field("name").max_length or 100
        if len(name) > max_length:
            raise CommandError(f"--name is at most {max_length} characters.")
        token, secret = ApiToken.objects.issue(user=user, name=name)
        self.stderr.write(
            f"Created API token {token.prefix}… for {username}. Keep it now: it is not shown again."
        )
        # The secret alone on stdout, so `TOKEN=$(manage.py create_api_token alice)` works.
        self.stdout.write(secret)
