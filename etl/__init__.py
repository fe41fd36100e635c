"""Chinese news figures ETL."""
__version__ = "0.1.0"
