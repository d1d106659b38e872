"""Where the shared reference documents are: ../shared/reference beside the repository
(override with VBGEN_REFERENCE)."""
import os
from pathlib import Path

REFERENCE = Path(os.environ.get("VBGEN_REFERENCE",
                                Path(__file__).resolve().parent.parent.parent / "shared" / "reference"))
SEEDS = REFERENCE / "seeds"
CORPUS = REFERENCE / "corpus"

if os.environ.get("CI") and not REFERENCE.is_dir():
    raise RuntimeError(f"CI expects the reference documents at {REFERENCE} (set VBGEN_REFERENCE)")
