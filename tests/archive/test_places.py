"""The Place table and the editor's place names (upload review, admin)."""

from __future__ import annotations

import pytest

from archive.models import Place
from archive.places import ensure_places, place_json, resolve_place


def test_editor_names_resolve_to_one_division_or_explain():
    assert resolve_place("120103") == ("120103", "")
    assert resolve_place("河西区") == ("120103", "")
    assert resolve_place("天津市南開區") == ("120104", "")  # traditional script, full name
    code, error = resolve_place("朝阳区")
    assert code == "" and "110105" in error and "220104" in error
    code, error = resolve_place("不存在县")
    assert code == "" and "找不到" in error


def test_import_record_place_names_the_tree():
    assert place_json("610203", "印台区") == {
        "name": "印台区",
        "code": "610203",
        "province": "陕西省",
        "city": "铜川市",
        "county": "印台区",
    }
    ambiguous = place_json("", "朝阳区")
    assert ambiguous["code"] is None and ambiguous["name"] == "朝阳区"
    assert place_json("", "") is None


@pytest.mark.django_db
def test_the_migration_loads_every_division_with_its_parent_and_renames():
    ensure_places()
    assert Place.objects.count() > 3000
    yujiang = Place.objects.get(code="360603")
    assert yujiang.full_name == "江西省鹰潭市余江区"
    assert yujiang.level == "district"
    assert yujiang.former_names[0]["name"] == "余江县"
    assert Place.objects.get(code="230184").level == "county"  # 五常市, a county-level city
    assert Place.objects.get(code="120000").level == ""
