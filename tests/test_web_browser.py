"""`vbgen serve` end to end in a real headless Chromium (Debian's chromium + chromium-driver, Selenium):
the server runs in a thread (waitress, 127.0.0.1, a free port); a clerk picks the district's plan, fills
the form for a commune, downloads the .docx (checked with vbgen.check), then uploads a broken .docx and
reads the Vietnamese findings. Screenshots go to $VBGEN_WEB_SCREENSHOTS (e.g. docs/) when it is set."""
from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path

import pytest

from conftest import EXAMPLES
from webutil import COMMUNE_FORM, DROPPED_TASK, DROPPED_TASK_TEXT, PARENT, broken_docx, docx_text

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
CHROMEDRIVER = shutil.which("chromedriver") or (
    "/usr/bin/chromedriver" if Path("/usr/bin/chromedriver").exists() else None)
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
         "--lang=vi", "--window-size=1280,2000"]

pytestmark = pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER) and not os.environ.get("CI"),
                                reason="chromium and chromium-driver are not installed (CI installs them)")


@pytest.fixture
def server():
    """The web page served by waitress in a thread; yields its base URL."""
    import waitress

    from vbgen.web import LOOPBACK, create_app

    app = create_app(EXAMPLES, allowed_hosts=LOOPBACK)  # as `vbgen serve` makes it
    httpd = waitress.create_server(app, host="127.0.0.1", port=0, threads=2)
    thread = threading.Thread(target=httpd.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.effective_port}"
    httpd.close()
    thread.join(timeout=10)
    app.extensions["vbgen_jobs"].close()


@pytest.fixture
def browser(tmp_path):
    assert CHROMIUM and CHROMEDRIVER, "CI must install the Debian packages chromium and chromium-driver"
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS + [f"--user-data-dir={tmp_path / 'chromium-profile'}"]:
        options.add_argument(flag)
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    driver.set_page_load_timeout(300)
    driver.downloads = downloads
    yield driver
    driver.quit()


def shoot(driver, name: str, tmp_path: Path) -> Path:
    """A screenshot of the whole page (into $VBGEN_WEB_SCREENSHOTS when set); it must be a real PNG."""
    folder = Path(os.environ.get("VBGEN_WEB_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    driver.set_window_size(1280, 600)  # the page's own height, not the last window's
    driver.execute_script("window.scrollTo(0, 0)")
    height, chrome = driver.execute_script("return [document.documentElement.scrollHeight, "
                                           "window.outerHeight - window.innerHeight]")
    driver.set_window_size(1280, min(height, 4000) + chrome)
    path = folder / f"web-{name}.png"
    assert driver.save_screenshot(str(path))
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    return path


def wait_for_file(folder: Path, suffix: str, timeout: float = 60) -> Path:
    end = time.time() + timeout
    while time.time() < end:
        names = list(folder.iterdir())
        done = [p for p in names if p.name.endswith(suffix) and p.stat().st_size > 0]
        # Chromium may show the final name (empty) while the bytes still go to a .crdownload file.
        if done and not any(p.name.endswith(".crdownload") for p in names):
            return done[0]
        time.sleep(0.2)
    raise AssertionError(f"no {suffix} downloaded into {folder}: {list(folder.iterdir())}")


def type_into(driver, name: str, text: str) -> None:
    from selenium.webdriver.common.by import By

    element = driver.find_element(By.NAME, name)
    element.clear()
    element.send_keys(text)


def test_clerk_makes_the_commune_plan_and_checks_a_document(server, browser, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import Select, WebDriverWait

    from vbgen.check import check_document

    wait = WebDriverWait(browser, 60)
    browser.get(server + "/")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Lập kế hoạch thực hiện"
    shoot(browser, "lap-ke-hoach", tmp_path)
    browser.find_element(By.CSS_SELECTOR, f'input[name="ke_hoach"][value="{PARENT}"]').click()
    browser.find_element(By.ID, "tiep").click()
    wait.until(ec.presence_of_element_located((By.ID, "phieu")))
    assert "Ủy ban nhân dân huyện Chợ Đồn" in browser.find_element(By.CLASS_NAME, "parent").text

    for name, value in COMMUNE_FORM.items():
        if name == "ngay":
            browser.execute_script("arguments[0].value = arguments[1]", browser.find_element(By.NAME, name), value)
        elif name in ("cap", "hinh_thuc"):
            Select(browser.find_element(By.NAME, name)).select_by_value(value)
        else:
            type_into(browser, name, value)
    box = browser.find_element(By.CSS_SELECTOR, f'input[name="bo_nhiem_vu"][value="{DROPPED_TASK}"]')
    browser.execute_script("arguments[0].scrollIntoView()", box)
    box.click()
    shoot(browser, "phieu-don-vi", tmp_path)
    browser.find_element(By.ID, "lap").click()
    wait.until(ec.presence_of_element_located((By.ID, "ket-qua")))
    changes = browser.find_element(By.ID, "thay-doi").text
    assert "== Bỏ: 1" in changes and DROPPED_TASK_TEXT[:30] in changes
    if shutil.which("soffice"):
        pages = browser.find_elements(By.CSS_SELECTOR, ".pages img")
        assert len(pages) >= 3
        assert all(browser.execute_script("return arguments[0].naturalWidth", img) > 100 for img in pages)
        assert browser.find_element(By.ID, "tai-pdf")
    else:
        assert "chưa cài LibreOffice" in browser.find_element(By.ID, "xem-truoc").text
    shoot(browser, "ket-qua", tmp_path)

    browser.find_element(By.ID, "tai-docx").click()
    docx = wait_for_file(browser.downloads, ".docx")
    text = docx_text(docx)
    assert "XÃ BẰNG LÃNG" in text and "Số: 08/KH-UBND" in text and "Trần Thị B" in text
    assert DROPPED_TASK_TEXT not in text and "Mỗi thôn xây dựng ít nhất 01 mô hình" in text
    assert [f.rule for f in check_document(docx) if f.severity == "violation"] == []

    broken = broken_docx(tmp_path)
    browser.get(server + "/kiem-tra")
    browser.find_element(By.ID, "tep").send_keys(str(broken))
    browser.find_element(By.ID, "kiem").click()
    table = wait.until(ec.presence_of_element_located((By.ID, "loi-the-thuc")))
    headings = [th.text for th in table.find_elements(By.TAG_NAME, "th")]
    assert headings == ["#", "Mức", "Quy tắc", "Vị trí", "Hiện có", "Yêu cầu", "Căn cứ"]
    rows = table.text
    assert "Vi phạm" in rows and "page.margins" in rows and "thiết lập trang" in rows
    assert "NĐ 30/2020, Phụ lục I, mục I.3" in rows
    assert "lỗi vi phạm" in browser.find_element(By.ID, "tom-tat").text
    shoot(browser, "kiem-tra", tmp_path)
    browser.find_element(By.ID, "tai-ban-sua").click()
    fixed = wait_for_file(browser.downloads, "ban-da-sua.docx")
    assert check_document(fixed) == []

    browser.get(server + "/bao-cao")
    assert browser.find_element(By.ID, "ky_bao_cao").get_attribute("placeholder") == "6 tháng đầu năm 2025"
    shoot(browser, "bao-cao", tmp_path)
