"""The archive's data: speeches, their outlines and the themes they are filed under."""

from __future__ import annotations

import datetime

from django.db import models
from django.urls import reverse


class Level(models.TextChoices):
    COUNTY = "county", "县级"
    DISTRICT = "district", "区级"


class Kind(models.TextChoices):
    """What an imported text is; only speeches are published without an editor's say."""

    SPEECH = "speech", "讲话稿"
    NEWS = "news", "新闻报道"
    SUMMARY = "summary", "工作总结"
    PLAN = "plan", "工作计划"
    NOTICE = "notice", "通知"
    OTHER = "other", "其他"


class Theme(models.Model):
    """A subject a speech is filed under (党的建设, 平安建设 …), with the keywords that
    suggest it."""

    name = models.CharField("名称", max_length=50, unique=True)
    slug = models.SlugField("网址名", max_length=60, unique=True)
    keywords = models.TextField("关键词", blank=True, help_text="以逗号或换行分隔,简体繁体均可")

    class Meta:
        ordering = ["name"]
        verbose_name = "主题"
        verbose_name_plural = "主题"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("archive:theme_detail", args=[self.slug])

    def keyword_list(self) -> list[str]:
        raw = self.keywords.replace("，", ",").replace("、", ",").replace("\n", ",")
        return [word.strip() for word in raw.split(",") if word.strip()]


class PlaceKind(models.TextChoices):
    """The kinds of archive/ingest/gazetteer.py (KIND_*)."""

    PROVINCE = "province", "省级"
    CITY = "city", "地级"
    DISTRICT = "district", "市辖区"
    COUNTY = "county", "县"
    AUTONOMOUS_COUNTY = "autonomous_county", "自治县"
    COUNTY_CITY = "county_city", "县级市"
    BANNER = "banner", "旗"
    SPECIAL = "special", "林区/特区"


class Place(models.Model):
    """An administrative division (GB/T 2260): province, city or county-level division,
    loaded from the gazetteer by migration 0004 (``archive.places.load_places``)."""

    code = models.CharField("区划代码", max_length=6, unique=True)
    name = models.CharField("名称", max_length=40, db_index=True)
    short_name = models.CharField("简称", max_length=30, blank=True, db_index=True)
    kind = models.CharField("类型", max_length=20, choices=PlaceKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    former_names = models.JSONField(
        "曾用名", default=list, blank=True, help_text="[{name, kind, until}],撤县设区等更名"
    )

    class Meta:
        ordering = ["code"]
        verbose_name = "地方"
        verbose_name_plural = "地方"

    def __str__(self) -> str:
        return self.full_name

    def get_absolute_url(self) -> str:
        return reverse("archive:place_detail", args=[self.code])

    @property
    def level(self) -> str:
        """The speeches' level this division gives (county/district), "" above county level."""
        if self.kind == PlaceKind.DISTRICT:
            return Level.DISTRICT
        if self.kind in (PlaceKind.PROVINCE, PlaceKind.CITY):
            return ""
        return Level.COUNTY

    def ancestors(self) -> list[Place]:
        """Province first, down to this place."""
        chain, place = [], self
        while place is not None:
            chain.append(place)
            place = place.parent
        return chain[::-1]

    @property
    def full_name(self) -> str:
        return "".join(place.name for place in self.ancestors())

    def ancestor_codes(self) -> list[str]:
        return [place.code for place in self.ancestors()]


class Speaker(models.Model):
    """One person in one office at one place (陈世斌, 县人大常委会主任, 平利县): what
    /speakers/<id>/ shows. Speeches with the same name, role and place share one."""

    name = models.CharField("姓名", max_length=40)
    role = models.CharField("职务", max_length=100, blank=True)
    place = models.ForeignKey(
        Place,
        verbose_name="地方",
        to_field="code",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )

    class Meta:
        ordering = ["name", "role"]
        constraints = [
            models.UniqueConstraint(fields=["name", "role", "place"], name="speaker_unique"),
        ]
        verbose_name = "讲话人"
        verbose_name_plural = "讲话人"

    def __str__(self) -> str:
        where = self.place.name if self.place_id else ""
        return " ".join(part for part in (where, self.role, self.name) if part)

    def get_absolute_url(self) -> str:
        return reverse("archive:speaker_detail", args=[self.pk])


class SpeechQuerySet(models.QuerySet):
    def published(self) -> SpeechQuerySet:
        return self.filter(is_published=True)

    def between(self, start: datetime.date | None, end: datetime.date | None) -> SpeechQuerySet:
        queryset = self
        if start:
            queryset = queryset.filter(date__gte=start)
        if end:
            queryset = queryset.filter(date__lte=end)
        return queryset

    def newest_first(self) -> SpeechQuerySet:
        return self.order_by(models.F("date").desc(nulls_last=True), "-id")


class Speech(models.Model):
    """One speech: its cleaned text in the script it was written in, and what we know about it.

    Searchable fields (see search/backends/whoosh/schema.py): title, body, section headings,
    keywords; filters: date, level, theme, place (and its ancestors), speaker, role.
    """

    title = models.CharField("标题", max_length=300)
    title_rule = models.CharField("标题来源", max_length=40, blank=True)
    kind = models.CharField(
        "文本类型", max_length=10, choices=Kind.choices, default=Kind.SPEECH, db_index=True
    )
    kind_reason = models.CharField("类型依据", max_length=200, blank=True)
    date = models.DateField("日期", null=True, blank=True, db_index=True)
    date_rule = models.CharField("日期来源", max_length=40, blank=True)
    source_published = models.DateField(
        "来源发布日期", null=True, blank=True, help_text="网页上的发布时间,不是讲话日期"
    )
    level = models.CharField(
        "层级", max_length=10, choices=Level.choices, blank=True, db_index=True
    )
    theme = models.ForeignKey(
        Theme,
        verbose_name="主题",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="speeches",
    )
    meeting = models.CharField("会议", max_length=300, blank=True)
    speaker_role = models.CharField("讲话人职务", max_length=100, blank=True)
    speaker = models.CharField("讲话人", max_length=40, blank=True, help_text="照原文写的姓名")
    speaker_entry = models.ForeignKey(
        Speaker,
        verbose_name="讲话人条目",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="speeches",
    )
    # By division code, not row id: a backup restored into another database (whose Place rows
    # the migration numbered anew) still points at the same places.
    place = models.ForeignKey(
        Place,
        verbose_name="地方",
        to_field="code",
        db_column="place_code",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="speeches",
    )
    place_name = models.CharField(
        "地名(原文)", max_length=40, blank=True, help_text="文中写的县区名,如“开州”“南開區”"
    )
    keywords = models.JSONField("关键词", default=list, blank=True)
    body = models.TextField("正文", help_text="清洗后的正文,保持原文字形;每段一行")
    raw_text = models.TextField("原始文本", blank=True, help_text="上传时的原文,留作核对")
    removed_lines = models.JSONField(
        "已去除的网页杂项", default=list, blank=True, help_text="清洗时从原文中去掉的整行"
    )
    source = models.CharField("来源", max_length=500, blank=True)
    fingerprint = models.CharField("内容指纹", max_length=64, unique=True)
    simhash = models.CharField("相似指纹", max_length=16, blank=True, db_index=True)
    similar_to = models.ManyToManyField("self", verbose_name="相似讲话", blank=True)
    warnings = models.JSONField("导入提示", default=list, blank=True)
    # Read from a scan (a PDF of page images or a photo) by OCR: the text may hold misreadings.
    from_scan = models.BooleanField("由扫描件识别", default=False)
    ocr_confidence = models.JSONField(
        "识别置信度",
        default=list,
        blank=True,
        help_text='由扫描件识别的每一页:[{"page": 页码, "confidence": 0–1}]',
    )
    is_published = models.BooleanField("已发布", default=True, db_index=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True, db_index=True)

    objects = SpeechQuerySet.as_manager()

    class Meta:
        ordering = [models.F("date").desc(nulls_last=True), "-id"]
        # The reading page's previous/next speech at the same level walks this index from the
        # speech's date instead of sorting every speech of that level (~50 ms at 10,000).
        indexes = [models.Index(fields=["level", "date", "id"], name="speech_level_date")]
        verbose_name = "讲话"
        verbose_name_plural = "讲话"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("archive:speech_detail", args=[self.pk])

    @property
    def paragraphs(self) -> list[str]:
        return self.body.split("\n")

    @property
    def date_label(self) -> str:
        """The date as readers write it (2023年5月8日); plain formatting, as Django's ``date``
        filter costs ~0.1 ms per call on a page of 20 results."""
        date = self.date
        return f"{date.year}年{date.month}月{date.day}日" if date else ""

    @property
    def level_label(self) -> str:
        return self.get_level_display() if self.level else ""


class Section(models.Model):
    """A heading of a speech's outline. ``paragraph`` is the index of the body paragraph the
    heading opens; that paragraph starts with ``number + heading``."""

    speech = models.ForeignKey(Speech, on_delete=models.CASCADE, related_name="sections")
    order = models.PositiveIntegerField("顺序")
    depth = models.PositiveSmallIntegerField("层级")
    number = models.CharField("序号", max_length=20)
    heading = models.CharField("标题", max_length=500)
    anchor = models.CharField("锚点", max_length=40)
    paragraph = models.PositiveIntegerField("段落")

    class Meta:
        ordering = ["speech", "order"]
        constraints = [
            models.UniqueConstraint(fields=["speech", "anchor"], name="section_anchor_unique"),
        ]
        verbose_name = "小标题"
        verbose_name_plural = "提纲"

    def __str__(self) -> str:
        return f"{self.number}{self.heading}"

    def get_absolute_url(self) -> str:
        return f"{self.speech.get_absolute_url()}#{self.anchor}"
