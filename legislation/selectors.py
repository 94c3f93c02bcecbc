"""Reads for the pages, the report, the exports and the public pages of the contact points.

Each list runs a fixed number of queries whatever the number of rows. Which records a user sees is
`visible_to(user)`; what counts as open, sent or adopted is the querysets' (ConsultationQuerySet,
SuggestionQuerySet).
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from accounts.models import User

from . import rules
from .models import Article, Consultation, ContactPoint, Suggestion
from .querysets import ADOPTED, SuggestionQuerySet
from .services import check_hash


def point_rows(user: User) -> QuerySet[ContactPoint]:
    rows: QuerySet[ContactPoint] = (
        ContactPoint.objects.visible_to(user)
        .select_related("county")
        .annotate(
            n_collection=Count("collection_points", distinct=True),
            n_informants=Count("informants", distinct=True),
            n_consultations=Count("consultations", distinct=True),
        )
    )
    return rows


def consultation_rows(user: User) -> QuerySet[Consultation]:
    return (
        Consultation.objects.visible_to(user)
        .select_related("point__county")
        .with_figures()
        .with_open_flag(timezone.localdate())
        .order_by("-opens_on", "-pk")
    )


@dataclass
class ArticleRow:
    article: Article | None
    suggestions: list[Suggestion] = field(default_factory=list)


def consultation_suggestions(consultation: Consultation, user: User) -> list[ArticleRow]:
    """The draft article by article, each with the suggestions on it; suggestions on the whole
    draft first. Two queries."""
    suggestions = (
        Suggestion.objects.visible_to(user)
        .filter(consultation=consultation)
        .select_related("merged_into")
        .order_by("pk")
    )
    by_article: dict[int | None, list[Suggestion]] = defaultdict(list)
    for suggestion in suggestions:
        by_article[suggestion.article_id].append(suggestion)
    rows = [ArticleRow(None, by_article.get(None, []))]
    rows += [ArticleRow(a, by_article.get(a.pk, [])) for a in consultation.articles.all()]
    return rows


def consultation_counts(consultation: Consultation) -> dict[str, int]:
    suggestions = Suggestion.objects.filter(consultation=consultation)
    return suggestions.aggregate(
        total=Count("pk"),
        pending=Count("pk", filter=Q(moderation="pending")),
        ready=Count("pk", filter=Q(pk__in=suggestions.ready_to_send().values("pk"))),
        sent=Count("pk", filter=Q(sent_on__isnull=False)),
        awaiting=Count("pk", filter=Q(sent_on__isnull=False, disposition="")),
        adopted=Count("pk", filter=Q(sent_on__isnull=False, disposition__in=ADOPTED)),
    )


def merge_targets(suggestion: Suggestion) -> QuerySet[Suggestion]:
    """The suggestions of the same draft a duplicate may be merged into."""
    return (
        Suggestion.objects.filter(consultation_id=suggestion.consultation_id)
        .kept()
        .filter(sent_on__isnull=True)
        .exclude(pk=suggestion.pk)
        .select_related("article")
    )


@dataclass
class ReportRow:
    suggestion: Suggestion
    sources: list[tuple[str, int]]  # (source label, how many suggestions said it)


def report_rows(consultation: Consultation) -> list[ReportRow]:
    """The consolidated report to the upper body (条款 / 原文 / 修改建议 / 理由 / 来源): every kept
    suggestion rewritten into legal language, in article order, with the sources of the
    suggestions merged into it. Two queries."""
    return _report_rows(Suggestion.objects.filter(consultation=consultation))


def every_report_rows(user: User) -> list[ReportRow]:
    """The reports of every consultation the user sees, one after another."""
    return _report_rows(Suggestion.objects.visible_to(user), by_draft=True)


def _report_rows(suggestions: SuggestionQuerySet, by_draft: bool = False) -> list[ReportRow]:
    kept_rows = suggestions.kept().exclude(suggested_text="")
    order = ["-consultation__opens_on", "consultation"] if by_draft else []
    kept = list(
        kept_rows.select_related("article", "consultation").order_by(
            *order, "article__number", "pk"
        )
    )
    merged = (
        Suggestion.objects.filter(merged_into__in=kept_rows.values("pk"))
        .values("merged_into", "source")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for suggestion in kept:
        counts[suggestion.pk][suggestion.source] += 1
    for row in merged:
        counts[row["merged_into"]][row["source"]] += row["n"]
    labels = dict(Suggestion.Source.choices)
    return [ReportRow(s, [(str(labels[src]), n) for src, n in counts[s.pk].items()]) for s in kept]


def source_text(row: ReportRow) -> str:
    return "、".join(f"{label}{n}条" for label, n in row.sources)


@dataclass
class StatRow:
    label: str
    suggestions: int
    sent: int
    adopted: int

    @property
    def rate(self) -> float | None:
        return rules.adoption_rate(self.adopted, self.sent)


def _stat_counts() -> dict[str, Any]:
    return {
        "n_suggestions": Count("pk", filter=Q(moderation="accepted")),
        "n_sent": Count("pk", filter=Q(sent_on__isnull=False)),
        "n_adopted": Count("pk", filter=Q(sent_on__isnull=False, disposition__in=ADOPTED)),
    }


def statistics(user: User) -> dict[str, list[StatRow]]:
    """Adoption figures per point, per year and per draft: three grouped queries."""
    suggestions = Suggestion.objects.visible_to(user).order_by()
    by_point = (
        suggestions.values("consultation__point__name", "consultation__point__county__name")
        .annotate(**_stat_counts())
        .order_by("consultation__point__county__code", "consultation__point__name")
    )
    by_year = (
        suggestions.annotate(year=ExtractYear("consultation__opens_on"))
        .values("year")
        .annotate(**_stat_counts())
        .order_by("-year")
    )
    by_draft = (
        suggestions.values("consultation__title", "consultation__point__name")
        .annotate(**_stat_counts())
        .order_by("-consultation__opens_on", "consultation__title")
    )

    def row(label: str, data: dict[str, Any]) -> StatRow:
        return StatRow(label, data["n_suggestions"], data["n_sent"], data["n_adopted"])

    return {
        "points": [
            row(f"{d['consultation__point__county__name']} {d['consultation__point__name']}", d)
            for d in by_point
        ],
        "years": [row(str(d["year"]), d) for d in by_year],
        "drafts": [
            row(f"{d['consultation__title']}（{d['consultation__point__name']}）", d)
            for d in by_draft
        ],
    }


# --- The public --------------------------------------------------------------------------------


def public_consultations(today: dt.date | None = None) -> dict[str, Any]:
    today = today or timezone.localdate()
    shown = Consultation.objects.public(today).select_related("point__county")
    return {
        "open": list(shown.open(today).order_by("closes_on", "pk")),
        "closed": list(shown.closed(today).with_figures().order_by("-closes_on", "-pk")[:50]),
    }


def public_consultation(pk: int, today: dt.date | None = None) -> Consultation:
    today = today or timezone.localdate()
    consultation: Consultation = (
        Consultation.objects.public(today)
        .select_related("point__county")
        .with_figures()
        .prefetch_related(Prefetch("articles", queryset=Article.objects.order_by("number")))
        .get(pk=pk)
    )
    return consultation


def suggestion_by_receipt(number: str, code: str) -> Suggestion | None:
    """The suggestion behind a receipt, only with its check code: the number alone (said aloud at
    a symposium, written on a form) does not open it."""
    suggestion = (
        Suggestion.objects.select_related("consultation", "article", "merged_into")
        .filter(receipt_number=number.strip().upper())
        .first()
    )
    if suggestion is None or not suggestion.check_hash:
        return None
    expected = check_hash(suggestion.receipt_number, code.strip())
    return suggestion if constant_time_compare(suggestion.check_hash, expected) else None


def home_figures(*, user: User) -> dict[str, Any]:
    if not user.has_perm("legislation.view_legislation"):
        return {}
    today = timezone.localdate()
    suggestions = Suggestion.objects.visible_to(user)
    return {
        "open": Consultation.objects.visible_to(user).open(today).count(),
        "pending": suggestions.awaiting_moderation().count(),
        "awaiting": suggestions.awaiting_answer().count(),
    }
