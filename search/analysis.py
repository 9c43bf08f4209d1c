"""The analyzers' old module path, kept only so that existing indexes still open.

Whoosh pickles each field's analyzer, class path included, into the index's table of
contents. Indexes built before the re-layout name ``search.analysis.JiebaTokenizer`` and
``search.analysis.CharGramTokenizer``; unpickling them imports this module. New code imports
from ``search.backends.whoosh.analysis``. Remove this file only once no index built before the
re-layout is left anywhere (a ``rebuild_index`` rewrites the names).
"""

from search.backends.whoosh.analysis import (  # noqa: F401 - re-exported for old indexes
    CharGramAnalyzer,
    CharGramTokenizer,
    JiebaAnalyzer,
    JiebaTokenizer,
)
