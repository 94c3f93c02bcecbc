"""Pages of the polls engine. Staff manage polls of their jurisdiction; electors vote.

Every lookup starts from `Poll.objects.managed_by(user)` (staff pages) or `votable_by(user)`
(voting pages), so a poll outside one's scope or electorate is a 404. No page shows a ballot.
Each action runs one service through core.actions; a refusal comes back as a message or on the form.
"""

from collections.abc import Callable
from typing import Any, cast

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_filters.views import FilterView

from accounts.models import User
from accounts.permissions import PermissionRequiredMixin, permission_required
from core.actions import post_action, run_action, submit_form

from . import rules, selectors, services
from .filters import PollFilter
from .forms import (
    BallotForm,
    ElectorateForm,
    PaperTallyForm,
    PaperVotersForm,
    PollForm,
    SubjectsForm,
)
from .models import SMALL_GROUP, Elector, Poll, Subject

MANAGE = "polls.manage_polls"


def _user(request: HttpRequest) -> User:
    # The login middleware lets no anonymous user reach these pages.
    return cast(User, request.user)


def _managed(request: HttpRequest, pk: int) -> Poll:
    return get_object_or_404(
        Poll.objects.managed_by(_user(request)).select_related("jurisdiction"), pk=pk
    )


def _votable(request: HttpRequest, pk: int) -> Poll:
    return get_object_or_404(Poll.objects.votable_by(_user(request)), pk=pk)


# --- Staff: list, create, edit, set up ----------------------------------------------------------


class PollListView(PermissionRequiredMixin, FilterView):
    permission_required = MANAGE
    filterset_class = PollFilter
    template_name = "polls/poll_list.html"
    paginate_by = 30

    def get_queryset(self) -> Any:
        return selectors.polls_managed(user=_user(self.request))


@permission_required(MANAGE)
def poll_create(request: HttpRequest) -> HttpResponse:
    form = PollForm(request.POST or None, user=_user(request))
    done = submit_form(
        request,
        form,
        lambda data: services.poll_create(by=_user(request), **data),
        success=_("投票已创建，请添加测评对象和投票人。"),
    )
    return done or render(request, "polls/poll_form.html", {"form": form})


@permission_required(MANAGE)
def poll_edit(request: HttpRequest, pk: int) -> HttpResponse:
    poll = _managed(request, pk)
    refused = rules.settings_change_error(status=poll.status, fields=())
    if refused:
        messages.error(request, refused)
        return redirect(poll)
    form = PollForm(request.POST or None, instance=poll, user=_user(request))
    done = submit_form(
        request,
        form,
        lambda data: services.poll_update(poll=poll, changes=data, by=_user(request)),
        success=_("设置已保存。"),
    )
    return done or render(request, "polls/poll_form.html", {"form": form, "poll": poll})


@permission_required(MANAGE)
def poll_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _poll_page(request, _managed(request, pk))


def _poll_page(
    request: HttpRequest,
    poll: Poll,
    *,
    subjects_form: SubjectsForm | None = None,
    electorate_form: ElectorateForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The poll's page; a set-up form that was refused comes back with what was typed in it."""
    turnout = selectors.poll_turnout(poll=poll)
    context = {
        "poll": poll,
        "subjects": poll.subjects.all(),
        "turnout": turnout,
        "small_groups": [t.group for t in turnout if t.entitled < SMALL_GROUP],
        "electors": selectors.electors(poll=poll),
        "tellers": poll.tellers.all(),
        "history": poll.history.select_related("history_user")[:20],
    }
    if poll.is_draft:
        context["subjects_form"] = subjects_form or SubjectsForm(user=_user(request))
        context["electorate_form"] = electorate_form or ElectorateForm(
            user=_user(request), poll=poll
        )
    return render(request, "polls/poll_detail.html", context, status=status)


@require_POST
@permission_required(MANAGE)
def subjects_add(request: HttpRequest, pk: int) -> HttpResponse:
    poll = _managed(request, pk)
    form = SubjectsForm(request.POST, user=_user(request))
    if not form.is_valid():
        return _poll_page(request, poll, subjects_form=form, status=400)
    data = form.cleaned_data
    return post_action(
        request,
        lambda: services.subjects_add(
            poll=poll, targets=data["units"], labels=data["label_list"], by=_user(request)
        ),
        success=_("测评对象已添加。"),
        then=poll,
    )


@require_POST
@permission_required(MANAGE)
def subject_remove(request: HttpRequest, pk: int, subject_pk: int) -> HttpResponse:
    poll = _managed(request, pk)
    subject = get_object_or_404(Subject, poll=poll, pk=subject_pk)
    return post_action(
        request,
        lambda: services.subject_remove(subject=subject, by=_user(request)),
        success=_("已移除测评对象“%(s)s”。") % {"s": subject.label},
        then=poll,
    )


@require_POST
@permission_required(MANAGE)
def electorate_add(request: HttpRequest, pk: int) -> HttpResponse:
    poll = _managed(request, pk)
    form = ElectorateForm(request.POST, user=_user(request), poll=poll)
    if not form.is_valid():
        return _poll_page(request, poll, electorate_form=form, status=400)
    data = form.cleaned_data
    return post_action(
        request,
        lambda: services.electorate_add(
            poll=poll, group_name=data["group_name"], voters=data["voter_list"], by=_user(request)
        ),
        success=_("投票人已更新。"),
        then=poll,
    )


@require_POST
@permission_required(MANAGE)
def elector_remove(request: HttpRequest, pk: int, elector_pk: int) -> HttpResponse:
    poll = _managed(request, pk)
    elector = get_object_or_404(Elector, poll=poll, pk=elector_pk)
    return post_action(
        request,
        lambda: services.elector_remove(elector=elector, by=_user(request)),
        success=_("已移除投票人。"),
        then=poll,
    )


def _transition(
    service: Callable[..., Poll], success: str | Promise
) -> Callable[[HttpRequest, int], HttpResponse]:
    @require_POST
    @permission_required(MANAGE)
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        poll = _managed(request, pk)
        return post_action(
            request, lambda: service(poll=poll, by=_user(request)), success=str(success), then=poll
        )

    return view


poll_open = _transition(services.poll_open, gettext_lazy("投票已开始。"))
poll_close = _transition(services.poll_close, gettext_lazy("投票已结束，可以查看结果。"))
poll_publish = _transition(services.poll_publish, gettext_lazy("结果已公布，投票人可以查看。"))


@permission_required(MANAGE)
def not_voted(request: HttpRequest, pk: int) -> HttpResponse:
    poll = _managed(request, pk)
    context = {"poll": poll, "electors": selectors.electors_not_voted(poll=poll)}
    return render(request, "polls/not_voted.html", context)


# --- Staff: paper ballots -----------------------------------------------------------------------


@permission_required(MANAGE)
def paper(request: HttpRequest, pk: int) -> HttpResponse:
    poll = _managed(request, pk)
    posted = request.POST.get("form") if request.method == "POST" else None
    voters_form = PaperVotersForm(
        request.POST if posted == "voters" else None,
        electors=selectors.electors_not_voted(poll=poll),
    )
    tally_form = PaperTallyForm(
        request.POST if posted == "tally" else None,
        poll=poll,
        subjects=poll.subjects.all(),
        groups=poll.groups.all(),
    )
    # A refusal is a message above both forms: a non-teller's tally form is not even shown.
    done = False
    if posted == "voters" and voters_form.is_valid():
        chosen = voters_form.cleaned_data["voters"]
        done, _result = run_action(
            request,
            lambda: services.paper_voters_record(
                poll=poll, voters=[e.voter for e in chosen], by=_user(request)
            ),
            success=_("已登记领取纸质选票的投票人。"),
        )
    elif posted == "tally" and tally_form.is_valid():
        done, _result = run_action(
            request,
            lambda: services.paper_tally_enter(
                poll=poll,
                group=tally_form.cleaned_data["group"],
                teller=_user(request),
                sheet=tally_form.sheet(),
            ),
            success=_("计票结果已录入。"),
        )
    if done:
        return redirect("polls:paper", pk=poll.pk)
    statuses = selectors.paper_status(poll=poll)
    context = {
        "poll": poll,
        "is_teller": selectors.is_teller(poll=poll, user=_user(request)),
        "voters_form": voters_form,
        "tally_form": tally_form,
        "statuses": [(s, selectors.paper_differences(poll=poll, status=s)) for s in statuses],
    }
    return render(request, "polls/paper.html", context)


# --- Results ------------------------------------------------------------------------------------


def results(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff of the jurisdiction once the poll has closed; its electors once it is published."""
    poll = Poll.objects.managed_by(_user(request)).filter(pk=pk).first()
    can_manage = poll is not None
    if poll is None:
        poll = _votable(request, pk)
        if poll.status != Poll.Status.PUBLISHED:
            raise Http404
    if not poll.results_ready:
        messages.error(request, _("投票结束后才能查看结果。"))
        return redirect(poll)
    outcome = selectors.poll_results(poll=poll)
    context = {
        "poll": poll,
        "results": outcome,
        "marks": poll.marks,
        "chart": selectors.results_chart(outcome),
        "can_manage": can_manage,
    }
    return render(request, "polls/results.html", context)


# --- Voting -------------------------------------------------------------------------------------


def my_polls(request: HttpRequest) -> HttpResponse:
    mine = selectors.my_polls(user=_user(request))
    context = {"open_polls": mine.open_polls, "published_polls": mine.published_polls}
    return render(request, "polls/my_polls.html", context)


# Not kept by the browser: the back button on a shared phone must not show someone's choices.
@never_cache
def vote(request: HttpRequest, pk: int) -> HttpResponse:
    poll = _votable(request, pk)
    if selectors.has_voted(poll=poll, user=_user(request)):
        messages.info(request, _("您已投过票，每人只能投一次。"))
        return redirect("polls:voted", pk=poll.pk)
    if not poll.is_open:
        messages.error(request, _("本次投票未在进行中，不能投票。"))
        return redirect("polls:mine")
    # Bound on every POST: an approval ballot with nothing chosen is a blank vote, not no form.
    data = request.POST if request.method == "POST" else None
    form = BallotForm(data, poll=poll, subjects=poll.subjects.all())
    step = request.POST.get("step")
    if request.method == "POST" and not form.is_valid():
        messages.error(request, _("选票未提交：请按提示修改后重新提交。"))
    elif request.method == "POST" and step == "cast":
        cast, _result = run_action(
            request,
            lambda: services.ballot_cast(poll=poll, voter=_user(request), marks=form.marks()),
            success="",
        )
        return redirect("polls:voted", pk=poll.pk) if cast else redirect("polls:mine")
    elif request.method == "POST" and step != "edit":
        # Anything but the confirm button leads to the last look, never to a cast ballot. The
        # choices travel back in the confirm form itself: kept in the session, they would be a
        # record of how this voter voted.
        return render(request, "polls/vote_confirm.html", {"poll": poll, "form": form})
    return render(request, "polls/vote.html", {"poll": poll, "form": form})


def voted(request: HttpRequest, pk: int) -> HttpResponse:
    """The confirmation: that the ballot was received, never what it said."""
    poll = _votable(request, pk)
    if not selectors.has_voted(poll=poll, user=_user(request)):
        return redirect("polls:vote", pk=poll.pk)
    return render(request, "polls/voted.html", {"poll": poll})
