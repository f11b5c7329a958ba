"""smtui: a live terminal dashboard for Amazon SageMaker training jobs."""

__version__ = "0.1.0"
