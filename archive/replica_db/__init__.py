"""The database engine of replica aliases: PostgreSQL's, falling back to the primary."""
