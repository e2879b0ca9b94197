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


@pytest.fixture(scope="session")
def postgres_url():
    from postgres_server import running_postgres
    with running_postgres() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def records(request, tmp_path):
    """A Records on an empty database: a SQLite file, then a real PostgreSQL server."""
    from bot.records import Base, Records, make_engine
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'records.db'}")
    else:
        engine = make_engine(request.getfixturevalue("postgres_url"))
        Base.metadata.drop_all(engine)
    yield Records(engine)
    engine.dispose()
