"""crosscheck: a linter for facts across news sources.

    >>> import crosscheck
    >>> result = crosscheck.Checker().run(["seeds"])
    >>> result.findings_frame()

``Checker`` (``crosscheck/api.py``) holds the parameters and runs the
pipeline; ``Result`` (``crosscheck/result.py``) holds what it found, as
records, pandas frames, Parquet files and reports. Importing the package
loads neither torch nor spaCy.
"""
__version__ = "0.1.0"

from .api import Checker  # noqa: E402
from .result import Result  # noqa: E402

__all__ = ["Checker", "Result", "__version__"]
