"""Admin upload: files → review → import through archive.services, recorded per batch."""
