"""The review page as a zh-hans editor uses it: the date read and written as 年-月-日 whatever
the browser's language, and the way in from the admin index."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from lxml import html

from archive.uploads.forms import DATE_PLACEHOLDER, ERROR_DATE, ERROR_DATE_FUTURE, ReviewRowForm
from archive.uploads.models import UploadBatch, UploadItem
from tests.uploads.test_upload_flow import review_data

pytestmark = pytest.mark.django_db


def page_of(response):
    return html.fromstring(response.content.decode())


def test_the_date_is_a_text_input_showing_year_month_day(client, editor, review_batch):
    client.force_login(editor)
    page = page_of(client.get(review_batch.get_absolute_url()))
    [date] = page.xpath("//input[@name='form-0-date']")
    assert date.get("type") == "text"  # not the browser's locale-dependent date picker
    assert date.get("placeholder") == DATE_PLACEHOLDER == "YYYY-MM-DD"
    assert date.get("value") == "2023-04-17"


@pytest.mark.parametrize(
    ("typed", "error"),
    [("04/17/2023", ERROR_DATE), ("2023-02-30", ERROR_DATE), ("2099-01-01", ERROR_DATE_FUTURE)],
)
def test_a_date_not_written_as_year_month_day_is_refused_in_chinese(
    client, editor, review_batch, typed, error
):
    client.force_login(editor)
    first = review_batch.items.get(order=1)
    response = client.post(
        reverse("uploads:import", args=[review_batch.pk]),
        review_data(review_batch, {first.order: {"date": typed}}),
    )
    assert response.status_code == 200
    page = page_of(response)
    [row] = page.xpath(f"//section[@data-file='{first.name}']")
    assert error in row.text_content()
    assert page.xpath("//input[@name='form-0-date']")[0].get("value") == typed  # kept to fix
    first.refresh_from_db()
    review_batch.refresh_from_db()
    assert first.date == datetime.date(2023, 4, 17)
    assert review_batch.state == UploadBatch.State.REVIEW


@pytest.mark.parametrize("typed", ["2023-4-5", "2023/04/05", "2023.4.5", "2023年4月5日"])
def test_year_month_day_is_accepted_in_the_usual_ways(review_batch, typed):
    item = review_batch.items.get(order=1)
    data = {"action": "import", "kind": item.kind, "title": item.title, "date": typed}
    form = ReviewRowForm(data, instance=item)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["date"] == datetime.date(2023, 4, 5)


def test_an_empty_date_stays_empty(review_batch):
    item = review_batch.items.get(order=1)
    form = ReviewRowForm({"action": "import", "title": item.title, "date": ""}, instance=item)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["date"] is None


def test_the_admin_index_links_to_the_upload_page(client, editor):
    client.force_login(editor)
    page = page_of(client.get(reverse("admin:index")))
    url = reverse("uploads:upload")
    links = [a.text_content() for a in page.xpath(f"//*[@id='upload-shortcut']//a[@href='{url}']")]
    assert "上传讲话" in links


def test_the_upload_link_is_not_offered_without_the_upload_permission(client):
    staff = User.objects.create_user("reader", password="x", is_staff=True)
    client.force_login(staff)
    assert reverse("uploads:upload") not in client.get(reverse("admin:index")).content.decode()


def test_the_failed_file_has_only_skip(client, editor, review_batch):
    client.force_login(editor)
    page = page_of(client.get(review_batch.get_absolute_url()))
    broken = review_batch.items.get(order=2)
    [row] = page.xpath(f"//section[@data-file='{broken.name}']")
    assert "无法解析" in row.text_content()
    values = [i.get("value") for i in row.xpath(".//input[@type='radio']")]
    assert values == [UploadItem.Action.SKIP]
