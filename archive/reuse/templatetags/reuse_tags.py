"""``{% reuse_badges reuse block.paragraph_id %}``: the badges under one paragraph."""

from django import template

register = template.Library()


@register.inclusion_tag("archive/_reuse_badges.html")
def reuse_badges(reuse, anchor: str):
    badges = reuse.by_anchor.get(anchor, []) if reuse else []
    speech = reuse.speech if reuse else None
    return {"badges": badges, "anchor": anchor, "speech": speech}
