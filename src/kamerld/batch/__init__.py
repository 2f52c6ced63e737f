"""Running many inputs: the pipeline, builds, run reports and the corpus-level links."""
