"""The Place table and the gazetteer the importer reads stay one: both come from
``archive.ingest.gazetteer.division_rows``."""

from __future__ import annotations

from archive.ingest.gazetteer import KIND_CITY, KIND_PROVINCE, default_gazetteer, division_rows


def place_json(code: str, name: str) -> dict | None:
    """The ``place`` of an ``import_speeches --json`` record: {"name", "code", "province",
    "city", "county"}; a name shared by several divisions has a null code."""
    if not code and not name:
        return None
    gaz = default_gazetteer()
    chain = gaz.ancestors(code) if code else []
    province = next((d.name for d in chain if d.kind == KIND_PROVINCE), None)
    city = next((d.name for d in chain if d.kind == KIND_CITY), None)
    county = chain[-1].name if chain and chain[-1].is_county_level else None
    return {
        "name": name,
        "code": code or None,
        "province": province,
        "city": city,
        "county": county,
    }


ERROR_PLACE_UNKNOWN = "找不到地方“{value}”,请填县区全称(如 河西区)或六位区划代码"
ERROR_PLACE_AMBIGUOUS = "有{count}个“{value}”:{where},请填六位区划代码"


def place_full_name(code: str) -> str:
    """天津市河西区 for 120103; "" for an unknown code."""
    return "".join(d.name for d in default_gazetteer().ancestors(code)) if code else ""


def resolve_place(value: str) -> tuple[str, str]:
    """(code, "") for a division code or a name that names one division; ("", Chinese error)
    otherwise. Full names (天津市河西区) settle same-name divisions."""
    from archive.ingest.script import to_simplified

    gaz = default_gazetteer()
    value = to_simplified(value.strip())
    if gaz.get(value):
        return value, ""
    matches = [
        code
        for code, division in gaz.divisions.items()
        if value in (division.name, division.short)
        or value == "".join(d.name for d in gaz.ancestors(code))
    ]
    if len(matches) == 1:
        return matches[0], ""
    if not matches:
        return "", ERROR_PLACE_UNKNOWN.format(value=value)
    where = "、".join(f"{''.join(d.name for d in gaz.ancestors(c))} {c}" for c in matches[:6])
    return "", ERROR_PLACE_AMBIGUOUS.format(count=len(matches), value=value, where=where)


def load_places(place_model) -> int:
    """Create or update every division (``place_model`` is the model class, or the historical
    one in a migration). Parents first, so each row can point at its parent."""
    rows = division_rows()
    existing = {place.code: place for place in place_model.objects.all()}
    if not existing:
        return _create_all(place_model, rows)
    by_code = dict(existing)
    created = 0
    for division in sorted(rows, key=lambda d: (len(d.parent), d.code)):
        former = _former(division)
        values = {
            "name": division.name,
            "short_name": division.short,
            "kind": division.kind,
            "parent": by_code.get(division.parent),
            "former_names": former,
        }
        place = existing.get(division.code)
        if place is None:
            place = place_model.objects.create(code=division.code, **values)
            created += 1
        else:
            for key, value in values.items():
                setattr(place, key, value)
            place.save()
        by_code[division.code] = place
    return created


def _former(division) -> list[dict]:
    return [{"name": f.name, "kind": f.kind, "until": f.until.isoformat()} for f in division.former]


def _create_all(place_model, rows) -> int:
    """A fresh table: one bulk insert per tier (provinces, then cities, then the rest), as
    3,200 single inserts slow every test database's creation."""
    by_code = {}
    remaining = list(rows)
    while remaining:
        tier = [d for d in remaining if not d.parent or d.parent in by_code]
        remaining = [d for d in remaining if d not in tier]
        created = place_model.objects.bulk_create(
            place_model(
                code=d.code,
                name=d.name,
                short_name=d.short,
                kind=d.kind,
                parent=by_code.get(d.parent),
                former_names=_former(d),
            )
            for d in tier
        )
        if not tier:
            break  # a parent missing from the data: leave the rest out rather than loop
        by_code.update({place.code: place for place in created})
    return len(by_code)


def place_for_code(code: str):
    """The Place row of a division code, None for an unknown one. An empty table (a database
    flushed after migrating, as test runs do) is loaded again first."""
    from archive.models import Place

    if not code:
        return None
    place = Place.objects.filter(code=code).first()
    if place is None and not Place.objects.exists():
        load_places(Place)
        place = Place.objects.filter(code=code).first()
    return place


def ensure_places() -> None:
    """Load the gazetteer into an empty Place table (see place_for_code)."""
    from archive.models import Place

    if not Place.objects.exists():
        load_places(Place)
