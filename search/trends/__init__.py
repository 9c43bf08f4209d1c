"""Word trends: how often up to five terms occur over time (``compute``), drawn as a
server-side SVG line chart (``chart``), on ``/trends/`` with a table and a CSV (``views``)."""
