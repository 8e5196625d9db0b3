// lib.cjs — what every browser test shares (tests/e2e/run.sh runs each
// *.test.cjs with KHIPU_URL, DEMO_PW, PW_MODULES and CHROMIUM set): the
// TAP-like checks and their total, Debian's chromium launched headless,
// axe-core at WCAG 2.1 AA, and a form submit that answers at the same URL.
'use strict';
const path = require('path');
const fs = require('fs');
const { chromium } = require(path.join(process.env.PW_MODULES, 'playwright-core'));
const AXE = fs.readFileSync(path.join(process.env.PW_MODULES, 'axe-core', 'axe.min.js'), 'utf8');

const BASE = process.env.KHIPU_URL;
const PW = process.env.DEMO_PW;
let passed = 0, failed = 0;

function check(cond, what) {
	if (cond) { passed++; console.log(`ok - ${what}`); }
	else { failed++; console.log(`not ok - ${what}`); }
}

// axe-core on the whole page (scripts must run in its context: a context
// made with bypassCSP, since the pages' CSP allows no inline script)
async function axe(page, what) {
	const res = await page.evaluate(async (src) => {
		// eslint-disable-next-line no-eval
		(0, eval)(src);
		return await window.axe.run(document, { runOnly: { type: 'tag',
			values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
	}, AXE);
	const v = res.violations.map((x) => `${x.id} (${x.nodes.length}): ${x.nodes[0].target}`);
	check(v.length === 0, `axe: no WCAG 2.1 AA violation on ${what}`);
	if (v.length) console.log(v.map((s) => `#   ${s}`).join('\n'));
}

// a submit that answers with a page at the same address
async function post(page, loc) {
	await Promise.all([
		page.waitForResponse((r) => r.request().method() === 'POST'),
		loc.click(),
	]);
	await page.waitForLoadState();
}

function launch() {
	return chromium.launch({
		executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
		args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking'],
		headless: true,
	});
}

// the last line run.sh reads, and the exit status
function finish() {
	console.log(`${passed} passed, ${failed} failed`);
	process.exit(failed ? 1 : 0);
}

module.exports = { AXE, BASE, PW, check, axe, post, launch, finish };
