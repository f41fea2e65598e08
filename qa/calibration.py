"""The calibration saved next to a reader: its no-answer threshold, the margin-to-probability curve and the reader
options it was fitted with (`python -m qa.training.calibrate` writes it)."""
from __future__ import annotations

import json
from pathlib import Path

from embeddings.errors import InputError
from qa.reading.confidence import Confidence

CALIBRATION_FILE = "calibration.json"


def calibration(reader_path: str | Path) -> dict | None:
    """The calibration saved next to a reader (threshold, the reader options it was fitted with), or None."""
    path = Path(reader_path) / CALIBRATION_FILE
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        float(data["threshold"])
        return data
    except (ValueError, KeyError, TypeError) as err:
        raise InputError(f"{path} is not a calibration file ({err}): rerun python -m qa.training.calibrate") from err


def calibrated_confidence(reader_path: str | Path) -> Confidence | None:
    """The margin-to-probability curve saved next to a reader, or None when there is none."""
    data = calibration(reader_path) or {}
    return Confidence.from_dict(data["confidence"]) if data.get("confidence") else None


def calibrated_threshold(reader_path: str | Path) -> float | None:
    """The threshold saved next to a reader, or None when there is none."""
    data = calibration(reader_path)
    return None if data is None else float(data["threshold"])
