//! Headless Debian Chromium driven through chromedriver, with JavaScript on or off,
//! and axe-core for accessibility checks.

use fantoccini::{Client, ClientBuilder};
use serde_json::{json, Value};
use std::time::Duration;
use tokio::process::{Child, Command};

/// A browser session; the driver and profile go away when it is dropped.
pub struct Browser {
    pub client: Client,
    /// chromedriver's address, for the commands fantoccini has no method for.
    webdriver: String,
    _driver: Child,
    _profile: tempfile::TempDir,
}

/// A phone-sized window (a common small Android screen).
pub const PHONE: (u32, u32) = (360, 740);
/// A desktop window.
pub const DESKTOP: (u32, u32) = (1280, 900);

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

impl Browser {
    /// Starts Chromium with JavaScript on or off, in a window of `size`.
    pub async fn start(javascript: bool, size: (u32, u32)) -> Browser {
        let port = free_port();
        let driver = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("chromedriver starts (the README's test command installs chromium-driver)");
        let profile = tempfile::tempdir().expect("profile folder");
        let mut args = vec![
            "--headless=new".to_string(),
            "--no-sandbox".into(),
            "--disable-gpu".into(),
            "--disable-dev-shm-usage".into(),
            "--disable-background-networking".into(),
            "--disable-component-update".into(),
            "--disable-sync".into(),
            "--disable-quic".into(),
            "--no-first-run".into(),
            format!("--user-data-dir={}", profile.path().display()),
            format!("--window-size={},{}", size.0, size.1),
        ];
        if !javascript {
            args.push("--blink-settings=scriptEnabled=false".into());
        }
        let mut capabilities = serde_json::Map::new();
        capabilities.insert(
            "goog:chromeOptions".into(),
            json!({ "binary": "/usr/bin/chromium", "args": args }),
        );
        let webdriver = format!("http://127.0.0.1:{port}");
        let mut last_error = String::new();
        for _ in 0..100 {
            match ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
                .capabilities(capabilities.clone())
                .connect(&webdriver)
                .await
            {
                Ok(client) => {
                    return Browser {
                        client,
                        webdriver,
                        _driver: driver,
                        _profile: profile,
                    }
                }
                Err(error) => last_error = error.to_string(),
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("cannot start Chromium through chromedriver: {last_error}");
    }

    /// Lays the page out as a screen of `width` × `height` CSS px, through Chrome's DevTools
    /// protocol: headless Chromium will not make a window narrower than about 500 px, and
    /// chromedriver's phone emulation also emulates touch, under which clicks on forms hang.
    /// The override holds for every later page of the session.
    pub async fn emulate_screen(&self, width: u32, height: u32) {
        let session = self
            .client
            .session_id()
            .await
            .expect("session id")
            .expect("a session");
        let response = reqwest::Client::new()
            .post(format!("{}/session/{session}/goog/cdp/execute", self.webdriver))
            .json(&json!({
                "cmd": "Emulation.setDeviceMetricsOverride",
                "params": { "width": width, "height": height, "deviceScaleFactor": 1, "mobile": true }
            }))
            .send()
            .await
            .expect("chromedriver answers");
        assert!(
            response.status().is_success(),
            "the screen size is not emulated: {}",
            response.text().await.unwrap_or_default()
        );
    }

    /// Opens `url`.
    pub async fn goto(&self, url: &str) {
        self.client.goto(url).await.expect("navigate");
    }

    /// The `lang` attribute of `<html>`.
    pub async fn html_lang(&self) -> String {
        self.client
            .find(fantoccini::Locator::Css("html"))
            .await
            .expect("html element")
            .attr("lang")
            .await
            .expect("lang attribute")
            .unwrap_or_default()
    }

    /// The visible text of the first element matching `css`.
    pub async fn text(&self, css: &str) -> String {
        self.client
            .find(fantoccini::Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element {css}: {e}"))
            .text()
            .await
            .expect("text")
    }

    /// Waits (up to 20 s) until `script` returns true.
    pub async fn wait_for(&self, script: &str, what: &str) {
        for _ in 0..200 {
            if let Ok(Value::Bool(true)) = self.client.execute(script, vec![]).await {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("timed out waiting for {what}");
    }

    /// Runs axe-core (WCAG 2.0/2.1/2.2 A and AA rules) on the current page; returns the violations.
    pub async fn axe_violations(&self) -> Vec<Value> {
        let source = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("node_modules/axe-core/axe.min.js"),
        )
        .expect("axe-core installed in tests/node_modules (the README's test command runs npm ci)");
        self.client
            .execute(&source, vec![])
            .await
            .expect("axe-core loads");
        let result = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })
                    .then(r => done(r.violations.map(v => ({ id: v.id, help: v.help, nodes: v.nodes.map(n => n.html) }))))
                    .catch(e => done([{ id: 'axe-error', help: String(e) }]));",
                vec![],
            )
            .await
            .expect("axe-core runs");
        result.as_array().cloned().unwrap_or_default()
    }

    /// Clicks the submit button of the form matching `form_css` and waits (up to 15 s) until
    /// the page it was on is gone.
    pub async fn submit(&self, form_css: &str) {
        let form = self
            .client
            .find(fantoccini::Locator::Css(form_css))
            .await
            .unwrap_or_else(|e| panic!("no form {form_css}: {e}"));
        form.find(fantoccini::Locator::Css("button[type=submit]"))
            .await
            .expect("a submit button")
            .click()
            .await
            .expect("click");
        for _ in 0..150 {
            if form.tag_name().await.is_err() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("the page did not change after submitting {form_css}");
    }

    /// Saves a screenshot to `target/screenshots/<name>.png` for people to look at.
    pub async fn screenshot(&self, name: &str) {
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/screenshots");
        let _ = std::fs::create_dir_all(&folder);
        if let Ok(png) = self.client.screenshot().await {
            let _ = std::fs::write(folder.join(format!("{name}.png")), png);
        }
    }

    /// Ends the session.
    pub async fn close(self) {
        let _ = self.client.close().await;
    }
}
