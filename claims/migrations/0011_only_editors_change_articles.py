"""Roles (issue 20): only Editors change articles.

0002_groups.py gave Annotators (and so Reviewers) `articles.change_article`, so an annotator
could retitle an article or set it done through the API and the back-office, and setting a
double-annotated article done ended blind annotation before the other annotator submitted.
Annotating does not need it: the workspace marks an article in progress itself
(Article.mark_in_progress) and done when every assigned annotator has submitted it
(Article.mark_done_if_finished). This takes the permission from the groups of every database,
those migrated before the fix included. Kept as `REVOKED` so tests that flush the database
can apply it again (conftest.py).
"""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.models import Model, QuerySet

REVOKED = {
    "Annotators": ["articles.change_article"],
    "Reviewers": ["articles.change_article"],
}


def _permissions(apps: Apps, code: str) -> QuerySet[Model]:
    app_label, codename = code.split(".")
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename)


def _regroup(apps: Apps, grant: bool) -> None:
    Group = apps.get_model("auth", "Group")
    for name, codes in REVOKED.items():
        for group in Group.objects.filter(name=name):
            for code in codes:
                change = group.permissions.add if grant else group.permissions.remove
                change(*_permissions(apps, code))


def only_editors_change_articles(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    _regroup(apps, grant=False)


def give_back(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    _regroup(apps, grant=True)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("claims", "0010_stored_findings"),
    ]

    operations = [migrations.RunPython(only_editors_change_articles, give_back)]
