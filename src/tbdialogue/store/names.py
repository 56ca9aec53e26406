"""Names the command line needs before it opens a database (kept free of SQLAlchemy imports)."""

#: Environment variable that holds the database URL.
ENV_VAR = "TBDIALOGUE_DB"
#: Database used when neither --db nor the environment variable says otherwise.
DEFAULT_URL = "sqlite:///tbdialogue.db"
