"""The spaCy backend: the one place that loads a pipeline."""

from flashpoint.nlp.pipeline import load_pipeline, pipeline_info

__all__ = ["load_pipeline", "pipeline_info"]
