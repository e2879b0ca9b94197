import pytest

from bot.catalogue import default_catalogue
from bot.sources import SourceLibrary, default_seeds_dir
from bot.catalogue import load_document_index


@pytest.fixture(scope="session")
def catalogue():
    return default_catalogue()


@pytest.fixture(scope="session")
def seeds():
    folder = default_seeds_dir()
    assert folder.is_dir(), f"the seed documents are expected in {folder} (set SEEDS_DIR)"
    return SourceLibrary(load_document_index(), folder)
