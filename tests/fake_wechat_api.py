"""WeChat's API servers, faked on loopback: the access_token endpoint and the
customer-service message endpoint, recording what the assistant sent."""
from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse


class FakeWeChatApi:
    def __init__(self, appid: str, secret: str):
        self.appid, self.secret = appid, secret
        self.token_requests = 0
        self.sent = []            # (openid, text) in the order received
        self.valid_tokens = set()
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def expire_tokens(self) -> None:
        """WeChat invalidates every issued token (as when another client fetched one)."""
        with self.lock:
            self.valid_tokens.clear()

    def messages_to(self, openid: str):
        with self.lock:
            return [text for who, text in self.sent if who == openid]

    def _handler(self):
        api = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output quiet
                pass

            def _json(self, body):
                data = json.dumps(body).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                url = urlparse(self.path)
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                if url.path != "/cgi-bin/token":
                    return self._json({"errcode": 404})
                if query.get("appid") != api.appid or query.get("secret") != api.secret:
                    return self._json({"errcode": 40013, "errmsg": "invalid appid"})
                with api.lock:
                    api.token_requests += 1
                    token = f"token-{api.token_requests}"
                    api.valid_tokens.add(token)
                self._json({"access_token": token, "expires_in": 7200})

            def do_POST(self):
                url = urlparse(self.path)
                token = parse_qs(url.query).get("access_token", [""])[0]
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
                if url.path != "/cgi-bin/message/custom/send":
                    return self._json({"errcode": 404})
                with api.lock:
                    if token not in api.valid_tokens:
                        return self._json({"errcode": 40001, "errmsg": "invalid credential"})
                    api.sent.append((body["touser"], body["text"]["content"]))
                self._json({"errcode": 0, "errmsg": "ok"})

        return Handler

    def __enter__(self):
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
