"""Training the learned models of the event stage (``newsgraph train-events``): the scorer and the linker,
from annotated texts run through the pipeline; deterministic, offline, minutes on a CPU."""
