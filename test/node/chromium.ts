// The Chromium of the tests that drive a browser from Node (playwright): the system's, headless and
// offline (see TOOLCHAIN: a browser that playwright downloads cannot be fetched here).
import { chromium, type Browser } from "playwright";

export const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

/** Debian's Chromium, or CHROMIUM_PATH. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", headless: true, args: CHROMIUM_ARGS });
}
