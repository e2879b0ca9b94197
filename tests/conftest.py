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
def tokenizer(catalogue):
    """The NLU's tokenizer with the catalogue's dictionary, as `rasa train` sets it up."""
    import jieba
    from bot.dictionary import dictionary_words
    from bot.tokenizer import SimplifiedJiebaTokenizer
    for word in dictionary_words(catalogue):
        jieba.add_word(word, 2000)
    return SimplifiedJiebaTokenizer({**SimplifiedJiebaTokenizer.get_default_config()}, None, None)


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


# The settings a WeChat official account would have (test values; WeChat itself is faked).
WECHAT = {"WECHAT_TOKEN": "assistant-test-token", "WECHAT_APPID": "wx0123456789abcdef",
          "WECHAT_APPSECRET": "test-app-secret", "WECHAT_AES_KEY": "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"}
AGENT_TOKEN = "agent-console-test-token"


@pytest.fixture(scope="session")
def fake_wechat():
    from fake_wechat_api import FakeWeChatApi
    with FakeWeChatApi(WECHAT["WECHAT_APPID"], WECHAT["WECHAT_APPSECRET"]) as api:
        yield api


def start_servers(tmp_path_factory, fake_wechat, rasa_port, actions_port, **env):
    """The real action server and Rasa server with every channel, on a fresh data directory."""
    from bot.launcher import Servers
    from bot.records import Records, make_engine
    data_dir = tmp_path_factory.mktemp("data")
    settings = {**WECHAT, "WECHAT_API_BASE": fake_wechat.url, "AGENT_TOKEN": AGENT_TOKEN, **env}
    servers = Servers(rasa_port=rasa_port, actions_port=actions_port, data_dir=data_dir, extra_env=settings)
    servers.start()
    servers.records = Records(make_engine(f"sqlite:///{data_dir / 'assistant.db'}"))
    servers.base = f"http://localhost:{rasa_port}/webhooks"
    return servers


@pytest.fixture(scope="session")
def servers(tmp_path_factory, fake_wechat):
    running = start_servers(tmp_path_factory, fake_wechat, 5105, 5155)
    yield running
    running.stop()
