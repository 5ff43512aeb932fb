from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    name = "claims"
    verbose_name = "Figures and claims"

    def ready(self) -> None:
        # The steps an import runs on its new articles (articles/hooks.py): registered here so
        # that `articles` imports nothing from `claims`. Registration only; the importers call them.
        from articles import hooks
        from claims.alignments.store import relations_changed
        from claims.consistency.store import refresh_stale
        from claims.services import articles_detect

        hooks.register(
            detect=articles_detect,
            store_findings=refresh_stale,
            relations_changed=relations_changed,
        )
