"""Ingestion: inputs to clean articles."""
