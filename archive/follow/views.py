"""Subscribe, confirm, unsubscribe, manage: thin views over archive/follow/services.py."""

from __future__ import annotations

from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from archive.client_address import client_address
from archive.follow import services, tokens
from archive.follow.models import Alert

BAD_LINK = "链接无效或已过期。"


def _message(request, title: str, message: str, *, status: int = 200, **extra):
    context = {"title": title, "message": message, **extra}
    return render(request, "follow/message.html", context, status=status)


@require_POST
def subscribe(request):
    try:
        alert = services.alert_subscribe(
            email=request.POST.get("email", ""),
            query=request.POST.get("query", ""),
            frequency=request.POST.get("frequency", Alert.Frequency.WEEKLY),
            client_address=client_address(request),
        )
    except services.FollowError as error:
        return _message(request, "订阅未成功", error.message, status=error.status)
    return _message(
        request,
        "请查收确认邮件",
        f"确认邮件已发往 {alert.email}。打开邮件里的链接后,提醒才会开始。",
    )


@require_safe
def confirm(request, token: str):
    alert_id = tokens.read_confirm(token)
    alert = services.alert_confirm(alert_id) if alert_id is not None else None
    if alert is None:
        return _message(request, "无法确认", BAD_LINK, status=404)
    manage_url = reverse("follow:manage", args=[tokens.manage_token(alert.email)])
    return _message(
        request,
        "订阅已确认",
        f"{alert.get_frequency_display()}会把“{alert.query_label}”的新讲话发到 {alert.email}。",
        manage_url=manage_url,
    )


# One-click unsubscribe: the link in the mail works as it is opened (GET), and mail programs
# that offer "unsubscribe" POST to the same address (RFC 8058) with no CSRF token to send; the
# signed token is what authorises either.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token: str):
    alert_id = tokens.read_unsubscribe(token)
    if alert_id is None:
        return _message(request, "无法退订", BAD_LINK, status=404)
    alert = services.alert_unsubscribe(alert_id)
    text = f"不会再收到“{alert.query_label}”的提醒。" if alert else "这条提醒已经退订。"
    return _message(request, "已退订", text)


@require_http_methods(["GET", "HEAD", "POST"])
def manage(request, token: str):
    email = tokens.read_manage(token)
    if email is None:
        return _message(request, "无法打开", BAD_LINK, status=404)
    if request.method == "POST":
        alert_id = request.POST.get("alert", "")
        if alert_id.isdigit():
            try:
                if request.POST.get("action") == "delete":
                    services.alert_delete(email=email, alert_id=int(alert_id))
                else:
                    services.alert_set_frequency(
                        email=email,
                        alert_id=int(alert_id),
                        frequency=request.POST.get("frequency", ""),
                    )
            except services.FollowError as error:
                return _message(request, "未能修改", error.message, status=error.status)
        return HttpResponseRedirect(request.path)
    alerts = Alert.objects.filter(email__iexact=email)
    return render(
        request,
        "follow/manage.html",
        {"email": email, "alerts": alerts, "frequencies": Alert.Frequency.choices},
    )
