"""Review workflow (issue 5): what each role may do with assignments and figure judgements.

Editors assign articles (articles.add_assignment) and manage everything; Reviewers see the
assignments; Annotators' figure judgements are written by the workspace, and the roles may
read them in the back-office. Kept as `GRANTS` so tests that flush the database can grant
them again (conftest.py).
"""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

GRANTS = {
    "Editors": [
        "articles.add_assignment",
        "articles.change_assignment",
        "articles.delete_assignment",
        "articles.view_assignment",
        "claims.add_figurejudgement",
        "claims.change_figurejudgement",
        "claims.delete_figurejudgement",
        "claims.view_figurejudgement",
    ],
    "Reviewers": [
        "articles.view_assignment",
        "claims.add_figurejudgement",
        "claims.change_figurejudgement",
        "claims.view_figurejudgement",
    ],
    "Annotators": [
        "claims.add_figurejudgement",
        "claims.change_figurejudgement",
        "claims.view_figurejudgement",
    ],
}


def grant(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after migrate; the groups need them now.
    for label in ("articles", "claims"):
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codes in GRANTS.items():
        for group in Group.objects.filter(name=name):
            for code in codes:
                app_label, codename = code.split(".")
                group.permissions.add(
                    Permission.objects.get(content_type__app_label=app_label, codename=codename)
                )


def revoke(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codes in GRANTS.items():
        for group in Group.objects.filter(name=name):
            for code in codes:
                app_label, codename = code.split(".")
                group.permissions.remove(
                    *Permission.objects.filter(content_type__app_label=app_label, codename=codename)
                )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_assignment"),
        ("claims", "0006_review_history"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
