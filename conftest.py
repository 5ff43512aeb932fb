"""The named cast used across the test suite.

alice the editor, bob a reviewer, carol and dave annotators, mallory an outsider with an
account but no role.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from django.contrib.auth.models import Group, User

if TYPE_CHECKING:
    from pytest_django import Settings

    from articles.models import Article, Collection


def _user(
    django_user_model: type[User], username: str, group: str | None, staff: bool = True
) -> User:
    user = django_user_model.objects.create_user(
        username=username, password=f"{username}-password", is_staff=staff
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def alice(db: None, django_user_model: type[User]) -> User:
    return _user(django_user_model, "alice", "Editors")


@pytest.fixture
def bob(db: None, django_user_model: type[User]) -> User:
    return _user(django_user_model, "bob", "Reviewers")


@pytest.fixture
def carol(db: None, django_user_model: type[User]) -> User:
    return _user(django_user_model, "carol", "Annotators")


@pytest.fixture
def dave(db: None, django_user_model: type[User]) -> User:
    return _user(django_user_model, "dave", "Annotators")


@pytest.fixture
def mallory(db: None, django_user_model: type[User]) -> User:
    return _user(django_user_model, "mallory", None, staff=False)


@pytest.fixture
def collection(alice: User) -> Collection:
    from articles.models import Collection

    return Collection.objects.create(name="Desk", slug="desk", created_by=alice)


SHORT_TEXT = (
    "Officials said 67,000 accounts were closed.\n\n"
    "Of the 67,000 accounts, nearly 8,000 spread rumours, Reuters reported."
)


@pytest.fixture
def article(collection: Collection, alice: User) -> Article:
    from articles.models import Article

    art, _ = Article.objects.import_text(
        collection=collection, text=SHORT_TEXT, title="Accounts closed", created_by=alice
    )
    return art


# --- Annotation workspace (issue 4): role groups for transactional and live-server tests ---
@pytest.fixture(autouse=True)
def _role_groups_after_flush(request: pytest.FixtureRequest) -> None:
    """A transactional test ends with a flush, which recreates permissions but not the
    groups the data migration made; the next transactional test (browser tests use the live
    server) gets them back before the named cast is created."""
    names = request.fixturenames
    if "transactional_db" not in names and "live_server" not in names:
        return
    request.getfixturevalue("transactional_db")
    import importlib

    from django.contrib.auth.models import Permission

    roles = importlib.import_module("claims.migrations.0002_groups").ROLES
    for name, codes in roles.items():
        group, created = Group.objects.get_or_create(name=name)
        if created:
            for code in sorted(set(codes)):
                app_label, codename = code.split(".")
                group.permissions.add(
                    Permission.objects.get(content_type__app_label=app_label, codename=codename)
                )


# --- Review workflow (issue 5): the roles' later grants for transactional tests -------------
@pytest.fixture(autouse=True)
def _review_grants_after_flush(
    request: pytest.FixtureRequest, _role_groups_after_flush: None
) -> None:
    """The groups rebuilt above get the grants of later migrations back (assignments,
    figure judgements: claims/migrations/0007_review_roles.py)."""
    names = request.fixturenames
    if "transactional_db" not in names and "live_server" not in names:
        return
    import importlib

    from django.contrib.auth.models import Permission

    grants = importlib.import_module("claims.migrations.0007_review_roles").GRANTS
    for name, codes in grants.items():
        group = Group.objects.get(name=name)
        for code in codes:
            app_label, codename = code.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
    # Roles (issue 20): only Editors change articles (claims/migrations/0011_...).
    revoked = importlib.import_module("claims.migrations.0011_only_editors_change_articles")
    for name, codes in revoked.REVOKED.items():
        group = Group.objects.get(name=name)
        for code in codes:
            app_label, codename = code.split(".")
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label=app_label, codename=codename)
            )


# --- Speed: a cheap password hasher for every test (PBKDF2 costs ~100 ms a user) ---------


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings: Settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# Evidence (issue 19): the demo attaches a document; no test writes into the worktree's media/.
@pytest.fixture(autouse=True)
def _media_root_for_tests(settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> None:
    settings.MEDIA_ROOT = tmp_path_factory.getbasetemp() / "media"
