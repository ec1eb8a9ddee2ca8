"""Engines that run the expensive stages somewhere else than this process (``Params.engine``).

The local engine is ``pipeline._claims_and_vectors``; ``dask`` runs the same
functions as tasks on a ``dask.distributed`` cluster.
"""
