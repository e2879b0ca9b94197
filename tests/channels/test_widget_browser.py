"""The chat widget in a real headless Chromium (Debian's chromium and chromedriver, driven by
Selenium): a conversation with a button click, kept across a reload, usable from the
keyboard, and a clear message when the server cannot be reached. Screenshots are saved
to test-artifacts/."""
import shutil
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

pytestmark = pytest.mark.servers
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture(scope="module")
def browser():
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    assert chromium and driver_path, "needs Debian's chromium and chromium-driver (make system-packages)"
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--window-size=420,860", "--lang=zh-CN"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    yield driver
    driver.quit()


def bot_texts(browser):
    return [e.text for e in browser.find_elements(By.CSS_SELECTOR, ".yb-bot")]


def wait_for_bot_text(browser, fragment, seconds=20, after=0):
    """Waits for a bot message containing fragment among those after the first `after`."""
    WebDriverWait(browser, seconds).until(lambda d: any(fragment in t for t in bot_texts(d)[after:]))


def ask(browser, text):
    box = browser.find_element(By.CSS_SELECTOR, ".yb-form textarea")
    box.send_keys(text)
    box.send_keys(Keys.ENTER)


def test_a_conversation_with_a_button_survives_a_reload(servers, browser):
    ARTIFACTS.mkdir(exist_ok=True)
    browser.get(f"{servers.base}/widget/")
    wait_for_bot_text(browser, "医保办事指引助手")          # the welcome menu, with buttons
    ask(browser, "门诊报销去哪办")
    wait_for_bot_text(browser, "请问您是")
    WebDriverWait(browser, 10).until(EC.element_to_be_clickable(
        (By.XPATH, "(//div[@class='yb-buttons'])[last()]/button[text()='城乡居民']"))).click()
    wait_for_bot_text(browser, "乡镇卫生院")
    user_bubbles = [e.text for e in browser.find_elements(By.CSS_SELECTOR, ".yb-user")]
    assert user_bubbles == ["门诊报销去哪办", "城乡居民"]
    browser.save_screenshot(str(ARTIFACTS / "widget-conversation.png"))

    browser.refresh()
    wait_for_bot_text(browser, "乡镇卫生院")
    assert [e.text for e in browser.find_elements(By.CSS_SELECTOR, ".yb-user")] == user_bubbles
    shown = len(bot_texts(browser))
    ask(browser, "那要带什么")                                # the remembered matter carries on
    wait_for_bot_text(browser, "门诊费用报销", after=shown)
    WebDriverWait(browser, 5).until(
        lambda d: not d.find_element(By.CSS_SELECTOR, ".yb-typing").is_displayed())  # typing indicator gone


def test_the_widget_opens_and_closes_from_the_keyboard(servers, browser):
    browser.get(f"{servers.base}/widget/")
    panel = browser.find_element(By.CSS_SELECTOR, ".yb-panel")
    browser.find_element(By.CSS_SELECTOR, ".yb-form textarea").send_keys(Keys.ESCAPE)
    WebDriverWait(browser, 5).until(lambda d: not panel.is_displayed())
    launcher = browser.find_element(By.CSS_SELECTOR, ".yb-launch")
    assert browser.switch_to.active_element == launcher       # focus returns to the button
    launcher.send_keys(Keys.ENTER)
    WebDriverWait(browser, 5).until(lambda d: panel.is_displayed())
    assert browser.switch_to.active_element.tag_name == "textarea"


def test_large_text_on_a_phone_screen_stays_inside_the_screen(servers, browser):
    browser.get(f"{servers.base}/widget/")
    browser.execute_script("document.documentElement.style.fontSize = '200%'")
    wait_for_bot_text(browser, "医保办事指引助手")
    width = browser.execute_script("return window.innerWidth")
    panel = browser.find_element(By.CSS_SELECTOR, ".yb-panel").rect
    assert panel["x"] >= 0 and panel["x"] + panel["width"] <= width
    send = browser.find_element(By.CSS_SELECTOR, ".yb-form button").rect
    assert send["x"] + send["width"] <= width
    browser.save_screenshot(str(ARTIFACTS / "widget-large-text.png"))


def test_an_unreachable_server_gets_a_clear_message_and_keeps_the_question(servers, browser, tmp_path):
    page = tmp_path / "county-site.html"
    page.write_text(f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"></head><body>'
                    f'<script src="{servers.base}/widget/widget.js" data-open="true" '
                    f'data-endpoint="http://127.0.0.1:9/webhook"></script></body></html>', encoding="utf-8")
    browser.get(page.as_uri())
    wait_for_bot_text(browser, "连不上服务器")                  # the greeting could not be fetched
    ask(browser, "住院报销要带什么")
    WebDriverWait(browser, 20).until(lambda d: sum("连不上服务器" in t for t in bot_texts(d)) >= 2)
    assert browser.find_element(By.CSS_SELECTOR, ".yb-form textarea").get_attribute("value") == "住院报销要带什么"
    browser.save_screenshot(str(ARTIFACTS / "widget-offline.png"))
