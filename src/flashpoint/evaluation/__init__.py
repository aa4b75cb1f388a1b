"""Evaluation: flashpoint's output measured against public gold data."""
