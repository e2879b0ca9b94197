"""The end-to-end test stories, run by `rasa test core --fail-on-prediction-errors`."""
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
pytestmark = pytest.mark.model


def test_every_story_is_predicted_without_error(tmp_path):
    rasa = Path(sys.executable).parent / "rasa"
    result = subprocess.run([str(rasa), "test", "core", "--stories", "tests/stories", "--model", "models",
                             "--out", str(tmp_path), "--fail-on-prediction-errors"],
                            cwd=ROOT, capture_output=True, text=True, timeout=900)
    failed = tmp_path / "failed_test_stories.yml"
    if failed.exists():
        print(failed.read_text(encoding="utf-8")[:6000])
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
