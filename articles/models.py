"""Collections of articles, and the articles whose quoted figures people annotate."""

from __future__ import annotations

import hashlib
import secrets
import unicodedata
from collections.abc import Iterable, Mapping
from datetime import timedelta
from functools import partial
from typing import TYPE_CHECKING, TypeVar

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone

from core.permissions import REVIEW

if TYPE_CHECKING:
    from django_tasks.base import Task

Result = TypeVar("Result")  # what a job's task returns


def normalise_text(text: str) -> str:
    """The stored form of an article's text: Unicode NFC and `\\n` line endings.

    Nothing else is changed: offsets of figures and claims are code points into this string.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Collection(models.Model):
    """A named set of articles annotated together: an investigation, a desk."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)
    guidelines = models.TextField(
        blank=True, help_text="Annotation guidelines shown to everyone working on this collection."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("articles:collection", args=[self.slug])


class ArticleQuerySet(models.QuerySet["Article"]):
    def blind_for(self, user: User | AnonymousUser) -> ArticleQuerySet:
        """The articles `user` annotates blind: double-annotated, not done yet (what she may
        see of them is claims/blind.py's rule; this half is here because the article's own
        back-office asks it and `articles` imports nothing from `claims`).

        An article with two or more annotators assigned (double annotation, issue 5) is read
        blind by each of them until every one has submitted it (status done): the workspace
        shows them the detected figures as they themselves read them and their own claims
        only, so one annotator's decisions do not steer the other's. Reviewers and editors
        are never blind (they curate).
        """
        if not getattr(user, "is_authenticated", False) or user.has_perm(REVIEW):
            return self.none()
        assigned = Assignment.objects.filter(article=models.OuterRef("pk"))
        return self.exclude(status=Article.Status.DONE).filter(
            models.Exists(assigned.filter(annotator=user.pk)),
            models.Exists(assigned.exclude(annotator=user.pk)),
        )

    def import_text(
        self,
        *,
        collection: Collection,
        text: str,
        created_by: User | None = None,
        **fields: object,
    ) -> tuple[Article, bool]:
        """The article holding `text` in `collection`, created if it is new.

        Importing the same text twice gives the existing article (matched by the SHA-256 of
        the normalised text), not a copy. Returns (article, created).
        """
        text = normalise_text(text)
        digest = text_sha256(text)
        existing = self.filter(collection=collection, text_sha256=digest).first()
        if existing is not None:
            return existing, False
        article = self.model(
            collection=collection,
            text=text,
            text_sha256=digest,
            created_by=created_by,
            **fields,
        )
        # The text was looked up above: the checks without the per-article clash queries.
        article.full_clean_new_text()
        try:
            with transaction.atomic():
                article.save()
        except IntegrityError:
            # Another import stored the same text in the meantime.
            return self.get(collection=collection, text_sha256=digest), False
        return article, True


class Article(models.Model):
    class Status(models.TextChoices):
        NEW = "new", "New"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"

    collection = models.ForeignKey(Collection, models.CASCADE, related_name="articles")
    title = models.CharField(max_length=500)
    outlet = models.CharField(max_length=200, blank=True)
    url = models.URLField(max_length=2000, blank=True)
    byline = models.CharField(max_length=500, blank=True)
    published_on = models.DateField(null=True, blank=True)
    language = models.CharField(max_length=16, default="en", help_text="BCP 47 code, e.g. en, zh.")
    text = models.TextField(
        help_text="Stored as Unicode NFC with \\n line endings; cannot change once it has figures or claims."
    )
    text_sha256 = models.CharField(max_length=64, editable=False)
    metadata = models.JSONField(
        default=dict, blank=True, help_text="Extra fields kept from the import."
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.NEW)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "title", "pk"]
        constraints = [
            # Importing the same text twice into a collection gives the existing article.
            models.UniqueConstraint(
                fields=["collection", "text_sha256"], name="article_text_unique_in_collection"
            ),
        ]
        indexes = [
            # The collection's article list, newest first, filtered by status.
            models.Index(fields=["collection", "status"], name="article_collection_status"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("articles:article", args=[self.pk])

    def mark_in_progress(self) -> bool:
        """Someone saved a first figure decision or claim: a new article is now in progress.

        One UPDATE filtered on status=new, so it is a no-op (and no race) once work started.
        """
        now = timezone.now()
        started = Article.objects.filter(pk=self.pk, status=Article.Status.NEW).update(
            status=Article.Status.IN_PROGRESS, updated_at=now
        )
        if started:
            self.status, self.updated_at = Article.Status.IN_PROGRESS, now
        return bool(started)

    def mark_done_if_finished(self) -> bool:
        """Every annotator assigned to the article has submitted it: the article is done.

        One UPDATE; an article without assignments, or with an annotator still working on
        it, keeps its status.
        """
        assigned = Assignment.objects.filter(article=models.OuterRef("pk"))
        now = timezone.now()
        done = (
            Article.objects.filter(pk=self.pk)
            .exclude(status=Article.Status.DONE)
            .filter(models.Exists(assigned), ~models.Exists(assigned.filter(done_at__isnull=True)))
            .update(status=Article.Status.DONE, updated_at=now)
        )
        if done:
            self.status, self.updated_at = Article.Status.DONE, now
        return bool(done)

    def is_blind_for(self, user: User | AnonymousUser) -> bool:
        """Whether `user` annotates this article blind (ArticleQuerySet.blind_for): one query,
        none for reviewers and editors."""
        return Article.objects.blind_for(user).filter(pk=self.pk).exists()

    def has_annotations(self) -> bool:
        return self.figures.exists() or self.claims.exists()

    def clean(self) -> None:
        self.clean_text()
        self.check_text_unique()

    def clean_text(self) -> None:
        """Normalise the text and set its digest; refuse to change the text of an annotated
        article. No query unless the text of a stored article changed."""
        self.text = normalise_text(self.text or "")
        digest = text_sha256(self.text)
        changed = self.pk is not None and bool(self.text_sha256) and digest != self.text_sha256
        if changed and self.has_annotations():
            raise ValidationError(
                {
                    "text": "The text of this article cannot be changed: it already has figures "
                    "or claims whose offsets point into it. Import the new text as a new article."
                }
            )
        self.text_sha256 = digest

    def check_text_unique(self) -> None:
        """Refuse a text already in the collection (one query)."""
        clash = Article.objects.filter(
            collection_id=self.collection_id, text_sha256=self.text_sha256
        )
        if self.collection_id and clash.exclude(pk=self.pk).exists():
            raise ValidationError(
                {"text": "An article with exactly this text is already in this collection."}
            )

    def full_clean_new_text(self) -> None:
        """full_clean() without a query, for a new article whose text the caller has already
        looked up in its collection (an import looks a whole chunk of texts up at once).

        The field checks and clean_text(); not check_text_unique() nor the unique
        constraint's query (the constraint still refuses a text stored in the meantime), nor
        the existence queries of the collection and creator, objects the caller holds.
        """
        errors: dict[str, list[ValidationError]] = {}
        checks = (partial(self.clean_fields, exclude=["collection", "created_by"]), self.clean_text)
        for check in checks:
            try:
                check()
            except ValidationError as exc:
                errors = exc.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def issue(self, *, user: User, name: str = "") -> tuple[ApiToken, str]:
        """A new token for `user`, and its secret: the only time the secret is known.

        Only the SHA-256 of the secret is stored, so a leaked database gives no usable token.
        """
        secret = ApiToken.SECRET_PREFIX + secrets.token_urlsafe(32)
        token = self.create(user=user, name=name, key_hash=text_sha256(secret), prefix=secret[:10])
        return token, secret

    def user_for_secret(self, secret: str) -> User | None:
        """The active user whose token this is, or None; notes when the token was last used."""
        token = (
            self.select_related("user")
            .filter(key_hash=text_sha256(secret), user__is_active=True)
            .first()
        )
        if token is None:
            return None
        now = timezone.now()
        # One write per token per minute at most: every request would otherwise write.
        if token.last_used_at is None or now - token.last_used_at > ApiToken.LAST_USED_RESOLUTION:
            self.filter(pk=token.pk).update(last_used_at=now)
        return token.user


class ApiToken(models.Model):
    """A key for the JSON API (`Authorization: Bearer <secret>`), acting as its user."""

    SECRET_PREFIX = "cd_"
    LAST_USED_RESOLUTION = timedelta(minutes=1)

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, blank=True, help_text="What the token is for.")
    # Unique, so indexed: every API request looks its token up by this hash.
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(
        max_length=10, editable=False, help_text="The start of the secret, to tell tokens apart."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["user", "-created_at"]
        verbose_name = "API token"

    def __str__(self) -> str:
        label = f" ({self.name})" if self.name else ""
        return f"{self.prefix}…{label}"


# --- Review workflow (issue 5): who annotates which article -----------------------------------


class AssignmentQuerySet(models.QuerySet["Assignment"]):
    def assign(
        self, *, articles: Iterable[Article], annotators: Iterable[User], assigned_by: User | None
    ) -> list[Assignment]:
        """By hand: every article to every annotator; pairs already assigned are skipped."""
        rows = [
            Assignment(article=article, annotator=annotator, assigned_by=assigned_by)
            for article in articles
            for annotator in annotators
        ]
        return self._create_new(rows)

    def assign_round_robin(
        self,
        *,
        articles: Iterable[Article],
        annotators: Iterable[User],
        per_article: int,
        assigned_by: User | None,
    ) -> list[Assignment]:
        """Spread `articles` over `annotators` in turn, `per_article` annotators each.

        Two per article gives double annotation. An article keeps the annotators it has and
        gets only the missing ones; the turn starts with whoever has the fewest assignments
        in the articles' collection, so repeated runs stay balanced.
        """
        articles = list(articles)
        people = list(annotators)
        if not articles or not people:
            return []
        if per_article > len(people):
            raise ValidationError(
                f"{per_article} annotators per article need at least {per_article} people; "
                f"{len(people)} chosen."
            )
        ids = [a.pk for a in articles]
        existing: dict[int, set[int]] = {pk: set() for pk in ids}
        for article_id, annotator_id in self.filter(article_id__in=ids).values_list(
            "article_id", "annotator_id"
        ):
            existing[article_id].add(annotator_id)
        load = dict.fromkeys((p.pk for p in people), 0)
        collections = {a.collection_id for a in articles}
        for annotator_id, n in (
            self.filter(article__collection_id__in=collections, annotator_id__in=list(load))
            .values_list("annotator_id")
            .annotate(n=models.Count("pk"))
            .order_by()
        ):
            load[annotator_id] = n
        rows = []
        for article in articles:
            have = existing[article.pk]
            # Least loaded first; ties keep the order the people were given in.
            order = sorted(people, key=lambda p: load[p.pk])
            for person in order:
                if len(have) >= per_article:
                    break
                if person.pk in have:
                    continue
                have.add(person.pk)
                load[person.pk] += 1
                rows.append(Assignment(article=article, annotator=person, assigned_by=assigned_by))
        return self._create_new(rows)

    def _create_new(self, rows: list[Assignment]) -> list[Assignment]:
        if not rows:
            return []
        taken = set(
            self.filter(
                article_id__in={r.article_id for r in rows},
                annotator_id__in={r.annotator_id for r in rows},
            ).values_list("article_id", "annotator_id")
        )
        new = [r for r in rows if (r.article_id, r.annotator_id) not in taken]
        # Pairs already there were left out above; the unique constraint catches a race.
        self.bulk_create(new, batch_size=500)
        return new


class Assignment(models.Model):
    """An article given to an annotator by an editor; two per article is double annotation."""

    article = models.ForeignKey(Article, models.CASCADE, related_name="assignments")
    annotator = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="assignments"
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    done_at = models.DateTimeField(
        null=True, blank=True, help_text="When the annotator submitted the article as done."
    )

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "pk"]
        constraints = [
            # An annotator has an article at most once; assigning again changes nothing.
            models.UniqueConstraint(
                fields=["article", "annotator"],
                name="assignment_unique",
                violation_error_message="This article is already assigned to this annotator.",
            ),
        ]
        indexes = [
            # "My queue": an annotator's open assignments, newest first.
            models.Index(fields=["annotator", "done_at"], name="assignment_annotator_open"),
        ]

    def __str__(self) -> str:
        return f"{self.article} → {self.annotator}"


# --- Background jobs (issue 8): long work run by django-tasks, with its progress --------------


class JobQuerySet(models.QuerySet["Job"]):
    def for_user(self, user: User | AnonymousUser) -> JobQuerySet:
        """The jobs `user` may follow: their own (a superuser sees every job)."""
        return self if user.is_superuser else self.filter(created_by=user.pk)

    def start(
        self,
        *,
        kind: str,
        task: Task[[int], Result],
        user: User,
        collection: Collection | None = None,
        params: Mapping[str, object] | None = None,
    ) -> Job:
        """Record a job and hand it to the task backend: `task.enqueue(job.pk)`.

        With the immediate backend (`make run`) the task has run when this returns; with the
        database backend it waits for a `db_worker`. The job row and the queued task are
        written on the same database, so a worker never sees a task without its job.
        """
        job = self.create(kind=kind, created_by=user, collection=collection, params=params or {})
        result = task.enqueue(job.pk)
        # The task may already have changed the row (immediate backend): set the id alone.
        self.filter(pk=job.pk).update(task_id=str(result.id))
        job.refresh_from_db()
        return job


class Job(models.Model):
    """Long work started from a page: a bulk import, a large export, a collection report.

    The task (articles/tasks.py, claims/tasks.py) is a thin wrapper around the function the
    page would otherwise call; it notes its progress here, and the page that started the job
    polls this row (htmx, every second) until it shows the result or the error.
    """

    class Kind(models.TextChoices):
        IMPORT = "import", "Import articles"
        EXPORT = "export", "Export the dataset"
        CONSISTENCY = "consistency", "Consistency report"
        AGREEMENT = "agreement", "Agreement report"
        REALIGN = "realign", "Align related articles"
        EVIDENCE = "evidence", "Attach an evidence document"

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting for a worker"
        RUNNING = "running", "Running"
        SUCCEEDED = "succeeded", "Done"
        FAILED = "failed", "Failed"

    # How often a running job writes its progress, at most (seconds).
    PROGRESS_INTERVAL = 0.5

    kind = models.CharField(max_length=16, choices=Kind.choices)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    collection = models.ForeignKey(
        Collection, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    params = models.JSONField(default=dict, blank=True, help_text="What the job was asked to do.")
    task_id = models.CharField(max_length=64, blank=True, editable=False)
    done = models.PositiveBigIntegerField(default=0)
    total = models.PositiveBigIntegerField(null=True, blank=True, help_text="Empty: not known.")
    step = models.CharField(max_length=200, blank=True, help_text="What the job is doing now.")
    result_file = models.FileField(upload_to="jobs/%Y/%m/", max_length=500, blank=True)
    result_name = models.CharField(max_length=200, blank=True, help_text="The download's name.")
    report = models.JSONField(default=dict, blank=True, help_text="The result, as shown.")
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            # "Your jobs": a user's most recent jobs.
            models.Index(fields=["created_by", "-created_at"], name="job_user_recent"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("articles:job", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.status in (Job.Status.SUCCEEDED, Job.Status.FAILED)

    @property
    def percent(self) -> int | None:
        """Progress in percent, or None while the amount of work is not known."""
        if self.status == Job.Status.SUCCEEDED:
            return 100
        if not self.total:
            return None
        return min(100, self.done * 100 // self.total)

    def _write(self, side_connection: bool = False, **fields: object) -> None:
        for name, value in fields.items():
            setattr(self, name, value)
        if side_connection:
            _update_outside_transaction(self.pk, fields)
        else:
            Job.objects.filter(pk=self.pk).update(**fields)

    def begin(self, *, total: int | None = None, step: str = "") -> None:
        from time import monotonic

        self._last_progress = monotonic()
        self._write(status=Job.Status.RUNNING, started_at=timezone.now(), total=total, step=step)

    def progress(
        self,
        done: int,
        *,
        total: int | None = None,
        step: str | None = None,
        force: bool = False,
        side_connection: bool = False,
    ) -> None:
        """Note how far the job is; written at most every PROGRESS_INTERVAL seconds.

        `side_connection` writes through a connection of its own, for work running inside
        a transaction (an all-or-nothing import) whose writes nobody sees until it ends.
        """
        from time import monotonic

        now = monotonic()
        if not force and now - getattr(self, "_last_progress", 0.0) < Job.PROGRESS_INTERVAL:
            self.done = done
            return
        self._last_progress = now
        fields: dict[str, object] = {"done": done}
        if total is not None:
            fields["total"] = total
        if step is not None:
            fields["step"] = step[:200]
        self._write(side_connection=side_connection, **fields)

    def succeed(self, *, report: Mapping[str, object] | None = None, step: str = "") -> None:
        self._write(
            status=Job.Status.SUCCEEDED,
            finished_at=timezone.now(),
            done=max(self.done, self.total or 0),
            report=report or {},
            step=step,
            result_file=self.result_file.name or "",
            result_name=self.result_name,
        )

    def fail(self, message: str) -> None:
        self._write(status=Job.Status.FAILED, finished_at=timezone.now(), error=message)

    def sync_with_task(self) -> None:
        """Mark the job failed if its task failed without saying so (a worker killed, a
        task that could not even start). Only backends that keep results can tell."""
        if self.is_finished or not self.task_id:
            return
        try:
            from django_tasks import task_backends

            backend = task_backends["default"]
            if not backend.supports_get_result:
                return
            result = backend.get_result(self.task_id)
        except Exception:  # no such result (pruned), or a backend without results
            return
        if result.status == "FAILED":
            errors = result.errors
            last = errors[-1].traceback.strip().splitlines()[-1] if errors else "unknown error"
            self.fail(f"The worker could not finish the job: {last}")


def _update_outside_transaction(pk: int, fields: dict[str, object]) -> None:
    """UPDATE a job row through a fresh connection, so others see it at once.

    Only on PostgreSQL: SQLite has one writer at a time, and the transaction this escapes is
    that writer (there, the progress shows when the job ends).
    """
    from typing import cast

    from django.db import connections
    from django.db.models.sql import UpdateQuery

    if connections["default"].vendor != "postgresql":
        Job.objects.filter(pk=pk).update(**fields)
        return
    connection = connections.create_connection("default")
    try:
        query = cast(UpdateQuery, Job.objects.filter(pk=pk).query.chain(UpdateQuery))
        query.add_update_values(fields)
        sql, params = query.get_compiler(connection=connection).as_sql()
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
    finally:
        connection.close()


# --- Translations and originals (issue 18): an article derived from another --------------------


class ArticleRelationQuerySet(models.QuerySet["ArticleRelation"]):
    def touching(self, article: Article | int) -> ArticleRelationQuerySet:
        """The relations in which `article` is the derived article or the original."""
        pk = article if isinstance(article, int) else article.pk
        return self.filter(models.Q(derived_id=pk) | models.Q(original_id=pk))

    def touching_any(self, article_ids: Iterable[int]) -> ArticleRelationQuerySet:
        ids = list(article_ids)
        return self.filter(models.Q(derived_id__in=ids) | models.Q(original_id__in=ids))

    def relate(
        self, *, derived: Article, original: Article, kind: str, created_by: User | None = None
    ) -> tuple[ArticleRelation, bool]:
        """The relation of `derived` to `original`, created if new (then the language pair
        is the articles' languages). An existing relation keeps its kind. Returns
        (relation, created); a ValidationError names what is wrong (an article related to
        itself, or the pair already related the other way round)."""
        existing = self.filter(derived=derived, original=original).first()
        if existing is not None:
            return existing, False
        relation = self.model(
            derived=derived,
            original=original,
            kind=kind,
            derived_language=derived.language,
            original_language=original.language,
            created_by=created_by,
        )
        relation.full_clean()
        try:
            with transaction.atomic():
                relation.save()
        except IntegrityError:
            return self.get(derived=derived, original=original), False
        return relation, True


class ArticleRelation(models.Model):
    """`derived` is a translation of, is based on, or relays `original` (issue 18).

    The language pair is the two articles' languages when the relation was made. What the
    claims app derives from it (the figure alignment, translation findings) lives in
    claims/alignments/: `articles` knows nothing of figures.
    """

    class Kind(models.TextChoices):
        TRANSLATION_OF = "translation_of", "Translation of"
        BASED_ON = "based_on", "Based on"
        RELAYS = "relays", "Relays"

    derived = models.ForeignKey(Article, models.CASCADE, related_name="relations_as_derived")
    original = models.ForeignKey(Article, models.CASCADE, related_name="relations_as_original")
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.TRANSLATION_OF)
    derived_language = models.CharField(max_length=16, blank=True)
    original_language = models.CharField(max_length=16, blank=True)
    note = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ArticleRelationQuerySet.as_manager()

    class Meta:
        ordering = ["derived", "original"]
        constraints = [
            # One relation per pair: the workspace and the API look a pair up by both ids.
            models.UniqueConstraint(
                fields=["derived", "original"],
                name="articlerelation_pair_unique",
                violation_error_message="These two articles are already related.",
            ),
            models.CheckConstraint(
                condition=~models.Q(derived=models.F("original")),
                name="articlerelation_not_itself",
                violation_error_message="An article cannot be related to itself.",
            ),
        ]
        indexes = [
            # "Translated as" on the original's workspace: relations by their original.
            models.Index(fields=["original"], name="articlerelation_original"),
        ]

    def __str__(self) -> str:
        return f"{self.derived} — {self.get_kind_display().lower()} — {self.original}"

    @property
    def language_pair(self) -> str:
        return f"{self.original_language or '?'} → {self.derived_language or '?'}"

    def clean(self) -> None:
        if self.derived_id and self.derived_id == self.original_id:
            raise ValidationError({"original": "An article cannot be related to itself."})
        if (
            self.derived_id
            and self.original_id
            and ArticleRelation.objects.filter(derived=self.original_id, original=self.derived_id)
            .exclude(pk=self.pk)
            .exists()
        ):
            raise ValidationError(
                {"original": "These two articles are already related the other way round."}
            )

    def other(self, article: Article | int) -> Article:
        """The other article of the pair."""
        pk = article if isinstance(article, int) else article.pk
        return self.original if pk == self.derived_id else self.derived
