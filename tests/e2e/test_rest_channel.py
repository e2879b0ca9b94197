"""The real servers (trained model, action server, Rasa with SQLite) over real HTTP."""
import json
import urllib.request

import pytest


pytestmark = pytest.mark.servers


def say(servers, sender, text):
    request = urllib.request.Request(servers.rest_url, data=json.dumps({"sender": sender, "message": text}).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def test_greeting_gets_the_welcome(servers):
    replies = say(servers, "e2e-greet", "你好")
    assert "医保办事指引助手" in replies[0]["text"]


def test_a_citizen_question_gets_the_window_and_the_phone(servers):
    replies = say(servers, "e2e-question", "生孩子的钱去哪里报")
    text = "\n".join(r.get("text", "") for r in replies)
    assert "68号窗口" in text and "0393-8669566" in text
