"""Place extraction on plain strings, against the real gazetteer (no database)."""

from __future__ import annotations

import datetime

import pytest

from archive.ingest.gazetteer import default_gazetteer, short_name
from archive.ingest.places import extract_place


@pytest.fixture(scope="module")
def gaz():
    return default_gazetteer()


def test_short_names_drop_suffixes_and_nationalities():
    assert short_name("开州区") == "开州"
    assert short_name("木垒哈萨克自治县") == "木垒"
    assert short_name("广西壮族自治区") == "广西"
    assert short_name("内蒙古自治区") == "内蒙古"
    assert short_name("赵县") == ""  # one character names nothing


def test_place_from_byline_with_its_province_and_city(gaz):
    guess = extract_place(
        gaz,
        title="在全区招商引资工作推进会上的讲话",
        byline=["陕西省铜川市印台区委常委、副区长王九鸣"],
        paragraphs=["同志们:今天召开全区招商引资工作推进会。"],
    )
    assert (guess.name, guess.code, guess.level) == ("印台区", "610203", "district")


def test_traditional_script_keeps_the_name_as_written(gaz):
    guess = extract_place(
        gaz, title="", paragraphs=["現在,我代表南開區人民政府,向大會作政府工作報告。"]
    )
    assert (guess.name, guess.code) == ("南開區", "120104")


def test_short_name_in_a_slogan(gaz):
    guess = extract_place(
        gaz,
        title="在全区经济工作会议上的讲话",
        paragraphs=["同志们:", "我们要凝心聚力,构建和谐河西,全区上下要团结一致。"],
    )
    assert (guess.name, guess.code) == ("河西", "120103")


def test_same_name_districts_settled_by_the_city_named(gaz):
    text = ["防汛是湖北、武汉天大的事。", "青山区作为工业重镇,我区辖区内大企业多。"]
    guess = extract_place(gaz, title="在全区防汛工作会议上的讲话", paragraphs=text)
    assert (guess.name, guess.code) == ("青山区", "420107")


def test_same_name_districts_without_a_city_stay_ambiguous(gaz):
    guess = extract_place(
        gaz, title="在朝阳区人民政府全体会议上的讲话", paragraphs=["同志们:全区要抓落实。"]
    )
    assert guess.name == "朝阳区" and guess.code == ""
    assert {"110105", "220104"} <= set(guess.candidates)
    assert guess.level == "district"  # every 朝阳区 is a district
    assert any("全国有" in w for w in guess.warnings)


def test_a_county_that_became_a_district_takes_the_level_of_the_speech_date(gaz):
    paragraphs = ["同志们:", "余江要加快发展,全面建设幸福余江。"]
    before = extract_place(gaz, title="", paragraphs=paragraphs, date=datetime.date(2016, 5, 1))
    after = extract_place(gaz, title="", paragraphs=paragraphs, date=datetime.date(2020, 5, 1))
    assert before.code == after.code == "360603"
    assert (before.kind, before.level) == ("county", "county")
    assert (after.kind, after.level) == ("district", "district")


def test_the_old_name_itself_says_county_without_a_date(gaz):
    guess = extract_place(gaz, title="在余江县委全会上的讲话", paragraphs=["同志们:全县要抓落实。"])
    assert (guess.code, guess.level) == ("360603", "county")


def test_county_level_city_is_a_county_not_a_district(gaz):
    guess = extract_place(
        gaz, title="黑龙江省五常市第四届委员会第四次会议大会主持词", paragraphs=["各位委员:"]
    )
    assert (guess.code, guess.kind, guess.level) == ("230184", "county_city", "county")


def test_prefecture_city_alone_is_no_county_level_place(gaz):
    guess = extract_place(
        gaz, title="在铜川市工作会议上的讲话", paragraphs=["同志们:全市要抓落实。"]
    )
    assert guess.code == "" and guess.name == ""


def test_anonymised_county_gets_a_level_and_no_place(gaz):
    guess = extract_place(gaz, title="在××县经济工作会议上的讲话", paragraphs=["同志们:"])
    assert (guess.name, guess.code, guess.level) == ("", "", "county")
    assert guess.warnings


def test_one_passing_mention_deep_in_the_body_is_not_the_place(gaz):
    paragraphs = ["同志们:"] * 4 + ["我们到平利县学习了经验。"]
    assert extract_place(gaz, title="在全区会议上的讲话", paragraphs=paragraphs).code == ""


def test_a_government_host_decides_between_places_the_text_names_alike(gaz):
    title = "在涞源县、阜平县联席会议上的讲话"
    plain = extract_place(gaz, title=title, paragraphs=["同志们:"])
    assert any("地点不确定" in w for w in plain.warnings)
    by_name = extract_place(
        gaz, title=title, paragraphs=["同志们:"], source_host="www.laiyuan.gov.cn"
    )
    assert (by_name.code, by_name.warnings) == ("130630", [])
    by_initials = extract_place(
        gaz, title=title, paragraphs=["同志们:"], source_host="fpxrd.gov.cn"
    )
    assert (by_initials.code, by_initials.warnings) == ("130624", [])
    elsewhere = extract_place(gaz, title=title, paragraphs=["同志们:"], source_host="laiyuan.com")
    assert any("地点不确定" in w for w in elsewhere.warnings)
