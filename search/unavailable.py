"""What counts as "the index cannot be read": the search page then says 搜索暂不可用 (503)
instead of failing, while the rest of the site, which reads only the database, keeps serving.

Restored by ``python manage.py rebuild_index --noinput`` (search/rebuild.py builds beside the
broken folder and swaps).
"""

from __future__ import annotations

import pickle
import struct

from whoosh.index import IndexError as WhooshIndexError

MESSAGE = "搜索暂不可用,请稍后再试。"

# A missing folder or a dangling link raises EmptyIndexError (a WhooshIndexError); a damaged
# table of contents IndexError; damaged segment files fail while being unpacked or read.
INDEX_UNAVAILABLE = (
    WhooshIndexError,
    OSError,
    EOFError,
    struct.error,
    pickle.UnpicklingError,
)
