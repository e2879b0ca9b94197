"""ID numbers and phones never reach a log in clear."""
import logging

from bot.privacy import install_log_masking


def test_logged_messages_have_id_numbers_and_phones_masked(caplog):
    install_log_masking()
    with caplog.at_level(logging.DEBUG):
        logging.getLogger("rasa.core.processor").debug("Received user message '%s' from %s",
                                                       "身份证11010519491231002X 手机13937112345", "wx")
    assert "11010519491231002X" not in caplog.text and "13937112345" not in caplog.text
    assert "1101**********002X" in caplog.text and "139****2345" in caplog.text
