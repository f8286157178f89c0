import fs from 'fs';

/** Debian's Chromium (CI installs it with `apt-get install -y chromium`); CHROMIUM_PATH points elsewhere. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Whether the browser tests can run on this machine. With CI set, a missing browser fails the test file instead of
 * letting it pass without having driven a browser.
 */
export const browserAvailable = (): boolean => {
  const present = fs.existsSync(chromiumPath);
  if (!present && process.env.CI) {
    throw new Error(`Chromium is not installed at ${chromiumPath} and CI is set: install it (apt-get install -y chromium) or set CHROMIUM_PATH`);
  }
  return present;
};

/** The launch options of the test browser (headless, no network of its own, a fresh profile). */
export const browserOptions = () => ({
  executablePath: chromiumPath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
