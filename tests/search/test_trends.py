"""/trends/: counts from the index's match sets equal a brute-force scan of the archive."""

from __future__ import annotations

import csv
import datetime
import io
import random
from collections import defaultdict

import pytest
from django.urls import reverse

from archive.ingest.gazetteer import default_gazetteer
from archive.models import Speech
from archive.places import ensure_places
from search.language.normalize import fold
from search.trends.chart import build_chart
from search.trends.compute import compute_trends, read_terms
from search.upkeep.queue import schedule_index
from tests.search.conftest import make_speech

# Traditional and simplified forms on purpose: a term typed in either script counts both.
PHRASES = ["群众工作", "群眾工作", "高质量发展", "高質量發展", "乡村振兴", "党建", "党", "哈哈哈"]
FILLER = "各部门要认真落实,坚持问题导向,推动工作取得实效。"
TERMS = ["群众工作", "高質量發展", "党", "哈哈", "乡村振兴"]
# 天津市河西区, 天津市南开区, 陕西省安康市汉滨区, and speeches that name no place.
PLACES = ["120103", "120104", "610902", ""]


@pytest.fixture
def random_archive(db):
    ensure_places()
    chooser = random.Random(21)
    ids = []
    for number in range(40):
        parts = [chooser.choice(PHRASES + [FILLER] * 3) for _ in range(chooser.randint(3, 12))]
        body = "\n".join("".join(parts[i : i + 3]) for i in range(0, len(parts), 3))
        day = None if number % 13 == 0 else datetime.date(2019 + number % 5, 1 + number % 12, 9)
        speech = make_speech(
            f"第{number}号讲话" + chooser.choice(["", "群众工作", "党建"]),
            body,
            date=day,
            level=("county", "district", "")[number % 3],
            index=False,
        )
        speech.place_id = PLACES[number % 4] or None
        speech.save(update_fields=["place"])
        ids.append(speech.pk)
    schedule_index(ids)  # one index batch, not forty


def brute_force(terms: list[str], unit: str) -> dict:
    """(term, period, scope) → [occurrences, speeches using, characters, speeches]; a scope is
    "" (every speech), a level, or a place code (that place and every place under it)."""
    gazetteer = default_gazetteer()
    table: dict = defaultdict(lambda: [0, 0, 0, 0])
    for speech in Speech.objects.published():
        if speech.date is None:
            continue
        text = f"{speech.title}\n{speech.body}"
        folded = fold(text)
        period = str(speech.date.year) if unit == "year" else speech.date.strftime("%Y-%m")
        for term in terms:
            needle = fold(term)
            count = sum(folded.startswith(needle, i) for i in range(len(folded)))
            places = {d.code for d in gazetteer.ancestors(speech.place_id or "")}
            for scope in {"", speech.level} | places:
                cell = table[(term, period, scope)]
                cell[0] += count
                cell[1] += 1 if count else 0
                cell[2] += len(text)
                cell[3] += 1
    return table


@pytest.mark.parametrize("unit", ["year", "month"])
def test_trends_equal_a_brute_force_scan(random_archive, unit):
    trends = compute_trends(read_terms(TERMS), unit)
    expected = brute_force(TERMS, unit)
    seen = 0
    for term in trends.terms:
        for (period, level), cell in term.cells.items():
            want = expected.get((term.term.text, period, level), [0, 0, 0, 0])
            got = [cell.occurrences, cell.speeches_using, cell.characters, cell.speeches]
            assert got == want, (term.term.text, period, level)
            seen += 1
    assert seen == sum(1 for key in expected)  # no period, level or place left out
    assert any(term.total for term in trends.terms)
    # A province counts its cities' and counties' speeches: 天津市 = 河西区 + 南开区.
    assert {scope for _, scope in trends.terms[0].cells} >= {"120000", "610000", "610900"}


def test_first_use_and_either_script(random_archive):
    [simplified] = compute_trends(read_terms(["高质量发展"])).terms
    [traditional] = compute_trends(read_terms(["高質量發展"])).terms
    assert simplified.cells == traditional.cells and simplified.total > 0
    dated = [
        s
        for s in Speech.objects.published().exclude(date=None).order_by("date", "pk")
        if "高质量发展" in fold(f"{s.title}\n{s.body}")
    ]
    assert simplified.first.speech_id == dated[0].pk


def test_read_terms_keeps_five_distinct():
    terms = read_terms(["群众", " 群眾 ", "", "a", "b", "c", "d", "e"])
    assert [t.text for t in terms] == ["群众", "a", "b", "c", "d"]


def test_chart_points_follow_the_values(random_archive):
    trends = compute_trends(read_terms(["党", "乡村振兴"]))
    chart = build_chart(trends, scope="", metric="per_million")
    assert [s.name for s in chart.series] == ["党", "乡村振兴"]
    assert len({s.colour for s in chart.series}) == 2
    top = max(p.value for s in chart.series for p in s.points)
    highest = min(p.y for s in chart.series for p in s.points)
    assert next(p for s in chart.series for p in s.points if p.y == highest).value == top


def test_trends_page_shows_chart_table_and_csv(client, random_archive):
    response = client.get(reverse("search:trends"), {"q": ["群众工作", "党"], "level": "county"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<polyline") == 2 and "<table" in html and "最早见于" in html
    assert (
        'href="export.csv?q=%E7%BE%A4%E4%BC%97%E5%B7%A5%E4%BD%9C&amp;q=%E5%85%9A&amp;level=county"'
        in html
    )
    data = client.get(reverse("search:trends_csv"), {"q": ["群众工作", "党"]}).content
    assert data.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    trends = compute_trends(read_terms(["群众工作", "党"]))
    for row in rows:
        term = next(t for t in trends.terms if t.term.text == row["term"])
        scope = row["place"] or ("" if row["level"] == "all" else row["level"])
        cell = term.cells[(row["period"], scope)]
        assert int(row["occurrences"]) == cell.occurrences
        assert int(row["speeches"]) == cell.speeches
    assert {row["level"] for row in rows} == {"all", "county", "district"}
    by_place = [row for row in rows if row["place"]]
    assert {row["place_name"] for row in by_place} >= {
        "天津市",
        "天津市河西区",
        "陕西省安康市汉滨区",
    }
    for row in by_place:
        term = next(t for t in trends.terms if t.term.text == row["term"])
        assert int(row["occurrences"]) == term.cells[(row["period"], row["place"])].occurrences


def test_trends_page_narrows_to_a_place_and_back(client, random_archive):
    page = client.get(reverse("search:trends"), {"q": "党"}).content.decode()
    # The provinces with speeches, each a link that narrows the chart to it.
    assert "<strong>全国</strong>" in page and "place=120000" in page and "place=610000" in page
    tianjin = client.get(reverse("search:trends"), {"q": "党", "place": "120000"})
    html = tianjin.content.decode()
    assert "只计天津市的讲话" in html and "place=120103" in html and "place=120104" in html
    trends = compute_trends(read_terms(["党"]))
    [term] = trends.terms
    first_year = trends.periods[0]
    cell = term.cells.get((first_year, "120000"))
    want = f"({cell.occurrences} 次,{cell.speeches_using} 篇)" if cell else "(0 次,0 篇)"
    row = html.split(f'<th scope="row">{first_year}</th>', 1)[1].split("</tr>", 1)[0]
    assert want in row
    # An unknown code is every place, not an error.
    assert (
        "<strong>全国</strong>"
        in client.get(reverse("search:trends"), {"q": "党", "place": "999999"}).content.decode()
    )


def test_trends_page_without_terms_is_a_form(client, db):
    html = client.get(reverse("search:trends")).content.decode()
    assert "查看趋势" in html and '<svg class="trends-svg"' not in html


def test_trends_csv_quotes_a_term_a_spreadsheet_would_run_as_a_formula(client, random_archive):
    """The terms come from the link: ?q==HYPERLINK(…) must open in Excel as text."""
    term = '=HYPERLINK("http://example.com/","党")'
    data = client.get(reverse("search:trends_csv"), {"q": [term]}).content
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows and {row["term"] for row in rows} == {"'" + term}
