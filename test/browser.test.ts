/**
 * The demo page (demo/index.html) in a real browser: headless Chromium (Debian's package, /usr/bin/chromium) driven by
 * playwright-core loads the page from a static server, types Arabic text with markup in it, and checks the marked
 * entities, that nothing from the text ran, and that the page loaded nothing but its own files. Screenshots go to
 * test-output/ (demo-sample.png: the page as loaded; demo.png: after typing). Needs dist/ (`npm test` builds first). Skipped, with a warning saying why, when chromium or
 * playwright-core is missing (scripts/install-browser.sh installs chromium).
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';

const ROOT = path.resolve(__dirname, '..');
const CHROMIUM = '/usr/bin/chromium';
const DIST = path.join(ROOT, 'dist', 'index.mjs');
const OUT_DIR = path.join(ROOT, 'test-output');
const TIMEOUT = 60_000;

// The parts of playwright-core used here, typed locally so that this file compiles without the package installed.
interface Page {
  goto(url: string, options?: { waitUntil?: 'load' | 'domcontentloaded' | 'networkidle' }): Promise<unknown>;
  on(event: 'pageerror', listener: (err: Error) => void): void;
  on(event: 'console', listener: (msg: { type(): string; text(): string }) => void): void;
  on(event: 'dialog', listener: (dialog: { message(): string; dismiss(): Promise<void> }) => void): void;
  on(event: 'request', listener: (req: { url(): string }) => void): void;
  locator(selector: string): Locator;
  waitForFunction<A>(fn: (arg: A) => unknown, arg: A, options?: { timeout?: number }): Promise<unknown>;
  evaluate<R, A = undefined>(fn: (arg: A) => R, arg?: A): Promise<R>;
  screenshot(options: { path: string; fullPage?: boolean }): Promise<unknown>;
}
interface Locator {
  fill(value: string): Promise<void>;
  pressSequentially(text: string, options?: { delay?: number }): Promise<void>;
  click(): Promise<void>;
  evaluateAll<R>(fn: (els: any[]) => R): Promise<R>;
}
interface BrowserContext {
  newPage(): Promise<Page>;
  close(): Promise<void>;
}
interface Playwright {
  chromium: {
    launchPersistentContext(userDataDir: string, options: Record<string, unknown>): Promise<BrowserContext>;
  };
}
// in-page callbacks run in the browser; the project's TypeScript settings have no DOM types
declare const document: any;
declare const window: any;

function loadPlaywright(): Playwright | string {
  try {
    return require('playwright-core') as Playwright;
  } catch (err) {
    return `playwright-core is not installed (${(err as Error).message.split('\n')[0]}); install it with npm i -D playwright-core`;
  }
}

const playwright = fs.existsSync(CHROMIUM) ? loadPlaywright() : `${CHROMIUM} not found; run scripts/install-browser.sh`;
const skipReason = typeof playwright === 'string' ? playwright : '';
// straight to stderr: jest drops console output of a test file whose tests are all skipped when it runs several files
if (skipReason) process.stderr.write(`test/browser.test.ts: skipping the browser test: ${skipReason}\n`);
const browserTest = skipReason ? test.skip : test;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** A static server for `root` on 127.0.0.1 and a free port: GET (and HEAD) of files under root only. */
function serveStatic(root: string): Promise<{ origin: string; requests: string[]; close(): Promise<void> }> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const send = (status: number, body: string) => {
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    requests.push(`${req.method} ${req.url}`);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      return send(405, 'method not allowed');
    }
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      return send(400, 'bad request');
    }
    const file = path.resolve(root, `.${pathname}`);
    if (pathname.includes('\0') || pathname.includes('\\') || (file !== root && !file.startsWith(root + path.sep))) {
      return send(403, 'forbidden');
    }
    fs.stat(file, (err, stat) => {
      if (err || !stat.isFile()) return send(404, 'not found');
      res.writeHead(200, {
        'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        'content-length': stat.size,
        'cache-control': 'no-store',
      });
      if (req.method === 'HEAD') return res.end();
      fs.createReadStream(file).on('error', () => res.destroy()).pipe(res);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        origin: `http://127.0.0.1:${port}`,
        requests,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

/** The raw HTTP answer for a path, without URL normalisation (to test the server's refusals). */
function rawGet(origin: string, rawPath: string, method = 'GET'): Promise<number> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: hostname, port, path: rawPath, method }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('demo page in headless Chromium', () => {
  browserTest(
    `tags typed Arabic text, escapes the markup in it, and saves screenshots${skipReason ? ` (skipped: ${skipReason})` : ''}`,
    async () => {
      if (!fs.existsSync(DIST)) throw new Error(`${DIST} is missing: run npm run build first`);
      const pw = playwright as Playwright;
      const server = await serveStatic(ROOT);
      const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'arabic-ner-chromium-'));
      let context: BrowserContext | undefined;
      try {
        // the server serves files under the root and nothing else
        expect(await rawGet(server.origin, '/demo/index.html')).toBe(200);
        // (plain and %2e%2e dot segments are resolved away by URL parsing; encoded slashes are not)
        expect(await rawGet(server.origin, '/..%2F..%2F..%2Fetc%2Fpasswd')).toBe(403);
        expect(await rawGet(server.origin, '/demo/..%2f..%2fpackage.json')).toBe(403);
        expect(await rawGet(server.origin, '/demo/index.html%00')).toBe(403);
        expect(await rawGet(server.origin, '/%E0%A4%A')).toBe(400);
        expect(await rawGet(server.origin, '/demo/index.html', 'POST')).toBe(405);

        context = await pw.chromium.launchPersistentContext(profile, {
          executablePath: CHROMIUM,
          headless: true,
          args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
          viewport: { width: 1000, height: 800 },
          locale: 'ar',
          timeout: TIMEOUT,
        });
        const page = await context.newPage();
        const problems: string[] = [];
        const urls: string[] = [];
        page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
        page.on('console', (msg) => {
          if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
        });
        page.on('dialog', (dialog) => {
          problems.push(`dialog opened: ${dialog.message()}`);
          void dialog.dismiss();
        });
        page.on('request', (req) => urls.push(req.url()));

        await page.goto(`${server.origin}/demo/index.html`, { waitUntil: 'load' });
        // the prefilled sample is tagged on load (or the page says why not)
        await page.waitForFunction(() => document.body.dataset.state, undefined, { timeout: TIMEOUT });
        const [state, status] = await page.evaluate(() => [document.body.dataset.state, document.getElementById('status').textContent]);
        if (state !== 'ready') throw new Error(`the demo did not load: ${status}\n${problems.join('\n')}`);
        expect(await page.evaluate(() => document.querySelectorAll('#output mark.ent').length)).toBeGreaterThan(0);
        fs.mkdirSync(OUT_DIR, { recursive: true });
        await page.screenshot({ path: path.join(OUT_DIR, 'demo-sample.png'), fullPage: true });

        // clear the textarea and type a sentence with markup in it, key by key (live tagging on input)
        const typed = 'قصفت طائرات التحالف مواقع قرب تدمر وريف حمص <script>window.__ran = 1</script> <img src=x onerror="window.__ran = 2">';
        const textarea = page.locator('#text');
        await textarea.fill('');
        await textarea.pressSequentially(typed);
        await page.waitForFunction(
          (text: string) => document.getElementById('output').textContent.includes(text) && document.querySelectorAll('#output mark.ent').length >= 2,
          '<script>window.__ran = 1</script>',
          { timeout: TIMEOUT },
        );
        await page.locator('#tag').click();

        const marks = await page.locator('#output mark.ent').evaluateAll((els) =>
          els.map((el) => ({
            label: el.dataset.label as string,
            // the mention without the label that follows it inside the mark
            text: [...el.childNodes].filter((n: any) => !n.classList?.contains('label')).map((n: any) => n.textContent).join(''),
          })),
        );
        expect(marks).toEqual(expect.arrayContaining([{ label: 'LOC', text: 'تدمر' }, { label: 'LOC', text: 'حمص' }]));

        // the table lists the same entities, with their Latin names
        const rows = await page.locator('#entities tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((td: any) => td.textContent as string)));
        expect(rows.map((r) => [r[0], r[1]])).toEqual(marks.map((m) => [m.label, m.text]));
        for (const name of ['تدمر', 'حمص']) expect(rows.find((r) => r[1] === name)?.[2]).toMatch(/[A-Za-z]/);

        // the markup was shown as text: no element from the input, nothing ran, no request for the <img>
        const after = await page.evaluate(() => ({
          ran: window.__ran ?? null,
          elements: document.querySelectorAll('#output script, #output img, #entities script, #entities img').length,
          value: document.getElementById('text').value,
          legend: document.querySelectorAll('.arabic-ner-legend span').length,
          dir: window.getComputedStyle(document.querySelector('#output .arabic-ner')).direction,
        }));
        expect(after).toEqual({ ran: null, elements: 0, value: typed, legend: 4, dir: 'rtl' });
        expect(problems).toEqual([]);
        // everything came from the static server: no CDN, nothing else
        expect(urls.filter((u) => !u.startsWith(`${server.origin}/`))).toEqual([]);
        expect(urls).not.toContain(`${server.origin}/demo/x`);
        expect(server.requests).toEqual(expect.arrayContaining(['GET /demo/index.html', 'GET /dist/index.mjs']));

        await page.screenshot({ path: path.join(OUT_DIR, 'demo.png'), fullPage: true });
      } finally {
        await context?.close().catch(() => undefined);
        await server.close();
        fs.rmSync(profile, { recursive: true, force: true });
      }
    },
    TIMEOUT * 2,
  );
});
