"""The one write path of the archive. The admin, the import command and the API all call these
functions; nothing else creates, changes or deletes speeches.

Each function validates, saves in one transaction and queues the search-index update for after
the commit, then returns what happened.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, OperationalError, transaction

# The import record and the near-duplicate finder live in their own modules; callers name them
# through this one (services.ImportOutcome, services.STATUS_IMPORTED, services.NearDuplicateFinder).
from archive.duplicates import NearDuplicateFinder
from archive.import_record import (
    STATUS_DUPLICATE,
    STATUS_ERROR,
    STATUS_IMPORTED,
    ImportOutcome,
)
from archive.ingest import iter_documents, pick_keywords, reparse_text, suggest_theme
from archive.ingest.types import IngestError, ParsedSpeech
from archive.models import Kind, Place, Section, Speaker, Speech, Theme
from archive.places import place_for_code
from search.backends import backend
from search.upkeep.batching import deferred
from search.upkeep.queue import schedule_index

# What to do when a file matches a speech already in the archive.
ON_DUPLICATE_SKIP = "skip"  # default: exact duplicates skipped, near-duplicates imported + linked
ON_DUPLICATE_REPLACE = "replace"  # the new file replaces the existing speech (same id and URL)
ON_DUPLICATE_KEEP = "keep"  # keep what is there: exact and near-duplicates are not imported
ON_DUPLICATE_CHOICES = (ON_DUPLICATE_SKIP, ON_DUPLICATE_REPLACE, ON_DUPLICATE_KEEP)

ERROR_UNKNOWN_POLICY = "未知的重复处理方式:{policy}(可选 skip、replace、keep)"
ERROR_EMPTY_BODY = "没有提取到正文"
ERROR_SAVE_CONFLICT = "保存时与已有讲话冲突(可能被同时导入),请重试"
ERROR_SAVE_FAILED = "数据库无法写入,本篇没有保存:{reason}"
ERROR_BODY_DUPLICATE = "正文与已有讲话 #{id}《{title}》完全相同"


def _theme_keywords() -> dict[str, list[str]]:
    return {theme.name: theme.keyword_list() for theme in Theme.objects.all()}


def _schedule_index(speech_ids: Iterable[int]) -> None:
    """Bring these speeches' index entries in line with what was saved (added, changed,
    unpublished or deleted alike: the index reads each speech's state): after the commit for
    an engine beside the database (Whoosh), in this very transaction for one inside it
    (PostgreSQL), so the index changes exactly when the speeches do."""
    ids = list(speech_ids)
    if getattr(backend(), "syncs_in_transaction", False):
        schedule_index(ids)
    else:
        transaction.on_commit(lambda: schedule_index(ids))


@contextmanager
def speeches_import_batch(*, progress: Callable[[int, int], None] | None = None) -> Iterator[None]:
    """A batch of imports (an ``import_speeches`` run, an upload batch): the speeches saved
    inside the block reach the search index together when it ends, in one index commit (or,
    for a bulk load, by a rebuild, which ``progress(done, total)`` reports) instead of one per
    speech. Interrupted, the work stays queued for the next writer."""
    with deferred(progress=progress):
        yield


def _apply_parsed(speech: Speech, parsed: ParsedSpeech, *, theme: Theme | None) -> None:
    """Copy what the pipeline found onto ``speech`` (not saved)."""
    speech.title = parsed.title[:300]
    speech.title_rule = parsed.title_rule[:40]
    speech.kind = parsed.kind
    speech.kind_reason = parsed.kind_reason[:200]
    speech.date = parsed.date
    speech.date_rule = parsed.date_rule
    speech.source_published = parsed.published
    speech.removed_lines = list(parsed.removed)
    speech.level = parsed.level or ""
    speech.meeting = parsed.meeting[:300]
    speech.speaker_role = parsed.speaker_role[:100]
    speech.speaker = parsed.speaker[:40]
    speech.place_name = parsed.place_name[:40]
    speech.place = place_for_code(parsed.place_code)
    speech.speaker_entry = speaker_entry(speech.speaker, speech.speaker_role, speech.place)
    speech.keywords = list(parsed.keywords)
    speech.body = parsed.body
    speech.raw_text = parsed.raw_text
    speech.source = parsed.source_name[:500]
    speech.fingerprint = parsed.fingerprint
    speech.simhash = f"{parsed.simhash:016x}"
    speech.warnings = list(parsed.warnings)
    speech.from_scan = parsed.is_ocr
    speech.ocr_confidence = [
        {"page": page.number, "confidence": page.confidence}
        for page in parsed.ocr_pages
        if page.ocr
    ]
    if theme is not None:
        speech.theme = theme


def speaker_entry(name: str, role: str, place: Place | None) -> Speaker | None:
    """The Speaker row for this name, role and place (created on first use); None when the
    name is unknown, as an office alone is not a person."""
    if not name:
        return None
    entry, _ = Speaker.objects.get_or_create(name=name[:40], role=role[:100], place=place)
    return entry


def _replace_sections(speech: Speech, parsed: ParsedSpeech) -> None:
    speech.sections.all().delete()
    Section.objects.bulk_create(
        Section(
            speech=speech,
            order=order,
            depth=section.depth,
            number=section.number[:20],
            heading=section.heading[:500],
            anchor=section.anchor,
            paragraph=section.paragraph,
        )
        for order, section in enumerate(parsed.sections, start=1)
    )


def _suggested_theme(parsed: ParsedSpeech) -> Theme | None:
    name = suggest_theme(f"{parsed.title}\n{parsed.body}", _theme_keywords())
    return Theme.objects.filter(name=name).first() if name else None


def speech_import(
    *,
    parsed: ParsedSpeech,
    file: str | None = None,
    on_duplicate: str = ON_DUPLICATE_SKIP,
    dry_run: bool = False,
    near_duplicates: NearDuplicateFinder | None = None,
) -> ImportOutcome:
    """Save one parsed speech, applying the duplicate policy."""
    if on_duplicate not in ON_DUPLICATE_CHOICES:
        raise ValueError(ERROR_UNKNOWN_POLICY.format(policy=on_duplicate))
    file = file or parsed.source_name
    if not parsed.body.strip():
        return ImportOutcome(file=file, status=STATUS_ERROR, error=ERROR_EMPTY_BODY, parsed=parsed)

    finder = near_duplicates or NearDuplicateFinder()
    existing = Speech.objects.filter(fingerprint=parsed.fingerprint).first()
    similar = finder.similar(parsed.simhash)
    # A theme already named on the parsed speech (an editor's choice in the upload review) wins
    # over the suggestion; the pipeline itself never sets one.
    chosen = Theme.objects.filter(name=parsed.theme).first() if parsed.theme else None
    theme = chosen or _suggested_theme(parsed)
    parsed.theme = theme.name if theme else None  # reported by --dry-run too

    target: Speech | None = None
    if existing is not None:
        if on_duplicate != ON_DUPLICATE_REPLACE:
            return ImportOutcome(
                file=file,
                status=STATUS_DUPLICATE,
                parsed=parsed,
                duplicate_of=existing.pk,
                speech=existing,
            )
        target = existing
    elif similar and on_duplicate == ON_DUPLICATE_KEEP:
        return ImportOutcome(
            file=file,
            status=STATUS_DUPLICATE,
            parsed=parsed,
            duplicate_of=similar[0],
            similar_to=similar,
        )
    elif similar and on_duplicate == ON_DUPLICATE_REPLACE:
        target = Speech.objects.get(pk=similar[0])

    if dry_run:
        return ImportOutcome(
            file=file,
            status=STATUS_IMPORTED,
            parsed=parsed,
            similar_to=similar,
            replaced=target is not None,
            duplicate_of=existing.pk if existing else None,
        )

    try:
        with transaction.atomic():
            speech = target or Speech()
            _apply_parsed(
                speech, parsed, theme=theme if (target is None or not target.theme_id) else None
            )
            if target is None:
                # A news report or a notice is kept for the editor, never shown as a speech.
                speech.is_published = parsed.kind == Kind.SPEECH
            speech.save()
            _replace_sections(speech, parsed)
            links = [pk for pk in similar if pk != speech.pk]
            if links:
                speech.similar_to.add(*links)
            _schedule_index([speech.pk])
    except IntegrityError:
        return ImportOutcome(
            file=file, status=STATUS_ERROR, error=ERROR_SAVE_CONFLICT, parsed=parsed
        )
    except OperationalError as exc:
        # Disk full, read-only or locked database: the transaction rolled back, so nothing of
        # this speech was saved; the batch goes on and reports the file as failed.
        return ImportOutcome(
            file=file,
            status=STATUS_ERROR,
            error=ERROR_SAVE_FAILED.format(reason=exc),
            parsed=parsed,
        )

    finder.add(speech)
    return ImportOutcome(
        file=file,
        status=STATUS_IMPORTED,
        speech=speech,
        parsed=parsed,
        similar_to=[pk for pk in similar if pk != speech.pk],
        replaced=target is not None,
    )


def speeches_import_file(
    *,
    filename: str,
    data: bytes,
    on_duplicate: str = ON_DUPLICATE_SKIP,
    dry_run: bool = False,
    near_duplicates: NearDuplicateFinder | None = None,
) -> Iterator[ImportOutcome]:
    """Import every document in one uploaded file (a zip yields many). A bad document is
    reported as an error outcome; the others go on."""
    finder = near_duplicates or NearDuplicateFinder()
    for name, result in iter_documents(
        filename,
        data,
        max_file_bytes=settings.INGEST_MAX_FILE_BYTES,
        max_total_bytes=settings.INGEST_MAX_UPLOAD_BYTES,
        max_ocr_pages=settings.INGEST_MAX_OCR_PAGES,
    ):
        if isinstance(result, IngestError):
            yield ImportOutcome(file=name, status=STATUS_ERROR, error=str(result))
            continue
        yield speech_import(
            parsed=result,
            file=name,
            on_duplicate=on_duplicate,
            dry_run=dry_run,
            near_duplicates=finder,
        )


def speech_body_check(*, speech: Speech, body: str) -> ParsedSpeech:
    """Parse an edited body; raise ValidationError (Chinese) when it cannot be saved: too little
    text left, or the same text as another speech."""
    try:
        parsed = reparse_text(body, speech.source)
    except IngestError as exc:
        raise ValidationError(str(exc)) from exc
    twin = Speech.objects.filter(fingerprint=parsed.fingerprint).exclude(pk=speech.pk).first()
    if twin is not None:
        raise ValidationError(ERROR_BODY_DUPLICATE.format(id=twin.pk, title=twin.title))
    return parsed


@transaction.atomic
def speech_update(*, speech: Speech, body_changed: bool = False) -> Speech:
    """Save an edited speech. When the body changed, it is cleaned again and its outline,
    fingerprint and near-duplicate key are re-derived; the title and other metadata the editor
    sees stay as edited. The index is updated either way. The level follows the place's kind
    and the speaker entry follows name, role and place, whatever the editor changed."""
    if speech.place_id and speech.place.level:
        speech.level = speech.place.level
    speech.speaker_entry = speaker_entry(speech.speaker, speech.speaker_role, speech.place)
    if body_changed:
        parsed = speech_body_check(speech=speech, body=speech.body)
        # Section paragraph numbers point into the cleaned body, so that is what is stored.
        speech.body = parsed.body
        speech.fingerprint = parsed.fingerprint
        speech.simhash = f"{parsed.simhash:016x}"
        speech.save()
        _replace_sections(speech, parsed)
    else:
        speech.save()
    _schedule_index([speech.pk])
    return speech


@transaction.atomic
def speech_reingest(*, speech: Speech) -> Speech:
    """Run the current pipeline again on the raw text kept at import (after the cleaner
    improves). Editor-chosen theme is kept."""
    parsed = reparse_text(speech.raw_text or speech.body, speech.source)
    # The raw text of a scan is its OCR reading: re-cleaning it does not make it less scanned.
    scan = speech.from_scan, speech.ocr_confidence
    _apply_parsed(speech, parsed, theme=None)
    speech.from_scan, speech.ocr_confidence = scan
    if not speech.theme_id:
        speech.theme = _suggested_theme(parsed)
    speech.save()
    _replace_sections(speech, parsed)
    _schedule_index([speech.pk])
    return speech


@transaction.atomic
def speech_delete(*, speech: Speech) -> None:
    pk = speech.pk
    speech.delete()
    _schedule_index([pk])


@transaction.atomic
def speeches_set_published(*, speeches: Iterable[Speech], published: bool) -> int:
    ids = [speech.pk for speech in speeches]
    count = Speech.objects.filter(pk__in=ids).update(is_published=published)
    _schedule_index(ids)
    return count


@transaction.atomic
def speeches_set_theme(*, speeches: Iterable[Speech], theme: Theme | None) -> int:
    ids = [speech.pk for speech in speeches]
    count = Speech.objects.filter(pk__in=ids).update(theme=theme)
    _schedule_index(ids)
    return count


@transaction.atomic
def speech_set_place_and_speaker(
    *, speech: Speech, place: Place | None, speaker: str, speaker_role: str
) -> Speech:
    """An editor's choice of place and speaker; the level follows the place's kind."""
    speech.place = place
    if place is not None:
        speech.place_name = place.name
        if place.level:
            speech.level = place.level
    speech.speaker = speaker[:40]
    speech.speaker_role = speaker_role[:100]
    speech.speaker_entry = speaker_entry(speech.speaker, speech.speaker_role, place)
    speech.save()
    _schedule_index([speech.pk])
    return speech


@transaction.atomic
def speeches_set_level(*, speeches: Iterable[Speech], level: str) -> int:
    ids = [speech.pk for speech in speeches]
    count = Speech.objects.filter(pk__in=ids).update(level=level)
    _schedule_index(ids)
    return count


@transaction.atomic
def speeches_suggest_theme(*, speeches: Iterable[Speech]) -> int:
    """File each speech under the theme its text suggests now (after keywords changed)."""
    keywords = _theme_keywords()
    themes = {theme.name: theme for theme in Theme.objects.all()}
    changed = []
    for speech in speeches:
        name = suggest_theme(f"{speech.title}\n{speech.body}", keywords)
        theme = themes.get(name) if name else None
        if speech.theme_id != (theme.pk if theme else None):
            Speech.objects.filter(pk=speech.pk).update(theme=theme)
            changed.append(speech.pk)
    _schedule_index(changed)
    return len(changed)


@transaction.atomic
def speeches_refresh_keywords(*, speeches: Iterable[Speech]) -> int:
    """Extract each speech's keywords again from its body, as an import now would (after the
    keyword rules or the generic-word list changed); the index follows. Returns how many
    speeches' keywords changed."""
    changed = []
    for speech in speeches:
        keywords = pick_keywords(speech.body)
        if keywords != speech.keywords:
            Speech.objects.filter(pk=speech.pk).update(keywords=keywords)
            changed.append(speech.pk)
    _schedule_index(changed)
    return len(changed)


@transaction.atomic
def themes_merge(*, themes: Iterable[Theme], into: Theme) -> int:
    """Move the speeches of ``themes`` to ``into``, add their keywords to it, delete them."""
    merged = [theme for theme in themes if theme.pk != into.pk]
    ids = list(Speech.objects.filter(theme__in=merged).values_list("pk", flat=True))
    Speech.objects.filter(pk__in=ids).update(theme=into)
    words = into.keyword_list()
    for theme in merged:
        words += [word for word in theme.keyword_list() if word not in words]
    into.keywords = ",".join(words)
    into.save(update_fields=["keywords"])
    Theme.objects.filter(pk__in=[theme.pk for theme in merged]).delete()
    _schedule_index(ids)
    return len(merged)
