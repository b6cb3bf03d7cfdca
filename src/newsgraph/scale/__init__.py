"""Scale: batched extraction over worker processes with progress, and the same extraction as a Spark job."""

from newsgraph.scale.pool import ParallelPipeline, WorkerError, default_workers
from newsgraph.scale.progress import Progress, count_inputs, progress_for

__all__ = ["ParallelPipeline", "Progress", "WorkerError", "count_inputs", "default_workers", "progress_for"]
