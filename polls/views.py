"""Pages of the polls engine. Staff manage polls of their jurisdiction; electors vote.

Every lookup starts from `Poll.objects.managed_by(user)` (staff pages) or `votable_by(user)`
(voting pages), so a poll outside one's scope or electorate is a 404. No page shows a ballot.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_filters.views import FilterView

from core.permissions import STAFF_ROLES, RoleRequiredMixin, role_required

from . import rules, services
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
from .rules import BallotRejected


def _managed(request, pk: int) -> Poll:
    return get_object_or_404(
        Poll.objects.managed_by(request.user).select_related("jurisdiction"), pk=pk
    )


def _votable(request, pk: int) -> Poll:
    return get_object_or_404(Poll.objects.votable_by(request.user), pk=pk)


# --- Staff: list, create, edit, set up ----------------------------------------------------------


class PollListView(RoleRequiredMixin, FilterView):
    allowed_roles = STAFF_ROLES
    filterset_class = PollFilter
    template_name = "polls/poll_list.html"
    paginate_by = 30

    def get_queryset(self):
        return (
            Poll.objects.managed_by(self.request.user).select_related("jurisdiction").with_counts()
        )


@role_required(*STAFF_ROLES)
def poll_create(request):
    form = PollForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        poll = services.poll_create(
            by=request.user,
            jurisdiction=data.pop("jurisdiction"),
            tellers=data.pop("tellers"),
            **data,
        )
        messages.success(request, _("投票已创建，请添加测评对象和投票人。"))
        return redirect(poll)
    return render(request, "polls/poll_form.html", {"form": form})


@role_required(*STAFF_ROLES)
def poll_edit(request, pk: int):
    poll = _managed(request, pk)
    if poll.status == Poll.Status.PUBLISHED:
        messages.error(request, _("结果公布后不能再修改设置。"))
        return redirect(poll)
    form = PollForm(request.POST or None, instance=poll, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("设置已保存。"))
        return redirect(poll)
    return render(request, "polls/poll_form.html", {"form": form, "poll": poll})


@role_required(*STAFF_ROLES)
def poll_detail(request, pk: int):
    return _poll_page(request, _managed(request, pk))


def _poll_page(request, poll, *, subjects_form=None, electorate_form=None, status=200):
    """The poll's page; a set-up form that was refused comes back with what was typed in it."""
    turnout = services.poll_turnout(poll=poll)
    context = {
        "poll": poll,
        "subjects": poll.subjects.all(),
        "turnout": turnout,
        "small_groups": [t.group for t in turnout if t.entitled < SMALL_GROUP],
        "electors": poll.electors.select_related("voter", "group").order_by(
            "group__position", "voter__username"
        ),
        "tellers": poll.tellers.all(),
        "history": poll.history.select_related("history_user")[:20],
    }
    if poll.is_draft:
        context["subjects_form"] = subjects_form or SubjectsForm(user=request.user)
        context["electorate_form"] = electorate_form or ElectorateForm(user=request.user, poll=poll)
    return render(request, "polls/poll_detail.html", context, status=status)


def _run(request, action, **kwargs) -> bool:
    """Call a service, turning a refusal into a message for the user."""
    try:
        action(**kwargs)
    except BallotRejected as refused:
        messages.error(request, str(refused))
        return False
    return True


@require_POST
@role_required(*STAFF_ROLES)
def subjects_add(request, pk: int):
    poll = _managed(request, pk)
    form = SubjectsForm(request.POST, user=request.user)
    if not form.is_valid():
        return _poll_page(request, poll, subjects_form=form, status=400)
    if _run(
        request,
        services.subjects_add,
        poll=poll,
        targets=form.cleaned_data["units"],
        labels=form.cleaned_data["label_list"],
        by=request.user,
    ):
        messages.success(request, _("测评对象已添加。"))
    return redirect(poll)


@require_POST
@role_required(*STAFF_ROLES)
def subject_remove(request, pk: int, subject_pk: int):
    poll = _managed(request, pk)
    subject = get_object_or_404(Subject, poll=poll, pk=subject_pk)
    if _run(request, services.subject_remove, subject=subject, by=request.user):
        messages.success(request, _("已移除测评对象“%(s)s”。") % {"s": subject.label})
    return redirect(poll)


@require_POST
@role_required(*STAFF_ROLES)
def electorate_add(request, pk: int):
    poll = _managed(request, pk)
    form = ElectorateForm(request.POST, user=request.user, poll=poll)
    if not form.is_valid():
        return _poll_page(request, poll, electorate_form=form, status=400)
    if _run(
        request,
        services.electorate_add,
        poll=poll,
        group_name=form.cleaned_data["group_name"],
        voters=form.cleaned_data["voter_list"],
        by=request.user,
    ):
        messages.success(request, _("投票人已更新。"))
    return redirect(poll)


@require_POST
@role_required(*STAFF_ROLES)
def elector_remove(request, pk: int, elector_pk: int):
    poll = _managed(request, pk)
    elector = get_object_or_404(Elector, poll=poll, pk=elector_pk)
    if _run(request, services.elector_remove, elector=elector, by=request.user):
        messages.success(request, _("已移除投票人。"))
    return redirect(poll)


def _transition(service, success: str):
    @require_POST
    @role_required(*STAFF_ROLES)
    def view(request, pk: int):
        poll = _managed(request, pk)
        if _run(request, service, poll=poll, by=request.user):
            messages.success(request, success)
        return redirect(poll)

    return view


poll_open = _transition(services.poll_open, _("投票已开始。"))
poll_close = _transition(services.poll_close, _("投票已结束，可以查看结果。"))
poll_publish = _transition(services.poll_publish, _("结果已公布，投票人可以查看。"))


@role_required(*STAFF_ROLES)
def not_voted(request, pk: int):
    poll = _managed(request, pk)
    context = {"poll": poll, "electors": services.electors_not_voted(poll=poll)}
    return render(request, "polls/not_voted.html", context)


# --- Staff: paper ballots -----------------------------------------------------------------------


@role_required(*STAFF_ROLES)
def paper(request, pk: int):
    poll = _managed(request, pk)
    is_teller = poll.tellers.filter(pk=request.user.pk).exists()
    voters_form = PaperVotersForm(electors=services.electors_not_voted(poll=poll))
    tally_form = PaperTallyForm(poll=poll, subjects=poll.subjects.all(), groups=poll.groups.all())
    if request.method == "POST" and request.POST.get("form") == "voters":
        voters_form = PaperVotersForm(request.POST, electors=services.electors_not_voted(poll=poll))
        if voters_form.is_valid() and _run(
            request,
            services.paper_voters_record,
            poll=poll,
            voters=[e.voter for e in voters_form.cleaned_data["voters"]],
            by=request.user,
        ):
            messages.success(request, _("已登记领取纸质选票的投票人。"))
            return redirect("polls:paper", pk=poll.pk)
    elif request.method == "POST" and request.POST.get("form") == "tally":
        tally_form = PaperTallyForm(
            request.POST, poll=poll, subjects=poll.subjects.all(), groups=poll.groups.all()
        )
        if tally_form.is_valid() and _run(
            request,
            services.paper_tally_enter,
            poll=poll,
            group=tally_form.cleaned_data["group"],
            teller=request.user,
            sheet=tally_form.sheet(),
        ):
            messages.success(request, _("计票结果已录入。"))
            return redirect("polls:paper", pk=poll.pk)
    subjects = {s.pk: s.label for s in poll.subjects.all()}
    statuses = services.paper_status(poll=poll)
    context = {
        "poll": poll,
        "is_teller": is_teller,
        "voters_form": voters_form,
        "tally_form": tally_form,
        "statuses": [(s, _describe_differences(poll, s.differences, subjects)) for s in statuses],
    }
    return render(request, "polls/paper.html", context)


def _describe_differences(poll, differences, subjects) -> list[tuple[str, int, int]]:
    names = {
        "ballots": _("收回选票数"),
        "invalid_ballots": _("无效票数"),
        "blank_ballots": _("空白票数"),
        rules.BLANK: _("弃权"),
        rules.INVALID: _("无效"),
        **{code: str(text) for code, text in poll.marks},
    }
    return [
        (
            f"{subjects.get(d.subject_id, '')} {names.get(d.key, d.key)}".strip(),
            d.first,
            d.second,
        )
        for d in differences
    ]


# --- Results ------------------------------------------------------------------------------------


def results(request, pk: int):
    """Staff of the jurisdiction once the poll has closed; its electors once it is published."""
    poll = Poll.objects.managed_by(request.user).filter(pk=pk).first()
    if poll is None:
        poll = _votable(request, pk)
        if poll.status != Poll.Status.PUBLISHED:
            raise Http404
    if not poll.results_ready:
        messages.error(request, _("投票结束后才能查看结果。"))
        return redirect(poll)
    outcome = services.poll_results(poll=poll)
    context = {
        "poll": poll,
        "results": outcome,
        "marks": poll.marks,
        "chart": _chart_data(poll, outcome),
        "can_manage": Poll.objects.managed_by(request.user).filter(pk=pk).exists(),
    }
    return render(request, "polls/results.html", context)


def _chart_data(poll, outcome) -> dict:
    """The overall counts per subject and mark, for the chart (the table shows every group)."""
    overall = outcome.overall
    return {
        "subjects": [r.subject.label for r in overall.subjects],
        "series": [
            {"name": str(text), "data": [r.tally.count(code) for r in overall.subjects]}
            for code, text in poll.marks
        ],
    }


# --- Voting -------------------------------------------------------------------------------------


def my_polls(request):
    polls = (
        Poll.objects.votable_by(request.user)
        .with_voted_by(request.user)
        .select_related("jurisdiction")
        .order_by("-opened_at", "-pk")
    )
    context = {
        "open_polls": [p for p in polls if p.status == Poll.Status.OPEN],
        "published_polls": [p for p in polls if p.status == Poll.Status.PUBLISHED][:20],
    }
    return render(request, "polls/my_polls.html", context)


# Not kept by the browser: the back button on a shared phone must not show someone's choices.
@never_cache
def vote(request, pk: int):
    poll = _votable(request, pk)
    if poll.participations.filter(voter=request.user).exists():
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
        if _run(request, services.ballot_cast, poll=poll, voter=request.user, marks=form.marks()):
            return redirect("polls:voted", pk=poll.pk)
        return redirect("polls:mine")
    elif request.method == "POST" and step != "edit":
        # Anything but the confirm button leads to the last look, never to a cast ballot. The
        # choices travel back in the confirm form itself: kept in the session, they would be a
        # record of how this voter voted.
        return render(request, "polls/vote_confirm.html", {"poll": poll, "form": form})
    return render(request, "polls/vote.html", {"poll": poll, "form": form})


def voted(request, pk: int):
    """The confirmation: that the ballot was received, never what it said."""
    poll = _votable(request, pk)
    if not poll.participations.filter(voter=request.user).exists():
        return redirect("polls:vote", pk=poll.pk)
    return render(request, "polls/voted.html", {"poll": poll})
