"""Assembling the search page from what the door returns: ``service`` (one search end to end),
``results`` (rows with marked snippets and the section of the first hit), ``snippets``,
``facets`` (links and chips) and ``timeline`` (hits over time)."""
