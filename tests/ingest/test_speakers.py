"""Speaker names and roles on plain strings."""

from __future__ import annotations

from archive.ingest.speakers import extract_speaker, normalize_role


def test_role_and_name_from_the_title():
    guess = extract_speaker("县人大主任陈世斌在县十六届人大六次会议闭幕式上的讲话")
    assert (guess.name, guess.role) == ("陈世斌", "县人大常委会主任")


def test_byline_with_government_and_spaces():
    guess = extract_speaker("政府工作报告", ["东乌旗人民政府代旗长 周玉龙"])
    assert (guess.name, guess.role) == ("周玉龙", "代旗长")


def test_compound_role_keeps_both_offices():
    guess = extract_speaker("讲话", ["陕西省铜川市印台区委常委、副区长王九鸣"])
    assert (guess.name, guess.role) == ("王九鸣", "区委常委、副区长")


def test_traditional_and_bare_secretary_are_one_role():
    assert normalize_role("縣委書記") == normalize_role("县委书记") == "县委书记"
    assert normalize_role("书记", "county") == "县委书记"
    assert normalize_role("书记", "district") == "区委书记"


def test_role_without_a_name_leaves_the_name_empty():
    guess = extract_speaker("区长在全区深化“五大战役”工作会上的讲话")
    assert (guess.name, guess.role) == ("", "区长")


def test_placeholders_mean_unknown():
    for title in ("X区长在全区招商引资工作会议上的讲话", "县委书记××在全县大会上的讲话"):
        guess = extract_speaker(title)
        assert guess.name == "" and guess.anonymised
    assert extract_speaker("县委书记***在全县大会上的讲话").name == ""


def test_a_lone_name_line_in_the_byline_is_the_speaker():
    guess = extract_speaker("大會主持詞", ["李 紀 言", "(2010年1月13日)"])
    assert (guess.name, guess.role) == ("李紀言", "")


def test_an_office_inside_the_closing_prose_is_not_the_speaker():
    closing = (
        "材料中写到他从一个农场场长成为市长花了32年的时间,但从市长到阶下囚只花了几年,教训深刻。"
    )
    paragraphs = ["同志们:", "今天召开廉政教育会议。", closing]
    assert extract_speaker("在廉政教育会上的发言", [], paragraphs).role == ""
