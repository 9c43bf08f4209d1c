"""Keeping the index in line with the database, through the door: ``queue`` (index work
recorded by any process, applied by whoever holds the writer), ``batching`` (a batch of saves
applied once), ``rebuild`` (a fresh index without a pause, then what changed meanwhile) and
``drift`` (database against index, and the repair)."""
