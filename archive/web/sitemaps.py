"""/sitemap.xml: every published speech and the browsing pages."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from archive.models import Level, Place, Speaker, Speech, Theme


class SpeechSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return Speech.objects.published().order_by("pk")

    def lastmod(self, item: Speech):
        return item.updated_at


class BrowseSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        pages = [
            reverse("archive:home"),
            reverse("archive:speech_list"),
            reverse("archive:theme_list"),
            reverse("archive:place_index"),
        ]
        pages += [reverse("archive:level_detail", args=[level]) for level in Level.values]
        pages += [theme.get_absolute_url() for theme in Theme.objects.all()]
        return pages

    def location(self, item: str) -> str:
        return item


class PlaceSitemap(Sitemap):
    """The places that have published speeches, with every division above them."""

    changefreq = "weekly"
    priority = 0.5

    def items(self):
        from archive.web.places import place_counts

        return Place.objects.filter(code__in=list(place_counts())).order_by("code")


class SpeakerSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.4

    def items(self):
        return Speaker.objects.filter(speeches__is_published=True).distinct().order_by("pk")


SITEMAPS = {
    "speeches": SpeechSitemap,
    "browse": BrowseSitemap,
    "places": PlaceSitemap,
    "speakers": SpeakerSitemap,
}
