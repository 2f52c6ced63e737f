"""kamerld: Dutch parliamentary written questions and answers as linked open data."""

__version__ = "0.1.0"
