"""The heavy parts behind the pipeline: the LanguageTool server and the embedding model."""
