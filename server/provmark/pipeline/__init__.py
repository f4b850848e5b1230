"""The training pipeline's side: what to leave out of training (manifest, filter,
check), the datatrove step, Agent Trace export and git-ai notes both ways.

The functions a pipeline calls are here: `excluded_ranges(root, path, text)`,
`filter_text(text, ranges)` and `manifest(root)`."""

from provmark.pipeline.exclusion import excluded_ranges, filter_text, manifest

__all__ = ["excluded_ranges", "filter_text", "manifest"]
