"""The text pipeline: bytes + file name in, ParsedSpeech out. Pure functions, no Django."""
