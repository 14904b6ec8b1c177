// Run before the browser tests: a missing browser gets one clear line, or, as root on Debian, an install.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findChromium } from './chromium-path.mjs';

if (!findChromium()) {
  const canInstall = process.getuid?.() === 0 && existsSync('/etc/debian_version');
  if (canInstall) {
    console.log('No Chromium found: installing Debian\'s chromium package (about a minute)…');
    execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', { stdio: 'inherit' });
  }
  if (!findChromium()) {
    console.error('No Chrome/Chromium found: install one (Debian/Ubuntu: sudo apt-get install -y chromium) or set CHROME_PATH to its binary.');
    process.exit(1);
  }
}
