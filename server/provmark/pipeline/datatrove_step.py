"""A datatrove pipeline step that keeps Provmark-excluded code out of a corpus.

Install from a checkout of this repository: ``pip install '.[datatrove]'``.

Each document is one source file of a repository checkout: its text, and in its
metadata the file's path relative to the repository root (``path_key``) and, unless all
documents come from one repository given as ``root``, the root itself (``root_key``).
The step reads the repository's sidecars (failing closed, as ``provmark.pipeline``
does) and either masks the excluded lines (the document keeps its other lines) or drops
every document with an exclusion. A document whose whole file is excluded is always
dropped, and so is one whose repository is not a folder on the worker running it (on a
cluster, every worker must reach every repository at the same absolute path).

The step runs unchanged on datatrove's distributed executors (Slurm, Ray): it is
pickled once with its settings, and what it learns of a repository (its policy) is
kept per process, read on first use, never pickled with it.

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from provmark.pipeline.datatrove_step import ProvmarkExclusion

    LocalPipelineExecutor(pipeline=[
        JsonlReader("corpus/"),
        ProvmarkExclusion(root_key="repo_root", path_key="path", mode="mask"),
        JsonlWriter("clean/"),
    ], tasks=8).run()
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from datatrove.data import DocumentsPipeline
from datatrove.pipeline.base import PipelineStep
from datatrove.utils.logging import logger

from provmark.pipeline.exclusion import ALL, excluded_ranges, filter_text
from provmark.pipeline.policy import Policy
from provmark.pipeline.policy import load as load_policy


class ProvmarkExclusion(PipelineStep):
    name = "🛡️ Provmark exclusion"
    type = "🔻 - FILTER"

    def __init__(
        self,
        root: str | None = None,
        root_key: str = "repo_root",
        path_key: str = "path",
        mode: Literal["mask", "drop"] = "mask",
        keep_unknown: bool = False,
        policy: Policy | None = None,
    ):
        super().__init__()
        if mode not in ("mask", "drop"):
            raise ValueError(f"mode must be 'mask' or 'drop', not {mode!r}")
        self.root, self.root_key, self.path_key, self.mode = root, root_key, path_key, mode
        # A document that does not say which file it is cannot be checked: dropped
        # unless keep_unknown (fail closed by default).
        self.keep_unknown = keep_unknown
        # None: each repository's own policy ([tool.provmark.pipeline]), read once per process.
        self.policy = policy
        self._fresh_caches()

    def _fresh_caches(self) -> None:
        """What this process learns of each repository. An executor pickles the step to
        ship it to its workers; these are left behind (`__getstate__`) and each worker
        process fills its own, lazily: a policy read on the driver, or before the
        repository changed, never reaches a worker."""
        self._policies: dict[str, Policy] = {}
        self._reachable: dict[str, bool] = {}

    def __getstate__(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if not k.startswith("_")}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._fresh_caches()

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        for doc in data:
            self.stat_update("total")
            root = self.root or doc.metadata.get(self.root_key)
            path = doc.metadata.get(self.path_key)
            if not root or not path:
                if self.keep_unknown:
                    self.stat_update("forwarded")
                    yield doc
                else:
                    self.stat_update("dropped_unknown_file")
                continue
            if not self._is_reachable(str(root)):
                self.stat_update("dropped_unreachable_repo")
                continue
            with self.track_time():
                exclude, status = excluded_ranges(Path(root), str(path), doc.text, self._policy_of(str(root)))
            if exclude == ALL:
                self.stat_update(f"dropped_{status}")
                continue
            if exclude:
                if self.mode == "drop":
                    self.stat_update("dropped_excluded_lines")
                    continue
                doc.text = filter_text(doc.text, exclude) or ""
                doc.metadata["provmark_removed_lines"] = [list(r) for r in exclude]
                self.stat_update("masked")
            self.stat_update("forwarded")
            yield doc

    def _is_reachable(self, root: str) -> bool:
        # A repository this worker cannot see would read as one without sidecars, and
        # all of its files would pass: fail closed, and say so once per repository.
        if root not in self._reachable:
            self._reachable[root] = Path(root).is_dir()
            if not self._reachable[root]:
                logger.warning(f"provmark: repository {root} is not a folder on this worker: its documents are dropped")
        return self._reachable[root]

    def _policy_of(self, root: str) -> Policy:
        if self.policy is not None:
            return self.policy
        if root not in self._policies:
            self._policies[root] = load_policy(Path(root))  # a bad policy stops the run: fail closed
        return self._policies[root]
