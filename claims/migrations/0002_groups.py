"""The three roles, as groups with permissions.

Annotators create and edit figures and claims (and may add a source they cite); Reviewers
also approve, reject and set verdicts (claims.review_claim) and delete; Editors may do
everything to articles and claims, including collections, tags and sources.
"""

from django.apps.registry import Apps
from django.contrib.auth.management import create_permissions
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

VIEW_ALL = [
    "articles.view_collection",
    "articles.view_article",
    "claims.view_source",
    "claims.view_tag",
    "claims.view_figure",
    "claims.view_claim",
    "claims.view_claimlink",
]
ANNOTATOR = VIEW_ALL + [
    "articles.change_article",
    "claims.add_figure",
    "claims.change_figure",
    "claims.add_claim",
    "claims.change_claim",
    "claims.add_claimlink",
    "claims.change_claimlink",
    "claims.delete_claimlink",
    "claims.add_source",
]
REVIEWER = ANNOTATOR + [
    "claims.review_claim",
    "claims.delete_figure",
    "claims.delete_claim",
]
EDITOR_MODELS = {
    "articles": ["collection", "article"],
    "claims": ["source", "tag", "figure", "claim", "claimlink"],
}
EDITOR = REVIEWER + [
    f"{app}.{action}_{model}"
    for app, models in EDITOR_MODELS.items()
    for model in models
    for action in ("add", "change", "delete", "view")
]
ROLES = {"Annotators": ANNOTATOR, "Reviewers": REVIEWER, "Editors": EDITOR}


def create_groups(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    # Permissions are normally created after migrate; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codes in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        perms = []
        for code in sorted(set(codes)):
            app_label, codename = code.split(".")
            perms.append(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        group.permissions.set(perms)


def remove_groups(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("articles", "0001_initial"),
        ("claims", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
