"""Seed the starting set of themes for county/district speeches (editable in the admin)."""

from django.db import migrations


def add_default_themes(apps, schema_editor):
    # The list lives with the pipeline that uses it; later edits to it do not rewrite themes
    # that editors may already have renamed, because get_or_create matches on the slug.
    from archive.ingest import DEFAULT_THEMES

    Theme = apps.get_model("archive", "Theme")
    for name, slug, keywords in DEFAULT_THEMES:
        Theme.objects.get_or_create(
            slug=slug, defaults={"name": name, "keywords": ",".join(keywords)}
        )


class Migration(migrations.Migration):
    dependencies = [("archive", "0001_initial")]

    operations = [migrations.RunPython(add_default_themes, migrations.RunPython.noop)]
