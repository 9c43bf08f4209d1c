"""Atom feed of the latest speeches."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

from archive.models import Speech
from archive.web.reading import opening


class PlainTextSummaryAtomFeed(Atom1Feed):
    """Atom whose summaries are declared ``type="text"``: our descriptions are plain text, and
    Django's ``type="html"`` would let a feed reader render markup found in a speech body."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


class LatestSpeechesFeed(Feed):
    feed_type = PlainTextSummaryAtomFeed
    title = "讲稿库:最新讲话"
    link = "/speeches/"
    subtitle = "县级、区级讲话稿的最新收录"

    def items(self):
        return Speech.objects.published().select_related("theme").order_by("-created_at")[:30]

    def item_title(self, item: Speech) -> str:
        return item.title

    def item_description(self, item: Speech) -> str:
        return opening(item.body, 200)

    def item_updateddate(self, item: Speech):
        return item.updated_at

    def item_pubdate(self, item: Speech):
        return item.created_at

    def item_categories(self, item: Speech):
        return [item.theme.name] if item.theme else []
