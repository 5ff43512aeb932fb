"""Review workflow (issue 5): the editors' assignment form. It only cleans; the queryset
methods on Assignment make the assignments."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from django.db.models import Count, Q

from articles.models import Article, Assignment, Collection


class AssignForm(forms.Form):
    MODES = [
        ("round_robin", "Round-robin: spread the articles over the annotators in turn"),
        ("hand", "By hand: every chosen article to every chosen annotator"),
    ]

    articles = forms.ModelMultipleChoiceField(
        queryset=Article.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Leave empty to take every article that still needs annotators.",
    )
    group = forms.ModelChoiceField(
        queryset=Group.objects.order_by("name"),
        required=False,
        help_text="Round-robin across everyone in this group…",
    )
    annotators = forms.ModelMultipleChoiceField(
        queryset=get_user_model().objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="…or across these people.",
    )
    mode = forms.ChoiceField(choices=MODES, initial="round_robin", widget=forms.RadioSelect)
    per_article = forms.TypedChoiceField(
        choices=[(1, "one annotator per article"), (2, "two per article (double annotation)")],
        coerce=int,
        initial=1,
        label="Annotators per article",
    )

    def __init__(self, *args: Any, collection: Collection, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.collection = collection
        articles = cast(forms.ModelMultipleChoiceField, self.fields["articles"])
        articles.queryset = collection.articles.order_by("pk")
        cast(forms.ModelMultipleChoiceField, self.fields["annotators"]).queryset = (
            get_user_model()
            .objects.filter(
                Q(groups__permissions__codename="add_claim") | Q(is_superuser=True),
                is_active=True,
            )
            .distinct()
            .order_by("username")
        )

    def chosen_annotators(self) -> list[User]:
        data = self.cleaned_data
        people = list(data.get("annotators") or [])
        group = data.get("group")
        if group is not None:
            people += list(group.user_set.filter(is_active=True).order_by("username"))
        unique: dict[int, User] = {}
        for person in people:
            unique.setdefault(person.pk, person)
        return list(unique.values())

    def chosen_articles(self) -> list[Article]:
        data = self.cleaned_data
        if data.get("articles"):
            return list(data["articles"])
        # Every article with fewer annotators than asked for.
        return list(
            self.collection.articles.annotate(n=Count("assignments"))
            .filter(n__lt=data.get("per_article") or 1)
            .order_by("pk")
        )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if not self.errors and not self.chosen_annotators():
            raise ValidationError("Choose a group or at least one annotator.")
        if data.get("mode") == "hand" and not data.get("articles"):
            self.add_error("articles", "Choose the articles to assign by hand.")
        data["articles"] = self.chosen_articles() if not self.errors else []
        return data

    def assign(self, *, assigned_by: User | None) -> list[Assignment]:
        data = self.cleaned_data
        people = self.chosen_annotators()
        if data["mode"] == "hand":
            return Assignment.objects.assign(
                articles=data["articles"], annotators=people, assigned_by=assigned_by
            )
        return Assignment.objects.assign_round_robin(
            articles=data["articles"],
            annotators=people,
            per_article=data["per_article"],
            assigned_by=assigned_by,
        )
