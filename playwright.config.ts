// Playwright: Debian's chromium (never a downloaded browser) against a build of the sample archive.
import { defineConfig } from "@playwright/test";

const PORT = 4173;

export default defineConfig({
  testDir: "tests/e2e",
  testMatch: "*.spec.ts",
  timeout: 30_000,
  workers: 2,
  reporter: [["./tests/e2e/count-reporter.ts"]],
  outputDir: "test-results",
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  webServer: {
    // Build the sites with the user's command (tests/e2e/prepare.ts), then serve them.
    command: `node --import tsx tests/e2e/prepare.ts && node --import tsx tests/e2e/serve.ts tmp/e2e-www ${PORT}`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
    timeout: 120_000,
  },
});
