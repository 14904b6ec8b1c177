// What every end-to-end test starts with: the repository served as the demo server serves it, and Chromium.
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumArgs, findChromium } from '../../scripts/chromium-path.mjs';
import { startDemoServer } from '../../scripts/demo-server.mjs';

export interface ServedBrowser {
  browser: Browser;
  /** The demo page's URL; other pages are under the same origin. */
  url: string;
  origin: string;
  stop(): Promise<void>;
}

export async function servedBrowser(): Promise<ServedBrowser> {
  const demo = await startDemoServer({ port: 0 });
  const browser = await chromium.launch({ executablePath: findChromium()!, args: chromiumArgs.filter((a) => !a.startsWith('--headless')) });
  return {
    browser,
    url: demo.url,
    origin: new URL(demo.url).origin,
    async stop() {
      await browser.close();
      await demo.server.stop();
    },
  };
}

/** Opens `path` with every CSP violation the page meets collected on `window.violations`. */
export async function openWatched(served: ServedBrowser, path: string): Promise<{ page: Page; violations: () => Promise<string[]>; errors: string[] }> {
  const page = await served.browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.addInitScript(() => {
    const seen: string[] = [];
    Object.assign(window, { violations: seen });
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective}: ${e.sample || e.blockedURI}`));
  });
  await page.goto(`${served.origin}/${path}`);
  return { page, errors, violations: () => page.evaluate(() => (window as unknown as { violations: string[] }).violations) };
}
