"""Connections from the Rasa server to the action server stay open between messages, and a
restarted action server is reached again (a real aiohttp server on loopback)."""
import asyncio

from aiohttp import web
from rasa.utils.endpoints import EndpointConfig

from bot.kept_sessions import close_kept_sessions, keep_sessions_open


async def start_server(port, peers):
    async def webhook(request):
        peers.append(request.transport.get_extra_info("peername")[1])
        return web.json_response({"events": [], "responses": []})

    app = web.Application()
    app.router.add_post("/webhook", webhook)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", port)
    await site.start()
    return runner


def test_calls_share_one_connection_and_survive_a_restart(monkeypatch):
    original = EndpointConfig.session
    keep_sessions_open()

    async def scenario():
        peers = []
        runner = await start_server(5391, peers)
        endpoint = EndpointConfig("http://127.0.0.1:5391/webhook")
        for _ in range(5):
            assert await endpoint.request(json={"next_action": "x"}, method="post") == {"events": [], "responses": []}
        await runner.cleanup()  # the action server restarts
        runner = await start_server(5391, peers)
        assert await endpoint.request(json={"next_action": "x"}, method="post") is not None
        await close_kept_sessions()
        await runner.cleanup()
        return peers

    try:
        peers = asyncio.run(scenario())
    finally:
        EndpointConfig.session = original
    assert len(peers) == 6 and len(set(peers[:5])) == 1  # five calls, one connection
