"""The query language and the text it works on, with no engine behind it: ``normalize`` (one
folding of scripts, widths and case), ``words`` (jieba words, character grams), ``query``
(what the reader typed, parsed into terms) and ``params`` (the search state of a URL)."""
