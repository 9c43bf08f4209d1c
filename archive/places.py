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
